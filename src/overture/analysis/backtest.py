"""Backtest: did the doctrine, judged as of each event's date, predict what the actor then did?

Each event is judged with only the statements made *before* its date (one stated the same day
or later is left out), its facts from the doctrine's world as of that date. Scored like a
forecast: accuracy and coverage on the decided events, and a Brier score (permitted = 1,
forbidden = 0, contested and undecided = 0.5) beside three baselines on the same log: always
refuse, the log's base rate, and "the previous outcome persists" (Brier 1950; for the baselines
of forecast verification see Murphy 1988, "Skill scores based on the mean square error").
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from overture.analysis.counterfactual import counterfactuals
from overture.analysis.events import Event, EventLog, event_scenarios, read_log, shipped_log
from overture.doctrine import Doctrine, DoctrineLike, Scenario
from overture.doctrine.loader import list_shipped_doctrines
from overture.doctrine.resolve import resolve_doctrine
from overture.doctrine.yamlpos import Located
from overture.errors import (
    Cancelled,
    InputError,
    LimitExceeded,
    ShouldStop,
    check_stop,
)
from overture.jsontext import JsonText
from overture.verdict import Verdict, evaluate, why_not

#: The probability of acceptance a verdict forecasts.
FORECAST = {Verdict.PERMITTED: 1.0, Verdict.FORBIDDEN: 0.0,
            Verdict.CONTESTED: 0.5, Verdict.UNDECIDED: 0.5}
OUTCOME_VALUE = {"accepted": 1.0, "refused": 0.0}
VERDICT_FOR = {"accepted": Verdict.PERMITTED, "refused": Verdict.FORBIDDEN}


def as_of(doctrine: Doctrine, when: dt.date) -> Doctrine:
    """The doctrine with only the statements made before `when` (none of that day or later)."""
    key = (id(doctrine), when)
    with _LOCK:
        got = _CUTS.get(key)
    if got is not None and got[0] is doctrine:
        return got[1]
    rules = [r for r in doctrine.rules if r.stated < when]
    exceptions = [x for x in doctrine.exceptions if x.stated < when]
    cut = doctrine.model_copy(update={"rules": rules, "exceptions": exceptions})
    cut._path = doctrine.path
    with _LOCK:
        if len(_CUTS) > 512:
            _CUTS.clear()
        _CUTS[key] = (doctrine, cut)
    return cut


_CUTS: dict[tuple[int, dt.date], tuple[Doctrine, Doctrine]] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Miss(JsonText):
    """Why an event was missed: the rules that decided, what stands in the way of the verdict
    matching the outcome, and the smallest changes that would have given it."""

    deciding: tuple[str, ...]
    blocked_by: tuple[str, ...]
    message: str
    flips: tuple[tuple[str, ...], ...]
    flips_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"deciding": list(self.deciding), "blocked_by": list(self.blocked_by),
                "why_not": self.message, "smallest_changes": [list(f) for f in self.flips],
                "smallest_changes_note": self.flips_note}


@dataclass(frozen=True)
class EventResult(JsonText):
    """One event judged as of its date."""

    event: Event
    view: str
    verdict: Verdict
    forecast: float
    hit: bool | None  # None: undecided verdict or ambiguous outcome
    left_out_same_day: tuple[str, ...]
    left_out_later: int
    reasons: tuple[str, ...]
    miss: Miss | None = None

    def to_dict(self) -> dict[str, Any]:
        e = self.event
        return {
            "id": e.id, "date": e.date.isoformat(), "what": e.what, "view": self.view,
            "scenario": e.scenario, "outcome": e.outcome, "verdict": self.verdict.value,
            "forecast": self.forecast, "hit": self.hit,
            "left_out": {"same_day": list(self.left_out_same_day), "later": self.left_out_later},
            "reasons": list(self.reasons),
            "source": e.source.model_dump(mode="json", exclude_none=True),
            "miss": self.miss.to_dict() if self.miss else None,
        }


def brier(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Mean squared difference between forecasts and outcomes (None for no scored event)."""
    return sum((p - y) ** 2 for p, y in pairs) / len(pairs) if pairs else None


@dataclass(frozen=True)
class ViewScore(JsonText):
    """The scores of one view on the log."""

    view: str
    results: tuple[EventResult, ...]
    counts: dict[str, dict[str, int]]
    scored: int
    decided: int
    hits: int
    accuracy: float | None
    coverage: float | None
    brier: float | None
    baselines: dict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "view": self.view, "counts": self.counts, "scored": self.scored,
            "decided": self.decided, "hits": self.hits, "accuracy": self.accuracy,
            "coverage": self.coverage, "brier": self.brier, "baselines": self.baselines,
            "events": [r.to_dict() for r in self.results],
        }


@dataclass(frozen=True)
class BacktestReport(JsonText):
    """A log judged by a doctrine under one or more views."""

    doctrine: str
    log_title: str | None
    semantics: str
    views: tuple[ViewScore, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"doctrine": self.doctrine, "log": self.log_title, "semantics": self.semantics,
                "views": [v.to_dict() for v in self.views], "notes": list(self.notes)}


def _score(view: str, results: list[EventResult]) -> ViewScore:
    counts = {v.value: {o: 0 for o in ("accepted", "refused", "ambiguous")} for v in Verdict}
    for r in results:
        counts[r.verdict.value][r.event.outcome] += 1
    scored = [r for r in results if r.event.outcome != "ambiguous"]
    decided = [r for r in scored if r.verdict in (Verdict.PERMITTED, Verdict.FORBIDDEN)]
    hits = sum(1 for r in decided if r.hit)
    ys = [OUTCOME_VALUE[r.event.outcome] for r in scored]
    base_rate = sum(ys) / len(ys) if ys else 0.5
    previous: list[tuple[float, float]] = []
    last = 0.5
    for r in sorted(scored, key=lambda r: (r.event.date, r.event.id)):
        y = OUTCOME_VALUE[r.event.outcome]
        previous.append((last, y))
        last = y
    return ViewScore(
        view=view, results=tuple(results), counts=counts, scored=len(scored),
        decided=len(decided), hits=hits,
        accuracy=hits / len(decided) if decided else None,
        coverage=len(decided) / len(scored) if scored else None,
        brier=brier([(r.forecast, OUTCOME_VALUE[r.event.outcome]) for r in scored]),
        baselines={
            "always_refuse": brier([(0.0, y) for y in ys]),
            "base_rate": brier([(base_rate, y) for y in ys]),
            "previous_outcome": brier(previous),
        },
    )


def _explain_miss(scenario: Scenario, doctrine: Doctrine, semantics: str, outcome: str,
                  ev_reasons: tuple[str, ...], max_evaluations: int,
                  should_stop: ShouldStop | None = None) -> Miss:
    target = VERDICT_FOR[outcome]
    wn = why_not(scenario, doctrine, semantics, target=target)
    blocked = tuple(dict.fromkeys(o.argument.rule_id or o.argument.id for o in wn.obstacles))
    flips: tuple[tuple[str, ...], ...] = ()
    note = None
    names = [v for v in ("counterparty", "mode", "initiated_by")] + [
        f"fact:{f.id}" for f in doctrine.facts] + [f"dimension:{d.id}" for d in doctrine.dimensions]
    try:
        for size in (1, 2):  # the smallest changes: single edits first, pairs only if none
            report = counterfactuals(scenario, doctrine, semantics, target=target,
                                     max_changes=size, variables=names,
                                     max_evaluations=max_evaluations, should_stop=should_stop)
            flips = tuple(tuple(e.describe() for e in cf.edits) for cf in report.results)
            if flips:
                break
        if not flips:
            note = "no change of at most 2 facts, dimensions, mode, counterparty or initiator gives it"
    except Cancelled:
        raise
    except LimitExceeded as exc:
        note = f"search stopped: {exc.message}"
    return Miss(ev_reasons, blocked, wn.message, flips, note)


def backtest(
    events: EventLog | str | Path,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
    *,
    views: Sequence[str] | None = None,
    all_views: bool = False,
    max_evaluations: int = 20_000,
    should_stop: ShouldStop | None = None,
) -> BacktestReport:
    """Judge every event of `events` as of its date and score the doctrine against the outcomes.

    `events` is an `EventLog`, a log file path, or the name of a shipped doctrine whose log is
    used (its `events.yaml`). The doctrine defaults to the log's own `doctrine`, else the
    default one. `views` (default: `all`) or `all_views` picks the views scored side by side.
    """
    log, located, named = _resolve_log(events)
    d = resolve_doctrine(doctrine if doctrine is not None else (named or log.doctrine))
    chosen = list(d.views_by_id) if all_views else list(views or ["all"])
    unknown = [v for v in chosen if v not in d.views_by_id]
    if unknown:
        raise InputError(f"unknown view(s) {', '.join(unknown)}; known views: "
                         f"{', '.join(d.views_by_id)}")
    scenarios = event_scenarios(log, located, d)
    statements = [*d.rules, *d.exceptions]
    scores: list[ViewScore] = []
    for view in chosen:
        results: list[EventResult] = []
        for e, s in zip(log.events, scenarios, strict=True):
            check_stop(should_stop, "the backtest")
            cut = as_of(d, e.date)
            s = s.model_copy(update={"view": view})
            ev = evaluate(s, cut, semantics)
            reasons = tuple(r.rule_id for r in ev.deciding_reasons)
            decided = ev.verdict in (Verdict.PERMITTED, Verdict.FORBIDDEN)
            hit = (None if e.outcome == "ambiguous" or not decided
                   else ev.verdict is VERDICT_FOR[e.outcome])
            miss = None
            if e.outcome != "ambiguous" and ev.verdict is not VERDICT_FOR[e.outcome]:
                miss = _explain_miss(s, cut, semantics, e.outcome, reasons, max_evaluations,
                                     should_stop)
            results.append(EventResult(
                event=e, view=view, verdict=ev.verdict, forecast=FORECAST[ev.verdict], hit=hit,
                left_out_same_day=tuple(st.id for st in statements if st.stated == e.date),
                left_out_later=sum(1 for st in statements if st.stated > e.date),
                reasons=reasons, miss=miss,
            ))
        scores.append(_score(view, results))
    return BacktestReport(d.id, log.title, semantics, tuple(scores))


def _resolve_log(events: EventLog | str | Path) -> tuple[EventLog, Located | None, str | None]:
    if isinstance(events, EventLog):
        return events, None, None
    text = str(events)
    if isinstance(events, str) and not Path(text).exists() and text in list_shipped_doctrines():
        d = resolve_doctrine(text)
        path = shipped_log(d)
        if path is None:
            raise InputError(f"the doctrine {text!r} ships no event log")
        log, located = read_log(path)
        return log, located, text
    log, located = read_log(events)
    return log, located, None
