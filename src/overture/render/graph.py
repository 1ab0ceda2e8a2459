"""A drawing-neutral model of an argument graph: labelled nodes with a status, typed attack edges.

The DOT and SVG writers draw this model; builders in `overture.render.af_graph` fill it from an
abstract framework and its labelling, an ASPIC+ evaluation or a verdict evaluation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from overture.errors import InputError

Status = Literal["in", "out", "undec"]
STATUSES: tuple[Status, ...] = ("in", "out", "undec")

#: Edge kinds the writers know how to style; any other string is drawn as a plain attack.
EDGE_KINDS = ("attack", "rebut", "undermine", "undercut", "support")


def normalise_status(value: object) -> Status | None:
    """Read a status from a string or enum member (`IN`, `Label.OUT`, `"undecided"`...)."""
    if value is None:
        return None
    raw = getattr(value, "value", value)
    if not isinstance(raw, str):
        raw = getattr(value, "name", str(value))
    text = str(raw).strip().lower()
    if text.startswith("label."):
        text = text[len("label.") :]
    if text in ("in", "accepted", "justified"):
        return "in"
    if text in ("out", "rejected", "overruled", "defeated"):
        return "out"
    if text in ("undec", "undecided", "undef", "undetermined", "defensible"):
        return "undec"
    raise InputError(f"unknown argument status {value!r} (expected in, out or undec)")


@dataclass(frozen=True)
class GraphNode:
    """One argument: a stable `id`, a short `label`, its `status`, and hover `tooltip` text.

    `detail` is a second, smaller line (e.g. the rule id or the conclusion); `emphasis` marks
    the node the graph is about (the verdict argument), drawn with a heavier border; `kind`
    "statement" marks a conclusion in an argument map, drawn as a rounded pill; `highlight`
    marks a node a caller points the reader to (e.g. a rule in a stalemate's cycle), drawn
    with an outer ring.
    """

    id: str
    label: str
    status: Status | None = None
    tooltip: str = ""
    detail: str = ""
    emphasis: bool = False
    kind: str = "argument"  # "statement" for conclusion nodes of argument maps (drawn round)
    highlight: bool = False


@dataclass(frozen=True)
class GraphEdge:
    """An attack (or support) from `source` to `target`; `succeeds` is False for failed attacks."""

    source: str
    target: str
    kind: str = "attack"
    succeeds: bool = True
    label: str = ""  # why it succeeds or fails, for tooltips (DOT draws it)
    caption: str = ""  # a few words the SVG writes on the edge (the map: what decided a defeat)


@dataclass(frozen=True)
class ArgumentGraph:
    """Nodes and edges of an argument graph, with a title used by the writers."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    title: str = "Argument graph"
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for i, node in enumerate(self.nodes):
            if node.id in self._index:
                raise InputError(f"duplicate node id {node.id!r} in argument graph")
            self._index[node.id] = i
        for edge in self.edges:
            for end in (edge.source, edge.target):
                if end not in self._index:
                    raise InputError(
                        f"edge {edge.source!r} -> {edge.target!r}: unknown node {end!r}"
                    )

    @classmethod
    def build(
        cls,
        nodes: Iterable[GraphNode],
        edges: Iterable[GraphEdge],
        title: str = "Argument graph",
    ) -> ArgumentGraph:
        """Build from iterables; duplicate edges (same ends, kind and outcome) are dropped."""
        seen: set[tuple[str, str, str, bool]] = set()
        unique: list[GraphEdge] = []
        for edge in edges:
            key = (edge.source, edge.target, edge.kind, edge.succeeds)
            if key not in seen:
                seen.add(key)
                unique.append(edge)
        return cls(tuple(nodes), tuple(unique), title)

    def node(self, node_id: str) -> GraphNode:
        """The node with id `node_id` (KeyError if absent)."""
        return self.nodes[self._index[node_id]]

    def position(self, node_id: str) -> int:
        """The index of node `node_id` in `nodes`."""
        return self._index[node_id]

    def status_counts(self) -> dict[str, int]:
        """How many nodes carry each status (`none` for nodes without one)."""
        counts: dict[str, int] = {}
        for node in self.nodes:
            key = node.status or "none"
            counts[key] = counts.get(key, 0) + 1
        return counts
