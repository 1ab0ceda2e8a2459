"""Verifying quotations against the stored documents they claim to come from.

A quote matches when it occurs in the source's text up to whitespace (any run of spaces, tabs,
newlines or no-break spaces is one space) and quote-mark variants (’ ‘ ' ` are one mark, “ ” " «
» are another); nothing else is forgiven. A misquote is reported with the closest window of the
source: candidate windows are ranked by word overlap, then refined with difflib's
SequenceMatcher ratio over words (Ratcliff/Obershelp), which is the similarity reported.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from overture.corpus.normalise import fold_quote_marks
from overture.corpus.store import CorpusStore, DocumentRecord

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")
_WORDS = re.compile(r"\w+(?:'\w+)*")


@dataclass(frozen=True)
class QuoteClaim:
    """A quotation as a doctrine states it: its id, the source it names and its words."""

    quote_id: str
    source_ref: str
    text: str


@dataclass(frozen=True)
class QuoteCheck:
    """The verdict on one quotation. When `found`, `start:end` is where it stands in the
    document's stored text and `context` shows it in its surroundings; when not, the
    `closest_passage` (at `closest_start:closest_end`) is the best-matching window, with
    its `similarity` (0-1). `problem` says what is wrong, None when found."""

    quote_id: str
    source_ref: str
    found: bool
    document_id: str | None = None
    start: int | None = None
    end: int | None = None
    context: str | None = None
    closest_passage: str | None = None
    closest_start: int | None = None
    closest_end: int | None = None
    similarity: float | None = None
    problem: str | None = None
    found_in: tuple[str, ...] = ()
    """When not found in its source: other stored documents where the quote does occur."""
    source: str | None = None
    """For a doctrine's quote: the doctrine source it names (`source_ref` is the document)."""
    text: str | None = None
    """For a doctrine's quote: its words as the doctrine gives them."""
    matched_by: str | None = None
    """For a doctrine's quote: how its source was matched to the stored document."""


def canonical_with_offsets(text: str) -> tuple[str, list[int]]:
    """The tolerant form of `text` (quote marks folded, whitespace runs as one space, no
    leading/trailing space) and, for each of its characters, the offset it came from."""
    folded = fold_quote_marks(text)
    out: list[str] = []
    where: list[int] = []
    pending_space = -1
    for i, ch in enumerate(folded):
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0 and out:
            out.append(" ")
            where.append(pending_space)
        pending_space = -1
        out.append(ch)
        where.append(i)
    return "".join(out), where


def canonical(text: str) -> str:
    """The tolerant form of `text` alone."""
    return _SPACE.sub(" ", fold_quote_marks(text)).strip()


def locate(document_text: str, quote: str) -> tuple[int, int] | None:
    """Offsets of the first tolerant occurrence of `quote` in the text, or None."""
    wanted = canonical(quote)
    if not wanted:
        return None
    haystack, where = canonical_with_offsets(document_text)
    at = haystack.find(wanted)
    if at < 0:
        return None
    return where[at], where[at + len(wanted) - 1] + 1


def context_of(text: str, start: int, end: int, chars: int = 160) -> str:
    """The span with up to `chars` characters either side, cut at word boundaries, with
    ellipses where it was cut and the quoted span between ⟦ and ⟧."""
    left = max(0, start - chars)
    right = min(len(text), end + chars)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    prefix = "… " if left > 0 else ""
    suffix = " …" if right < len(text) else ""
    body = f"{text[left:start]}⟦{text[start:end]}⟧{text[end:right]}"
    return prefix + _SPACE.sub(" ", body).strip() + suffix


def _tokens(text: str) -> list[tuple[str, int, int]]:
    folded = fold_quote_marks(text)
    return [(m.group().casefold(), m.start(), m.end()) for m in _WORDS.finditer(folded)]


def closest_window(document_text: str, quote: str) -> tuple[int, int, float]:
    """(start, end, similarity) of the stretch of the document most like `quote`."""
    doc = _tokens(document_text)
    wanted = [t for t, _, _ in _tokens(quote)]
    n = len(wanted)
    if not doc or n == 0:
        return 0, 0, 0.0
    words = [t for t, _, _ in doc]
    need = Counter(wanted)
    have: Counter[str] = Counter(words[:n])
    overlap = sum(min(c, need[w]) for w, c in have.items())
    scores = [overlap]
    for i in range(1, max(1, len(words) - n + 1)):
        out_word, in_word = words[i - 1], words[i + n - 1] if i + n - 1 < len(words) else None
        if have[out_word] <= need[out_word]:
            overlap -= 1 if need[out_word] else 0
        have[out_word] -= 1
        if in_word is not None:
            have[in_word] += 1
            if have[in_word] <= need[in_word]:
                overlap += 1
        scores.append(overlap)
    candidates = sorted(range(len(scores)), key=lambda i: -scores[i])[:8]
    best = (0, min(n, len(words)), -1.0)
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    slack = max(2, n // 10)
    for begin in candidates:
        for s in range(max(0, begin - slack), min(len(words), begin + slack + 1)):
            for length in range(max(1, n - slack), n + slack + 1):
                if s + length > len(words):
                    break
                matcher.set_seq1(words[s : s + length])
                ratio = matcher.ratio()
                if ratio > best[2]:
                    best = (s, s + length, ratio)
    s, e, ratio = best
    # Align the window with the whole quote: words changed at the quote's edges still belong
    # to the passage it misquotes, so extend over them.
    matcher.set_seq1(words[s:e])
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if blocks:
        head, tail = blocks[0], blocks[-1]
        s, e = (
            max(0, s + head.a - head.b),
            min(len(words), s + tail.a + tail.size + (n - tail.b - tail.size)),
        )
        matcher.set_seq1(words[s:e])
        ratio = matcher.ratio()
    start, end = doc[s][1], doc[e - 1][2]
    # Take in the punctuation the quote itself opens or closes with ("…negotiation.").
    bare = quote.strip()
    lead = len(bare) - len(re.sub(r"^[^\w\s]+", "", bare))
    trail = len(bare) - len(re.sub(r"[^\w\s]+$", "", bare))
    while lead and start > 0 and _PUNCT.match(document_text[start - 1]):
        start, lead = start - 1, lead - 1
    while trail and end < len(document_text) and _PUNCT.match(document_text[end]):
        end, trail = end + 1, trail - 1
    return start, end, max(ratio, 0.0)


def _check_in(doc: DocumentRecord, claim: QuoteClaim, context_chars: int) -> QuoteCheck:
    span = locate(doc.text, claim.text)
    if span is not None:
        return QuoteCheck(
            claim.quote_id, claim.source_ref, True, doc.id, span[0], span[1],
            context_of(doc.text, span[0], span[1], context_chars),
        )  # fmt: skip
    start, end, similarity = closest_window(doc.text, claim.text)
    return QuoteCheck(
        claim.quote_id, claim.source_ref, False, doc.id,
        context=context_of(doc.text, start, end, context_chars) if end > start else None,
        closest_passage=doc.text[start:end] if end > start else None,
        closest_start=start if end > start else None,
        closest_end=end if end > start else None,
        similarity=round(similarity, 4),
        problem="quotation does not occur in the source"
        + (f" (closest passage {similarity:.0%} similar)" if end > start else ""),
    )  # fmt: skip


def verify_quotes(
    store: CorpusStore,
    claims: Iterable[QuoteClaim | tuple[str, str, str] | Sequence[str]],
    *,
    context_chars: int = 160,
) -> list[QuoteCheck]:
    """Check each (quote id, source reference, text) against the stored source it names.

    The source reference is matched by `CorpusStore.find_documents` (document id or prefix,
    file hash, file name or stem, or title). Nothing is written to the store.
    """
    results: list[QuoteCheck] = []
    texts: list[str] = []
    cache: dict[str, list[DocumentRecord]] = {}
    for item in claims:
        claim = item if isinstance(item, QuoteClaim) else QuoteClaim(*item)
        texts.append(claim.text)
        if not canonical(claim.text):
            results.append(
                QuoteCheck(claim.quote_id, claim.source_ref, False, problem="quotation is empty")
            )
            continue
        if claim.source_ref not in cache:
            cache[claim.source_ref] = store.find_documents(claim.source_ref)
        docs = cache[claim.source_ref]
        if not docs:
            results.append(
                QuoteCheck(
                    claim.quote_id,
                    claim.source_ref,
                    False,
                    problem=f"no stored document matches source {claim.source_ref!r}",
                )
            )
            continue
        checks = [_check_in(doc, claim, context_chars) for doc in docs]
        found = [c for c in checks if c.found]
        if len(docs) > 1 and len(found) != 1:
            best = max(checks, key=lambda c: (c.found, c.similarity or 0.0))
            problem = f"source {claim.source_ref!r} names {len(docs)} documents; give its id"
            results.append(replace(best, found=False, problem=problem))
            continue
        results.append(found[0] if found else checks[0])
    return [_with_other_sources(store, check, claim_text) for check, claim_text in
            zip(results, texts, strict=True)]  # fmt: skip


def _with_other_sources(store: CorpusStore, check: QuoteCheck, text: str) -> QuoteCheck:
    """Name the other stored documents that hold a quote its own source does not."""
    if check.found or not canonical(text):
        return check
    words = sorted(set(_WORDS.findall(fold_quote_marks(text))), key=len, reverse=True)[:6]
    if not words:
        return check
    expression = " AND ".join('"' + w.replace('"', "") + '"' for w in words)
    try:
        rows = store.connection.execute(
            "SELECT DISTINCT p.document_id FROM passage_fts JOIN passages p "
            "ON p.id = passage_fts.rowid WHERE passage_fts MATCH ? LIMIT 50",
            (expression,),
        ).fetchall()
    except sqlite3.OperationalError:
        return check
    others = tuple(
        doc_id
        for (doc_id,) in rows
        if doc_id != check.document_id and locate(store.document(doc_id).text, text) is not None
    )
    if not others:
        return check
    named = ", ".join(f"{(store.document(d).title or d)!r} ({d[:12]})" for d in others)
    return replace(check, found_in=others, problem=f"{check.problem}; it occurs in {named}")
