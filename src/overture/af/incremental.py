"""A persistent solver for a framework that changes: add and remove arguments and attacks, then
ask again, on one live SAT solver.

For callers that ask many questions of one framework and its variants (sweeps, counterfactual
search): the encoding is never rebuilt, only the clauses of the arguments an edit touches.
"""

from __future__ import annotations

from collections.abc import Iterable

from overture.af.framework import ArgumentationFramework
from overture.af.sat import new_sat_solver
from overture.af.semantics import Semantics
from overture.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from overture.af.sat import SatBackend

Extension = frozenset[int]

#: The semantics the incremental solver answers for.
INCREMENTAL_SEMANTICS = (Semantics.AD, Semantics.CO, Semantics.ST, Semantics.PR)


class IncrementalSolver:
    """Complete-labelling encoding (Besnard & Doutre 2004; Cerutti et al. 2013) kept alive
    under edits, with acceptance and extension queries under AD, CO, ST and PR.

    Every argument has variables `in`, `out` and a *group*: the clauses that depend on its
    attackers (out iff an attacker is in; in only if every attacker is out; for CO also in
    when every attacker is out; for ST in or out). A group is guarded by a selector literal
    that each query assumes; an edit retires the groups of the arguments whose attackers
    changed (their selectors are switched off for good) and encodes them anew, lazily, before
    the next query. Removed arguments keep their ids retired (`in`/`out` fixed false); ids are
    never reused, so extensions stay comparable across edits.

    Skeptical preferred acceptance is the counter-example guided search of `Solver` (after
    Niskanen & Järvisalo's µ-toksia, KR 2020); the clauses it learns are tied to the current
    framework by a generation selector, assumed by preferred queries only (they exclude
    complete extensions that are not preferred) and switched off at the next edit.

    Examples
    --------
    >>> s = IncrementalSolver()
    >>> a, b, c = (s.add_argument() for _ in range(3))
    >>> s.add_attack(a, b); s.add_attack(b, c)
    >>> s.skeptical(c, "PR")[0]
    True
    >>> s.add_attack(b, a)
    >>> s.skeptical(c, "PR")[0]
    False
    """

    def __init__(self, af: ArgumentationFramework | None = None, *,
                 sat_solver: str = "cadical195") -> None:
        self._sat: SatBackend = new_sat_solver(sat_solver, [])
        self._top = 0
        self._names: dict[int, str] = {}
        self._in: dict[int, int] = {}  # argument id -> its `in` variable; `out` is in + 1
        self._attackers: dict[int, set[int]] = {}
        self._attacked: dict[int, set[int]] = {}
        self._group: dict[int, int] = {}  # argument id -> selector of its current clauses
        self._dirty: set[int] = set()
        self._next_id = 0
        self._complete = self._new_var()  # assumed for CO, PR and ST
        self._stable = self._new_var()  # assumed for ST
        self._generation = self._new_var()  # learnt DS-PR clauses; renewed at every edit
        self._model: list[int] = []
        self.calls = 0
        if af is not None:
            for name in af.names:
                self.add_argument(name)
            for b, a in af.attacks():
                self.add_attack(b, a)

    # -- edits -------------------------------------------------------------------------------
    def _new_var(self) -> int:
        self._top += 1
        return self._top

    def add_argument(self, name: str | None = None) -> int:
        """Add an argument (unattacked, attacking nothing); returns its id."""
        arg = self._next_id
        self._next_id += 1
        self._names[arg] = str(arg + 1) if name is None else name
        self._in[arg] = self._new_var()
        self._new_var()  # its `out` variable
        self._attackers[arg] = set()
        self._attacked[arg] = set()
        self._touch(arg)
        return arg

    def remove_argument(self, arg: int) -> None:
        """Remove an argument and every attack it takes part in."""
        self._check(arg)
        for b in list(self._attackers[arg]):
            self.remove_attack(b, arg)
        for a in list(self._attacked[arg]):
            self.remove_attack(arg, a)
        self._retire(arg)
        in_var = self._in.pop(arg)
        self._sat.add_clause([-in_var])
        self._sat.add_clause([-(in_var + 1)])
        del self._names[arg], self._attackers[arg], self._attacked[arg]
        self._dirty.discard(arg)
        self._edited()

    def add_attack(self, attacker: int, attacked: int) -> None:
        """Add the attack `attacker` -> `attacked` (no-op if present)."""
        self._check(attacker)
        self._check(attacked)
        if attacker not in self._attackers[attacked]:
            self._attackers[attacked].add(attacker)
            self._attacked[attacker].add(attacked)
            self._touch(attacked)

    def remove_attack(self, attacker: int, attacked: int) -> None:
        """Remove the attack `attacker` -> `attacked` (InputError if absent)."""
        self._check(attacker)
        self._check(attacked)
        if attacker not in self._attackers[attacked]:
            raise InputError(f"no attack {attacker} -> {attacked} to remove")
        self._attackers[attacked].discard(attacker)
        self._attacked[attacker].discard(attacked)
        self._touch(attacked)

    def _check(self, arg: int) -> None:
        if arg not in self._in:
            raise InputError(f"argument {arg} is not in the framework")

    def _touch(self, arg: int) -> None:
        self._dirty.add(arg)
        self._edited()

    def _edited(self) -> None:
        if self._generation:
            self._sat.add_clause([-self._generation])  # what DS-PR learnt no longer holds
            self._generation = 0

    def _retire(self, arg: int) -> None:
        group = self._group.pop(arg, None)
        if group is not None:
            self._sat.add_clause([-group])

    def _encode(self) -> None:
        """Encode anew the groups of the arguments whose attackers changed."""
        add = self._sat.add_clause
        for arg in self._dirty:
            self._retire(arg)
            group = self._new_var()
            self._group[arg] = group
            ia = self._in[arg]
            oa = ia + 1
            att = [self._in[b] for b in sorted(self._attackers[arg])]
            add([-group, -ia, -oa])
            add([-group, -oa, *att])  # OUT only when an attacker is IN
            for ib in att:
                add([-group, -ib, oa])  # an IN attacker makes it OUT
                add([-group, -ia, ib + 1])  # IN only when every attacker is OUT (defended)
            add([-group, -self._complete, ia, *[-(ib + 1) for ib in att]])  # CO: defended -> IN
            add([-group, -self._stable, ia, oa])
        self._dirty.clear()
        if not self._generation:
            self._generation = self._new_var()

    # -- queries -------------------------------------------------------------------------------
    @property
    def arguments(self) -> list[int]:
        """The ids of the arguments now in the framework, ascending."""
        return sorted(self._in)

    def name(self, arg: int) -> str:
        """The name argument `arg` was added with."""
        self._check(arg)
        return self._names[arg]

    def framework(self) -> tuple[ArgumentationFramework, list[int]]:
        """A snapshot of the framework now, with the id of each of its arguments."""
        ids = self.arguments
        index = {a: i for i, a in enumerate(ids)}
        edges = [(index[b], index[a]) for a in ids for b in sorted(self._attackers[a])]
        return (ArgumentationFramework.from_edges(len(ids), edges,
                                                  names=[self._names[a] for a in ids]), ids)

    def _solve(self, sem: Semantics, extra: Iterable[int] = (), *, learnt: bool = False) -> bool:
        """Satisfiability of the encoding under `sem`'s selectors and `extra`; with `learnt`,
        also what DS-PR learnt about this framework (it holds for preferred reasoning only:
        it excludes complete extensions that are not preferred)."""
        if self._dirty or not self._generation:
            self._encode()
        assume = [*self._group.values()]
        if learnt:
            assume.append(self._generation)
        if sem != Semantics.AD:
            assume.append(self._complete)
        if sem == Semantics.ST:
            assume.append(self._stable)
        assume.extend(extra)
        self.calls += 1
        sat = bool(self._sat.solve(assume))
        if sat:
            model = self._sat.get_model()
            self._model = [] if model is None else model
        return sat

    def _ins(self) -> Extension:
        """The IN-set of the last model."""
        model = self._model
        return frozenset(a for a, v in self._in.items() if v <= len(model) and model[v - 1] > 0)

    def _semantics(self, sem: Semantics | str) -> Semantics:
        parsed = sem if isinstance(sem, Semantics) else Semantics.parse(sem)
        if parsed not in INCREMENTAL_SEMANTICS:
            names = ", ".join(s.value for s in INCREMENTAL_SEMANTICS)
            raise InputError(f"the incremental solver answers for {names}, not {parsed.value}")
        return parsed

    def _literals(self, inside: Iterable[int], outside: Iterable[int]) -> list[int]:
        lits = []
        for a in inside:
            self._check(a)
            lits.append(self._in[a])
        for a in outside:
            self._check(a)
            lits.append(-self._in[a])
        return lits

    def some(self, sem: Semantics | str, *, inside: Iterable[int] = (),
             outside: Iterable[int] = ()) -> Extension | None:
        """An extension containing every argument of `inside` and none of `outside`, or None.

        For PR the extension is preferred and satisfies the assumptions: a preferred
        extension that contains `inside` and avoids `outside` (grown from such a complete one
        while it keeps avoiding `outside`, then checked maximal among all).
        """
        s = self._semantics(sem)
        avoid = list(outside)
        extra = self._literals(inside, avoid)
        if not self._solve(s, extra):
            return None
        found = self._ins()
        if s != Semantics.PR:
            return found
        if not avoid:  # a preferred superset of a complete one with `inside` keeps `inside`
            return self._maximise(found, [])
        return self._preferred_avoiding(extra)

    def credulous(self, arg: int, sem: Semantics | str) -> tuple[bool, Extension | None]:
        """Whether `arg` is in some extension; the certificate is one."""
        ext = self.some(sem, inside=[arg])
        return (ext is not None, ext)

    def skeptical(self, arg: int, sem: Semantics | str) -> tuple[bool, Extension | None]:
        """Whether `arg` is in every extension; the certificate is an extension without it."""
        s = self._semantics(sem)
        self._check(arg)
        if s == Semantics.AD:
            return (False, frozenset())
        if s == Semantics.CO:
            # the grounded extension is the least complete one: `arg` is in every complete
            # extension iff no complete extension leaves it out
            ext = self.some(s, outside=[arg])
            return (ext is None, ext)
        if s == Semantics.ST:
            ext = self.some(s, outside=[arg])
            return (ext is None, ext)
        found = self._preferred_avoiding([-self._in[arg]])
        return (found is None, found)

    def _maximise(self, ins: Extension, fixed: list[int]) -> Extension:
        """Grow a complete extension while one with `fixed` strictly contains it."""
        while True:
            outside = [v for a, v in self._in.items() if a not in ins]
            if not outside:
                return ins
            act = self._new_var()
            self._sat.add_clause([-act, *outside])
            found = self._solve(Semantics.CO, [*fixed, act, *(self._in[a] for a in ins)],
                                learnt=True)
            self._sat.add_clause([-act])
            if not found:
                return ins
            ins = self._ins()

    def _preferred_avoiding(self, avoid: list[int]) -> Extension | None:
        """A preferred extension satisfying the literals `avoid` (each an `in` variable
        negated or not), or None: the CEGAR loop of `Solver._skeptical_preferred`."""
        while True:
            if not self._solve(Semantics.CO, avoid, learnt=True):
                return None
            ins = self._maximise(self._ins(), avoid)
            # maximal among those satisfying `avoid`: preferred unless a superset exists
            bigger = self._maximise(ins, [])
            if bigger == ins:
                return ins
            # no preferred extension satisfying `avoid` is a subset of `ins`... nor of any set
            # between `ins` and `bigger` that satisfies `avoid`: exclude the subsets of `ins`
            # while this framework lasts
            outside = [v for a, v in self._in.items() if a not in ins]
            self._sat.add_clause([-self._generation, *outside])

    def close(self) -> None:
        """Free the SAT solver."""
        self._sat.delete()

    def __enter__(self) -> IncrementalSolver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
