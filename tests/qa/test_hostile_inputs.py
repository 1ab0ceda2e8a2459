"""Hostile input to every doctrine and analysis command: each bad file or flag value ends in a
clear message naming the place (file:line:col where the file has one) and exit code 2, never a
traceback and never exit 1 (which means "the doctrine's own tests failed")."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overture.cli.main import app
from overture.doctrine import shipped_doctrine_dir
from overture.doctrine.yamlpos import MAX_BYTES

runner = CliRunner()
SHIPPED = (shipped_doctrine_dir("iran-us") / "doctrine.yaml").read_text(encoding="utf-8")
EXAMPLE = "us_deal_2016_nuclear_conditions_met"
GOOD_SCENARIO = "counterparty: united_states\ntopics: [nuclear]\nmode: deal\ndate: 2015-11-01\n"
BOMB = ('a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n")


@dataclass(frozen=True)
class Bad:
    """A hostile file: its name, its bytes, and what the error must say about where."""

    name: str
    content: bytes | None  # None: the path does not exist; b"<dir>": a directory
    place: str  # regex the message must contain; {p} stands for the file's path
    what: str  # words the message must contain


def _common(kind: str) -> list[Bad]:
    return [
        Bad(f"{kind}_missing.yaml", None, "{p}", "no such file"),
        Bad(f"{kind}_dir", b"<dir>", "{p}", "directory"),
        Bad(f"{kind}_empty.yaml", b"", "{p}:1:1", "empty"),
        Bad(f"{kind}_garbage.yaml", bytes(range(255, 0, -1)) * 40, "{p}", "not UTF-8"),
        Bad(f"{kind}_latin1.yaml", b"counterparty: caf\xe9\n", "{p}", "not UTF-8"),
        Bad(f"{kind}_unclosed.yaml", b"counterparty: united_states\ntopics: [nuclear\nmode: deal\n",
            "{p}:3:5", "malformed YAML"),
        Bad(f"{kind}_list.yaml", b"- a\n- b\n", "{p}:1:1", "mapping"),
        Bad(f"{kind}_string.yaml", b'"just a string"\n', "{p}:1:1", "mapping"),
        Bad(f"{kind}_huge.yaml", b"id: x\n" + b"#" * (MAX_BYTES + 10) + b"\n", "{p}", "limit"),
        Bad(f"{kind}_bomb.yaml", BOMB.encode(), "{p}:1:4", "aliases"),
    ]


SCENARIO_FILES = [
    *_common("scenario"),
    Bad("scenario_yesterday.yaml", GOOD_SCENARIO.replace("2015-11-01", "yesterday").encode(),
        "{p}:4:7", "date"),
    Bad("scenario_month13.yaml", GOOD_SCENARIO.replace("2015-11-01", "2015-13-45").encode(),
        "{p}:4:7", "2015-13-45"),
    Bad("scenario_topics5.yaml", GOOD_SCENARIO.replace("[nuclear]", "5").encode(),
        "{p}:2:9", "topics"),
    Bad("scenario_unknown.yaml", GOOD_SCENARIO.replace("united_states", "atlantis").encode(),
        "{p}:1:15", "unknown counterparty 'atlantis'; known counterparties: united_states"),
    Bad("scenario_unknown_fact.yaml", (GOOD_SCENARIO + "facts: {nofact: true}\n").encode(),
        "{p}:5:9", "unknown fact 'nofact'"),
]


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


DOCTRINE_FILES = [
    *_common("doctrine"),
    Bad("doctrine_yesterday.yaml", SHIPPED.replace("date: 2012-10-31", "date: yesterday", 1)
        .encode(), f"{{p}}:{_line_of(SHIPPED, 'date: 2012-10-31')}:11", "date"),
    Bad("doctrine_month13.yaml", SHIPPED.replace("date: 2012-10-31", "date: 2012-13-45", 1)
        .encode(), f"{{p}}:{_line_of(SHIPPED, 'date: 2012-10-31')}:11", "2012-13-45"),
    Bad("doctrine_topics5.yaml",
        re.sub(r"(?ms)^topics:\n(  - .*?\n)+", "topics: 5\n", SHIPPED, count=1).encode(),
        f"{{p}}:{_line_of(SHIPPED, chr(10) + 'topics:') + 1}:9", "topics"),
    Bad("doctrine_unknown_quote.yaml",
        SHIPPED.replace("quotes: [a_no_goodwill]", "quotes: [no_such_quote]", 1).encode(),
        f"{{p}}:{_line_of(SHIPPED, 'quotes: [a_no_goodwill]')}:", "no_such_quote"),
]

SCENARIO_COMMANDS: dict[str, list[str]] = {
    "evaluate": [], "explain": [], "why-not": [], "what-if": [], "counterfactual": [],
    "timeline": [], "views": [], "sweep": ["--vary", "mode"],
}
DOCTRINE_COMMANDS: dict[str, list[str]] = {  # command -> how it is given a doctrine file
    "check": [], "hypotheses": [], "rules": ["--doctrine"], "demo": ["--doctrine"],
    "scenarios": ["--doctrine"],
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for bad in SCENARIO_FILES + DOCTRINE_FILES:
        if bad.content == b"<dir>":
            (root / bad.name).mkdir()
        elif bad.content is not None:
            (root / bad.name).write_bytes(bad.content)
    return root


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    from overture.cli.common import console, err_console

    before = console.width, err_console.width
    console.width = err_console.width = 400
    yield
    console.width, err_console.width = before


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout + result.stderr


def assert_input_error(code: int, output: str, bad: Bad | None = None,
                       path: Path | None = None) -> None:
    assert "Traceback" not in output, output
    assert code == 2, output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert errors, output
    if bad is not None and path is not None:
        place = re.escape(bad.place).replace(re.escape("{p}"), re.escape(str(path)))
        assert any(re.search(place, e) for e in errors), (place, output)
        assert any(bad.what.lower() in e.lower() for e in errors), (bad.what, output)


@pytest.mark.parametrize("command", SCENARIO_COMMANDS)
@pytest.mark.parametrize("bad", SCENARIO_FILES, ids=lambda b: b.name)
def test_hostile_scenario_file(command: str, bad: Bad, hostile: Path) -> None:
    path = hostile / bad.name
    code, out = invoke(command, str(path), *SCENARIO_COMMANDS[command])
    assert_input_error(code, out, bad, path)


@pytest.mark.parametrize("command", [*SCENARIO_COMMANDS, *DOCTRINE_COMMANDS])
@pytest.mark.parametrize("bad", DOCTRINE_FILES, ids=lambda b: b.name)
def test_hostile_doctrine_file(command: str, bad: Bad, hostile: Path) -> None:
    path = hostile / bad.name
    if command in SCENARIO_COMMANDS:
        args = [command, EXAMPLE, "--doctrine", str(path), *SCENARIO_COMMANDS[command]]
    else:
        args = [command, *DOCTRINE_COMMANDS[command], str(path)]
    code, out = invoke(*args)
    assert_input_error(code, out, bad, path)


BAD_FLAGS: list[tuple[list[str], str]] = [
    (["what-if", EXAMPLE, "--set", "nofact=1"], "unknown variable 'nofact'"),
    (["what-if", EXAMPLE, "--set", "guarantees_offered=maybe"], "'maybe'"),
    (["what-if", EXAMPLE, "--set", "guarantees_offered"], "name=value"),
    (["what-if", EXAMPLE, "--set", "=1"], "name=value"),
    (["what-if", EXAMPLE, "--date", "2015-13-45"], "2015-13-45"),
    (["what-if", EXAMPLE, "--date", "yesterday"], "yesterday"),
    (["what-if", EXAMPLE, "--mode", "war"], "'war'"),
    (["what-if", EXAMPLE, "--topics", "nonsense"], "unknown topic 'nonsense'"),
    (["what-if", EXAMPLE, "--topics", ","], "--topics names nothing"),
    (["what-if", EXAMPLE, "--counterparty", "atlantis"], "'atlantis'"),
    (["what-if", EXAMPLE, "--view", "nope"], "'nope'"),
    (["what-if", EXAMPLE, "--initiated-by", "nobody"], "'nobody'"),
    (["counterfactual", EXAMPLE, "--max-changes", "-1"], "--max-changes"),
    (["counterfactual", EXAMPLE, "--target", "nonsense"], "'nonsense'"),
    (["counterfactual", EXAMPLE, "--vary", "unknown"], "unknown variable 'unknown'"),
    (["counterfactual", EXAMPLE, "--strategy", "guess"], "'guess'"),
    (["counterfactual", EXAMPLE, "--vary", ","], "--vary names nothing"),
    (["sweep", EXAMPLE, "--vary", "unknown"], "unknown variable 'unknown'"),
    (["sweep", EXAMPLE, "--vary", ","], "--vary names nothing"),
    (["sweep", EXAMPLE, "--vary", "mode=war|deal"], "'war'"),
    (["sweep", EXAMPLE, "--vary", "date=2015-13-45"], "2015-13-45"),
    (["sweep", EXAMPLE, "--vary", "mode", "--workers", "-1"], "--workers"),
    (["sweep", EXAMPLE, "--vary", "counterparty,mode,date,view,initiated_by,nuclear,trade,"
      "iraq_security,regional_security,sanctions,economy,normalization,religious_values,"
      "revolutionary_values,us_behavior_changed,guarantees_offered,sanctions_lifted_first"],
     "exceed the limit"),
    (["sweep", EXAMPLE, "--vary", "mode", "--out", "rows.txt"], ".csv or .parquet"),
    (["sweep", EXAMPLE, "--vary", "mode", "--semantics", "bogus"], "'bogus'"),
    (["timeline", EXAMPLE, "--from", "2015-13-45"], "2015-13-45"),
    (["timeline", EXAMPLE, "--to", "yesterday"], "yesterday"),
    (["timeline", EXAMPLE, "--from", "2016", "--to", "2010"], "empty span"),
    (["timeline", EXAMPLE, "--out", "chart.txt"], "must end in .svg"),
    (["evaluate", EXAMPLE, "--semantics", "bogus"], "'bogus'"),
    (["evaluate", EXAMPLE, "--view", "nope"], "unknown view 'nope'"),
    (["explain", EXAMPLE, "--view", "nope"], "unknown view 'nope'"),
    (["why-not", EXAMPLE, "--verdict", "maybe"], "'maybe'"),
    (["views", EXAMPLE, "--semantics", "bogus"], "'bogus'"),
    (["evaluate", "no_such_example"], "no_such_example"),
    (["rules", "--view", "nope"], "unknown view 'nope'"),
    (["check", "--semantics", "bogus"], "'bogus'"),
    (["demo", "--semantics", "bogus"], "'bogus'"),
    (["demo", "--doctrine", "no-such-doctrine"], "no-such-doctrine"),
    (["scenarios", "--doctrine", "no-such-doctrine"], "no-such-doctrine"),
    (["hypotheses", "no-such-doctrine"], "no-such-doctrine"),
    (["check", "--corpus", "no-such-store.sqlite3"], "no corpus store"),
    (["check", "--map", "x"], "--map"),
    (["explain", EXAMPLE, "--corpus", "no-such-store.sqlite3"], "no corpus store"),
    (["check", "--sources", "no-such-folder"], "--sources must be a folder"),
    (["schema", "nonsense"], "nonsense"),
]


@pytest.mark.parametrize("args,says", BAD_FLAGS, ids=lambda a: " ".join(a) if isinstance(a, list)
                         else "")
def test_bad_flag_values(args: list[str], says: str, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: uncaught {result.exception!r}") from result.exception
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code == 2, output
    assert says in output, output
    assert not list(tmp_path.iterdir()), "a rejected command wrote a file"


def test_unwritable_outputs_are_input_errors_checked_before_the_work(hostile: Path) -> None:
    blocked = hostile / "scenario_empty.yaml"  # a file, so nothing can be created under it
    for args in (["timeline", EXAMPLE, "--out", str(blocked / "chart.png")],
                 ["sweep", EXAMPLE, "--vary", "mode", "--out", str(blocked / "rows.csv")],
                 ["sweep", EXAMPLE, "--vary", "mode", "--out", str(hostile / "scenario_dir")]):
        code, out = invoke(*args)
        assert_input_error(code, out)
        assert "sweeping" not in out and "Timeline" not in out  # refused before any work
        assert str(blocked if "scenario_dir" not in args[-1] else hostile) in out


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "overture.cli.main", *args], input=stdin,
                          capture_output=True, env=env, timeout=120, check=False)


def test_real_exit_codes_in_a_subprocess(hostile: Path) -> None:
    """The process itself exits 2 with one error line on stderr (not just CliRunner)."""
    cases = [
        (["evaluate", str(hostile / "scenario_month13.yaml")], None,
         f"{hostile / 'scenario_month13.yaml'}:4:7"),
        (["what-if", EXAMPLE, "--set", "fact=maybe"], None, "unknown variable 'fact'"),
        (["check", str(hostile / "doctrine_bomb.yaml")], None, "aliases"),
        (["evaluate", "-"], b"counterparty: caf\xe9\n", "<stdin>: not UTF-8"),
        (["sweep", "-", "--vary", "mode"], b"- [unclosed\n", "<stdin>:2:1"),
    ]
    for args, stdin, says in cases:
        proc = _run(*args, stdin=stdin)
        err = proc.stderr.decode("utf-8", "replace")
        out = proc.stdout.decode("utf-8", "replace")
        assert proc.returncode == 2, (args, out, err)
        assert "Traceback" not in err + out
        assert says in err + out, (args, out, err)
        if args[0] != "check":  # check lists every problem of a doctrine
            assert len(err.strip().splitlines()) == 1, err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_files_hit_the_size_bound() -> None:
    """A device reports size 0 but never ends: reading stops one byte past the limit."""
    for args in (["evaluate", "/dev/zero"], ["evaluate", EXAMPLE, "--doctrine", "/dev/zero"],
                 ["check", "/dev/zero"]):
        code, out = invoke(*args)
        assert_input_error(code, out)
        assert "/dev/zero: file is larger than the limit" in out


def test_a_binary_source_text_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "000_c3a760e5657fa5f1.txt").write_bytes(b"\xff\xfe\x00binary")
    code, out = invoke("check", "--sources", str(tmp_path))
    assert_input_error(code, out)
    assert f"{tmp_path / '000_c3a760e5657fa5f1.txt'}: source text is not UTF-8" in out


def test_a_doctrine_whose_arguments_explode_is_refused(tmp_path: Path) -> None:
    """25 links with two rules each: 2^25 arguments unless the bound on arguments stops it."""
    chain = []
    for i in range(25):
        holds = f"holds: [p{i - 1}], " if i else ""
        chain += [f"  - {{id: x{i}_{k}, when: {{{holds}counterparty: [germany]}}, then: p{i}, "
                  "source: khamenei_2015, stated: 2015-10-07, quotes: [c_european], gloss: g.}"
                  for k in (0, 1)]
    chain.append("  - {id: x_top, when: {holds: [p24]}, then: accept_talks, source: khamenei_2015,"
                 " stated: 2015-10-07, quotes: [c_european], gloss: g.}")
    path = tmp_path / "explode.yaml"
    path.write_text(SHIPPED.replace("\nrules:\n", "\nrules:\n" + "\n".join(chain) + "\n", 1),
                    encoding="utf-8")
    scenario = shipped_doctrine_dir("iran-us") / "scenarios" / "germany_deal_2015_trade.json"
    code, out = invoke("evaluate", str(scenario), "--doctrine", str(path))
    assert_input_error(code, out)
    assert "arguments" in out
