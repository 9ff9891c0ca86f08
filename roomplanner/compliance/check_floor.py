"""Checks of the floor and of what stands or hangs where: seats, overlaps, walls, openings,
heights, furniture and the passage to every seat."""

from __future__ import annotations

import math

import shapely
from shapely.geometry import Point
from shapely.ops import unary_union

from ..model.plan import WallItem
from . import catalog as C
from .catalog import RULES
from .findings import Finding
from .geometry import interval_overlap, projected_interval, rect_gap, wall_rect
from .context import Ctx, _fmt, rule

# ====================================================================== seats and items

def _chairs_inside(ctx: Ctx) -> list[str]:
    room = ctx.room.polygon
    return [i for i, it in ctx.floor.items.items() if it.kind == "chair" and room.covers(ctx.floor.centre(i))]


@rule("seats.for_members")
def seats_for_members(ctx: Ctx) -> Finding:
    R = "seats.for_members"
    seating = next((f for f in ctx.profile.furniture if f.kind == "seating"), None)
    if seating is None or not seating.required:
        return ctx.na(R, "本类型不要求为全体党员设座", "the profile does not require seating for all members")
    chairs = _chairs_inside(ctx)
    m = ctx.spec.branch.members
    ok = len(chairs) >= m
    return ctx.finding(R, "pass" if ok else "fail",
                       ctx.t(f"室内有 {len(chairs)} 把椅子，党员 {m} 人" + ("" if ok else "，座位不足"),
                             f"{len(chairs)} chairs in the room for {m} members" + ("" if ok else ": too few")),
                       measured=len(chairs), required=m, items=chairs if not ok else (),
                       source=f"{RULES[R].source}; {seating.source}")


@rule("items.no_overlap")
def items_no_overlap(ctx: Ctx) -> Finding:
    R = "items.no_overlap"
    problems: list[str] = []
    involved: set[str] = set()
    # -- wall items on the same wall face
    groups: dict[tuple[int, str], list[WallItem]] = {}
    for w in ctx.plan.wall_items:
        groups.setdefault((w.wall, w.face), []).append(w)
    for key in sorted(groups):
        lst = sorted(groups[key], key=lambda w: (float(w.offset), w.id))
        for i, a in enumerate(lst):
            ra = wall_rect(a)
            for b in lst[i + 1:]:
                rb = wall_rect(b)
                if rb[0] >= ra[1] - C.OVERLAP_TOL_MM:
                    break
                if interval_overlap(ra[0], ra[1], rb[0], rb[1]) > C.OVERLAP_TOL_MM and \
                        interval_overlap(ra[2], ra[3], rb[2], rb[3]) > C.OVERLAP_TOL_MM:
                    problems.append(ctx.t(f"{a.id} 与 {b.id} 重叠", f"{a.id} overlaps {b.id}"))
                    involved.update((a.id, b.id))
    # -- floor items with each other (sharing floor area and height)
    fm = ctx.floor
    ids = [i for i in fm.items if fm.span(i) is not None]
    polys = [fm.poly[i] for i in ids]
    if len(polys) > 1:
        tree = shapely.STRtree(polys)
        pairs = tree.query(polys, predicate="intersects")
        seen = set()
        for a_i, b_i in zip(*pairs):
            if a_i >= b_i:
                continue
            a, b = ids[a_i], ids[b_i]
            if (a, b) in seen:
                continue
            seen.add((a, b))
            if b in fm.host_chain(a) or a in fm.host_chain(b):
                continue
            sa, sb = fm.span(a), fm.span(b)
            if interval_overlap(sa[0], sa[1], sb[0], sb[1]) <= C.OVERLAP_TOL_MM:
                continue
            if polys[a_i].intersection(polys[b_i]).area > C.OVERLAP_AREA_TOL_MM2:
                pa, pb = sorted((a, b))
                problems.append(ctx.t(f"{pa} 与 {pb} 重叠", f"{pa} overlaps {pb}"))
                involved.update((a, b))
    # -- floor items with columns and other deep wall obstacles
    for k, ob in enumerate(ctx.spec.room.obstacles):
        box = ctx.room.obstacle_box(k)
        if box is None:
            continue
        for i in ids:
            sp = fm.span(i)
            if interval_overlap(sp[0], sp[1], float(ob.bottom), float(ob.top)) <= C.OVERLAP_TOL_MM:
                continue
            if fm.poly[i].intersection(box).area > C.OVERLAP_AREA_TOL_MM2:
                problems.append(ctx.t(f"{i} 与障碍物“{ob.label}”重叠", f"{i} overlaps the obstacle '{ob.label}'"))
                involved.add(i)
    # -- furniture standing in front of a board
    for w in ctx.plan.wall_items:
        if w.face != "inside":
            continue
        wf = ctx.room.walls[w.wall]
        r = wall_rect(w)
        for i in ids:
            it = fm.items[i]
            if it.kind == "chair":
                continue     # chairs are moved; they do not hide a board
            sp = fm.span(i)
            if sp[1] <= r[2] + C.OVERLAP_TOL_MM or sp[0] >= r[3] - C.OVERLAP_TOL_MM:
                continue
            if fm.poly[i].distance(wf.segment) > C.WALL_CONTACT_MM:
                continue
            lo, hi, depth = projected_interval(wf, fm.poly[i])
            if depth > C.WALL_CONTACT_MM:
                continue
            if interval_overlap(lo, hi, r[0], r[1]) > C.OVERLAP_TOL_MM:
                problems.append(ctx.t(f"{i} 挡住了图板 {w.id}", f"{i} stands in front of {w.id}"))
                involved.update((i, w.id))
    if problems:
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(problems), measured=len(problems), required=0,
                           unit="overlaps", items=sorted(involved))
    return ctx.finding(R, "pass", ctx.t("物品互不重叠，无家具遮挡图板", "no items overlap and no furniture hides a board"),
                       measured=0, required=0, unit="overlaps")


@rule("items.within_wall")
def items_within_wall(ctx: Ctx) -> Finding:
    R = "items.within_wall"
    if not ctx.plan.wall_items:
        return ctx.na(R, "方案中没有上墙物品", "the plan has no wall items")
    H = ctx.room.height
    bad, worst = [], 0.0
    for w in ctx.plan.wall_items:
        L = ctx.room.walls[w.wall].length
        l, r, b, t = wall_rect(w)
        excess = max(-l, r - L, -b, t - H)
        if excess > C.INSIDE_TOL_MM + C.NUM_EPS:
            bad.append(w.id)
            worst = max(worst, excess)
    if bad:
        return ctx.finding(R, "fail", ctx.t(f"{', '.join(bad)} 超出所在墙面（最多 {worst:.0f} mm）", f"{', '.join(bad)} extend beyond their wall (up to {worst:.0f} mm)"),
                           measured=round(worst, 2), required=C.INSIDE_TOL_MM, items=bad)
    return ctx.finding(R, "pass", ctx.t("所有上墙物品都在墙面范围内", "every wall item lies within its wall"),
                       measured=0, required=C.INSIDE_TOL_MM)


@rule("items.clear_of_openings")
def items_clear_of_openings(ctx: Ctx) -> Finding:
    R = "items.clear_of_openings"
    c = float(ctx.opts.opening_clearance)
    room = ctx.room
    spec = ctx.spec
    problems: list[str] = []
    involved: set[str] = set()
    worst = math.inf
    swings = {k: room.swing(o) for k, o in enumerate(spec.room.openings) if o.kind == "door" and o.swing == "in"}
    # blocked stretches of other walls near an inward door's leaf: (wall, lo, hi, top, what)
    swing_blocks: list[tuple[int, float, float, float, str]] = []
    for k, poly in swings.items():
        o = spec.room.openings[k]
        zone = poly.buffer(c)
        for wf in room.walls:
            if wf.index == o.wall:
                continue
            inter = wf.segment.intersection(zone)
            if inter.is_empty or inter.length < 1.0:
                continue
            offs = [wf.offset_depth(p)[0] for g in getattr(inter, "geoms", [inter]) for p in g.coords]
            swing_blocks.append((wf.index, min(offs), max(offs), float(o.height) + c, f"door {k}"))
    for w in ctx.plan.wall_items:
        r = wall_rect(w)
        for k, o in enumerate(spec.room.openings):
            if o.wall != w.wall:
                continue
            g = rect_gap(r, room.opening_rect(o))
            worst = min(worst, g)
            if g < c - C.NUM_EPS:
                what = ctx.t("门" if o.kind == "door" else "窗", o.kind)
                problems.append(ctx.t(f"{w.id} 距{what}（room.openings[{k}]）{g:.0f} mm，少于 {c:g} mm",
                                      f"{w.id} is {g:.0f} mm from the {what} room.openings[{k}], less than {c:g} mm"))
                involved.add(w.id)
        if w.face != "inside":
            continue
        for k, ob in enumerate(spec.room.obstacles):
            if ob.wall != w.wall:
                continue
            g = rect_gap(r, (float(ob.offset), float(ob.offset) + float(ob.width), float(ob.bottom), float(ob.top)))
            worst = min(worst, g)
            if g < c - C.NUM_EPS:
                problems.append(ctx.t(f"{w.id} 距障碍物“{ob.label}”{g:.0f} mm，少于 {c:g} mm",
                                      f"{w.id} is {g:.0f} mm from the obstacle '{ob.label}', less than {c:g} mm"))
                involved.add(w.id)
        for wall, lo, hi, top, what in swing_blocks:
            if wall == w.wall and interval_overlap(r[0], r[1], lo, hi) > C.OVERLAP_TOL_MM and r[2] < top - C.NUM_EPS:
                problems.append(ctx.t(f"{w.id} 在门扇开启范围内（{what}）", f"{w.id} lies where the leaf of {what} opens"))
                involved.add(w.id)
    # -- floor items: door swings, door landings, windows
    fm = ctx.floor
    p = float(ctx.opts.passage_width)
    for k, o in enumerate(spec.room.openings):
        wf = room.walls[o.wall]
        lo, hi = float(o.offset), float(o.offset) + float(o.width)
        if o.kind == "door":
            zones = [("landing", wf.box(lo, hi, 0.0, p))]
            if k in swings:
                zones.append(("swing", swings[k]))
            for i, it in fm.items.items():
                if it.mount not in ("floor", "wall"):
                    continue
                for kind, zone in zones:
                    if fm.poly[i].intersection(zone).area > C.OVERLAP_AREA_TOL_MM2:
                        worst = min(worst, 0.0)     # furniture in the zone: no clearance at all
                        problems.append(ctx.t(f"{i} 挡在门（room.openings[{k}]）的{'开启范围' if kind == 'swing' else '进出通道'}内",
                                              f"{i} stands in the {'swing' if kind == 'swing' else 'landing'} of door room.openings[{k}]"))
                        involved.add(i)
                        break
        else:
            sill = room.opening_rect(o)[2]
            zone = wf.box(lo - c, hi + c, 0.0, c)
            for i, it in fm.items.items():
                sp = fm.span(i)
                if sp is None or sp[1] <= sill + C.NUM_EPS:
                    continue
                if fm.poly[i].intersection(zone).area > C.OVERLAP_AREA_TOL_MM2:
                    worst = min(worst, 0.0)
                    problems.append(ctx.t(f"{i} 高于窗台，挡在窗（room.openings[{k}]）前",
                                          f"{i} is taller than the sill and stands in front of window room.openings[{k}]"))
                    involved.add(i)
    measured = None if worst is math.inf else round(worst, 2)
    if problems:
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(problems), measured=measured, required=c,
                           items=sorted(involved))
    return ctx.finding(R, "pass", ctx.t(f"物品与门窗、障碍物保持 {c:g} mm 以上距离，家具不挡门窗",
                                        f"items keep {c:g} mm from doors, windows and obstacles; furniture blocks no door or window"),
                       measured=measured, required=c)


@rule("items.height")
def items_height(ctx: Ctx) -> Finding:
    R = "items.height"
    if not ctx.plan.wall_items:
        return ctx.na(R, "方案中没有上墙物品", "the plan has no wall items")
    lo = float(ctx.opts.min_board_bottom)
    hi = ctx.room.height - float(ctx.opts.ceiling_margin)
    bad = []
    low = min(float(w.bottom) for w in ctx.plan.wall_items)
    for w in ctx.plan.wall_items:
        if float(w.bottom) < lo - C.NUM_EPS:
            bad.append(ctx.t(f"{w.id} 下沿 {_fmt(float(w.bottom))} mm，低于 {lo:g} mm", f"{w.id}'s lower edge is at {_fmt(float(w.bottom))} mm, below {lo:g} mm"))
        if w.top > hi + C.NUM_EPS:
            bad.append(ctx.t(f"{w.id} 上沿 {_fmt(w.top)} mm，高于 {hi:g} mm（顶棚下 {float(ctx.opts.ceiling_margin):g} mm）",
                             f"{w.id}'s top is at {_fmt(w.top)} mm, above {hi:g} mm ({float(ctx.opts.ceiling_margin):g} mm below the ceiling)"))
    ids = [w.id for w in ctx.plan.wall_items if float(w.bottom) < lo - C.NUM_EPS or w.top > hi + C.NUM_EPS]
    if bad:
        high = max(w.top for w in ctx.plan.wall_items)
        # measured / required: the lowest lower edge when one is too low, else the highest top
        m, r = (low, lo) if low < lo - C.NUM_EPS else (high, hi)
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(bad), measured=round(m, 2), required=r, items=ids)
    return ctx.finding(R, "pass", ctx.t(f"所有图板下沿不低于 {lo:g} mm、上沿不高于 {hi:g} mm",
                                        f"every board's lower edge is at least {lo:g} mm and its top at most {hi:g} mm"),
                       measured=round(low, 2), required=lo)


# ====================================================================== furniture

@rule("furniture.inside_room")
def furniture_inside_room(ctx: Ctx) -> Finding:
    R = "furniture.inside_room"
    fm = ctx.floor
    if not fm.items:
        return ctx.na(R, "方案中没有家具设备", "the plan has no furniture")
    room = ctx.room.polygon.buffer(C.INSIDE_TOL_MM, join_style=2)
    shapely.prepare(room)
    bad, off_host = [], []
    for i, it in fm.items.items():
        if not room.covers(fm.poly[i]):
            bad.append(i)
        elif it.mount == "on" and it.on in fm.poly:
            if not fm.poly[it.on].buffer(C.INSIDE_TOL_MM, join_style=2).covers(fm.poly[i]):
                off_host.append(i)
    if bad or off_host:
        parts = []
        if bad:
            parts.append(ctx.t(f"{', '.join(bad)} 超出房间", f"{', '.join(bad)} stand outside the room"))
        if off_host:
            parts.append(ctx.t(f"{', '.join(off_host)} 超出所放置的家具", f"{', '.join(off_host)} overhang the item they stand on"))
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(parts), measured=len(bad) + len(off_host), required=0,
                           unit="items", items=bad + off_host)
    return ctx.finding(R, "pass", ctx.t(f"{len(fm.items)} 件家具设备均在房间内", f"all {len(fm.items)} furniture items are inside the room"),
                       measured=0, required=0, unit="items")


_FURNITURE_ZH = {"seating": "桌椅", "bookcase": "书架", "archive_cabinet": "档案资料柜", "newspaper_rack": "报刊架",
                 "tv": "电视机", "dvd": "DVD机", "disc_cabinet": "电教片柜", "computer": "电脑", "projector": "投影仪",
                 "screen": "投影幕布", "equipment_cabinet": "设备柜"}


def tv_diagonal_inch(poly) -> float:
    """Screen diagonal (inches) of a TV whose footprint is ``poly``: its width is the longer
    side of the footprint's minimum rotated rectangle, the screen 16:9."""
    mrr = poly.minimum_rotated_rectangle
    pts = list(mrr.exterior.coords)
    sides = [math.dist(pts[i], pts[i + 1]) for i in range(min(4, len(pts) - 1))]
    width = max(sides) if sides else 0.0
    a, b = C.TV_ASPECT
    return width * math.hypot(a, b) / a / C.MM_PER_INCH


@rule("furniture.required")
def furniture_required(ctx: Ctx) -> Finding:
    R = "furniture.required"
    req = [f for f in ctx.profile.furniture if f.required]
    if not req:
        return ctx.na(R, "本类型不要求特定家具设备", "the profile requires no furniture")
    fm = ctx.floor
    missing, found = [], []
    sources = []
    for f in req:
        sources.append(f.source)
        kind = "chair" if f.kind == "seating" else f.kind
        have = [i for i, it in fm.items.items() if it.kind == kind]
        name = ctx.t(_FURNITURE_ZH.get(f.kind, f.kind), f.kind)
        if len(have) < f.count:
            missing.append(ctx.t(f"{name}（需 {f.count}，有 {len(have)}）", f"{name} (need {f.count}, have {len(have)})"))
            continue
        if f.min_size_inch:
            big = [i for i in have if tv_diagonal_inch(fm.poly[i]) + 1e-6 >= f.min_size_inch]
            if len(big) < f.count:
                best = max(tv_diagonal_inch(fm.poly[i]) for i in have)
                missing.append(ctx.t(f"{name}不小于 {f.min_size_inch:g} 寸（最大约 {best:.0f} 寸）",
                                     f"{name} of at least {f.min_size_inch:g} inches (largest about {best:.0f})"))
                found.extend(have)
                continue
        found.extend(have[: max(f.count, 1)])
    n = len(req)
    if missing:
        return ctx.finding(R, "fail", ctx.t("缺少：" + "、".join(missing), "missing: " + ", ".join(missing)),
                           measured=n - len(missing), required=n, unit="kinds", items=found)
    return ctx.finding(R, "pass", ctx.t(f"{n} 类必备家具设备齐全", f"all {n} required kinds of furniture are present"),
                       measured=n, required=n, unit="kinds", items=found)


# ====================================================================== passage

def _passage_core(ctx: Ctx, width: float):
    """(component holding the start or None, reached chair ids, all chair ids)."""
    fm = ctx.floor
    room = ctx.room
    solids = [fm.poly[i] for i in fm.solid(include_chairs=False)]
    for k, ob in enumerate(ctx.spec.room.obstacles):
        box = room.obstacle_box(k)
        if box is not None and float(ob.bottom) < C.HEADROOM_MM:
            solids.append(box)
    free = room.polygon.difference(unary_union(solids)) if solids else room.polygon
    # round joins: the eroded floor is where the centre of a disc of the passage width can go,
    # so a passage is measured the same way along a wall and diagonally between two corners
    core = free.buffer(-(width / 2 - C.PASSAGE_TOL_MM))
    chairs = _chairs_inside(ctx)
    ent = room.entrance()
    if core.is_empty or ent is None:
        return None, [], chairs
    k, d = ent
    wf = room.walls[d.wall]
    start = Point(wf.point(float(d.offset) + float(d.width) / 2, width / 2 + C.DOOR_START_DEPTH_EXTRA_MM))
    parts = list(getattr(core, "geoms", [core]))
    comp = min(parts, key=lambda g: g.distance(start))
    if comp.distance(start) > C.DOOR_START_DEPTH_EXTRA_MM + C.NUM_EPS:
        return None, [], chairs
    reach = width / 2 + C.NUM_EPS
    reached = [i for i in chairs if comp.distance(fm.centre(i)) <= reach]
    return comp, reached, chairs


@rule("passage.width")
def passage_width(ctx: Ctx) -> Finding:
    R = "passage.width"
    if not any(f.kind == "seating" for f in ctx.profile.furniture):
        return ctx.na(R, "本类型不设座位", "the profile has no seating")
    w = float(ctx.opts.passage_width)
    comp, reached, chairs = _passage_core(ctx, w)
    if not chairs:
        return ctx.na(R, "房间内没有椅子（见 seats.for_members）", "no chairs in the room (see seats.for_members)")
    n = len(chairs)
    if len(reached) == n:
        return ctx.finding(R, "pass", ctx.t(f"从入口到全部 {n} 把椅子均有不窄于 {w:g} mm 的通道",
                                            f"a passage at least {w:g} mm wide leads from the entrance to all {n} chairs"),
                           measured=n, required=n)
    # the widest passage that would reach every chair, to 10 mm
    lo, hi = 0.0, w
    for _ in range(7):
        mid = (lo + hi) / 2
        _, r2, _ = _passage_core(ctx, mid)
        if len(r2) == n:
            lo = mid
        else:
            hi = mid
    cut = sorted(set(chairs) - set(reached))
    start_blocked = comp is None
    why = ctx.t("入口处即被阻挡" if start_blocked else f"{len(cut)} 把椅子无法到达",
                "the entrance itself is blocked" if start_blocked else f"{len(cut)} chairs cannot be reached")
    return ctx.finding(R, "fail", ctx.t(f"要求通道宽 {w:g} mm：{why}；全部座位可达的最宽通道约 {lo:.0f} mm",
                                        f"with a {w:g} mm passage {why}; every chair is reachable only up to about {lo:.0f} mm"),
                       measured=len(reached), required=n, items=cut)
