"""Every semantics and every task (SE, EE, CE, DC, DS) against the brute-force reference.

Certificates are checked too: a DC certificate is an extension containing the argument, a DS
certificate an extension without it.
"""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.af.bruteforce import admissible as ref_admissible
from tests.af.bruteforce import all_extensions, subsets
from tests.af.bruteforce import complete as ref_complete
from tests.af.bruteforce import conflict_free as ref_conflict_free
from tests.af.bruteforce import stable as ref_stable

from overture.af import (
    ArgumentationFramework,
    Semantics,
    Solver,
    count_extensions,
    credulously_accepted,
    extensions,
    grounded_extension,
    is_admissible,
    is_complete,
    is_conflict_free,
    is_extension,
    is_stable,
    skeptically_accepted,
    some_extension,
)
from overture.af.encoding import LabellingSat

Edges = list[tuple[int, int]]


@st.composite
def frameworks(draw: st.DrawFn, max_n: int = 8) -> tuple[int, Edges]:
    """Random AFs with 0..max_n arguments, from sparse to dense, self-attacks included."""
    n = draw(st.integers(min_value=0, max_value=max_n))
    if n == 0:
        return 0, []
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    edges = draw(st.lists(pair, max_size=draw(st.sampled_from([n, 2 * n, n * n]))))
    return n, edges


def _check_all_tasks(n: int, edges: Edges, sem: Semantics) -> None:
    af = ArgumentationFramework.from_edges(n, edges)
    ref = all_extensions(sem.value, n, edges)
    listed = list(extensions(af, sem))
    assert len(listed) == len(set(listed)), "an extension was enumerated twice"
    assert set(listed) == ref
    assert count_extensions(af, sem) == len(ref)
    one = some_extension(af, sem)
    assert (one is None and not ref) or one in ref
    for a in range(n):
        ok, cert = credulously_accepted(af, a, sem)
        assert ok == any(a in e for e in ref)
        assert (cert is None) if not ok else (cert in ref and a in cert)
        ok, cert = skeptically_accepted(af, a, sem)
        assert ok == all(a in e for e in ref)
        assert (cert is None) if ok else (cert in ref and a not in cert)


@given(frameworks())
def test_complete(data: tuple[int, Edges]) -> None:
    _check_all_tasks(*data, Semantics.CO)


@given(frameworks())
def test_grounded(data: tuple[int, Edges]) -> None:
    _check_all_tasks(*data, Semantics.GR)
    n, edges = data
    af = ArgumentationFramework.from_edges(n, edges)
    assert {grounded_extension(af)} == all_extensions("GR", n, edges)


@given(frameworks())
def test_preferred(data: tuple[int, Edges]) -> None:
    _check_all_tasks(*data, Semantics.PR)


@given(frameworks())
def test_stable(data: tuple[int, Edges]) -> None:
    _check_all_tasks(*data, Semantics.ST)


@given(frameworks())
def test_semi_stable(data: tuple[int, Edges]) -> None:
    _check_all_tasks(*data, Semantics.SST)


@given(frameworks())
def test_stage(data: tuple[int, Edges]) -> None:
    _check_all_tasks(*data, Semantics.STG)


@given(frameworks())
def test_ideal(data: tuple[int, Edges]) -> None:
    _check_all_tasks(*data, Semantics.ID)


@settings(max_examples=40)
@given(frameworks(max_n=7))
def test_admissible_and_conflict_free(data: tuple[int, Edges]) -> None:
    _check_all_tasks(*data, Semantics.AD)
    _check_all_tasks(*data, Semantics.CF)


@settings(max_examples=25)
@given(frameworks(max_n=11))
def test_larger_frameworks_preferred_and_semi_stable(data: tuple[int, Edges]) -> None:
    n, edges = data
    af = ArgumentationFramework.from_edges(n, edges)
    for sem in (Semantics.PR, Semantics.SST, Semantics.STG, Semantics.ID):
        assert set(extensions(af, sem)) == all_extensions(sem.value, n, edges)


@settings(max_examples=60)
@given(frameworks())
def test_predicates_match_definitions(data: tuple[int, Edges]) -> None:
    n, edges = data
    af = ArgumentationFramework.from_edges(n, edges)
    att = set(edges)
    for s in subsets(n):
        assert is_conflict_free(af, s) == ref_conflict_free(s, att)
        assert is_admissible(af, s) == ref_admissible(s, att)
        assert is_complete(af, s) == ref_complete(s, n, att)
        assert is_stable(af, s) == ref_stable(s, n, att)


@settings(max_examples=30)
@given(frameworks(max_n=6))
def test_is_extension_for_every_semantics(data: tuple[int, Edges]) -> None:
    n, edges = data
    af = ArgumentationFramework.from_edges(n, edges)
    for sem in Semantics:
        ref = all_extensions(sem.value, n, edges)
        for s in subsets(n):
            assert is_extension(af, s, sem) == (s in ref), (sem, sorted(s))


@settings(max_examples=40)
@given(frameworks())
def test_one_solver_answers_many_queries(data: tuple[int, Edges]) -> None:
    """A long-lived Solver gives the same answers as fresh calls, in any query order."""
    n, edges = data
    af = ArgumentationFramework.from_edges(n, edges)
    for sem in (Semantics.PR, Semantics.SST, Semantics.STG, Semantics.ST, Semantics.CO):
        ref = all_extensions(sem.value, n, edges)
        with Solver(af, sem) as solver:
            for a in range(n):
                assert solver.skeptical(a)[0] == all(a in e for e in ref)
                assert set(solver.enumerate()) == ref
                assert solver.credulous(a)[0] == any(a in e for e in ref)
            assert solver.count() == len(ref)
            some = solver.some()
            assert (some is None and not ref) or some in ref


@settings(max_examples=60)
@given(frameworks())
def test_skeptical_preferred_past_a_first_extension_with_the_argument(
    data: tuple[int, Edges],
) -> None:
    """DS-PR first tries one preferred extension steered away from the argument; with the
    steering inverted that extension tends to contain it, so the CEGAR loop after it runs."""
    n, edges = data
    af = ArgumentationFramework.from_edges(n, edges)
    ref = all_extensions("PR", n, edges)
    original = LabellingSat.prefer

    def inverted(self: LabellingSat, literals: list[int]) -> None:
        original(self, [-x for x in literals])

    with patch.object(LabellingSat, "prefer", inverted), Solver(af, Semantics.PR) as solver:
        for a in range(n):
            ok, cert = solver.skeptical(a)
            assert ok == all(a in e for e in ref)
            assert (cert is None) if ok else (cert in ref and a not in cert)
