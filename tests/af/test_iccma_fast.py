"""The lean ICCMA path of the `overture` command answers exactly as the full command line."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from overture.af.answer import PROBLEMS
from overture.cli.iccma import parse_fast, run_fast
from overture.cli.main import app

EXAMPLE = Path(__file__).resolve().parents[2] / "src/overture/data/examples/reinstatement.af"
runner = CliRunner()


def _fast(args: list[str]) -> tuple[int | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_fast(args, out, err)
    return code, out.getvalue(), err.getvalue()


def _full(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, ["af", *args])
    return result.exit_code, result.output


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 7),
    edges=st.lists(st.tuples(st.integers(1, 7), st.integers(1, 7)), max_size=14),
    problem=st.sampled_from(PROBLEMS),
    query=st.integers(1, 7),
)
def test_same_answer_as_the_full_command(
    tmp_path_factory: pytest.TempPathFactory,
    n: int,
    edges: list[tuple[int, int]],
    problem: str,
    query: int,
) -> None:
    path = tmp_path_factory.mktemp("af") / "x.af"
    kept = sorted({(a, b) for a, b in edges if a <= n and b <= n})
    path.write_text(f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in kept))
    args = ["-p", problem, "-f", str(path), "-a", str(min(query, n))]
    code, out, err = _fast(args)
    assert (code, out) == _full(args) and err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--problems"],
        ["--formats"],
        ["-p", "DS-PR", "-f", str(EXAMPLE), "-a", "5"],
        ["--problem", "EE-ST", "--file", str(EXAMPLE), "--format", "i23", "--timeout", "30"],
    ],
)
def test_flags_and_spellings(args: list[str]) -> None:
    code, out, _ = _fast(args)
    assert (code, out) == _full(args)


def test_errors_name_the_place_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.af"
    bad.write_text("p af 3\n1 2\n2 9\n")
    for args, message in [
        (["-p", "SE-PR", "-f", str(bad)], f"{bad}:3:3:"),
        (["-p", "SE-XX", "-f", str(EXAMPLE)], "unknown problem"),
        (["-p", "DC-PR", "-f", str(EXAMPLE)], "needs a query argument (-a)"),
        (["-p", "DC-PR", "-f", str(EXAMPLE), "-a", "42"], "no argument named '42'"),
        (["-p", "SE-PR", "-f", str(tmp_path / "missing.af")], "no such file"),
    ]:
        code, out, err = _fast(args)
        assert code == 2 and out == "" and err.startswith("error: ") and message in err
        assert _full(args)[0] == 2


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["-p", "SE-PR"],
        ["-f", str(EXAMPLE)],
        ["-p", "SE-PR", "-f", str(EXAMPLE), "--verbose"],
        ["-p", "SE-PR", "-f", str(EXAMPLE), "--timeout", "soon"],
        ["-p"],
        ["solve", str(EXAMPLE)],
    ],
)
def test_anything_else_is_left_to_the_full_command(args: list[str]) -> None:
    assert parse_fast(args) is None
    assert _fast(args)[0] is None


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; sys.argv = ['overture', *sys.argv[1:]]; from overture.cli.entry import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )


def test_the_console_script_takes_the_lean_path_and_falls_back() -> None:
    probe = (
        "import sys; from overture.cli.iccma import run_fast; "
        f"run_fast(['-p', 'SE-GR', '-f', {str(EXAMPLE)!r}]); "
        "print(sorted(m for m in ('typer', 'rich', 'overture.corpus', 'overture.doctrine') "
        "if m in sys.modules))"
    )
    lean = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert lean.stdout.splitlines() == ["w 1 3", "[]"], lean.stderr
    done = _script("af", "-p", "DS-PR", "-f", str(EXAMPLE), "-a", "5")
    assert (done.returncode, done.stdout) == (0, "NO\nw 1 3 4\n")
    bad = _script("af", "-p", "SE-XX", "-f", str(EXAMPLE))
    assert bad.returncode == 2 and "unknown problem" in bad.stderr
    helped = _script("af", "--help")
    assert helped.returncode == 0 and "ICCMA" in helped.stdout
