"""Backtests: each event judged as of its date with only earlier statements, scored like a
forecast against baselines on the same log. No look-ahead is a property test."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.doctrine.test_language2 import BASE
from typer.testing import CliRunner

from overture.analysis import EventLog, backtest
from overture.analysis.backtest import FORECAST, OUTCOME_VALUE, as_of
from overture.cli.main import app
from overture.doctrine import load_doctrine, parse_doctrine
from overture.verdict import evaluate

runner = CliRunner()


def test_the_shipped_log_is_scored_against_recomputed_figures() -> None:
    report = backtest("iran-us")
    (view,) = report.views
    results = view.results
    assert len(results) >= 15 and report.doctrine == "iran-us"
    assert all(r.event.source.title for r in results)
    scored = [r for r in results if r.event.outcome != "ambiguous"]
    ys = [OUTCOME_VALUE[r.event.outcome] for r in scored]
    ps = [FORECAST[r.verdict] for r in scored]
    assert view.brier == pytest.approx(sum((p - y) ** 2 for p, y in zip(ps, ys, strict=True)) / len(ys))
    rate = sum(ys) / len(ys)
    assert view.baselines["base_rate"] == pytest.approx(sum((rate - y) ** 2 for y in ys) / len(ys))
    assert view.baselines["always_refuse"] == pytest.approx(sum(y * y for y in ys) / len(ys))
    decided = [r for r in scored if r.verdict.value in ("permitted", "forbidden")]
    hits = [r for r in decided if (r.verdict.value == "permitted") == (r.event.outcome == "accepted")]
    assert view.hits == len(hits) and view.accuracy == pytest.approx(len(hits) / len(decided))
    assert view.coverage == pytest.approx(len(decided) / len(scored))
    for r in results:  # every miss is explained
        if r.hit is False:
            assert r.miss is not None and r.miss.deciding
    # an event dated on a statement's day leaves that statement out, and says so
    oman = next(r for r in results if r.event.id == "e2025_oman_indirect")
    assert oman.verdict.value == "forbidden"  # the Oman statement (D7) came three days later


def test_each_event_is_judged_only_by_earlier_statements() -> None:
    d = load_doctrine("iran-us")
    for r in backtest("iran-us").views[0].results:
        cut = as_of(d, r.event.date)
        assert all(st.stated < r.event.date for st in [*cut.rules, *cut.exceptions])
        kept = {st.id for st in [*cut.rules, *cut.exceptions]}
        assert kept == {st.id for st in [*d.rules, *d.exceptions] if st.stated < r.event.date}


def _tiny_log(events: list[dict[str, Any]]) -> EventLog:
    return EventLog.model_validate({"events": events})


event_dates = st.dates(dt.date(2020, 1, 1), dt.date(2023, 1, 1))


@settings(max_examples=60, deadline=None)
@given(event_dates, st.integers(0, 400), st.sampled_from(["accept_talks", "~accept_talks"]),
       st.sampled_from(["rival", "friend"]), st.sampled_from(["summit", "messages"]))
def test_no_look_ahead(when: dt.date, after: int, then: str, cp: str, mode: str) -> None:
    """A statement made on or after an event's date never changes its verdict; one made after
    every event can be removed without changing anything."""
    event = {"id": "e1", "date": when.isoformat(), "what": "an overture",
             "scenario": {"counterparty": cp, "topics": ["arms"], "mode": mode},
             "outcome": "accepted", "source": {"title": "t", "publisher": "p", "date": "2024-01-01"}}
    base = parse_doctrine(json.dumps(BASE))
    before = backtest(_tiny_log([event]), base).views[0].results[0]
    data = copy.deepcopy(BASE)
    stated = when + dt.timedelta(days=after)
    data["sources"].append({"id": "late", "title": "Late", "publisher": "Office",
                            "date": (stated + dt.timedelta(days=1)).isoformat(), "kind": "speaker",
                            "speaker": "Leader", "actor": "State", "location": "late.txt"})
    data["quotes"].append({"id": "ql", "source": "late", "text": "late"})
    data["rules"].append({"id": "late_rule", "when": {}, "then": then, "source": "late",
                          "stated": stated.isoformat(), "quotes": ["ql"], "gloss": "late",
                          "strict": True})
    data["views"][0]["kinds"] = ["speaker", "report"]
    later = parse_doctrine(json.dumps(data))
    after_r = backtest(_tiny_log([event]), later).views[0].results[0]
    assert after_r.verdict is before.verdict
    assert "late_rule" in after_r.left_out_same_day or after_r.left_out_later == before.left_out_later + 1
    # and removing a statement dated after every event changes nothing
    assert backtest(_tiny_log([event]), later).views[0].brier == \
        backtest(_tiny_log([event]), base).views[0].brier


def test_views_side_by_side_and_the_analyst_view_differs() -> None:
    report = backtest("iran-us", all_views=True)
    assert [v.view for v in report.views] == ["all", "official", "analyst"]
    analyst = report.views[2]
    assert analyst.coverage is not None and analyst.coverage < report.views[0].coverage


def test_cli_table_json_html_and_stdin(tmp_path: Path) -> None:
    r = runner.invoke(app, ["backtest", "iran-us", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert set(data) == {"doctrine", "log", "semantics", "views", "notes"}
    view = data["views"][0]
    assert {"counts", "accuracy", "coverage", "brier", "baselines", "events"} <= set(view)
    assert set(view["baselines"]) == {"always_refuse", "base_rate", "previous_outcome"}
    assert {"id", "date", "verdict", "outcome", "hit", "left_out", "source", "miss"} <= set(view["events"][0])
    out = tmp_path / "bt.html"
    r = runner.invoke(app, ["backtest", "iran-us", "--all-views", "--out", str(out)])
    assert r.exit_code == 0 and out.is_file()
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "class=\"miss\"" in html and "base rate" in html
    log = Path(load_doctrine("iran-us").path.parent / "events.yaml").read_text(encoding="utf-8")  # type: ignore[union-attr]
    r = runner.invoke(app, ["backtest", "-", "--json"], input=log)
    assert r.exit_code == 0 and json.loads(r.stdout)["views"][0]["hits"] == view["hits"]


def test_evaluate_and_backtest_agree_when_no_statement_is_left_out() -> None:
    d = load_doctrine("iran-us")
    for r in backtest("iran-us").views[0].results:
        if not r.left_out_same_day:
            s = {**r.event.scenario, "date": r.event.date.isoformat()}
            cut = as_of(d, r.event.date)
            assert evaluate(s, cut).verdict is r.verdict
