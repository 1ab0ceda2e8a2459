"""Reading raw upload bodies (ICCMA files, doctrines, documents) as text, with clear errors.

The size limit itself is enforced by `BodyLimitMiddleware` while the body streams in.
"""

from __future__ import annotations

from fastapi import HTTPException, Request


async def read_text_body(request: Request) -> str:
    """The request body decoded as UTF-8 (HTTP 400 if empty or not text)."""
    chunks: list[bytes] = []
    async for chunk in request.stream():
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data.strip():
        raise HTTPException(400, "the request body is empty; send the file as the body")
    if b"\x00" in data[:8192]:
        raise HTTPException(400, "the request body is binary; send a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(
            400, f"the request body is not UTF-8 text (bad byte at offset {exc.start})"
        ) from None
