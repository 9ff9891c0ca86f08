"""Floor layout (桌椅与设备): a seat for every member at tables facing the main wall, wall
furniture (bookcase, archive cabinet, newspaper rack, TV, disc cabinet…) and clear passages.

Work happens in a *local frame* of the main wall: ``u`` runs along it from the viewer's left,
``v`` into the room. Seating arrangements are tried in a fixed preference order (conference
table for small branches, rows of tables for larger ones, chairs without tables last); each
arrangement's envelope (tables, chairs and the clearance around them) is placed at the first
valid position nearest the flag axis and the front, tested in bulk with shapely.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import numpy as np
import shapely
from shapely.geometry import Point, Polygon, box
from shapely.ops import unary_union

from ..model.geometry import Wall, subtract
from ..model.plan import FloorItem, Seating, WallItem
from ..model.spec import Spec
from ..profiles import Profile
from .walls import inside_swings

FRONT_CLEAR = 1000.0     # free floor in front of the main wall (ceremonies: 重温入党誓词)
CHAIR = 450.0            # chair footprint (square)
CHAIR_GAP = 50.0         # chair front to table edge
SEAT_PITCH = 600.0       # width per seat along a table
STEP = 100.0             # position search grid
COMPUTER_TOP = 1250.0    # top of a monitor standing on the 750 mm equipment cabinet
DVD_HEIGHT = 100.0       # a DVD player standing on the TV cabinet
from ..facts import HEADROOM_MM as HEADROOM  # noqa: E402  obstacles reaching below this narrow the passages
ROUNDING_MARGIN = 1.0    # plan coordinates are rounded to 0.1 mm: keep 1 mm from every limit

# kind: (label zh, label en, width, depth, height)
FURNITURE = {
    "bookcase": ("书架", "Bookcase", 900, 400, 2000),
    "archive_cabinet": ("档案资料柜", "Archive cabinet", 900, 450, 1800),
    "newspaper_rack": ("报刊架", "Newspaper rack", 800, 400, 1200),
    "disc_cabinet": ("电教片柜", "Disc cabinet", 800, 400, 900),
    "tv": ("电视机（含柜）", "TV on stand", 1200, 450, 1400),
    "equipment_cabinet": ("设备柜（电脑）", "Equipment cabinet", 1200, 600, 750),
    "screen": ("投影幕布", "Projection screen", 2000, 100, 2400),
}


@dataclass
class Frame:
    wall: Wall

    def to_local(self, p):
        off, depth = self.wall.project(p)
        u = self.wall.length - off if self.wall.ccw else off
        return (u, depth)

    def to_plan(self, u, v):
        off = self.wall.length - u if self.wall.ccw else u
        return self.wall.point_at(off, v)

    def poly_to_plan(self, coords) -> list[tuple[float, float]]:
        pts = [self.to_plan(u, v) for u, v in coords]
        return [(round(x, 1), round(y, 1)) for x, y in pts]


@dataclass
class Arrangement:
    mode: str
    W: float          # envelope size (u)
    D: float          # envelope size (v)
    items: list[tuple[str, tuple[float, float, float, float]]]   # (kind, (u0,v0,u1,v1)) relative to envelope
    seats: int
    tables: int


class FloorInfeasible(Exception):
    def __init__(self, reason: str, rules: list[str]):
        super().__init__(reason)
        self.reason = reason
        self.rules = rules


def _conference(n: int, spec: Spec) -> Optional[Arrangement]:
    if n > 24:
        return None
    p = float(spec.options.passage_width)
    per_side = math.ceil(n / 2)
    tw = 1200.0 if n <= 12 else 1500.0
    tl = per_side * SEAT_PITCH + 600.0
    side = CHAIR_GAP + CHAIR + p
    W = tw + 2 * side
    D = tl + 2 * p
    items = [("table", (side, p, side + tw, p + tl))]
    k = 0
    for s in range(2):
        for j in range(per_side):
            if k >= n:
                break
            v0 = p + 300.0 + j * SEAT_PITCH + (SEAT_PITCH - CHAIR) / 2
            u0 = side - CHAIR_GAP - CHAIR if s == 0 else side + tw + CHAIR_GAP
            items.append(("chair", (u0, v0, u0 + CHAIR, v0 + CHAIR)))
            k += 1
    return Arrangement("conference", W, D, items, n, 1)


def _rows(n: int, spec: Spec, per_table: int, tables_per_group: int, groups: int, with_tables: bool,
          aisles: str = "both") -> Arrangement:
    """Rows facing the main wall. ``aisles``: side aisles on both sides, or only on the
    ``left``/``right`` (short rows in small rooms; every row is still reached from an aisle)."""
    p = float(spec.options.passage_width)
    behind = float(spec.options.behind_chair)
    if with_tables:
        td = 450.0
        tl = per_table * SEAT_PITCH
        pitch = td + CHAIR_GAP + CHAIR + behind
        group_w = tables_per_group * tl
        seats_per_group_row = tables_per_group * per_table
    else:
        td = 0.0
        pitch = CHAIR + behind
        tl = 0.0
        group_w = tables_per_group * 550.0
        seats_per_group_row = tables_per_group
    per_row = seats_per_group_row * groups
    rows = math.ceil(n / per_row)
    lead = p if aisles in ("both", "left") else 0.0
    trail = p if aisles in ("both", "right") else 0.0
    W = lead + trail + groups * group_w + (groups - 1) * p
    D = rows * pitch
    items = []
    left = n
    tables = 0
    for r in range(rows):
        v = r * pitch
        for g in range(groups):
            gx = lead + g * (group_w + p)
            for t in range(tables_per_group):
                if left <= 0:
                    break
                if with_tables:
                    tx = gx + t * tl
                    seats_here = min(per_table, left)
                    items.append(("table", (tx, v, tx + tl, v + td)))
                    tables += 1
                    for s in range(seats_here):
                        cx = tx + s * SEAT_PITCH + (SEAT_PITCH - CHAIR) / 2
                        items.append(("chair", (cx, v + td + CHAIR_GAP, cx + CHAIR, v + td + CHAIR_GAP + CHAIR)))
                    left -= seats_here
                else:
                    cx = gx + t * 550.0 + 50.0
                    items.append(("chair", (cx, v, cx + CHAIR, v + CHAIR)))
                    left -= 1
    mode = "rows" if with_tables else "chairs_only"
    return Arrangement(mode, W, D, items, n, tables)


def arrangements(n: int, spec: Spec) -> list[Arrangement]:
    """Candidate seating arrangements in order of preference."""
    conf = _conference(n, spec)
    rows = []
    for groups in (1, 2):
        for per_table in (2, 3):
            for tpg in (1, 2, 3, 4):
                rows.append(_rows(n, spec, per_table, tpg, groups, True))
    # one side aisle only: short rows (≤ 6 seats) in small rooms
    for per_table in (2, 3):
        for tpg in (1, 2):
            if per_table * tpg <= 6:
                for side in ("left", "right"):
                    rows.append(_rows(n, spec, per_table, tpg, 1, True, side))
    rows.sort(key=lambda a: (a.D, a.W))
    chairs = []
    for groups in (1, 2):
        for per in range(3, 13):
            chairs.append(_rows(n, spec, 1, per, groups, False))
    chairs.sort(key=lambda a: (a.D, a.W))
    out = []
    if conf and n <= 16:
        out.append(conf)
    out.extend(rows)
    if conf and n > 16:
        out.append(conf)
    out.extend(chairs)
    return out


def _local_room(spec: Spec, frame: Frame) -> Polygon:
    return Polygon([frame.to_local(p) for p in spec.outline])


def _door_zones(spec: Spec, walls: list[Wall], frame: Frame) -> list[Polygon]:
    """Door swings plus a passage-wide approach square inside each door."""
    p = float(spec.options.passage_width)
    zones = []
    for k, poly in inside_swings(spec, walls):
        zones.append(Polygon([frame.to_local(q) for q in poly.exterior.coords]))
    for o in spec.room.openings:
        if o.kind != "door":
            continue
        w = walls[o.wall]
        c = float(spec.options.opening_clearance)
        pts = w.rect(float(o.offset) - c, float(o.width) + 2 * c, p)
        zones.append(Polygon([frame.to_local(q) for q in pts]))
    return zones


def _obstacle_zones(spec: Spec, walls: list[Wall], frame: Frame, height: float) -> list[Polygon]:
    zones = []
    for ob in spec.room.obstacles:
        if float(ob.depth) <= 0:
            continue
        if float(ob.bottom) >= height:
            continue
        w = walls[ob.wall]
        zones.append(Polygon([frame.to_local(q) for q in w.rect(float(ob.offset), float(ob.width), float(ob.depth))]))
    return zones


def door_point(spec: Spec, walls: list[Wall], frame: Frame) -> tuple[float, float]:
    ent = spec.entrance()
    _, d = ent
    w = walls[d.wall]
    return frame.to_local(w.point_at(float(d.offset) + float(d.width) / 2, float(spec.options.passage_width) / 2 + 10))


def passage_ok(free: Polygon, width: float, start, chairs) -> list[int]:
    """Indices of ``chairs`` (centres) a walker ``width`` wide cannot reach from ``start``.

    The definition is the checker's (docs/checker.md, passage.width), a little stricter so
    that rounding never flips a verdict: ``free`` is the floor minus tables and furniture
    (chairs are moved when people walk); it is eroded by a disc of radius ``width/2 − 3``
    (where the walker's centre can go); a chair is reached when its centre lies within
    ``width/2 − 2`` of the part of that holding the start (the walker's body covers it)."""
    return reachable(free.buffer(-passage_radius(width)), start, chairs, reach_radius(width))


def passage_radius(width: float) -> float:
    return width / 2 - 3.0


def reach_radius(width: float) -> float:
    return width / 2 - 2.0


def reachable(core, start, targets, reach: float = 10.0) -> list[int]:
    """Indices of ``targets`` farther than ``reach`` from the part of ``core`` (eroded free
    floor) that holds ``start``. Erosion distributes over difference — (A∖B)⊖D = (A⊖D)∖(B⊕D)
    — so callers can erode once and subtract dilated obstacles."""
    if core.is_empty:
        return list(range(len(targets)))
    parts = list(core.geoms) if hasattr(core, "geoms") else [core]
    sp = Point(start)
    comp = min(parts, key=lambda g: g.distance(sp))
    if comp.distance(sp) > 10.0:
        return list(range(len(targets)))
    if not targets:
        return []
    xy = np.asarray(targets, dtype=float)
    near = shapely.dwithin(comp, shapely.points(xy), reach)
    return [i for i, ok in enumerate(near) if not ok]


def solve_floor(spec: Spec, profile: Profile, walls: list[Wall], main: int, wall_items: list[WallItem],
                lang: str = "zh", cache: dict | None = None) -> tuple[list[FloorItem], Seating, list[str]]:
    """Seat every member, then furnish the walls. The seating depends only on the room and
    the main wall, so ``cache`` (a dict kept by the caller for one solve) holds it per main
    wall while the wall arrangement around it is varied."""
    key = ("seating", main)
    if cache is not None and key in cache:
        seated = cache[key]
    else:
        try:
            seated = _seat(spec, walls, main)
        except FloorInfeasible as exc:
            seated = exc
        if cache is not None:
            cache[key] = seated
    if isinstance(seated, FloorInfeasible):
        raise seated
    frame, room, blocked, start, arr, u0, v0, items = seated
    return _furnish(spec, profile, walls, main, wall_items, lang, frame, room, blocked, start, arr, u0, v0, items,
                    cache)


def _seat(spec: Spec, walls: list[Wall], main: int):
    frame = Frame(walls[main])
    room = _local_room(spec, frame)
    n = spec.branch.members
    zones = _door_zones(spec, walls, frame) + _obstacle_zones(spec, walls, frame, float(spec.room.height))
    blocked = unary_union(zones) if zones else Polygon()
    front = box(-1e6, -1e6, 1e6, FRONT_CLEAR)
    usable_seating = room.difference(front)        # the envelope (with its clearances) stays in the room
    shapely.prepare(usable_seating)
    shapely.prepare(blocked)                        # tables and chairs stay out of door swings and approaches
    minx, miny, maxx, maxy = room.bounds
    uc = frame.wall.length / 2
    start = door_point(spec, walls, frame)
    low_obstacles = _obstacle_zones(spec, walls, frame, HEADROOM)    # they narrow passages
    chosen = None
    for arr in arrangements(n, spec):
        if arr.W > maxx - minx + 1 or arr.D > maxy - miny + 1:
            continue
        pos = _positions(usable_seating, blocked, arr, uc, minx, maxx, miny, maxy)
        for (u0, v0) in pos[:12]:
            items = [(k, (a + u0, b + v0, c + u0, d + v0)) for k, (a, b, c, d) in arr.items]
            tables = [box(*r) for k, r in items if k == "table"] + low_obstacles
            free = room.difference(unary_union(tables)) if tables else room
            bad = passage_ok(free, float(spec.options.passage_width), start, _chair_centres(items))
            if not bad:
                chosen = (arr, u0, v0, items)
                break
        if chosen:
            break
    if not chosen:
        raise FloorInfeasible(
            f"the room cannot seat {n} members: no arrangement of tables or chairs fits with "
            f"{spec.options.passage_width:g} mm passages from the door and {spec.options.behind_chair:g} mm behind chairs",
            ["seats.for_members", "passage.width", "passage.behind_chair", "door.swing_clear"])
    arr, u0, v0, items = chosen
    return frame, room, blocked, start, arr, u0, v0, items


def _furnish(spec, profile, walls, main, wall_items, lang, frame, room, blocked, start, arr, u0, v0, items,
             cache=None):
    n = spec.branch.members
    notes: list[str] = []
    if arr.mode == "chairs_only":
        notes.append(f"桌椅无法全部摆放，改为{n}把椅子成排摆放（无桌） / tables for all {n} members do not fit: "
                     f"rows of chairs without tables (fallback)")
    out: list[FloorItem] = []
    ti = ci = 0
    zh = lang != "en"
    for kind, (a, b, c, d) in items:
        if kind == "table":
            ti += 1
            out.append(FloorItem(id=f"table-{ti}", kind="table", label="会议桌" if zh else "Table",
                                 footprint=frame.poly_to_plan([(a, b), (c, b), (c, d), (a, d)]), height=750))
        else:
            ci += 1
            facing = _facing(arr.mode, a, c, u0 + arr.W / 2, frame)
            out.append(FloorItem(id=f"chair-{ci}", kind="chair", label="椅" if zh else "Chair",
                                 footprint=frame.poly_to_plan([(a, b), (c, b), (c, d), (a, d)]), height=850,
                                 faces=facing))
    envelope = box(u0, v0, u0 + arr.W, v0 + arr.D)
    seat_centroid = envelope.centroid
    seating = Seating(mode=arr.mode, seats=arr.seats, tables=arr.tables,
                      note={"conference": "一张会议桌，两侧就座 / one conference table",
                            "rows": "课桌式成排摆放，面向主墙 / rows of tables facing the main wall",
                            "chairs_only": "仅椅子成排摆放 / chairs in rows without tables"}[arr.mode])
    extra, more_notes = _wall_furniture(spec, profile, walls, main, frame, room, blocked, envelope, items,
                                        wall_items, start, (seat_centroid.x, seat_centroid.y), zh,
                                        _chair_centres(items),
                                        cache if cache is not None else {})
    out.extend(extra)
    notes.extend(more_notes)
    return out, seating, notes


def _chair_centres(items) -> list[tuple[float, float]]:
    return [((a + c) / 2, (b + d) / 2) for k, (a, b, c, d) in items if k == "chair"]


def _facing(mode, a, c, cu, frame: Frame):
    if mode == "conference":
        fu = 1.0 if (a + c) / 2 < cu else -1.0
        fv = 0.0
    else:
        fu, fv = 0.0, -1.0
    p0 = frame.to_plan(0, 0)
    p1 = frame.to_plan(fu, fv)
    return (round(p1[0] - p0[0], 4), round(p1[1] - p0[1], 4))


def _positions(region, blocked, arr: Arrangement, uc, minx, maxx, miny, maxy):
    us = np.arange(math.floor(minx / STEP) * STEP, maxx - arr.W + 1, STEP)
    vs = np.arange(max(FRONT_CLEAR, math.floor(miny / STEP) * STEP), maxy - arr.D + 1, STEP)
    if len(us) == 0 or len(vs) == 0:
        return []
    # also try exactly centred on the flag axis
    us = np.unique(np.concatenate([us, [uc - arr.W / 2]]))
    U, V = np.meshgrid(us, vs)
    U = U.ravel()
    V = V.ravel()
    boxes = shapely.box(U, V, U + arr.W, V + arr.D)
    ok = shapely.contains(region, boxes)
    if not blocked.is_empty:
        a = min(r[0] for _, r in arr.items)
        b = min(r[1] for _, r in arr.items)
        c = max(r[2] for _, r in arr.items)
        d = max(r[3] for _, r in arr.items)
        cores = shapely.box(U + a, V + b, U + c, V + d)
        ok = ok & ~shapely.intersects(blocked, cores)
    cand = [(float(u), float(v)) for u, v, k in zip(U, V, ok) if k]
    cand.sort(key=lambda p: (round(abs(p[0] + arr.W / 2 - uc)), p[1], p[0]))
    return cand


def _wall_furniture(spec, profile, walls, main, frame, room, door_blocked, envelope, seat_items, wall_items,
                    start, seat_centre, zh, seat_targets, passage_cache):
    notes: list[str] = []
    out: list[FloorItem] = []
    wanted: list[tuple[str, bool, str]] = []   # (kind, required, source)
    kinds = {f.kind: f for f in profile.furniture}
    for f in profile.furniture:
        if f.kind in ("seating",):
            continue
        k = f.kind
        if k in ("dvd",):
            continue                       # stands on the TV stand
        if k in ("computer", "projector"):
            if "equipment_cabinet" not in [w[0] for w in wanted]:
                req = any(kinds[x].required for x in ("computer", "projector") if x in kinds)
                wanted.append(("equipment_cabinet", req, f.source))
            if k == "computer":
                continue
            if k == "projector":
                continue
        wanted.append((k, f.required, f.source))
    # TV and screen first (they want the front), then the rest
    wanted.sort(key=lambda w: (0 if w[0] in ("tv", "screen") else 1))
    solids = [box(*r) for k, r in seat_items if k == "table"] + _obstacle_zones(spec, walls, frame, HEADROOM)
    # (chairs are moved when people walk; tables, furniture and low obstacles are not)
    behind = float(spec.options.behind_chair)
    chair_zone = unary_union([box(*r).buffer(behind, join_style=2) for k, r in seat_items if k == "chair"]
                             + [box(*r).buffer(300, join_style=2) for k, r in seat_items if k == "table"])
    keep_out = [chair_zone, door_blocked]
    placed_polys: list[Polygon] = []
    H = float(spec.room.height)
    order = _furniture_walls(walls, main, frame)
    inside_room = room.buffer(1.0)
    shapely.prepare(inside_room)
    viewers = _viewers(seat_items, envelope)
    for kind, required, src in wanted:
        zh_label, en_label, fw, fd, fh = FURNITURE[kind]
        stack_h = COMPUTER_TOP if kind == "equipment_cabinet" and "computer" in kinds else fh
        done = None
        fronts = _fronts(spec, walls, wall_items, frame, H if kind == "screen" else stack_h)
        # everything this piece must not touch, as one prepared geometry
        forbidden = unary_union(keep_out + [p.buffer(50, join_style=2) for p in placed_polys]
                                + ([fronts] if fronts is not None else []))
        shapely.prepare(forbidden)
        radius = passage_radius(float(spec.options.passage_width))
        reach = reach_radius(float(spec.options.passage_width))
        placed_sig = tuple(tuple(round(c) for c in p.bounds) for p in placed_polys)
        base_core = room.difference(unary_union(solids + placed_polys)).buffer(-radius)
        for wi in order[kind in ("tv", "screen")]:
            w = walls[wi]
            if w.length < fw + 2 * 100:
                continue
            blocked = _furniture_blocked(spec, w, wall_items, stack_h if kind != "screen" else H, kind)
            free = subtract((100.0, w.length - 100.0), blocked)
            offs = []
            for a, b in free:
                x = a
                while x + fw <= b + 1e-6:
                    offs.append(x)
                    x += STEP
                if b - fw >= a:
                    offs.append(b - fw)
            if kind in ("tv", "screen"):
                # nearest the main wall first
                offs.sort(key=lambda o: frame.to_local(w.point_at(o + fw / 2))[1])
            for off in offs:
                pts = w.rect(off, fw, fd, gap=10.0)
                local = Polygon([frame.to_local(q) for q in pts])
                if not inside_room.contains(local) or forbidden.intersects(local):
                    continue
                if kind in ("tv", "screen") and not _visible(w, pts, frame, viewers, envelope):
                    continue
                # keep the passage from the door to every seat open (the answer does not depend
                # on the boards, so it is shared by every wall arrangement tried in one solve)
                pkey = ("passage", main, placed_sig, wi, round(off), kind)
                if pkey not in passage_cache:
                    passage_cache[pkey] = not reachable(base_core.difference(local.buffer(radius)), start, seat_targets,
                                                        reach)
                if not passage_cache[pkey]:
                    continue
                done = (wi, off, pts, local)
                break
            if done:
                break
        if not done:
            if required:
                raise FloorInfeasible(f"no wall space for the required {en_label.lower()} ({fw}×{fd} mm) "
                                      f"clear of boards, windows, doors and the seating",
                                      ["furniture.required", "furniture.not_before_boards", "door.swing_clear"])
            notes.append(f"可选设备'{zh_label}'未布置：墙边空间不足 / optional {en_label.lower()} left out: no wall space")
            continue
        wi, off, pts, local = done
        placed_polys.append(local)
        item_id = f"{kind}-{sum(1 for x in out if x.kind == kind) + 1}"
        fi = FloorItem(id=item_id, kind=kind, label=zh_label if zh else en_label,
                       footprint=[(round(x, 1), round(y, 1)) for x, y in pts], height=fh, wall=wi,
                       mount="wall" if kind == "screen" else "floor",
                       bottom=900.0 if kind == "screen" else None)
        out.append(fi)
        if kind == "tv" and "dvd" in kinds:
            out.append(_on_top(fi, "dvd", "DVD机" if zh else "DVD player", w=walls[wi], off=off + fw - 500, size=(430, 300),
                               height=DVD_HEIGHT))
        if kind == "equipment_cabinet":
            if "computer" in kinds:
                out.append(_on_top(fi, "computer", "电脑" if zh else "Computer", w=walls[wi], off=off + 100, size=(500, 300),
                                   height=COMPUTER_TOP - fh))
    if "projector" in kinds:
        env = envelope.bounds
        cu = (env[0] + env[2]) / 2
        cv = env[1] + (env[3] - env[1]) * 0.3
        pts = frame.poly_to_plan([(cu - 200, cv - 200), (cu + 200, cv - 200), (cu + 200, cv + 200), (cu - 200, cv + 200)])
        out.append(FloorItem(id="projector-1", kind="projector", label="投影仪（吊装）" if zh else "Projector (ceiling)",
                             footprint=pts, height=H, mount="ceiling"))
    return out, notes


BOARD_FRONT_DEPTH = 700.0   # floor in front of a board or window that tall furniture keeps clear of


def _fronts(spec: Spec, walls, wall_items, frame, height):
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
    zones = [Polygon([frame.to_local(q) for q in walls[wi].rect(lo, hi - lo, BOARD_FRONT_DEPTH)])
             for wi, lo, hi in spans]
    return unary_union(zones) if zones else None


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


def _furniture_walls(walls, main, frame) -> dict[bool, list[int]]:
    """Wall order for furniture: cabinets prefer the back and far walls, screens the walls
    beside the main wall; the main wall is never used (boards and the ceremony space)."""
    n = len(walls)
    adj = [(main - 1) % n, (main + 1) % n]
    others = [w.index for w in walls if w.index != main]
    depth = {i: frame.to_local(walls[i].midpoint)[1] for i in others}
    back_first = sorted(others, key=lambda i: (-round(depth[i]), i))
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
