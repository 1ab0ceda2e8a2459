"""What-if, counterfactual, timeline, views and hypotheses over HTTP."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from overture.analysis import backtest


def test_what_if_conveying_flips_the_2012_deal(
    client: TestClient, scenario_2012: dict[str, Any]
) -> None:
    r = client.post("/api/what-if", json={"scenario": scenario_2012, "changes": {"mode": "conveying"}})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["before"]["verdict"] == "forbidden"
    assert body["after"]["verdict"] == "permitted" and body["verdict_changed"]
    assert body["after"]["scenario"]["mode"] == "conveying"


def test_what_if_rejects_unknown_variables(client: TestClient, scenario_2012: dict[str, Any]) -> None:
    r = client.post("/api/what-if", json={"scenario": scenario_2012, "changes": {"weather": True}})
    assert r.status_code == 422 and "weather" in r.json()["detail"]
    r = client.post("/api/what-if", json={"scenario": scenario_2012, "changes": {"date": "soon"}})
    assert r.status_code == 422
    r = client.post("/api/what-if", json={"scenario": scenario_2012, "changes": {}})
    assert r.status_code == 422


def test_counterfactuals_reach_the_target_and_apply(
    client: TestClient, scenario_2012: dict[str, Any]
) -> None:
    r = client.post("/api/counterfactual",
                    json={"scenario": scenario_2012, "target": "permitted", "max_changes": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["verdict"] == "forbidden" and body["target"] == "permitted"
    found = body["counterfactuals"]
    assert found
    descriptions = [" & ".join(e["description"] for e in c["edits"]) for c in found]
    assert any("conveying" in d for d in descriptions)
    sizes = [c["changes"] for c in found]
    assert sizes == sorted(sizes)
    # Applying a suggestion (as the page's button does) gives the target verdict.
    first = {k: v for k, v in found[0]["scenario"].items() if k not in ("id", "description")}
    again = client.post("/api/evaluate", json={"scenario": first}).json()
    assert again["verdict"] == "permitted"


def test_counterfactual_bounds_are_validated(client: TestClient, scenario_2012: dict[str, Any]) -> None:
    r = client.post("/api/counterfactual", json={"scenario": scenario_2012, "max_changes": 9})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "body.max_changes"


def test_timeline_moves_when_statements_enter(
    client: TestClient, scenario_2012: dict[str, Any]
) -> None:
    r = client.post("/api/timeline", json={"scenario": scenario_2012, "from": 2005, "to": 2016})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["from"] == "2005-01-01" and body["to"] == "2016-12-31"
    dates = [p["date"] for p in body["points"]]
    assert dates == sorted(dates)
    assert body["points"][0]["verdict"] == "undecided"
    assert any(p["moved"] and p["entered"] for p in body["points"])
    r = client.post("/api/timeline", json={"scenario": scenario_2012, "from": 2016, "to": 2005})
    assert r.status_code == 422


def test_views_side_by_side(client: TestClient, scenario_2012: dict[str, Any]) -> None:
    body = client.post("/api/views", json={"scenario": scenario_2012}).json()
    assert set(body["verdicts"]) >= {"all", "official", "analyst"}
    assert body["agree"] == (len(set(body["verdicts"].values())) == 1)


def test_hypotheses_matrix(client: TestClient) -> None:
    r = client.get("/api/doctrines/iran-us/hypotheses")
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["hypotheses"]) >= 3
    ids = {h["id"] for h in body["hypotheses"]}
    assert set(body["inconsistency"]) == ids
    assert all(set(e["ratings"]) <= ids for e in body["evidence"])
    best = body["ranking"][0][0]
    assert body["inconsistency"][best] == min(body["inconsistency"].values())


def test_the_api_scores_the_shipped_log_and_an_uploaded_one(make_client: Any) -> None:
    client = make_client()
    r = client.post("/api/backtest", json={"doctrine": "iran-us"})
    assert r.status_code == 200, r.text
    assert r.json()["views"][0]["hits"] == backtest("iran-us").views[0].hits
    events = [{"id": "e1", "date": "2025-05-01", "what": "Oman talks",
               "scenario": {"counterparty": "united_states", "topics": ["nuclear"], "mode": "deal",
                            "channel": "indirect"},
               "outcome": "accepted", "source": {"title": "IRNA", "publisher": "IRNA", "date": "2025-04-15"}}]
    r = client.post("/api/backtest", json={"doctrine": "iran-us", "events": events})
    assert r.status_code == 200 and r.json()["views"][0]["hits"] == 1
    bad = [{**events[0], "scenario": {**events[0]["scenario"], "mode": "war"}}]
    r = client.post("/api/backtest", json={"doctrine": "iran-us", "events": bad})
    assert r.status_code == 422 and "known modes" in r.text
    r = client.post("/api/backtest", json={"doctrine": "dprk-us"})
    assert r.status_code == 422 and "no log" in r.text


def test_the_api_searches_a_shipped_joint_file_and_a_posted_one(make_client: Any) -> None:
    from overture.analysis import joint, resolve_joint

    client = make_client()
    r = client.post("/api/joint", json={"joint": "iran-us+us-iran", "date": "2021-03-01"})
    assert r.status_code == 200, r.text
    assert r.json() == json.loads(json.dumps(joint("iran-us+us-iran", "2021-03-01").to_dict()))
    spec = resolve_joint("iran-us+us-iran").spec.model_dump(mode="json")
    r = client.post("/api/joint", json={"spec": spec, "date": "2013-11-24"})
    assert r.status_code == 200 and r.json()["joint"]
    # a posted file names registry doctrines only, never a server path
    bad = {**spec, "sides": [{**spec["sides"][0], "doctrine": "/etc/passwd"}, spec["sides"][1]]}
    r = client.post("/api/joint", json={"spec": bad, "date": "2013-11-24"})
    assert r.status_code == 404 and "unknown doctrine" in r.text
    r = client.post("/api/joint", json={"joint": "../x", "date": "2013-11-24"})
    assert r.status_code == 422 and "unknown joint file" in r.text
    r = client.post("/api/joint", json={"spec": {**spec, "sides": []}, "date": "2013-11-24"})
    assert r.status_code == 422 and "body.spec" in r.text and "sides" in r.text


def test_the_api_lists_the_joints_and_returns_each_sides_graph(make_client: Any) -> None:
    from overture.analysis import joint, resolve_joint
    from overture.analysis.joint_sides import side_evaluations

    client = make_client()
    listing = client.get("/api/joints").json()["joints"]
    assert [j["id"] for j in listing] == ["iran-us+us-iran"]
    assert {s["doctrine"] for s in listing[0]["sides"]} == {"iran-us", "us-iran"}
    r = client.post("/api/joint", json={"joint": "iran-us+us-iran", "date": "2021-03-01",
                                        "graphs": True})
    assert r.status_code == 200, r.text
    got = r.json()["side_graphs"]
    setting = resolve_joint("iran-us+us-iran")
    want = side_evaluations(setting, joint(setting, "2021-03-01"))
    assert [{k: v for k, v in g.items() if k != "graph_svg"} for g in got] == [
        json.loads(json.dumps(s.to_dict())) for s in want]
    for g in got:
        assert g["graph_svg"].startswith("<svg") and g["graph_svg"].count("highlight") == 1
    assert "side_graphs" not in client.post(
        "/api/joint", json={"joint": "iran-us+us-iran", "date": "2021-03-01"}).json()


def test_the_hypotheses_matrix_as_of_a_date(make_client: Any) -> None:
    from typer.testing import CliRunner

    from overture.cli.main import app

    r = CliRunner().invoke(app, ["hypotheses", "--as-of", "2013-01-01", "--json"])
    assert r.exit_code == 0
    got = make_client().get("/api/doctrines/iran-us/hypotheses", params={"as_of": "2013-01-01"})
    assert got.status_code == 200
    assert len(got.json()["evidence"]) == len(json.loads(r.stdout)["evidence"]) == 6
    bad = make_client().get("/api/doctrines/iran-us/hypotheses", params={"as_of": "1990-01-01"})
    assert bad.status_code == 422 and "no evidence" in bad.text
