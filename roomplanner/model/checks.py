"""The checks of a spec that its structure alone cannot express: the branch type exists, the
outline is a simple polygon of sane size, every opening and obstacle lies on a wall and inside
the room's height. Each problem names the field path, the value and the limit."""

from __future__ import annotations

import re

from ..i18n import Problem, Text

MAX_OUTLINE_POINTS = 64
MIN_WALL_LENGTH = 300.0
MAX_COORDINATE = 200_000.0   # any coordinate: 200 m from the origin
MAX_ROOM_SPAN = 100_000.0    # the room's bounding box: 100 m on either side (no activity room is larger)
MAX_ROOM_AREA_M2 = 5_000.0   # specs and plans share these limits (the checker reads them from here)
MAX_MEMBERS = 10_000

KIND = {"door": Text("门", "door"), "window": Text("窗", "window")}

T = Text
_UNKNOWN_TYPE = T("未知的支部类型 {got}{hint}；可选：{known}", "unknown branch type {got}{hint}; known types: {known}")
_FULL_GT = T("正式党员 {full} 名，多于党员总数 branch.members（{members} 名）；正式党员是全体党员的一部分",
             "{full} is more than branch.members ({members}); full members are a subset of all members")
_FAR = T("点 ({x:g}, {y:g}) 离原点超过 {lim:g} 米；坐标单位是毫米",
         "point ({x:g}, {y:g}) lies more than {lim:g} m from the origin; coordinates are millimetres")
_DUP = T("重复的点 ({x:g}, {y:g})，与 room.outline[{j}] 相同", "duplicate point ({x:g}, {y:g}), same as room.outline[{j}]")
_ZERO = T("轮廓面积为零（{n} 个点都在一条直线上）；应按顺序列出房间的各个墙角",
          "the outline has zero area (all {n} points lie on one line); expected the corners of the room in order")
_CROSS = T("轮廓自相交{where}；请沿房间一周按顺序列出墙角",
           "the outline crosses itself{where} ({why}); list the corners in order around the room")
_NEAR = T("（在 ({x:g}, {y:g}) 附近）", " near ({x:g}, {y:g})")
_SPAN = T("房间跨度 {span:.1f} 米，超过 {lim:g} 米的上限；坐标单位是毫米",
          "the room is {span:.1f} m across, more than the {lim:g} m limit; coordinates are millimetres")
_AREA = T("房间面积 {area:.0f} 平方米，超过 {lim:g} 平方米的上限", "the room's area is {area:.0f} m², more than the {lim:g} m² limit")
_SHORT_WALL = T("第 {w} 面墙（从第 {a} 点到第 {b} 点）长 {len:.0f} 毫米，短于最小值 {lim:.0f} 毫米",
                "wall {w} (from point {a} to point {b}) is {len:.0f} mm long, shorter than the {lim:.0f} mm minimum")
_HEIGHT = T("{h:g} 毫米；层高应在 2000 到 20000 毫米之间", "{h:g} mm, expected a ceiling height between 2000 and 20000 mm")
_NO_WALL = T("第 {w} 面墙不存在；轮廓的墙编号为 0 到 {last}", "wall {w} does not exist; the outline has walls 0 to {last}")
_PAST_END = T("{kind}（偏移 {offset:g} + 宽度 {width:g}）超出了第 {w} 面墙的末端（墙长 {len:.0f}）",
              "{kind} (offset {offset:g} + width {width:g}) runs past the end of wall {w} (length {len:.0f})")
_DOOR_SILL = T("门没有窗台（得到 {sill:g}）；请删去此项或写 0", "a door has no sill (got {sill:g}); omit it or set 0")
_DOOR_HIGH = T("门高 {h:g} 高于顶棚（{H:g}）", "door height {h:g} is above the ceiling ({H:g})")
_DOOR_NARROW = T("门宽 {w:g} 毫米，窄于 700 毫米；单位是毫米吗？", "door width {w:g} mm is narrower than 700 mm; is it in millimetres?")
_DOOR_ONLY = T("swing（开启方向）、hinge（铰链）和 entrance（入口）只用于门", "swing, hinge and entrance apply to doors only")
_WIN_HIGH = T("窗台 {sill:g} + 窗高 {h:g} = {top:g}，高于顶棚（{H:g}）",
              "window sill {sill:g} + height {h:g} = {top:g} is above the ceiling ({H:g})")
_OVERLAP = T("偏移 {a:g} 处的{kind}与 room.openings[{j}]（{okind}，偏移 {oa:g} 到 {ob:g}）在第 {w} 面墙上重叠",
             "{kind} at offset {a:g} overlaps room.openings[{j}] ({okind}, offset {oa:g} to {ob:g}) on wall {w}")
_TWO_ENTRANCES = T("只能有一扇门是入口（room.openings[{j}] 已经是）",
                   "only one door can be the entrance (room.openings[{j}] already is)")
_NO_DOOR = T("房间没有门；请至少加一扇门 {{kind: door, ...}}", "the room has no door; add at least one {{kind: door, ...}}")
_OB_PAST_END = T("障碍物（偏移 {offset:g} + 宽度 {width:g}）超出了第 {w} 面墙的末端（墙长 {len:.0f}）",
                 "obstacle (offset {offset:g} + width {width:g}) runs past the end of wall {w} (length {len:.0f})")
_OB_UPSIDE = T("顶部 {top:g} 应高于底部 {bottom:g}", "top {top:g} must be above bottom {bottom:g}")
_OB_HIGH = T("{top:g} 高于顶棚（{H:g}）", "{top:g} is above the ceiling ({H:g})")
_OB_IN_OPENING = T("{label}（偏移 {a:g}–{b:g}，高度 {lo:g}–{hi:g}）与{kind} room.openings[{j}]（偏移 {oa:g}–{ob:g}）在第 {w} 面墙上重叠",
                   "{label} (offset {a:g}–{b:g}, height {lo:g}–{hi:g}) overlaps the {kind} room.openings[{j}] "
                   "(offset {oa:g}–{ob:g}) on wall {w}")
_EYE_HIGH = T("{hi:g} 高于顶棚（{H:g}）", "{hi:g} is above the ceiling ({H:g})")
_DID_YOU_MEAN = T("（是不是 {hint}？）", " (did you mean {hint}?)")


def geometry_problems(spec: "Spec", known_types: list[str] | None = None) -> list[Problem]:
    from shapely.geometry import MultiPoint, Polygon
    from shapely.validation import explain_validity

    from ..profiles import suggest_type, type_choices

    problems: list[Problem] = []
    P = problems.append
    if known_types is not None and spec.branch.type not in known_types:
        hint = suggest_type(spec.branch.type)
        tail = (T(_DID_YOU_MEAN.zh.format(hint=hint.zh), _DID_YOU_MEAN.en.format(hint=hint.en)) if hint else T("", ""))
        P(Problem("branch.type", _UNKNOWN_TYPE, {"got": repr(spec.branch.type), "hint": tail, "known": type_choices()}))
    b = spec.branch
    if b.full_members is not None and b.full_members > b.members:
        P(Problem("branch.full_members", _FULL_GT, {"full": b.full_members, "members": b.members}))
    from ..profiles import known_types as _types, profile_id_for
    from .venue import venue_problems
    profile_problem = None
    if b.type in _types():
        try:
            profile_id_for(b.type, spec.venue)
        except KeyError as exc:
            profile_problem = exc.args[0]
    venue = venue_problems(spec, profile_problem)   # venues without a room of their own (issue 13)
    if venue is not None:
        return problems + venue


    pts = spec.outline
    far = False
    for i, (x, y) in enumerate(pts):
        if abs(x) > MAX_COORDINATE or abs(y) > MAX_COORDINATE:
            P(Problem(f"room.outline[{i}]", _FAR, {"x": x, "y": y, "lim": MAX_COORDINATE / 1000}))
            far = True
    if far:
        return problems
    seen: dict[tuple[float, float], int] = {}
    dup = False
    for i, p in enumerate(pts):
        if p in seen:
            P(Problem(f"room.outline[{i}]", _DUP, {"x": p[0], "y": p[1], "j": seen[p]}))
            dup = True
        else:
            seen[p] = i
    if dup:
        return problems
    if MultiPoint(pts).convex_hull.area < 1.0:
        P(Problem("room.outline", _ZERO, {"n": len(pts)}))
        return problems
    from .geometry import signed_area
    poly = Polygon(pts)
    if not poly.is_valid or abs(signed_area(pts)) < 1.0:
        why = explain_validity(poly)
        m = re.search(r"\[([-\d.e+]+)\s+([-\d.e+]+)\]", why)
        where = _NEAR if m else T("", "")
        xy = {"x": float(m.group(1)), "y": float(m.group(2))} if m else {}
        where = T(where.zh.format(**xy), where.en.format(**xy)) if m else where
        P(Problem("room.outline", _CROSS, {"where": where, "why": why}))
        return problems
    minx, miny, maxx, maxy = poly.bounds
    span = max(maxx - minx, maxy - miny)
    if span > MAX_ROOM_SPAN:
        P(Problem("room.outline", _SPAN, {"span": span / 1000, "lim": MAX_ROOM_SPAN / 1000}))
        return problems
    if poly.area / 1e6 > MAX_ROOM_AREA_M2:
        P(Problem("room.outline", _AREA, {"area": poly.area / 1e6, "lim": MAX_ROOM_AREA_M2}))
        return problems
    walls = spec.walls()
    n = len(walls)
    for w in walls:
        if w.length < MIN_WALL_LENGTH:
            P(Problem("room.outline", _SHORT_WALL, {"w": w.index, "a": w.index, "b": (w.index + 1) % n,
                                                    "len": w.length, "lim": MIN_WALL_LENGTH}))
    H = float(spec.room.height)
    if H < 2000 or H > 20000:
        P(Problem("room.height", _HEIGHT, {"h": H}))

    spans: dict[int, list[tuple[float, float, int, str]]] = {}
    for k, o in enumerate(spec.room.openings):
        path = f"room.openings[{k}]"
        if o.wall >= n:
            P(Problem(f"{path}.wall", _NO_WALL, {"w": o.wall, "last": n - 1}))
            continue
        L = walls[o.wall].length
        if o.offset + o.width > L + 1e-6:
            P(Problem(path, _PAST_END, {"kind": KIND[o.kind], "offset": o.offset, "width": o.width, "w": o.wall,
                                        "len": L}))
        if o.kind == "door":
            if o.sill not in (None, 0):
                P(Problem(f"{path}.sill", _DOOR_SILL, {"sill": o.sill}))
            if o.height > H:
                P(Problem(f"{path}.height", _DOOR_HIGH, {"h": o.height, "H": H}))
            if o.width < 700:
                P(Problem(f"{path}.width", _DOOR_NARROW, {"w": o.width}))
        else:
            if o.swing != "in" or o.hinge != "auto" or o.entrance is not None:
                P(Problem(path, _DOOR_ONLY))
            sill = spec.window_sill(o)
            if sill + o.height > H + 1e-6:
                P(Problem(path, _WIN_HIGH, {"sill": sill, "h": o.height, "top": sill + o.height, "H": H}))
        spans.setdefault(o.wall, []).append((float(o.offset), float(o.offset + o.width), k, o.kind))
    for wall, lst in spans.items():
        lst.sort()
        for a, b2 in zip(lst, lst[1:]):
            if b2[0] < a[1] - 1e-6:
                P(Problem(f"room.openings[{b2[2]}]", _OVERLAP, {"kind": KIND[b2[3]], "a": b2[0], "j": a[2],
                                                                "okind": KIND[a[3]], "oa": a[0], "ob": a[1], "w": wall}))
    entrances = [k for k, o in enumerate(spec.room.openings) if o.kind == "door" and o.entrance]
    if len(entrances) > 1:
        P(Problem(f"room.openings[{entrances[1]}].entrance", _TWO_ENTRANCES, {"j": entrances[0]}))
    if not any(o.kind == "door" for o in spec.room.openings):
        P(Problem("room.openings", _NO_DOOR))

    for k, ob in enumerate(spec.room.obstacles):
        path = f"room.obstacles[{k}]"
        if ob.wall >= n:
            P(Problem(f"{path}.wall", _NO_WALL, {"w": ob.wall, "last": n - 1}))
            continue
        L = walls[ob.wall].length
        if ob.offset + ob.width > L + 1e-6:
            P(Problem(path, _OB_PAST_END, {"offset": ob.offset, "width": ob.width, "w": ob.wall, "len": L}))
        if ob.top <= ob.bottom:
            P(Problem(path, _OB_UPSIDE, {"top": ob.top, "bottom": ob.bottom}))
        if ob.top > H + 1e-6:
            P(Problem(f"{path}.top", _OB_HIGH, {"top": ob.top, "H": H}))
    for k, ob in enumerate(spec.room.obstacles):
        for j, o in enumerate(spec.room.openings):
            if ob.wall != o.wall or ob.wall >= n:
                continue
            lo, hi = ((0.0, float(o.height)) if o.kind == "door"
                      else (spec.window_sill(o), spec.window_sill(o) + float(o.height)))
            if (float(ob.offset) < float(o.offset + o.width) and float(o.offset) < float(ob.offset + ob.width)
                    and float(ob.bottom) < hi and lo < float(ob.top)):
                P(Problem(f"room.obstacles[{k}]", _OB_IN_OPENING, {
                    "label": ob.label, "a": ob.offset, "b": ob.offset + ob.width, "lo": ob.bottom, "hi": ob.top,
                    "kind": KIND[o.kind], "j": j, "oa": o.offset, "ob": o.offset + o.width, "w": ob.wall}))
    if isinstance(spec.main_wall, int) and spec.main_wall >= n:
        P(Problem("main_wall", _NO_WALL, {"w": spec.main_wall, "last": n - 1}))
    lo, hi = spec.options.eye_level
    if hi > H:
        P(Problem("options.eye_level", _EYE_HIGH, {"hi": hi, "H": H}))
    return problems
