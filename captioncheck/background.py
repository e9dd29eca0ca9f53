"""Loads that run in a thread of their own while the checker starts: one per key and process.

Unpacking a model after an install (LZMA, zlib and numpy copies) and building the tokenizer's trie
run in C code that releases the GIL, so on a second core they overlap the imports and the reading
of the first file. A load is a :class:`Load`; whoever needs its result waits for it, and an error is
raised there, not in the thread. (Not ``concurrent.futures``: importing it imports ``logging``,
10 ms spent before the tokenizer's load could start.)
"""

from __future__ import annotations

import atexit
import functools
import os
import threading
from collections.abc import Callable
from typing import Any

EXIT_WAIT_S = 10.0  # how long the interpreter's exit waits for a load still running


class Load:
    """The result of a load running in a thread: :meth:`result` waits for it, or raises its error."""

    def __init__(self) -> None:
        self._finished = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None

    def done(self) -> bool:
        return self._finished.is_set()

    def exception(self, timeout: float | None = None) -> BaseException | None:
        """The load's error (None if it succeeded), once it is done; TimeoutError if it is not in time."""
        if not self._finished.wait(timeout):
            raise TimeoutError("the load is still running")
        return self._error

    def result(self, timeout: float | None = None) -> Any:
        error = self.exception(timeout)
        if error is not None:
            raise error
        return self._value

    def _run(self, loader: Callable[[], object]) -> None:
        try:
            self._value = loader()
        except BaseException as error:  # handed to whoever waits for the result
            self._error = error
        finally:
            self._finished.set()


_loading: dict[str, Load] = {}  # by key: loaded or loading in this process


def load(key: str, loader: Callable[[], object]) -> Load:
    """``loader()`` running in a thread of its own (once per process and key)."""
    loading = _loading.get(key)
    if loading is None:
        loading = _loading[key] = Load()
        threading.Thread(target=functools.partial(loading._run, loader), name=f"captioncheck-{key.split(':')[0]}",
                         daemon=True).start()
    return loading


def busy() -> bool:
    """Whether a load is still running in its thread."""
    return any(not loading.done() for loading in _loading.values())


def _forget_unfinished() -> None:
    """In a forked worker the loading threads do not exist: a load they had not finished starts again."""
    for key, loading in list(_loading.items()):
        if not loading.done():
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
    for loading in list(_loading.values()):
        try:
            loading.exception(timeout=EXIT_WAIT_S)  # waits; the load's own error is nobody's concern now
        except Exception:  # noqa: BLE001 - a timeout, or a cancelled load: exit anyway
            pass


atexit.register(_finish_loads)
