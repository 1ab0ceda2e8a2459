"""Results as HTML for a notebook: the verdict badge, the reasons with their quotes, the inline
argument map; explanations, counterfactuals, timelines and joint answers likewise.

Jupyter calls each result's `_repr_html_`, which hands the result to `to_html` here (through
the package root, so the lower layers never import this one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from overture.analysis.counterfactual import CounterfactualReport
from overture.analysis.joint import JointResult
from overture.analysis.timeline import Timeline
from overture.render.aspic_graph import graph_from_verdict
from overture.render.joint_report import cycle_rows, joint_rows, summary
from overture.render.style import xml_escape
from overture.render.svg import to_svg
from overture.render.timeline_svg import VERDICT_COLOURS, timeline_chart
from overture.verdict import Evaluation, Reason
from overture.verdict.explain import Explanation, Line

_BOX = ("font-family:Helvetica,Arial,sans-serif;font-size:13px;line-height:1.45;"
        "max-width:1000px")


def _e(text: object) -> str:
    return xml_escape(str(text))


def _badge(verdict: str) -> str:
    colour = VERDICT_COLOURS.get(verdict, "#607d8b")
    return (f'<span style="background:{colour};color:#fff;padding:2px 9px;border-radius:4px;'
            f'font-weight:bold;text-transform:uppercase">{_e(verdict)}</span>')


def _reason(r: Reason) -> str:
    quotes = "".join(f'<blockquote style="margin:4px 0 4px 12px;color:#37474f">“{_e(q.text)}”'
                     f'<br><small>{_e(q.source_title)}</small></blockquote>' for q in r.quotes)
    return (f"<li><b>{_e(r.rule_id)}</b> ({_e(r.source)}, {_e(r.date)}): {_e(r.gloss)}"
            f"{quotes}</li>")


def _table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    cell = 'style="border:1px solid #ccd;padding:3px 6px;text-align:left;vertical-align:top"'
    h = "".join(f"<th {cell}>{_e(c)}</th>" for c in head)
    body = "".join("<tr>" + "".join(f"<td {cell}>{_e(c)}</td>" for c in r) + "</tr>"
                   for r in rows)
    return f'<table style="border-collapse:collapse">{"<tr>" + h + "</tr>"}{body}</table>'


def evaluation_html(ev: Evaluation, graph: bool = True) -> str:
    """The verdict, its one-line summary, the reasons for and against, and the argument map."""
    s = ev.scenario
    parts = [f'<div style="{_BOX}">',
             f"<p>{_badge(ev.verdict.value)} {_e(s.get('counterparty'))}, "
             f"{_e(', '.join(s.get('topics', [])))} ({_e(s.get('mode'))}), {_e(ev.date)} — "
             f"view {_e(ev.view)}, {_e(ev.semantics)}</p>", f"<p>{_e(ev.summary)}</p>"]
    for title, reasons in (("For", ev.reasons_for), ("Against", ev.reasons_against)):
        if reasons:
            parts.append(f"<b>{title}</b><ul>{''.join(_reason(r) for r in reasons)}</ul>")
    if graph:
        parts.append('<div style="overflow:auto;max-height:600px">'
                     + to_svg(graph_from_verdict(ev), id_prefix=f"nb{id(ev):x}") + "</div>")
    parts.append("</div>")
    return "".join(parts)


def _line(line: Line, shown: set[str]) -> str:
    a = line.argument
    head = f"{_e(a.status)} <b>{_e(a.rule_id or a.id)}</b> ⇒ {_e(a.conclusion)}"
    if a.id in shown:
        return f"<li>{head} <i>(above)</i></li>"
    shown.add(a.id)
    inner = [f"<li>{head}: {_e(a.gloss)}<ul>"]
    inner += [_line(sub, shown) for sub in line.subs]
    for c in line.challenges:
        inner.append(f"<li>{_e(c.kind)} by <b>{_e(c.attacker.rule_id or c.attacker.id)}</b>: "
                     f"{_e(c.outcome)} — {_e(c.why)}</li>")
    inner.append("</ul></li>")
    return "".join(inner)


def explanation_html(ex: Explanation) -> str:
    """The winning line and the defeated one, each argument drawn once."""
    shown: set[str] = set()
    win = "".join(_line(x, shown) for x in ex.winning)
    lose = "".join(_line(x, shown) for x in ex.opposing)
    return (f'<div style="{_BOX}"><p>{_badge(ex.verdict.value)} {_e(ex.summary)}</p>'
            f"<b>Winning line</b><ul>{win or '<li>(none)</li>'}</ul>"
            f"<b>Opposing (defeated)</b><ul>{lose or '<li>(none)</li>'}</ul></div>")


def counterfactuals_html(report: CounterfactualReport) -> str:
    """The minimal edit sets, smallest first, with the verdict each gives."""
    rows = [("; ".join(e.describe() for e in c.edits), c.verdict,
             ", ".join(r.rule_id for r in c.reasons[:4])) for c in report.results]
    return (f'<div style="{_BOX}"><p>From {_badge(report.verdict)} to '
            f"{_badge(report.target)}: {len(rows)} minimal change set(s) of at most "
            f"{report.max_changes}</p>"
            + (_table(("changes", "verdict", "rules that make it"), rows) if rows else "")
            + "</div>")


def joint_html(result: JointResult) -> str:
    """The summary and the joint overtures, or the stalemate's cycle."""
    parts = [f'<div style="{_BOX}"><p>{_e(summary(result))}</p>']
    if result.joint:
        parts.append(_table(("overture", "moves, in order", "each side's reasons"),
                            joint_rows(result)))
    if result.stalemate is not None and result.stalemate.cycle:
        parts.append(_table(("side", "its move", "waits for", "rule", "in its words"),
                            cycle_rows(result)))
    parts.append("</div>")
    return "".join(parts)


def to_html(result: Any) -> str:
    """The notebook HTML of any Overture result that has one (TypeError otherwise)."""
    if isinstance(result, Evaluation):
        return evaluation_html(result)
    if isinstance(result, Explanation):
        return explanation_html(result)
    if isinstance(result, CounterfactualReport):
        return counterfactuals_html(result)
    if isinstance(result, Timeline):
        return f'<div style="{_BOX}">{timeline_chart(result, current=result.scenario.date)}</div>'
    if isinstance(result, JointResult):
        return joint_html(result)
    raise TypeError(f"no notebook view of {type(result).__name__}")
