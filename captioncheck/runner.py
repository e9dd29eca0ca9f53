"""Check many files: in this process, or in parallel worker processes that each load the models once.

Results come back in the order of the targets, whatever order the workers finish in.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from .checker import Checker, FileReport
from .discovery import Target
from .settings import Settings

Progress = Callable[[int, int], None]


class Checkers:
    """One :class:`Checker` per distinct set of models, made on first use."""

    def __init__(self) -> None:
        self._by_key: dict[tuple, Checker] = {}

    def for_settings(self, settings: Settings) -> Checker:
        key = settings.checker_key
        if key not in self._by_key:
            self._by_key[key] = Checker(settings)
        return self._by_key[key]

    def check(self, target: Target) -> FileReport:
        if target.error is not None:
            return FileReport(path=target.display, error=target.error)
        return self.for_settings(target.settings).check_file(target.path, target.display, target.settings)


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
    """A report per target, in order; ``jobs`` worker processes when there is enough work for them."""
    jobs = min(jobs or default_jobs(), sum(1 for t in targets if t.error is None))
    reports: list[FileReport] = []
    if jobs <= 1:
        checkers = checkers or Checkers()
        for target in targets:
            reports.append(checkers.check(target))
            if progress:
                progress(len(reports), len(targets))
        return reports
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunk = max(1, min(16, len(targets) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker) as pool:
        for report in pool.map(_check_in_worker, targets, chunksize=chunk):
            reports.append(report)
            if progress:
                progress(len(reports), len(targets))
    return reports
