"""`overture aspic`: tables, JSON, explanations and error exits."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from overture.cli.main import app

SNORES = """# the snoring professor
premise: snores, professor;
[d1] snores => misbehaves;
[d2] misbehaves => access_denied;
[d3] professor => access_allowed;
access_denied <> access_allowed;
d1 < d2; d1 < d3; d3 < d2;
snores < professor;
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "t.aspic"
    p.write_text(text, encoding="utf-8")
    return p


def test_json_lists_justified_conclusions_per_ordering(tmp_path: Path) -> None:
    p = _write(tmp_path, SNORES)
    runner = CliRunner()
    last = runner.invoke(app, ["aspic", str(p), "--json"])
    assert last.exit_code == 0, last.output
    data = json.loads(last.output)
    assert "access_denied" in data["justified"]["skeptical"]
    assert "access_allowed" not in data["justified"]["credulous"]
    weakest = runner.invoke(app, ["aspic", str(p), "--json", "--link", "weakest",
                                  "--explain", "access_denied"])
    data = json.loads(weakest.output)
    assert "access_allowed" in data["justified"]["skeptical"]
    [arg] = data["explain"]["arguments"]
    assert arg["label"] == "out"
    [att] = arg["attacks"]
    assert att["defeat"] and att["kind"] == "rebut" and ["d1", "d3"] in att["preferences"]


def test_table_and_explain_tree(tmp_path: Path) -> None:
    p = _write(tmp_path, "premise: a, c; [r1] a => b; [u] c => ~[r1]; u < r1;")
    res = CliRunner().invoke(app, ["aspic", str(p), "--explain", "b"])
    assert res.exit_code == 0, res.output
    assert "~[r1]" in res.output and "not justified" in res.output
    assert "undercuts" in res.output and "exception" in res.output


def test_transposition_warning_and_flag(tmp_path: Path) -> None:
    p = _write(tmp_path, "[f1] -> wr; [f2] -> go; [r1] wr => m; [r2] go => b;"
                         "[s1] m -> hw; [s2] b -> ~hw;")
    runner = CliRunner()
    res = runner.invoke(app, ["aspic", str(p), "--json"])
    data = json.loads(res.output)
    assert {"hw", "~hw"} <= set(data["justified"]["skeptical"])
    assert [w["kind"] for w in data["warnings"]] == ["not-transposed", "not-transposed"]
    res = runner.invoke(app, ["aspic", str(p), "--json", "--transpose", "-s", "preferred"])
    data = json.loads(res.output)
    assert data["justified"]["skeptical"] == ["go", "wr"] and data["warnings"] == []


def test_bad_input_exits_2_with_location(tmp_path: Path) -> None:
    p = _write(tmp_path, "[r1] p => q;\n[r2] q =>\n")
    res = CliRunner().invoke(app, ["aspic", str(p)])
    assert res.exit_code == 2
    assert f"{p}:3:1" in res.output and "expected a literal" in res.output
    res = CliRunner().invoke(app, ["aspic", str(tmp_path / "missing.aspic")])
    assert res.exit_code == 2 and "cannot read theory" in res.output
    good = tmp_path / "good.aspic"
    good.write_text("premise: a;", encoding="utf-8")
    res = CliRunner().invoke(app, ["aspic", str(good), "--semantics", "nonsense"])
    assert res.exit_code == 2 and "unknown semantics" in res.output


def test_orderings_accept_text_and_reject_unknown(tmp_path: Path) -> None:
    from overture.aspic import Comparison, Link, Ordering

    assert Ordering("weakest", "democratic") == Ordering(Link.WEAKEST,  # type: ignore[arg-type]
                                                         Comparison.DEMOCRATIC)
    p = _write(tmp_path, SNORES)
    res = CliRunner().invoke(app, ["aspic", str(p), "--link", "strongest"])
    assert res.exit_code == 2 and "unknown ordering 'strongest'" in res.output


def test_explain_shows_why_the_attacker_loses(tmp_path: Path) -> None:
    p = _write(tmp_path, "premise: a, b, c; [r1] a => x; [r2] b => ~x; [r3] c => ~[r2];")
    res = CliRunner().invoke(app, ["aspic", str(p), "--explain", "x"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    rebut = next(i for i, line in enumerate(lines) if "rebuts A4" in line)
    undercut = next(i for i, line in enumerate(lines) if "undercuts A5" in line)
    assert rebut < undercut  # the undercut of the rebutter is nested below the rebuttal
    assert "x: justified" in res.output


def test_argument_bound_is_an_input_error(tmp_path: Path) -> None:
    lines = ["premise: x0;"] + [f"[a{i}] x{i - 1} => x{i}; [b{i}] x{i - 1} => x{i};"
                                for i in range(1, 12)]
    p = _write(tmp_path, "\n".join(lines))
    res = CliRunner().invoke(app, ["aspic", str(p), "--max-arguments", "500"])
    assert res.exit_code == 2 and "more than 500 arguments" in res.output
    assert CliRunner().invoke(app, ["aspic", str(p)]).exit_code == 0
