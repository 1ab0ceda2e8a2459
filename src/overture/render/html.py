"""A scenario report as one self-contained HTML page: inline CSS and SVG, no scripts, no external assets.

Every piece of text from the doctrine, the scenario or the analyses is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from overture.render import joint_report as jr
from overture.render.joint_report import JointSection
from overture.render.report import ScenarioReport, generator_line
from overture.render.style import xml_escape
from overture.render.timeline_svg import VERDICT_COLOURS
from overture.verdict import Reason

CSS = """
:root { --ink: #1f2a30; --muted: #5b6b73; --line: #d5dde1; --bg: #f7f9fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 Georgia, 'Times New Roman', serif; color: var(--ink);
       background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 28px 32px 60px; }
h1 { font: 600 26px/1.25 Helvetica, Arial, sans-serif; margin: 0 0 4px; }
h2 { font: 600 19px/1.3 Helvetica, Arial, sans-serif; margin: 36px 0 10px;
     padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font: 600 15px/1.3 Helvetica, Arial, sans-serif; margin: 18px 0 6px; }
.sub { color: var(--muted); margin: 0 0 18px; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg); font: 600 13px Helvetica, Arial, sans-serif; }
td:first-child { white-space: nowrap; width: 1%; }
.verdict { display: flex; gap: 18px; align-items: center; padding: 14px 18px; border-radius: 8px;
           background: var(--bg); border-left: 8px solid var(--verdict); margin: 10px 0 6px; }
.badge { font: 700 20px Helvetica, Arial, sans-serif; color: #fff; background: var(--verdict);
         padding: 6px 14px; border-radius: 6px; text-transform: uppercase; letter-spacing: .04em; }
.reason { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.reason .meta { color: var(--muted); font: 12px Helvetica, Arial, sans-serif; }
.reason .gloss { font-weight: 600; }
blockquote { margin: 8px 0 4px 0; padding: 4px 12px; border-left: 3px solid #9fb3bd;
             background: #fbfcfc; }
blockquote p { margin: 0; }
cite { display: block; color: var(--muted); font: 12px Helvetica, Arial, sans-serif; margin-top: 2px; }
.graph { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 6px;
         background: #fff; }
.graph svg { display: block; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff;
        font: 600 12px Helvetica, Arial, sans-serif; }
details { margin: 10px 0; }
summary { cursor: pointer; font: 600 14px Helvetica, Arial, sans-serif; }
pre { background: var(--bg); padding: 10px; overflow-x: auto; font-size: 12px; }
footer { margin-top: 40px; color: var(--muted); font: 12px Helvetica, Arial, sans-serif; }
.note { color: var(--muted); font-style: italic; }
"""


def esc(text: object) -> str:
    """HTML-escape any value's text (quotes included; characters illegal in HTML dropped)."""
    return xml_escape(str(text))


def _pill(verdict: str) -> str:
    colour = VERDICT_COLOURS.get(verdict, "#607d8b")
    return f'<span class="pill" style="background:{colour}">{esc(verdict)}</span>'


def _reason(report: ScenarioReport, reason: Reason) -> str:
    d = report.doctrine
    source = d.sources_by_id.get(reason.source)
    src = f"{source.title} ({source.publisher})" if source else reason.source
    parts = [
        '<div class="reason">',
        f'<div class="gloss">{esc(reason.gloss)}</div>',
        f'<div class="meta">rule <code>{esc(reason.rule_id)}</code>'
        + (f" · element {esc(reason.element)}" if reason.element else "")
        + f" · {esc(reason.kind)} · stated {esc(reason.date.isoformat())} · {esc(src)}"
        + (" · exception" if reason.exception else "")
        + "</div>",
    ]
    for q in reason.quotes:
        cite = q.source_title + (f"; {q.cited}" if q.cited else "")
        parts.append(f"<blockquote><p>“{esc(q.text)}”</p><cite>{esc(cite)}</cite></blockquote>")
    parts.append("</div>")
    return "\n".join(parts)


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table whose cells are already-escaped HTML."""
    out = ["<table>", "<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def to_html(report: ScenarioReport) -> str:
    """The report as a complete HTML document (UTF-8)."""
    ev = report.evaluation
    s = report.scenario
    d = report.doctrine
    verdict = ev.verdict.value
    colour = VERDICT_COLOURS.get(verdict, "#607d8b")
    body: list[str] = []
    body.append(f"<h1>{esc(report.title)}</h1>")
    body.append(f'<p class="sub">{esc(d.title)}</p>')

    body.append('<section id="verdict"><h2>Verdict</h2>')
    body.append(
        f'<div class="verdict" style="--verdict:{colour}"><span class="badge">{esc(verdict)}</span>'
        f"<div>{esc(ev.summary)}</div></div>"
    )
    if ev.scope:
        body.append(f"<p>Talks permitted on: <strong>{esc(', '.join(ev.scope))}</strong>.</p>")
    body.append(
        f'<p class="note">Question: is <code>{esc(ev.question)}</code> justified? '
        f"{esc(ev.semantics)} semantics, {esc(ev.view)} view, scenario dated {esc(ev.date.isoformat())}.</p>"
    )
    body.append("</section>")

    body.append('<section id="scenario"><h2>Scenario</h2>')
    rows = [
        ("Counterparty", esc(report.counterparty_name())),
        ("Topics", esc(", ".join(s.topics))),
        ("Mode", esc(s.mode)),
        ("Date", esc(s.date.isoformat())),
        ("View", esc(s.view)),
        ("Initiated by", esc((s.initiated_by or "-").replace("_", " "))),
    ]
    if s.description:
        rows.insert(0, ("Description", esc(s.description)))
    body.append(_table(("", "Value"), rows))
    facts = report.facts_table()
    if facts:
        body.append("<h3>Facts</h3>")
        body.append(
            _table(
                ("Fact", "Meaning", "Value"),
                (
                    (f"<code>{esc(fid)}</code>", esc(desc), "true" if val else "false")
                    for fid, desc, val in facts
                ),
            )
        )
    body.append("</section>")

    body.append('<section id="reasons"><h2>Reasons</h2>')
    for heading, reasons in (
        ("For talks", ev.reasons_for),
        ("Against talks", ev.reasons_against),
    ):
        body.append(f"<h3>{heading} ({len(reasons)})</h3>")
        if reasons:
            body.extend(_reason(report, r) for r in reasons)
        else:
            body.append('<p class="note">None.</p>')
    if ev.defeated:
        body.append(f"<h3>Arguments that lost ({len(ev.defeated)})</h3>")
        body.append(
            _table(
                ("Argument", "Conclusion", "Rule", "Defeated by", "Why"),
                (
                    (
                        esc(x.argument),
                        f"<code>{esc(x.conclusion)}</code>",
                        esc(x.rule_id or "—"),
                        esc(f"{x.defeated_by or '—'} ({x.defeated_by_argument})"),
                        esc(x.why + (f": {x.detail}" if x.detail else "")),
                    )
                    for x in ev.defeated
                ),
            )
        )
    body.append("</section>")

    body.append('<section id="graph"><h2>Argument graph</h2>')
    body.append(
        '<p class="note">Rules and their conclusions; green: accepted, red: rejected, amber: '
        "undecided. Hover a box for its quotes.</p>"
    )
    body.append(f'<div class="graph">{report.graph_svg}</div>')
    body.append(
        "<details><summary>Every attack between arguments</summary>"
        f'<div class="graph">{report.attack_graph_svg}</div></details>'
    )
    body.append(
        f"<details><summary>Graphviz DOT source</summary><pre>{esc(report.graph_dot)}</pre></details>"
    )
    body.append("</section>")

    if report.timeline is not None and report.timeline_svg is not None:
        tl = report.timeline
        body.append('<section id="timeline"><h2>Timeline</h2>')
        body.append(f'<div class="graph">{report.timeline_svg}</div>')
        body.append(
            _table(
                ("From", "Verdict", "Statements entering", "Changed"),
                (
                    (
                        esc(p.date.isoformat()),
                        _pill(p.verdict),
                        esc(", ".join(p.entered) or "—"),
                        "yes" if p.moved else "",
                    )
                    for p in tl.points
                ),
            )
        )
        body.append("</section>")

    if report.views is not None:
        vc = report.views
        body.append('<section id="views"><h2>Views</h2>')
        body.append(
            _table(
                ("View", "Sources", "Verdict"),
                (
                    (
                        esc(r.view),
                        esc(", ".join(d.views_by_id[r.view].sources)),
                        _pill(r.verdict),
                    )
                    for r in vc.results
                ),
            )
        )
        if vc.differing:
            body.append("<h3>Where the views part</h3>")
            body.append(
                _table(
                    ("Rule", "Argues", "Present in", "Absent from", "Gloss"),
                    (
                        (
                            f"<code>{esc(x.reason.rule_id)}</code>",
                            esc(x.side),
                            esc(", ".join(x.present_in)),
                            esc(", ".join(x.absent_from)),
                            esc(x.reason.gloss),
                        )
                        for x in vc.differing
                    ),
                )
            )
        else:
            body.append('<p class="note">All views give the same reasons.</p>')
        body.append("</section>")

    if report.counterfactuals is not None:
        cf = report.counterfactuals
        body.append('<section id="counterfactuals"><h2>What would change the verdict</h2>')
        body.append(
            f"<p>Minimal sets of at most {cf.max_changes} changes after which the verdict becomes "
            f"{_pill(cf.target)} ({len(cf.results)} found; no proper subset of a set works).</p>"
        )
        if cf.results:
            body.append("<ol>")
            for c in cf.results:
                edits = "; ".join(e.describe() for e in c.edits)
                body.append(f"<li><strong>{esc(edits)}</strong> → {_pill(c.verdict)}")
                for r in c.reasons[:3]:
                    quote = (
                        f" — “{esc(r.quote_texts[0])}”"
                        if r.quote_texts and r.quote_texts[0]
                        else ""
                    )
                    body.append(
                        f'<div class="meta">{esc(r.gloss)} (<code>{esc(r.rule_id)}</code>, '
                        f"{esc(r.source)}, {esc(r.date)}){quote}</div>"
                    )
                body.append("</li>")
            body.append("</ol>")
        else:
            body.append('<p class="note">No such change within the bound.</p>')
        body.append("</section>")

    body.extend(joint_section_html(j) for j in report.joints)

    sources = report.cited_sources()
    if sources:
        body.append('<section id="sources"><h2>Sources</h2><ul>')
        for src in sources:
            speaker = f", speaker {src.speaker}" if src.speaker else ""
            body.append(
                f"<li><strong>{esc(src.title)}</strong>, {esc(src.publisher)}, "
                f"{esc(src.date.isoformat())} ({esc(src.kind)}{esc(speaker)}). {esc(src.location)}</li>"
            )
        body.append("</ul></section>")

    footer = [esc(generator_line(report))]
    footer.extend(esc(n) for n in report.notes)
    body.append("<footer>" + "<br>".join(footer) + "</footer>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc('Overture report: ' + report.title)}</title>\n"
        f"<style>{CSS}{jr.CSS if report.joints else ''}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _cells(rows: Iterable[Iterable[str]]) -> list[list[str]]:
    return [[esc(c) for c in r] for r in rows]


def joint_section_html(sec: JointSection, level: int = 2) -> str:
    """A joint answer as a section (inline SVG; no script), its heading at `level`: the
    overtures both sides accept or the wait-for cycle, the two sides' graphs side by side (the
    rules the answer turns on ringed), the blocked candidates folded, the concessions."""
    r = sec.result
    h, sub, side_h = f"h{level}", f"h{level + 1}", f"h{level + 2}"
    out = [f'<section class="joint" id="joint-{esc(r.joint_id)}">',
           f"<{h}>Two sides: {esc(sec.title)}</{h}>", f"<p>{esc(jr.summary(r))}</p>"]
    if r.joint:
        out.append(f"<{sub}>Overtures both sides accept</{sub}>")
        out.append(_table(("overture", "moves, in order", "each side's reasons"),
                          _cells(jr.joint_rows(r))))
        if len(r.joint) > jr.MAX_LISTED:
            out.append(f'<p class="note">and {len(r.joint) - jr.MAX_LISTED} more.</p>')
        first = r.joint[0]
        out.append(f"<p>Why each side accepts {esc(first.overture.describe())}:</p>")
        out.append(_table(("side", "rule", "gloss", "quote"), _cells(
            jr.reason_rows(b for rs in first.reasons.values() for b in rs))))
    st = r.stalemate
    if st is not None and st.cycle:
        on = st.cycle_on.describe() if st.cycle_on else ""
        out.append(f"<{sub}>The wait-for cycle (on {esc(on)})</{sub}>")
        out.append(_table(("side", "its move", "waits for", "rule", "in its words"),
                          _cells(jr.cycle_rows(r))))
    if sec.sides:
        out.append(f"<{sub}>The two sides' arguments</{sub}>")
        out.append('<p class="note">Ringed: the rules the answer turns on; drawn with the '
                   "arguments attacking or attacked by them.</p>")
        out.append('<div class="joint-sides">')
        for s, svg in zip(sec.sides, sec.graphs, strict=True):
            out.append(f'<div class="joint-side" data-side="{esc(s.side)}">'
                       f"<{side_h}>{esc(s.caption)}</{side_h}>"
                       f'<p class="note">{esc(s.overture.describe())}: '
                       f"{esc(s.evaluation.verdict.value)}; rules: "
                       f"{esc(', '.join(s.rules) or 'none')}</p>"
                       f'<div class="graph">{svg}</div></div>')
        out.append("</div>")
    if st is not None:
        out.append(f"<details><summary>What blocks each of the {len(st.blocked)} "
                   "candidates</summary>")
        out.append(_table(("overture", "goals at the start", "blocking rules (every candidate of the row)"),
                          _cells(jr.blocked_rows(r))))
        out.append("</details>")
    if r.concessions is not None:
        out.append(f"<{sub}>Least concessions</{sub}>")
        lines = jr.concession_lines(r)
        out.append("<ol>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ol>" if lines
                   else '<p class="note">No concession within the bound.</p>')
    out.append("</section>")
    return "\n".join(out)


def joint_page(section: JointSection) -> str:
    """A page holding one joint answer alone (`overture joint --out x.html`)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc('Overture: ' + section.title)}</title>\n"
        f"<style>{CSS}{jr.CSS}</style>\n</head>\n<body>\n<main>\n"
        + joint_section_html(section, 1)
        + "\n</main>\n</body>\n</html>\n"
    )
