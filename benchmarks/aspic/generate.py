"""Random layered ASPIC+ theories for benchmarks: n rules, conflicts, undercutters, preferences.

Each literal heads at most one rule, so the number of arguments grows linearly with the rules;
about a third of the rules conclude the negation of another rule's conclusion (rebuttals),
some are strict, some undercut an earlier rule, and a fraction `ranked` of the defeasible
rules and premises are ranked in a chain.
"""

from __future__ import annotations

import random

from overture.aspic import InferenceRule, Literal, Theory, undercut


def layered_theory(n_rules: int, seed: int = 0, ranked: float = 0.5) -> Theory:
    rng = random.Random(seed)
    n_premises = max(4, n_rules // 10)
    premises = [Literal(f"p{i}") for i in range(n_premises)]
    available: list[Literal] = list(premises)
    heads: set[Literal] = set(premises)
    rules: list[InferenceRule] = []
    atom = 0
    while len(rules) < n_rules:
        k = len(rules)
        body = tuple(dict.fromkeys(rng.sample(available[-200:], min(len(available),
                                                                   rng.choice((1, 1, 2))))))
        roll = rng.random()
        defeasible = [r for r in rules[-300:] if not r.strict]
        if roll < 0.08 and defeasible:
            head = undercut(rng.choice(defeasible).name)
            if head in heads:
                continue
        elif roll < 0.40:
            # rebut an earlier conclusion that nobody has contradicted yet
            cands = [x for x in available[-200:] if x.negate() not in heads
                     and x.rule_name is None]
            if not cands:
                continue
            head = rng.choice(cands).negate()
        else:
            head = Literal(f"x{atom}")
            atom += 1
        if head in body or head.negate() in body:
            continue
        strict = rng.random() < 0.15
        rules.append(InferenceRule(f"r{k}", body, head, strict=strict))
        heads.add(head)
        if head.rule_name is None:
            available.append(head)
    defeasible_names = [r.name for r in rules if not r.strict]
    ranking = rng.sample(defeasible_names, int(len(defeasible_names) * ranked))
    prefs = set()
    for i in range(len(ranking) - 1):
        prefs.add((ranking[i], ranking[i + 1]))
    prem_rank = rng.sample(premises, int(len(premises) * ranked))
    prem_prefs = {(prem_rank[i], prem_rank[i + 1]) for i in range(len(prem_rank) - 1)}
    return Theory.make(rules, premises=premises, rule_preferences=prefs,
                       premise_preferences=prem_prefs)
