"""The `overture af` commands: ICCMA 2023 output format exactly, friendly mode, errors, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from overture.cli.main import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "src/overture/data/examples/reinstatement.af"


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["af", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("problem", "query", "expected"),
    [
        ("SE-GR", None, "w 1 3\n"),
        ("SE-CO", None, "w 1 3\n"),
        ("SE-ST", None, "w 1 3 5 7\n"),
        ("SE-SST", None, "w 1 3 5 7\n"),
        ("SE-ID", None, "w 1 3\n"),
        ("DC-PR", "4", "YES\nw 1 3 4\n"),
        ("DC-ST", "4", "NO\n"),
        ("DC-CO", "2", "NO\n"),
        ("DC-GR", "3", "YES\nw 1 3\n"),
        ("DS-PR", "3", "YES\n"),
        ("DS-PR", "5", "NO\nw 1 3 4\n"),
        ("DS-ST", "5", "YES\n"),
        ("DS-ID", "4", "NO\nw 1 3\n"),
        ("CE-PR", None, "2\n"),
        ("CE-CO", None, "3\n"),
        ("CE-ST", None, "1\n"),
    ],
)
def test_iccma_answers(problem: str, query: str | None, expected: str) -> None:
    args = ["-p", problem, "-f", str(EXAMPLE)] + (["-a", query] if query else [])
    code, out = _run(*args)
    assert code == 0, out
    assert out == expected


def test_iccma_enumeration_lines() -> None:
    code, out = _run("-p", "EE-PR", "-f", str(EXAMPLE))
    assert code == 0
    assert sorted(out.splitlines()) == ["w 1 3 4", "w 1 3 5 7"]


def test_iccma_empty_extension_and_no_stable(tmp_path: Path) -> None:
    path = tmp_path / "odd.af"
    path.write_text("p af 3\n1 2\n2 3\n3 1\n")
    assert _run("-p", "SE-PR", "-f", str(path)) == (0, "w\n")
    assert _run("-p", "SE-ST", "-f", str(path)) == (0, "NO\n")
    assert _run("-p", "DS-ST", "-f", str(path), "-a", "1") == (0, "YES\n")
    assert _run("-p", "CE-ST", "-f", str(path)) == (0, "0\n")


def test_iccma_apx_names_and_format_option(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("arg(a).\narg(b).\natt(a,b).\n")
    assert _run("-p", "SE-GR", "-f", str(path), "-fo", "apx") == (0, "w a\n")
    assert _run("-p", "DC-PR", "-f", str(path), "-fo", "apx", "-a", "b") == (0, "NO\n")


def test_problems_and_formats() -> None:
    code, out = _run("--problems")
    assert code == 0
    assert out.startswith("[") and out.endswith("]\n") and " " not in out
    problems = out.strip()[1:-1].split(",")
    for task in ("DC", "DS", "SE", "EE", "CE"):
        for sem in ("CO", "GR", "PR", "ST", "SST", "STG", "ID"):
            assert f"{task}-{sem}" in problems
    assert _run("--formats") == (0, "[i23,apx,tgf]\n")


def test_iccma_errors_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.af"
    bad.write_text("p af 3\n1 2\n2 9\n")
    code, out = _run("-p", "SE-PR", "-f", str(bad))
    assert code == 2 and f"{bad}:3:3:" in out and "Traceback" not in out
    code, out = _run("-p", "SE-XX", "-f", str(EXAMPLE))
    assert code == 2 and "unknown problem" in out
    code, out = _run("-p", "DC-PR", "-f", str(EXAMPLE))
    assert code == 2 and "-a" in out
    code, out = _run("-p", "DC-PR", "-f", str(EXAMPLE), "-a", "42")
    assert code == 2 and "no argument named '42'" in out
    code, out = _run("-p", "SE-PR", "-f", str(tmp_path / "missing.af"))
    assert code == 2 and "no such file" in out


def test_friendly_solve_table_and_acceptance() -> None:
    code, out = _run("solve", str(EXAMPLE), "--semantics", "preferred", "--task", "enumerate")
    assert code == 0
    assert "{1, 3, 4}" in out and "{1, 3, 5, 7}" in out and "2 extension(s) shown" in out
    code, out = _run("solve", str(EXAMPLE), "-s", "stable", "-t", "skeptical", "-a", "7")
    assert code == 0 and "is accepted skeptically" in out
    code, out = _run("solve", str(EXAMPLE), "-s", "PR", "-t", "DS", "-a", "5")
    assert code == 0 and "not accepted" in out and "{1, 3, 4}" in out
    code, out = _run("solve", str(EXAMPLE), "-s", "semi-stable", "-t", "count")
    assert code == 0 and "1 semi-stable extension(s)" in out


def test_friendly_errors() -> None:
    code, out = _run("solve", str(EXAMPLE), "-s", "bogus")
    assert code == 2 and "valid names" in out
    code, out = _run("solve", str(EXAMPLE), "-t", "juggle")
    assert code == 2 and "unknown task" in out
    code, out = _run("solve", str(EXAMPLE), "-t", "credulous")
    assert code == 2 and "--argument" in out


def test_info_and_convert(tmp_path: Path) -> None:
    code, out = _run("info", str(EXAMPLE))
    assert code == 0 and "arguments" in out and "8" in out
    target = tmp_path / "out.apx"
    code, out = _run("convert", str(EXAMPLE), str(target))
    assert code == 0
    assert target.read_text().startswith("arg(1).\n")
    assert _run("-p", "SE-ST", "-f", str(target)) == (0, "w 1 3 5 7\n")
    tgf = tmp_path / "out.dat"
    code, _ = _run("convert", str(target), str(tgf), "--to", "tgf")
    assert code == 0 and "#\n" in tgf.read_text()
