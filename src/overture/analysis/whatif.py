"""What-if: the verdict of a scenario before and after a few changes, and what moved.

Compares the arguments of both evaluations: those that changed status, appeared or disappeared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from overture.analysis.space import Edit, ScenarioSpace, Value
from overture.doctrine import DoctrineLike, Scenario, ScenarioLike
from overture.doctrine.resolve import resolve
from overture.jsontext import JsonText
from overture.verdict import Evaluation, evaluate

ABSENT = "absent"
"""Status of an argument that cannot be built in one of the two scenarios."""

_RANK = {"in": 0, "undec": 1, "out": 2}


@dataclass(frozen=True)
class ArgumentChange(JsonText):
    """An argument (named by its top rule and conclusion) whose status differs between runs."""

    rule_id: str
    conclusion: str
    before: str
    after: str

    def to_dict(self) -> dict[str, str]:
        return {"rule_id": self.rule_id, "conclusion": self.conclusion, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class WhatIf(JsonText):
    """Two evaluations of one scenario, before and after the edits, and their differences."""

    edits: tuple[Edit, ...]
    before: Evaluation
    after: Evaluation
    scenario_before: Scenario
    scenario_after: Scenario
    changes: tuple[ArgumentChange, ...]

    @property
    def verdict_changed(self) -> bool:
        return str(self.before.verdict) != str(self.after.verdict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "edits": [e.to_dict() for e in self.edits],
            "before": {"verdict": str(self.before.verdict), "scenario": self.scenario_before.model_dump(mode="json")},
            "after": {"verdict": str(self.after.verdict), "scenario": self.scenario_after.model_dump(mode="json")},
            "verdict_changed": self.verdict_changed,
            "changed_arguments": [c.to_dict() for c in self.changes],
        }


def argument_statuses(ev: Evaluation) -> dict[tuple[str, str], str]:
    """(top rule id, conclusion) -> status; of several arguments with one key, the strongest."""
    out: dict[tuple[str, str], str] = {}
    for arg in ev.arguments:
        key = (arg.rule_id or "", arg.conclusion)
        status = str(arg.status)
        if key not in out or _RANK.get(status, 3) < _RANK.get(out[key], 3):
            out[key] = status
    return out


def diff_arguments(before: Evaluation, after: Evaluation) -> tuple[ArgumentChange, ...]:
    """Arguments whose status differs (including ones built in only one of the two).

    A scenario premise (no rule) counts only when what the scenario says flipped: the premise
    gone on one side and its negation come on the other. A premise that merely appears or
    disappears was drawn because some rule needed it (a topic absent, a mode not taken), not
    because the scenario changed."""
    a, b = argument_statuses(before), argument_statuses(after)
    changes = []
    for key in sorted(set(a) | set(b)):
        sa, sb = a.get(key, ABSENT), b.get(key, ABSENT)
        if sa == sb:
            continue
        if not key[0] and ABSENT in (sa, sb):
            neg = ("", key[1][1:] if key[1].startswith("~") else f"~{key[1]}")
            flipped = (a.get(neg, ABSENT) != ABSENT) == (sa == ABSENT) and (
                b.get(neg, ABSENT) != ABSENT) == (sb == ABSENT)
            if not flipped:
                continue
        changes.append(ArgumentChange(key[0], key[1], sa, sb))
    return tuple(changes)


def what_if(
    scenario: ScenarioLike,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
    *,
    changes: Mapping[str, Value] | Iterable[Edit],
    view: str | None = None,
) -> WhatIf:
    """Evaluate `scenario` before and after `changes` (variable -> new value, or `Edit`s).

    `scenario` and `doctrine` are taken as `overture.evaluate` takes them."""
    doctrine, scenario = resolve(scenario, doctrine, view)
    space = ScenarioSpace(doctrine, scenario)
    edits = tuple(Edit(space.resolve(k), v) for k, v in changes.items()) if isinstance(changes, Mapping) else tuple(changes)
    changed = space.apply(edits)
    before = evaluate(scenario, doctrine, semantics)
    after = evaluate(changed, doctrine, semantics)
    return WhatIf(edits, before, after, scenario, changed, diff_arguments(before, after))
