"""CLI commands for the interchange area (registered on the main app by `register`).

Owned by the interchange work; a thin shell over the library API.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
