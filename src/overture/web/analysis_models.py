"""Request and response models of the analysis endpoints (what-if, counterfactuals, timeline,
views, hypotheses); responses mirror the `to_dict()` of `overture.analysis`'s results.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from overture.verdict import Verdict
from overture.web.doctrine_models import EvaluateRequest
from overture.web.models import Strict

Value = bool | str


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class EditOut(_Out):
    """One change to a scenario, e.g. `fact:us_behavior_changed` → true."""

    variable: str = Field(
        description="`counterparty`, `mode`, `date`, `view`, `initiated_by`, "
        "`fact:NAME` or `topic:NAME`."
    )
    value: Value
    description: str
    stands_for: str | None = Field(default=None, description="What else this value stands for.")


class ScenarioVerdict(_Out):
    verdict: Verdict
    scenario: dict[str, object]


class ArgumentChangeOut(_Out):
    rule_id: str
    conclusion: str
    before: str
    after: str


class WhatIfRequest(EvaluateRequest):
    """A scenario and the changes to try."""

    changes: dict[str, Value] = Field(
        min_length=1,
        max_length=50,
        description="Variable → new value: `mode`, `date` (ISO), `counterparty`, `view`, "
        "`initiated_by`, a fact name (bool) or `topic:NAME` (bool).",
    )


class WhatIfOut(_Out):
    """The verdict before and after, and the arguments whose status changed."""

    edits: list[EditOut]
    before: ScenarioVerdict
    after: ScenarioVerdict
    verdict_changed: bool
    changed_arguments: list[ArgumentChangeOut]


class QuoteText(_Out):
    id: str
    text: str


class ReasonOut(_Out):
    rule_id: str
    gloss: str
    source: str
    date: str
    quotes: list[QuoteText]
    new: bool = False


class CounterfactualOut(_Out):
    """One minimal set of edits that yields the target verdict."""

    edits: list[EditOut]
    changes: int
    verdict: Verdict
    scenario: dict[str, object]
    reasons: list[ReasonOut]


class CounterfactualRequest(EvaluateRequest):
    """A scenario, the verdict wanted, and how many edits to allow."""

    target: Verdict | None = Field(
        default=None, description="Verdict wanted (default: the opposite of the current one)."
    )
    max_changes: int = Field(default=2, ge=1, le=3, description="Largest edit set considered.")
    variables: list[str] | None = Field(
        default=None, max_length=100, description="Only these variables may change."
    )


class CounterfactualReportOut(_Out):
    """Every minimal edit set (no proper subset works) ranked by size."""

    scenario: dict[str, object]
    verdict: Verdict
    target: Verdict
    max_changes: int
    variables: list[str]
    counterfactuals: list[CounterfactualOut]
    evaluations: int
    pruned: int
    search_seconds: float


class TimelineRequest(EvaluateRequest):
    """A scenario whose date is swept over a span."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    start: dt.date | int | None = Field(
        default=None, alias="from", description="First date (ISO) or year; default first statement."
    )
    end: dt.date | int | None = Field(
        default=None, alias="to", description="Last date (ISO) or year; default last statement."
    )


class TimelinePointOut(_Out):
    date: dt.date
    verdict: Verdict
    entered: list[str] = Field(description="Statements entering into force on this date.")
    moved: bool = Field(description="Whether the verdict changed here.")
    movers: list[str] = Field(default_factory=list, description="Of those entering, the ones "
                              "among the reasons for the new verdict (when it moved).")
    applied: list[str] = Field(default_factory=list, description="Statements that apply to "
                               "the scenario from this date and did not just before.")
    lapsed: list[str] = Field(default_factory=list, description="Statements that no longer apply.")
    marked: bool = Field(default=False, description="The verdict moved or the applying "
                         "statements changed.")
    label: list[str] = Field(default_factory=list, description="What the chart names here.")


class TimelineOut(_Out):
    """The verdict at the start and at every date where a statement enters into force."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")
    points: list[TimelinePointOut]
    chart_svg: str = Field(default="", description="The chart (the report's and `overture "
                           "timeline --out`'s), each band with its `data-date`.")


class ViewVerdict(_Out):
    view: str
    verdict: Verdict
    reasons_for: list[ReasonOut]
    reasons_against: list[ReasonOut]


class DifferingRuleOut(ReasonOut):
    side: str
    present_in: list[str]
    absent_from: list[str]


class ViewsOut(_Out):
    """The verdict under each view and the rules that make them differ."""

    verdicts: dict[str, Verdict]
    agree: bool
    views: list[ViewVerdict]
    differing_rules: list[DifferingRuleOut]


class HypothesisOut(_Out):
    id: str
    title: str
    description: str = ""


class EvidenceOut(_Out):
    id: str
    quote: str
    credibility: float
    relevance: float
    ratings: dict[str, Literal["CC", "C", "N", "I", "II"]]
    note: str = ""


class DiagnosticityOut(_Out):
    item: str
    spread: int
    weighted: float
    diagnostic: bool


class SensitivityOut(_Out):
    item: str
    ranking: list[list[str]]
    pivotal: bool
    decisive: bool


class HypothesesOut(_Out):
    """The analysis-of-competing-hypotheses matrix and its scores (lower inconsistency wins)."""

    hypotheses: list[HypothesisOut]
    evidence: list[EvidenceOut]
    inconsistency: dict[str, float]
    consistency: dict[str, float]
    ranking: list[list[str]]
    diagnosticity: list[DiagnosticityOut]
    sensitivity: list[SensitivityOut]


class BacktestRequest(Strict):
    """An event log to judge: the log shipped beside a doctrine (`doctrine` alone), or one sent
    in the body (`events`, the format of `overture schema events`)."""

    doctrine: str = Field(description="A shipped or uploaded doctrine; its own log when `events` is absent.")
    events: dict[str, Any] | list[Any] | None = Field(
        default=None, description="An event log (mapping with `events`, or a list of events).")
    views: list[str] | None = Field(default=None, description="Views to score (default: all).")
    all_views: bool = False
    semantics: str = "grounded"


class BacktestViewOut(_Out):
    """One view's scores on the log, with every event judged (see `overture backtest --json`)."""

    view: str
    counts: dict[str, dict[str, int]] = Field(description="verdict -> outcome -> number of events")
    scored: int
    decided: int
    hits: int
    accuracy: float | None
    coverage: float | None
    brier: float | None
    baselines: dict[str, float | None] = Field(
        description="Brier scores of always_refuse, base_rate and previous_outcome on the same log")
    events: list[dict[str, Any]] = Field(description="Each event: verdict, outcome, hit, left_out, "
                                         "reasons, source, miss (why, smallest changes)")
    chart_svg: str = Field(description="Hits and misses over time, as inline SVG")


class BacktestOut(_Out):
    """A doctrine scored against an event log."""

    doctrine: str
    log: str | None
    semantics: str
    notes: list[str]
    views: list[BacktestViewOut]



class JointRequest(Strict):
    """A joint search: a shipped joint file by id (`joint`), or one sent in the body (`spec`,
    the format of `overture schema joint`, naming shipped or uploaded doctrines)."""

    joint: str | None = Field(default=None, description="A shipped joint file's id.")
    spec: dict[str, Any] | None = Field(default=None, description="A joint file, as a mapping.")
    date: dt.date = Field(description="As of this date.")
    max_moves: int | None = Field(default=None, ge=0, le=8)
    topics: list[str] | None = Field(default=None, description="Topics every overture counted must include.")
    concessions: bool = False
    max_concessions: int = Field(default=1, ge=1, le=2)
    semantics: str = "grounded"
    graphs: bool = Field(default=False, description="Also each side's judged scenario with its "
                         "argument graph (SVG, the rules the answer turns on ringed).")


class JointSideOut(_Out):
    """One side's judged scenario in a joint answer (see `overture.analysis.joint_sides`)."""

    side: str
    doctrine: str
    role: str = Field(description="accepts, waits, blocked or permits")
    node: str = Field(description="A move id, or `goal`")
    action: str
    scenario: dict[str, Any]
    facts: dict[str, bool]
    verdict: str
    rules: list[str] = Field(description="The rules the answer turns on (ringed in the graph)")
    waits_for: str | None
    caption: str
    graph_svg: str


class JointListOut(_Out):
    """The shipped joint files."""

    joints: list[dict[str, Any]] = Field(description="Each: id, title, sides (id, doctrine, "
                                         "counterparty)")


class JointOut(_Out):
    """The jointly acceptable overtures with their moves and reasons, or the stalemate
    certificate (see `overture joint --json`)."""

    joint_id: str
    date: dt.date
    sides: dict[str, str]
    goals: dict[str, str]
    goal_topics: list[str]
    semantics: str
    joint: list[dict[str, Any]] = Field(description="Each: scenario, moves (steps), reasons per side, move_reasons")
    stalemate: dict[str, Any] | None = Field(description="null, or cycle, cycle_on and blocked (every candidate)")
    searched: dict[str, int]
    exact: bool
    concessions: list[dict[str, Any]] | None
    concessions_exact: bool | None
    side_graphs: list[JointSideOut] | None = Field(default=None, description="With `graphs`: "
                                                   "each side's judged scenario and graph")
