#!/usr/bin/env python3
"""Start-up of the ICCMA entry point against a bare interpreter (issue 21's budget: 40 ms).

    .venv/bin/python benchmarks/af/bench_startup.py [--before SRC] [--out docs/benchmarks/startup.md]

Times, as whole processes and interleaved (median of --reps), `python -c pass` and
`overture af` on a 3-argument file for a few tasks, with this checkout's `src/` and optionally
another's (`--before`, e.g. a clone of an older commit); records the largest cumulative
entries of `python -X importtime` for each. Bytecode is written (PYTHONDONTWRITEBYTECODE
unset) so the figures are those of an installed package, after a warm-up call.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENTRY = ("import sys; from overture.cli.entry import main; "
         "sys.argv = ['overture', *sys.argv[1:]]; main()")
TASKS = (("DS-PR", "1"), ("SE-PR", None), ("DC-CO", "3"), ("SE-GR", None))


def _env(src: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def _command(file: Path, task: str, query: str | None) -> list[str]:
    return [sys.executable, "-c", ENTRY, "af", "-p", task, "-f", str(file),
            *(["-a", query] if query else [])]


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def _importtime(cmd: list[str], env: dict[str, str], top: int = 8) -> list[tuple[str, int]]:
    done = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], env=env, capture_output=True,
                          text=True, check=True)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _own, cumulative, name = (part.strip() for part in
                                  line.removeprefix("import time:").split("|"))
        rows.append((name, int(cumulative)))
    return sorted(rows, key=lambda r: -r[1])[:top]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--before", type=Path, default=None, help="another checkout's src/")
    ap.add_argument("--reps", type=int, default=21)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" / "startup.md")
    ns = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="overture-startup-"))
    tiny = tmp / "tiny.af"
    tiny.write_text("p af 3\n1 2\n2 1\n2 3\n", encoding="ascii")
    sources = {"now": REPO / "src"}
    if ns.before is not None:
        sources["before"] = ns.before
    bare_env = _env(None)
    cases = [("python -c pass", [sys.executable, "-c", "pass"], bare_env)]
    for label, src in sources.items():
        for task, query in TASKS:
            cases.append((f"overture af -p {task} ({label})", _command(tiny, task, query),
                          _env(src)))
    for _, cmd, env in cases:  # warm-up: bytecode written, caches filled
        _wall(cmd, env)
    times: dict[str, list[float]] = {label: [] for label, _, _ in cases}
    for _ in range(ns.reps):
        for label, cmd, env in cases:
            times[label].append(_wall(cmd, env))
    bare = statistics.median(times["python -c pass"])
    lines = ["# Start-up of the ICCMA entry point", "",
             f"`benchmarks/af/bench_startup.py`, {time.strftime('%Y-%m-%d')}: median wall "
             f"time of {ns.reps} interleaved whole-process runs on a 3-argument file (a "
             "2-cycle and an attack out of it, so every task but SE-GR calls the SAT solver); "
             "bytecode written as in an installed package. Budget (issue 21): within 40 ms of "
             "`python -c pass`.", "",
             "| command | median ms | over bare Python |", "|---|---:|---:|"]
    for label, _, _ in cases:
        med = statistics.median(times[label])
        lines.append(f"| `{label}` | {med * 1000:.1f} | {(med - bare) * 1000:+.1f} |")
    for label, src in sources.items():
        rows = _importtime(_command(tiny, "DS-PR", "1"), _env(src))
        lines += ["", f"`python -X importtime` of `overture af -p DS-PR` ({label}), largest "
                  "cumulative entries (µs, instrumented, so larger than the wall times):", "",
                  "| module | cumulative µs |", "|---|---:|"]
        lines += [f"| {name} | {us:,} |" for name, us in rows]
    ns.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
