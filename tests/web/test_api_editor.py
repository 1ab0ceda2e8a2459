"""What the workbench's editor calls: a doctrine's file, the check of a text (problems at their
lines, else its tests), a quote from a selected passage, and a save that never replaces a good
doctrine with one whose tests fail."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from tests.web.conftest import TOKEN

YAML = {"Content-Type": "application/yaml"}


def test_source_check_and_located_problem(client: TestClient) -> None:
    text = client.get("/api/doctrines/iran-us/source").text
    ok = client.post("/api/doctrines/check", content=text, headers=YAML).json()
    assert ok["ok"] and ok["id"] == "iran-us" and ok["tests"] and not ok["problems"]
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if re.match(r"\s+quotes: \[", line))
    lines[at] = lines[at].replace("quotes: [", "quotes: [no_such_quote, ", 1)
    bad = client.post("/api/doctrines/check", content="\n".join(lines), headers=YAML).json()
    assert not bad["ok"] and bad["problems"][0]["line"] == at + 1
    assert "no_such_quote" in bad["problems"][0]["message"]
    broken = client.post("/api/doctrines/check", content="id: [unclosed", headers=YAML).json()
    assert not broken["ok"] and broken["problems"][0]["line"] in (1, 2)  # where YAML noticed
    assert "malformed YAML" in broken["problems"][0]["message"]


def test_replacement_must_pass_its_tests(make_client: Callable[..., TestClient]) -> None:
    client = make_client(write_token=TOKEN)
    auth = {**YAML, "Authorization": f"Bearer {TOKEN}"}
    text = client.get("/api/doctrines/iran-us/source").text.replace("id: iran-us", "id: mine", 1)
    assert client.post("/api/doctrines/upload", content=text, headers=auth).status_code == 201
    flipped = re.sub(r"(\n    expect: )forbidden", r"\1permitted", text, count=1)
    r = client.post("/api/doctrines/upload?replace=true", content=flipped, headers=auth)
    assert r.status_code == 422 and "tests fail" in r.json()["detail"]
    assert client.get("/api/doctrines/mine/source").text == text  # the good one stays


def test_quote_from_selection_is_verified(client: TestClient) -> None:
    ctx = client.get("/api/doctrines/iran-us/quotes/a_no_goodwill/context").json()
    passage = ctx["passage"][:60]
    r = client.post("/api/doctrines/iran-us/quote", json={
        "source": ctx["source"]["id"], "text": passage, "id": "q_sel", "rule": "a1_no_goodwill"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "- id: q_sel" in body["yaml"] and body["end"] > body["start"]
    for wrong, field in (({"text": "never said anywhere in that source at all"}, "text"),
                         ({"source": "no_source"}, "source"),
                         ({"id": "a_no_goodwill"}, "id"), ({"rule": "no_rule"}, "rule")):
        bad = client.post("/api/doctrines/iran-us/quote", json={
            "source": ctx["source"]["id"], "text": passage, "id": "q_sel2", **wrong})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith(field), bad.text
