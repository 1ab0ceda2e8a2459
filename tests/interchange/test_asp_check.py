"""The clingo encoding used to cross-check exported ICCMA files, against brute force."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overture.af import ArgumentationFramework
from overture.errors import InputError
from overture.interchange.asp import ClingoAcceptance, encoding

pytest.importorskip("clingo")


def brute_complete(n: int, attacks: set[tuple[int, int]]) -> list[frozenset[int]]:
    """All complete extensions by enumerating subsets (Dung 1995, definitions 6 and 23)."""
    result = []
    for bits in range(1 << n):
        s = frozenset(i for i in range(n) if bits >> i & 1)
        if any((a, b) in attacks for a in s for b in s):
            continue
        defended = {
            x
            for x in range(n)
            if all(any((z, y) in attacks for z in s) for y in range(n) if (y, x) in attacks)
        }
        if defended == s:
            result.append(s)
    return result


def brute(n: int, attacks: set[tuple[int, int]], semantics: str) -> list[frozenset[int]]:
    complete = brute_complete(n, attacks)
    if semantics == "complete":
        return complete
    if semantics == "grounded":
        return [min(complete, key=len)]
    if semantics == "preferred":
        return [e for e in complete if not any(e < f for f in complete)]
    # stable: conflict-free sets attacking every outside argument (all are complete)
    return [
        e for e in complete if all(any((a, x) in attacks for a in e) for x in set(range(n)) - e)
    ]


frameworks = st.integers(min_value=1, max_value=7).flatmap(
    lambda n: st.tuples(
        st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=16)
    )
)


@settings(max_examples=60)
@given(frameworks, st.sampled_from(["grounded", "complete", "preferred", "stable"]))
def test_clingo_extensions_and_acceptance_match_brute_force(
    fw: tuple[int, set[tuple[int, int]]], semantics: str
) -> None:
    n, attacks = fw
    af = ArgumentationFramework.from_edges(n, sorted(attacks))
    solver = ClingoAcceptance(af, semantics)  # type: ignore[arg-type]
    expected = brute(n, attacks, semantics)
    assert sorted(map(sorted, solver.extensions())) == sorted(map(sorted, expected))
    for a in range(n):
        assert solver.credulous(a) == any(a in e for e in expected)
        assert solver.skeptical(a) == all(a in e for e in expected)


def test_odd_cycle_has_no_stable_extension_and_empty_grounded() -> None:
    af = ArgumentationFramework.from_edges(3, [(0, 1), (1, 2), (2, 0)])
    assert list(ClingoAcceptance(af, "stable").extensions()) == []
    assert list(ClingoAcceptance(af, "grounded").extensions()) == [frozenset()]
    assert all(ClingoAcceptance(af, "stable").skeptical(a) for a in range(3))  # vacuous
    assert not any(ClingoAcceptance(af, "preferred").credulous(a) for a in range(3))


def test_unknown_semantics_and_argument_are_input_errors() -> None:
    with pytest.raises(InputError):
        encoding("ideal")  # type: ignore[arg-type]
    af = ArgumentationFramework.from_edges(2, [])
    with pytest.raises(InputError):
        ClingoAcceptance(af, "complete").credulous(5)


def test_preferred_maximality_on_a_floating_reinstatement_example() -> None:
    # a <-> b, both attack c, c attacks d: preferred {a, d} and {b, d}; d skeptical
    af = ArgumentationFramework.from_edges(4, [(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)])
    exts = set(ClingoAcceptance(af, "preferred").extensions())
    assert exts == {frozenset({0, 3}), frozenset({1, 3})}
    assert ClingoAcceptance(af, "preferred").skeptical(3)
    assert not ClingoAcceptance(af, "grounded").skeptical(3)
    assert list(itertools.islice(ClingoAcceptance(af, "complete").extensions(), 10))
