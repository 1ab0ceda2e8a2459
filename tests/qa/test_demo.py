"""`overture demo` (the README's `make demo`): readable at 80 columns and at full width, ends
with a one-line summary, and exits non-zero only when a shipped test disagrees."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overture.cli.common import console
from overture.cli.main import app
from overture.doctrine import load_doctrine, shipped_doctrine_dir

runner = CliRunner()
SUMMARY = re.compile(r"^(\d+) scenarios, (\d+) as expected\.$")


@pytest.fixture
def width() -> Iterator[None]:
    before = console.width
    yield
    console.width = before


def demo(columns: int, *args: str) -> tuple[int, list[str]]:
    console.width = columns
    result = runner.invoke(app, ["demo", *args], env={"COLUMNS": str(columns)})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, [line.rstrip() for line in result.stdout.splitlines()]


@pytest.mark.parametrize("columns", [80, 200])
def test_demo_fits_the_terminal_and_ends_with_a_summary(columns: int, width: None) -> None:
    code, lines = demo(columns)
    n = len(load_doctrine("iran-us").tests)
    assert code == 0
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    match = SUMMARY.match(lines[-1])
    assert match and match.groups() == (str(n), str(n)), lines[-1]
    body = "\n".join(lines)
    # every scenario is a row: its date shows once per row, in date order
    dates = re.findall(r"^[│ ]*(\d{4}-\d{2}-\d{2}) ", body, flags=re.M)
    assert len(dates) == n and dates == sorted(dates)
    assert "Supreme Leader" in lines[0]


def test_demo_exits_one_when_a_shipped_test_disagrees(tmp_path: Path, width: None) -> None:
    text = (shipped_doctrine_dir("iran-us") / "doctrine.yaml").read_text(encoding="utf-8")
    first = text.index("    expect: permitted")
    broken = text[:first] + "    expect: forbidden" + text[first + len("    expect: permitted"):]
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    code, lines = demo(80, "--doctrine", str(path))
    n = len(load_doctrine(path).tests)
    assert code == 1
    assert lines[-1] == f"{n} scenarios, {n - 1} as expected."
    assert any(line.startswith("not as expected: ") for line in lines)
    assert any("✗ forbidden" in line for line in lines)
