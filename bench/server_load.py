"""Load test of ``captioncheck serve`` on loopback: latency percentiles and errors per article.

Starts the real server (``python -m captioncheck serve``), waits for ``/health``, then sends
REQUESTS ``POST /v1/check`` requests with the article, CONCURRENCY at a time (one keep-alive
connection per client thread), and prints p50/p90/p99 latency, throughput and the error count.

    python bench/server_load.py [ARTICLE] [--requests 2000] [--concurrency 8] [--workers N]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

DEFAULT_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "articles" / "nato-kyiv-fr.txt"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(port: int, server: subprocess.Popen, limit: float = 120.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return time.perf_counter() - started
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not become healthy")


def client(port: int, body: bytes, count: int, latencies: list[float], errors: list[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(count):
        started = time.perf_counter()
        try:
            connection.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
            if response.status != 200 or not json.loads(payload)["files"][0].get("findings"):
                errors.append(f"{response.status}: {payload[:100]!r}")
        except (OSError, http.client.HTTPException, ValueError) as error:
            errors.append(repr(error))
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        latencies.append(time.perf_counter() - started)


def _in_process_ms(article: Path) -> float:
    """Median ms of ``check_text(...).to_json()`` for the article in this process, after three warm-ups."""
    import captioncheck

    text = article.read_text(encoding="utf-8")
    for _ in range(3):
        captioncheck.check_text(text, path=article.name).to_json()
    times = []
    for _ in range(100):
        started = time.perf_counter()
        captioncheck.check_text(text, path=article.name).to_json()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    in_process = _in_process_ms(args.article)
    port = free_port()
    command = [sys.executable, "-m", "captioncheck", "serve", "--port", str(port)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command)
    try:
        ready = wait_healthy(port, server)
        body = json.dumps({"text": args.article.read_text(encoding="utf-8"), "path": args.article.name}).encode()
        latencies: list[float] = []
        errors: list[str] = []
        per_client = [args.requests // args.concurrency + (i < args.requests % args.concurrency)
                      for i in range(args.concurrency)]
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(port, body, n, latencies, errors)) for n in per_client]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=60)
    ordered = sorted(latencies)

    def percentile(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    print(f"command: python {shlex.join(sys.argv)}")
    print(f"cores: {os.cpu_count()}, server: {shlex.join(command[1:])}")
    print(f"article: {args.article} ({len(body)} bytes of request)")
    print(f"ready after {ready:.1f} s (models loaded in every worker)")
    print(f"{len(latencies)} requests at concurrency {args.concurrency} in {elapsed:.1f} s "
          f"({len(latencies) / elapsed:.0f} requests/s)")
    print(f"latency ms: p50 {percentile(50):.1f}, p90 {percentile(90):.1f}, p99 {percentile(99):.1f}, "
          f"mean {statistics.mean(latencies) * 1000:.1f}")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"in process, the same article: median {in_process:.1f} ms (check_text(...).to_json(), 100 runs)")


if __name__ == "__main__":
    main()
