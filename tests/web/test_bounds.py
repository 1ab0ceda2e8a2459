"""Regressions of the hostile-input campaign (issue 18): each answers with a clear, located
error within its limit, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from overture.cli.main import app

runner = CliRunner()


def test_deeply_nested_json_import_is_a_located_limit(tmp_path: Path) -> None:
    p = tmp_path / "n.json"
    p.write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    r = runner.invoke(app, ["import", str(p)])
    assert r.exit_code == 2 and f"{p}:1:65:" in r.stderr and "nested 1000 levels" in r.stderr
    assert "Traceback" not in r.output
    p.write_text('{"nodes": [' + "[" * 100 + "]" * 100 + "]}", encoding="utf-8")
    r = runner.invoke(app, ["import", str(p)])
    assert r.exit_code == 2 and "nested" in r.stderr and "Traceback" not in r.output


def test_api_refuses_impossible_document_dates(make_client: Any, tmp_path: Path) -> None:
    client = make_client(write_token="t" * 20, corpus_store=tmp_path / "s.sqlite3")
    h = {"Authorization": "Bearer " + "t" * 20}
    for bad in ("2015-02-30", "2015-13"):
        r = client.post("/api/corpus/documents", params={"filename": "a.txt", "date": bad},
                        content="Some words.", headers=h)
        assert r.status_code == 422 and "query.date" in r.text, r.text
    r = client.post("/api/corpus/documents", params={"filename": "a.txt", "date": "2015-02-28"},
                    content="Some words about talks.", headers=h)
    assert r.status_code in (200, 201), r.text


def test_unknown_host_names_are_refused(make_client: Any) -> None:
    """A DNS-rebinding page reaches the server under its own host name: 421, no data."""
    client = make_client(corpus_store=None)
    r = client.get("/api/doctrines", headers={"Host": "evil.example"})
    assert r.status_code == 421 and r.json()["error"] == "unknown_host"
    assert client.get("/api/doctrines", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/api/doctrines", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    other = make_client(allowed_hosts=("overture.internal",))
    assert other.get("/api/health", headers={"Host": "overture.internal"}).status_code == 200


def test_cross_site_requests_are_refused_unless_configured(make_client: Any) -> None:
    client = make_client()
    af = b"p af 2\n1 2\n"
    r = client.post("/api/af/solve", params={"task": "SE-GR"}, content=af,
                    headers={"Origin": "http://evil.example", "Content-Type": "text/plain"})
    assert r.status_code == 403 and r.json()["error"] == "cross_origin"
    same = client.post("/api/af/solve", params={"task": "SE-GR"}, content=af,
                       headers={"Origin": "http://testserver", "Content-Type": "text/plain"})
    assert same.status_code == 200, same.text
    allowed = make_client(allowed_origins=("http://notebook.example:8888",))
    r = allowed.post("/api/af/solve", params={"task": "SE-GR"}, content=af,
                     headers={"Origin": "http://notebook.example:8888"})
    assert r.status_code == 200


def test_non_json_bodies_on_json_endpoints_are_415(make_client: Any) -> None:
    client = make_client()
    r = client.post("/api/evaluate", content=b"counterparty=x", headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415 and "application/json" in r.json()["detail"]
    r = client.post("/api/evaluate", json={"scenario": {"counterparty": "united_states",
                    "topics": ["nuclear"], "mode": "deal", "date": "2015-01-01"}})
    assert r.status_code == 200


def test_an_iccma_solve_past_the_memory_ceiling_is_refused(make_client: Any) -> None:
    """The solve runs in a child process whose address space is capped: an answer that needs
    more memory than the ceiling is a clear 503 `memory_limit`, and the server lives on."""
    client = make_client(max_request_memory_bytes=64 << 20, max_upload_bytes=64 << 20)
    n = 30_000
    text = f"p af {n}\n" + "".join(f"{i} {i % n + 1}\n{i} {(i * 7) % n + 1}\n" for i in range(1, n + 1))
    r = client.post("/api/af/solve", params={"task": "EE-CO", "limit": 1000}, content=text,
                    headers={"Content-Type": "text/plain"})
    assert r.status_code == 503, r.text
    assert r.json()["error"] in ("memory_limit", "time_limit")
    if r.json()["error"] == "memory_limit":
        assert "memory ceiling of 64 MiB" in r.json()["detail"]
    ok = client.post("/api/af/solve", params={"task": "SE-GR"}, content="p af 2\n1 2\n",
                     headers={"Content-Type": "text/plain"})
    assert ok.status_code == 200


def test_analyses_past_the_memory_ceiling_are_refused_and_the_server_lives_on(
        make_client: Any) -> None:
    """Counterfactual, backtest and joint searches run in a child process under the same
    ceiling: past it, 503 `memory_limit` naming the ceiling; under a normal one, answered."""
    tight = make_client(max_request_memory_bytes=2 << 20)
    scenario = {"counterparty": "united_states", "topics": ["nuclear"], "mode": "deal",
                "date": "2013-07-01"}
    for path, body in (("/api/counterfactual", {"scenario": scenario, "max_changes": 2}),
                       ("/api/joint", {"joint": "iran-us+us-iran", "date": "2021-03-01"}),
                       ("/api/backtest", {"doctrine": "iran-us"})):
        r = tight.post(path, json=body)
        assert r.status_code == 503, (path, r.text)
        assert r.json()["error"] == "memory_limit", (path, r.text)
        assert "memory ceiling of 2 MiB" in r.json()["detail"]
    assert tight.post("/api/evaluate", json={"scenario": scenario}).status_code == 200
    roomy = make_client()
    r = roomy.post("/api/counterfactual", json={"scenario": scenario, "max_changes": 1})
    assert r.status_code == 200 and r.json()["counterfactuals"], r.text
