"""The doctrine commands: exit codes, JSON keys, error messages with file:line:col."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overture.cli.main import app
from overture.doctrine import load_doctrine

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    """Rich wraps to the terminal width; make it wide so assertions see whole words."""
    from overture.cli.common import console

    before = console.width
    console.width = 250
    yield
    console.width = before


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"}, input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name,verdict", [
    ("us_deal_2016_nuclear_conditions_met", "forbidden"),
    ("us_deal_2014_nuclear_conditions_met", "permitted"),
    ("us_deal_2013_analyst_leader_opens", "contested"),
    ("us_deal_2006_before_statements", "undecided"),
])
def test_evaluate_exits_zero_for_every_verdict(name: str, verdict: str) -> None:
    code, out, _ = run("evaluate", name, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["verdict"] == verdict
    for key in ("verdict", "doctrine", "view", "date", "semantics", "scope", "reasons_for",
                "reasons_against", "defeated"):
        assert key in data
    assert data["doctrine"] == "iran-us" and data["semantics"] == "grounded"


def test_evaluate_rich_output_and_view_override() -> None:
    code, out, _ = run("evaluate", "us_deal_2016_nuclear_conditions_met")
    assert code == 0 and "forbidden" in out and "c1_forbidden" in out
    assert "later statement" in out
    code, out, _ = run("evaluate", "us_deal_2014_nuclear_conditions_met", "--view", "analyst",
                       "--json")
    assert code == 0 and json.loads(out)["view"] == "analyst"


def test_evaluate_file_with_semantics(tmp_path: Path) -> None:
    p = tmp_path / "s.yaml"
    p.write_text("counterparty: brazil\ntopics: [economy]\nmode: deal\ndate: 2016-01-01\n")
    code, out, _ = run("evaluate", str(p), "--semantics", "preferred", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["verdict"] == "permitted" and data["semantics"] == "preferred"


def test_invalid_scenario_exits_two_with_location(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text("counterparty: atlantis\ntopics: [nuclear]\nmode: deal\ndate: 2015-01-01\n")
    code, out, err = run("evaluate", str(p))
    assert code == 2
    assert f"{p}:1:15" in err and "unknown counterparty 'atlantis'" in err
    assert "Traceback" not in out + err


def test_malformed_scenario_and_missing_file(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text("counterparty: [unclosed\n")
    code, _, err = run("explain", str(p))
    assert code == 2 and f"{p}:" in err and "malformed YAML" in err
    code, _, err = run("evaluate", str(tmp_path / "none.yaml"))
    assert code == 2 and "no such file" in err
    code, _, err = run("evaluate", "no_such_example")
    assert code == 2 and "examples: france_deal_2015_values" in err


def test_bad_semantics_and_bad_verdict_exit_two() -> None:
    code, _, err = run("evaluate", "germany_deal_2015_trade", "--semantics", "nonsense")
    assert code == 2 and "unknown semantics" in err
    code, _, err = run("why-not", "germany_deal_2015_trade", "--verdict", "maybe")
    assert code == 2 and "unknown verdict" in err


def test_explain_prints_a_tree_with_quotes() -> None:
    code, out, _ = run("explain", "us_deal_2016_nuclear_conditions_met")
    assert code == 0
    assert "Winning line" in out and "c1_forbidden" in out
    assert "Negotiation with America is forbidden" in out
    code, out, _ = run("explain", "us_deal_2016_nuclear_conditions_met", "--json")
    data = json.loads(out)
    assert data["verdict"] == "forbidden" and data["winning_side"] == "against"


def test_why_not_lists_obstacles() -> None:
    code, out, _ = run("why-not", "us_deal_2012_normalization", "--verdict", "permitted",
                       "--json")
    assert code == 0
    data = json.loads(out)
    blockers = {o["argument"]["rule_id"] for o in data["obstacles"]}
    assert {"a4_no_change", "a7_not_met"} <= blockers
    missing = {m["reason"]["rule_id"]: m["unmet"] for m in data["missing_support"]}
    assert missing["a7_issue_talks"] == ["conditions_met_on_topics must be true"]
    code, out, _ = run("why-not", "us_deal_2012_normalization")
    assert code == 0 and "Standing in the way" in out


def test_check_shipped_doctrine(seeds_dir: Path) -> None:
    shared = seeds_dir.parent
    quotes = len(load_doctrine("iran-us").quotes)
    code, out, _ = run("check", "iran-us", "--sources", str(shared))
    assert code == 0, out
    assert f"quotes verified verbatim: {quotes}/{quotes}" in out
    code, out, _ = run("check", "--sources", str(shared), "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"] is True and all(q["found"] for q in data["quotes"])


def test_check_bad_doctrine_exits_two_and_lists_every_problem(tmp_path: Path,
                                                              mini_text: str) -> None:
    text = (mini_text.replace("quotes: [q3]", "quotes: [q9]")
            .replace("when: {facts: {changed: true}}", "when: {facts: {chnaged: true}}"))
    p = tmp_path / "d.yaml"
    p.write_text(text)
    code, out, err = run("check", str(p))
    assert code == 2 and not out.strip()  # problems are input errors: stderr only
    assert err.count("error:") == 2 and "q9" in err and "chnaged" in err
    assert all(line.startswith(f"error: {p}:") for line in err.strip().splitlines())


def test_check_failing_test_exits_one(tmp_path: Path, mini_text: str) -> None:
    p = tmp_path / "d.yaml"
    p.write_text(mini_text.replace("expect: permitted", "expect: forbidden"))
    code, out, _ = run("check", str(p))
    assert code == 1 and "FAIL" in out


def test_schema_doctrine_is_json_schema() -> None:
    code, out, _ = run("schema", "doctrine")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"sources", "quotes", "rules", "exceptions", "preferences", "policies", "views",
            "tests", "hypotheses", "evidence"} <= set(schema["properties"])
    code, out, _ = run("schema", "scenario")
    assert code == 0 and set(json.loads(out)["required"]) == {"counterparty", "topics", "mode",
                                                              "date"}


def test_demo_runs_every_example() -> None:
    code, out, _ = run("demo")
    assert code == 0
    n = len(load_doctrine("iran-us").tests)
    assert out.rstrip().splitlines()[-1] == f"{n} scenarios, {n} as expected."


def test_scenarios_lists_examples() -> None:
    code, out, _ = run("scenarios")
    assert code == 0 and "iran-us" in out and "germany_deal_2015_trade" in out


def test_rules_lists_statements_by_view() -> None:
    code, out, _ = run("rules", "--view", "analyst", "--json")
    assert code == 0
    ids = {r["id"] for r in json.loads(out)}
    d = load_doctrine("iran-us")
    analyst = set(d.views_by_id["analyst"].sources)
    assert ids and ids == {st.id for st in d.statements_by_id.values() if st.source in analyst}
    assert {i for i in ids if i.startswith("b")} and "c1_forbidden" not in ids
    code, out, _ = run("rules")
    assert code == 0 and f"{len(d.statements_by_id)} rules and" in out
    code, out, _ = run("rules", "--json")
    data = json.loads(out)
    assert {"c1_forbidden", "x_advice_not_deal"} <= {r["id"] for r in data}
    code, _, err = run("rules", "--view", "hawks")
    assert code == 2 and "known views" in err


def test_evaluate_reads_standard_input() -> None:
    code, out, _ = run("evaluate", "-", "--json", stdin='{"counterparty": "venezuela", '
                       '"topics": ["economy"], "mode": "deal", "date": "2015-12-01"}')
    assert code == 0 and json.loads(out)["verdict"] == "permitted"
    code, _, err = run("evaluate", "-", stdin="counterparty: venezuela\nmode: talk\n")
    assert code == 2 and "<stdin>:" in err


def test_an_example_beside_a_custom_doctrine_is_found_by_every_command(
        tmp_path: Path, mini_text: str) -> None:
    """One resolver: the example name that `evaluate` finds, `export`, `report`, `explain`,
    `why-not` and the analyses find too."""
    doctrine = tmp_path / "mini" / "doctrine.yaml"
    (tmp_path / "mini" / "scenarios").mkdir(parents=True)
    doctrine.write_text(mini_text, encoding="utf-8")
    (tmp_path / "mini" / "scenarios" / "rival_deal.yaml").write_text(
        "counterparty: rivalia\ntopics: [trade]\nmode: deal\ndate: 2015-01-01\n", encoding="utf-8")
    d = str(doctrine)
    code, out, err = run("evaluate", "rival_deal", "-d", d, "--json")
    assert code == 0, err
    assert json.loads(out)["verdict"] == "forbidden"
    for args in (["explain", "rival_deal", "-d", d], ["why-not", "rival_deal", "-d", d],
                 ["what-if", "rival_deal", "-d", d, "--set", "changed=true"],
                 ["timeline", "rival_deal", "-d", d], ["views", "rival_deal", "-d", d],
                 ["export", "rival_deal", "--doctrine", d, "--format", "argdown"],
                 ["report", "rival_deal", "--doctrine", d, "--out", str(tmp_path / "r.md")]):
        code, out, err = run(*args)
        assert code == 0, (args, out, err)
    code, _, err = run("export", "no_such", "--doctrine", d, "--format", "argdown")
    assert code == 2 and "rival_deal" in err
