"""The `overture` console script: assembles the command groups and maps errors to exit codes.

Each area of the library registers its commands from its own `*_cmd` module.
"""

from __future__ import annotations

import sys

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
from overture.cli.common import err_console
from overture.errors import OvertureError

app = typer.Typer(
    name="overture",
    help="Reason with what a political actor has said about negotiating.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
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


@app.callback()
def _root() -> None:
    """Reason with what a political actor has said about negotiating."""


@app.command()
def version() -> None:
    """Print Overture's version."""
    from overture import __version__

    typer.echo(__version__)


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
