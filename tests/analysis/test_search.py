"""Minimal edit-set search against a brute-force reference on synthetic oracles."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overture.analysis.search import (
    SearchStats,
    levelwise_minimal_edit_sets,
    monotone_minimal_edit_sets,
)
from overture.errors import LimitExceeded

Edit = tuple[str, int]


def all_edit_sets(alts: Mapping[str, list[int]], k: int) -> list[tuple[Edit, ...]]:
    variables = [v for v in alts if alts[v]]
    out: list[tuple[Edit, ...]] = []
    for size in range(k + 1):
        for combo in itertools.combinations(variables, size):
            for values in itertools.product(*(alts[v] for v in combo)):
                out.append(tuple(zip(combo, values, strict=True)))
    return out


def brute_force(alts: Mapping[str, list[int]], truth: set[frozenset[Edit]], k: int) -> set[frozenset[Edit]]:
    sols = [frozenset(s) for s in all_edit_sets(alts, k) if frozenset(s) in truth]
    return {s for s in sols if not any(o < s for o in sols)}


@st.composite
def problems(draw: st.DrawFn, monotone: bool) -> tuple[dict[str, list[int]], set[frozenset[Edit]], int]:
    n = draw(st.integers(1, 5))
    alts = {f"v{i}": list(range(1, draw(st.integers(0, 3)) + 1)) for i in range(n)}
    universe = [frozenset(s) for s in all_edit_sets(alts, n)]
    if monotone:
        gens = draw(st.lists(st.sampled_from(universe), max_size=4))
        truth = {s for s in universe if any(g <= s for g in gens)}
    else:
        truth = {s for s in universe if draw(st.booleans())} if len(universe) < 64 else set(
            draw(st.lists(st.sampled_from(universe), max_size=20))
        )
    k = draw(st.integers(0, n))
    return alts, truth, k


def as_predicate(truth: set[frozenset[Edit]]):  # type: ignore[no-untyped-def]
    return lambda edits: frozenset(edits.items()) in truth


@given(problems(monotone=False))
def test_levelwise_equals_brute_force_on_any_oracle(p: tuple[dict[str, list[int]], set[frozenset[Edit]], int]) -> None:
    alts, truth, k = p
    got = levelwise_minimal_edit_sets(list(alts), alts, as_predicate(truth), k)
    expected = brute_force(alts, truth, k)
    assert {frozenset(s) for s in got} == expected
    assert len(got) == len(expected)  # no duplicates
    assert [len(s) for s in got] == sorted(len(s) for s in got)  # ranked by size
    for s in got:  # each solution really works and assigns a variable at most once
        assert frozenset(s) in truth
        assert len({v for v, _ in s}) == len(s)


@given(problems(monotone=True))
def test_monotone_search_equals_brute_force_and_levelwise(p: tuple[dict[str, list[int]], set[frozenset[Edit]], int]) -> None:
    alts, truth, k = p
    got = monotone_minimal_edit_sets(list(alts), alts, as_predicate(truth), k)
    assert {frozenset(s) for s in got} == brute_force(alts, truth, k)
    assert got == levelwise_minimal_edit_sets(list(alts), alts, as_predicate(truth), k)


def test_base_already_satisfying_gives_the_empty_edit_set() -> None:
    assert levelwise_minimal_edit_sets(["a"], {"a": [1]}, lambda e: True, 2) == [()]
    assert monotone_minimal_edit_sets(["a"], {"a": [1]}, lambda e: True, 2) == [()]


def test_supersets_of_solutions_are_never_evaluated() -> None:
    seen: list[dict[str, int]] = []

    def pred(edits: Mapping[str, int]) -> bool:
        seen.append(dict(edits))
        return edits.get("a") == 1

    stats = SearchStats()
    got = levelwise_minimal_edit_sets(["a", "b", "c"], {v: [1, 2] for v in "abc"}, pred, 3, stats=stats)
    assert got == [(("a", 1),)]
    assert not any(e.get("a") == 1 and len(e) > 1 for e in seen)
    assert stats.pruned > 0 and stats.evaluations == len(seen)


def test_monotone_search_needs_far_fewer_calls_on_a_wide_vocabulary() -> None:
    # 40 boolean variables; the target needs x3 and x17 together (a monotone conjunction).
    variables = [f"x{i}" for i in range(40)]
    alts = {v: [1] for v in variables}

    def pred(e: Mapping[str, int]) -> bool:
        return "x3" in e and "x17" in e

    lw, mono = SearchStats(), SearchStats()
    a = levelwise_minimal_edit_sets(variables, alts, pred, 3, stats=lw)
    b = monotone_minimal_edit_sets(variables, alts, pred, 3, stats=mono)
    assert a == b == [(("x3", 1), ("x17", 1))]
    assert mono.evaluations * 10 < lw.evaluations


def test_evaluation_budget_raises_limit_exceeded() -> None:
    with pytest.raises(LimitExceeded):
        levelwise_minimal_edit_sets(["a", "b"], {"a": [1], "b": [1]}, lambda e: False, 2, max_evaluations=2)


@settings(max_examples=30)
@given(st.integers(-3, -1))
def test_negative_bound_is_rejected(k: int) -> None:
    with pytest.raises(ValueError):
        levelwise_minimal_edit_sets(["a"], {"a": [1]}, lambda e: False, k)
