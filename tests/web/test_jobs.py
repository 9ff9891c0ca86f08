"""The bounded pool: a job whose client went away stops at its next checkpoint; a job that
has not started is dropped; the time limit raises JobTimeout; the engine lock can be removed."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from roomplanner.web import jobs
from roomplanner.web.jobs import JobCancelled, JobTimeout, Runner


def run_async(make_coro):
    """asyncio.run in a thread of its own (Playwright's sync API may hold this thread's loop)."""
    out = {}

    def target():
        try:
            out["value"] = asyncio.run(make_coro())
        except BaseException as exc:  # re-raised in the test's thread
            out["error"] = exc

    th = threading.Thread(target=target)
    th.start()
    th.join()
    if "error" in out:
        raise out["error"]
    return out.get("value")


def test_disconnect_stops_the_running_job():
    runner = Runner(workers=1, max_waiting=2, time_limit=10)
    stopped = threading.Event()

    def work(job):
        try:
            while True:
                time.sleep(0.02)
                job.checkpoint()
        finally:
            stopped.set()

    t0 = time.monotonic()

    async def gone():
        return time.monotonic() - t0 > 0.3

    with pytest.raises(JobCancelled):
        run_async(lambda: runner.run(work, gone))
    assert stopped.wait(2), "the job kept running after its client went away"
    runner.shutdown()


def test_queued_job_is_dropped_and_its_slot_freed():
    runner = Runner(workers=1, max_waiting=1, time_limit=0.3)
    release = threading.Event()
    ran = []

    async def scenario():
        first = asyncio.ensure_future(runner.run(lambda job: release.wait(5)))
        await asyncio.sleep(0.05)
        with pytest.raises(JobTimeout):
            await runner.run(lambda job: ran.append(1))     # waits behind the first, times out
        release.set()
        with pytest.raises(JobTimeout):                      # the first ran past the limit too
            await first

    run_async(scenario)
    time.sleep(0.1)
    assert ran == []                                          # never started
    assert runner.slots.acquire(blocking=False) and runner.slots.acquire(blocking=False)   # both slots back
    runner.shutdown()


def test_engine_lock_is_one_line_to_remove(monkeypatch):
    monkeypatch.setattr(jobs, "ENGINE_LOCK", None)
    job = jobs.Job(time.monotonic() + 5)
    with job.engine():
        pass
    monkeypatch.setattr(jobs, "ENGINE_LOCK", threading.Lock())
    with job.engine():
        assert jobs.ENGINE_LOCK.locked()
    assert not jobs.ENGINE_LOCK.locked()
