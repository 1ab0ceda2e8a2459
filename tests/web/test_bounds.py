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
