"""Properties of verdicts on the shipped doctrine, over generated scenarios (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from overture.doctrine import Scenario, load_doctrine
from overture.verdict import Verdict, evaluate, judge

D = load_doctrine()
COUNTERPARTIES = [c.id for c in D.counterparties]
TOPICS = D.topic_ids
FACTS = [f.id for f in D.facts]
VALUES = ["religious_values", "revolutionary_values"]


def dates(lo: dt.date, hi: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=lo, max_value=hi)


@st.composite
def scenarios(draw: Any, counterparty: st.SearchStrategy[str] | None = None,
              topics: st.SearchStrategy[list[str]] | None = None,
              mode: st.SearchStrategy[str] | None = None,
              date: st.SearchStrategy[dt.date] | None = None,
              view: st.SearchStrategy[str] | None = None) -> Scenario:
    def pick(given: st.SearchStrategy[Any] | None, default: st.SearchStrategy[Any]) -> Any:
        return draw(default if given is None else given)

    return Scenario(
        counterparty=pick(counterparty, st.sampled_from(COUNTERPARTIES)),
        topics=pick(topics, st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3,
                                     unique=True)),
        mode=pick(mode, st.sampled_from(["deal", "conveying", "imposition"])),
        date=pick(date, dates(dt.date(2005, 1, 1), dt.date(2017, 12, 31))),
        view=pick(view, st.sampled_from(["all", "official", "analyst"])),
        initiated_by=draw(st.sampled_from(["leader", "counterparty", "domestic_figure"])),
        facts=draw(st.dictionaries(st.sampled_from(FACTS), st.booleans())),
    )


def with_values(topics: list[str], value: str) -> list[str]:
    return topics if value in topics else [*topics, value]


@settings(max_examples=60)
@given(scenarios(mode=st.just("deal"), view=st.sampled_from(["all", "official"]),
                 date=dates(dt.date(1990, 5, 2), dt.date(2020, 1, 1))),
       st.sampled_from(VALUES))
def test_any_deal_touching_values_is_forbidden_whatever_else_holds(s: Scenario, value: str) -> None:
    s = s.model_copy(update={"topics": with_values(s.topics, value)})
    assert judge(D, s).verdict is Verdict.FORBIDDEN


@settings(max_examples=60)
@given(scenarios(mode=st.just("conveying"), view=st.sampled_from(["all", "official"]),
                 date=dates(dt.date(2006, 3, 21), dt.date(2018, 8, 12))))
def test_conveying_positions_is_permitted(s: Scenario) -> None:
    """Until the ban of August 2018 ("I ban holding any talks with America", D1)."""
    assert judge(D, s).verdict is Verdict.PERMITTED


@settings(max_examples=40)
@given(scenarios(counterparty=st.sampled_from([c for c in COUNTERPARTIES if c != "united_states"]),
                 mode=st.just("conveying"), view=st.sampled_from(["all", "official"]),
                 date=dates(dt.date(2018, 8, 13), dt.date(2025, 12, 31))))
def test_conveying_to_others_stays_permitted_after_2018(s: Scenario) -> None:
    """The bans of 2018-2025 name the United States; conveying positions to others stays open."""
    assert judge(D, s).verdict is Verdict.PERMITTED


@settings(max_examples=60)
@given(scenarios(counterparty=st.just("united_states"), mode=st.sampled_from(["deal", "imposition"]),
                 view=st.sampled_from(["all", "official"]),
                 date=dates(dt.date(2015, 10, 7), dt.date(2018, 8, 12))))
def test_after_2015_no_deal_with_the_us_whatever_the_facts(s: Scenario) -> None:
    """From the 2015 ban to the Leader's next statements (August 2018, D1)."""
    assert judge(D, s).verdict is Verdict.FORBIDDEN


@settings(max_examples=40)
@given(scenarios(counterparty=st.just("united_states"), mode=st.just("deal"),
                 view=st.just("official"),
                 topics=st.lists(st.sampled_from([t for t in TOPICS if t not in VALUES]),
                                 min_size=1, max_size=3, unique=True),
                 date=dates(dt.date(2012, 10, 31), dt.date(2015, 10, 6))))
def test_issue_specific_opening_between_2012_and_2015(s: Scenario) -> None:
    s = s.model_copy(update={"facts": {**s.facts, "conditions_met_on_topics": True}})
    assert judge(D, s).verdict is Verdict.PERMITTED


@settings(max_examples=40)
@given(scenarios(date=dates(dt.date(2005, 1, 1), dt.date(2015, 10, 6))))
def test_later_statements_do_not_reach_back(s: Scenario) -> None:
    """A scenario dated before 2015-10-07 gets the same verdict from a doctrine stripped of
    everything stated later (the 2015 source and any rule stated after the scenario's date)."""
    stripped = D.model_copy(update={
        "rules": [r for r in D.rules if r.stated <= s.date],
        "exceptions": [x for x in D.exceptions if x.stated <= s.date],
        "preferences": [p for p in D.preferences
                        if D.statements_by_id[p.stronger].stated <= s.date
                        and D.statements_by_id[p.weaker].stated <= s.date],
    })
    assert judge(stripped, s).verdict is judge(D, s).verdict


@settings(max_examples=40)
@given(scenarios())
def test_verdict_matches_a_direct_reading_of_the_extensions(s: Scenario) -> None:
    """Reference check: read the verdict off the argument labels by hand."""
    ev = evaluate(s, D)
    yes = [a for a in ev.arguments if a.conclusion == "accept_talks"]
    no = [a for a in ev.arguments if a.conclusion == "~accept_talks"]
    in_yes = any(a.status == "in" for a in yes)
    in_no = any(a.status == "in" for a in no)
    if in_yes:
        assert ev.verdict is Verdict.PERMITTED
    elif in_no:
        assert ev.verdict is Verdict.FORBIDDEN
    elif any(a.status == "undec" for a in yes) and any(a.status == "undec" for a in no):
        assert ev.verdict in (Verdict.CONTESTED, Verdict.UNDECIDED)
    else:
        assert ev.verdict is Verdict.UNDECIDED
    # the scope is a subset of the topics, and everything when permitted
    assert set(ev.scope) <= set(s.topics)
    if ev.verdict is Verdict.PERMITTED:
        assert ev.scope == s.topics


@settings(max_examples=30)
@given(scenarios())
def test_json_has_the_documented_keys(s: Scenario) -> None:
    data = evaluate(s, D).to_dict()
    for key in ("verdict", "doctrine", "view", "date", "semantics", "scope", "reasons_for",
                "reasons_against", "defeated"):
        assert key in data
    for r in data["reasons_for"] + data["reasons_against"]:
        assert {"rule_id", "gloss", "source", "date", "quotes"} <= set(r)
    assert data["date"] == s.date.isoformat()
