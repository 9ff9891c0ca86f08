"""floorplan.dxf and elevations.dxf: ezdxf's audit finds no errors; millimetres; the Chinese
layers, a CJK text style, real DIMENSION entities, one block per board kind; the flag's and
every board's rectangle where plan.json puts them (within 1 mm)."""

from __future__ import annotations

import io
from collections import Counter

import ezdxf
import pytest

from roomplanner.export.dxf_elevations import elevation_origins, elevations_dxf
from roomplanner.export.dxf_floorplan import floorplan_dxf

from .conftest import solved
from .helpers import wall_frame

TOL = 1.0
LAYERS = ("墙体", "门窗", "党旗", "图板", "家具", "尺寸标注", "文字")


def read(data: bytes):
    return ezdxf.read(io.StringIO(data.decode("utf-8")))


@pytest.fixture(params=("floorplan", "elevations"))
def which(request):
    return request.param


def render(plan, which):
    return (floorplan_dxf if which == "floorplan" else elevations_dxf)(plan, "zh")


def test_audit_units_layers_style(plan, which):
    doc = read(render(plan, which))
    auditor = doc.audit()
    assert not auditor.has_errors, [str(e.message) for e in auditor.errors]
    assert doc.header["$INSUNITS"] == 4
    for name in LAYERS:
        assert name in doc.layers, name
    style = doc.styles.get("HZ")
    assert style.dxf.font.lower().endswith(".ttf")
    msp = doc.modelspace()
    texts = msp.query("TEXT")
    assert texts and all(t.dxf.style == "HZ" for t in texts)
    dims = msp.query("DIMENSION")
    assert len(dims) >= len(plan.spec.room.outline)
    assert all(d.dxf.layer == "尺寸标注" and d.dxf.geometry in doc.blocks for d in dims)
    # the title block names the branch
    assert any(t.dxf.text == plan.spec.branch.name for t in texts)


def test_one_block_per_board_kind(plan, which):
    doc = read(render(plan, which))
    inserts = [e for e in doc.modelspace().query("INSERT") if e.dxf.layer == "图板"]
    ids = Counter(e.get_attrib_text("ID") for e in inserts)
    boards = [it for it in plan.wall_items if it.kind != "flag"]
    assert ids == Counter(it.id for it in boards)
    kinds = {(it.role, float(it.width), float(it.height)) for it in boards}
    assert len({e.dxf.name for e in inserts}) == len(kinds)
    for e in inserts:   # the block name says the role
        it = plan.item(e.get_attrib_text("ID"))
        assert it.role in e.dxf.name and e.get_attrib_text("TITLE") == it.title


def _rect_of_insert(e):
    pts = []
    for v in e.virtual_entities():
        if v.dxftype() == "LWPOLYLINE":
            pts += [(p[0], p[1]) for p in v.vertices_in_wcs()]
    return pts


def test_floorplan_rectangles_match_plan(plan):
    doc = read(floorplan_dxf(plan))
    msp = doc.modelspace()
    outline = [(float(x), float(y)) for x, y in plan.spec.room.outline]
    T = float(plan.spec.room.wall_thickness)
    inserts = {e.get_attrib_text("ID"): e for e in msp.query("INSERT") if e.dxf.layer == "图板"}
    flags = [e for e in msp.query("LWPOLYLINE") if e.dxf.layer == "党旗"]
    for it in plan.wall_items:
        (sx, sy), (dx, dy), (nx, ny), L = wall_frame(outline, it.wall)
        if it.kind == "flag":
            cands = [[(p[0], p[1]) for p in f.get_points("xy")] for f in flags]
        else:
            cands = [_rect_of_insert(inserts[it.id])]
        ok = False
        for pts in cands:
            along = [(x - sx) * dx + (y - sy) * dy for x, y in pts]
            across = [(x - sx) * nx + (y - sy) * ny for x, y in pts]
            if abs(min(along) - it.offset) > TOL or abs(max(along) - it.right) > TOL:
                continue
            if it.face == "inside":
                ok = abs(min(across)) <= TOL and 0 < max(across) <= 30
            else:
                ok = abs(max(across) + T) <= TOL and -T - 30 <= min(across) < -T
            if ok:
                break
        assert ok, it.id


def test_elevation_rectangles_match_plan(plan):
    doc = read(elevations_dxf(plan))
    msp = doc.modelspace()
    outline = [(float(x), float(y)) for x, y in plan.spec.room.outline]
    n = len(outline)
    area = sum(outline[k][0] * outline[(k + 1) % n][1] - outline[(k + 1) % n][0] * outline[k][1] for k in range(n))
    origins = {(i, face): x0 for i, face, x0 in elevation_origins(plan)}
    assert {i for i, face in origins if face == "inside"} == set(range(n))   # every wall
    inserts = {e.get_attrib_text("ID"): e for e in msp.query("INSERT") if e.dxf.layer == "图板"}
    flag_rects = [[(p[0], p[1]) for p in f.get_points("xy")] for f in msp.query("LWPOLYLINE")
                  if f.dxf.layer == "党旗" and f.closed]
    for it in plan.wall_items:
        L = wall_frame(outline, it.wall)[3]
        # seen from inside, a counter-clockwise outline's wall starts on the viewer's right
        left = L - it.offset - it.width if area > 0 else it.offset
        if it.face == "outside":
            left = L - left - it.width
        x0 = origins[(it.wall, it.face)] + left
        want = (x0, float(it.bottom), x0 + float(it.width), it.top)
        if it.kind == "flag":
            best = max(flag_rects, key=lambda r: (max(p[0] for p in r) - min(p[0] for p in r)) *
                       (max(p[1] for p in r) - min(p[1] for p in r)) if min(p[0] for p in r) > x0 - 10 * L else 0)
            pts = best
        else:
            pts = _rect_of_insert(inserts[it.id])
        got = (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))
        assert all(abs(a - b) <= TOL for a, b in zip(got, want)), (it.id, got, want)


def test_emblem_position_marked_not_drawn():
    """The flag carries the emblem's position (square and circle) like the PDF, nothing more."""
    plan = solved("enterprise-9x6")
    doc = read(elevations_dxf(plan))
    flag = plan.item("flag")
    circles = [c for c in doc.modelspace().query("CIRCLE") if c.dxf.layer == "党旗"]
    assert len(circles) == 1
    assert abs(circles[0].dxf.radius - 4 * float(flag.width) / 36) <= TOL
    assert not doc.modelspace().query("IMAGE")


def test_same_plan_same_bytes(which):
    plan = solved("enterprise-9x6")
    assert render(plan, which) == render(plan, which)


def test_english():
    plan = solved("enterprise-9x6")
    doc = read(elevations_dxf(plan, "en"))
    texts = [t.dxf.text for t in doc.modelspace().query("TEXT")]
    assert "Elevations" in texts and any(t.startswith("Wall 2 elevation (main wall)") for t in texts)
