"""Corpus search and token-protected document uploads over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def corpus_client(
    make_client: Callable[..., TestClient], tmp_path: Path, seeds_dir: Path
) -> TestClient:
    client = make_client(write_token=TOKEN, corpus_store=tmp_path / "corpus.sqlite")
    seed = next(seeds_dir.glob("004_*.txt"))
    r = client.post(
        "/api/corpus/documents",
        params={"filename": "khamenei_2015.txt", "kind": "speaker", "date": "2015-10-07"},
        content=seed.read_bytes(),
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "added" and r.json()["passages"] > 0
    return client


def test_search_finds_the_passage_with_highlights(corpus_client: TestClient) -> None:
    r = corpus_client.get("/api/corpus/search", params={"q": "infiltration"})
    assert r.status_code == 200, r.text
    hits = r.json()["hits"]
    assert hits
    top = hits[0]
    assert top["highlights"]
    start, end = top["highlights"][0]
    assert top["text"][start:end].lower().startswith("infiltrat")
    assert top["date"] == "2015-10-07"


def test_documents_listed_and_duplicates_not_stored(
    corpus_client: TestClient, seeds_dir: Path
) -> None:
    docs = corpus_client.get("/api/corpus/documents").json()
    assert len(docs) == 1 and docs[0]["kind"] == "speaker"
    seed = next(seeds_dir.glob("004_*.txt"))
    again = corpus_client.post("/api/corpus/documents", params={"filename": "again.txt"},
                               content=seed.read_bytes(), headers=AUTH)
    assert again.status_code == 201 and again.json()["status"] == "duplicate"
    assert len(corpus_client.get("/api/corpus/documents").json()) == 1


def test_writes_need_the_token(corpus_client: TestClient) -> None:
    r = corpus_client.post("/api/corpus/documents", params={"filename": "x.txt"},
                           content=b"Some text to add.")
    assert r.status_code == 401
    r = corpus_client.post("/api/corpus/documents", params={"filename": "x.txt"},
                           content=b"Some text to add.", headers={"Authorization": "Bearer no"})
    assert r.status_code == 403
    assert len(corpus_client.get("/api/corpus/documents").json()) == 1


def test_bad_uploads_and_queries(corpus_client: TestClient) -> None:
    r = corpus_client.post("/api/corpus/documents", params={"filename": "../evil.txt"},
                           content=b"text", headers=AUTH)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.filename"
    r = corpus_client.post("/api/corpus/documents", params={"filename": "bin.txt"},
                           content=b"\x00\xff" * 100, headers=AUTH)
    assert r.status_code == 400
    r = corpus_client.post("/api/corpus/documents", params={"filename": "d.txt", "date": "May"},
                           content=b"text", headers=AUTH)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.date"
    r = corpus_client.get("/api/corpus/search", params={"q": ""})
    assert r.status_code == 422
    r = corpus_client.get("/api/corpus/search", params={"q": "x", "mode": "psychic"})
    assert r.status_code == 422


def test_no_store_no_corpus_endpoints(client: TestClient) -> None:
    assert client.get("/api/health").json()["features"]["corpus"] is False
    assert client.get("/api/corpus/search", params={"q": "talks"}).status_code == 404


def test_openapi_documents_the_corpus(corpus_client: TestClient) -> None:
    paths = corpus_client.get("/openapi.json").json()["paths"]
    assert {"/api/corpus/search", "/api/corpus/documents"} <= set(paths)
    assert paths["/api/corpus/documents"]["post"].get("security")
    assert corpus_client.get("/api/health").json()["features"]["corpus"] is True


def test_quote_context_from_the_corpus_store(
    make_client: Callable[..., TestClient], tmp_path: Path, seeds_dir: Path
) -> None:
    from overture.corpus import CorpusStore, add_source_files

    store_path = tmp_path / "corpus.sqlite"
    store = CorpusStore.open(store_path)
    try:
        add_source_files(store, sorted(seeds_dir.glob("*.txt")), embedder=None)
    finally:
        store.close()
    client = make_client(source_dirs=(), corpus_store=store_path)
    seeds = {s["id"] for s in client.get("/api/doctrines/iran-us/sources").json()
             if s["location"].startswith("seeds/")}
    quotes = [q for q in client.get("/api/doctrines/iran-us/quotes").json() if q["source"] in seeds]
    found = 0
    for q in quotes[::6]:
        c = client.get(f"/api/doctrines/iran-us/quotes/{q['id']}/context").json()
        if c["found"]:
            found += 1
            assert c["note"] == "from the corpus store" and (c["before"] or c["after"])
    assert found == len(quotes[::6])


def test_an_upload_is_recorded_as_one_and_its_errors_name_no_server_path(
    corpus_client: TestClient, tmp_path: Path
) -> None:
    from overture.corpus import CorpusStore

    with CorpusStore.open(tmp_path / "corpus.sqlite") as store:
        (doc,) = store.documents()
    assert (doc.source_path, doc.source_name) == ("<upload>", "khamenei_2015.txt")
    r = corpus_client.post("/api/corpus/documents", params={"filename": "chrome.html"},
                           content=b"<html><body><script>x()</script></body></html>", headers=AUTH)
    assert r.status_code == 422 and r.json()["error"] == "invalid_input", r.text
    assert r.json()["detail"].startswith("<upload>: ")
    assert "<upload>" in r.text and "overture-upload" not in r.text and "/tmp" not in r.text
