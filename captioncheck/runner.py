"""Check many files: in this process, or in parallel worker processes that each load the models once.

Results come back in the order of the targets, whatever order the workers finish in.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from .checker import Checker
from .discovery import Target
from .progress import Progress
from .report import FileReport
from .settings import Settings



class Checkers:
    """One :class:`Checker` per distinct set of models, made on first use; the ``MAX_CHECKERS`` used
    last are kept, so that clients sending ever new language sets (the server's) cannot grow it."""

    MAX_CHECKERS = 8

    def __init__(self) -> None:
        self._by_key: dict[tuple, Checker] = {}  # least recently used first

    def for_settings(self, settings: Settings) -> Checker:
        key = settings.checker_key
        checker = self._by_key.pop(key, None) or Checker(settings)
        self._by_key[key] = checker
        while len(self._by_key) > self.MAX_CHECKERS:
            del self._by_key[next(iter(self._by_key))]
        return checker

    def __len__(self) -> int:
        return len(self._by_key)

    def check(self, target: Target) -> FileReport:
        if target.error is not None:
            return FileReport(path=target.display, error=target.error)
        checker = self.for_settings(target.settings)
        if target.settings.fix or target.settings.diff:
            from .fixer import fix_file  # only with --fix or --diff

            return fix_file(checker, target.path, target.display, target.settings)
        return checker.check_file(target.path, target.display, target.settings)


_worker: Checkers | None = None  # this worker process's models, loaded once per process


def _start_worker() -> None:
    global _worker
    _worker = Checkers()


def _check_in_worker(target: Target) -> FileReport:
    assert _worker is not None
    return _worker.check(target)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def check_targets(targets: Sequence[Target], jobs: int | None = None, progress: Progress | None = None,
                  checkers: Checkers | None = None) -> list[FileReport]:
    """A report per target, in order; ``jobs`` worker processes (never more than the cores) when there
    is enough work for them. A worker that dies is replaced; the file it was checking, if it kills a
    worker again on its own, is reported as an error."""
    jobs = min(jobs or default_jobs(), default_jobs(), sum(1 for t in targets if t.error is None))
    if jobs <= 1:
        checkers = checkers or Checkers()
        reports: list[FileReport] = []
        for target in targets:
            reports.append(checkers.check(target))
            if progress:
                progress(len(reports), len(targets))
        return reports
    done: dict[int, FileReport] = {}

    def finished(index: int, report: FileReport) -> None:
        done[index] = report
        if progress:
            progress(len(done), len(targets))

    pending = list(range(len(targets)))
    if not _run_pool(targets, pending, jobs, finished):
        # A worker died: check what is left again, then each file still left alone in its own worker.
        pending = [i for i in range(len(targets)) if i not in done]
        if not _run_pool(targets, pending, jobs, finished):
            for index in [i for i in range(len(targets)) if i not in done]:
                if not _run_pool(targets, [index], 1, finished):
                    finished(index, FileReport(path=targets[index].display,
                                               error="the worker checking this file crashed; not checked"))
    return [done[i] for i in range(len(targets))]


def _run_pool(targets: Sequence[Target], indices: list[int], jobs: int,
              finished: Callable[[int, FileReport], None]) -> bool:
    """Check ``indices`` in a pool of ``jobs`` workers; False if a worker died before all were done."""
    from .pool import WorkerDied, completed  # multiprocessing: only for more than one file

    try:
        for position, report in completed(_check_in_worker, [targets[i] for i in indices], jobs, _start_worker):
            finished(indices[position], report)
    except WorkerDied:
        return False
    return True
