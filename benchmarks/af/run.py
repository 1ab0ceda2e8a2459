#!/usr/bin/env python3
"""AF benchmark: Overture against the Python peers and clingo, same instances, same run.

    .venv/bin/python benchmarks/af/run.py --quick            # a few minutes
    .venv/bin/python benchmarks/af/run.py --timeout 60       # the full run (~20-30 min)

Generates the instances into a temporary directory (deleted afterwards), runs every
(solver, task) call in its own subprocess under a CPU-time limit, checks every answer and
writes docs/benchmarks/af.md. See docs/benchmarks/af.md for the method.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from afbench import checker as ck  # noqa: E402
from afbench import generators as gen  # noqa: E402
from afbench import plan as pl  # noqa: E402
from afbench import report as rp  # noqa: E402
from afbench.harness import REPO, Run, run_cli, run_library  # noqa: E402
from afbench.iccma_io import write_af  # noqa: E402
from afbench.solvers import ADAPTERS, DECISION_TASKS, TASKS  # noqa: E402
from afbench.verify import InstanceChecker, cross_check  # noqa: E402

ALL_SOLVERS = ("overture", "overture-cli", "clingo", "pygarg", "py_arg", "formal-arg")


def _args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small plan, short time-out")
    ap.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="CPU seconds per call (default 10 quick, 40 full)",
    )
    ap.add_argument("--seeds", type=int, default=None, help="seeds per random family")
    ap.add_argument("--solvers", default=",".join(ALL_SOLVERS))
    ap.add_argument("--tasks", default=",".join(TASKS))
    ap.add_argument("--iccma-dir", type=Path, default=REPO.parent / "shared" / "iccma" / "bench")
    ap.add_argument("--no-big", action="store_true", help="skip the 10^6-attack grounded target")
    ap.add_argument("--big-repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" / "af.md")
    ap.add_argument("--json", type=Path, default=None, help="also dump raw results here")
    ap.add_argument("--only", default="", help="comma list of instance-name substrings")
    return ap.parse_args(argv)


# Budget rules. After a time-out a solver is skipped on the same series at the same or a
# higher difficulty level (e.g. denser ER at 2,000 arguments); enumeration-only solvers
# (py_arg) are skipped on every instance with at least as many arguments. Nothing is skipped
# for Overture's library call on the hard instance. The whole-process CLI runs every task on
# the target and ICCMA instances and SE-GR elsewhere.
BY_ARGS_ONLY = ("py_arg",)


def _skip_reason(
    tos: list[tuple[str, float, int]], p: pl.Planned, solver: str, n: int
) -> str | None:
    for series, level, n0 in tos:
        if series == p.series and level <= p.level:
            return "timed out on an easier instance of this series"
        if solver in BY_ARGS_ONLY and n0 <= n:
            return "timed out on an instance with fewer arguments"
    return None


def run_matrix(ns: argparse.Namespace, tmp: Path) -> tuple[list[Run], list[dict[str, Any]]]:
    solvers = [s for s in ns.solvers.split(",") if s]
    tasks = [t for t in ns.tasks.split(",") if t]
    planned = pl.plan(ns.quick, ns.iccma_dir, ns.seeds)
    if ns.only:
        keys = ns.only.split(",")
        planned = [p for p in planned if any(k in p.name for k in keys)]
    runs: list[Run] = []
    infos: list[dict[str, Any]] = []
    timeouts: dict[tuple[str, str], list[tuple[str, float, int]]] = {}
    for idx, p in enumerate(planned, 1):
        inst = p.build()
        path = tmp / f"{inst.name}.af"
        write_af(path, inst.n, inst.edges, comment=inst.name)
        g = ck.Graph.build(inst.n, inst.edges)
        checker = InstanceChecker(g, sat_timeout=max(30.0, ns.timeout))
        q = pl.pick_query(inst.name, g, checker.grounded)
        infos.append(
            {
                "name": inst.name,
                "group": p.group,
                "n": inst.n,
                "m": inst.num_attacks,
                "target": p.target,
                "hard": p.hard,
                "query": q,
                "grounded": len(checker.grounded),
            }
        )
        print(
            f"[{idx}/{len(planned)}] {inst.name}: n={inst.n} m={inst.num_attacks} "
            f"|GR|={len(checker.grounded)} query={q + 1}",
            flush=True,
        )
        for task in tasks:
            query = q if task in DECISION_TASKS else None
            group_runs: list[Run] = []
            for solver in solvers:
                key = (solver, task)
                lib_to = any(r.solver == "overture" and r.status == "timeout" for r in group_runs)
                why = None
                if not (solver == "overture" and p.hard):
                    why = _skip_reason(timeouts.get(key, []), p, solver, inst.n)
                if solver == "overture-cli" and lib_to:
                    why = "library call timed out on this instance"
                cli_here = p.target or p.hard or p.series.startswith(("admbuster", "a1", "st_"))
                if solver == "overture-cli" and task != "SE-GR" and not cli_here:
                    continue
                if why:
                    r = Run(solver, task, inst.name, query, "skipped", reason=why)
                elif solver == "overture-cli":
                    r = run_cli(task, inst.name, path, query, ns.timeout)
                else:
                    r = run_library(solver, task, inst.name, path, query, ns.timeout)
                if r.status == "timeout":
                    timeouts.setdefault(key, []).append((p.series, p.level, inst.n))
                if r.status == "ok":
                    r.verdict = checker.judge(r)
                group_runs.append(r)
            cross_check(group_runs)
            line = "  ".join(_brief(r) for r in group_runs)
            print(f"    {task}: {line}", flush=True)
            for r in group_runs:
                if r.verdict.startswith(("WRONG", "DISAGREE")):
                    print(f"    !!! {r.solver} {task} {inst.name}: {r.verdict}", flush=True)
            runs += group_runs
        path.unlink()
    return runs, infos


def _brief(r: Run) -> str:
    if r.status == "ok":
        flag = "" if r.verdict.startswith(("verified", "consistent")) else "!"
        return f"{r.solver}={r.seconds:.2f}s{flag}"
    return f"{r.solver}={r.status[:4].upper()}"


def big_grounded(ns: argparse.Namespace, tmp: Path) -> list[dict[str, Any]]:
    """The target: grounded on >= 10^6 attacks in < 2 s wall, process start included."""
    out: list[dict[str, Any]] = []
    cases: list[tuple[str, Callable[[], gen.Instance]]] = [
        (
            "er_n100000_m1e6",
            lambda: gen.Instance(
                "er_n100000_m1e6", "ER", 100_000, gen.erdos_renyi(100_000, 1e-4, 7)
            ),
        ),
        ("ba_n500000_m2", lambda: gen.make_ba(500_000, 2, 7)),
    ]
    for name, build in cases:
        inst = build()
        path = tmp / f"{name}.af"
        write_af(path, inst.n, inst.edges, comment=name)
        g = ck.Graph.build(inst.n, inst.edges)
        truth = ck.grounded(g)
        print(f"[big] {name}: n={inst.n} m={inst.num_attacks} |GR|={len(truth)}", flush=True)
        cli = []
        for _ in range(ns.big_repeats):
            r = run_cli("SE-GR", name, path, None, max(ns.timeout, 30))
            r.verdict = (
                ("verified" if r.extension == truth else "WRONG: not the grounded extension")
                if r.status == "ok"
                else ""
            )
            cli.append(r)
            print(f"    overture-cli wall={r.wall} cpu={r.cpu} {r.status} {r.verdict}", flush=True)
        libs = []
        for solver in ("overture", "clingo", "formal-arg"):
            if solver not in ns.solvers.split(",") and solver != "overture":
                continue
            r = run_library(solver, "SE-GR", name, path, None, max(ns.timeout, 30))
            r.verdict = (
                ("verified" if r.extension == truth else "WRONG: not the grounded extension")
                if r.status == "ok"
                else ""
            )
            libs.append(r)
            print(
                f"    {solver} call cpu={r.seconds} wall={r.wall} {r.status} {r.verdict}",
                flush=True,
            )
        out.append(
            {
                "name": name,
                "n": inst.n,
                "m": inst.num_attacks,
                "grounded": len(truth),
                "file_mb": path.stat().st_size / 1e6,
                "cli": cli,
                "lib": libs,
            }
        )
        path.unlink()
    return out


def main(argv: list[str] | None = None) -> int:
    ns = _args(argv)
    if ns.timeout is None:
        ns.timeout = 10.0 if ns.quick else 40.0
    unknown = set(ns.solvers.split(",")) - set(ALL_SOLVERS) - {""}
    if unknown or not set(ns.tasks.split(",")) <= set(TASKS):
        print(f"unknown solver/task: {unknown or ns.tasks}", file=sys.stderr)
        return 2
    assert set(ADAPTERS) | {"overture-cli"} == set(ALL_SOLVERS)
    env_start = rp.environment()
    t0 = time.time()
    tmp = Path(tempfile.mkdtemp(prefix="overture-afbench-"))
    try:
        runs, infos = run_matrix(ns, tmp)
        big = [] if ns.no_big else big_grounded(ns, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.time() - t0
    env_end = rp.environment()
    text = rp.render(ns, runs, infos, big, env_start, env_end, elapsed, " ".join(sys.argv))
    ns.out.parent.mkdir(parents=True, exist_ok=True)
    old = ns.out.read_text(encoding="utf-8") if ns.out.exists() else ""
    begin, end = "<!-- native:begin -->", "<!-- native:end -->"
    if begin in old and end in old:  # keep the section benchmarks/af/native.py wrote
        kept = begin + old.split(begin, 1)[1].split(end, 1)[0] + end
        text = text.rstrip("\n") + "\n\n" + kept + "\n"
    ns.out.write_text(text, encoding="utf-8")
    print(f"wrote {ns.out} ({elapsed / 60:.1f} min)")
    if ns.json:

        def enc(o: object) -> object:
            return sorted(o) if isinstance(o, frozenset) else str(o)

        dump = {
            "runs": [asdict(r) for r in runs],
            "instances": infos,
            "big": [
                {
                    **b,
                    "cli": [asdict(r) for r in b["cli"]],
                    "lib": [asdict(r) for r in b["lib"]],
                }
                for b in big
            ],
        }
        ns.json.write_text(json.dumps(dump, default=enc, indent=1), encoding="utf-8")
    bad = [r for r in runs if r.verdict.startswith(("WRONG", "DISAGREE"))]
    bad += [r for b in big for r in b["cli"] + b["lib"] if r.verdict.startswith("WRONG")]
    if bad:
        print(f"!!! {len(bad)} wrong or disagreeing answers: see the report", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
