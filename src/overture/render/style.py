"""Colours and line styles shared by the DOT and SVG writers, and text sanitising helpers.

One palette so that a graph looks the same whether Graphviz or Overture's own layout draws it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from overture.render.graph import Status


@dataclass(frozen=True)
class NodeStyle:
    """Fill and border colour of a node, and the legend text of its status."""

    fill: str
    stroke: str
    legend: str


@dataclass(frozen=True)
class EdgeStyle:
    """Colour and dash pattern (SVG `stroke-dasharray`, DOT `style`) of an edge kind."""

    colour: str
    dash: str
    dot_style: str
    legend: str


NODE_STYLES: dict[str, NodeStyle] = {
    "in": NodeStyle("#d8f0da", "#2e7d32", "in (accepted)"),
    "out": NodeStyle("#f9d9d6", "#c62828", "out (rejected)"),
    "undec": NodeStyle("#fff1c2", "#a67c00", "undecided"),
    "none": NodeStyle("#eceff1", "#546e7a", "no status"),
}

EDGE_STYLES: dict[str, EdgeStyle] = {
    "attack": EdgeStyle("#37474f", "", "solid", "attack"),
    "rebut": EdgeStyle("#b71c1c", "", "solid", "rebuts"),
    "undermine": EdgeStyle("#6a1b9a", "7 4", "dashed", "undermines"),
    "undercut": EdgeStyle("#1565c0", "2 4", "dotted", "undercuts"),
    "support": EdgeStyle("#2e7d32", "", "solid", "supports"),
}

FAILED_COLOUR = "#a0a4a8"
#: The ring around a highlighted node (dark orange: 5.6:1 on white).
HIGHLIGHT_COLOUR = "#b34700"


def node_style(status: Status | None) -> NodeStyle:
    """The style of a node with the given status."""
    return NODE_STYLES[status or "none"]


def edge_style(kind: str) -> EdgeStyle:
    """The style of an edge kind (unknown kinds are drawn as plain attacks)."""
    return EDGE_STYLES.get(kind, EDGE_STYLES["attack"])


# Characters that XML 1.0 forbids even when escaped (C0 controls except tab/newline/CR,
# lone surrogates, U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Drop characters that cannot appear in XML or DOT text at all."""
    return _XML_ILLEGAL.sub("", text)


def xml_escape(text: str) -> str:
    """Escape text for XML/HTML element content and double- or single-quoted attributes."""
    return (
        clean_text(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `width` characters, at most `max_lines` lines (ellipsis if cut)."""
    words = clean_text(text).split()
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
    return lines or [""]
