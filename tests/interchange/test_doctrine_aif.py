"""Doctrine -> AIF -> theory: the same justified conclusions as compiling the scenario directly."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from overture.aspic import Literal, evaluate
from overture.doctrine import Doctrine, compile_scenario, load_doctrine, shipped_scenarios
from overture.doctrine.model import Scenario
from overture.errors import InputError
from overture.interchange.aif import dumps_aif, loads_aif
from overture.interchange.doctrine_export import doctrine_to_aif, evaluation_to_aif, with_axioms
from overture.verdict import evaluate as verdict_evaluate


def comparable(lits: frozenset[Literal]) -> set[Literal]:
    """Conclusions about the world (not rule-applicability names or "any of" helpers)."""
    return {x for x in lits if x.rule_name is None and not x.atom.startswith("any.")}


def round_trip_agrees(doctrine: Doctrine, scenario: Scenario, semantics: str) -> None:
    compiled = compile_scenario(doctrine, scenario)
    text = dumps_aif(doctrine_to_aif(doctrine, view=scenario.view, as_of=scenario.date))
    imported = with_axioms(loads_aif(text), compiled.theory.axioms)
    direct = evaluate(compiled.theory, semantics).justified_conclusions()
    via_aif = evaluate(imported, semantics).justified_conclusions()
    assert comparable(via_aif) == comparable(direct)


@settings(max_examples=70)
@given(data=st.data())
def test_generated_doctrine_round_trips_through_aif_with_same_justified_conclusions(
    data: st.DataObject,
    doctrine_strategy: st.SearchStrategy[Doctrine],
    scenario_strategy: st.SearchStrategy[Scenario],
) -> None:
    doctrine = data.draw(doctrine_strategy)
    scenario = data.draw(scenario_strategy)
    try:
        compile_scenario(doctrine, scenario)
        doctrine_to_aif(doctrine, view=scenario.view, as_of=scenario.date)
    except InputError:
        assume(False)  # e.g. a preference cycle made by the random policies
    for semantics in ("GR", "PR"):
        round_trip_agrees(doctrine, scenario, semantics)


@pytest.fixture(scope="module")
def iran_us() -> Doctrine:
    return load_doctrine("iran-us")


@pytest.mark.parametrize(
    ("counterparty", "topics", "mode", "date", "view"),
    [
        ("united_states", ["nuclear"], "deal", dt.date(2016, 1, 1), "all"),
        ("united_states", ["iraq_security"], "conveying", dt.date(2006, 5, 1), "official"),
        ("france", ["trade"], "deal", dt.date(2015, 11, 1), "all"),
        ("united_states", ["nuclear", "religious_values"], "deal", dt.date(2013, 3, 1), "analyst"),
        ("venezuela", ["economy"], "deal", dt.date(2015, 11, 1), "official"),
    ],
)
def test_shipped_doctrine_round_trips_on_sample_scenarios(
    iran_us: Doctrine, counterparty: str, topics: list[str], mode: str, date: dt.date, view: str
) -> None:
    scenario = Scenario(counterparty=counterparty, topics=topics, mode=mode, date=date, view=view)
    for semantics in ("GR", "PR"):
        round_trip_agrees(iran_us, scenario, semantics)


def test_doctrine_aif_carries_quotes_speakers_dates_and_preferences(iran_us: Doctrine) -> None:
    doc = doctrine_to_aif(iran_us)
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    by_type: dict[str, list[dict[str, object]]] = {}
    for n in doc["nodes"]:
        by_type.setdefault(n["type"], []).append(n)
    assert {"I", "L", "RA", "CA", "PA", "YA"} <= set(by_type)
    # every doctrine rule and exception is an RA-node, with its gloss and statement date
    named = {n["name"]: n for n in by_type["RA"]}
    for rule in iran_us.rules:
        assert named[rule.id]["text"] == rule.gloss
        assert str(named[rule.id]["timestamp"]).startswith(rule.stated.isoformat())
    for exc in iran_us.exceptions:
        assert any(name == exc.id or str(name).startswith(exc.id + ".") for name in named)
    # every quote of every statement appears as an L-node with its speaker, anchored by a YA
    l_texts = [str(n["text"]) for n in by_type["L"]]
    for rule in iran_us.rules:
        for qid in rule.quotes:
            words = " ".join(iran_us.quote(qid).text.split())
            assert any(t.endswith(" : " + words) for t in l_texts), qid
    assert all(" : " in t for t in l_texts)
    speakers = {f"{p['firstname']} {p['surname']}".strip() for p in doc["participants"]}
    assert "Ali Khamenei" in speakers
    assert len(doc["locutions"]) == len(by_type["L"])
    for loc in doc["locutions"]:
        assert nodes[loc["nodeID"]]["type"] == "L"
    # the question and its negation conflict both ways
    question = [n for n in by_type["I"] if n.get("literal") in ("accept_talks", "~accept_talks")]
    assert len(question) == 2
    q_ids = {n["nodeID"] for n in question}
    ca_between = [
        ca
        for ca in by_type["CA"]
        if {e["fromID"] for e in doc["edges"] if e["toID"] == ca["nodeID"]} <= q_ids
        and {e["toID"] for e in doc["edges"] if e["fromID"] == ca["nodeID"]} <= q_ids
    ]
    assert len(ca_between) == 2
    # preferences name their reason (later statement / source rank / explicit)
    reasons = {str(n["text"]).split(" (")[0] for n in by_type["PA"]}
    assert reasons <= {"later statement", "source rank", "preference"}
    assert "later statement" in reasons and "source rank" in reasons
    json.loads(dumps_aif(doc))


def test_view_and_date_restrict_the_exported_doctrine(iran_us: Doctrine) -> None:
    early = doctrine_to_aif(iran_us, view="official", as_of=dt.date(2006, 1, 1))
    names = {n["name"] for n in early["nodes"] if n["type"] == "RA" and "name" in n}
    official_sources = {"iranreview_2012", "khamenei_2015"}
    for rule in iran_us.rules:
        expected = rule.source in official_sources and rule.stated <= dt.date(2006, 1, 1)
        assert (rule.id in names) == expected, rule.id


@pytest.mark.parametrize("name", sorted(shipped_scenarios()))
def test_judged_scenario_exports_its_theory_statuses_and_verdict(
    iran_us: Doctrine, name: str
) -> None:
    ev = verdict_evaluate(shipped_scenarios()[name], iran_us, "PR")
    doc = evaluation_to_aif(ev)
    theory = loads_aif(dumps_aif(doc))
    original = ev.compiled.theory
    assert {(r.name, r.antecedents, r.consequent, r.strict) for r in theory.rules} == {
        (r.name, r.antecedents, r.consequent, r.strict) for r in original.rules
    }
    assert theory.axioms == original.axioms and not theory.premises
    assert theory.rule_preferences == original.rule_preferences
    assert (
        evaluate(theory, "PR").justified_conclusions()
        == evaluate(original, "PR").justified_conclusions()
    )
    meta = doc["overture"]
    assert meta["kind"] == "scenario" and meta["verdict"] == ev.verdict.value
    status = {n["literal"]: n.get("status") for n in doc["nodes"] if n["type"] == "I"}
    question = ev.question
    if ev.verdict.value == "permitted":
        assert status[question] == "justified"
    if ev.verdict.value == "forbidden":
        assert status[f"~{question}"] == "justified"
    # scenario facts are axiom I-nodes in words ("The talks touch nuclear"), not identifiers
    axioms = [n for n in doc["nodes"] if n["type"] == "I" and n["premise"] == "axiom"]
    assert len(axioms) == len(original.axioms)
    assert all(" " in str(n["text"]) for n in axioms)
    ra_status = {n["name"]: n.get("status") for n in doc["nodes"] if n["type"] == "RA"}
    # rules whose conditions include an underivable conclusion top no argument: no status
    assert set(ra_status.values()) <= {"in", "out", "undec", None}
    for arg in ev.aspic.arguments:
        if arg.top_rule is not None:
            assert ra_status[arg.top_rule.name] in ("in", "out", "undec")
