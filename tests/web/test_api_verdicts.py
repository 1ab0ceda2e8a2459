"""Evaluate, explain and why-not over HTTP, and how bad request bodies are answered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from overture.doctrine import load_doctrine

TESTS = load_doctrine("iran-us").tests


def _plain(scenario: Any) -> dict[str, Any]:
    data = scenario.model_dump(mode="json", exclude_none=True)
    data.pop("id", None)
    data.pop("description", None)
    return dict(data)


@pytest.mark.parametrize("case", TESTS[::3], ids=lambda t: t.id)
def test_evaluate_gives_the_shipped_verdicts(client: TestClient, case: Any) -> None:
    r = client.post("/api/evaluate", json={"scenario": _plain(case.scenario)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["verdict"] == case.expect
    ids = {a["id"] for a in body["arguments"]}
    for attack in body["attacks"]:
        assert attack["attacker"] in ids and attack["target"] in ids
        assert attack["kind"] in {"rebut", "undercut", "undermine"}
    assert {a["status"] for a in body["arguments"]} <= {"in", "out", "undec"}


def test_evaluate_reasons_carry_quotes(client: TestClient, scenario_2012: dict[str, Any]) -> None:
    body = client.post("/api/evaluate", json={"scenario": scenario_2012}).json()
    assert body["verdict"] == "forbidden"
    assert body["reasons_against"]
    for reason in body["reasons_against"]:
        assert reason["quotes"] and reason["quotes"][0]["text"]


def test_semantics_are_accepted_by_name(client: TestClient, scenario_2012: dict[str, Any]) -> None:
    body = client.post(
        "/api/evaluate", json={"scenario": scenario_2012, "semantics": "PR"}
    ).json()
    assert body["semantics"] == "preferred"


def _fields(r: Any) -> set[str]:
    return {e["field"] for e in r.json()["errors"]}


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"mode": "war"}, "body.scenario.mode"),
        ({"date": "yesterday"}, "body.scenario.date"),
        ({"topics": "nuclear"}, "body.scenario.topics"),
        ({"topics": []}, "body.scenario.topics"),
        ({"facts": {"us_behavior_changed": "maybe"}}, "body.scenario.facts.us_behavior_changed"),
        ({"colour": "red"}, "body.scenario.colour"),
        ({"counterparty": None}, "body.scenario.counterparty"),
    ],
)
def test_bad_scenarios_name_the_field(
    client: TestClient, scenario_2012: dict[str, Any], patch: dict[str, Any], field: str
) -> None:
    r = client.post("/api/evaluate", json={"scenario": {**scenario_2012, **patch}})
    assert r.status_code == 422
    body = r.json()
    # the schema refuses malformed values; the doctrine, ids it does not declare (a mode, a
    # dimension): both name the field
    assert body["error"] in ("validation_error", "invalid_input")
    assert field in _fields(r)
    assert "Traceback" not in r.text


def test_unknown_ids_list_the_known_ones(client: TestClient, scenario_2012: dict[str, Any]) -> None:
    bad = {**scenario_2012, "counterparty": "atlantis", "topics": ["nuclear", "weather"],
           "facts": {"moon_is_full": True}, "view": "mine"}
    r = client.post("/api/evaluate", json={"scenario": bad})
    assert r.status_code == 422
    fields = _fields(r)
    assert {"body.scenario.counterparty", "body.scenario.topics.1"} <= fields
    assert "united_states" in r.json()["detail"]


def test_missing_and_malformed_bodies(client: TestClient, scenario_2012: dict[str, Any]) -> None:
    r = client.post("/api/evaluate", json={})
    assert r.status_code == 422 and "body.scenario" in _fields(r)
    r = client.post("/api/evaluate", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body"
    assert "not valid JSON" in r.json()["detail"]
    r = client.post("/api/evaluate", json=[1, 2, 3])
    assert r.status_code == 422
    r = client.post("/api/evaluate", json={"scenario": scenario_2012, "semantics": "best"})
    assert r.status_code == 422 and "body.semantics" in _fields(r)
    assert "grounded" in r.json()["detail"]
    r = client.post("/api/evaluate", json={"scenario": scenario_2012, "doctrine": "atlantis"})
    assert r.status_code == 404


def test_explain_gives_the_winning_line(client: TestClient, scenario_2012: dict[str, Any]) -> None:
    body = client.post("/api/explain", json={"scenario": scenario_2012}).json()
    assert body["verdict"] == "forbidden"
    assert body["winning_side"] == "against" and body["winning"]


def test_why_not_lists_obstacles(client: TestClient, scenario_2012: dict[str, Any]) -> None:
    body = client.post("/api/why-not", json={"scenario": scenario_2012, "target": "permitted"}).json()
    assert body["current"] == "forbidden" and body["already"] is False
    assert body["obstacles"] or body["missing_support"]
    r = client.post("/api/why-not", json={"scenario": scenario_2012, "target": "maybe"})
    assert r.status_code == 422 and "body.target" in _fields(r)


def test_json_sent_as_text_is_told_to_use_json(
    client: TestClient, scenario_2012: dict[str, Any]
) -> None:
    r = client.post("/api/evaluate", content=b'{"scenario": {}}',
                    headers={"Content-Type": "text/plain"})
    assert r.status_code == 415  # a non-JSON body on a JSON endpoint (issue 18)
    assert "application/json" in r.json()["detail"]


def test_hostile_bodies_get_bounded_4xx_answers(
    client: TestClient, scenario_2012: dict[str, Any]
) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    r = client.post("/api/evaluate", content=deep, headers={"Content-Type": "application/json"})
    assert 400 <= r.status_code < 500
    many = {**scenario_2012, "facts": {f"made_up_{i}": True for i in range(3000)}}
    r = client.post("/api/evaluate", json={"scenario": many})
    assert r.status_code == 422
    body = r.json()
    assert len(body["errors"]) == 100 and "(and 2995 more)" in body["detail"]
    assert len(r.content) < 50_000


def test_the_api_and_the_report_make_the_same_claims_as_the_library(
        make_client: Any, tmp_path: Path) -> None:
    """The undercut beside a mutual rebuttal: the API's `defeated` and `explain`, and the
    report, name the exception that settles the defeat (as the library does)."""
    import json

    from tests.doctrine.test_explanation_claims import SCENARIO, check_claims, tiny

    from overture.doctrine import parse_doctrine
    from overture.render import build_report, to_markdown
    from overture.verdict import evaluate

    data = tiny(
        rules=[{"id": "default_no", "then": "~accept_talks"},
               {"id": "yes", "when": {"facts": {"f1": True}}, "then": "accept_talks"}],
        exceptions=[{"id": "x", "when": {"facts": {"f1": True}}, "undercuts": ["default_no"]}],
    )
    text = json.dumps(data)
    client = make_client(write_token="t" * 20, doctrine_dir=tmp_path)
    r = client.post("/api/doctrines/upload", content=text,
                    headers={"Authorization": "Bearer " + "t" * 20})
    assert r.status_code == 201, r.text
    scenario = {**SCENARIO, "facts": {"f1": True}}
    body = {"doctrine": "tiny", "scenario": scenario}
    ev = evaluate(scenario, parse_doctrine(text))
    check_claims(ev)
    got = client.post("/api/evaluate", json=body).json()
    assert got["defeated"] == ev.to_dict()["defeated"]
    (df,) = [d for d in got["defeated"] if d["rule_id"] == "default_no"]
    assert df["defeated_by"] == "x" and df["why"] == "exception"
    ex = client.post("/api/explain", json=body).json()
    (line,) = [w for w in ex["winning"] if w["argument"]["rule_id"] == "yes"]
    (c,) = line["challenges"]
    assert c["outcome"] == "answered" and c["answered_by"]["argument"]["rule_id"] == "x"
    report = to_markdown(build_report(scenario, parse_doctrine(text), analyses=False))
    assert f"x ({df['defeated_by_argument']})" in report
