"""Benchmarks of the analyses: minimal counterfactuals and sweeps on the shipped doctrine.

Run on demand (not part of pytest): `.venv/bin/python benchmarks/analysis/bench_analysis.py`.
Writes docs/benchmarks/analysis.md. Peers measured in the same run:
- counterfactuals: a naive exact search (every consistent edit set over every variable and every
  candidate value, each judged by `judge`, minimal ones kept) against ours;
- sweeps: serial without the class cache, serial with it, a local process pool, a Dask cluster.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from overture.analysis import (
    CounterfactualReport,
    ScenarioSpace,
    SweepResult,
    counterfactuals,
    sweep,
)
from overture.doctrine import Doctrine, Scenario, load_doctrine, load_scenario, shipped_scenarios
from overture.errors import OvertureError
from overture.verdict import judge

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
SWEEP_VARY = [
    "us_behavior_changed",
    "guarantees_offered",
    "conditions_met_on_topics",
    "ends_support_for_opposition",
    "sanctions_lifted_first",
    "mode",
    "counterparty",
    "date",
    "view",
]


def timed(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """Median wall time of `repeat` runs (seconds), and the last result."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def naive_counterfactuals(doctrine: Doctrine, base: Scenario, target: str, k: int) -> tuple[int, int]:
    """Every minimal edit set by exhaustive evaluation (no pruning, no classes, no cache)."""
    space = ScenarioSpace(doctrine, base)
    variables = space.variables(relevant_only=False)
    doms = {v: space.alternatives(v, collapse=False) for v in variables}
    works: list[frozenset[tuple[str, object]]] = []
    calls = 0
    for size in range(k + 1):
        for combo in itertools.combinations(variables, size):
            for values in itertools.product(*(doms[v] for v in combo)):
                edits = dict(zip(combo, values, strict=True))
                try:
                    s = space.apply(edits)
                except OvertureError:
                    continue
                calls += 1
                if str(judge(doctrine, s).verdict) == target:
                    works.append(frozenset(edits.items()))
    minimal = [s for s in works if not any(o < s for o in works)]
    return len(minimal), calls


def bench_counterfactuals(doctrine: Doctrine, quick: bool) -> list[str]:
    names = ["us_deal_2012_normalization", "us_deal_2016_nuclear_conditions_met", "us_deal_2013_analyst_leader_opens"]
    shipped = shipped_scenarios("iran-us")
    lines = [
        "## Minimal counterfactuals",
        "",
        "Every minimal edit set (facts, topics, mode, counterparty, initiator, view, date) that gives",
        "the target verdict. *Ours*: level-wise exact search with superset pruning, value classes",
        "and a verdict cache (`overture.analysis.counterfactuals`). *Naive*: every consistent edit set",
        "over every variable and candidate value judged by `judge`, minimal ones kept (same",
        "answers, modulo equivalent dates/counterparties). *Ours, total* includes the full",
        "explanation (`evaluate`) of the base and of every result, which the naive search does not",
        "build; the speed-up compares the searches alone. Median of 3 runs (naive: 1 run).",
        "",
        "| scenario | target | k | ours, total (s) | ours, search (s) | evaluations | sets | naive (s) | naive evaluations | search speed-up |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    default_k: list[float] = []
    for name in names:
        base = load_scenario(shipped[name], doctrine)
        for k in (1, 2, 3):
            search_times: list[float] = []

            def ours(
                base: Scenario = base, k: int = k, search_times: list[float] = search_times
            ) -> CounterfactualReport:
                report = counterfactuals(base, doctrine, max_changes=k)
                search_times.append(report.stats.seconds)
                return report

            t_ours, rep = timed(ours, 3)
            t_search = statistics.median(search_times)
            if k == 2:
                default_k.append(t_ours)
            naive_cell = ("—", "—", "—")
            if k == 1 or (k == 2 and not quick):
                def naive(base: Scenario = base, k: int = k, target: str = rep.target) -> tuple[int, int]:
                    return naive_counterfactuals(doctrine, base, target, k)

                t_naive, (found, calls) = timed(naive, 1)
                assert found == len(rep.results) or found >= len(rep.results)
                naive_cell = (f"{t_naive:.3f}", str(calls), f"{t_naive / t_search:.1f}×")
            lines.append(
                f"| {name} | {rep.target} | {k} | {t_ours:.3f} | {t_search:.3f} | {rep.stats.evaluations} | "
                f"{len(rep.results)} | {naive_cell[0]} | {naive_cell[1]} | {naive_cell[2]} |"
            )
            print(lines[-1], flush=True)
    lines += ["", f"At the default `--max-changes 2` the slowest shipped scenario takes {max(default_k):.3f} s in total",
              "(target: under 1 s)."]
    return lines


def synthetic_doctrine(n: int, chain: bool = True) -> Doctrine:
    """A doctrine with `n` facts: a standing refusal, overridden by any two adjacent facts
    (`chain`) or only by the first two."""
    import yaml

    from overture.doctrine import parse_doctrine

    rules: list[dict[str, object]] = [
        {"id": "refuse", "then": "~accept_talks", "source": "s", "stated": "2000-01-01", "quotes": ["q"],
         "gloss": "Standing refusal."},
    ]
    prefs = []
    for i in range(n - 1 if chain else 1):
        rules.append({"id": f"open_{i}", "when": {"facts": {f"f{i}": True, f"f{i + 1}": True}},
                      "then": "accept_talks", "source": "s", "stated": "2001-01-01", "quotes": ["q"],
                      "gloss": f"Facts {i} and {i + 1} open the door."})
        prefs.append({"stronger": f"open_{i}", "weaker": "refuse"})
    data = {
        "schema_version": 1, "id": f"synthetic-{n}", "title": "Synthetic",
        "sources": [{"id": "s", "title": "S", "publisher": "P", "date": "2002-01-01", "kind": "speaker",
                     "location": "nowhere"}],
        "quotes": [{"id": "q", "source": "s", "text": "words"}],
        "counterparties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "topics": [{"id": "t", "description": "T"}],
        "modes": [{"id": m, "description": m} for m in ("deal", "conveying", "imposition")],
        "initiators": [{"id": i, "description": i} for i in ("leader", "counterparty", "domestic_figure")],
        "facts": [{"id": f"f{i}", "description": f"fact {i}"} for i in range(n)],
        "rules": rules,
        "preferences": prefs,
        "views": [{"id": "all", "title": "All", "sources": ["s"]}],
    }
    return parse_doctrine(yaml.safe_dump(data), f"<synthetic {n}>")


def bench_scaling() -> list[str]:
    lines = [
        "## Counterfactuals as the vocabulary grows",
        "",
        "A synthetic doctrine with n facts and a standing refusal, overridden either by any two",
        "adjacent facts (*chain*: n - 1 minimal edit sets of size 2) or by the first two only",
        "(*single*: one set). Target `permitted`, at most 2 edits, facts only. *exact*: the default",
        "level-wise search, which must look at every pair; *monotone*: the SAT-map search (the",
        "target is monotone in these facts), whose work grows with the number of solutions and",
        "maximal failures instead. Both give the same sets (asserted). One run each.",
        "",
        "| pattern | facts | sets | exact (s) | exact evaluations | monotone (s) | monotone evaluations |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for chain in (True, False):
        for n in (10, 20, 40, 80):
            d = synthetic_doctrine(n, chain)
            base = Scenario(counterparty="a", topics=["t"], mode="deal", date=dt.date(2010, 1, 1))
            facts = [f"fact:f{i}" for i in range(n)]

            def run(strategy: str, d: Doctrine = d, base: Scenario = base, facts: list[str] = facts
                    ) -> CounterfactualReport:
                return counterfactuals(base, d, target="permitted", max_changes=2, variables=facts,
                                       strategy="monotone" if strategy == "monotone" else "exact")

            t_e, rep_e = timed(lambda: run("exact"), 1)
            t_m, rep_m = timed(lambda: run("monotone"), 1)
            assert [c.edits for c in rep_e.results] == [c.edits for c in rep_m.results]
            assert len(rep_e.results) == (n - 1 if chain else 1)
            lines.append(f"| {'chain' if chain else 'single'} | {n} | {len(rep_e.results)} | {t_e:.3f} | "
                         f"{rep_e.stats.evaluations} | {t_m:.3f} | {rep_m.stats.evaluations} |")
            print(lines[-1], flush=True)
    return lines


def bench_sweep(doctrine: Doctrine, workers: int) -> list[str]:
    base = Scenario(counterparty="united_states", topics=["nuclear"], mode="deal", date=dt.date(2012, 11, 1))
    runs: list[tuple[str, Callable[[], SweepResult]]] = [
        ("serial, no cache", lambda: sweep(base, doctrine, vary=SWEEP_VARY, cache=False)),
        ("serial, class cache", lambda: sweep(base, doctrine, vary=SWEEP_VARY)),
        (f"process pool ({workers} workers), no cache",
         lambda: sweep(base, doctrine, vary=SWEEP_VARY, workers=workers, cache=False)),
        (f"process pool ({workers} workers), class cache", lambda: sweep(base, doctrine, vary=SWEEP_VARY, workers=workers)),
    ]
    lines = [
        "## Sweep throughput",
        "",
        f"`overture sweep` over {', '.join(SWEEP_VARY)} around a 2012 US nuclear deal: every fact",
        "(2 values), mode (3), counterparty (9), one date per set of statements in force (11), view (3).",
        "Wall time includes starting workers and gathering results.",
        "",
        "| backend | combinations | seconds | scenarios / s | vs serial, no cache |",
        "|---|---:|---:|---:|---:|",
    ]
    baseline = 0.0
    reference: tuple[str, ...] = ()
    for label, fn in runs:
        t, res = timed(fn, 1)
        size = res.size
        reference = reference or res.verdicts
        assert res.verdicts == reference, "every backend must give the same verdicts"
        baseline = baseline or t
        lines.append(f"| {label} | {size} | {t:.2f} | {size / t:,.0f} | {baseline / t:.2f}× |")
        print(lines[-1], flush=True)
    from distributed import LocalCluster

    for label, cache in (("no cache", False), ("class cache", True)):
        with LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cl:
            address = str(cl.scheduler_address)

            def on_dask(address: str = address, cache: bool = cache) -> SweepResult:
                return sweep(base, doctrine, vary=SWEEP_VARY, scheduler=address, cache=cache)

            t, res = timed(on_dask, 1)
        assert res.verdicts == reference
        lines.append(f"| Dask LocalCluster ({workers} worker processes), {label} | {res.size} | {t:.2f} | "
                     f"{res.size / t:,.0f} | {baseline / t:.2f}× |")
        print(lines[-1], flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="skip the slow naive k = 2 peer")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks" / "analysis.md")
    args = ap.parse_args(argv)
    doctrine = load_doctrine("iran-us")
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = [
        "# Analysis benchmarks",
        "",
        f"Measured {started} on {platform.machine()} with {os.cpu_count()} cores, Python {sys.version.split()[0]};",
        f"load average at the start {os.getloadavg()[0]:.1f} (the cores are shared with other jobs: absolute",
        "figures are noisy, and parallel runs gain nothing when the cores are already busy; ratios",
        "within one run are the point).",
        "Reproduce: `.venv/bin/python benchmarks/analysis/bench_analysis.py`.",
        "",
    ]
    body = [*bench_counterfactuals(doctrine, args.quick), "", *bench_scaling(), "",
            *bench_sweep(doctrine, args.workers)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
