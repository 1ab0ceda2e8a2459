"""Provenance of a doctrine's quotes in a corpus store: each source matched to its stored
document, each quote verified there (offsets, context) or reported with the closest passage.

Sources are matched, in order, by an explicit mapping, the file name of their `location`, then
their title; the first step naming exactly one stored document wins (see docs/doctrine.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from overture.corpus.provenance import QuoteCheck
from overture.doctrine.doctrine import Doctrine
from overture.errors import InputError, SourceLocation

if TYPE_CHECKING:
    from overture.corpus import CorpusStore, DocumentRecord
    from overture.doctrine.model import Source

MatchedBy = Literal["mapping", "file name", "title"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class SourceMatch(_Out):
    """The stored document a doctrine source was matched to, and how (or why it was not)."""

    source: str
    document_id: str | None
    document_title: str | None = None
    matched_by: MatchedBy | None = None
    problem: str | None = None
    differences: list[str] = []  # where the stored metadata disagrees with the doctrine's


def open_store(path: str | Path) -> CorpusStore:
    """Open an existing corpus store for reading (InputError if it is missing or not a store).

    Unlike `CorpusStore.open`, never creates a store: checking quotes against an empty new
    store would only report every quote as missing.
    """
    from overture.corpus import CorpusStore

    p = Path(path)
    where = SourceLocation(str(p))
    if not p.exists():
        raise InputError("no corpus store here (create one with `overture corpus add`)", where)
    if not p.is_file():
        raise InputError("corpus store path is not a file", where)
    return CorpusStore.open(p)


class UnknownSource(InputError):
    """A source-to-document mapping names a source the doctrine does not have."""


def _file_name(location: str) -> str | None:
    if "://" in location:
        tail = location.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        return tail or None
    return PurePosixPath(location.replace("\\", "/")).name or None


def match_sources(
    doctrine: Doctrine, store: CorpusStore, mapping: Mapping[str, str] | None = None
) -> dict[str, SourceMatch]:
    """Each source of the doctrine matched to one stored document (or a problem saying why not).

    Steps, in order: `mapping[source id]` (any reference `CorpusStore.find_documents` accepts:
    document id or prefix, file name, title), the file name of the source's `location` (for a
    URL, its last path segment), the source's title. The first step naming exactly one
    document wins; a step naming several is ambiguous and falls through to the next.
    """
    mapping = dict(mapping or {})
    unknown = [s for s in mapping if s not in doctrine.sources_by_id]
    if unknown:
        raise UnknownSource(f"the mapping names unknown source {unknown[0]!r}; known sources: "
                         + ", ".join(doctrine.sources_by_id))
    out: dict[str, SourceMatch] = {}
    for source in doctrine.sources:
        steps: list[tuple[MatchedBy, str | None]] = (
            [("mapping", mapping[source.id])] if source.id in mapping
            else [("file name", _file_name(source.location)), ("title", source.title)]
        )
        ambiguous: list[str] = []
        match: SourceMatch | None = None
        for how, ref in steps:
            if not ref:
                continue
            docs = store.find_documents(ref)
            if len(docs) == 1:
                match = SourceMatch(source=source.id, document_id=docs[0].id,
                                    document_title=docs[0].title, matched_by=how,
                                    differences=_differences(source, docs[0]))
                break
            if docs:
                ambiguous.append(f"{how} {ref!r} names {len(docs)} documents ("
                                 + ", ".join(d.id[:12] for d in docs) + ")")
        if match is None:
            tried = " or ".join(f"{how} {ref!r}" for how, ref in steps if ref)
            problem = ("; ".join(ambiguous) + "; map the source to one document") if ambiguous else (
                f"no stored document matches source {source.id!r} (by {tried}); "
                "add it with `overture corpus add` or map the source to its document")
            match = SourceMatch(source=source.id, document_id=None, problem=problem)
        out[source.id] = match
    return out


def _differences(source: Source, doc: DocumentRecord) -> list[str]:
    """Dates and titles on which the doctrine and the stored document disagree (advice only:
    a doctrine may date a source more precisely than its page does)."""
    out: list[str] = []
    if doc.date and doc.date[:10] != source.date.isoformat():
        basis = " (the doctrine gives its basis)" if source.date_basis else ""
        out.append(f"date: the doctrine says {source.date.isoformat()}{basis}, the stored "
                   f"document {doc.date[:10]}")
    if doc.title and " ".join(doc.title.casefold().split()) != " ".join(
            source.title.casefold().split()):
        out.append(f"title: the doctrine says {source.title!r}, the stored document "
                   f"{doc.title!r}")
    return out


def verify_in_corpus(
    doctrine: Doctrine,
    store: CorpusStore,
    mapping: Mapping[str, str] | None = None,
    *,
    context_chars: int = 160,
) -> list[QuoteCheck]:
    """Verify every quote of the doctrine in the stored document of its source, tolerating
    whitespace and quote-mark variants only (`overture.corpus.verify_quotes`)."""
    from overture.corpus import QuoteClaim, verify_quotes

    matches = match_sources(doctrine, store, mapping)
    claims = [QuoteClaim(q.id, matches[q.source].document_id or "", q.text)
              for q in doctrine.quotes if matches[q.source].document_id]
    checks = {c.quote_id: c for c in verify_quotes(store, claims, context_chars=context_chars)}
    out: list[QuoteCheck] = []
    for q in doctrine.quotes:
        m = matches[q.source]
        c = checks.get(q.id)
        if c is None:
            out.append(QuoteCheck(quote_id=q.id, source_ref=q.source, found=False,
                                  problem=m.problem, source=q.source, text=q.text))
            continue
        out.append(replace(c, source=q.source, text=q.text, matched_by=m.matched_by,
                           context=c.context if c.found else None))
    return out


# A full stop after a lone capital (the "U.S.", "S." of initials) does not end a sentence.
_SENTENCE_END = re.compile(r"(?:(?<![^A-Za-z][A-Z])\.|[!?…])[\"'”’)\]]*(?=\s)|\n\s*\n")


def sentence_context(text: str, start: int, end: int, sentences: int = 1,
                     max_chars: int = 360) -> str:
    """`text[start:end]` between ⟦ and ⟧ with `sentences` whole sentences either side (a
    sentence ends at . ! ? … before a space, or at a blank line), each side capped at
    `max_chars` (cut at a word, with an ellipsis). Whitespace runs are shown as one space."""
    ends: list[int] = []
    for m in _SENTENCE_END.finditer(text):
        if ends and not text[ends[-1]:m.end()].strip():
            ends[-1] = m.end()  # a full stop then a blank line: one boundary
        else:
            ends.append(m.end())
    before = [e for e in ends if e <= start]
    left = before[-(sentences + 1)] if len(before) > sentences else 0
    after = [e for e in ends if e > end and text[end:e].strip()]
    right = after[sentences - 1] if len(after) >= sentences else len(text)
    head, tail = text[left:start], text[end:right]
    if len(head) > max_chars:
        cut = head[-max_chars:]
        head = "… " + cut[cut.find(" ") + 1:]
    if len(tail) > max_chars:
        cut = tail[:max_chars]
        tail = cut[: cut.rfind(" ")] + " …"
    body = f"{head}⟦{text[start:end]}⟧{tail}"
    return " ".join(body.split())


def quote_contexts(
    doctrine: Doctrine, store: CorpusStore, quote_ids: list[str] | None = None,
    *, sentences: int = 1,
) -> dict[str, str]:
    """For each found quote (all, or those named), its context in the source document: the
    quote between ⟦ and ⟧ with `sentences` sentences either side. Quotes not found are left
    out."""
    wanted = set(quote_ids) if quote_ids is not None else None
    sub = doctrine
    if wanted is not None:
        sub = doctrine.model_copy(update={"quotes": [q for q in doctrine.quotes if q.id in wanted]})
    out: dict[str, str] = {}
    for p in verify_in_corpus(sub, store, context_chars=0):
        if p.found and p.document_id and p.start is not None and p.end is not None:
            text = store.document(p.document_id).text
            out[p.quote_id] = sentence_context(text, p.start, p.end, sentences)
    return out
