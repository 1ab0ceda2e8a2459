"""Rationality (Caminada & Amgoud 2007): theory conditions, transposition, postulate checks.

`check_theory` warns precisely when a theory breaks the conditions under which the postulates
are proved (Modgil & Prakken 2013, Sec. 4); `transpose` adds the missing transpositions;
`check_postulates` tests sub-argument closure, strict closure and consistency of extensions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from overture.aspic.language import InferenceRule, Literal
from overture.aspic.theory import Theory

if TYPE_CHECKING:
    from overture.aspic.evaluation import TheoryEvaluation


class IssueKind(StrEnum):
    NOT_TRANSPOSED = "not-transposed"  # strict rules not closed under transposition
    INCONSISTENT_AXIOMS = "inconsistent-axioms"  # Cl_S(K_n) is inconsistent
    CONTRARY_OF_FIRM = "contrary-of-firm"  # a contrary targets an axiom or strict consequent


@dataclass(frozen=True)
class Issue:
    """One violated condition: what kind, a sentence, and the rules and literals involved."""

    kind: IssueKind
    message: str
    rules: tuple[str, ...] = ()
    literals: tuple[Literal, ...] = ()

    def __str__(self) -> str:
        return self.message


def transpositions(rule: InferenceRule) -> list[tuple[tuple[Literal, ...], Literal]]:
    """The transpositions of a strict rule φ1..φn -> ψ: φ1..−ψ..φn -> −φi for each i
    (Caminada & Amgoud 2007)."""
    out = []
    for i, ant in enumerate(rule.antecedents):
        body = (*rule.antecedents[:i], rule.consequent.negate(), *rule.antecedents[i + 1 :])
        out.append((body, ant.negate()))
    return out


def _key(body: Iterable[Literal], head: Literal) -> tuple[frozenset[Literal], Literal]:
    return frozenset(body), head


def missing_transpositions(theory: Theory) -> list[tuple[str, InferenceRule]]:
    """Pairs (source rule name, missing transposed rule) for the strict rules of `theory`."""
    have = {_key(r.antecedents, r.consequent) for r in theory.rules if r.strict}
    names = {r.name for r in theory.rules}
    out: list[tuple[str, InferenceRule]] = []
    for rule in theory.strict_rules:
        for i, (body, head) in enumerate(transpositions(rule)):
            k = _key(body, head)
            if k in have:
                continue
            have.add(k)
            name = f"{rule.name}.t{i + 1}"
            while name in names:
                name += "'"
            names.add(name)
            out.append((rule.name, InferenceRule(name, body, head, strict=True)))
    return out


def transpose(theory: Theory) -> Theory:
    """`theory` with its strict rules closed under transposition (added rules named `s.tI`)."""
    current = theory
    while True:
        missing = missing_transpositions(current)
        if not missing:
            return current
        current = current.with_rules(rule for _, rule in missing)


def strict_derivations(
    theory: Theory, max_sets: int = 100_000
) -> dict[Literal, set[frozenset[Literal]]]:
    """For each literal φ, the minimal sets S of literals with S ⊢ φ by the strict rules
    (S = {φ} itself is left out). Raises LimitExceeded past `max_sets` sets in all."""
    from overture.errors import LimitExceeded

    derived: dict[Literal, set[frozenset[Literal]]] = {}
    total = 0

    def sets_for(lit: Literal) -> list[frozenset[Literal]]:
        return [frozenset({lit}), *derived.get(lit, ())]

    changed = True
    while changed:
        changed = False
        for rule in theory.strict_rules:
            choices = [sets_for(a) for a in rule.antecedents]
            combos: list[frozenset[Literal]] = [frozenset()]
            for options in choices:
                combos = [c | o for c in combos for o in options]
                if len(combos) > max_sets:
                    raise LimitExceeded(f"strict rules yield more than {max_sets} derivations")
            have = derived.setdefault(rule.consequent, set())
            for s in combos:
                if rule.consequent in s or any(h <= s for h in have):
                    continue
                for h in [h for h in have if s < h]:
                    have.discard(h)
                have.add(s)
                total += 1
                changed = True
                if total > max_sets:
                    raise LimitExceeded(f"strict rules yield more than {max_sets} derivations")
    return derived


def contrapose(theory: Theory, max_rules: int = 10_000) -> Theory:
    """`theory` with its strict rules closed under contraposition (Caminada & Amgoud
    2007): whenever S ⊢ φ, a rule S \\ {s}, −φ -> −s is added for each s in S (named
    `cp1`, `cp2`, ...), repeating until nothing new follows. Implies closure under
    transposition; raises LimitExceeded past `max_rules` added rules."""
    from overture.errors import LimitExceeded

    current = theory
    names = {r.name for r in theory.rules}
    have = {_key(r.antecedents, r.consequent) for r in theory.strict_rules}
    count = 0
    while True:
        new: list[InferenceRule] = []
        for phi, sets in strict_derivations(current).items():
            for s in sets:
                for x in sorted(s):
                    body = (*sorted(s - {x}), phi.negate())
                    head = x.negate()
                    k = _key(body, head)
                    if k in have or head in body:
                        continue
                    have.add(k)
                    count += 1
                    if count > max_rules:
                        raise LimitExceeded(
                            f"contraposition adds more than {max_rules} strict rules"
                        )
                    name = f"cp{count}"
                    while name in names:
                        name += "'"
                    names.add(name)
                    new.append(InferenceRule(name, tuple(dict.fromkeys(body)), head, strict=True))
        if not new:
            return current
        current = current.with_rules(new)


def strict_closure(literals: Iterable[Literal], theory: Theory) -> frozenset[Literal]:
    """Cl_S: close `literals` under the strict rules of `theory` (forward chaining)."""
    known = set(literals)
    waiting: dict[Literal, list[tuple[InferenceRule, list[int]]]] = {}
    queue = list(known)
    for rule in theory.strict_rules:
        need = [0]
        pending = [a for a in rule.antecedents if a not in known]
        need[0] = len(pending)
        if not pending:
            if rule.consequent not in known:
                known.add(rule.consequent)
                queue.append(rule.consequent)
            continue
        for a in pending:
            waiting.setdefault(a, []).append((rule, need))
    while queue:
        lit = queue.pop()
        for rule, need in waiting.pop(lit, []):
            need[0] -= 1
            if need[0] == 0 and rule.consequent not in known:
                known.add(rule.consequent)
                queue.append(rule.consequent)
    return frozenset(known)


def conflicts(literals: Iterable[Literal], theory: Theory) -> list[tuple[Literal, Literal]]:
    """Pairs (c, t) in the set with c in t's contrariness set (the set is inconsistent)."""
    s = set(literals)
    out = []
    for t in sorted(s):
        for c in sorted(theory.attackers_of(t)):
            if c in s and (t, c) not in out:
                out.append((c, t))
    return out


def check_theory(theory: Theory) -> list[Issue]:
    """Warn where `theory` breaks the conditions of the rationality results.

    Checks closure of the strict rules under transposition (Caminada & Amgoud 2007), consistency of
    the strict closure of the axioms (Modgil & Prakken 2013, "axiom consistent"), and that no
    contrary targets an axiom or a strict rule's consequent (Modgil & Prakken 2013, "well formed").
    """
    issues: list[Issue] = []
    missing = missing_transpositions(theory)
    by_rule: dict[str, list[InferenceRule]] = {}
    for src, rule in missing:
        by_rule.setdefault(src, []).append(rule)
    for src, rules in by_rule.items():
        shown = "; ".join(
            f"{', '.join(str(a) for a in r.antecedents)} -> {r.consequent}" for r in rules
        )
        issues.append(Issue(
            IssueKind.NOT_TRANSPOSED,
            f"strict rule {src} is not closed under transposition (missing: {shown}); "
            "closure and consistency may fail (Caminada & Amgoud 2007); use transpose()",
            (src,),
        ))
    closure = strict_closure(theory.axioms, theory)
    bad = conflicts(closure, theory)
    if bad:
        shown = ", ".join(f"{c} against {t}" for c, t in bad)
        issues.append(Issue(
            IssueKind.INCONSISTENT_AXIOMS,
            f"the axioms and strict rules derive conflicting literals: {shown}",
            (),
            tuple(sorted({x for pair in bad for x in pair})),
        ))
    strict_heads = {r.consequent: r.name for r in theory.strict_rules}
    for c, t in sorted(theory.contraries):
        if not theory.is_contrary(c, t):
            continue
        if t in theory.axioms:
            issues.append(Issue(
                IssueKind.CONTRARY_OF_FIRM,
                f"{c} is a contrary of the axiom {t}; contraries must not target axioms",
                (), (c, t),
            ))
        if t in strict_heads:
            issues.append(Issue(
                IssueKind.CONTRARY_OF_FIRM,
                f"{c} is a contrary of {t}, the consequent of strict rule {strict_heads[t]}; "
                "contraries must not target strict consequents",
                (strict_heads[t],), (c, t),
            ))
    return issues


@dataclass(frozen=True)
class PostulateViolation:
    """A postulate (Caminada & Amgoud 2007) failing for extension number `extension`."""

    postulate: str  # "sub-argument closure", "strict closure", "direct/indirect consistency"
    extension: int
    detail: str


def check_postulates(evaluation: TheoryEvaluation) -> list[PostulateViolation]:
    """Test every extension for sub-argument closure, closure under strict rules, and direct
    and indirect consistency; return the violations (empty when all hold)."""
    theory = evaluation.theory
    args = evaluation.arguments
    out: list[PostulateViolation] = []
    for k, ext in enumerate(evaluation.extensions):
        for i in sorted(ext):
            missing = args.sub_arguments(i) - ext
            if missing:
                out.append(PostulateViolation(
                    "sub-argument closure", k,
                    f"{args[i].name} is in but its sub-argument {args[min(missing)].name} is not",
                ))
                break
        concs = {args[i].conclusion for i in ext}
        closed = strict_closure(concs, theory)
        if closed != concs:
            extra = ", ".join(sorted(str(x) for x in closed - concs))
            out.append(PostulateViolation("strict closure", k, f"strict rules also give {extra}"))
        direct = conflicts(concs, theory)
        if direct:
            c, t = direct[0]
            out.append(PostulateViolation("direct consistency", k, f"concludes {c} and {t}"))
        indirect = conflicts(closed, theory)
        if indirect:
            c, t = indirect[0]
            out.append(PostulateViolation(
                "indirect consistency", k, f"strict closure contains {c} and {t}"
            ))
    return out
