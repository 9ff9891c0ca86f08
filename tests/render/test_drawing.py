"""The drawing frontend (plan → primitives), checked on primitives and coordinates with the
recording backend: scale and paper choice, true lengths, the flag centred on the main wall
with its emblem grid, door swings, labels that overlap nothing, grouped chairs, installer
dimensions."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString
from shapely.geometry import Polygon as SPolygon
from shapely.geometry import box

from roomplanner.typeset import fonts
from roomplanner.render.drawing import drawing_set
from roomplanner.render.elevations import ElevationView, elevation_views
from roomplanner.render.installation import round_mm
from roomplanner.render.labels import tw
from roomplanner.render.planview import floor_plan_page
from roomplanner.render.style import fmt_mm
from roomplanner.render.primitives import (Arc, Dimension, Line, Polygon, RecordingBackend, Text, draw_page,
                                           explode, record)
from roomplanner.render.sheets import A1, A3, FALLBACK_SCALES, SCALES, choose_sheet, fits
from tests.render.test_drawing_plans import DATE, HAS_MOUNT, cw_rect_plan, l_plan, rect_plan


@pytest.fixture(scope="module")
def rect_set():
    return drawing_set(rect_plan(), "zh", DATE)


@pytest.fixture(scope="module")
def l_set():
    return drawing_set(l_plan(), "zh", DATE)


def texts(page, layer=None):
    return [p for p in page.primitives if isinstance(p, Text) and (layer is None or p.layer == layer)]


def all_texts(page):
    """Every text drawn, dimensions exploded."""
    out = []
    for p in page.primitives:
        for q in (explode(p) if isinstance(p, Dimension) else (p,)):
            if isinstance(q, Text):
                out.append(q)
    return out


def text_box(t: Text):
    """Axis-aligned box of the em boxes of a text (0° or 90°)."""
    w = tw(t.text, t.size, t.font)
    m = fonts.metrics(t.font)
    a = math.radians(t.angle)
    ux, uy = math.cos(a), -math.sin(a)
    upx, upy = -math.sin(a), -math.cos(a)
    shift = {"start": 0.0, "middle": -w / 2, "end": -w}[t.anchor]
    x0, y0 = t.pos[0] + ux * shift, t.pos[1] + uy * shift
    corners = []
    for along in (0.0, w):
        for up in (m.em_bottom * t.size, m.em_top * t.size):
            corners.append((x0 + ux * along + upx * up, y0 + uy * along + upy * up))
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return (min(xs), min(ys), max(xs), max(ys))


def overlap(a, b, tol=0.05):
    return a[0] < b[2] - tol and b[0] < a[2] - tol and a[1] < b[3] - tol and b[1] < a[3] - tol


# ------------------------------------------------------------------ paper and scale

def test_rect_room_is_a3_at_1_to_50(rect_set):
    sheet = rect_set.floorplan.meta["sheet"]
    assert (sheet.paper.name, sheet.scale) == ("A3", 50)
    assert (rect_set.floorplan.width, rect_set.floorplan.height) == (420.0, 297.0)


def test_small_room_gets_a3_at_1_to_20_and_the_preferred_scales_include_1_to_30():
    sheet = choose_sheet(2000 + 480, 1500 + 480, 52, 52)
    assert (sheet.paper.name, sheet.scale) == ("A3", 20)
    assert SCALES == (20, 25, 30, 50, 75, 100)
    # a room 1:25 cannot hold but 1:30 can is drawn at 1:30, not 1:50
    sheet = choose_sheet(8000 + 480, 4000 + 480, 28, 42)
    assert (sheet.paper.name, sheet.scale) == ("A3", 30)
    assert not fits(A3, 25, 8000 + 480, 4000 + 480, 28, 42)


def test_room_too_big_for_a3_at_1_to_100_goes_to_a2_then_a1():
    sheet = choose_sheet(30000, 22000, 52, 52)
    assert (sheet.paper.name, sheet.scale) == ("A2", 75)
    assert not fits(A3, 100, 30000, 22000, 52, 52)
    sheet = choose_sheet(50000, 40000, 52, 52)
    assert (sheet.paper.name, sheet.scale) == ("A1", 100)


def test_huge_room_falls_back_beyond_1_to_100():
    sheet = choose_sheet(90000, 60000, 52, 52)
    assert sheet.scale in FALLBACK_SCALES and sheet.paper is A1


@settings(max_examples=60, deadline=None)
@given(st.floats(1000, 60000), st.floats(1000, 60000))
def test_chosen_scale_is_the_largest_that_fits(w, h):
    sheet = choose_sheet(w, h, 52, 52)
    assert fits(sheet.paper, sheet.scale, w, h, 52, 52)
    if sheet.paper is A3:     # A3 whenever a preferred scale fits it, at the largest such scale
        assert not any(fits(A3, s, w, h, 52, 52) for s in SCALES if s < sheet.scale)
    else:
        assert not any(fits(A3, s, w, h, 52, 52) for s in SCALES)
        if sheet.scale in SCALES:
            assert not any(fits(sheet.paper, s, w, h, 52, 52) for s in SCALES if s < sheet.scale)


# ------------------------------------------------------------------ the floor plan

def _inner_face_span(page, ref):
    """Length on paper of the inner face of a wall's poché (the edge on the room outline)."""
    polys = [p for p in page.find(Polygon, layer="wall") if p.ref == ref]
    assert polys, ref
    return polys


def test_6000_mm_wall_is_120_mm_on_paper_at_1_to_50(rect_set):
    page = rect_set.floorplan
    view = page.meta["view"]
    # wall 1 runs from (9000, 0) to (9000, 6000): both ends are vertices of its poché
    a, b = view.p((9000, 0)), view.p((9000, 6000))
    pts = [q for p in _inner_face_span(page, "wall:1") for q in p.points]
    assert any(math.dist(q, a) < 1e-6 for q in pts) and any(math.dist(q, b) < 1e-6 for q in pts)
    assert math.dist(a, b) == pytest.approx(120.0, abs=0.5)
    # and the dimension that says 6000 spans 120 mm
    dims = [d for d in page.find(Dimension) if d.text == "6000"]
    assert dims and all(d.length == pytest.approx(120.0, abs=0.01) for d in dims)


def test_walls_drawn_with_thickness_and_main_wall_red(rect_set):
    page = rect_set.floorplan
    walls = page.find(Polygon, layer="wall")
    assert {p.ref for p in walls} == {"wall:0", "wall:1", "wall:2", "wall:3"}
    assert all(p.style.fill == "#C8102E" for p in walls if p.ref == "wall:2")
    assert all(p.style.fill != "#C8102E" for p in walls if p.ref != "wall:2")
    # the poché is 240 mm thick: 4.8 mm at 1:50 (x extent of the right wall)
    xs = [q[0] for p in walls if p.ref == "wall:1" for q in p.points]
    assert max(xs) - min(xs) == pytest.approx(4.8, abs=1e-6)


def test_door_gap_swing_arc_and_leaf(rect_set):
    page = rect_set.floorplan
    view = page.meta["view"]
    arcs = page.find(Arc, layer="opening", ref="door:0")
    assert len(arcs) == 1
    arc = arcs[0]
    assert arc.radius == pytest.approx(1000 / 50)
    assert (arc.end - arc.start) == pytest.approx(90)
    # auto hinge: the door (7600..8600 on a 9000 wall) hinges at the end nearer the corner
    assert arc.center == pytest.approx(view.p((8600, 0)))
    # swing in: the arc lies inside the room (above the wall on paper)
    mid = arc.point((arc.start + arc.end) / 2)
    assert mid[1] < view.p((0, 0))[1]
    # the wall is cut: no poché of wall 0 covers the door's middle
    door_mid = SPolygon([view.p((8100, 0)), view.p((8101, 0)), view.p((8101, -200)), view.p((8100, -200))])
    for p in page.find(Polygon, layer="wall", ref="wall:0"):
        assert not SPolygon(p.points).intersects(door_mid)


def test_opening_and_overall_dimensions(rect_set):
    page = rect_set.floorplan
    dims = [d.text for d in page.find(Dimension)]
    for v in ("9000", "6000", "7600", "1000", "400", "1500", "3000"):
        assert v in dims, v


def test_wall_numbers_and_main_wall_marked(rect_set):
    page = rect_set.floorplan
    tags = [t for t in texts(page, "marker")]
    assert sorted(t.text for t in tags if t.text.isdigit()) == ["0", "1", "2", "3"]
    assert any(t.text == "主墙面" for t in tags)


def test_area_two_decimals(rect_set):
    txt = [t.text for t in all_texts(rect_set.floorplan)]
    assert any("54.00 m²" in t for t in txt)


def test_title_block(rect_set):
    txt = [t.text for t in texts(rect_set.floorplan, "titleblock")]
    for v in ("星火科技有限公司党支部", "非公有制企业党支部", "25", DATE, "1:50", "A3 420×297 mm", "平面布置图"):
        assert v in txt, v


def test_scale_bar_and_legend(rect_set):
    page = rect_set.floorplan
    sb = texts(page, "scalebar")
    assert any("1:50" in t.text for t in sb)
    assert any(t.text == "0" for t in sb)
    bars = page.find(Polygon, layer="scalebar")
    # 1 m segments are 20 mm long at 1:50
    widths = {round(max(q[0] for q in p.points) - min(q[0] for q in p.points), 6) for p in bars}
    assert widths == {20.0}
    assert any(t.text == "图例" for t in texts(page, "legend"))


def test_chairs_grouped_in_one_label(rect_set):
    txt = [t.text for t in all_texts(rect_set.floorplan)]
    assert txt.count("椅 ×6") == 1
    assert "椅子" not in txt


def test_every_floor_item_is_labelled(rect_set):
    refs = {t.ref for t in texts(rect_set.floorplan, "label")}
    for f in rect_plan().floor_items:
        if f.kind != "chair":
            assert f.id in refs, f.id


def _label_boxes(page):
    return [(t, text_box(t)) for t in texts(page, "label") if t.ref not in ("heading",)]


@pytest.mark.parametrize("which", ["rect", "l"])
def test_labels_do_not_overlap_each_other_or_furniture(which, rect_set, l_set):
    ds = rect_set if which == "rect" else l_set
    plan = rect_plan() if which == "rect" else l_plan()
    page = ds.floorplan
    labels = _label_boxes(page)
    for (ta, a), (tb, b) in itertools.combinations(labels, 2):
        assert not overlap(a, b), (ta.text, tb.text)
    view = page.meta["view"]
    on = {f.id: getattr(f, "on", None) for f in plan.floor_items}
    ceiling = {f.id for f in plan.floor_items if getattr(f, "mount", "floor") == "ceiling"}
    for f in plan.floor_items:
        poly = SPolygon(view.pts(f.footprint)).buffer(-0.05)
        for t, b in labels:
            if t.ref in (f.id, on.get(f.id)) or f.id in ceiling or on.get(t.ref) == f.id:
                continue
            if t.ref == f.id:
                continue
            if on.get(f.id) == t.ref:     # a label inside a cabinet may not cover what stands on it
                assert not poly.intersects(box(*b)), (t.text, f.id)
                continue
            assert not poly.intersects(box(*b)), (t.text, f.id)
    # and no label touches a wall or the dimension chains
    walls = [SPolygon(p.points) for p in page.find(Polygon, layer="wall")]
    dims = page.meta["dimension_geoms"]
    for t, b in labels:
        g = box(*b)
        assert not any(w.intersects(g) for w in walls), t.text
        assert not any(d.intersects(g) for d in dims), t.text


def test_dimension_lines_do_not_cross_on_the_l_shape(l_set):
    page = l_set.floorplan
    lines = []
    for d in page.find(Dimension):
        p, q = d.line()
        lines.append((d, LineString([p, q])))
    for (da, a), (db, b) in itertools.combinations(lines, 2):
        if a.crosses(b):
            pytest.fail(f"dimension {da.text} crosses {db.text}")


def test_l_shape_side_chains(l_set):
    dims = [d.text for d in l_set.floorplan.find(Dimension)]
    for v in ("10000", "7000", "6000", "4000", "3000", "2000", "2400", "5600", "1200", "1000", "800"):
        assert v in dims, v


@pytest.mark.skipif(not HAS_MOUNT, reason="FloorItem has no mount field")
def test_ceiling_projector_dashed_and_dvd_on_tv(rect_set):
    page = rect_set.floorplan
    proj = page.find(Polygon, ref="projector-1")
    assert proj and proj[0].layer == "furniture-above" and proj[0].style.dash
    dvd = page.find(Polygon, ref="dvd-1")
    assert dvd and dvd[0].layer == "furniture"


def test_english_labels():
    ds = drawing_set(rect_plan(), "en", DATE)
    txt = [t.text for t in all_texts(ds.floorplan)]
    assert "Floor plan" in txt and "Chair ×6" in txt and "Table" in txt
    assert "会议桌" not in txt
    el = [t.text for pg in ds.elevations for t in all_texts(pg)]
    # each board by the name of its own title (入党誓词), not by its role
    assert "Admission oath" in el


# ------------------------------------------------------------------ elevations

def test_elevation_views(rect_set):
    assert rect_set.walls == [(0, "inside"), (0, "outside"), (1, "inside"), (2, "inside"), (3, "inside")]
    names = [p.name for p in rect_set.elevations if p.meta["kind"] == "elevation"]
    assert names == ["wall-0", "wall-0-outside", "wall-1", "wall-2", "wall-3"]
    assert rect_set.elevations[-1].meta["kind"] == "schedule"


def _page(ds, wall, face="inside"):
    return next(p for p in ds.elevations if p.meta.get("wall") == wall and p.meta.get("face") == face)


def test_main_wall_elevation_shows_flag_centred(rect_set):
    page = _page(rect_set, 2)
    view: ElevationView = page.meta["view"]
    flag = page.find(Polygon, layer="flag", ref="flag")
    assert len(flag) == 1
    xs = [q[0] for q in flag[0].points]
    ys = [q[1] for q in flag[0].points]
    assert (min(xs) + max(xs)) / 2 == pytest.approx(view.x(9000 / 2), abs=1e-6)
    assert max(xs) - min(xs) == pytest.approx(2400 / 50)
    assert max(ys) - min(ys) == pytest.approx(1600 / 50)
    assert max(ys) == pytest.approx(view.y(800))
    assert flag[0].style.fill == "#DE2910"


def test_flag_emblem_grid(rect_set):
    page = _page(rect_set, 2)
    flag = page.find(Polygon, layer="flag", ref="flag")[0]
    x0, y0 = min(q[0] for q in flag.points), min(q[1] for q in flag.points)
    cell = (2400 / 50) / 36
    grid = [ln for ln in page.find(Line, layer="emblem", ref="flag")]
    assert len(grid) == 19 + 13          # 18 × 12 cells in the upper-left quarter
    assert max(max(ln.a[0], ln.b[0]) for ln in grid) == pytest.approx(x0 + 18 * cell)
    assert max(max(ln.a[1], ln.b[1]) for ln in grid) == pytest.approx(y0 + 12 * cell)
    sq = page.find(Polygon, layer="emblem", ref="flag:emblem")[0]
    assert min(q[0] for q in sq.points) == pytest.approx(x0 + 4 * cell)
    assert min(q[1] for q in sq.points) == pytest.approx(y0 + 3 * cell)
    assert max(q[0] for q in sq.points) - min(q[0] for q in sq.points) == pytest.approx(8 * cell)
    circ = page.find(Arc, layer="emblem", ref="flag:emblem")[0]
    assert circ.full and circ.radius == pytest.approx(4 * cell)
    assert any("240×160 cm" in t.text and "外购" in t.text for t in texts(page))


def test_elevation_uses_viewer_left(rect_set):
    page = _page(rect_set, 2)
    view = page.meta["view"]
    oath = page.find(Polygon, layer="wallitem", ref="oath")[0]
    # CCW outline: the oath at offset 5850 (width 800) is 9000 - 5850 - 800 = 2350 from the left
    assert min(q[0] for q in oath.points) == pytest.approx(view.x(2350))
    cw = drawing_set(cw_rect_plan(), "zh", DATE)
    p2 = _page(cw, 1)
    oath2 = p2.find(Polygon, layer="wallitem", ref="oath")[0]
    assert min(q[0] for q in oath2.points) == pytest.approx(p2.meta["view"].x(100.5))


def test_outside_view_is_mirrored(rect_set):
    page = _page(rect_set, 0, "outside")
    view = page.meta["view"]
    sign = page.find(Polygon, layer="wallitem", ref="door_sign")[0]
    # wall 0 runs (0,0)→(9000,0); from outside (south) the start is on the left: left = offset
    assert min(q[0] for q in sign.points) == pytest.approx(view.x(7300))
    door = page.find(Polygon, layer="opening", ref="door:0")[0]
    assert min(q[0] for q in door.points) == pytest.approx(view.x(7600))
    inside = _page(rect_set, 0, "inside")
    door_in = inside.find(Polygon, layer="opening", ref="door:0")[0]
    assert min(q[0] for q in door_in.points) == pytest.approx(inside.meta["view"].x(400))


def test_installer_dimensions_on_elevation(rect_set):
    page = _page(rect_set, 2)
    ordx = {t.text for t in texts(page, "dimension") if t.ref == "ordinate-x"}
    for v in ("0", "3300", "5700", "2350", "3150", "5850", "6650", "9000"):
        assert v in ordx, v
    ordh = {t.text for t in texts(page, "dimension") if t.ref == "ordinate-h"}
    for v in ("0", "800", "2400", "1000", "2200", "3000"):
        assert v in ordh, v
    dims = {d.text: d for d in page.find(Dimension)}
    assert "9000" in dims and dims["9000"].length == pytest.approx(9000 / 50)
    assert "净高 3000" in dims and dims["净高 3000"].length == pytest.approx(3000 / 50)


def test_ordinate_texts_do_not_overlap(rect_set):
    for page in rect_set.elevations:
        if page.meta["kind"] != "elevation":
            continue
        boxes = [text_box(t) for t in texts(page, "dimension") if t.ref.startswith("ordinate")]
        for a, b in itertools.combinations(boxes, 2):
            assert not overlap(a, b)


def test_every_board_title_and_obstacle_on_its_elevation(rect_set):
    for it in rect_plan().wall_items:
        page = _page(rect_set, it.wall, it.face)
        assert page.find(Polygon, ref=it.id), it.id
        if it.kind != "flag":
            words = "".join(t.text for t in texts(page, "label") if t.ref == it.id)
            assert it.title.replace("…", "")[:3] in words, it.id
    p3 = _page(rect_set, 3)
    assert p3.find(Polygon, layer="obstacle", ref="obstacle:0")
    assert any(t.text == "空调" for t in texts(p3))


def test_recording_backend_sees_every_primitive(rect_set):
    rec = record([rect_set.floorplan])
    assert rec.calls[0] == ("page", "floorplan", 420.0, 297.0)
    assert rec.of("arc", "opening", "door:0")
    n_dims = len(rect_set.floorplan.find(Dimension, layer="dimension"))
    # every dimension: a dimension line and two ticks at least, and its text
    assert len(rec.of("text", "dimension")) >= n_dims
    layers = [c[1] for c in rec.calls if c[0] == "layer"]
    assert layers.index("wall") < layers.index("dimension") < layers.index("label")


def test_round_half_up():
    assert [round_mm(x) for x in (2.5, 3.5, -2.5, 100.49, 100.5)] == [3, 4, -2, 100, 101]
    assert fmt_mm(5999.5) == "6000"


@pytest.mark.parametrize("which", ["rect", "l"])
def test_dimension_texts_do_not_overlap(which, rect_set, l_set):
    page = (rect_set if which == "rect" else l_set).floorplan
    boxes = [(t.text, text_box(t)) for t in all_texts(page) if t.layer == "dimension"]
    assert len(boxes) >= 6
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        assert not overlap(a, b), (ta, tb)
    # the chains are parallel lines at different distances from the walls
    offsets = {round(abs(d.offset), 3) for d in page.find(Dimension, layer="dimension")}
    assert len(offsets) >= 2 and min(offsets) >= 3.0


@settings(max_examples=12, deadline=None)
@given(st.integers(3000, 20000), st.integers(3000, 14000), st.floats(0.0, 1.0), st.booleans())
def test_random_rectangles(w, h, door_at, clockwise):
    """Any rectangle: the drawing fits its sheet, the flag is centred on the main-wall
    elevation, every wall length is dimensioned at the sheet's scale."""
    from roomplanner.model.plan import Plan, WallItem
    from tests.render.test_drawing_plans import _spec
    pts = [(0, 0), (w, 0), (w, h), (0, h)]
    if clockwise:
        pts = pts[::-1]
    walls_len = [math.dist(pts[i], pts[(i + 1) % 4]) for i in range(4)]
    main = max(range(4), key=lambda i: (walls_len[i], -i))
    door_wall = (main + 2) % 4
    dl = walls_len[door_wall]
    spec = _spec(pts, [{"kind": "door", "wall": door_wall, "offset": round((dl - 1000) * door_at), "width": 1000,
                        "height": 2100}])
    L = walls_len[main]
    fw, fh = (960, 640) if L < 3000 else (1440, 960)
    plan = Plan(spec=spec, profile="enterprise", main_wall=main, flag_size=4 if fw == 1440 else 5,
                oath_position="below", floor_items=[],
                wall_items=[WallItem(id="flag", kind="flag", role="flag", title="中国共产党党旗", wall=main,
                                     offset=(L - fw) / 2, bottom=1000, width=fw, height=fh)])
    ds = drawing_set(plan, "zh", DATE)
    page = ds.floorplan
    sheet = page.meta["sheet"]
    x0, y0, x1, y1 = sheet.drawing_area
    for p in page.find(Polygon, layer="wall"):
        for q in p.points:
            assert x0 - 1e-6 <= q[0] <= x1 + 1e-6 and y0 - 1e-6 <= q[1] <= y1 + 1e-6
    for d in page.find(Dimension, layer="dimension"):
        assert float(d.text) / sheet.scale == pytest.approx(d.length, abs=0.02)
    el = next(p for p in ds.elevations if p.meta.get("wall") == main)
    flag = el.find(Polygon, layer="flag", ref="flag")[0]
    xs = [q[0] for q in flag.points]
    assert (min(xs) + max(xs)) / 2 == pytest.approx(el.meta["view"].x(L / 2), abs=1e-6)
