"""Settings of the HTTP server: limits, time budgets and the write token.

`Settings` is a frozen pydantic model; `Settings.from_env` reads the token from the named
environment variable so that the token never appears on a command line.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_TOKEN_ENV = "OVERTURE_TOKEN"


class Settings(BaseModel):
    """How the app behaves: size and time limits, the write token, optional stores."""

    model_config = ConfigDict(frozen=True)

    max_body_bytes: int = Field(
        default=256 * 1024, gt=0, description="Largest JSON request body accepted (bytes)."
    )
    max_upload_bytes: int = Field(
        default=16 * 1024 * 1024,
        gt=0,
        description="Largest upload (ICCMA file, doctrine, corpus document) accepted (bytes).",
    )
    time_limit_s: float = Field(
        default=10.0, gt=0, description="Wall-clock budget of one expensive request (seconds)."
    )
    workers: int = Field(
        default=4, ge=1, description="Threads that run expensive requests off the event loop."
    )
    queue: int = Field(
        default=16, ge=0, description="Requests allowed to wait for a worker before 503."
    )
    write_token: str | None = Field(
        default=None,
        repr=False,
        description="Bearer token required by writes; None disables every write endpoint.",
    )
    token_env: str = Field(
        default=DEFAULT_TOKEN_ENV, description="Environment variable the token was read from."
    )
    doctrine_dir: Path | None = Field(
        default=None, description="Where uploaded doctrines are kept (memory only when None)."
    )
    source_dirs: tuple[Path, ...] = Field(
        default=(),
        description="Folders where sources' relative `location`s are looked up (quote context).",
    )
    corpus_store: Path | None = Field(
        default=None, description="Corpus SQLite store searched and written by the API."
    )
    max_request_memory_bytes: int | None = Field(
        default=1 << 30, gt=0,
        description="Memory one heavy computation (ICCMA solve, counterfactual, backtest, joint "
        "search; each run in a child process) may add: past it, 503 `memory_limit` instead of "
        "a server swapping.")
    allowed_hosts: tuple[str, ...] = Field(
        default=("127.0.0.1", "localhost", "::1", "testserver"),
        description="Host names the server answers to (a DNS-rebinding page names another "
        "host); `overture serve` adds the address it binds. `testserver` is the test client's.",
    )
    allowed_origins: tuple[str, ...] = Field(
        default=(),
        description="Origins (scheme://host:port) of other sites whose pages may call the API; "
        "by default only the server's own pages may.",
    )

    @classmethod
    def from_env(cls, token_env: str = DEFAULT_TOKEN_ENV, **overrides: object) -> Settings:
        """Settings whose write token comes from environment variable `token_env` (if set)."""
        token = os.environ.get(token_env) or None
        return cls.model_validate({"write_token": token, "token_env": token_env, **overrides})
