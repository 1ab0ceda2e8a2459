"""A document whose date cannot be read, or is ambiguous, is added with a warning; re-adding a
stored document with --date/--title corrects its stored metadata (issue 20)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from overture.cli.main import app
from overture.corpus import CorpusStore, DocumentMetadata, add_source_files

runner = CliRunner()


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    two = tmp_path / "two.txt"
    two.write_text("A headline about talks\n\nDate: 12 March 2019, updated 14 March 2019\n\n"
                   "Some words about talks and negotiations.\n", encoding="utf-8")
    none = tmp_path / "none.txt"
    none.write_text("Untitled note\n\nNo dates here at all, only words.\n", encoding="utf-8")
    one = tmp_path / "one.txt"
    one.write_text("Another headline\n\n7 February 2013\n\nWords.\n", encoding="utf-8")
    return two, none, one


def test_missing_and_ambiguous_dates_are_warned_about(tmp_path: Path) -> None:
    two, none, one = _files(tmp_path)
    with CorpusStore.open(tmp_path / "s.sqlite3") as store:
        report = add_source_files(store, [two, none, one], embedder=None)
    by_name = {Path(o.path).name: o for o in report.outcomes}
    assert "several dates" in by_name["two.txt"].warnings[0]
    assert "2019-03-14" in by_name["two.txt"].warnings[0]
    assert "no date found" in by_name["none.txt"].warnings[0]
    assert by_name["one.txt"].warnings == ()
    with CorpusStore.open(tmp_path / "t.sqlite3") as store:  # a date given: no warning
        report = add_source_files(store, [none], embedder=None,
                                  overrides=DocumentMetadata(date="2020-01-01"))
    assert report.outcomes[0].warnings == ()


def test_re_adding_with_metadata_updates_the_stored_document(tmp_path: Path) -> None:
    two, _, _ = _files(tmp_path)
    store_path = tmp_path / "s.sqlite3"
    assert runner.invoke(app, ["corpus", "add", str(two), "--store", str(store_path),
                               "--no-embed"]).exit_code == 0
    r = runner.invoke(app, ["corpus", "add", str(two), "--store", str(store_path), "--no-embed",
                            "--date", "2019-03-14", "--title", "Better title"])
    assert r.exit_code == 0 and "updated" in r.stdout and "date, title" in r.stdout
    with CorpusStore.open(store_path, create=False) as store:
        (doc,) = store.documents()
        assert (doc.date, doc.title) == ("2019-03-14", "Better title")
        assert store.count("documents") == 1
    r = runner.invoke(app, ["corpus", "add", str(two), "--store", str(store_path), "--no-embed",
                            "--date", "2019-03-14"])
    assert r.exit_code == 0 and "unchanged" in r.stdout  # nothing new to set
