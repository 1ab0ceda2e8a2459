"""The FastAPI application factory: `create_app(settings)` assembles routes, limits and errors.

Every area is served; the corpus only when a store is configured (the health endpoint says
which areas are on, and the page shows only those).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles

from overture import __version__
from overture.web import error_responses
from overture.web.config import Settings
from overture.web.guard import RequestGuard
from overture.web.limits import BodyLimitMiddleware, Runner
from overture.web.routes import meta
from overture.web.state import WebState

UPLOAD_PREFIXES = ("/api/af/", "/api/doctrines/upload", "/api/doctrines/check",
                   "/api/corpus/documents")

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
        docs_url=None,  # served by `meta.docs` with local assets (no CDN)
        redoc_url=None,
    )
    app.state.overture = state
    error_responses.install(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(
        RequestGuard,
        allowed_hosts=settings.allowed_hosts,
        allowed_origins=settings.allowed_origins,
        text_prefixes=UPLOAD_PREFIXES,
    )
    app.add_middleware(
        BodyLimitMiddleware,
        default_limit=settings.max_body_bytes,
        upload_limit=settings.max_upload_bytes,
        upload_prefixes=UPLOAD_PREFIXES,
    )
    app.include_router(meta.router)
    _include_areas(app, state)
    app.mount("/static", StaticFiles(directory=meta.STATIC_DIR), name="static")
    app.mount("/docs-assets", StaticFiles(directory=meta.docs_assets()), name="docs-assets")
    return app


def _include_areas(app: FastAPI, state: WebState) -> None:
    """Include every area's router (the corpus only with a configured store)."""
    from overture.web.registry import DoctrineRegistry
    from overture.web.routes import af, analysis, corpus, doctrines, exports, verdicts

    state.doctrines = DoctrineRegistry(state.settings.doctrine_dir)
    for feature, router in (("af", af.router), ("doctrine", doctrines.router),
                            ("verdict", verdicts.router), ("verdict", exports.router),
                            ("analysis", analysis.router),
                            ("hypotheses", analysis.hypotheses_router)):
        app.include_router(router)
        state.features.add(feature)
    if state.settings.corpus_store is not None:
        app.include_router(corpus.router)
        state.features.add("corpus")
