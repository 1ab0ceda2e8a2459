"""The CLI's everyday edges (issue 20): text in square brackets survives Rich, a what-if lists
only what changed, an explanation draws each argument once, `--version`/`-h`, `--expect`."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from overture.cli.main import app

runner = CliRunner()


def _run(*args: str, width: int = 80) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={"COLUMNS": str(width)})
    return r.exit_code, r.stdout, r.stderr


def test_what_if_prints_bracketed_conclusions_and_only_real_changes() -> None:
    code, out, _ = _run("what-if", "us_deal_2012_normalization", "--set",
                        "us_behavior_changed=true")
    assert code == 0
    _, js, _ = _run("what-if", "us_deal_2012_normalization", "--set",
                    "us_behavior_changed=true", "--json")
    data = json.loads(js)
    changed = data["changed_arguments"]
    undercuts = [c["conclusion"] for c in changed if c["conclusion"].startswith("~[")]
    assert undercuts, "the exception's undercuts are among the changes"
    for lit in undercuts:  # each named in full in the table, not swallowed as markup
        assert lit in out
    shown = {c["conclusion"] for c in changed if not c["rule_id"]}
    # the fact that was set flips; topics that did not change are not listed
    assert shown == {"us_behavior_changed", "~us_behavior_changed"}
    assert "topic." not in out
    code, out, _ = _run("what-if", "us_deal_2012_normalization", "--set", "view=official",
                        "--json")
    assert all(c["rule_id"] for c in json.loads(out)["changed_arguments"])


def test_explain_draws_each_argument_once_and_names_every_attacker() -> None:
    code, out, _ = _run("explain", "us_indirect_2025_oman", width=1000)  # one line per node
    assert code == 0
    heads = re.findall(r"(?:in|out|undec) (\w+) ⇒ \S+ \([^)]*\)( \(shown above\))?", out)
    full = [rule for rule, again in heads if not again]
    assert full and len(full) == len(set(full)), "an argument expanded twice"
    assert len(_run("explain", "us_indirect_2025_oman")[1].splitlines()) < 800  # was 6,465
    _, js, _ = _run("explain", "us_indirect_2025_oman", "--json")
    data = json.loads(js)

    def attackers(lines: list[dict]) -> set[str]:
        got: set[str] = set()
        for line in lines:
            for c in line["challenges"]:
                got.add(c["attacker"]["rule_id"] or c["attacker"]["id"])
            got |= attackers(line["subs"])
        return got

    flat = " ".join(out.split())
    for name in attackers(data["winning"]) | attackers(data["opposing"]):
        assert name in flat, name


def test_version_help_and_version_json() -> None:
    for flag in ("--version", "-V"):
        code, out, _ = _run(flag)
        assert code == 0 and re.fullmatch(r"overture \d+\.\d+\.\d+\S*\n", out)
    code, out, _ = _run("-h")
    assert code == 0 and "Usage" in out
    code, out, _ = _run("evaluate", "-h")
    assert code == 0 and "--expect" in out
    code, out, _ = _run("version", "--json")
    data = json.loads(out)
    assert code == 0 and data["overture"] and data["packages"]["python-sat"]


def test_evaluate_expect_exits_3_on_another_verdict() -> None:
    assert _run("evaluate", "us_deal_2012_normalization", "--expect", "forbidden")[0] == 0
    code, _, err = _run("evaluate", "us_deal_2012_normalization", "--expect", "Permitted")
    assert code == 3 and "expected permitted, got forbidden" in err
    code, out, _ = _run("evaluate", "us_deal_2012_normalization", "--expect", "permitted",
                        "--json")
    assert code == 3 and json.loads(out)["verdict"] == "forbidden"
    code, _, err = _run("evaluate", "us_deal_2012_normalization", "--expect", "maybe")
    assert code == 2 and "unknown verdict" in err
