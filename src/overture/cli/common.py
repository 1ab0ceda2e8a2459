"""Helpers shared by the command modules: consoles, error reporting, exit codes.

Bad input ends in a one-line message naming the place (`file:line:col: error: ...`) and exit 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import typer
from rich.console import Console

from overture.errors import OvertureError

console = Console()
err_console = Console(stderr=True)

EXIT_INPUT = 2

T = TypeVar("T")


def fail(error: OvertureError | str) -> NoReturn:
    """Print an input error in red on stderr and exit with code 2."""
    err_console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_INPUT)


def guard(fn: Callable[[], T]) -> T:
    """Run `fn`; an Overture error becomes the one-line message and exit code 2."""
    try:
        return fn()
    except OvertureError as exc:
        fail(exc)


def print_json(data: Any) -> None:
    """Print `data` as indented, coloured JSON (non-JSON values as strings, UTF-8 kept)."""
    console.print_json(json.dumps(data, default=str, ensure_ascii=False))
