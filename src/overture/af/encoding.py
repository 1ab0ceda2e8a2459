"""Propositional encodings of labellings over an AF, loaded into an incremental SAT solver.

Variables: `in_a` = a+1, `out_a` = n+a+1, optional range `r_a` = 2n+a+1; more are allocated on demand.

The `defence` encoding of admissible sets uses the `in` variables only: `not (in_a and in_b)`
for every attack and `in_a -> (in_c1 or ... or in_ck)` for every attacker b of a, the c_i being
the attackers of b (Besnard & Doutre 2004). Maximising admissible sets, its models are the
ones the PrefSAT loop needs (preferred = maximal admissible = maximal complete; Dung 1995),
and with every `in` variable's phase set to true the solver branches like clingo's domain
heuristic for preferred extensions; on random frameworks its unsatisfiability proofs (the
costly "nothing larger" calls) took about 0.6-0.7 of the time of those on the complete
labelling encoding (benchmarks/af, ER n = 2,000, p = 0.002).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from enum import IntEnum

from overture.af.framework import group_by
from overture.af.sat import new_sat_solver
from overture.errors import LimitExceeded

IntSeq = Sequence[int]

#: The SAT solver used by default (fastest of those tried on random and ICCMA instances).
DEFAULT_SAT_SOLVER = "cadical195"


class Level(IntEnum):
    """How much of the complete-labelling encoding to load."""

    CF = 0  # conflict-free: out_a <-> some attacker is in; not (in_a and out_a)
    AD = 1  # admissible: also in_a -> out_b for every attacker b
    CO = 2  # complete: also (all attackers out) -> in_a


class LabellingSat:
    """An incremental SAT solver holding a labelling encoding of a framework on `n` arguments.

    `src`, `dst` are the attacks (local ids 0..n-1). With `level` CO the models are exactly the
    complete labellings (Besnard & Doutre 2004; Cerutti, Dunne, Giacomin & Vallati 2013); with
    `stable` every argument must be IN or OUT; with `ranges` the variables r_a <-> in_a or out_a
    are added (the range of the extension, for semi-stable and stage semantics).
    """

    def __init__(
        self,
        n: int,
        src: IntSeq,
        dst: IntSeq,
        level: Level,
        *,
        stable: bool = False,
        ranges: bool = False,
        defence: bool = False,
        solver_name: str = DEFAULT_SAT_SOLVER,
        deadline: float | None = None,
    ) -> None:
        if defence and (level != Level.AD or stable or ranges):
            raise ValueError("the defence encoding is for admissible sets only")
        self.n = n
        self.deadline = deadline
        self._interrupted = False
        self._top = 3 * n if ranges else 2 * n
        if defence:
            clauses = _defence_clauses(n, src, dst)
        else:
            clauses = _clauses(n, src, dst, level, stable, ranges)
        self._sat = new_sat_solver(solver_name, clauses)
        del clauses
        if defence and n:
            self._sat.set_phases(list(range(1, n + 1)))  # branch towards accepting arguments
        self._native_interrupt = not solver_name.startswith("cadical")
        self.calls = 0
        self._model: list[int] = []

    # -- variables -----------------------------------------------------------------------------
    def lit_in(self, a: int) -> int:
        return a + 1

    def new_var(self) -> int:
        self._top += 1
        return self._top

    def add_clause(self, clause: Sequence[int]) -> None:
        self._sat.add_clause(list(clause))

    def prefer(self, literals: list[int]) -> None:
        """Ask the solver to try these literals' values first (a search hint, not a constraint)."""
        self._sat.set_phases(literals)

    def release(self, selector: int) -> None:
        """Disable for good every clause guarded by `selector` (they all contain -selector)."""
        self._sat.add_clause([-selector])

    # -- solving -------------------------------------------------------------------------------
    def solve(self, assumptions: Iterable[int] = ()) -> bool:
        """Satisfiability under `assumptions`.

        Raises `LimitExceeded` past the deadline or after `interrupt`. Solvers that cannot be
        interrupted from another thread (CaDiCaL) run in conflict-budget slices, checking the
        clock and the interrupt flag between slices.
        """
        assume = list(assumptions)
        self.calls += 1
        if self._interrupted:
            self._interrupted = False
            raise LimitExceeded("interrupted")
        if not self._native_interrupt:
            return self._keep(self._solve_sliced(assume))
        if self.deadline is None:
            return self._keep(bool(self._sat.solve(assumptions=assume)))
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise LimitExceeded("time limit reached")
        timer = threading.Timer(remaining, self._sat.interrupt)
        timer.daemon = True
        timer.start()
        try:
            result = self._sat.solve_limited(assumptions=assume, expect_interrupt=True)
        finally:
            timer.cancel()
        if result is None:
            self._sat.clear_interrupt()
            reason = "interrupted" if self._interrupted else "time limit reached"
            self._interrupted = False
            raise LimitExceeded(reason)
        return self._keep(bool(result))

    def _solve_sliced(self, assume: list[int]) -> bool:
        """Solve in conflict-budget slices sized to last about a quarter of a second each."""
        budget = 2_000
        while True:
            started = time.monotonic()
            slice_time = 0.25
            if self.deadline is not None:
                remaining = self.deadline - started
                if remaining <= 0:
                    raise LimitExceeded("time limit reached")
                slice_time = min(slice_time, remaining)
            self._sat.conf_budget(budget)
            result = self._sat.solve_limited(assumptions=assume)
            if result is not None:
                return bool(result)
            if self._interrupted:
                self._interrupted = False
                raise LimitExceeded("interrupted")
            rate = budget / max(time.monotonic() - started, 1e-3)
            budget = int(min(max(rate * slice_time, 500), 200_000))

    def interrupt(self) -> None:
        """Stop the running `solve` (it raises `LimitExceeded`); safe from another thread."""
        self._interrupted = True
        if self._native_interrupt:
            self._sat.interrupt()

    def _keep(self, sat: bool) -> bool:
        """Read the model right away: CaDiCaL forbids reading it once clauses were added."""
        if sat:
            model = self._sat.get_model()
            self._model = [] if model is None else model
        return sat

    def _values(self, first: int, count: int) -> list[bool]:
        """The last model's values of variables first..first+count-1 (solvers may leave out
        variables in no clause: those are false)."""
        part = self._model[first - 1 : first - 1 + count]
        bits = [v > 0 for v in part]
        if len(bits) < count:
            bits.extend([False] * (count - len(bits)))
        return bits

    def true_vars(self, variables: Sequence[int]) -> list[bool]:
        """The last model's value of each of `variables` (in their order), without reading
        the rest of the model (a loop over a shrinking worklist stays proportional to it)."""
        model = self._model
        size = len(model)
        return [v <= size and model[v - 1] > 0 for v in variables]

    def model_in(self) -> list[bool]:
        """The last model's IN-set, one flag per (local) argument."""
        return self._values(1, self.n)

    def model_in_range(self) -> tuple[list[bool], list[bool]]:
        """The last model's IN-set and range (IN or OUT), one flag per argument."""
        ins = self._values(1, self.n)
        outs = self._values(self.n + 1, self.n)
        return ins, [i or o for i, o in zip(ins, outs, strict=True)]

    def close(self) -> None:
        self._sat.delete()


def _attackers(n: int, src: IntSeq, dst: IntSeq) -> tuple[list[int], list[int]]:
    """CSR of the attackers: those of a are `att[ptr[a]:ptr[a + 1]]`, in attack order."""
    return group_by(n, dst, src)


def _defence_clauses(n: int, src: IntSeq, dst: IntSeq) -> list[list[int]]:
    """Admissible sets over the `in` variables only (see the module docstring)."""
    p, att = _attackers(n, src, dst)
    ins = [[x + 1 for x in att[p[a] : p[a + 1]]] for a in range(n)]
    pairs = list(zip(src, dst, strict=True))
    clauses = [[-(b + 1), -(a + 1)] for b, a in pairs]
    clauses.extend([[-(a + 1), *ins[b]] for b, a in pairs])
    return clauses


def _clauses(
    n: int, src: IntSeq, dst: IntSeq, level: Level, stable: bool, ranges: bool
) -> list[list[int]]:
    """The clause list of the encoding (built once, with list comprehensions)."""
    clauses: list[list[int]] = []
    # out_a <- in_b for every attack b -> a
    clauses.extend([[-(b + 1), n + a + 1] for b, a in zip(src, dst, strict=True)])
    if level >= Level.AD:
        # in_a -> out_b for every attack b -> a
        clauses.extend([[-(a + 1), n + b + 1] for b, a in zip(src, dst, strict=True)])
    # attackers of each argument, grouped
    p, att = _attackers(n, src, dst)
    att_in = [b + 1 for b in att]
    att_out = [b + n + 1 for b in att]
    for a in range(n):
        lo, hi = p[a], p[a + 1]
        ia, oa = a + 1, n + a + 1
        # out_a -> some attacker in
        clauses.append([-oa, *att_in[lo:hi]])
        clauses.append([-ia, -oa])
        if level >= Level.CO:
            # all attackers out -> in_a
            clauses.append([ia, *[-x for x in att_out[lo:hi]]])
        if stable:
            clauses.append([ia, oa])
        if ranges:
            ra = 2 * n + a + 1
            clauses.append([-ra, ia, oa])
            clauses.append([ra, -ia])
            clauses.append([ra, -oa])
    return clauses
