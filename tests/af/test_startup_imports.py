"""The ICCMA entry point imports only what the task needs: issue 21's start-up budget.

Timing itself lives in benchmarks/af/bench_startup.py; here, what a call imports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: What a small ICCMA call must not load: the issue's list and the imports that cost most.
HEAVY = ("numpy", "pydantic", "rich", "typer", "pysat.solvers", "pysat.formula", "dataclasses",
         "typing", "inspect", "pathlib")

_PROBE = """
import json, sys
before = set(sys.modules)
sys.argv = ["overture", "af", *sys.argv[1:]]
from overture.cli.entry import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "baseline": sorted(before), "loaded": sorted(sys.modules)}))
"""


def _loaded(args: list[str]) -> tuple[set[str], str]:
    """Modules an `overture af ARGS` call loads beyond a bare interpreter's, and its output."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                          text=True, timeout=120, check=True)
    *answer, last = done.stdout.strip().splitlines()
    report = json.loads(last)
    assert report["code"] in (0, None), done.stderr
    return set(report["loaded"]) - set(report["baseline"]), "\n".join(answer)


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules for h in HEAVY if m == h or m.startswith(h + "."))


@pytest.mark.parametrize("problem", ["DS-PR", "DC-CO", "SE-PR", "SE-ST", "DS-ST", "SE-ID",
                                     "EE-PR", "CE-ST", "DS-SST", "DC-STG"])
@pytest.mark.parametrize("fmt", ["i23", "apx", "tgf"])
def test_small_iccma_call_loads_no_heavy_module(tmp_path: Path, problem: str, fmt: str) -> None:
    text = {
        "i23": "p af 3\n1 2\n2 3\n2 1\n",
        "apx": "arg(1).\narg(2).\narg(3).\natt(1,2).\natt(2,3).\natt(2,1).\n",
        "tgf": "1\n2\n3\n#\n1 2\n2 3\n2 1\n",
    }[fmt]
    path = tmp_path / f"small.{fmt if fmt != 'i23' else 'af'}"
    path.write_text(text)
    args = ["-p", problem, "-f", str(path)]
    if problem.startswith("D"):
        args += ["-a", "1"]
    loaded, answer = _loaded(args)
    assert answer.split()[0] in {"YES", "NO", "w", "1", "2"}, answer
    assert _heavy(loaded) == []
    assert "pysolvers" in loaded  # the cycle 1 <-> 2 needs the SAT solver, reached directly


def test_small_call_answers_like_the_library(tmp_path: Path) -> None:
    """The light path answers as the full engine does (the DS-PR witness included)."""
    from overture.af import ArgumentationFramework, Solver

    path = tmp_path / "x.af"
    path.write_text("p af 4\n1 2\n2 1\n1 3\n2 3\n3 4\n")
    _, answer = _loaded(["-p", "DS-PR", "-f", str(path), "-a", "4"])
    af = ArgumentationFramework.from_edges(4, [(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)])
    ok, _ = Solver(af, "PR").skeptical(3)
    assert answer.splitlines()[0] == ("YES" if ok else "NO")


def test_large_file_still_parses_with_numpy(tmp_path: Path) -> None:
    """Big files keep the vectorised reader (numpy loaded only because the file pays for it)."""
    n = 60_000
    lines = [f"p af {n}"] + [f"{i} {i + 1}" for i in range(1, n)]
    path = tmp_path / "chain.af"
    path.write_text("\n".join(lines) + "\n")
    loaded, answer = _loaded(["-p", "DC-GR", "-f", str(path), "-a", "1"])
    assert answer.splitlines()[0] == "YES"
    assert "numpy" in loaded
