"""A solver object for one framework and one semantics: SE, EE, CE, DC and DS on a live SAT solver.

In the style of clingo's Python API: build once, ask many queries, interrupt or time-limit them.

Algorithms. Complete labellings are encoded as in Besnard & Doutre (2004) and Cerutti, Dunne,
Giacomin & Vallati (2013); preferred extensions are found and enumerated by iterated
maximisation with blocking clauses (PrefSAT, Cerutti et al. 2013), run over the admissible
sets (P. M. Dung, "On the acceptability of arguments...", Artificial Intelligence 77 (1995)
321-357: the preferred extensions are the maximal admissible sets) in Besnard & Doutre's
encoding on the IN variables only, with the solver branching towards accepting arguments.
Skeptical preferred, semi-stable and stage reasoning use the counter-example guided (CEGAR)
procedures of W. Dvořák, M. Järvisalo, J. P. Wallner and S. Woltran, "Complexity-sensitive
decision procedures for abstract argumentation", Artificial Intelligence 206 (2014) 53-78;
skeptical preferred first checks one preferred extension found while steering the solver
away from the queried argument, which settles most NO answers with a single maximisation. The ideal
extension is the largest admissible set of credulously preferred-accepted arguments attacked by
no such argument (P. E. Dunne, "The computational complexity of ideal semantics", Artificial
Intelligence 173 (2009) 1559-1591). Every semantics based on complete labellings is solved
on the arguments left undecided by the grounded labelling only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from types import TracebackType

import numpy as np
import numpy.typing as npt

from overture.af.encoding import DEFAULT_SAT_SOLVER, LabellingSat, Level
from overture.af.framework import ArgumentationFramework
from overture.af.grounded import IN, OUT, UNDEC, grounded_labelling
from overture.af.semantics import GROUNDED_BASED, Semantics
from overture.errors import InputError

Extension = frozenset[int]
BoolArray = npt.NDArray[np.bool_]


class Solver:
    """Reason about one framework under one semantics, keeping the SAT solver alive.

    Parameters
    ----------
    af : ArgumentationFramework
    sem : Semantics or str
        Any name accepted by `Semantics.parse`.
    timeout : float, optional
        Seconds after construction when every further query raises `LimitExceeded`.
    sat_solver : str
        A pysat solver name (default CaDiCaL 1.9.5).

    Examples
    --------
    >>> af = ArgumentationFramework.from_edges(3, [(0, 1), (1, 0), (1, 2)])
    >>> with Solver(af, "preferred") as s:
    ...     sorted(sorted(e) for e in s.enumerate())
    [[0, 2], [1]]
    >>> Solver(af, "PR").skeptical(2)[0]
    False
    """

    def __init__(
        self,
        af: ArgumentationFramework,
        sem: Semantics | str,
        *,
        timeout: float | None = None,
        sat_solver: str = DEFAULT_SAT_SOLVER,
    ) -> None:
        self.af = af
        self.semantics = sem if isinstance(sem, Semantics) else Semantics.parse(sem)
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self._sat_name = sat_solver
        self._labels = grounded_labelling(af)
        self.grounded: Extension = frozenset(np.flatnonzero(self._labels == IN).tolist())
        if self.semantics in GROUNDED_BASED:
            self._glob = np.flatnonzero(self._labels == UNDEC)
        else:
            self._glob = np.arange(af.n, dtype=np.int64)
        self._base: Extension = self.grounded if self.semantics in GROUNDED_BASED else frozenset()
        self._local = np.full(af.n, -1, dtype=np.int64)
        self._local[self._glob] = np.arange(self._glob.shape[0], dtype=np.int64)
        self._sat: LabellingSat | None = None
        self._ideal: Extension | None = None
        self._ideal_sat: LabellingSat | None = None  # while the ideal extension is computed
        self._interrupt_pending = False  # interrupt() came before any SAT solver existed

    # -- context manager and control -----------------------------------------------------------
    def __enter__(self) -> Solver:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Free the SAT solver (the object can still answer; it builds a new one if needed)."""
        if self._sat is not None:
            self._sat.close()
            self._sat = None

    def interrupt(self) -> None:
        """Stop a running query from another thread; it raises `LimitExceeded`.

        An interrupt that arrives while a query is still building its SAT encoding (or before
        any query) stops that query (or the next one) as soon as it starts solving.
        """
        live = [sat for sat in (self._sat, self._ideal_sat) if sat is not None]
        if not live:
            self._interrupt_pending = True
        for sat in live:
            sat.interrupt()

    def _adopt(self, sat: LabellingSat) -> LabellingSat:
        """Hand an interrupt that came before `sat` existed on to it."""
        if self._interrupt_pending:
            self._interrupt_pending = False
            sat.interrupt()
        return sat

    @property
    def sat_calls(self) -> int:
        """How many SAT calls the queries so far made."""
        return 0 if self._sat is None else self._sat.calls

    # -- public queries ------------------------------------------------------------------------
    def some(self) -> Extension | None:
        """Some extension, or None when there is none (only possible for stable semantics)."""
        sem = self.semantics
        if sem in (Semantics.GR, Semantics.CO):
            return self.grounded
        if sem in (Semantics.CF, Semantics.AD):
            return frozenset()
        if sem == Semantics.ID:
            return self.ideal()
        sat = self._solver()
        if sem == Semantics.ST:
            return self._ext(sat.model_in()) if sat.solve() else None
        if sem == Semantics.PR:
            if not sat.solve():  # pragma: no cover - complete extensions always exist
                raise AssertionError("no complete labelling")
            return self._ext(self._maximize_in(sat, sat.model_in(), []))
        found = self._range_search(None)
        if found is None:  # pragma: no cover - semi-stable and stage extensions always exist
            raise AssertionError("no range-maximal extension")
        return found

    def enumerate(self) -> Iterator[Extension]:
        """Every extension exactly once (lazily; stop early by abandoning the iterator)."""
        sem = self.semantics
        if sem == Semantics.GR:
            yield self.grounded
            return
        if sem == Semantics.ID:
            yield self.ideal()
            return
        sat = self._solver()
        sel = sat.new_var()
        try:
            if sem == Semantics.PR:
                while sat.solve([sel]):
                    ext = self._maximize_in(sat, sat.model_in(), [sel])
                    yield self._ext(ext)
                    sat.add_clause([-sel, *(np.flatnonzero(~ext) + 1).tolist()])
            elif sem in (Semantics.SST, Semantics.STG):
                while sat.solve([sel]):
                    _, rng = self._maximize_range(sat, *sat.model_in_range(), [sel])
                    fixed = [sel, *_lits(sat, rng)]
                    while sat.solve(fixed):
                        ins = sat.model_in()
                        yield self._ext(ins)
                        sat.add_clause([-sel, *_block_exact(ins)])
                    sat.add_clause([-sel, *(np.flatnonzero(~rng) + 2 * sat.n + 1).tolist()])
            else:
                while sat.solve([sel]):
                    ins = sat.model_in()
                    yield self._ext(ins)
                    sat.add_clause([-sel, *_block_exact(ins)])
        finally:
            if self._sat is sat:
                sat.release(sel)

    def count(self) -> int:
        """The number of extensions."""
        return sum(1 for _ in self.enumerate())

    def credulous(self, arg: int) -> tuple[bool, Extension | None]:
        """Whether `arg` is in some extension; the certificate is such an extension."""
        a = self._check_arg(arg)
        sem = self.semantics
        if sem == Semantics.GR:
            return (a in self.grounded, self.grounded if a in self.grounded else None)
        if sem == Semantics.ID:
            ideal = self.ideal()
            return (a in ideal, ideal if a in ideal else None)
        if sem in GROUNDED_BASED:
            if self._labels[a] == OUT:
                return (False, None)
            if self._labels[a] == IN:
                ext = self.some()
                return (ext is not None, ext)
        sat = self._solver()
        lit = sat.lit_in(int(self._local[a]))
        if sem in (Semantics.SST, Semantics.STG):
            found = self._range_search(lit)
            return (found is not None, found)
        if not sat.solve([lit]):
            return (False, None)
        ins = sat.model_in()
        if sem == Semantics.PR:
            ins = self._maximize_in(sat, ins, [])
        return (True, self._ext(ins))

    def skeptical(self, arg: int) -> tuple[bool, Extension | None]:
        """Whether `arg` is in every extension; the certificate is an extension without it."""
        a = self._check_arg(arg)
        sem = self.semantics
        if sem in (Semantics.GR, Semantics.CO):
            return (a in self.grounded, None if a in self.grounded else self.grounded)
        if sem == Semantics.ID:
            ideal = self.ideal()
            return (a in ideal, None if a in ideal else ideal)
        if sem in (Semantics.CF, Semantics.AD):
            return (False, frozenset())
        if sem in GROUNDED_BASED:
            if self._labels[a] == IN:
                return (True, None)
            if self._labels[a] == OUT:
                ext = self.some()
                return (ext is None, ext)
        sat = self._solver()
        lit = -sat.lit_in(int(self._local[a]))
        if sem == Semantics.ST:
            return (False, self._ext(sat.model_in())) if sat.solve([lit]) else (True, None)
        if sem in (Semantics.SST, Semantics.STG):
            found = self._range_search(lit)
            return (found is None, found)
        return self._skeptical_preferred(sat, lit)

    def is_maximal(self, ext: Extension) -> bool:
        """For PR, SST, STG: whether the complete (stage: conflict-free) set `ext` is maximal.

        Set inclusion for preferred, range inclusion for semi-stable and stage semantics. The
        caller checks that `ext` is complete (conflict-free for stage).
        """
        sem = self.semantics
        if sem not in (Semantics.PR, Semantics.SST, Semantics.STG):
            raise InputError(f"maximality is defined for PR, SST and STG, not {sem.value}")
        mask = np.zeros(self.af.n, dtype=bool)
        mask[list(ext)] = True
        sat = self._solver()
        ins = mask[self._glob]
        if sem == Semantics.PR:
            return bool(self._maximize_in(sat, ins, []).sum() == ins.sum())
        hit = np.zeros(self.af.n, dtype=bool)
        hit[self.af.dst[mask[self.af.src]]] = True
        rng = (mask | hit)[self._glob]
        _, grown = self._maximize_range(sat, ins, rng, [])
        return bool(grown.sum() == rng.sum())

    def ideal(self) -> Extension:
        """The ideal extension (computed once, whatever the solver's semantics)."""
        if self._ideal is None:
            def watch(sat: LabellingSat | None) -> None:
                self._ideal_sat = None if sat is None else self._adopt(sat)

            self._ideal = _ideal_extension(self.af, self._sat_name, self.deadline, watch)
        return self._ideal

    # -- algorithms ------------------------------------------------------------------------------
    def _solver(self) -> LabellingSat:
        if self._sat is None:
            sem = self.semantics
            level = {
                Semantics.CF: Level.CF,
                Semantics.AD: Level.AD,
                Semantics.ST: Level.CF,
                Semantics.STG: Level.CF,
                Semantics.PR: Level.AD,
            }.get(sem, Level.CO)
            glob = self._glob
            src, dst = self.af.src, self.af.dst
            if glob.shape[0] != self.af.n:
                keep = (self._local[src] >= 0) & (self._local[dst] >= 0)
                src, dst = self._local[src[keep]], self._local[dst[keep]]
            self._sat = self._adopt(
                LabellingSat(
                    int(glob.shape[0]),
                    src,
                    dst,
                    level,
                    stable=sem == Semantics.ST,
                    ranges=sem in (Semantics.SST, Semantics.STG),
                    defence=sem == Semantics.PR,
                    solver_name=self._sat_name,
                    deadline=self.deadline,
                )
            )
        return self._sat

    def _ext(self, local_in: BoolArray) -> Extension:
        return self._base | frozenset(self._glob[local_in].tolist())

    def _check_arg(self, arg: int) -> int:
        if not 0 <= arg < self.af.n:
            raise InputError(f"argument {arg} is not in the framework (0..{self.af.n - 1})")
        return int(arg)

    def _maximize_in(self, sat: LabellingSat, ins: BoolArray, fixed: list[int]) -> BoolArray:
        """Grow the IN-set of a model until no model has a strictly larger one (PrefSAT).

        For PR the models are the admissible sets (defence encoding), whose maximal ones are
        the preferred extensions (Dung 1995).
        """
        while True:
            outside = np.flatnonzero(~ins) + 1
            if outside.shape[0] == 0:
                return ins
            act = sat.new_var()
            sat.add_clause([-act, *outside.tolist()])
            found = sat.solve([*fixed, act, *(np.flatnonzero(ins) + 1).tolist()])
            if found:
                ins = sat.model_in()
            sat.release(act)
            if not found:
                return ins

    def _maximize_range(
        self, sat: LabellingSat, ins: BoolArray, rng: BoolArray, fixed: list[int]
    ) -> tuple[BoolArray, BoolArray]:
        """Grow the range of a model until no model (with `fixed`) has a strictly larger one."""
        base = 2 * sat.n + 1
        while True:
            outside = np.flatnonzero(~rng) + base
            if outside.shape[0] == 0:
                return ins, rng
            act = sat.new_var()
            sat.add_clause([-act, *outside.tolist()])
            found = sat.solve([*fixed, act, *(np.flatnonzero(rng) + base).tolist()])
            if found:
                ins, rng = sat.model_in_range()
            sat.release(act)
            if not found:
                return ins, rng

    def _range_search(self, lit: int | None) -> Extension | None:
        """A range-maximal (semi-stable / stage) extension satisfying `lit`, or None (CEGAR)."""
        sat = self._solver()
        want = [] if lit is None else [lit]
        sel = sat.new_var()
        try:
            while True:
                if not sat.solve([sel, *want]):
                    return None
                ins, rng = self._maximize_range(sat, *sat.model_in_range(), [sel, *want])
                if lit is None:
                    return self._ext(ins)
                # Is the range maximal among all models, not just those satisfying `lit`?
                _, bigger = self._maximize_range(sat, ins, rng, [sel])
                if bigger.sum() == rng.sum():
                    return self._ext(ins)
                if sat.solve([sel, *want, *_lits(sat, bigger)]):
                    return self._ext(sat.model_in())
                base = 2 * sat.n + 1
                sat.add_clause([-sel, *(np.flatnonzero(~bigger) + base).tolist()])
        finally:
            sat.release(sel)

    def _skeptical_preferred(self, sat: LabellingSat, lit: int) -> tuple[bool, Extension | None]:
        """DS-PR: look for a preferred extension satisfying `lit` (= the argument is not in).

        First one preferred extension, found with the solver steered away from the argument:
        when it lacks the argument (most NO answers) that is the counter-example, at SE-PR
        cost. Otherwise the CEGAR loop of Dvořák et al. (2014), which may skip the subsets
        of that extension.
        """
        sat.prefer([lit])
        try:
            if not sat.solve():  # pragma: no cover - the empty set is always admissible
                raise AssertionError("no admissible set")
            first = self._maximize_in(sat, sat.model_in(), [])
        finally:
            sat.prefer([-lit])  # back to branching towards accepting arguments
        if not first[-lit - 1]:
            return (False, self._ext(first))
        sel = sat.new_var()
        try:
            # A preferred extension without the argument is no subset of `first`.
            sat.add_clause([-sel, *(np.flatnonzero(~first) + 1).tolist()])
            while True:
                if not sat.solve([sel, lit]):
                    return (True, None)
                # Largest admissible set without the argument, then: is it preferred?
                ins = self._maximize_in(sat, sat.model_in(), [sel, lit])
                grown = self._maximize_in(sat, ins, [sel])
                if grown.sum() == ins.sum():
                    return (False, self._ext(ins))
                # Every preferred superset contains the argument: exclude subsets of `grown`.
                sat.add_clause([-sel, *(np.flatnonzero(~grown) + 1).tolist()])
        finally:
            sat.release(sel)


def _lits(sat: LabellingSat, rng: BoolArray) -> list[int]:
    """Assumptions fixing the range to exactly `rng`."""
    base = 2 * sat.n + 1
    idx = np.arange(sat.n, dtype=np.int64) + base
    out: list[int] = np.where(rng, idx, -idx).tolist()
    return out


def _block_exact(ins: BoolArray) -> list[int]:
    """A clause excluding exactly the IN-set `ins`."""
    idx = np.arange(ins.shape[0], dtype=np.int64) + 1
    out: list[int] = np.where(ins, -idx, idx).tolist()
    return out


def _ideal_extension(
    af: ArgumentationFramework,
    sat_name: str,
    deadline: float | None,
    watch: Callable[[LabellingSat | None], None] | None = None,
) -> Extension:
    """Dunne (2009): the largest admissible subset of the credulously accepted arguments that
    no credulously accepted argument attacks. `watch` is told of the SAT solver while it lives
    (so that it can be interrupted), then of None."""
    labels = grounded_labelling(af)
    accepted = labels == IN
    undec = np.flatnonzero(labels == UNDEC)
    if undec.shape[0]:
        local = np.full(af.n, -1, dtype=np.int64)
        local[undec] = np.arange(undec.shape[0], dtype=np.int64)
        keep = (local[af.src] >= 0) & (local[af.dst] >= 0)
        sat = LabellingSat(
            int(undec.shape[0]),
            local[af.src[keep]],
            local[af.dst[keep]],
            Level.AD,
            defence=True,
            solver_name=sat_name,
            deadline=deadline,
        )
        if watch is not None:
            watch(sat)
        try:
            unknown = np.ones(undec.shape[0], dtype=bool)
            while unknown.any():
                act = sat.new_var()
                todo = (np.flatnonzero(unknown) + 1).tolist()
                sat.prefer(todo)  # steer the solver towards accepting many unknown arguments
                sat.add_clause([-act, *todo])
                found = sat.solve([act])
                sat.release(act)
                if not found:
                    break
                ins = sat.model_in()
                accepted[undec[ins]] = True
                unknown &= ~ins
        finally:
            if watch is not None:
                watch(None)
            sat.close()
    # Candidates: accepted and not attacked by an accepted argument.
    attacked_by_acc = np.zeros(af.n, dtype=bool)
    attacked_by_acc[af.dst[accepted[af.src]]] = True
    cand = accepted & ~attacked_by_acc
    # Largest admissible subset: drop candidates having an attacker no candidate attacks.
    in_ptr, in_idx = af.in_indptr.tolist(), af.in_indices.tolist()
    out_ptr, out_idx = af.out_indptr.tolist(), af.out_indices.tolist()
    member = cand.tolist()
    defenders = [0] * af.n  # number of members attacking each argument
    for a in np.flatnonzero(cand).tolist():
        for b in out_idx[out_ptr[a] : out_ptr[a + 1]]:
            defenders[b] += 1
    stack = [
        a
        for a in np.flatnonzero(cand).tolist()
        if any(defenders[b] == 0 for b in in_idx[in_ptr[a] : in_ptr[a + 1]])
    ]
    for a in stack:
        member[a] = False
    while stack:
        a = stack.pop()
        for b in out_idx[out_ptr[a] : out_ptr[a + 1]]:
            defenders[b] -= 1
            if defenders[b] == 0:
                for c in out_idx[out_ptr[b] : out_ptr[b + 1]]:
                    if member[c]:
                        member[c] = False
                        stack.append(c)
    return frozenset(a for a in range(af.n) if member[a])
