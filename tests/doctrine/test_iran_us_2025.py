"""iran-us through 2025: every source of 2013 and 2018-2025 is in the doctrine, its quotes are
verbatim, the world timeline is sourced, and the timeline of a US nuclear deal differs between
the direct and the indirect channel where the Leader's statements say it does."""

from __future__ import annotations

from pathlib import Path

from overture.analysis import timeline
from overture.doctrine import load_doctrine
from overture.verdict import Verdict, evaluate
from overture.verdict.checking import check_doctrine


def test_every_later_source_is_a_source_of_the_doctrine(shared_dir: Path) -> None:
    d = load_doctrine("iran-us")
    locations = {Path(s.location).name for s in d.sources}
    for folder in ("iran-us-2013", "iran-us-2018-2025"):
        for f in (shared_dir / "sources" / folder).glob("*.txt"):
            assert f.name in locations, f.name
    kinds = {s.id: s.kind for s in d.sources}
    assert kinds["khamenei_2021"] == "speaker" and kinds["ap_2018"] == "report"
    assert kinds["nyt_2025_02"] == "analysis"


def test_check_passes_with_the_sources(shared_dir: Path) -> None:
    report = check_doctrine("iran-us", shared_dir)
    assert report.ok, report
    new = [t for t in load_doctrine("iran-us").tests if t.scenario.date.year >= 2018]
    assert len(new) >= 15
    assert {t.scenario.dimensions.get("channel") for t in new} >= {"indirect", None}
    assert any(t.scenario.dimensions.get("format") == "multilateral" for t in new)
    assert any(t.scenario.counterparty != "united_states" for t in new)


def test_the_world_is_dated_and_sourced() -> None:
    d = load_doctrine("iran-us")
    facts = {e.fact for e in d.world}
    assert {"us_in_jcpoa", "maximum_pressure", "sanctions_lifted_first"} <= facts
    assert all(e.source.strip() for e in d.world)
    ev = evaluate({"counterparty": "united_states", "topics": ["nuclear"], "mode": "deal",
                   "date": "2017-01-01"}, d)
    origin = {f.fact: f for f in ev.facts}["us_in_jcpoa"]
    assert origin.value and origin.origin == "world"


def test_direct_and_indirect_timelines_differ_where_the_sources_say() -> None:
    base = {"counterparty": "united_states", "topics": ["nuclear"], "mode": "deal",
            "date": "2025-01-01"}
    direct = timeline(base, start=2006, end=2025)
    indirect = timeline({**base, "channel": "indirect"}, start=2006, end=2025)
    moves = lambda tl: [(str(p.date), p.verdict) for p in tl.points if p.moved]  # noqa: E731
    assert ("2024-08-27", "permitted") in moves(direct)
    assert ("2025-02-07", "forbidden") in moves(direct)
    assert ("2025-04-15", "permitted") in moves(indirect)  # the Oman talks (D7)
    assert ("2025-09-23", "forbidden") in moves(indirect)  # a dictated outcome (D8)
    assert ("2025-04-15", "permitted") not in moves(direct)
    assert indirect.verdict_on(__import__("datetime").date(2025, 5, 1)) == Verdict.PERMITTED


def test_the_old_tests_keep_their_verdicts() -> None:
    d = load_doctrine("iran-us")
    old = [t for t in d.tests if t.id < "t31"]
    assert len(old) == 30
    for t in old:
        assert evaluate(t.scenario, d).verdict.value == t.expect, t.id
