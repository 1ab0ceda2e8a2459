#!/usr/bin/env python3
"""Overture against a native ICCMA solver, whole process against whole process.

    .venv/bin/python benchmarks/af/native.py            # ~10-15 min on 2 cores
    .venv/bin/python benchmarks/af/native.py --quick    # a few minutes

Builds µ-toksia from ../shared/peers/mu-toksia when g++ is present (otherwise the native column
is skipped, with the reason), then runs every (instance, task) as separate processes: Overture's
ICCMA entry point, the native solver, clingo with ASPARTIX-style encodings and pygarg (the
Python peers through afbench.worker, whose whole-process time includes their imports). Reps are
interleaved (each solver's k-th run before any (k+1)-th); the median wall time is reported.
Every answer is checked (afbench.verify) and cross-checked. The table goes into
docs/benchmarks/af.md between the `native` markers (the rest of the file is left as it is).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from afbench import checker as ck  # noqa: E402
from afbench import generators as gen  # noqa: E402
from afbench import native  # noqa: E402
from afbench.harness import REPO, Run, run_cli, run_library  # noqa: E402
from afbench.iccma_io import read_af, write_af  # noqa: E402
from afbench.verify import InstanceChecker, cross_check  # noqa: E402

BENCH = REPO.parent / "shared" / "iccma" / "bench"
BEGIN, END = "<!-- native:begin -->", "<!-- native:end -->"
SOLVERS = ("overture-cli", "native", "clingo", "pygarg")


def instances(tmp: Path, quick: bool) -> list[tuple[str, Path]]:
    """(name, .af file): the shared ICCMA files and generated families."""
    out = [("tiny-3", tmp / "tiny.af")]
    (tmp / "tiny.af").write_text("p af 3\n1 2\n2 1\n2 3\n", encoding="ascii")
    shared = ["admbuster_1000", "admbuster_10000", "a1210993_20150717_0403.gml.80"]
    if not quick:
        shared.insert(2, "admbuster_50000")
    out += [(name, BENCH / f"{name}.af") for name in shared if (BENCH / f"{name}.af").exists()]
    made = [("er-2000-p0.001", gen.make_er(2000, 0.001, 1)), ("grid-100", gen.make_grid(100, 1))]
    if not quick:
        made += [("er-2000-p0.002", gen.make_er(2000, 0.002, 1)),
                 ("ba-10000", gen.make_ba(10_000, 1, 1))]
    for name, inst in made:
        path = tmp / f"{name}.af"
        write_af(path, inst.n, inst.edges)
        out.append((name, path))
    return out


def queries(name: str, n: int) -> list[int]:
    """Query arguments for DS/DC: argument 1 (0-based 0), and one in the middle."""
    return [0] if name == "tiny-3" else [0, n // 2]


def measure(ns: argparse.Namespace) -> tuple[list[list[Run]], list[str], str]:
    tmp = Path(tempfile.mkdtemp(prefix="overture-native-"))
    binary, why = native.build(tmp)
    print("native:", binary or f"skipped ({why})", flush=True)
    groups: list[list[Run]] = []
    names: list[str] = []
    for name, path in instances(tmp, ns.quick):
        n, edges = read_af(path)
        apx = tmp / f"{name}.apx"
        if binary is not None:
            native.to_apx(n, edges, apx)
        checker = InstanceChecker(ck.Graph.build(n, edges), sat_timeout=max(30.0, ns.timeout))
        names.append(f"{name} ({n:,} arguments, {len(edges):,} attacks)")
        for task in ns.tasks:
            for q in queries(name, n) if task[:2] in ("DS", "DC") else [None]:
                reps: dict[str, list[Run]] = {s: [] for s in SOLVERS}
                for _ in range(ns.reps):
                    for solver in SOLVERS:
                        if reps[solver] and reps[solver][-1].status == "timeout":
                            continue  # one time-out is enough
                        if solver == "overture-cli":
                            r = run_cli(task, name, path, q, ns.timeout)
                        elif solver == "native":
                            if binary is None:
                                continue
                            r = native.run(binary, task, name, apx, q, ns.timeout)
                        else:
                            r = run_library(solver, task, name, path, q, ns.peer_timeout)
                        if r.status == "ok":
                            r.verdict = checker.judge(r)
                        reps[solver].append(r)
                group = [summary(runs) for runs in reps.values() if runs]
                cross_check(group)
                groups.append(group)
                shown = ", ".join(f"{r.solver} {cell(r)}" for r in group)
                print(f"{name} {task} q={q}: {shown}", flush=True)
    return groups, names, "" if binary else why


def summary(runs: list[Run]) -> Run:
    """The median run (by whole-process wall time) among the ok ones, else the first."""
    ok = [r for r in runs if r.status == "ok" and r.wall is not None]
    if not ok:
        return runs[0]
    ok.sort(key=lambda r: r.wall or 0.0)
    mid = ok[len(ok) // 2]
    mid.wall = statistics.median(r.wall or 0.0 for r in ok)
    return mid


def cell(r: Run | None) -> str:
    if r is None:
        return "–"
    if r.status == "ok" and r.wall is not None:
        mark = "" if r.verdict.startswith(("verified", "consistent")) else f" ({r.verdict})"
        return f"{r.wall:.3f}{mark}"
    return {"timeout": "t/o", "unsupported": "n/a"}.get(r.status, r.status)


def ratio(a: Run | None, b: Run | None) -> str:
    if a is None or b is None or a.status != "ok" or b.status != "ok" or not b.wall:
        return "–"
    return f"{(a.wall or 0.0) / b.wall:.2f}"


def render(groups: list[list[Run]], names: list[str], skipped: str,
           ns: argparse.Namespace) -> str:
    lines = [BEGIN, "", "## Against a native solver (whole process; `benchmarks/af/native.py`)", ""]
    if skipped:
        lines += [f"The native solver was not run: {skipped}.", ""]
    lines += [
        f"Median wall seconds of {ns.reps} interleaved runs per solver (one time-out stops the "
        f"reps), each a whole process from start to exit, as the ICCMA competitions time it; "
        f"time-out {ns.timeout:g} CPU s (Python peers {ns.peer_timeout:g}). native = µ-toksia, "
        "ICCMA 2019 version (C++, Glucose 4.1), built from ../shared/peers; clingo and pygarg "
        "through afbench.worker (their imports included). Ratios are Overture / peer "
        "(below 1: Overture faster). Every answer was checked by afbench.verify: wrong "
        "answers would be shown in the cell.",
        "",
        "Instances: " + "; ".join(names) + ".",
        "",
        "| instance | task | query | Overture | native | clingo | pygarg "
        "| / native | / clingo | / pygarg |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    wrong = 0
    for group in groups:
        by = {r.solver: r for r in group}
        first = group[0]
        wrong += sum(1 for r in group if r.verdict.startswith(("WRONG", "DISAGREE")))
        q = "" if first.query is None else str(first.query + 1)
        ov = by.get("overture-cli")
        lines.append(
            f"| {first.instance} | {first.task} | {q} | {cell(ov)} | {cell(by.get('native'))} "
            f"| {cell(by.get('clingo'))} | {cell(by.get('pygarg'))} "
            f"| {ratio(ov, by.get('native'))} | {ratio(ov, by.get('clingo'))} "
            f"| {ratio(ov, by.get('pygarg'))} |"
        )
    lines += ["", f"Wrong or disagreeing answers: {wrong}.", "", END]
    return "\n".join(lines) + "\n"


def write(text: str, out: Path) -> None:
    """Put the section between the markers of `out` (appended when there are none)."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        new = head + text.rstrip("\n") + tail
    else:
        new = old.rstrip("\n") + "\n\n" + text
    out.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer instances, one rep")
    ap.add_argument("--reps", type=int, default=None, help="interleaved runs (default 3)")
    ap.add_argument("--timeout", type=float, default=60.0, help="CPU s per call")
    ap.add_argument("--peer-timeout", type=float, default=20.0, help="CPU s, Python peers")
    ap.add_argument("--tasks", default="SE-PR,SE-ST,DS-PR,DC-CO,SE-GR")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" / "af.md")
    ns = ap.parse_args(argv)
    ns.tasks = ns.tasks.split(",")
    ns.reps = ns.reps or (1 if ns.quick else 3)
    groups, names, skipped = measure(ns)
    write(render(groups, names, skipped, ns), ns.out)
    print(f"wrote {ns.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
