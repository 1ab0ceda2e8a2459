"""`overture check`: a doctrine's consistency problems, its test scenarios, and its quotations
verified verbatim against the source texts (normalising only whitespace and quote marks).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from overture.corpus.provenance import QuoteCheck
from overture.doctrine.doctrine import Doctrine
from overture.doctrine.loader import located_problems, resolve_doctrine_path
from overture.doctrine.model import TestCase
from overture.doctrine.yamlpos import read_file
from overture.doctrines import DEFAULT_DOCTRINE
from overture.errors import InputError, SourceLocation
from overture.verdict.evaluate import evaluate
from overture.verdict.model import Evaluation, Verdict
from overture.verdict.provenance import SourceMatch

if TYPE_CHECKING:
    from overture.corpus import CorpusStore

_QUOTE_MARKS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
})


def normalise(text: str) -> str:
    """Collapse whitespace and unify quote-mark variants (nothing else)."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS)).strip()


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class TestResult(_Out):
    """One shipped test scenario run against the doctrine."""

    id: str
    description: str
    expected: Verdict
    actual: Verdict
    because: str
    because_ok: bool  # the justifying quote supports the verdict reached
    scope_expected: list[str] | None
    scope_actual: list[str]
    summary: str

    @property
    def ok(self) -> bool:
        scope_ok = self.scope_expected is None or self.scope_expected == self.scope_actual
        return self.expected is self.actual and self.because_ok and scope_ok


class QuoteFileCheck(_Out):
    """Whether a quotation was found verbatim in its source's text."""

    quote: str
    source: str
    file: str | None
    found: bool | None  # None: the source text is not available to check
    text: str = ""  # the quotation as the doctrine gives it
    closest: str | None = None  # when not found: the stretch of the source most like it
    similarity: float | None = None  # of `closest` to the quote (word-level ratio, 0-1)


class CheckReport(_Out):
    """Everything `overture check` found."""

    doctrine: str
    problems: list[str]
    tests: list[TestResult]
    quotes: list[QuoteFileCheck]
    corpus: list[QuoteCheck] | None = None  # with a corpus store: each quote's provenance
    corpus_sources: list[SourceMatch] | None = None  # ... and each source's stored document

    @property
    def ok(self) -> bool:
        return (not self.problems and all(t.ok for t in self.tests)
                and all(q.found is not False for q in self.quotes)
                and all(p.found for p in self.corpus or []))


def _because_ok(doctrine: Doctrine, t: TestCase, ev: Evaluation) -> bool:
    quote = t.because
    pro = {q.id for r in ev.reasons_for for q in r.quotes}
    con = {q.id for r in ev.reasons_against for q in r.quotes}
    if ev.verdict is Verdict.PERMITTED:
        return quote in pro
    if ev.verdict is Verdict.FORBIDDEN:
        return quote in con
    if ev.verdict is Verdict.CONTESTED:
        return quote in pro | con
    applied = {a.rule_id for a in ev.arguments if a.rule_id}
    resting = {s.id for s in doctrine.statements_by_id.values() if quote in s.quotes}
    return bool(resting) and not resting & applied


def run_tests(doctrine: Doctrine, semantics: str = "grounded") -> list[TestResult]:
    """Run every test scenario of the doctrine."""
    out: list[TestResult] = []
    for t in doctrine.tests:
        ev = evaluate(t.scenario, doctrine, semantics)
        out.append(TestResult(
            id=t.id, description=t.description, expected=Verdict(t.expect), actual=ev.verdict,
            because=t.because, because_ok=_because_ok(doctrine, t, ev),
            scope_expected=t.scope, scope_actual=ev.scope, summary=ev.summary,
        ))
    return out


def _source_file(location: str, doctrine_dir: Path | None, sources_dir: Path | None) -> Path | None:
    if "://" in location:
        return None
    candidates: list[Path] = []
    if sources_dir is not None:
        candidates += [sources_dir / location, sources_dir / Path(location).name]
    if doctrine_dir is not None:
        candidates.append(doctrine_dir / location)
    candidates.append(Path(location))
    return next((c for c in candidates if c.is_file()), None)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"source text is not UTF-8 (byte {exc.start})",
                         SourceLocation(str(path))) from exc
    except OSError as exc:
        raise InputError(f"cannot read source text: {exc.strerror or exc}",
                         SourceLocation(str(path))) from exc


def verify_quotes(doctrine: Doctrine, sources_dir: Path | None = None) -> list[QuoteFileCheck]:
    """Check each quote verbatim in its source's text file (where it can be found)."""
    doctrine_dir = doctrine.path.parent if doctrine.path is not None else None
    texts: dict[str, tuple[str, str] | None] = {}
    for s in doctrine.sources:
        f = _source_file(s.location, doctrine_dir, sources_dir)
        texts[s.id] = (str(f), normalise(_read_text(f))) if f else None
    out: list[QuoteFileCheck] = []
    for q in doctrine.quotes:
        got = texts.get(q.source)
        if got is None:
            out.append(QuoteFileCheck(quote=q.id, source=q.source, file=None, found=None))
        else:
            found = normalise(q.text) in got[1]
            closest, similarity = (None, None) if found else _closest(got[1], q.text)
            out.append(QuoteFileCheck(quote=q.id, source=q.source, file=got[0], found=found,
                                      text=q.text, closest=closest, similarity=similarity))
    return out


def _closest(text: str, quote: str) -> tuple[str | None, float | None]:
    from overture.corpus.provenance import closest_window

    start, end, ratio = closest_window(text, quote)
    if end <= start or ratio <= 0:
        return None, None
    return text[start:end], round(ratio, 3)


def check_doctrine(
    source: str | Path = DEFAULT_DOCTRINE, sources_dir: Path | None = None, semantics: str = "grounded",
    *, corpus: str | Path | None = None, mapping: Mapping[str, str] | None = None,
    text: str | None = None,
) -> CheckReport:
    """Load and check a doctrine: every problem (with file:line:col), its tests, its quotes.

    With `text`, the doctrine is that YAML/JSON text (named `source` in errors, e.g.
    `<stdin>`) instead of a file.

    With `corpus` (a corpus store path), every quote is also verified in the stored document
    of its source (`overture.verdict.provenance`); `mapping` pairs source ids with documents.
    A missing or unusable store raises InputError before anything else is done.
    """
    from overture.verdict.provenance import open_store

    store = open_store(corpus) if corpus is not None else None
    try:
        return _check(source, sources_dir, semantics, store, mapping, text)
    finally:
        if store is not None:
            store.close()


def _check(source: str | Path, sources_dir: Path | None, semantics: str,
           store: CorpusStore | None, mapping: Mapping[str, str] | None,
           text: str | None = None) -> CheckReport:
    from overture.doctrine.loader import doctrine_from_located, load_doctrine
    from overture.doctrine.yamlpos import parse_text
    from overture.verdict.provenance import match_sources, verify_in_corpus

    path = None if text is not None else resolve_doctrine_path(source)
    located = read_file(path) if path is not None else parse_text(text or "", str(source))
    found = located_problems(located)
    if found:
        return CheckReport(doctrine=str(source), problems=[f"{loc}: {msg}" for loc, msg in found],
                           tests=[], quotes=[])
    doctrine = doctrine_from_located(located) if path is None else load_doctrine(path)
    provenance = verify_in_corpus(doctrine, store, mapping) if store is not None else None
    matched = (list(match_sources(doctrine, store, mapping).values()) if store is not None
               else None)
    return CheckReport(doctrine=doctrine.id, problems=[],
                       tests=run_tests(doctrine, semantics),
                       quotes=verify_quotes(doctrine, sources_dir), corpus=provenance,
                       corpus_sources=matched)
