"""Reading a document's metadata from its text: headline, date, speaker and publisher.

Values declared by the format (HTML meta, Markdown front matter) come before what is read from
the text; values given by the user (flags) come before both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date

from overture.corpus import layout
from overture.corpus.dates import find_dates, parse_date
from overture.errors import InputError


@dataclass(frozen=True)
class DocumentMetadata:
    """What a document is: headline, date (ISO), publisher, kind and speaker (all optional)."""

    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    kind: str | None = None
    speaker: str | None = None

    def overridden_by(self, other: DocumentMetadata) -> DocumentMetadata:
        """These values with every non-empty value of `other` put in their place."""
        changes = {f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name)}
        return replace(self, **changes)


def normalise_date(value: str, *, what: str = "date") -> str:
    """An ISO date from ISO text, an English date such as "7 February 2013" or a Solar Hijri
    one as Iranian sources write it in English ("22 Bahman 1357")."""
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]):
        parsed = parse_date(text[:10])
        if parsed is not None:
            return parsed.isoformat()
    parsed = parse_date(text)
    if parsed is None:
        raise InputError(f"{what} {value!r} is not a date (use YYYY-MM-DD, an English date such as "
                         "7 February 2013, or a Solar Hijri one such as 22 Bahman 1357)")
    return parsed.isoformat()


# "Statement: Speaker Name" — an attribution after the last colon of a headline.
_TITLE_ATTRIBUTION = re.compile(r":\s*(?P<name>(?:[A-Z][\w'’.\-]*\s?){1,4})$")
# "Name, <date>" — a byline with a date.
_BYLINE = re.compile(
    r"^(?:by\s+)?(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}),\s*(?P<rest>.+)$"
)
_PUBLISHER_LINE = re.compile(
    r"^(?P<label>translated by|published by|publisher|source)\s*:?\s+(?P<name>.{2,80})$",
    re.IGNORECASE,
)


def _header_lines(lines: list[str]) -> list[str]:
    first_prose = next((i for i, line in enumerate(lines) if layout.is_prose(line)), len(lines))
    return [line.strip() for line in lines[:first_prose] if line.strip()]


def _tail_lines(lines: list[str], count: int = 4) -> list[str]:
    return [line.strip() for line in lines if line.strip()][-count:]


def header_dates(text: str) -> list[str]:
    """The distinct dates (ISO) on the first header line that has any: the line the document's
    date is read from. More than one means the date taken may be the wrong one."""
    for line in _header_lines(text.split("\n")):
        mentions = find_dates(line)
        if mentions:
            return list(dict.fromkeys(m.value.isoformat() for m in mentions))
    return []


def read_metadata(text: str) -> DocumentMetadata:
    """Headline, date, speaker and publisher found in an article's text (None where absent)."""
    lines = text.split("\n")
    header = _header_lines(lines)
    tail = _tail_lines(lines)
    title = next((line for line in header if layout.is_headline(line)), None)
    if title is None and header and len(header[0]) <= 200:
        title = header[0]

    found_date: date | None = None
    for line in header:
        mentions = find_dates(line)
        if mentions:
            found_date = mentions[0].value
            break
    speaker: str | None = None
    if title:
        match = _TITLE_ATTRIBUTION.search(title)
        if match:
            speaker = match.group("name").strip()
    for line in [*tail[::-1], *header]:
        match = _BYLINE.match(line)
        if match and len(layout.words(line)) <= 10 and parse_date(line) is None:
            rest_date = parse_date(match.group("rest"))
            if rest_date is not None:
                found_date = found_date or rest_date
                speaker = speaker or match.group("name").strip()
                break
    if found_date is None:
        for line in tail:
            mentions = find_dates(line)
            if mentions and len(layout.words(line)) <= 10:
                found_date = mentions[-1].value
                break

    publisher: str | None = None
    ranked: dict[str, int] = {"translated by": 0, "published by": 1, "publisher": 1, "source": 2}
    best = 99
    for line in tail:
        match = _PUBLISHER_LINE.match(line)
        if match and ranked[match.group("label").lower()] < best:
            best = ranked[match.group("label").lower()]
            publisher = match.group("name").strip()
    return DocumentMetadata(
        title=" ".join(title.split()) if title else None,
        date=found_date.isoformat() if found_date else None,
        publisher=publisher,
        speaker=speaker,
    )
