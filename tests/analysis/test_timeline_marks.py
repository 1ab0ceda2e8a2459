"""The timeline's marks and labels are claims: a point names only statements that apply to the
scenario on that date (the movers when the verdict moved), marks every date the applying
statements change, and the one chart draws exactly those marks and labels (issue 20)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from overture.analysis import timeline
from overture.doctrine import doctrine_scenarios, list_shipped_doctrines, load_doctrine
from overture.doctrine.resolve import resolve
from overture.render.timeline_svg import timeline_chart
from overture.verdict import evaluate


def _applying(scenario: object, doctrine: object, when: dt.date) -> set[str]:
    ev = evaluate(scenario.model_copy(update={"date": when}), doctrine)  # type: ignore[attr-defined]
    return {a.rule_id for a in ev.arguments if a.rule_id and a.kind != "scenario"}


CASES = [(d, name) for d in list_shipped_doctrines()
         for name in list(doctrine_scenarios(load_doctrine(d)))[:4]]


@pytest.mark.parametrize(("doctrine_id", "name"), CASES)
def test_points_name_only_what_applies_and_mark_every_change(doctrine_id: str,
                                                             name: str) -> None:
    d, s = resolve(name, doctrine_id)
    tl = timeline(s, d)
    before: set[str] | None = None
    marks = 0
    for p in tl.points:
        now = _applying(s, d, p.date)
        assert set(p.label) <= now | (before or set()), (p.date, p.label)
        if p.moved and p.movers:
            assert p.label == p.movers and set(p.movers) <= now
        if before is not None:
            assert set(p.applied) == now - before
            assert set(p.lapsed) == before - now
            assert p.marked == (p.moved or now != before)
        marks += p.marked
        before = now
    svg = timeline_chart(tl, current=s.date)
    steps = re.findall(r'<g class="step verdict-(\w+)" data-date="([\d-]+)"', svg)
    assert steps == [(p.verdict, p.date.isoformat()) for p in tl.points]
    drawn = re.findall(r'<line class="mark (move|change)"', svg)
    first_unmarked = 0 if tl.points[0].marked else 1
    assert len(drawn) == marks + first_unmarked
    assert drawn.count("move") == sum(p.moved for p in tl.points)
    for p in tl.points:
        for rule in p.label:
            assert rule in svg


def test_an_entering_rule_whose_condition_fails_is_not_named() -> None:
    """The reported case: a rule entering on a date, needing a fact the scenario denies, was
    the chart's label for that date."""
    import json

    from overture.doctrine import parse_doctrine

    rule = {"source": "s1", "quotes": ["q1"], "when": {}}
    data = {
        "schema_version": 2, "id": "tiny", "title": "tiny",
        "sources": [{"id": "s1", "title": "S1", "publisher": "P", "date": "2020-12-31",
                     "kind": "speaker", "speaker": "X", "location": "s1.txt"}],
        "quotes": [{"id": "q1", "source": "s1", "text": "one"}],
        "counterparties": [{"id": "b", "name": "b"}],
        "topics": [{"id": "t", "description": "t"}],
        "modes": [{"id": "deal", "description": "deal"}],
        "initiators": [{"id": "counterparty", "description": "counterparty"}],
        "facts": [{"id": "drills_suspended", "description": "drills suspended"}],
        "rules": [
            {**rule, "id": "r_no", "gloss": "no", "then": "~accept_talks",
             "stated": "2019-01-01"},
            {**rule, "id": "r_if_drills", "gloss": "yes if the drills stop",
             "when": {"facts": {"drills_suspended": True}}, "then": "accept_talks",
             "stated": "2020-01-01"},
            {**rule, "id": "r_later_no", "gloss": "still no", "then": "~accept_talks",
             "stated": "2020-06-01"},
        ],
        "policies": [{"id": "later", "kind": "later_statement"}],
        "views": [{"id": "all", "title": "All", "sources": ["s1"]}],
    }
    d = parse_doctrine(json.dumps(data), "tiny.json")
    s = {"counterparty": "b", "topics": ["t"], "mode": "deal", "date": "2021-01-01"}
    d, sc = resolve(s, d)
    tl = timeline(sc, d)
    at = {p.date: p for p in tl.points}
    p2020 = at[dt.date(2020, 1, 1)]
    assert "r_if_drills" in p2020.entered
    assert "r_if_drills" not in p2020.label and not p2020.marked
    assert "r_if_drills" not in timeline_chart(tl)
    assert at[dt.date(2020, 6, 1)].applied == ("r_later_no",)
    assert at[dt.date(2020, 6, 1)].marked and not at[dt.date(2020, 6, 1)].moved
