"""Doctrine endpoints: listing, reading, quote context and token-protected uploads."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from fastapi.testclient import TestClient

from overture.doctrine import load_doctrine, shipped_doctrine_dir

from .conftest import TOKEN


def test_list_has_the_shipped_doctrine(client: TestClient) -> None:
    body = client.get("/api/doctrines").json()
    assert body["default"] == "iran-us"
    (iran,) = [d for d in body["doctrines"] if d["id"] == "iran-us"]
    assert iran["shipped"] and iran["sources"] == len(load_doctrine("iran-us").sources)
    assert iran["rules"] > 10


def test_read_doctrine_gives_vocabulary_and_a_valid_start(client: TestClient) -> None:
    d = client.get("/api/doctrines/iran-us").json()
    counterparties = {c["id"] for c in d["counterparties"]}
    assert {"united_states", "germany", "venezuela"} <= counterparties
    assert {v["id"] for v in d["views"]} >= {"all", "official", "analyst"}
    assert {f["id"] for f in d["facts"]} >= {"us_behavior_changed", "sanctions_lifted_first"}
    assert d["dates"]["first"] < d["dates"]["last"]
    start = d["default_scenario"]
    assert start["counterparty"] in counterparties
    r = client.post("/api/evaluate", json={"scenario": {k: v for k, v in start.items()
                                                       if k not in ("id", "description")}})
    assert r.status_code == 200
    assert len(d["examples"]) >= 20


def test_sources_quotes_rules_views(client: TestClient) -> None:
    sources = client.get("/api/doctrines/iran-us/sources").json()
    assert {s["kind"] for s in sources} == {"speaker", "agreement", "exposition", "report",
                                            "analysis"}
    quotes = client.get("/api/doctrines/iran-us/quotes").json()
    one = sources[0]["id"]
    only = client.get("/api/doctrines/iran-us/quotes", params={"source": one}).json()
    assert only and all(q["source"] == one for q in only) and len(only) < len(quotes)
    rules = client.get("/api/doctrines/iran-us/rules").json()
    assert all(r["quotes"] and r["gloss"] for r in rules)
    views = client.get("/api/doctrines/iran-us/views").json()
    assert {v["id"] for v in views} >= {"all", "official", "analyst"}


def test_unknown_source_filter_names_the_known_ones(client: TestClient) -> None:
    r = client.get("/api/doctrines/iran-us/quotes", params={"source": "nope"})
    assert r.status_code == 422
    assert "known sources" in r.json()["detail"]


def test_unknown_doctrine_is_404_listing_known(client: TestClient) -> None:
    r = client.get("/api/doctrines/atlantis")
    assert r.status_code == 404
    assert "iran-us" in r.json()["detail"]


def test_quote_context_found_in_the_seed(client: TestClient) -> None:
    quotes = client.get("/api/doctrines/iran-us/quotes").json()
    for q in quotes[:: max(1, len(quotes) // 8)]:
        c = client.get(f"/api/doctrines/iran-us/quotes/{q['id']}/context").json()
        assert c["found"], q["id"]
        assert c["before"] or c["after"]
        words = [w for w in q["text"].split() if "[" not in w and "]" not in w][:3]
        assert all(w in c["passage"] for w in words)


def test_quote_context_without_source_text(make_client: Callable[..., TestClient]) -> None:
    client = make_client(source_dirs=())
    q = client.get("/api/doctrines/iran-us/quotes").json()[0]
    c = client.get(f"/api/doctrines/iran-us/quotes/{q['id']}/context").json()
    assert c["found"] is False and c["text"] == q["text"] and c["note"]


def test_unknown_quote_is_404(client: TestClient) -> None:
    assert client.get("/api/doctrines/iran-us/quotes/nope/context").status_code == 404


def _shipped_yaml() -> str:
    return (shipped_doctrine_dir("iran-us") / "doctrine.yaml").read_text(encoding="utf-8")


def _renamed(new_id: str) -> str:
    data = yaml.safe_load(_shipped_yaml())
    data["id"] = new_id
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_upload_disabled_without_configured_token(client: TestClient) -> None:
    r = client.post("/api/doctrines/upload", content=_renamed("copy"),
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403
    assert "OVERTURE_TOKEN" in r.json()["detail"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 403), ({"Authorization": f"Basic {TOKEN}"}, 401)],
)
def test_upload_needs_the_right_token(
    make_client: Callable[..., TestClient], headers: dict[str, str], status: int
) -> None:
    client = make_client(write_token=TOKEN)
    r = client.post("/api/doctrines/upload", content=_renamed("copy"), headers=headers)
    assert r.status_code == status
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/doctrines/copy").status_code == 404


def test_upload_then_evaluate_with_it(
    make_client: Callable[..., TestClient], tmp_path_factory: pytest.TempPathFactory,
    scenario_2012: dict[str, object],
) -> None:
    folder = tmp_path_factory.mktemp("doctrines")
    client = make_client(write_token=TOKEN, doctrine_dir=folder)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/doctrines/upload", content=_renamed("my-copy"), headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["created"] is True
    assert (folder / "my-copy.yaml").is_file()
    names = [d["id"] for d in client.get("/api/doctrines").json()["doctrines"]]
    assert "my-copy" in names
    ev = client.post("/api/evaluate", json={"doctrine": "my-copy", "scenario": scenario_2012})
    assert ev.json()["verdict"] == "forbidden"
    again = client.post("/api/doctrines/upload", content=_renamed("my-copy"), headers=auth)
    assert again.status_code == 409
    replaced = client.post("/api/doctrines/upload", params={"replace": "true"},
                           content=_renamed("my-copy"), headers=auth)
    assert replaced.status_code == 201 and replaced.json()["created"] is False
    shipped = client.post("/api/doctrines/upload", content=_shipped_yaml(), headers=auth)
    assert shipped.status_code == 409
    # A new app on the same folder serves the uploaded doctrine again.
    other = make_client(doctrine_dir=folder)
    assert other.get("/api/doctrines/my-copy").status_code == 200


def test_upload_of_an_invalid_doctrine_names_the_line(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(write_token=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    broken = _renamed("broken").replace("counterparty:", "counterparti:", 1)
    r = client.post("/api/doctrines/upload", content=broken, headers=auth)
    assert r.status_code == 422
    assert r.json()["detail"].startswith("<uploaded doctrine>:")
    binary = client.post("/api/doctrines/upload", content=b"\x00\x01\x02" * 10, headers=auth)
    assert binary.status_code == 400
    empty = client.post("/api/doctrines/upload", content=b"", headers=auth)
    assert empty.status_code == 400


def test_upload_over_the_size_limit_is_413(make_client: Callable[..., TestClient]) -> None:
    client = make_client(write_token=TOKEN, max_upload_bytes=10_000)
    r = client.post("/api/doctrines/upload", content=_renamed("big"),
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413
    assert r.json()["error"] == "body_too_large"


def test_uploaded_doctrine_cannot_quote_files_outside_the_source_folders(
    make_client: Callable[..., TestClient], tmp_path_factory: pytest.TempPathFactory,
) -> None:
    text = "prefix words. The hidden password is swordfish. more words after"
    secret_dir = tmp_path_factory.mktemp("secret")
    (secret_dir / "secret.txt").write_text(text)
    sources_dir = tmp_path_factory.mktemp("sources")
    (sources_dir / "inside.txt").write_text(text)
    data = yaml.safe_load(_renamed("leaky"))
    locations = [
        str(secret_dir / "secret.txt"),  # absolute path outside the allowed folders
        f"../{secret_dir.name}/secret.txt",  # relative escape
        "inside.txt",  # allowed: inside --sources
    ]
    first_quote = {}
    for source, location in zip(data["sources"][:3], locations, strict=True):
        source["location"] = location
    for q in data["quotes"]:
        q["text"] = "The hidden password is swordfish."
        first_quote.setdefault(q["source"], q["id"])
    client = make_client(write_token=TOKEN, source_dirs=(sources_dir,))
    r = client.post("/api/doctrines/upload", content=yaml.safe_dump(data),
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    found = {}
    for source in data["sources"][:3]:
        qid = first_quote[source["id"]]
        c = client.get(f"/api/doctrines/leaky/quotes/{qid}/context").json()
        found[source["location"]] = c["found"]
        if not c["found"]:
            assert "prefix" not in c["before"] + c["after"]
    assert found == {locations[0]: False, locations[1]: False, "inside.txt": True}
