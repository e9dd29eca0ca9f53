"""Run partitions: in local worker processes (the default), or on Dask (``--engine dask``).

Both run :func:`captioncheck.audit.worker.audit_partition` once per partition, in processes that load
the models once, and yield each partition's manifest as it completes (in completion order: what
each partition writes does not depend on it). A partition whose worker died is yielded as a
:class:`Failed`; the audit's next run does it again.

- **local**: a pool of ``--jobs`` processes (forked where the platform allows), each loading the
  models in its initializer; with one job, partitions are checked in this process.
- **dask**: ``dask.distributed``, on the cluster at ``--scheduler`` or on a ``LocalCluster`` of
  ``--jobs`` single-threaded worker processes. A worker plugin loads the models when a worker
  starts (and on workers that join later); partitions are independent tasks, retried once on another
  worker if theirs dies. Workers must have captioncheck installed and see the archive and the output
  folder at the same paths (a shared file system). Dask runs tasks in a worker thread, where no
  real-time timer can interrupt a check: there the time budget is enforced between the pipeline's
  steps (:mod:`captioncheck.budget`), and ``max-file-size`` bounds one long step.
  The ``LocalCluster``'s workers run without Dask's statistical profiler (10% of the rate).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import CaptionCheckError
from ..pool import WorkerDied, completed
from ..settings import Settings
from .archive import Partition, Source
from .worker import audit_partition, load_models

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Task:
    """Everything a partition's check needs but the partition."""

    source: Source
    output: str
    output_format: str
    settings: Settings

    def __call__(self, partition: Partition) -> dict[str, Any]:
        return audit_partition(self.source, partition, self.output, self.output_format, self.settings)


@dataclass(frozen=True)
class Failed:
    partition: Partition
    reason: str


def run_local(task: Task, partitions: Sequence[Partition], jobs: int) -> Iterator[dict[str, Any] | Failed]:
    if jobs <= 1 or len(partitions) <= 1:
        load_models(task.settings)
        for partition in partitions:
            yield task(partition)
        return
    done: set[int] = set()
    try:
        for position, manifest in completed(task, partitions, jobs, load_models, (task.settings,)):
            done.add(partitions[position].index)
            yield manifest
    except WorkerDied:
        for partition in partitions:
            if partition.index not in done:
                yield Failed(partition, "a worker process died")


def run_dask(task: Task, partitions: Sequence[Partition], jobs: int,
             scheduler: str | None) -> Iterator[dict[str, Any] | Failed]:
    try:
        from distributed import Client, LocalCluster, WorkerPlugin
        from distributed import as_completed as dask_completed
    except ImportError:
        raise CaptionCheckError("--engine dask needs Dask: pip install 'captioncheck[dask]'") from None

    class LoadModels(WorkerPlugin):
        """Loads captioncheck's models when a worker starts, once per worker process."""

        name = "captioncheck-models"

        def __init__(self, settings: Settings) -> None:
            self.settings = settings

        def setup(self, worker) -> None:
            load_models(self.settings)

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            import dask

            # The workers' statistical profiler samples every task's stack every 10 ms, under the GIL:
            # 10% of a pure-Python task's time. Our workers do not need it.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as error:
        raise CaptionCheckError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {error}") from None
    try:
        client.register_plugin(LoadModels(task.settings))
        futures = client.map(task, list(partitions), pure=False, retries=1)
        owner = {future.key: partition for future, partition in zip(futures, partitions)}
        for future in dask_completed(futures):
            try:
                yield future.result()
            except Exception as error:  # the task's own errors are error rows: this is a lost worker
                yield Failed(owner[future.key], f"{type(error).__name__}: {error}")
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
