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
