"""The one process pool: worker processes that each load the models once, and die with their parent.

The command line's ``--jobs`` and the audit's local engine both run through :func:`completed`.
Workers are forked where the platform allows (they inherit what the parent has loaded) and, on
Linux, are told to exit when the process that started them dies (``PR_SET_PDEATHSIG``), so a killed
check or audit leaves no idle worker behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
_PR_SET_PDEATHSIG = 1


class WorkerDied(Exception):
    """A worker process died (killed, out of memory, a crash in C code) before all items were done."""


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no libc to ask: the worker lives on until the pool ends
            pass


def _start(initializer: Callable[..., None] | None, arguments: tuple[Any, ...]) -> None:
    _die_with_parent()
    if initializer is not None:
        initializer(*arguments)


def completed(function: Callable[[Item], Result], items: Sequence[Item], jobs: int,
              initializer: Callable[..., None] | None = None,
              initargs: tuple[Any, ...] = ()) -> Iterator[tuple[int, Result]]:
    """``(index, function(items[index]))`` for every item, as the ``jobs`` workers finish them.

    ``initializer(*initargs)`` runs once in each worker before its first item. An exception raised by
    ``function`` is raised here, once the items in flight are done and without starting the others; a
    worker that dies raises :class:`WorkerDied`, after the results finished before it.
    """
    start = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(start),
                               initializer=_start, initargs=(initializer, initargs))
    try:
        futures = {pool.submit(function, item): index for index, item in enumerate(items)}
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BrokenProcessPool:
        raise WorkerDied() from None
    finally:  # on an error, or when the caller stops early: the items not started are not run
        pool.shutdown(wait=True, cancel_futures=True)
