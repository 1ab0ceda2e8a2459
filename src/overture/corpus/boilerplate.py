"""Stripping web-page chrome from plain-text dumps of pages: navigation and banners before the
headline, footer links, tag lists, and everything from the comment section on.

The rules are structural (where a line sits relative to the headline and the first paragraph
of prose) plus a small vocabulary of site-furniture phrases; nothing is specific to one site.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from overture.corpus import layout


@dataclass(frozen=True)
class StrippedPage:
    """The article text left after stripping, and the removed lines with the reason for each."""

    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (reason, line)


def _first_prose(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if layout.is_prose(line)), None)


def _chrome_gap_end(lines: list[str], stop: int) -> int:
    """Index after the last run of two or more blank lines before `stop` (0 if none): page
    dumps set the navigation block apart from the article by a wide gap."""
    end, blanks = 0, 0
    for i in range(stop):
        if lines[i].strip():
            if blanks >= 2:
                end = i
            blanks = 0
        else:
            blanks += 1
    return end


def strip_page_chrome(text: str) -> StrippedPage:
    """Remove page chrome from a plain-text page dump (newlines must already be `\\n`)."""
    lines = text.split("\n")
    removed: list[tuple[str, str]] = []
    first_prose = _first_prose(lines)

    # 1. Everything from the first comment-section heading after the article body starts.
    body_start = first_prose if first_prose is not None else 0
    cut = next(
        (i for i in range(body_start + 1, len(lines)) if layout.is_comment_marker(lines[i])),
        None,
    )
    if cut is not None:
        removed.extend(("comments", line) for line in lines[cut:] if line.strip())
        lines = lines[:cut]

    # 2. Footer furniture at the end: print/e-mail links, prev|next, tags, other-script credits.
    script = layout.dominant_script(text)
    while lines:
        line = lines[-1]
        stripped = line.strip()
        if not stripped:
            lines.pop()
            continue
        if layout.is_chrome(stripped):
            reason = "footer"
        elif layout.is_short_bullet(line):
            reason = "tags"
        elif layout.is_foreign_script(stripped, script) and len(layout.words(stripped)) <= 12:
            reason = "footer"
        else:
            break
        removed.append((reason, stripped))
        lines.pop()

    # 3. Navigation and banners before the headline.
    first_prose = _first_prose(lines)
    header_end = first_prose if first_prose is not None else min(len(lines), 8)
    gap_end = _chrome_gap_end(lines, header_end)
    title_at = next(
        (i for i in range(gap_end, header_end) if layout.is_headline(lines[i])),
        None,
    )
    if title_at is None and gap_end:
        title_at = gap_end
    kept: list[str] = []
    for i, line in enumerate(lines):
        in_header = i < header_end
        if in_header and title_at is not None and i < title_at:
            if line.strip():
                removed.append(("navigation", line.strip()))
            continue
        if layout.is_chrome(line) and (in_header or len(layout.words(line)) <= 6):
            removed.append(("navigation" if in_header else "banner", line.strip()))
            continue
        kept.append(line)
    return StrippedPage("\n".join(kept), removed)
