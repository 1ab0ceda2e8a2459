"""`overture check --corpus STORE` and `explain --corpus`: every quote of a doctrine verified in
the stored document of its source, misquotes shown beside the closest passage."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overture.cli.main import app
from overture.corpus import CorpusStore, add_source_files
from overture.doctrine import load_doctrine, parse_doctrine, shipped_doctrine_dir
from overture.verdict.checking import check_doctrine
from overture.verdict.provenance import (
    match_sources,
    open_store,
    sentence_context,
    verify_in_corpus,
)

runner = CliRunner()
SHIPPED = shipped_doctrine_dir("iran-us") / "doctrine.yaml"
ORIGINAL = "because of its countless detriments"
CHANGED = "because of its countless dangers"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "store.sqlite3"
    later = [f for folder in ("iran-us-2013", "iran-us-2018-2025",
                                                     "us-iran-2013-2015", "us-iran-2018-2025")
             for f in sorted((seeds_dir.parent / "sources" / folder).glob("*.txt"))]
    with CorpusStore.open(path) as store:
        add_source_files(store, [*sorted(seeds_dir.glob("*.txt")), *later], embedder=None)
    return path


QUOTES = len(load_doctrine("iran-us").quotes)


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    from overture.cli.common import console

    before = console.width
    console.width = 250
    yield
    console.width = before


@pytest.fixture
def misquoted(tmp_path: Path) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.count(ORIGINAL) == 1
    path = tmp_path / "misquoted.yaml"
    path.write_text(text.replace(ORIGINAL, CHANGED), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


def test_every_source_is_matched_by_its_file_name(store_path: Path) -> None:
    with open_store(store_path) as store:
        matches = match_sources(load_doctrine("iran-us"), store)
    assert {m.matched_by for m in matches.values()} == {"file name"}
    assert all(m.document_id for m in matches.values())


def test_shipped_doctrine_passes_with_offsets(store_path: Path) -> None:
    report = check_doctrine("iran-us", corpus=store_path)
    assert report.ok and report.corpus is not None and len(report.corpus) == QUOTES
    with open_store(store_path) as store:
        for p in report.corpus:
            assert p.found and p.start is not None and p.end is not None
            assert p.document_id is not None
            stored = store.document(p.document_id).text[p.start:p.end]
            assert " ".join(stored.split())[:20] == " ".join(p.text.split())[:20]
            assert p.context and "⟦" in p.context
    code, out, _ = run("check", "--corpus", str(store_path))
    assert code == 0, out
    assert f"quotes verified in the corpus: {QUOTES}/{QUOTES}" in out


def test_one_changed_word_is_reported_beside_the_true_passage(store_path: Path,
                                                               misquoted: Path) -> None:
    report = check_doctrine(misquoted, corpus=store_path)
    assert report.corpus is not None and not report.ok
    bad = [p for p in report.corpus if not p.found]
    assert [p.quote_id for p in bad] == ["c_forbidden"]
    (p,) = bad
    assert p.closest_passage is not None and ORIGINAL in " ".join(p.closest_passage.split())
    # the closest passage is exactly where the true quote stands in the source
    true = {q.quote_id: q for q in verify_in_corpus(load_doctrine("iran-us"),
                                                 open_store(store_path))}["c_forbidden"]
    assert (p.closest_start, p.closest_end) == (true.start, true.end)
    assert p.similarity is not None and 0.8 < p.similarity < 1.0

    code, out, _ = run("check", str(misquoted), "--corpus", str(store_path))
    assert code == 1
    assert "MISQUOTE" in out and "countless dangers" in out and "countless detriments" in out
    assert f"quotes verified in the corpus: {QUOTES - 1}/{QUOTES}" in out
    code, out, _ = run("check", str(misquoted), "--corpus", str(store_path), "--json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    (item,) = [c for c in data["corpus"] if not c["found"]]
    assert item["quote_id"] == "c_forbidden" and ORIGINAL in " ".join(item["closest_passage"].split())


def test_a_source_absent_from_the_store_is_missing_and_exits_one(tmp_path: Path,
                                                                 seeds_dir: Path) -> None:
    path = tmp_path / "partial.sqlite3"
    with CorpusStore.open(path) as store:
        add_source_files(store, [next(seeds_dir.glob("000_*.txt"))], embedder=None)
    code, out, _ = run("check", "--corpus", str(path), "--json")
    data = json.loads(out)
    assert code == 1
    missing = [c for c in data["corpus"] if not c["found"]]
    assert missing and all(c["source"] != "iranreview_2012" for c in missing)
    assert all("no stored document matches source" in c["problem"] for c in missing)


def test_explicit_mapping_wins_and_bad_mappings_are_input_errors(store_path: Path) -> None:
    d = load_doctrine("iran-us")
    with open_store(store_path) as store:
        doc = store.find_documents("004_399d3c9bc731ef2f.txt")[0]
        matches = match_sources(d, store, {"khamenei_2015": doc.id[:12]})
    assert matches["khamenei_2015"].matched_by == "mapping"
    assert matches["khamenei_2015"].document_id == doc.id
    # a mapping to the wrong document turns every quote of that source into a misquote
    code, out, _ = run("check", "--corpus", str(store_path), "--map",
                       "khamenei_2015=000_c3a760e5657fa5f1.txt")
    assert code == 1 and "MISQUOTE" in out
    for bad in ("khamenei_2015", "=x", "nosuch=abc"):
        code, out, err = run("check", "--corpus", str(store_path), "--map", bad)
        assert code == 2, (bad, out, err)
        assert "Traceback" not in out + err and "--map" in err


def test_missing_or_bogus_store_exits_two(tmp_path: Path) -> None:
    code, _, err = run("check", "--corpus", str(tmp_path / "nope.sqlite3"))
    assert code == 2 and "no corpus store here" in err
    assert not (tmp_path / "nope.sqlite3").exists()  # never created by a check
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00\xff not a database" * 100)
    code, _, err = run("check", "--corpus", str(junk))
    assert code == 2 and str(junk) in err and "Traceback" not in err
    code, _, err = run("check", "--corpus", str(tmp_path))
    assert code == 2 and "not a file" in err


def test_explain_shows_quotes_in_their_source_context(store_path: Path) -> None:
    code, out, _ = run("explain", "us_deal_2016_nuclear_conditions_met", "--corpus",
                       str(store_path))
    assert code == 0, out
    assert "in context:" in out
    # the sentence after the 2015 quote in the source appears beside it
    assert "they want to infiltrate" in out
    code, out, _ = run("explain", "us_deal_2016_nuclear_conditions_met", "--corpus",
                       str(store_path), "--json")
    data = json.loads(out)
    assert "c_forbidden" in data["quote_contexts"]
    assert "⟦Negotiation with America is forbidden" in data["quote_contexts"]["c_forbidden"]


def test_parsed_doctrine_without_file_still_checks(store_path: Path) -> None:
    d = parse_doctrine(SHIPPED.read_text(encoding="utf-8"))
    with open_store(store_path) as store:
        assert all(p.found for p in verify_in_corpus(d, store))


def test_sentence_context_keeps_whole_sentences_either_side() -> None:
    text = ("Title of the U.S. page\n\nFirst sentence here. The quoted words stand here. "
            "Then one more! And a last one.")
    start = text.index("The quoted")
    end = text.index("here. Then") + len("here.")
    assert sentence_context(text, start, end) == (
        "First sentence here. ⟦The quoted words stand here.⟧ Then one more!")
    assert sentence_context(text, start, end, sentences=2) == (
        "Title of the U.S. page First sentence here. ⟦The quoted words stand here.⟧ "
        "Then one more! And a last one.")
    # a quote that starts mid-sentence keeps the start of its own sentence and one before
    mid = text.index("words")
    assert sentence_context(text, mid, end).startswith("First sentence here. The quoted ⟦words")
    long = "word " * 200 + ". " + "Quote. " + "tail " * 200 + "."
    q = long.index("Quote.")
    capped = sentence_context(long, q, q + 6, max_chars=50)
    assert capped.startswith("… ") and capped.endswith(" …") and len(capped) < 130


def test_misquote_table_marks_the_changed_words() -> None:
    from overture.cli.doctrine_cmd import _word_diff

    quoted, source = _word_diff("its countless dangers [and]", "its  countless detriments [and]")
    assert quoted == "its countless [bold red]dangers[/] \\[and]"
    assert source == "its countless [bold green]detriments[/] \\[and]"


def test_metadata_disagreements_are_noted_not_failed(store_path: Path) -> None:
    import datetime as dt

    d = load_doctrine("iran-us")
    sources = [s.model_copy(update={"date": dt.date(2015, 10, 8), "title": "Another title"})
               if s.id == "khamenei_2015" else s for s in d.sources]
    changed = d.model_copy(update={"sources": sources})
    with open_store(store_path) as store:
        matches = match_sources(changed, store)
        assert all(p.found for p in verify_in_corpus(changed, store))
    notes = matches["khamenei_2015"].differences
    assert any("2015-10-08" in n and "2015-10-07" in n for n in notes)
    assert any("Another title" in n for n in notes)
    assert matches["iranreview_2012"].differences == []
