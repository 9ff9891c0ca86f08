"""The label placer tests its candidate spots together (array arithmetic, vectorised shapely
calls): each batch answer must equal the answer of testing the spots one by one, as the placer
did before (and as tests/render/drawing_digests.py checks on the whole drawings)."""

from __future__ import annotations

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString
from shapely.geometry import box as sbox

from roomplanner.render.labels import LabelPlacer, _box_overlap, fit_box, wrap_fit

coord = st.floats(min_value=0.0, max_value=100.0, allow_nan=False).map(lambda v: round(v, 1))
size = st.floats(min_value=0.5, max_value=30.0, allow_nan=False).map(lambda v: round(v, 1))
boxes = st.lists(st.tuples(coord, coord, size, size).map(lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])),
                 max_size=25)


def _placer(placed, obstacles) -> LabelPlacer:
    pl = LabelPlacer((0.0, 0.0, 120.0, 120.0), [sbox(5.0, 5.0, 115.0, 70.0), sbox(5.0, 60.0, 60.0, 115.0)])
    for k, b in enumerate(obstacles):
        pl.obstacle(sbox(*b), f"o{k % 4}")
    for b in placed:
        pl.block(b)
    return pl


@settings(max_examples=60, deadline=None)
@given(placed=boxes, obstacles=boxes, cands=boxes)
def test_batched_spot_tests_equal_one_by_one(placed, obstacles, cands):
    pl = _placer(placed, obstacles)
    arr = np.array(cands, dtype=float).reshape(-1, 4)
    assert list(pl._clashes(arr)) == [any(_box_overlap(b, o) for o in placed) for b in cands]
    expected = [b for b in cands
                if pl._in_area(b) and not pl._clash(b)
                and any(r.contains(sbox(*b)) for r in pl.regions) and not pl._hits(sbox(*b))]
    assert [cd[-1] for cd in pl._free_spots([(k, b) for k, b in enumerate(cands)], pl.regions)] == expected
    # boxes placed after a first query are seen by the next one
    pl.block((0.0, 0.0, 120.0, 120.0))
    assert pl._clashes(arr).all() or not cands


@settings(max_examples=60, deadline=None)
@given(placed=boxes, obstacles=boxes, segs=st.lists(st.tuples(coord, coord, coord, coord), min_size=1, max_size=12),
       old=st.lists(st.tuples(coord, coord, coord, coord), max_size=8))
def test_batched_leader_crossings_equal_one_by_one(placed, obstacles, segs, old):
    pl = _placer(placed, obstacles)
    pl.leaders = [LineString([(a, b), (c, d)]) for a, b, c, d in old if (a, b) != (c, d)]
    segs = [s for s in segs if (s[0], s[1]) != (s[2], s[3])] or [(1.0, 1.0, 50.0, 40.0)]
    lns = shapely.linestrings([[(a, b), (c, d)] for a, b, c, d in segs])
    _, box_geoms = pl._placed()
    got = pl._leader_crossings(lns, "o1", box_geoms, np.array(pl.leaders, dtype=object))
    want = []
    for ln in lns:
        n = len(pl._hits(ln) - {"o1"})
        n += sum(1 for o in pl.boxes if sbox(*o).intersects(ln))
        n += sum(1 for o in pl.leaders if o.crosses(ln))
        want.append(n)
    assert got == want


def test_remembered_fits_are_fresh_lists_and_keep_number_types():
    a = wrap_fit("党员活动室入党誓词墙", 20.0, 12.0, [4.0, 3.5, 3.0])
    a[0].append("changed")      # a caller may change its list
    b = wrap_fit("党员活动室入党誓词墙", 20.0, 12.0, (4.0, 3.5, 3.0))
    assert "changed" not in b[0] and b[0]
    f1 = fit_box("会议桌", 30.0, 10.0, (4, 3))
    f2 = fit_box("会议桌", 30.0, 10.0, (4.0, 3.0))
    assert f1 is not None and f2 is not None and f1[0] == f2[0]
    assert type(f1[1]) is int and type(f2[1]) is float      # 4 and 4.0 are not one cache entry
