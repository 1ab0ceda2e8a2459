"""Malformed event logs get located errors (file:line:col), exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from overture.analysis.backtest import backtest
from overture.analysis.events import read_log
from overture.cli.main import app
from overture.errors import InputError

runner = CliRunner()

GOOD = """\
doctrine: iran-us
events:
  - id: e1
    date: 2025-04-12
    what: Oman talks.
    scenario: {counterparty: united_states, topics: [nuclear], mode: deal, channel: indirect}
    outcome: accepted
    source: {title: IRNA, publisher: IRNA, date: 2025-04-15}
"""

CASES = [
    ("outcome: accepted", "outcome: maybe", 7, "outcome"),
    ("date: 2025-04-12", "date: 2025-13-45", 4, "month must be in 1..12"),
    ("mode: deal,", "mode: war,", 6, "known modes"),
    ("channel: indirect}", "channel: carrier}", 6, "known channel values"),
    ("{title: IRNA, publisher: IRNA, date: 2025-04-15}", "{title: IRNA, date: 2025-04-15}", 8,
     "needs a url, a file or a publisher"),
    ("    what: Oman talks.\n", "", 3, "missing required field 'what'"),
    ("mode: deal,", "mode: deal, date: 2025-01-01,", 6, "takes the event's date"),
    ("    outcome: accepted\n", "    outcome: accepted\n    colour: red\n", 8, "unknown field 'colour'"),
]


@pytest.mark.parametrize(("old", "new", "line", "words"), CASES)
def test_each_malformed_entry_is_located(tmp_path: Path, old: str, new: str, line: int,
                                         words: str) -> None:
    p = tmp_path / "events.yaml"
    p.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(InputError) as info:
        backtest(p)
    assert words in info.value.message, info.value.message
    assert info.value.location is not None and info.value.location.line == line, str(info.value)
    r = runner.invoke(app, ["backtest", str(p)])
    assert r.exit_code == 2 and f"{p}:{line}:" in r.stderr and "Traceback" not in r.output


def test_duplicate_ids_empty_logs_and_other_files(tmp_path: Path) -> None:
    p = tmp_path / "events.yaml"
    twice = GOOD + GOOD.split("events:\n", 1)[1]
    p.write_text(twice, encoding="utf-8")
    with pytest.raises(InputError, match="duplicate event id 'e1'"):
        read_log(p)
    p.write_text("events: []\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_log(p)
    p.write_text("- just: text\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_log(p)
    p.write_bytes(b"\xff\xfe\x00")
    r = runner.invoke(app, ["backtest", str(p)])
    assert r.exit_code == 2 and "UTF-8" in r.stderr
    r = runner.invoke(app, ["backtest", str(tmp_path / "missing.yaml")])
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = runner.invoke(app, ["backtest", "iran-us", "--view", "nope"])
    assert r.exit_code == 2 and "unknown view" in r.stderr
    r = runner.invoke(app, ["backtest", "iran-us", "--out", str(tmp_path / "x.pdf")])
    assert r.exit_code == 2 and ".html" in r.stderr


def test_a_good_log_as_a_bare_list_and_the_schema(tmp_path: Path) -> None:
    p = tmp_path / "events.yaml"
    p.write_text(GOOD.split("events:\n", 1)[1].replace("\n  ", "\n").lstrip(" "), encoding="utf-8")
    report = backtest(p, "iran-us")
    assert report.views[0].results[0].event.id == "e1"
    r = runner.invoke(app, ["schema", "events"])
    assert r.exit_code == 0 and "outcome" in r.stdout

