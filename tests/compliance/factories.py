"""Hand-built plans for the checker's tests (independent of the solver).

``general_plan()`` and ``enterprise_plan()`` return plain dicts (the plan.json shape) of a
room that passes every rule; tests and ``tests/fixtures/check/make_fixtures.py`` mutate them.

Rooms are rectangles ``W`` (x) × ``D`` (y) mm with the outline counter-clockwise from the
origin: wall 0 is the front (y = 0, entrance door and a window), wall 1 the right side
(x = W), wall 2 the back (y = D, the main wall) and wall 3 the left side (x = 0). On the
main wall an offset grows from x = W towards x = 0.
"""

from __future__ import annotations

import copy
import math
import struct
import zlib

DATE = "2025-06-01"
PHOTO = "photos/zhangsan.png"


def rect(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def wall_item(id, role, wall, offset, bottom, width, height, kind="board", title=None, face="inside", **kw):
    d = {"id": id, "kind": kind, "role": role, "title": title or id, "wall": wall, "face": face,
         "offset": offset, "bottom": bottom, "width": width, "height": height}
    d.update(kw)
    return d


def floor_item(id, kind, footprint, height=750, **kw):
    d = {"id": id, "kind": kind, "label": id, "footprint": footprint, "height": height}
    d.update(kw)
    return d


def conference(W, D, table_len=None, members_side=None):
    """A conference table centred in the room with chairs on both long sides and the ends."""
    TL = table_len if table_len is not None else W - 3500
    x0 = (W - TL) / 2
    y0 = D / 2 - 600
    items = [floor_item("table-1", "table", rect(x0, y0, x0 + TL, y0 + 1200), 750)]
    k = members_side if members_side is not None else int(TL // 500)
    n = 0
    for side in (0, 1):
        for i in range(k):
            cx = x0 + 25 + 500 * i
            cy = y0 + 1250 if side == 0 else y0 - 500
            n += 1
            items.append(floor_item(f"chair-{n}", "chair", rect(cx, cy, cx + 450, cy + 450), 850))
    for cx in (x0 - 500, x0 + TL + 50):
        n += 1
        items.append(floor_item(f"chair-{n}", "chair", rect(cx, y0 + 375, cx + 450, y0 + 825), 850))
    return items


RULES_TEXT = {"text": "【发展党员制度】\n坚持标准，严格程序。\n【党费收缴管理制度】\n党员按月交纳党费。"}


def spec_dict(W, D, members, btype="general", full=None, **content):
    c = {
        "overview": "本支部成立于2010年，现有党员若干名。",
        "committee": [{"name": "李明", "role": "书记"}, {"name": "王芳", "role": "副书记"},
                      {"name": "赵强", "role": "组织委员"}, {"name": "陈静", "role": "宣传委员"},
                      {"name": "刘洋", "role": "纪检委员"}],
        "honors": [{"name": "星火支部", "honour": "先进基层党组织", "year": 2024, "kind": "organisation"},
                   {"name": "张三", "honour": "优秀共产党员", "year": 2025, "kind": "member", "photo": PHOTO}],
        "members": [{"name": "张三", "bio": "技术骨干", "photo": PHOTO}],
        "activities": "每月第一个星期五开展主题党日活动。",
        # the branch's own rule texts (三会一课 would carry a line official-texts.md marks UNVERIFIED,
        # which the checker rightly sends to review)
        "rules": ["发展党员制度", "党费收缴管理制度"],
        "boards": {"rules": RULES_TEXT},
    }
    c.update(content)
    branch = {"name": "星火党支部", "type": btype, "members": members}
    if full is not None:
        branch["full_members"] = full
    return {
        "branch": branch,
        "room": {
            "outline": rect(0, 0, W, D),
            "height": 3000,
            "openings": [
                {"kind": "door", "wall": 0, "offset": W - 1500, "width": 1000, "height": 2100},
                {"kind": "window", "wall": 0, "offset": 1000, "width": 1800, "sill": 900, "height": 1500},
            ],
            "obstacles": [],
        },
        "main_wall": "auto",
        "options": {},
        "content": c,
        "date": DATE,
    }


def general_plan(W=8000, D=6000, members=19, btype="general", **content):
    """Generic-unit branch (oath below the flag), passes every rule at the defaults."""
    c = W / 2
    wall = [
        wall_item("flag", "flag", 2, c - 720, 1700, 1440, 960, kind="flag", title="中国共产党党旗", flag_size=4),
        wall_item("oath", "oath", 2, c - 600, 800, 1200, 800, title="入党誓词"),
        wall_item("nature", "nature", 2, c - 1620, 1000, 800, 1200, title="党的性质、指导思想、基本路线"),
        wall_item("publicity", "publicity", 2, c - 2920, 1200, 1200, 800, title="宣传公开栏"),
        wall_item("rights_duties", "rights_duties", 2, c + 820, 1000, 800, 1200, title="党员的权利和义务"),
        wall_item("rules", "rules", 3, 1000, 1100, 600, 900, title="党建工作制度", placement="side"),
        wall_item("honor", "honor", 1, 2000, 1200, 1200, 800, title="光荣榜", placement="side"),
        wall_item("door_sign", "door_sign", 0, W - 2250, 1900, 600, 200, kind="sign", title="党员活动室",
                  face="outside", placement="door"),
    ]
    floor = conference(W, D) + [
        floor_item("bookcase-1", "bookcase", rect(0, 1000, 400, 1900), 2000, wall=3),
        floor_item("archive_cabinet-1", "archive_cabinet", rect(W - 450, D - 1500, W, D - 600), 1800, wall=1),
        floor_item("tv-1", "tv", rect(3200, 0, 4400, 450), 1400, wall=0),
    ]
    chairs = sum(1 for f in floor if f["kind"] == "chair")
    return {
        "schema_version": "1.0",
        "generator": "tests",
        "spec": spec_dict(W, D, members, btype, **content),
        "profile": btype,
        "main_wall": 2,
        "flag_size": 4,
        "oath_position": "below",
        "wall_items": wall,
        "floor_items": floor,
        "seating": {"mode": "conference", "seats": chairs, "tables": 1},
        "notes": [],
    }


def enterprise_plan(W=9000, D=6000, members=15, full=12):
    """Non-public enterprise branch (oath beside the flag, TV, DVD, disc cabinet)."""
    c = W / 2
    # counter-clockwise outline: on the main wall a larger offset is further to the viewer's left
    wall = [
        wall_item("flag", "flag", 2, c - 960, 1200, 1920, 1280, kind="flag", title="中国共产党党旗", flag_size=3),
        wall_item("oath", "oath", 2, c + 1060, 1200, 800, 1200, title="入党誓词"),
        wall_item("nature", "nature", 2, c - 1860, 1200, 800, 1200, title="党的性质、指导思想、基本路线"),
        wall_item("rights_duties", "rights_duties", 2, c + 2060, 1200, 800, 1200, title="党员的权利和义务"),
        wall_item("rules", "rules", 1, 700, 1100, 600, 900, title="党建工作制度", placement="side"),
        wall_item("org_chart", "org_chart", 1, 1500, 900, 800, 1200, title="党组织设置", placement="side"),
        wall_item("member_style", "member_style", 1, 2500, 1200, 1200, 800, title="党员风貌栏", placement="side"),
        wall_item("honor", "honor", 3, 1000, 1200, 1200, 800, title="荣誉榜", placement="side"),
        wall_item("party_fee", "party_fee", 3, 2400, 1100, 600, 900, title="党费收缴情况", placement="side"),
        wall_item("branch_plaque", "branch_plaque", 0, W - 2700, 900, 400, 1200, kind="sign", title="星火党支部",
                  face="outside", placement="door"),
        wall_item("door_sign", "door_sign", 0, W - 2150, 1900, 600, 200, kind="sign", title="党员（电教）活动室",
                  face="outside", placement="door"),
    ]
    floor = conference(W, D, table_len=4000) + [
        floor_item("tv-1", "tv", rect(10, 500, 460, 1900), 1400, wall=3),
        floor_item("dvd-1", "dvd", rect(60, 1000, 360, 1430), 80, wall=3, mount="on", on="tv-1"),
        floor_item("disc_cabinet-1", "disc_cabinet", rect(W - 410, 4200, W - 10, 5000), 900, wall=1),
    ]
    spec = spec_dict(W, D, members, "enterprise", full=full, boards={"party_fee": {"text": "2025年党费已按时足额收缴。"},
                                                                  "rules": RULES_TEXT})
    spec["room"]["openings"][0]["offset"] = W - 1400
    spec["room"]["openings"][1].update({"offset": 1500, "width": 2400})
    chairs = sum(1 for f in floor if f["kind"] == "chair")
    return {
        "schema_version": "1.0",
        "generator": "tests",
        "spec": spec,
        "profile": "enterprise",
        "main_wall": 2,
        "flag_size": 3,
        "oath_position": "beside",
        "wall_items": wall,
        "floor_items": floor,
        "seating": {"mode": "conference", "seats": chairs, "tables": 1},
        "notes": [],
    }


def item(plan: dict, item_id: str) -> dict:
    for it in plan["wall_items"] + plan["floor_items"]:
        if it["id"] == item_id:
            return it
    raise KeyError(item_id)


def drop(plan: dict, *ids: str) -> dict:
    plan["wall_items"] = [w for w in plan["wall_items"] if w["id"] not in ids]
    plan["floor_items"] = [f for f in plan["floor_items"] if f["id"] not in ids]
    return plan


def clone(plan: dict) -> dict:
    return copy.deepcopy(plan)


def transform(plan: dict, angle_deg: float = 0.0, dx: float = 0.0, dy: float = 0.0) -> dict:
    """Rotate the whole plan about the origin, then translate it. Wall items are placed
    relative to their walls and do not change."""
    p = clone(plan)
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)

    def tf(pt):
        x, y = float(pt[0]), float(pt[1])
        return [x * ca - y * sa + dx, x * sa + y * ca + dy]

    p["spec"]["room"]["outline"] = [tf(q) for q in p["spec"]["room"]["outline"]]
    for f in p["floor_items"]:
        f["footprint"] = [tf(q) for q in f["footprint"]]
        if f.get("faces"):
            x, y = f["faces"]
            f["faces"] = [x * ca - y * sa, x * sa + y * ca]
    return p


def tiny_png(width: int = 4, height: int = 4) -> bytes:
    """A valid grey PNG built byte by byte (deterministic, no Pillow needed)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels (an image bomb for header checks)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))
