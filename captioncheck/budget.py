"""A time budget for checking one file: past it, the file is reported as an error, not waited for.

The budget is a real-time interval timer (``SIGALRM``): it interrupts pure-Python work and most
C calls that return to the interpreter. Where there is no such timer (Windows, or a thread other
than the main one), checking runs without a budget.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import FileTimeout


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`FileTimeout` in the body if it runs longer than ``seconds``."""
    usable = (seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise FileTimeout(f"took longer than {seconds:g} s (--timeout-per-file); not checked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
