"""Classifying the lines of a plain-text page: prose, headline candidates, dates, page chrome.

Shared by the boilerplate stripper and the metadata reader so both agree on what a line is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

from overture.corpus.dates import parse_date

_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")

# Calls to action and site furniture that never belong to an article's text.
_CHROME_WORDS = re.compile(
    r"\b(donate|donation|subscribe|sign (?:in|up)|log ?in|newsletter|click (?:here|to)|"
    r"skip to|cookies?|advertisement|sponsored|follow us|share (?:this|on)|"
    r"read more|learn more|all rights reserved|copyright|privacy policy|terms of use)\b|©",
    re.IGNORECASE,
)
# Footer lines of blog engines: print/e-mail links, previous|next navigation, tag lists.
_FOOTER_LINE = re.compile(
    r"^(?:print\w*\s*(?:printer[- ]friendly(?: version)?)?|"
    r"printer[- ]friendly(?: version)?|"
    r"e-?mail\w*\s+(?:this\s+)?(?:article|post|page|story)\s+to\s+(?:a\s+)?friends?|"
    r"(?:tags?|filed under|categories|posted (?:in|by))\s*:.*|permalink|back to top|"
    r"share(?: this)?(?: article| post)?|tweet|like|advertisement|sponsored(?: content)?|"
    r"skip to (?:main )?content)$",
    re.IGNORECASE,
)
_PREV_NEXT = re.compile(r"^[«‹<].*\|.*[»›>]$|\|\s*(?:main|home)\s*\|")
# The first line of a comment section, trackback list or related-posts box.
_COMMENT_MARKER = re.compile(
    r"^(?:references?\s*\(\d+\)|(?:reader\s+)?comments?(?:\s*\(\d+\))?|"
    r"\d+\s+(?:comments?|responses?|replies|trackbacks?)|responses?\s*\(\d+\)|"
    r"(?:post)*\s*post a (?:new )?comment|leave a (?:reply|comment)|"
    r"add (?:a|your) comment|join the (?:discussion|conversation)|"
    r"(?:show|view|load|read) (?:all )?comments?|trackbacks?(?:\s*\(\d+\))?|"
    r"pingbacks?(?:\s*\(\d+\))?|related (?:posts|articles|stories)|"
    r"you (?:may|might) also like|recommended (?:for you|articles|stories))\s*:?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*[•·▪◦‣*\-–]\s+")


def words(line: str) -> list[str]:
    """The words of a line (letters/digits, keeping inner apostrophes, hyphens and dots)."""
    return _WORD.findall(line)


def is_prose(line: str) -> bool:
    """A line of running text: long enough and shaped like sentences."""
    count = len(words(line))
    stripped = line.strip()
    return count >= 20 or (count >= 12 and stripped[-1:] in '.!?:;"”’)')


def is_date_line(line: str) -> bool:
    """A line that holds nothing but a date."""
    return parse_date(line) is not None


def is_chrome(line: str) -> bool:
    """A line of site furniture: calls to action, print/e-mail links, prev|next navigation."""
    stripped = line.strip()
    if not stripped:
        return False
    if _FOOTER_LINE.match(stripped) or _PREV_NEXT.search(stripped):
        return True
    return len(words(stripped)) <= 12 and _CHROME_WORDS.search(stripped) is not None


def is_comment_marker(line: str) -> bool:
    """The heading that opens a comment section, trackback list or related-posts box."""
    return _COMMENT_MARKER.match(line.strip()) is not None


def is_short_bullet(line: str, max_words: int = 6) -> bool:
    """A bullet item of a few words, as in a trailing list of tags."""
    return _BULLET.match(line) is not None and len(words(line)) <= max_words


def is_headline(line: str) -> bool:
    """Could this line be a document's headline: 4-30 words, not a sentence, date or chrome."""
    stripped = line.strip()
    count = len(words(stripped))
    if not 4 <= count <= 30 or len(stripped) > 200:
        return False
    if stripped.endswith(".") and not stripped.endswith("..."):
        return False
    if _BULLET.match(line) or is_date_line(stripped) or is_chrome(stripped):
        return False
    return not is_comment_marker(stripped)


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ")[0]
    except ValueError:
        return "UNKNOWN"


def dominant_script(text: str) -> str:
    """The Unicode script name (first word of the character name) most letters belong to."""
    counts: dict[str, int] = {}
    for char, count in Counter(text).items():
        if char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + count
    return max(counts, key=counts.__getitem__) if counts else "LATIN"


def is_foreign_script(line: str, script: str) -> bool:
    """Are most letters of `line` in a script other than `script`?"""
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return False
    other = sum(1 for c in letters if _script(c) != script)
    return other * 2 > len(letters)

