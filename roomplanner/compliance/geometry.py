"""The checker's own geometry (独立几何), recomputed from the plan's coordinates with shapely.

Nothing here uses the solver's helpers or reads a field the solver wrote as a verdict: the
room polygon, its area, each wall's length and inward side, the door swings and every
item's rectangle (on a wall) or footprint (on the floor) come from the outline and the item
coordinates alone.

Wall frames: wall ``i`` runs from ``outline[i]`` to ``outline[i+1]``; ``offset`` is measured
from ``outline[i]``. ``view_x(offset)`` maps an offset to a coordinate that grows to the right
of a viewer standing in the room and facing the wall (for a counter-clockwise outline the
offset grows to the viewer's left, so ``view_x = -offset``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from shapely.geometry import LineString, Point, Polygon

from ..model.plan import FloorItem, Plan, WallItem
from ..model.spec import Opening

Rect = tuple[float, float, float, float]   # (left, right, bottom, top) in a wall's elevation


@dataclass(frozen=True)
class WallFrame:
    """One wall of the outline, from ``start`` to ``end`` (``ccw``: the outline runs counter-clockwise; ``n`` points into the room)."""
    index: int
    start: tuple[float, float]
    end: tuple[float, float]
    ccw: bool

    @cached_property
    def length(self) -> float:
        return math.hypot(self.end[0] - self.start[0], self.end[1] - self.start[1])

    @cached_property
    def d(self) -> tuple[float, float]:
        L = self.length
        return ((self.end[0] - self.start[0]) / L, (self.end[1] - self.start[1]) / L)

    @cached_property
    def n(self) -> tuple[float, float]:
        """Unit normal pointing into the room."""
        dx, dy = self.d
        return (-dy, dx) if self.ccw else (dy, -dx)

    @cached_property
    def segment(self) -> LineString:
        return LineString([self.start, self.end])

    def point(self, offset: float, depth: float = 0.0) -> tuple[float, float]:
        return (self.start[0] + self.d[0] * offset + self.n[0] * depth,
                self.start[1] + self.d[1] * offset + self.n[1] * depth)

    def offset_depth(self, p: tuple[float, float]) -> tuple[float, float]:
        vx, vy = p[0] - self.start[0], p[1] - self.start[1]
        return (vx * self.d[0] + vy * self.d[1], vx * self.n[0] + vy * self.n[1])

    def box(self, off0: float, off1: float, depth0: float, depth1: float) -> Polygon:
        return Polygon([self.point(off0, depth0), self.point(off1, depth0),
                        self.point(off1, depth1), self.point(off0, depth1)])

    def view_x(self, offset: float) -> float:
        return -offset if self.ccw else offset

    def view_span(self, offset: float, width: float) -> tuple[float, float]:
        a, b = self.view_x(offset), self.view_x(offset + width)
        return (min(a, b), max(a, b))


class RoomGeometry:
    """The room of a plan: polygon, area, walls, openings."""

    def __init__(self, plan: Plan):
        spec = plan.spec
        pts = [(float(x), float(y)) for x, y in spec.room.outline]
        self.polygon = Polygon(pts)
        self.ccw = self.polygon.exterior.is_ccw
        n = len(pts)
        self.walls = [WallFrame(i, pts[i], pts[(i + 1) % n], self.ccw) for i in range(n)]
        self.height = float(spec.room.height)
        self.spec = spec

    @cached_property
    def area_m2(self) -> float:
        return self.polygon.area / 1e6

    # -- openings --------------------------------------------------------
    def opening_rect(self, o: Opening) -> Rect:
        lo, hi = float(o.offset), float(o.offset) + float(o.width)
        if o.kind == "door":
            return (lo, hi, 0.0, float(o.height))
        sill = self.spec.window_sill(o)  # the spec's default sill: one definition
        return (lo, hi, sill, sill + float(o.height))

    def hinge_offset(self, o: Opening) -> float:
        w = self.walls[o.wall]
        lo, hi = float(o.offset), float(o.offset) + float(o.width)
        if o.hinge == "start":
            return lo
        if o.hinge == "end":
            return hi
        return lo if lo <= w.length - hi else hi

    def swing(self, o: Opening, steps: int = 16) -> Polygon:
        """The quarter disc an inward door leaf sweeps on the floor."""
        w = self.walls[o.wall]
        h = self.hinge_offset(o)
        r = float(o.width)
        toward = 1.0 if h == float(o.offset) else -1.0
        px, py = w.point(h)
        pts = [(px, py)]
        for k in range(steps + 1):
            t = math.pi / 2 * k / steps
            ux = toward * w.d[0] * math.cos(t) + w.n[0] * math.sin(t)
            uy = toward * w.d[1] * math.cos(t) + w.n[1] * math.sin(t)
            pts.append((px + r * ux, py + r * uy))
        return Polygon(pts)

    def entrance(self) -> Optional[tuple[int, Opening]]:
        doors = [(k, o) for k, o in enumerate(self.spec.room.openings) if o.kind == "door"]
        for k, o in doors:
            if o.entrance:
                return k, o
        return doors[0] if doors else None

    def obstacle_box(self, k: int) -> Optional[Polygon]:
        ob = self.spec.room.obstacles[k]
        if float(ob.depth) <= 0:
            return None
        return self.walls[ob.wall].box(float(ob.offset), float(ob.offset) + float(ob.width), 0.0, float(ob.depth))


def wall_rect(it: WallItem) -> Rect:
    return (float(it.offset), float(it.offset) + float(it.width), float(it.bottom), float(it.bottom) + float(it.height))


def interval_overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length shared by [a0, a1] and [b0, b1] (negative: the gap between them)."""
    return min(a1, b1) - max(a0, b0)


def rect_gap(a: Rect, b: Rect) -> float:
    """Chebyshev separation of two wall rectangles: the larger of the horizontal and the
    vertical gap (negative when they overlap in both directions)."""
    gx = max(b[0] - a[1], a[0] - b[1])
    gy = max(b[2] - a[3], a[2] - b[3])
    return max(gx, gy)


class FloorModel:
    """Footprints and vertical extents of the floor items."""

    def __init__(self, plan: Plan, room: RoomGeometry):
        self.items: dict[str, FloorItem] = {it.id: it for it in plan.floor_items}
        self.poly: dict[str, Polygon] = {it.id: Polygon([(float(x), float(y)) for x, y in it.footprint])
                                         for it in plan.floor_items}
        self.room = room

    def span(self, item_id: str, _depth: int = 0) -> Optional[tuple[float, float]]:
        """Vertical extent [bottom, top] above the floor; ``None`` for ceiling items, which
        take no floor or wall space. An item standing ``on`` another starts at that item's top
        and rises by its own ``height``."""
        it = self.items[item_id]
        h = float(it.height)
        if it.mount == "ceiling":
            return None
        if it.mount == "on" and it.on in self.items and _depth < 16:
            host = self.span(it.on, _depth + 1)
            base = host[1] if host else 0.0
            return (base, base + h)
        if it.mount == "wall":
            b = float(getattr(it, "bottom", None) or 0.0)
            return (b, b + h)
        return (0.0, h)

    def solid(self, include_chairs: bool = True) -> list[str]:
        """Items that take floor space: standing on the floor, or fixed to a wall low enough to
        be walked into (mount wall with a lower edge below the headroom)."""
        from .catalog import HEADROOM_MM
        out = []
        for i, it in self.items.items():
            if it.kind == "chair" and not include_chairs:
                continue
            if it.mount == "floor":
                out.append(i)
            elif it.mount == "wall":
                sp = self.span(i)
                if sp and sp[0] < HEADROOM_MM:
                    out.append(i)
        return out

    def host_chain(self, item_id: str) -> set[str]:
        out: set[str] = set()
        cur = self.items.get(item_id)
        while cur is not None and cur.mount == "on" and cur.on and cur.on not in out:
            out.add(cur.on)
            cur = self.items.get(cur.on)
        return out

    def centre(self, item_id: str) -> Point:
        return self.poly[item_id].centroid


def projected_interval(wall: WallFrame, poly: Polygon) -> tuple[float, float, float]:
    """(min offset, max offset, min depth) of a footprint seen from ``wall``."""
    offs, depths = [], []
    for p in poly.exterior.coords:
        o, dpt = wall.offset_depth(p)
        offs.append(o)
        depths.append(dpt)
    return (min(offs), max(offs), min(depths))
