"""Cold start: what a fresh process imports for ``import roomplanner.cli``, the public API and a
``roomplanner plan`` run (issue 9, point 6). Each check runs in a fresh interpreter and reads its
``sys.modules``, so a module-level import added on the way fails here, whatever the machine's
speed (the times themselves are measured by benchmarks/bench_startup.py and bench_pack.py)."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES, ROOT

#: Never needed to parse a command line or print the help: the model (pydantic), the solver
#: (numpy, shapely), the file formats and their writers.
HEAVY = ("pydantic", "pydantic_core", "yaml", "numpy", "shapely", "reportlab", "fontTools", "pypdfium2",
         "ezdxf", "PIL", "svgwrite", "pygltflib", "fastapi", "uvicorn", "tqdm", "importlib.metadata",
         "roomplanner.model.spec", "roomplanner.model.plan", "roomplanner.solver", "roomplanner.pipeline",
         "roomplanner.profiles", "roomplanner.render", "roomplanner.printing", "roomplanner.compliance")

#: Never needed by ``roomplanner plan`` for a valid room once the user cache is warm: numpy's
#: masked arrays (``np.unique`` imports them), ezdxf (the DXF skeleton is cached), difflib (the
#: did-you-mean of a spec error), the web application, the batch progress bar.
NOT_ON_PLAN_PATH = ("numpy.ma", "ezdxf", "difflib", "fastapi", "starlette", "uvicorn", "roomplanner.web", "tqdm",
                    "roomplanner.compliance.batch")


def modules_after(code: str, env: dict | None = None) -> set[str]:
    """``sys.modules`` of a fresh interpreter after ``code`` (the repository on its path)."""
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    run_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=run_env)
    assert r.returncode == 0, r.stderr
    return set(json.loads(r.stdout.strip().splitlines()[-1]))


def heavy_in(mods: set[str]) -> list[str]:
    return sorted(m for m in mods if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_import_cli_is_light():
    assert heavy_in(modules_after("import roomplanner.cli")) == []


def test_help_is_light():
    mods = modules_after("import contextlib, io, roomplanner.cli as c\n"
                         "with contextlib.redirect_stdout(io.StringIO()):\n"
                         "    try:\n        c.main(['--help'])\n    except SystemExit:\n        pass\n"
                         "    try:\n        c.main(['plan', '--help'])\n    except SystemExit:\n        pass")
    assert heavy_in(mods) == []


def test_public_api_is_lazy_and_complete():
    assert heavy_in(modules_after("import roomplanner")) == []
    # every name of __all__ resolves (on first use), and is the object of its home module
    mods = modules_after("import roomplanner\n"
                         "from roomplanner.model.spec import Spec, load_spec\n"
                         "from roomplanner.model.plan import Plan\n"
                         "from roomplanner.profiles import load_profile\n"
                         "assert roomplanner.Spec is Spec and roomplanner.load_spec is load_spec\n"
                         "assert roomplanner.Plan is Plan and roomplanner.load_profile is load_profile\n"
                         "for name in roomplanner.__all__:\n    getattr(roomplanner, name)\n"
                         "assert set(roomplanner.__all__) <= set(dir(roomplanner))\n"
                         "ns = {}\nexec('from roomplanner import *', ns)\n"
                         "assert set(roomplanner.__all__) <= set(ns)")
    assert "roomplanner.model.spec" in mods


def test_unknown_attribute_still_raises():
    import roomplanner

    with pytest.raises(AttributeError, match="no_such_thing"):
        roomplanner.no_such_thing  # noqa: B018


def test_plan_path_imports_only_what_it_uses(tmp_path):
    """A room plan in one process (no worker) with a warm user cache: nothing of the list is
    imported, and the class-3 venue profile models are never built."""
    env = {"ROOMPLANNER_CACHE_DIR": str(tmp_path / "cache"), "ROOMPLANNER_WORKERS": "1"}

    def plan(out: str) -> str:
        args = ["plan", str(EXAMPLES / "enterprise-9x6.yaml"), "-o", str(tmp_path / out)]
        return ("import contextlib, io\nfrom roomplanner.cli import main\n"
                f"with contextlib.redirect_stdout(io.StringIO()):\n    rc = main({args!r})\n"
                "assert rc in (0, 1), rc\n"
                "from roomplanner.model.venue import DeskCardSpec, VenueBoard, VenueProfile\n"
                "assert not any(m.__pydantic_complete__ for m in (VenueProfile, VenueBoard, DeskCardSpec))")

    modules_after(plan("first"), env)           # fills the user cache (glyphs, DXF skeleton, data files)
    mods = modules_after(plan("second"), env)
    assert "roomplanner.pipeline" in mods and "roomplanner.solver" in mods   # it did run
    assert sorted(m for m in mods if any(m == n or m.startswith(n + ".") for n in NOT_ON_PLAN_PATH)) == []
    assert (tmp_path / "second" / "plan.json").read_bytes() == (tmp_path / "first" / "plan.json").read_bytes()


def test_plan_forks_its_worker_first_and_the_worker_warms_its_lane(tmp_path):
    """The worker is forked before the spec is read (its lane, the boards and the 3D model, is
    made ready while this process reads the spec and solves): at the fork no spec model is built
    yet, the solver is not imported (only this process needs it), and after the warm-up the
    worker holds the lane's modules. It never builds a pydantic validator (the profile comes
    with the plan, loaded by this process) and never imports PyYAML, pydantic's plugin look-up
    (importlib.metadata) or the solver: not in its warm-up, nor in its lane."""
    args = ["plan", str(EXAMPLES / "enterprise-9x6.yaml"), "-o", str(tmp_path / "out")]
    probe = ("import contextlib, io, json, sys\n"
             "import roomplanner.pipeline as pipeline\n"
             "from roomplanner.model.spec import Spec\n"
             "def worker_state():\n"
             "    from roomplanner.profiles import Profile\n"
             "    return [Profile.__pydantic_complete__] + [m in sys.modules for m in\n"
             "            ('yaml', 'importlib.metadata', 'roomplanner.solver',\n"
             "             'roomplanner.printing.boards', 'roomplanner.export.gltf', 'pypdfium2')]\n"
             "seen = []\nreal = pipeline.pack_executor\nlane = pipeline.boards_lane\n"
             "def spied_lane(*a):\n"
             "    files = lane(*a)\n"
             "    files['worker-state'] = json.dumps(worker_state()).encode()\n"
             "    return files\n"
             "pipeline.boards_lane = spied_lane\n"
             "@contextlib.contextmanager\n"
             "def spy(*a, **k):\n"
             "    with real(*a, **k) as ex:\n"
             "        seen.append(Spec.__pydantic_complete__)\n"
             "        seen.append('roomplanner.solver' in sys.modules)\n"
             "        seen.append(ex.submit(worker_state).result(timeout=120))\n"
             "        yield ex\n"
             "pipeline.pack_executor = spy\n"
             "from roomplanner.cli import main\n"
             f"with contextlib.redirect_stdout(io.StringIO()):\n    main({args!r})\n"
             "print(json.dumps(seen))")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT), ROOMPLANNER_WORKERS="2"))
    assert r.returncode == 0, r.stderr
    warmed = [False, False, False, False, True, True, True]
    assert json.loads(r.stdout.strip().splitlines()[-1]) == [False, False, warmed]
    # after its lane (the boards and the 3D model of a room with a profile of its own)
    assert json.loads((tmp_path / "out" / "worker-state").read_text()) == warmed
    assert (tmp_path / "out" / "room.glb").stat().st_size > 10_000


def test_a_bad_spec_leaves_no_worker_behind(tmp_path):
    """The worker is already warming up when the spec turns out bad: the command still fails
    at once with the spec's error, and the worker is stopped, not left waiting."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("room: {width: -3}\n", encoding="utf-8")
    probe = ("import contextlib, io, multiprocessing, sys, time\n"
             "from roomplanner.cli import main\n"
             f"rc = main(['plan', {str(bad)!r}, '-o', {str(tmp_path / 'out')!r}])\n"
             "t = time.monotonic()\n"
             "while multiprocessing.active_children() and time.monotonic() - t < 10:\n"
             "    time.sleep(0.05)\n"
             "print(rc, len(multiprocessing.active_children()))")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT), ROOMPLANNER_WORKERS="2"))
    assert r.stdout.split() == ["2", "0"], (r.stdout, r.stderr)
    assert "room" in r.stderr
    assert not (tmp_path / "out").exists()
