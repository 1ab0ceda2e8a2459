"""Downloads (`POST /api/export`) are what the CLI writes for the same scenario, and the
doctrine detail lists the example scenarios under the CLI's names."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from overture.doctrine import doctrine_scenarios, load_doctrine
from overture.interchange.exports import Target, export


@pytest.mark.parametrize("fmt", ["aif", "argdown", "iccma", "dot", "svg"])
def test_export_matches_the_library(client: TestClient, scenario_2012: dict[str, Any],
                                    fmt: str) -> None:
    r = client.post(f"/api/export?format={fmt}", json={"scenario": scenario_2012,
                                                        "semantics": "preferred"})
    assert r.status_code == 200, r.text
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    d = load_doctrine("iran-us")
    from overture.doctrine import resolve_scenario

    s = resolve_scenario(scenario_2012, d)
    want = export(Target(d, s, "x"), fmt, semantics="preferred").content
    assert r.text == want


def test_report_download_is_a_whole_page(client: TestClient,
                                         scenario_2012: dict[str, Any]) -> None:
    r = client.post("/api/export?format=html", json={"scenario": scenario_2012})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert r.text.lstrip().lower().startswith("<!doctype html") and "forbidden" in r.text
    name = r.headers["content-disposition"].split("filename=")[1].strip('"')
    assert name.endswith(".html") and "/" not in name


def test_export_refuses_an_unknown_format_and_a_bad_scenario(
        client: TestClient, scenario_2012: dict[str, Any]) -> None:
    assert client.post("/api/export?format=pdf", json={"scenario": scenario_2012}
                       ).status_code == 422
    bad = {**scenario_2012, "topics": ["no_such_topic"]}
    r = client.post("/api/export?format=aif", json={"scenario": bad})
    assert r.status_code == 422 and "topics" in json.dumps(r.json())


def test_doctrine_lists_the_cli_example_scenarios(client: TestClient) -> None:
    body = client.get("/api/doctrines/iran-us").json()
    names = [s["name"] for s in body["scenarios"]]
    assert names == list(doctrine_scenarios(load_doctrine("iran-us")))
    first = body["scenarios"][0]["scenario"]
    r = client.post("/api/evaluate", json={"scenario": first})
    assert r.status_code == 200, r.text


def test_graph_is_served_and_folds_defeated_lines(client: TestClient) -> None:
    from overture.verdict import evaluate

    d = load_doctrine("iran-us")
    judged = (evaluate(t.scenario, d) for t in d.tests)
    ev = next(e for e in judged
              if any(a.status == "out" and a.kind != "scenario" for a in e.arguments))
    body = {k: v for k, v in ev.scenario.items() if k not in ("id", "description")}
    full = client.post("/api/graph", json={"scenario": body}).json()
    folded = client.post("/api/graph", json={"scenario": body, "defeated": False}).json()
    out = [a.id for a in ev.arguments if a.status == "out" and a.kind != "scenario"]
    assert full["verdict"] == ev.verdict.value and full["folded"] == 0
    assert folded["folded"] == len(out) > 0
    for arg in out:
        assert f'data-id="{arg}"' in full["svg"] and f'data-id="{arg}"' not in folded["svg"]
    attacks = client.post("/api/graph", json={"scenario": body, "style": "attacks"})
    assert attacks.status_code == 200 and 'data-kind="support"' not in attacks.json()["svg"]
