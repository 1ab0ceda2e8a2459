"""Running one solver call in a fresh subprocess with a hard time-out and a memory cap.

The child gets its own session, so a time-out kills its whole process group (SIGKILL);
an address-space limit keeps a runaway peer from taking the shared machine down.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # benchmarks/af
REPO = HERE.parent.parent
MEMORY_LIMIT = 6 * 1024**3


@dataclass
class Run:
    """Outcome of one call. status: ok | timeout | error | unsupported | skipped."""

    solver: str
    task: str
    instance: str
    query: int | None
    status: str
    seconds: float | None = None  # CPU seconds of build + solve in the child; None unless ok
    wall: float | None = None  # wall seconds of the whole subprocess, start to exit
    solve_wall: float | None = None  # wall seconds of build + solve in the child
    cpu: float | None = None  # CPU seconds (user + sys) of the whole subprocess
    decision: bool | None = None
    extension: frozenset[int] | None = None
    reason: str = ""
    verdict: str = ""  # filled by the checker: verified | consistent | WRONG: ... | ...


WALL_FACTOR = 6.0  # wall-clock backstop = this many times the CPU limit (shared machine)


def _limits(cpu_seconds: float) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        soft = max(1, math.ceil(cpu_seconds))
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 5))

    return apply


def _run(cmd: list[str], timeout: float) -> tuple[str, float | None, float | None, str, str]:
    """(status, wall, cpu, stdout, stderr) with status ok | timeout | error.

    The time-out is in CPU seconds of the child (RLIMIT_CPU: SIGXCPU kills it), which keeps
    verdicts stable on a loaded machine; a wall-clock backstop of WALL_FACTOR x catches hangs.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = str(HERE) + os.pathsep + env.get("PYTHONPATH", "")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
        start_new_session=True,
        preexec_fn=_limits(timeout),
    )
    try:
        out, err = proc.communicate(timeout=timeout * WALL_FACTOR + 10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "timeout", None, None, "", "wall-clock backstop"
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode == -signal.SIGXCPU or (
        proc.returncode == -signal.SIGKILL and cpu >= timeout * 0.9
    ):
        return "timeout", None, cpu, "", "CPU limit"
    if proc.returncode != 0:
        return "error", wall, cpu, out, f"exit status {proc.returncode}; {err}"
    return "ok", wall, cpu, out, err


def run_library(
    solver: str, task: str, instance: str, file: Path, query: int | None, timeout: float
) -> Run:
    """A library call through afbench.worker (timed inside the child)."""
    cmd = [sys.executable, "-m", "afbench.worker", solver, task, str(file)]
    if query is not None:
        cmd.append(str(query))
    status, wall, cpu, out, err = _run(cmd, timeout)
    run = Run(solver, task, instance, query, status, wall=wall, cpu=cpu)
    if status != "ok":
        run.reason = _tail(err)
        return run
    try:
        data = json.loads(out.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        run.status, run.reason = "error", "no JSON answer: " + _tail(out + err)
        return run
    run.status = data["status"]
    if run.status != "ok":
        run.reason = data.get("reason", "")
        return run
    run.seconds = float(data["cpu"])
    run.solve_wall = float(data["seconds"])
    run.decision = data["decision"]
    run.extension = None if data["extension"] is None else frozenset(data["extension"])
    return run


def overture_cli() -> list[str]:
    exe = Path(sys.executable).with_name("overture")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "overture.cli.main"]


def parse_iccma(task: str, text: str) -> tuple[bool | None, frozenset[int] | None]:
    """ICCMA 2023 output -> (decision, 0-based certificate). Raises ValueError if malformed."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if not lines:
        raise ValueError("empty output")

    def cert(line: str) -> frozenset[int]:
        parts = line.split()
        if not parts or parts[0] != "w":
            raise ValueError(f"expected a 'w ...' line, got {line!r}")
        return frozenset(int(x) - 1 for x in parts[1:])

    if task.startswith("SE"):
        if lines[0] == "NO":
            return None, None
        return None, cert(lines[0])
    if lines[0] not in ("YES", "NO"):
        raise ValueError(f"expected YES/NO, got {lines[0]!r}")
    ok = lines[0] == "YES"
    return ok, cert(lines[1]) if len(lines) > 1 else None


def run_process(solver: str, task: str, instance: str, query: int | None, cmd: list[str],
                timeout: float,
                parse: Callable[[str, str], tuple[bool | None, frozenset[int] | None]]) -> Run:
    """A solver as a whole process (wall = start to exit), its output read by `parse`."""
    status, wall, cpu, out, err = _run(cmd, timeout)
    run = Run(solver, task, instance, query, status, wall=wall, cpu=cpu, seconds=cpu)
    if status != "ok":
        run.seconds = None
        run.reason = _tail(err or out)
        return run
    try:
        run.decision, run.extension = parse(task, out)
    except ValueError as exc:
        run.status, run.seconds, run.reason = "error", None, f"bad output: {exc}"
    return run


def run_cli(task: str, instance: str, file: Path, query: int | None, timeout: float) -> Run:
    """`overture af -p TASK -f FILE [-a Q]` as a whole process (wall = start to exit)."""
    cmd = [*overture_cli(), "af", "-p", task, "-f", str(file)]
    if query is not None:
        cmd += ["-a", str(query + 1)]
    return run_process("overture-cli", task, instance, query, cmd, timeout, parse_iccma)


def _tail(text: str, limit: int = 300) -> str:
    text = text.strip()
    return text if len(text) <= limit else "…" + text[-limit:]
