"""Independent verification of solver answers: extension properties in numpy, and the
NP-side questions (is S maximal admissible? does an admissible set contain q? is there any
stable extension?) as one SAT call each with python-sat, under a time limit.

Shares no code with `overture.af` or the peers, so a bug there cannot hide itself here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pysat.solvers import Solver

from afbench.generators import Edges

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Graph:
    """Edges plus CSR of attackers, built once per instance."""

    n: int
    src: npt.NDArray[np.int64]
    dst: npt.NDArray[np.int64]
    in_ptr: npt.NDArray[np.int64]
    in_idx: npt.NDArray[np.int64]
    out_ptr: npt.NDArray[np.int64]
    out_idx: npt.NDArray[np.int64]

    @classmethod
    def build(cls, n: int, edges: Edges) -> Graph:
        src = edges[:, 0].astype(np.int64)
        dst = edges[:, 1].astype(np.int64)
        order = np.argsort(dst, kind="stable")
        in_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(dst, minlength=n), out=in_ptr[1:])
        order_out = np.argsort(src, kind="stable")
        out_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=out_ptr[1:])
        return cls(n, src, dst, in_ptr, src[order], out_ptr, dst[order_out])

    def mask(self, ext: Iterable[int]) -> BoolArray:
        m = np.zeros(self.n, dtype=bool)
        idx = np.fromiter(ext, dtype=np.int64)
        if idx.size and (idx.min() < 0 or idx.max() >= self.n):
            raise ValueError("extension mentions an argument outside the framework")
        m[idx] = True
        return m


def grounded(g: Graph) -> frozenset[int]:
    """Grounded extension by the worklist over unattacked counts (Dung 1995, F iterated)."""
    live = np.diff(g.in_ptr).copy()  # attackers not yet defeated
    is_in = np.zeros(g.n, dtype=bool)
    defeated = np.zeros(g.n, dtype=bool)
    stack = [int(a) for a in np.nonzero(live == 0)[0]]
    out_ptr, out_idx = g.out_ptr.tolist(), g.out_idx.tolist()
    live_l = live.tolist()
    while stack:
        a = stack.pop()
        if is_in[a]:
            continue
        is_in[a] = True
        for b in out_idx[out_ptr[a] : out_ptr[a + 1]]:
            if defeated[b]:
                continue
            defeated[b] = True
            for c in out_idx[out_ptr[b] : out_ptr[b + 1]]:
                live_l[c] -= 1
                if live_l[c] == 0:
                    stack.append(c)
    return frozenset(int(a) for a in np.nonzero(is_in)[0])


def defeated_by(g: Graph, s: BoolArray) -> BoolArray:
    d = np.zeros(g.n, dtype=bool)
    d[g.dst[s[g.src]]] = True
    return d


def conflict_free(g: Graph, s: BoolArray) -> bool:
    return not bool(np.any(s[g.src] & s[g.dst]))


def admissible(g: Graph, s: BoolArray) -> bool:
    if not conflict_free(g, s):
        return False
    d = defeated_by(g, s)
    return not bool(np.any(s[g.dst] & ~d[g.src]))


def complete(g: Graph, s: BoolArray) -> bool:
    if not admissible(g, s):
        return False
    d = defeated_by(g, s)
    undefended = np.zeros(g.n, dtype=bool)
    undefended[g.dst[~d[g.src]]] = True  # has an attacker that s does not defeat
    return not bool(np.any(~s & ~undefended))


def stable(g: Graph, s: BoolArray) -> bool:
    return conflict_free(g, s) and bool(np.all(s | defeated_by(g, s)))


def _admissible_cnf(g: Graph) -> list[list[int]]:
    """x_a = var a+1 (a in the set), d_b = var n+b+1 (b attacked by the set)."""
    n = g.n
    cls: list[list[int]] = []
    src, dst = g.src.tolist(), g.dst.tolist()
    for a, b in zip(src, dst, strict=True):
        cls.append([-(a + 1), -(b + 1)])  # conflict-free
        cls.append([-(b + 1), n + a + 1])  # b in => its attacker a is defeated
    in_ptr, in_idx = g.in_ptr.tolist(), g.in_idx.tolist()
    for b in range(n):
        cls.append([-(n + b + 1), *[c + 1 for c in in_idx[in_ptr[b] : in_ptr[b + 1]]]])
    return cls


def _solve(clauses: list[list[int]], assumptions: list[int], timeout: float) -> bool | None:
    """SAT? with a wall-clock limit; None when the limit hits."""
    with Solver(name="g4", bootstrap_with=clauses) as solver:
        timer = threading.Timer(timeout, solver.interrupt)
        timer.start()
        try:
            res = solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        finally:
            timer.cancel()
        return None if res is None else bool(res)


def is_maximal_admissible(g: Graph, s: BoolArray, timeout: float) -> bool | None:
    """No admissible strict superset of the admissible set s (None: unknown in time)."""
    cls = _admissible_cnf(g)
    outside = [int(a) + 1 for a in np.nonzero(~s)[0]]
    if not outside:
        return True
    cls.append(outside)
    sat = _solve(cls, [int(a) + 1 for a in np.nonzero(s)[0]], timeout)
    return None if sat is None else not sat


def credulous_admissible(g: Graph, q: int, timeout: float) -> bool | None:
    """Is q in some admissible set (= some complete / preferred extension)?"""
    return _solve(_admissible_cnf(g), [q + 1], timeout)


def has_stable(g: Graph, timeout: float) -> bool | None:
    cls: list[list[int]] = [
        [-(a + 1), -(b + 1)] for a, b in zip(g.src.tolist(), g.dst.tolist(), strict=True)
    ]
    in_ptr, in_idx = g.in_ptr.tolist(), g.in_idx.tolist()
    for b in range(g.n):
        cls.append([b + 1, *[c + 1 for c in in_idx[in_ptr[b] : in_ptr[b + 1]]]])
    return _solve(cls, [], timeout)
