"""Bearer-token guard for the endpoints that write (uploads of doctrines and documents).

No token configured means writes are disabled (403); a missing token is 401, a wrong one 403.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from overture.web.state import state_of

bearer = HTTPBearer(auto_error=False, description="The server's write token (see --token-env).")


def require_writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Dependency of write endpoints: pass only with the configured bearer token."""
    settings = state_of(request).settings
    if settings.write_token is None:
        raise HTTPException(
            403,
            f"writes are disabled on this server: start it with the environment variable "
            f"{settings.token_env} set to a token",
        )
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            401,
            "this endpoint writes: send `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(credentials.credentials.encode(), settings.write_token.encode()):
        raise HTTPException(403, "the bearer token is not the server's write token")
