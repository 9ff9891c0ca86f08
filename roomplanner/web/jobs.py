"""Long work off the event loop: a bounded thread pool, a time limit per request, and
cancellation when the browser gives up (a newer edit aborts the older request).

The engine calls (solve, check, render, build_pack) are CPU-bound Python. They run in a
``ThreadPoolExecutor`` of :data:`WORKERS` threads; at most :data:`MAX_WAITING` further jobs
may wait, beyond that the server answers 503 at once instead of queueing without end.

Each job carries a deadline and a cancel flag. The engine code calls :meth:`Job.checkpoint`
between stages (after solving, after checking, between drawings …); a job past its deadline
or whose client went away stops there. A job that has not started yet is dropped from the
queue.

Thread safety: the engine is safe to call from several threads at once (issue #9: no
process-wide reportlab state changed per call, fonts loaded once behind locks, PDFium behind
its own lock; tests/pipeline has a concurrency test), so engine calls run side by side and a
quick preview never waits behind a whole pack. :data:`ENGINE_LOCK` can serialise them again
(one line) should a renderer ever lose that guarantee.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable

ENGINE_LOCK: threading.Lock | None = None
"""Serialises engine calls; ``None`` lets them run in parallel (see the module docstring)."""

WORKERS = max(2, min(4, (os.cpu_count() or 1) * 2))
MAX_WAITING = 32
DEFAULT_TIME_LIMIT = 30.0  # seconds per request


class JobTimeout(Exception):
    """The request ran out of time."""


class JobCancelled(Exception):
    """The client went away (or the job was dropped)."""


class Busy(Exception):
    """Too many jobs waiting."""


class Job:
    def __init__(self, deadline: float, executor: Executor | None = None):
        self.deadline = deadline
        self.cancelled = threading.Event()
        self.executor = executor
        """The worker processes (:mod:`.procpool`) for stages that may run beside this
        thread; None: every stage runs in this thread."""

    def offload(self, fn: Callable, *args: Any) -> "Pending":
        """Start ``fn(*args)`` (a picklable top-level function) in a worker process and
        return at once; :meth:`Pending.result` waits for it. Without worker processes it runs
        here, now."""
        if self.executor is None:
            return Pending(self, fn, args, None)
        try:
            fut = self.executor.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError):   # a broken or closed pool: compute it here
            fut = None
        return Pending(self, fn, args, fut)

    def checkpoint(self) -> None:
        """Stop here when the client went away or the time is up."""
        if self.cancelled.is_set():
            raise JobCancelled()
        if time.monotonic() > self.deadline:
            raise JobTimeout()

    @contextlib.contextmanager
    def engine(self):
        """Hold the engine (see :data:`ENGINE_LOCK`) and check the deadline before starting."""
        lock = ENGINE_LOCK
        if lock is None:
            self.checkpoint()
            yield
            return
        while not lock.acquire(timeout=0.05):
            self.checkpoint()
        try:
            self.checkpoint()
            yield
        finally:
            lock.release()


class Pending:
    """A stage started by :meth:`Job.offload`."""

    def __init__(self, job: Job, fn: Callable, args: tuple, future: Future | None):
        self.job, self.fn, self.args, self.future = job, fn, args, future
        self.value: Any = None
        if future is None:
            self.value = fn(*args)

    def cancel(self) -> None:
        """Drop the stage if it has not started (the request failed or gave up)."""
        if self.future is not None:
            self.future.cancel()

    def result(self) -> Any:
        """The stage's value. Waits in short slices so that the job's time limit and
        cancellation still apply (the stage is then cancelled if it has not started); a
        stage whose worker process died is computed in this thread instead."""
        fut = self.future
        if fut is None:
            return self.value
        while True:
            try:
                return fut.result(timeout=0.05)
            except FutureTimeout:
                try:
                    self.job.checkpoint()
                except BaseException:
                    fut.cancel()
                    raise
            except BrokenProcessPool:
                self.future = None
                self.value = self.fn(*self.args)
                return self.value


class Runner:
    """The pool of one server process; ``executor``: its worker processes (or None)."""

    def __init__(self, workers: int = WORKERS, max_waiting: int = MAX_WAITING,
                 time_limit: float = DEFAULT_TIME_LIMIT, executor: Executor | None = None):
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="roomplanner-job")
        self.slots = threading.BoundedSemaphore(workers + max_waiting)
        self.time_limit = time_limit
        self.executor = executor

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

    async def run(self, fn: Callable[[Job], Any], is_disconnected: Callable[[], Any] | None = None) -> Any:
        """Run ``fn(job)`` in the pool; raise JobTimeout, JobCancelled or Busy."""
        if not self.slots.acquire(blocking=False):
            raise Busy()
        job = Job(time.monotonic() + self.time_limit, self.executor)

        def call():
            job.checkpoint()
            return fn(job)

        try:
            cf = self.pool.submit(call)
        except BaseException:
            self.slots.release()
            raise
        # the slot is freed when the work really ends (or is dropped before it started)
        cf.add_done_callback(lambda _f: self.slots.release())
        fut = asyncio.wrap_future(cf)
        fut.add_done_callback(lambda f: f.cancelled() or f.exception())  # never "exception not retrieved"
        watcher = asyncio.ensure_future(_watch(is_disconnected)) if is_disconnected else None
        try:
            waiting = {fut} | ({watcher} if watcher else set())
            done, _ = await asyncio.wait(waiting, timeout=self.time_limit, return_when=asyncio.FIRST_COMPLETED)
            if fut in done:
                return fut.result()
            job.cancelled.set()
            cf.cancel()
            if watcher is not None and watcher in done:
                raise JobCancelled()
            raise JobTimeout()
        except asyncio.CancelledError:
            job.cancelled.set()
            cf.cancel()
            raise
        finally:
            if watcher is not None:
                watcher.cancel()


async def _watch(is_disconnected) -> None:
    while not await is_disconnected():
        await asyncio.sleep(0.1)
