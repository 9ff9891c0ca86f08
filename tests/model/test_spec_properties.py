"""Property tests: random valid rectangles and L-shapes load; random garbage only ever
raises the project's own SpecError."""

import json

from hypothesis import given, settings, strategies as st

from roomplanner.errors import SpecError
from roomplanner.model.spec import loads_spec
from tests.conftest import dump

dims = st.integers(min_value=2500, max_value=30000)


def _spec(outline, door_wall=0):
    return {"branch": {"name": "测试党支部", "type": "general", "members": 10},
            "room": {"outline": outline, "height": 3000,
                     "openings": [{"kind": "door", "wall": door_wall, "offset": 200, "width": 900, "height": 2100}]}}


@settings(max_examples=150, deadline=None)
@given(w=dims, d=dims, ccw=st.booleans(), dx=st.integers(-50000, 50000), dy=st.integers(-50000, 50000))
def test_random_rectangles_load(w, d, ccw, dx, dy):
    pts = [[dx, dy], [dx + w, dy], [dx + w, dy + d], [dx, dy + d]]
    if not ccw:
        pts = pts[::-1]
    spec = loads_spec(dump(_spec(pts)))
    lengths = sorted(round(x.length) for x in spec.walls())
    assert lengths == sorted([w, w, d, d])


@settings(max_examples=150, deadline=None)
@given(w=dims, d=dims, fx=st.floats(0.2, 0.8), fy=st.floats(0.2, 0.8), ccw=st.booleans())
def test_random_l_shapes_load(w, d, fx, fy, ccw):
    cx, cy = round(w * fx), round(d * fy)
    pts = [[0, 0], [w, 0], [w, cy], [cx, cy], [cx, d], [0, d]]
    if not ccw:
        pts = pts[::-1]
    lengths = [abs(pts[i][0] - pts[(i + 1) % 6][0]) + abs(pts[i][1] - pts[(i + 1) % 6][1]) for i in range(6)]
    spec = loads_spec(dump(_spec(pts, door_wall=lengths.index(max(lengths)))))
    assert len(spec.walls()) == 6
    from shapely.geometry import Polygon
    assert abs(Polygon(spec.outline).area - (w * cy + cx * (d - cy))) < 1.0


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=40)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_garbage_values_only_raise_spec_error(value):
    try:
        loads_spec(json.dumps(value), json_first=True)
    except SpecError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_garbage_bytes_only_raise_spec_error(raw):
    try:
        loads_spec(raw)
    except SpecError:
        pass


spec_like = st.fixed_dictionaries({
    "branch": st.fixed_dictionaries({"name": st.text(max_size=5), "type": st.sampled_from(["general", "x", 3]),
                                     "members": st.one_of(st.integers(-5, 100), st.text(max_size=3), st.floats())}),
    "room": st.fixed_dictionaries({
        "outline": st.lists(st.lists(st.one_of(st.integers(-100000, 100000), st.floats()), min_size=0, max_size=3),
                            max_size=8),
        "height": st.one_of(st.integers(-10, 10000), st.floats(), st.text(max_size=3)),
        "openings": st.lists(st.dictionaries(st.sampled_from(["kind", "wall", "offset", "width", "height", "sill", "x"]),
                                             st.one_of(st.integers(-10, 20000), st.sampled_from(["door", "window"]),
                                                       st.floats())), max_size=4)}),
})


@settings(max_examples=300, deadline=None)
@given(spec_like)
def test_near_miss_specs_only_raise_spec_error(data):
    try:
        loads_spec(json.dumps(data), json_first=True)
    except SpecError as exc:
        assert exc.problems and all(":" in p for p in exc.problems)
