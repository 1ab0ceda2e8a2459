"""CLI commands for interchange and reports: `overture export`, `overture import`, `overture report`.

A thin shell over `overture.interchange` and `overture.render`: choose the input, call the
library, print or write the text. Bad input ends in `file:line:col: message` and exit code 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.markup import escape

from overture.cli.common import (
    ActionOpt,
    StatedOnlyOpt,
    complete_from,
    err_console,
    fail,
    print_json,
    scenario_choices,
)
from overture.doctrines import DEFAULT_DOCTRINE

if TYPE_CHECKING:
    from overture.interchange.exports import Target
from overture.errors import InputError, OvertureError, SourceLocation

T = TypeVar("T")


def _guard(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except OvertureError as exc:
        fail(exc)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", SourceLocation(str(out))) from None
    err_console.print(f"wrote {out}", highlight=False)


def with_choices(target: Target, action: str | None, stated_only: bool) -> Target:
    """The target with `--action` / `--stated-only` applied to its scenario (if it has one)."""
    from overture.interchange.exports import Target

    if target.scenario is None or (action is None and not stated_only):
        return target
    chosen = scenario_choices(target.scenario, target.doctrine, action, stated_only)
    return Target(target.doctrine, chosen, target.label)


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""

    @app.command("export")
    def export_cmd(
        target: Annotated[
            str,
            typer.Argument(
                help="A doctrine (shipped name or YAML) for its structure, or a scenario "
                "(file or shipped example) for its evaluated graph."
            ),
        ],
        fmt: Annotated[
            str, typer.Option("--format", "-f", metavar="[aif|argdown|iccma|dot|svg]",
                              help="The export format.",
                              autocompletion=complete_from("aif", "argdown", "iccma", "dot", "svg"))
        ],
        out: Annotated[
            Path | None,
            typer.Option("--out", "-o", help="Write here (ICCMA: the mapping goes beside it)."),
        ] = None,
        doctrine: Annotated[
            str, typer.Option("--doctrine", "-d", help="Doctrine a scenario is judged against.")
        ] = DEFAULT_DOCTRINE,
        semantics: Annotated[
            str, typer.Option("--semantics", "-s", help="Semantics for scenario exports.")
        ] = "grounded",
        view: Annotated[
            str | None, typer.Option("--view", help="Restrict to one view (all, official, ...).")
        ] = None,
        style: Annotated[
            str, typer.Option("--style", metavar="[map|attacks]",
                              help="Scenario graphs: map (argument map) or attacks.",
                              autocompletion=complete_from("map", "attacks"))
        ] = "map",
        action: ActionOpt = None,
        stated_only: StatedOnlyOpt = False,
    ) -> None:
        """Export a doctrine or a judged scenario as AIF, Argdown, ICCMA, DOT or SVG."""
        from overture.interchange.exports import (
            export,
            mapping_summary,
            resolve_target,
            write_export,
        )

        def run() -> None:
            resolved = with_choices(resolve_target(target, doctrine), action, stated_only)
            result = export(resolved, fmt.lower(), semantics=semantics, view=view, style=style)
            if out is None:
                typer.echo(result.content, nl=False)
                if result.companions:
                    err_console.print(
                        "note: the argument mapping is written only with --out "
                        f"({', '.join(result.companions)} beside the file)",
                        highlight=False,
                    )
                return
            for path in write_export(result, out):
                err_console.print(f"wrote {escape(str(path))}", highlight=False)
            summary = mapping_summary(result)
            if summary:
                err_console.print(summary, highlight=False)

        _guard(run)

    @app.command("import")
    def import_cmd(
        file: Annotated[Path, typer.Argument(help="The file to read (AIF JSON), or - for "
                                                  "standard input.")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="Input format: aif.")] = "aif",
        semantics: Annotated[
            str | None,
            typer.Option(
                "--semantics",
                "-s",
                help="Also evaluate the theory and print its justified conclusions.",
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON: the theory in the "
                                                             "ASPIC+ syntax, its size and the "
                                                             "justified conclusions.")] = False,
    ) -> None:
        """Read an AIF file (Overture's, AIFdb's or OVA's) as an ASPIC+ theory and print it."""
        from overture.aspic import evaluate, format_theory
        from overture.interchange.aif import read_aif_input

        def run() -> None:
            if fmt.lower() != "aif":
                raise InputError(f"unknown import format {fmt!r}; supported: aif")
            theory = read_aif_input(str(file))
            ev = evaluate(theory, semantics) if semantics is not None else None
            if as_json:
                print_json({
                    "theory": format_theory(theory), "rules": len(theory.rules),
                    "premises": len(theory.premises), "axioms": len(theory.axioms),
                    "semantics": ev.semantics.full_name if ev else None,
                    "justified": (sorted(str(x) for x in ev.justified_conclusions())
                                  if ev else None)})
                return
            typer.echo(format_theory(theory), nl=False)
            if ev is not None:
                justified = sorted(str(x) for x in ev.justified_conclusions())
                typer.echo(f"// justified under {ev.semantics.full_name} semantics:")
                for lit in justified:
                    typer.echo(f"//   {lit}")

        _guard(run)

    @app.command("report")
    def report_cmd(
        scenario: Annotated[
            str, typer.Argument(help="Scenario file (YAML/JSON) or a shipped example's name.")
        ],
        fmt: Annotated[str, typer.Option("--format", "-f", metavar="[html|md]",
                                         help="The report's format.",
                                         autocompletion=complete_from("html", "md"))] = "html",
        out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
        doctrine: Annotated[str, typer.Option("--doctrine", "-d", help="Doctrine.")] = DEFAULT_DOCTRINE,
        semantics: Annotated[
            str, typer.Option("--semantics", "-s", help="Semantics.")
        ] = "grounded",
        analyses: Annotated[
            bool,
            typer.Option(
                "--analyses/--no-analyses", help="Include timeline, views and counterfactuals."
            ),
        ] = True,
        max_changes: Annotated[
            int, typer.Option("--max-changes", help="Largest counterfactual edit set.")
        ] = 2,
        joint_files: Annotated[
            list[str] | None,
            typer.Option(
                "--joint",
                help="A joint file (or shipped joint id) searched as of the scenario's date "
                "(repeatable; default: every shipped joint with a side of this doctrine facing "
                "the scenario's counterparty).",
            ),
        ] = None,
        joints: Annotated[
            bool, typer.Option("--joints/--no-joints", help="Include the two-sides sections.")
        ] = True,
        action: ActionOpt = None,
        stated_only: StatedOnlyOpt = False,
    ) -> None:
        """Write a self-contained report of a scenario: verdict, reasons with quotes, graph,
        timeline, views, counterfactuals and the two sides of each joint file (Markdown or
        HTML)."""
        from overture.interchange.exports import resolve_target
        from overture.render.html import to_html
        from overture.render.markdown import to_markdown
        from overture.render.report import build_report

        def run() -> None:
            kind = fmt.lower()
            if kind not in ("md", "markdown", "html"):
                raise InputError(f"unknown report format {fmt!r}; choose md or html")
            resolved = with_choices(resolve_target(scenario, doctrine), action, stated_only)
            if resolved.scenario is None:
                raise InputError(f"{scenario!r} is a doctrine; a report needs a scenario")
            s = resolved.scenario
            if s.id is None:
                s = s.model_copy(update={"id": resolved.label})
            with err_console.status("evaluating and analysing…"):
                report = build_report(
                    s, resolved.doctrine, semantics, analyses=analyses, max_changes=max_changes,
                    joints=(joint_files or None) if joints else (),
                )
            _emit(to_html(report) if kind == "html" else to_markdown(report), out)

        _guard(run)
