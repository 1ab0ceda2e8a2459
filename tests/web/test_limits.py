"""Body size limits (declared and streamed), time limits and the busy answer."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from overture.errors import Unavailable
from overture.web.limits import Deadline, Runner


def test_declared_length_over_the_limit(
    make_client: Callable[..., TestClient], scenario_2012: dict[str, Any]
) -> None:
    client = make_client(max_body_bytes=200)
    r = client.post("/api/evaluate", json={"scenario": scenario_2012, "doctrine": "x" * 300})
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"


def test_streamed_body_over_the_limit(make_client: Callable[..., TestClient]) -> None:
    client = make_client(max_body_bytes=1000)
    sent = []

    def chunks() -> Iterator[bytes]:
        yield b'{"scenario": {"topics": ["'
        for _ in range(100):
            sent.append(1)
            yield b"x" * 100

    r = client.post("/api/evaluate", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"] == "body_too_large"


def test_time_limit_gives_503(
    make_client: Callable[..., TestClient], scenario_2012: dict[str, Any]
) -> None:
    client = make_client(time_limit_s=0.000001)
    r = client.post("/api/counterfactual", json={"scenario": scenario_2012, "max_changes": 3})
    assert r.status_code == 503
    body = r.json()
    assert body["error"] == "time_limit" and "time limit" in body["detail"]


def test_runner_refuses_when_busy_and_recovers() -> None:
    runner = Runner(workers=1, queue=0, time_limit=5)
    release = threading.Event()

    def slow(_d: Deadline) -> str:
        release.wait(5)
        return "slow"

    async def scenario() -> None:
        first = asyncio.create_task(runner.run("slow", slow))
        await asyncio.sleep(0.05)
        with pytest.raises(Unavailable) as info:
            await runner.run("second", lambda _d: "fast")
        assert info.value.reason == "busy" and info.value.retry_after == 1
        release.set()
        assert await first == "slow"
        assert await runner.run("third", lambda _d: "fast") == "fast"

    asyncio.run(scenario())
    runner.shutdown()


def test_runner_stops_cooperative_work_on_timeout() -> None:
    runner = Runner(workers=1, queue=0, time_limit=1.0)
    started = threading.Event()
    stopped = threading.Event()

    def loop(deadline: Deadline) -> None:
        started.set()
        deadline.on_stop(stopped.set)
        give_up = time.monotonic() + 5
        while not stopped.is_set() and time.monotonic() < give_up:
            time.sleep(0.01)

    async def scenario() -> None:
        with pytest.raises(Unavailable) as info:
            await runner.run("the loop", loop)
        assert info.value.reason == "time_limit"

    asyncio.run(scenario())
    # Started work is told to stop; work still queued at the deadline is cancelled instead.
    assert stopped.wait(2) or not started.is_set()
    deadline_free = time.monotonic() + 2
    while runner.admitted and time.monotonic() < deadline_free:
        time.sleep(0.01)
    assert runner.admitted == 0
    runner.shutdown()


def test_busy_server_answers_503_with_retry_after(
    make_client: Callable[..., TestClient], scenario_2012: dict[str, Any]
) -> None:
    client = make_client(workers=1, queue=0)
    state = client.app.state.overture  # type: ignore[attr-defined]
    release = threading.Event()
    blocker = threading.Thread(
        target=lambda: asyncio.run(state.runner.run("block", lambda _d: release.wait(5)))
    )
    blocker.start()
    try:
        while state.runner.admitted == 0:
            time.sleep(0.01)
        r = client.post("/api/evaluate", json={"scenario": scenario_2012})
        assert r.status_code == 503 and r.json()["error"] == "busy"
        assert r.headers["retry-after"] == "1"
    finally:
        release.set()
        blocker.join()
    assert client.post("/api/evaluate", json={"scenario": scenario_2012}).status_code == 200


def test_an_abandoned_counterfactual_frees_its_core_within_a_second(make_client: Any) -> None:
    """Issue 18: the search is told to stop at its 503 and returns within a second; the next
    evaluate is answered in normal time."""
    import time

    client = make_client(time_limit_s=0.5, workers=1, queue=0)
    runner = client.app.state.overture.runner
    body = {"scenario": {"counterparty": "united_states", "topics": ["nuclear", "sanctions"],
                         "mode": "deal", "date": "2019-06-01"},
            "target": "permitted", "max_changes": 3}
    r = client.post("/api/counterfactual", json=body)
    assert r.status_code == 503 and r.json()["error"] == "time_limit"
    answered = time.monotonic()
    while runner.admitted and time.monotonic() - answered < 5:
        time.sleep(0.02)
    assert runner.admitted == 0
    assert time.monotonic() - answered < 1.0, "the abandoned search kept running"
    started = time.monotonic()
    ok = client.post("/api/evaluate", json={"scenario": body["scenario"]})
    assert ok.status_code == 200 and time.monotonic() - started < 2.0
