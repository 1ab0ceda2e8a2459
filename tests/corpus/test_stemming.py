"""Keyword search stems English words (FTS5's porter tokenizer): different forms of a word find
the same passages, stores made before are migrated (their index rebuilt), and the words found
are highlighted in whatever form they take (issue 20)."""

from __future__ import annotations

from pathlib import Path

from overture.corpus import CorpusStore, add_source_files
from overture.corpus.search import highlight_spans, keyword_search


def _passages(store: CorpusStore, query: str) -> set[tuple[str, int]]:
    return {(h.document_id, h.passage) for h in keyword_search(store, query, limit=10_000)}


def test_forms_of_a_word_find_the_same_passages(tmp_path: Path, seeds_dir: Path) -> None:
    with CorpusStore.open(tmp_path / "s.sqlite3") as store:
        add_source_files(store, sorted(seeds_dir.glob("*.txt")), embedder=None)
        found = _passages(store, "negotiate")
        assert found and found == _passages(store, "negotiations") == _passages(
            store, "negotiating")
        for hit in keyword_search(store, "negotiate"):
            words = {hit.text[s:e].lower() for s, e in hit.highlights}
            assert words and all(w.startswith("negoti") for w in words)


def test_a_store_made_before_stemming_is_migrated_and_its_index_rebuilt(
        tmp_path: Path, seeds_dir: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with CorpusStore.open(path, upgrade_to=3) as old:
        add_source_files(old, sorted(seeds_dir.glob("*.txt")), embedder=None)
        before = _passages(old, "negotiate")
        plural = _passages(old, "negotiations")
        assert plural - before  # unstemmed: the plural finds passages the verb does not
    with CorpusStore.open(path) as new:
        assert new.schema_version() == 4
        assert new.integrity_check() == ["ok"]
        assert _passages(new, "negotiate") == _passages(new, "negotiations") >= plural | before


def test_highlights_mark_other_forms_and_keep_exact_words() -> None:
    text = "Negotiations failed; he negotiated, and talks about negotiating went on."
    spans = highlight_spans(text, "negotiate")
    assert [text[s:e] for s, e in spans] == ["Negotiations", "negotiated", "negotiating"]
    assert [text[s:e] for s, e in highlight_spans(text, "talks")] == ["talks"]
    assert highlight_spans("the Oman talks", "man") == ()
