"""Wall geometry shared by the wall solvers: what a board must keep clear of on each wall
(doors, windows, door swings, obstacles, corners), free stretches, and legible board sizes.

The main wall is composed in ``main.py``, side walls and door signs in ``side.py``.
Coordinates: ``offset`` is measured from ``outline[wall]`` along the wall.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from shapely.geometry import LineString, Polygon

from ..model.geometry import Wall, subtract
from ..model.geometry import hinge_offset as geometry_hinge_offset
from ..model.spec import Opening, Spec
from ..profiles import BoardSpec, roles, size_catalog

from ..facts import FLAG_SIZES_MM as FLAG_SIZES  # noqa: E402  (one definition)
BOARD_DEPTH = 30.0       # how far a board stands off the wall (mm), for door-swing clearance


@dataclass(frozen=True)
class Blocker:
    lo: float
    hi: float
    bottom: float
    top: float
    what: str
    rule: str

    def hits(self, lo: float, hi: float, bottom: float, top: float) -> bool:
        return lo < self.hi - 1e-6 and self.lo < hi - 1e-6 and bottom < self.top - 1e-6 and self.bottom < top - 1e-6


# ---------------------------------------------------------------- doors

def hinge_offset(wall: Wall, door: Opening) -> float:
    """Offset of the hinge along the wall (see model.geometry.hinge_offset)."""
    return geometry_hinge_offset(wall, door.offset, door.width, door.hinge)


def swing_polygon(wall: Wall, door: Opening, outward: bool = False, steps: int = 12) -> Polygon:
    """The quarter disc the door leaf sweeps (in plan coordinates)."""
    h = hinge_offset(wall, door)
    w = float(door.width)
    toward = 1.0 if h == float(door.offset) else -1.0
    d = wall.direction
    n = wall.inward_normal
    if outward:
        n = (-n[0], -n[1])
    px, py = wall.point_at(h)
    pts = [(px, py)]
    for k in range(steps + 1):
        t = math.pi / 2 * k / steps
        ux = toward * d[0] * math.cos(t) + n[0] * math.sin(t)
        uy = toward * d[1] * math.cos(t) + n[1] * math.sin(t)
        pts.append((px + w * ux, py + w * uy))
    return Polygon(pts)


def inside_swings(spec: Spec, walls: list[Wall]) -> list[tuple[int, Polygon]]:
    out = []
    for k, o in enumerate(spec.room.openings):
        if o.kind == "door" and o.swing == "in":
            out.append((k, swing_polygon(walls[o.wall], o)))
    return out


# ---------------------------------------------------------------- blockers

def wall_blockers(spec: Spec, walls: list[Wall], face: str = "inside") -> dict[int, list[Blocker]]:
    """Everything a board must keep clear of, per wall, as (along-wall, height) boxes."""
    # +1 mm: plan coordinates are rounded to 0.1 mm, and a rounded item must still keep clear
    c = float(spec.options.opening_clearance) + 1.0
    m = float(spec.options.corner_margin) + 1.0
    H = float(spec.room.height)
    out: dict[int, list[Blocker]] = {w.index: [] for w in walls}
    for w in walls:
        out[w.index].append(Blocker(-1e9, m, 0, H, f"corner of wall {w.index}", "items.within_wall"))
        out[w.index].append(Blocker(w.length - m, 1e9, 0, H, f"corner of wall {w.index}", "items.within_wall"))
    for k, o in enumerate(spec.room.openings):
        lo, hi = float(o.offset) - c, float(o.offset + o.width) + c
        if o.kind == "door":
            out[o.wall].append(Blocker(lo, hi, 0, float(o.height) + c, f"door room.openings[{k}]", "items.clear_of_openings"))
        else:
            sill = spec.window_sill(o)
            out[o.wall].append(Blocker(lo, hi, sill - c, sill + float(o.height) + c,
                                       f"window room.openings[{k}]", "items.clear_of_openings"))
    if face == "inside":
        for k, ob in enumerate(spec.room.obstacles):
            out[ob.wall].append(Blocker(float(ob.offset) - c, float(ob.offset + ob.width) + c,
                                        float(ob.bottom) - c, float(ob.top) + c,
                                        f"obstacle room.obstacles[{k}] ({ob.label})", "items.clear_of_openings"))
        for k, poly in inside_swings(spec, walls):
            door = spec.room.openings[k]
            zone = poly.buffer(c + BOARD_DEPTH)
            for w in walls:
                if w.index == door.wall:
                    continue
                seg = LineString([w.start, w.end])
                inter = seg.intersection(zone)
                if inter.is_empty or inter.length < 1.0:
                    continue
                offs = [w.project(p)[0] for p in _coords(inter)]
                out[w.index].append(Blocker(min(offs), max(offs), 0, float(door.height) + c,
                                            f"swing of door room.openings[{k}]", "items.clear_of_openings"))
    else:
        for k, o in enumerate(spec.room.openings):
            if o.kind == "door" and o.swing == "out":
                poly = swing_polygon(walls[o.wall], o, outward=True)
                zone = poly.buffer(c + BOARD_DEPTH)
                w = walls[o.wall]
                inter = LineString([w.start, w.end]).intersection(zone)
                if not inter.is_empty:
                    offs = [w.project(p)[0] for p in _coords(inter)]
                    out[o.wall].append(Blocker(min(offs), max(offs), 0, float(o.height) + c,
                                               f"swing of door room.openings[{k}]", "items.clear_of_openings"))
    return out


def _coords(geom) -> list[tuple[float, float]]:
    if hasattr(geom, "geoms"):
        pts = []
        for g in geom.geoms:
            pts.extend(_coords(g))
        return pts
    return list(geom.coords)


def free_intervals(blockers: list[Blocker], length: float, bottom: float, top: float) -> list[tuple[float, float]]:
    """Free stretches of a wall for an item spanning [bottom, top] in height."""
    blocked = [(b.lo, b.hi) for b in blockers if b.bottom < top - 1e-6 and bottom < b.top - 1e-6]
    return subtract((0.0, length), blocked)


def first_hit(blockers: list[Blocker], lo, hi, bottom, top) -> Optional[Blocker]:
    for b in blockers:
        if b.hits(lo, hi, bottom, top):
            return b
    return None


# ---------------------------------------------------------------- board sizes

def legible(size: tuple[float, float], chars: int, paragraphs: int) -> bool:
    """Does a text of ``chars`` characters in ``paragraphs`` paragraphs fit at the minimum
    legible size on a board of ``size``? (boards/sizes.yaml, ``legibility``)."""
    leg = size_catalog()["legibility"]
    cmm = float(leg["body_char_mm"])
    w, h = size
    tw = w - 2 * leg["margin_mm"]
    th = h * (1 - leg["title_band"]) - 2 * leg["margin_mm"]
    if tw <= cmm or th <= cmm:
        return False
    per_line = int(tw // cmm)
    avg = chars / max(1, paragraphs)
    lines = paragraphs * math.ceil(avg / per_line)
    return lines * cmm * leg["line_spacing"] <= th


def text_volume(bs: BoardSpec) -> tuple[int, int]:
    """(characters, paragraphs) of a board's text, estimated from its role."""
    r = roles()[bs.role]
    chars = int(r.get("chars", 0))
    paras = int(r.get("paragraphs", 1))
    if bs.part in ("rights", "duties"):
        chars = chars // 2 + 50
        paras = paras // 2 + 1
    return chars, paras


def legible_for(bs: BoardSpec, size: tuple[float, float]) -> bool:
    return legible(size, *text_volume(bs))


def board_sizes(bs: BoardSpec, beside: bool = False) -> list[tuple[float, float]]:
    """Catalog sizes for a board, preferred first, keeping only legible ones."""
    r = roles()[bs.role]
    key = "sizes_beside" if beside and "sizes_beside" in r else "sizes"
    sizes = [tuple(map(float, s)) for s in r.get(key, [])]
    return [s for s in sizes if legible_for(bs, s)]


def board_title(bs: BoardSpec) -> str:
    if bs.title:
        return bs.title
    t = roles()[bs.role]["title"]
    if bs.part == "rights":
        return "党员的权利"
    if bs.part == "duties":
        return "党员的义务"
    return t


# ---------------------------------------------------------------- side walls
