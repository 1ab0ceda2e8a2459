"""Timeline: a scenario's verdict at every date where a statement of the doctrine enters into force.

A rule is in force for scenarios dated on or after its statement date, so the verdict can only
move on those dates; each point names the statements that entered and whether they moved it.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from typing import Any

from overture.doctrine import DoctrineLike, Scenario, ScenarioLike, view_plan
from overture.doctrine.resolve import resolve
from overture.errors import InputError, ShouldStop, check_stop
from overture.jsontext import JsonText
from overture.verdict import evaluate

VERDICT_LEVELS = ("forbidden", "contested", "undecided", "permitted")
"""Vertical order of the verdicts on charts, bottom to top."""


@dataclass(frozen=True)
class TimelinePoint(JsonText):
    """The verdict from `date` on (until the next point), and the statements that entered then."""

    date: dt.date
    verdict: str
    entered: tuple[str, ...]
    moved: bool
    """True when the verdict differs from the previous point's (the entering statements moved it)."""
    movers: tuple[str, ...] = ()
    """Of the entering statements, those among the reasons for the new verdict (when it moved)."""
    applied: tuple[str, ...] = ()
    """Statements that apply to the scenario from this date and did not just before (an entered
    statement whose conditions fail does not apply; a ban that hardens does)."""
    lapsed: tuple[str, ...] = ()
    """Statements that applied just before and no longer do."""

    @property
    def marked(self) -> bool:
        """The verdict moved, or the set of statements that apply to the scenario changed."""
        return self.moved or bool(self.applied) or bool(self.lapsed)

    @property
    def label(self) -> tuple[str, ...]:
        """What a chart names at this date: the movers when the verdict moved, else the
        statements that began (or ceased) to apply. Never a statement that does not apply."""
        if self.moved and self.movers:
            return self.movers
        return self.applied or self.lapsed

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "verdict": self.verdict, "entered": list(self.entered),
                "moved": self.moved, "movers": list(self.movers), "applied": list(self.applied),
                "lapsed": list(self.lapsed), "marked": self.marked, "label": list(self.label)}


@dataclass(frozen=True)
class Timeline(JsonText):
    """Verdicts of one scenario (apart from its date) across a span of dates."""

    scenario: Scenario
    start: dt.date
    end: dt.date
    points: tuple[TimelinePoint, ...]

    def __repr__(self) -> str:
        return (f"<Timeline {self.start}..{self.end}: {len(self.points)} points, "
                f"{len(self.moves)} moves of the verdict>")

    def _repr_html_(self) -> str:
        # notebook HTML, drawn by the render layer through the package root (always loaded)
        return str(sys.modules["overture"].notebook_html(self))

    @property
    def moves(self) -> tuple[TimelinePoint, ...]:
        """The points where the verdict changed."""
        return tuple(p for p in self.points if p.moved)

    def verdict_on(self, when: dt.date) -> str:
        """The verdict on `when` (which must lie in the span)."""
        if not self.start <= when <= self.end:
            raise InputError(f"{when} lies outside the timeline {self.start}..{self.end}")
        current = self.points[0].verdict
        for p in self.points:
            if p.date <= when:
                current = p.verdict
        return current

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.model_dump(mode="json"),
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "points": [p.to_dict() for p in self.points],
        }


def as_date(value: str | int | dt.date, *, end: bool = False) -> dt.date:
    """A year (`2005` -> 1 Jan, or 31 Dec with `end`) or an ISO date."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if text.isdigit() and len(text) == 4:
        return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"expected a year or an ISO date, got {text!r}") from None


def timeline(
    scenario: ScenarioLike,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
    *,
    start: str | int | dt.date | None = None,
    end: str | int | dt.date | None = None,
    view: str | None = None,
    should_stop: ShouldStop | None = None,
) -> Timeline:
    """The verdict of `scenario` (its date replaced) at `start` and at every date up to `end` where a
    statement of the scenario's view enters into force or lapses, or the doctrine's world changes.

    Defaults: from the first such date to the last.
    """
    doctrine, scenario = resolve(scenario, doctrine, view)
    in_view = {st.id for st in view_plan(doctrine, scenario.view).statements}
    statements: dict[dt.date, tuple[str, ...]] = {}
    for st in [*doctrine.rules, *doctrine.exceptions]:
        if st.id in in_view:
            statements[st.stated] = (*statements.get(st.stated, ()), st.id)
            if st.until is not None:
                statements.setdefault(st.until, ())
    for e in doctrine.world:  # a change of the world can move the verdict too
        for when in (e.from_, e.until):
            if when is not None:
                statements.setdefault(when, ())
    statements = dict(sorted(statements.items()))
    dates = list(statements)
    if not dates:
        raise InputError(f"view {scenario.view!r} has no dated statements")
    lo = as_date(start) if start is not None else dates[0]
    hi = as_date(end, end=True) if end is not None else dates[-1]
    if lo > hi:
        raise InputError(f"empty span: {lo} is after {hi}")
    inside = [d for d in dates if lo < d <= hi]
    points: list[TimelinePoint] = []
    before: set[str] | None = None
    for when in [lo, *inside]:
        check_stop(should_stop, "the timeline")
        ev = evaluate(scenario.model_copy(update={"date": when}), doctrine, semantics)
        verdict = str(ev.verdict)
        entered = statements.get(when, ())
        moved = bool(points) and points[-1].verdict != verdict
        movers: tuple[str, ...] = ()
        if moved:
            arguing = {r.rule_id for r in ev.deciding_reasons}
            movers = tuple(r for r in entered if r in arguing)
        applying = {a.rule_id for a in ev.arguments if a.rule_id and a.kind != "scenario"}
        applied = () if before is None else tuple(sorted(applying - before))
        lapsed = () if before is None else tuple(sorted(before - applying))
        before = applying
        points.append(TimelinePoint(when, verdict, tuple(entered), moved, movers, applied,
                                    lapsed))
    return Timeline(scenario, lo, hi, tuple(points))


def terminal_chart(tl: Timeline, width: int = 60) -> list[str]:
    """A compact chart: one row per verdict, a mark where the verdict held, time left to right."""
    span = max((tl.end - tl.start).days, 1)
    cols = [" "] * width
    rows = {v: list(cols) for v in VERDICT_LEVELS}
    for i, p in enumerate(tl.points):
        nxt = tl.points[i + 1].date if i + 1 < len(tl.points) else tl.end + dt.timedelta(days=1)
        a = min(width - 1, (p.date - tl.start).days * width // (span + 1))
        b = max(a + 1, min(width, (nxt - tl.start).days * width // (span + 1)))
        row = rows.setdefault(p.verdict, list(cols))
        for c in range(a, b):
            row[c] = "█"
    label_w = max(len(v) for v in rows)
    lines = [f"{v:>{label_w}} │{''.join(rows[v])}│" for v in reversed(list(rows))]
    axis = f"{'':>{label_w}} └{'─' * width}┘"
    left, right = tl.start.isoformat(), tl.end.isoformat()
    dates = f"{'':>{label_w}}  {left}{right:>{max(width - len(left), len(right))}}"
    return [*lines, axis, dates]
