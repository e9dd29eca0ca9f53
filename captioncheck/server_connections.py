"""The server's connections, bounded: each client has a time to send its request and a place in a
limited number of connections (uvicorn's HTTP/1.1 protocol on h11, with two guards added).

- **Read timeout.** From its first byte (or from being opened), a request has ``read_timeout`` seconds
  to arrive whole, headers and body; past them the server answers ``408`` and closes the connection.
  uvicorn alone times out only idle keep-alive connections, so a client that sends half a request and
  waits would hold its connection, and its file descriptor, for ever.
- **Connection limit.** A worker holds at most ``max_connections`` connections. When a new one would
  exceed it, the connection that has waited longest without a whole request (sending one slowly, or
  idle between requests) is closed (``503``) to make room; only when every connection has a request
  being answered is the new one refused. A flood of half-sent requests therefore cannot keep normal
  clients out, and the worker never reaches its descriptor limit (the default limit is derived from
  it). uvicorn's own ``limit_concurrency`` would answer ``503`` to the normal clients instead.

Both are logged, at most one line per kind every ``LOG_EVERY`` seconds with the count since the last
line, so a flood does not flood the log. Behind a reverse proxy, set the proxy's own limits as well
(nginx: ``client_header_timeout``, ``client_body_timeout``, ``limit_conn``; see docs/usage.md).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from .server_limits import limits_from_environment

LOG_EVERY = 10.0
_LOG = logging.getLogger("uvicorn.error")


class _Guard:
    """What the guards of one server share: an order of arrival, and the connections they closed,
    logged as one line per kind at most every LOG_EVERY seconds."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.logged: dict[str, float] = {}
        self.arrivals = itertools.count()  # uvloop's clock moves once per loop turn: ties are common

    def count(self, loop: asyncio.AbstractEventLoop, kind: str, line: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if loop.time() - self.logged.get(kind, -LOG_EVERY) >= LOG_EVERY:
            _LOG.warning("captioncheck serve: %s (%d since the last such line)", line, self.counts[kind])
            self.logged[kind], self.counts[kind] = loop.time(), 0


def _response(status: int, reason: str, message: str) -> bytes:
    body = json.dumps({"error": message}).encode()
    return (f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
            "connection: close\r\n\r\n").encode() + body


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a read timeout and a connection limit that evicts the idlest."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits_from_environment()
        self.since = 0  # when this connection began to wait for a whole request, in order of arrival
        self.read_deadline: asyncio.TimerHandle | None = None

    @property
    def guard(self) -> _Guard:
        guard = getattr(self.server_state, "captioncheck_guard", None)
        if guard is None:
            guard = self.server_state.captioncheck_guard = _Guard()  # type: ignore[attr-defined]
        return guard

    # -- the read timeout -------------------------------------------------------------------------
    def _arm(self) -> None:
        self.since = next(self.guard.arrivals)
        self.read_deadline = self.loop.call_later(self.limits.read_timeout, self._read_timed_out)

    def _disarm(self) -> None:
        if self.read_deadline is not None:
            self.read_deadline.cancel()
            self.read_deadline = None

    def _read_timed_out(self) -> None:
        self.read_deadline = None
        if not self.transport.is_closing():
            self._close(408, "Request Timeout",
                        f"the request did not arrive whole within {self.limits.read_timeout:g} s", "timeout")

    def _answering(self) -> bool:
        """Whether a whole request of this connection is being answered."""
        return self.cycle is not None and not self.cycle.response_complete and not self.cycle.more_body

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()
        if len(self.connections) > self.limits.max_connections:
            self._make_room()

    def data_received(self, data: bytes) -> None:
        if self.read_deadline is None and not self._answering():
            self._arm()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if self._answering():
            self._disarm()  # the request is in: answering it is the application's time budget

    def on_response_complete(self) -> None:
        self.since = next(self.guard.arrivals)  # idle from now on, until the next request's first byte
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        """A request h11 cannot parse: the one error shape, as from every other layer (uvicorn's is plain text)."""
        self._disarm()
        self.transport.write(_response(400, "Bad Request", "not an HTTP/1.1 request this server can read "
                                                           "(a malformed request line or header)"))
        self.transport.close()

    # -- the connection limit ---------------------------------------------------------------------
    def _make_room(self) -> None:
        waiting = [c for c in self.connections
                   if c is not self and isinstance(c, GuardedH11Protocol) and not c._answering()
                   and not c.transport.is_closing()]
        if not waiting:
            self._close(503, "Service Unavailable", "too many connections; retry later", "refused")
            return
        oldest = min(waiting, key=lambda connection: connection.since)
        oldest._close(503, "Service Unavailable", "closed to make room for another client", "evicted")

    def _close(self, status: int, reason: str, message: str, kind: str) -> None:
        lines = {"timeout": f"closed connections that did not send a whole request within "
                            f"{self.limits.read_timeout:g} s (--read-timeout)",
                 "evicted": f"at the limit of {self.limits.max_connections} connections (--max-connections): "
                            "closed the connections waiting longest without a whole request",
                 "refused": f"at the limit of {self.limits.max_connections} connections (--max-connections), "
                            "every one with a request being answered: refused new connections"}
        self.guard.count(self.loop, kind, lines[kind])
        self._disarm()
        if self.cycle is None or self.cycle.response_complete or not self.cycle.response_started:
            self.transport.write(_response(status, reason, message))
        self.transport.close()
