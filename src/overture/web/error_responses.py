"""Map every failure to a small JSON error body: which field was wrong, never a traceback.

Bodies look like `{"error": CODE, "detail": MESSAGE, "errors": [{"field", "message"}]}`;
input errors are 4xx, limits 413/422, time and capacity 503, anything unexpected a bare 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from overture.errors import ComputationFailed, FieldErrors, OvertureError, Unavailable
from overture.web.limits import BodyTooLarge
from overture.web.models import ErrorBody, FieldError

log = logging.getLogger("overture.web")


def error_response(
    status: int,
    code: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A JSON response carrying an `ErrorBody`."""
    body = ErrorBody(error=code, detail=detail, errors=errors or [])
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _field_name(loc: tuple[Any, ...] | list[Any], kind: str = "") -> str:
    if kind == "json_invalid":
        return "body"
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        where, rest = parts[0], parts[1:]
        return f"{where}.{'.'.join(rest)}" if rest else where
    return ".".join(parts) or "body"


def _message(err: dict[str, Any]) -> str:
    kind = str(err.get("type", ""))
    msg = str(err.get("msg", "invalid value"))
    if kind == "missing":
        return "field required"
    if kind == "json_invalid":
        ctx = err.get("ctx") or {}
        return f"body is not valid JSON ({ctx.get('error', 'parse error')})"
    if kind == "extra_forbidden":
        return "unknown field"
    return msg.removeprefix("Value error, ")


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    raw = list(exc.errors())
    errors = [
        FieldError(field=_field_name(e.get("loc", ()), str(e.get("type", ""))), message=_message(e))
        for e in raw[:100]
    ]
    content_type = request.headers.get("content-type", "")
    if (
        request.method in ("POST", "PUT", "PATCH")
        and "json" not in content_type
        and any(e.field == "body" for e in errors)
    ):
        errors = [
            FieldError(
                field="body",
                message="send the body as JSON with `Content-Type: application/json`",
            )
        ]
    summary = "; ".join(f"{e.field}: {e.message}" for e in errors[:5]) or "invalid request"
    return error_response(422, "validation_error", summary, errors)


async def _overture(request: Request, exc: Exception) -> JSONResponse:
    """Every library error, answered with the status and code its class declares."""
    assert isinstance(exc, OvertureError)
    if isinstance(exc, Unavailable):
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else None
        return error_response(exc.http_status, exc.code, exc.detail, headers=headers)
    if isinstance(exc, ComputationFailed):
        log.error("computation failed serving %s %s: %s", request.method, request.url.path, exc)
    field = getattr(exc, "field", None)
    if isinstance(exc, FieldErrors):
        errors = [FieldError(field=f, message=m) for f, m in exc.fields]
    elif field:
        errors = [FieldError(field=str(field), message=exc.message)]
    else:
        errors = []
    return error_response(exc.http_status, exc.code, str(exc), errors)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "body_too_large",
        415: "unsupported_media_type",
    }
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return error_response(
        exc.status_code,
        codes.get(exc.status_code, "http_error"),
        detail,
        headers=dict(exc.headers) if exc.headers else None,
    )


async def _too_large(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BodyTooLarge)
    return error_response(413, "body_too_large", str(exc), headers={"Connection": "close"})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error serving %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "internal error; see the server log")


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(OvertureError, _overture)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(BodyTooLarge, _too_large)
    app.add_exception_handler(Exception, _unexpected)
