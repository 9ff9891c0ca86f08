"""Hand-built plans for the drawing tests (independent of the solver), and checks that they
are valid plans.

* ``rect_plan()``: a 9000 × 6000 mm room, counter-clockwise outline, main wall 2 (the top
  wall, 9000 mm), a no. 2 flag (2400 × 1600) centred on it with the oath and nature boards
  beside it, an honour board on wall 3, a door on wall 0 (door sign outside), a window on
  wall 1, an air conditioner on wall 3, a table with six chairs, a bookcase, a TV with a DVD
  player on it and a ceiling projector.
* ``cw_rect_plan()``: the same room drawn clockwise (so ``offset`` is the viewer's left).
* ``l_plan()``: an L-shaped room (10 × 7 m with a 4 × 3 m notch), main wall 5.
"""

from __future__ import annotations

import copy

from roomplanner.model.plan import FloorItem, Plan, WallItem, plan_from_data
from roomplanner.model.spec import Spec

DATE = "2026-11-22"

HAS_MOUNT = "mount" in FloorItem.model_fields


def _spec(outline, openings, obstacles=(), members=25, name="星火科技有限公司党支部", btype="enterprise"):
    return Spec.model_validate({
        "branch": {"name": name, "type": btype, "members": members},
        "room": {"outline": outline, "height": 3000, "openings": list(openings),
                 "obstacles": list(obstacles), "wall_thickness": 240},
        "date": DATE,
    })


def rect(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _floor(id, kind, label, fp, height=750, wall=None, faces=None, mount=None, on=None):
    d = dict(id=id, kind=kind, label=label, footprint=fp, height=height, wall=wall, faces=faces)
    if HAS_MOUNT and mount:
        d["mount"] = mount
        if on:
            d["on"] = on
    return FloorItem(**d)


def _chairs_around(x0, y0, x1, y1):
    """Six chairs: three below and three above a table (x0..x1, y0..y1), facing it."""
    out = []
    w = (x1 - x0) / 3
    for k in range(3):
        cx = x0 + w * (k + 0.5)
        out.append(_floor(f"chair-{k + 1}", "chair", "椅子", rect(cx - 225, y0 - 550, cx + 225, y0 - 100),
                          450, faces=(0, 1)))
        out.append(_floor(f"chair-{k + 4}", "chair", "椅子", rect(cx - 225, y1 + 100, cx + 225, y1 + 550),
                          450, faces=(0, -1)))
    return out


def rect_plan(lang_title: bool = True) -> Plan:
    spec = _spec(
        [(0, 0), (9000, 0), (9000, 6000), (0, 6000)],
        [{"kind": "door", "wall": 0, "offset": 7600, "width": 1000, "height": 2100},
         {"kind": "window", "wall": 1, "offset": 1500, "width": 3000, "sill": 900, "height": 1500}],
        [{"wall": 3, "offset": 200, "width": 600, "bottom": 2200, "top": 2800, "label": "空调"}])
    wall_items = [
        # main wall 2 runs from (9000, 6000) to (0, 6000): CCW, so left = 9000 - offset - width
        WallItem(id="flag", kind="flag", role="flag", title="中国共产党党旗", wall=2, offset=3300, bottom=800,
                 width=2400, height=1600, flag_size=2),
        WallItem(id="oath", kind="board", role="oath", title="入党誓词", wall=2, offset=5850, bottom=1000,
                 width=800, height=1200),
        WallItem(id="nature", kind="board", role="nature", title="党的性质、指导思想、基本路线", wall=2,
                 offset=2350, bottom=1000, width=800, height=1200),
        WallItem(id="honor", kind="board", role="honor", title="光荣榜", wall=3, offset=1725, bottom=1150,
                 width=1200, height=800, placement="side"),
        WallItem(id="rules", kind="board", role="rules", title="党建工作制度", wall=1, offset=4925, bottom=1100,
                 width=600, height=900, placement="side"),
        WallItem(id="door_sign", kind="sign", role="door_sign", title="党员（电教）活动室", wall=0, face="outside",
                 offset=7300, bottom=2200, width=600, height=200, placement="door"),
    ]
    floor = [_floor("table-1", "table", "会议桌", rect(3000, 2400, 6000, 3600))]
    floor += _chairs_around(3000, 2400, 6000, 3600)
    floor.append(_floor("bookcase-1", "bookcase", "书柜", rect(8600, 4600, 8990, 5800), 1800, wall=1))
    floor.append(_floor("tv-1", "tv", "电视机（含柜）", rect(10, 4000, 460, 5400), 600, wall=3))
    floor.append(_floor("dvd-1", "dvd", "DVD机", rect(60, 4400, 360, 4830), 80, wall=3, mount="on", on="tv-1"))
    floor.append(_floor("projector-1", "projector", "投影仪", rect(4300, 2800, 4700, 3200), 200, mount="ceiling"))
    return Plan(spec=spec, profile="enterprise", main_wall=2, flag_size=2, oath_position="beside",
                wall_items=wall_items, floor_items=floor)


def cw_rect_plan() -> Plan:
    """The same room as rect_plan() but clockwise: walls 0 left, 1 top, 2 right, 3 bottom;
    seen from inside, ``offset`` is the distance from the viewer's left corner."""
    spec = _spec(
        [(0, 0), (0, 6000), (9000, 6000), (9000, 0)],
        [{"kind": "door", "wall": 3, "offset": 400, "width": 1000, "height": 2100}])
    wall_items = [
        WallItem(id="flag", kind="flag", role="flag", title="中国共产党党旗", wall=1, offset=3300, bottom=800,
                 width=2400, height=1600, flag_size=2),
        WallItem(id="oath", kind="board", role="oath", title="入党誓词", wall=1, offset=100.5, bottom=1000.5,
                 width=800, height=1200),
    ]
    return Plan(spec=spec, profile="enterprise", main_wall=1, flag_size=2, oath_position="beside",
                wall_items=wall_items, floor_items=[])


def l_plan() -> Plan:
    spec = _spec(
        [(0, 0), (10000, 0), (10000, 4000), (6000, 4000), (6000, 7000), (0, 7000)],
        [{"kind": "door", "wall": 3, "offset": 1200, "width": 1000, "height": 2100},
         {"kind": "window", "wall": 0, "offset": 2000, "width": 2400, "sill": 900, "height": 1500}],
        name="县交通运输局机关党支部", btype="bureau", members=22)
    # wall 5 runs from (0, 7000) to (0, 0), length 7000
    wall_items = [
        WallItem(id="flag", kind="flag", role="flag", title="中国共产党党旗", wall=5, offset=2300, bottom=800,
                 width=2400, height=1600, flag_size=2),
        WallItem(id="oath", kind="board", role="oath", title="入党誓词", wall=5, offset=4850, bottom=1000,
                 width=800, height=1200),
        WallItem(id="nature", kind="board", role="nature", title="党的性质、指导思想、基本路线", wall=5,
                 offset=1350, bottom=1000, width=800, height=1200),
        WallItem(id="plaque", kind="sign", role="branch_plaque", title="县交通运输局机关党支部", wall=3,
                 face="outside", offset=2400, bottom=950, width=400, height=1200, placement="door"),
    ]
    floor = [_floor("table-1", "table", "会议桌", rect(1500, 2000, 4500, 3200))]
    floor += _chairs_around(1500, 2000, 4500, 3200)
    floor.append(_floor("cabinet-1", "archive_cabinet", "档案柜", rect(9500, 500, 9990, 1400), 1800, wall=1))
    return Plan(spec=spec, profile="bureau", main_wall=5, flag_size=2, oath_position="beside",
                wall_items=wall_items, floor_items=floor)


PLANS = {"rect": rect_plan, "cw": cw_rect_plan, "l": l_plan}


def test_factory_plans_are_valid_plan_files():
    for name, make in PLANS.items():
        plan = make()
        again = plan_from_data(copy.deepcopy(plan.model_dump(mode="json")), name)
        assert again == plan


def test_factory_flag_is_centred():
    for make in PLANS.values():
        plan = make()
        flag = plan.item("flag")
        L = plan.spec.walls()[flag.wall].length
        assert flag.offset + flag.width / 2 == L / 2
