"""Check many files: in this process, or in parallel worker processes that each load the models once.

Files are checked in batches of ``BATCH``, whose encoder calls are made together (see
:mod:`captioncheck.steps`); a worker is given a batch at a time. Results come back in the order of
the targets, whatever order the workers finish in.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from .checker import Checker
from .discovery import Target
from .progress import Progress
from .report import FileReport
from .settings import Settings
from .steps import Steps, run_together

# Files checked together, their encoder calls joined. On the caption-pair mix of bench/batch_speed.py,
# joining the calls of 8 articles took the encoder from 11.3 to 7.0 s, of 16 to 6.9 s (2026-12-04).
BATCH = 8


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

    def check(self, targets: Sequence[Target]) -> list[FileReport]:
        """The reports of ``targets``, in order, the files checked together."""
        return run_together([self._steps(target) for target in targets],
                            [None if target.error is not None or target.settings.fix or target.settings.diff
                             else target.settings.timeout_per_file for target in targets])

    def _steps(self, target: Target) -> Steps[FileReport]:
        if target.error is not None:
            return FileReport(path=target.display, error=target.error)
        checker = self.for_settings(target.settings)
        if target.settings.fix or target.settings.diff:
            from .fixer import fix_file  # only with --fix or --diff

            return fix_file(checker, target.path, target.display, target.settings)
        return (yield from checker.check_file_steps(target.path, target.display, target.settings))


_worker: Checkers | None = None  # this worker process's models, loaded once per process


def _start_worker() -> None:
    global _worker
    _worker = Checkers()


def _check_in_worker(targets: Sequence[Target]) -> list[FileReport]:
    assert _worker is not None
    return _worker.check(targets)


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
        for first in range(0, len(targets), BATCH):
            reports += checkers.check(targets[first:first + BATCH])
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
    """Check ``indices`` in a pool of ``jobs`` workers, in batches of at most ``BATCH`` (smaller when
    there are few files, so that every worker has some); False if a worker died before all were done."""
    from .pool import WorkerDied, completed  # multiprocessing: only for more than one file

    size = max(1, min(BATCH, len(indices) // jobs))
    batches = [indices[first:first + size] for first in range(0, len(indices), size)]
    try:
        for position, reports in completed(_check_in_worker, [[targets[i] for i in batch] for batch in batches],
                                           jobs, _start_worker):
            for index, report in zip(batches[position], reports):
                finished(index, report)
    except WorkerDied:
        return False
    return True
