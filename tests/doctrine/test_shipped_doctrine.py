"""The shipped `iran-us` doctrine: sound, sourced verbatim, covering the design, verdicts as
the seeds read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from overture.doctrine import list_shipped_doctrines, load_doctrine, shipped_scenarios
from overture.doctrine.model import INITIATORS_V1, MODES_V1
from overture.verdict import Verdict, evaluate
from overture.verdict.checking import check_doctrine, normalise, run_tests, verify_quotes

ELEMENTS = ([f"A{i}" for i in range(1, 8)] + [f"B{i}" for i in range(1, 8)]
            + [f"C{i}" for i in range(1, 7)])


def test_shipped_list() -> None:
    assert "iran-us" in list_shipped_doctrines()


def test_check_passes_with_quotes_verified(seeds_dir: Path) -> None:
    report = check_doctrine("iran-us", seeds_dir)
    assert report.problems == []
    assert [t.id for t in report.tests if not t.ok] == []
    assert report.ok


def test_every_quote_is_verbatim_in_its_seed(seeds_dir: Path) -> None:
    d = load_doctrine()
    shared = seeds_dir.parent
    checks = verify_quotes(d, shared)
    assert len(checks) == len(d.quotes)
    missing = [c.quote for c in checks if c.found is not True]
    assert missing == []
    # and independently of verify_quotes: read each source file ourselves
    for q in d.quotes:
        src = d.sources_by_id[q.source]
        text = (shared / src.location).read_text(encoding="utf-8")
        assert normalise(q.text) in normalise(text), q.id


def test_quote_normalisation_only_touches_space_and_quote_marks() -> None:
    assert normalise("the  Leader\u2019s\n“No”") == "the Leader's \"No\""
    assert normalise("a-b") != normalise("a b")


def test_a_changed_quote_is_detected(seeds_dir: Path) -> None:
    d = load_doctrine()
    bad = d.model_copy(update={"quotes": [
        q.model_copy(update={"text": q.text.replace("forbidden", "permitted")})
        if q.id == "c_forbidden" else q for q in d.quotes
    ]})
    checks = {c.quote: c.found for c in verify_quotes(bad, seeds_dir)}
    assert checks["c_forbidden"] is False
    assert checks["c_european"] is True


def test_covers_every_design_element_with_short_quotes() -> None:
    d = load_doctrine()
    covered = {s.element for s in d.statements_by_id.values()}
    assert set(ELEMENTS) <= covered
    for st in d.statements_by_id.values():
        assert st.quotes, st.id
        for qid in st.quotes:
            q = d.quotes_by_id[qid]
            assert q.source == st.source
            assert len(q.text) < 450, qid  # a sentence or two


def test_footnoted_quotes_carry_speech_and_date() -> None:
    d = load_doctrine()
    expected = {
        "a_no_goodwill": dt.date(2008, 10, 29), "a_life_or_death": dt.date(2008, 10, 29),
        "a_justice_flag": dt.date(2005, 5, 8), "a_coffee": dt.date(2008, 11, 1),
        "a_palestine": dt.date(2009, 3, 4), "a_summoning": dt.date(2006, 3, 21),
        "a_you_change": dt.date(2009, 3, 21), "a_give_revolution": dt.date(1990, 5, 2),
    }
    for qid, date in expected.items():
        cited = d.quotes_by_id[qid].cited
        assert cited is not None and cited.date == date and cited.speech, qid
    # rules resting on a footnoted speech take the speech's date, not the publication date
    assert d.statements_by_id["a3_coffee"].stated == dt.date(2008, 11, 1)
    assert d.statements_by_id["a5_no_deal_on_values"].stated == dt.date(1990, 5, 2)


def test_declares_the_required_vocabulary() -> None:
    d = load_doctrine()
    assert {"united_states", "european_union", "germany", "france", "united_kingdom", "russia",
            "china", "venezuela", "brazil"} <= set(d.counterparties_by_id)
    assert {"nuclear", "iraq_security", "regional_security", "sanctions", "trade", "economy",
            "normalization", "religious_values", "revolutionary_values", "enrichment", "missiles",
            "prisoners"} <= set(d.topic_ids)
    assert {dim.id: dim.default for dim in d.dimensions} == {"channel": "direct",
                                                               "format": "bilateral"}
    assert d.action_ids == ["accept_talks", "return_to_compliance", "halt_enrichment",
                            "initial_steps"]
    assert {"us_behavior_changed", "guarantees_offered", "conditions_met_on_topics",
            "ends_support_for_opposition", "sanctions_lifted_first"} <= set(d.facts_by_id)
    assert {m.id for m in d.modes} == set(MODES_V1)
    assert {i.id for i in d.initiators} == set(INITIATORS_V1)
    assert {"all", "official", "analyst"} <= set(d.views_by_id)
    assert d.views_by_id["official"].sources[:2] == ["iranreview_2012", "khamenei_2015"]
    assert d.views_by_id["analyst"].sources[0] == "eaworldview_2013"
    assert all(d.sources_by_id[s].kind == "analysis" for s in d.views_by_id["analyst"].sources)
    assert all(d.sources_by_id[s].kind != "analysis" for s in d.views_by_id["official"].sources)
    assert d.sources_by_id["eaworldview_2013"].kind == "analysis"


def test_ships_enough_varied_tests() -> None:
    d = load_doctrine()
    assert len(d.tests) >= 20
    years = {t.scenario.date.year for t in d.tests}
    assert min(years) == 2006 and max(years) == 2025
    assert {t.scenario.view for t in d.tests} == {"all", "official", "analyst"}
    assert {t.scenario.mode for t in d.tests} == set(MODES_V1)
    assert {t.expect for t in d.tests} == {v.value for v in Verdict}
    assert all(t.because in d.quotes_by_id for t in d.tests)


def test_shipped_tests_pass_with_their_justifying_quotes() -> None:
    results = run_tests(load_doctrine())
    assert [r.id for r in results if not r.ok] == []


@pytest.mark.parametrize("semantics", ["preferred", "stable", "complete", "semi-stable", "ideal"])
def test_shipped_tests_hold_under_other_semantics(semantics: str) -> None:
    results = run_tests(load_doctrine(), semantics)
    assert [r.id for r in results if r.expected is not r.actual] == []


def _v(**kw: object) -> Verdict:
    return evaluate(kw).verdict  # type: ignore[arg-type]


def test_required_outcomes_europe_and_latin_america_2015() -> None:
    for cp in ("european_union", "germany", "france", "united_kingdom", "venezuela", "brazil"):
        for view in ("all", "official"):
            assert _v(counterparty=cp, topics=["trade"], mode="deal", date="2015-11-01",
                      view=view) is Verdict.PERMITTED, (cp, view)


def test_required_outcome_override_after_2015() -> None:
    base = dict(counterparty="united_states", topics=["nuclear"], mode="deal",
                facts={"conditions_met_on_topics": True})
    assert _v(**base, date="2014-06-01") is Verdict.PERMITTED
    assert _v(**base, date="2015-10-06") is Verdict.PERMITTED
    assert _v(**base, date="2015-10-07") is Verdict.FORBIDDEN
    ev = evaluate({**base, "date": "2016-01-15"})
    lost = [df for df in ev.defeated if df.rule_id == "a7_issue_talks"]
    assert lost and lost[0].defeated_by == "c1_forbidden" and lost[0].why == "later statement"


def test_required_outcome_2006_judged_by_what_was_said_by_then() -> None:
    early = evaluate({"counterparty": "united_states", "topics": ["iraq_security"],
                      "mode": "conveying", "date": "2006-03-20"})
    assert early.verdict is Verdict.UNDECIDED
    assert all(a.date is None or a.date <= dt.date(2006, 3, 20) for a in early.arguments)
    later = evaluate({"counterparty": "united_states", "topics": ["iraq_security"],
                      "mode": "conveying", "date": "2006-03-21"})
    assert later.verdict is Verdict.PERMITTED
    assert any(q.id == "a_convey" for r in later.reasons_for for q in r.quotes)


def test_example_scenario_files_load_and_evaluate() -> None:
    files = shipped_scenarios("iran-us")
    assert len(files) >= 6
    verdicts = {name: evaluate(path).verdict for name, path in files.items()}
    assert verdicts["us_deal_2016_nuclear_conditions_met"] is Verdict.FORBIDDEN
    assert verdicts["us_deal_2014_nuclear_conditions_met"] is Verdict.PERMITTED
    assert verdicts["germany_deal_2015_trade"] is Verdict.PERMITTED
    assert verdicts["us_deal_2013_analyst_leader_opens"] is Verdict.CONTESTED
    assert verdicts["us_deal_2006_before_statements"] is Verdict.UNDECIDED


def test_hypotheses_section_for_competing_readings() -> None:
    d = load_doctrine()
    assert {h.id for h in d.hypotheses} == {"h_refuses_all", "h_issue_specific",
                                            "h_public_refusal"}
    for e in d.evidence:
        assert e.quote in d.quotes_by_id
        assert set(e.ratings) == {h.id for h in d.hypotheses}


def test_every_quote_is_used() -> None:
    d = load_doctrine()
    used = {q for s in d.statements_by_id.values() for q in s.quotes}
    used |= {e.quote for e in d.evidence}
    assert [q.id for q in d.quotes if q.id not in used] == []
