"""AIF JSON: export of ASPIC+ theories, import of Overture's and AIFdb/OVA-shaped files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overture.aspic import InferenceRule, Literal, Theory, evaluate, parse_literal
from overture.errors import InputError
from overture.interchange.aif import (
    AifAnnotations,
    Locution,
    aif_to_theory,
    dumps_aif,
    loads_aif,
    read_aif,
    theory_to_aif,
)

DATA = Path(__file__).parent / "data"
ATOMS = ["a", "b", "c", "d", "e"]


def L(text: str) -> Literal:
    return parse_literal(text)


@st.composite
def theories(draw: st.DrawFn) -> Theory:
    """Small random theories: rules over a..e and their negations, premises, contraries, prefs."""
    lits = st.sampled_from([*ATOMS, *(f"~{a}" for a in ATOMS)])
    n_rules = draw(st.integers(0, 6))

    def name(i: int) -> str:  # compiled doctrines name rule instances like `x1.r2`
        return f"r{i}" if i % 2 else f"x.r{i}"

    rules = []
    for i in range(n_rules):
        ants = tuple(dict.fromkeys(draw(st.lists(lits, max_size=3))))
        head = draw(lits | st.sampled_from([f"~[{name(j)}]" for j in range(n_rules)]))
        rules.append(InferenceRule(name(i), tuple(map(L, ants)), L(head), draw(st.booleans())))
    kb = draw(st.lists(lits, max_size=4, unique=True))
    axioms = [x for x in kb if draw(st.booleans())]
    premises = [x for x in kb if x not in axioms]
    contraries = draw(st.lists(st.tuples(lits, lits), max_size=3))
    contraries = [(c, t) for c, t in contraries if L(c) != L(t).negate() and c != t]
    defeasible = [r.name for r in rules if not r.strict]
    prefs = []
    for i, x in enumerate(defeasible):
        for y in defeasible[i + 1 :]:
            if draw(st.integers(0, 3)) == 0:
                prefs.append((x, y))  # x < y: acyclic because always lower index first
    prem_prefs = []
    for i, x in enumerate(premises):
        for y in premises[i + 1 :]:
            if draw(st.integers(0, 3)) == 0:
                prem_prefs.append((x, y))
    return Theory.make(
        rules=rules,
        axioms=axioms,
        premises=premises,
        contraries=contraries,
        rule_preferences=prefs,
        premise_preferences=prem_prefs,
    )


def shape(t: Theory) -> tuple[Any, ...]:
    return (
        sorted((r.name, r.antecedents, r.consequent, r.strict) for r in t.rules),
        t.axioms,
        t.premises,
        t.contraries,
        t.rule_preferences,
        t.premise_preferences,
        t.rule_weak_preferences,
    )


@settings(max_examples=80)
@given(theories())
def test_theory_survives_an_aif_round_trip_exactly(theory: Theory) -> None:
    text = dumps_aif(theory_to_aif(theory))
    back = loads_aif(text)
    assert shape(back) == shape(theory)


def test_export_has_the_aifdb_shape_and_node_types() -> None:
    theory = Theory.make(
        rules=[
            InferenceRule("r1", (L("bird"),), L("flies")),
            InferenceRule("r2", (L("penguin"),), L("~flies")),
            InferenceRule("x1", (L("penguin"),), L("~[r1]")),
        ],
        premises=["bird", "penguin"],
        rule_preferences=[("r1", "r2")],
    )
    notes = AifAnnotations(
        rule_text={"r1": "Birds normally fly"},
        rule_locutions={"r1": [Locution("Ada Lovelace", "Birds fly.", None, "Notes")]},
        literal_status={L("~flies"): "in"},
    )
    doc = theory_to_aif(theory, notes)
    assert set(doc) >= {"nodes", "edges", "locutions", "participants"}
    types = [n["type"] for n in doc["nodes"]]
    assert types.count("RA") == 3 and types.count("PA") == 1 and types.count("L") == 1
    assert types.count("YA") == 1
    # p/~p contradictories: two CAs; the undercutter ~[r1] attacks r1's RA-node: one more
    assert types.count("CA") == 3
    ids = {n["nodeID"] for n in doc["nodes"]}
    assert all(e["fromID"] in ids and e["toID"] in ids for e in doc["edges"])
    for node in doc["nodes"]:
        assert isinstance(node["nodeID"], str) and len(node["timestamp"]) == 19
    by_id = {n["nodeID"]: n for n in doc["nodes"]}
    ra_r1 = next(n for n in doc["nodes"] if n.get("name") == "r1")
    assert ra_r1["text"] == "Birds normally fly"
    pa = next(n for n in doc["nodes"] if n["type"] == "PA")
    src = next(e["fromID"] for e in doc["edges"] if e["toID"] == pa["nodeID"])
    dst = next(e["toID"] for e in doc["edges"] if e["fromID"] == pa["nodeID"])
    assert by_id[src]["name"] == "r2" and by_id[dst]["name"] == "r1"  # r2 preferred to r1
    undercut_ca = [
        n["nodeID"]
        for n in doc["nodes"]
        if n["type"] == "CA"
        and any(e["fromID"] == n["nodeID"] and e["toID"] == ra_r1["nodeID"] for e in doc["edges"])
    ]
    assert len(undercut_ca) == 1
    assert doc["participants"] == [
        {"participantID": "1", "firstname": "Ada", "surname": "Lovelace"}
    ]
    assert doc["locutions"][0]["personID"] == "1"
    status = {n.get("literal"): n.get("status") for n in doc["nodes"] if n["type"] == "I"}
    assert status["~flies"] == "in"
    json.loads(dumps_aif(doc))


def test_hand_written_aifdb_file_reads_as_the_expected_theory() -> None:
    theory = read_aif(DATA / "aifdb_tweety.json")
    bird, flies = Literal("tweety_is_a_bird"), Literal("tweety_can_fly")
    penguin, not_fly = Literal("tweety_is_a_penguin"), Literal("tweety_cannot_fly")
    assert theory.premises == {bird, penguin}
    assert not theory.axioms
    rules = {r.name: r for r in theory.rules}
    assert rules.keys() == {"ra_103", "ra_106"}  # "Default Inference" is not a usable name
    assert rules["ra_103"].antecedents == (bird,) and rules["ra_103"].consequent == flies
    assert rules["ra_106"].antecedents == (penguin,) and rules["ra_106"].consequent == not_fly
    assert not any(r.strict for r in theory.rules)
    assert theory.contraries == {(not_fly, flies), (flies, not_fly)}  # contradictories
    assert theory.rule_preferences == {("ra_103", "ra_106")}  # the penguin rule is preferred


def test_ova3_wrapped_file_with_undercut_and_deductive_scheme() -> None:
    theory = read_aif(DATA / "ova3_undercut.json")
    rules = {r.name: r for r in theory.rules}
    assert set(rules) == {"ra_3", "ra_8"}
    assert not rules["ra_3"].strict and rules["ra_8"].strict
    colour_blind = Literal("the_witness_is_colour_blind")
    # the CA into the RA-node makes the colour-blindness a contrary of the rule's name
    assert theory.contraries == {(colour_blind, Literal("[ra_3]"))}
    assert colour_blind in theory.premises
    assert Literal("the_car_was_red") not in theory.premises


def test_same_text_is_one_literal_and_clashing_slugs_are_kept_apart() -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "Talks help", "type": "I"},
            {"nodeID": "2", "text": "talks  help", "type": "I"},
            {"nodeID": "3", "text": "Talks help", "type": "I"},
            {"nodeID": "4", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "1", "toID": "4"},
            {"edgeID": "2", "fromID": "4", "toID": "2"},
        ],
    }
    theory = aif_to_theory(doc)
    (rule,) = theory.rules
    assert rule.antecedents == (Literal("talks_help"),)
    assert rule.consequent == Literal("talks_help_2")
    assert theory.premises == {Literal("talks_help")}


BAD = {
    "i_to_i": (
        {
            "nodes": [
                {"nodeID": "1", "text": "p", "type": "I"},
                {"nodeID": "2", "text": "q", "type": "I"},
            ],
            "edges": [{"edgeID": "9", "fromID": "1", "toID": "2"}],
        },
        "joins two I-nodes",
    ),
    "dangling": (
        {
            "nodes": [{"nodeID": "1", "text": "p", "type": "I"}],
            "edges": [{"edgeID": "9", "fromID": "1", "toID": "7"}],
        },
        "unknown node 7",
    ),
    "two_conclusions": (
        {
            "nodes": [
                {"nodeID": "1", "text": "p", "type": "I"},
                {"nodeID": "2", "text": "q", "type": "I"},
                {"nodeID": "3", "text": "r", "type": "I"},
                {"nodeID": "4", "text": "x", "type": "RA"},
            ],
            "edges": [
                {"edgeID": "1", "fromID": "1", "toID": "4"},
                {"edgeID": "2", "fromID": "4", "toID": "2"},
                {"edgeID": "3", "fromID": "4", "toID": "3"},
            ],
        },
        "exactly one I-node",
    ),
    "bad_type": (
        {"nodes": [{"nodeID": "1", "text": "p", "type": "XX"}], "edges": []},
        "unknown AIF node type",
    ),
    "duplicate": (
        {
            "nodes": [
                {"nodeID": "1", "text": "p", "type": "I"},
                {"nodeID": "1", "text": "q", "type": "I"},
            ],
            "edges": [],
        },
        "duplicate nodeID",
    ),
    "no_nodes": ({"edges": []}, "no 'nodes'"),
    "pa_mixed": (
        {
            "nodes": [
                {"nodeID": "1", "text": "p", "type": "I"},
                {"nodeID": "2", "text": "x", "type": "RA"},
                {"nodeID": "3", "text": "q", "type": "I"},
                {"nodeID": "4", "text": "pref", "type": "PA"},
            ],
            "edges": [
                {"edgeID": "1", "fromID": "1", "toID": "2"},
                {"edgeID": "2", "fromID": "2", "toID": "3"},
                {"edgeID": "3", "fromID": "1", "toID": "4"},
                {"edgeID": "4", "fromID": "4", "toID": "2"},
            ],
        },
        "preferences relate",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_malformed_aif_is_an_input_error_naming_the_problem(case: str, tmp_path: Path) -> None:
    doc, message = BAD[case]
    path = tmp_path / f"{case}.json"
    path.write_text(json.dumps(doc, indent=2))
    with pytest.raises(InputError) as info:
        read_aif(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_error_names_the_line_of_the_faulty_node(tmp_path: Path) -> None:
    doc, _ = BAD["two_conclusions"]
    path = tmp_path / "x.json"
    path.write_text(json.dumps(doc, indent=2))
    with pytest.raises(InputError) as info:
        read_aif(path)
    loc = info.value.location
    assert loc is not None and loc.line is not None
    line = path.read_text().splitlines()[loc.line - 1]
    assert '"nodeID": "4"' in line


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "nodes": [\n    {"nodeID": 1,, }\n  ]\n}\n')
    with pytest.raises(InputError) as info:
        read_aif(path)
    assert info.value.location is not None and info.value.location.line == 3


def test_numeric_ids_rephrase_and_premise_preference_in_aifdb_shape() -> None:
    theory = read_aif(DATA / "aifdb_numeric_ids.json")
    agency = Literal("the_report_comes_from_a_trusted_agency")
    blog = Literal("the_report_comes_from_an_anonymous_blog")
    reliable = Literal("the_agency_s_report_is_reliable")
    assert theory.premises == {agency, blog}  # the MA-node does not make 13 a conclusion
    (rule,) = theory.rules
    assert rule.name == "ra_17" and rule.strict and rule.antecedents == (agency,)
    assert rule.consequent == reliable
    assert theory.contraries == {(blog, agency), (agency, blog)}  # CAs both ways
    assert theory.premise_preferences == {(blog, agency)}  # the agency is preferred
    # the two premises undermine each other; the preference lets the agency win
    result = evaluate(theory, "grounded").justified_conclusions()
    assert reliable in result and agency in result and blog not in result
