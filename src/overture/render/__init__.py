"""Drawings and reports: argument graphs as DOT and SVG, and Markdown/HTML scenario reports.

Sits above verdict/analysis and below the CLI and web; imports nothing from those interfaces.
Build a graph (`graph_from_af`, `graph_from_aspic`, `graph_from_verdict`,
`graph_from_doctrine`), draw it (`to_dot`, `to_svg`), or write a whole report
(`build_report`, then `to_markdown` / `to_html`).
"""

from typing import TYPE_CHECKING

from overture.render.af_graph import graph_from_af
from overture.render.dot import graphviz_available, render_with_graphviz, to_dot
from overture.render.graph import ArgumentGraph, GraphEdge, GraphNode, Status
from overture.render.layout import Layout, layered_layout
from overture.render.svg import to_svg

if TYPE_CHECKING:  # loaded lazily below: they pull in the doctrine, verdict and analysis layers
    from overture.render.aspic_graph import (
        graph_from_aspic,
        graph_from_doctrine,
        graph_from_verdict,
    )
    from overture.render.html import to_html
    from overture.render.markdown import to_markdown
    from overture.render.report import ScenarioReport, build_report

__all__ = [
    "ArgumentGraph",
    "GraphEdge",
    "GraphNode",
    "Layout",
    "ScenarioReport",
    "Status",
    "build_report",
    "graph_from_af",
    "graph_from_aspic",
    "graph_from_doctrine",
    "graph_from_verdict",
    "graphviz_available",
    "layered_layout",
    "render_with_graphviz",
    "to_dot",
    "to_html",
    "to_markdown",
    "to_svg",
]

_LAZY = {
    "graph_from_aspic": "overture.render.aspic_graph",
    "graph_from_doctrine": "overture.render.aspic_graph",
    "graph_from_verdict": "overture.render.aspic_graph",
    "ScenarioReport": "overture.render.report",
    "build_report": "overture.render.report",
    "to_html": "overture.render.html",
    "to_markdown": "overture.render.markdown",
}


def __getattr__(name: str) -> object:
    """Load the builders that need the doctrine and verdict layers only when asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'overture.render' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
