"""Benchmark: judging one scenario on the shipped `iran-us` doctrine, warm.

Run: .venv/bin/python benchmarks/doctrine/bench.py [--repeat 30]
For each of the doctrine's test scenarios, times (median of `--repeat` warm runs):
`evaluate` (verdict + scope + reasons + defeats + argument and attack views), `judge`
(verdict only), `explain`, `compile_scenario` alone, and, as a peer on the same compiled
ASPIC+ theory, python-argumentation's (py_arg) grounded evaluation next to Overture's
`aspic.evaluate`. Writes docs/benchmarks/doctrine.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "benchmarks" / "aspic"))


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def replicated(d: Any, copies: int, spread: bool) -> Any:
    """The doctrine with its rules, exceptions and preferences copied `copies` times. With
    `spread`, copy i > 0 applies only to its own new counterparty `cp_i` (a wider vocabulary:
    the same rules fire per scenario); without, every copy fires (a denser doctrine)."""
    from overture.doctrine import Doctrine

    data = d.model_dump()
    rules, exceptions, prefs, cps = [], [], [], list(data["counterparties"])
    for i in range(copies):
        suffix = "" if i == 0 else f"_c{i}"
        for r in data["rules"] + data["exceptions"]:
            r = {**r, "id": r["id"] + suffix, "when": dict(r["when"])}
            if spread and i > 0:
                r["when"]["counterparty"] = [f"cp_{i}"]
                r["when"]["attributes"] = {}
            if "undercuts" in r:
                r["undercuts"] = [t + suffix for t in r["undercuts"]]
                exceptions.append(r)
            else:
                rules.append(r)
        prefs += [{**p, "stronger": p["stronger"] + suffix, "weaker": p["weaker"] + suffix}
                  for p in data["preferences"]]
        if spread and i > 0:
            cps.append({"id": f"cp_{i}", "name": f"Counterparty {i}", "attributes": {}})
    return Doctrine.model_validate({**data, "rules": rules, "exceptions": exceptions,
                                    "preferences": prefs, "counterparties": cps, "tests": []})


def scaling(d: Any, repeat: int) -> list[str]:
    from overture.doctrine import problems
    from overture.verdict import evaluate, judge

    scenario = next(t.scenario for t in d.tests if t.id.startswith("t20"))
    lines = ["", "## Scaling with the size of the doctrine", "",
             "The doctrine's rules copied k times, scenario t20 (US, nuclear, 2016). *Wider*: "
             "each copy applies to its own new counterparty, so the same rules fire; *denser*: "
             "every copy fires on the scenario.", "",
             "| doctrine | rules + exceptions | checks (s) | first evaluate (ms) | "
             "warm judge (ms) | arguments |", "|---|---|---|---|---|---|"]
    for spread, sizes in ((True, (1, 10, 50)), (False, (1, 3, 6))):
        for k in sizes:
            dk = replicated(d, k, spread)
            t0 = time.perf_counter()
            assert not problems(dk)
            checks = time.perf_counter() - t0
            t0 = time.perf_counter()
            ev = evaluate(scenario, dk)
            first = (time.perf_counter() - t0) * 1000
            warm = median_ms(lambda dk=dk: judge(dk, scenario).verdict, max(10, repeat // 2))
            lines.append(f"| {'wider' if spread else 'denser'} x{k} | "
                         f"{len(dk.rules) + len(dk.exceptions)} | {checks:.2f} | {first:.1f} | "
                         f"{warm:.2f} | {len(ev.arguments)} |")
            print(lines[-1], flush=True)
    lines += ["", "Per-scenario cost follows the number of rules that fire, not the size of the "
              "doctrine (the per-view preference plan is built once; the first evaluation of a "
              "view pays for it). When many rules fire at once, the ASPIC+ attack computation "
              "(pairs of arguments for and against the question) dominates."]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks" / "doctrine.md")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from overture.doctrine import compile_scenario, load_doctrine

    t1 = time.perf_counter()
    d = load_doctrine("iran-us")
    t2 = time.perf_counter()
    imports, cold_load = (t1 - t0) * 1000, (t2 - t1) * 1000
    from overture.aspic import evaluate as aspic_evaluate
    from overture.verdict import evaluate, explain, judge
    from overture.verdict.judge import ordering_of

    t0 = time.perf_counter()
    evaluate(d.tests[0].scenario, d)
    first_eval = (time.perf_counter() - t0) * 1000

    try:
        from peer import py_arg_grounded
    except ImportError:  # pragma: no cover - peer harness missing
        py_arg_grounded = None

    order = ordering_of(d)
    rows = []
    for t in d.tests:
        s = t.scenario
        theory = compile_scenario(d, s).theory
        row = {
            "id": t.id,
            "rules": len(theory.rules),
            "evaluate": median_ms(lambda s=s: evaluate(s, d), args.repeat),
            "quick": median_ms(lambda s=s: judge(d, s).verdict, args.repeat),
            "explain": median_ms(lambda s=s: explain(s, d), args.repeat),
            "compile": median_ms(lambda s=s: compile_scenario(d, s), args.repeat),
            "aspic": median_ms(lambda th=theory: aspic_evaluate(th, "grounded", order),
                               args.repeat),
            "args": len(aspic_evaluate(theory, "grounded", order).arguments),
        }
        if py_arg_grounded is not None:
            row["py_arg"] = median_ms(lambda th=theory: py_arg_grounded(th, order),
                                      max(5, args.repeat // 3))
        rows.append(row)
        print(f"{t.id:45} evaluate {row['evaluate']:7.2f} ms  quick {row['quick']:6.2f} ms",
              flush=True)

    def col(key: str) -> list[float]:
        return [float(r[key]) for r in rows if key in r]

    def summary(key: str) -> str:
        xs = col(key)
        return f"{statistics.median(xs):.2f} | {max(xs):.2f}"

    lines = [
        "# Doctrine benchmark: judging one scenario on `iran-us`",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()} (shared, loaded 2-core box). Command: "
        "`.venv/bin/python benchmarks/doctrine/bench.py` "
        f"(median of {args.repeat} warm runs per scenario, over the doctrine's "
        f"{len(rows)} test scenarios).",
        "",
        f"Cold: importing `overture.doctrine` {imports:.0f} ms; reading, validating and "
        f"checking the doctrine file {cold_load:.0f} ms; first evaluation {first_eval:.1f} ms.",
        "",
        "| step (warm) | median over scenarios (ms) | worst scenario (ms) |",
        "|---|---|---|",
        f"| `evaluate` (verdict, scope, reasons, defeats, views) | {summary('evaluate')} |",
        f"| `judge` (verdict only) | {summary('quick')} |",
        f"| `explain` (evaluate + dialectical tree) | {summary('explain')} |",
        f"| `compile_scenario` (doctrine + scenario -> ASPIC+ theory) | {summary('compile')} |",
        f"| Overture `aspic.evaluate`, grounded, compiled theory | {summary('aspic')} |",
    ]
    if col("py_arg"):
        lines.append(f"| peer: py_arg grounded, same compiled theory | {summary('py_arg')} |")
        ratios = [r["py_arg"] / r["aspic"] for r in rows if "py_arg" in r]
        lines += ["", f"Peer ratio (py_arg time / Overture time on the same compiled theory): "
                  f"median {statistics.median(ratios):.1f}x, min {min(ratios):.1f}x."]
    lines += [
        "",
        f"Target: one scenario well under 50 ms warm. Worst `evaluate`: "
        f"{max(col('evaluate')):.2f} ms.",
        "",
        "Compiled theories have "
        f"{min(int(r['rules']) for r in rows)}-{max(int(r['rules']) for r in rows)} rules and "
        f"{min(int(r['args']) for r in rows)}-{max(int(r['args']) for r in rows)} arguments. "
        "`evaluate` also computes the scope (one extra judgement per topic when the "
        "overture is not permitted and has several topics). What makes it cheap: the per-view "
        "plan (the statements of the view's sources and a preference model that decides each "
        "pair of rules lazily, per class of rules) is computed once per (doctrine, view) and "
        "cached; per scenario only the rules in force whose "
        "conditions hold are instantiated.",
        "",
        "| scenario | rules | arguments | evaluate | quick | explain | compile | aspic |"
        + (" py_arg |" if col("py_arg") else ""),
        "|---|---|---|---|---|---|---|---|" + ("---|" if col("py_arg") else ""),
    ]
    for r in rows:
        line = (f"| {r['id']} | {r['rules']} | {r['args']} | {r['evaluate']:.2f} | "
                f"{r['quick']:.2f} | {r['explain']:.2f} | {r['compile']:.2f} | {r['aspic']:.2f} |")
        if "py_arg" in r:
            line += f" {r['py_arg']:.2f} |"
        lines.append(line)
    lines += scaling(d, args.repeat)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
