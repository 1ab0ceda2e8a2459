"""Views side by side: one scenario's verdict under each view of the doctrine, and what differs.

A view is a subset of the sources; the rules and quotes that argue in one view but not in another
are what make their verdicts part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from overture.analysis.counterfactual import SupportingRule, reasons_for_target
from overture.analysis.space import vocabulary_of
from overture.doctrine import DoctrineLike, Scenario, ScenarioLike
from overture.doctrine.resolve import resolve
from overture.errors import InputError, ShouldStop, check_stop
from overture.jsontext import JsonText
from overture.verdict import Evaluation, Verdict, evaluate


@dataclass(frozen=True)
class ViewResult:
    """The verdict under one view and the rules arguing each way in it."""

    view: str
    verdict: str
    evaluation: Evaluation
    reasons_for: tuple[SupportingRule, ...]
    reasons_against: tuple[SupportingRule, ...]

    @property
    def rule_ids(self) -> frozenset[str]:
        return frozenset(r.rule_id for r in (*self.reasons_for, *self.reasons_against))


@dataclass(frozen=True)
class DifferingRule(JsonText):
    """A rule that argues (for or against) in some views and not in others."""

    reason: SupportingRule
    side: str
    """`for` or `against` the permission."""
    present_in: tuple[str, ...]
    absent_from: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.reason.to_dict(), "side": self.side, "present_in": list(self.present_in),
                "absent_from": list(self.absent_from)}


@dataclass(frozen=True)
class ViewComparison(JsonText):
    """Verdicts under each view, whether they agree, and the rules that make them differ."""

    scenario: Scenario
    results: tuple[ViewResult, ...]
    differing: tuple[DifferingRule, ...]

    @property
    def verdicts(self) -> dict[str, str]:
        return {r.view: r.verdict for r in self.results}

    @property
    def agree(self) -> bool:
        return len(set(self.verdicts.values())) <= 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.model_dump(mode="json"),
            "verdicts": self.verdicts,
            "agree": self.agree,
            "views": [
                {"view": r.view, "verdict": r.verdict,
                 "reasons_for": [x.to_dict() for x in r.reasons_for],
                 "reasons_against": [x.to_dict() for x in r.reasons_against]}
                for r in self.results
            ],
            "differing_rules": [d.to_dict() for d in self.differing],
        }


def compare_views(
    scenario: ScenarioLike,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
    *,
    views: Sequence[str] | None = None,
    should_stop: ShouldStop | None = None,
) -> ViewComparison:
    """Evaluate `scenario` under each view (default: all the doctrine declares) and compare."""
    doctrine, scenario = resolve(scenario, doctrine)
    known = vocabulary_of(doctrine).views
    chosen = list(views) if views is not None else list(known)
    unknown = [v for v in chosen if v not in known]
    if unknown:
        raise InputError(f"unknown view(s) {', '.join(unknown)}; known views: {', '.join(known)}")
    results = []
    for view in chosen:
        check_stop(should_stop, "the comparison of views")
        ev = evaluate(scenario, doctrine, semantics, view=view)
        results.append(
            ViewResult(
                view,
                str(ev.verdict),
                ev,
                reasons_for_target(None, ev, str(Verdict.PERMITTED)),
                reasons_for_target(None, ev, str(Verdict.FORBIDDEN)),
            )
        )
    differing: list[DifferingRule] = []
    for side in ("for", "against"):
        seen: dict[str, SupportingRule] = {}
        where: dict[str, list[str]] = {}
        for r in results:
            for reason in r.reasons_for if side == "for" else r.reasons_against:
                seen.setdefault(reason.rule_id, reason)
                where.setdefault(reason.rule_id, []).append(r.view)
        for rid, reason in seen.items():
            present = where[rid]
            absent = [r.view for r in results if r.view not in present]
            if absent:
                differing.append(DifferingRule(reason, side, tuple(present), tuple(absent)))
    return ViewComparison(scenario, tuple(results), tuple(differing))
