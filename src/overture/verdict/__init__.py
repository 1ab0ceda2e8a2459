"""Verdicts: judge a scenario against a doctrine, explain the verdict, say what blocks another.

`evaluate(scenario, doctrine=...)` returns a typed `Evaluation`; `explain` gives the winning
line of argument with each attack on it; `why_not` lists what stands in the way of a verdict.
"""

from overture.verdict.evaluate import evaluate
from overture.verdict.explain import (
    Challenge,
    Explanation,
    Line,
    MissingSupport,
    Obstacle,
    WhyNot,
    explain,
    unmet_conditions,
    why_not,
)
from overture.verdict.judge import Judgement, judge, verdict_of
from overture.verdict.model import (
    ArgumentView,
    AttackView,
    Defeat,
    Evaluation,
    QuoteRef,
    Reason,
    Verdict,
)

__all__ = [
    "ArgumentView",
    "AttackView",
    "Challenge",
    "Defeat",
    "Evaluation",
    "Explanation",
    "Judgement",
    "Line",
    "MissingSupport",
    "Obstacle",
    "QuoteRef",
    "Reason",
    "Verdict",
    "WhyNot",
    "evaluate",
    "explain",
    "judge",
    "unmet_conditions",
    "verdict_of",
    "why_not",
]
