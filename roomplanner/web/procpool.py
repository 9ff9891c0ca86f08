"""Worker processes for the CPU-heavy stages, so that one request uses both cores.

The engine is pure Python: threads of one process share one interpreter lock, so two
stages of one request (the floor plan and the elevations; a pack's boards and 3D model and
its drawings) cannot run at the same time in threads. :class:`ProcessPool` is a
:class:`concurrent.futures.Executor` over a ``ProcessPoolExecutor`` whose processes come
from a *forkserver*: a clean single-threaded process started once, which has imported the
engine (``set_forkserver_preload``) and forks the workers. The threaded server process
itself is never forked (forking a process with running threads can copy a held lock). Each
worker warms up once in its initializer (fonts, profiles, the solver's tables) by drawing
the demo room's floor plan.

Work is sent as top-level functions of picklable arguments (a solved plan pickles to about
14 kB in half a millisecond; a pack's boards lane also takes the spec's photos) and returns
text or bytes; nothing is written to disk and the
workers keep nothing between tasks but the engine's process-wide caches.

Setting: ``ROOMPLANNER_WEB_PROCESSES`` (or ``create_app(processes=…)``, ``roomplanner serve
--processes``): the number of worker processes; default the number of cores, at most 4;
``0`` runs every stage in the request's own thread (as before this pool existed).
A pool that breaks (a worker killed, e.g. by the out-of-memory killer) is replaced on the
next submission; a stage whose worker died is computed in the request's thread instead
(:func:`offload`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable

log = logging.getLogger("roomplanner.web")

ENV = "ROOMPLANNER_WEB_PROCESSES"
MAX_DEFAULT = 4
MAX_BREAKS = 3
"""After this many broken pools (workers that cannot even start) the pool gives up and
every stage runs in the request's thread."""
PRELOAD = ["roomplanner.web.stages", "roomplanner.render.drawing", "roomplanner.printing.boards",
           "roomplanner.export.gltf", "roomplanner.export.perspective", "roomplanner.pipeline"]
"""Imported once by the forkserver, so every worker starts with the engine loaded: the
stages of /api/plan and what ``build_pack(executor=)`` sends (the boards and the 3D model)."""


def default_processes() -> int:
    """The setting: ``$ROOMPLANNER_WEB_PROCESSES`` if set, else the number of cores (at most 4)."""
    raw = os.environ.get(ENV, "").strip()
    if raw:
        try:
            n = int(raw)
        except ValueError:
            raise ValueError(f"{ENV} must be a whole number of processes (0 = none), got {raw!r}") from None
        if n < 0:
            raise ValueError(f"{ENV} must be 0 or more, got {n}")
        return n
    return max(1, min(MAX_DEFAULT, os.cpu_count() or 1))


class ProcessPool(Executor):
    """A replaceable ``ProcessPoolExecutor`` of ``processes`` forkserver workers."""

    def __init__(self, processes: int):
        if processes < 1:
            raise ValueError(f"processes must be at least 1, got {processes}")
        self.processes = processes
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self.breaks = 0

    def _make(self) -> ProcessPoolExecutor:
        from . import stages

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ProcessPoolExecutor(max_workers=self.processes, mp_context=ctx, initializer=stages.init_worker)

    def _executor(self, broken: ProcessPoolExecutor | None = None) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError("the process pool is shut down")
            if broken is not None and self._pool is broken:
                self.breaks += 1
                broken.shutdown(wait=False, cancel_futures=True)
                self._pool = None
                if self.breaks >= MAX_BREAKS:   # workers cannot start here: stop trying
                    self._closed = True
                    log.error("worker processes failed %d times: every stage now runs in the request's thread",
                              self.breaks)
                    raise RuntimeError("the process pool is disabled")
                log.warning("worker process pool broken: replaced")
            if self._pool is None:
                self._pool = self._make()
            return self._pool

    def start(self) -> None:
        """Start every worker now (each warms up in its initializer), not at the first request."""
        from . import stages

        ex = self._executor()
        for _ in range(self.processes):   # forkserver pools start a worker per submission while none is idle
            ex.submit(stages.ping)

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> Future:
        ex = self._executor()
        try:
            return ex.submit(fn, *args, **kwargs)
        except BrokenProcessPool:
            return self._executor(broken=ex).submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=cancel_futures)

    def worker_pids(self) -> list[int]:
        """The process ids of the running workers (for tests and the benchmark)."""
        pool = self._pool
        return sorted((getattr(pool, "_processes", None) or {}).keys()) if pool is not None else []


def make_pool(processes: int | None) -> ProcessPool | None:
    """The pool for ``processes`` (None: the setting); None when it is 0."""
    n = default_processes() if processes is None else int(processes)
    return ProcessPool(n) if n > 0 else None
