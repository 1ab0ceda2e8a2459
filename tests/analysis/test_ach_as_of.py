"""The competing-hypotheses matrix as of a date weighs only the evidence said by then (issue 20)."""

from __future__ import annotations

import datetime as dt

import pytest

from overture.analysis import analyse, hypotheses_of
from overture.analysis.hypotheses import quote_date
from overture.doctrine import load_doctrine
from overture.errors import InputError


@pytest.mark.parametrize("when", ["2012-01-01", "2013-01-01", "2015-12-31", "2025-12-31"])
def test_as_of_keeps_exactly_the_evidence_said_by_then(when: str) -> None:
    d = load_doctrine("iran-us")
    whole = hypotheses_of(d)
    cut = hypotheses_of(d, as_of=when)
    day = dt.date.fromisoformat(when)
    assert [e.id for e in cut.evidence] == [
        e.id for e in whole.evidence if quote_date(d, e.quote) <= day]
    result = analyse(cut)
    assert {e.id for e in result.evidence} == {e.id for e in cut.evidence}


def test_the_ranking_can_change_with_the_date_and_an_empty_cut_is_refused() -> None:
    d = load_doctrine("iran-us")
    early = analyse(hypotheses_of(d, as_of="2013-01-01"))
    late = analyse(hypotheses_of(d))
    assert len(early.evidence) < len(late.evidence)
    with pytest.raises(InputError, match="no evidence was said"):
        hypotheses_of(d, as_of="1990-01-01")
    with pytest.raises(InputError, match="ISO date"):
        hypotheses_of(d, as_of="last year")
