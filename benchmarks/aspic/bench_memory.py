#!/usr/bin/env python3
"""Memory peaks of the large-input cases at their limits: ASPIC+ theories and AIF files.

Each case runs in a fresh process (its peak resident set is its own); the inputs are generated
here, never committed. Writes docs/benchmarks/memory.md.

    .venv/bin/python benchmarks/aspic/bench_memory.py [--label NAME] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: (name, what, generator, how it is run)
CASES: list[tuple[str, str]] = [
    ("premises_60k", "ASPIC+ theory, 60,000 isolated premises and one rule (460 KB)"),
    ("premises_150k", "ASPIC+ theory, 150,000 isolated premises (1.2 MB)"),
    ("rules_60k", "ASPIC+ theory, 60,000 premises and 60,000 rules p_i => q_i (1.5 MB)"),
    ("aif_199k", "AIF file, 199,000 I-nodes, no edges (13 MB; limit 200,000 nodes)"),
    ("aif_attacks_60k", "AIF file, 60,000 claims attacked through 60,000 conflicts (CA-nodes)"),
]

RUN = """
import time
t = time.perf_counter()
{body}
with open("/proc/self/status", encoding="ascii") as fh:
    kib = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
print(time.perf_counter() - t, kib)
"""


def _write(name: str, folder: Path) -> Path:
    if name.startswith("premises_"):
        n = 60_000 if name == "premises_60k" else 150_000
        p = folder / f"{name}.aspic"
        p.write_text("premise: " + ", ".join(f"p{i}" for i in range(n)) + ";\n"
                     "[r1] p1, p2 => q;\n", encoding="utf-8")
        return p
    if name == "rules_60k":
        n = 60_000
        p = folder / f"{name}.aspic"
        p.write_text("premise: " + ", ".join(f"p{i}" for i in range(n)) + ";\n"
                     + "".join(f"[r{i}] p{i} => q{i};\n" for i in range(n)), encoding="utf-8")
        return p
    if name == "aif_199k":
        nodes = [{"nodeID": str(i), "text": f"claim number {i}", "type": "I"}
                 for i in range(199_000)]
        p = folder / f"{name}.json"
        p.write_text(json.dumps({"nodes": nodes, "edges": []}), encoding="utf-8")
        return p
    n = 60_000
    nodes = [{"nodeID": f"c{i}", "text": f"claim {i}", "type": "I"} for i in range(n)]
    nodes += [{"nodeID": f"x{i}", "text": f"objection {i}", "type": "I"} for i in range(n)]
    nodes += [{"nodeID": f"ca{i}", "text": "CA", "type": "CA"} for i in range(n)]
    edges = []
    for i in range(n):
        edges.append({"edgeID": f"e{2 * i}", "fromID": f"x{i}", "toID": f"ca{i}"})
        edges.append({"edgeID": f"e{2 * i + 1}", "fromID": f"ca{i}", "toID": f"c{i}"})
    p = folder / f"{name}.json"
    p.write_text(json.dumps({"nodes": nodes, "edges": edges}), encoding="utf-8")
    return p


def _body(name: str, path: Path) -> str:
    if name.startswith("aif"):
        return (f"from overture.interchange.aif import read_aif\n"
                f"from overture.aspic import evaluate\n"
                f"ev = evaluate(read_aif({str(path)!r}), 'grounded')\n"
                f"assert ev.justified_conclusions() is not None")
    return (f"from overture.aspic import load_theory, evaluate\n"
            f"ev = evaluate(load_theory({str(path)!r}), 'grounded')\n"
            f"assert ev.justified_conclusions() is not None")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--label", default="this checkout")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks" / "memory.md")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ns = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, what in CASES:
            path = _write(name, folder)
            out = subprocess.run([sys.executable, "-c", RUN.format(body=_body(name, path))],
                                 capture_output=True, text=True, cwd=ROOT, check=False)
            if out.returncode != 0:
                rows.append((name, what, path.stat().st_size, None, None,
                             out.stderr.strip().splitlines()[-1][:120]))
                continue
            seconds, kib = out.stdout.split()[-2:]
            rows.append((name, what, path.stat().st_size, float(seconds), int(kib) / 1024, ""))
            print(name, seconds, int(kib) // 1024, "MiB", flush=True)
    if ns.json:
        ns.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    lines = ["# Memory peaks of large inputs", "",
             f"Measured {dt.date.today()} on {platform.machine()}, Python "
             f"{platform.python_version()} ({ns.label}); each case in a fresh process "
             "(`benchmarks/aspic/bench_memory.py`), grounded semantics, the peak resident set "
             "of the whole process (about 60 MiB of it is the interpreter and imports).", "",
             "| case | input | bytes | seconds | peak MiB | note |", "|---|---|---|---|---|---|"]
    for name, what, size, sec, mib, note in rows:
        lines.append(f"| {name} | {what} | {size:,} | {'' if sec is None else f'{sec:.1f}'} | "
                     f"{'' if mib is None else f'{mib:.0f}'} | {note} |")
    ns.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
