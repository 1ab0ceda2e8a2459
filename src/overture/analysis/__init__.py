"""Analyses over a doctrine: what-if, minimal counterfactuals, timeline, views, competing hypotheses, sweeps.

Each analysis is a function returning typed results with `to_json()`; the CLI is a thin shell.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from overture.analysis.counterfactual import (
        Counterfactual,
        CounterfactualReport,
        Reason,
        counterfactuals,
    )
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
        save_chart,
        terminal_chart,
        timeline,
    )
    from overture.analysis.views import ViewComparison, ViewResult, compare_views
    from overture.analysis.whatif import ArgumentChange, WhatIf, what_if

_LAZY: dict[str, str] = {
    "AchResult": "overture.analysis.hypotheses",
    "ArgumentChange": "overture.analysis.whatif",
    "Axis": "overture.analysis.sweep",
    "CachedEvaluator": "overture.analysis.oracle",
    "Counterfactual": "overture.analysis.counterfactual",
    "CounterfactualReport": "overture.analysis.counterfactual",
    "Edit": "overture.analysis.space",
    "EvidenceItem": "overture.analysis.hypotheses",
    "Hypothesis": "overture.analysis.hypotheses",
    "HypothesisSet": "overture.analysis.hypotheses",
    "Rating": "overture.analysis.hypotheses",
    "Reason": "overture.analysis.counterfactual",
    "ScenarioSpace": "overture.analysis.space",
    "SearchStats": "overture.analysis.search",
    "SweepResult": "overture.analysis.sweep",
    "Timeline": "overture.analysis.timeline",
    "TimelinePoint": "overture.analysis.timeline",
    "VariableInfluence": "overture.analysis.sweep",
    "ViewComparison": "overture.analysis.views",
    "ViewResult": "overture.analysis.views",
    "Vocabulary": "overture.analysis.space",
    "WhatIf": "overture.analysis.whatif",
    "analyse": "overture.analysis.hypotheses",
    "compare_views": "overture.analysis.views",
    "counterfactuals": "overture.analysis.counterfactual",
    "hypotheses_of": "overture.analysis.hypotheses",
    "levelwise_minimal_edit_sets": "overture.analysis.search",
    "monotone_minimal_edit_sets": "overture.analysis.search",
    "parse_hypotheses": "overture.analysis.hypotheses",
    "plan_axes": "overture.analysis.sweep",
    "read_hypotheses": "overture.analysis.hypotheses",
    "save_chart": "overture.analysis.timeline",
    "sweep": "overture.analysis.sweep",
    "terminal_chart": "overture.analysis.timeline",
    "timeline": "overture.analysis.timeline",
    "vocabulary_of": "overture.analysis.space",
    "what_if": "overture.analysis.whatif",
}


def __getattr__(name: str) -> Any:
    """Import each analysis on first use, so that e.g. ACH needs neither solvers nor matplotlib."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'overture.analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "AchResult",
    "ArgumentChange",
    "Axis",
    "CachedEvaluator",
    "Counterfactual",
    "CounterfactualReport",
    "Edit",
    "EvidenceItem",
    "Hypothesis",
    "HypothesisSet",
    "Rating",
    "Reason",
    "ScenarioSpace",
    "SearchStats",
    "SweepResult",
    "Timeline",
    "TimelinePoint",
    "VariableInfluence",
    "ViewComparison",
    "ViewResult",
    "Vocabulary",
    "WhatIf",
    "analyse",
    "compare_views",
    "counterfactuals",
    "hypotheses_of",
    "levelwise_minimal_edit_sets",
    "monotone_minimal_edit_sets",
    "parse_hypotheses",
    "plan_axes",
    "read_hypotheses",
    "save_chart",
    "sweep",
    "terminal_chart",
    "timeline",
    "vocabulary_of",
    "what_if",
]
