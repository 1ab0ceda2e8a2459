#!/usr/bin/env python3
"""Run every area's benchmark in turn (`make bench`); each writes docs/benchmarks/<area>.md.

    .venv/bin/python benchmarks/run_all.py                 # everything (about an hour)
    .venv/bin/python benchmarks/run_all.py --quick af web  # some areas, short settings

The summary with the headline ratios is docs/benchmarks.md, edited by hand after a run.
Benchmarks run one after another: two at once on this 2-core machine would time each other.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: area -> (script, arguments for a full run, arguments for a quick run)
AREAS: dict[str, tuple[str, list[str], list[str]]] = {
    "af": ("af/run.py", [], ["--quick"]),
    "aspic": ("aspic/bench.py", [], ["--sizes", "100", "1000", "--repeat", "1"]),
    "doctrine": ("doctrine/bench.py", [], ["--repeat", "5"]),
    "analysis": ("analysis/bench_analysis.py", [], ["--quick"]),
    "corpus": ("corpus/bench_corpus.py", [], ["--docs", "1000", "--queries", "50"]),
    "interchange": ("interchange/bench.py", [], ["--repeat", "3"]),
    "web": ("web/load_evaluate.py", [], ["--requests", "300", "--seconds", "15"]),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("areas", nargs="*", help=f"some of {', '.join(AREAS)} (default: all)")
    ap.add_argument("--quick", action="store_true", help="short settings, for a smoke run")
    ns = ap.parse_args(argv)
    unknown = [a for a in ns.areas if a not in AREAS]
    if unknown:
        ap.error(f"unknown area {', '.join(unknown)}; choose from {', '.join(AREAS)}")
    failed: list[str] = []
    for area in ns.areas or list(AREAS):
        script, full, quick = AREAS[area]
        cmd = [sys.executable, str(HERE / script), *(quick if ns.quick else full)]
        print(f"== {area}: {' '.join(cmd[1:])}", flush=True)
        t0 = time.monotonic()
        code = subprocess.call(cmd, cwd=ROOT)
        print(f"== {area}: exit {code} after {time.monotonic() - t0:.0f} s", flush=True)
        if code != 0:
            failed.append(area)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
