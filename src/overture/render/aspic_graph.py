"""Build an `ArgumentGraph` from an ASPIC+ or verdict evaluation: labelled arguments, typed attacks.

Each ASPIC+ argument is a node (status from the evaluation's labelling); each direct attack is
an edge of its kind (rebut, undermine, undercut) from the attacker to the sub-argument it hits,
marked failed when preferences stop it from being a defeat. Optionally, support edges show how
arguments are built from their sub-arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from overture.aspic.arguments import Argument, Origin
from overture.aspic.evaluation import TheoryEvaluation
from overture.doctrine import Doctrine, in_force, view_plan
from overture.doctrine.model import Exception_
from overture.errors import InputError
from overture.render.graph import ArgumentGraph, GraphEdge, GraphNode, Status, normalise_status
from overture.verdict import ArgumentView, Evaluation


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
    evaluation: TheoryEvaluation,
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


def _quote_tooltip(view: ArgumentView) -> str:
    lines = [f"{view.id}: {view.conclusion} ({view.status})", view.gloss]
    if view.rule_id:
        meta = [view.rule_id]
        if view.source:
            meta.append(view.source)
        if view.date:
            meta.append(f"stated {view.date.isoformat()}")
        lines.append(" · ".join(meta))
    for q in view.quotes:
        cite = q.source_title + (f"; {q.cited}" if q.cited else "")
        lines.append(f"“{q.text}” ({cite})")
    return "\n".join(lines)


def graph_from_verdict(
    evaluation: Evaluation,
    style: str = "map",
    include_scenario: bool = False,
    title: str | None = None,
    highlight: Iterable[str] = (),
    focus: bool = False,
    hide_defeated: bool = False,
) -> ArgumentGraph:
    """The argument graph of a judged scenario, quotes as tooltips.

    `style="map"` (the default) draws an argument map: a node per conclusion (statement) as
    well as per argument; each argument supports its conclusion and the arguments that use
    it, contradictory statements rebut each other, exceptions undercut the arguments they
    target. The all-against-all rebuttals between arguments for and against the question
    collapse into one conflict, which keeps large doctrines readable; each argument's tooltip
    says which attacks on it fail and why. `style="attacks"` draws every direct attack
    between arguments instead. Scenario facts are hidden unless `include_scenario`. The
    arguments whose last rule is one of `highlight` (rule or exception ids) are highlighted;
    with `focus`, only they, their sub-arguments and the arguments attacking or attacked by
    them are drawn (a neighbourhood a reader can take in; the verdict is unchanged). With
    `hide_defeated`, arguments that are out are left out (the lines of reasoning the verdict
    overrides, folded). In the map a rule's argument reads as its gloss, with the source's title
    and the statement's date beneath; the tooltip keeps the ids, quotes and attacks.
    """
    if style not in ("map", "attacks"):
        raise InputError(f"unknown graph style {style!r} (expected map or attacks)")
    question = {evaluation.question, f"~{evaluation.question}"}
    marked = set(highlight)
    shown = drawn_arguments(evaluation, include_scenario, hide_defeated)
    if focus and marked:
        shown = _neighbourhood(evaluation, shown, marked)
    keep = {a.id for a in shown}
    by_id = {a.id: a for a in evaluation.arguments}
    scenario = evaluation.scenario
    default_title = (
        f"{evaluation.verdict.value}: {scenario.get('counterparty', '?')}, "
        f"{', '.join(scenario.get('topics', []))}, {scenario.get('mode', '?')}, "
        f"{evaluation.date.isoformat()} ({evaluation.view} view, {evaluation.semantics})"
    )
    incoming: dict[str, list[str]] = {}
    for x in evaluation.attacks:
        outcome = "defeats it" if x.succeeds else f"fails ({x.why})"
        incoming.setdefault(x.target, []).append(f"{x.kind} by {x.attacker}: {outcome}")
    nodes: list[GraphNode] = []
    edges: list[GraphEdge] = []
    for a in shown:
        tip = f"{a.id} ({a.rule_id or 'fact'}): " + _quote_tooltip(a)
        if incoming.get(a.id):
            tip += "\nattacks on it: " + "; ".join(incoming[a.id])
        nodes.append(
            GraphNode(
                id=a.id,
                label=(a.gloss if style == "map" and a.gloss and a.rule_id
                       else a.rule_id or a.conclusion),
                status=a.status,
                tooltip=tip,
                detail=_who_when(a) if style == "map" else f"{a.id}: {a.conclusion}",
                emphasis=style == "attacks" and a.conclusion in question and a.status != "out",
                highlight=a.rule_id is not None and a.rule_id in marked,
            )
        )
    if style == "attacks":
        edges = [
            GraphEdge(x.attacker, x.target, x.kind, x.succeeds, x.why)
            for x in evaluation.attacks
            if x.attacker in keep and x.target in keep
        ]
        return ArgumentGraph.build(nodes, edges, title or default_title)
    # Argument map: statements, support, contradiction, undercut.
    conclusions: dict[str, list[str]] = {}
    for a in shown:
        if not a.conclusion.startswith("~["):
            conclusions.setdefault(a.conclusion, []).append(a.id)
    for lit, ids in conclusions.items():
        statuses = {by_id[i].status for i in ids}
        status: Status = "in" if "in" in statuses else "undec" if "undec" in statuses else "out"
        nodes.append(
            GraphNode(
                id=f"[{lit}]",
                label=lit,
                status=status,
                tooltip=f"{lit}: {status}; argued by " + ", ".join(ids),
                detail="statement",
                kind="statement",
                emphasis=lit in question and status != "out",
            )
        )
        for i in ids:
            edges.append(GraphEdge(i, f"[{lit}]", "support"))
    for a in shown:
        for sub in a.sub_arguments:
            concl = by_id[sub].conclusion if sub in by_id else None
            if concl is not None and concl in conclusions and sub in keep:
                edges.append(GraphEdge(f"[{concl}]", a.id, "support"))
    for lit in conclusions:
        if not lit.startswith("~") and f"~{lit}" in conclusions:
            edges.append(GraphEdge(f"[{lit}]", f"[~{lit}]", "rebut"))
            edges.append(GraphEdge(f"[~{lit}]", f"[{lit}]", "rebut"))
    drawn: set[tuple[str, str]] = set()
    for x in evaluation.attacks:
        if x.kind != "rebut" and x.attacker in keep and x.target in keep:
            edges.append(GraphEdge(x.attacker, x.target, x.kind, x.succeeds, x.why,
                                   caption=x.why))
            drawn.add((x.attacker, x.target))
    edges.extend(_settling_defeats(evaluation, keep, drawn))
    return ArgumentGraph.build(nodes, edges, title or default_title)


def _settling_defeats(evaluation: Evaluation, keep: set[str],
                      drawn: set[tuple[str, str]]) -> list[GraphEdge]:
    """The map's defeat edges: for each drawn argument that lost, the defeat that settled it
    (the evaluation's `defeated`), captioned with what decided it (later statement, source
    rank, preference, exception, ...). A defeat through a sub-argument that is drawn is left
    to that sub-argument's own edge; an edge already drawn as an undercut is not repeated."""
    by_id = {a.id: a for a in evaluation.arguments}
    kinds = {(x.attacker, x.target): x.kind for x in evaluation.attacks if x.succeeds}
    out = []
    for df in evaluation.defeated:
        pair = (df.defeated_by_argument, df.argument)
        if df.argument not in keep or pair[0] not in keep or pair in drawn:
            continue
        if df.on is not None and any(by_id[s].conclusion == df.on and s in keep
                                     for s in by_id[df.argument].sub_arguments if s in by_id):
            continue
        label = f"{df.why}: {df.detail}" if df.detail else df.why
        out.append(GraphEdge(*pair, kinds.get(pair, "rebut"), True, label, caption=df.why))
        drawn.add(pair)
    return out


def drawn_arguments(evaluation: Evaluation, include_scenario: bool = False,
                    hide_defeated: bool = False) -> list[ArgumentView]:
    """The arguments `graph_from_verdict` draws: the scenario's facts only with
    `include_scenario`, the arguments that are out not with `hide_defeated`."""
    shown = [a for a in evaluation.arguments if include_scenario or a.kind != "scenario"]
    return [a for a in shown if a.status != "out"] if hide_defeated else shown


def _who_when(a: ArgumentView) -> str:
    """The map's second line of an argument: the source it rests on and the date stated."""
    title = a.quotes[0].source_title if a.quotes else (a.source or "")
    when = a.date.isoformat() if a.date else ""
    return " · ".join(x for x in (when, title) if x) or a.id  # the date first: it is never cut


def _neighbourhood(evaluation: Evaluation, shown: list[ArgumentView],
                  rules: set[str]) -> list[ArgumentView]:
    """The arguments of `shown` built on one of `rules`, their sub-arguments, and the
    arguments in an attack with one of those."""
    by_id = {a.id: a for a in evaluation.arguments}
    core = {a.id for a in shown if a.rule_id in rules}
    stack = list(core)
    while stack:
        for sub in by_id[stack.pop()].sub_arguments:
            if sub not in core and sub in by_id:
                core.add(sub)
                stack.append(sub)
    keep = set(core)
    for x in evaluation.attacks:
        if x.attacker in core or x.target in core:
            keep.update((x.attacker, x.target))
    return [a for a in shown if a.id in keep]


def graph_from_doctrine(
    doctrine: Doctrine, view: str | None = None, as_of: dt.date | None = None
) -> ArgumentGraph:
    """The static argument map of a doctrine (no scenario, so no statuses).

    One node per rule or exception (tooltip: gloss, source, date, quotes) and one per
    conclusion; a rule supports its conclusion and the rules that need it (`holds`),
    contradictory conclusions rebut each other, exceptions undercut the rules they name.
    """
    if view is not None:
        statements = list(view_plan(doctrine, view).statements)
    else:
        statements = [*doctrine.rules, *doctrine.exceptions]
    statements = [s for s in statements if as_of is None or in_force(s, as_of)]
    present = {s.id for s in statements}
    nodes: list[GraphNode] = []
    edges: list[GraphEdge] = []
    conclusions: dict[str, list[str]] = {}
    for st in statements:
        lines = [
            f"{st.id}: {st.gloss}",
            f"{st.source} · {doctrine.kind_of(st)} · stated {st.stated}",
        ]
        for qid in st.quotes:
            quote = doctrine.quote(qid)
            lines.append(
                f"“{' '.join(quote.text.split())}” ({doctrine.sources_by_id[quote.source].title})"
            )
        is_exception = isinstance(st, Exception_)
        nodes.append(
            GraphNode(
                id=st.id,
                label=st.id,
                tooltip="\n".join(lines),
                detail="exception"
                if is_exception
                else ("strict rule" if getattr(st, "strict", False) else "rule"),
            )
        )
        if isinstance(st, Exception_):
            for target in st.undercuts:
                if target in present:
                    edges.append(GraphEdge(st.id, target, "undercut"))
        else:
            conclusions.setdefault(st.then, []).append(st.id)
    for lit, ids in conclusions.items():
        nodes.append(
            GraphNode(
                id=f"[{lit}]",
                label=lit,
                tooltip=f"{lit}: concluded by " + ", ".join(ids),
                detail="statement",
                kind="statement",
                emphasis=lit.lstrip("~") == doctrine.question,
            )
        )
        edges.extend(GraphEdge(i, f"[{lit}]", "support") for i in ids)
    for st in statements:
        for need in st.when.holds:
            if need in conclusions:
                edges.append(GraphEdge(f"[{need}]", st.id, "support"))
    for lit in conclusions:
        if not lit.startswith("~") and f"~{lit}" in conclusions:
            edges.append(GraphEdge(f"[{lit}]", f"[~{lit}]", "rebut"))
            edges.append(GraphEdge(f"[~{lit}]", f"[{lit}]", "rebut"))
    title = (
        f"{doctrine.title} ({view or 'all sources'}" + (f", as of {as_of}" if as_of else "") + ")"
    )
    return ArgumentGraph.build(nodes, edges, title)
