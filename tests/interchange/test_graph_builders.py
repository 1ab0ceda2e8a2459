"""Graphs built from ASPIC+ evaluations, verdicts and doctrines: nodes, statuses, edge kinds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from overture.aspic import evaluate, parse_theory
from overture.doctrine import load_doctrine, shipped_scenarios
from overture.errors import InputError
from overture.render import to_dot, to_svg
from overture.render.aspic_graph import graph_from_aspic, graph_from_doctrine, graph_from_verdict
from overture.verdict import evaluate as verdict_evaluate

THEORY = """
axiom: penguin;
premise: bird;
[r1] bird => flies;
[r2] penguin => ~flies;
[r3] penguin => ~[r1];
r1 < r2;
"""


def test_aspic_graph_has_statuses_attack_kinds_and_failed_attacks() -> None:
    ev = evaluate(parse_theory(THEORY), "grounded")
    graph = graph_from_aspic(ev, structure=True)
    by_conclusion = {n.label.split(": ", 1)[1]: n for n in graph.nodes}
    assert by_conclusion["flies"].status == "out"
    assert by_conclusion["~flies"].status == "in"
    assert by_conclusion["~[r1]"].status == "in"
    kinds = {
        (
            graph.node(e.source).label.split(": ")[1],
            graph.node(e.target).label.split(": ")[1],
            e.kind,
            e.succeeds,
        )
        for e in graph.edges
    }
    assert ("~[r1]", "flies", "undercut", True) in kinds
    assert ("~flies", "flies", "rebut", True) in kinds
    assert ("flies", "~flies", "rebut", False) in kinds  # r1 < r2: the weaker rebut fails
    assert ("bird", "flies", "support", True) in kinds
    hidden = graph_from_aspic(ev, include_axioms=False)
    assert all(n.detail != "axiom" for n in hidden.nodes)
    assert len(hidden.nodes) == len(graph.nodes) - 1


def test_verdict_map_and_attack_graphs_of_a_shipped_scenario() -> None:
    ev = verdict_evaluate(shipped_scenarios()["us_deal_2016_nuclear_conditions_met"], "iran-us")
    shown = [a for a in ev.arguments if a.kind != "scenario"]
    graph = graph_from_verdict(ev)
    ids = {n.id for n in graph.nodes}
    assert {a.id for a in shown} <= ids
    question = f"[{ev.question}]"
    negation = f"[~{ev.question}]"
    assert question in ids or negation in ids
    winner = negation if ev.verdict.value == "forbidden" else question
    assert graph.node(winner).status == "in" and graph.node(winner).emphasis
    assert graph.node(winner).kind == "statement"
    assert all(graph.node(a.id).kind == "argument" for a in shown)
    supports = [e for e in graph.edges if e.kind == "support" and e.target == winner]
    assert len(supports) == sum(1 for a in shown if f"[{a.conclusion}]" == winner)
    # each argument's tooltip carries its quotes
    for a in shown:
        for quote in a.quotes:
            assert quote.text in graph.node(a.id).tooltip
    attacks = graph_from_verdict(ev, style="attacks")
    assert len(attacks.edges) == len(
        {
            (x.attacker, x.target, x.kind, x.succeeds)
            for x in ev.attacks
            if x.attacker in ids and x.target in ids
        }
    )
    for g in (graph, attacks):
        ET.fromstring(to_svg(g))
        assert to_dot(g).count(" -> ") == len(g.edges)
    with pytest.raises(InputError):
        graph_from_verdict(ev, style="pie")


def test_doctrine_graph_has_every_statement_and_each_undercut() -> None:
    doctrine = load_doctrine("iran-us")
    graph = graph_from_doctrine(doctrine)
    ids = {n.id for n in graph.nodes}
    assert {r.id for r in doctrine.rules} | {x.id for x in doctrine.exceptions} <= ids
    undercuts = {(e.source, e.target) for e in graph.edges if e.kind == "undercut"}
    expected = {(x.id, t) for x in doctrine.exceptions for t in x.undercuts}
    assert undercuts == expected
    assert all(n.status is None for n in graph.nodes)
    assert ("[accept_talks]", "[~accept_talks]") in {
        (e.source, e.target) for e in graph.edges if e.kind == "rebut"
    }
