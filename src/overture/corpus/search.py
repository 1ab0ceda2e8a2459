"""Searching the corpus: keyword (SQLite FTS5 ranked by BM25), semantic (cosine similarity of
sentence embeddings, with numpy) and hybrid (reciprocal rank fusion of the two).

Hybrid ranking is reciprocal rank fusion, score(d) = Σ 1 / (k + rank_i(d)) with k = 60:
G. V. Cormack, C. L. A. Clarke, S. Büttcher, "Reciprocal rank fusion outperforms Condorcet and
individual rank learning methods", SIGIR 2009.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import numpy as np

from overture.corpus.embedding import Embedder, load_default_embedder
from overture.corpus.store import CorpusStore
from overture.corpus.structure import Citation
from overture.errors import InputError, OvertureError

Mode = Literal["keyword", "semantic", "hybrid"]
RRF_K = 60
_FUSION_DEPTH = 50


@dataclass(frozen=True)
class SearchHit:
    """A passage that answers a query, with its document's metadata; `highlights` are spans
    of query words inside `text` (offsets relative to the passage); `citations` the speeches
    that quotations in the passage are footnoted to (filled in by `search`)."""

    document_id: str
    title: str | None
    date: str | None
    speaker: str | None
    passage: int
    start: int
    end: int
    text: str
    score: float
    highlights: tuple[tuple[int, int], ...] = ()
    citations: tuple[Citation, ...] = ()


_PART = re.compile(r'"([^"]*)"|(\S+)')
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _query_parts(query: str) -> list[tuple[list[str], bool]]:
    """(words, prefix) for each phrase or word of the query."""
    parts: list[tuple[list[str], bool]] = []
    for match in _PART.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            tokens = _TOKEN.findall(phrase)
            if tokens:
                parts.append((tokens, False))
        elif word:
            tokens = _TOKEN.findall(word)
            if tokens:
                parts.append((tokens, word.endswith("*") and len(tokens) == 1))
    return parts


def fts_queries(query: str) -> tuple[str, str]:
    """FTS5 MATCH expressions for a user query: every part (AND), and any part (OR).
    Words are quoted, so no user text is read as FTS syntax; "a phrase" and prefix* work."""
    parts = _query_parts(query)
    if not parts:
        raise InputError(f"search query {query!r} has no words to look for")
    return _render(parts, " AND "), _render(parts, " OR ")


#: The tokenizer of the full-text index (migration 4); `stem` runs the same one.
TOKENIZER = "porter unicode61 remove_diacritics 2"
_STEMMER_LOCK = threading.Lock()
_STEMMER: sqlite3.Connection | None = None


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """`word` as the index stores it (lower case, diacritics folded, Porter-stemmed), computed
    by SQLite's own tokenizer in a private in-memory table, so it always agrees with the index."""
    global _STEMMER
    with _STEMMER_LOCK:
        if _STEMMER is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False)
            conn.execute(f"CREATE VIRTUAL TABLE w USING fts5(x, tokenize='{TOKENIZER}')")
            conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(w, 'row')")
            _STEMMER = conn
        conn = _STEMMER
        conn.execute("INSERT INTO w (x) VALUES (?)", (word,))
        rows = conn.execute("SELECT term FROM v").fetchall()
        conn.execute("DELETE FROM w")
    return str(rows[0][0]) if len(rows) == 1 else word.lower()


def highlight_spans(text: str, query: str) -> tuple[tuple[int, int], ...]:
    """Where the query's words occur in `text` (case-insensitive), with their other forms
    (`negotiate` marks `negotiations`, as the stemming index matched them) and prefixes."""
    spans: list[tuple[int, int]] = []
    for tokens, prefix in _query_parts(query):
        for token in tokens:
            root = stem(token)
            if not token.lower().startswith(root):  # a stem that is not a prefix (happy: happi)
                root = token.lower()
            tail = r"\w*" if prefix or root != token.lower() else r"\b"
            for match in re.finditer(rf"\b{re.escape(root)}{tail}", text, re.IGNORECASE):
                spans.append((match.start(), match.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return tuple(merged)


_HIT_COLUMNS = (
    'p.id, p.document_id, d.title, d.date, d.speaker, p.ordinal, p.start, p."end", p.text'
)


EXACT_RANKING_LIMIT = 5_000
"""A query matching at most this many passages is ranked exhaustively by BM25."""
CANDIDATES = 1_000
"""A query of nothing but common words is ranked among its first CANDIDATES matches."""


def _match_count(store: CorpusStore, expression: str, cap: int) -> int:
    row = store.connection.execute(
        "SELECT COUNT(*) FROM (SELECT rowid FROM passage_fts WHERE passage_fts MATCH ? LIMIT ?)",
        (expression, cap + 1),
    ).fetchone()
    return int(row[0])


def _render(parts: list[tuple[list[str], bool]], joiner: str,
            stems_of: Callable[[str], list[str]] | None = None) -> str:
    """Quoted phrases and prefixes. The index holds stems (`infiltration` as `infiltr`), so a
    prefix also matches the stored stems it cuts into (`stems_of`: `infiltrat*` -> `infiltr`)."""
    rendered = []
    for tokens, prefix in parts:
        quoted = '"' + " ".join(tokens) + '"' + ("*" if prefix else "")
        extra = stems_of(tokens[-1]) if prefix and stems_of is not None and len(tokens) == 1 else []
        rendered.append(f"({' OR '.join([quoted, *(f'{chr(34)}{t}{chr(34)}' for t in extra)])})"
                        if extra else quoted)
    return joiner.join(rendered)


def _stored_stems(store: CorpusStore) -> Callable[[str], list[str]]:
    """The stems in the store's index that a prefix cuts into: `infiltr` for `infiltrat`
    (Porter only removes endings, so a word starting with the prefix is stored under the
    prefix itself, something longer, or one of these shorter stems)."""
    conn = store.connection
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_vocab "
                 "USING fts5vocab(main, passage_fts, 'row')")

    def stems_of(prefix: str) -> list[str]:
        word = prefix.lower()
        cuts = [word[:k] for k in range(max(3, len(word) - 4), len(word))]
        if not cuts:
            return []
        marks = ",".join("?" * len(cuts))
        rows = conn.execute(f"SELECT term FROM temp.passage_vocab WHERE term IN ({marks})",
                            cuts).fetchall()
        return sorted(str(r[0]) for r in rows)

    return stems_of


def _ranked(store: CorpusStore, expression: str, limit: int) -> list[tuple[object, ...]]:
    return store.connection.execute(
        f"SELECT {_HIT_COLUMNS}, bm25(passage_fts) FROM passage_fts "
        "JOIN passages p ON p.id = passage_fts.rowid "
        "JOIN documents d ON d.id = p.document_id "
        "WHERE passage_fts MATCH ? ORDER BY bm25(passage_fts) LIMIT ?",
        (expression, limit),
    ).fetchall()


def _ranked_among_first(
    store: CorpusStore, expression: str, limit: int
) -> list[tuple[object, ...]]:
    conn = store.connection
    candidates = conn.execute(
        "SELECT rowid, bm25(passage_fts) FROM passage_fts WHERE passage_fts MATCH ? LIMIT ?",
        (expression, CANDIDATES),
    ).fetchall()
    best = sorted(candidates, key=lambda r: (r[1], r[0]))[:limit]
    rows = []
    for rowid, score in best:
        row = conn.execute(
            f"SELECT {_HIT_COLUMNS} FROM passages p JOIN documents d ON d.id = p.document_id "
            "WHERE p.id = ?",
            (rowid,),
        ).fetchone()
        rows.append((*row, score))
    return rows


def keyword_search(store: CorpusStore, query: str, limit: int = 10) -> list[SearchHit]:
    """Passages matching all words of the query (or, failing that, any), best BM25 first.

    Large corpora: a query that matches more than EXACT_RANKING_LIMIT passages is ranked
    among its first CANDIDATES matches (only queries of very common words get there); in the
    any-word fallback, a word that alone matches more than EXACT_RANKING_LIMIT passages is
    ignored when rarer words remain (a stop word, in effect: its BM25 weight is near zero).
    """
    parts = _query_parts(query)
    if not parts:
        raise InputError(f"search query {query!r} has no words to look for")
    try:
        stems_of = _stored_stems(store)
        for joiner in (" AND ", " OR ") if len(parts) > 1 else (" AND ",):
            if joiner == " AND ":
                expression = _render(parts, joiner, stems_of)
                count = _match_count(store, expression, EXACT_RANKING_LIMIT)
            else:
                counts = [
                    _match_count(store, _render([p], joiner, stems_of), EXACT_RANKING_LIMIT)
                    for p in parts
                ]
                chosen = [p for p, c in zip(parts, counts, strict=True) if c <= EXACT_RANKING_LIMIT]
                if chosen:  # drop the words too common to matter (and to rank fast)
                    counts = [c for c in counts if c <= EXACT_RANKING_LIMIT]
                else:
                    chosen = parts
                expression = _render(chosen, joiner, stems_of)
                count = sum(counts)
            if count == 0:
                continue
            if count <= EXACT_RANKING_LIMIT:
                rows = _ranked(store, expression, limit)
            else:
                rows = _ranked_among_first(store, expression, limit)
            if rows:
                return [_hit(row, -float(row[9]), query) for row in rows]  # type: ignore[arg-type]
    except sqlite3.OperationalError as exc:
        raise InputError(f"cannot search for {query!r}: {exc}") from None
    return []


def _hit(row: tuple[object, ...], score: float, query: str) -> SearchHit:
    _, doc, title, date, speaker, ordinal, start, end, text = row[:9]
    assert isinstance(text, str)
    return SearchHit(
        document_id=str(doc),
        title=title if isinstance(title, str) else None,
        date=date if isinstance(date, str) else None,
        speaker=speaker if isinstance(speaker, str) else None,
        passage=int(ordinal),  # type: ignore[call-overload]
        start=int(start),  # type: ignore[call-overload]
        end=int(end),  # type: ignore[call-overload]
        text=text,
        score=score,
        highlights=highlight_spans(text, query),
    )


_EMBEDDING_CACHE: dict[tuple[str, str], tuple[int, np.ndarray, np.ndarray]] = {}


def load_embeddings(store: CorpusStore, model: str) -> tuple[np.ndarray, np.ndarray]:
    """(passage ids, matrix of unit float32 rows) of every passage embedded with `model`.

    The matrix is kept in memory between searches and reloaded when the stored set changes.
    """
    generation = store.generation()
    key = (str(store.path.resolve()), model)
    cached = _EMBEDDING_CACHE.get(key)
    if cached is not None and generation and cached[0] == generation:
        return cached[1], cached[2]
    rows = store.connection.execute(
        "SELECT passage_id, dim, vector FROM passage_embeddings WHERE model = ? "
        "ORDER BY passage_id",
        (model,),
    ).fetchall()
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    dim = int(rows[0][1])
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    matrix = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(-1, dim)
    _EMBEDDING_CACHE.clear()  # one store's matrix at a time bounds the memory held
    _EMBEDDING_CACHE[key] = (generation, ids, matrix)
    return ids, matrix


def semantic_search(
    store: CorpusStore, query: str, limit: int = 10, embedder: Embedder | None = None
) -> list[SearchHit]:
    """Passages whose embedding is most similar (cosine) to the query's."""
    model = embedder if embedder is not None else load_default_embedder()
    ids, matrix = load_embeddings(store, model.name)
    if ids.size == 0:
        if store.count("passages") == 0:
            return []
        raise OvertureError(
            f"no passage embeddings from {model.name} in this store; "
            "run `overture corpus embed` to compute them"
        )
    vector = np.asarray(model.encode([query]), dtype=np.float32)[0]
    scores = matrix @ vector
    k = min(limit, scores.shape[0])
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    hits: list[SearchHit] = []
    for index in top:
        row = store.connection.execute(
            f"SELECT {_HIT_COLUMNS} FROM passages p JOIN documents d ON d.id = p.document_id "
            "WHERE p.id = ?",
            (int(ids[index]),),
        ).fetchone()
        if row is not None:
            hits.append(_hit(row, float(scores[index]), query))
    return hits


def hybrid_search(
    store: CorpusStore, query: str, limit: int = 10, embedder: Embedder | None = None
) -> list[SearchHit]:
    """Reciprocal rank fusion (k = 60) of the keyword and semantic rankings."""
    keyword = keyword_search(store, query, _FUSION_DEPTH)
    semantic = semantic_search(store, query, _FUSION_DEPTH, embedder)
    fused: dict[tuple[str, int], float] = {}
    best: dict[tuple[str, int], SearchHit] = {}
    for ranking in (keyword, semantic):
        for rank, hit in enumerate(ranking, start=1):
            key = (hit.document_id, hit.passage)
            fused[key] = fused.get(key, 0.0) + 1.0 / (RRF_K + rank)
            best.setdefault(key, hit)
    order = sorted(fused, key=lambda key: (-fused[key], key))
    return [replace(best[key], score=fused[key]) for key in order[:limit]]


def search(
    store: CorpusStore,
    query: str,
    mode: Mode = "keyword",
    limit: int = 10,
    embedder: Embedder | None = None,
) -> list[SearchHit]:
    """Search the corpus; semantic and hybrid modes need the semantic extra (or `embedder`).
    Each hit carries the endnote citations of the quotations inside its passage."""
    if limit < 1:
        raise InputError("--limit must be at least 1")
    if mode == "keyword":
        hits = keyword_search(store, query, limit)
    elif mode == "semantic":
        hits = semantic_search(store, query, limit, embedder)
    elif mode == "hybrid":
        hits = hybrid_search(store, query, limit, embedder)
    else:
        raise InputError(f"unknown search mode {mode!r} (keyword, semantic or hybrid)")
    return [replace(hit, citations=_citations_within(store, hit)) for hit in hits]


def _citations_within(store: CorpusStore, hit: SearchHit) -> tuple[Citation, ...]:
    """Citations of the footnoted quotations that overlap the hit's passage."""
    rows = store.connection.execute(
        'SELECT DISTINCT c.number, c.start, c."end", c.text, c.speaker, c.kind, c.audience, '
        "c.occasion, c.place, c.date FROM quotations q JOIN citations c "
        "ON c.document_id = q.document_id AND c.number = q.footnote "
        'WHERE q.document_id = ? AND q.start < ? AND q."end" > ? ORDER BY c.number',
        (hit.document_id, hit.end, hit.start),
    ).fetchall()
    return tuple(Citation(*row) for row in rows)
