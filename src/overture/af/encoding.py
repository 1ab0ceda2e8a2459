"""Propositional encodings of labellings over an AF, loaded into an incremental pysat solver.

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

import numpy as np
import numpy.typing as npt
from pysat.solvers import Solver as _PySat

from overture.errors import LimitExceeded

IntArray = npt.NDArray[np.int64]

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
        src: IntArray,
        dst: IntArray,
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
        self._sat = _PySat(name=solver_name, bootstrap_with=clauses)
        if defence and n:
            self._sat.set_phases(list(range(1, n + 1)))  # branch towards accepting arguments
        self._native_interrupt = not solver_name.startswith("cadical")
        self.calls = 0
        self._model = np.zeros(3 * n, dtype=bool)

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
            bits = np.asarray(model if model is not None else [], dtype=np.int64) > 0
            need = 3 * self.n
            if bits.shape[0] < need:  # solvers may omit variables in no clause
                bits = np.concatenate([bits, np.zeros(need - bits.shape[0], dtype=bool)])
            self._model = bits
        return sat

    def model_bits(self) -> npt.NDArray[np.bool_]:
        """The last model's variable values 1..top as a boolean array (index 0 = variable 1)."""
        return self._model

    def model_in(self) -> npt.NDArray[np.bool_]:
        return self.model_bits()[: self.n]

    def model_in_range(self) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        bits = self.model_bits()
        ins = bits[: self.n]
        rng = ins | bits[self.n : 2 * self.n]
        return ins, rng

    def close(self) -> None:
        self._sat.delete()


def _attackers(n: int, src: IntArray, dst: IntArray) -> tuple[list[int], list[int]]:
    """CSR of the attackers: those of a are `att[ptr[a]:ptr[a + 1]]` (as python lists)."""
    order = np.argsort(dst, kind="stable")
    counts = np.bincount(dst, minlength=n) if n else np.zeros(0, dtype=np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])
    return ptr.tolist(), src[order].tolist()


def _defence_clauses(n: int, src: IntArray, dst: IntArray) -> list[list[int]]:
    """Admissible sets over the `in` variables only (see the module docstring)."""
    p, att = _attackers(n, src, dst)
    ins = [[x + 1 for x in att[p[a] : p[a + 1]]] for a in range(n)]
    clauses = [[-(b + 1), -(a + 1)] for b, a in zip(src.tolist(), dst.tolist(), strict=True)]
    clauses.extend([[-(a + 1), *ins[b]] for b, a in zip(src.tolist(), dst.tolist(), strict=True)])
    return clauses


def _clauses(
    n: int, src: IntArray, dst: IntArray, level: Level, stable: bool, ranges: bool
) -> list[list[int]]:
    """The clause list of the encoding (built once, with numpy and list comprehensions)."""
    in_s = (src + 1).tolist()
    in_d = (dst + 1).tolist()
    out_s = (src + n + 1).tolist()
    out_d = (dst + n + 1).tolist()
    clauses: list[list[int]] = []
    # out_a <- in_b for every attack b -> a
    clauses.extend([[-b, oa] for b, oa in zip(in_s, out_d, strict=True)])
    if level >= Level.AD:
        # in_a -> out_b for every attack b -> a
        clauses.extend([[-a, ob] for a, ob in zip(in_d, out_s, strict=True)])
    # attackers of each argument, grouped
    order = np.argsort(dst, kind="stable")
    att_sorted = src[order]
    counts = np.bincount(dst, minlength=n) if n else np.zeros(0, dtype=np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])
    att_in = (att_sorted + 1).tolist()
    att_out = (att_sorted + n + 1).tolist()
    p = ptr.tolist()
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
