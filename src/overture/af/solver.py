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
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType

from overture.af.encoding import DEFAULT_SAT_SOLVER, LabellingSat, Level
from overture.af.framework import ArgumentationFramework
from overture.af.grounded import IN, OUT, UNDEC, grounded_labelling
from overture.af.semantics import GROUNDED_BASED, Semantics
from overture.errors import InputError

Extension = frozenset[int]
#: One flag per argument of the solver's (local) numbering.
Flags = list[bool]


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
        self.grounded: Extension = frozenset(
            a for a, code in enumerate(self._labels) if code == IN)
        if self.semantics in GROUNDED_BASED:
            self._glob = [a for a, code in enumerate(self._labels) if code == UNDEC]
        else:
            self._glob = list(range(af.n))
        self._base: Extension = self.grounded if self.semantics in GROUNDED_BASED else frozenset()
        self._local = _local_ids(af.n, self._glob)
        self._attacks: tuple[Sequence[int], Sequence[int]] | None = None  # local, when needed
        self._sat: LabellingSat | None = None
        self._ideal: Extension | None = None
        self._ideal_sat: LabellingSat | None = None  # while the ideal extension is computed
        self._pref_sat: LabellingSat | None = None  # complete labellings, for DS-PR
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
        for sat in (self._sat, self._pref_sat):
            if sat is not None:
                sat.close()
        self._sat = self._pref_sat = None

    def interrupt(self) -> None:
        """Stop a running query from another thread; it raises `LimitExceeded`.

        An interrupt that arrives while a query is still building its SAT encoding (or before
        any query) stops that query (or the next one) as soon as it starts solving.
        """
        live = [sat for sat in (self._sat, self._ideal_sat, self._pref_sat) if sat is not None]
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
        return sum(sat.calls for sat in (self._sat, self._pref_sat) if sat is not None)

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
                    sat.add_clause([-sel, *_outside(ext, 1)])
            elif sem in (Semantics.SST, Semantics.STG):
                while sat.solve([sel]):
                    _, rng = self._maximize_range(sat, *sat.model_in_range(), [sel])
                    fixed = [sel, *_lits(sat, rng)]
                    while sat.solve(fixed):
                        ins = sat.model_in()
                        yield self._ext(ins)
                        sat.add_clause([-sel, *_block_exact(ins)])
                    sat.add_clause([-sel, *_outside(rng, 2 * sat.n + 1)])
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
        lit = sat.lit_in(self._local[a])
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
        if sem == Semantics.PR:
            return self._skeptical_preferred(a)
        sat = self._solver()
        lit = -sat.lit_in(self._local[a])
        if sem == Semantics.ST:
            return (False, self._ext(sat.model_in())) if sat.solve([lit]) else (True, None)
        found = self._range_search(lit)  # SST, STG
        return (found is None, found)

    def is_maximal(self, ext: Extension) -> bool:
        """For PR, SST, STG: whether the complete (stage: conflict-free) set `ext` is maximal.

        Set inclusion for preferred, range inclusion for semi-stable and stage semantics. The
        caller checks that `ext` is complete (conflict-free for stage).
        """
        sem = self.semantics
        if sem not in (Semantics.PR, Semantics.SST, Semantics.STG):
            raise InputError(f"maximality is defined for PR, SST and STG, not {sem.value}")
        mask = [False] * self.af.n
        for a in ext:
            mask[a] = True
        sat = self._solver()
        ins = [mask[a] for a in self._glob]
        if sem == Semantics.PR:
            return sum(self._maximize_in(sat, ins, [])) == sum(ins)
        hit = [False] * self.af.n
        for b, a in zip(self.af.src, self.af.dst, strict=True):
            if mask[b]:
                hit[a] = True
        rng = [mask[a] or hit[a] for a in self._glob]
        _, grown = self._maximize_range(sat, ins, rng, [])
        return sum(grown) == sum(rng)

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
            self._sat = self._adopt(self._new_sat(
                level,
                stable=sem == Semantics.ST,
                ranges=sem in (Semantics.SST, Semantics.STG),
                defence=sem == Semantics.PR,
            ))
        return self._sat

    def _new_sat(self, level: Level, *, stable: bool = False, ranges: bool = False,
                 defence: bool = False) -> LabellingSat:
        """An encoding of the framework restricted to the solver's arguments (local ids)."""
        if self._attacks is None:  # computed once, and only for the queries needing SAT
            self._attacks = _restrict(self.af, self._glob, self._local)
        src, dst = self._attacks
        return LabellingSat(len(self._glob), src, dst, level, stable=stable, ranges=ranges,
                            defence=defence, solver_name=self._sat_name,
                            deadline=self.deadline)

    def _ext(self, local_in: Flags) -> Extension:
        glob = self._glob
        return self._base | frozenset(glob[i] for i, x in enumerate(local_in) if x)

    def _check_arg(self, arg: int) -> int:
        if not 0 <= arg < self.af.n:
            raise InputError(f"argument {arg} is not in the framework (0..{self.af.n - 1})")
        return int(arg)

    def _maximize_in(self, sat: LabellingSat, ins: Flags, fixed: list[int], *,
                     learn: bool = False) -> Flags:
        """Grow the IN-set of a model until no model has a strictly larger one (PrefSAT).

        For PR the models are the admissible sets (defence encoding), whose maximal ones are
        the preferred extensions (Dung 1995). With `learn`, each set outgrown is excluded for
        good with its subsets (sound where the models are complete extensions and only
        preferred ones are sought: a set with a larger model is no preferred extension).
        """
        while True:
            outside = _outside(ins, 1)
            if not outside:
                return ins
            act = sat.new_var()
            sat.add_clause([-act, *outside])
            found = sat.solve([*fixed, act, *_inside(ins, 1)])
            sat.release(act)
            if not found:
                return ins
            if learn:
                sat.add_clause(outside)
            ins = sat.model_in()

    def _maximize_range(
        self, sat: LabellingSat, ins: Flags, rng: Flags, fixed: list[int]
    ) -> tuple[Flags, Flags]:
        """Grow the range of a model until no model (with `fixed`) has a strictly larger one."""
        base = 2 * sat.n + 1
        while True:
            outside = _outside(rng, base)
            if not outside:
                return ins, rng
            act = sat.new_var()
            sat.add_clause([-act, *outside])
            found = sat.solve([*fixed, act, *_inside(rng, base)])
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
                if sum(bigger) == sum(rng):
                    return self._ext(ins)
                if sat.solve([sel, *want, *_lits(sat, bigger)]):
                    return self._ext(sat.model_in())
                sat.add_clause([-sel, *_outside(bigger, 2 * sat.n + 1)])
        finally:
            sat.release(sel)

    def _skeptical_preferred(self, a: int) -> tuple[bool, Extension | None]:
        """DS-PR for an argument left undecided by the grounded labelling: is there a preferred
        extension without it?

        Counter-example guided search over the *complete* extensions (Niskanen & Järvisalo's
        µ-toksia, KR 2020, after Dvořák et al. 2014): take a complete extension without the
        argument, grow it to one maximal among those without the argument, and ask for a
        complete superset with the argument; when there is none it is preferred (NO). A set met
        on the way that has a complete superset is not preferred, nor is any of its subsets, so
        the clause excluding them is added for good: the solver, kept for later queries, only
        ever loses non-preferred complete extensions. Complete rather than admissible
        candidates matter: an admissible set may omit an argument it defends, and on the
        7,346-argument ICCMA graph such spurious candidates took thousands of rounds.
        """
        if self._pref_sat is None:
            self._pref_sat = self._adopt(self._new_sat(Level.CO))
            if self._pref_sat.n:
                self._pref_sat.prefer(list(range(1, self._pref_sat.n + 1)))
        sat = self._pref_sat
        query = sat.lit_in(self._local[a])
        while True:
            if not sat.solve([-query]):
                return (True, None)
            ins = self._maximize_in(sat, sat.model_in(), [-query], learn=True)
            # `ins` is maximal among the complete extensions without the argument: preferred
            # unless a complete superset has the argument.
            if not sat.solve([query, *_inside(ins, 1)]):
                return (False, self._ext(ins))
            sat.add_clause(_outside(ins, 1))


def _local_ids(n: int, keep: list[int]) -> list[int]:
    """Each argument's id among `keep` (numbered 0.. in that order), -1 when left out."""
    local = [-1] * n
    for i, a in enumerate(keep):
        local[a] = i
    return local


def _restrict(af: ArgumentationFramework, keep: list[int], local: list[int]
              ) -> tuple[Sequence[int], Sequence[int]]:
    """The attacks between the arguments `keep`, in their local ids `local`."""
    if len(keep) == af.n:  # every argument kept, in order: the framework's own arrays
        return af.src, af.dst
    kept = [(local[b], local[a]) for b, a in zip(af.src, af.dst, strict=True)
            if local[b] >= 0 and local[a] >= 0]
    return [b for b, _ in kept], [a for _, a in kept]


def _inside(flags: Flags, base: int) -> list[int]:
    """The variables base+i of the flags that are set."""
    return [i + base for i, x in enumerate(flags) if x]


def _outside(flags: Flags, base: int) -> list[int]:
    """The variables base+i of the flags that are not set."""
    return [i + base for i, x in enumerate(flags) if not x]


def _lits(sat: LabellingSat, rng: Flags) -> list[int]:
    """Assumptions fixing the range to exactly `rng`."""
    base = 2 * sat.n + 1
    return [i + base if x else -(i + base) for i, x in enumerate(rng)]


def _block_exact(ins: Flags) -> list[int]:
    """A clause excluding exactly the IN-set `ins`."""
    return [-(i + 1) if x else i + 1 for i, x in enumerate(ins)]


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
    accepted = [code == IN for code in labels]
    undec = [a for a, code in enumerate(labels) if code == UNDEC]
    if undec:
        src, dst = _restrict(af, undec, _local_ids(af.n, undec))
        sat = LabellingSat(
            len(undec),
            src,
            dst,
            Level.AD,
            defence=True,
            solver_name=sat_name,
            deadline=deadline,
        )
        if watch is not None:
            watch(sat)
        try:
            # IN variables of the arguments not yet shown credulously accepted
            todo = list(range(1, len(undec) + 1))
            while todo:
                act = sat.new_var()
                sat.prefer(todo)  # steer the solver towards accepting many unknown arguments
                sat.add_clause([-act, *todo])
                found = sat.solve([act])
                sat.release(act)
                if not found:
                    break
                left = []
                for var, x in zip(todo, sat.true_vars(todo), strict=True):
                    if x:
                        accepted[undec[var - 1]] = True
                    else:
                        left.append(var)
                todo = left
        finally:
            if watch is not None:
                watch(None)
            sat.close()
    # Candidates: accepted and not attacked by an accepted argument.
    attacked_by_acc = [False] * af.n
    for b, a in zip(af.src, af.dst, strict=True):
        if accepted[b]:
            attacked_by_acc[a] = True
    cand = [x and not y for x, y in zip(accepted, attacked_by_acc, strict=True)]
    # Largest admissible subset: drop candidates having an attacker no candidate attacks.
    in_ptr, in_idx = af.in_indptr.tolist(), af.in_indices.tolist()
    out_ptr, out_idx = af.out_indptr.tolist(), af.out_indices.tolist()
    member = list(cand)
    members = [a for a, x in enumerate(cand) if x]
    defenders = [0] * af.n  # number of members attacking each argument
    for a in members:
        for b in out_idx[out_ptr[a] : out_ptr[a + 1]]:
            defenders[b] += 1
    stack = [
        a for a in members if any(defenders[b] == 0 for b in in_idx[in_ptr[a] : in_ptr[a + 1]])
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
