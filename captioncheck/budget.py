"""A time budget for checking one file: past it, the file is reported as an error, not waited for.

Two clocks enforce it, so that it holds in any thread:

- a **deadline** that the pipeline looks at between its steps (:func:`checkpoint`: per segment, per
  rule, between stages). It works in every thread (the server checks in a worker thread, Dask runs
  tasks in threads) and stops a check within one step of the deadline;
- in the main thread, where the platform has one, a real-time interval timer (``SIGALRM``) as well,
  which also interrupts one long step (a pathological pattern match, say) when it returns to the
  interpreter.

One step that never returns to Python (a single encoder call on a huge text) cannot be stopped by
either: ``max-file-size`` is what bounds it. The deadline lives in a context variable, so each thread
(and each asyncio task) has its own.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import FileTimeout

# (monotonic deadline, the budget in seconds that set it), or None: no budget
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("captioncheck_deadline", default=None)


def _expired(seconds: float) -> FileTimeout:
    return FileTimeout(f"took longer than {seconds:g} s (--timeout-per-file); not checked")


def checkpoint() -> None:
    """Raise :class:`FileTimeout` if the current budget is spent (cheap: one clock read)."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise _expired(deadline[1])


@contextmanager
def time_limit(seconds: float | None, spent: float = 0.0) -> Iterator[None]:
    """Raise :class:`FileTimeout` in the body if it runs longer than ``seconds`` less ``spent`` (the part
    of the budget already used by earlier steps of the same file; None or 0: no limit). A budget inside
    another ends no later than the outer one."""
    if not seconds:
        yield
        return
    left = seconds - spent
    if left <= 0:
        raise _expired(seconds)
    outer = _DEADLINE.get()
    deadline = (time.monotonic() + left, seconds)
    token = _DEADLINE.set(min(deadline, outer) if outer is not None else deadline)
    try:
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            with _alarm(left):
                yield
        else:
            yield
    finally:
        _DEADLINE.reset(token)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum, frame):
        deadline = _DEADLINE.get()  # an outer budget may be the one that ran out
        raise _expired(deadline[1] if deadline is not None else seconds)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds)[0]  # what was left of an outer budget's timer
    if outer and outer < seconds:
        signal.setitimer(signal.ITIMER_REAL, outer)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # put the outer timer back, less the time spent here
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))
