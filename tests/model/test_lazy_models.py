"""The models are built on first use (model/base.py): importing builds nothing, the first use
builds what it needs, and threads using a model for the first time at once (the web server's
first requests) all get the same, correct result."""

import json
import os
import subprocess
import sys

from tests.conftest import EXAMPLES, ROOT


def fresh(code: str) -> str:
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_import_builds_no_model():
    out = fresh("import roomplanner.model.plan as p, roomplanner.model.spec as s, roomplanner.profiles as f\n"
                "import roomplanner.model.venue as v, sys, json\n"
                "models = [s.Spec, s.Options, s.Content, s.Room, p.Plan, p.WallItem, p.FloorItem, f.Profile,"
                " v.VenueWalls, v.VenueProfile]\n"
                "print(json.dumps([m.__name__ for m in models if m.__pydantic_complete__]))\n"
                "print('importlib.metadata' in sys.modules)")    # pydantic's plugin loader: first build
    built, metadata = out.splitlines()
    assert json.loads(built) == [] and metadata == "False"


THREADS = """
import json, sys, threading
sys.setswitchinterval(1e-6)   # switch threads inside a build: without the lock of model/base.py
                              # a thread meets a half-built class (AttributeError: no __pydantic_core_schema__)
from pathlib import Path
from roomplanner.model.spec import loads_spec
from roomplanner.model.plan import loads_plan, WallItem
from roomplanner.errors import SpecError

spec_text = Path(sys.argv[1]).read_text(encoding="utf-8")
plan_text = Path(sys.argv[2]).read_text(encoding="utf-8")
barrier = threading.Barrier(8)
results, errors = [], []

def work():
    try:
        barrier.wait()
        spec = loads_spec(spec_text)
        plan = loads_plan(plan_text)
        item = WallItem(**plan.wall_items[0].model_dump())
        try:
            loads_spec(spec_text.replace("members:", "memberz:", 1))
            bad = None
        except SpecError as exc:
            bad = exc.problems
        results.append(json.dumps([spec.model_dump(mode="json"), plan.to_json(), item.model_dump(), bad],
                                  ensure_ascii=False, sort_keys=True))
    except Exception as exc:  # noqa: BLE001
        errors.append(repr(exc))

threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"errors": errors, "distinct": len(set(results)), "n": len(results)}))
"""


def test_first_use_in_many_threads_at_once(tmp_path):
    from roomplanner.cli import main

    spec = EXAMPLES / "enterprise-9x6.yaml"
    out = tmp_path / "out"
    main(["plan", str(spec), "-o", str(out)])
    script = tmp_path / "threads.py"
    script.write_text(THREADS, encoding="utf-8")
    for _ in range(4):              # every run a fresh interpreter: every model cold
        r = subprocess.run([sys.executable, str(script), str(spec), str(out / "plan.json")], capture_output=True,
                           text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout) == {"errors": [], "distinct": 1, "n": 8}


def test_reading_a_spec_validates_no_profile():
    """A spec's branch type is resolved from the profile files' names (id, Chinese name, short
    name) without validating any profile (the solver validates the spec's own, when it needs it)."""
    out = fresh("import roomplanner.profiles as f, sys, json\n"
                "from roomplanner.model.spec import load_spec\n"
                f"load_spec({str(EXAMPLES / 'enterprise-9x6.yaml')!r})\n"
                "print(json.dumps(sorted(f._loaded)))\n"
                "print(f.resolve_type('非公有制企业党支部'), f.resolve_type('高校'), f.resolve_type('village'))\n"
                "print(json.dumps(sorted(f._loaded)))")
    first, names, after = out.splitlines()
    assert json.loads(first) == []
    assert names == "enterprise university village"
    assert json.loads(after) == []


def test_the_name_table_holds_each_profiles_validated_name():
    from roomplanner.profiles import _name_table, _norm_name, known_types, load_profile

    for t in known_types():
        assert _name_table()[_norm_name(load_profile(t).name)] == t
