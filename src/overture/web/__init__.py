"""The HTTP API and the web workbench: `create_app(settings)` builds the FastAPI app.

Served by `overture serve`; imports FastAPI lazily so that `import overture` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from overture.web.config import Settings

__all__ = ["Settings", "create_app"]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app (see `overture.web.app.create_app`)."""
    from overture.web.app import create_app as _create

    return _create(settings)


def __getattr__(name: str) -> Any:
    if name == "Settings":
        from overture.web.config import Settings

        return Settings
    raise AttributeError(name)
