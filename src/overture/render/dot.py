"""Graphviz DOT text for an argument graph, and optional rendering by a `dot` binary if present.

Statuses are fill colours, attack kinds are line styles (same palette as the SVG writer); the
attacked argument is drawn above its attackers (`rankdir=BT`).
"""

from __future__ import annotations

import shutil
import subprocess

from overture.errors import InputError
from overture.render.graph import ArgumentGraph
from overture.render.style import (
    FAILED_COLOUR,
    HIGHLIGHT_COLOUR,
    clean_text,
    edge_style,
    node_style,
)


def dot_quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as `\\n`."""
    body = clean_text(text).replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{body}"'


def to_dot(graph: ArgumentGraph) -> str:
    """The DOT source of `graph` (a `digraph` with one statement per node and edge)."""
    lines = [
        f"digraph {dot_quote(graph.title)} {{",
        f"  graph [rankdir=BT, label={dot_quote(graph.title)}, labelloc=t, fontname=Helvetica,"
        " nodesep=0.35, ranksep=0.6];",
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=11];',
        "  edge [fontname=Helvetica, fontsize=9, arrowsize=0.8];",
    ]
    for node in graph.nodes:
        nstyle = node_style(node.status)
        label = node.label if not node.detail else f"{node.label}\n{node.detail}"
        attrs = [
            f"label={dot_quote(label)}",
            f'fillcolor="{nstyle.fill}"',
            f'color="{HIGHLIGHT_COLOUR if node.highlight else nstyle.stroke}"',
            f"tooltip={dot_quote(node.tooltip or node.label)}",
        ]
        if node.status:
            attrs.append(f'class="status-{node.status}"')
        if node.highlight:
            attrs.append("penwidth=4")
        elif node.emphasis:
            attrs.append("penwidth=2.5")
        if node.kind == "statement":
            attrs.append("shape=ellipse")
        lines.append(f"  {dot_quote(node.id)} [{', '.join(attrs)}];")
    for edge in graph.edges:
        style = edge_style(edge.kind)
        colour = style.colour if edge.succeeds else FAILED_COLOUR
        outcome = "succeeds" if edge.succeeds else "fails"
        tip = f"{edge.source} {style.legend} {edge.target} ({outcome})"
        if edge.caption and edge.label:  # the caption on the edge, the whole reason on hover
            tip += f": {edge.label}"
        attrs = [
            f'color="{colour}"',
            f"style={style.dot_style}" if edge.succeeds else "style=dashed",
            f"tooltip={dot_quote(tip)}",
        ]
        if edge.kind == "support":
            attrs.append("arrowhead=empty")
        if edge.caption or edge.label:
            attrs.append(f"label={dot_quote(edge.caption or edge.label)}")
        lines.append(
            f"  {dot_quote(edge.source)} -> {dot_quote(edge.target)} [{', '.join(attrs)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def graphviz_available() -> bool:
    """True when a Graphviz `dot` binary is on the PATH."""
    return shutil.which("dot") is not None


def render_with_graphviz(dot_source: str, fmt: str = "svg", timeout: float = 60.0) -> bytes:
    """Run Graphviz `dot -T<fmt>` on `dot_source` (InputError if `dot` is absent or fails)."""
    exe = shutil.which("dot")
    if exe is None:
        raise InputError("Graphviz `dot` is not installed; use the built-in SVG writer instead")
    if not fmt.isalnum():
        raise InputError(f"bad Graphviz output format {fmt!r}")
    proc = subprocess.run(
        [exe, f"-T{fmt}"], input=dot_source.encode(), capture_output=True, timeout=timeout
    )
    if proc.returncode != 0:
        raise InputError(f"Graphviz failed: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout
