"""CLI commands for the analysis area: what-if, counterfactual, timeline, views, hypotheses, sweep.

Thin shells over `overture.analysis`: parse flags, call the library, print Rich tables or JSON.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from overture.cli.common import (
    ActionOpt,
    CommandGroup,
    DoctrineFlag,
    DoctrineOpt,
    JsonOpt,
    SemanticsOpt,
    StatedOnlyOpt,
    console,
    doctrine_from,
    fail,
    flag_hint,
    guard,
    load_inputs,
    print_json,
    stop_after,
    verdict_markup,
)
from overture.doctrines import DEFAULT_DOCTRINE

ScenarioArg = Annotated[str, typer.Argument(
    help="Scenario file (YAML/JSON), a shipped example's name, or - for standard input.")]


def _short(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


_verdict = verdict_markup


commands = CommandGroup()


@commands.command("what-if")
def what_if_cmd(
    scenario: ScenarioArg,
    set_: Annotated[list[str] | None, typer.Option("--set", help="fact=value (repeatable).")] = None,
    mode: Annotated[str | None, typer.Option(help="New mode.")] = None,
    date: Annotated[str | None, typer.Option(help="New date (ISO).")] = None,
    counterparty: Annotated[str | None, typer.Option(help="New counterparty.")] = None,
    topics: Annotated[str | None, typer.Option(help="New topic list, comma-separated.")] = None,
    view: Annotated[str | None, typer.Option(help="New view.")] = None,
    initiated_by: Annotated[str | None, typer.Option("--initiated-by", help="New initiator.")] = None,
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    action: ActionOpt = None,
    stated_only: StatedOnlyOpt = False,
    semantics: SemanticsOpt = "grounded",
    as_json: JsonOpt = False,
) -> None:
    """The verdict before and after some changes, and which arguments changed status."""
    from overture.analysis import ScenarioSpace, what_if
    from overture.cli.flags import edits_from_flags

    def run() -> Any:
        d, s = load_inputs(scenario, doctrine, action, stated_only)
        edits = edits_from_flags(
            ScenarioSpace(d, s), set_ or [],
            {"mode": mode, "date": date, "counterparty": counterparty, "view": view,
             "initiated_by": initiated_by},
            topics,
        )
        return what_if(s, d, semantics, changes=edits)

    result = guard(run)
    if as_json:
        print_json(result.to_dict())
        return
    console.print(f"before: {_verdict(str(result.before.verdict))}   after: {_verdict(str(result.after.verdict))}")
    for e in result.edits:
        console.print(f"  • {escape(e.describe())}")
    table = Table(title="Arguments that changed status")
    for col in ("rule", "conclusion", "before", "after"):
        table.add_column(col)
    for c in result.changes:
        table.add_row(escape(c.rule_id) if c.rule_id else "[dim](scenario)[/]",
                      escape(c.conclusion), c.before, c.after)
    console.print(table if result.changes else "[dim]no argument changed status[/]")

@commands.command("counterfactual")
def counterfactual_cmd(
    scenario: ScenarioArg,
    target: Annotated[str | None, typer.Option(help="Target verdict (default: permitted, or forbidden if already permitted).")] = None,
    max_changes: Annotated[int, typer.Option("--max-changes", "-k", min=0, max=6, help="Most edits per set.")] = 2,
    variables: Annotated[str | None, typer.Option("--vary", help="Only these variables, comma-separated.")] = None,
    strategy: Annotated[str, typer.Option(help="exact (any doctrine) or monotone (SAT map).")] = "exact",
    max_evaluations: Annotated[int, typer.Option("--max-evaluations", min=1, help="Give up (exit 2) after this many scenario evaluations.")] = 200_000,
    timeout: Annotated[float | None, typer.Option("--timeout", min=0.0, help="Stop (exit 2) after this many seconds.")] = None,
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    action: ActionOpt = None,
    stated_only: StatedOnlyOpt = False,
    semantics: SemanticsOpt = "grounded",
    as_json: JsonOpt = False,
) -> None:
    """Every minimal set of edits that gives the scenario the target verdict."""
    from overture.analysis import counterfactuals
    from overture.cli.flags import split_names

    if strategy not in ("exact", "monotone"):
        fail(f"--strategy must be exact or monotone, got {strategy!r}")

    def run() -> Any:
        d, s = load_inputs(scenario, doctrine, action, stated_only)
        names = split_names(variables, "--vary") if variables is not None else None
        with flag_hint("lower --max-changes, narrow --vary or raise --max-evaluations"):
            return counterfactuals(s, d, semantics, target=target, max_changes=max_changes,
                                   variables=names, strategy="monotone" if strategy == "monotone" else "exact",
                                   max_evaluations=max_evaluations,
                                   should_stop=stop_after(timeout))

    report = guard(run)
    if as_json:
        print_json(report.to_dict())
        return
    console.print(f"verdict now: {_verdict(report.verdict)}; target: {_verdict(report.target)}; "
                  f"{len(report.results)} minimal edit set(s) of at most {report.max_changes} "
                  f"[dim]({report.stats.evaluations} evaluations, {report.stats.pruned} pruned)[/]")
    table = Table(show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("edits")
    table.add_column("rules that make it work")
    for i, cf in enumerate(report.results, 1):
        edits = "\n".join(
            e.describe() + (f"\n  [dim]({n})[/]" if n else "")
            for e, n in zip(cf.edits, cf.notes or [None] * len(cf.edits), strict=True)
        ) or "(none: already there)"
        reasons = "\n".join(
            f"{'[bold]' if r.new else ''}{r.rule_id}{'[/]' if r.new else ''} ({r.source}, {r.date}): {r.gloss}"
            + "".join(f"\n  [italic]“{_short(t)}”[/] [dim]({q})[/]" for q, t in zip(r.quotes, r.quote_texts, strict=False))
            for r in cf.reasons
        )
        table.add_row(str(i), edits, reasons)
    if report.results:
        console.print(table)

@commands.command("timeline")
def timeline_cmd(
    scenario: ScenarioArg,
    from_: Annotated[str | None, typer.Option("--from", help="Start year or ISO date.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="End year or ISO date.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the chart (.svg).")] = None,
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    action: ActionOpt = None,
    stated_only: StatedOnlyOpt = False,
    semantics: SemanticsOpt = "grounded",
    as_json: JsonOpt = False,
) -> None:
    """The verdict at every date a statement enters into force, and what moved it."""
    from overture.analysis import terminal_chart, timeline
    from overture.analysis.output import prepare_output, write_guarded
    from overture.errors import InputError, SourceLocation
    from overture.render.timeline_svg import timeline_chart

    def run() -> Any:
        if out is not None:
            if out.suffix.lower() == ".png":
                raise InputError("the chart is drawn as SVG: write it to a .svg file (a PNG is "
                                 "one conversion away, e.g. `rsvg-convert chart.svg`)",
                                 SourceLocation(str(out)))
            prepare_output(out, (".svg",), "chart file")
        d, s = load_inputs(scenario, doctrine, action, stated_only)
        tl = timeline(s, d, semantics, start=from_, end=to)
        if out is not None:
            svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + timeline_chart(tl, current=s.date)
            write_guarded(out, "chart file", lambda: out.write_text(svg, encoding="utf-8"))
        return tl

    tl = guard(run)
    if as_json:
        print_json(tl.to_dict())
        return
    table = Table(title=f"Timeline {tl.start} … {tl.end}")
    for col in ("from", "verdict", "statements entering (bold: they argue for the new verdict)",
                "now apply / no longer apply", "moved"):
        table.add_column(col)
    for p in tl.points:
        entered = ", ".join(f"[bold]{r}[/]" if r in p.movers else r for r in p.entered)
        change = " ".join([*(f"+{r}" for r in p.applied), *(f"−{r}" for r in p.lapsed)])
        table.add_row(p.date.isoformat(), _verdict(p.verdict), entered, change,
                      "◀ moved" if p.moved else "")
    console.print(table)
    for line in terminal_chart(tl):
        console.print(line, highlight=False)
    if out is not None:
        console.print(f"chart written to {out}")

@commands.command("views")
def views_cmd(
    scenario: ScenarioArg,
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    action: ActionOpt = None,
    stated_only: StatedOnlyOpt = False,
    semantics: SemanticsOpt = "grounded",
    as_json: JsonOpt = False,
) -> None:
    """The verdict under each view side by side, and the rules that make them differ."""
    from overture.analysis import compare_views

    def run_views() -> Any:
        d, s = load_inputs(scenario, doctrine, action, stated_only)
        return compare_views(s, d, semantics)

    cmp = guard(run_views)
    if as_json:
        print_json(cmp.to_dict())
        return
    table = Table(title="Verdict by view")
    for r in cmp.results:
        table.add_column(r.view)
    table.add_row(*(_verdict(r.verdict) for r in cmp.results))
    console.print(table)
    if not cmp.differing:
        console.print("[dim]the same rules argue in every view[/]")
        return
    diff = Table(title="Rules that make the views differ", show_lines=True)
    for col in ("rule", "argues", "in", "not in", "gloss and quotes"):
        diff.add_column(col)
    for dr in cmp.differing:
        why = dr.reason
        diff.add_row(why.rule_id, dr.side, ", ".join(dr.present_in), ", ".join(dr.absent_from),
                     f"{why.gloss}\n[dim]{why.source}, {why.date}[/]"
                     + "".join(f"\n[italic]“{_short(t)}”[/] [dim]({q})[/]"
                               for q, t in zip(why.quotes, why.quote_texts, strict=False)))
    console.print(diff)

@commands.command("hypotheses")
def hypotheses_cmd(
    doctrine: Annotated[str, typer.Argument(help="Shipped doctrine name or YAML path.")] = DEFAULT_DOCTRINE,
    notes: Annotated[bool, typer.Option("--notes", help="Also print why each rating was given.")] = False,
    doctrine_flag: DoctrineFlag = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Weigh only the evidence said on or before this date (YYYY-MM-DD).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Analysis of competing hypotheses (Heuer 1999, ch. 8): matrix, scores, diagnosticity, sensitivity."""
    from overture.analysis import analyse, hypotheses_of
    from overture.doctrine import load_doctrine

    result = guard(lambda: analyse(hypotheses_of(load_doctrine(
        doctrine_from(doctrine, doctrine_flag)), as_of=as_of)))
    if as_of is not None and not as_json:
        console.print(f"[dim]as of {escape(as_of)}: {len(result.evidence)} evidence item(s) said "
                      "by then[/]", highlight=False)
    if as_json:
        print_json(result.to_dict())
        return
    hyps = [h.id for h in result.hypotheses]
    short = {h: f"H{i}" for i, h in enumerate(hyps, 1)}
    matrix = Table(title="Evidence × hypotheses (CC, C, N, I, II)")
    matrix.add_column("item")
    matrix.add_column("quote")
    matrix.add_column("weight", justify="right")
    for h in hyps:
        matrix.add_column(short[h], justify="center")
    matrix.add_column("diagnosticity", justify="right")
    diag = {d.item: d for d in result.diagnosticity}
    colour = {"CC": "green", "C": "green", "N": "dim", "I": "red", "II": "bold red"}
    for e in result.evidence:
        d = diag[e.id]
        matrix.add_row(e.id, e.quote, f"{e.weight:.2f}",
                       *(f"[{colour[str(e.ratings[h])]}]{e.ratings[h]}[/]" for h in hyps),
                       f"{d.weighted:.2f}" if d.diagnostic else "[dim]none[/]")
    console.print(matrix)
    if notes:
        why = Table(title="Why each rating", show_lines=True)
        for col in ("item", "", "rating", "because"):
            why.add_column(col)
        for e in result.evidence:
            for h in hyps:
                if h in e.notes:
                    r = str(e.ratings[h])
                    why.add_row(e.id, short[h], f"[{colour[r]}]{r}[/]", escape(e.notes[h]))
        console.print(why)
    scores = Table(title="Scores (weight = credibility × relevance; I = 1, II = 2)")
    for col in ("", "hypothesis", "weighted inconsistency", "weighted consistency"):
        scores.add_column(col)
    for hyp in result.hypotheses:
        scores.add_row(short[hyp.id], f"{hyp.id}: {hyp.title}", f"{result.inconsistency[hyp.id]:.2f}",
                       f"{result.consistency[hyp.id]:.2f}")
    console.print(scores)
    ranking = "  <  ".join(" = ".join(t) for t in result.ranking)
    console.print(f"ranking (least inconsistent first): [bold]{escape(ranking)}[/]")
    pivotal = [s for s in result.sensitivity if s.pivotal]
    if not pivotal:
        console.print("sensitivity: no single item, if discredited, changes the ranking")
    for s in pivotal:
        alt = "  <  ".join(" = ".join(t) for t in s.ranking)
        console.print(f"sensitivity: without {escape(s.item)} the ranking becomes {escape(alt)}"
                      + (" [bold red](changes the favoured reading)[/]" if s.decisive else ""))

@commands.command("sweep")
def sweep_cmd(
    scenario: ScenarioArg,
    vary: Annotated[str, typer.Option(help="Variables to vary, comma-separated (name or name=v1|v2).")],
    out: Annotated[Path | None, typer.Option("--out", help="Write rows to .csv or .parquet.")] = None,
    workers: Annotated[int | None, typer.Option(
        min=0, help="Local processes (0 = all cores; default: all cores for 5000+ combinations).")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address.")] = None,
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    action: ActionOpt = None,
    stated_only: StatedOnlyOpt = False,
    semantics: SemanticsOpt = "grounded",
    as_json: JsonOpt = False,
) -> None:
    """Evaluate every combination of the varied variables; summarise what decides the verdict."""
    import math

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from overture.af import Semantics
    from overture.analysis import ScenarioSpace, plan_axes, sweep
    from overture.analysis.output import prepare_output
    from overture.analysis.sweep import SWEEP_SUFFIXES
    from overture.cli.flags import variables_from_flag

    if out is not None:
        guard(lambda: prepare_output(out, SWEEP_SUFFIXES, "sweep output"))
    d, s = guard(lambda: load_inputs(scenario, doctrine, action, stated_only))
    guard(lambda: Semantics.parse(semantics))
    space = ScenarioSpace(d, s)
    axes = guard(lambda: plan_axes(space, variables_from_flag(space, vary)))
    total = math.prod(len(a.values) for a in axes)
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=console, disable=as_json, transient=False) as bar:
        task = bar.add_task("sweeping", total=total)
        result = guard(lambda: sweep(s, d, semantics, vary=axes, workers=workers, scheduler=scheduler,
                                      progress=lambda n: bar.update(task, completed=n)))
    if out is not None:
        guard(lambda: result.write(out))
    if as_json:
        print_json(result.to_dict())
        return
    console.print(f"{result.size} combinations in {result.seconds:.2f} s "
                  f"({result.size / max(result.seconds, 1e-9):.0f}/s, {result.backend}, {result.workers} worker(s))")
    counts = Table(title="Verdicts")
    counts.add_column("verdict")
    counts.add_column("combinations", justify="right")
    for v, n in result.counts().items():
        counts.add_row(_verdict(v), str(n))
    console.print(counts)
    infl = Table(title="What decides the verdict",
                 caption="share of combinations where changing the variable alone flips the verdict")
    infl.add_column("variable")
    infl.add_column("flips", justify="right")
    for x in result.influence():
        infl.add_row(x.variable, f"{x.flip_fraction:.1%}")
    console.print(infl)
    if out is not None:
        console.print(f"rows written to {out}")


@commands.command("backtest")
def backtest_cmd(
    events: Annotated[str, typer.Argument(
        help="An event log (YAML/JSON), - for standard input, or a shipped doctrine's name for its log.")],
    doctrine: Annotated[str | None, typer.Option(
        "--doctrine", "-d", help="The doctrine judged (default: the log's own, else the default).")] = None,
    view: Annotated[list[str] | None, typer.Option("--view", help="A view to score (repeatable; default: all).")] = None,
    all_views: Annotated[bool, typer.Option("--all-views", help="Score every view side by side.")] = False,
    timeout: Annotated[float | None, typer.Option("--timeout", min=0.0, help="Stop (exit 2) after this many seconds.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write an HTML report with the chart.")] = None,
    semantics: SemanticsOpt = "grounded",
    as_json: JsonOpt = False,
) -> None:
    """Judge each event of a log as of its date and score the doctrine against what the actor did."""
    from overture.analysis.backtest import backtest
    from overture.analysis.events import parse_log
    from overture.analysis.output import prepare_output, write_guarded
    from overture.doctrine.yamlpos import read_stdin_text

    def run() -> Any:
        if out is not None:
            prepare_output(out, (".html",), "backtest report")
        source: Any = events
        if events == "-":
            source = parse_log(read_stdin_text(), "<stdin>")[0]
        report = backtest(source, doctrine, semantics, views=view, all_views=all_views,
                          should_stop=stop_after(timeout))
        if out is not None:
            from overture.render.backtest_report import to_html

            write_guarded(out, "backtest report",
                          lambda: out.write_text(to_html(report), encoding="utf-8"))
        return report

    with console.status("judging each event as of its date…") if not as_json else nullcontext():
        report = guard(run)
    if as_json:
        print_json(report.to_dict())
        return
    scores = Table(title=f"Backtest of {report.doctrine}: {report.log_title or 'events'}")
    for col in ("view", "hits", "accuracy", "coverage", "Brier", "always refuse", "base rate",
                "previous outcome"):
        scores.add_column(col, justify="right" if col != "view" else "left")

    def num(x: float | None, pct: bool = False) -> str:
        return "–" if x is None else (f"{x:.0%}" if pct else f"{x:.3f}")

    for v in report.views:
        b = v.baselines
        scores.add_row(v.view, f"{v.hits}/{v.decided}", num(v.accuracy, True), num(v.coverage, True),
                       num(v.brier), num(b["always_refuse"]), num(b["base_rate"]),
                       num(b["previous_outcome"]))
    console.print(scores)
    for v in report.views:
        table = Table(title=f"View {v.view}", show_lines=True)
        for col in ("date", "overture", "verdict", "outcome", "", "left out"):
            table.add_column(col)
        for r in v.results:
            mark = {True: "[green]hit[/]", False: "[red]miss[/]", None: "[dim]–[/]"}[r.hit]
            what = escape(r.event.what)
            if r.miss is not None:
                flips = "; ".join(" + ".join(f) for f in r.miss.flips) or (r.miss.flips_note or "")
                what += (f"\n[dim]decided by {escape(', '.join(r.miss.deciding) or '-')}; "
                         f"would flip with: {escape(flips)}[/]")
            left = ", ".join(r.left_out_same_day)
            left_text = (f"{left}; " if left else "") + f"{r.left_out_later} later"
            table.add_row(str(r.event.date), what, _verdict(r.verdict.value), r.event.outcome,
                          mark, left_text)
        console.print(table)
    counts = report.views[0].counts if report.views else {}
    if counts:
        console.print("counts (verdict × outcome): " + "; ".join(
            f"{k}: " + ", ".join(f"{o} {n}" for o, n in row.items() if n)
            for k, row in counts.items() if any(row.values())))
    if out is not None:
        console.print(f"report written to {out}")


@commands.command("joint")
def joint_cmd(
    joint_file: Annotated[str | None, typer.Argument(
        metavar="JOINT",
        help="A joint file (YAML/JSON), - for standard input, or a shipped joint's id.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="As of this date (YYYY-MM-DD; default: today).")] = None,
    max_moves: Annotated[int | None, typer.Option("--max-moves", "-n", min=0, max=8, help="Most moves in a sequence (default: the file's, else 4).")] = None,
    topics: Annotated[list[str] | None, typer.Option("--topics", help="Topics every overture counted must include (comma-separated or repeated; default: the file's goal).")] = None,
    concessions: Annotated[bool, typer.Option("--concessions", help="On a stalemate, also search the least concessions.")] = False,
    max_concessions: Annotated[int, typer.Option("--max-concessions", min=1, max=3, help="Most changes in a concession.")] = 1,
    max_evaluations: Annotated[int, typer.Option("--max-evaluations", min=1, help="Stop searching after judging this many theories (the answer then says it is not exact).")] = 200_000,
    timeout: Annotated[float | None, typer.Option("--timeout", min=0.0, help="Stop (exit 2) after this many seconds.")] = None,
    list_joints: Annotated[bool, typer.Option("--list", help="List the shipped joint files and exit.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Also write the answer as a page (.html) or Markdown (.md), with the two sides' argument graphs side by side.")] = None,
    semantics: SemanticsOpt = "grounded",
    as_json: JsonOpt = False,
) -> None:
    """Overtures both sides' doctrines permit (with the moves that lead there), or a stalemate
    with each side's blocking conditions in its own words."""
    from overture.analysis.joint import joint
    from overture.analysis.joint_file import list_shipped_joints, parse_joint, resolve_joint
    from overture.analysis.output import prepare_output
    from overture.cli.flags import split_names
    from overture.doctrine.yamlpos import read_stdin_text

    if list_joints:
        names = list_shipped_joints()
        if as_json:
            print_json({"joints": names})
        else:
            for n in names:
                console.print(n)
        return
    if joint_file is None:
        fail("give a joint file, - for standard input, or a shipped joint's id (see --list)")
        return
    def run() -> Any:
        if out is not None:
            prepare_output(out, (".html", ".md"), "joint report")
        wanted = None if not topics else [t for x in topics for t in split_names(x, "--topics")]
        source: Any = joint_file
        if joint_file == "-":
            source = parse_joint(read_stdin_text(), "<stdin>", Path.cwd())
        else:
            source = resolve_joint(joint_file)
        result = joint(source, date, max_moves=max_moves, goal_topics=wanted,
                       semantics=semantics, concessions=concessions,
                       max_concessions=max_concessions, max_evaluations=max_evaluations,
                       should_stop=stop_after(timeout))
        if out is not None:
            write_joint_page(out, source, result)
        return result

    with console.status("searching overtures and move orders…") if not as_json else nullcontext():
        result = guard(run)
    if as_json:
        print_json(result.to_dict())
        return
    _print_joint(result)


def write_joint_page(out: Path, setting: Any, result: Any) -> None:
    """Write a joint answer as an HTML page or a Markdown file (by `out`'s suffix)."""
    from overture.analysis.output import write_guarded
    from overture.render.html import joint_page
    from overture.render.joint_report import joint_section
    from overture.render.markdown import joint_section_markdown

    section = joint_section(setting, result)
    text = (joint_section_markdown(section, 1) if out.suffix.lower() == ".md"
            else joint_page(section))
    write_guarded(out, "joint report", lambda: out.write_text(text, encoding="utf-8"))


def _quote(text: str | None, n: int = 160) -> str:
    return f"“{escape(_short(text, n))}”" if text else "[dim](no quote)[/]"


def _print_joint(result: Any) -> None:
    sides = ", ".join(f"{s} ({d}: {result.goals[s]})" for s, d in result.sides.items())
    goal = f" on {', '.join(result.goal_topics)}" if result.goal_topics else ""
    console.print(f"[bold]{escape(result.joint_id)}[/] as of {result.date}: {escape(sides)}{escape(goal)}")
    if result.joint:
        table = Table(title=f"{len(result.joint)} jointly acceptable overture(s)", show_lines=True)
        for col in ("overture", "moves", "reasons"):
            table.add_column(col)
        for j in result.joint:
            moves = "; ".join(" + ".join(st.moves) + (" (mutual)" if st.mutual else "")
                              for st in j.steps) or "none needed"
            reasons = "\n".join(
                f"[bold]{escape(side)}[/] {escape(rs[0].rule)}: {_quote(rs[0].quote, 110)}"
                for side, rs in j.reasons.items() if rs)
            table.add_row(escape(j.overture.describe()), escape(moves), reasons)
        console.print(table)
    if not result.exact and not result.joint:
        console.print("[yellow]the search was cut short before every overture was searched: no "
                      "jointly acceptable overture found so far, and no stalemate claimed[/]")
    st = result.stalemate
    if st is not None:
        console.print("[bold red]stalemate[/]: no overture is jointly acceptable within "
                      f"{result.searched.max_moves} moves")
        if st.cycle:
            console.print(f"wait-for cycle (on {escape(st.cycle_on.describe())}):")
            for e in st.cycle:
                console.print(f"  [bold]{escape(e.side)}[/] {escape(e.action)} waits for "
                              f"[bold]{escape(e.by)}[/] {escape(e.waits_for)} — "
                              f"{escape(e.rule)}: {_quote(e.quote)}")
        else:
            console.print("no wait-for cycle: a side refuses outright (below)")
        groups: dict[tuple[Any, ...], list[Any]] = {}
        for c in st.blocked:
            key = (tuple(sorted({(b.side, b.rule) for b in c.blocking})),
                   tuple((m.moves, tuple(sorted(m.permitted.items()))) for m in c.moves))
            groups.setdefault(key, []).append(c)
        table = Table(title=f"what blocks each of the {len(st.blocked)} candidates", show_lines=True)
        for col in ("candidates", "goals", "blocking (first per side)", "moves blocked by"):
            table.add_column(col)
        for cands in groups.values():
            c = cands[0]
            names = ", ".join(x.overture.describe() for x in cands[:3])
            if len(cands) > 3:
                names += f" and {len(cands) - 3} more"
            firsts: dict[str, Any] = {}
            for b in c.blocking:
                firsts.setdefault(b.side, b)
            blocks = "\n".join(f"[bold]{escape(s)}[/] {escape(b.rule)}: {_quote(b.quote, 100)}"
                               for s, b in firsts.items())
            moves = "\n".join(
                f"{escape(' + '.join(m.moves))}: {escape(m.blocking[0].rule) if m.blocking else 'nothing permits it'}"
                for m in c.moves if not all(m.permitted.values()))
            goals = ", ".join(f"{s} {v}" for s, v in c.goals.items())
            table.add_row(escape(names), escape(goals), blocks, moves)
        console.print(table)
    if result.concessions is not None:
        if result.concessions:
            table = Table(title="least concessions", show_lines=True)
            for col in ("changes", "overrides", "then jointly acceptable"):
                table.add_column(col)
            for c in result.concessions:
                table.add_row(escape("; ".join(ch.describe() for ch in c.changes)),
                              "\n".join(f"{escape(ch.overrides)}: {_quote(ch.quote, 100)}"
                                        for ch in c.changes),
                              escape(c.example.overture.describe()))
            console.print(table)
        else:
            console.print("no concession of that size makes any overture jointly acceptable")
        if not result.concessions_exact:
            console.print("[yellow]the concession search was cut short[/]")
    s = result.searched
    console.print(f"[dim]searched {s.overtures} overtures, {s.states} states, judged {s.judged} "
                  f"theories{'' if result.exact else ' (cut short: not exact)'}[/]")


register = commands.register
