"""Request limits: body size (checked by Content-Length and while streaming) and time budgets.

`BodyLimitMiddleware` answers 413 before the app reads an oversized body; `Runner` runs
expensive library calls on a bounded thread pool with a deadline, answering 503 when late or busy.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from overture.errors import Unavailable

T = TypeVar("T")


class BodyTooLarge(HTTPException):
    """The request body exceeds the limit for its path (an HTTP 413).

    An `HTTPException` so that FastAPI's body parsing passes it through unchanged.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body exceeds the limit of {limit} bytes")
        self.limit = limit

    def __str__(self) -> str:
        return str(self.detail)


async def _send_413(send: Send, limit: int) -> None:
    body = (
        b'{"error":"body_too_large","detail":"request body exceeds the limit of '
        + str(limit).encode()
        + b' bytes","errors":[]}'
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """Reject bodies larger than the limit for their path with 413, without buffering them.

    A declared Content-Length over the limit is refused before any byte is read; a body sent
    without one (chunked) is counted as it streams and cut off when it passes the limit.
    Paths starting with one of `upload_prefixes` get `upload_limit`, the rest `default_limit`.
    """

    def __init__(
        self,
        app: ASGIApp,
        default_limit: int,
        upload_limit: int,
        upload_prefixes: Sequence[str] = (),
    ) -> None:
        self.app = app
        self.default_limit = default_limit
        self.upload_limit = upload_limit
        self.upload_prefixes = tuple(upload_prefixes)

    def limit_for(self, path: str) -> int:
        """The byte limit that applies to a request for `path`."""
        if path.startswith(self.upload_prefixes):
            return self.upload_limit
        return self.default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > limit:
                    await _send_413(send, limit)
                    return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge as exc:
            if started:
                raise
            await _send_413(send, exc.limit)


class Deadline:
    """A cooperative stop signal handed to long computations: `expired()` turns true when the
    request's time budget is spent or the request was abandoned."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends_at = time.monotonic() + seconds
        self._stop = threading.Event()
        self._callbacks: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.ends_at - time.monotonic())

    def expired(self) -> bool:
        """True once the budget is spent or `stop()` was called."""
        return self._stop.is_set() or time.monotonic() >= self.ends_at

    def on_stop(self, callback: Callable[[], None]) -> None:
        """Call `callback` (e.g. a solver's interrupt) when the request is abandoned."""
        with self._lock:
            if not self._stop.is_set():
                self._callbacks.append(callback)
                return
        callback()

    def stop(self) -> None:
        """Abandon the computation: set the flag and run the registered interrupts."""
        with self._lock:
            self._stop.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()


class Runner:
    """Runs blocking library calls on `workers` threads with a per-call time budget.

    At most `workers + queue` calls are admitted at once (computations that overran their
    budget still count until they return), so a flood of slow requests is refused with 503
    instead of piling up threads. On timeout the call's `Deadline` is stopped, which lets
    cooperative code (and solver interrupts registered with `Deadline.on_stop`) end early.
    """

    def __init__(self, workers: int, queue: int, time_limit: float) -> None:
        self.capacity = workers + queue
        self.time_limit = time_limit
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="overture")
        self._lock = threading.Lock()
        self._admitted = 0

    @property
    def admitted(self) -> int:
        """Calls admitted and not yet finished (including overrunning ones)."""
        with self._lock:
            return self._admitted

    def _release(self, _future: Future[Any] | None = None) -> None:
        with self._lock:
            self._admitted -= 1

    async def run(
        self,
        what: str,
        fn: Callable[[Deadline], T],
        time_limit: float | None = None,
    ) -> T:
        """Run `fn(deadline)` in a worker; raise `Unavailable` if busy or late."""
        budget = self.time_limit if time_limit is None else min(time_limit, self.time_limit)
        with self._lock:
            if self._admitted >= self.capacity:
                raise Unavailable(
                    "busy",
                    f"the server is busy ({self.capacity} computations running or queued); "
                    "retry shortly",
                    retry_after=1,
                )
            self._admitted += 1
        deadline = Deadline(budget)
        try:
            future = self._executor.submit(fn, deadline)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), budget)
        except TimeoutError:
            future.cancel()
            deadline.stop()
            raise Unavailable(
                "time_limit",
                f"{what} did not finish within the time limit of {budget:g} s",
                retry_after=None,
            ) from None
        except asyncio.CancelledError:
            future.cancel()
            deadline.stop()
            raise

    def shutdown(self) -> None:
        """Stop accepting work; running computations are asked to stop via their deadlines."""
        self._executor.shutdown(wait=False, cancel_futures=True)
