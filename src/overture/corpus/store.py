"""The corpus store: one SQLite file (WAL mode) holding documents, their passages with a
full-text index, quotations, citations and embeddings; schema kept by ordered migrations.

Writes happen inside `transaction()` (BEGIN IMMEDIATE … COMMIT), so a failed or killed ingest
leaves the store as it was before it began.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import numpy as np

from overture.corpus.migrations import MIGRATIONS, SCHEMA_VERSION
from overture.corpus.structure import Citation, FootnoteMarker, Passage, Quotation
from overture.errors import InputError, OvertureError, SourceLocation

STORE_ENV = "OVERTURE_CORPUS_STORE"


def default_store_path() -> Path:
    """`$OVERTURE_CORPUS_STORE`, else `corpus.sqlite3` in the platform's user data directory."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_data_path("overture", appauthor=False) / "corpus.sqlite3"


@dataclass(frozen=True)
class DocumentRecord:
    """A stored document: id (content hash), metadata, where it came from, and its text."""

    id: str
    title: str | None
    date: str | None
    publisher: str | None
    kind: str | None
    speaker: str | None
    source_name: str
    source_path: str
    source_format: str
    file_sha256: str
    added_at: str
    text: str

    def summary(self) -> DocumentSummary:
        """Its metadata without the text (what a listing shows)."""
        return DocumentSummary(self.id, self.title, self.date, self.publisher, self.kind,
                               self.speaker, self.source_name, self.source_format,
                               self.added_at, len(self.text))


@dataclass(frozen=True)
class DocumentSummary:
    """A stored document's metadata, without its text: the listing's one row."""

    id: str
    title: str | None
    date: str | None
    publisher: str | None
    kind: str | None
    speaker: str | None
    source_name: str
    source_format: str
    added_at: str
    characters: int


_DOC_COLUMNS = (
    "id, title, date, publisher, kind, speaker, source_name, source_path, source_format, "
    "file_sha256, added_at, text"
)


class CorpusStore:
    """An open corpus store. Use `CorpusStore.open(path)`; close it (or use `with`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._has_generation = False

    def generation(self) -> int:
        """A number that changes with every committed write (0 before schema step 3)."""
        if not self._has_generation:
            return 0
        return int(self.connection.execute("SELECT value FROM generation").fetchone()[0])

    # ------------------------------------------------------------ opening and schema

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        upgrade_to: int = SCHEMA_VERSION,
        create: bool = True,
    ) -> CorpusStore:
        """Open the store at `path` (default: `default_store_path()`) and bring its schema up
        to `upgrade_to`. A missing store is created, unless `create` is false (for commands
        that only read: a mistyped path must not leave an empty store behind)."""
        target = Path(path) if path is not None else default_store_path()
        where = SourceLocation(str(target))
        if target.exists() and not target.is_file():
            raise InputError("corpus store path is not a file", where)
        if not create and not target.exists():
            raise InputError(
                "no corpus store here (add documents with `overture corpus add`)", where
            )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(target, isolation_level=None, timeout=30.0)
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"cannot open corpus store: {exc}", where) from None
        store = cls(connection, target)
        try:
            connection.execute("PRAGMA busy_timeout = 30000")
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise InputError(f"cannot switch the store to WAL mode (got {mode})", where)
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            store._migrate(upgrade_to)
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise InputError(f"not a usable corpus store: {exc}", where) from None
        except BaseException:
            connection.close()
            raise
        return store

    def _migrate(self, upgrade_to: int) -> None:
        conn = self.connection
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise InputError(
                f"corpus store has schema version {current}, newer than this Overture "
                f"understands ({SCHEMA_VERSION}); upgrade Overture",
                SourceLocation(str(self.path)),
            )
        for migration in MIGRATIONS:
            if current < migration.version <= upgrade_to:
                with self.transaction():
                    for statement in migration.statements:
                        conn.execute(statement)
                    conn.execute("DELETE FROM schema_version")
                    conn.execute(
                        "INSERT INTO schema_version (version) VALUES (?)", (migration.version,)
                    )
                current = migration.version
        self._has_generation = current >= 3

    def schema_version(self) -> int:
        """The last migration step applied to this store (0 for a new store)."""
        row = self.connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        self.connection.close()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside happen together or not at all."""
        conn = self.connection
        where = SourceLocation(str(self.path))
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise OvertureError(f"corpus store is busy or not writable: {exc}", where) from None
        try:
            if self._has_generation:
                conn.execute("UPDATE generation SET value = value + 1")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise OvertureError(f"writing to the corpus store failed: {exc}", where) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def integrity_check(self) -> list[str]:
        """SQLite's integrity check plus the full-text index's own check; ["ok"] if sound."""
        rows = [str(r[0]) for r in self.connection.execute("PRAGMA integrity_check")]
        try:
            self.connection.execute(
                "INSERT INTO passage_fts(passage_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError as exc:
            rows.append(f"full-text index: {exc}")
        return rows

    # ------------------------------------------------------------ writing

    def insert_document(
        self,
        record: DocumentRecord,
        passages: Sequence[Passage],
        quotations: Sequence[Quotation],
        citations: Sequence[Citation],
        markers: Sequence[FootnoteMarker],
        embeddings: tuple[str, np.ndarray] | None = None,
    ) -> None:
        """Insert one document and everything found in it; call inside `transaction()`."""
        conn = self.connection
        conn.execute(
            f"INSERT INTO documents ({_DOC_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                record.id, record.title, record.date, record.publisher, record.kind,
                record.speaker, record.source_name, record.source_path, record.source_format,
                record.file_sha256, record.added_at, record.text,
            ),
        )  # fmt: skip
        passage_ids: list[int] = []
        for p in passages:
            cursor = conn.execute(
                'INSERT INTO passages (document_id, ordinal, start, "end", text) '
                "VALUES (?,?,?,?,?)",
                (record.id, p.ordinal, p.start, p.end, p.text),
            )
            rowid = int(cursor.lastrowid or 0)
            passage_ids.append(rowid)
            conn.execute("INSERT INTO passage_fts (rowid, text) VALUES (?, ?)", (rowid, p.text))
        conn.executemany(
            'INSERT INTO quotations (document_id, ordinal, start, "end", text, open_mark, '
            "close_mark, depth, partial, footnote, insertions) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    record.id, q.ordinal, q.start, q.end, q.text, q.open_mark, q.close_mark,
                    q.depth, int(q.partial), q.footnote, json.dumps([list(s) for s in q.insertions]),
                )
                for q in quotations
            ],
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO citations (document_id, number, start, "end", text, speaker, kind, '
            "audience, occasion, place, date) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    record.id, c.number, c.start, c.end, c.text, c.speaker, c.kind, c.audience,
                    c.occasion, c.place, c.date,
                )
                for c in citations
            ],
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO footnote_markers (document_id, number, start, "end", quotation) '
            "VALUES (?,?,?,?,?)",
            [(record.id, m.number, m.start, m.end, m.quotation) for m in markers],
        )
        if embeddings is not None:
            model, matrix = embeddings
            self.store_embeddings(model, list(zip(passage_ids, matrix, strict=True)))

    def store_embeddings(self, model: str, rows: Sequence[tuple[int, np.ndarray]]) -> None:
        """Save passage vectors as float32 blobs (replacing older ones); inside a transaction."""
        self.connection.executemany(
            "INSERT OR REPLACE INTO passage_embeddings (passage_id, model, dim, vector) "
            "VALUES (?,?,?,?)",
            [
                (pid, model, int(vec.shape[0]), np.asarray(vec, dtype=np.float32).tobytes())
                for pid, vec in rows
            ],
        )

    #: The metadata fields `update_metadata` may change.
    METADATA_FIELDS = ("title", "date", "publisher", "kind", "speaker")

    def update_metadata(self, document_id: str, values: dict[str, str]) -> None:
        """Set metadata fields (title, date, publisher, kind, speaker) of a stored document."""
        unknown = set(values) - set(self.METADATA_FIELDS)
        if unknown:
            raise InputError(f"not a metadata field: {', '.join(sorted(unknown))}")
        if not values:
            return
        with self.transaction() as conn:
            sets = ", ".join(f"{k} = ?" for k in values)
            conn.execute(f"UPDATE documents SET {sets} WHERE id = ?",
                         (*values.values(), document_id))

    def remove_document(self, document_id: str) -> bool:
        """Delete a document and all that belongs to it; False if it was not stored."""
        conn = self.connection
        with self.transaction():
            rows = conn.execute(
                "SELECT id, text FROM passages WHERE document_id = ?", (document_id,)
            ).fetchall()
            for rowid, text in rows:
                conn.execute(
                    "INSERT INTO passage_fts (passage_fts, rowid, text) VALUES ('delete', ?, ?)",
                    (rowid, text),
                )
            cursor = conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            return cursor.rowcount > 0

    # ------------------------------------------------------------ reading

    def has_document(self, document_id: str) -> bool:
        """Is a document with this content hash stored?"""
        row = self.connection.execute(
            "SELECT 1 FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return row is not None

    def document(self, document_id: str) -> DocumentRecord:
        """The stored document with this id (InputError if there is none)."""
        row = self.connection.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise InputError(f"no document {document_id!r} in the corpus store")
        return DocumentRecord(*row)

    def documents(self) -> list[DocumentRecord]:
        """All stored documents, oldest date first (undated last)."""
        rows = self.connection.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY date IS NULL, date, title, id"
        ).fetchall()
        return [DocumentRecord(*row) for row in rows]

    def count(self, table: str) -> int:
        """Number of rows in one of the store's tables."""
        if table not in {
            "documents", "passages", "quotations", "citations", "footnote_markers",
            "passage_embeddings",
        }:  # fmt: skip
            raise ValueError(table)
        return int(self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def find_documents(self, ref: str) -> list[DocumentRecord]:
        """Documents a reference names: full id, id prefix (6+ hex digits), hash of the source
        file, source file name or stem, or title (case, spacing and quote marks ignored)."""
        from overture.corpus.normalise import fold_quote_marks

        ref = ref.strip()
        if not ref:
            return []
        conn = self.connection
        lowered = ref.lower()
        ids: list[str] = []
        if len(lowered) >= 6 and all(c in "0123456789abcdef" for c in lowered):
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM documents WHERE substr(id, 1, ?) = ? OR file_sha256 = ?",
                    (len(lowered), lowered, lowered),
                )
            ]
        if not ids:
            name = Path(ref).name
            ids = [
                r[0]
                for r in conn.execute("SELECT id, source_name FROM documents")
                if name in (r[1], Path(r[1]).stem)
            ]
        if not ids:

            def canon(value: str) -> str:
                return " ".join(fold_quote_marks(value).casefold().split())

            wanted = canon(ref)
            ids = [
                r[0]
                for r in conn.execute("SELECT id, title FROM documents WHERE title IS NOT NULL")
                if canon(r[1]) == wanted
            ]
        return [self.document(doc_id) for doc_id in sorted(set(ids))]

    def passages(self, document_id: str) -> list[Passage]:
        """A document's passages in order."""
        rows = self.connection.execute(
            'SELECT ordinal, start, "end", text FROM passages WHERE document_id = ? '
            "ORDER BY ordinal",
            (document_id,),
        ).fetchall()
        return [Passage(*row) for row in rows]

    def quotations(self, document_id: str) -> list[Quotation]:
        """A document's quotations in order."""
        rows = self.connection.execute(
            'SELECT ordinal, start, "end", text, open_mark, close_mark, depth, partial, '
            "footnote, insertions FROM quotations WHERE document_id = ? ORDER BY ordinal",
            (document_id,),
        ).fetchall()
        return [
            Quotation(o, s, e, t, om, cm, d, bool(p), f, tuple(tuple(x) for x in json.loads(ins)))
            for (o, s, e, t, om, cm, d, p, f, ins) in rows
        ]

    def citations(self, document_id: str) -> list[Citation]:
        """A document's endnote citations in order of number."""
        rows = self.connection.execute(
            'SELECT number, start, "end", text, speaker, kind, audience, occasion, place, date '
            "FROM citations WHERE document_id = ? ORDER BY number",
            (document_id,),
        ).fetchall()
        return [Citation(*row) for row in rows]

    def markers(self, document_id: str) -> list[FootnoteMarker]:
        """A document's footnote markers in order of position."""
        rows = self.connection.execute(
            'SELECT number, start, "end", quotation FROM footnote_markers '
            "WHERE document_id = ? ORDER BY start",
            (document_id,),
        ).fetchall()
        return [FootnoteMarker(*row) for row in rows]
