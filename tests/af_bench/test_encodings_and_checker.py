"""The clingo encodings and the answer checker against brute force on tiny AFs."""

from __future__ import annotations

import afbench_brute as bf
import numpy as np
from afbench import checker as ck
from afbench import clingo_solver as cs
from hypothesis import given, settings
from hypothesis import strategies as st


@st.composite
def small_afs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(1, 7))
    pairs = [(a, b) for a in range(n) for b in range(n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=min(len(pairs), 14)))
    return n, sorted(chosen)


def _arr(edges: list[tuple[int, int]]) -> np.ndarray:
    return np.array(edges, dtype=np.int64).reshape(-1, 2)


@settings(max_examples=40)
@given(small_afs())
def test_clingo_grounded_stable_preferred(af: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = af
    e = _arr(edges)
    assert cs.grounded(n, e) == bf.grounded(n, edges)
    stables = [s for s in bf.subsets(n) if bf.stable(n, s, edges)]
    got = cs.some_stable(n, e)
    assert (got is None) == (not stables)
    assert got is None or got in stables
    assert cs.some_preferred(n, e) in bf.preferred(n, edges)


@settings(max_examples=40)
@given(small_afs(), st.integers(0, 6))
def test_clingo_decisions(af: tuple[int, list[tuple[int, int]]], qi: int) -> None:
    n, edges = af
    q = qi % n
    e = _arr(edges)
    prefs = bf.preferred(n, edges)
    skept = all(q in p for p in prefs)
    for fn in (cs.skeptical_preferred, cs.skeptical_preferred_saturation):
        ok, cert = fn(n, e, q)
        assert ok == skept
        assert ok or (cert in prefs and q not in cert)
    cred = any(q in s and bf.complete(n, s, edges) for s in bf.subsets(n))
    ok, cert = cs.credulous_complete(n, e, q)
    assert ok == cred
    assert not ok or (cert is not None and q in cert and bf.complete(n, cert, edges))


@settings(max_examples=60)
@given(small_afs())
def test_checker_matches_brute_force(af: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = af
    g = ck.Graph.build(n, _arr(edges))
    assert ck.grounded(g) == bf.grounded(n, edges)
    prefs = bf.preferred(n, edges)
    for s in bf.subsets(n):
        m = g.mask(s)
        assert ck.conflict_free(g, m) == bf.conflict_free(s, edges)
        assert ck.admissible(g, m) == bf.admissible(s, edges)
        assert ck.complete(g, m) == bf.complete(n, s, edges)
        assert ck.stable(g, m) == bf.stable(n, s, edges)
        if bf.admissible(s, edges):
            assert ck.is_maximal_admissible(g, m, 10) == (s in prefs)
    assert ck.has_stable(g, 10) == any(bf.stable(n, s, edges) for s in bf.subsets(n))
    for q in range(n):
        assert ck.credulous_admissible(g, q, 10) == any(q in p for p in prefs)
