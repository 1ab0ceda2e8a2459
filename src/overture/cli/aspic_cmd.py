"""CLI commands for the aspic area (registered on the main app by `register`).

Owned by the aspic work; a thin shell over the library API.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
