"""Build an `ArgumentGraph` from an ASPIC+ evaluation: arguments with labels, typed attacks.

Each ASPIC+ argument is a node (status from the evaluation's labelling); each direct attack is
an edge of its kind (rebut, undermine, undercut) from the attacker to the sub-argument it hits,
marked failed when preferences stop it from being a defeat. Optionally, support edges show how
arguments are built from their sub-arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from overture.aspic.arguments import Argument, Origin
from overture.aspic.evaluation import Evaluation
from overture.render.graph import ArgumentGraph, GraphEdge, GraphNode, normalise_status


def describe_argument(arg: Argument) -> str:
    """A one-paragraph text of an argument: its structure, premises and rules."""
    parts = [str(arg)]
    if arg.top_rule is not None:
        parts.append(f"rule: {arg.top_rule}")
    prem = sorted(str(p) for p in arg.premises)
    if prem:
        parts.append("premises: " + ", ".join(prem))
    return "\n".join(parts)


def graph_from_aspic(
    evaluation: Evaluation,
    title: str = "ASPIC+ arguments",
    include_axioms: bool = True,
    structure: bool = False,
    emphasis: Callable[[Argument], bool] | None = None,
    tooltips: Mapping[int, str] | None = None,
    labels: Mapping[int, str] | None = None,
) -> ArgumentGraph:
    """The argument graph of an evaluated theory.

    `include_axioms=False` hides arguments that are bare axioms (they cannot be attacked, and
    in a compiled scenario they are just the scenario's facts). `structure=True` adds `support`
    edges from each direct sub-argument to its super-argument. `emphasis` picks the arguments
    to draw with a heavy border; `tooltips`/`labels` override the default texts by argument id.
    """
    tips = tooltips or {}
    names = labels or {}
    shown: list[Argument] = [
        a for a in evaluation.arguments if include_axioms or a.origin is not Origin.AXIOM
    ]
    keep = {a.id for a in shown}
    nodes = []
    for a in shown:
        nodes.append(
            GraphNode(
                id=a.name,
                label=names.get(a.id, f"{a.name}: {a.conclusion}"),
                status=normalise_status(evaluation.label(a.id)),
                tooltip=tips.get(a.id, describe_argument(a)),
                detail=a.top_rule.name if a.top_rule is not None else a.origin.value,
                emphasis=bool(emphasis and emphasis(a)),
            )
        )
    edges: list[GraphEdge] = []
    for b in shown:
        for attack in evaluation.graph.direct[b.id]:
            if attack.attacker in keep:
                attacker = evaluation.arguments[attack.attacker]
                edges.append(
                    GraphEdge(
                        attacker.name,
                        b.name,
                        attack.kind.value,
                        attack.defeat,
                        attack.reason.value,
                    )
                )
        if structure:
            for s in b.subs:
                if s in keep:
                    edges.append(GraphEdge(evaluation.arguments[s].name, b.name, "support"))
    return ArgumentGraph.build(nodes, edges, title)
