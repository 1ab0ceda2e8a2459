"""CLI command `overture serve`: run the HTTP API and the web workbench with uvicorn.

FastAPI and uvicorn are imported inside the command so that `overture --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from overture.cli.common import fail


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="TCP port (0 picks a free one).")
    ] = 8000,
    token_env: Annotated[
        str,
        typer.Option(
            help="Environment variable holding the bearer token that enables writes.",
        ),
    ] = "OVERTURE_TOKEN",
    time_limit: Annotated[
        float, typer.Option(min=0.01, help="Seconds allowed per computation.")
    ] = 10.0,
    max_body: Annotated[int, typer.Option(min=1, help="Largest JSON body in bytes.")] = 256 * 1024,
    max_upload: Annotated[int, typer.Option(min=1, help="Largest upload in bytes.")] = 16
    * 1024
    * 1024,
    workers: Annotated[int, typer.Option(min=1, help="Threads for computations.")] = 4,
    max_memory: Annotated[
        int, typer.Option(min=1, help="MiB one heavy computation (ICCMA solve, counterfactual, "
                                      "backtest, joint search) may add; past it, 503.")
    ] = 1024,
    doctrine_dir: Annotated[
        Path | None,
        typer.Option(help="Directory where uploaded doctrines are kept (memory only if absent)."),
    ] = None,
    sources: Annotated[
        list[Path] | None,
        typer.Option(
            "--sources",
            help="Folder where sources' relative locations are found (repeatable), "
            "e.g. the folder holding seeds/.",
        ),
    ] = None,
    corpus_store: Annotated[
        Path | None, typer.Option(help="Corpus store searched by the API.")
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Another host name the server answers to (repeatable; "
                                          "the bound address and localhost always are)."),
    ] = None,
    allow_origin: Annotated[
        list[str] | None,
        typer.Option("--allow-origin", help="An origin (scheme://host:port) whose pages may "
                                            "call the API (repeatable; default: none)."),
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the HTTP API (docs at /docs) and the workbench page at / ."""
    import uvicorn
    from pydantic import ValidationError

    from overture.web import create_app
    from overture.web.config import Settings

    try:
        settings = Settings.from_env(
            token_env,
            time_limit_s=time_limit,
            max_body_bytes=max_body,
            max_upload_bytes=max_upload,
            workers=workers,
            max_request_memory_bytes=max_memory << 20,
            doctrine_dir=doctrine_dir,
            corpus_store=corpus_store,
            source_dirs=tuple(sources or ()),
            allowed_hosts=("127.0.0.1", "localhost", "::1", host, *(allow_host or ())),
            allowed_origins=tuple(allow_origin or ()),
        )
    except ValidationError as exc:
        fail(f"invalid server settings: {exc.errors()[0]['msg']}")
    app = create_app(settings)
    writes = "enabled" if settings.write_token else f"disabled (set {token_env} to enable)"
    typer.echo(f"Overture workbench on http://{host}:{port}/  (API docs /docs; writes {writes})")
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.command("serve")(serve)
