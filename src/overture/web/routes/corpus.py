"""Corpus search and (with the write token) document ingest over HTTP.

Thin over `overture.corpus`; registered only when that layer is present.
"""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/corpus", tags=["corpus"])


def supported() -> bool:
    """True once `overture.corpus` offers a store with search."""
    return False
