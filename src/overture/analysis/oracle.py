"""Evaluation of scenarios for the analyses, memoised on what the doctrine can tell apart.

Wraps `overture.verdict.evaluate`; a scenario the doctrine rejects as invalid has no verdict.
"""

from __future__ import annotations

from typing import Any

from overture.af import Semantics
from overture.analysis.space import ScenarioSpace
from overture.aspic import Literal, Theory
from overture.aspic import evaluate as aspic_evaluate
from overture.doctrine import Doctrine, Scenario, compile_scenario
from overture.errors import OvertureError
from overture.verdict import Evaluation, evaluate, verdict_of
from overture.verdict.evaluate import ordering_of


def theory_key(theory: Theory, question: Literal) -> tuple[Any, ...]:
    """A structural key of an ASPIC+ theory and question (theories compare by identity)."""
    return (
        frozenset(theory.rules),
        theory.axioms,
        theory.premises,
        theory.contraries,
        theory.rule_preferences,
        theory.premise_preferences,
        theory.rule_weak_preferences,
        theory.premise_weak_preferences,
        question,
    )


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
        self._by_theory: dict[Any, str] = {}
        self._semantics = Semantics.parse(semantics)
        self._ordering = ordering_of(doctrine)
        self.judged = 0
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
        result: str | None
        try:
            compiled = compile_scenario(self.doctrine, scenario)
            theory = compiled.theory
            tkey = theory_key(theory, compiled.question)
            result = self._by_theory.get(tkey)
            if result is None:
                self.judged += 1
                aev = aspic_evaluate(theory, self._semantics, self._ordering)
                result = str(verdict_of(aev, compiled.question))
                self._by_theory[tkey] = result
        except OvertureError:
            result = None
        self._verdicts[key] = result
        return result
