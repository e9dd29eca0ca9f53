"""What ``captioncheck serve`` bounds, and how its options reach the worker processes (uvicorn starts
them anew: the options travel in an environment variable). Standard library only, so that the
command line can name the defaults without the server's extra installed.
"""

from __future__ import annotations

import functools
import json
import os
import resource
from dataclasses import dataclass

ENVIRONMENT = "CAPTIONCHECK_SERVE"  # how serve() hands its options to the worker processes
DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024  # a 5 MB article, JSON-escaped
DEFAULT_TIMEOUT = 30.0  # seconds per article
DEFAULT_READ_TIMEOUT = 10.0


@dataclass(frozen=True)
class Limits:
    max_request_bytes: int
    timeout: float  # per article
    read_timeout: float  # per request, headers and body
    max_connections: int  # per worker process


def default_max_connections() -> int:
    """Per worker: half of what its descriptor limit leaves after a reserve for the process's own files
    and the connections accepted in one burst, between 16 and 1,000."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1000
    return max(16, min(1000, (soft - 100) // 2))


def to_environment(limits: Limits) -> str:
    return json.dumps(limits.__dict__)


@functools.cache
def limits_from_environment(value: str | None = None) -> Limits:
    """The limits :func:`captioncheck.server.serve` put in the environment (read once per process)."""
    text = value if value is not None else os.environ.get(ENVIRONMENT)
    if not text:
        return Limits(DEFAULT_MAX_REQUEST_BYTES, DEFAULT_TIMEOUT, DEFAULT_READ_TIMEOUT, default_max_connections())
    return Limits(**json.loads(text))
