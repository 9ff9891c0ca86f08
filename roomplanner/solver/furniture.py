"""Wall furniture (书架、档案柜、报刊架、电视机…): each piece at the first wall position that
keeps clear of boards, windows, doors, the seating and the passages — required pieces before
optional ones, TV and screen first within each; a TV with no room for its stand hangs on the
wall. Works in the main wall's local frame (``floor.Frame``)."""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import Polygon, box
from shapely.ops import unary_union

from ..i18n import Text
from ..model.geometry import Wall, merge, subtract
from ..model.plan import FloorItem, WallItem
from ..model.spec import Spec
from .floor import (COMPUTER_TOP, DVD_HEIGHT, HEADROOM, ROUNDING_MARGIN, STEP, FloorInfeasible, Frame,
                    _obstacle_zones, passage_radius, reach_radius, reachable)

FURNITURE = {
    "bookcase": ("书架", "Bookcase", 900, 400, 2000),
    "archive_cabinet": ("档案资料柜", "Archive cabinet", 900, 450, 1800),
    "newspaper_rack": ("报刊架", "Newspaper rack", 800, 400, 1200),
    "disc_cabinet": ("电教片柜", "Disc cabinet", 800, 400, 900),
    "tv": ("电视机（含柜）", "TV on stand", 1200, 450, 1400),
    "equipment_cabinet": ("设备柜（电脑）", "Equipment cabinet", 1200, 600, 750),
    "screen": ("投影幕布", "Projection screen", 2000, 100, 2400),
}


def _local_rects(w: Wall, frame: Frame, offs, fw: float, fd: float, gap: float):
    """Footprints (in the main wall's local frame) of boxes ``fw`` × ``fd`` standing against
    wall ``w`` at each of ``offs``, as one vectorised shapely array."""
    d = np.asarray(w.direction)
    n = np.asarray(w.inward_normal)
    s = np.asarray(w.start, dtype=float)
    fw = np.broadcast_to(np.asarray(fw, dtype=float), offs.shape)
    zero = np.zeros_like(offs)
    corners = [(zero, gap), (fw, gap), (fw, gap + fd), (zero, gap + fd)]
    pts = np.stack([s + np.outer(offs + a, d) + b * n for a, b in corners], axis=1)     # (N, 4, 2)
    mw = frame.wall
    md = np.asarray(mw.direction)
    mn = np.asarray(mw.inward_normal)
    rel = pts - np.asarray(mw.start, dtype=float)
    off = rel @ md
    u = mw.length - off if mw.ccw else off
    v = rel @ mn
    return shapely.polygons(np.stack([u, v], axis=2))


WALL_TV = (1200.0, 100.0, 700.0, 1000.0)   # width, depth, height, bottom of a wall-mounted TV (about 55")
DVD_SHELF = (430.0, 250.0, 100.0, 850.0)   # a DVD player on a wall shelf below it


def wall_furniture(spec, profile, walls, main, frame, room, door_blocked, envelope, seat_items, wall_items,
                    start, seat_centre, zh, seat_targets, passage_cache, relaxed=False):
    notes: list[Text] = []
    shortfalls: list[Text] = []
    out: list[FloorItem] = []
    wanted: list[tuple[str, bool, str]] = []   # (kind, required, source)
    kinds = {f.kind: f for f in profile.furniture}
    for f in profile.furniture:
        k = f.kind
        if k in ("seating", "dvd"):
            continue                       # the DVD player stands on the TV stand
        if k in ("computer", "projector"):
            if "equipment_cabinet" not in [w[0] for w in wanted]:
                req = any(kinds[x].required for x in ("computer", "projector") if x in kinds)
                wanted.append(("equipment_cabinet", req, f.source))
            continue
        wanted.append((k, f.required, f.source))
    # required before optional (an optional piece never takes a required one's place); TV and
    # screen first within each (they want the front)
    wanted.sort(key=lambda w: (not w[1], 0 if w[0] in ("tv", "screen") else 1))
    solids = [box(*r) for k, r in seat_items if k == "table"] + _obstacle_zones(spec, walls, frame, HEADROOM)
    # (chairs are moved when people walk; tables, furniture and low obstacles are not)
    behind = float(spec.options.behind_chair)
    chair_zone = unary_union([box(*r).buffer(behind, join_style=2) for k, r in seat_items if k == "chair"]
                             + [box(*r).buffer(300, join_style=2) for k, r in seat_items if k == "table"])
    keep_out = [chair_zone, door_blocked]
    placed_polys: list[Polygon] = []
    H = float(spec.room.height)
    order = _furniture_walls(walls, main, frame, spec)
    inside_room = room.buffer(1.0)
    shapely.prepare(inside_room)
    viewers = _viewers(seat_items, envelope)
    radius = passage_radius(float(spec.options.passage_width))
    reach = reach_radius(float(spec.options.passage_width))

    def search(kind, fw, fd, height, on_wall: bool):
        """The first wall position for a piece ``fw`` × ``fd`` reaching ``height``
        (``on_wall``: hung on the wall, so no board may share its stretch)."""
        fronts = _fronts(spec, walls, wall_items, frame, H if kind == "screen" else height, passage_cache)
        forbidden = unary_union(keep_out + [p.buffer(50, join_style=2) for p in placed_polys]
                                + ([fronts] if fronts is not None else []))
        shapely.prepare(forbidden)
        placed_sig = tuple(tuple(round(c) for c in p.bounds) for p in placed_polys)
        base: list = []

        def base_core():
            if not base:
                base.append(room.difference(unary_union(solids + placed_polys)).buffer(-radius))
            return base[0]
        for wi in order[kind in ("tv", "screen")]:
            w = walls[wi]
            if w.length < fw + 2 * 100:
                continue
            blocked = _furniture_blocked(spec, w, wall_items, H if on_wall else height, "screen" if on_wall else kind)
            free = subtract((100.0, w.length - 100.0), blocked)
            offs = []
            for a, b in free:
                x = a
                while x + fw <= b + 1e-6:
                    offs.append(x)
                    x += STEP
                if b - fw >= a:
                    offs.append(b - fw)
            if not offs:
                continue
            locals_ = _local_rects(w, frame, np.asarray(offs, dtype=float), fw, fd, 10.0)
            ok = shapely.contains(inside_room, locals_) & ~shapely.intersects(forbidden, locals_)
            cand = [i for i in range(len(offs)) if ok[i]]
            if kind in ("tv", "screen"):       # nearest the main wall first
                depth = {i: frame.to_local(w.point_at(offs[i] + fw / 2))[1] for i in cand}
                cand.sort(key=lambda i: depth[i])
            for i in cand:
                off = offs[i]
                local = locals_[i]
                pts = w.rect(off, fw, fd, gap=10.0)
                if kind in ("tv", "screen") and not _visible(w, pts, frame, viewers, envelope):
                    continue
                # keep the passage from the door to every seat open (shared by every wall
                # arrangement tried in one solve: it does not depend on the boards)
                pkey = ("passage", main, placed_sig, wi, round(off), kind, fd)
                if pkey not in passage_cache:
                    passage_cache[pkey] = not reachable(base_core().difference(local.buffer(radius)), start,
                                                        seat_targets, reach)
                if passage_cache[pkey]:
                    return wi, off, pts, local
        return None

    for kind, required, src in wanted:
        zh_label, en_label, fw, fd, fh = FURNITURE[kind]
        stack_h = COMPUTER_TOP if kind == "equipment_cabinet" and "computer" in kinds else fh
        done = search(kind, fw, fd, stack_h, kind == "screen")
        wall_tv = False
        if not done and kind == "tv":
            # no room for a stand: the TV hangs on the wall (the DVD player on a shelf below)
            tw, td, th, tb = WALL_TV
            done = search(kind, tw, DVD_SHELF[1], tb + th, True)
            wall_tv = done is not None
        if not done:
            if required and not relaxed:
                raise FloorInfeasible(f"no wall space for the required {en_label.lower()} ({fw}×{fd} mm) "
                                      f"clear of boards, windows, doors and the seating",
                                      ["furniture.required", "furniture.not_before_boards", "door.swing_clear"])
            if required:
                shortfalls.append(Text(f"必备设备“{zh_label}”未能布置：墙边没有避开图板、门窗和座位的空间",
                                       f"required {en_label.lower()} left out: no wall space clear of boards, "
                                       f"windows, doors and the seating"))
            else:
                notes.append(Text(f"可选设备“{zh_label}”未布置：墙边空间不足",
                                  f"optional {en_label.lower()} left out: no wall space"))
            continue
        wi, off, pts, local = done
        placed_polys.append(local)
        item_id = f"{kind}-{sum(1 for x in out if x.kind == kind) + 1}"
        if wall_tv:
            tw, td, th, tb = WALL_TV
            fi = FloorItem(id=item_id, kind="tv", label="电视机（壁挂）" if zh else "TV (wall-mounted)",
                           footprint=[(round(x, 1), round(y, 1)) for x, y in walls[wi].rect(off, tw, td, gap=10.0)],
                           height=th, wall=wi, mount="wall", bottom=tb)
            notes.append(Text("电视柜处没有空间，电视机改为壁挂", "no room for a TV stand: the TV hangs on the wall"))
        else:
            fi = FloorItem(id=item_id, kind=kind, label=zh_label if zh else en_label,
                           footprint=[(round(x, 1), round(y, 1)) for x, y in pts], height=fh, wall=wi,
                           mount="wall" if kind == "screen" else "floor",
                           bottom=900.0 if kind == "screen" else None)
        out.append(fi)
        if kind == "tv" and "dvd" in kinds:
            if wall_tv:
                sw, sd, sh, sb = DVD_SHELF
                spts = walls[wi].rect(off + (WALL_TV[0] - sw) / 2, sw, sd, gap=10.0)
                out.append(FloorItem(id="dvd-1", kind="dvd", label="DVD机（壁架）" if zh else "DVD player (wall shelf)",
                                     footprint=[(round(x, 1), round(y, 1)) for x, y in spts], height=sh, wall=wi,
                                     mount="wall", bottom=sb))
            else:
                out.append(_on_top(fi, "dvd", "DVD机" if zh else "DVD player", w=walls[wi], off=off + fw - 500,
                                   size=(430, 300), height=DVD_HEIGHT))
        if kind == "equipment_cabinet" and "computer" in kinds:
            out.append(_on_top(fi, "computer", "电脑" if zh else "Computer", w=walls[wi], off=off + 100, size=(500, 300),
                               height=COMPUTER_TOP - fh))
    if "projector" in kinds:
        env = envelope.bounds
        cu = (env[0] + env[2]) / 2
        cv = env[1] + (env[3] - env[1]) * 0.3
        pts = frame.poly_to_plan([(cu - 200, cv - 200), (cu + 200, cv - 200), (cu + 200, cv + 200), (cu - 200, cv + 200)])
        out.append(FloorItem(id="projector-1", kind="projector", label="投影仪（吊装）" if zh else "Projector (ceiling)",
                             footprint=pts, height=H, mount="ceiling"))
    return out, notes, shortfalls


BOARD_FRONT_DEPTH = 700.0   # floor in front of a board or window that tall furniture keeps clear of


def _fronts(spec: Spec, walls, wall_items, frame, height, cache: dict | None = None):
    """The floor in front of everything a piece of furniture ``height`` tall must not stand
    before, on *every* wall (rules furniture.not_before_boards, items.clear_of_openings): inside
    boards whose lower edge is below its top, windows whose sill is, and obstacles in its
    height range — each widened by the opening clearance (+1 mm so that rounding coordinates to
    0.1 mm can never cross a limit), ``BOARD_FRONT_DEPTH`` deep. None if there is nothing."""
    c = float(spec.options.opening_clearance) + ROUNDING_MARGIN
    spans = []       # (wall, lo, hi)
    for it in wall_items:
        if it.face == "inside" and float(it.bottom) < height + 50:
            spans.append((it.wall, float(it.offset) - 50 - ROUNDING_MARGIN, float(it.offset) + float(it.width) + 50 + ROUNDING_MARGIN))
    for o in spec.room.openings:
        if o.kind == "window" and spec.window_sill(o) < height:
            spans.append((o.wall, float(o.offset) - c, float(o.offset + o.width) + c))
    for ob in spec.room.obstacles:
        if float(ob.bottom) < height:
            spans.append((ob.wall, float(ob.offset) - c, float(ob.offset + ob.width) + c))
    if not spans:
        return None
    key = ("fronts", frame.wall.index, tuple(sorted((wi, round(lo, 1), round(hi, 1)) for wi, lo, hi in spans)))
    if cache is not None and key in cache:
        return cache[key]
    by_wall: dict[int, list] = {}
    for wi, lo, hi in spans:
        by_wall.setdefault(wi, []).append((lo, hi))
    zones = []
    for wi, iv in by_wall.items():           # merged stretches per wall, one vectorised call each
        merged = merge(iv)
        offs = np.asarray([a for a, _ in merged], dtype=float)
        widths = np.asarray([b - a for a, b in merged], dtype=float)
        zones.extend(_local_rects(walls[wi], frame, offs, widths, BOARD_FRONT_DEPTH, 0.0))
    out = unary_union(zones)
    if cache is not None:
        cache[key] = out
    return out


def _on_top(base: FloorItem, kind, label, w: Wall, off, size, height):
    """An item standing on ``base``: ``height`` is its own height, above the top of ``base``."""
    pts = w.rect(off, size[0], size[1], gap=60.0)
    return FloorItem(id=f"{kind}-1", kind=kind, label=label, footprint=[(round(x, 1), round(y, 1)) for x, y in pts],
                     height=height, wall=base.wall, mount="on", on=base.id)


def _viewers(seat_items, envelope):
    """Seat centres and the unit vectors the seated members face (local frame)."""
    cu = (envelope.bounds[0] + envelope.bounds[2]) / 2
    chairs = [r for k, r in seat_items if k == "chair"]
    tables = [r for k, r in seat_items if k == "table"]
    conference = len(tables) == 1 and len(chairs) > 2 and (tables[0][3] - tables[0][1]) > (tables[0][2] - tables[0][0])
    if not chairs:
        return np.zeros((0, 2)), np.zeros((0, 2))
    centres = np.array([((a + c) / 2, (b + d) / 2) for a, b, c, d in chairs])
    if conference:
        faces = np.array([(1.0 if u < cu else -1.0, 0.0) for u, _ in centres])
    else:
        faces = np.tile(np.array([0.0, -1.0]), (len(chairs), 1))
    return centres, faces


def _visible(w: Wall, pts, frame, viewers, envelope) -> bool:
    """A screen is visible when it faces the seats and at least 80 % of the seated members
    see it within 100° of the way they face (turning the head, not the chair)."""
    cx = sum(p[0] for p in pts) / 4
    cy = sum(p[1] for p in pts) / 4
    su, sv = frame.to_local((cx, cy))
    centres, faces = viewers
    if len(centres):
        d = np.array([su, sv]) - centres
        dist = np.hypot(d[:, 0], d[:, 1])
        dist[dist == 0] = 1.0
        cosang = (d * faces).sum(axis=1) / dist
        if (cosang >= math.cos(math.radians(100))).sum() < 0.8 * len(centres):
            return False
    return _faces(w, pts, frame, ((envelope.bounds[0] + envelope.bounds[2]) / 2, (envelope.bounds[1] + envelope.bounds[3]) / 2))


def _faces(w: Wall, pts, frame, seat_centre) -> bool:
    cx = sum(p[0] for p in pts) / 4
    cy = sum(p[1] for p in pts) / 4
    sx, sy = frame.to_plan(*seat_centre)
    vx, vy = sx - cx, sy - cy
    d = math.hypot(vx, vy) or 1.0
    nx, ny = w.inward_normal
    return (vx * nx + vy * ny) / d >= math.cos(math.radians(75))


def _furniture_walls(walls, main, frame, spec: Spec | None = None) -> dict[bool, list[int]]:
    """Wall order for furniture: cabinets prefer the back and far walls, screens the walls
    beside the main wall; the main wall is never used (boards and the ceremony space)."""
    n = len(walls)
    adj = [(main - 1) % n, (main + 1) % n]
    others = [w.index for w in walls if w.index != main]
    depth = {i: frame.to_local(walls[i].midpoint)[1] for i in others}
    door = {o.wall for o in spec.room.openings if o.kind == "door"} if spec is not None else set()
    back_first = sorted(others, key=lambda i: (-round(depth[i]), i in door, i))
    side_first = sorted(others, key=lambda i: (0 if i in adj else 1, round(depth[i]), i))
    # a TV or screen may also stand at the main wall, beside the boards (never in front of them)
    return {False: back_first + [main], True: side_first[:2] + [main] + side_first[2:]}


def _furniture_blocked(spec: Spec, w: Wall, wall_items: list[WallItem], height: float, kind: str):
    """Stretches of wall ``w`` a piece ``height`` tall cannot stand against (a fast pre-filter;
    ``_fronts`` covers every wall)."""
    c = float(spec.options.opening_clearance) + ROUNDING_MARGIN
    blocked = []
    for o in spec.room.openings:
        if o.wall != w.index:
            continue
        if o.kind == "door":
            blocked.append((float(o.offset) - c, float(o.offset + o.width) + c))
        else:
            sill = spec.window_sill(o)
            if height > sill - 50:
                blocked.append((float(o.offset) - c, float(o.offset + o.width) + c))
    for ob in spec.room.obstacles:
        if ob.wall == w.index and float(ob.bottom) < height:
            blocked.append((float(ob.offset) - c, float(ob.offset + ob.width) + c))
    for it in wall_items:
        if it.wall == w.index and it.face == "inside":
            if kind == "screen" or float(it.bottom) < height + 50:
                blocked.append((float(it.offset) - 50, float(it.offset) + float(it.width) + 50))
    return blocked
