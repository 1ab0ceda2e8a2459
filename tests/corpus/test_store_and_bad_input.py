"""The store keeps its promises: migrations, WAL, atomic adds; bad input is refused cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from overture.corpus import CorpusStore, add_source_files
from overture.corpus import ingest as ingest_module
from overture.corpus.migrations import SCHEMA_VERSION
from overture.errors import InputError, LimitExceeded

ARTICLE = "A Title For The Test Document\n\n" + " ".join(["Running prose sentence."] * 30)


def snapshot(store: CorpusStore) -> dict[str, int]:
    return {
        t: store.count(t)
        for t in ("documents", "passages", "quotations", "citations", "passage_embeddings")
    }


def test_new_store_is_wal_and_fully_migrated(store: CorpusStore) -> None:
    mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert store.schema_version() == SCHEMA_VERSION
    assert store.integrity_check() == ["ok"]


def test_old_store_is_migrated_keeping_its_documents(tmp_path: Path, seeds_dir: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with CorpusStore.open(path, upgrade_to=1) as old:
        assert old.schema_version() == 1
        tables = {r[0] for r in old.connection.execute("SELECT name FROM sqlite_master")}
        assert "passage_embeddings" not in tables
        add_source_files(old, sorted(seeds_dir.glob("*.txt"))[:1], embedder=None)
    with CorpusStore.open(path) as new:
        assert new.schema_version() == SCHEMA_VERSION
        assert new.count("documents") == 1 and new.count("passage_embeddings") == 0
        assert new.integrity_check() == ["ok"]


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with CorpusStore.open(path) as s:
        s.connection.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(InputError, match="newer"):
        CorpusStore.open(path)


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("this is not a database " * 100)
    with pytest.raises(InputError, match="not a usable corpus store"):
        CorpusStore.open(path)
    assert path.read_text().startswith("this is not a database")


def test_removing_a_document_keeps_the_index_consistent(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    from overture.corpus.search import keyword_search

    assert keyword_search(seeded, "Zubayr")
    assert seeded.remove_document(seed_ids["004_399d3c9bc731ef2f.txt"])
    assert keyword_search(seeded, "Zubayr") == []
    assert seeded.count("documents") == 2
    assert seeded.integrity_check() == ["ok"]
    assert not seeded.remove_document("0" * 64)


def _assert_refused_and_unchanged(
    store: CorpusStore, paths: list[Path], error: type[Exception], match: str
) -> None:
    before = snapshot(store)
    with pytest.raises(error, match=match) as info:
        add_source_files(store, paths, embedder=None)
    assert snapshot(store) == before
    assert store.integrity_check() == ["ok"]
    assert isinstance(info.value, InputError | LimitExceeded)


def test_binary_file_is_refused(seeded: CorpusStore, tmp_path: Path) -> None:
    good, binary = tmp_path / "good.txt", tmp_path / "image.txt"
    good.write_text(ARTICLE)
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    _assert_refused_and_unchanged(seeded, [good, binary], InputError, "binary")


def test_invalid_utf8_is_refused_with_its_line_and_column(
    seeded: CorpusStore, tmp_path: Path
) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Title line\nSecond line with café\n".encode("latin-1"))
    _assert_refused_and_unchanged(seeded, [bad], InputError, "UTF-8")
    with pytest.raises(InputError) as info:
        add_source_files(seeded, [bad], embedder=None)
    assert info.value.location is not None
    assert (info.value.location.line, info.value.location.column) == (2, 21)
    assert str(info.value).startswith(f"{bad}:2:21: not valid UTF-8")


def test_200_mb_file_is_refused_before_it_is_read(
    seeded: CorpusStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:  # sparse: no 200 MB written to disk
        handle.seek(200 * 1024 * 1024 - 1)
        handle.write(b"\n")
    assert huge.stat().st_size == 200 * 1024 * 1024
    reads: list[int] = []
    real_open = open

    def tracking_open(file: object, mode: str = "r", *args: object, **kw: object) -> object:
        handle = real_open(file, mode, *args, **kw)  # type: ignore[call-overload]
        if str(file) == str(huge):
            original = handle.read
            handle.read = lambda n=-1: reads.append(n) or original(n)  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr("builtins.open", tracking_open)
    _assert_refused_and_unchanged(seeded, [huge], LimitExceeded, "209,715,200 bytes")
    assert reads == []


def test_a_file_that_vanishes_mid_ingest_leaves_the_store_as_it_was(
    seeded: CorpusStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(ARTICLE)
    second.write_text(ARTICLE.replace("Running", "Walking"))
    real_prepare = ingest_module.prepare_document

    def prepare_then_delete(path: str | Path, **kw: object) -> object:
        prepared = real_prepare(path, **kw)  # type: ignore[arg-type]
        if Path(path) == first:
            second.unlink()  # the next file disappears while the batch is being ingested
        return prepared

    monkeypatch.setattr(ingest_module, "prepare_document", prepare_then_delete)
    _assert_refused_and_unchanged(seeded, [first, second], InputError, "file not found")


def test_directory_and_empty_file_are_refused(seeded: CorpusStore, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    _assert_refused_and_unchanged(seeded, [empty], InputError, "empty")
    _assert_refused_and_unchanged(seeded, [tmp_path], InputError, "directory")


def test_a_failure_while_writing_rolls_back_the_whole_batch(
    seeded: CorpusStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for i in range(3):
        path = tmp_path / f"doc{i}.txt"
        path.write_text(ARTICLE.replace("Running", f"Number {i} running"))
        files.append(path)
    before = snapshot(seeded)

    def fail_on_third(phase: str, done: int, total: int) -> None:
        if phase == "store" and done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        add_source_files(seeded, files, embedder=None, progress=fail_on_third)
    assert snapshot(seeded) == before
    assert add_source_files(seeded, files, embedder=None).added  # and it can be done again


KILLED_INGEST = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from overture.corpus import CorpusStore, add_source_files

    def pause(phase, done, total):
        if phase == "store" and done == 40:
            print("inside-transaction", flush=True)
            time.sleep(120)

    with CorpusStore.open(sys.argv[1]) as store:
        add_source_files(store, sorted(Path(sys.argv[2]).glob("*.txt")), embedder=None,
                         progress=pause)
    """
)


def test_killed_process_leaves_a_sound_store_without_the_partial_batch(
    tmp_path: Path, seeds_dir: Path
) -> None:
    store_path = tmp_path / "corpus.sqlite3"
    with CorpusStore.open(store_path) as s:
        add_source_files(s, sorted(seeds_dir.glob("*.txt")), embedder=None)
        before = snapshot(s)
    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(60):
        (batch / f"doc{i:03}.txt").write_text(ARTICLE * 20 + f" Document number {i}.")
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_INGEST, str(store_path), str(batch)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        if line != "inside-transaction":
            proc.wait(timeout=30)
            pytest.fail(f"ingest did not reach the transaction: {proc.stderr.read()}")  # type: ignore[union-attr]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    raw = sqlite3.connect(store_path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    with CorpusStore.open(store_path) as s:
        assert s.integrity_check() == ["ok"]
        assert snapshot(s) == before
        report = add_source_files(s, sorted(batch.glob("*.txt")), embedder=None)
        assert len(report.added) == 60


def test_a_document_added_meanwhile_by_another_process_is_a_duplicate(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.sqlite3"
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    with CorpusStore.open(path) as ours, CorpusStore.open(path) as theirs:
        real_has = ours.has_document
        calls = {"n": 0}

        def has_document(document_id: str) -> bool:
            calls["n"] += 1
            if calls["n"] == 1:  # our duplicate check runs; then the other process commits
                add_source_files(theirs, [seed], embedder=None)
                return False
            return real_has(document_id)

        monkeypatch.setattr(ours, "has_document", has_document)
        report = add_source_files(ours, [seed], embedder=None)
        assert [o.status for o in report.outcomes] == ["duplicate"]
        assert ours.count("documents") == 1 and ours.integrity_check() == ["ok"]


def test_a_store_locked_by_another_writer_gives_a_clear_error(
    tmp_path: Path, seeds_dir: Path
) -> None:
    from overture.errors import OvertureError

    path = tmp_path / "locked.sqlite3"
    with CorpusStore.open(path) as ours:
        ours.connection.execute("PRAGMA busy_timeout = 50")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process is writing
        try:
            with pytest.raises(OvertureError, match="busy"):
                add_source_files(ours, sorted(seeds_dir.glob("*.txt")), embedder=None)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert ours.count("documents") == 0
        assert add_source_files(ours, sorted(seeds_dir.glob("*.txt")), embedder=None).added
