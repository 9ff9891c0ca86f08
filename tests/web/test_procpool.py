"""The worker processes of the web server (roomplanner/web/procpool.py): stages drawn in a
worker give the same bytes as in the request's thread; the pool starts and stops with the
app's lifespan; a dead worker's stage is computed in the thread; the time limit still
applies; build_pack receives the pool."""

from __future__ import annotations

import copy
import os
import signal
import time

import pytest

from tests.conftest import BASE

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from roomplanner.web import create_app, engine, stages  # noqa: E402
from roomplanner.web.jobs import Job, JobTimeout  # noqa: E402
from roomplanner.web.procpool import ProcessPool, default_processes  # noqa: E402


@pytest.fixture(scope="module")
def pool():
    p = ProcessPool(1)
    p.start()
    yield p
    p.shutdown()


@pytest.fixture(scope="module")
def plan():
    from roomplanner.solver import solve
    return solve(engine.load_spec_data(copy.deepcopy(BASE), "zh"))


def test_stages_match_the_drawing_set(plan):
    """The floor plan and the elevations the API returns are the pack's pages (drawn without
    the floor plan or the schedule for the elevations)."""
    from roomplanner.render.drawing import drawing_set
    from roomplanner.render.svg import svg_string

    ds = drawing_set(plan, "zh", "2024-05-01")
    name = plan.spec.branch.name
    assert stages.floorplan_svg(plan, "zh", "2024-05-01") == svg_string(ds.floorplan, title=name)
    want = [{"name": pg.name, "wall": pg.meta.get("wall"), "face": pg.meta.get("face"),
             "svg": svg_string(pg, title=f"{name} · {pg.name}")}
            for pg in ds.elevations if pg.meta.get("kind") == "elevation"]
    assert stages.elevation_svgs(plan, "zh", "2024-05-01") == want and len(want) >= 4


def test_stage_in_a_worker_gives_the_same_bytes(pool, plan):
    job = Job(time.monotonic() + 60, pool)
    fp = job.offload(stages.floorplan_svg, plan, "en", "2024-05-01")
    assert fp.future is not None, "the stage did not go to the worker process"
    assert fp.result() == stages.floorplan_svg(plan, "en", "2024-05-01")
    assert pool.submit(os.getpid).result(timeout=30) in pool.worker_pids()
    assert os.getpid() not in pool.worker_pids()


def test_time_limit_applies_while_waiting_for_a_worker(pool):
    job = Job(time.monotonic() + 0.3, pool)
    pending = job.offload(time.sleep, 3)
    t0 = time.monotonic()
    with pytest.raises(JobTimeout):
        pending.result()
    assert time.monotonic() - t0 < 2
    pool.submit(int).result(timeout=10)   # the pool still works afterwards


def test_dead_worker_stage_is_computed_here_and_pool_replaced():
    p = ProcessPool(1)
    try:
        p.start()
        busy = p.submit(time.sleep, 5)
        job = Job(time.monotonic() + 60, p)
        pending = job.offload(os.getpid)
        deadline = time.monotonic() + 30
        while not p.worker_pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in p.worker_pids():
            os.kill(pid, signal.SIGKILL)
        assert pending.result() == os.getpid(), "the stage was not computed in the request's thread"
        with pytest.raises(Exception):
            busy.result(timeout=30)
        # the next submission gets a fresh pool
        assert p.submit(os.getpid).result(timeout=60) != os.getpid()
        assert p.breaks == 1
    finally:
        p.shutdown()


def test_setting(monkeypatch):
    monkeypatch.setenv("ROOMPLANNER_WEB_PROCESSES", "3")
    assert default_processes() == 3
    monkeypatch.setenv("ROOMPLANNER_WEB_PROCESSES", "zwei")
    with pytest.raises(ValueError, match="ROOMPLANNER_WEB_PROCESSES"):
        default_processes()
    monkeypatch.delenv("ROOMPLANNER_WEB_PROCESSES")
    assert 1 <= default_processes() <= 4


def test_lifespan_starts_and_stops_the_workers():
    app = create_app(warm_up=True, processes=2)
    with TestClient(app) as c:
        procs = app.state.runner.executor
        assert isinstance(procs, ProcessPool)
        deadline = time.monotonic() + 60
        while len(procs.worker_pids()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        pids = procs.worker_pids()
        assert len(pids) == 2
        body = c.post("/api/plan", json=copy.deepcopy(BASE)).json()
        assert "<svg" in body["drawings"]["floorplan"] and body["drawings"]["elevations"]
    assert app.state.runner.executor is None
    for pid in pids:   # gone (or at most a zombie of the forkserver, reaped by it)
        try:
            with open(f"/proc/{pid}/status") as fh:
                assert "State:\tZ" in fh.read()
        except FileNotFoundError:
            pass


def test_plan_answer_is_the_same_with_and_without_workers():
    spec = copy.deepcopy(BASE)
    spec["date"] = "2024-05-01"
    with TestClient(create_app(warm_up=False, processes=0)) as c:
        alone = c.post("/api/plan?include=elevations,boards", json=spec).content
    with TestClient(create_app(warm_up=False, processes=1)) as c:
        pooled = c.post("/api/plan?include=elevations,boards", json=spec).content
    assert alone == pooled


def test_build_pack_gets_the_pool(monkeypatch):
    """The single call site: the pack is built with the server's worker processes."""
    import roomplanner.pipeline as pipeline

    real = pipeline.build_pack
    seen = {}

    def spy(plan, executor=None, **kw):
        seen["executor"] = executor
        seen["worker_pid"] = executor.submit(os.getpid).result(timeout=60) if executor is not None else None
        return real(plan, executor=executor, **kw)

    spec = copy.deepcopy(BASE)
    with TestClient(create_app(warm_up=False, processes=1)) as c:
        monkeypatch.setattr(pipeline, "build_pack", spy)
        assert c.post("/api/pack", json=spec).status_code == 200
        assert isinstance(seen["executor"], ProcessPool) and seen["worker_pid"] != os.getpid()
