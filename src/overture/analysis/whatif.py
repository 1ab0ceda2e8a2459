"""What-if: the verdict of a scenario before and after a few changes, and what moved.

Compares the arguments of both evaluations: those that changed status, appeared or disappeared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from overture.analysis.space import Edit, ScenarioSpace, Value
from overture.doctrine import Doctrine, Scenario, load_doctrine
from overture.errors import InputError
from overture.verdict import Evaluation, evaluate

ABSENT = "absent"
"""Status of an argument that cannot be built in one of the two scenarios."""

_RANK = {"in": 0, "undec": 1, "out": 2}


@dataclass(frozen=True)
class ArgumentChange:
    """An argument (named by its top rule and conclusion) whose status differs between runs."""

    rule_id: str
    conclusion: str
    before: str
    after: str

    def to_json(self) -> dict[str, str]:
        return {"rule_id": self.rule_id, "conclusion": self.conclusion, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class WhatIf:
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

    def to_json(self) -> dict[str, Any]:
        return {
            "edits": [e.to_json() for e in self.edits],
            "before": {"verdict": str(self.before.verdict), "scenario": self.scenario_before.model_dump(mode="json")},
            "after": {"verdict": str(self.after.verdict), "scenario": self.scenario_after.model_dump(mode="json")},
            "verdict_changed": self.verdict_changed,
            "changed_arguments": [c.to_json() for c in self.changes],
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
    """Arguments whose status differs (including ones built in only one of the two)."""
    a, b = argument_statuses(before), argument_statuses(after)
    changes = []
    for key in sorted(set(a) | set(b)):
        sa, sb = a.get(key, ABSENT), b.get(key, ABSENT)
        if sa != sb:
            changes.append(ArgumentChange(key[0], key[1], sa, sb))
    return tuple(changes)


def what_if(
    scenario: Scenario,
    changes: Mapping[str, Value] | Iterable[Edit],
    doctrine: Doctrine | None = None,
    *,
    semantics: str = "grounded",
) -> WhatIf:
    """Evaluate `scenario` before and after `changes` (variable -> new value, or `Edit`s)."""
    doctrine = doctrine or load_doctrine()
    space = ScenarioSpace(doctrine, scenario)
    edits = tuple(Edit(space.resolve(k), v) for k, v in changes.items()) if isinstance(changes, Mapping) else tuple(changes)
    changed = space.apply(edits)
    before = evaluate(scenario, doctrine, semantics=semantics)
    after = evaluate(changed, doctrine, semantics=semantics)
    return WhatIf(edits, before, after, scenario, changed, diff_arguments(before, after))


def split_names(text: str, flag: str) -> list[str]:
    """A comma-separated flag value as a list of names (InputError if it names nothing)."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise InputError(f"{flag} names nothing: give one or more names separated by commas")
    return names


def edits_from_flags(
    space: ScenarioSpace,
    assignments: Iterable[str] = (),
    fields: Mapping[str, str | None] | None = None,
    topics: str | None = None,
) -> list[Edit]:
    """The edits that command-line flags ask for, each value checked against the doctrine.

    `assignments` are `name=value` items (`--set`: a fact, a `topic:x`, or a scenario field);
    `fields` maps scenario fields (mode, date, counterparty, view, initiated_by) to new values;
    `topics` is the new comma-separated topic list. Raises InputError naming the flag.
    """
    edits: list[Edit] = []
    for item in assignments:
        name, eq, value = item.partition("=")
        if not eq or not name.strip() or not value.strip():
            raise InputError(f"--set expects name=value (e.g. guarantees_offered=true), got {item!r}")
        var = space.resolve(name.strip())
        edits.append(Edit(var, space.parse_value(var, value.strip())))
    for var, text in (fields or {}).items():
        if text is not None:
            edits.append(Edit(var, space.parse_value(var, text)))
    if topics is not None:
        wanted = split_names(topics, "--topics")
        for t in wanted:
            space.resolve(f"topic:{t}")
        for t in space.vocabulary.topics:
            if (t in wanted) != (t in space.base.topics):
                edits.append(Edit(f"topic:{t}", t in wanted))
    return edits
