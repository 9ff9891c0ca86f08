"""The 3D scene of a plan: one named node per plan item, walls, openings, floor, ceiling.

``build_scene(plan, files)`` returns a :class:`Scene` that both the glTF writer
(:mod:`.gltf`) and the perspective renderer (:mod:`.perspective`) use, so the PNG shows
exactly the model. Units are metres, Y up (see :mod:`.geometry3d`).

Item nodes (wall items and floor items) are named by their plan id and carry ``extras``
(id, kind, title or label, sizes in mm) so a viewer can say what was clicked. A wall item's
node sits at the centre of its panel, turned so that local +Z is the panel's front and +X
the viewer's right; its mesh is the box ``width × height × depth`` around the origin. A
floor item's node sits at the centre of its footprint's bounding box at its bottom height,
not turned; its mesh spans the footprint's bounding box and its height.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import NamedTuple, Optional

import numpy as np

from PIL import Image
from shapely.geometry import Polygon as SPolygon

from ..model.geometry import walls_of, hinge_offset
from ..model.plan import Plan, WallItem, FloorItem
from . import textures
from .geometry3d import (PANEL_DEPTH, Part, box, prism, flat, wall_solid, outer_corners, world, yaw_quaternion, MM)

DOOR_LEAF = 40.0
FLUSH_OBSTACLE = 15.0
CEILING_DEFAULT = 300.0

#: Base colours (sRGB 0–255) of the materials.
COLOURS = {
    "wall": (242, 239, 232), "floor": (196, 170, 136), "ceiling": (250, 250, 248),
    "door": (139, 94, 60), "frame": (226, 226, 222), "glass": (150, 196, 226),
    "panel-edge": (236, 236, 236), "obstacle": (190, 190, 186),
    "table": (150, 98, 62), "chair": (92, 60, 40), "bookcase": (160, 120, 80),
    "archive_cabinet": (176, 180, 184), "newspaper_rack": (120, 86, 58), "tv": (32, 32, 36),
    "dvd": (48, 48, 52), "disc_cabinet": (140, 100, 66), "computer": (60, 60, 66),
    "projector": (220, 220, 224), "screen": (248, 248, 248), "equipment_cabinet": (150, 154, 160),
    "podium": (128, 72, 40), "seat": (150, 40, 36),
}


@dataclass
class Material:
    name: str
    colour: tuple[int, int, int]
    image: Optional[Image.Image] = None
    alpha: float = 1.0


@dataclass
class Node:
    name: str
    translation: tuple[float, float, float] = (0.0, 0.0, 0.0)
    rotation: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 1.0)
    parts: list[Part] = field(default_factory=list)
    extras: dict = field(default_factory=dict)


class MeshArrays(NamedTuple):
    """Every non-empty part of a scene (in node order) as flat arrays, for the glTF writer
    and the perspective renderer alike: ``parts`` are (node, part) pairs; ``positions``,
    ``normals`` (V, 3) and ``uvs`` (V, 2) are float64, the parts' vertices one after the
    other, part ``k`` from ``offsets[k]`` to ``offsets[k + 1]``."""
    parts: list[tuple[Node, Part]]
    positions: np.ndarray
    normals: np.ndarray
    uvs: np.ndarray
    offsets: np.ndarray


def _flat(rows: list, width: int, count: int) -> np.ndarray:
    return np.fromiter(chain.from_iterable(rows), np.float64, count * width).reshape(count, width)


@dataclass
class Scene:
    nodes: list[Node]
    materials: dict[str, Material]
    camera_door: Optional[tuple[tuple[float, float, float], tuple[float, float, float]]] = None
    """(eye, target) in world metres: standing inside the entrance, looking into the room."""
    main_wall: int = 0
    _arrays: Optional[MeshArrays] = field(default=None, repr=False, compare=False)

    def mesh_arrays(self) -> MeshArrays:
        """The scene's meshes as arrays (made once: both writers read them, neither changes them)."""
        if self._arrays is None:
            parts = [(node, part) for node in self.nodes for part in node.parts if part.indices]
            counts = [len(part.positions) for _, part in parts]
            V = sum(counts)
            self._arrays = MeshArrays(
                parts,
                _flat([p for _, part in parts for p in part.positions], 3, V),
                _flat([n for _, part in parts for n in part.normals], 3, V),
                _flat([t for _, part in parts for t in part.uvs], 2, V),
                np.concatenate([[0], np.cumsum(counts, dtype=np.int64)]))
        return self._arrays


def _mat(scene_mats: dict, name: str, colour=None, **kw) -> str:
    if name not in scene_mats:
        scene_mats[name] = Material(name, colour or COLOURS.get(name, (200, 200, 200)), **kw)
    return name


def build_scene(plan: Plan, files: dict[str, bytes] | None = None, lang: str = "zh") -> Scene:
    files = files or {}
    spec = plan.spec
    outline = spec.outline
    walls = walls_of(outline)
    ccw = walls[0].ccw
    H = float(spec.room.height)
    T = float(spec.room.wall_thickness)
    outer = outer_corners(outline, ccw, T)
    mats: dict[str, Material] = {}
    nodes: list[Node] = []
    n = len(outline)

    fl = Part(_mat(mats, "floor"))
    flat(fl, outline, 0.0, up=True)
    nodes.append(Node("floor", parts=[fl], extras={"kind": "floor"}))
    ce = Part(_mat(mats, "ceiling"))
    flat(ce, outline, H, up=False)
    nodes.append(Node("ceiling", parts=[ce], extras={"kind": "ceiling"}))

    holes: dict[int, list] = {i: [] for i in range(n)}
    for k, o in enumerate(spec.room.openings):
        sill = spec.window_sill(o)
        holes[o.wall].append((float(o.offset), float(o.offset + o.width), sill, min(H, sill + float(o.height))))
    for i, w in enumerate(walls):
        p = Part(_mat(mats, "wall"))
        wall_solid(p, w.start, w.end, outer[i], outer[(i + 1) % n], H, holes[i], ccw)
        nodes.append(Node(f"wall-{i}", parts=[p], extras={"kind": "wall", "wall": i, "main": i == plan.main_wall}))

    for k, o in enumerate(spec.room.openings):
        nodes.append(_door(mats, k, o, walls[o.wall], T) if o.kind == "door"
                     else _window(mats, k, o, walls[o.wall], T, spec.window_sill(o)))
    for k, ob in enumerate(spec.room.obstacles):
        nodes.append(_obstacle(mats, k, ob, walls[ob.wall]))

    sizes = [(float(it.width), float(it.height)) for it in plan.wall_items]
    factor = textures.budget_factor(sizes)
    for it in plan.wall_items:
        nodes.append(_wall_item(mats, it, walls[it.wall], T, files, factor, lang))
    by_id = {f.id: f for f in plan.floor_items}
    for f in plan.floor_items:
        nodes.append(_floor_item(mats, f, by_id, H, walls))
    return Scene(nodes, mats, _door_camera(plan, walls), plan.main_wall)


# ---------------------------------------------------------------- items

def _size_text(w: float, h: float, d: float | None = None) -> str:
    parts = [f"{w:g}", f"{h:g}"] + ([f"{d:g}"] if d is not None else [])
    return " × ".join(parts) + " mm"


def _wall_item(mats, it: WallItem, wall, T: float, files, factor: float, lang: str) -> Node:
    w, h = float(it.width), float(it.height)
    d = PANEL_DEPTH.get(it.kind, 10.0)
    centre_u = float(it.offset) + w / 2
    depth = d / 2 if it.face == "inside" else -(T + d / 2)
    cx, cy = wall.point_at(centre_u, depth)
    nx, ny = wall.inward_normal
    if it.face == "outside":
        nx, ny = -nx, -ny
    if it.kind == "flag":
        img = textures.flag_image(w, h, factor)
    else:
        img = textures.board_image(files.get(f"boards/{it.id}.pdf"), w, h, it.title, factor,
                                   name=f"boards/{it.id}.pdf", lang=lang)
    front = Part(_mat(mats, f"art:{it.id}", (255, 255, 255), image=img))
    front.quad((-w / 2 * MM, -h / 2 * MM, d / 2 * MM), (w / 2 * MM, -h / 2 * MM, d / 2 * MM),
               (w / 2 * MM, h / 2 * MM, d / 2 * MM), (-w / 2 * MM, h / 2 * MM, d / 2 * MM), (0, 0, 1))
    edge = Part(_mat(mats, "flag-edge" if it.kind == "flag" else "panel-edge",
                     textures.FLAG_RED if it.kind == "flag" else None))
    _box_without_front(edge, (-w / 2 * MM, -h / 2 * MM, -d / 2 * MM), (w / 2 * MM, h / 2 * MM, d / 2 * MM))
    extras = {"id": it.id, "kind": it.kind, "role": it.role, "title": it.title, "wall": it.wall,
              "face": it.face, "width_mm": w, "height_mm": h, "depth_mm": d, "bottom_mm": float(it.bottom),
              "offset_mm": float(it.offset), "size": _size_text(w, h)}
    return Node(it.id, translation=world(cx, cy, float(it.bottom) + h / 2),
                rotation=yaw_quaternion((nx, -ny)), parts=[front, edge], extras=extras)


def _box_without_front(part: Part, lo, hi) -> None:
    tmp = Part(part.material)
    box(tmp, lo, hi)
    # the first quad of box() is the +Z face: drop it (the artwork replaces it)
    part.positions += tmp.positions[4:]
    part.normals += tmp.normals[4:]
    part.uvs += tmp.uvs[4:]
    part.indices += [i - 4 for i in tmp.indices[6:]]


def floor_item_bottom(f: FloorItem, by_id: dict, H: float, depth: int = 0) -> float:
    """Height of the item's underside (mm): on another item, under the ceiling, on a wall."""
    if f.mount == "on":
        base = by_id.get(f.on or "")
        if base is not None and depth < 8:
            return floor_item_bottom(base, by_id, H, depth + 1) + float(base.height)
        return 0.0
    if f.mount == "ceiling":
        return H - (min(float(f.height), 400.0) if f.height else CEILING_DEFAULT)
    if f.mount == "wall":
        return float(f.bottom) if f.bottom is not None else 0.0
    return 0.0


def floor_item_height(f: FloorItem) -> float:
    if f.mount == "ceiling":
        return min(float(f.height), 400.0) if f.height else CEILING_DEFAULT
    return max(float(f.height), 10.0)


def _floor_item(mats, f: FloorItem, by_id: dict, H: float, walls) -> Node:
    pts = [(float(x), float(y)) for x, y in f.footprint]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    ox, oy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    z0 = floor_item_bottom(f, by_id, H)
    h = floor_item_height(f)
    part = Part(_mat(mats, f.kind))
    parts = [part]
    if f.kind == "tv" and h > 900:
        part.material = _mat(mats, "tv-stand", COLOURS["disc_cabinet"])
        screen = Part(_mat(mats, "tv"))
        parts.append(screen)
        _tv(part, screen, f, pts, (ox, oy), h, walls)
    elif f.kind == "chair" and h > 500:
        _chair(part, mats, f, pts, (ox, oy), h)
    elif f.kind in ("table", "podium") and h > 300 and len(pts) == 4:
        _table(part, pts, (ox, oy), h, solid_front=f.kind == "podium")
    else:
        prism(part, pts, 0.0, h, (ox, oy))
    extras = {"id": f.id, "kind": f.kind, "title": f.label, "width_mm": round(max(xs) - min(xs), 3),
              "depth_mm": round(max(ys) - min(ys), 3), "height_mm": h, "bottom_mm": z0,
              "size": _size_text(round(max(xs) - min(xs), 3), round(max(ys) - min(ys), 3), h)}
    return Node(f.id, translation=world(ox, oy, z0), parts=[p for p in parts if p.indices], extras=extras)


def _chair(part: Part, mats, f: FloorItem, pts, origin, h: float) -> None:
    """Seat at 450 mm and a backrest along the back edge (opposite ``faces``)."""
    seat = min(450.0, h * 0.55)
    prism(part, pts, seat - 40.0, seat, origin)
    rel = tuple((x - origin[0], y - origin[1]) for x, y in pts)
    backrest = _backrest(rel, tuple(f.faces or (0.0, 1.0)))
    if backrest is not None:
        prism(part, backrest, 0.0, h, (0.0, 0.0))
    # legs at the front corners
    if len(pts) == 4:
        c = SPolygon(pts).centroid
        fx, fy = _unit2(*(f.faces or (0.0, 1.0)))
        front = sorted(pts, key=lambda p: -((p[0] - c.x) * fx + (p[1] - c.y) * fy))[:2]
        for k in range(4):
            if pts[k] in front:
                prism(part, _leg(pts, k, 20.0, 50.0), 0.0, seat - 40.0, origin, top=False, bottom=False)


@lru_cache(maxsize=256)
def _backrest(pts: tuple, faces: tuple) -> list | None:
    """The part of a chair's footprint (relative to its centre) within 60 mm of its back edge
    — the side away from ``faces`` — or None. Chairs of one room share a few shapes."""
    poly = SPolygon(pts)
    fx, fy = faces
    L = math.hypot(fx, fy) or 1.0
    fx, fy = fx / L, fy / L
    c = poly.centroid
    back = min((x - c.x) * fx + (y - c.y) * fy for x, y in pts)
    # the half-plane within 60 mm of the back edge, as a big rectangle turned to ``faces``
    R = 1e4
    px, py = -fy, fx
    b0, b1 = back, back + 60.0
    strip = SPolygon([(c.x + fx * b0 + px * R, c.y + fy * b0 + py * R), (c.x + fx * b1 + px * R, c.y + fy * b1 + py * R),
                      (c.x + fx * b1 - px * R, c.y + fy * b1 - py * R), (c.x + fx * b0 - px * R, c.y + fy * b0 - py * R)])
    backrest = poly.intersection(strip)
    if backrest.geom_type == "Polygon" and backrest.area > 1:
        return list(backrest.exterior.coords)[:-1]
    return None


def _tv(stand: Part, screen: Part, f: FloorItem, pts, origin, h: float, walls) -> None:
    """A TV on its cabinet: the cabinet (600 mm) over the whole footprint, the screen a
    80 mm slab above it along the back (the wall side)."""
    top = 600.0
    prism(stand, pts, 0.0, top, origin)
    poly = SPolygon(pts)
    c = poly.centroid
    if f.wall is not None and 0 <= f.wall < len(walls):
        nx, ny = walls[f.wall].inward_normal
    else:
        nx, ny = 0.0, -1.0
    proj = [(x - c.x) * nx + (y - c.y) * ny for x, y in pts]
    back = min(proj)
    R = 1e4
    px, py = -ny, nx
    b0, b1 = back + 40.0, back + 120.0
    slab = SPolygon([(c.x + nx * b0 + px * R, c.y + ny * b0 + py * R), (c.x + nx * b1 + px * R, c.y + ny * b1 + py * R),
                     (c.x + nx * b1 - px * R, c.y + ny * b1 - py * R), (c.x + nx * b0 - px * R, c.y + ny * b0 - py * R)])
    shrunk = poly.buffer(-60.0, join_style="mitre")
    body = shrunk.intersection(slab) if not shrunk.is_empty else poly.intersection(slab)
    if body.geom_type == "Polygon" and body.area > 1:
        prism(screen, list(body.exterior.coords)[:-1], top, h, origin)


def _table(part: Part, pts, origin, h: float, solid_front: bool = False) -> None:
    """A top 30 mm thick and four legs (a podium: a solid body)."""
    if solid_front:
        prism(part, pts, 0.0, h, origin)
        return
    prism(part, pts, h - 30.0, h, origin)
    for k in range(4):
        prism(part, _leg(pts, k, 40.0, 90.0), 0.0, h - 30.0, origin, top=False, bottom=False)


def _leg(pts, k: int, a: float, b: float) -> list[tuple[float, float]]:
    """A square leg in corner ``k`` of a quadrilateral footprint, between ``a`` and ``b`` mm
    in from both edges meeting there (so it stays inside, whatever the footprint's angle)."""
    p, q, r = pts[k], pts[(k + 1) % 4], pts[k - 1]
    e1 = _unit2(q[0] - p[0], q[1] - p[1])
    e2 = _unit2(r[0] - p[0], r[1] - p[1])
    return [(p[0] + e1[0] * u + e2[0] * v, p[1] + e1[1] * u + e2[1] * v) for u, v in ((a, a), (b, a), (b, b), (a, b))]


def _unit2(x: float, y: float) -> tuple[float, float]:
    n = math.hypot(x, y) or 1.0
    return (x / n, y / n)


# ---------------------------------------------------------------- openings, obstacles

def _oriented_box(part: Part, wall, u0: float, u1: float, d0: float, d1: float, v0: float, v1: float) -> None:
    """A box along ``wall``: u (along), d (into the room), v (height), all mm, world coords."""
    poly = [wall.point_at(u0, d0), wall.point_at(u1, d0), wall.point_at(u1, d1), wall.point_at(u0, d1)]
    prism(part, poly, v0, v1)


def _door(mats, k: int, o, wall, T: float) -> Node:
    """The leaf standing open at 90°, against the hinge-side jamb, on the side it swings to."""
    part = Part(_mat(mats, "door"))
    hinge = hinge_offset(wall, float(o.offset), float(o.width), o.hinge)
    lo = float(o.offset)
    w = float(o.width)
    side = 1.0 if abs(hinge - lo) < 1e-6 else -1.0      # towards the opening's inside
    u0, u1 = sorted((hinge, hinge + side * DOOR_LEAF))
    if o.swing == "in":
        d0, d1 = 0.0, w
    else:
        d0, d1 = -T - w, -T
    _oriented_box(part, wall, u0, u1, d0, d1, 0.0, float(o.height))
    cx, cy = wall.point_at((u0 + u1) / 2, (d0 + d1) / 2)
    return Node(f"door-{k}", parts=[part], extras={
        "kind": "door", "opening": k, "wall": o.wall, "width_mm": w, "height_mm": float(o.height),
        "size": _size_text(w, float(o.height)), "centre": list(world(cx, cy, 0.0))})


def _window(mats, k: int, o, wall, T: float, sill: float) -> Node:
    frame = Part(_mat(mats, "frame"))
    glass = Part(_mat(mats, "glass", alpha=0.35))
    u0, u1 = float(o.offset), float(o.offset + o.width)
    v0, v1 = sill, sill + float(o.height)
    fw, fd = 50.0, 60.0
    d0, d1 = -T / 2 - fd / 2, -T / 2 + fd / 2
    _oriented_box(frame, wall, u0, u1, d0, d1, v0, v0 + fw)
    _oriented_box(frame, wall, u0, u1, d0, d1, v1 - fw, v1)
    _oriented_box(frame, wall, u0, u0 + fw, d0, d1, v0 + fw, v1 - fw)
    _oriented_box(frame, wall, u1 - fw, u1, d0, d1, v0 + fw, v1 - fw)
    panes = max(1, round((u1 - u0) / 900.0))
    step = (u1 - u0) / panes
    for j in range(1, panes):
        u = u0 + j * step
        _oriented_box(frame, wall, u - fw / 2, u + fw / 2, d0, d1, v0 + fw, v1 - fw)
    _oriented_box(glass, wall, u0 + fw, u1 - fw, -T / 2 - 3, -T / 2 + 3, v0 + fw, v1 - fw)
    return Node(f"window-{k}", parts=[frame, glass], extras={
        "kind": "window", "opening": k, "wall": o.wall, "width_mm": float(o.width),
        "height_mm": float(o.height), "sill_mm": sill, "size": _size_text(float(o.width), float(o.height))})


def _obstacle(mats, k: int, ob, wall) -> Node:
    part = Part(_mat(mats, "obstacle"))
    depth = float(ob.depth) if ob.depth and ob.depth > 0 else FLUSH_OBSTACLE
    _oriented_box(part, wall, float(ob.offset), float(ob.offset + ob.width), 0.0, depth,
                  float(ob.bottom), float(ob.top))
    return Node(f"obstacle-{k}", parts=[part], extras={
        "kind": "obstacle", "title": ob.label, "wall": ob.wall, "width_mm": float(ob.width),
        "height_mm": float(ob.top - ob.bottom), "size": _size_text(float(ob.width), float(ob.top - ob.bottom))})


def _door_camera(plan: Plan, walls):
    """Standing 600 mm inside the entrance at eye height 1.6 m, looking across the room."""
    ent = plan.spec.entrance()
    if ent is None:
        return None
    _, o = ent
    w = walls[o.wall]
    u = float(o.offset) + float(o.width) / 2
    ex, ey = w.point_at(u, 600.0)
    room = SPolygon(plan.spec.outline)
    c = room.centroid
    tx, ty = w.point_at(u, 2000.0)
    if room.contains(c):
        tx, ty = c.x, c.y
    return world(ex, ey, 1600.0), world(tx, ty, 1300.0)


__all__ = ["Scene", "Node", "Material", "build_scene", "floor_item_bottom", "floor_item_height", "PANEL_DEPTH"]
