"""The one chart of a verdict over time (SVG): coloured bands per verdict, a mark at every date
the statements that apply change, the verdict's moves emphasised and named.

Drawn directly (no plotting library) so that reports stay self-contained and light; the
report, `overture timeline --out` and the workbench all show this chart. Each band carries its
`data-date`, so a page can make it clickable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from overture.analysis.timeline import Timeline
from overture.render.style import xml_escape

VERDICT_COLOURS = {
    "permitted": "#2e7d32",
    "forbidden": "#c62828",
    "contested": "#ef8f00",
    "undecided": "#90a4ae",
}


@dataclass(frozen=True)
class Step:
    """From `date` on (until the next step) the verdict is `verdict`; `label` names what moved
    it or what began to apply; `marked`: the statements that apply changed here."""

    date: dt.date
    verdict: str
    label: str = ""
    moved: bool = False
    marked: bool = False


def timeline_chart(tl: Timeline, current: dt.date | None = None, title: str | None = None,
                   width: int = 900) -> str:
    """The chart of a computed timeline, its labels the points' own (`TimelinePoint.label`:
    the movers, or the statements that began or ceased to apply); `current` draws a line at
    the scenario's date."""
    steps = [Step(p.date, p.verdict, ", ".join(p.label), p.moved, p.marked) for p in tl.points]
    s = tl.scenario
    head = title or f"Verdict over time: {s.counterparty}, {', '.join(s.topics)}, {s.mode} (view {s.view})"
    return timeline_svg(steps, max(tl.end, current or tl.end), head, width, current=current)


def timeline_svg(
    steps: Sequence[Step], end: dt.date, title: str = "Verdict over time", width: int = 900,
    *, current: dt.date | None = None,
) -> str:
    """An SVG step chart: one band from the first step's date to `end`, coloured by verdict;
    a tall tick where the verdict moved, a short one where only the applying rules changed."""
    if not steps:
        raise ValueError("a timeline needs at least one step")
    start = steps[0].date
    span = max((end - start).days, 1)
    left, right, band_y, band_h = 20.0, 20.0, 44.0, 26.0
    usable = width - left - right

    def x_of(day: dt.date) -> float:
        return left + usable * min(max((day - start).days, 0), span) / span

    moves = [s for s in steps if s.moved or (s.marked and s.label)]
    height = band_y + band_h + 40 + 16 * len(moves) + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" font-family="Helvetica, Arial, sans-serif" role="img">',
        f"<title>{xml_escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height:.0f}" fill="#ffffff"/>',
        f'<text x="{left}" y="22" font-size="14" font-weight="bold" fill="#263238">{xml_escape(title)}</text>',
    ]
    for i, step in enumerate(steps):
        nxt = steps[i + 1].date if i + 1 < len(steps) else end
        x0, x1 = x_of(step.date), x_of(nxt)
        colour = VERDICT_COLOURS.get(step.verdict, "#607d8b")
        tip = f"{step.date.isoformat()}: {step.verdict}" + (
            f" ({step.label})" if step.label else ""
        )
        out.append(
            f'<g class="step verdict-{xml_escape(step.verdict)}" '
            f'data-date="{step.date.isoformat()}"><title>{xml_escape(tip)}</title>'
            f'<rect x="{x0:.1f}" y="{band_y}" width="{max(x1 - x0, 1.0):.1f}" height="{band_h}" '
            f'fill="{colour}" opacity="0.85"/></g>'
        )
        if step.moved or step.marked or i == 0:
            top = band_y - (10 if step.moved else 4)
            kind = "move" if step.moved else "change"
            out.append(
                f'<line class="mark {kind}" x1="{x0:.1f}" y1="{top}" x2="{x0:.1f}" '
                f'y2="{band_y + band_h + 4}" stroke="#37474f" '
                f'stroke-width="{2.5 if step.moved else 1}"/>'
            )
    years = range(start.year + 1, end.year + 1)
    step_years = max(1, len(years) // 12 + 1)
    for year in years:
        if (year - start.year) % step_years:
            continue
        x = x_of(dt.date(year, 1, 1))
        out.append(
            f'<text x="{x:.1f}" y="{band_y + band_h + 16}" font-size="10" text-anchor="middle" '
            f'fill="#546e7a">{year}</text>'
        )
    y = band_y + band_h + 36
    for step in moves:
        colour = VERDICT_COLOURS.get(step.verdict, "#607d8b")
        if step.moved:
            text = f"{step.date.isoformat()}: {step.verdict}" + (
                f" after {step.label}" if step.label else "")
            weight, ink = ' font-weight="bold"', "#263238"
        else:
            text = f"{step.date.isoformat()}: still {step.verdict}; rules applying changed: {step.label}"
            weight, ink = "", "#455a64"
        out.append(
            f'<circle cx="{left + 5}" cy="{y - 4}" r="{4 if step.moved else 3}" fill="{colour}"/>'
            f'<text x="{left + 14}" y="{y}" font-size="11" fill="{ink}"{weight}>'
            f"{xml_escape(text)}</text>"
        )
        y += 16
    legend_x = left
    for verdict, colour in VERDICT_COLOURS.items():
        out.append(
            f'<rect x="{legend_x}" y="{y + 2}" width="12" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 16}" y="{y + 11}" font-size="10" fill="#37474f">{verdict}</text>'
        )
        legend_x += 90
    if current is not None and start <= current:
        x = x_of(current)
        out.append(f'<line class="now" x1="{x:.1f}" y1="{band_y - 14}" x2="{x:.1f}" '
                   f'y2="{band_y + band_h + 6}" stroke="#1a237e" stroke-width="1.5" '
                   f'stroke-dasharray="3 2"/><text x="{x + 3:.1f}" y="{band_y - 16}" '
                   f'font-size="10" fill="#1a237e">{current.isoformat()}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
