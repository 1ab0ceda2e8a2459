"""Preorders over defeasible rules and ordinary premises, from declared preference pairs.

Takes the reflexive-transitive closure of the declared pairs, rejects cycles through a declared
strict preference, and precomputes for each item the set of items strictly above it (bitsets).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from overture.errors import InputError

T = TypeVar("T", bound=Hashable)


class PreferenceCycleError(InputError):
    """Declared preferences that make a strict order impossible: `a < b` yet `b <= a`."""

    def __init__(self, cycle: Sequence[object], what: str) -> None:
        shown = " < ".join(str(x) for x in cycle)
        super().__init__(
            f"{what} preference cycle: {shown} (a strict preference cannot hold in both directions)"
        )
        self.cycle = tuple(cycle)


@dataclass(frozen=True)
class Preorder(Generic[T]):
    """A preorder over `items` given as, for each item index, the bitset of items strictly above.

    `above[i] >> j & 1` iff items[i] < items[j] (strictly weaker). `index` maps item -> position.
    """

    items: tuple[T, ...]
    index: dict[T, int]
    above: tuple[int, ...]
    component: tuple[int, ...]

    def strictly_less(self, a: T, b: T) -> bool:
        """a < b: a is weaker than b and not the other way round."""
        return bool(self.above[self.index[a]] >> self.index[b] & 1)

    def less_or_equal(self, a: T, b: T) -> bool:
        """a <= b in the reflexive-transitive closure."""
        return a == b or self.strictly_less(a, b) or self.equivalent(a, b)

    def equivalent(self, a: T, b: T) -> bool:
        """a <= b and b <= a (same strongly connected component of the declared pairs)."""
        return self.component[self.index[a]] == self.component[self.index[b]]


def build_preorder(
    items: Iterable[T],
    strict_pairs: Iterable[tuple[T, T]],
    weak_pairs: Iterable[tuple[T, T]] = (),
    what: str = "rule",
) -> Preorder[T]:
    """Close (weaker, stronger) pairs reflexively and transitively over `items`.

    Strict pairs declare `weaker < stronger`, weak pairs `weaker <= stronger`. Raises
    `PreferenceCycleError` if a strict pair lies on a cycle (the closure would make it an
    equivalence). Unknown items raise InputError.
    """
    order = tuple(dict.fromkeys(items))
    index = {x: i for i, x in enumerate(order)}
    n = len(order)
    succ: list[list[int]] = [[] for _ in range(n)]
    strict_edges: list[tuple[int, int]] = []
    for pairs, is_strict in ((strict_pairs, True), (weak_pairs, False)):
        for weaker, stronger in pairs:
            for x in (weaker, stronger):
                if x not in index:
                    raise InputError(f"preference names unknown {what} {x}")
            a, b = index[weaker], index[stronger]
            if a == b and is_strict:
                raise PreferenceCycleError([weaker, stronger], what)
            succ[a].append(b)
            if is_strict:
                strict_edges.append((a, b))
    scc = _tarjan(n, succ)
    for a, b in strict_edges:
        if scc[a] == scc[b]:
            path = _path(succ, b, a, scc)
            raise PreferenceCycleError([order[a], *(order[i] for i in path)], what)
    # Propagate "strictly above" masks: process SCCs in Tarjan order (sinks first).
    members: dict[int, list[int]] = {}
    for i, c in enumerate(scc):
        members.setdefault(c, []).append(i)
    comp_above: dict[int, int] = {}
    comp_mask: dict[int, int] = {}
    # Only components that some item prefers to need a mask of their own: building one for
    # every item would cost n bits each (quadratic memory on large preference-free theories).
    targets = {scc[j] for i in range(n) for j in succ[i]}
    for c in sorted(members):  # Tarjan numbers components in reverse topological order
        if c in targets:
            mask = 0
            for i in members[c]:
                mask |= 1 << i
            comp_mask[c] = mask
        up = 0
        for i in members[c]:
            for j in succ[i]:
                d = scc[j]
                if d != c:
                    up |= comp_mask[d] | comp_above[d]
        comp_above[c] = up
    above = tuple(comp_above[scc[i]] for i in range(n))
    return Preorder(order, index, above, tuple(scc))


def _tarjan(n: int, succ: list[list[int]]) -> list[int]:
    """Strongly connected components (Tarjan 1972), iterative; ids in reverse topological order."""
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    comp = [-1] * n
    stack: list[int] = []
    counter = 0
    ncomp = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work: list[tuple[int, int]] = [(root, 0)]
        while work:
            v, k = work.pop()
            if k == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            recurse = False
            while k < len(succ[v]):
                w = succ[v][k]
                k += 1
                if index[w] == -1:
                    work.append((v, k))
                    work.append((w, 0))
                    recurse = True
                    break
                if on_stack[w]:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = ncomp
                    if w == v:
                        break
                ncomp += 1
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
    return comp


def _path(succ: list[list[int]], start: int, goal: int, scc: list[int]) -> list[int]:
    """A shortest path start .. goal inside one SCC (breadth-first), as a list of nodes."""
    parent = {start: start}
    queue = [start]
    for v in queue:
        if v == goal:
            break
        for w in succ[v]:
            if w not in parent and scc[w] == scc[start]:
                parent[w] = v
                queue.append(w)
    path = [goal]
    while path[-1] != start:
        path.append(parent[path[-1]])
    return path[::-1]
