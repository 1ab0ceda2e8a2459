"""A scenario report as one Markdown file: tables, quotes, the graph as an embedded SVG data URI plus DOT.

Text from the doctrine, the scenario or the analyses is escaped so that it cannot turn into
Markdown or HTML markup; the graph image is a base64 `data:` URI, so the file stands alone.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable

from overture.render import joint_report as jr
from overture.render.joint_report import JointSection
from overture.render.report import ScenarioReport, generator_line
from overture.render.style import clean_text
from overture.verdict import Reason

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def md(text: object) -> str:
    """Escape text for Markdown: backslash before every markup character, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(clean_text(str(text)).split()))


def code(text: object) -> str:
    """An inline code span that holds any text (fence longer than any backtick run in it)."""
    body = " ".join(clean_text(str(text)).split())
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def fenced(text: str, lang: str = "") -> str:
    """A fenced code block that cannot be closed early by the content."""
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{clean_text(text).rstrip()}\n{fence}"


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """A pipe table whose cells are already escaped."""
    h = list(head)
    out = ["| " + " | ".join(h) + " |", "|" + "|".join("---" for _ in h) + "|"]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return out


def _reason(report: ScenarioReport, reason: Reason) -> list[str]:
    source = report.doctrine.sources_by_id.get(reason.source)
    src = f"{source.title} ({source.publisher})" if source else reason.source
    meta = [f"rule {code(reason.rule_id)}"]
    if reason.element:
        meta.append(f"element {md(reason.element)}")
    meta.extend([md(reason.kind), f"stated {md(reason.date.isoformat())}", md(src)])
    if reason.exception:
        meta.append("exception")
    out = [f"- **{md(reason.gloss)}**  ", f"  {' · '.join(meta)}"]
    for q in reason.quotes:
        cite = q.source_title + (f"; {q.cited}" if q.cited else "")
        out.append("")
        out.append(f"  > “{md(q.text)}”  ")
        out.append(f"  > — {md(cite)}")
    out.append("")
    return out


def to_markdown(report: ScenarioReport) -> str:
    """The report as GitHub-flavoured Markdown."""
    ev = report.evaluation
    s = report.scenario
    d = report.doctrine
    out: list[str] = [f"# {md(report.title)}", "", f"*{md(d.title)}*", ""]

    out += ["## Verdict", "", f"**{md(ev.verdict.value.upper())}**: {md(ev.summary)}", ""]
    if ev.scope:
        out += [f"Talks permitted on: **{md(', '.join(ev.scope))}**.", ""]
    out += [
        f"Question: is {code(ev.question)} justified? {md(ev.semantics)} semantics, "
        f"{md(ev.view)} view, scenario dated {md(ev.date.isoformat())}.",
        "",
    ]

    out += ["## Scenario", ""]
    rows = [
        ("Counterparty", md(report.counterparty_name())),
        ("Topics", md(", ".join(s.topics))),
        ("Mode", md(s.mode)),
        ("Date", md(s.date.isoformat())),
        ("View", md(s.view)),
        ("Initiated by", md((s.initiated_by or "-").replace("_", " "))),
    ]
    if s.description:
        rows.insert(0, ("Description", md(s.description)))
    out += [*_table(("", "Value"), rows), ""]
    facts = report.facts_table()
    if facts:
        out += ["### Facts", ""]
        out += _table(
            ("Fact", "Meaning", "Value"),
            ((code(fid), md(desc), "true" if val else "false") for fid, desc, val in facts),
        )
        out.append("")

    out += ["## Reasons", ""]
    for heading, reasons in (("For talks", ev.reasons_for), ("Against talks", ev.reasons_against)):
        out += [f"### {heading} ({len(reasons)})", ""]
        if reasons:
            for r in reasons:
                out += _reason(report, r)
        else:
            out += ["None.", ""]
    if ev.defeated:
        out += [f"### Arguments that lost ({len(ev.defeated)})", ""]
        out += _table(
            ("Argument", "Conclusion", "Rule", "Defeated by", "Why"),
            (
                (
                    md(x.argument),
                    code(x.conclusion),
                    md(x.rule_id or "—"),
                    md(f"{x.defeated_by or '—'} ({x.defeated_by_argument})"),
                    md(x.why + (f": {x.detail}" if x.detail else "")),
                )
                for x in ev.defeated
            ),
        )
        out.append("")

    svg64 = base64.b64encode(report.graph_svg.encode("utf-8")).decode("ascii")
    out += [
        "## Argument graph",
        "",
        "Rules and their conclusions; green: accepted, red: rejected, amber: undecided.",
        "",
        f"![Argument graph](data:image/svg+xml;base64,{svg64})",
        "",
        "Graphviz source (render with `dot -Tsvg`):",
        "",
        fenced(report.graph_dot, "dot"),
        "",
    ]

    if report.timeline is not None:
        out += ["## Timeline", ""]
        if report.timeline_svg is not None:
            tl64 = base64.b64encode(report.timeline_svg.encode("utf-8")).decode("ascii")
            out += [f"![Verdict over time](data:image/svg+xml;base64,{tl64})", ""]
        out += _table(
            ("From", "Verdict", "Statements entering", "Changed"),
            (
                (
                    md(p.date.isoformat()),
                    md(p.verdict),
                    md(", ".join(p.entered) or "—"),
                    "yes" if p.moved else "",
                )
                for p in report.timeline.points
            ),
        )
        out.append("")

    if report.views is not None:
        vc = report.views
        out += ["## Views", ""]
        out += _table(
            ("View", "Sources", "Verdict"),
            (
                (md(r.view), md(", ".join(d.views_by_id[r.view].sources)), md(r.verdict))
                for r in vc.results
            ),
        )
        out.append("")
        if vc.differing:
            out += ["### Where the views part", ""]
            out += _table(
                ("Rule", "Argues", "Present in", "Absent from", "Gloss"),
                (
                    (
                        code(x.reason.rule_id),
                        md(x.side),
                        md(", ".join(x.present_in)),
                        md(", ".join(x.absent_from)),
                        md(x.reason.gloss),
                    )
                    for x in vc.differing
                ),
            )
            out.append("")

    if report.counterfactuals is not None:
        cf = report.counterfactuals
        out += [
            "## What would change the verdict",
            "",
            f"Minimal sets of at most {cf.max_changes} changes after which the verdict becomes "
            f"**{md(cf.target)}** ({len(cf.results)} found; no proper subset of a set works).",
            "",
        ]
        if not cf.results:
            out += ["No such change within the bound.", ""]
        for i, c in enumerate(cf.results, start=1):
            edits = "; ".join(e.describe() for e in c.edits)
            out.append(f"{i}. **{md(edits)}** → {md(c.verdict)}")
            for why in c.reasons[:3]:
                first = why.quote_texts[0] if why.quote_texts else ""
                quote = f" — “{md(first)}”" if first else ""
                out.append(
                    f"   - {md(why.gloss)} ({code(why.rule_id)}, {md(why.source)}, "
                    f"{md(why.date)}){quote}"
                )
        out.append("")

    for j in report.joints:
        out += [joint_section_markdown(j), ""]

    sources = report.cited_sources()
    if sources:
        out += ["## Sources", ""]
        for src in sources:
            speaker = f", speaker {src.speaker}" if src.speaker else ""
            out.append(
                f"- **{md(src.title)}**, {md(src.publisher)}, {md(src.date.isoformat())} "
                f"({md(src.kind + speaker)}). {md(src.location)}"
            )
        out.append("")
    out += ["---", "", md(generator_line(report))]
    out.extend(f"  \n{md(n)}" for n in report.notes)
    return "\n".join(out).rstrip() + "\n"


def _md_cells(rows: Iterable[Iterable[str]]) -> list[list[str]]:
    return [[md(c) for c in r] for r in rows]


def joint_section_markdown(sec: JointSection, level: int = 2) -> str:
    """A joint answer as a Markdown section (the two sides' graphs as embedded SVG data URIs,
    the rules the answer turns on ringed)."""
    r = sec.result
    h, sub = "#" * level, "#" * (level + 1)
    out = [f"{h} Two sides: {md(sec.title)}", "", md(jr.summary(r)), ""]
    if r.joint:
        out += [f"{sub} Overtures both sides accept", ""]
        out += _table(("overture", "moves, in order", "each side's reasons"),
                      _md_cells(jr.joint_rows(r)))
        if len(r.joint) > jr.MAX_LISTED:
            out += ["", f"and {len(r.joint) - jr.MAX_LISTED} more."]
        first = r.joint[0]
        out += ["", f"Why each side accepts {md(first.overture.describe())}:", ""]
        out += _table(("side", "rule", "gloss", "quote"), _md_cells(
            jr.reason_rows(b for rs in first.reasons.values() for b in rs)))
        out.append("")
    st = r.stalemate
    if st is not None and st.cycle:
        on = st.cycle_on.describe() if st.cycle_on else ""
        out += [f"{sub} The wait-for cycle (on {md(on)})", ""]
        out += _table(("side", "its move", "waits for", "rule", "in its words"),
                      _md_cells(jr.cycle_rows(r)))
        out.append("")
    for s, svg in zip(sec.sides, sec.graphs, strict=True):
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        out += [f"{sub} {md(s.caption)}", "",
                f"{md(s.overture.describe())}: {md(s.evaluation.verdict.value)}; the rules the "
                f"answer turns on (ringed): {md(', '.join(s.rules) or 'none')}", "",
                f"![{md(s.caption)}](data:image/svg+xml;base64,{data})", ""]
    if st is not None:
        out += [f"{sub} What blocks each of the {len(st.blocked)} candidates", ""]
        out += _table(("overture", "goals at the start", "blocking rules (every candidate of the row)"),
                      _md_cells(jr.blocked_rows(r)))
        out.append("")
    if r.concessions is not None:
        out += [f"{sub} Least concessions", ""]
        lines = jr.concession_lines(r)
        out += [f"{i}. {md(x)}" for i, x in enumerate(lines, 1)] or [
            "No concession within the bound."]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
