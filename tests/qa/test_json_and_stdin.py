"""Every command that prints results takes `--json` (and prints JSON a parser reads), and every
command that reads a file takes `-` for standard input (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overture.cli.main import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "src/overture/doctrines/iran_us/scenarios/us_deal_2012_normalization.yaml"
DOCTRINE = ROOT / "src/overture/doctrines/us_iran/doctrine.yaml"
AF = "p af 3\n1 2\n2 3\n"
THEORY = "premise: a;\n[r1] a => b;\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "s.sqlite3"
    seeds = sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))
    r = runner.invoke(app, ["corpus", "add", *seeds, "--store", str(path), "--no-embed"])
    assert r.exit_code == 0, r.output
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    out = {"af": folder / "x.af", "theory": folder / "t.aspic"}
    out["af"].write_text(AF, encoding="utf-8")
    out["theory"].write_text(THEORY, encoding="utf-8")
    r = runner.invoke(app, ["export", "us_deal_2012_normalization", "-f", "aif", "-o",
                            str(folder / "x.json")])
    assert r.exit_code == 0, r.output
    out["aif"] = folder / "x.json"
    return out


JSON_COMMANDS: list[list[str]] = [
    ["demo"], ["scenarios"], ["version"], ["rules"], ["check"],
    ["evaluate", "us_deal_2012_normalization"], ["explain", "us_deal_2012_normalization"],
    ["why-not", "us_deal_2012_normalization"],
    ["what-if", "us_deal_2012_normalization", "--set", "us_behavior_changed=true"],
    ["counterfactual", "us_deal_2012_normalization", "--max-changes", "1"],
    ["timeline", "us_deal_2012_normalization"], ["views", "us_deal_2012_normalization"],
    ["hypotheses"], ["backtest", "iran-us"],
    ["joint", "iran-us+us-iran", "--date", "2013-11-24"], ["joint", "--list"],
    ["af", "solve", "{af}"], ["af", "info", "{af}"], ["aspic", "{theory}"],
    ["import", "{aif}"],
    ["corpus", "list", "--store", "{store}"], ["corpus", "search", "talks", "--store", "{store}"],
    ["corpus", "show", "000_c3a760e5657fa5f1.txt", "--store", "{store}"],
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_json_output_parses(args: list[str], files: dict[str, Path], store: Path) -> None:
    values = {**{k: str(v) for k, v in files.items()}, "store": str(store)}
    argv = [a.format(**values) for a in args] + ["--json"]
    r = runner.invoke(app, argv)
    assert r.exit_code == 0, r.output
    assert isinstance(json.loads(r.stdout), (dict, list))


def _stdin_cases() -> list[tuple[list[str], str, str]]:
    scenario = SCENARIO.read_text(encoding="utf-8")
    return [
        (["evaluate", "-", "--json"], scenario, '"verdict"'),
        (["explain", "-", "--json"], scenario, '"winning"'),
        (["export", "-", "-f", "argdown"], scenario, "accept_talks"),
        (["check", "-", "--json"], DOCTRINE.read_text(encoding="utf-8"), '"ok": true'),
        (["af", "-p", "DC-PR", "-f", "-", "-a", "3"], AF, "YES"),
        (["af", "solve", "-", "--json"], AF, '"extensions"'),
        (["aspic", "-", "--json"], THEORY, '"justified"'),
    ]


@pytest.mark.parametrize(("args", "stdin", "says"), _stdin_cases(),
                         ids=lambda x: " ".join(x[:2]) if isinstance(x, list) else "")
def test_dash_reads_standard_input(args: list[str], stdin: str, says: str) -> None:
    r = runner.invoke(app, args, input=stdin)
    assert r.exit_code == 0, r.output
    assert says in r.stdout


def test_report_import_and_corpus_add_read_standard_input(files: dict[str, Path],
                                                          tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["report", "-", "--no-analyses", "-o", str(out)],
                      input=SCENARIO.read_text(encoding="utf-8"))
    assert r.exit_code == 0, r.output
    assert "<html" in out.read_text(encoding="utf-8")
    r = runner.invoke(app, ["import", "-", "-s", "grounded", "--json"],
                      input=files["aif"].read_text(encoding="utf-8"))
    assert r.exit_code == 0, r.output
    assert "accept_talks" in r.stdout
    text = "On 2013-02-07 the Leader said that talks with America solve nothing.\n"
    r = runner.invoke(app, ["corpus", "add", "-", "--name", "leader.txt", "--store",
                            str(tmp_path / "s.db"), "--no-embed", "--json"], input=text)
    assert r.exit_code == 0, r.output
    (outcome,) = json.loads(r.stdout)["outcomes"]
    assert outcome["status"] == "added" and outcome["path"] == "<stdin> (leader.txt)"
    r = runner.invoke(app, ["corpus", "add", "-", "--name", "../x.txt", "--store",
                            str(tmp_path / "s.db")], input=text)
    assert r.exit_code == 2 and "--name" in r.output


def test_a_document_from_standard_input_is_recorded_as_such(tmp_path: Path) -> None:
    # no temporary file: the store says where the text came from, and errors name <stdin>
    from overture.corpus import CorpusStore

    store = tmp_path / "s.db"
    text = "On 2013-02-07 the Leader said that talks with America solve nothing.\n"
    r = runner.invoke(app, ["corpus", "add", "-", "--name", "leader.md", "--store", str(store),
                            "--no-embed", "--json"], input=text)
    assert r.exit_code == 0, r.output
    with CorpusStore.open(store) as opened:
        (doc,) = opened.documents()
    assert (doc.source_path, doc.source_name, doc.source_format) == ("<stdin>", "leader.md",
                                                                     "markdown")
    r = runner.invoke(app, ["corpus", "add", "-", "--name", "bad.txt", "--store", str(store),
                            "--no-embed"], input=b"fine\nbad \xff byte\n")
    assert r.exit_code == 2
    assert "<stdin>:2:5" in r.output and "UTF-8" in r.output
    assert "overture-stdin" not in r.output and "/tmp" not in r.output
    r = runner.invoke(app, ["corpus", "add", "-", "-", "--store", str(store)], input=text)
    assert r.exit_code == 2 and "once" in r.output
