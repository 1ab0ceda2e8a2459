"""Which defeat settles an argument's status, and which argument answers an attack on a line.

Read from the computed defeat relation and extensions only. Defeaters are ranked by the round
at which they enter the grounded fixpoint (`overture.af.grounded_rounds`), so under grounded
semantics the defeater named first is the one that settles the status, and a defence always
comes from a strictly earlier round: explanations built on it are never circular.
"""

from __future__ import annotations

from collections.abc import Collection

from overture.af import Label, Semantics, grounded_extension, grounded_rounds
from overture.aspic.attacks import Attack
from overture.aspic.evaluation import TheoryEvaluation

#: Rank of an argument that is not in the grounded extension.
_LATE = 1 << 30


class Settling:
    """Defeats on each argument in the order that settles its status (see module docstring).

    Order of the defeaters of an argument: first those in every extension (IN), then those in
    some extension, then the rest; within each class by grounded round, then by id. A defeat on
    the argument itself comes before one on a sub-argument by the same defeater.
    """

    def __init__(self, aev: TheoryEvaluation) -> None:
        self.aev = aev
        self.labels = aev.labels
        self.rounds = grounded_rounds(aev.af)
        self.grounded: frozenset[int] = (
            aev.extensions[0] if aev.semantics is Semantics.GR and aev.extensions
            else grounded_extension(aev.af)
        )
        self.in_some: frozenset[int] = (
            frozenset().union(*aev.extensions) if aev.extensions else frozenset()
        )
        self._cache: dict[int, list[Attack]] = {}

    def rank(self, arg: int) -> int:
        """The grounded round of an argument in the grounded extension, else a large number."""
        return self.rounds[arg] if arg in self.grounded else _LATE

    def standing(self, arg: int) -> int:
        """0 if the argument is in every extension, 1 if in some, 2 if in none."""
        if self.labels[arg] is Label.IN:
            return 0
        return 1 if arg in self.in_some else 2

    def defeats(self, arg: int) -> list[Attack]:
        """Every defeat on `arg` (on it or a sub-argument), one per defeater, settling one first."""
        got = self._cache.get(arg)
        if got is None:
            best: dict[int, Attack] = {}
            for atk in self.aev.graph.attacks_on(arg, defeats_only=True):
                have = best.get(atk.attacker)
                if have is None or (have.on != arg and atk.on == arg):
                    best[atk.attacker] = atk
            got = sorted(best.values(), key=lambda x: (self.standing(x.attacker),
                                                       self.rank(x.attacker), x.attacker))
            self._cache[arg] = got
        return got

    def settling_defeat(self, arg: int) -> Attack | None:
        """The defeat that settles why `arg` is OUT: by an argument of the extension(s)."""
        for atk in self.defeats(arg):
            if self.standing(atk.attacker) < 2:
                return atk
        return None

    def also_defeating(self, arg: int) -> list[Attack]:
        """The other defeats on `arg` by arguments in some extension, after the settling one."""
        first = self.settling_defeat(arg)
        return [x for x in self.defeats(arg)
                if x is not first and self.standing(x.attacker) < 2]

    def defender(self, attacker: int, path: Collection[int]) -> Attack | None:
        """The defeat that answers `attacker` (an argument in every extension defeating it),
        never one by an argument on `path` (the line being defended and those above it).
        Under grounded semantics the answer comes from an earlier round than every argument
        on the path, so it exists whenever `attacker` is OUT."""
        for atk in self.defeats(attacker):
            if self.standing(atk.attacker) == 0 and atk.attacker not in path:
                return atk
        return None

    def self_defended(self, attacker: int, path: Collection[int]) -> Attack | None:
        """A defeat on `attacker` by an argument on `path`: the line defends itself, which
        admissibility allows (preferred, stable, ...) but grounded semantics never needs."""
        for atk in self.defeats(attacker):
            if self.standing(atk.attacker) == 0 and atk.attacker in path:
                return atk
        return None
