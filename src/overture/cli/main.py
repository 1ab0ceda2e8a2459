"""The `overture` console script: assembles the command groups and maps errors to exit codes.

Each area of the library registers its commands from its own `*_cmd` module.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape

from overture.cli import (
    af_cmd,
    analysis_cmd,
    aspic_cmd,
    corpus_cmd,
    doctrine_cmd,
    interchange_cmd,
    serve_cmd,
)
from overture.cli.common import JsonOpt, err_console, print_json
from overture.errors import OvertureError

app = typer.Typer(
    name="overture",
    help="Reason with what a political actor has said about negotiating.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for _module in (
    af_cmd,
    aspic_cmd,
    doctrine_cmd,
    corpus_cmd,
    analysis_cmd,
    serve_cmd,
    interchange_cmd,
):
    _module.register(app)


def _print_version(value: bool) -> None:
    if value:
        from overture import __version__

        typer.echo(f"overture {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_print_version, is_eager=True,
                     help="Print Overture's version and exit."),
    ] = False,
) -> None:
    """Reason with what a political actor has said about negotiating."""


@app.command()
def version(as_json: JsonOpt = False) -> None:
    """Print Overture's version (and, with --json, Python's and the engine's packages')."""
    import platform
    from importlib import metadata

    from overture import __version__

    if not as_json:
        typer.echo(__version__)
        return
    packages: dict[str, str | None] = {}
    for name in ("python-sat", "numpy", "pydantic", "typer", "fastapi"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    print_json({"overture": __version__, "python": platform.python_version(),
                "packages": packages})


def main() -> None:
    """Entry point: run the app; report `OvertureError` as a clean message with exit code 2."""
    try:
        app()
    except OvertureError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False,
                          soft_wrap=True)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
