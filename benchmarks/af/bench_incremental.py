#!/usr/bin/env python3
"""The persistent solver on a sweep: one attack removed at a time, a query asked, the attack
put back, against building a fresh `Solver` for every variant.

    .venv/bin/python benchmarks/af/bench_incremental.py [--out docs/benchmarks/incremental.md]

This is the shape of a counterfactual search over a framework ("which single attack, removed,
changes the answer?"). Both ways answer the same queries; the answers are compared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from afbench import generators as gen  # noqa: E402
from afbench.iccma_io import read_af  # noqa: E402

from overture.af import ArgumentationFramework, Solver  # noqa: E402
from overture.af.incremental import IncrementalSolver  # noqa: E402

REPO = HERE.parent.parent
BENCH = REPO.parent / "shared" / "iccma" / "bench"


def sweep(n: int, edges: list[tuple[int, int]], query: int, task: str, steps: int
          ) -> tuple[float, float, int, int]:
    """(fresh seconds, incremental seconds, queries, answers that flipped)."""
    chosen = edges[:: max(1, len(edges) // steps)][:steps]
    started = time.perf_counter()
    fresh = []
    for edge in chosen:
        rest = [e for e in edges if e != edge]
        solver = Solver(ArgumentationFramework.from_edges(n, rest), task[-2:])
        fresh.append((solver.skeptical if task.startswith("DS") else solver.credulous)(query)[0])
    t_fresh = time.perf_counter() - started
    started = time.perf_counter()
    inc = IncrementalSolver(ArgumentationFramework.from_edges(n, edges))
    ask = inc.skeptical if task.startswith("DS") else inc.credulous
    got = []
    for edge in chosen:
        inc.remove_attack(*edge)
        got.append(ask(query, task[-2:])[0])
        inc.add_attack(*edge)
    t_inc = time.perf_counter() - started
    if got != fresh:
        raise SystemExit(f"answers differ on {task}: {got} vs {fresh}")
    base = Solver(ArgumentationFramework.from_edges(n, edges), task[-2:])
    answer = (base.skeptical if task.startswith("DS") else base.credulous)(query)[0]
    return t_fresh, t_inc, len(chosen), sum(1 for x in got if x != answer)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" / "incremental.md")
    ns = ap.parse_args(argv)
    cases = []
    for name, inst in (("ER n=200 p=0.02", gen.make_er(200, 0.02, 1)),
                       ("ER n=1000 p=0.002", gen.make_er(1000, 0.002, 2)),
                       ("grid 30x30", gen.make_grid(30, 1))):
        cases.append((name, inst.n, [tuple(e) for e in inst.edges.tolist()]))
    for file in ("admbuster_1000",):
        path = BENCH / f"{file}.af"
        if path.exists():
            n, edges = read_af(path)
            cases.append((file, n, [tuple(e) for e in edges.tolist()]))
    lines = ["# The persistent solver on a sweep", "",
             f"`benchmarks/af/bench_incremental.py`, {time.strftime('%Y-%m-%d')}: for "
             f"{ns.steps} attacks spread over the framework, remove the attack, ask the query "
             "about argument 1, put it back. *fresh*: a new framework and `Solver` per variant "
             "(what a caller without the persistent mode does); *incremental*: one "
             "`IncrementalSolver` edited in place. Same answers (checked). Wall seconds of the "
             "whole sweep, one run each on the shared 2-core machine.", "",
             "| framework | arguments | attacks | task | variants | flipped | fresh s | "
             "incremental s | speed-up |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|"]
    for name, n, edges in cases:
        for task in ("DS-PR", "DC-CO"):
            t_fresh, t_inc, count, flipped = sweep(n, edges, 0, task, ns.steps)
            row = (f"| {name} | {n:,} | {len(edges):,} | {task} | {count} | {flipped} | "
                   f"{t_fresh:.2f} | {t_inc:.2f} | {t_fresh / t_inc:.1f}x |")
            print(row, flush=True)
            lines.append(row)
    ns.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
