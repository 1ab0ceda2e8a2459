"""Argument orderings: last-link and weakest-link, with elitist and democratic set comparison.

Implements Modgil & Prakken 2013 (Defs. 19-21; also the 2014 tutorial) with the
strict set comparisons applied directly to the strict rule and premise orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from overture.aspic.arguments import Argument
from overture.errors import InputError


class Link(StrEnum):
    """Which parts of an argument count for its strength."""

    LAST = "last"
    WEAKEST = "weakest"


class Comparison(StrEnum):
    """How two sets of rules (or premises) are compared."""

    ELITIST = "elitist"
    DEMOCRATIC = "democratic"


@dataclass(frozen=True)
class Ordering:
    """An argument ordering principle: `link` x `comparison` (default last-link elitist)."""

    link: Link = Link.LAST
    comparison: Comparison = Comparison.ELITIST

    def __post_init__(self) -> None:
        # accept plain strings ("weakest", "democratic") as well as the enum members
        try:
            object.__setattr__(self, "link", Link(str(self.link).lower()))
            object.__setattr__(self, "comparison", Comparison(str(self.comparison).lower()))
        except ValueError as exc:
            raise InputError(
                f"unknown ordering {str(self.link)!r}/{str(self.comparison)!r}: "
                "link is last|weakest, comparison is elitist|democratic"
            ) from exc

    @classmethod
    def parse(cls, link: str = "last", comparison: str = "elitist") -> Ordering:
        """From text, e.g. `Ordering.parse("weakest", "democratic")`; InputError if unknown."""
        return cls(link, comparison)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return f"{self.link.value}-link {self.comparison.value}"


@dataclass(frozen=True)
class WeakerResult:
    """Outcome of comparing A with B: `weaker` iff A < B strictly.

    `basis` says what was compared ("last rules", "rules", "premises", "rules and premises")
    and `pairs` the (weaker, stronger) items that decided it, as text.
    """

    weaker: bool
    basis: str
    pairs: tuple[tuple[str, str], ...] = ()
    empty: bool = False  # decided because B's set is empty (strict/firm beats defeasible)


def set_less(
    a: frozenset[int], b: frozenset[int], above: tuple[int, ...], comparison: Comparison
) -> tuple[bool, list[tuple[int, int]], bool]:
    """Γ ◁s Γ' on sets of item ids (M&P 2013 Def. 19): (result, deciding pairs,
    decided-by-empty). `above[x]` is the bitset of the items strictly above item x.

    ∅ is never strictly weaker; a non-empty set is weaker than ∅. Elitist: some X in Γ is
    below every Y in Γ'. Democratic: every X in Γ is below some Y in Γ'.
    """
    if not a:
        return False, [], False
    if not b:
        return True, [], True
    if len(a) == 1 and len(b) == 1:  # the common case: one last rule against one
        (x,), (y,) = a, b
        if above[x] >> y & 1:
            return True, [(x, y)], False
        return False, [], False
    ys = sorted(b)
    if comparison is Comparison.ELITIST:
        for x in sorted(a):
            up = above[x]
            if up and all(up >> y & 1 for y in ys):
                return True, [(x, y) for y in ys], False
        return False, [], False
    pairs: list[tuple[int, int]] = []
    for x in sorted(a):
        up = above[x]
        hit = next((y for y in ys if up >> y & 1), None) if up else None
        if hit is None:
            return False, [], False
        pairs.append((x, hit))
    return True, pairs, False


def strictly_weaker(a: Argument, b: Argument, ordering: Ordering) -> WeakerResult:
    """A ≺ B under `ordering` (M&P 2013 Def. 20 last-link, Def. 21 weakest-link)."""
    owner = a.owner
    rules_above = owner.theory.rule_order.above
    prem_above = owner.theory.premise_order.above
    cmp = ordering.comparison

    def rules(x: frozenset[int], y: frozenset[int], basis: str) -> WeakerResult:
        ok, pairs, empty = set_less(x, y, rules_above, cmp)
        return WeakerResult(ok, basis, tuple((owner.rule_names[i], owner.rule_names[j])
                                        for i, j in pairs), empty)

    def prems(x: frozenset[int], y: frozenset[int], basis: str) -> WeakerResult:
        ok, pairs, empty = set_less(x, y, prem_above, cmp)
        return WeakerResult(ok, basis, tuple((str(owner.premise_literals[i]),
                                         str(owner.premise_literals[j])) for i, j in pairs),
                       empty)

    if ordering.link is Link.LAST:
        v = rules(a.last_ids, b.last_ids, "last defeasible rules")
        if v.weaker or a.last_ids or b.last_ids:
            return v
        return prems(a.premise_ids, b.premise_ids, "ordinary premises")
    if a.strict and b.strict:
        return prems(a.premise_ids, b.premise_ids, "ordinary premises")
    if a.firm and b.firm:
        return rules(a.defeasible_ids, b.defeasible_ids, "defeasible rules")
    p = prems(a.premise_ids, b.premise_ids, "ordinary premises")
    r = rules(a.defeasible_ids, b.defeasible_ids, "defeasible rules")
    if p.weaker and r.weaker:
        return WeakerResult(True, "defeasible rules and ordinary premises", r.pairs + p.pairs,
                       r.empty and p.empty)
    return WeakerResult(False, "defeasible rules and ordinary premises")
