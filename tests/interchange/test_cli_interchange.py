"""`overture export`, `overture import` and `overture report` from the command line."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overture.aspic import evaluate, parse_theory
from overture.cli.main import app
from overture.interchange.aif import read_aif

runner = CliRunner()
DATA = Path(__file__).parent / "data"
SCENARIO = "us_deal_2016_nuclear_conditions_met"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("target", ["iran-us", SCENARIO])
@pytest.mark.parametrize("fmt", ["aif", "argdown", "dot", "svg"])
def test_export_writes_each_format_for_doctrines_and_scenarios(
    target: str, fmt: str, tmp_path: Path
) -> None:
    out = tmp_path / f"x.{fmt}"
    code, _, err = run("export", target, "--format", fmt, "--out", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    if fmt == "aif":
        doc = json.loads(text)
        assert doc["overture"]["kind"] == ("doctrine" if target == "iran-us" else "scenario")
        read_aif(out)
    elif fmt == "svg":
        ET.fromstring(text)
    elif fmt == "dot":
        assert text.startswith("digraph ")
    else:
        assert text.startswith("===\ntitle: ")
        if target == SCENARIO:
            assert "Verdict: " in text


def test_export_to_stdout(tmp_path: Path) -> None:
    code, out, _ = run("export", SCENARIO, "-f", "dot", "--style", "attacks")
    assert code == 0 and out.startswith("digraph ")


def test_iccma_export_writes_the_mapping_beside_the_framework(tmp_path: Path) -> None:
    out = tmp_path / "scenario.af"
    code, _, err = run("export", SCENARIO, "-f", "iccma", "-o", str(out), "-s", "preferred")
    assert code == 0, err
    assert out.read_text().startswith("p af ")
    mapping = json.loads((tmp_path / "scenario.mapping.json").read_text())
    assert mapping["semantics"] == "PR" and mapping["queries"]
    assert "verdict" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "iran-us", "-f", "iccma"], "needs a scenario"),
        (["export", SCENARIO, "-f", "pdf"], "unknown export format"),
        (["export", "no_such_thing", "-f", "svg"], "neither a file"),
        (["export", "missing/file.yaml", "-f", "svg"], "missing/file.yaml"),
        (["report", "iran-us"], "needs a scenario"),
        (["report", SCENARIO, "-f", "pdf"], "unknown report format"),
        (["import", "nope.json"], "nope.json"),
    ],
)
def test_bad_input_exits_2_with_a_message(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert message in err.replace("\n", " ")


def test_import_prints_a_theory_that_the_aspic_parser_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert run("export", SCENARIO, "-f", "aif", "-o", str(out))[0] == 0
    code, text, err = run("import", str(out))
    assert code == 0, err
    parsed = parse_theory(text)
    original = read_aif(out)
    assert {str(r) for r in parsed.rules} == {str(r) for r in original.rules}
    assert parsed.axioms == original.axioms
    assert parsed.rule_preferences == original.rule_preferences


def test_import_of_a_hand_written_aifdb_file_with_justified_conclusions() -> None:
    code, text, err = run("import", str(DATA / "aifdb_tweety.json"), "--semantics", "grounded")
    assert code == 0, err
    assert "[ra_103] tweety_is_a_bird => tweety_can_fly;" in text
    assert "ra_103 < ra_106;" in text
    justified = [line.strip("/ ").strip() for line in text.splitlines() if line.startswith("//   ")]
    assert "tweety_cannot_fly" in justified and "tweety_can_fly" not in justified
    theory = read_aif(DATA / "aifdb_tweety.json")
    expected = {str(x) for x in evaluate(theory, "grounded").justified_conclusions()}
    assert set(justified) == expected


def test_import_reports_the_line_of_a_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [\n  {"nodeID": "1", "text": "p", "type": "Q"}\n], "edges": []}\n')
    code, _, err = run("import", str(bad))
    assert code == 2
    assert f"{bad}:2:" in err.replace("\n", "")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_command_writes_the_report(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"r.{fmt}"
    code, _, err = run("report", SCENARIO, "--format", fmt, "--out", str(out), "--max-changes", "1")
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and 'id="counterfactuals"' in text
    else:
        assert text.startswith("# us\\_deal\\_2016\\_nuclear\\_conditions\\_met — United States")
        assert "## What would change the verdict" in text


def test_targets_resolve_from_doctrine_and_scenario_files(tmp_path: Path) -> None:
    from overture.doctrine import shipped_doctrine_dir
    from overture.interchange.exports import resolve_target

    folder = shipped_doctrine_dir("iran-us")
    doctrine = resolve_target(str(folder / "doctrine.yaml"))
    assert doctrine.scenario is None and doctrine.doctrine.id == "iran-us"
    scenario = resolve_target(str(folder / "scenarios" / "germany_deal_2015_trade.json"))
    assert scenario.scenario is not None and scenario.scenario.counterparty == "germany"
    copy = tmp_path / "mine.yaml"
    copy.write_text("counterparty: france\ntopics: [trade]\nmode: deal\ndate: 2015-11-01\n")
    mine = resolve_target(str(copy))
    assert mine.scenario is not None and mine.label == "mine"
    code, out, err = run("export", str(copy), "-f", "dot")
    assert code == 0 and out.startswith("digraph "), err
