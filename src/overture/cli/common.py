"""Helpers shared by the command modules: consoles, error reporting, exit codes.

Bad input ends in a one-line message naming the place (`file:line:col: error: ...`) and exit 2.
"""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

from overture.errors import OvertureError

console = Console()
err_console = Console(stderr=True)

EXIT_INPUT = 2


def fail(error: OvertureError | str) -> NoReturn:
    """Print an input error in red on stderr and exit with code 2."""
    err_console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_INPUT)
