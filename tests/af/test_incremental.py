"""The incremental solver under random edit sequences, against the brute-force reference.

After every edit each query (SE with assumptions, DC, DS under AD, CO, ST, PR) is compared
with the extensions of the framework as it then is, computed from scratch.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.af.bruteforce import all_extensions

from overture.af import ArgumentationFramework, Solver
from overture.af.incremental import INCREMENTAL_SEMANTICS, IncrementalSolver
from overture.errors import InputError

Edit = tuple[str, int, int]


@st.composite
def edit_sequences(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]], list[Edit]]:
    n = draw(st.integers(1, 6))
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    edges = draw(st.lists(pair, max_size=2 * n))
    kinds = st.sampled_from(["add_attack", "remove_attack", "add_argument", "remove_argument"])
    edits = draw(st.lists(st.tuples(kinds, st.integers(0, 20), st.integers(0, 20)),
                          max_size=6))
    return n, edges, edits


def _reference(solver: IncrementalSolver) -> tuple[list[int], dict[str, set[frozenset[int]]]]:
    """Every extension of the framework now, per semantics, as sets of solver ids."""
    af, ids = solver.framework()
    edges = af.attacks()
    ref = {}
    for sem in INCREMENTAL_SEMANTICS:
        ref[sem.value] = {frozenset(ids[i] for i in e)
                          for e in all_extensions(sem.value, af.n, edges)}
    return ids, ref


def _apply(solver: IncrementalSolver, edit: Edit, live: list[int]) -> None:
    kind, x, y = edit
    if kind == "add_argument" or not live:
        solver.add_argument()
        return
    a, b = live[x % len(live)], live[y % len(live)]
    if kind == "add_attack":
        solver.add_attack(a, b)
    elif kind == "remove_argument":
        solver.remove_argument(a)
    else:
        af, ids = solver.framework()
        present = [(ids[i], ids[j]) for i, j in af.attacks()]
        if present:
            solver.remove_attack(*present[(x + y) % len(present)])


@settings(max_examples=400, deadline=None)
@given(edit_sequences())
def test_queries_after_every_edit_match_brute_force(
    case: tuple[int, list[tuple[int, int]], list[Edit]],
) -> None:
    n, edges, edits = case
    solver = IncrementalSolver(ArgumentationFramework.from_edges(n, edges))
    for step in [None, *edits]:
        if step is not None:
            _apply(solver, step, solver.arguments)
        ids, ref = _reference(solver)
        for sem in INCREMENTAL_SEMANTICS:
            exts = ref[sem.value]
            one = solver.some(sem)
            assert (one is None) == (not exts) and (one is None or one in exts)
            for a in ids:
                ok, cert = solver.credulous(a, sem)
                assert ok == any(a in e for e in exts)
                assert cert is None or (a in cert and cert in exts)
                ok, cert = solver.skeptical(a, sem)
                assert ok == all(a in e for e in exts)
                assert cert is None or (a not in cert and cert in exts)
            if len(ids) >= 2:  # SE with assumptions on both sides
                inside, outside = ids[0], ids[-1]
                got = solver.some(sem, inside=[inside], outside=[outside])
                want = {e for e in exts if inside in e and outside not in e}
                assert (got is None) == (not want) and (got is None or got in want)


def test_ids_survive_edits_and_bad_edits_are_refused() -> None:
    s = IncrementalSolver()
    a, b, c = s.add_argument("a"), s.add_argument("b"), s.add_argument("c")
    s.add_attack(a, b)
    s.add_attack(b, c)
    s.remove_argument(a)
    assert s.arguments == [b, c] and s.name(c) == "c"
    assert s.skeptical(c, "PR") == (False, frozenset({b}))
    with pytest.raises(InputError, match="not in the framework"):
        s.add_attack(a, c)
    with pytest.raises(InputError, match="no attack"):
        s.remove_attack(c, b)
    with pytest.raises(InputError, match="answers for"):
        s.some("SST")
    d = s.add_argument("d")
    assert d not in (a, b, c)
    s.add_attack(d, b)
    assert s.skeptical(c, "PR") == (True, None)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 9), st.data())
def test_sweep_agrees_with_a_fresh_solver(n: int, data: st.DataObject) -> None:
    """The use it is for: one attack removed at a time, DS-PR asked, the attack put back."""
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    edges = sorted(set(data.draw(st.lists(pair, min_size=1, max_size=3 * n))))
    solver = IncrementalSolver(ArgumentationFramework.from_edges(n, edges))
    for k, edge in enumerate(edges):
        solver.remove_attack(*edge)
        rest = edges[:k] + edges[k + 1:]
        fresh = Solver(ArgumentationFramework.from_edges(n, rest), "PR")
        for a in range(n):
            assert solver.skeptical(a, "PR")[0] == fresh.skeptical(a)[0]
        solver.add_attack(*edge)
