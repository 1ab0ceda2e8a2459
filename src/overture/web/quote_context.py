"""Find a doctrine quote in its source's text and cut out the words around it.

Matching tolerates runs of whitespace and straight vs typographic quote marks and dashes,
nothing else; a quote with editorial brackets (`[the US]`) is located by its longest plain part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from overture.doctrine import Doctrine, Source

MAX_SOURCE_BYTES = 8 * 1024 * 1024
_QUOTES = "\"'“”‘’«»„‚`´"
_DASHES = "-–—‐‑"


def _pattern(text: str) -> re.Pattern[str]:
    parts: list[str] = []
    for token in text.split():
        piece = []
        for ch in token:
            if ch in _QUOTES:
                piece.append(f"[{re.escape(_QUOTES)}]")
            elif ch in _DASHES:
                piece.append(f"[{re.escape(_DASHES)}]")
            else:
                piece.append(re.escape(ch))
        parts.append("".join(piece))
    return re.compile(r"\s+".join(parts))


def pattern_of(text: str) -> re.Pattern[str]:
    """A pattern matching `text` up to whitespace, quote-mark and dash variants."""
    return _pattern(text)


def locate(haystack: str, quote: str) -> tuple[int, int] | None:
    """(start, end) of `quote` in `haystack` up to whitespace and quote-mark variants."""
    candidates = [quote.strip()]
    plain = [p.strip(" .,;:…") for p in re.split(r"\[[^\]]*\]|…|\.\.\.", quote)]
    plain = [p for p in plain if len(p) >= 20]
    candidates += sorted(plain, key=len, reverse=True)
    for candidate in candidates:
        if not candidate:
            continue
        match = _pattern(candidate).search(haystack)
        if match:
            return match.start(), match.end()
    return None


def source_path(doctrine: Doctrine, source: Source, search: Sequence[Path] = ()) -> Path | None:
    """The readable local file holding the source's text, if its location names one.

    Only files inside an allowed root are read: the doctrine file's folder and the folders in
    `search`. A location that resolves elsewhere (an absolute path, `../`, a symlink out) is
    refused, so an uploaded doctrine cannot make the server quote arbitrary files.
    """
    location = source.location
    if re.match(r"^[a-z][a-z0-9+.-]*://", location, re.I):
        return None
    roots = [*search]
    if doctrine.path is not None:
        roots.insert(0, doctrine.path.parent)
    raw = Path(location)
    for root in roots:
        try:
            base = root.resolve()
            candidate = (base / raw).resolve()
            if not candidate.is_relative_to(base):
                continue
            if candidate.is_file() and candidate.stat().st_size <= MAX_SOURCE_BYTES:
                return candidate
        except OSError:
            continue
    return None


def context_of(text: str, quote: str, width: int = 500) -> tuple[int, str, str, str] | None:
    """(start, before, passage, after) for `quote` in `text`, or None if it is not there."""
    found = locate(text, quote)
    if found is None:
        return None
    start, end = found
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    return start, text[lo:start], text[start:end], text[end:hi]
