"""The analysis commands: output a user reads, JSON a tool reads, exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from overture.cli.main import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_counterfactual_json_for_a_shipped_scenario() -> None:
    code, out = run("counterfactual", "us_deal_2012_normalization", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["verdict"] == "forbidden" and data["target"] == "permitted"
    singles = [c["edits"][0]["description"] for c in data["counterfactuals"] if c["changes"] == 1]
    assert "set conditions_met_on_topics to true" in singles
    assert "change mode to conveying" in singles


def test_counterfactual_table_and_bad_target(tmp_path: Path) -> None:
    code, out = run("counterfactual", "us_deal_2012_normalization", "--max-changes", "1")
    assert code == 0 and "minimal edit set" in out and "a7_issue_talks" in out
    code, out = run("counterfactual", "us_deal_2012_normalization", "--target", "maybe")
    assert code == 2 and "maybe" in out


def test_counterfactual_evaluation_budget_is_a_flag() -> None:
    for strategy in ("exact", "monotone"):
        code, out = run("counterfactual", "us_deal_2012_normalization", "--strategy", strategy,
                        "--max-evaluations", "20")
        assert code == 2 and "exceeded 20 evaluations" in out and "--max-evaluations" in out
    code, out = run("counterfactual", "us_deal_2012_normalization", "--max-changes", "1",
                    "--max-evaluations", "100000")
    assert code == 0 and "minimal edit set" in out


def test_what_if_flags_and_json() -> None:
    code, out = run("what-if", "us_deal_2012_normalization", "--mode", "conveying", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["before"]["verdict"] == "forbidden" and data["after"]["verdict"] == "permitted"
    code, out = run("what-if", "us_deal_2012_normalization", "--set", "conditions_met_on_topics=true",
                    "--topics", "nuclear,sanctions", "--date", "2015-11-01")
    assert code == 0 and "before:" in out and "after:" in out
    code, out = run("what-if", "us_deal_2012_normalization", "--set", "no_such_fact=true")
    assert code == 2 and "unknown variable" in out


def test_timeline_table_chart_and_file(tmp_path: Path) -> None:
    chart = tmp_path / "tl.svg"
    code, out = run("timeline", "us_deal_2016_nuclear_conditions_met", "--from", "2005", "--to", "2016",
                    "--out", str(chart))
    assert code == 0
    assert "c1_forbidden" in out and "moved" in out and "█" in out
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    code, out = run("timeline", "us_deal_2016_nuclear_conditions_met", "--from", "soon")
    assert code == 2


def test_views_side_by_side() -> None:
    code, out = run("views", "us_deal_2013_analyst_leader_opens", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data["verdicts"]) == {"all", "official", "analyst"}


def test_hypotheses_matrix_and_json() -> None:
    code, out = run("hypotheses")
    assert code == 0 and "weighted inconsistency" in out and "ranking" in out
    code, out = run("hypotheses", "--json")
    data = json.loads(out)
    assert len(data["hypotheses"]) >= 3 and data["ranking"]


def test_sweep_writes_csv_and_summarises(tmp_path: Path) -> None:
    out_file = tmp_path / "s.csv"
    code, out = run("sweep", "us_deal_2012_normalization", "--vary", "mode,us_behavior_changed,date",
                    "--workers", "1", "--out", str(out_file))
    assert code == 0 and "What decides the verdict" in out
    assert out_file.read_text(encoding="utf-8").splitlines()[0] == "mode,fact:us_behavior_changed,date,verdict"
    code, out = run("sweep", "us_deal_2012_normalization", "--vary", "bogus")
    assert code == 2 and "unknown variable" in out


def test_missing_scenario_lists_the_shipped_ones() -> None:
    code, out = run("views", "no_such_scenario")
    assert code == 2 and "us_deal_2012_normalization" in out


def test_bad_semantics_and_empty_topics_exit_2() -> None:
    for args in (["sweep", "us_deal_2012_normalization", "--vary", "mode", "--semantics", "bogus"],
                 ["counterfactual", "us_deal_2012_normalization", "--semantics", "bogus"],
                 ["what-if", "us_deal_2012_normalization", "--topics", ","]):
        code, out = run(*args)
        assert code == 2, args
        assert "error" in out
