"""The CLI's everyday edges (issue 20): text in square brackets survives Rich, a what-if lists
only what changed, an explanation draws each argument once, `--version`/`-h`, `--expect`."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from overture.cli.main import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
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
    code, out, _ = _run("explain", "us_indirect_2025_oman")
    assert code == 0
    assert len(out.splitlines()) < 800  # was 6,465 lines
    flat = " ".join(re.sub(r"[│├└─]", " ", out).split())
    flat = flat[flat.index("Winning line"):]  # after the verdict's own summary
    _, js, _ = _run("explain", "us_indirect_2025_oman", "--json")
    data = json.loads(js)

    def walk(lines: list[dict]) -> tuple[dict[str, str], set[str]]:
        glosses: dict[str, str] = {}
        names: set[str] = set()
        for line in lines:
            glosses[line["argument"]["id"]] = line["argument"]["gloss"]
            for c in line["challenges"]:
                names.add(c["attacker"]["rule_id"] or c["attacker"]["id"])
                if c.get("answered_by"):
                    g, n = walk([c["answered_by"]])
                    glosses.update(g)
                    names |= n
            g, n = walk(line["subs"])
            glosses.update(g)
            names |= n
        return glosses, names

    glosses, names = walk(data["winning"] + data["opposing"])
    for gloss in glosses.values():  # each argument drawn in full once: its gloss once
        assert flat.count(" ".join(gloss.split())) == 1, gloss
    for name in names:
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


def test_the_doctrine_is_given_either_way_and_names_complete() -> None:
    import os
    import subprocess
    import sys

    assert _run("check", "-d", "us-iran", "--json")[0] == 0
    assert json.loads(_run("hypotheses", "-d", "iran-us", "--json")[1])["hypotheses"]
    code, _, err = _run("check", "us-iran", "-d", "dprk-us")
    assert code == 2 and "two doctrines" in err
    from pathlib import Path

    script = [str(Path(sys.executable).parent / "overture")]  # the console script's own name

    def complete(words: str, cword: int) -> list[str]:
        env = {**os.environ, "_OVERTURE_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(cword)}
        out = subprocess.run(script, env=env, capture_output=True, text=True, timeout=60)
        return out.stdout.split()

    got = complete("overture evaluate us_deal_2012", 2)
    assert got == ["us_deal_2012_normalization"]
    assert complete("overture evaluate x -s se", 4) == ["semi-stable"]
    assert "dprk-us" in complete("overture rules -d d", 3)


def test_check_without_a_corpus_shows_the_closest_passage_of_a_misquote(tmp_path: Path) -> None:
    import shutil

    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root / "src/overture/doctrines/us_iran", tmp_path / "us_iran")
    doc = tmp_path / "us_iran" / "doctrine.yaml"
    original = "only diplomacy can bring about a durable solution"
    text = doc.read_text(encoding="utf-8")
    assert original in text
    doc.write_text(text.replace(original, "only diplomacy could bring about a lasting solution",
                                1), encoding="utf-8")
    shared = root.parent / "shared"
    code, out, _ = _run("check", str(doc), "--sources", str(shared), "--json")
    data = json.loads(out)
    (bad,) = [q for q in data["quotes"] if q["found"] is False]
    assert original in bad["closest"] and 0.8 < bad["similarity"] < 1
    code, out, _ = _run("check", str(doc), "--sources", str(shared))
    assert code != 0 and "closest (" in out and "similar)" in out
