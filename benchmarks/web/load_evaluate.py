"""Bounded load test of `POST /api/evaluate` against a local `overture serve` (127.0.0.1 only).

Run: .venv/bin/python benchmarks/web/load_evaluate.py [--requests 1500] [--seconds 60]
Starts `overture serve` in a subprocess on a free port of 127.0.0.1, then, for each concurrency
level (1, 4, 16 clients, httpx.AsyncClient), sends the shipped doctrine's 30 test scenarios
round-robin until `--requests` requests are answered or `--seconds` have passed, whichever comes
first. Records throughput, latency percentiles and errors (any non-200 answer or transport
error); as peers in the same run: `GET /api/health` (the framework's floor per request) and the
library's `evaluate` called in-process (no HTTP). Writes docs/benchmarks/web.md; exits 1 if any
request failed. Stops by itself; never contacts any host but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


@dataclass
class Run:
    """Results of one load level."""

    label: str
    clients: int
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        xs = sorted(self.latencies)
        if not xs:
            return float("nan")
        k = min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))
        return xs[k] * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def scenarios() -> list[dict[str, Any]]:
    from overture.doctrine import load_doctrine

    out = []
    for test in load_doctrine("iran-us").tests:
        data = test.scenario.model_dump(mode="json", exclude_none=True)
        data.pop("id", None)
        data.pop("description", None)
        out.append({"doctrine": "iran-us", "scenario": data})
    return out


async def load(
    base: str,
    label: str,
    method: str,
    path: str,
    bodies: list[Any],
    clients: int,
    total: int,
    seconds: float,
) -> Run:
    latencies: list[float] = []
    errors = 0
    issued = 0
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:

        async def worker() -> None:
            nonlocal issued, errors
            while issued < total and time.perf_counter() < stop_at:
                body = bodies[issued % len(bodies)] if bodies else None
                issued += 1
                t0 = time.perf_counter()
                try:
                    if method == "POST":
                        r = await client.post(path, json=body)
                    else:
                        r = await client.get(path)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - t0)
                if not ok:
                    errors += 1

        # Warm the server (imports, caches, connection set-up).
        for body in bodies[:5] or [None]:
            if method == "POST":
                await client.post(path, json=body)
            else:
                await client.get(path)
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - t0
    return Run(label, clients, len(latencies), errors, elapsed, latencies)


def in_process(bodies: list[dict[str, Any]], total: int) -> Run:
    from overture.doctrine import Scenario, load_doctrine
    from overture.verdict import evaluate

    doctrine = load_doctrine("iran-us")
    parsed = [Scenario.model_validate(b["scenario"]) for b in bodies]
    for s in parsed:
        evaluate(s, doctrine)
    lat = []
    t0 = time.perf_counter()
    for i in range(total):
        t = time.perf_counter()
        evaluate(parsed[i % len(parsed)], doctrine).model_dump(mode="json")
        lat.append(time.perf_counter() - t)
    return Run(
        "library `evaluate` in-process (no HTTP)", 1, total, 0, time.perf_counter() - t0, lat
    )


def start_server(port: int) -> subprocess.Popen[bytes]:
    code = "from overture.cli.main import main; main()"
    cmd = [
        sys.executable,
        "-c",
        code,
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    env = {k: v for k, v in os.environ.items() if k != "OVERTURE_TOKEN"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=1500, help="requests per level (max)")
    ap.add_argument("--seconds", type=float, default=60.0, help="time per level (max)")
    ap.add_argument("--clients", type=str, default="1,4,16")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks" / "web.md")
    args = ap.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    bodies = scenarios()
    port = free_port()
    proc = start_server(port)
    base = f"http://{HOST}:{port}"
    runs: list[Run] = []
    try:
        for clients in levels:
            runs.append(
                asyncio.run(
                    load(
                        base,
                        "`POST /api/evaluate`",
                        "POST",
                        "/api/evaluate",
                        bodies,
                        clients,
                        args.requests,
                        args.seconds,
                    )
                )
            )
            print(
                f"evaluate, {clients} clients: {runs[-1].throughput:.0f} req/s, "
                f"p99 {runs[-1].pct(0.99):.1f} ms, errors {runs[-1].errors}",
                flush=True,
            )
        health = asyncio.run(
            load(
                base,
                "`GET /api/health` (floor)",
                "GET",
                "/api/health",
                [],
                max(levels),
                args.requests,
                args.seconds,
            )
        )
        runs.append(health)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    lib = in_process(bodies, min(args.requests, 600))
    runs.append(lib)
    write(args, runs)
    failed = sum(r.errors for r in runs)
    print(f"wrote {args.out}; errors: {failed}")
    sys.exit(1 if failed else 0)


def write(args: argparse.Namespace, runs: list[Run]) -> None:
    lines = [
        "# Web benchmark: load on `POST /api/evaluate`",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()} "
        f"(shared, loaded {os.cpu_count()}-core box). Command: "
        "`.venv/bin/python benchmarks/web/load_evaluate.py` "
        f"(at most {args.requests} requests or {args.seconds:g} s per level).",
        "",
        "Server: `overture serve` (uvicorn, one process, default settings: 4 worker threads, "
        "10 s time limit) on 127.0.0.1; clients: httpx.AsyncClient with keep-alive, the "
        "shipped doctrine's 30 test scenarios round-robin. Every answer must be 200.",
        "",
        "| what | clients | requests | errors | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        lines.append(
            f"| {r.label} | {r.clients} | {r.requests} | {r.errors} | {r.throughput:.0f} | "
            f"{r.pct(0.5):.2f} | {r.pct(0.99):.2f} | {max(r.latencies) * 1000:.2f} |"
        )
    evals = [r for r in runs if "evaluate" in r.label and "library" not in r.label]
    health = next(r for r in runs if "health" in r.label)
    lib = runs[-1]
    best = max(evals, key=lambda r: r.throughput)
    lines += [
        "",
        f"Ratios in this run: best HTTP evaluate throughput ({best.throughput:.0f} req/s at "
        f"{best.clients} clients) is {best.throughput / lib.throughput:.2f}x the library's "
        f"single-thread in-process rate ({lib.throughput:.0f}/s) and "
        f"{best.throughput / health.throughput:.2f}x the server's floor (`/api/health`, "
        f"{health.throughput:.0f} req/s). Median in-process `evaluate` "
        f"{statistics.median(lib.latencies) * 1000:.2f} ms.",
        "",
        "Reading: one uvicorn process serves the event loop on one core; each evaluation runs "
        "on the worker pool (GIL-bound, so more clients raise latency, not throughput). "
        "Scale out with more processes behind a proxy if needed. The load generator runs on "
        "the same 2 cores as the server (and other jobs), so figures vary from run to run.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
