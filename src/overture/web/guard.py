"""Requests from where they may come only: known Host names, same-origin (or configured)
callers, and JSON bodies on JSON endpoints.

A page on another site can neither read the API through DNS rebinding (its Host header names
another host: 421) nor drive it with a cross-site "simple" request (its Origin differs: 403;
a `text/plain` body on a JSON endpoint: 415).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


async def _refuse(send: Send, status: int, code: str, detail: str) -> None:
    import json

    body = json.dumps({"error": code, "detail": detail, "errors": []}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """Refuse unknown Host names (421), foreign Origins (403) and non-JSON bodies sent to JSON
    endpoints (415). `text_prefixes` are the paths that take a text or file body."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str], allowed_origins: Sequence[str],
                 text_prefixes: Sequence[str]) -> None:
        self.app = app
        self.hosts = {h.lower().strip("[]") for h in allowed_hosts}
        self.origins = {o.rstrip("/").lower() for o in allowed_origins}
        self.text_prefixes = tuple(text_prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if _host_name(host) not in self.hosts:
            await _refuse(send, 421, "unknown_host",
                          f"this server does not answer to the host {host!r}")
            return
        origin = headers.get("origin")
        if origin is not None and origin != "null":
            own = f"{scope.get('scheme', 'http')}://{host}".lower()
            parts = urlsplit(origin)
            if origin.rstrip("/").lower() not in self.origins | {own} or not parts.netloc:
                await _refuse(send, 403, "cross_origin",
                              f"requests from pages of {origin!r} are not accepted")
                return
        path = scope.get("path", "")
        if (scope.get("method") in ("POST", "PUT", "PATCH") and path.startswith("/api/")
                and not path.startswith(self.text_prefixes)):
            kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
            if kind and kind != "application/json" and not kind.endswith("+json"):
                await _refuse(send, 415, "unsupported_media_type",
                              f"send the body as JSON (Content-Type: application/json), "
                              f"not {kind!r}")
                return
        await self.app(scope, receive, send)
