"""The `Doctrine` type: the validated doctrine file plus lookups by id and scenario checking.

Instances come from `load_doctrine` (which also runs the consistency checks) or from
`Doctrine.model_validate` followed by `overture.doctrine.checks.problems`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Self

from pydantic import PrivateAttr

from overture.doctrine.model import (
    Counterparty,
    Dimension,
    DoctrineBase,
    Exception_,
    Flag,
    Quote,
    Rule,
    Scenario,
    Source,
    View,
    WorldEntry,
)
from overture.errors import FieldErrors, InputError, SourceLocation

Statement = Rule | Exception_


@dataclass(frozen=True)
class FactOrigin:
    """Where a scenario's fact value comes from: the scenario itself, the doctrine's world as
    of the scenario's date (with the entry), a fact that implies it, or the declared default."""

    fact: str
    value: bool
    origin: str  # "scenario" | "world" | "implied" | "default"
    entry: WorldEntry | None = None
    implied_by: str | None = None

    def describe(self) -> str:
        if self.origin == "world" and self.entry is not None:
            span = f"from {self.entry.from_}" + (f" until {self.entry.until}"
                                                  if self.entry.until else "")
            return f"world ({span}; {self.entry.source})"
        if self.origin == "implied":
            return f"implied by {self.implied_by}"
        return self.origin


def _known(kind: str, wanted: str, known: list[str]) -> str:
    listing = ", ".join(known) if known else "(none declared)"
    plural = kind[:-1] + "ies" if kind.endswith("y") else kind + "s"
    return f"unknown {kind} {wanted!r}; known {plural}: {listing}"


class Doctrine(DoctrineBase):
    """A negotiation doctrine: sources, quotes, vocabulary, rules, exceptions, preferences,
    policies, views, tests and hypotheses (see `overture.doctrine.model`)."""

    _path: Path | None = PrivateAttr(default=None)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (with `update` applied, unvalidated); lookups are rebuilt for the copy."""
        new = super().model_copy(update=update, deep=deep)
        for name in _CACHED:
            new.__dict__.pop(name, None)
        return new

    @property
    def path(self) -> Path | None:
        """The file the doctrine was loaded from, if any."""
        return self._path

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def quotes_by_id(self) -> dict[str, Quote]:
        return {q.id: q for q in self.quotes}

    @cached_property
    def counterparties_by_id(self) -> dict[str, Counterparty]:
        return {c.id: c for c in self.counterparties}

    @cached_property
    def facts_by_id(self) -> dict[str, Flag]:
        return {f.id: f for f in self.facts}

    @cached_property
    def attributes_by_id(self) -> dict[str, Flag]:
        return {a.id: a for a in self.counterparty_attributes}

    @cached_property
    def views_by_id(self) -> dict[str, View]:
        return {v.id: v for v in self.views}

    @cached_property
    def statements_by_id(self) -> dict[str, Statement]:
        """Rules and exceptions by id (they share one namespace)."""
        out: dict[str, Statement] = {r.id: r for r in self.rules}
        out.update({x.id: x for x in self.exceptions})
        return out

    @cached_property
    def topic_ids(self) -> list[str]:
        return [t.id for t in self.topics]

    @cached_property
    def dimensions_by_id(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    @cached_property
    def action_ids(self) -> list[str]:
        """The literals this doctrine judges; the first is the default action."""
        return list(self.actions) or [self.question]

    @property
    def default_action(self) -> str:
        return self.action_ids[0]

    @cached_property
    def initiator_default(self) -> str:
        """The initiator of a scenario that names none."""
        ids = [i.id for i in self.initiators]
        if self.default_initiator is not None:
            return self.default_initiator
        return "counterparty" if "counterparty" in ids else ids[0]

    def completed(self, scenario: Scenario) -> Scenario:
        """The scenario with the doctrine's defaults written in (initiator, dimensions)."""
        update: dict[str, Any] = {}
        if scenario.initiated_by is None:
            update["initiated_by"] = self.initiator_default
        dims = self.dimension_values(scenario)
        if dims != scenario.dimensions:
            update["dimensions"] = dims
        return scenario.model_copy(update=update) if update else scenario

    def initiator_of(self, scenario: Scenario) -> str:
        return scenario.initiated_by or self.initiator_default

    def action_of(self, scenario: Scenario) -> str:
        return scenario.action or self.default_action

    def dimension_values(self, scenario: Scenario) -> dict[str, str]:
        """Every declared dimension's value in the scenario (given, or the default)."""
        return {d.id: scenario.dimensions.get(d.id, d.default) for d in self.dimensions}

    def actor_of(self, statement: Statement) -> str | None:
        """The state or body the statement's speaker speaks for."""
        return statement.actor or self.sources_by_id[statement.source].actor or self.actor

    def in_view(self, statement: Statement, view: View) -> bool:
        """Whether the statement matches every criterion of the view."""
        if view.sources and statement.source not in view.sources:
            return False
        if view.kinds and self.kind_of(statement) not in view.kinds:
            return False
        return not view.said_by or self.speaker_of(statement) in view.said_by

    def world_as_of(self, when: dt.date) -> dict[str, WorldEntry]:
        """The world entries in force on `when`, by fact (the latest-starting one wins)."""
        out: dict[str, WorldEntry] = {}
        for e in self.world:
            if e.from_ <= when and (e.until is None or when < e.until):
                have = out.get(e.fact)
                if have is None or e.from_ >= have.from_:
                    out[e.fact] = e
        return out

    def fact_origins(self, scenario: Scenario) -> dict[str, FactOrigin]:
        """Every declared fact's value and where it comes from: the scenario overrides the
        world as of its date, which overrides the default; then implications are applied."""
        world = self.world_as_of(scenario.date)
        out: dict[str, FactOrigin] = {}
        for f in self.facts:
            if f.id in scenario.facts:
                out[f.id] = FactOrigin(f.id, scenario.facts[f.id], "scenario")
            elif f.id in world:
                out[f.id] = FactOrigin(f.id, world[f.id].value, "world", world[f.id])
            else:
                out[f.id] = FactOrigin(f.id, f.default, "default")
        changed = True
        while changed:  # implications: strict, to a fixpoint (the checks reject cycles)
            changed = False
            for f in self.facts:
                if not out[f.id].value:
                    continue
                for g in f.implies:
                    if g in out and not out[g].value and out[g].origin != "scenario":
                        out[g] = FactOrigin(g, True, "implied", implied_by=f.id)
                        changed = True
        return out

    def quote(self, quote_id: str) -> Quote:
        """The quote with this id (InputError listing the known ids otherwise)."""
        try:
            return self.quotes_by_id[quote_id]
        except KeyError:
            raise InputError(_known("quote", quote_id, list(self.quotes_by_id))) from None

    def statement(self, statement_id: str) -> Statement:
        """The rule or exception with this id."""
        try:
            return self.statements_by_id[statement_id]
        except KeyError:
            raise InputError(_known("rule", statement_id, list(self.statements_by_id))) from None

    def kind_of(self, statement: Statement) -> str:
        """The statement's kind: its own override or its source's kind."""
        return statement.kind or self.sources_by_id[statement.source].kind

    def speaker_of(self, statement: Statement) -> str | None:
        return statement.speaker or self.sources_by_id[statement.source].speaker

    def fact_values(self, scenario: Scenario) -> dict[str, bool]:
        """Every declared fact's value in the scenario (see `fact_origins`)."""
        return {k: o.value for k, o in self.fact_origins(scenario).items()}

    def attribute_values(self, counterparty_id: str) -> dict[str, bool]:
        """Every declared attribute's value for the counterparty (given, or the default)."""
        given = self.counterparties_by_id[counterparty_id].attributes
        return {a.id: given.get(a.id, a.default) for a in self.counterparty_attributes}

    def check_scenario(self, scenario: Scenario, location: SourceLocation | None = None) -> None:
        """Raise `FieldErrors` (one per field) if the scenario names ids this doctrine does
        not declare. Each message lists the known ids; `location` (if known) is attached."""
        problems = self.scenario_problems(scenario)
        if problems:
            raise FieldErrors([(".".join(str(p) for p in path), message)
                               for path, message in problems], location)

    def scenario_problems(self, scenario: Scenario) -> list[tuple[tuple[str | int, ...], str]]:
        """All unknown ids in the scenario, as (path in the scenario, message) pairs."""
        out: list[tuple[tuple[str | int, ...], str]] = []
        if scenario.counterparty not in self.counterparties_by_id:
            out.append(
                (("counterparty",),
                 _known("counterparty", scenario.counterparty, list(self.counterparties_by_id)))
            )
        topics = set(self.topic_ids)
        for i, t in enumerate(scenario.topics):
            if t not in topics:
                out.append((("topics", i), _known("topic", t, self.topic_ids)))
        if len(set(scenario.topics)) != len(scenario.topics):
            out.append((("topics",), "a topic is listed twice"))
        modes = [m.id for m in self.modes]
        if scenario.mode not in modes:
            out.append((("mode",), _known("mode", scenario.mode, modes)))
        initiators = [i.id for i in self.initiators]
        if scenario.initiated_by is not None and scenario.initiated_by not in initiators:
            out.append(
                (("initiated_by",), _known("initiator", scenario.initiated_by, initiators))
            )
        for name, value in scenario.dimensions.items():
            dim = self.dimensions_by_id.get(name)
            if dim is None:
                out.append(((name,), _known("dimension", name, list(self.dimensions_by_id))
                            + " (or a field: counterparty, topics, mode, date, view, "
                            "initiated_by, facts, action)"))
            elif value not in (values := [v.id for v in dim.values]):
                out.append(((name,), _known(f"{name} value", value, values)))
        if scenario.action is not None and scenario.action not in self.action_ids:
            out.append((("action",), _known("action", scenario.action, self.action_ids)))
        if scenario.view not in self.views_by_id:
            out.append((("view",), _known("view", scenario.view, list(self.views_by_id))))
        for name in scenario.facts:
            if name not in self.facts_by_id:
                out.append((("facts", name), _known("fact", name, list(self.facts_by_id))))
        return out


_CACHED = [name for name, value in vars(Doctrine).items() if isinstance(value, cached_property)]
