"""Bounded load test of ``concord serve`` on loopback: 2,000 requests at 16 concurrent.

Starts the server in a subprocess on a free port, warms it up, then sends a fixed mix of API
requests (evidence base, bloc members, routing with a country avoided, Hebrew claim checks, and
requests that must answer 4xx) and prints p50 / p99 latency, throughput and errors per run.
An error is a failed connection or a status other than the one the request expects.

    python benchmarks/load_web.py [--requests 2000] [--concurrency 16] [--runs 3]

Exits with status 1 when any run had an error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from typing import Any

import httpx

HEBREW = 'קזחסטן חולקת גבול של 1,460 ק"מ עם סין. כ־40% מהתפוקה העולמית של אורניום ב־2024.'

#: (method, path, json body or None, expected status)
MIX: list[tuple[str, str, Any, int]] = [
    ("GET", "/api/health", None, 200),
    ("GET", "/api/countries/KAZ", None, 200),
    ("GET", "/api/countries/קזחסטן", None, 200),
    ("GET", "/api/facts?subject=KAZ&predicate=border_length_km", None, 200),
    ("GET", "/api/blocs/AA/members?as_of=2021-06-01", None, 200),
    ("GET", "/api/resolve?name=ШОС", None, 200),
    ("POST", "/api/routes", {"origin": "Xian", "destination": "Duisburg", "avoid": ["RUS"]}, 200),
    (
        "POST",
        "/api/routes",
        {"origin": "Shanghai", "destination": "Rotterdam", "close": ["babalmandab"]},
        200,
    ),
    ("POST", "/api/claims/check", {"text": HEBREW}, 200),
    ("GET", "/api/countries/Atlantis", None, 404),
    ("POST", "/api/claims/check", {"text": 5}, 422),
    ("POST", "/api/scenarios/runs", {"scenario": "no-such-scenario"}, 404),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "concord.web.app:app_factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=dict(os.environ))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start within 60 s")


async def one_run(base: str, requests: int, concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def send(index: int) -> None:
            method, path, body, expected = MIX[index % len(MIX)]
            async with gate:
                started = time.perf_counter()
                try:
                    response = await client.request(method, path, json=body)
                except httpx.HTTPError as exc:
                    errors.append(f"{method} {path}: {type(exc).__name__}")
                    return
                latencies.append(time.perf_counter() - started)
                if response.status_code != expected:
                    errors.append(f"{method} {path}: {response.status_code} != {expected}")

        started = time.perf_counter()
        await asyncio.gather(*(send(i) for i in range(requests)))
        wall = time.perf_counter() - started
    latencies.sort()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": requests,
        "errors": len(errors),
        "error_samples": errors[:5],
        "p50_ms": cuts[49] * 1000,
        "p99_ms": cuts[98] * 1000,
        "max_ms": latencies[-1] * 1000 if latencies else 0.0,
        "rps": requests / wall,
        "wall_s": wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(one_run(base, len(MIX) * 4, 4))  # warm-up: build caches, open the base
        results = []
        for run in range(1, args.runs + 1):
            result = asyncio.run(one_run(base, args.requests, args.concurrency))
            results.append(result)
            print(
                f"run {run}: {result['requests']} requests at {args.concurrency} concurrent: "
                f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
                f"max {result['max_ms']:.1f} ms, {result['rps']:.0f} req/s, "
                f"errors {result['errors']} {result['error_samples']}"
            )
        best = min(results, key=lambda r: r["p99_ms"])
        total_errors = sum(r["errors"] for r in results)
        print(
            f"best of {len(results)}: p50 {best['p50_ms']:.1f} ms, p99 {best['p99_ms']:.1f} ms, "
            f"{best['rps']:.0f} req/s; errors over all runs: {total_errors}"
        )
        alive = httpx.get(f"{base}/api/health", timeout=5).status_code == 200
        print(f"server still serving after the load: {alive}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    if total_errors or not alive:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
