"""The `Doctrine` type: the validated doctrine file plus lookups by id and scenario checking.

Instances come from `load_doctrine` (which also runs the consistency checks) or from
`Doctrine.model_validate` followed by `overture.doctrine.checks.problems`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, Self

from pydantic import PrivateAttr

from overture.doctrine.model import (
    Counterparty,
    DoctrineBase,
    Exception_,
    Flag,
    Quote,
    Rule,
    Scenario,
    Source,
    View,
)
from overture.errors import FieldErrors, InputError, SourceLocation

Statement = Rule | Exception_


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
        """Every declared fact's value in the scenario (given, or the default)."""
        return {f.id: scenario.facts.get(f.id, f.default) for f in self.facts}

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
        if scenario.initiated_by not in initiators:
            out.append(
                (("initiated_by",), _known("initiator", scenario.initiated_by, initiators))
            )
        if scenario.view not in self.views_by_id:
            out.append((("view",), _known("view", scenario.view, list(self.views_by_id))))
        for name in scenario.facts:
            if name not in self.facts_by_id:
                out.append((("facts", name), _known("fact", name, list(self.facts_by_id))))
        return out


_CACHED = [name for name, value in vars(Doctrine).items() if isinstance(value, cached_property)]
