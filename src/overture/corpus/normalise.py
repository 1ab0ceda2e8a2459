"""Text normalisation shared by ingest and provenance: canonical newlines, NFC, content hash.

The stored text of a document is `normalise_text(extracted)`; its id is `content_hash` of that.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANKS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Canonical form of a document: NFC, `\\n` line ends, no control characters, no trailing
    blanks on lines, at most one empty line between paragraphs, no surrounding whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text + "\n")
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


def content_hash(normalised: str) -> str:
    """The document id: sha256 (hex) of the normalised text encoded as UTF-8."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


APOSTROPHES = "'\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\u02bc"
"""Characters that stand for a single quote mark or apostrophe in different typographies."""

DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e\uff02'
"""Characters that stand for a double quote mark in different typographies."""

_QUOTE_FOLD = {ord(c): "'" for c in APOSTROPHES} | {ord(c): '"' for c in DOUBLE_QUOTES}


def fold_quote_marks(text: str) -> str:
    """Replace every single-quote variant by `'` and every double-quote variant by `"`."""
    return text.translate(_QUOTE_FOLD)
