"""Plan-view geometry of a room: walls (墙面) as segments with an inward normal, and
intervals along a wall.

Wall ``i`` runs from ``outline[i]`` to ``outline[i+1]`` (wrapping), whatever the polygon's
orientation. A position on a wall is ``offset`` millimetres from ``outline[i]``. Seen from
inside the room, the start of a wall is on the viewer's *left* for a clockwise outline and
on the viewer's *right* for a counter-clockwise one; :meth:`Wall.viewer_left` converts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

Point = tuple[float, float]
Interval = tuple[float, float]


def signed_area(outline: Sequence[Point]) -> float:
    """Shoelace area, positive for a counter-clockwise outline (y up)."""
    s = 0.0
    n = len(outline)
    for i in range(n):
        x1, y1 = outline[i]
        x2, y2 = outline[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2.0


@dataclass(frozen=True)
class Wall:
    index: int
    start: Point
    end: Point
    ccw: bool  # orientation of the outline this wall belongs to

    @property
    def length(self) -> float:
        return math.hypot(self.end[0] - self.start[0], self.end[1] - self.start[1])

    @property
    def direction(self) -> Point:
        L = self.length
        return ((self.end[0] - self.start[0]) / L, (self.end[1] - self.start[1]) / L)

    @property
    def inward_normal(self) -> Point:
        dx, dy = self.direction
        return (-dy, dx) if self.ccw else (dy, -dx)

    @property
    def midpoint(self) -> Point:
        return ((self.start[0] + self.end[0]) / 2, (self.start[1] + self.end[1]) / 2)

    def point_at(self, offset: float, depth: float = 0.0) -> Point:
        """The plan point ``offset`` mm along the wall and ``depth`` mm into the room."""
        dx, dy = self.direction
        nx, ny = self.inward_normal
        return (self.start[0] + dx * offset + nx * depth, self.start[1] + dy * offset + ny * depth)

    def viewer_left(self, offset: float, width: float) -> float:
        """Distance of an item's left edge from the wall's left end, seen from inside."""
        if self.ccw:
            return self.length - offset - width
        return offset

    def from_viewer_left(self, left: float, width: float) -> float:
        """Inverse of :meth:`viewer_left`."""
        if self.ccw:
            return self.length - left - width
        return left

    def project(self, p: Point) -> tuple[float, float]:
        """(offset along the wall, depth into the room) of plan point ``p``."""
        dx, dy = self.direction
        nx, ny = self.inward_normal
        vx, vy = p[0] - self.start[0], p[1] - self.start[1]
        return (vx * dx + vy * dy, vx * nx + vy * ny)

    def rect(self, offset: float, width: float, depth: float, gap: float = 0.0) -> list[Point]:
        """Footprint of a box standing against the wall: ``width`` along it, ``depth``
        into the room, ``gap`` mm off the wall face. Returned in the outline's orientation."""
        pts = [self.point_at(offset, gap), self.point_at(offset + width, gap),
               self.point_at(offset + width, gap + depth), self.point_at(offset, gap + depth)]
        return pts


def walls_of(outline: Sequence[Point]) -> list[Wall]:
    ccw = signed_area(outline) > 0
    n = len(outline)
    return [Wall(i, tuple(outline[i]), tuple(outline[(i + 1) % n]), ccw) for i in range(n)]


def corner_angle(outline: Sequence[Point], vertex: int) -> float:
    """Interior angle in degrees at ``outline[vertex]`` (270 at a re-entrant corner)."""
    n = len(outline)
    ccw = signed_area(outline) > 0
    p0, p1, p2 = outline[vertex - 1], outline[vertex], outline[(vertex + 1) % n]
    a = math.atan2(p0[1] - p1[1], p0[0] - p1[0])
    b = math.atan2(p2[1] - p1[1], p2[0] - p1[0])
    ang = math.degrees(a - b) % 360.0 if ccw else math.degrees(b - a) % 360.0
    return ang


def hinge_offset(wall: Wall, offset: float, width: float, hinge: str) -> float:
    """Offset of a door's hinge along its wall. ``start``/``end``: the side nearer
    ``outline[wall]`` / the other side; ``auto``: the side nearer a corner, so the open leaf
    lies against the wall."""
    lo, hi = float(offset), float(offset + width)
    if hinge == "start":
        return lo
    if hinge == "end":
        return hi
    return lo if lo <= wall.length - hi else hi


# ---------------------------------------------------------------- intervals

def merge(intervals: Iterable[Interval]) -> list[Interval]:
    out: list[list[float]] = []
    for a, b in sorted(intervals):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def subtract(span: Interval, blocked: Iterable[Interval]) -> list[Interval]:
    """``span`` minus the union of ``blocked``; pieces in increasing order."""
    lo, hi = span
    free: list[Interval] = []
    cur = lo
    for a, b in merge(blocked):
        if b <= cur:
            continue
        if a >= hi:
            break
        if a > cur:
            free.append((cur, min(a, hi)))
        cur = max(cur, b)
        if cur >= hi:
            break
    if cur < hi:
        free.append((cur, hi))
    return [(a, b) for a, b in free if b - a > 1e-9]


def overlaps(a: Interval, b: Interval, tol: float = 1e-6) -> bool:
    return a[0] < b[1] - tol and b[0] < a[1] - tol
