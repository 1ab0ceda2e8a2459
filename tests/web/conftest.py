"""Fixtures of the web tests: apps built by `create_app` with test settings, and their clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from overture.web import Settings, create_app

TOKEN = "test-token-0123456789"


@pytest.fixture
def make_client(shared_dir: Path) -> Iterator[Callable[..., TestClient]]:
    """Build a TestClient for an app with the given settings (sources found in ../shared)."""
    clients: list[TestClient] = []

    def make(**settings: Any) -> TestClient:
        settings.setdefault("source_dirs", (shared_dir,))
        client = TestClient(create_app(Settings(**settings)))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture(scope="module")
def scenario_2012() -> dict[str, Any]:
    """A 2012 deal with the US on normalisation: forbidden (shipped test t09)."""
    return {
        "counterparty": "united_states",
        "topics": ["normalization"],
        "mode": "deal",
        "date": "2012-11-15",
        "view": "official",
    }
