"""Preorders from declared preferences against a brute-force transitive closure."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overture.aspic.preferences import PreferenceCycleError, build_preorder

ITEMS = list(range(7))
pairs = st.lists(st.tuples(st.sampled_from(ITEMS), st.sampled_from(ITEMS)), max_size=12)


def _closure(edges: set[tuple[int, int]]) -> set[tuple[int, int]]:
    le = {(i, i) for i in ITEMS} | edges
    changed = True
    while changed:
        changed = False
        for (a, b), (c, d) in itertools.product(list(le), list(le)):
            if b == c and (a, d) not in le:
                le.add((a, d))
                changed = True
    return le


@given(pairs, pairs)
def test_preorder_matches_brute_force_closure(
    strict: list[tuple[int, int]], weak: list[tuple[int, int]]
) -> None:
    le = _closure(set(strict) | set(weak))
    cyclic = any((b, a) in le for a, b in strict)
    if cyclic:
        with pytest.raises(PreferenceCycleError) as info:
            build_preorder(ITEMS, strict, weak)
        cycle = info.value.cycle
        assert cycle[0] == cycle[-1] or (cycle[-1], cycle[0]) in le
        return
    order = build_preorder(ITEMS, strict, weak)
    for a, b in itertools.product(ITEMS, ITEMS):
        assert order.strictly_less(a, b) == ((a, b) in le and (b, a) not in le)
        assert order.less_or_equal(a, b) == ((a, b) in le)
