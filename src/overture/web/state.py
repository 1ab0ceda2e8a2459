"""What one app instance holds: its settings, its worker pool and its doctrine registry.

Routes reach it through `state_of(request)`; tests build independent apps with `create_app`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from overture.web.config import Settings
from overture.web.limits import Runner


@dataclass
class WebState:
    """Per-app services."""

    settings: Settings
    runner: Runner
    doctrines: Any = None
    features: set[str] = field(default_factory=set)
    extras: dict[str, Any] = field(default_factory=dict)


def state_of(request: Request) -> WebState:
    """The `WebState` of the app serving `request`."""
    state = request.app.state.overture
    assert isinstance(state, WebState)
    return state
