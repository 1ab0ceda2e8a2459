"""Evaluation of scenarios for the analyses, memoised on what the doctrine can tell apart.

Wraps `overture.verdict.evaluate` and the judge's `VerdictMemo`; an invalid scenario has no verdict.
"""

from __future__ import annotations

from typing import Any

from overture.analysis.space import ScenarioSpace
from overture.doctrine import Doctrine, Scenario
from overture.errors import OvertureError
from overture.verdict import Evaluation, evaluate
from overture.verdict.judge import VerdictMemo


class CachedEvaluator:
    """Evaluate scenarios of one doctrine, caching by `ScenarioSpace.key`.

    Scenarios with the same key (same counterparty, topics, mode, view, initiator, facts, and a
    date with the same rules in force) share one evaluation. Verdicts are cached a second time
    on the compiled ASPIC+ theory: different scenarios often compile to the same theory (the
    same statements apply), and the verdict is a function of the theory alone, so compiling
    (about a third of the cost of judging) is all they cost.
    """

    def __init__(self, doctrine: Doctrine, space: ScenarioSpace, semantics: str = "grounded") -> None:
        self.doctrine = doctrine
        self.space = space
        self.semantics = semantics
        self._cache: dict[tuple[Any, ...], Evaluation | None] = {}
        self._verdicts: dict[tuple[Any, ...], str | None] = {}
        self._memo = VerdictMemo(doctrine, semantics)
        self.calls = 0
        self.misses = 0

    @property
    def judged(self) -> int:
        """How many theories were solved (the rest were answered from the memo)."""
        return self._memo.judged

    def __call__(self, scenario: Scenario) -> Evaluation | None:
        """The evaluation of `scenario`, or None if the doctrine rejects it as invalid input."""
        self.calls += 1
        key = self.space.key(scenario)
        if key in self._cache:
            return self._cache[key]
        self.misses += 1
        try:
            result: Evaluation | None = evaluate(scenario, self.doctrine, self.semantics)
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
        result: str | None
        try:
            result = str(self._memo.verdict(scenario))
        except OvertureError:
            result = None
        self._verdicts[key] = result
        return result
