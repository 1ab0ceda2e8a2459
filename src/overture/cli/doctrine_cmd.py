"""CLI commands for doctrines and verdicts: evaluate, explain, why-not, check, schema, demo,
scenarios. A thin shell over `overture.doctrine` and `overture.verdict`.

Exit codes: 0 for every verdict, 1 when `check` finds failing tests, 2 for invalid input.
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from overture.cli.common import (
    ActionOpt,
    CommandGroup,
    DoctrineFlag,
    DoctrineOpt,
    JsonOpt,
    ScenarioArg,
    SemanticsOpt,
    StatedOnlyOpt,
    ViewOpt,
    console,
    doctrine_from,
    err_console,
    fail,
    guard,
    load_inputs,
    print_json,
    verdict_markup,
)
from overture.doctrines import DEFAULT_DOCTRINE
from overture.errors import InputError, SourceLocation

if TYPE_CHECKING:
    from overture.corpus.provenance import QuoteCheck
    from overture.verdict import Explanation, Line, QuoteRef


STATUS_COLOURS = {"in": "green", "out": "red", "undec": "yellow"}
_verdict = verdict_markup


def _quote_text(q: QuoteRef) -> str:
    cite = f" [dim]— {escape(q.cited)}[/]" if q.cited else f" [dim]— {escape(q.source_title)}[/]"
    return f"[italic]“{escape(q.text)}”[/]{cite}"


commands = CommandGroup()


@commands.command("evaluate")
def evaluate_cmd(
    scenario: ScenarioArg,
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    action: ActionOpt = None,
    stated_only: StatedOnlyOpt = False,
    semantics: SemanticsOpt = "grounded",
    view: ViewOpt = None,
    expect: Annotated[
        str | None,
        typer.Option("--expect", metavar="VERDICT",
                     help="Exit 3 when the verdict is not this one (permitted, forbidden, "
                          "contested or undecided): for scripts."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Judge a scenario: permitted, forbidden, contested or undecided, with the reasons."""
    from overture.verdict import evaluate
    from overture.verdict.explain import parse_verdict

    def run() -> Any:
        if expect is not None:
            parse_verdict(expect.strip().lower())  # a bad --expect is refused before the work
        d, s = load_inputs(scenario, doctrine, action, stated_only)
        return evaluate(s, d, semantics, view=view)

    ev = guard(run)
    _print_evaluation(ev, as_json)
    if expect is not None and ev.verdict is not parse_verdict(expect.strip().lower()):
        err_console.print(f"expected {expect.strip().lower()}, got {ev.verdict.value}",
                          highlight=False)
        raise typer.Exit(EXIT_UNEXPECTED)


#: Exit code of `evaluate --expect V` when the verdict is another.
EXIT_UNEXPECTED = 3


def _print_evaluation(ev: Any, as_json: bool) -> None:
    if as_json:
        print_json(ev.to_dict())
        return
    sc = ev.scenario
    console.print(
        f"{_verdict(ev.verdict.value)}  talks with [bold]{sc['counterparty']}[/] on "
        f"{', '.join(sc['topics'])} ({sc['mode']}, {ev.date}, view {ev.view}, "
        f"{ev.semantics})"
    )
    console.print(f"  {escape(ev.summary)}")
    if ev.scope and ev.verdict.value != "permitted":
        console.print(f"  scope: talks permitted on [bold]{', '.join(ev.scope)}[/] alone")
    for title, reasons in (("Reasons for", ev.reasons_for),
                           ("Reasons against", ev.reasons_against)):
        if not reasons:
            continue
        table = Table(title=title, show_lines=True, title_justify="left")
        table.add_column("rule", no_wrap=True)
        table.add_column("gloss and quote", ratio=1)
        for r in reasons:
            quote = r.quotes[0] if r.quotes else None
            text = escape(r.gloss) + ("\n" + _quote_text(quote) if quote else "")
            head = (f"[bold]{r.rule_id}[/]" + (" (exception)" if r.exception else "")
                    + f"\n[dim]{r.source}\n{r.kind}, {r.date}[/]")
            table.add_row(head, text)
        console.print(table)
    if ev.defeated:
        table = Table(title="Defeated", title_justify="left")
        table.add_column("argument")
        table.add_column("rule")
        table.add_column("defeated by")
        table.add_column("why")
        for df in ev.defeated:
            table.add_row(f"{df.argument}: {escape(df.conclusion)}", df.rule_id or "",
                          df.defeated_by or df.defeated_by_argument,
                          f"[bold]{df.why}[/] {escape(df.detail)}")
        console.print(table)

@commands.command("explain")
def explain_cmd(
    scenario: ScenarioArg,
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    action: ActionOpt = None,
    stated_only: StatedOnlyOpt = False,
    semantics: SemanticsOpt = "grounded",
    view: ViewOpt = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Corpus store: show each quote in its source's "
                                      "surrounding text."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Explain a verdict as a dialectical tree: the winning line, each attack and its fate."""
    from overture.verdict import evaluate, explain

    contexts: dict[str, str] = {}

    def run() -> Any:
        d, s = load_inputs(scenario, doctrine, action, stated_only)
        ex = explain(evaluate(s, d, semantics, view=view))
        if corpus is not None:
            from overture.verdict.provenance import open_store, quote_contexts

            with open_store(corpus) as store:
                contexts.update(quote_contexts(d, store, _quote_ids(ex)))
        return ex

    ex = guard(run)
    if as_json:
        data = ex.model_dump(mode="json", exclude={"evaluation"})
        if corpus is not None:
            data["quote_contexts"] = contexts
        print_json(data)
        return
    root = Tree(f"{_verdict(ex.verdict.value)}: {escape(ex.summary)}")
    win_label = {"for": "Winning line: talks", "against": "Winning line: no talks",
                 None: "Arguments for talks"}[ex.winning_side]
    lose_label = {"for": "Against (defeated)", "against": "For talks (defeated)",
                  None: "Arguments against talks"}[ex.winning_side]
    shown: set[str] = set()
    for label, lines in ((win_label, ex.winning), (lose_label, ex.opposing)):
        branch = root.add(f"[bold]{label}[/]")
        if not lines:
            branch.add("[dim](no argument)[/]")
        for line in lines:
            _add_line(branch, line, 0, contexts, shown)
    console.print(root)

@commands.command("why-not")
def why_not_cmd(
    scenario: ScenarioArg,
    verdict: Annotated[
        str, typer.Option("--verdict", "-v", help="The verdict you want to see blocked.")
    ] = "permitted",
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    action: ActionOpt = None,
    stated_only: StatedOnlyOpt = False,
    semantics: SemanticsOpt = "grounded",
    view: ViewOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What stands in the way of another verdict (default: permitted)."""
    from overture.verdict import why_not
    from overture.verdict.explain import parse_verdict

    def run() -> Any:
        target = parse_verdict(verdict)
        d, s = load_inputs(scenario, doctrine, action, stated_only)
        return why_not(s, d, semantics, target=target, view=view)

    wn = guard(run)
    if as_json:
        print_json(wn.model_dump(mode="json"))
        return
    console.print(f"now {_verdict(wn.current.value)}; wanted {_verdict(wn.target.value)}: "
                  f"{escape(wn.message)}")
    if wn.obstacles:
        table = Table(title="Standing in the way", title_justify="left")
        table.add_column("rule", style="bold")
        table.add_column("rests on")
        table.add_column("would be undercut by")
        table.add_column("gloss")
        for o in wn.obstacles:
            table.add_row(o.argument.rule_id or o.argument.id, escape("; ".join(o.rests_on)),
                          ", ".join(o.undercut_by) or "-", escape(o.argument.gloss))
        console.print(table)
    for line in wn.defeated_support:
        console.print(f"  [red]defeated[/] {escape(line)}")
    if wn.missing_support:
        table = Table(title="Rules that would help but do not apply", title_justify="left")
        table.add_column("rule", style="bold")
        table.add_column("what is missing")
        for m in wn.missing_support:
            table.add_row(m.reason.rule_id, escape("; ".join(m.unmet)))
        console.print(table)

@commands.command("check")
def check_cmd(
    doctrine_arg: Annotated[
        str, typer.Argument(metavar="DOCTRINE",
                            help="Shipped doctrine name, doctrine YAML path, or - for "
                                 "standard input.")
    ] = DEFAULT_DOCTRINE,
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="Folder with the source texts, to verify quotes."),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Corpus store: verify every quote in the stored "
                                      "document of its source."),
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="SOURCE=DOCUMENT: the stored document (id, file name or "
                                   "title) of a source, when its file name and title do not "
                                   "find it (repeatable)."),
    ] = None,
    semantics: SemanticsOpt = "grounded",
    doctrine_flag: DoctrineFlag = None,
    as_json: JsonOpt = False,
) -> None:
    """Check a doctrine: problems (file:line:col), its test scenarios, its quotations."""
    from overture.cli.flags import mapping_from_flags
    from overture.verdict.checking import check_doctrine
    from overture.verdict.provenance import UnknownSource

    if sources is not None and not sources.is_dir():
        fail(InputError("--sources must be a folder of source texts",
                        SourceLocation(str(sources))))
    def run() -> Any:
        from overture.doctrine.yamlpos import read_stdin_text

        doctrine = doctrine_from(doctrine_arg, doctrine_flag)
        stdin = doctrine == "-"
        try:
            return check_doctrine("<stdin>" if stdin else doctrine, sources, semantics,
                                  corpus=corpus, mapping=mapping_from_flags(mapping),
                                  text=read_stdin_text() if stdin else None)
        except UnknownSource as exc:
            raise InputError(f"--map: {exc.message}") from None

    report = guard(run)
    if as_json:
        data = report.model_dump(mode="json")
        data["ok"] = report.ok
        print_json(data)
    else:
        for p in report.problems:  # input errors: on stderr, one line each, exit 2
            err_console.print(f"[bold red]error:[/] {escape(p)}", soft_wrap=True,
                              highlight=False)
        if report.problems:
            raise typer.Exit(2)
        if report.tests:
            table = Table(title=f"Tests of {report.doctrine}", title_justify="left")
            table.add_column("test")
            table.add_column("expected")
            table.add_column("got")
            table.add_column("quote")
            table.add_column("", justify="center")
            for t in report.tests:
                table.add_row(t.id, t.expected.value, _verdict(t.actual.value),
                              t.because + ("" if t.because_ok else " [red](not a reason)[/]"),
                              "[green]ok[/]" if t.ok else "[red]FAIL[/]")
            console.print(table)
        checked = [q for q in report.quotes if q.found is not None]
        missing = [q for q in checked if not q.found]
        if report.quotes:
            console.print(f"quotes verified verbatim: {len(checked) - len(missing)}/"
                          f"{len(report.quotes)}" + ("" if checked else
                                                     " (pass --sources DIR to verify)"))
        for q in missing:
            console.print(f"[bold red]quote not found:[/] {escape(q.quote)} in {escape(str(q.file))}")
            if q.closest and q.similarity is not None:
                ours, theirs = _word_diff(q.text, q.closest)
                console.print(f"  doctrine: {ours}", highlight=False)
                console.print(f"  closest ({q.similarity:.0%} similar): {theirs}",
                              highlight=False)
        if report.corpus is not None:
            _print_provenance(report.corpus)
        for m in report.corpus_sources or []:
            for note in m.differences:
                console.print(f"[yellow]note:[/] source {escape(m.source)}: {escape(note)}",
                              highlight=False)
        console.print("[bold green]ok[/]" if report.ok else "[bold red]check failed[/]")
    if report.problems:
        raise typer.Exit(2)
    if not report.ok:
        raise typer.Exit(1)

schema_app = typer.Typer(help="Print the JSON Schema of Overture's file formats.",
                         no_args_is_help=True)

@schema_app.command("doctrine")
def schema_doctrine() -> None:
    """JSON Schema of the doctrine file format."""
    from overture.doctrine import doctrine_json_schema

    typer.echo(json.dumps(doctrine_json_schema(), indent=2, ensure_ascii=False))

@schema_app.command("events")
def schema_events() -> None:
    """JSON Schema of the event log format (`overture backtest`)."""
    from overture.analysis.events import events_json_schema

    typer.echo(json.dumps(events_json_schema(), indent=2, ensure_ascii=False))


@schema_app.command("joint")
def schema_joint() -> None:
    """JSON Schema of the joint file format (`overture joint`)."""
    from overture.analysis.joint_file import joint_json_schema

    typer.echo(json.dumps(joint_json_schema(), indent=2, ensure_ascii=False))


@schema_app.command("scenario")
def schema_scenario(
    doctrine: Annotated[
        str | None,
        typer.Option("--doctrine", "-d", help="List the ids this doctrine declares (shipped "
                                              "name or YAML path)."),
    ] = None,
) -> None:
    """JSON Schema of the scenario file format (with --doctrine: of that doctrine's scenarios)."""
    from overture.doctrine import load_doctrine
    from overture.doctrine.schemas import generic_scenario_schema, scenario_schema

    schema = (generic_scenario_schema() if doctrine is None
              else scenario_schema(guard(lambda: load_doctrine(doctrine))))
    typer.echo(json.dumps(schema, indent=2, ensure_ascii=False))


@commands.command("migrate")
def migrate_cmd(
    file: Annotated[Path, typer.Argument(help="A version-1 doctrine file, or - for standard input.")],
    write: Annotated[bool, typer.Option("--write", help="Rewrite the file in place.")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the result here.")] = None,
) -> None:
    """Migrate a version-1 doctrine to version 2: print the diff; write with --write or --out."""
    import sys

    from overture.doctrine.migrate import diff, migrate_text
    from overture.doctrine.yamlpos import read_stdin_text, read_text_file

    def run() -> tuple[str, str]:
        text = read_stdin_text() if str(file) == "-" else read_text_file(file)
        return text, migrate_text(text, str(file))

    before, after = guard(run)
    sys.stderr.write(diff(before, after, str(file)))
    target = file if write and str(file) != "-" else out
    if target is None:
        if str(file) == "-":
            typer.echo(after, nl=False)
        return
    try:
        target.write_text(after, encoding="utf-8")
    except OSError as exc:
        fail(InputError(f"cannot write: {exc.strerror or exc}", SourceLocation(str(target))))
    err_console.print(f"wrote {escape(str(target))}", highlight=False)


@commands.command("demo")
def demo_cmd(
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    semantics: SemanticsOpt = "grounded",
    as_json: JsonOpt = False,
) -> None:
    """Run the shipped doctrine's example scenarios and print their verdicts with reasons."""
    from overture.doctrine import doctrine_scenarios, load_doctrine
    from overture.verdict.checking import run_tests

    d = guard(lambda: load_doctrine(doctrine))
    with console.status("evaluating the example scenarios...") if not as_json else nullcontext():
        results = guard(lambda: run_tests(d, semantics))
    cases = {t.id: t for t in d.tests}
    results = sorted(results, key=lambda r: (cases[r.id].scenario.date, r.id))
    bad = [r for r in results if not r.ok]
    if as_json:
        print_json({"doctrine": d.id, "semantics": semantics, "scenarios": len(results),
                    "as_expected": len(results) - len(bad),
                    "results": [{**r.model_dump(mode="json"), "ok": r.ok,
                                 "scenario": cases[r.id].scenario.model_dump(mode="json")}
                                for r in results]})
        if bad:
            raise typer.Exit(1)
        return
    narrow = console.width < 120
    console.print(f"[bold]{escape(d.title)}[/] ({d.id}"
                  + (f", {semantics} semantics)" if semantics != "grounded" else ")"),
                  highlight=False)
    table = Table(show_lines=narrow, pad_edge=not narrow, show_edge=not narrow, expand=True,
                  box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD)
    table.add_column("date", no_wrap=True)
    table.add_column("overture", ratio=2)
    table.add_column("verdict", no_wrap=True)
    table.add_column("one-line reason", ratio=3)
    table.add_column("ok" if narrow else "as expected", justify="center", no_wrap=True)
    for r in results:
        s = cases[r.id].scenario
        who = (f"{s.mode} with [bold]{s.counterparty}[/] on {', '.join(s.topics)}"
               + (f" [dim](view {s.view})[/]" if s.view != "all" else ""))
        mark = ("[green]✓[/]" if narrow else "[green]yes[/]") if r.ok else (
            f"[red]✗ {r.expected.value}[/]" if narrow else
            f"[red]no (expected {r.expected.value})[/]")
        table.add_row(str(s.date), who, _verdict(r.actual.value), escape(r.summary), mark)
    console.print(table)
    examples = list(doctrine_scenarios(d))
    if examples:  # point at this doctrine's own example scenarios
        flag = "" if d.id == DEFAULT_DOCTRINE else f" -d {d.id}"
        last, first = examples[-1], examples[0]
        console.print(f"[dim]Why a verdict? overture explain {escape(last)}{flag}; what would "
                      f"flip it? overture counterfactual {escape(first)}{flag}[/]",
                      highlight=False)
    if bad:
        console.print("[red]not as expected:[/] " + ", ".join(r.id for r in bad),
                      highlight=False)
    colour = "green" if not bad else "red"
    console.print(f"[bold {colour}]{len(results)} scenarios, "
                  f"{len(results) - len(bad)} as expected.[/]", highlight=False)
    if bad:
        raise typer.Exit(1)

@commands.command("rules")
def rules_cmd(
    doctrine: DoctrineOpt = DEFAULT_DOCTRINE,
    view: Annotated[str, typer.Option("--view", help="Only the rules of this view.")] = "all",
    as_json: JsonOpt = False,
) -> None:
    """List a doctrine's rules and exceptions: source, date, conclusion, gloss, quotes."""
    from overture.doctrine import Rule, load_doctrine

    d = guard(lambda: load_doctrine(doctrine))
    if view not in d.views_by_id:
        fail(InputError(f"unknown view {view!r}; known views: {', '.join(d.views_by_id)}"))
    chosen = [st for st in d.statements_by_id.values() if d.in_view(st, d.views_by_id[view])]
    if as_json:
        print_json([st.model_dump(mode="json") for st in chosen])
        return
    table = Table(title=f"{d.title}: {len(chosen)} rules and exceptions (view {view})",
                  title_justify="left")
    for name in ("id", "element", "source", "stated", "concludes", "gloss"):
        table.add_column(name)
    for st in chosen:
        concl = ((("strict " if st.strict else "") + st.then) if isinstance(st, Rule)
                 else "undercuts " + ", ".join(st.undercuts))
        table.add_row(st.id, st.element or "", f"{st.source} ({d.kind_of(st)})",
                      str(st.stated), escape(concl), escape(st.gloss))
    console.print(table)

@commands.command("scenarios")
def scenarios_cmd(doctrine: DoctrineOpt = DEFAULT_DOCTRINE, as_json: JsonOpt = False) -> None:
    """List the shipped doctrines and the example scenarios of one."""
    from overture.doctrine import doctrine_scenarios, list_shipped_doctrines, load_doctrine

    d = guard(lambda: load_doctrine(doctrine))
    examples = doctrine_scenarios(d)
    if as_json:
        print_json({"doctrines": list_shipped_doctrines(), "doctrine": d.id,
                    "scenarios": [{"name": n, "path": str(p)} for n, p in examples.items()]})
        return
    console.print("shipped doctrines: " + ", ".join(list_shipped_doctrines()))
    folder = next(iter(examples.values())).parent if examples else None
    console.print(f"example scenarios of {d.id}" + (f" [dim]({folder})[/]:" if folder
                                                    else ": (none)"), highlight=False)
    for name, path in examples.items():
        console.print(f"  [bold]{name}[/][dim]{path.suffix}[/]", highlight=False)


def _word_diff(quoted: str, source: str) -> tuple[str, str]:
    """Both texts as Rich markup, the words that differ in bold (red: the doctrine's, green:
    the source's), compared word by word with difflib."""
    from difflib import SequenceMatcher

    a, b = quoted.split(), source.split()
    out_a: list[str] = []
    out_b: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        left, right = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if tag == "equal":
            out_a.append(left)
            out_b.append(right)
            continue
        if left:
            out_a.append(f"[bold red]{left}[/]")
        if right:
            out_b.append(f"[bold green]{right}[/]")
    return " ".join(out_a), " ".join(out_b)


def _print_provenance(checks: list[QuoteCheck]) -> None:
    """The corpus check: each quote with its document and offsets; each misquote beside the
    closest passage of its source."""
    table = Table(title="Quotes in the corpus store", title_justify="left")
    table.add_column("quote", no_wrap=True)
    table.add_column("source")
    table.add_column("document", no_wrap=True)
    table.add_column("chars", justify="right", no_wrap=True)
    table.add_column("", justify="center")
    for p in checks:
        where = f"{p.start}–{p.end}" if p.found else "-"
        status = "[green]ok[/]" if p.found else ("[red]MISQUOTE[/]" if p.document_id
                                                 else "[red]MISSING[/]")
        table.add_row(p.quote_id, p.source or p.source_ref, (p.document_id or "-")[:12], where,
                      status)
    console.print(table)
    bad = [p for p in checks if not p.found]
    if bad:
        mis = Table(title="Not found as quoted", title_justify="left", show_lines=True)
        mis.add_column("quote", no_wrap=True)
        mis.add_column("the doctrine quotes", ratio=1)
        mis.add_column("closest passage in the source", ratio=1)
        for p in bad:
            if p.closest_passage:
                quoted, source = _word_diff(p.text or "", p.closest_passage)
                beside = (f"{source}\n[dim]{(p.document_id or '')[:12]} chars "
                          f"{p.closest_start}–{p.closest_end}, {p.similarity or 0:.0%} similar[/]")
            else:
                quoted, beside = escape(p.text or ""), f"[red]{escape(p.problem or '')}[/]"
            mis.add_row(p.quote_id, quoted, beside)
        console.print(mis)
    console.print(f"quotes verified in the corpus: {len(checks) - len(bad)}/{len(checks)}")


def _context_text(context: str) -> str:
    """A quote in its source's words: the surroundings dim, the quote itself plain."""
    before, _, rest = context.partition("⟦")
    quoted, _, after = rest.partition("⟧")
    return f"[dim]in context: {escape(before)}[/]{escape(quoted)}[dim]{escape(after)}[/]"


def _quote_ids(ex: Explanation) -> list[str]:
    """Every quote shown in an explanation."""
    ids: list[str] = []

    def walk(line: Line) -> None:
        ids.extend(q.id for q in line.argument.quotes)
        for sub in line.subs:
            walk(sub)
        for c in line.challenges:
            ids.extend(q.id for q in c.attacker.quotes)
            if c.answered_by is not None:
                walk(c.answered_by)

    for line in [*ex.winning, *ex.opposing]:
        walk(line)
    return ids


def _add_line(parent: Tree, line: Line, depth: int,
              contexts: dict[str, str] | None = None, shown: set[str] | None = None) -> None:
    """Add `line` under `parent`; an argument already drawn in full (`shown`) gets one line
    pointing back to it, so a defender of many attacks is expanded once."""
    a = line.argument
    colour = STATUS_COLOURS.get(a.status, "white")
    head = (f"[{colour}]{a.status}[/] [bold]{escape(a.rule_id or a.id)}[/] ⇒ "
            f"{escape(a.conclusion)}" + (f" [dim]({a.date}, {a.source})[/]" if a.date else ""))
    shown = set() if shown is None else shown
    if a.id in shown:
        parent.add(head + " [dim](shown above)[/]")
        return
    shown.add(a.id)
    node = parent.add(head)
    node.add(escape(a.gloss))
    for q in a.quotes:
        qnode = node.add(_quote_text(q))
        if contexts and q.id in contexts:
            qnode.add(_context_text(contexts[q.id]))
    if line.premises:
        node.add("[dim]given: " + escape("; ".join(line.premises)) + "[/]")
    for sub in line.subs:
        _add_line(node, sub, depth + 1, contexts, shown)
    # attacks with one fate for one kind of reason are one line: a winning argument is often
    # rebutted by twenty rules, all beaten by the same later statement or the same defender
    groups: dict[tuple[str, str, str], list[Any]] = {}
    for c in line.challenges:
        groups.setdefault(_challenge_key(c), []).append(c)
    for (outcome, kind, _reason), group in groups.items():
        c = group[0]
        fate = {"fails": "[green]fails[/]", "answered": "[green]answered[/]",
                "succeeds": "[red]succeeds[/]", "unresolved": "[yellow]unresolved[/]"}[outcome]
        if len(group) == 1:
            cnode = node.add(f"{kind} by [bold]{escape(c.attacker.rule_id or c.attacker.id)}[/] "
                             f"({escape(c.attacker.conclusion)}): {fate}: {escape(c.why)}")
        else:
            names = ", ".join(escape(x.attacker.rule_id or x.attacker.id) for x in group)
            why = escape(c.why.split(":", 1)[0]) if outcome != "answered" else (
                "each attacker is itself defeated by "
                + escape(c.answered_by.argument.rule_id or c.answered_by.argument.id)
                if c.answered_by is not None else escape(c.why))
            plural = {"fails": "[green]fail[/]", "succeeds": "[red]succeed[/]"}.get(outcome, fate)
            cnode = node.add(f"{len(group)} {kind}s {plural} ({why}): {names}")
        if c.answered_by is not None and depth < 2:
            _add_line(cnode, c.answered_by, depth + 1, contexts, shown)


def _challenge_key(c: Any) -> tuple[str, str, str]:
    """What makes two challenges of one argument read alike: fate, kind, and the reason's kind
    (or, for an answered one, the argument that answers it)."""
    if c.outcome == "answered" and c.answered_by is not None:
        return (c.outcome, c.kind, c.answered_by.argument.id)
    return (c.outcome, c.kind, c.why.split(":", 1)[0])


def register(app: typer.Typer) -> None:
    """Add this area's commands (and the `schema` group) to `app`."""
    commands.register(app)
    app.add_typer(schema_app, name="schema")
