"""A joint answer as the material of a report section: the overtures both sides accept or the
stalemate's cycle in each side's words, and the two sides' argument graphs side by side.

`joint_section` gathers the material once, with the table rows both writers print;
`overture.render.html` and `overture.render.markdown` write it, in the scenario report and as a
page of its own (`overture joint --out`). In the graphs, the rules the answer turns on are ringed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from overture.analysis.joint import Blocker, JointResult
from overture.analysis.joint_file import JointLike, resolve_joint
from overture.analysis.joint_sides import SideEvaluation, side_evaluations
from overture.jsontext import JsonText
from overture.render.aspic_graph import graph_from_verdict
from overture.render.svg import to_svg

#: Most joint overtures listed (the JSON has them all).
MAX_LISTED = 12


@dataclass(frozen=True)
class JointSection(JsonText):
    """A joint answer and, for each side, its judged scenario and argument graph (SVG)."""

    title: str
    result: JointResult
    sides: tuple[SideEvaluation, ...]
    graphs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "result": self.result.to_dict(),
                "sides": [s.to_dict() for s in self.sides]}


def joint_section(joint: JointLike, result: JointResult, id_prefix: str = "joint") -> JointSection:
    """The section of `result`, the answer of `overture.joint` on `joint`."""
    st = resolve_joint(joint)
    sides = side_evaluations(st, result)
    graphs = tuple(
        to_svg(graph_from_verdict(s.evaluation, highlight=s.rules, focus=True,
                                  title=f"{s.doctrine}: {s.action} {s.evaluation.verdict.value}"),
               id_prefix=f"{id_prefix}-{s.side}")
        for s in sides)
    return JointSection(st.spec.title or st.spec.id, result, sides, graphs)


def summary(result: JointResult) -> str:
    """One sentence: what the search found, and whether it is exact."""
    goal = f" on {' + '.join(result.goal_topics)}" if result.goal_topics else ""
    sides = " and ".join(f"{k} ({v})" for k, v in result.sides.items())
    if result.joint:
        head = (f"{len(result.joint)} overture(s){goal} acceptable to both {sides} as of "
                f"{result.date}")
    elif result.stalemate is not None:
        head = f"Stalemate{goal} between {sides} as of {result.date}: no overture both accept"
    else:
        head = f"No joint overture{goal} found between {sides} as of {result.date}"
    bound = f"within {result.searched.max_moves} moves"
    exact = ("exact" if result.exact else
             "the search was cut short, so this is not a stalemate claim")
    return f"{head} ({bound}; {result.searched.overtures} overtures searched; {exact})."


def _quote_text(q: str | None) -> str:
    return f"“{' '.join(q.split())}”" if q else ""


def reason_rows(reasons: Iterable[Blocker]) -> list[tuple[str, str, str, str]]:
    return [(b.side, b.rule, b.gloss, _quote_text(b.quote)) for b in reasons]


def joint_rows(result: JointResult) -> list[tuple[str, str, str]]:
    return [(j.overture.describe(), steps_text(j.steps),
             _by_side(b for rs in j.reasons.values() for b in rs))
            for j in result.joint[:MAX_LISTED]]


def blocked_rows(result: JointResult) -> list[tuple[str, str, str]]:
    """The stalemate's candidates, those blocked alike (same goal verdicts, same blocking
    rules) in one row: (overtures, goal verdicts, blocking rules by side)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for c in result.stalemate.blocked if result.stalemate else ():
        key = ("; ".join(f"{side} {v}" for side, v in c.goals.items()), _by_side(c.blocking))
        groups.setdefault(key, []).append(c.overture.describe())
    rows: list[tuple[str, str, str]] = []
    for (goals, rules), names in groups.items():
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        rows.append((shown, goals, rules))
    return rows


def _by_side(blockers: Iterable[Blocker]) -> str:
    rules: dict[str, dict[str, None]] = {}
    for b in blockers:
        rules.setdefault(b.side, {})[b.rule] = None
    return "; ".join(f"{side}: {', '.join(rs)}" for side, rs in rules.items())


def cycle_rows(result: JointResult) -> list[tuple[str, str, str, str, str]]:
    if result.stalemate is None:
        return []
    return [(e.side, e.action, f"{e.by}: {e.waits_for}", e.rule, _quote_text(e.quote))
            for e in result.stalemate.cycle]


def concession_lines(result: JointResult) -> list[str]:
    """Each least concession: its changes, and the overture it opens."""
    return ["; ".join(c.describe() for c in k.changes) + f" → {k.example.overture.describe()}"
            for k in result.concessions or ()]


def steps_text(steps: Iterable[Any]) -> str:
    parts = [" + ".join(s.moves) + (" (mutual)" if s.mutual else "") for s in steps]
    return " → ".join(parts) or "no move needed"


#: The stylesheet the joint section adds to a report page.
CSS = """
.joint-sides { display: flex; flex-wrap: wrap; gap: 14px; }
.joint-side { flex: 1 1 420px; min-width: 0; border: 1px solid #d5dde1; border-radius: 6px;
              padding: 8px; }
.joint-side h3, .joint-side h4 { margin: 2px 0 6px; }
.joint-side .graph { overflow: auto; max-height: 720px; }
"""
