"""ICCMA solving over HTTP: upload a framework file as the body, get the task's answer.

Accepts the ICCMA 2023 (`p af N`) and 2017 APX formats; the solve runs in a worker with the
server's time limit.
"""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/af", tags=["af"])


def supported() -> bool:
    """True once `overture.af` offers ICCMA parsing and solving."""
    return False
