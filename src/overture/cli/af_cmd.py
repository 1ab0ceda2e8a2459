"""CLI for abstract argumentation: the ICCMA 2023 solver interface and friendly commands.

`overture af -p DS-PR -f file.af -a 3` answers as an ICCMA solver; `af solve|info|convert` are for people.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from overture.af import ArgumentationFramework, Semantics
from overture.af.answer import formats_line, problems_line, solve_task
from overture.af.grounded import IN, OUT, grounded_labelling
from overture.af.iccma_io import AFFormat, write_af
from overture.cli.common import JsonOpt, console, fail, print_json
from overture.cli.iccma import answer_lines, argument_index, load, whole_call_limit
from overture.errors import InputError, OvertureError

af_app = typer.Typer(
    help="Abstract argumentation frameworks: ICCMA solver interface (-p/-f/-a) and tools.",
    no_args_is_help=False,
    rich_markup_mode="rich",
)


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.add_typer(af_app, name="af")


@af_app.callback(invoke_without_command=True)
def iccma(
    ctx: typer.Context,
    problem: Annotated[
        str | None, typer.Option("-p", "--problem", help="ICCMA problem, e.g. DS-PR.")
    ] = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", help="The AF file.")] = None,
    query: Annotated[
        str | None, typer.Option("-a", "--argument", help="Query argument (DC/DS).")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("-fo", "--format", help="File format: i23, apx or tgf.")
    ] = None,
    problems: Annotated[
        bool, typer.Option("--problems", help="List the supported problems.")
    ] = False,
    formats: Annotated[bool, typer.Option("--formats", help="List the file formats.")] = False,
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Give up after this many seconds.")
    ] = None,
) -> None:
    """Answer an ICCMA 2023 problem ([bold]overture af -p DS-PR -f file.af -a 3[/]).

    Output is exactly the ICCMA 2023 main-track format (YES/NO, `w` certificate lines).
    """
    if ctx.invoked_subcommand is not None:
        return
    if problems:
        typer.echo(problems_line())
        return
    if formats:
        typer.echo(formats_line())
        return
    if problem is None:
        typer.echo(ctx.get_help())
        return
    if file is None:
        fail("an ICCMA problem needs a file (-f)")
    try:
        with whole_call_limit(timeout):
            lines = answer_lines(problem, file, query, fmt, timeout)
    except OvertureError as exc:
        fail(exc)
    for line in lines:
        typer.echo(line)


#: Task names in words, and their ICCMA abbreviations.
TASK_NAMES = ("some", "enumerate", "count", "credulous", "skeptical")
_TASK_ALIASES = {"se": "some", "ee": "enumerate", "ce": "count", "dc": "credulous"}
_TASK_ALIASES["ds"] = "skeptical"
_TASK_ALIASES["sceptical"] = "skeptical"


def _ext_text(af: ArgumentationFramework, ext: frozenset[int]) -> str:
    return "{" + ", ".join(af.names[a] for a in sorted(ext)) + "}"


@af_app.command()
def solve(
    file: Annotated[Path, typer.Argument(help="The AF file (i23, apx or tgf).")],
    semantics: Annotated[
        str, typer.Option("--semantics", "-s", help="e.g. preferred, stable, semi-stable, GR.")
    ] = "preferred",
    task: Annotated[
        str, typer.Option("--task", "-t", help="some, enumerate, count, credulous, skeptical.")
    ] = "enumerate",
    argument: Annotated[
        str | None, typer.Option("--argument", "-a", help="Query argument's name.")
    ] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="i23, apx or tgf.")] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", help="Seconds.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """Solve a task under a semantics and show the answer as a table."""
    try:
        sem = Semantics.parse(semantics)
        key = task.strip().lower()
        chosen = _TASK_ALIASES.get(key, key)
        if chosen not in TASK_NAMES:
            raise InputError(f"unknown task {task!r}; valid: {', '.join(TASK_NAMES)}")
        af = load(file, fmt)
        if chosen in ("credulous", "skeptical") and argument is None:
            raise InputError(f"task {chosen} needs --argument")
        started = time.perf_counter()
        query = argument_index(af, argument) if argument is not None else None
        code = {"some": "SE", "enumerate": "EE", "count": "CE", "credulous": "DC",
                "skeptical": "DS"}[chosen]
        answer = solve_task(af, code, sem, query if code in ("DC", "DS") else None,
                            timeout=timeout, limit=limit)
        elapsed = time.perf_counter() - started
        if as_json:
            def names(ext: frozenset[int] | None) -> list[str] | None:
                return None if ext is None else [af.names[a] for a in sorted(ext)]

            print_json({
                "file": str(file), "semantics": sem.full_name, "task": chosen,
                "argument": argument, "accepted": answer.accepted,
                "extension": names(answer.extension), "count": answer.count,
                "extensions": (None if answer.extensions is None
                               else [names(e) for e in answer.extensions]),
                "truncated": answer.truncated, "seconds": round(elapsed, 6)})
            return
        if code in ("DC", "DS"):
            ok = bool(answer.accepted)
            why = "an extension containing it" if code == "DC" else "an extension without it"
            verdict = "[green]accepted[/]" if ok else "[red]not accepted[/]"
            console.print(
                f"Argument [bold]{argument}[/] is {verdict} {chosen}ly under "
                f"{sem.full_name} semantics ({elapsed:.3f} s)."
            )
            if answer.extension is not None:
                console.print(f"Certificate ({why}): {escape(_ext_text(af, answer.extension))}")
            return
        if code == "CE":
            console.print(f"{answer.count} {sem.full_name} extension(s) ({elapsed:.3f} s).")
            return
        if code == "SE":
            found = [] if answer.extension is None else [answer.extension]
        else:
            found = list(answer.extensions or ())
    except OvertureError as exc:
        fail(exc)
    table = Table(title=f"{sem.full_name.capitalize()} extensions of {file.name}")
    table.add_column("#", justify="right")
    table.add_column("size", justify="right")
    table.add_column("arguments")
    for k, ext in enumerate(found[:limit], start=1):
        table.add_row(str(k), str(len(ext)), _ext_text(af, ext))
    if found:
        console.print(table)
    more = " (more not shown; raise --limit)" if answer.truncated else ""
    console.print(f"{min(len(found), limit)} extension(s) shown{more} ({elapsed:.3f} s).")


@af_app.command()
def info(
    file: Annotated[Path, typer.Argument(help="The AF file (i23, apx or tgf).")],
    fmt: Annotated[str | None, typer.Option("--format", help="i23, apx or tgf.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the size of a framework and what the grounded semantics already decides."""
    try:
        started = time.perf_counter()
        af = load(file, fmt)
        loaded = time.perf_counter() - started
        labels = grounded_labelling(af)
    except OvertureError as exc:
        fail(exc)
    if as_json:
        print_json({"file": str(file), "arguments": af.n, "attacks": af.num_attacks,
                    "self_attacking": sum(af.self_attacking()),
                    "grounded_in": labels.count(IN),
                    "grounded_out": labels.count(OUT),
                    "grounded_undecided": labels.count(0),
                    "load_seconds": round(loaded, 6)})
        return
    table = Table(title=str(file), show_header=False)
    table.add_column("property")
    table.add_column("value", justify="right")
    table.add_row("arguments", str(af.n))
    table.add_row("attacks", str(af.num_attacks))
    table.add_row("self-attacking arguments", str(sum(af.self_attacking())))
    table.add_row("grounded extension size", str(labels.count(IN)))
    table.add_row("rejected by grounded (OUT)", str(labels.count(OUT)))
    table.add_row("undecided by grounded", str(labels.count(0)))
    table.add_row("load time", f"{loaded:.3f} s")
    console.print(table)


@af_app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="Input AF file.")],
    target: Annotated[Path, typer.Argument(help="Output file.")],
    to: Annotated[
        str | None, typer.Option("--to", help="i23, apx or tgf (default: from the suffix).")
    ] = None,
    fmt: Annotated[str | None, typer.Option("--from", help="Input format if not detected.")] = None,
) -> None:
    """Convert a framework between the i23, apx and tgf formats."""
    try:
        af = load(source, fmt)
        write_af(af, target, None if to is None else AFFormat.parse(to))
    except OvertureError as exc:
        fail(exc)
    console.print(f"Wrote {target} ({af.n} arguments, {af.num_attacks} attacks).")
