"""The one judge: compile a scenario, evaluate the theory under a semantics, read the verdict.

Every face and analysis that needs a verdict calls `judge`; `Judgement` carries what it made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from overture.af import Label, Semantics, credulously_accepted
from overture.aspic import Literal, Ordering, Theory
from overture.aspic.evaluation import Mode, TheoryEvaluation
from overture.aspic.evaluation import evaluate as aspic_evaluate
from overture.doctrine.compile import CompiledScenario, compile_scenario
from overture.doctrine.doctrine import Doctrine
from overture.doctrine.model import Scenario
from overture.verdict.model import Verdict


def parse_semantics(semantics: str | Semantics) -> Semantics:
    """A Semantics from its name or ICCMA code (InputError listing the known ones)."""
    return semantics if isinstance(semantics, Semantics) else Semantics.parse(semantics)


def ordering_of(doctrine: Doctrine) -> Ordering:
    """The ASPIC+ argument ordering a doctrine asks for (last or weakest link, elitist)."""
    return Ordering.parse("weakest" if doctrine.ordering == "weakest_link" else "last", "elitist")


def _credulous(aev: TheoryEvaluation, lit: Literal) -> bool:
    """Some argument for `lit` is credulously accepted. Under the single-extension semantics
    (grounded, ideal) this asks the companion question under preferred semantics (= complete
    or admissible credulous acceptance), so `contested` means: each side is defensible,
    neither is justified."""
    ids = aev.arguments.by_conclusion.get(lit, [])
    if not ids:
        return False
    if aev.semantics not in (Semantics.GR, Semantics.ID):
        return aev.justified(lit, Mode.CREDULOUS)
    labels = aev.labels
    candidates = [i for i in ids if labels[i] is not Label.OUT]
    if any(labels[i] is Label.IN for i in candidates):
        return True
    return any(credulously_accepted(aev.af, i, Semantics.PR)[0] for i in candidates)


def verdict_of(aev: TheoryEvaluation, question: Literal) -> Verdict:
    """The verdict on `question` in an ASPIC+ evaluation (see `Verdict`)."""
    yes = aev.justified(question, Mode.SKEPTICAL)
    no = aev.justified(question.negate(), Mode.SKEPTICAL)
    if yes and not no:
        return Verdict.PERMITTED
    if no and not yes:
        return Verdict.FORBIDDEN
    if yes and no:  # only with inconsistent extensions; report the conflict
        return Verdict.CONTESTED
    if _credulous(aev, question) and _credulous(aev, question.negate()):
        return Verdict.CONTESTED
    return Verdict.UNDECIDED


@dataclass(frozen=True, eq=False)
class Judgement:
    """What judging one scenario made: the compiled theory, its evaluation and the verdict."""

    doctrine: Doctrine
    scenario: Scenario
    semantics: Semantics
    compiled: CompiledScenario
    aspic: TheoryEvaluation
    verdict: Verdict


def theory_key(theory: Theory, question: Literal) -> tuple[Any, ...]:
    """A structural key of an ASPIC+ theory and question (theories compare by identity): two
    scenarios that compile to equal keys have the same verdict under the same semantics."""
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


def judge(
    doctrine: Doctrine, scenario: Scenario, semantics: str | Semantics = Semantics.GR
) -> Judgement:
    """Compile `scenario` against `doctrine`, evaluate it under `semantics`, read the verdict.

    Both inputs must already be resolved and checked (see `overture.doctrine.resolve`).
    """
    sem = parse_semantics(semantics)
    compiled = compile_scenario(doctrine, scenario)
    aev = aspic_evaluate(compiled.theory, sem, ordering_of(doctrine))
    return Judgement(doctrine, scenario, sem, compiled, aev, verdict_of(aev, compiled.question))


class VerdictMemo:
    """Verdicts of one doctrine under one semantics, memoised on the compiled theory.

    Different scenarios often compile to the same theory (the same statements apply), and the
    verdict is a function of the theory alone, so a repeat costs only the compilation.
    """

    def __init__(self, doctrine: Doctrine, semantics: str | Semantics = Semantics.GR) -> None:
        self.doctrine = doctrine
        self.semantics = parse_semantics(semantics)
        self._ordering = ordering_of(doctrine)
        self._by_theory: dict[tuple[Any, ...], Verdict] = {}
        self.judged = 0

    def remember(self, judgement: Judgement) -> None:
        """Keep a verdict already computed (so that it is never computed twice)."""
        key = theory_key(judgement.compiled.theory, judgement.compiled.question)
        self._by_theory.setdefault(key, judgement.verdict)

    def verdict(self, scenario: Scenario) -> Verdict:
        """The verdict of a resolved scenario (compiled each time, solved once per theory)."""
        compiled = compile_scenario(self.doctrine, scenario)
        key = theory_key(compiled.theory, compiled.question)
        got = self._by_theory.get(key)
        if got is None:
            self.judged += 1
            aev = aspic_evaluate(compiled.theory, self.semantics, self._ordering)
            got = self._by_theory[key] = verdict_of(aev, compiled.question)
        return got
