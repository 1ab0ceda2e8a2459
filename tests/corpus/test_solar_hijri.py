"""Solar Hijri dates, as Iranian sources write them in English, are read as Gregorian dates
(issue 20): checked on dates the record fixes in both calendars, and day by day over 1300-1450
SH against a walk of the calendar's own month lengths."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overture.corpus.dates import find_dates, parse_date, solar_hijri_leap, solar_hijri_to_gregorian
from overture.corpus.metadata import normalise_date
from overture.errors import InputError

#: Dates documented in both calendars.
KNOWN = [
    ((1332, 5, 28), dt.date(1953, 8, 19)),   # the 1953 coup, 28 Mordad 1332
    ((1357, 11, 22), dt.date(1979, 2, 11)),  # the revolution's victory, 22 Bahman 1357
    ((1368, 3, 14), dt.date(1989, 6, 4)),    # Khomeini's death, 14 Khordad 1368
    ((1392, 1, 1), dt.date(2013, 3, 21)),    # Nowruz 1392
    ((1399, 12, 30), dt.date(2021, 3, 20)),  # the last day of leap year 1399
    ((1400, 1, 1), dt.date(2021, 3, 21)),    # Nowruz 1400
    ((1404, 1, 1), dt.date(2025, 3, 21)),    # Nowruz 1404, after leap year 1403
]


@pytest.mark.parametrize(("sh", "gregorian"), KNOWN)
def test_known_dates(sh: tuple[int, int, int], gregorian: dt.date) -> None:
    assert solar_hijri_to_gregorian(*sh) == gregorian


def test_every_day_of_1300_to_1450_follows_the_last() -> None:
    previous = solar_hijri_to_gregorian(1300, 1, 1).toordinal() - 1
    for year in range(1300, 1451):
        for month in range(1, 13):
            length = 31 if month <= 6 else 30 if month <= 11 else (
                30 if solar_hijri_leap(year) else 29)
            for day in range(1, length + 1):
                now = solar_hijri_to_gregorian(year, month, day).toordinal()
                assert now == previous + 1, (year, month, day)
                previous = now
            with pytest.raises(ValueError):
                solar_hijri_to_gregorian(year, month, length + 1)


@given(st.integers(1300, 1450))
def test_nowruz_falls_on_19_to_22_march(year: int) -> None:
    nowruz = solar_hijri_to_gregorian(year, 1, 1)
    assert nowruz.year == year + 621 and nowruz.month == 3 and 19 <= nowruz.day <= 22


def test_found_in_text_and_accepted_as_a_date() -> None:
    text = "Speech of 22 Bahman 1357 and of Farvardin 1, 1392; the Tir of a page is no date."
    assert [m.value for m in find_dates(text)] == [dt.date(1979, 2, 11), dt.date(2013, 3, 21)]
    assert parse_date("14 Khordad 1368") == dt.date(1989, 6, 4)
    assert normalise_date("22 Bahman 1357") == "1979-02-11"
    assert find_dates("30 Esfand 1400") == []  # 1400 is not a leap year: no such day


def test_a_date_that_is_not_one_is_refused_with_the_forms_that_are_read() -> None:
    for bad in ("30 Esfand 1400", "2013-02-30", "next Tuesday"):
        with pytest.raises(InputError) as info:
            normalise_date(bad, what="--date")
        message = str(info.value)
        assert repr(bad) in message and message.startswith("--date")
        assert "YYYY-MM-DD" in message and "7 February 2013" in message
        assert "22 Bahman 1357" in message
