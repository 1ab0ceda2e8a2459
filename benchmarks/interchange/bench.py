"""Benchmark: exports, drawings and reports of the shipped scenarios; layout and AIF scaling.

Run: .venv/bin/python benchmarks/interchange/bench.py [--repeat 10]
Times (median of `--repeat` warm runs) per shipped scenario: the argument-map SVG, DOT, ICCMA
export, AIF export and re-import, Argdown export, and the full HTML report (with timeline,
views and counterfactuals). As a peer check, answers every ICCMA query of the exported
frameworks with Overture's SAT-based af layer and with clingo (ASP encoding of
`overture.interchange.asp`), and reports the ratio. Also times the built-in Sugiyama layout on
random graphs and the AIF round trip of generated theories. Writes docs/benchmarks/interchange.md.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from overture.af import credulously_accepted, skeptically_accepted
from overture.aspic import InferenceRule, Literal, Theory
from overture.doctrine import load_doctrine, load_scenario, shipped_scenarios
from overture.interchange.aif import dumps_aif, loads_aif, theory_to_aif
from overture.interchange.argdown import evaluation_to_argdown
from overture.interchange.asp import ClingoAcceptance
from overture.interchange.doctrine_export import evaluation_to_aif
from overture.interchange.iccma import export_iccma
from overture.render.aspic_graph import graph_from_verdict
from overture.render.dot import to_dot
from overture.render.html import to_html
from overture.render.layout import layered_layout
from overture.render.report import build_report
from overture.render.svg import to_svg
from overture.verdict import evaluate

ROOT = Path(__file__).resolve().parents[2]
ASP = {"GR": "grounded", "PR": "preferred"}


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def random_theory(n_rules: int, seed: int) -> Theory:
    rnd = random.Random(seed)
    atoms = [f"p{i}" for i in range(max(4, n_rules // 2))]
    rules = []
    for i in range(n_rules):
        ants = tuple(Literal(a) for a in rnd.sample(atoms, rnd.randint(0, 3)))
        head = Literal(rnd.choice(atoms), rnd.random() < 0.3)
        rules.append(InferenceRule(f"r{i}", ants, head, rnd.random() < 0.1))
    premises = {Literal(a) for a in rnd.sample(atoms, len(atoms) // 4)}
    defeasible = [r.name for r in rules if not r.strict]
    prefs = {(defeasible[i], defeasible[i + 1]) for i in range(0, len(defeasible) - 1, 3)}
    return Theory(
        rules=tuple(rules), premises=frozenset(premises), rule_preferences=frozenset(prefs)
    )


def scenario_row(name: str, scenario: Any, doctrine: Any, repeat: int) -> str:
    """One table row: the time of each export of one judged scenario."""
    ev = evaluate(scenario, doctrine)
    graph = graph_from_verdict(ev)
    svg = median_ms(lambda: to_svg(graph_from_verdict(ev)), repeat)
    dot = median_ms(lambda: to_dot(graph), repeat)
    iccma = median_ms(lambda: export_iccma(ev), repeat)
    aif = median_ms(lambda: loads_aif(dumps_aif(evaluation_to_aif(ev))), repeat)
    argdown = median_ms(lambda: evaluation_to_argdown(ev), repeat)
    report = median_ms(lambda: to_html(build_report(scenario, doctrine)), max(2, repeat // 3))
    return (
        f"| {name} | {len(ev.arguments)} | {svg:.1f} | {dot:.2f} | {iccma:.2f} | {aif:.1f} "
        f"| {argdown:.1f} | {report:.0f} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks" / "interchange.md")
    args = ap.parse_args()
    doctrine = load_doctrine("iran-us")
    lines = [
        "# Interchange and reports: benchmark",
        "",
        f"Run with `benchmarks/interchange/bench.py --repeat {args.repeat}` on "
        f"{platform.machine()} / Python {platform.python_version()}; medians of warm runs, ms.",
        "",
        "## Per shipped scenario",
        "",
        "| scenario | args | SVG map | DOT | ICCMA | AIF out+in | Argdown | HTML report |",
        "|---|---|---|---|---|---|---|---|",
    ]
    peer_rows = []
    for name, path in shipped_scenarios().items():
        scenario = load_scenario(path, doctrine)
        lines.append(scenario_row(name, scenario, doctrine, args.repeat))
        for sem in ("GR", "PR"):
            ev_s = evaluate(scenario, doctrine, sem)
            export = export_iccma(ev_s)
            af = export.af
            queries = [(q["problem"][:2], q["argument"] - 1) for q in export.mapping["queries"]]

            def ours(af: Any = af, queries: Any = queries, sem: str = sem) -> None:
                for task, i in queries:
                    (credulously_accepted if task == "DC" else skeptically_accepted)(af, i, sem)

            def theirs(af: Any = af, queries: Any = queries, sem: str = sem) -> None:
                solver = ClingoAcceptance(af, ASP[sem])  # type: ignore[arg-type]
                for task, i in queries:
                    (solver.credulous if task == "DC" else solver.skeptical)(i)

            if queries:
                t_ours = median_ms(ours, args.repeat)
                t_clingo = median_ms(theirs, args.repeat)
                peer_rows.append((name, sem, len(queries), t_ours, t_clingo))
    lines += [
        "",
        "## Checking the exported ICCMA queries: Overture's af layer vs clingo",
        "",
        "All DC/DS queries on the arguments for and against the question, answered by "
        "`credulously_accepted`/`skeptically_accepted` and by clingo with Overture's ASP "
        "encoding (one `ClingoAcceptance` per framework).",
        "",
        "| scenario | semantics | queries | Overture ms | clingo ms | clingo / Overture |",
        "|---|---|---|---|---|---|",
    ]
    for name, sem, n, a, b in peer_rows:
        lines.append(f"| {name} | {sem} | {n} | {a:.1f} | {b:.1f} | {b / a:.2f} |")
    lines += [
        "",
        "## Built-in layered layout (random graphs, 2n edges)",
        "",
        "| nodes | edges | layout ms |",
        "|---|---|---|",
    ]
    for n in (50, 200, 500, 1000):
        rnd = random.Random(n)
        edges = [(rnd.randrange(n), rnd.randrange(n)) for _ in range(2 * n)]
        ms = median_ms(lambda n=n, edges=edges: layered_layout([(90.0, 30.0)] * n, edges), 3)
        lines.append(f"| {n} | {2 * n} | {ms:.0f} |")
    lines += [
        "",
        "## AIF round trip of generated theories",
        "",
        "| rules | AIF nodes | JSON KB | export ms | import ms |",
        "|---|---|---|---|---|",
    ]
    for n in (100, 1000, 5000):
        theory = random_theory(n, n)
        doc = theory_to_aif(theory)
        text = dumps_aif(doc)
        t_out = median_ms(lambda theory=theory: dumps_aif(theory_to_aif(theory)), 3)
        t_in = median_ms(lambda text=text: loads_aif(text), 3)
        lines.append(
            f"| {n} | {len(doc['nodes'])} | {len(text) // 1024} | {t_out:.0f} | {t_in:.0f} |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
