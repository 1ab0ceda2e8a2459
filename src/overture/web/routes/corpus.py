"""Corpus endpoints: search the source corpus, list its documents, add a document (token).

Served when the app is given a corpus store (`overture serve --corpus-store PATH`). Each call
opens the SQLite store in its worker thread (connections are per thread) and closes it after.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from overture.corpus.ingest import AddOutcome
from overture.corpus.store import DocumentSummary
from overture.errors import FieldErrors, InputError
from overture.web.auth import require_writer
from overture.web.models import responses
from overture.web.state import state_of
from overture.web.uploads import read_text_body

router = APIRouter(prefix="/api/corpus", tags=["corpus"])


class Hit(BaseModel):
    """A passage answering the query, with its document's metadata."""

    document_id: str
    title: str | None
    date: str | None
    speaker: str | None
    passage: int
    start: int = Field(description="Character offset of the passage in the document.")
    end: int
    text: str
    score: float
    highlights: list[tuple[int, int]] = Field(description="Query words inside `text`.")


class SearchResult(BaseModel):
    query: str
    mode: str
    hits: list[Hit]


def _store_path(request: Request) -> Path:
    path = state_of(request).settings.corpus_store
    if path is None:  # the router is only included with a store; kept for type narrowing
        raise HTTPException(404, "this server has no corpus store")
    return path


@router.get("/search", summary="Search the corpus", responses=responses(422, 503))
async def search_corpus(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words or "a phrase".')],
    mode: Annotated[
        Literal["keyword", "semantic", "hybrid"], Query(description="Ranking used.")
    ] = "keyword",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> SearchResult:
    """Passages matching the query (keyword: SQLite FTS5 with BM25; semantic and hybrid need
    the optional sentence-embedding model), with the query words highlighted."""
    from overture.corpus import CorpusStore, search

    path = _store_path(request)

    def work(_d: object) -> list[Hit]:
        store = CorpusStore.open(path)
        try:
            found = search(store, q, mode, limit)
        finally:
            store.close()
        return [
            Hit(
                document_id=h.document_id,
                title=h.title,
                date=h.date,
                speaker=h.speaker,
                passage=h.passage,
                start=h.start,
                end=h.end,
                text=h.text,
                score=h.score,
                highlights=list(h.highlights),
            )
            for h in found
        ]

    hits = await state_of(request).runner.run("the corpus search", work)
    return SearchResult(query=q, mode=mode, hits=hits)


@router.get("/documents", summary="List the corpus documents", responses=responses(503))
async def list_documents(request: Request) -> list[DocumentSummary]:
    """Every stored document with its metadata."""
    from overture.corpus import CorpusStore

    path = _store_path(request)

    def work(_d: object) -> list[DocumentSummary]:
        store = CorpusStore.open(path)
        try:
            return [
                d.summary()
                for d in store.documents()
            ]
        finally:
            store.close()

    return await state_of(request).runner.run("listing the corpus", work)


#: What errors and the store name as the place of a document sent to the API.
UPLOAD = "<upload>"
_SAFE_NAME = re.compile(r"^[\w][\w.-]{0,120}\.(txt|md|markdown|html|htm)$")


@router.post(
    "/documents",
    summary="Add a document to the corpus (token)",
    status_code=201,
    dependencies=[Depends(require_writer)],
    responses=responses(400, 401, 403, 413, 422, 503),
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The document: plain text, Markdown or HTML (UTF-8).",
            "content": {
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        }
    },
)
async def add_document(
    request: Request,
    filename: Annotated[
        str, Query(description="Name with extension .txt, .md or .html (sets the format).")
    ],
    title: Annotated[str | None, Query(max_length=500)] = None,
    date: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = None,
    publisher: Annotated[str | None, Query(max_length=500)] = None,
    kind: Annotated[Literal["speaker", "exposition", "analysis"] | None, Query()] = None,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
) -> AddOutcome:
    """Ingest one document in one transaction: main-content extraction, passages, quotations
    and footnotes; the same text added twice is reported as a duplicate, not stored again."""
    from overture.corpus import CorpusStore, DocumentMetadata, SourceBytes, add_source_files

    if not _SAFE_NAME.match(filename):
        raise FieldErrors(
            [("query.filename", "give a plain file name ending in .txt, .md or .html")]
        )
    if date is not None and len(date) == 10:  # the CLI's check: a real calendar day
        from overture.corpus.metadata import normalise_date

        try:
            date = normalise_date(date, what="date")
        except InputError as exc:
            raise FieldErrors([("query.date", exc.message)]) from None
    elif date is not None and len(date) == 7 and not 1 <= int(date[5:]) <= 12:
        raise FieldErrors([("query.date", f"date {date!r} has no month {date[5:]}")])
    text = await read_text_body(request)
    path = _store_path(request)
    limit = state_of(request).settings.max_upload_bytes
    meta = DocumentMetadata(title=title, date=date, publisher=publisher, kind=kind, speaker=speaker)

    def work(_d: object) -> AddOutcome:
        document = SourceBytes(name=filename, data=text.encode("utf-8"), origin=UPLOAD)
        store = CorpusStore.open(path)
        try:
            report = add_source_files(
                store, [document], overrides=meta, max_bytes=limit, embedder=None
            )
        finally:
            store.close()
        (o,) = report.outcomes
        return replace(o, path=filename)

    return await state_of(request).runner.run("adding the document", work)
