"""Answer judging flags wrong answers loudly; the harness parses ICCMA output and really
kills a call that runs past its CPU limit."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from afbench import checker as ck
from afbench.harness import Run, _run, parse_iccma
from afbench.verify import InstanceChecker, cross_check

# 0 <-> 1 mutual attack, 1 -> 2, 3 unattacked attacks 4: preferred {0,2,3}, {1,3}
EDGES = np.array([[0, 1], [1, 0], [1, 2], [3, 4]], dtype=np.int64)


def _checker() -> InstanceChecker:
    return InstanceChecker(ck.Graph.build(5, EDGES), sat_timeout=10)


def _run_of(
    task: str,
    *,
    ext: set[int] | None,
    decision: bool | None = None,
    q: int | None = None,
    solver: str = "s",
) -> Run:
    return Run(
        solver,
        task,
        "i",
        q,
        "ok",
        seconds=0.1,
        decision=decision,
        extension=None if ext is None else frozenset(ext),
    )


@pytest.mark.parametrize(
    "run,expected",
    [
        (_run_of("SE-GR", ext={3}), "verified"),
        (_run_of("SE-GR", ext={3, 0}), "WRONG"),
        (_run_of("SE-PR", ext={0, 2, 3}), "verified"),
        (_run_of("SE-PR", ext={0, 3}), "WRONG"),  # admissible, not maximal
        (_run_of("SE-PR", ext=None), "WRONG"),
        (_run_of("SE-ST", ext={1, 3}), "verified"),
        (_run_of("SE-ST", ext={1}), "WRONG"),
        (_run_of("SE-ST", ext=None), "WRONG"),
        (_run_of("DC-CO", ext={0, 2, 3}, decision=True, q=2), "verified"),
        (_run_of("DC-CO", ext=None, decision=False, q=2), "WRONG"),
        (_run_of("DC-CO", ext=None, decision=False, q=4), "verified"),
        (_run_of("DS-PR", ext={1, 3}, decision=False, q=0), "verified"),
        (_run_of("DS-PR", ext={0, 3}, decision=False, q=1), "WRONG"),
        (_run_of("DS-PR", ext=None, decision=True, q=3), "verified"),
        (_run_of("DS-PR", ext=None, decision=True, q=4), "WRONG"),
    ],
)
def test_judge(run: Run, expected: str) -> None:
    assert _checker().judge(run).startswith(expected)


def test_cross_check_marks_the_answer_contradicting_a_verified_one() -> None:
    c = _checker()
    good = _run_of("DS-PR", ext={1, 3}, decision=False, q=0, solver="good")
    bad = _run_of("DS-PR", ext=None, decision=True, q=0, solver="bad")
    for r in (good, bad):
        r.verdict = c.judge(r)
    cross_check([good, bad])
    assert good.verdict == "verified"
    assert bad.verdict.startswith("WRONG") and "good" in bad.verdict


def test_cross_check_flags_unsettled_disagreement() -> None:
    a = _run_of("DS-PR", ext=None, decision=True, q=0, solver="a")
    b = _run_of("DS-PR", ext=None, decision=False, q=0, solver="b")
    a.verdict = b.verdict = "consistent"
    cross_check([a, b])
    assert a.verdict.startswith("DISAGREE") and b.verdict.startswith("DISAGREE")


def test_parse_iccma_output() -> None:
    assert parse_iccma("SE-PR", "w 1 3 4\n") == (None, frozenset({0, 2, 3}))
    assert parse_iccma("SE-ST", "NO\n") == (None, None)
    assert parse_iccma("SE-PR", "w\n") == (None, frozenset())
    assert parse_iccma("DS-PR", "NO\nw 2 4\n") == (False, frozenset({1, 3}))
    assert parse_iccma("DS-PR", "YES\n") == (True, None)
    assert parse_iccma("DC-CO", "YES\nw 1\n") == (True, frozenset({0}))
    with pytest.raises(ValueError):
        parse_iccma("DC-CO", "maybe\n")


def test_cpu_time_out_kills_the_call() -> None:
    status, _, cpu, _, reason = _run([sys.executable, "-c", "while True: pass"], timeout=1)
    assert status == "timeout" and reason == "CPU limit"
    assert cpu is not None and 0.8 <= cpu < 8


def test_ok_call_reports_output() -> None:
    status, wall, cpu, out, _ = _run([sys.executable, "-c", "print(42)"], timeout=20)
    assert status == "ok" and out.strip() == "42" and wall is not None and cpu is not None
