"""The server under abuse: latency of normal requests, /health and worker memory while clients misbehave.

Starts the real server (``python -m captioncheck serve --workers 2``) with its descriptor limit
lowered to ``--nofile`` (300: a small container's), then measures normal ``POST /v1/check`` requests
(the article, one at a time, a new connection each) and ``GET /health`` in three phases:

1. **quiet**: nothing else happening (the baseline);
2. **slow clients**: ``--half-sent`` connections (700) that each send half a request and stall, kept
   at that number all along (a client closed by the server opens again);
3. **many options**: ``--option-sets`` requests (600) each with another set of options (languages in
   another order or another set, another threshold), then the normal requests again;
4. **busy workers**: both workers checking long articles, while ``/health`` is asked.

Prints p50/p99 latency and errors per phase, and the workers' resident memory after each. Targets
(issue 28): normal requests p99 <= 100 ms under slow clients and many options, workers below
500 MB, ``/health`` <= 100 ms while the workers are busy.

    python bench/server_abuse.py [ARTICLE] [--half-sent 700] [--option-sets 600] [--nofile 300]
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from server_load import DEFAULT_ARTICLE, free_port, wait_healthy

HALF_REQUEST = b"POST /v1/check HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Le"
LANGUAGES = ("fr", "es", "en", "de", "it", "pt", "nl", "ca", "pl", "ro")


def timed(port: int, method: str, path: str, body: bytes | None = None) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request(method, path, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        status = response.status
        connection.close()
    except (OSError, http.client.HTTPException):
        status = 0
    return time.perf_counter() - started, status


def measure(port: int, body: bytes, count: int) -> dict[str, float]:
    checks = [timed(port, "POST", "/v1/check", body) for _ in range(count)]
    health = [timed(port, "GET", "/health") for _ in range(count)]
    return {**percentiles("check", checks), **percentiles("health", health)}


def percentiles(name: str, results: list[tuple[float, int]]) -> dict[str, float]:
    seconds = sorted(s for s, _ in results)
    return {f"{name} p50 ms": 1000 * statistics.median(seconds),
            f"{name} p99 ms": 1000 * seconds[min(len(seconds) - 1, int(0.99 * len(seconds)))],
            f"{name} errors": sum(status != 200 for _, status in results)}


def worker_memory(server: subprocess.Popen) -> list[float]:
    return sorted(round(child.memory_info().rss / 2**20) for child in psutil.Process(server.pid).children(recursive=True))


class SlowClients:
    """``count`` connections that each sent half a request; one the server closes is opened again."""

    def __init__(self, port: int, count: int) -> None:
        self.port, self.count, self.stop, self.opened = port, count, threading.Event(), 0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        import selectors

        selector = selectors.DefaultSelector()
        while not self.stop.is_set():
            while len(selector.get_map()) < self.count and not self.stop.is_set():
                try:
                    client = socket.create_connection(("127.0.0.1", self.port), timeout=5)
                    client.sendall(HALF_REQUEST)
                    client.setblocking(False)
                    selector.register(client, selectors.EVENT_READ)
                    self.opened += 1
                except OSError:
                    time.sleep(0.01)
            for key, _ in selector.select(timeout=0.05):  # answered (408, 503) or closed: open another
                selector.unregister(key.fileobj)
                key.fileobj.close()
        for key in list(selector.get_map().values()):
            key.fileobj.close()

    def __enter__(self) -> SlowClients:
        self.thread.start()
        while self.opened < self.count and self.thread.is_alive():
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def option_sets(count: int) -> list[dict]:
    orders = itertools.chain.from_iterable(itertools.permutations(LANGUAGES, size) for size in (2, 3))
    return [{"languages": list(order), "divergence-threshold": round(0.2 + (n % 50) / 100, 2)}
            for n, order in zip(range(count), orders)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--half-sent", type=int, default=700)
    parser.add_argument("--option-sets", type=int, default=600)
    parser.add_argument("--nofile", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200, help="normal requests (and /health) per phase")
    arguments = parser.parse_args()
    text = arguments.article.read_text(encoding="utf-8")
    body = json.dumps({"text": text}).encode()
    port = free_port()

    def limit_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (arguments.nofile, arguments.nofile))

    server = subprocess.Popen([sys.executable, "-m", "captioncheck", "serve", "--port", str(port), "--workers", "2"],
                              preexec_fn=limit_descriptors, stderr=subprocess.PIPE, text=True)
    rows: list[tuple[str, dict[str, float], list[float]]] = []
    try:
        wait_healthy(port, server)
        rows.append(("quiet", measure(port, body, arguments.requests), worker_memory(server)))
        with SlowClients(port, arguments.half_sent) as slow:
            time.sleep(1)
            rows.append((f"{arguments.half_sent} half-sent requests", measure(port, body, arguments.requests),
                         worker_memory(server)))
            reopened = slow.opened - arguments.half_sent
        sets = option_sets(arguments.option_sets)
        failed = 0
        for options in sets:
            failed += timed(port, "POST", "/v1/check", json.dumps({"text": text, "options": options}).encode())[1] != 200
        rows.append((f"after {len(sets)} option sets ({failed} failed)", measure(port, body, arguments.requests),
                     worker_memory(server)))
        long_body = json.dumps({"text": text + "\n\n" + "".join(
            f"Le ministre numéro {n} a parlé à Paris avec {n * 7} homologues.\n\n"
            f"El ministro número {n} habló en París con {n * 7} homólogos.\n\n" for n in range(1500))}).encode()
        busy = [threading.Thread(target=timed, args=(port, "POST", "/v1/check", long_body)) for _ in range(4)]
        for thread in busy:
            thread.start()
        time.sleep(0.5)
        health = [timed(port, "GET", "/health") for _ in range(arguments.requests)]
        still_busy = sum(thread.is_alive() for thread in busy)
        rows.append((f"workers busy ({still_busy} of 4 long checks still running at the end)",
                     percentiles("health", health), worker_memory(server)))
        for thread in busy:
            thread.join()
    finally:
        server.terminate()
        _, log = server.communicate(timeout=60)
    print(f"captioncheck serve --workers 2 under ulimit -n {arguments.nofile}; {arguments.requests} normal requests "
          f"of {arguments.article.name} ({len(text)} characters) and {arguments.requests} GET /health per phase")
    for name, figures, memory in rows:
        shown = ", ".join(f"{key} {value:.0f}" if "ms" in key else f"{key} {value}" for key, value in figures.items())
        print(f"- {name}: {shown}; workers {' / '.join(f'{m:.0f}' for m in memory)} MB")
    print(f"slow clients reopened after the server closed them: {reopened}")
    print("server log:")
    for line in log.splitlines():
        print(f"  {line}")


if __name__ == "__main__":
    main()
