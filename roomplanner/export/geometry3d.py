"""Meshes for the 3D model: boxes, prisms over a plan polygon, wall solids with openings.

World coordinates are glTF's: metres, Y up. A plan point ``(x, y)`` in millimetres maps to
``(x / 1000, height / 1000, -y / 1000)``, so the plan seen from above keeps its orientation.
A :class:`Part` is one triangle list with one material; positions, normals and texture
coordinates are plain float lists (the writer packs them as float32).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import shapely
from shapely.geometry import Polygon as SPolygon

MM = 0.001

#: Panel depth (mm) of wall items, by kind: boards are KT/acrylic panels on a frame, the
#: flag is cloth hung flat, signs are thin plates. (Here, not in :mod:`.scene`, so the CAD
#: files, which draw the panels too, need neither the scene nor Pillow.)
PANEL_DEPTH = {"board": 12.0, "flag": 3.0, "sign": 8.0}

Vec = tuple[float, float, float]


def world(x: float, y: float, h: float = 0.0) -> Vec:
    """Plan millimetres (x, y) and height h above the floor → world metres."""
    return (x * MM, h * MM, -y * MM)


@dataclass
class Part:
    material: str
    positions: list[Vec] = field(default_factory=list)
    normals: list[Vec] = field(default_factory=list)
    uvs: list[tuple[float, float]] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)

    def quad(self, a: Vec, b: Vec, c: Vec, d: Vec, normal: Vec,
             uv: Sequence[tuple[float, float]] = ((0, 1), (1, 1), (1, 0), (0, 0))) -> None:
        """A planar quad a-b-c-d, counter-clockwise seen from the side ``normal`` points to."""
        k = len(self.positions)
        self.positions += [a, b, c, d]
        self.normals += [normal] * 4
        self.uvs += list(uv)
        self.indices += [k, k + 1, k + 2, k, k + 2, k + 3]

    def triangles(self, pts: Sequence[Vec], tris: Sequence[tuple[int, int, int]], normal: Vec) -> None:
        k = len(self.positions)
        self.positions += list(pts)
        self.normals += [normal] * len(pts)
        self.uvs += [(0.0, 0.0)] * len(pts)
        for a, b, c in tris:
            self.indices += [k + a, k + b, k + c]


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _unit(v: Vec) -> Vec:
    n = math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2) or 1.0
    return (v[0] / n, v[1] / n, v[2] / n)


def box(part: Part, lo: Vec, hi: Vec, front_uv: bool = False) -> None:
    """An axis-aligned box from ``lo`` to ``hi`` (local coordinates). With ``front_uv`` the
    +Z face carries the texture the right way up (u left→right, v top→bottom)."""
    x0, y0, z0 = lo
    x1, y1, z1 = hi
    part.quad((x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1), (0, 0, 1),
              ((0, 1), (1, 1), (1, 0), (0, 0)) if front_uv else ((0, 0),) * 4)
    z = ((0, 0),) * 4
    part.quad((x1, y0, z0), (x0, y0, z0), (x0, y1, z0), (x1, y1, z0), (0, 0, -1), z)
    part.quad((x1, y0, z1), (x1, y0, z0), (x1, y1, z0), (x1, y1, z1), (1, 0, 0), z)
    part.quad((x0, y0, z0), (x0, y0, z1), (x0, y1, z1), (x0, y1, z0), (-1, 0, 0), z)
    part.quad((x0, y1, z1), (x1, y1, z1), (x1, y1, z0), (x0, y1, z0), (0, 1, 0), z)
    part.quad((x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1), (0, -1, 0), z)


def _signed_area(pts: Sequence[tuple[float, float]]) -> float:
    n = len(pts)
    return 0.5 * sum(pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1] for i in range(n))


def _convex_fan(pts: Sequence[tuple[float, float]]) -> list[tuple[int, int, int]] | None:
    """A fan from the first corner when ``pts`` (counter-clockwise) is strictly convex —
    most footprints are rectangles — else None."""
    n = len(pts)
    if n < 3:
        return None
    for i in range(n):
        (ax, ay), (bx, by), (cx, cy) = pts[i - 1], pts[i], pts[(i + 1) % n]
        if (bx - ax) * (cy - by) - (by - ay) * (cx - bx) <= 1e-9:
            return None
    return [(0, k, k + 1) for k in range(1, n - 1)]


def triangulate(poly: Sequence[tuple[float, float]]) -> list[tuple[int, int, int]]:
    """Triangles (indices into ``poly``, counter-clockwise) covering a simple polygon."""
    pts = [(float(x), float(y)) for x, y in poly]
    if _signed_area(pts) > 0:
        fan = _convex_fan(pts)
        if fan is not None:
            return fan
    sp = SPolygon(pts)
    if not sp.is_valid or sp.area <= 0:
        sp = sp.buffer(0)
    index = {p: k for k, p in enumerate(pts)}
    out: list[tuple[int, int, int]] = []
    for tri in shapely.constrained_delaunay_triangles(sp).geoms:
        corners = list(tri.exterior.coords)[:3]
        ids = []
        for c in corners:
            k = index.get((c[0], c[1]))
            if k is None:   # a point GEOS moved by rounding: take the nearest vertex
                k = min(range(len(pts)), key=lambda j: (pts[j][0] - c[0]) ** 2 + (pts[j][1] - c[1]) ** 2)
            ids.append(k)
        a, b, c = ids
        (ax, ay), (bx, by), (cx, cy) = pts[a], pts[b], pts[c]
        if (bx - ax) * (cy - ay) - (by - ay) * (cx - ax) < 0:
            b, c = c, b
        out.append((a, b, c))
    return sorted(out)


def prism(part: Part, poly: Sequence[tuple[float, float]], z0: float, z1: float,
          origin: tuple[float, float] = (0.0, 0.0), top: bool = True, bottom: bool = True) -> None:
    """A vertical prism over plan polygon ``poly`` (mm) from height z0 to z1 (mm), in
    coordinates relative to the plan point ``origin``."""
    pts = tuple((float(x) - origin[0], float(y) - origin[1]) for x, y in poly)
    positions, normals, uvs, indices = _prism_mesh(pts, float(z0), float(z1), top, bottom)
    k = len(part.positions)
    part.positions += positions
    part.normals += normals
    part.uvs += uvs
    part.indices += [k + i for i in indices]


@lru_cache(maxsize=512)
def _prism_mesh(pts: tuple, z0: float, z1: float, top: bool, bottom: bool) -> tuple:
    """The mesh of :func:`prism` (positions, normals, uvs, indices from 0); identical pieces of
    furniture (every chair of a row) share it."""
    pts = list(pts)
    if _signed_area(pts) < 0:
        pts = pts[::-1]
    tris = triangulate(pts)
    part = Part("")
    if top:
        part.triangles([world(x, y, z1) for x, y in pts], tris, (0, 1, 0))
    if bottom:
        part.triangles([world(x, y, z0) for x, y in pts], [(a, c, b) for a, b, c in tris], (0, -1, 0))
    n = len(pts)
    for i in range(n):
        (x0, y0), (x1, y1) = pts[i], pts[(i + 1) % n]
        L = math.hypot(x1 - x0, y1 - y0)
        if L < 1e-9:
            continue
        nrm = ((y1 - y0) / L, 0.0, (x1 - x0) / L)   # outward for a ccw polygon, in world axes
        part.quad(world(x0, y0, z0), world(x1, y1, z0), world(x1, y1, z1), world(x0, y0, z1), nrm)
    return tuple(part.positions), tuple(part.normals), tuple(part.uvs), tuple(part.indices)


def flat(part: Part, poly: Sequence[tuple[float, float]], h: float, up: bool) -> None:
    """A horizontal polygon at height h (mm), facing up or down."""
    pts = [(float(x), float(y)) for x, y in poly]
    if _signed_area(pts) < 0:
        pts = pts[::-1]
    tris = triangulate(pts)
    if not up:
        tris = [(a, c, b) for a, b, c in tris]
    part.triangles([world(x, y, h) for x, y in pts], tris, (0, 1, 0) if up else (0, -1, 0))


# ---------------------------------------------------------------- walls

def outer_corners(outline: Sequence[tuple[float, float]], ccw: bool, t: float) -> list[tuple[float, float]]:
    """The outline offset outwards by ``t`` with mitred corners (one point per vertex)."""
    n = len(outline)
    out = []
    for i in range(n):
        p = outline[i]
        a = _out_normal(outline[i - 1], p, ccw)
        b = _out_normal(p, outline[(i + 1) % n], ccw)
        d = 1.0 + a[0] * b[0] + a[1] * b[1]
        if d < 1e-6:        # a hairpin: fall back to the plain offset
            out.append((p[0] + a[0] * t, p[1] + a[1] * t))
            continue
        out.append((p[0] + t * (a[0] + b[0]) / d, p[1] + t * (a[1] + b[1]) / d))
    return out


def _out_normal(p, q, ccw: bool) -> tuple[float, float]:
    dx, dy = q[0] - p[0], q[1] - p[1]
    L = math.hypot(dx, dy)
    dx, dy = dx / L, dy / L
    return (dy, -dx) if ccw else (-dy, dx)


def wall_solid(part: Part, start, end, ostart, oend, H: float,
               holes: Sequence[tuple[float, float, float, float]], ccw: bool) -> None:
    """Wall from inner segment start→end (mm) to outer points ostart/oend, height H, with
    rectangular ``holes`` (u0, u1, v0, v1) cut through (u along the wall, v above the floor)."""
    L = math.hypot(end[0] - start[0], end[1] - start[1])
    dx, dy = (end[0] - start[0]) / L, (end[1] - start[1]) / L
    nx, ny = (-dy, dx) if ccw else (dy, -dx)              # into the room
    onx, ony = -nx, -ny
    t = (ostart[0] - start[0]) * onx + (ostart[1] - start[1]) * ony   # thickness

    def inner(u):
        return (start[0] + dx * u, start[1] + dy * u)

    def outer(u):
        if u <= 1e-9:
            return ostart
        if u >= L - 1e-9:
            return oend
        return (start[0] + dx * u + onx * t, start[1] + dy * u + ony * t)

    holes = [(max(0.0, a), min(L, b), max(0.0, c), min(H, d)) for a, b, c, d in holes]
    us = sorted({0.0, L, *[h[0] for h in holes], *[h[1] for h in holes]})
    vs = sorted({0.0, H, *[h[2] for h in holes], *[h[3] for h in holes]})
    n_in = (nx, 0.0, -ny)
    n_out = (onx, 0.0, -ony)

    def in_hole(u, v):
        return any(a < u < b and c < v < d for a, b, c, d in holes)

    for i in range(len(us) - 1):
        u0, u1 = us[i], us[i + 1]
        for j in range(len(vs) - 1):
            v0, v1 = vs[j], vs[j + 1]
            if in_hole((u0 + u1) / 2, (v0 + v1) / 2):
                continue
            a, b = inner(u0), inner(u1)
            _quad_facing(part, [world(*a, v0), world(*b, v0), world(*b, v1), world(*a, v1)], n_in)
            a, b = outer(u0), outer(u1)
            _quad_facing(part, [world(*b, v0), world(*a, v0), world(*a, v1), world(*b, v1)], n_out)
    _quad_facing(part, [world(*start, H), world(*end, H), world(*oend, H), world(*ostart, H)], (0, 1, 0))
    # reveals: the faces inside every opening
    d = (dx, 0.0, -dy)
    for u0, u1, v0, v1 in holes:
        for u, nrm in ((u0, d), (u1, (-d[0], 0.0, -d[2]))):
            if 1e-9 < u < L - 1e-9:
                q = [world(*inner(u), v0), world(*outer(u), v0), world(*outer(u), v1), world(*inner(u), v1)]
                _quad_facing(part, q, nrm)
        for v, nrm in ((v0, (0, 1, 0)), (v1, (0, -1, 0))):
            if 1e-9 < v < H - 1e-9 or (v == 0.0 and nrm[1] > 0):
                q = [world(*inner(u0), v), world(*inner(u1), v), world(*outer(u1), v), world(*outer(u0), v)]
                _quad_facing(part, q, nrm)


def _faces(q: Sequence[Vec], normal: Vec) -> bool:
    c = _cross(_sub(q[1], q[0]), _sub(q[2], q[0]))
    return c[0] * normal[0] + c[1] * normal[1] + c[2] * normal[2] >= 0


def _quad_facing(part: Part, q: Sequence[Vec], normal: Vec) -> None:
    if _faces(q, normal):
        part.quad(q[0], q[1], q[2], q[3], normal)
    else:
        part.quad(q[1], q[0], q[3], q[2], normal)


def yaw_quaternion(front: tuple[float, float]) -> tuple[float, float, float, float]:
    """Rotation about +Y taking local +Z to the world direction ``front`` = (X, Z)."""
    theta = math.atan2(front[0], front[1])
    return (0.0, math.sin(theta / 2), 0.0, math.cos(theta / 2))
