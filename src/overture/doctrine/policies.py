"""Rule preferences of a doctrine: explicit pairs, plus those its policies generate.

Explicit preferences decide first; then each policy in the order listed decides the pairs no
earlier step decided (lexicographic combination). Cycles are reported with their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from overture.doctrine.doctrine import Doctrine, Statement
from overture.doctrine.model import Policy, Rule

#: Human names of the reasons a preference can have (used in explanations as `why`).
REASON_EXPLICIT = "preference"
REASON_LATER = "later statement"
REASON_RANK = "source rank"


@dataclass(frozen=True)
class PreferencePair:
    """Rule `stronger` prevails over rule `weaker`, for `reason` (with the deciding policy)."""

    stronger: str
    weaker: str
    reason: str
    policy: str | None = None
    note: str | None = None


def _policy_decides(
    doctrine: Doctrine, policy: Policy, a: Statement, b: Statement
) -> int:
    """+1 if the policy prefers a over b, -1 if b over a, 0 if it does not order them."""
    if policy.kind == "later_statement":
        sa, sb = doctrine.speaker_of(a), doctrine.speaker_of(b)
        if sa is None or sa != sb or a.stated == b.stated:
            return 0
        return 1 if a.stated > b.stated else -1
    order = policy.order or []
    ka, kb = doctrine.kind_of(a), doctrine.kind_of(b)
    if ka not in order or kb not in order or ka == kb:
        return 0
    return 1 if order.index(ka) < order.index(kb) else -1


def generate_preferences(doctrine: Doctrine, rule_ids: list[str] | None = None) -> list[PreferencePair]:
    """All strict preferences between defeasible rules (explicit first, then the policies).

    `rule_ids` restricts the rules considered (default: every defeasible rule).
    """
    rules: list[Rule] = [
        r for r in doctrine.rules if not r.strict and (rule_ids is None or r.id in rule_ids)
    ]
    wanted = {r.id for r in rules}
    decided: dict[frozenset[str], PreferencePair] = {}
    conflicting: list[PreferencePair] = []  # explicit pairs given both ways (a cycle)
    for p in doctrine.preferences:
        if p.stronger in wanted and p.weaker in wanted:
            pair = PreferencePair(p.stronger, p.weaker, REASON_EXPLICIT, None, p.reason)
            key = frozenset((p.stronger, p.weaker))
            if key in decided and decided[key].stronger != p.stronger:
                conflicting.append(pair)
            else:
                decided[key] = pair
    for i, a in enumerate(rules):
        for b in rules[i + 1 :]:
            key = frozenset((a.id, b.id))
            if key in decided:
                continue
            for policy in doctrine.policies:
                sign = _policy_decides(doctrine, policy, a, b)
                if sign:
                    stronger, weaker = (a, b) if sign > 0 else (b, a)
                    reason = REASON_LATER if policy.kind == "later_statement" else REASON_RANK
                    decided[key] = PreferencePair(stronger.id, weaker.id, reason, policy.id)
                    break
    return [*decided.values(), *conflicting]


def find_cycle(pairs: list[PreferencePair]) -> list[PreferencePair] | None:
    """A cycle stronger -> weaker -> ... -> stronger among the pairs, or None (DFS)."""
    succ: dict[str, list[PreferencePair]] = {}
    for p in pairs:
        succ.setdefault(p.stronger, []).append(p)
    state: dict[str, int] = {}
    stack: list[PreferencePair] = []

    def visit(node: str) -> list[PreferencePair] | None:
        state[node] = 1
        for edge in succ.get(node, []):
            nxt = edge.weaker
            if state.get(nxt) == 1:
                if nxt == node:
                    return [edge]
                start = next(i for i, e in enumerate(stack) if e.stronger == nxt)
                return [*stack[start:], edge]
            if state.get(nxt) is None:
                stack.append(edge)
                found = visit(nxt)
                if found is not None:
                    return found
                stack.pop()
        state[node] = 2
        return None

    for node in list(succ):
        if state.get(node) is None:
            found = visit(node)
            if found is not None:
                return found
    return None
