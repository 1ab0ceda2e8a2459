"""Attacks (undermining, rebutting, undercutting) and which of them succeed as defeats.

Attacks are found on each sub-argument's own top ("on" point) via a conclusion index, then
inherited by every super-argument (Modgil & Prakken 2013; restricted rebut by default).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from overture.aspic.arguments import ArgumentSet, Origin
from overture.aspic.language import Literal
from overture.aspic.ordering import Ordering, WeakerResult, strictly_weaker


class AttackKind(StrEnum):
    UNDERMINE = "undermine"
    REBUT = "rebut"
    UNDERCUT = "undercut"


class DefeatReason(StrEnum):
    """Why an attack does or does not succeed as a defeat."""

    UNDERCUT = "undercut"  # undercutters always defeat (an exception to the rule)
    CONTRARY = "contrary"  # attacks by a contrary succeed whatever the preferences
    STRONGER = "stronger"  # the attacked sub-argument is strictly weaker than the attacker
    NOT_WEAKER = "not-weaker"  # no preference makes the attacker weaker (incomparable/equal)
    WEAKER = "weaker"  # fails: the attacker is strictly weaker than the attacked sub-argument


@dataclass(frozen=True)
class Attack:
    """`attacker` attacks `target` on its sub-argument `on` (ids in the ArgumentSet).

    `defeat` tells whether it succeeds; `reason` why; `comparison` is the preference verdict
    that decided a preference-dependent attack (None for undercuts and contrary attacks).
    """

    attacker: int
    target: int
    on: int
    kind: AttackKind
    literal: Literal  # the attacked literal: the premise, conclusion or rule name
    defeat: bool
    reason: DefeatReason
    comparison: WeakerResult | None = None

    def on_target(self, target: int) -> Attack:
        return Attack(self.attacker, target, self.on, self.kind, self.literal, self.defeat,
                      self.reason, self.comparison)


class AttackGraph:
    """Direct attacks on every argument and the defeat relation they induce on whole arguments."""

    def __init__(
        self, arguments: ArgumentSet, ordering: Ordering, restricted_rebut: bool = True
    ) -> None:
        self.arguments = arguments
        self.ordering = ordering
        self.restricted_rebut = restricted_rebut
        self.direct: list[list[Attack]] = [[] for _ in range(len(arguments))]
        self._compute_direct()
        self.defeater_ids: list[frozenset[int]] = self._inherit()

    def _compute_direct(self) -> None:
        args = self.arguments
        theory = args.theory
        attackers_cache: dict[Literal, list[int]] = {}

        def attackers(target: Literal) -> list[int]:
            got = attackers_cache.get(target)
            if got is None:
                got = []
                for c in theory.attackers_of(target):
                    got.extend(args.by_conclusion.get(c, ()))
                attackers_cache[target] = got
            return got

        for b in args:
            top = b.top_rule
            points: list[tuple[AttackKind, Literal]] = []
            if b.origin is Origin.PREMISE:
                points.append((AttackKind.UNDERMINE, b.conclusion))
            elif b.origin is Origin.DEFEASIBLE:
                points.append((AttackKind.REBUT, b.conclusion))
                assert top is not None
                points.append((AttackKind.UNDERCUT, top.name_literal))
            elif b.origin is Origin.STRICT and not self.restricted_rebut and not b.strict:
                points.append((AttackKind.REBUT, b.conclusion))
            found = self.direct[b.id]
            for kind, lit in points:
                for a in attackers(lit):
                    attacker = args[a]
                    if kind is AttackKind.UNDERCUT:
                        found.append(Attack(a, b.id, b.id, kind, lit, True, DefeatReason.UNDERCUT))
                    elif theory.is_contrary(attacker.conclusion, lit):
                        found.append(Attack(a, b.id, b.id, kind, lit, True, DefeatReason.CONTRARY))
                    else:
                        v = strictly_weaker(attacker, b, self.ordering)
                        if v.weaker:
                            found.append(Attack(a, b.id, b.id, kind, lit, False, DefeatReason.WEAKER, v))
                        else:
                            back = strictly_weaker(b, attacker, self.ordering)
                            reason = DefeatReason.STRONGER if back.weaker else DefeatReason.NOT_WEAKER
                            found.append(Attack(a, b.id, b.id, kind, lit, True, reason, back))

    def _inherit(self) -> list[frozenset[int]]:
        """defeaters(B) = direct defeaters of B ∪ defeaters of its direct sub-arguments, as
        sets of argument ids (ids are topologically ordered: subs first). An argument with no
        defeater of its own shares its sub-argument's set, so memory follows the relation's
        size, not the number of arguments squared."""
        out: list[frozenset[int]] = []
        empty: frozenset[int] = frozenset()
        for b in self.arguments:
            own = [x.attacker for x in self.direct[b.id] if x.defeat]
            parts = [out[s] for s in b.subs if out[s]]
            if not own and len(parts) <= 1:
                out.append(parts[0] if parts else empty)
            else:
                out.append(frozenset(own).union(*parts))
        return out

    @property
    def defeaters(self) -> list[frozenset[int]]:
        """For each argument, the ids of the arguments that defeat it (on it or a sub-argument)."""
        return self.defeater_ids

    def defeat_edges(self) -> Iterator[tuple[int, int]]:
        """All (defeater, defeated) pairs over whole arguments."""
        for b, ids in enumerate(self.defeater_ids):
            for a in sorted(ids):
                yield a, b

    def defeat_array(self) -> npt.NDArray[np.int64]:
        """The defeat relation as an (m, 2) array of (defeater, defeated) rows, ordered by
        defeated then defeater."""
        total = sum(len(ids) for ids in self.defeater_ids)
        out = np.empty((total, 2), dtype=np.int64)
        row = 0
        for b, ids in enumerate(self.defeater_ids):
            k = len(ids)
            if k:
                out[row:row + k, 0] = sorted(ids)
                out[row:row + k, 1] = b
                row += k
        return out

    def attacks_on(self, target: int, defeats_only: bool = False) -> list[Attack]:
        """Every attack on `target`, on itself or any sub-argument (target set accordingly)."""
        out: list[Attack] = []
        for s in sorted(self.arguments.sub_arguments(target)):
            for x in self.direct[s]:
                if x.defeat or not defeats_only:
                    out.append(x.on_target(target))
        return out

    def all_attacks(self, defeats_only: bool = False) -> Iterator[Attack]:
        """Every attack (attacker, target, on) over whole arguments; may be large."""
        for b in range(len(self.arguments)):
            yield from self.attacks_on(b, defeats_only)
