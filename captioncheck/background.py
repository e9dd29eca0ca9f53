"""Loads that run in a thread of their own while the checker starts: one per key and process.

Unpacking a model after an install (LZMA, zlib and numpy copies) and building the tokenizer's trie
run in C code that releases the GIL, so on a second core they overlap the imports and the reading
of the first file. A load is a :class:`~concurrent.futures.Future`; whoever needs its result waits
for it, and an error is raised there, not in the thread.
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future

_loading: dict[str, Future] = {}  # by key: loaded or loading in this process
EXIT_WAIT_S = 10.0  # how long the interpreter's exit waits for a load still running


def load(key: str, loader: Callable[[], object]) -> Future:
    """``loader()`` running in a thread of its own (once per process and key), as a future."""
    future = _loading.get(key)
    if future is None:
        future = _loading[key] = Future()

        def run() -> None:
            try:
                future.set_result(loader())
            except BaseException as error:  # handed to whoever waits for the result
                future.set_exception(error)

        threading.Thread(target=run, name=f"captioncheck-{key.split(':')[0]}", daemon=True).start()
    return future


def busy() -> bool:
    """Whether a load is still running in its thread."""
    return any(not future.done() for future in _loading.values())


def _forget_unfinished() -> None:
    """In a forked worker the loading threads do not exist: a load they had not finished starts again."""
    for key, future in list(_loading.items()):
        if not future.done():
            del _loading[key]


os.register_at_fork(after_in_child=_forget_unfinished)


def _finish_loads() -> None:
    """At the interpreter's exit, let the loads still running finish (about a second at most).

    The interpreter's shutdown would stop their daemon threads in the middle of C++ code (the
    tokenizer's trie), which aborts the process ("terminate called without an active exception"): a
    script that makes a checker and exits at once, through the Python API, would crash. The command
    line does not wait: it ends with ``os._exit`` (see :func:`captioncheck.launcher._exit`), which
    skips this.
    """
    for future in list(_loading.values()):
        try:
            future.exception(timeout=EXIT_WAIT_S)  # waits; the load's own error is nobody's concern now
        except Exception:  # noqa: BLE001 - a timeout, or a cancelled load: exit anyway
            pass


atexit.register(_finish_loads)
