"""Finding calendar dates written in English prose ("Wednesday, October 31, 2012", "Oct 7, 2015",
"7 February 2013", "May, 8, 2005", "2013-02-07") and turning them into `datetime.date`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

_PATTERNS = [
    # Month D, YYYY  (also "May, 8, 2005" and a leading weekday)
    re.compile(rf"\b(?:{_WEEKDAY})?{_MONTH},?\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    # D Month YYYY  (also "7th of February, 2013" and a leading weekday)
    re.compile(rf"\b(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    # ISO 8601
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
]


@dataclass(frozen=True)
class DateMention:
    """A date written in a text: its character span and its value."""

    start: int
    end: int
    value: date


def _to_date(match: re.Match[str]) -> date | None:
    month_text = match.group("month").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    if month is None:
        return None
    try:
        return date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMention]:
    """Every full date (day, month and year) in `text`, in order, without overlaps."""
    found: list[DateMention] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _to_date(match)
            if value is None:
                continue
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            found.append(DateMention(match.start(), match.end(), value))
    return sorted(found, key=lambda m: m.start)


def parse_date(text: str) -> date | None:
    """The date written in `text` if the whole of it (bar punctuation) is one date, else None."""
    stripped = text.strip().strip(".,;")
    mentions = find_dates(stripped)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(stripped):
        return mentions[0].value
    return None
