"""Brute-force Dung semantics over all subsets, the reference for the benchmark's tests."""

from __future__ import annotations

from itertools import combinations

Edge = tuple[int, int]


def subsets(n: int) -> list[frozenset[int]]:
    return [frozenset(c) for k in range(n + 1) for c in combinations(range(n), k)]


def attacked(s: frozenset[int], edges: list[Edge]) -> set[int]:
    return {b for a, b in edges if a in s}


def conflict_free(s: frozenset[int], edges: list[Edge]) -> bool:
    return not any(a in s and b in s for a, b in edges)


def defends(s: frozenset[int], x: int, edges: list[Edge]) -> bool:
    hit = attacked(s, edges)
    return all(a in hit for a, b in edges if b == x)


def admissible(s: frozenset[int], edges: list[Edge]) -> bool:
    return conflict_free(s, edges) and all(defends(s, x, edges) for x in s)


def complete(n: int, s: frozenset[int], edges: list[Edge]) -> bool:
    return admissible(s, edges) and all(x in s for x in range(n) if defends(s, x, edges))


def stable(n: int, s: frozenset[int], edges: list[Edge]) -> bool:
    return conflict_free(s, edges) and attacked(s, edges) | s == set(range(n))


def preferred(n: int, edges: list[Edge]) -> list[frozenset[int]]:
    adm = [s for s in subsets(n) if admissible(s, edges)]
    return [s for s in adm if not any(s < t for t in adm)]


def grounded(n: int, edges: list[Edge]) -> frozenset[int]:
    s: frozenset[int] = frozenset()
    while True:
        nxt = frozenset(x for x in range(n) if defends(s, x, edges))
        if nxt == s:
            return s
        s = nxt
