"""The source corpus: documents with metadata, passages, quotations and footnote citations in
an SQLite store, keyword/semantic/hybrid search, and verification of quotes against sources.

Entry points: `CorpusStore.open`, `add_source_files`, `search`, `verify_quotes`.
"""

from __future__ import annotations

from overture.corpus.embedding import Embedder, SemanticUnavailable, semantic_available
from overture.corpus.ingest import (
    AddOutcome,
    AddReport,
    SourceBytes,
    add_source_files,
    embed_missing,
)
from overture.corpus.metadata import DocumentMetadata
from overture.corpus.provenance import QuoteCheck, QuoteClaim, context_of, verify_quotes
from overture.corpus.reading import DEFAULT_MAX_BYTES
from overture.corpus.search import SearchHit, search
from overture.corpus.store import CorpusStore, DocumentRecord, default_store_path
from overture.corpus.structure import Citation, FootnoteMarker, Passage, Quotation

__all__ = [
    "DEFAULT_MAX_BYTES",
    "AddOutcome",
    "AddReport",
    "Citation",
    "CorpusStore",
    "DocumentMetadata",
    "DocumentRecord",
    "Embedder",
    "FootnoteMarker",
    "Passage",
    "Quotation",
    "QuoteCheck",
    "QuoteClaim",
    "SearchHit",
    "SemanticUnavailable",
    "SourceBytes",
    "add_source_files",
    "context_of",
    "default_store_path",
    "embed_missing",
    "search",
    "semantic_available",
    "verify_quotes",
]
