"""Floor layout (桌椅): a seat for every member at tables facing the main wall and clear
passages; the wall furniture (bookcase, cabinets, TV…) is placed by ``furniture.py``.

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

from ..model.geometry import Wall
from ..model.plan import FloorItem, Seating, WallItem
from ..model.spec import Spec
from ..i18n import Text
from ..profiles import Profile
from .walls import inside_swings

FRONT_CLEAR = 1000.0     # free floor in front of the main wall (ceremonies: 重温入党誓词)
CHAIR = 450.0            # chair footprint (square)
CHAIR_GAP = 50.0         # chair front to table edge
SEAT_PITCH = 600.0       # width per seat along a table
STEP = 100.0             # position search grid
TABLE_HEIGHT = 750.0
CHAIR_HEIGHT = 850.0     # the top of the seating: a window with a lower sill keeps it off
COMPUTER_TOP = 1250.0    # top of a monitor standing on the 750 mm equipment cabinet
DVD_HEIGHT = 100.0       # a DVD player standing on the TV cabinet
from ..facts import HEADROOM_MM as HEADROOM  # noqa: E402  obstacles reaching below this narrow the passages
ROUNDING_MARGIN = 1.0    # plan coordinates are rounded to 0.1 mm: keep 1 mm from every limit
KEEP_OUT_MARGIN = 0.5    # door and obstacle zones grow by this (< ROUNDING_MARGIN: see _keep_out)

# kind: (label zh, label en, width, depth, height)

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


class Arrangement:
    """A seating arrangement: its envelope ``W`` × ``D`` and, built only when asked (most
    envelopes never fit the room), its ``items`` — (kind, (u0, v0, u1, v1)) relative to the
    envelope."""

    __slots__ = ("mode", "W", "D", "seats", "tables", "_build", "_items")

    def __init__(self, mode: str, W: float, D: float, items, seats: int, tables: int):
        self.mode, self.W, self.D, self.seats, self.tables = mode, W, D, seats, tables
        self._build = items if callable(items) else None
        self._items = None if callable(items) else items

    @property
    def items(self) -> list[tuple[str, tuple[float, float, float, float]]]:
        if self._items is None:
            self._items = self._build()
        return self._items


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

    def build():
        items = []
        left = n
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
                        for s in range(seats_here):
                            cx = tx + s * SEAT_PITCH + (SEAT_PITCH - CHAIR) / 2
                            items.append(("chair", (cx, v + td + CHAIR_GAP, cx + CHAIR, v + td + CHAIR_GAP + CHAIR)))
                        left -= seats_here
                    else:
                        cx = gx + t * 550.0 + 50.0
                        items.append(("chair", (cx, v, cx + CHAIR, v + CHAIR)))
                        left -= 1
        return items
    mode = "rows" if with_tables else "chairs_only"
    return Arrangement(mode, W, D, build, n, math.ceil(n / per_table) if with_tables else 0)


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


def _window_zones(spec: Spec, walls: list[Wall], frame: Frame, height: float) -> list[Polygon]:
    """The floor in front of each window whose sill is below ``height`` (rule
    items.clear_of_openings: nothing taller than the sill within the opening clearance of it)."""
    c = float(spec.options.opening_clearance)
    zones = []
    for o in spec.room.openings:
        if o.kind == "window" and spec.window_sill(o) < height:
            pts = walls[o.wall].rect(float(o.offset) - c, float(o.width) + 2 * c, c)
            zones.append(Polygon([frame.to_local(q) for q in pts]))
    return zones


def _keep_out(spec: Spec, walls: list[Wall], frame: Frame) -> Polygon:
    """Where no table, chair or floor furniture may stand (main-wall frame): door swings, door
    approaches and obstacles, grown by ``KEEP_OUT_MARGIN``. Without it an item may end flush
    with a zone (the 100 mm search grid meets passage widths and clearances that are
    multiples of 100 mm), and once its footprint is turned into plan coordinates and rounded
    to 0.1 mm, in a room whose walls are not parallel to the axes (or not exactly square) a
    flush edge can move up to 0.07 mm into the zone — over a 450 mm chair edge more than the
    checker's 1 mm² overlap tolerance. The margin is below ``ROUNDING_MARGIN`` so that wall
    furniture already kept that far from a door along its wall (furniture.py) still fits there."""
    zones = _door_zones(spec, walls, frame) + _obstacle_zones(spec, walls, frame, float(spec.room.height))
    if not zones:
        return Polygon()
    return unary_union(zones).buffer(KEEP_OUT_MARGIN, join_style=2)


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
                lang: str = "zh", cache: dict | None = None, relaxed: bool = False, partial_seats: bool = False,
                *, wall_furniture) -> tuple[list[FloorItem], Seating, list[Text], list[Text]]:
    """Seat every member, then furnish the walls with ``wall_furniture``
    (:func:`roomplanner.solver.furniture.wall_furniture`, passed in by the solver so that the
    furniture module can build on this one without an import cycle). Returns (floor items,
    seating, notes, shortfalls). The seating depends only on the room and the main wall, so ``cache`` (a
    dict kept by the caller for one solve) holds it per main wall while the wall arrangement
    around it is varied.

    ``partial_seats``: where the profile does not require seating, seat as many as fit (with a
    note) instead of failing. ``relaxed``: the best the room allows instead of FloorInfeasible — as many seats as fit
    (the largest number any arrangement seats), and required furniture that has no wall
    space left out; each shortfall is named (the checker then reports the unmet rule)."""
    if not profile.furniture:        # a shared room (class 2, issue 13): the plan adds no furniture
        return [], None, [], []
    cache = cache if cache is not None else {}
    key = ("seating", main)
    if key not in cache:
        try:
            cache[key] = _seat(spec, walls, main)
        except FloorInfeasible as exc:
            cache[key] = exc
    seated = cache[key]
    shortfalls: list[Text] = []
    seats_required = any(f.kind == "seating" and f.required for f in profile.furniture)
    seat_note = None
    if isinstance(seated, FloorInfeasible):
        if not relaxed and (seats_required or not partial_seats):
            raise seated
        rkey = ("seating-most", main)
        if rkey not in cache:
            cache[rkey] = _seat_most(spec, walls, main)
        seated = cache[rkey]
        n = spec.branch.members
        got = seated[4].seats if seated else 0
        seat_note = Text(f"房间只能摆下 {got} 个座位（党员 {n} 人），已按最多座位布置",
                         f"the room seats at most {got} of the {n} members: seated as many as fit")
        if seats_required:
            shortfalls.append(seat_note)     # the checker fails seats.for_members
        if seated is None:
            seated = _empty_seating(spec, walls, main)
    frame, room, blocked, start, arr, u0, v0, items = seated
    out, seating, notes, more = _furnish(spec, profile, walls, main, wall_items, lang, frame, room, blocked, start,
                                         arr, u0, v0, items, cache, relaxed, wall_furniture)
    if seat_note is not None and not seats_required:
        notes.insert(0, seat_note)          # the profile does not require seats: a note, not a shortfall
    return out, seating, notes, shortfalls + more


def _seat_most(spec: Spec, walls: list[Wall], main: int):
    """The seating with the most seats below the member count (binary search: an
    arrangement that seats n people also fits fewer)."""
    try:
        best = _seat(spec, walls, main, 1)
    except FloorInfeasible:
        return None                      # not even one seat: no arrangement helps
    lo, hi = 2, spec.branch.members - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        try:
            best = _seat(spec, walls, main, mid)
            lo = mid + 1
        except FloorInfeasible:
            hi = mid - 1
    return best


def _empty_seating(spec: Spec, walls: list[Wall], main: int):
    frame = Frame(walls[main])
    room = _local_room(spec, frame)
    blocked = _keep_out(spec, walls, frame)
    start = door_point(spec, walls, frame)
    arr = Arrangement("chairs_only", 0.0, 0.0, [], 0, 0)
    return frame, room, blocked, start, arr, frame.wall.length / 2, FRONT_CLEAR, []


def _seat(spec: Spec, walls: list[Wall], main: int, members: int | None = None, chairs_only: bool = False):
    frame = Frame(walls[main])
    room = _local_room(spec, frame)
    n = members or spec.branch.members
    blocked = _keep_out(spec, walls, frame)          # handed on to the wall furniture
    # tables and chairs also keep off windows with a lower sill (wall furniture keeps off
    # windows by its own height: furniture._fronts)
    low_windows = _window_zones(spec, walls, frame, CHAIR_HEIGHT)
    seat_blocked = unary_union([blocked] + [z.buffer(KEEP_OUT_MARGIN, join_style=2) for z in low_windows]) \
        if low_windows else blocked
    front = box(-1e6, -1e6, 1e6, FRONT_CLEAR)
    usable_seating = room.difference(front)        # the envelope (with its clearances) stays in the room
    shapely.prepare(usable_seating)
    shapely.prepare(seat_blocked)                   # tables and chairs stay out of door swings and approaches
    minx, miny, maxx, maxy = room.bounds
    usable_area = usable_seating.area + 1.0
    uc = frame.wall.length / 2
    start = door_point(spec, walls, frame)
    low_obstacles = _obstacle_zones(spec, walls, frame, HEADROOM)    # they narrow passages
    bare = room.difference(unary_union(low_obstacles)) if low_obstacles else room
    if reachable(bare.buffer(-passage_radius(float(spec.options.passage_width))), start, [start]):
        raise FloorInfeasible(                       # the entrance itself is blocked: no seating helps
            f"the entrance door is blocked: no {spec.options.passage_width:g} mm passage leads into the room",
            ["seats.for_members", "passage.width"])
    chosen = None
    for arr in arrangements(n, spec):
        if chairs_only and arr.mode != "chairs_only":
            continue
        if arr.W > maxx - minx + 1 or arr.D > maxy - miny + 1 or arr.W * arr.D > usable_area:
            continue                       # the envelope cannot fit: no position to test
        pos = _positions(usable_seating, seat_blocked, arr, uc, minx, maxx, miny, maxy)
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
             cache, relaxed, wall_furniture):
    notes: list[Text] = []
    if arr.mode == "chairs_only" and arr.seats:
        notes.append(Text(f"桌椅无法全部摆放，改为{arr.seats}把椅子成排摆放（无桌）",
                          f"tables for all {arr.seats} seats do not fit: rows of chairs without tables (fallback)"))
    out: list[FloorItem] = []
    ti = ci = 0
    zh = lang != "en"
    for kind, (a, b, c, d) in items:
        if kind == "table":
            ti += 1
            out.append(FloorItem(id=f"table-{ti}", kind="table", label="会议桌" if zh else "Table",
                                 footprint=frame.poly_to_plan([(a, b), (c, b), (c, d), (a, d)]), height=TABLE_HEIGHT))
        else:
            ci += 1
            facing = _facing(arr.mode, a, c, u0 + arr.W / 2, frame)
            out.append(FloorItem(id=f"chair-{ci}", kind="chair", label="椅" if zh else "Chair",
                                 footprint=frame.poly_to_plan([(a, b), (c, b), (c, d), (a, d)]), height=CHAIR_HEIGHT,
                                 faces=facing))
    envelope = box(u0, v0, u0 + arr.W, v0 + arr.D)
    seat_centroid = envelope.centroid
    seating = Seating(mode=arr.mode, seats=arr.seats, tables=arr.tables, note=SEATING_NOTES[arr.mode](lang))
    extra, more_notes, shortfalls = wall_furniture(spec, profile, walls, main, frame, room, blocked, envelope, items,
                                                    wall_items, start, (seat_centroid.x, seat_centroid.y), zh,
                                                    _chair_centres(items), cache if cache is not None else {},
                                                    relaxed)
    out.extend(extra)
    notes.extend(more_notes)
    return out, seating, notes, shortfalls


SEATING_NOTES = {"conference": Text("一张会议桌，两侧就座", "one conference table"),
                 "rows": Text("课桌式成排摆放，面向主墙", "rows of tables facing the main wall"),
                 "chairs_only": Text("仅椅子成排摆放", "chairs in rows without tables")}


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


def _sorted_unique(a):
    """``np.unique`` of a finite float array (sorted, each value once) without its check for a
    masked array, whose first call imports ``numpy.ma`` (about 20 ms of every cold start)."""
    a = np.sort(a)
    return a[np.concatenate(([True], a[1:] != a[:-1]))]


def _positions(region, blocked, arr: Arrangement, uc, minx, maxx, miny, maxy):
    us = np.arange(math.floor(minx / STEP) * STEP, maxx - arr.W + 1, STEP)
    vs = np.arange(max(FRONT_CLEAR, math.floor(miny / STEP) * STEP), maxy - arr.D + 1, STEP)
    if len(us) == 0 or len(vs) == 0:
        return []
    # also try exactly centred on the flag axis
    us = _sorted_unique(np.concatenate([us, [uc - arr.W / 2]]))
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
