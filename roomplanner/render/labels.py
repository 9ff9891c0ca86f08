"""Text on the sheets: measuring, fitting and wrapping labels, and placing them without overlaps."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence

import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry import Polygon as SPolygon

from ..errors import TextOverflowError
from ..typeset import fonts
from .labelbreak import break_label, vertical_label
from .primitives import Arc, Line, P, Polygon, Text
from .style import GREY, INK, S, W_THIN, min_text

# ====================================================================== text

@lru_cache(maxsize=None)
def _em_mid(font: str) -> float:
    m = fonts.metrics(font)
    return (m.em_top + m.em_bottom) / 2


def tw(text: str, size: float, font: str = "sans") -> float:
    """Width in mm of ``text`` at em size ``size`` mm in a bundled font."""
    return fonts.text_width(text, font, size, where="drawing label")


def text_mid(pos: P, text: str, size: float, *, anchor: str = "middle", angle: float = 0.0,
             color: str = INK, layer: str = "label", ref: str = "", font: str = "sans") -> Text:
    """Text whose em box is vertically centred on ``pos`` (for angle 0: on the line y)."""
    k = _em_mid(font) * size
    t = math.radians(angle)
    upx, upy = -math.sin(t), -math.cos(t)
    return Text((pos[0] - upx * k, pos[1] - upy * k), text, size, anchor, angle, font, color, layer, ref)


def fit_line(text: str, max_w: float, size: float, min_size: float = 0.0, font: str = "sans") -> tuple[str, float]:
    """Shrink ``text`` to ``max_w`` (down to ``min_size``, never below :func:`min_text`), then
    elide with an ellipsis."""
    min_size = max(min_size, min_text(text))
    size = max(size, min_size)
    w = tw(text, size, font)
    if w <= max_w:
        return text, size
    s = size * max_w / w
    if s >= min_size:
        return text, s
    s = min_size
    out = text
    while out and tw(out + "…", s, font) > max_w:
        out = out[:-1]
    return (out + "…") if out else "", s


def wrap_fit(text: str, box_w: float, box_h: float, sizes: Sequence[float], spacing: float = 1.25,
             font: str = "sans") -> tuple[list[str], float, float]:
    """(lines, size, pitch) of ``text`` set in a box; Chinese line breaking from
    :mod:`roomplanner.typeset.text`. Falls back to the smallest size with the lines that fit
    and an ellipsis on the last one. Sizes below :func:`min_text` of ``text`` are not used.

    Remembered per process (the same boards and labels come back on every drawing of a room)."""
    lines, size, pitch = _wrap_fit(text, box_w, box_h, tuple(sizes), tuple(map(type, sizes)), spacing, font)
    return list(lines), size, pitch


@lru_cache(maxsize=4096, typed=True)     # typed, and the sizes' types in the key: 3 and 3.0 stay apart
def _wrap_fit(text: str, box_w: float, box_h: float, sizes: tuple[float, ...], _types: tuple, spacing: float,
              font: str) -> tuple[tuple[str, ...], float, float]:
    lines, size, pitch = _wrap_fit_uncached(text, box_w, box_h, sizes, spacing, font)
    return tuple(lines), size, pitch


def _wrap_fit_uncached(text: str, box_w: float, box_h: float, sizes: Sequence[float], spacing: float,
                       font: str) -> tuple[list[str], float, float]:
    from ..typeset import text as textmod
    floor = min_text(text)
    sizes = [s_ for s_ in sizes if s_ >= floor - 1e-9] or [floor]
    if box_w <= 0.5 or box_h <= 0.5 or not text:
        return [], sizes[-1], sizes[-1] * spacing
    try:
        r = textmod.fit_text(text, font, box_w, box_h, sizes, spacing, where="drawing label")
        lines = list(r.lines)
        if len(lines) >= 2 and "\n" not in text:
            lines = _balanced(text, font, r.size, box_w, len(lines))
        return lines, r.size, r.line_pitch
    except TextOverflowError:
        s = min(sizes)
        lines = textmod.break_lines(text, font, s, box_w, where="drawing label")
        n = max(1, int((box_h - s) // (s * spacing)) + 1)
        if len(lines) > n:
            lines = lines[:n]
            last = lines[-1]
            while last and tw(last + "…", s, font) > box_w:
                last = last[:-1]
            lines[-1] = last + "…"
        return lines, s, s * spacing


def fit_box(text: str, box_w: float, box_h: float, sizes: Sequence[float], spacing: float = 1.2,
            font: str = "sans", max_lines: int = 4,
            max_vertical: int = 16) -> Optional[tuple[list[str], float, float]]:
    """(lines, size, pitch) of ``text`` set whole in a box at one of ``sizes`` not below
    :func:`min_text`, or None when it does not fit (no ellipsis, no smaller text): at most
    ``max_lines`` lines across, or — lettered vertically (竖排), one hanzi a row — at most
    ``max_vertical`` rows (0: never vertically). Remembered per process, as :func:`wrap_fit`."""
    r = _fit_box(text, box_w, box_h, tuple(sizes), tuple(map(type, sizes)), spacing, font, max_lines,
                 max_vertical)
    return None if r is None else (list(r[0]), r[1], r[2])


@lru_cache(maxsize=4096, typed=True)
def _fit_box(text: str, box_w: float, box_h: float, sizes: tuple[float, ...], _types: tuple, spacing: float, font: str,
             max_lines: int, max_vertical: int) -> Optional[tuple[tuple[str, ...], float, float]]:
    r = _fit_box_uncached(text, box_w, box_h, sizes, spacing, font, max_lines, max_vertical)
    return None if r is None else (tuple(r[0]), r[1], r[2])


def _fit_box_uncached(text: str, box_w: float, box_h: float, sizes: Sequence[float], spacing: float,
                      font: str, max_lines: int, max_vertical: int = 16) -> Optional[tuple[list[str], float, float]]:
    """A label is a name: whole on one line at the largest size of the scale where it fits so,
    else broken only at its break points (:mod:`.labelbreak`; the strong ones first), at the
    largest size where that fits; never split inside a word. A name of hanzi only that fits
    neither way in a box at least twice as tall as wide is set vertically (竖排)."""
    floor = min_text(text)
    sizes = sorted({s_ for s_ in sizes if s_ >= floor - 1e-9} or {floor}, reverse=True)
    if box_w < floor or box_h < floor or not text:
        return None
    if "\n" not in text:
        for s in sizes:
            if s <= box_h + 1e-9 and tw(text, s, font) <= box_w + 1e-6:
                return [text], s, s * spacing
    for head_words in (False, True):
        for s in sizes:
            n = max(1, min(max_lines, int((box_h - s) / (s * spacing) + 1e-9) + 1)) if s <= box_h + 1e-9 else 0
            lines = break_label(text, font, s, box_w, n, head_words) if n else None
            if lines is not None:
                return lines, s, s * spacing
    if box_h >= 2 * box_w and len(text) <= max_vertical and vertical_label(text):
        # a tall narrow item (a branch's vertical plaque, 竖牌): the name set vertically, one
        # hanzi under the other, as such a plaque is lettered
        for s in sizes:
            if tw(max(text, key=lambda ch: tw(ch, s, font)), s, font) <= box_w + 1e-6 \
                    and s + s * spacing * (len(text) - 1) <= box_h + 1e-9:
                return list(text), s, s * spacing
    return None


def _balanced(text: str, font: str, size: float, width: float, n: int) -> list[str]:
    """The same text in ``n`` lines of nearly equal length (no orphan character on the last
    line): the narrowest measure that still gives ``n`` lines and splits no word (the measure
    never goes below the widest unbreakable cluster, which would be cut in two)."""
    from ..typeset import text as textmod
    family = fonts.resolve_family(font)
    widest = max((c.em * size for p in text.split("\n") for c in textmod._clusters(p, family, "drawing label")),
                 default=0.0)
    best = textmod.break_lines(text, font, size, width, where="drawing label")
    if widest > width:
        return best     # a word wider than the box is broken (at ``width``); no line is ever wider
    lo, hi = max(width / n * 0.9, widest), width
    for _ in range(10):
        mid = (lo + hi) / 2
        cand = textmod.break_lines(text, font, size, mid, where="drawing label")
        if len(cand) <= n:
            hi, best = mid, cand
        else:
            lo = mid
    return best


# ====================================================================== label placement

Box = tuple[float, float, float, float]


@lru_cache(maxsize=None)
def _grid_offsets(step: float, radius: float) -> np.ndarray:
    """Grid steps (i, j) within ``radius`` of the centre, nearest first (ties by i, then j),
    as the rows of a read-only integer array (thousands of them: no Python tuples)."""
    n = int(radius / step)
    sq = np.array([(k * step) ** 2 for k in range(-n, n + 1)])     # sq[k + n]: (k·step)², squared in Python
    d = sq[:, None] + sq[None, :]
    i, j = np.meshgrid(np.arange(-n, n + 1), np.arange(-n, n + 1), indexing="ij")
    inside = d <= radius ** 2
    d, i, j = d[inside], i[inside], j[inside]
    order = np.lexsort((j, i, d))
    out = np.stack([i[order], j[order]], axis=1)
    out.flags.writeable = False
    return out


def _box_overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass
class Placed:
    """A placed label: the box it occupies and its primitives."""
    box: Box
    prims: list


class LabelPlacer:
    """Places labels so that they overlap neither each other nor the drawing's obstacles
    (furniture, walls, door swings, dimension zones…).

    A label goes *inside* its object if it fits there (shrinking down to a minimum size,
    turning 90° for long narrow pieces), otherwise *beside* it with a leader line, on rings
    of growing distance around the object, the nearest free spot whose leader crosses the
    fewest other objects winning.

    Speed: the candidate spots of a ring (or of :meth:`free`'s grid) are tested together —
    overlap with the placed boxes as arithmetic on an array, containment and obstacle hits as
    one vectorised shapely call each — which gives exactly the answers of testing them one by
    one, in the same order."""

    PAD = 0.6
    RINGS = (2.0, 4.0, 7.0, 11.0, 16.0, 22.0, 30.0, 40.0)
    ANGLES = tuple(range(0, 360, 20))
    # the unit direction of each angle, as ``beside`` computed it for every candidate
    _DIRS = tuple((a, math.cos(math.radians(a)), -math.sin(math.radians(a))) for a in range(0, 360, 20))

    def __init__(self, area: Box, regions: Sequence[object] = ()):
        self.area = area
        self.regions = list(regions)         # shapely geometries a leader label must lie within
        for r in self.regions:
            shapely.prepare(r)
        self.geoms: list = []
        self.keys: list[str] = []
        self.boxes: list[Box] = []
        self.leaders: list[LineString] = []
        self._tree = None
        self._box_arr = np.empty((0, 4))         # self.boxes as an array (boxes are only ever appended)
        self._box_geoms = np.empty(0, dtype=object)   # … and as shapely boxes

    def obstacle(self, geom, key: str) -> None:
        self.geoms.append(geom)
        self.keys.append(key)
        self._tree = None

    def block(self, box: Box) -> None:
        """Reserve a box (text already placed by other means)."""
        self.boxes.append(box)

    def _strtree(self):
        if self._tree is None:
            self._tree = shapely.STRtree(self.geoms) if self.geoms else None
        return self._tree

    def _hits(self, geom) -> set[str]:
        tree = self._strtree()
        if tree is None:
            return set()
        idx = tree.query(geom, predicate="intersects")
        return {self.keys[i] for i in idx}

    def _hit_any(self, geoms: np.ndarray) -> np.ndarray:
        """For each geometry: does it touch any obstacle."""
        out = np.zeros(len(geoms), dtype=bool)
        tree = self._strtree()
        if tree is not None and len(geoms):
            out[tree.query(geoms, predicate="intersects")[0]] = True
        return out

    def _placed(self) -> tuple[np.ndarray, np.ndarray]:
        """The placed boxes as an (n, 4) array and as shapely boxes, brought up to date."""
        n, m = len(self.boxes), len(self._box_arr)
        if n != m:
            new = np.array(self.boxes[m:], dtype=float).reshape(-1, 4)
            self._box_arr = np.concatenate([self._box_arr, new])
            self._box_geoms = np.concatenate([self._box_geoms, shapely.box(new[:, 0], new[:, 1], new[:, 2], new[:, 3])])
        return self._box_arr, self._box_geoms

    def _clashes(self, cands: np.ndarray) -> np.ndarray:
        """For each candidate box (rows of ``cands``): does it overlap a placed box
        (:func:`_box_overlap` on every pair)."""
        arr, _ = self._placed()
        if not len(arr) or not len(cands):
            return np.zeros(len(cands), dtype=bool)
        a, b = cands[:, None, :], arr[None, :, :]
        return ((a[..., 0] < b[..., 2]) & (b[..., 0] < a[..., 2])
                & (a[..., 1] < b[..., 3]) & (b[..., 1] < a[..., 3])).any(axis=1)

    def _clash(self, b: Box) -> bool:
        return any(_box_overlap(b, o) for o in self.boxes)

    def _in_area(self, b: Box) -> bool:
        a = self.area
        return b[0] >= a[0] and b[1] >= a[1] and b[2] <= a[2] and b[3] <= a[3]

    @staticmethod
    def _box(c: P, w: float, h: float, pad: float) -> Box:
        return (c[0] - w / 2 - pad, c[1] - h / 2 - pad, c[0] + w / 2 + pad, c[1] + h / 2 + pad)

    def _text(self, c: P, text: str, size: float, angle: float, color: str, ref: str) -> Text:
        return text_mid(c, text, size, angle=angle, color=color, ref=ref)

    def inside(self, text: str, poly: SPolygon, key: str, sizes: Sequence[float], allow: Iterable[str] = (),
               color: str = INK, ref: str = "", turn: bool = True, halo: bool = False) -> Optional[Placed]:
        """``halo``: a white box behind the text (labels over hatching)."""
        allow = set(allow) | {key}
        inner = poly.buffer(-0.3)
        if inner.is_empty:
            return None
        shapely.prepare(inner)
        c0 = poly.centroid
        if not poly.contains(c0):
            c0 = poly.representative_point()
        x0, y0, x1, y1 = poly.bounds
        centres = [(c0.x, c0.y)]
        for f in (0.25, -0.25, 0.4, -0.4):
            centres.append((c0.x + f * (x1 - x0), c0.y))
            centres.append((c0.x, c0.y + f * (y1 - y0)))
        angles = (0.0, 90.0) if turn and (y1 - y0) > 1.3 * (x1 - x0) else (0.0,)
        floor = min_text(text)
        cands = []          # every (size, angle, centre) in the order they are preferred
        for size in [s_ for s_ in sizes if s_ >= floor - 1e-9] or [floor]:
            w = tw(text, size)
            for ang in angles:
                bw, bh = (w, size) if ang == 0 else (size, w)
                for c in centres:
                    cands.append((size, ang, bw, bh, c, self._box(c, bw, bh, 0.15)))
        arr = np.array([cd[-1] for cd in cands], dtype=float)
        ok = ~self._clashes(arr)
        geoms = shapely.box(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])
        ok &= shapely.contains(inner, geoms)
        tree = self._strtree()
        idx = np.flatnonzero(ok)
        if tree is not None and len(idx):
            for qi, ti in zip(*tree.query(geoms[idx], predicate="intersects")):
                if self.keys[ti] not in allow:
                    ok[idx[qi]] = False
        for k in np.flatnonzero(ok)[:1]:
            size, ang, bw, bh, c, b = cands[k]
            self.boxes.append(self._box(c, bw, bh, self.PAD))
            prims: list = []
            if halo:
                hb = self._box(c, bw, bh, 0.3)
                prims.append(Polygon(((hb[0], hb[1]), (hb[2], hb[1]), (hb[2], hb[3]), (hb[0], hb[3])),
                                     S(None, 0, "#FFFFFF"), "label", ref))
            return Placed(b, prims + [self._text(c, text, size, ang, color, ref)])
        return None

    def _free_spots(self, cands: list, regions: Sequence[object]) -> list:
        """The candidates ``(…, box)`` whose box is inside the area, overlaps no placed box,
        lies within one of ``regions`` (if any) and touches no obstacle, in their order."""
        cands = [cd for cd in cands if self._in_area(cd[-1])]
        if not cands:
            return []
        arr = np.array([cd[-1] for cd in cands], dtype=float)
        ok = ~self._clashes(arr)
        if not ok.any():
            return []
        cands = [cd for cd, k in zip(cands, ok) if k]
        arr = arr[ok]
        geoms = shapely.box(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])
        ok = np.ones(len(cands), dtype=bool)
        if regions:
            within = np.zeros(len(cands), dtype=bool)
            for reg in regions:
                within |= shapely.contains(reg, geoms)
            ok &= within
        ok[ok] = ~self._hit_any(geoms[ok])
        return [cd for cd, k in zip(cands, ok) if k]

    def beside(self, text: str, targets: Sequence[tuple[SPolygon, str]], size: float, color: str = INK,
               ref: str = "", max_targets: int = 6, max_w: Optional[float] = None) -> Optional[Placed]:
        """A label with a leader to the nearest of ``targets`` (a group: one label, e.g. “椅 ×12”).
        ``max_w``: a label wider than that is set in balanced lines of at most that width."""
        size = max(size, min_text(text))
        lines = [text]
        if max_w is not None and tw(text, size) > max_w:
            lines = (break_label(text, "sans", size, max_w, 8, head_words=False)
                     or break_label(text, "sans", size, max_w, 8) or [text])    # a name is never split in a word
        pitch = size * 1.15
        w, h = max(tw(ln, size) for ln in lines), size + pitch * (len(lines) - 1)
        targs = list(targets)
        if len(targs) > max_targets:
            # extremes of the group: leftmost, rightmost, top, bottom, then the first ones
            cs = [(t[0].centroid.x, t[0].centroid.y) for t in targs]
            pick = {min(range(len(cs)), key=lambda i: cs[i][0]), max(range(len(cs)), key=lambda i: cs[i][0]),
                    min(range(len(cs)), key=lambda i: cs[i][1]), max(range(len(cs)), key=lambda i: cs[i][1])}
            targs = [targs[i] for i in sorted(pick)][:max_targets]
        _, box_geoms = self._placed()          # nothing is placed during the search
        leaders = np.array(self.leaders, dtype=object)
        inners: dict[int, object] = {}
        best = None
        for r in self.RINGS:
            for ti, (poly, key) in enumerate(targs):
                x0, y0, x1, y1 = poly.bounds
                cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                hw, hh = (x1 - x0) / 2, (y1 - y0) / 2
                cands = []
                for a, ux, uy in self._DIRS:
                    dist = abs(ux) * hw + abs(uy) * hh + r + abs(ux) * (w / 2 + self.PAD) + abs(uy) * (h / 2 + self.PAD)
                    c = (cx + ux * dist, cy + uy * dist)
                    cands.append((a, c, self._box(c, w, h, self.PAD)))
                spots = self._free_spots(cands, self.regions)
                if not spots:
                    continue
                # leaders: from the box edge towards the object, ending just inside it
                if ti not in inners:
                    inners[ti] = self._anchor_target(poly)
                ends = shapely.get_coordinates(shapely.shortest_line(
                    inners[ti], shapely.points([c for _, c, _ in spots])))[0::2]
                anchors = [(float(x), float(y)) for x, y in ends]
                starts = [self._box_exit(b, c, anchor) for (_, c, b), anchor in zip(spots, anchors)]
                lns = shapely.linestrings([[st, an] for st, an in zip(starts, anchors)])
                crossings = self._leader_crossings(lns, key, box_geoms, leaders)
                for (a, c, b), start, anchor, ln, n, length in zip(spots, starts, anchors, lns, crossings,
                                                                   shapely.length(lns)):
                    horiz = 0.0 if a in (0, 180) else 0.3
                    cost = r + 6.0 * n + horiz + 0.02 * float(length)
                    if best is None or cost < best[0]:
                        best = (cost, c, b, start, anchor, ln)
            if best is not None and best[0] < r + 1.0:
                break
        if best is None:
            return None
        _, c, b, start, anchor, ln = best
        self.boxes.append(b)
        self.leaders.append(ln)
        lead = S(GREY, W_THIN)
        prims = [Line(start, anchor, lead, "leader", ref),
                 Arc(anchor, 0.45, 0, 360, S(None, 0, GREY), "leader", ref),
                 ] + [self._text((c[0], c[1] - h / 2 + size / 2 + k * pitch), line_, size, 0.0, color, ref)
                      for k, line_ in enumerate(lines)]
        return Placed(b, prims)

    def free(self, text: str, size: float, near: P, region, color: str = INK, ref: str = "",
             step: float = 2.0, radius: float = 60.0) -> Optional[Placed]:
        """A label without a leader, at the free spot nearest to ``near`` inside ``region``."""
        size = max(size, min_text(text))
        w, h = tw(text, size), size
        shapely.prepare(region)
        offsets = _grid_offsets(step, radius)
        chunk = 64
        for k in range(0, len(offsets), chunk):
            cands = []
            for i, j in offsets[k:k + chunk].tolist():
                c = (near[0] + i * step, near[1] + j * step)
                cands.append((c, self._box(c, w, h, self.PAD)))
            spots = self._free_spots(cands, [region])
            if spots:
                c, b = spots[0]
                self.boxes.append(b)
                return Placed(b, [self._text(c, text, size, 0.0, color, ref)])
        return None

    def _leader_crossings(self, lns: np.ndarray, key: str, box_geoms: np.ndarray, leaders: np.ndarray) -> list[int]:
        """For each leader line: the obstacles it touches (other than its own object's
        ``key``) + the placed boxes it touches + the placed leaders it crosses."""
        n = np.zeros(len(lns), dtype=int)
        tree = self._strtree()
        if tree is not None:
            hit: list[set] = [set() for _ in lns]
            for qi, ti in zip(*tree.query(lns, predicate="intersects")):
                hit[qi].add(self.keys[ti])
            n += [len(h - {key}) for h in hit]
        if len(box_geoms):
            n += shapely.intersects(box_geoms[:, None], lns[None, :]).sum(axis=0)
        if len(leaders):
            n += shapely.crosses(leaders[:, None], lns[None, :]).sum(axis=0)
        return [int(v) for v in n]

    @staticmethod
    def _anchor_target(poly: SPolygon):
        """The part of ``poly`` a leader ends on: ``poly`` shrunk a little (if anything is left)."""
        inner = poly.buffer(-min(0.8, 0.25 * min(poly.bounds[2] - poly.bounds[0], poly.bounds[3] - poly.bounds[1])))
        return inner if not inner.is_empty else poly

    @staticmethod
    def _anchor_on(target, c: P) -> P:
        p = shapely.shortest_line(target, Point(c)).coords[0]
        return (p[0], p[1])

    @classmethod
    def _anchor(cls, poly: SPolygon, c: P) -> P:
        """A point just inside ``poly`` on the side facing ``c``."""
        return cls._anchor_on(cls._anchor_target(poly), c)

    @staticmethod
    def _box_exit(b: Box, c: P, towards: P) -> P:
        """Where the segment from the box centre towards ``towards`` leaves the box."""
        dx, dy = towards[0] - c[0], towards[1] - c[1]
        hw, hh = (b[2] - b[0]) / 2, (b[3] - b[1]) / 2
        ts = []
        if abs(dx) > 1e-9:
            ts.append(hw / abs(dx))
        if abs(dy) > 1e-9:
            ts.append(hh / abs(dy))
        t = min(ts) if ts else 0.0
        t = min(t, 1.0)
        return (c[0] + dx * t, c[1] + dy * t)


# ====================================================================== numbered labels

KEY_R = 2.1     # radius of a key number's circle (mm)


def key_number(page, pos: P, text: str, ref: str = "", layer: str = "label") -> list:
    """A label that fits nowhere at its legible size becomes a number in a small circle on its
    object, keyed to ``text`` in the list :func:`draw_label_keys` draws; the same text keeps
    its number on a page. Returns the primitives of the number."""
    keys = page.meta.setdefault("label_keys", [])
    for n, t in keys:
        if t == text:
            break
    else:
        n = len(keys) + 1
        keys.append((n, text))
    return [Arc(pos, KEY_R, 0, 360, S(INK, W_THIN, "#FFFFFF"), layer, ref),
            text_mid(pos, str(n), 2.5, layer=layer, ref=ref)]


def draw_label_keys(page, x: float, y: float, w: float, y_max: float, lang: str) -> float:
    """The list of numbered labels (``page.meta["label_keys"]``) from (x, y): number, then the
    name at ≥ 3.5 mm, wrapped. Returns the y below. Entries that would pass ``y_max`` are
    recorded in ``page.meta["keys_overflow"]`` (a test asserts there are none)."""
    from .style import tr
    keys = page.meta.get("label_keys") or []
    if not keys:
        return y
    page.add(text_mid((x, y + 2.5), tr("label_keys", lang), 4.0, anchor="start", layer="legend"))
    y += 7.0
    for n, text in keys:
        lines, s, pitch = wrap_fit(text, w - 7.0, 40.0, (3.5, 3.0, 2.5), spacing=1.15)
        if y + pitch * (len(lines) - 1) + 2.0 > y_max:
            page.meta.setdefault("keys_overflow", []).append(n)
            continue
        page.add(Arc((x + KEY_R, y), KEY_R, 0, 360, S(INK, W_THIN, "#FFFFFF"), "legend"))
        page.add(text_mid((x + KEY_R, y), str(n), 2.5, layer="legend"))
        for k, ln in enumerate(lines):
            page.add(text_mid((x + 7.0, y + k * pitch), ln, s, anchor="start", layer="legend"))
        y += pitch * (len(lines) - 1) + 5.5
    return y
