"""Analyses over a doctrine: what-if, minimal counterfactuals, timeline, views, competing hypotheses,
sweeps, backtests against what the actor then did, and joint searches over two sides.

Each analysis is a function returning typed results with `to_dict()` (data) and `to_json()` (text); the CLI is a thin shell.
"""

from overture.analysis.backtest import BacktestReport, EventResult, ViewScore, backtest
from overture.analysis.counterfactual import (
    Counterfactual,
    CounterfactualReport,
    SupportingRule,
    counterfactuals,
)
from overture.analysis.events import Event, EventLog, EventSource, events_json_schema
from overture.analysis.hypotheses import (
    AchResult,
    EvidenceItem,
    Hypothesis,
    HypothesisSet,
    Rating,
    analyse,
    hypotheses_of,
    parse_hypotheses,
    read_hypotheses,
)
from overture.analysis.joint import JointResult, Stalemate, joint
from overture.analysis.joint_file import JointSetting, joint_json_schema, resolve_joint
from overture.analysis.joint_sides import SideEvaluation, side_evaluations
from overture.analysis.oracle import CachedEvaluator
from overture.analysis.search import (
    SearchStats,
    levelwise_minimal_edit_sets,
    monotone_minimal_edit_sets,
)
from overture.analysis.space import Edit, ScenarioSpace, Vocabulary, vocabulary_of
from overture.analysis.sweep import Axis, SweepResult, VariableInfluence, plan_axes, sweep
from overture.analysis.timeline import (
    Timeline,
    TimelinePoint,
    terminal_chart,
    timeline,
)
from overture.analysis.views import ViewComparison, ViewResult, compare_views
from overture.analysis.whatif import ArgumentChange, WhatIf, what_if

__all__ = [
    "AchResult",
    "ArgumentChange",
    "Axis",
    "BacktestReport",
    "CachedEvaluator",
    "Counterfactual",
    "CounterfactualReport",
    "Edit",
    "Event",
    "EventLog",
    "EventResult",
    "EventSource",
    "EvidenceItem",
    "Hypothesis",
    "HypothesisSet",
    "JointResult",
    "JointSetting",
    "Rating",
    "ScenarioSpace",
    "SearchStats",
    "SideEvaluation",
    "Stalemate",
    "SupportingRule",
    "SweepResult",
    "Timeline",
    "TimelinePoint",
    "VariableInfluence",
    "ViewComparison",
    "ViewResult",
    "ViewScore",
    "Vocabulary",
    "WhatIf",
    "analyse",
    "backtest",
    "compare_views",
    "counterfactuals",
    "events_json_schema",
    "hypotheses_of",
    "joint",
    "joint_json_schema",
    "levelwise_minimal_edit_sets",
    "monotone_minimal_edit_sets",
    "parse_hypotheses",
    "plan_axes",
    "read_hypotheses",
    "resolve_joint",
    "side_evaluations",
    "sweep",
    "terminal_chart",
    "timeline",
    "vocabulary_of",
    "what_if",
]
