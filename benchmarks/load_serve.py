"""Load test of `showfacts serve` on 127.0.0.1: 50 concurrent clients for a bounded time against
the work page, /api/works/{id} and /api/search. Prints requests per second, median and 95th
percentile latency, and errors (which must be 0).

    pip install -e ".[bench]"   # aiohttp and uvloop: a client light enough to share the machine
    python benchmarks/load_serve.py --db kb10k.db [--clients 50] [--seconds 20] [--workers 2]

Make the database with `python benchmarks/bench_ingest.py --keep kb10k.db`. Each URL is asked
for once before the clock starts (the server's read cache warm, as in steady use); ``--cold``
skips that. Only loopback addresses are used; the run stops by itself. The client runs on the
same machine as the server, so the figures are a floor of what the server does alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time

import httpx

try:
    import aiohttp
    import uvloop
except ImportError:  # pragma: no cover - a benchmark prerequisite
    sys.exit("load_serve.py needs aiohttp and uvloop: pip install -e '.[bench]'")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def client_loop(session: aiohttp.ClientSession, urls: list[str], until: float, latencies: list[float], errors: list[str]) -> None:
    rng = random.Random()
    while time.perf_counter() < until:
        url = rng.choice(urls)
        start = time.perf_counter()
        try:
            async with session.get(url) as response:
                await response.read()
                if response.status != 200:
                    errors.append(f"{response.status} {url}")
        except aiohttp.ClientError as exc:
            errors.append(f"{exc.__class__.__name__} {url}")
        latencies.append((time.perf_counter() - start) * 1000)


async def run(base: str, paths: list[str], clients: int, seconds: float, warm: bool) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(base, connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as session:
        if warm:
            for path in paths:
                async with session.get(path) as response:
                    await response.read()
        until = time.perf_counter() + seconds
        start = time.perf_counter()
        await asyncio.gather(*(client_loop(session, paths, until, latencies, errors) for _ in range(clients)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1) if latencies else None,
        "errors": len(errors),
        "first_errors": errors[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cold", action="store_true", help="no warm-up pass: the first asks fill the cache on the clock")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    port = free_port()
    env = {**os.environ, "SHOWFACTS_DB": args.db}
    server = subprocess.Popen(
        [sys.executable, "-m", "showfacts", "serve", "--db", args.db, "--port", str(port), "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/stats", timeout=10).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        works = httpx.get(base + "/api/works?limit=200", timeout=30).json()["items"]
        slugs = [w["slug"] for w in works]
        words = sorted({w["title"].split()[0] for w in works if w["title"].split()})[:50]
        targets = {
            "work page": [f"/works/{s}" for s in slugs],
            "/api/works/{id}": [f"/api/works/{s}" for s in slugs],
            "/api/search": [f"/api/search?q={w}" for w in words],
        }
        results = {name: uvloop.run(run(base, paths, args.clients, args.seconds, not args.cold)) for name, paths in targets.items()}
    finally:
        server.terminate()
        server.wait(timeout=20)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    warmth = "cold cache" if args.cold else "warm cache"
    print(f"{args.clients} clients, {args.seconds:.0f} s each, {args.workers} server workers, {warmth}, database {args.db}")
    print(f"{'endpoint':18} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name, r in results.items():
        print(f"{name:18} {r['requests']:9} {r['rps']:8.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['errors']:7}")


if __name__ == "__main__":
    main()
