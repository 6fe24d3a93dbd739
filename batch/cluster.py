"""Scale-out on Dask: the same per-document work on a ``dask.distributed`` cluster.

The one module that imports Dask (``pip install 'pismo[dask]'``). ``--executor dask
--scheduler tcp://HOST:PORT`` sends each input to the cluster's workers; without a
scheduler a ``LocalCluster`` of ``--jobs`` single-threaded worker processes starts on
this machine. Workers get the task (the input's path) and send back the texts to write:
they must have pismo installed (the same version) and see the inputs at the same paths
(a shared or network file system); the outputs, the journal and the index are written
here, by the process that runs ``pismo run``, so only this machine needs the output
folder. Resume, the index and error handling are the local executor's.

A worker that dies on an input is replaced by the scheduler, which tries the input on
other workers and then gives up on it (``KilledWorker``): that input becomes an error.
"""

from __future__ import annotations

import itertools
import logging
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from batch.executors import QUEUE_PER_WORKER
from ocr.errors import MissingDependencyError

log = logging.getLogger("pismo")
CONNECT_TIMEOUT = "30s"  # a busy scheduler may be slow to answer; a dead one is an error


class DaskExecutor:
    """Runs tasks on a Dask cluster (a given scheduler, or a new LocalCluster).

    Args:
        work: The per-task function (picklable).
        jobs: Worker processes of a LocalCluster; ignored with a scheduler.
        scheduler: ``tcp://HOST:PORT`` of a running scheduler, or None.
        on_crash: Builds the result of a task whose workers kept dying.
    """

    def __init__(
        self,
        work: Callable[[Any], Any],
        jobs: int,
        scheduler: str | None,
        on_crash: Callable[[Any, str], Any],
    ) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as error:
            raise MissingDependencyError(
                "--executor dask needs Dask: pip install 'pismo[dask]' "
                "(dask[distributed]), on this machine and on every worker"
            ) from error
        self.work = work
        self.on_crash = on_crash
        self._cluster = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except OSError as error:
                raise MissingDependencyError(
                    f"no Dask scheduler answers at {scheduler} ({error}); start one "
                    "(dask scheduler) or drop --scheduler to run a local cluster"
                ) from error
        else:
            self._cluster = LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,  # Tesseract and spaCy are not shared between threads
                processes=True,
                dashboard_address=None,
            )
            self._client = Client(self._cluster)
        threads = sum(self._client.nthreads().values()) or 1
        self.slots = threads * QUEUE_PER_WORKER
        scheduler_rpc = self._client.scheduler
        assert scheduler_rpc is not None  # a Client that connected has its scheduler's RPC
        log.info("Dask: %d worker thread(s) at %s", threads, scheduler_rpc.address)

    def run(self, queue: deque[Any]) -> Iterator[tuple[Any, Any]]:
        """Take tasks from ``queue``; yield ``(task, result)`` as they finish on the cluster."""
        from dask.distributed import KilledWorker, as_completed

        running: dict[Any, Any] = {}
        batch = uuid.uuid4().hex[:8]
        numbers = itertools.count()

        def submit() -> Any:
            task = queue.popleft()
            key = f"pismo-{batch}-{next(numbers)}"
            future = self._client.submit(self.work, task, pure=False, key=key)
            running[future] = task
            return future

        finished = as_completed([submit() for _ in range(min(self.slots, len(queue)))])
        for future in finished:
            task = running.pop(future)
            try:
                result = future.result()
            except KilledWorker:
                message = (
                    "Dask workers kept dying while reading this file (out of memory, or a "
                    "crash in an image decoder); check the file, or lower --max-pixels"
                )
                result = self.on_crash(task, message)
            future.release()
            yield task, result  # the caller may queue more tasks meanwhile
            while queue and len(running) < self.slots:
                finished.add(submit())

    def close(self) -> None:
        """Cancel what is queued and disconnect (a LocalCluster is shut down)."""
        try:
            self._client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
