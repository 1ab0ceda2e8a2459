"""Drawings and reports: argument graphs as DOT and SVG, and Markdown/HTML scenario reports.

Sits above verdict/analysis and below the CLI and web; imports nothing from those interfaces.
"""

from overture.render.builders import graph_from_af
from overture.render.dot import graphviz_available, render_with_graphviz, to_dot
from overture.render.graph import ArgumentGraph, GraphEdge, GraphNode, Status
from overture.render.layout import Layout, layered_layout
from overture.render.svg import to_svg

__all__ = [
    "ArgumentGraph",
    "GraphEdge",
    "GraphNode",
    "Layout",
    "Status",
    "graph_from_af",
    "graphviz_available",
    "layered_layout",
    "render_with_graphviz",
    "to_dot",
    "to_svg",
]
