"""Where the per-document work runs: in this process, or in a pool of local processes.

An executor takes the batch's queue of tasks and yields ``(task, result)`` pairs as they
finish, in whatever order; the caller may add tasks to the queue meanwhile (the parts of
a long document, once its length is known), at the front to have them next. Results are
small (texts and an index entry), so they come back to the one process that writes.
Each worker builds its models (spaCy, Morfeusz) once, on its first letter, and Tesseract
runs single-threaded in it: one process per core is the fastest arrangement on a
many-page batch.

A worker that dies (killed for memory, a crash in an image decoder) breaks a process pool
for every task in flight. The pool is rebuilt, and the tasks that were in flight are
run again one at a time, so that the input that kills a worker is found and recorded as
an error while the others finish.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

log = logging.getLogger("pismo")

T = TypeVar("T")
R_co = TypeVar("R_co", covariant=True)  # results only come out of an executor
# Tasks queued per worker: enough to keep every core busy, few enough that an interrupted
# run has little to cancel and results do not pile up in memory.
QUEUE_PER_WORKER = 2


class Executor(Protocol[T, R_co]):
    """Runs ``work`` over tasks; yields each task with its result as it finishes."""

    def run(self, queue: deque[T]) -> Iterator[tuple[T, R_co]]:
        """Take tasks from ``queue`` until it is empty; yield ``(task, result)`` as they finish."""
        ...

    def close(self) -> None:
        """Stop at once: queued tasks are dropped, running workers are stopped."""
        ...


class InlineExecutor:
    """Runs every task in this process, in order (``--jobs 1``, or a single input)."""

    def __init__(self, work: Callable[[Any], Any]) -> None:
        self.work = work

    def run(self, queue: deque[Any]) -> Iterator[tuple[Any, Any]]:
        """Yield each task with its result, in queue order."""
        while queue:
            task = queue.popleft()
            yield task, self.work(task)

    def close(self) -> None:
        """Nothing runs in the background."""


_worker_work: Callable[[Any], Any] | None = None


def _init_worker(work: Callable[[Any], Any]) -> None:
    global _worker_work
    _worker_work = work  # pickled once per worker, not once per task
    # Ctrl-C reaches every process of the terminal's group; the parent alone decides
    # what happens (finished outputs stay, the rest is dropped), so workers ignore it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to stop this worker when its parent dies (killed, out of memory).

    Otherwise an orphaned worker waits on its task queue for ever.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: orphans end when their queue breaks
        pass


def _run_in_worker(task: Any) -> Any:
    if _worker_work is None:  # the pool initializer sets it; this is a programming error
        raise RuntimeError("worker used without _init_worker")
    return _worker_work(task)


class ProcessExecutor:
    """A pool of ``jobs`` local processes; see the module docstring for crashes.

    Args:
        work: The per-task function (picklable: a module-level function or a partial).
        jobs: Worker processes.
        on_crash: Builds the result of a task whose worker died, from the task and a
            message.
    """

    def __init__(
        self, work: Callable[[Any], Any], jobs: int, on_crash: Callable[[Any, str], Any]
    ) -> None:
        self.work = work
        self.jobs = jobs
        self.on_crash = on_crash
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        self._pool = ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(self.work,)
        )
        return self._pool

    def run(self, queue: deque[Any]) -> Iterator[tuple[Any, Any]]:
        """Yield ``(task, result)`` as tasks finish, at most ``jobs`` at a time."""
        waiting = queue
        suspects: list[Any] = []
        while waiting:
            pool = self._new_pool(self.jobs)
            running: dict[Future[Any], Any] = {}
            broken = False
            while (waiting or running) and not broken:
                while waiting and len(running) < self.jobs * QUEUE_PER_WORKER:
                    task = waiting.popleft()
                    try:
                        running[pool.submit(_run_in_worker, task)] = task
                    except BrokenProcessPool:  # a worker died since the last result
                        suspects.append(task)
                        broken = True
                        break
                if broken:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    task = running.pop(future)
                    try:
                        yield task, future.result()
                    except BrokenProcessPool:
                        broken = True
                        suspects.append(task)
            if broken:
                suspects.extend(running.values())  # their results are lost with the pool
                self.close()
                log.warning(
                    "a worker process died; %d input(s) in flight are retried one by one",
                    len(suspects),
                )
                yield from self._isolate(suspects)
                suspects = []
            else:
                pool.shutdown()
                self._pool = None

    def _isolate(self, suspects: Sequence[Any]) -> Iterator[tuple[Any, Any]]:
        """Run each task in a fresh one-worker pool: the one that dies again is recorded."""
        for task in suspects:
            pool = self._new_pool(1)
            try:
                yield task, pool.submit(_run_in_worker, task).result()
            except BrokenProcessPool:
                message = (
                    "the worker process died while reading this file (out of memory, or a "
                    "crash in an image decoder); check the file, or lower --max-pixels"
                )
                self.close()
                yield task, self.on_crash(task, message)
                continue
            pool.shutdown()
            self._pool = None

    def close(self) -> None:
        """Drop queued tasks and stop the workers now (Ctrl-C, a missing dependency)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # The public API waits for running tasks; an interrupted batch should not.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)
        for process in processes:
            process.join(timeout=5)
