"""The corpus store's schema as ordered migration steps; `schema_version` records the last
step applied. A step is applied in its own transaction, so a store is never half-migrated.

Never edit a released step: add a new one at the end.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step: the version it brings the store to and the SQL it runs."""

    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "documents, passages with full-text index, quotations, citations, footnote markers",
        (
            """CREATE TABLE documents (
                id TEXT PRIMARY KEY,
                title TEXT, date TEXT, publisher TEXT, kind TEXT, speaker TEXT,
                source_name TEXT NOT NULL, source_path TEXT NOT NULL,
                source_format TEXT NOT NULL, file_sha256 TEXT NOT NULL,
                added_at TEXT NOT NULL, text TEXT NOT NULL
            )""",
            """CREATE TABLE passages (
                id INTEGER PRIMARY KEY,
                document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                UNIQUE (document_id, ordinal)
            )""",
            """CREATE VIRTUAL TABLE passage_fts USING fts5(
                text, content='passages', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2'
            )""",
            """CREATE TABLE quotations (
                document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL, open_mark TEXT NOT NULL, close_mark TEXT NOT NULL,
                depth INTEGER NOT NULL, partial INTEGER NOT NULL, footnote INTEGER,
                insertions TEXT NOT NULL,
                PRIMARY KEY (document_id, ordinal)
            )""",
            """CREATE TABLE citations (
                document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                number INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL, speaker TEXT, kind TEXT, audience TEXT, occasion TEXT,
                place TEXT, date TEXT,
                PRIMARY KEY (document_id, number)
            )""",
            """CREATE TABLE footnote_markers (
                document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                number INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                quotation INTEGER,
                PRIMARY KEY (document_id, start)
            )""",
            "CREATE INDEX passages_by_document ON passages(document_id, ordinal)",
        ),
    ),
    Migration(
        2,
        "passage embeddings (float32 blobs) and lookup of documents by file hash",
        (
            """CREATE TABLE passage_embeddings (
                passage_id INTEGER PRIMARY KEY REFERENCES passages(id) ON DELETE CASCADE,
                model TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL
            )""",
            "CREATE INDEX documents_by_file_sha256 ON documents(file_sha256)",
            "CREATE INDEX documents_by_date ON documents(date)",
        ),
    ),
    Migration(
        3,
        "a generation counter bumped by every write, so readers can tell cached data is stale",
        (
            "CREATE TABLE generation (value INTEGER NOT NULL)",
            "INSERT INTO generation (value) VALUES (0)",
        ),
    ),
    Migration(
        4,
        "the full-text index stems English words (FTS5 porter): negotiate finds negotiations",
        (
            "DROP TABLE passage_fts",
            """CREATE VIRTUAL TABLE passage_fts USING fts5(
                text, content='passages', content_rowid='id',
                tokenize='porter unicode61 remove_diacritics 2'
            )""",
            "INSERT INTO passage_fts (passage_fts) VALUES ('rebuild')",
            "UPDATE generation SET value = value + 1",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
