"""Rule preferences of a doctrine: explicit pairs, plus those its policies generate.

Explicit preferences decide first; then each policy in the order listed decides the pairs no
earlier step decided (lexicographic combination). Cycles are reported with their reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from overture.doctrine.doctrine import Doctrine, Statement
from overture.doctrine.model import Conditions, Policy, Rule

#: Human names of the reasons a preference can have (used in explanations as `why`).
REASON_EXPLICIT = "preference"
REASON_LATER = "later statement"
REASON_RANK = "source rank"
REASON_SPEAKER = "speaker rank"
REASON_SPECIFICITY = "specificity"
REASONS = {"later_statement": REASON_LATER, "source_rank": REASON_RANK,
           "speaker_rank": REASON_SPEAKER, "specificity": REASON_SPECIFICITY}


def condition_atoms(c: Conditions) -> frozenset[tuple[object, ...]]:
    """A rule's conditions as a set of atoms, "any of" lists as one atom each: the more atoms
    (or the narrower an "any of"), the more specific."""
    atoms: set[tuple[object, ...]] = set()
    for key in ("counterparty", "mode", "initiated_by", "topics_any"):
        values = getattr(c, key)
        if values:
            atoms.add(("any", key, frozenset(values)))
    atoms |= {("attr", k, v) for k, v in c.attributes.items()}
    atoms |= {("topic", t) for t in c.topics_all} | {("no topic", t) for t in c.topics_none}
    atoms |= {("fact", k, v) for k, v in c.facts.items()} | {("holds", x) for x in c.holds}
    atoms |= {("any", k, frozenset(v)) for k, v in c.dimensions.items()}
    return frozenset(atoms)


def _implies(a: frozenset[tuple[object, ...]], b: frozenset[tuple[object, ...]]) -> bool:
    """Every atom of `b` is implied by some atom of `a` (an "any of" by a narrower one)."""
    for atom in b:
        if atom in a:
            continue
        if atom[0] == "any" and any(x[0] == "any" and x[1] == atom[1]
                                    and x[2] <= atom[2] for x in a):  # type: ignore[operator]
            continue
        return False
    return True


def more_specific(a: Conditions, b: Conditions) -> bool:
    """Whether `a`'s conditions strictly include `b`'s: every condition of `b` holds whenever
    `a`'s hold, and not the other way round."""
    x, y = condition_atoms(a), condition_atoms(b)
    return _implies(x, y) and not _implies(y, x)


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
        if policy.scope == "same_actor":
            sa, sb = doctrine.actor_of(a), doctrine.actor_of(b)
        else:
            sa, sb = doctrine.speaker_of(a), doctrine.speaker_of(b)
        if sa is None or sa != sb or a.stated == b.stated:
            return 0
        return 1 if a.stated > b.stated else -1
    order = policy.order or []
    if policy.kind == "speaker_rank":
        pa, pb = doctrine.speaker_of(a), doctrine.speaker_of(b)
        if pa not in order or pb not in order or pa == pb:
            return 0
        return 1 if order.index(pa) < order.index(pb) else -1
    if policy.kind == "specificity":
        if more_specific(a.when, b.when):
            return 1
        return -1 if more_specific(b.when, a.when) else 0
    ka, kb = doctrine.kind_of(a), doctrine.kind_of(b)
    if ka not in order or kb not in order or ka == kb:
        return 0
    return 1 if order.index(ka) < order.index(kb) else -1


#: Most rule sets whose preferences one model remembers.
_PAIRS_MEMO_SIZE = 4096


class PreferenceModel:
    """The lexicographic preference relation of a doctrine, decided lazily pair by pair.

    Explicit preferences decide first; otherwise the first policy that orders the pair. Policies
    only look at a rule's speaker, actor, kind, statement date (and, with a specificity policy,
    its conditions), so rules sharing all of them (and named in no explicit preference) form
    one class, and the relation between two rules is the
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
        specific = any(p.kind == "specificity" for p in doctrine.policies)
        self.class_of: dict[str, int] = {}
        self.representatives: list[Rule] = []
        keys: dict[tuple[object, ...], int] = {}
        for r in self.rules.values():
            cls: tuple[object, ...] = (
                ("rule", r.id) if r.id in mentioned
                else ("attrs", doctrine.speaker_of(r), doctrine.kind_of(r), r.stated,
                      doctrine.actor_of(r), condition_atoms(r.when) if specific else None)
            )
            idx = keys.get(cls)
            if idx is None:
                idx = keys[cls] = len(self.representatives)
                self.representatives.append(r)
            self.class_of[r.id] = idx
        self._relation: dict[tuple[int, int], tuple[int, Policy | None]] = {}
        self._pairs_memo: dict[tuple[str, ...], list[PreferencePair]] = {}

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
        reason = REASONS[policy.kind]
        return PreferencePair(stronger, weaker, reason, policy.id)

    def pairs_among(self, rule_ids: Iterable[str]) -> list[PreferencePair]:
        """Every preference between two of the given rules (unknown or strict ids ignored);
        memoised on the list of ids (the same rules fire in many scenarios)."""
        ids = [r for r in dict.fromkeys(rule_ids) if r in self.rules]
        key = tuple(ids)
        got = self._pairs_memo.get(key)
        if got is None:
            got = self._pairs_among(ids)
            if len(self._pairs_memo) >= _PAIRS_MEMO_SIZE:
                self._pairs_memo.clear()
            self._pairs_memo[key] = got
        return list(got)

    def _pairs_among(self, ids: list[str]) -> list[PreferencePair]:
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
