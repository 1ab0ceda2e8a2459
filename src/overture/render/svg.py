"""Standalone SVG of an argument graph, laid out by Overture itself (no Graphviz needed).

Nodes are coloured by status, attack kinds are line styles, edges may carry a short caption
placed clear of every box, and each node's tooltip (its quotes) is an SVG `<title>`, which
browsers show on hover. All text is XML-escaped.
"""

from __future__ import annotations

import hashlib

from overture.render.graph import ArgumentGraph
from overture.render.layout import Box, Layout, Point, layered_layout, place_edge_labels
from overture.render.style import (
    EDGE_STYLES,
    FAILED_COLOUR,
    HIGHLIGHT_COLOUR,
    NODE_STYLES,
    edge_style,
    node_style,
    wrap,
    xml_escape,
)

#: Captions of failed attacks: darker than their grey line, 4.5:1 on white at least.
CAPTION_FAILED_COLOUR = "#546e7a"
FONT = "Helvetica, Arial, sans-serif"
RING_LEGEND = "ringed: what the answer turns on"
CHAR_WIDTH = 6.6  # average advance of a 12px sans-serif glyph
LINE_HEIGHT = 15.0
WRAP = 28
MAX_LINES = 3
CAPTION_CHAR = 6.1  # average advance of an 11px glyph
#: Most edge captions placed in one drawing (placement is quadratic; the rest stay in tooltips).
MAX_CAPTIONS = 400


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _path(points: tuple[Point, ...], loop: bool = False) -> str:
    """Smooth path through `points`: cubic segments with vertical tangents at each point."""
    if not points:
        return ""
    (x0, y0), rest = points[0], points[1:]
    parts = [f"M{_fmt(x0)},{_fmt(y0)}"]
    if loop and len(points) == 4:
        # self-loop: one cubic whose control points are the two middle points
        (x1, y1), (x2, y2), (x3, y3) = rest
        return f"M{_fmt(x0)},{_fmt(y0)} C{_fmt(x1)},{_fmt(y1)} {_fmt(x2)},{_fmt(y2)} {_fmt(x3)},{_fmt(y3)}"
    px, py = x0, y0
    for x, y in rest:
        my = (py + y) / 2
        parts.append(f"C{_fmt(px)},{_fmt(my)} {_fmt(x)},{_fmt(my)} {_fmt(x)},{_fmt(y)}")
        px, py = x, y
    return " ".join(parts)


def _node_lines(label: str, detail: str) -> tuple[list[str], list[str]]:
    return wrap(label, WRAP, MAX_LINES), (wrap(detail, WRAP + 8, 1) if detail else [])


def _place_captions(graph: ArgumentGraph, layout: Layout) -> list[Box | None]:
    """Where each edge's caption goes (None: no caption, or no free spot: see the tooltip)."""
    sizes: list[tuple[float, float] | None] = [
        (len(e.caption) * CAPTION_CHAR + 10, 15.0) if e.caption else None for e in graph.edges]
    if sum(s is not None for s in sizes) > MAX_CAPTIONS:
        return [None] * len(sizes)
    return place_edge_labels(layout, sizes)


def _captions_svg(graph: ArgumentGraph, captions: list[Box | None]) -> str:
    """The captions layer: above the edges, under the nodes; each names its edge."""
    parts = ['<g class="captions">']
    for edge, box in zip(graph.edges, captions, strict=True):
        if box is None:
            continue
        colour = edge_style(edge.kind).colour if edge.succeeds else CAPTION_FAILED_COLOUR
        parts.append(
            f'<g class="edge-label" data-source="{xml_escape(edge.source)}" '
            f'data-target="{xml_escape(edge.target)}">'
            f'<rect x="{_fmt(box.x - box.width / 2)}" y="{_fmt(box.y - box.height / 2)}" '
            f'width="{_fmt(box.width)}" height="{_fmt(box.height)}" rx="3" ry="3" '
            f'fill="#ffffff" fill-opacity="0.92"/>'
            f'<text x="{_fmt(box.x)}" y="{_fmt(box.y + 4)}" text-anchor="middle" font-size="11" '
            f'fill="{colour}">{xml_escape(edge.caption)}</text></g>'
        )
    parts.append("</g>")
    return "\n".join(parts)


def to_svg(graph: ArgumentGraph, id_prefix: str | None = None, legend: bool = True) -> str:
    """The SVG document of `graph` (a string starting with `<svg`, well-formed XML).

    `id_prefix` keeps marker ids unique when several SVGs are inlined in one HTML page; by
    default it is derived from the graph's content.
    """
    if id_prefix is None:
        digest = hashlib.sha1(repr((graph.title, graph.nodes, graph.edges)).encode()).hexdigest()
        id_prefix = f"g{digest[:8]}"
    texts = [_node_lines(node.label, node.detail) for node in graph.nodes]
    sizes: list[tuple[float, float]] = []
    for lines, detail in texts:
        longest = max([len(s) for s in lines] + [len(s) * 0.85 for s in detail])
        width = max(64.0, longest * CHAR_WIDTH + 22)
        height = LINE_HEIGHT * len(lines) + (13.0 if detail else 0.0) + 14
        sizes.append((width, height))
    edges = [(graph.position(e.source), graph.position(e.target)) for e in graph.edges]
    top = [i for i, node in enumerate(graph.nodes) if node.emphasis]
    layout = layered_layout(sizes, edges, top=top)

    captions = _place_captions(graph, layout)

    title_h = 30.0
    kinds_used = sorted({e.kind if e.kind in EDGE_STYLES else "attack" for e in graph.edges})
    statuses_used = [
        s
        for s in ("in", "out", "undec", "none")
        if any((n.status or "none") == s for n in graph.nodes)
    ]
    legend_h = 46.0 if legend and graph.nodes else 0.0
    legend_w = 0.0
    if legend_h:
        row1 = sum(30 + len(NODE_STYLES[u].legend) * 6.2 for u in statuses_used)
        if any(n.highlight for n in graph.nodes):
            row1 += 30 + len(RING_LEGEND) * 6.2
        row2 = sum(44 + len(EDGE_STYLES[k].legend) * 6.2 for k in kinds_used)
        if any(not e.succeeds for e in graph.edges):
            row2 += 44 + len("attack fails (preference)") * 6.2
        legend_w = 20 + max(row1, row2)
    title_w = len(graph.title) * 8.4 + 40
    width = max(layout.width, legend_w, title_w, 200.0)
    height = title_h + layout.height + legend_h

    out: list[str] = []
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width)}" height="{_fmt(height)}" '
        f'viewBox="0 0 {_fmt(width)} {_fmt(height)}" font-family="{FONT}" role="img" '
        f'aria-labelledby="{id_prefix}-title">'
    )
    out.append(f'<title id="{id_prefix}-title">{xml_escape(graph.title)}</title>')
    out.append("<defs>")
    colours = {edge_style(k).colour for k in kinds_used} | {FAILED_COLOUR}
    for colour in sorted(colours):
        mid = f"{id_prefix}-arrow-{colour.lstrip('#')}"
        out.append(
            f'<marker id="{mid}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect x="0" y="0" width="{_fmt(width)}" height="{_fmt(height)}" fill="#ffffff"/>')
    out.append(
        f'<text x="{_fmt(width / 2)}" y="20" text-anchor="middle" font-size="14" '
        f'font-weight="bold" fill="#263238">{xml_escape(graph.title)}</text>'
    )
    out.append(f'<g transform="translate(0,{_fmt(title_h)})">')
    out.append('<g class="edges">')
    for edge, route in zip(graph.edges, layout.routes, strict=True):
        style = edge_style(edge.kind)
        colour = style.colour if edge.succeeds else FAILED_COLOUR
        dash = style.dash if edge.succeeds else "5 4"
        outcome = "succeeds" if edge.succeeds else "fails"
        src, dst = graph.node(edge.source), graph.node(edge.target)
        tip = f"{src.label} {style.legend} {dst.label} ({outcome})"
        if edge.label:
            tip += f": {edge.label}"
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        marker = f"{id_prefix}-arrow-{colour.lstrip('#')}"
        out.append(
            f'<g class="edge kind-{xml_escape(edge.kind)} {outcome}" '
            f'data-kind="{xml_escape(edge.kind)}" data-outcome="{outcome}" '
            f'data-source="{xml_escape(edge.source)}" data-target="{xml_escape(edge.target)}">'
            f"<title>{xml_escape(tip)}</title>"
            f'<path d="{_path(route, edge.source == edge.target)}" fill="none" stroke="{colour}" stroke-width="1.6"'
            f'{dash_attr} marker-end="url(#{marker})"/></g>'
        )
    out.append("</g>")
    out.append(_captions_svg(graph, captions))
    out.append('<g class="nodes">')
    for node, box, (lines, detail) in zip(graph.nodes, layout.boxes, texts, strict=True):
        nstyle = node_style(node.status)
        x0, y0 = box.x - box.width / 2, box.y - box.height / 2
        radius = box.height / 2 if node.kind == "statement" else 7.0
        tip = node.tooltip or node.label
        ring = ""
        if node.highlight:
            ring = (f'<rect class="ring" x="{_fmt(x0 - 4)}" y="{_fmt(y0 - 4)}" '
                    f'width="{_fmt(box.width + 8)}" height="{_fmt(box.height + 8)}" '
                    f'rx="{_fmt(radius + 4)}" ry="{_fmt(radius + 4)}" fill="none" '
                    f'stroke="{HIGHLIGHT_COLOUR}" stroke-width="3.5"/>')
        marked = " highlight" if node.highlight else ""
        out.append(
            f'<g class="node status-{node.status or "none"}{marked}" data-id="{xml_escape(node.id)}" '
            f'data-status="{node.status or "none"}" data-kind="{xml_escape(node.kind)}">'
            f"<title>{xml_escape(tip)}</title>{ring}"
            f'<rect x="{_fmt(x0)}" y="{_fmt(y0)}" width="{_fmt(box.width)}" '
            f'height="{_fmt(box.height)}" rx="{_fmt(radius)}" ry="{_fmt(radius)}" fill="{nstyle.fill}" '
            f'stroke="{nstyle.stroke}" stroke-width="{2.8 if node.emphasis else 1.3}"/>'
        )
        ty = y0 + 7 + 11.5
        weight = ' font-weight="bold"' if node.emphasis else ""
        out.append(
            f'<text class="label" x="{_fmt(box.x)}" text-anchor="middle" font-size="12" '
            f'fill="#212121"{weight}>'
        )
        for i, line in enumerate(lines):
            out.append(
                f'<tspan x="{_fmt(box.x)}" y="{_fmt(ty + i * LINE_HEIGHT)}">{xml_escape(line)}</tspan>'
            )
        out.append("</text>")
        if detail:
            dy = ty + len(lines) * LINE_HEIGHT - 1
            out.append(
                f'<text class="detail" x="{_fmt(box.x)}" y="{_fmt(dy)}" text-anchor="middle" '
                f'font-size="11" fill="#455a64">{xml_escape(detail[0])}</text>'
            )
        out.append("</g>")
    out.append("</g>")
    out.append("</g>")
    if legend_h:
        ly = title_h + layout.height + 14
        x = 20.0
        out.append(
            f'<g class="legend" font-size="11" fill="#37474f" transform="translate(0,{_fmt(ly)})">'
        )
        for used in statuses_used:
            st = NODE_STYLES[used]
            out.append(
                f'<rect x="{_fmt(x)}" y="0" width="14" height="12" rx="3" fill="{st.fill}" '
                f'stroke="{st.stroke}"/><text x="{_fmt(x + 19)}" y="10">{xml_escape(st.legend)}</text>'
            )
            x += 30 + len(st.legend) * 6.2
        if any(n.highlight for n in graph.nodes):
            out.append(
                f'<rect x="{_fmt(x)}" y="0" width="14" height="12" rx="3" fill="none" '
                f'stroke="{HIGHLIGHT_COLOUR}" stroke-width="2.5"/><text x="{_fmt(x + 19)}" '
                f'y="10">{RING_LEGEND}</text>'
            )
        x = 20.0
        for kind in kinds_used:
            es = EDGE_STYLES[kind]
            dash_attr = f' stroke-dasharray="{es.dash}"' if es.dash else ""
            out.append(
                f'<line x1="{_fmt(x)}" y1="24" x2="{_fmt(x + 26)}" y2="24" stroke="{es.colour}" '
                f'stroke-width="1.6"{dash_attr}/><text x="{_fmt(x + 31)}" y="28">{xml_escape(es.legend)}</text>'
            )
            x += 44 + len(es.legend) * 6.2
        if any(not e.succeeds for e in graph.edges):
            out.append(
                f'<line x1="{_fmt(x)}" y1="24" x2="{_fmt(x + 26)}" y2="24" stroke="{FAILED_COLOUR}" '
                f'stroke-width="1.6" stroke-dasharray="5 4"/><text x="{_fmt(x + 31)}" y="28">'
                "attack fails (preference)</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
