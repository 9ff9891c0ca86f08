"""Invariants of the checker (hypothesis).

- translating or rotating the whole plan, or reordering its items, changes no status;
- enlarging the room never adds an area failure;
- loading and re-saving a plan changes nothing;
- fuzzed input only ever yields the project's own validation error (exit code 2)."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roomplanner.compliance import check
from roomplanner.compliance.command import run_check_command
from roomplanner.compliance.safety import loads_plan_for_check
from roomplanner.errors import PlanFileError
from roomplanner.model.plan import loads_plan

from .factories import clone, enterprise_plan, general_plan, transform
from .helpers import FIXTURES, plan_of, report_of, statuses

FIXTURE_DATA = {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted(FIXTURES.glob("*.json"))}
NAMES = sorted(FIXTURE_DATA)
ROOM_NAMES = [n for n in NAMES if "room" in FIXTURE_DATA[n]["spec"]]   # class-3 venues have no room
BASE_STATUS = {n: statuses(report_of(d)) for n, d in FIXTURE_DATA.items()}

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(name=st.sampled_from(ROOM_NAMES), angle=st.floats(-180, 180), dx=st.floats(-40_000, 40_000),
       dy=st.floats(-40_000, 40_000))
def test_rigid_motion_changes_no_status(name, angle, dx, dy):
    moved = transform(FIXTURE_DATA[name], angle, dx, dy)
    assert statuses(report_of(moved)) == BASE_STATUS[name]


@SETTINGS
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 2 ** 32 - 1))
def test_reordering_items_changes_no_status(name, seed):
    data = clone(FIXTURE_DATA[name])
    rng = random.Random(seed)
    rng.shuffle(data["wall_items"])
    rng.shuffle(data["floor_items"])
    rng.shuffle(data["spec"]["content"]["honors"])
    r = report_of(data)
    assert statuses(r) == BASE_STATUS[name]


@SETTINGS
@given(name=st.sampled_from(ROOM_NAMES), fx=st.floats(1.0, 3.0), fy=st.floats(1.0, 3.0))
def test_enlarging_the_room_adds_no_area_failure(name, fx, fy):
    data = clone(FIXTURE_DATA[name])
    data["spec"]["room"]["outline"] = [[x * fx, y * fy] for x, y in data["spec"]["room"]["outline"]]
    after = statuses(report_of(data))
    for rule, before in BASE_STATUS[name].items():
        if rule.startswith("area."):
            assert not (before != "fail" and after[rule] == "fail"), rule
            if before == "not_applicable":
                assert after[rule] == "not_applicable"


@SETTINGS
@given(name=st.sampled_from(NAMES))
def test_load_and_resave_changes_nothing(name):
    data = FIXTURE_DATA[name]
    plan = plan_of(data)
    text = plan.to_json()
    again = loads_plan(text)
    assert again.to_json() == text
    assert check(again, base_dir=FIXTURES).to_json() == check(plan, base_dir=FIXTURES).to_json()


# ---------------------------------------------------------------- fuzzing

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                      st.text(max_size=12), st.sampled_from(["../../etc/passwd", "/etc/passwd", "flag", "door",
                                                             "inside", "on", "ceiling", "general", "", "0"]))
json_value = st.recursive(json_leaf, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                            st.dictionaries(st.text(max_size=8), kids, max_size=4)),
                          max_leaves=12)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


BASES = [general_plan(), enterprise_plan()]
BASE_PATHS = [list(_paths(b))[1:] for b in BASES]


def _set(obj, path, value):
    for p in path[:-1]:
        obj = obj[p]
    if value is _DELETE:
        if isinstance(obj, dict):
            obj.pop(path[-1], None)
        else:
            del obj[path[-1]]
    else:
        obj[path[-1]] = value


_DELETE = object()


def _check_text(text: str) -> None:
    try:
        plan = loads_plan_for_check(text)
    except PlanFileError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        return
    report = check(plan)
    assert len(report.findings) > 0
    json.loads(report.to_json())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, 1), picks=st.lists(st.tuples(st.integers(0, 10 ** 6), st.one_of(json_value, st.just(_DELETE))),
                                               min_size=1, max_size=4))
def test_mutated_plans_only_raise_plan_file_error(which, picks):
    data = clone(BASES[which])
    paths = BASE_PATHS[which]
    for k, value in picks:
        path = paths[k % len(paths)]
        try:
            _set(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue
    try:
        text = json.dumps(data, allow_nan=True)
    except (ValueError, TypeError):
        return
    _check_text(text)


@settings(max_examples=200, deadline=None)
@given(value=json_value)
def test_arbitrary_json_only_raises_plan_file_error(value):
    _check_text(json.dumps(value, allow_nan=True))


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_only_raise_plan_file_error(raw):
    try:
        loads_plan_for_check(raw)
    except PlanFileError:
        pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_fuzzed_file_through_the_command_exits_2(tmp_path_factory, raw):
    p = tmp_path_factory.mktemp("fuzz") / "plan.json"
    p.write_bytes(raw)
    out, err = io.StringIO(), io.StringIO()
    rc = run_check_command([str(p)], stdout=out, stderr=err)
    assert rc == 2
    assert "internal error" not in out.getvalue() + err.getvalue()
