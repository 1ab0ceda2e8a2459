"""Build an `ArgumentGraph` from what the lower layers produce: an abstract framework and labelling.

Builders for ASPIC+ evaluations and verdict evaluations live beside this one
(`overture.render.aspic_graph`), so that this module needs nothing above `overture.af`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from overture.af import ArgumentationFramework
from overture.errors import InputError
from overture.render.graph import ArgumentGraph, GraphEdge, GraphNode, Status, normalise_status


def statuses_from_labelling(
    n: int, labelling: Mapping[int, object] | Sequence[object] | None
) -> list[Status | None]:
    """Per-argument status from a labelling given as a mapping id -> label or a sequence.

    Labels may be strings (`in`, `out`, `undec`) or enum members such as `Label.IN`; arguments
    missing from a mapping get no status.
    """
    result: list[Status | None] = [None] * n
    if labelling is None:
        return result
    if isinstance(labelling, Mapping):
        for key, value in labelling.items():
            if not isinstance(key, int) or not 0 <= key < n:
                raise InputError(f"labelling names argument {key!r}, outside 0..{n - 1}")
            result[key] = normalise_status(value)
        return result
    if len(labelling) != n:
        raise InputError(f"labelling has {len(labelling)} entries for {n} arguments")
    return [normalise_status(value) for value in labelling]


def graph_from_af(
    af: ArgumentationFramework,
    labelling: Mapping[int, object] | Sequence[object] | None = None,
    tooltips: Mapping[int, str] | None = None,
    title: str = "Argumentation framework",
    emphasis: Sequence[int] = (),
) -> ArgumentGraph:
    """One node per argument (labelled by `af.names`), one `attack` edge per attack.

    In an abstract framework every attack is a defeat, so every edge `succeeds`.
    """
    status = statuses_from_labelling(af.n, labelling)
    tips = tooltips or {}
    marked = set(emphasis)
    nodes = [
        GraphNode(
            id=af.names[i],
            label=af.names[i],
            status=status[i],
            tooltip=tips.get(
                i, f"argument {af.names[i]}" + (f": {status[i]}" if status[i] else "")
            ),
            emphasis=i in marked,
        )
        for i in range(af.n)
    ]
    edges = [GraphEdge(af.names[a], af.names[b], "attack") for a, b in af.attacks()]
    return ArgumentGraph.build(nodes, edges, title)
