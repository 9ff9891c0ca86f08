"""build_pack: in memory, every kind of file, and safe to call from several threads at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from roomplanner.model.spec import load_spec
from roomplanner.pipeline import build_pack
from roomplanner.solver import solve

from ..conftest import EXAMPLES

PLANS = ("enterprise-9x6", "general-full-content")


@pytest.fixture(scope="module")
def plans():
    return {name: solve(load_spec(EXAMPLES / f"{name}.yaml")) for name in PLANS}


def _build(plans, name, **kw):
    return build_pack(plans[name], date="2026-01-01", spec_dir=EXAMPLES, **kw).files


def test_pack_holds_every_kind_of_file(plans):
    files = _build(plans, "general-full-content")
    kinds = {"plan.json", "report.json", "report.pdf", "floorplan.svg", "floorplan.pdf", "elevations.pdf",
             "installation.csv", "boards/boards.pdf", "boards/production.csv", "boards/production.pdf"}
    assert kinds <= set(files)
    assert any(p.startswith("elevations/wall-") and p.endswith(".svg") for p in files)
    assert any(p.startswith("boards/") and p.endswith(".svg") for p in files)
    assert any(p.startswith("photos/") for p in files)
    assert list(files) == sorted(files)
    assert all(isinstance(v, bytes) and v for v in files.values())
    assert all(files[p].startswith(b"%PDF-") for p in files if p.endswith(".pdf"))


def test_build_pack_writes_nothing(plans, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    _build(plans, "enterprise-9x6")
    assert list(tmp_path.iterdir()) == []


def test_concurrent_builds_give_the_serial_bytes(plans):
    """Two different plans (one with photos), each built twice, in four threads at once:
    every file equals the one a serial build made."""
    serial = {(name, outline): _build(plans, name, outline_text=outline)
              for name in PLANS for outline in (False, True)}
    jobs = list(serial) * 2
    start = threading.Barrier(len(jobs))

    def run(job):
        start.wait()
        name, outline = job
        return job, _build(plans, name, outline_text=outline)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = list(pool.map(run, jobs))
    for job, files in results:
        assert files.keys() == serial[job].keys(), job
        different = [p for p in files if files[p] != serial[job][p]]
        assert not different, (job, different)


def test_a_process_lane_gives_the_same_bytes(plans):
    """The drawings and CAD files built in a forked worker (as ``roomplanner plan`` does on
    a machine with two cores) are the same bytes as built in this process."""
    from roomplanner.pipeline import pack_executor

    serial = _build(plans, "general-full-content")
    with pack_executor(2) as executor:
        if executor is None:
            pytest.skip("no fork on this platform")
        laned = _build(plans, "general-full-content", executor=executor)
    assert laned.keys() == serial.keys()
    assert [p for p in serial if serial[p] != laned[p]] == []


def test_a_failing_lane_raises_the_real_error(plans, monkeypatch):
    """An error in the worker's lane is raised by build_pack as the same error (the lane is
    run again in this process), and a worker that dies loses nothing."""
    import os
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    import roomplanner.render.drawing as drawing
    from roomplanner.errors import RenderError

    def broken(*a, **k):
        raise RenderError("wall 9: cannot be drawn")

    monkeypatch.setattr(drawing, "drawing_files", broken)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as executor:
        with pytest.raises(RenderError, match="wall 9"):
            _build(plans, "enterprise-9x6", executor=executor)
    monkeypatch.undo()

    serial = _build(plans, "enterprise-9x6")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as executor:
        executor.submit(os._exit, 1)   # the worker dies: the pool is broken
        laned = _build(plans, "enterprise-9x6", executor=executor)
        assert laned == serial
        laned = _build(plans, "enterprise-9x6", executor=executor)
    assert laned == serial


def test_the_command_uses_a_second_core_and_writes_the_same_files(tmp_path):
    """``roomplanner plan`` with the worker (the default on two cores) and without it
    (ROOMPLANNER_WORKERS=1) writes identical folders."""
    import os
    import subprocess
    import sys

    outs = {}
    for workers in ("1", "2"):
        env = dict(os.environ, ROOMPLANNER_WORKERS=workers)
        out = tmp_path / f"w{workers}"
        proc = subprocess.run([sys.executable, "-m", "roomplanner", "plan", str(EXAMPLES / "general-full-content.yaml"),
                               "-o", str(out)], env=env, capture_output=True, text=True)
        assert proc.returncode in (0, 1), proc.stderr
        outs[workers] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert outs["1"].keys() == outs["2"].keys()
    assert [p for p in outs["1"] if outs["1"][p] != outs["2"][p]] == []


@pytest.mark.parametrize("workers", [1, 2])
def test_content_no_font_can_set_is_reported_with_its_field(workers):
    """A branch name with a character none of the bundled fonts has: the drawings and the
    boards both fail on it, and the error the user gets is the boards', which names the spec
    field (``branch.name``) — whichever lane meets it first, with or without the worker."""
    from roomplanner.errors import RoomPlannerError
    from roomplanner.model.spec import loads_spec
    from roomplanner.pipeline import pack_executor

    text = (EXAMPLES / "enterprise-9x6.yaml").read_text(encoding="utf-8")
    plan = solve(loads_spec(text.replace("星火科技有限公司党支部", "星火😀党支部"), lang="en"))
    with pack_executor(workers) as executor:
        if workers == 2 and executor is None:
            pytest.skip("no fork on this platform")
        with pytest.raises(RoomPlannerError) as err:
            build_pack(plan, date="2026-01-01", spec_dir=EXAMPLES, executor=executor)
    assert "branch.name" in str(err.value) and "U+1F600" in str(err.value), str(err.value)


def test_the_workers_content_error_is_raised_without_building_the_boards_again(monkeypatch):
    """Bad content the worker's lane meets (a character no bundled font has, in the branch's
    name) comes back from the worker as the error itself: this process does not build the
    boards a second time to raise it."""
    from roomplanner.errors import RoomPlannerError
    from roomplanner.model.spec import loads_spec
    from roomplanner.pipeline import pack_executor

    text = (EXAMPLES / "enterprise-9x6.yaml").read_text(encoding="utf-8")
    plan = solve(loads_spec(text.replace("星火科技有限公司党支部", "星火😀党支部")))
    with pack_executor(2) as executor:
        if executor is None:
            pytest.skip("no fork on this platform")
        import roomplanner.printing.boards as boards   # patched here, after the worker's fork

        built = []
        real = boards.board_files
        monkeypatch.setattr(boards, "board_files", lambda *a, **k: built.append(1) or real(*a, **k))
        with pytest.raises(RoomPlannerError) as err:
            build_pack(plan, date="2026-01-01", spec_dir=EXAMPLES, executor=executor)
    assert "branch.name" in str(err.value) and "U+1F600" in str(err.value), str(err.value)
    assert built == []
