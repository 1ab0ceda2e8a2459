"""Finding calendar dates written in English prose ("Wednesday, October 31, 2012", "Oct 7, 2015",
"7 February 2013", "May, 8, 2005", "2013-02-07") and turning them into `datetime.date`; Solar
Hijri dates as Iranian sources write them in English ("22 Bahman 1357", "Farvardin 1, 1392")
are converted to the Gregorian calendar.
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

#: Solar Hijri months in their usual English spellings.
_SH_MONTHS = {
    "farvardin": 1, "ordibehesht": 2, "khordad": 3, "tir": 4, "mordad": 5, "amordad": 5,
    "shahrivar": 6, "mehr": 7, "aban": 8, "azar": 9, "dey": 10, "dei": 10, "bahman": 11,
    "esfand": 12, "esfahand": 12, "isfand": 12,
}  # fmt: skip
_SH_MONTH = r"(?P<shmonth>" + "|".join(sorted(_SH_MONTHS, key=len, reverse=True)) + r")"
_SH_YEAR = r"(?P<year>1[23]\d\d|14\d\d)"  # 1200-1499 SH (1821-2121 CE)
_SH_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+{_SH_MONTH},?\s+{_SH_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_SH_MONTH}\s+{_DAY},?\s+{_SH_YEAR}\b", re.IGNORECASE),
]

#: 1 Farvardin 1403 SH was 20 March 2024 (Nowruz).
_SH_ANCHOR_YEAR, _SH_ANCHOR = 1403, date(2024, 3, 20)


def solar_hijri_leap(year: int) -> bool:
    """Whether a Solar Hijri year has 366 days, by the 33-year arithmetic cycle (leap when
    (25·y + 11) mod 33 < 8), which matches the observed calendar for 1178-1633 SH."""
    return (25 * year + 11) % 33 < 8


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Solar Hijri one (ValueError if it does not exist). Months 1-6
    have 31 days, 7-11 30, and the twelfth 29 (30 in a leap year)."""
    if not 1 <= month <= 12:
        raise ValueError(f"no Solar Hijri month {month}")
    length = 31 if month <= 6 else 30 if month <= 11 else (30 if solar_hijri_leap(year) else 29)
    if not 1 <= day <= length:
        raise ValueError(f"month {month} of {year} SH has {length} days")
    days = 0
    if year >= _SH_ANCHOR_YEAR:
        days = sum(366 if solar_hijri_leap(y) else 365 for y in range(_SH_ANCHOR_YEAR, year))
    else:
        days = -sum(366 if solar_hijri_leap(y) else 365 for y in range(year, _SH_ANCHOR_YEAR))
    days += 31 * min(month - 1, 6) + 30 * max(month - 7, 0) + day - 1
    return date.fromordinal(_SH_ANCHOR.toordinal() + days)


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


def _sh_to_date(match: re.Match[str]) -> date | None:
    try:
        return solar_hijri_to_gregorian(int(match.group("year")),
                                        _SH_MONTHS[match.group("shmonth").lower()],
                                        int(match.group("day")))
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMention]:
    """Every full date (day, month and year) in `text`, in order, without overlaps; Solar
    Hijri ones as their Gregorian dates."""
    found: list[DateMention] = []
    patterns = [(p, _to_date) for p in _PATTERNS] + [(p, _sh_to_date) for p in _SH_PATTERNS]
    for pattern, convert in patterns:
        for match in pattern.finditer(text):
            value = convert(match)
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
