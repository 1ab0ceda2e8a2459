"""The FastAPI application factory: `create_app(settings)` assembles routes, limits and errors.

Routers of library layers that are not present are left out, so the OpenAPI schema and the
page show exactly what this installation can answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles

from overture import __version__
from overture.web import handlers
from overture.web.config import Settings
from overture.web.features import available
from overture.web.limits import BodyLimitMiddleware, Runner
from overture.web.routes import meta
from overture.web.state import WebState

UPLOAD_PREFIXES = ("/api/af/", "/api/doctrines/upload", "/api/corpus/documents")

TAGS = [
    {"name": "meta", "description": "Health and the features this server offers."},
    {"name": "doctrines", "description": "Shipped and uploaded doctrines: sources, quotes, rules."},
    {"name": "verdicts", "description": "Evaluate a scenario against a doctrine and explain it."},
    {"name": "analysis", "description": "What-if, counterfactuals, timeline, views, hypotheses."},
    {"name": "corpus", "description": "Search the source corpus; add documents (token)."},
    {"name": "af", "description": "Solve ICCMA tasks on an uploaded abstract framework."},
]

DESCRIPTION = """\
Ask whether an actor would accept an overture, why, and what would change the answer.

Read-only by default. Endpoints that write need `Authorization: Bearer <token>` with the token
the server was started with (environment variable, `overture serve --token-env`).
Errors are JSON: `{"error": code, "detail": message, "errors": [{"field", "message"}]}`.
Bodies over the size limit get 413; computations over the time limit get 503.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build an app serving the API under `/api` and the workbench page at `/`."""
    settings = settings or Settings()
    runner = Runner(settings.workers, settings.queue, settings.time_limit_s)
    state = WebState(settings=settings, runner=runner)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        runner.shutdown()

    app = FastAPI(
        title="Overture",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.overture = state
    handlers.install(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(
        BodyLimitMiddleware,
        default_limit=settings.max_body_bytes,
        upload_limit=settings.max_upload_bytes,
        upload_prefixes=UPLOAD_PREFIXES,
    )
    app.include_router(meta.router)
    _include_areas(app, state)
    app.mount("/static", StaticFiles(directory=meta.STATIC_DIR), name="static")
    return app


def _include_areas(app: FastAPI, state: WebState) -> None:
    """Include the routers whose library layer is importable."""
    from overture.web.routes import af

    if af.supported():
        app.include_router(af.router)
        state.features.add("af")
    if available("overture.doctrine", "load_doctrine", "list_shipped_doctrines"):
        from overture.web.registry import DoctrineRegistry
        from overture.web.routes import doctrines

        state.doctrines = DoctrineRegistry(state.settings.doctrine_dir)
        app.include_router(doctrines.router)
        state.features.add("doctrine")
        if available("overture.verdict", "evaluate", "explain", "why_not"):
            from overture.web.routes import verdicts

            app.include_router(verdicts.router)
            state.features.add("verdict")
            from overture.web.routes import analysis

            for feature, router in analysis.routers():
                app.include_router(router)
                state.features.add(feature)
    from overture.web.routes import corpus

    if corpus.supported() and state.settings.corpus_store is not None:
        app.include_router(corpus.router)
        state.features.add("corpus")
