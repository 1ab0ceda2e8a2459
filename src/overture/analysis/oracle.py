"""Evaluation of scenarios for the analyses, memoised on what the doctrine can tell apart.

Wraps `overture.verdict.evaluate`; a scenario the doctrine rejects as invalid has no verdict.
"""

from __future__ import annotations

from typing import Any

from overture.af import Semantics
from overture.analysis.space import ScenarioSpace
from overture.doctrine import Doctrine, Scenario
from overture.errors import OvertureError
from overture.verdict import Evaluation, evaluate, quick_verdict


class CachedEvaluator:
    """Evaluate scenarios of one doctrine, caching by `ScenarioSpace.key`.

    Scenarios with the same key (same counterparty, topics, mode, view, initiator, facts, and a
    date with the same rules in force) share one evaluation.
    """

    def __init__(self, doctrine: Doctrine, space: ScenarioSpace, semantics: str = "grounded") -> None:
        self.doctrine = doctrine
        self.space = space
        self.semantics = semantics
        self._cache: dict[tuple[Any, ...], Evaluation | None] = {}
        self._verdicts: dict[tuple[Any, ...], str | None] = {}
        self._semantics = Semantics.parse(semantics)
        self.calls = 0
        self.misses = 0

    def __call__(self, scenario: Scenario) -> Evaluation | None:
        """The evaluation of `scenario`, or None if the doctrine rejects it as invalid input."""
        self.calls += 1
        key = self.space.key(scenario)
        if key in self._cache:
            return self._cache[key]
        self.misses += 1
        try:
            result: Evaluation | None = evaluate(scenario, self.doctrine, semantics=self.semantics)
        except OvertureError:
            result = None
        self._cache[key] = result
        return result

    def verdict(self, scenario: Scenario) -> str | None:
        """The verdict of `scenario` as a string, or None if it is invalid (the cheap path:
        no explanation objects are built)."""
        key = self.space.key(scenario)
        if key in self._verdicts:
            return self._verdicts[key]
        self.misses += 1
        try:
            result: str | None = str(quick_verdict(self.doctrine, scenario, self._semantics))
        except OvertureError:
            result = None
        self._verdicts[key] = result
        return result
