"""Rule preferences of a doctrine: explicit pairs, plus those its policies generate.

Explicit preferences decide first; then each policy in the order listed decides the pairs no
earlier step decided (lexicographic combination). Cycles are reported with their reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
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


class PreferenceModel:
    """The lexicographic preference relation of a doctrine, decided lazily pair by pair.

    Explicit preferences decide first; otherwise the first policy that orders the pair. Policies
    only look at a rule's speaker, kind and statement date, so rules sharing all three (and
    named in no explicit preference) form one class, and the relation between two rules is the
    relation between their classes: it is computed once per pair of classes. This keeps the
    per-scenario cost proportional to the rules that fire, and cycle detection proportional
    to the number of classes rather than of rules.
    """

    def __init__(self, doctrine: Doctrine, rule_ids: Iterable[str] | None = None) -> None:
        wanted_ids = None if rule_ids is None else set(rule_ids)
        self.doctrine = doctrine
        self.rules: dict[str, Rule] = {
            r.id: r for r in doctrine.rules
            if not r.strict and (wanted_ids is None or r.id in wanted_ids)
        }
        self.explicit: dict[frozenset[str], PreferencePair] = {}
        self.conflicting: list[PreferencePair] = []  # explicit pairs given both ways
        for p in doctrine.preferences:
            if p.stronger in self.rules and p.weaker in self.rules:
                pair = PreferencePair(p.stronger, p.weaker, REASON_EXPLICIT, None, p.reason)
                key = frozenset((p.stronger, p.weaker))
                if key in self.explicit and self.explicit[key].stronger != p.stronger:
                    self.conflicting.append(pair)
                else:
                    self.explicit[key] = pair
        mentioned = {x for both in self.explicit for x in both}
        self.class_of: dict[str, int] = {}
        self.representatives: list[Rule] = []
        keys: dict[tuple[object, ...], int] = {}
        for r in self.rules.values():
            cls: tuple[object, ...] = (
                ("rule", r.id) if r.id in mentioned
                else ("attrs", doctrine.speaker_of(r), doctrine.kind_of(r), r.stated)
            )
            idx = keys.get(cls)
            if idx is None:
                idx = keys[cls] = len(self.representatives)
                self.representatives.append(r)
            self.class_of[r.id] = idx
        self._relation: dict[tuple[int, int], tuple[int, Policy | None]] = {}

    def _classes(self, ci: int, cj: int) -> tuple[int, Policy | None]:
        """(+1 if class ci is preferred, -1 if cj, 0 if neither; deciding policy)."""
        got = self._relation.get((ci, cj))
        if got is None:
            got = (0, None)
            a, b = self.representatives[ci], self.representatives[cj]
            for policy in self.doctrine.policies:
                sign = _policy_decides(self.doctrine, policy, a, b)
                if sign:
                    got = (sign, policy)
                    break
            self._relation[(ci, cj)] = got
            self._relation[(cj, ci)] = (-got[0], got[1])
        return got

    def decide(self, a: str, b: str) -> PreferencePair | None:
        """The preference between rules `a` and `b` (either direction), or None."""
        pair = self.explicit.get(frozenset((a, b)))
        if pair is not None:
            return pair
        ci, cj = self.class_of[a], self.class_of[b]
        if ci == cj:
            return None
        sign, policy = self._classes(ci, cj)
        if not sign or policy is None:
            return None
        stronger, weaker = (a, b) if sign > 0 else (b, a)
        reason = REASON_LATER if policy.kind == "later_statement" else REASON_RANK
        return PreferencePair(stronger, weaker, reason, policy.id)

    def pairs_among(self, rule_ids: Iterable[str]) -> list[PreferencePair]:
        """Every preference between two of the given rules (unknown or strict ids ignored)."""
        ids = [r for r in dict.fromkeys(rule_ids) if r in self.rules]
        out: list[PreferencePair] = []
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pair = self.decide(a, b)
                if pair is not None:
                    out.append(pair)
        chosen = set(ids)
        out += [p for p in self.conflicting if p.stronger in chosen and p.weaker in chosen]
        return out

    def all_pairs(self) -> list[PreferencePair]:
        """Every preference between the model's rules (quadratic: for exports, not solving)."""
        return self.pairs_among(self.rules)

    def cycle(self) -> list[PreferencePair] | None:
        """A preference cycle, found on the graph of classes (None if the order is sound)."""
        reps = self.representatives
        edges: list[PreferencePair] = list(self.conflicting)
        for ci in range(len(reps)):
            for cj in range(ci + 1, len(reps)):
                pair = self.decide(reps[ci].id, reps[cj].id)
                if pair is not None:
                    edges.append(pair)
        return find_cycle(edges)


def generate_preferences(
    doctrine: Doctrine, rule_ids: Iterable[str] | None = None
) -> list[PreferencePair]:
    """All strict preferences between defeasible rules (explicit first, then the policies).

    `rule_ids` restricts the rules considered (default: every defeasible rule). Quadratic in
    the number of rules; evaluation uses `PreferenceModel` lazily instead.
    """
    return PreferenceModel(doctrine, rule_ids).all_pairs()


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
