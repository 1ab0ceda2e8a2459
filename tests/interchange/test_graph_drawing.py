"""Argument graphs as DOT and SVG: layout invariants, escaping, statuses and tooltips."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overture.af import ArgumentationFramework
from overture.errors import InputError
from overture.render import (
    ArgumentGraph,
    GraphEdge,
    GraphNode,
    graph_from_af,
    graphviz_available,
    layered_layout,
    render_with_graphviz,
    to_dot,
    to_svg,
)
from overture.render.graph import normalise_status
from overture.render.layout import (
    _crossings,
    _on_route,
    break_cycles,
    longest_path_layers,
    place_edge_labels,
)

SVG = "{http://www.w3.org/2000/svg}"

graphs = st.integers(min_value=1, max_value=9).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=20),
    )
)


def _is_acyclic(n: int, edges: list[tuple[int, int]]) -> bool:
    succ: dict[int, list[int]] = {}
    for u, v in edges:
        succ.setdefault(u, []).append(v)
    state = [0] * n

    def visit(u: int) -> bool:
        state[u] = 1
        for v in succ.get(u, []):
            if state[v] == 1 or (state[v] == 0 and not visit(v)):
                return False
        state[u] = 2
        return True

    return all(state[u] or visit(u) for u in range(n))


@given(graphs, st.data())
def test_break_cycles_leaves_an_acyclic_graph_with_top_nodes_as_sinks(
    g: tuple[int, list[tuple[int, int]]], data: st.DataObject
) -> None:
    n, edges = g
    top = data.draw(st.lists(st.integers(0, n - 1), max_size=1))
    flipped = break_cycles(n, edges, top)
    dag = [(v, u) if k in flipped else (u, v) for k, (u, v) in enumerate(edges) if u != v]
    assert _is_acyclic(n, dag)
    for t in top:
        assert all(u != t for u, _ in dag)


@given(graphs)
def test_longest_path_layering_puts_every_head_strictly_above_its_tail(
    g: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = g
    flipped = break_cycles(n, edges)
    dag = [(v, u) if k in flipped else (u, v) for k, (u, v) in enumerate(edges) if u != v]
    layer = longest_path_layers(n, dag)
    for u, v in dag:
        assert layer[u] > layer[v]
    # longest path: a node on layer k > 0 has a successor on layer k - 1
    for u in range(n):
        if layer[u]:
            assert any(layer[v] == layer[u] - 1 for a, v in dag if a == u)


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=15),
    st.permutations(range(6)),
    st.permutations(range(6)),
)
def test_bilayer_crossing_count_matches_brute_force(
    edges: list[tuple[int, int]], upper: list[int], lower: list[int]
) -> None:
    down: dict[int, list[int]] = {}
    for u, v in edges:
        down.setdefault(u, []).append(v)
    pu = {v: i for i, v in enumerate(upper)}
    pl = {v: i for i, v in enumerate(lower)}
    brute = sum(
        1
        for (a, b), (c, d) in itertools.combinations(edges, 2)
        if (pu[a] - pu[c]) * (pl[b] - pl[d]) < 0
    )
    assert _crossings(list(upper), list(lower), down) == brute


@given(graphs, st.integers(1, 4))
def test_width_bounded_layering_keeps_edges_upward_and_rows_narrow(
    g: tuple[int, list[tuple[int, int]]], width: int
) -> None:
    n, edges = g
    flipped = break_cycles(n, edges)
    dag = [(v, u) if k in flipped else (u, v) for k, (u, v) in enumerate(edges) if u != v]
    layer = longest_path_layers(n, dag, width)
    for u, v in dag:
        assert layer[u] > layer[v]
    for lay in set(layer):
        assert layer.count(lay) <= width


@settings(max_examples=60)
@given(graphs, st.lists(st.integers(20, 200), min_size=9, max_size=9))
def test_layout_boxes_never_overlap_and_routes_join_their_nodes(
    g: tuple[int, list[tuple[int, int]]], widths: list[int]
) -> None:
    n, edges = g
    sizes = [(float(widths[i]), 30.0) for i in range(n)]
    layout = layered_layout(sizes, edges)
    boxes = layout.boxes
    for a, b in itertools.combinations(range(n), 2):
        ba, bb = boxes[a], boxes[b]
        overlap_x = abs(ba.x - bb.x) < (ba.width + bb.width) / 2
        overlap_y = abs(ba.y - bb.y) < (ba.height + bb.height) / 2
        assert not (overlap_x and overlap_y), (a, b)
    for box in boxes:
        assert box.x - box.width / 2 >= 0 and box.x + box.width / 2 <= layout.width
        assert box.y - box.height / 2 >= 0 and box.y + box.height / 2 <= layout.height
    assert len(layout.routes) == len(edges)
    for (u, v), route in zip(edges, layout.routes, strict=True):
        if u == v:
            continue
        (x0, y0), (x1, y1) = route[0], route[-1]
        # tail point on the tail's box border, head point on the head's (parallel edges fan
        # out along the border)
        assert (
            abs(x0 - boxes[u].x) <= boxes[u].width / 2
            and abs(abs(y0 - boxes[u].y) - boxes[u].height / 2) < 1e-6
        )
        assert (
            abs(x1 - boxes[v].x) <= boxes[v].width / 2
            and abs(abs(y1 - boxes[v].y) - boxes[v].height / 2) < 1e-6
        )


@settings(max_examples=80)
@given(graphs, st.lists(st.integers(20, 200), min_size=9, max_size=9),
       st.lists(st.one_of(st.none(), st.integers(30, 140)), min_size=20, max_size=20))
def test_edge_labels_sit_on_their_route_clear_of_boxes_and_each_other(
    g: tuple[int, list[tuple[int, int]]], widths: list[int], label_widths: list[int | None]
) -> None:
    n, edges = g
    layout = layered_layout([(float(widths[i]), 30.0) for i in range(n)], edges)
    sizes = [None if w is None else (float(w), 15.0) for w in label_widths[:len(edges)]]
    placed = place_edge_labels(layout, sizes, pad=3.0)
    assert len(placed) == len(edges)
    others = list(layout.boxes)
    for k, (size, box) in enumerate(zip(sizes, placed, strict=True)):
        if size is None:
            assert box is None
            continue
        if box is None:
            continue
        assert (box.width, box.height) == size
        assert box.x - box.width / 2 >= 0 and box.x + box.width / 2 <= layout.width
        assert box.y - box.height / 2 >= 0 and box.y + box.height / 2 <= layout.height
        for o in others:
            assert (abs(box.x - o.x) >= (box.width + o.width) / 2 + 3 - 1e-9
                    or abs(box.y - o.y) >= (box.height + o.height) / 2 + 3 - 1e-9), k
        # centred on a point of its own route, or just beside it
        assert any(abs(box.y - y) < 1e-9 and abs(box.x - x) <= box.width / 2 + 5 + 1e-9
                   for x, y in _on_route(layout.routes[k]))
        others.append(box)


def test_a_lone_edge_always_gets_its_label_between_the_two_boxes() -> None:
    layout = layered_layout([(120.0, 40.0), (80.0, 40.0)], [(1, 0)])
    (box,) = place_edge_labels(layout, [(90.0, 15.0)])
    assert box is not None
    upper, lower = layout.boxes
    assert upper.y + upper.height / 2 < box.y - box.height / 2
    assert box.y + box.height / 2 < lower.y - lower.height / 2
    with pytest.raises(ValueError):
        place_edge_labels(layout, [])


def test_attacked_argument_is_drawn_above_its_attackers() -> None:
    # a chain 2 -> 1 -> 0 (attacker -> attacked): 0 on top, 2 at the bottom
    layout = layered_layout([(60.0, 30.0)] * 3, [(2, 1), (1, 0)])
    ys = [b.y for b in layout.boxes]
    assert ys[0] < ys[1] < ys[2]


def test_emphasised_node_is_on_the_top_layer_even_in_a_mutual_attack() -> None:
    for top in (0, 1):
        layout = layered_layout([(60.0, 30.0)] * 2, [(0, 1), (1, 0)], top=[top])
        assert layout.layers[top] == 0
        assert layout.boxes[top].y < layout.boxes[1 - top].y


def test_barycentre_ordering_untangles_a_crossed_bipartite_graph() -> None:
    # top row 0,1,2; bottom row 3,4,5 attacking them in reverse order
    edges = [(3, 2), (4, 1), (5, 0)]
    layout = layered_layout([(60.0, 30.0)] * 6, edges)
    xs = [b.x for b in layout.boxes]
    routes_cross = [
        (xs[a] - xs[c]) * (xs[b] - xs[d]) < 0 for (a, b), (c, d) in itertools.combinations(edges, 2)
    ]
    assert not any(routes_cross)


def _demo_graph() -> ArgumentGraph:
    af = ArgumentationFramework.from_edges(5, [(0, 1), (1, 0), (1, 2), (2, 3), (3, 2), (4, 4)])
    return graph_from_af(
        af,
        ["in", "out", "undec", "undec", "out"],
        tooltips={0: "“We negotiate with the world.” — speech, 2015-10-07"},
        emphasis=[0],
    )


def test_svg_is_well_formed_with_one_group_per_node_and_edge_and_quote_tooltips() -> None:
    graph = _demo_graph()
    root = ET.fromstring(to_svg(graph))
    assert root.tag == f"{SVG}svg"
    groups = root.iter(f"{SVG}g")
    nodes = [g for g in groups if "node" in (g.get("class") or "").split()]
    assert [g.get("data-id") for g in nodes] == ["1", "2", "3", "4", "5"]
    statuses = [
        next(c for c in (g.get("class") or "").split() if c.startswith("status-")) for g in nodes
    ]
    assert statuses == ["status-in", "status-out", "status-undec", "status-undec", "status-out"]
    first_title = nodes[0].find(f"{SVG}title")
    assert first_title is not None
    assert first_title.text == "“We negotiate with the world.” — speech, 2015-10-07"
    edges = [g for g in root.iter(f"{SVG}g") if "edge" in (g.get("class") or "").split()]
    assert len(edges) == 6
    # status colours: the in-node is green-filled, the out-nodes red-filled
    fills = [g.find(f"{SVG}rect").get("fill") for g in nodes]  # type: ignore[union-attr]
    assert fills[0] != fills[1] and fills[1] == fills[4] and fills[2] == fills[3]


HOSTILE = "A <script>alert(\"x\")</script> & 'quote' ]]> \x00\x07 end"


def test_svg_and_dot_escape_every_text_field() -> None:
    node = GraphNode(id='id"<>&', label=HOSTILE, status="in", tooltip=HOSTILE, detail=HOSTILE)
    other = GraphNode(id="b", label="plain")
    graph = ArgumentGraph.build(
        [node, other], [GraphEdge("b", 'id"<>&', "undercut", False, HOSTILE)], title=HOSTILE
    )
    svg = to_svg(graph)
    root = ET.fromstring(svg)  # well-formed despite the hostile text
    assert "<script>" not in svg
    titles = [t.text for t in root.iter(f"{SVG}title")]
    clean = HOSTILE.replace("\x00", "").replace("\x07", "")
    assert clean in titles
    dot = to_dot(graph)
    assert "\x00" not in dot and "\x07" not in dot
    # every double quote inside DOT strings is escaped: strip escaped quotes, then quotes pair up
    for line in dot.splitlines():
        assert line.replace('\\"', "").count('"') % 2 == 0, line
    assert '"id\\"<>&"' in dot


def test_dot_styles_statuses_and_attack_kinds() -> None:
    nodes = [GraphNode("a", "A", "in"), GraphNode("b", "B", "out"), GraphNode("c", "C", "undec")]
    edges = [
        GraphEdge("a", "b", "rebut"),
        GraphEdge("a", "c", "undercut"),
        GraphEdge("c", "a", "undermine", succeeds=False),
    ]
    dot = to_dot(ArgumentGraph.build(nodes, edges, "T"))
    assert dot.startswith('digraph "T" {') and dot.rstrip().endswith("}")
    node_lines = {m.group(1): m.group(2) for m in re.finditer(r'^  "(\w)" \[(.*)\];$', dot, re.M)}
    assert set(node_lines) == {"a", "b", "c"}
    assert len({re.search(r'fillcolor="(#\w+)"', v).group(1) for v in node_lines.values()}) == 3  # type: ignore[union-attr]
    edge_lines = re.findall(r'^  "(\w)" -> "(\w)" \[(.*)\];$', dot, re.M)
    assert [(a, b) for a, b, _ in edge_lines] == [("a", "b"), ("a", "c"), ("c", "a")]
    assert "style=solid" in edge_lines[0][2]
    assert "style=dotted" in edge_lines[1][2]
    assert "style=dashed" in edge_lines[2][2] and "fails" in edge_lines[2][2]


@pytest.mark.skipif(not graphviz_available(), reason="Graphviz dot not installed")
def test_graphviz_accepts_the_dot_output() -> None:
    svg = render_with_graphviz(to_dot(_demo_graph()), "svg")
    ET.fromstring(svg)
    node = GraphNode(id='id"<>&\\', label=HOSTILE, status="in", tooltip=HOSTILE, detail=HOSTILE)
    hostile = ArgumentGraph.build(
        [node, GraphNode("b", "plain\\n")],
        [GraphEdge("b", node.id, "undercut", False, HOSTILE)],
        title=HOSTILE,
    )
    root = ET.fromstring(render_with_graphviz(to_dot(hostile), "svg"))
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "alert" in texts  # the label survived as text, not as markup


def test_graph_rejects_dangling_edges_and_duplicate_ids() -> None:
    with pytest.raises(InputError):
        ArgumentGraph.build([GraphNode("a", "A")], [GraphEdge("a", "zz")])
    with pytest.raises(InputError):
        ArgumentGraph.build([GraphNode("a", "A"), GraphNode("a", "B")], [])


def test_status_normalisation_accepts_strings_and_enum_like_values() -> None:
    class Label:
        def __init__(self, value: str) -> None:
            self.value = value

    assert normalise_status("IN") == "in"
    assert normalise_status(Label("undecided")) == "undec"
    assert normalise_status("out") == "out"
    assert normalise_status(None) is None
    with pytest.raises(InputError):
        normalise_status("maybe")


def test_labelling_of_wrong_length_is_an_input_error() -> None:
    af = ArgumentationFramework.from_edges(2, [(0, 1)])
    with pytest.raises(InputError):
        graph_from_af(af, ["in"])
