"""Benchmark of the joint search on the shipped pair, against a brute-force peer in the same run.

Run on demand (not part of pytest): `.venv/bin/python benchmarks/analysis/bench_joint.py`.
Writes docs/benchmarks/joint.md. The peer tries every order of steps from every overture and
judges each verdict afresh with `judge` (no memo), stopping at the first jointly acceptable
state per overture, as the property tests' reference does.
"""

from __future__ import annotations

import datetime as dt
import itertools
import platform
import statistics
import sys
import time
from pathlib import Path

from overture.analysis.joint import Overture, joint, overtures_of
from overture.analysis.joint_file import JointSetting, resolve_joint
from overture.doctrine import Scenario
from overture.verdict import Verdict
from overture.verdict.judge import judge

PAIR = "iran-us+us-iran"
CASES = [("2013-11-24", None), ("2021-03-01", None), ("2025-06-01", None),
         ("2025-06-01", ["enrichment"])]


def brute(setting: JointSetting, date: dt.date, topics: list[str] | None) -> int:
    """Jointly acceptable overtures found by trying every order of steps (no memo)."""
    order = [s.id for s in setting.spec.sides]
    other = {order[0]: order[1], order[1]: order[0]}
    found = 0

    def ok(side: str, o: Overture, facts: dict[str, bool], action: str) -> bool:
        spec = setting.side(side)
        d = setting.doctrines[side]
        s = d.completed(Scenario(counterparty=spec.counterparty, topics=list(o.topics),
                                 mode=o.mode, date=date, view=spec.view or "all", facts=facts,
                                 dimensions=dict(o.dimensions), action=action))
        return judge(d, s).verdict is Verdict.PERMITTED

    def reach(o: Overture, taken: frozenset[str], facts: dict[str, dict[str, bool]],
              used: int) -> bool:
        if all(ok(s, o, facts[s], setting.goal_action(s)) for s in order):
            return True
        for m in setting.spec.moves:
            if m.id not in taken and used + 1 <= setting.spec.max_moves and ok(
                    m.side, o, facts[m.side], m.action):
                nf = {s: dict(v) for s, v in facts.items()}
                nf[other[m.side]].update(m.sets)
                if reach(o, taken | {m.id}, nf, used + 1):
                    return True
        for x, y in itertools.product(setting.spec.moves, setting.spec.moves):
            if (x.side, y.side) != tuple(order) or x.mutual is None or y.mutual is None:
                continue
            if x.id in taken or y.id in taken or used + 2 > setting.spec.max_moves:
                continue
            if ok(x.side, o, {**facts[x.side], **y.mutual}, x.action) and ok(
                    y.side, o, {**facts[y.side], **x.mutual}, y.action):
                nf = {s: dict(v) for s, v in facts.items()}
                nf[y.side].update(x.mutual)
                nf[x.side].update(y.mutual)
                if reach(o, taken | {x.id, y.id}, nf, used + 2):
                    return True
        return False

    for o in overtures_of(setting, topics or []):
        if reach(o, frozenset(), {s: {} for s in order}, 0):
            found += 1
    return found


def timed(fn: object, repeat: int = 3) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    setting = resolve_joint(PAIR)
    rows = []
    for date, topics in CASES:
        when = dt.date.fromisoformat(date)
        ours, result = timed(lambda when=when, topics=topics: joint(setting, when,
                                                                    goal_topics=topics))
        peer, count = timed(lambda when=when, topics=topics: brute(setting, when, topics), 1)
        assert count == len(result.joint), (date, count, len(result.joint))  # type: ignore[attr-defined]
        rows.append((date, ",".join(topics or []) or "-", result, ours, peer))
    conc, cres = timed(lambda: joint(setting, "2025-06-01", goal_topics=["enrichment"],
                                     concessions=True), 1)
    conc21, c21 = timed(lambda: joint(setting, "2021-03-01", concessions=True), 1)
    out = Path(__file__).resolve().parents[2] / "docs" / "benchmarks" / "joint.md"
    lines = [
        "# Joint search benchmark", "",
        f"Measured {dt.date.today()} on {platform.machine()}, Python {sys.version.split()[0]}, "
        "2 cores (noisy); median of 3 runs for the search, 1 for the peer and the concessions.",
        "The peer tries every order of steps from every overture and judges each verdict afresh "
        "(no memo); both found the same jointly acceptable overtures in every case.", "",
        "| date | goal topics | joint | stalemate | overtures | states | theories judged | "
        "ours (s) | brute force (s) | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for date, topics, r, ours, peer in rows:
        s = r.searched  # type: ignore[attr-defined]
        lines.append(f"| {date} | {topics} | {len(r.joint)} | "  # type: ignore[attr-defined]
                     f"{'yes' if r.stalemate else 'no'} | {s.overtures} | {s.states} | "  # type: ignore[attr-defined]
                     f"{s.judged} | {ours:.2f} | {peer:.2f} | {peer / ours:.1f}× |")
    lines += [
        "",
        f"Least concessions (one change at most): 2025-06-01 on enrichment {conc:.1f} s "
        f"({cres.searched.concession_sets} change sets, {len(cres.concessions or [])} found); "  # type: ignore[attr-defined]
        f"2021-03-01 {conc21:.1f} s ({c21.searched.concession_sets} change sets, "  # type: ignore[attr-defined]
        f"{len(c21.concessions or [])} found).",  # type: ignore[attr-defined]
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
