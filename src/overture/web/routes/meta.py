"""Health, feature discovery and the workbench page with its static assets.

The page is plain HTML/CSS/JS installed with the package (`overture/web/static`), no CDN.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from overture import __version__
from overture.web.models import Features, Health
from overture.web.state import state_of

router = APIRouter()

#: The page may load nothing but its own files: the browser itself enforces "no CDN".
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

STATIC_DIR = Path(str(resources.files("overture.web") / "static"))


def features(request: Request) -> Features:
    """The features this app serves."""
    state = state_of(request)
    on = state.features
    return Features(
        af="af" in on,
        doctrine="doctrine" in on,
        verdict="verdict" in on,
        analysis="analysis" in on,
        hypotheses="hypotheses" in on,
        corpus="corpus" in on,
        writes=state.settings.write_token is not None,
    )


@router.get("/api/health", tags=["meta"], summary="Liveness and available features")
def health(request: Request) -> Health:
    """Whether the server is up, its version, and which areas it serves."""
    return Health(version=__version__, features=features(request))


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    """The workbench page."""
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html", headers=PAGE_HEADERS)


def docs_assets() -> Path:
    """Swagger UI's files, as the `fastapi-offline` package ships them (served at
    /docs-assets, so /docs needs no CDN)."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


@router.get("/docs", include_in_schema=False)
def docs() -> HTMLResponse:
    """Swagger UI over /openapi.json, its script and style served by this server."""
    from fastapi.openapi.docs import get_swagger_ui_html

    page = get_swagger_ui_html(
        openapi_url="/openapi.json", title="Overture API",
        swagger_js_url="/docs-assets/swagger-ui-bundle.js",
        swagger_css_url="/docs-assets/swagger-ui.css",
        swagger_favicon_url="/docs-assets/favicon.png",
    )
    return HTMLResponse(page.body, headers={"X-Content-Type-Options": "nosniff",
                                            "Referrer-Policy": "no-referrer"})


@router.get("/reference", include_in_schema=False)
def reference() -> FileResponse:
    """A light API reference drawn from /openapi.json (Swagger UI is at /docs)."""
    return FileResponse(STATIC_DIR / "reference.html", media_type="text/html", headers=PAGE_HEADERS)


__all__ = ["STATIC_DIR", "router"]
