"""Adding source files to the corpus: read → extract article text → metadata → structure →
(embeddings) → one transaction for the whole batch.

Every file is read and analysed before the store is touched, so bad input anywhere in a batch
(or a file that vanishes) leaves the store as it was; the write itself is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import numpy as np

from overture.corpus.embedding import (
    Embedder,
    SemanticUnavailable,
    encode_with_progress,
    load_default_embedder,
    semantic_available,
)
from overture.corpus.formats import extract
from overture.corpus.metadata import (
    DocumentMetadata,
    header_dates,
    normalise_date,
    read_metadata,
)
from overture.corpus.normalise import content_hash, normalise_text
from overture.corpus.reading import DEFAULT_MAX_BYTES, RawSource, decode_source, read_source
from overture.corpus.store import CorpusStore, DocumentRecord
from overture.corpus.structure import DocumentStructure, analyse
from overture.errors import InputError, LimitExceeded, SourceLocation

Progress = Callable[[str, int, int], None]
"""Called as `progress(phase, done, total)`; phases are "read", "embed" and "store"."""


@dataclass(frozen=True)
class SourceBytes:
    """A document given as bytes, not as a file (standard input, an upload).

    `name` is its file name (the suffix says text, Markdown or HTML); `origin` is what errors
    name and what the store records as where it came from, e.g. "<stdin>" or "<upload>".
    """

    name: str
    data: bytes
    origin: str


Source = str | Path | SourceBytes
"""What `add_source_files` takes: a file's path, or a document's bytes."""


def is_plain_file_name(name: str) -> bool:
    """Whether `name` names a file and nothing more (no folder, not empty, not dots only)."""
    return Path(name).name == name and bool(name.strip("."))


def _read(source: Source, max_bytes: int) -> tuple[RawSource, str, str, str]:
    """The decoded source, the label its errors name, its file name and its recorded origin."""
    if isinstance(source, SourceBytes):
        if not is_plain_file_name(source.name):
            raise InputError(f"a document's name must be a plain file name, got {source.name!r}",
                             SourceLocation(source.origin))  # fmt: skip
        if len(source.data) > max_bytes:
            raise LimitExceeded(f"{len(source.data):,} bytes; the limit is {max_bytes:,} bytes",
                                SourceLocation(source.origin))  # fmt: skip
        raw = decode_source(source.data, Path(source.name), source.origin)
        return raw, source.origin, source.name, source.origin
    path = Path(source)
    return read_source(path, max_bytes=max_bytes), str(path), path.name, str(path.resolve())


@dataclass(frozen=True)
class PreparedDocument:
    """A source file read and analysed, ready to be stored."""

    record: DocumentRecord
    structure: DocumentStructure
    removed: list[tuple[str, str]] = field(default_factory=list)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one file: "added"; "duplicate" of an already stored document; or
    "updated": a duplicate whose stored metadata took the values given (`updated` names
    the fields). `warnings`: what the reader should check (no date found, several)."""

    path: str
    document_id: str
    title: str | None
    status: Literal["added", "duplicate", "updated"]
    passages: int
    quotations: int
    citations: int
    removed_lines: int
    warnings: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddReport:
    """The outcome for each file, and how many passages got embeddings."""

    outcomes: list[AddOutcome]
    embedded_passages: int
    semantic: Literal["embedded", "not installed", "disabled"]

    @property
    def added(self) -> list[AddOutcome]:
        """Files stored as new documents."""
        return [o for o in self.outcomes if o.status == "added"]

    @property
    def duplicates(self) -> list[AddOutcome]:
        """Files whose text was already stored (at most their metadata written)."""
        return [o for o in self.outcomes if o.status in ("duplicate", "updated")]


def _declared_metadata(declared: dict[str, str], path: str) -> DocumentMetadata:
    date = declared.get("date")
    iso: str | None = None
    if date:
        try:
            iso = normalise_date(date, what="declared date")
        except InputError:
            iso = None
    return DocumentMetadata(
        title=declared.get("title"),
        date=iso,
        publisher=declared.get("publisher"),
        kind=declared.get("kind"),
        speaker=declared.get("speaker"),
    )


def prepare_document(
    source: Source,
    *,
    overrides: DocumentMetadata | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PreparedDocument:
    """Read one source (a file, or bytes) and find its text, metadata, passages, quotations
    and notes."""
    raw, where, name, origin = _read(source, max_bytes)
    extracted = extract(raw.text, raw.format, where)
    text = normalise_text(extracted.text)
    if not text:
        raise InputError("no article text left after removing page chrome",
                         SourceLocation(where))  # fmt: skip
    metadata = (
        read_metadata(text)
        .overridden_by(_declared_metadata(extracted.declared, where))
        .overridden_by(overrides or DocumentMetadata())
    )
    warnings: list[str] = []
    if not (overrides and overrides.date):
        if metadata.date is None:
            warnings.append("no date found in the text: give one with --date")
        else:
            several = header_dates(text)
            if len(several) > 1:
                warnings.append(f"several dates on the dated header line ({', '.join(several)});"
                                f" took {metadata.date}: check it, or give --date")
    record = DocumentRecord(
        id=content_hash(text),
        title=metadata.title,
        date=metadata.date,
        publisher=metadata.publisher,
        kind=metadata.kind,
        speaker=metadata.speaker,
        source_name=name,
        source_path=origin,
        source_format=raw.format,
        file_sha256=raw.file_sha256,
        added_at=datetime.now(UTC).isoformat(timespec="seconds"),
        text=text,
    )
    return PreparedDocument(record, analyse(text), extracted.removed, tuple(warnings))


def add_source_files(
    store: CorpusStore,
    paths: Sequence[Source],
    *,
    overrides: DocumentMetadata | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    embedder: Embedder | Literal["auto"] | None = "auto",
    progress: Progress | None = None,
) -> AddReport:
    """Add source files (plain text, Markdown, HTML), or documents given as `SourceBytes`, to
    the store in one transaction.

    A file whose normalised text is already stored is reported as a duplicate and not written.
    `embedder="auto"` embeds passages when the semantic extra is installed; None never does.
    Raises InputError/LimitExceeded for bad input, before anything is written.
    """
    if overrides is not None and overrides.title and len(paths) > 1:
        raise InputError("--title names one document; give one file with it")
    prepared: list[PreparedDocument] = []
    for index, path in enumerate(paths):
        prepared.append(prepare_document(path, overrides=overrides, max_bytes=max_bytes))
        if progress is not None:
            progress("read", index + 1, len(paths))

    outcomes: list[AddOutcome] = []
    fresh: list[PreparedDocument] = []
    seen: set[str] = set()
    given = {k: v for k, v in vars(overrides or DocumentMetadata()).items() if v}
    for doc in prepared:
        s = doc.structure
        duplicate = doc.record.id in seen or store.has_document(doc.record.id)
        seen.add(doc.record.id)
        status: Literal["added", "duplicate", "updated"] = "duplicate" if duplicate else "added"
        changed: tuple[str, ...] = ()
        if not duplicate:
            fresh.append(doc)
        elif given and store.has_document(doc.record.id):
            stored = store.document(doc.record.id)
            delta = {k: v for k, v in given.items() if getattr(stored, k) != v}
            if delta:  # a re-add with --date/--title... corrects the stored metadata
                store.update_metadata(doc.record.id, delta)
                status, changed = "updated", tuple(sorted(delta))
        outcomes.append(
            AddOutcome(
                path=str(doc.record.source_path),
                document_id=doc.record.id,
                title=given.get("title", doc.record.title),
                status=status,
                passages=len(s.passages),
                quotations=len(s.quotations),
                citations=len(s.citations),
                removed_lines=len(doc.removed),
                warnings=() if duplicate else doc.warnings,
                updated=changed,
            )
        )

    semantic: Literal["embedded", "not installed", "disabled"] = "disabled"
    model: Embedder | None = None
    if embedder == "auto":
        try:
            model = load_default_embedder() if semantic_available() else None
        except SemanticUnavailable:
            model = None  # a broken install must not stop the ingest; search will say why
        if model is None:
            semantic = "not installed"
    elif embedder is not None:
        model = embedder
    vectors: list[np.ndarray | None] = [None] * len(fresh)
    embedded = 0
    if model is not None:
        semantic = "embedded"
        texts = [p.text for doc in fresh for p in doc.structure.passages]
        embed_progress = (lambda d, t: progress("embed", d, t)) if progress else None
        matrix = encode_with_progress(model, texts, embed_progress)
        row = 0
        for i, doc in enumerate(fresh):
            n = len(doc.structure.passages)
            vectors[i] = matrix[row : row + n]
            row += n
        embedded = len(texts)

    raced: set[str] = set()
    if fresh:
        with store.transaction():
            for i, doc in enumerate(fresh):
                if store.has_document(doc.record.id):  # added meanwhile by another process
                    raced.add(doc.record.id)
                    continue
                s = doc.structure
                vec = vectors[i]
                store.insert_document(
                    doc.record, s.passages, s.quotations, s.citations, s.markers,
                    (model.name, vec) if model is not None and vec is not None else None,
                )  # fmt: skip
                if progress is not None:
                    progress("store", i + 1, len(fresh))
    if raced:
        outcomes = [
            replace(o, status="duplicate") if o.document_id in raced else o for o in outcomes
        ]
    return AddReport(outcomes, embedded, semantic)


def embed_missing(store: CorpusStore, embedder: Embedder, progress: Progress | None = None) -> int:
    """Compute embeddings for passages that have none from this model; returns how many."""
    rows = store.connection.execute(
        "SELECT p.id, p.text FROM passages p LEFT JOIN passage_embeddings e "
        "ON e.passage_id = p.id AND e.model = ? WHERE e.passage_id IS NULL ORDER BY p.id",
        (embedder.name,),
    ).fetchall()
    if not rows:
        return 0
    embed_progress = (lambda d, t: progress("embed", d, t)) if progress else None
    matrix = encode_with_progress(embedder, [text for _, text in rows], embed_progress)
    with store.transaction():
        store.store_embeddings(embedder.name, [(pid, matrix[i]) for i, (pid, _) in enumerate(rows)])
    return len(rows)
