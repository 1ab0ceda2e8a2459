"""Layered drawing of a directed graph without Graphviz: the Sugiyama framework in four steps.

Sugiyama, Tagawa & Toda (1981), "Methods for visual understanding of hierarchical system
structures", IEEE Trans. SMC 11(2): cycle removal, layer assignment, crossing reduction by the
barycentre method, coordinate assignment. Cycles are broken with the greedy heuristic of Eades,
Lin & Smyth (1993), layers are assigned by longest path, so attacked arguments sit above their
attackers and arrows point upward, as in argument maps where the conclusion is on top.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from overture.errors import LimitExceeded

#: Largest graph the layered layout accepts (the crossing-reduction sweeps are quadratic-ish).
MAX_LAYOUT_NODES = 3000
#: Largest number of nodes plus edge bends (dummy nodes) a drawing may need.
MAX_LAYOUT_POINTS = 400_000
#: Horizontal room kept for an edge passing through a layer.
DUMMY_WIDTH = 12.0

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """A node's centre `(x, y)` and size."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    """Node boxes in input order, one route (list of points, tail first) per input edge."""

    boxes: tuple[Box, ...]
    routes: tuple[tuple[Point, ...], ...]
    layers: tuple[int, ...]
    width: float
    height: float


def break_cycles(n: int, edges: Sequence[tuple[int, int]], top: Sequence[int] = ()) -> set[int]:
    """Indices of the edges to reverse so that the graph becomes acyclic (self-loops excluded).

    Edges leaving a node in `top` are reversed first, which makes those nodes sinks and so
    puts them on the top layer. The rest follows Eades, Lin & Smyth (1993), "A fast and
    effective heuristic for the feedback arc set problem", IPL 47(6): peel sinks to the right
    and sources to the left; otherwise move the node with the largest out-in degree left.
    Edges that point right-to-left in the resulting order are reversed.
    """
    top_set = set(top)
    reversed_edges: set[int] = set()
    work: list[tuple[int, int]] = []
    for k, (u, v) in enumerate(edges):
        if u == v:
            continue
        if u in top_set and v not in top_set:
            reversed_edges.add(k)
            work.append((v, u))
        else:
            work.append((u, v))
    succ: list[set[int]] = [set() for _ in range(n)]
    pred: list[set[int]] = [set() for _ in range(n)]
    for u, v in work:
        succ[u].add(v)
        pred[v].add(u)
    alive = set(range(n))
    left: list[int] = []
    right: list[int] = []
    while alive:
        changed = True
        while changed:
            changed = False
            for v in sorted(alive):
                if v in alive and not (succ[v] & alive):
                    right.append(v)
                    alive.discard(v)
                    changed = True
            for v in sorted(alive):
                if v in alive and not (pred[v] & alive):
                    left.append(v)
                    alive.discard(v)
                    changed = True
        if alive:
            best = max(sorted(alive), key=lambda v: len(succ[v] & alive) - len(pred[v] & alive))
            left.append(best)
            alive.discard(best)
    order = {v: i for i, v in enumerate(left + right[::-1])}
    for k, (u, v) in enumerate(edges):
        if u == v:
            continue
        a, b = (v, u) if k in reversed_edges else (u, v)
        if order[a] > order[b]:
            reversed_edges ^= {k}
    return reversed_edges


def longest_path_layers(
    n: int, dag: Sequence[tuple[int, int]], width: int | None = None
) -> list[int]:
    """Layer of each node: 0 for nodes with no out-edge, else above every successor.

    Without `width` this is longest-path layering (e.g. Healy & Nikolov, in Tamassia (ed.),
    Handbook of Graph Drawing and Visualization, 2013, ch. 13): each node sits one layer above
    its highest successor, which gives the fewest layers. With `width`, a node goes to the
    lowest layer at or above that one holding fewer than `width` nodes, the greedy
    width-bounded variant of the same heuristic, so that many unrelated arguments do not make
    one very wide row.
    """
    succ: list[list[int]] = [[] for _ in range(n)]
    indeg = [0] * n
    for u, v in dag:
        succ[u].append(v)
        indeg[v] += 1
    # Process in reverse topological order (Kahn's algorithm, then reversed).
    order: list[int] = []
    stack = [v for v in range(n - 1, -1, -1) if indeg[v] == 0]
    while stack:
        u = stack.pop()
        order.append(u)
        for v in succ[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                stack.append(v)
    layer = [0] * n
    filled: dict[int, int] = {}
    for u in reversed(order):
        lay = 1 + max((layer[v] for v in succ[u]), default=-1)
        while width is not None and filled.get(lay, 0) >= width:
            lay += 1
        layer[u] = lay
        filled[lay] = filled.get(lay, 0) + 1
    return layer


def _crossings(upper: list[int], lower: list[int], down: dict[int, list[int]]) -> int:
    """Crossings between two adjacent layers: inversions among edges sorted by upper position.

    Counted with a Fenwick tree in O(E log V), after Barth, Juenger & Mutzel (2004), "Simple
    and efficient bilayer cross counting", JGAA 8(2).
    """
    pos_low = {v: i for i, v in enumerate(lower)}
    seq: list[int] = []
    for u in upper:
        seq.extend(sorted(pos_low[w] for w in down.get(u, ()) if w in pos_low))
    # `seen` counts the entries inserted so far.
    size = len(lower)
    tree = [0] * (size + 1)
    total = 0
    for seen, p in enumerate(seq):
        i = p + 1
        # earlier entries at a position > p cross this edge
        s = 0
        j = i
        while j > 0:
            s += tree[j]
            j -= j & -j
        total += seen - s
        j = i
        while j <= size:
            tree[j] += 1
            j += j & -j
    return total


def _barycentre_sweeps(
    rows: list[list[int]], up: dict[int, list[int]], down: dict[int, list[int]], sweeps: int = 24
) -> list[list[int]]:
    """Reorder each layer by the mean position of its neighbours in the previous layer.

    The barycentre method of Sugiyama et al. (1981), alternating downward and upward sweeps;
    the ordering with the fewest crossings seen is kept.
    """

    def count(rs: list[list[int]]) -> int:
        return sum(_crossings(rs[i], rs[i + 1], down) for i in range(len(rs) - 1))

    best = [list(r) for r in rows]
    best_count = count(best)
    current = [list(r) for r in rows]
    stale = 0
    for sweep in range(sweeps):
        if best_count == 0:
            break
        downward = sweep % 2 == 0
        indices = range(1, len(current)) if downward else range(len(current) - 2, -1, -1)
        for i in indices:
            ref = current[i - 1] if downward else current[i + 1]
            pos = {v: p for p, v in enumerate(ref)}
            neighbours = up if downward else down
            keyed: list[tuple[float, int, int]] = []
            for p, v in enumerate(current[i]):
                ps = [pos[w] for w in neighbours.get(v, ()) if w in pos]
                key = sum(ps) / len(ps) if ps else float(p)
                keyed.append((key, p, v))
            keyed.sort()
            current[i] = [v for _, _, v in keyed]
        c = count(current)
        if c < best_count:
            best, best_count, stale = [list(r) for r in current], c, 0
        else:
            stale += 1
            if stale >= 4:
                break
    return best


def _place_row(desired: list[float], widths: list[float], gap: float) -> list[float]:
    """Positions as close as possible to `desired` keeping order and `gap` between boxes.

    Average of a left-to-right and a right-to-left pass, then a final left-to-right pass so
    that no two boxes overlap (a simple form of the priority method of Sugiyama et al.).
    """
    k = len(desired)
    if k == 0:
        return []

    def sep(i: int) -> float:
        return (widths[i - 1] + widths[i]) / 2 + gap

    left = list(desired)
    for i in range(1, k):
        left[i] = max(left[i], left[i - 1] + sep(i))
    right = list(desired)
    for i in range(k - 2, -1, -1):
        right[i] = min(right[i], right[i + 1] - sep(i + 1))
    xs = [(a + b) / 2 for a, b in zip(left, right, strict=True)]
    for i in range(1, k):
        xs[i] = max(xs[i], xs[i - 1] + sep(i))
    return xs


def layered_layout(
    sizes: Sequence[tuple[float, float]],
    edges: Sequence[tuple[int, int]],
    top: Sequence[int] = (),
    max_width: int | None = 0,
    h_gap: float = 28.0,
    v_gap: float = 64.0,
    margin: float = 20.0,
) -> Layout:
    """Lay out nodes of the given (width, height) with edges (tail, head) between indices.

    Heads end up above tails. Edges longer than one layer pass through dummy points, so routes
    bend around the nodes of intermediate layers. Self-loops get a small loop on the right.
    `max_width` bounds the nodes per layer (0: about 1.6 sqrt(n), at least 6; None: no bound).
    """
    n = len(sizes)
    if n > MAX_LAYOUT_NODES:
        raise LimitExceeded(
            f"graph of {n} nodes is too large to lay out (limit {MAX_LAYOUT_NODES}); "
            "export DOT and use Graphviz instead"
        )
    for u, v in edges:
        if not (0 <= u < n and 0 <= v < n):
            raise ValueError(f"edge ({u}, {v}) outside 0..{n - 1}")
    flipped = break_cycles(n, edges, top)
    dag_pairs: list[tuple[int, int]] = []
    for k, (u, v) in enumerate(edges):
        if u != v:
            dag_pairs.append((v, u) if k in flipped else (u, v))
    if max_width == 0:
        max_width = max(6, math.ceil(1.6 * math.sqrt(n)))
    layer = longest_path_layers(n, dag_pairs, max_width)

    # Dummy nodes split long edges into unit-length segments (ids n, n+1, ...).
    node_layer: list[int] = list(layer)
    chains: dict[tuple[int, int], list[int]] = {}
    up: dict[int, list[int]] = {}
    down: dict[int, list[int]] = {}

    def link(a: int, b: int) -> None:
        # a sits one layer below b (layer[a] = layer[b] + 1); `up` points toward layer 0.
        up.setdefault(a, []).append(b)
        down.setdefault(b, []).append(a)

    for a, b in sorted(set(dag_pairs)):
        chain = [a]
        for lay in range(node_layer[a] - 1, node_layer[b], -1):
            node_layer.append(lay)
            chain.append(len(node_layer) - 1)
        chain.append(b)
        for lower_end, upper_end in itertools.pairwise(chain):
            link(lower_end, upper_end)
        chains[(a, b)] = chain

    total = len(node_layer)
    depth = max(node_layer, default=-1) + 1
    rows: list[list[int]] = [[] for _ in range(depth)]
    # Initial order: depth-first from the top layer, so connected nodes start close together.
    visited = [False] * total
    for start in sorted(range(n), key=lambda v: (node_layer[v], v)):
        stack = [start]
        while stack:
            v = stack.pop()
            if visited[v]:
                continue
            visited[v] = True
            rows[node_layer[v]].append(v)
            stack.extend(reversed(down.get(v, [])))
    if total > MAX_LAYOUT_POINTS:
        raise LimitExceeded(
            f"graph needs {total} layout points (nodes plus edge bends; limit "
            f"{MAX_LAYOUT_POINTS}); export DOT and use Graphviz instead"
        )
    # Fewer sweeps on big drawings: each costs O(E log V); most of the gain comes early.
    sweeps = 24 if total <= 2_000 else 8 if total <= 20_000 else 3
    rows = _barycentre_sweeps(rows, up, down, sweeps)

    width_of = [sizes[v][0] if v < n else DUMMY_WIDTH for v in range(total)]
    row_height = [max((sizes[v][1] for v in row if v < n), default=0.0) for row in rows]
    ys: list[float] = []
    y_cursor = margin
    for h in row_height:
        ys.append(y_cursor + h / 2)
        y_cursor += h + v_gap
    xs = [0.0] * total
    for row in rows:
        acc = 0.0
        for v in row:
            xs[v] = acc + width_of[v] / 2
            acc += width_of[v] + h_gap
    # Coordinate assignment: pull each node toward its neighbours' mean, alternating directions.
    for it in range(8 if total <= 20_000 else 3):
        order = range(depth) if it % 2 == 0 else range(depth - 1, -1, -1)
        for i in order:
            row = rows[i]
            desired = []
            for v in row:
                nb = up.get(v, []) + down.get(v, [])
                desired.append(sum(xs[w] for w in nb) / len(nb) if nb else xs[v])
            placed = _place_row(desired, [width_of[v] for v in row], h_gap)
            for v, x in zip(row, placed, strict=True):
                xs[v] = x
    min_left = min((xs[v] - width_of[v] / 2 for v in range(total)), default=0.0)
    shift = margin - min_left
    xs = [x + shift for x in xs]
    max_right = max((xs[v] + width_of[v] / 2 for v in range(total)), default=0.0)
    loop_extra = 30.0 if any(u == v for u, v in edges) else 0.0
    width = max_right + margin + loop_extra
    height = (y_cursor - v_gap + margin) if depth else 2 * margin

    boxes = tuple(Box(xs[v], ys[node_layer[v]], sizes[v][0], sizes[v][1]) for v in range(n))
    routes: list[tuple[Point, ...]] = []
    multiplicity: dict[tuple[int, int], int] = {}
    for k, (u, v) in enumerate(edges):
        if u == v:
            loop_box = boxes[u]
            x0, y0 = loop_box.x + loop_box.width / 2, loop_box.y
            routes.append(((x0, y0 - 6), (x0 + 26, y0 - 14), (x0 + 26, y0 + 14), (x0, y0 + 6)))
            continue
        a, c = (v, u) if k in flipped else (u, v)
        chain = chains[(a, c)]
        pts: list[Point] = []
        for idx, w in enumerate(chain):
            if w < n:
                bx = boxes[w]
                edge_y = bx.y - bx.height / 2 if idx == 0 else bx.y + bx.height / 2
                pts.append((bx.x, edge_y))
            else:
                pts.append((xs[w], ys[node_layer[w]]))
        seen = multiplicity.get((a, c), 0)
        multiplicity[(a, c)] = seen + 1
        if seen:
            # parallel edges fan out by 8px steps, staying on the narrower end box
            room = max(min(sizes[a][0], sizes[c][0]) / 2 - 4, 0.0)
            offset = 8.0 * ((seen + 1) // 2) * (1 if seen % 2 else -1)
            offset = max(-room, min(room, offset))
            pts = [(px + offset, py) for px, py in pts]
        if k in flipped:
            pts.reverse()
        routes.append(tuple(pts))
    return Layout(boxes, tuple(routes), tuple(layer), width, height)


def _on_route(route: tuple[Point, ...]) -> list[Point]:
    """Points along a route drawn as `svg._path` draws it (cubic segments with vertical
    tangents), head end first: on each segment its middle, then nearer its ends."""
    out: list[Point] = []
    segments = list(itertools.pairwise(route))
    for (px, py), (x, y) in reversed(segments):
        my = (py + y) / 2
        for t in (0.5, 0.35, 0.65, 0.2, 0.8):
            s = 1 - t
            out.append((s**3 * px + 3 * s * s * t * px + 3 * s * t * t * x + t**3 * x,
                        s**3 * py + 3 * s * s * t * my + 3 * s * t * t * my + t**3 * y))
    return out


def place_edge_labels(
    layout: Layout, sizes: Sequence[tuple[float, float] | None], pad: float = 3.0
) -> list[Box | None]:
    """A place for each edge's label (of the given size; None: no label) on or beside its
    route, clear of every node box and of the labels placed before it, inside the drawing.

    Greedy, in edge order: the first free spot among points along the route (the head's end
    first, so a label reads next to the argument it defeats), centred on the line, then just
    left or right of it. A label with no free spot gets None (the caller keeps the text in the
    edge's tooltip); placed labels never overlap a box or each other.
    """
    if len(sizes) != len(layout.routes):
        raise ValueError("one label size per edge expected")
    taken: list[Box] = list(layout.boxes)

    def clear(b: Box) -> bool:
        if b.x - b.width / 2 < 0 or b.x + b.width / 2 > layout.width:
            return False
        if b.y - b.height / 2 < 0 or b.y + b.height / 2 > layout.height:
            return False
        return all(
            abs(b.x - o.x) >= (b.width + o.width) / 2 + pad
            or abs(b.y - o.y) >= (b.height + o.height) / 2 + pad
            for o in taken
        )

    placed: list[Box | None] = []
    for route, size in zip(layout.routes, sizes, strict=True):
        if size is None or not route:
            placed.append(None)
            continue
        w, h = size
        spot = None
        for x, y in _on_route(route):
            for dx in (0.0, -(w / 2 + 5), w / 2 + 5):
                b = Box(x + dx, y, w, h)
                if clear(b):
                    spot = b
                    break
            if spot is not None:
                break
        if spot is not None:
            taken.append(spot)
        placed.append(spot)
    return placed
