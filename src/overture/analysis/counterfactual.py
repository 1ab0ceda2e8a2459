"""Minimal counterfactuals: every smallest set of scenario edits that yields a target verdict.

Exact (not sampled): `overture.analysis.search` enumerates edit sets by size over the doctrine's
scenario space, with superset pruning and cached evaluations.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from overture.analysis.oracle import CachedEvaluator
from overture.analysis.search import (
    SearchStats,
    levelwise_minimal_edit_sets,
    monotone_minimal_edit_sets,
)
from overture.analysis.space import Edit, ScenarioSpace, Value
from overture.doctrine import DoctrineLike, Scenario, ScenarioLike
from overture.doctrine.resolve import resolve
from overture.errors import InputError, OvertureError, ShouldStop, check_stop
from overture.jsontext import JsonText
from overture.verdict import Evaluation, Reason, Verdict

Strategy = Literal["exact", "monotone"]


@dataclass(frozen=True)
class SupportingRule(JsonText):
    """A rule that argues for the target verdict in the changed scenario, with its evidence."""

    rule_id: str
    gloss: str
    source: str
    date: str
    quotes: tuple[str, ...]
    new: bool
    """True when the rule did not already argue for the target in the original scenario."""
    quote_texts: tuple[str, ...] = ()
    """The quoted words, in the order of `quotes`."""

    def to_dict(self) -> dict[str, Any]:
        texts = self.quote_texts or ("",) * len(self.quotes)
        return {
            "rule_id": self.rule_id,
            "gloss": self.gloss,
            "source": self.source,
            "date": self.date,
            "quotes": [{"id": q, "text": t} for q, t in zip(self.quotes, texts, strict=True)],
            "new": self.new,
        }


@dataclass(frozen=True)
class Counterfactual(JsonText):
    """One minimal edit set, the scenario it yields, and the reasons the target then holds."""

    edits: tuple[Edit, ...]
    scenario: Scenario
    verdict: str
    reasons: tuple[SupportingRule, ...]
    notes: tuple[str | None, ...] = ()
    """Per edit, what else its value stands for (a date's interval, equivalent counterparties)."""

    def to_dict(self) -> dict[str, Any]:
        notes = self.notes or (None,) * len(self.edits)
        return {
            "edits": [{**e.to_dict(), "stands_for": n} for e, n in zip(self.edits, notes, strict=True)],
            "changes": len(self.edits),
            "verdict": self.verdict,
            "scenario": self.scenario.model_dump(mode="json"),
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass(frozen=True)
class CounterfactualReport(JsonText):
    """All minimal counterfactuals of one scenario for one target, ranked by number of edits."""

    scenario: Scenario
    verdict: str
    target: str
    max_changes: int
    variables: tuple[str, ...]
    results: tuple[Counterfactual, ...]
    stats: SearchStats = field(default_factory=SearchStats)

    def __repr__(self) -> str:
        return (f"<CounterfactualReport {self.verdict} -> {self.target}: {len(self.results)} "
                f"minimal change set(s) of at most {self.max_changes}>")

    def _repr_html_(self) -> str:
        # notebook HTML, drawn by the render layer through the package root (always loaded)
        return str(sys.modules["overture"].notebook_html(self))

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.model_dump(mode="json"),
            "verdict": self.verdict,
            "target": self.target,
            "max_changes": self.max_changes,
            "variables": list(self.variables),
            "counterfactuals": [c.to_dict() for c in self.results],
            "evaluations": self.stats.evaluations,
            "pruned": self.stats.pruned,
            "search_seconds": self.stats.seconds,
        }


def _reason_list(ev: Evaluation, target: str) -> list[Reason]:
    """The reasons that make `target` hold: those against talks for `forbidden`, those for
    talks for `permitted`, and both sides for `contested` / `undecided` (the standoff)."""
    if target == str(Verdict.FORBIDDEN):
        return list(ev.reasons_against)
    if target == str(Verdict.PERMITTED):
        return list(ev.reasons_for)
    return [*ev.reasons_for, *ev.reasons_against]


def reasons_for_target(before: Evaluation | None, after: Evaluation, target: str) -> tuple[SupportingRule, ...]:
    """The rules arguing for `target` in `after`; those absent from `before` first."""
    old = {r.rule_id for r in _reason_list(before, target)} if before else set()
    out = [
        SupportingRule(
            rule_id=r.rule_id,
            gloss=r.gloss,
            source=r.source,
            date=r.date.isoformat(),
            quotes=tuple(q.id for q in r.quotes),
            new=r.rule_id not in old,
            quote_texts=tuple(q.text for q in r.quotes),
        )
        for r in _reason_list(after, target)
    ]
    out.sort(key=lambda r: not r.new)
    return tuple(out)


def default_target(verdict: str) -> str:
    """`permitted` unless the scenario is already permitted, then `forbidden`."""
    return str(Verdict.FORBIDDEN) if verdict == str(Verdict.PERMITTED) else str(Verdict.PERMITTED)


def counterfactuals(
    scenario: ScenarioLike,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
    *,
    target: str | Verdict | None = None,
    max_changes: int = 2,
    variables: Sequence[str] | None = None,
    view: str | None = None,
    strategy: Strategy = "exact",
    max_evaluations: int | None = 200_000,
    evaluator: CachedEvaluator | None = None,
    should_stop: ShouldStop | None = None,
) -> CounterfactualReport:
    """Every minimal set of at most `max_changes` edits after which `scenario` gets `target`.

    Variables default to every fact, topic (added or removed), the mode, counterparty,
    initiator, view and date (candidate dates: the doctrine's statement dates and the days either
    side, one per set of rules in force). Minimal: no proper subset of the edits yields the target.
    `strategy="monotone"` uses the SAT-map search, exact only if the target is monotone in the
    edits; the default `exact` strategy is exact for any doctrine. `should_stop` (checked before
    every evaluation) ends the search with `Cancelled`.
    """
    doctrine, scenario = resolve(scenario, doctrine, view)
    space = ScenarioSpace(doctrine, scenario)
    oracle = evaluator or CachedEvaluator(doctrine, space, semantics)
    base_eval = oracle(scenario)
    if base_eval is None:
        raise InputError("the scenario is not valid for this doctrine")
    verdict = str(base_eval.verdict)
    if target is not None and str(target) not in {str(v) for v in Verdict}:
        raise InputError(f"unknown target verdict {str(target)!r}; expected one of {', '.join(v.value for v in Verdict)}")
    goal = str(target) if target is not None else default_target(verdict)
    names = [space.resolve(v) for v in variables] if variables is not None else space.variables()
    alternatives: dict[str, list[Value]] = {v: space.alternatives(v) for v in names}

    def works(edits: Mapping[str, Value]) -> bool:
        check_stop(should_stop, "the counterfactual search")
        try:
            changed = space.apply(edits)
        except OvertureError:  # e.g. every topic removed
            return False
        return oracle.verdict(changed) == goal

    stats = SearchStats()
    search = monotone_minimal_edit_sets if strategy == "monotone" else levelwise_minimal_edit_sets
    started = time.perf_counter()
    found = search(names, alternatives, works, max_changes, max_evaluations=max_evaluations, stats=stats)
    stats.seconds = time.perf_counter() - started
    results = []
    for edit_set in found:
        edits = tuple(Edit(v, val) for v, val in edit_set)
        changed = space.apply(edits)
        after = oracle(changed)
        assert after is not None
        results.append(
            Counterfactual(
                edits,
                changed,
                str(after.verdict),
                reasons_for_target(base_eval, after, goal),
                tuple(space.class_note(e) for e in edits),
            )
        )
    return CounterfactualReport(scenario, verdict, goal, max_changes, tuple(names), tuple(results), stats)
