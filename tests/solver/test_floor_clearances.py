"""Floor items keep clear of doors and windows, also where the walls are not parallel to
the axes and footprints are rounded to 0.1 mm in plan coordinates.

Regression 1 (found by the property test): in a 5800 × 5000 room rotated 45° (its outline
rounded to 0.1 mm, so not exactly square), the solver placed a chair flush with the far edge
of the door's 1200 mm landing; rounding the chair's corners to 0.1 mm moved its edge up to
0.04 mm into the landing — 1.8 mm² of overlap, more than the checker's 1 mm² — and the checker
failed items.clear_of_openings. The solver now keeps ``KEEP_OUT_MARGIN`` (0.5 mm) from those zones.

Regression 2 (found looking for siblings): tables and chairs stood in front of a window whose
sill is below them (a French window, a 300 mm sill); the seating now keeps off those windows."""

import copy
import math

import pytest
from shapely.geometry import Polygon

from roomplanner.compliance import check
from roomplanner.compliance.geometry import RoomGeometry
from roomplanner.model.spec import spec_from_data
from roomplanner.solver import solve

# a 5800 × 5000 rectangle rotated 45°, the door on the wall from (0, 0)
OUTLINE_45 = [[-3535.5, 3535.5], [565.7, 7636.8], [4101.2, 4101.2], [0.0, 0.0]]


def _room(kind: str, window_offset: float, window_width: float, obstacle_offset: float,
          outline=OUTLINE_45) -> dict:
    return {"branch": {"name": "测试党支部", "type": kind, "members": 13},
            "room": {"outline": outline, "height": 2700,
                     "openings": [{"kind": "door", "wall": 3, "offset": 3200, "width": 1000, "height": 2100},
                                  {"kind": "window", "wall": 2, "offset": window_offset, "width": window_width,
                                   "sill": 900, "height": 1500}],
                     "obstacles": [{"wall": 0, "offset": obstacle_offset, "width": 900, "bottom": 2200, "top": 2600,
                                    "depth": 250, "label": "空调"}]},
            "options": {"opening_clearance": 100, "passage_width": 1200},
            "date": "2026-11-22"}


# the two falsifying examples hypothesis found (also @example of the property test)
ROTATED_45_ENTERPRISE = _room("enterprise", 400, 2400, 400)
ROTATED_45_BUREAU = _room("bureau", 300, 900, 300)


def _rotated(data: dict, degrees: float) -> dict:
    """The same room (the 5800 × 5000 rectangle) rotated by ``degrees``, rounded to 0.1 mm."""
    out = copy.deepcopy(data)
    a = math.radians(degrees)
    base = [[0, 0], [0, 5000], [5800, 5000], [5800, 0]]     # OUTLINE_45 before its rotation, same order
    out["room"]["outline"] = [[round(x * math.cos(a) - y * math.sin(a), 1), round(x * math.sin(a) + y * math.cos(a), 1)]
                              for x, y in base]
    out["room"]["outline"] = out["room"]["outline"][1:] + out["room"]["outline"][:1]   # door wall last, as in OUTLINE_45
    return out


def test_rotated_outline_is_the_falsifying_one():
    assert _rotated(ROTATED_45_ENTERPRISE, 45.0)["room"]["outline"] == OUTLINE_45


def _landing_overlaps(plan) -> list[tuple[str, float]]:
    """(item, area) of floor items overlapping a door's landing (passage-wide, in front of the
    door) — stricter than the checker, which tolerates 1 mm²."""
    room = RoomGeometry(plan)
    p = float(plan.spec.options.passage_width)
    out = []
    for o in plan.spec.room.openings:
        if o.kind != "door":
            continue
        landing = room.walls[o.wall].box(float(o.offset), float(o.offset + o.width), 0.0, p)
        for it in plan.floor_items:
            area = Polygon(it.footprint).intersection(landing).area
            if area > 0:
                out.append((it.id, area))
    return out


@pytest.mark.parametrize("data", [ROTATED_45_ENTERPRISE, ROTATED_45_BUREAU], ids=["enterprise", "bureau"])
@pytest.mark.parametrize("degrees", [0.0, 17.0, 30.0, 45.0, 90.0, 123.0, 180.0, 270.0])
def test_floor_items_clear_of_door_in_rotated_room(data, degrees):
    plan = solve(spec_from_data(_rotated(data, degrees)))
    assert _landing_overlaps(plan) == []
    report = check(plan)
    geometry = {"items.clear_of_openings", "items.no_overlap", "furniture.inside_room", "passage.width"}
    failing = [(f.rule, f.message) for f in report.findings if f.status == "fail" and f.rule in geometry]
    assert failing == []


def test_enterprise_example_is_the_best_plan_naming_the_tv():
    """13 members in 29 m²: the TV no longer fits beside the chairs; the plan says so and the
    checker fails only furniture.required, which the plan names."""
    plan = solve(spec_from_data(ROTATED_45_ENTERPRISE))
    assert "最佳方案" in plan.notes[0] and plan.notes[1].startswith("未满足")
    failing = {f.rule for f in check(plan).findings if f.status == "fail"}
    assert failing == {"area.minimum", "furniture.required", "content.placeholder"}


def test_bureau_example_places_every_item():
    plan = solve(spec_from_data(ROTATED_45_BUREAU))
    assert not any("最佳方案" in n for n in plan.notes)
    report = check(plan)
    assert {f.rule for f in report.findings if f.status == "fail"} <= {"area.minimum", "content.placeholder", "content.optional_placeholder"}
    assert {"tv", "dvd"} <= {it.kind for it in plan.floor_items}


# 31 members in a 5700 × 4700 room, a French window (sill 0) and a 300 mm sill on the side walls
LOW_SILLS = {"branch": {"name": "测试党支部", "type": "university", "members": 31},
             "room": {"outline": [[0, 0], [5700, 0], [5700, 4700], [0, 4700]], "height": 3000,
                      "openings": [{"kind": "door", "wall": 0, "offset": 2700, "width": 1000, "height": 2100},
                                   {"kind": "window", "wall": 1, "offset": 2300, "width": 1500, "sill": 0,
                                    "height": 1500},
                                   {"kind": "window", "wall": 2, "offset": 3200, "width": 1500, "sill": 300,
                                    "height": 1500}],
                      "obstacles": []},
             "options": {"opening_clearance": 200, "passage_width": 1000},
             "date": "2026-11-22"}


def _window_fronts(plan) -> list[tuple[str, int, float]]:
    """(item, window, area) of floor items taller than a window's sill standing within the
    opening clearance in front of it (the checker's zone; here without its 1 mm² tolerance)."""
    room = RoomGeometry(plan)
    c = float(plan.spec.options.opening_clearance)
    out = []
    for k, o in enumerate(plan.spec.room.openings):
        if o.kind != "window":
            continue
        zone = room.walls[o.wall].box(float(o.offset) - c, float(o.offset + o.width) + c, 0.0, c)
        for it in plan.floor_items:
            if it.mount == "floor" and it.height > plan.spec.window_sill(o):
                area = Polygon(it.footprint).intersection(zone).area
                if area > 0:
                    out.append((it.id, k, area))
    return out


@pytest.mark.parametrize("degrees", [0.0, 30.0, 45.0])
def test_seating_keeps_off_low_windows(degrees):
    data = copy.deepcopy(LOW_SILLS)
    a = math.radians(degrees)
    data["room"]["outline"] = [[round(x * math.cos(a) - y * math.sin(a), 1), round(x * math.sin(a) + y * math.cos(a), 1)]
                               for x, y in data["room"]["outline"]]
    plan = solve(spec_from_data(data))
    assert plan.seating.seats > 0
    assert _window_fronts(plan) == []
    failing = [(f.rule, f.message) for f in check(plan).findings if f.status == "fail" and f.rule.startswith(("items.", "passage.", "furniture."))]
    assert failing == []
