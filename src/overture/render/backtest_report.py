"""A backtest as a self-contained HTML page: the scores beside the baselines, a chart of hits
and misses over time, and each event with its verdict, outcome, source and, for a miss, why.

The chart is inline SVG (no script, no external asset); the workbench draws the same SVG.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from overture.analysis.backtest import BacktestReport, EventResult, ViewScore

_W, _H, _PAD = 900, 190, 46
_ROWS = {"accepted": 0, "ambiguous": 1, "refused": 2}
_COLOUR = {True: "#1b7f3b", False: "#b3261e", None: "#6b6b6b"}


def _num(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "–"
    return f"{x:.0%}" if pct else f"{x:.3f}"


def chart_svg(score: ViewScore) -> str:
    """Hits (green), misses (red) and undecided or ambiguous events (grey) over time, one row
    per outcome; each marker's title names the event, its verdict and its outcome."""
    results = list(score.results)
    if not results:
        return ""
    dates = [r.event.date for r in results]
    lo = dt.date(min(dates).year, 1, 1)
    hi = dt.date(max(dates).year + 1, 1, 1)
    span = max((hi - lo).days, 1)

    def x(d: dt.date) -> float:
        return _PAD + (_W - 2 * _PAD) * (d - lo).days / span

    def y(outcome: str) -> float:
        return 30 + _ROWS[outcome] * 50

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" width="100%" '
             f'role="img" aria-label="Hits and misses over time, view {escape(score.view)}">',
             '<rect width="100%" height="100%" fill="#fff"/>']
    for outcome, row in _ROWS.items():
        yy = 30 + row * 50
        parts.append(f'<line x1="{_PAD}" x2="{_W - _PAD}" y1="{yy}" y2="{yy}" stroke="#ddd"/>')
        parts.append(f'<text x="4" y="{yy + 4}" font-size="11" fill="#333">{outcome}</text>')
    for year in range(lo.year, hi.year + 1, max(1, (hi.year - lo.year) // 10)):
        xx = x(dt.date(year, 1, 1))
        parts.append(f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="165" y2="170" stroke="#999"/>')
        parts.append(f'<text x="{xx:.1f}" y="183" font-size="10" text-anchor="middle" '
                     f'fill="#333">{year}</text>')
    for r in results:
        cx, cy = x(r.event.date), y(r.event.outcome)
        colour = _COLOUR[r.hit]
        title = escape(f"{r.event.date} {r.event.id}: {r.event.what} — verdict {r.verdict.value}, "
                       f"outcome {r.event.outcome}")
        if r.hit is False:
            parts.append(f'<g class="miss"><title>{title}</title>'
                         f'<path d="M{cx - 6:.1f},{cy - 6:.1f} L{cx + 6:.1f},{cy + 6:.1f} '
                         f'M{cx - 6:.1f},{cy + 6:.1f} L{cx + 6:.1f},{cy - 6:.1f}" '
                         f'stroke="{colour}" stroke-width="3"/></g>')
        else:
            fill = colour if r.hit else "none"
            parts.append(f'<circle class="{"hit" if r.hit else "open"}" cx="{cx:.1f}" '
                         f'cy="{cy:.1f}" r="6" fill="{fill}" stroke="{colour}" stroke-width="2">'
                         f'<title>{title}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _event_row(r: EventResult) -> str:
    mark = {True: "hit", False: "miss", None: "–"}[r.hit]
    src = r.event.source
    where = src.url or src.file or src.publisher or ""
    detail = ""
    if r.miss is not None:
        flips = "; ".join(" + ".join(f) for f in r.miss.flips) or (r.miss.flips_note or "")
        detail = (f"<div class=\"why\">decided by {escape(', '.join(r.miss.deciding) or '–')}; "
                  f"{escape(r.miss.message)}; smallest changes: {escape(flips)}</div>")
    return (f"<tr class=\"{mark}\"><td>{r.event.date}</td><td>{escape(r.event.what)}{detail}</td>"
            f"<td>{r.verdict.value}</td><td>{r.event.outcome}</td><td>{mark}</td>"
            f"<td>{escape(src.title)}<br><small>{escape(where)}, {src.date}</small></td></tr>")


def to_html(report: BacktestReport) -> str:
    """The whole report as one HTML page."""
    body = [f"<h1>Backtest of {escape(report.doctrine)}</h1>",
            f"<p class=\"sub\">{escape(report.log_title or 'event log')} — {report.semantics} "
            "semantics; each event judged with only the statements made before its date.</p>"]
    rows = "".join(
        f"<tr><td>{escape(v.view)}</td><td>{v.hits}/{v.decided}</td><td>{_num(v.accuracy, True)}</td>"
        f"<td>{_num(v.coverage, True)}</td><td>{_num(v.brier)}</td>"
        f"<td>{_num(v.baselines['always_refuse'])}</td><td>{_num(v.baselines['base_rate'])}</td>"
        f"<td>{_num(v.baselines['previous_outcome'])}</td></tr>" for v in report.views)
    body.append("<table><tr><th>view</th><th>hits</th><th>accuracy</th><th>coverage</th>"
                "<th>Brier</th><th>always refuse</th><th>base rate</th><th>previous outcome</th>"
                f"</tr>{rows}</table>")
    for v in report.views:
        body.append(f"<h2>View {escape(v.view)}</h2><div class=\"chart\">{chart_svg(v)}</div>")
        body.append("<table><tr><th>date</th><th>overture</th><th>verdict</th><th>outcome</th>"
                    "<th></th><th>source</th></tr>" + "".join(_event_row(r) for r in v.results)
                    + "</table>")
    style = ("body{font:15px/1.5 Georgia,serif;margin:24px auto;max-width:1000px;color:#1a1a1a}"
             "table{border-collapse:collapse;width:100%;margin:10px 0}"
             "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}"
             "tr.miss td{background:#fbeceb}tr.hit td{background:#eef7f0}"
             ".why{color:#555;font-size:13px}.sub{color:#555;font-style:italic}")
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest of "
            f"{escape(report.doctrine)}</title><style>{style}</style></head><body>"
            + "".join(body) + "</body></html>")
