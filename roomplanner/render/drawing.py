"""Drawings (图纸): the floor plan (平面布置图) and the wall elevations (立面图) of a plan, at a
true, stated scale.

This module is the *frontend*: it turns a :class:`~roomplanner.model.plan.Plan` into
:class:`~roomplanner.render.primitives.Page` objects (lines, polygons, arcs, text and
dimensions in millimetres on paper). The backends :mod:`~roomplanner.render.svg` and
:mod:`~roomplanner.render.pdf` write them; :func:`render_drawings` does both and writes
``installation.csv`` (:mod:`~roomplanner.render.installation`).

Conventions
-----------
* Plan coordinates are the outline's: millimetres, y up. On paper y points down; the plan is
  drawn as seen from above with y up (north up if the outline was drawn so).
* Paper and scale come from :mod:`~roomplanner.render.sheets` (A4/A3 landscape; 1:20 … 1:100,
  the largest that fits). One paper millimetre is ``scale`` real millimetres.
* Elevations are seen from inside the room (``face="inside"``); the x axis runs from the
  wall's left end *as seen by the viewer* (:meth:`~roomplanner.model.geometry.Wall.viewer_left`).
  The outside view of a wall (door signs, the branch plaque) is mirrored: its x runs from the
  left end as seen from outside.
* Every length written on a drawing is rounded to the whole millimetre, halves up
  (:func:`fmt_mm`); ``installation.csv`` uses the same rounding.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

import shapely
from shapely.geometry import LineString, Point
from shapely.geometry import Polygon as SPolygon
from shapely.geometry import box as sbox

from ..errors import RenderError, TextOverflowError
from ..facts import FLAG_SIZES_MM
from ..model.geometry import Wall, hinge_offset
from ..model.plan import FloorItem, Plan, WallItem
from ..typeset import fonts
from .installation import item_left, round_mm
from .primitives import (Arc, Dimension, Line, P, Page, Polygon, Polyline, Style, Text)
from .sheets import Sheet, choose_common_sheet, choose_sheet, scale_bar_length

# ====================================================================== style

RED = "#C8102E"          # party red for markers, titles
FLAG_RED = "#DE2910"     # the flag (GB 12982 红)
GOLD = "#FFDE00"
INK = "#000000"
GREY = "#555555"
LIGHT = "#8A8A8A"
WALL_FILL = "#6E6E6E"
FURN_FILL = "#F3EFE6"
CHAIR_FILL = "#FFFFFF"
BOARD_FILL = "#FBF5EA"
GLASS = "#DCEEF8"
OBST_FILL = "#E9E9E9"
SLAB_FILL = "#A8A8A8"

TEXT = 2.5          # label size (mm, em)
TEXT_SMALL = 2.0
TEXT_DIM = 2.2
TEXT_MIN = 1.4
W_THIN = 0.13
W_FINE = 0.18
W_MED = 0.25
W_BOLD = 0.35
W_HEAVY = 0.5

DIM_CHAIN_1 = 5.0     # openings chain (细部尺寸), mm on paper beyond the outer wall face
DIM_CHAIN_W = 10.0    # walls chain, where a side has several walls
DIM_CHAIN_2 = 15.0    # overall chain (总尺寸)
WALL_TAG = 22.5       # wall number circle centre beyond the outer face
TAG_R = 3.0
PLAN_PAD = 27.0       # paper needed around the building on each side (dims + tags)

EL_PAD_LEFT = 24.0    # elevation: height ordinates on the left
EL_PAD_RIGHT = 14.0   # ceiling height dimension on the right
EL_PAD_TOP = 12.0     # heading
EL_PAD_BOTTOM = 30.0  # left-offset ordinates and the wall length
TABLE_ROW = 7.0       # schedule row height (mm)
TABLE_HEAD = 14.0     # schedule heading band
SLAB = 120.0         # floor and ceiling slab drawn in elevations (mm, real)



def S(stroke: Optional[str] = INK, width: float = W_MED, fill: Optional[str] = None,
      dash: Optional[tuple[float, ...]] = None, cap: str = "butt", join: str = "miter") -> Style:
    return Style(stroke, width, fill, dash, cap, join)


# ====================================================================== words

_T: dict[str, tuple[str, str]] = {
    "floor_plan": ("平面布置图", "Floor plan"),
    "elevation": ("立面图", "Elevation"),
    "schedule": ("墙面物件安装尺寸表", "Installation schedule"),
    "branch": ("支部", "Branch"),
    "type": ("类型", "Type"),
    "members": ("党员人数", "Members"),
    "area": ("面积", "Area"),
    "scale": ("比例", "Scale"),
    "sheet": ("图幅", "Sheet"),
    "date": ("日期", "Date"),
    "sheet_no": ("图号", "Sheet no."),
    "legend": ("图例", "Legend"),
    "wall": ("墙", "Wall "),
    "main_wall": ("主墙面", "main wall"),
    "wall_leg": ("墙体（厚 {t} mm）", "Wall ({t} mm thick)"),
    "main_wall_leg": ("主墙面（党旗所在墙）", "Main wall (flag wall)"),
    "door_leg": ("门及开启方向", "Door and swing"),
    "window_leg": ("窗", "Window"),
    "obstacle_leg": ("墙面障碍物", "Wall obstacle"),
    "furniture_leg": ("家具、设备", "Furniture, equipment"),
    "ceiling_leg": ("吊装设备（在上方）", "Ceiling-mounted (above)"),
    "flag_leg": ("党旗（墙面）", "Party flag (on wall)"),
    "board_leg": ("展板、标牌（墙面）", "Boards, signs (on wall)"),
    "dim_leg": ("尺寸单位：毫米", "Dimensions in millimetres"),
    "print_note": ("按 100% 实际尺寸打印，勿缩放", "Print at 100 % (actual size), no scaling"),
    "inside_view": ("室内看", "seen from inside"),
    "outside_view": ("室外看", "seen from outside"),
    "ceiling": ("净高", "Clear height"),
    "aff": ("离地", "AFF"),
    "left": ("左距", "From left"),
    "seats": ("座位", "Seats"),
    "emblem": ("党徽位置", "Emblem"),
    "flag_bought": ("{n}号标准党旗 {w}×{h} cm（外购）", "Standard flag no. {n}, {w}×{h} cm (purchased)"),
    "flag_leg_el": ("党旗（红）及党徽位置（金）", "Flag (red), emblem position (gold)"),
    "board_leg_el": ("展板（红条为标题栏）", "Board (red band = title)"),
    "sign_leg_el": ("门牌、支部牌子", "Door sign, branch plaque"),
    "furn_leg_el": ("靠墙家具（虚线）", "Furniture in front (dashed)"),
    "left_note": ("水平尺寸自墙面左端（{view}）量起", "Horizontal positions from the wall's left end ({view})"),
    "height_note": ("高度自完成地面量起", "Heights above the finished floor"),
    "key_plan": ("索引平面", "Key plan"),
    "col_id": ("编号", "Id"),
    "col_title": ("名称", "Title"),
    "col_wall": ("墙", "Wall"),
    "col_face": ("朝向", "Face"),
    "col_left": ("左距", "Left"),
    "col_bottom": ("底高", "Bottom"),
    "col_top": ("顶高", "Top"),
    "col_width": ("宽", "Width"),
    "col_height": ("高", "Height"),
    "face_inside": ("室内", "inside"),
    "face_outside": ("室外", "outside"),
    "schedule_note": ("尺寸单位 mm，四舍五入到整毫米；左距：从观看面（室内/室外）看墙面左端到物件左边缘；底高、顶高：物件下沿、上沿离地高度。",
                      "Millimetres, rounded to the whole mm (halves up). Left: from the wall's left end as seen "
                      "from the face the item is on (inside/outside) to the item's left edge. Bottom, top: "
                      "heights of the item's lower and upper edges above the floor."),
    "obstacle": ("障碍物", "Obstacle"),
    "generator": ("roomplanner 生成", "made with roomplanner"),
}

KIND_NAMES: dict[str, tuple[str, str]] = {
    "table": ("会议桌", "Table"), "chair": ("椅", "Chair"), "bookcase": ("书柜", "Bookcase"),
    "archive_cabinet": ("档案柜", "Archive cabinet"), "newspaper_rack": ("报刊架", "Newspaper rack"),
    "tv": ("电视机", "TV"), "dvd": ("DVD机", "DVD"), "disc_cabinet": ("电教片柜", "Disc cabinet"),
    "computer": ("电脑", "Computer"), "projector": ("投影仪", "Projector"), "screen": ("幕布", "Screen"),
    "equipment_cabinet": ("设备柜", "Equipment cabinet"), "podium": ("讲台", "Podium"),
}

ROLE_NAMES_EN = {
    "flag": "Party flag", "oath": "Oath", "nature": "Nature, ideology, basic line",
    "rights_duties": "Rights and duties", "publicity": "Publicity column", "rules": "Rules",
    "honor": "Honor board", "member_style": "Members' profiles", "supervision": "Supervision post",
    "work_chart": "Branch work chart", "development_flow": "Membership development flow",
    "door_sign": "Door sign", "branch_plaque": "Branch plaque", "org_chart": "Organisation chart",
    "activity_calendar": "Activity calendar", "standards": "Standards", "basic_tasks": "Basic tasks",
    "cadre_conditions": "Cadre conditions", "points_table": "Study points table", "party_fee": "Party fees",
}


def tr(key: str, lang: str, **kw) -> str:
    zh, en = _T[key]
    s = en if lang == "en" else zh
    return s.format(**kw) if kw else s


def kind_name(kind: str, lang: str) -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return en if lang == "en" else zh


def floor_label(item: FloorItem, lang: str) -> str:
    if lang == "en":
        return kind_name(item.kind, lang)
    return item.label.strip() or kind_name(item.kind, lang)


def item_title(item: WallItem, lang: str) -> str:
    if lang == "en":
        return ROLE_NAMES_EN.get(item.role, item.title)
    return item.title


def wall_name(i: int, lang: str) -> str:
    return f"{tr('wall', lang)}{i}"


def obstacle_label(label: str, lang: str) -> str:
    if lang == "en" and label.strip() in ("障碍物", ""):
        return tr("obstacle", lang)
    return label


# ====================================================================== numbers

def fmt_mm(x: float) -> str:
    return str(round_mm(x))


def room_area_m2(outline: Sequence[tuple[float, float]]) -> float:
    return abs(SPolygon(outline).area) / 1e6


def fmt_area(outline) -> str:
    return f"{room_area_m2(outline):.2f} m²"


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


def fit_line(text: str, max_w: float, size: float, min_size: float = TEXT_MIN, font: str = "sans") -> tuple[str, float]:
    """Shrink ``text`` to ``max_w`` (down to ``min_size``), then elide with an ellipsis."""
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
    and an ellipsis on the last one."""
    from ..typeset import text as textmod
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


def _balanced(text: str, font: str, size: float, width: float, n: int) -> list[str]:
    """The same text in ``n`` lines of nearly equal length (no orphan character on the last
    line): the narrowest measure that still gives ``n`` lines."""
    from ..typeset import text as textmod
    lo, hi = width / n * 0.9, width
    best = textmod.break_lines(text, font, size, hi, where="drawing label")
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


def _box_overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass
class Placed:
    box: Box
    prims: list


class LabelPlacer:
    """Places labels so that they overlap neither each other nor the drawing's obstacles
    (furniture, walls, door swings, dimension zones…).

    A label goes *inside* its object if it fits there (shrinking down to a minimum size,
    turning 90° for long narrow pieces), otherwise *beside* it with a leader line, on rings
    of growing distance around the object, the nearest free spot whose leader crosses the
    fewest other objects winning."""

    PAD = 0.6
    RINGS = (2.0, 4.0, 7.0, 11.0, 16.0, 22.0, 30.0, 40.0)
    ANGLES = tuple(range(0, 360, 20))

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

    def obstacle(self, geom, key: str) -> None:
        self.geoms.append(geom)
        self.keys.append(key)
        self._tree = None

    def block(self, box: Box) -> None:
        """Reserve a box (text already placed by other means)."""
        self.boxes.append(box)

    def _hits(self, geom) -> set[str]:
        if self._tree is None:
            self._tree = shapely.STRtree(self.geoms) if self.geoms else None
        if self._tree is None:
            return set()
        idx = self._tree.query(geom, predicate="intersects")
        return {self.keys[i] for i in idx}

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
        for size in sizes:
            w = tw(text, size)
            for ang in angles:
                bw, bh = (w, size) if ang == 0 else (size, w)
                for c in centres:
                    b = self._box(c, bw, bh, 0.15)
                    if not inner.contains(sbox(*b)):
                        continue
                    if not self._hits(sbox(*b)) <= allow:
                        continue
                    if self._clash(b):
                        continue
                    self.boxes.append(self._box(c, bw, bh, self.PAD))
                    prims: list = []
                    if halo:
                        hb = self._box(c, bw, bh, 0.3)
                        prims.append(Polygon(((hb[0], hb[1]), (hb[2], hb[1]), (hb[2], hb[3]), (hb[0], hb[3])),
                                             S(None, 0, "#FFFFFF"), "label", ref))
                    return Placed(b, prims + [self._text(c, text, size, ang, color, ref)])
        return None

    def beside(self, text: str, targets: Sequence[tuple[SPolygon, str]], size: float, color: str = INK,
               ref: str = "", max_targets: int = 6) -> Optional[Placed]:
        """A label with a leader to the nearest of ``targets`` (a group: one label, e.g. “椅 ×12”)."""
        w, h = tw(text, size), size
        targs = list(targets)
        if len(targs) > max_targets:
            # extremes of the group: leftmost, rightmost, top, bottom, then the first ones
            cs = [(t[0].centroid.x, t[0].centroid.y) for t in targs]
            pick = {min(range(len(cs)), key=lambda i: cs[i][0]), max(range(len(cs)), key=lambda i: cs[i][0]),
                    min(range(len(cs)), key=lambda i: cs[i][1]), max(range(len(cs)), key=lambda i: cs[i][1])}
            targs = [targs[i] for i in sorted(pick)][:max_targets]
        best = None
        for r in self.RINGS:
            for poly, key in targs:
                x0, y0, x1, y1 = poly.bounds
                cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                hw, hh = (x1 - x0) / 2, (y1 - y0) / 2
                for a in self.ANGLES:
                    t = math.radians(a)
                    ux, uy = math.cos(t), -math.sin(t)
                    dist = abs(ux) * hw + abs(uy) * hh + r + abs(ux) * (w / 2 + self.PAD) + abs(uy) * (h / 2 + self.PAD)
                    c = (cx + ux * dist, cy + uy * dist)
                    b = self._box(c, w, h, self.PAD)
                    if not self._in_area(b) or self._clash(b):
                        continue
                    g = sbox(*b)
                    if self.regions and not any(reg.contains(g) for reg in self.regions):
                        continue
                    if self._hits(g):
                        continue
                    # leader: from the box edge towards the object, ending just inside it
                    anchor = self._anchor(poly, c)
                    start = self._box_exit(b, c, anchor)
                    ln = LineString([start, anchor])
                    crossings = len(self._hits(ln) - {key})
                    crossings += sum(1 for o in self.boxes if sbox(*o).intersects(ln))
                    crossings += sum(1 for o in self.leaders if o.crosses(ln))
                    horiz = 0.0 if a in (0, 180) else 0.3
                    cost = r + 6.0 * crossings + horiz + 0.02 * ln.length
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
                 self._text(c, text, size, 0.0, color, ref)]
        return Placed(b, prims)

    def free(self, text: str, size: float, near: P, region, color: str = INK, ref: str = "",
             step: float = 2.0, radius: float = 60.0) -> Optional[Placed]:
        """A label without a leader, at the free spot nearest to ``near`` inside ``region``."""
        w, h = tw(text, size), size
        shapely.prepare(region)
        n = int(radius / step)
        cands = sorted(((i * step) ** 2 + (j * step) ** 2, i, j) for i in range(-n, n + 1) for j in range(-n, n + 1)
                       if (i * step) ** 2 + (j * step) ** 2 <= radius ** 2)
        for _, i, j in cands:
            c = (near[0] + i * step, near[1] + j * step)
            b = self._box(c, w, h, self.PAD)
            if not self._in_area(b) or self._clash(b):
                continue
            g = sbox(*b)
            if not region.contains(g) or self._hits(g):
                continue
            self.boxes.append(b)
            return Placed(b, [self._text(c, text, size, 0.0, color, ref)])
        return None

    @staticmethod
    def _anchor(poly: SPolygon, c: P) -> P:
        """A point just inside ``poly`` on the side facing ``c``."""
        from shapely.ops import nearest_points
        inner = poly.buffer(-min(0.8, 0.25 * min(poly.bounds[2] - poly.bounds[0], poly.bounds[3] - poly.bounds[1])))
        target = inner if not inner.is_empty else poly
        p = nearest_points(target, Point(c))[0]
        return (p.x, p.y)

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


# ====================================================================== common sheet parts

@dataclass
class SheetInfo:
    title: str
    branch: str
    branch_type: str
    members: str
    area: str
    date: str
    sheet_no: str
    subtitle: str = ""
    scale: Optional[str] = None    # None: the sheet's scale; "—" for pages without a drawing


def _branch_type_name(plan: Plan, lang: str) -> str:
    try:
        from ..profiles import load_profile
        prof = load_profile(plan.profile)
        return prof.name_en if lang == "en" else prof.name
    except Exception:   # an unknown profile in a hand-edited plan: show its id
        return plan.profile


def sheet_info(plan: Plan, lang: str, date: str, title: str, sheet_no: str, subtitle: str = "") -> SheetInfo:
    spec = plan.spec
    return SheetInfo(title=title, branch=spec.branch.name, branch_type=_branch_type_name(plan, lang),
                     members=str(spec.branch.members), area=fmt_area(spec.outline), date=date,
                     sheet_no=sheet_no, subtitle=subtitle)


def draw_frame(page: Page, sheet: Sheet) -> None:
    x0, y0, x1, y1 = sheet.frame
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(INK, sheet.layout.frame_width), "frame"))
    cx0, cy0, cx1, cy1 = sheet.column
    page.add(Line((cx0, cy0), (cx0, cy1), S(INK, W_BOLD), "frame"))


def draw_title_block(page: Page, sheet: Sheet, info: SheetInfo, lang: str) -> float:
    """The title block at the bottom of the information column; returns its top y."""
    cx0, cy0, cx1, cy1 = sheet.column
    h = sheet.layout.title_block_height
    top = cy1 - h
    L = "titleblock"
    page.add(Line((cx0, top), (cx1, top), S(INK, W_BOLD), L))
    # drawing title
    title_h = 11.0
    t, s = fit_line(info.title, cx1 - cx0 - 6, 4.2)
    page.add(text_mid((cx0 + 3, top + 4.8), t, s, anchor="start", color=RED, layer=L, font="sans"))
    if info.subtitle:
        t2, s2 = fit_line(info.subtitle, cx1 - cx0 - 6, 2.4)
        page.add(text_mid((cx0 + 3, top + 9.0), t2, s2, anchor="start", layer=L))
    page.add(Line((cx0, top + title_h), (cx1, top + title_h), S(INK, W_MED), L))
    rows = [(tr("branch", lang), info.branch), (tr("type", lang), info.branch_type),
            (tr("members", lang), info.members), (tr("area", lang), info.area),
            (tr("scale", lang), info.scale or sheet.scale_text), (tr("sheet", lang),
                                                    f"{sheet.paper.name} {sheet.paper.width:g}×{sheet.paper.height:g} mm"),
            (tr("date", lang), info.date), (tr("sheet_no", lang), info.sheet_no)]
    rh = (h - title_h) / len(rows)
    label_w = 19.0
    page.add(Line((cx0 + label_w, top + title_h), (cx0 + label_w, cy1), S(INK, W_FINE), L))
    for k, (lab, val) in enumerate(rows):
        y = top + title_h + rh * k
        if k:
            page.add(Line((cx0, y), (cx1, y), S(INK, W_THIN), L))
        ls, lsz = fit_line(lab, label_w - 3, 2.2)
        page.add(text_mid((cx0 + 1.5, y + rh / 2), ls, lsz, anchor="start", color=GREY, layer=L))
        big = k in (4,)   # the scale stands out
        vs, vsz = fit_line(val, cx1 - cx0 - label_w - 3, 2.9 if big else 2.4)
        page.add(text_mid((cx0 + label_w + 1.5, y + rh / 2), vs, vsz, anchor="start", layer=L,
                          color=RED if big else INK))
    return top


def draw_scale_bar(page: Page, sheet: Sheet, x: float, y: float, max_w: float, lang: str) -> float:
    """A scale bar at (x, y) (top-left); returns the y below it."""
    total, step = scale_bar_length(sheet.scale, max_w)
    L = "scalebar"
    n = int(round(total / step))
    seg = step * 1000 / sheet.scale
    bh = 1.6
    yb = y + 4.0
    for k in range(n):
        fill = INK if k % 2 == 0 else "#FFFFFF"
        x0 = x + k * seg
        page.add(Polygon(((x0, yb), (x0 + seg, yb), (x0 + seg, yb + bh), (x0, yb + bh)), S(INK, W_THIN, fill), L))
    for k in range(n + 1):
        v = k * step
        lab = f"{v:g}"
        if k == n:
            lab += " m"
        page.add(Text((x + k * seg, yb - 0.9), lab, 1.8, "middle" if k < n else "start", 0, "sans", INK, L))
    txt = f"{tr('scale', lang)} {sheet.scale_text}  ·  {sheet.paper.name}"
    page.add(text_mid((x, yb + bh + 3.2), txt, 2.6, anchor="start", layer=L))
    note, ns = fit_line(tr("print_note", lang), max_w, 2.0)
    page.add(text_mid((x, yb + bh + 6.6), note, ns, anchor="start", color=RED, layer=L))
    return yb + bh + 9.0


def draw_legend(page: Page, x: float, y: float, w: float, entries: list[tuple[str, object]], lang: str) -> float:
    """Legend entries (label, symbol drawer) from (x, y); returns the y below."""
    L = "legend"
    page.add(text_mid((x, y + 2.5), tr("legend", lang), 3.0, anchor="start", layer=L))
    y += 6.5
    sw, sh = 10.0, 4.0
    for label, draw in entries:
        draw(page, (x, y, x + sw, y + sh))
        t, s = fit_line(label, w - sw - 3, 2.2)
        page.add(text_mid((x + sw + 2.5, y + sh / 2), t, s, anchor="start", layer=L))
        y += sh + 2.4
    return y


def _sym_rect(fill, stroke=INK, width=W_MED, dash=None):
    def draw(page, b):
        x0, y0, x1, y1 = b
        page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(stroke, width, fill, dash), "legend"))
    return draw


def _sym_bar(fill):
    def draw(page, b):
        x0, y0, x1, y1 = b
        ym = (y0 + y1) / 2
        page.add(Polygon(((x0, ym - 0.6), (x1, ym - 0.6), (x1, ym + 0.6), (x0, ym + 0.6)), S(INK, W_THIN, fill), "legend"))
    return draw


def _sym_door(page, b):
    x0, y0, x1, y1 = b
    r = y1 - y0
    page.add(Line((x0 + 1, y1), (x0 + 1, y0), S(INK, W_BOLD), "legend"))
    page.add(Arc((x0 + 1, y1), r, 0, 90, S(INK, W_THIN), "legend"))
    page.add(Line((x0, y1), (x0 + 1 + r + 1, y1), S(INK, W_FINE), "legend"))


def _sym_door_el(page, b):
    x0, y0, x1, y1 = b
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(INK, W_MED, "#FFFFFF"), "legend"))
    page.add(Polyline(((x1 - 0.6, y0 + 0.5), (x0 + 0.6, (y0 + y1) / 2), (x1 - 0.6, y1 - 0.3)),
                      S(GREY, W_THIN, None, (1.0, 0.6)), "legend"))


def _sym_window(page, b):
    x0, y0, x1, y1 = b
    for f in (0.0, 0.33, 0.66, 1.0):
        yy = y0 + 0.6 + f * (y1 - y0 - 1.2)
        page.add(Line((x0, yy), (x1, yy), S(INK, W_THIN), "legend"))


def _sym_obstacle(page, b):
    x0, y0, x1, y1 = b
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(INK, W_FINE, OBST_FILL), "legend"))
    page.add(Line((x0, y0), (x1, y1), S(INK, W_THIN), "legend"))
    page.add(Line((x0, y1), (x1, y0), S(INK, W_THIN), "legend"))


def _sym_dim(page, b):
    x0, y0, x1, y1 = b
    page.add(Dimension((x0 + 0.5, y1), (x1 - 0.5, y1), 2.2, "", 1.6, S(INK, W_FINE), "legend"))


def _sym_flag(page, b):
    x0, y0, x1, y1 = b
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(INK, W_THIN, FLAG_RED), "legend"))
    c = min(y1 - y0, x1 - x0) * 0.28
    page.add(Arc((x0 + c * 1.4, y0 + c * 1.3), c, 0, 360, S(GOLD, W_FINE), "legend"))


def _sym_board(page, b):
    x0, y0, x1, y1 = b
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S("#7A1F1F", W_FINE, BOARD_FILL), "legend"))
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y0 + 1.0), (x0, y0 + 1.0)), S(None, 0, RED), "legend"))


# ====================================================================== floor plan

@dataclass
class PlanView:
    scale: float
    minx: float
    maxy: float
    ox: float
    oy: float

    def p(self, pt) -> P:
        return (self.ox + (float(pt[0]) - self.minx) / self.scale, self.oy + (self.maxy - float(pt[1])) / self.scale)

    def pts(self, pts) -> tuple[P, ...]:
        return tuple(self.p(q) for q in pts)


def _geom_polys(g) -> list[SPolygon]:
    if g.is_empty:
        return []
    if isinstance(g, SPolygon):
        return [g]
    return [x for x in getattr(g, "geoms", []) if isinstance(x, SPolygon) and not x.is_empty]


def _poly_prim(g: SPolygon, view: PlanView, style: Style, layer: str, ref: str) -> Polygon:
    ext = view.pts(list(g.exterior.coords)[:-1])
    holes = tuple(view.pts(list(i.coords)[:-1]) for i in g.interiors)
    return Polygon(ext, style, layer, ref, holes)


def door_hinge_offset(wall: Wall, door) -> float:
    """Offset of a door's hinge along its wall (the rule lives in model.geometry)."""
    return hinge_offset(wall, door.offset, door.width, door.hinge)


def _outer_vertices(outline, walls: list[Wall], t: float) -> list[P]:
    """The outer corners of walls of thickness ``t`` (mitred)."""
    n = len(outline)
    out = []
    for i in range(n):
        wa, wb = walls[i - 1], walls[i]
        na, nb = wa.inward_normal, wb.inward_normal
        # lines: p = a + s*da - t*na ; q = b + u*db - t*nb
        a = (wa.start[0] - t * na[0], wa.start[1] - t * na[1])
        b = (wb.start[0] - t * nb[0], wb.start[1] - t * nb[1])
        da, db = wa.direction, wb.direction
        det = da[0] * (-db[1]) - da[1] * (-db[0])
        if abs(det) < 1e-9:
            out.append(b)
            continue
        rx, ry = b[0] - a[0], b[1] - a[1]
        s = (rx * (-db[1]) - ry * (-db[0])) / det
        out.append((a[0] + s * da[0], a[1] + s * da[1]))
    return out


def floor_plan_page(plan: Plan, lang: str = "zh", date: str = "") -> Page:
    """The floor plan sheet (平面布置图)."""
    spec = plan.spec
    outline = spec.outline
    walls = spec.walls()
    n = len(walls)
    t = float(spec.room.wall_thickness)
    room = SPolygon(outline)
    outer = room.buffer(t, join_style="mitre", mitre_limit=10.0)
    minx, miny, maxx, maxy = outer.bounds
    sheet = choose_sheet(maxx - minx, maxy - miny, 2 * PLAN_PAD, 2 * PLAN_PAD)
    page = Page(sheet.paper.width, sheet.paper.height, name="floorplan",
                meta={"sheet": sheet, "kind": "floorplan"})
    ax0, ay0, ax1, ay1 = sheet.drawing_area
    s = sheet.scale
    dw, dh = (maxx - minx) / s, (maxy - miny) / s
    view = PlanView(s, minx, maxy, ax0 + (ax1 - ax0 - dw) / 2, ay0 + (ay1 - ay0 - dh) / 2)
    page.meta["view"] = view

    placer = LabelPlacer((ax0, ay0, ax1, ay1))
    room_p = SPolygon(view.pts(outline))
    outer_p = SPolygon(view.pts(list(outer.exterior.coords)[:-1]))

    # ---- walls (poché), per wall so the main wall can be marked
    ring = outer.difference(room)
    outs = _outer_vertices(outline, walls, t)
    cuts = []
    for k, o in enumerate(spec.room.openings):
        w = walls[o.wall]
        a, b = float(o.offset), float(o.offset + o.width)
        cuts.append(SPolygon([w.point_at(a, 1.0), w.point_at(b, 1.0), w.point_at(b, -t - 1.0), w.point_at(a, -t - 1.0)]))
    cut_all = shapely.union_all(cuts) if cuts else None
    for i, w in enumerate(walls):
        quad = SPolygon([outline[i], outline[(i + 1) % n], outs[(i + 1) % n], outs[i]])
        if not quad.is_valid:
            quad = quad.buffer(0)
        seg = quad.intersection(ring)
        if cut_all is not None:
            seg = seg.difference(cut_all)
        main = i == plan.main_wall
        st = S(INK, W_BOLD, RED if main else WALL_FILL)
        for g in _geom_polys(seg):
            page.add(_poly_prim(g, view, st, "wall", f"wall:{i}"))
            placer.obstacle(SPolygon(view.pts(list(g.exterior.coords)[:-1])), f"wall:{i}")
    page.meta["outer"] = outer

    # ---- openings
    for k, o in enumerate(spec.room.openings):
        w = walls[o.wall]
        a, b = float(o.offset), float(o.offset + o.width)
        ref = f"{o.kind}:{k}"
        if o.kind == "window":
            glass = S(None, 0, GLASS)
            page.add(Polygon(view.pts([w.point_at(a, 0), w.point_at(b, 0), w.point_at(b, -t), w.point_at(a, -t)]),
                             glass, "opening", ref))
            for f in (0.0, 1 / 3, 2 / 3, 1.0):
                page.add(Line(view.p(w.point_at(a, -t * f)), view.p(w.point_at(b, -t * f)), S(INK, W_FINE), "opening", ref))
            for e in (a, b):
                page.add(Line(view.p(w.point_at(e, 0)), view.p(w.point_at(e, -t)), S(INK, W_FINE), "opening", ref))
            placer.obstacle(SPolygon(view.pts([w.point_at(a, 0), w.point_at(b, 0), w.point_at(b, -t), w.point_at(a, -t)])), ref)
        else:
            h = door_hinge_offset(w, o)
            other = b if h == a else a
            depth = 0.0 if o.swing == "in" else -t
            sign = 1.0 if o.swing == "in" else -1.0
            hinge = w.point_at(h, depth)
            leaf_end = w.point_at(h, depth + sign * float(o.width))
            shut = w.point_at(other, depth)
            H, E, J = view.p(hinge), view.p(leaf_end), view.p(shut)
            r = math.dist(H, E)
            ang = lambda q: math.degrees(math.atan2(-(q[1] - H[1]), q[0] - H[0]))
            a1, a2 = ang(E), ang(J)
            if (a2 - a1) % 360 <= 180:
                st_, en_ = a1, a1 + (a2 - a1) % 360
            else:
                st_, en_ = a2, a2 + (a1 - a2) % 360
            # leaf: a thin rectangle (40 mm) from the hinge
            dirw = (J[0] - H[0]) / r, (J[1] - H[1]) / r
            lt = max(40.0 / s, 0.5)
            leaf = (H, E, (E[0] + dirw[0] * lt, E[1] + dirw[1] * lt), (H[0] + dirw[0] * lt, H[1] + dirw[1] * lt))
            page.add(Polygon(leaf, S(INK, W_MED, "#FFFFFF"), "opening", ref))
            page.add(Arc(H, r, st_, en_, S(INK, W_FINE), "opening", ref))
            # door jamb lines across the wall
            for e in (a, b):
                page.add(Line(view.p(w.point_at(e, 0)), view.p(w.point_at(e, -t)), S(INK, W_MED), "opening", ref))
            sector = [H] + [(H[0] + r * math.cos(math.radians(st_ + (en_ - st_) * k / 10)),
                             H[1] - r * math.sin(math.radians(st_ + (en_ - st_) * k / 10))) for k in range(11)]
            placer.obstacle(SPolygon(sector), ref)

    # ---- obstacles
    for k, ob in enumerate(spec.room.obstacles):
        w = walls[ob.wall]
        a, b = float(ob.offset), float(ob.offset + ob.width)
        d = float(ob.depth)
        ref = f"obstacle:{k}"
        flush = d <= 0
        dd = d if not flush else max(60.0, 0.8 * s)
        pts = view.pts([w.point_at(a, 0), w.point_at(b, 0), w.point_at(b, dd), w.point_at(a, dd)])
        page.add(Polygon(pts, S(INK, W_FINE, OBST_FILL, (0.8, 0.5) if flush else None), "obstacle", ref))
        if not flush:
            page.add(Line(pts[0], pts[2], S(INK, W_THIN), "obstacle", ref))
            page.add(Line(pts[1], pts[3], S(INK, W_THIN), "obstacle", ref))
        placer.obstacle(SPolygon(pts), ref)

    # ---- wall items as bars on the wall faces
    bar = max(50.0, 0.9 * s)
    for it in plan.wall_items:
        w = walls[it.wall]
        a, b = float(it.offset), float(it.offset + it.width)
        if it.face == "inside":
            d0, d1 = 0.0, bar
        else:
            d0, d1 = -t - bar, -t
        pts = view.pts([w.point_at(a, d0), w.point_at(b, d0), w.point_at(b, d1), w.point_at(a, d1)])
        fill = FLAG_RED if it.kind == "flag" else ("#E3A2A2" if it.kind == "board" else "#FFFFFF")
        page.add(Polygon(pts, S(INK, W_THIN, fill), "wallitem", it.id))
        placer.obstacle(SPolygon(pts), f"wi:{it.id}")

    # ---- furniture
    by_id = {f.id: f for f in plan.floor_items}
    fpolys: dict[str, SPolygon] = {}
    order = sorted(plan.floor_items, key=lambda f: (_mount(f) == "ceiling", _mount(f) == "on", 0))
    for f in order:
        pts = view.pts(f.footprint)
        poly = SPolygon(pts)
        if not poly.is_valid:
            poly = poly.buffer(0)
        fpolys[f.id] = poly
        m = _mount(f)
        if m == "ceiling":
            st, layer = S(GREY, W_FINE, None, (1.6, 0.8)), "furniture-above"
        elif f.kind == "chair":
            st, layer = S(INK, W_FINE, CHAIR_FILL), "furniture"
        elif m == "wall":
            st, layer = S(INK, W_FINE, "#FFFFFF"), "furniture"
        else:
            st, layer = S(INK, W_MED, FURN_FILL), "furniture"
        page.add(Polygon(pts, st, layer, f.id))
        if f.kind == "chair":
            back = _chair_back(pts, f)
            if back:
                page.add(Line(back[0], back[1], S(INK, W_HEAVY), "furniture", f.id))
        placer.obstacle(poly, f.id)

    # ---- dimensions and wall numbers
    _plan_dimensions(page, plan, walls, view, t, lang)
    _wall_tags(page, plan, walls, view, t, lang)
    # leader labels stay inside the room or outside the dimension zone
    dim_zone = outer_p.buffer(PLAN_PAD + 1.0, join_style="mitre")
    area_box = sbox(ax0, ay0, ax1, ay1)
    placer.regions = [room_p.buffer(-0.8), area_box.difference(dim_zone)]
    for r in placer.regions:
        shapely.prepare(r)

    # ---- labels: obstacles, furniture (chairs grouped), the room's area
    _place_plan_labels(page, plan, placer, fpolys, by_id, walls, view, t, lang)
    free = placer.free(f"{tr('area', lang)} {fmt_area(outline)}", 3.0, (room_p.centroid.x, room_p.centroid.y),
                       room_p.buffer(-1.0), color=GREY, ref="area")
    if free:
        page.extend(free.prims)

    # ---- sheet furniture: frame, legend, notes, scale bar, title block
    draw_frame(page, sheet)
    cx0, cy0, cx1, cy1 = sheet.column
    has_ceiling = any(_mount(f) == "ceiling" for f in plan.floor_items)
    # the legend lists what this sheet shows
    ops = spec.room.openings
    present = [
        (True, tr("wall_leg", lang, t=fmt_mm(t)), _sym_rect(WALL_FILL, INK, W_MED)),
        (True, tr("main_wall_leg", lang), _sym_rect(RED, INK, W_MED)),
        (any(o.kind == "door" for o in ops), tr("door_leg", lang), _sym_door),
        (any(o.kind == "window" for o in ops), tr("window_leg", lang), _sym_window),
        (bool(spec.room.obstacles), tr("obstacle_leg", lang), _sym_obstacle),
        (bool(plan.floor_items), tr("furniture_leg", lang), _sym_rect(FURN_FILL)),
        (has_ceiling, tr("ceiling_leg", lang), _sym_rect(None, GREY, W_FINE, (1.6, 0.8))),
        (any(i.kind == "flag" for i in plan.wall_items), tr("flag_leg", lang), _sym_bar(FLAG_RED)),
        (any(i.kind != "flag" for i in plan.wall_items), tr("board_leg", lang), _sym_bar("#E3A2A2")),
        (True, tr("dim_leg", lang), _sym_dim)]
    entries = [(label, sym) for show, label, sym in present if show]
    y = draw_legend(page, cx0 + 4, cy0 + 4, cx1 - cx0 - 8, entries, lang)
    y += 2
    notes = [f"{tr('area', lang)}: {fmt_area(outline)}"]
    if plan.seating:
        notes.append(f"{tr('seats', lang)}: {plan.seating.seats}")
    for nline in notes:
        page.add(text_mid((cx0 + 4, y + 2), nline, 2.4, anchor="start", layer="legend"))
        y += 4.5
    tb_top = cy1 - sheet.layout.title_block_height
    draw_scale_bar(page, sheet, cx0 + 4, tb_top - 22, cx1 - cx0 - 12, lang)
    info = sheet_info(plan, lang, date, tr("floor_plan", lang), "P-01", spec.branch.name)
    info.subtitle = ""
    draw_title_block(page, sheet, info, lang)
    return page


def _mount(f: FloorItem) -> str:
    return getattr(f, "mount", "floor") or "floor"


def _chair_back(pts: tuple[P, ...], f: FloorItem) -> Optional[tuple[P, P]]:
    """The back edge of a chair (opposite to the way it faces), in paper coordinates."""
    faces = getattr(f, "faces", None)
    if not faces or len(pts) < 3:
        return None
    fx, fy = float(faces[0]), -float(faces[1])     # to paper
    cx = sum(p[0] for p in pts) / len(pts)
    cy = sum(p[1] for p in pts) / len(pts)
    best, bestd = None, 1e9
    for k in range(len(pts)):
        a, b = pts[k], pts[(k + 1) % len(pts)]
        mx, my = (a[0] + b[0]) / 2 - cx, (a[1] + b[1]) / 2 - cy
        d = mx * fx + my * fy
        if d < bestd:
            best, bestd = (a, b), d
    if best is None:
        return None
    a, b = best
    # pull the back line slightly inside so it does not double the outline
    ins = 0.35
    L = math.hypot(fx, fy) or 1.0
    return ((a[0] + fx / L * ins, a[1] + fy / L * ins), (b[0] + fx / L * ins, b[1] + fy / L * ins))


def _dimension_obstacles(page: Page) -> list:
    """Shapely geometries of everything the dimensions drew (lines and text boxes)."""
    from .primitives import explode
    geoms = []
    for d in page.find(Dimension):
        for q in explode(d):
            if isinstance(q, Line):
                geoms.append(LineString([q.a, q.b]))
            elif isinstance(q, Text) and q.text:
                w_ = tw(q.text, q.size)
                t_ = math.radians(q.angle)
                ux, uy = math.cos(t_), -math.sin(t_)
                upx, upy = -math.sin(t_), -math.cos(t_)
                x0 = q.pos[0] - ux * (w_ / 2 if q.anchor == "middle" else (w_ if q.anchor == "end" else 0))
                y0 = q.pos[1] - uy * (w_ / 2 if q.anchor == "middle" else (w_ if q.anchor == "end" else 0))
                pts = [(x0 - upx * 0.2 * q.size, y0 - upy * 0.2 * q.size),
                       (x0 + ux * w_ - upx * 0.2 * q.size, y0 + uy * w_ - upy * 0.2 * q.size),
                       (x0 + ux * w_ + upx * 0.9 * q.size, y0 + uy * w_ + upy * 0.9 * q.size),
                       (x0 + upx * 0.9 * q.size, y0 + upy * 0.9 * q.size)]
                geoms.append(SPolygon(pts))
    return geoms


def _wall_tags(page: Page, plan: Plan, walls: list[Wall], view: PlanView, t: float, lang: str) -> None:
    """Wall numbers in circles outside each wall, clear of the dimension chains: beyond the
    chains where the wall is on the outline's bounding box, else just outside the wall,
    sliding along it to a free spot."""
    obstacles = _dimension_obstacles(page)
    tree = shapely.STRtree(obstacles) if obstacles else None
    outer = SPolygon(view.pts(_outer_vertices(plan.spec.outline, walls, t)))
    taken: list = []
    for i, w in enumerate(walls):
        main = i == plan.main_wall
        label = tr("main_wall", lang) if main else ""
        n_out = (-w.inward_normal[0], -w.inward_normal[1])
        v = (n_out[0], -n_out[1])                      # outward, on paper
        d = (w.direction[0], -w.direction[1])          # along the wall, on paper
        best = None
        for dist in (WALL_TAG, 4.0 + TAG_R, 9.0, 14.0, WALL_TAG + 6.0):
            for f in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
                P0 = view.p(w.point_at(w.length * f, -t))
                c = (P0[0] + v[0] * dist, P0[1] + v[1] * dist)
                geom = Point(c).buffer(TAG_R + 0.6)
                lab_pos = None
                if label:
                    lw = tw(label, 2.6)
                    if abs(d[0]) >= abs(d[1]):
                        lab_pos = (c[0] + TAG_R + 1.5 + lw / 2, c[1])
                    else:
                        lab_pos = (c[0], c[1] + TAG_R + 2.5)
                    geom = geom.union(sbox(lab_pos[0] - lw / 2 - 0.5, lab_pos[1] - 1.8, lab_pos[0] + lw / 2 + 0.5, lab_pos[1] + 1.8))
                if geom.intersects(outer) or any(geom.intersects(o) for o in taken):
                    continue
                if tree is not None and len(tree.query(geom, predicate="intersects")):
                    continue
                best = (c, lab_pos, geom)
                break
            if best:
                break
        if best is None:
            P0 = view.p(w.point_at(w.length / 2, -t))
            c = (P0[0] + v[0] * WALL_TAG, P0[1] + v[1] * WALL_TAG)
            best = (c, None, Point(c).buffer(TAG_R))
        c, lab_pos, geom = best
        taken.append(geom)
        col = RED if main else INK
        page.add(Arc(c, TAG_R, 0, 360, S(col, W_MED, "#FFFFFF"), "marker", f"wall:{i}"))
        page.add(text_mid(c, str(i), 3.0, color=col, layer="marker", ref=f"wall:{i}"))
        if label and lab_pos:
            page.add(text_mid(lab_pos, label, 2.6, color=RED, layer="marker", ref=f"wall:{i}"))
    page.meta["dimension_geoms"] = obstacles


def _dim_offset_sign(a: P, b: P, outward: P) -> float:
    ux, uy = b[0] - a[0], b[1] - a[1]
    left = (uy, -ux)
    return 1.0 if left[0] * outward[0] + left[1] * outward[1] >= 0 else -1.0


def _side_groups(walls: list[Wall]) -> Optional[dict[str, list[Wall]]]:
    """Walls grouped by the side of the drawing they face (bottom, top, left, right), for an
    outline whose walls are all horizontal or vertical and whose walls facing one side do
    not overlap when projected on it (rectangles, L, U, T shapes…). None otherwise."""
    groups: dict[str, list[Wall]] = {"bottom": [], "top": [], "left": [], "right": []}
    for w in walls:
        nx, ny = -w.inward_normal[0], -w.inward_normal[1]
        if abs(ny) > 1 - 1e-9:
            groups["top" if ny > 0 else "bottom"].append(w)
        elif abs(nx) > 1 - 1e-9:
            groups["right" if nx > 0 else "left"].append(w)
        else:
            return None
    for side, ws in groups.items():
        k = 0 if side in ("bottom", "top") else 1
        spans = sorted((min(w.start[k], w.end[k]), max(w.start[k], w.end[k])) for w in ws)
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            if b0 < a1 - 1e-6:
                return None
    return groups


def _dim_chain(page: Page, ticks: list[tuple[P, P]], values: list[float], outward: P, offset: float,
               scale: float, ref: str) -> None:
    """A chain of dimensions along measured points ``ticks`` = [(point on the baseline, where the
    extension line starts)] on paper; ``values`` are the real lengths between consecutive ticks."""
    n = len(ticks) - 1
    lens = [math.dist(ticks[k][0], ticks[k + 1][0]) for k in range(n)]
    for k in range(n):
        (qa, ea), (qb, eb) = ticks[k], ticks[k + 1]
        if lens[k] < 1e-6:
            continue
        txt = fmt_mm(values[k])
        need = tw(txt, TEXT_DIM) + 1.0
        shift = 0.0
        if need > lens[k]:
            left_len = lens[k - 1] if k > 0 else 0.0
            right_len = lens[k + 1] if k + 1 < n else 0.0
            d = lens[k] / 2 + need / 2 + 0.5
            shift = d if right_len >= left_len else -d
        sg = _dim_offset_sign(qa, qb, outward)
        page.add(Dimension(qa, qb, sg * offset, txt, TEXT_DIM, S(INK, W_FINE), "dimension", ref,
                           text_shift=shift, ext_a=ea, ext_b=eb))


def _plan_dimensions(page: Page, plan: Plan, walls: list[Wall], view: PlanView, t: float, lang: str) -> None:
    """Dimension chains outside the walls: the openings (and, for stepped outlines, the wall
    lengths) on the inner chain, the overall length on the outer chain. Lengths are clear
    (inside-face) lengths; extension lines start at the outer face of the wall."""
    spec = plan.spec
    groups = _side_groups(walls)
    if groups is None:
        for i, w in enumerate(walls):
            L = w.length
            n_out = (-w.inward_normal[0], -w.inward_normal[1])
            out_p = (n_out[0], -n_out[1])
            ticks_mm = sorted({0.0, L} | {v for o in spec.room.openings if o.wall == i
                                        for v in (float(o.offset), float(o.offset + o.width))})
            pts = [(view.p(w.point_at(u, -t)),) * 2 for u in ticks_mm]
            _dim_chain(page, [pts[0], pts[-1]], [L], out_p, DIM_CHAIN_2, view.scale, f"wall:{i}")
            if len(ticks_mm) > 2:
                _dim_chain(page, pts, [b - a for a, b in zip(ticks_mm, ticks_mm[1:])], out_p, DIM_CHAIN_1,
                           view.scale, f"wall:{i}")
        return
    outline = spec.outline
    xs = [p[0] for p in outline]
    ys = [p[1] for p in outline]
    bx0, by0, bx1, by1 = min(xs) - t, min(ys) - t, max(xs) + t, max(ys) + t
    for side, ws in groups.items():
        if not ws:
            continue
        horiz = side in ("bottom", "top")
        k = 0 if horiz else 1
        base = {"bottom": by0, "top": by1, "left": bx0, "right": bx1}[side]
        outward = {"bottom": (0.0, 1.0), "top": (0.0, -1.0), "left": (-1.0, 0.0), "right": (1.0, 0.0)}[side]
        # coordinate along the side → the wall-face point nearest the baseline
        face: dict[float, tuple[float, float]] = {}

        def add(u: float, pt: tuple[float, float]) -> None:
            u = round(u, 3)
            for key in face:
                if abs(key - u) < 1.0:
                    u = key
                    break
            cur = face.get(u)
            d_new = abs(pt[1 - k] - base)
            if cur is None or d_new < abs(cur[1 - k] - base):
                face[u] = pt

        for w in ws:
            for off in (0.0, w.length):
                q = w.point_at(off, -t)
                add(w.point_at(off)[k], q)
        wall_ends = set(face)
        for w in ws:
            for o in spec.room.openings:
                if o.wall == w.index:
                    for off in (float(o.offset), float(o.offset + o.width)):
                        add(w.point_at(off)[k], w.point_at(off, -t))
        us = sorted(face)

        def tick(u: float) -> tuple[P, P]:
            f = face[u]
            on_base = (u, base) if horiz else (base, u)
            return (view.p(on_base), view.p(f))

        ticks = [tick(u) for u in us]
        ref = "side:" + side
        _dim_chain(page, [ticks[0], ticks[-1]], [us[-1] - us[0]], outward, DIM_CHAIN_2, view.scale, ref)
        corners = sorted(u for u in us if u in wall_ends)
        if len(corners) > 2:
            _dim_chain(page, [tick(u) for u in corners], [b - a for a, b in zip(corners, corners[1:])], outward,
                       DIM_CHAIN_W, view.scale, ref)
        if len(us) > len(corners):
            _dim_chain(page, ticks, [b - a for a, b in zip(us, us[1:])], outward, DIM_CHAIN_1, view.scale, ref)


def _forced_label(page: Page, text: str, poly: SPolygon, ref: str) -> list:
    """Last resort when no free spot exists (a room packed wall to wall): the label goes on
    its object at the smallest size, and the page records it in ``meta["crowded_labels"]``."""
    page.meta.setdefault("crowded_labels", []).append(ref)
    c = poly.representative_point()
    return [text_mid((c.x, c.y), text, TEXT_MIN, ref=ref)]


def _place_plan_labels(page: Page, plan: Plan, placer: LabelPlacer, fpolys: dict[str, SPolygon],
                       by_id: dict[str, FloorItem], walls: list[Wall], view: PlanView, t: float, lang: str) -> None:
    spec = plan.spec
    ceiling_keys = {f.id for f in plan.floor_items if _mount(f) == "ceiling"}
    # what stands on what: an item may overlap the piece it stands on
    under: dict[str, set[str]] = {}
    for f in plan.floor_items:
        base = getattr(f, "on", None)
        if base:
            under.setdefault(f.id, set()).add(base)
    # inside labels first, biggest pieces first
    pending = []
    chairs = [f for f in plan.floor_items if f.kind == "chair"]
    others = [f for f in plan.floor_items if f.kind != "chair"]
    others.sort(key=lambda f: (-fpolys[f.id].area, f.id))
    for f in others:
        poly = fpolys[f.id]
        text = floor_label(f, lang)
        allow = under.get(f.id, set()) | ceiling_keys
        pl = placer.inside(text, poly, f.id, (TEXT, 2.2, 2.0, 1.8), allow=allow, ref=f.id)
        if pl:
            page.extend(pl.prims)
        else:
            pending.append(f)
    for f in pending:
        pl = placer.beside(floor_label(f, lang), [(fpolys[f.id], f.id)], TEXT_SMALL + 0.2, ref=f.id)
        page.extend(pl.prims if pl else _forced_label(page, floor_label(f, lang), fpolys[f.id], f.id))
    if chairs:
        text = f"{kind_name('chair', lang)} ×{len(chairs)}"
        pl = placer.beside(text, [(fpolys[c.id], c.id) for c in chairs], TEXT_SMALL + 0.2, ref="chairs")
        page.extend(pl.prims if pl else _forced_label(page, text, fpolys[chairs[0].id], "chairs"))
    for k, ob in enumerate(spec.room.obstacles):
        w = walls[ob.wall]
        a, b = float(ob.offset), float(ob.offset + ob.width)
        d = max(float(ob.depth), 60.0)
        poly = SPolygon(view.pts([w.point_at(a, 0), w.point_at(b, 0), w.point_at(b, d), w.point_at(a, d)]))
        text = obstacle_label(ob.label, lang)
        pl = placer.inside(text, poly, f"obstacle:{k}", (2.2, 2.0, 1.8), ref=f"obstacle:{k}", halo=True)
        if pl is None:
            pl = placer.beside(text, [(poly, f"obstacle:{k}")], TEXT_SMALL, color=GREY, ref=f"obstacle:{k}")
        if pl:
            page.extend(pl.prims)


# ====================================================================== elevations

@dataclass
class ElevationView:
    wall: Wall
    face: str             # inside | outside
    height: float         # ceiling height (mm)
    scale: float
    x0: float             # paper x of the wall's left end
    yf: float             # paper y of the floor

    def x(self, left_mm: float) -> float:
        return self.x0 + left_mm / self.scale

    def y(self, h_mm: float) -> float:
        return self.yf - h_mm / self.scale

    def left(self, offset: float, width: float) -> float:
        """Distance (mm) of a span's left edge from the left end of the wall as the viewer sees it."""
        vl = self.wall.viewer_left(offset, width)
        return vl if self.face == "inside" else self.wall.length - vl - width

    def rect(self, left: float, bottom: float, width: float, height: float) -> tuple[P, P, P, P]:
        x0, x1 = self.x(left), self.x(left + width)
        y0, y1 = self.y(bottom + height), self.y(bottom)
        return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def elevation_views(plan: Plan) -> list[tuple[int, str]]:
    """(wall, face) of every elevation drawn: the inside of each wall that carries anything
    (a wall item, an opening, an obstacle, furniture against it), then the outside of each
    wall with an outside item (door signs, plaque), in wall order."""
    spec = plan.spec
    out = []
    for i in range(len(spec.outline)):
        inside = (any(it.wall == i and it.face == "inside" for it in plan.wall_items)
                  or any(o.wall == i for o in spec.room.openings)
                  or any(ob.wall == i for ob in spec.room.obstacles))
        if inside:
            out.append((i, "inside"))
        if any(it.wall == i and it.face == "outside" for it in plan.wall_items):
            out.append((i, "outside"))
    return out


def elevation_sheet(plan: Plan) -> Sheet:
    spec = plan.spec
    walls = spec.walls()
    t = float(spec.room.wall_thickness)
    H = float(spec.room.height)
    ext = [(walls[i].length + 2 * t, H) for i, _ in elevation_views(plan)] or [(walls[0].length + 2 * t, H)]
    return choose_common_sheet(ext, EL_PAD_LEFT + EL_PAD_RIGHT, EL_PAD_TOP + EL_PAD_BOTTOM)


def _spread(targets: list[float], gap: float, lo: float = -1e9, hi: float = 1e9) -> list[float]:
    """Positions near ``targets`` (sorted ascending) at least ``gap`` apart (cluster merging)."""
    clusters: list[list] = []   # [start, members(list of target), ]
    for x in targets:
        clusters.append([x, [x]])
        while len(clusters) > 1:
            a, b = clusters[-2], clusters[-1]
            if a[0] + len(a[1]) * gap > b[0] + 1e-9:
                members = a[1] + b[1]
                mean = sum(members) / len(members)
                start = mean - (len(members) - 1) * gap / 2
                clusters[-2:] = [[start, members]]
            else:
                break
    out = []
    for start, members in clusters:
        for k in range(len(members)):
            out.append(start + k * gap)
    # keep inside [lo, hi]
    if out and out[0] < lo:
        d = lo - out[0]
        out = [x + d for x in out]
    if out and out[-1] > hi:
        d = out[-1] - hi
        out = [x - d for x in out]
    return out


def _elevation_page(plan: Plan, wall_index: int, face: str, sheet: Sheet, lang: str, date: str,
                    number: int, total: int) -> Page:
    spec = plan.spec
    walls = spec.walls()
    w = walls[wall_index]
    L = w.length
    H = float(spec.room.height)
    t = float(spec.room.wall_thickness)
    s = sheet.scale
    ax0, ay0, ax1, ay1 = sheet.drawing_area
    tot_w = (L + 2 * t) / s + EL_PAD_LEFT + EL_PAD_RIGHT
    tot_h = H / s + EL_PAD_TOP + EL_PAD_BOTTOM
    xs = ax0 + (ax1 - ax0 - tot_w) / 2
    ys = ay0 + (ay1 - ay0 - tot_h) / 2
    view = ElevationView(w, face, H, s, xs + EL_PAD_LEFT + t / s, ys + EL_PAD_TOP + H / s)
    name = f"wall-{wall_index}" + ("" if face == "inside" else "-outside")
    page = Page(sheet.paper.width, sheet.paper.height, name=name,
                meta={"sheet": sheet, "kind": "elevation", "wall": wall_index, "face": face, "view": view})
    placer = LabelPlacer((ax0, ay0, ax1, ay1))
    X0, X1 = view.x(0), view.x(L)
    Yf, Yc = view.y(0), view.y(H)
    tt = t / s

    # ---- the wall, the cut side walls (section), floor and ceiling slabs
    slab = min(tt, SLAB / s)
    page.add(Polygon(((X0, Yc), (X1, Yc), (X1, Yf), (X0, Yf)), S(INK, W_MED, "#FFFFFF"), "background", f"wall:{wall_index}"))
    for xa in (X0 - tt, X1):
        page.add(Polygon(((xa, Yc - slab), (xa + tt, Yc - slab), (xa + tt, Yf + slab), (xa, Yf + slab)),
                         S(INK, W_BOLD, WALL_FILL), "wall", "cut"))
    page.add(Polygon(((X0 - tt, Yc - slab), (X1 + tt, Yc - slab), (X1 + tt, Yc), (X0 - tt, Yc)),
                     S(INK, W_MED, SLAB_FILL), "wall", "ceiling"))
    page.add(Polygon(((X0 - tt, Yf), (X1 + tt, Yf), (X1 + tt, Yf + slab), (X0 - tt, Yf + slab)),
                     S(INK, W_MED, SLAB_FILL), "wall", "floor"))
    page.add(Line((X0, Yf), (X1, Yf), S(INK, W_HEAVY), "wall", "floor"))

    hticks: list[tuple[float, str]] = [(0.0, "floor"), (H, "ceiling")]
    xticks: list[float] = [0.0, L]

    # ---- openings
    for k, o in enumerate(spec.room.openings):
        if o.wall != wall_index:
            continue
        ref = f"{o.kind}:{k}"
        lft = view.left(float(o.offset), float(o.width))
        sill = spec.window_sill(o) if o.kind == "window" else 0.0
        r = view.rect(lft, sill, float(o.width), float(o.height))
        xticks += [lft, lft + float(o.width)]
        if o.kind == "window":
            page.add(Polygon(r, S(INK, W_MED, GLASS), "opening", ref))
            fr = 50.0 / s
            inner = ((r[0][0] + fr, r[0][1] + fr), (r[1][0] - fr, r[1][1] + fr), (r[2][0] - fr, r[2][1] - fr), (r[3][0] + fr, r[3][1] - fr))
            page.add(Polygon(inner, S(INK, W_THIN), "opening", ref))
            xm = (r[0][0] + r[1][0]) / 2
            page.add(Line((xm, inner[0][1]), (xm, inner[2][1]), S(INK, W_THIN), "opening", ref))
            page.add(Line((r[3][0] - 0.8, r[3][1]), (r[2][0] + 0.8, r[2][1]), S(INK, W_BOLD), "opening", ref))
            hticks += [(sill, ref), (sill + float(o.height), ref)]
        else:
            page.add(Polygon(r, S(INK, W_MED, "#FFFFFF"), "opening", ref))
            fr = 40.0 / s
            page.add(Polyline(((r[3][0] + fr, r[3][1]), (r[0][0] + fr, r[0][1] + fr), (r[1][0] - fr, r[1][1] + fr),
                               (r[2][0] - fr, r[2][1])), S(INK, W_THIN), "opening", ref))
            # opening lines meet at the hinge side; dashed when the door opens towards the viewer
            hoff = door_hinge_offset(w, o)
            hx = view.x(view.left(hoff, 0.0)) if face == "inside" else view.x(L - w.viewer_left(hoff, 0.0))
            ox = r[1][0] if abs(hx - r[0][0]) < abs(hx - r[1][0]) else r[0][0]
            towards = (o.swing == "in") == (face == "inside")
            dash = (1.5, 1.0) if towards else None
            ymid = (r[0][1] + r[3][1]) / 2
            page.add(Polyline(((ox, r[0][1] + fr), (hx, ymid), (ox, r[3][1])), S(GREY, W_THIN, None, dash), "opening", ref))
            hticks.append((float(o.height), ref))
        placer.obstacle(SPolygon(r), ref)

    # ---- obstacles (inside face only)
    if face == "inside":
        for k, ob in enumerate(spec.room.obstacles):
            if ob.wall != wall_index:
                continue
            ref = f"obstacle:{k}"
            lft = view.left(float(ob.offset), float(ob.width))
            r = view.rect(lft, float(ob.bottom), float(ob.width), float(ob.top - ob.bottom))
            page.add(Polygon(r, S(INK, W_FINE, OBST_FILL, (0.8, 0.5)), "obstacle", ref))
            page.add(Line(r[0], r[2], S(LIGHT, W_THIN), "obstacle", ref))
            page.add(Line(r[1], r[3], S(LIGHT, W_THIN), "obstacle", ref))
            placer.obstacle(SPolygon(r), ref)
            xticks += [lft, lft + float(ob.width)]
            hticks += [(float(ob.bottom), ref), (float(ob.top), ref)]

    # ---- furniture against this wall (dashed, in front of the wall)
    furn = []
    if face == "inside":
        fb = {f.id: f for f in plan.floor_items}
        for f in plan.floor_items:
            if f.wall != wall_index or f.kind == "chair":
                continue
            offs = [w.project((float(x), float(y)))[0] for x, y in f.footprint]
            a, b = max(0.0, min(offs)), min(L, max(offs))
            if b - a < 1:
                continue
            bottom, height = _floor_item_bottom(f, fb, H), float(f.height)
            if _mount(f) == "ceiling":
                height = min(height, 400.0) if height > 0 else 300.0
            lft = view.left(a, b - a)
            r = view.rect(lft, bottom, b - a, max(height, 20.0))
            page.add(Polygon(r, S(GREY, W_FINE, None, (1.2, 0.7)), "furniture-above", f.id))
            furn.append((f, r))

    # ---- wall items
    items = [it for it in plan.wall_items if it.wall == wall_index and it.face == face]
    for it in items:
        lft = item_left(plan, it)
        r = view.rect(lft, float(it.bottom), float(it.width), float(it.height))
        xticks += [lft, lft + float(it.width)]
        hticks += [(float(it.bottom), it.id), (it.top, it.id)]
        if it.kind == "flag":
            _draw_flag(page, plan, it, r, lang)
        else:
            _draw_board(page, it, r, lang, lft)
        placer.obstacle(SPolygon(r), it.id)

    for f, r in furn:
        poly = SPolygon(r)
        pl = placer.inside(floor_label(f, lang), poly, f.id, (2.0, 1.8, 1.6), allow={x.id for x in items} | {f.id},
                           color=GREY, ref=f.id)
        if pl:
            page.extend(pl.prims)
    for k, ob in enumerate(spec.room.obstacles):
        if ob.wall != wall_index or face != "inside":
            continue
        lft = view.left(float(ob.offset), float(ob.width))
        poly = SPolygon(view.rect(lft, float(ob.bottom), float(ob.width), float(ob.top - ob.bottom)))
        text = obstacle_label(ob.label, lang)
        pl = placer.inside(text, poly, f"obstacle:{k}", (2.2, 2.0, 1.8), ref=f"obstacle:{k}", halo=True)
        if pl is None:
            placer.regions = [sbox(X0, Yc, X1, Yf)]
            pl = placer.beside(text, [(poly, f"obstacle:{k}")], 2.0, color=GREY, ref=f"obstacle:{k}")
        if pl:
            page.extend(pl.prims)

    # ---- installer dimensions
    _elevation_dimensions(page, view, sorted(set(round(x, 3) for x in xticks)), hticks, L, H, tt, lang)

    # ---- heading above the drawing
    vname = tr("inside_view", lang) if face == "inside" else tr("outside_view", lang)
    head = f"{wall_name(wall_index, lang)} {tr('elevation', lang)}（{vname}）" if lang == "zh" else \
        f"{wall_name(wall_index, lang)} elevation ({vname})"
    if wall_index == plan.main_wall and face == "inside":
        head += "  ·  " + tr("main_wall", lang)
    page.add(Text((X0 - tt, Yc - slab - 3.0), head, 3.6, "start", 0, "sans", RED if wall_index == plan.main_wall else INK, "label", "heading"))
    page.add(Text((X1 + tt, Yc - slab - 3.0), sheet.scale_text, 3.0, "end", 0, "sans", INK, "label", "heading"))

    # ---- column
    draw_frame(page, sheet)
    cx0, cy0, cx1, cy1 = sheet.column
    y = _key_plan(page, plan, wall_index, face, (cx0 + 4, cy0 + 4, cx1 - 4, cy0 + 50), lang)
    kinds = {it.kind for it in items}
    here = [o for o in spec.room.openings if o.wall == wall_index]
    present = [
        ("flag" in kinds, tr("flag_leg_el", lang), _sym_flag),
        ("board" in kinds, tr("board_leg_el", lang), _sym_board),
        ("sign" in kinds, tr("sign_leg_el", lang), _sym_rect("#FFFFFF", GREY, W_FINE)),
        (any(o.kind == "door" for o in here), tr("door_leg", lang), _sym_door_el),
        (any(o.kind == "window" for o in here), tr("window_leg", lang), _sym_rect(GLASS)),
        (face == "inside" and any(ob.wall == wall_index for ob in spec.room.obstacles), tr("obstacle_leg", lang),
         _sym_obstacle),
        (bool(furn), tr("furn_leg_el", lang), _sym_rect(None, GREY, W_FINE, (1.2, 0.7))),
        (True, tr("dim_leg", lang), _sym_dim)]
    entries = [(label, sym) for show, label, sym in present if show]
    y = draw_legend(page, cx0 + 4, y + 3, cx1 - cx0 - 8, entries, lang)
    for note in (tr("left_note", lang, view=vname), tr("height_note", lang)):
        lines, sz, pitch = wrap_fit(note, cx1 - cx0 - 8, 12, (2.2, 2.0, 1.8))
        for ln in lines:
            page.add(text_mid((cx0 + 4, y + 1.5), ln, sz, anchor="start", layer="legend"))
            y += pitch
        y += 1.0
    tb_top = cy1 - sheet.layout.title_block_height
    draw_scale_bar(page, sheet, cx0 + 4, tb_top - 22, cx1 - cx0 - 12, lang)
    title = f"{tr('elevation', lang)} · {wall_name(wall_index, lang)}" + (
        "" if face == "inside" else f"（{vname}）" if lang == "zh" else f" ({vname})")
    info = sheet_info(plan, lang, date, title, f"E-{number:02d}/{total:02d}")
    draw_title_block(page, sheet, info, lang)
    return page


def _floor_item_bottom(f: FloorItem, by_id: dict[str, FloorItem], H: float, depth: int = 0) -> float:
    m = _mount(f)
    if m == "on":
        base = by_id.get(getattr(f, "on", None) or "")
        if base is not None and depth < 8:
            return _floor_item_bottom(base, by_id, H, depth + 1) + float(base.height)
        return 0.0
    if m == "ceiling":
        return H - min(float(f.height), 400.0) if f.height else H - 300.0
    if m == "wall":
        b = getattr(f, "bottom", None)
        return float(b) if b is not None else 0.0
    return 0.0


def _draw_flag(page: Page, plan: Plan, it: WallItem, r, lang: str) -> None:
    (x0, y0), (x1, _), (_, y1), _ = r
    Lf = x1 - x0
    page.add(Polygon(r, S(INK, W_FINE, FLAG_RED), "flag", it.id))
    cell = Lf / 36.0
    grid = S("#EE7B66", 0.06)
    # upper-left quarter, 18 × 12 cells (hoist on the viewer's left)
    for k in range(19):
        page.add(Line((x0 + k * cell, y0), (x0 + k * cell, y0 + 12 * cell), grid, "emblem", it.id))
    for k in range(13):
        page.add(Line((x0, y0 + k * cell), (x0 + 18 * cell, y0 + k * cell), grid, "emblem", it.id))
    ex0, ey0 = x0 + 4 * cell, y0 + 3 * cell
    sq = 8 * cell
    page.add(Polygon(((ex0, ey0), (ex0 + sq, ey0), (ex0 + sq, ey0 + sq), (ex0, ey0 + sq)), S(GOLD, W_MED), "emblem", it.id + ":emblem"))
    page.add(Arc((ex0 + sq / 2, ey0 + sq / 2), sq / 2, 0, 360, S(GOLD, W_MED), "emblem", it.id + ":emblem"))
    n = it.flag_size or plan.flag_size
    if n in FLAG_SIZES_MM:
        fw, fh = FLAG_SIZES_MM[n]
    else:
        fw, fh = float(it.width), float(it.height)
        n = "?"
    txt = tr("flag_bought", lang, n=n, w=f"{fw / 10:g}", h=f"{fh / 10:g}")
    # title and the purchase note in the lower part of the flag, white, as one block
    lines, sz, pitch = wrap_fit(txt, Lf * 0.9, (y1 - y0) * 0.3, (2.4, 2.2, 2.0, 1.8, 1.6, 1.4))
    title, tsz = fit_line(item_title(it, lang), Lf * 0.9, 3.0)
    block = tsz + 0.6 * sz + sz + pitch * (len(lines) - 1)
    top = y1 - (y1 - y0) * 0.07 - block
    page.add(text_mid(((x0 + x1) / 2, top + tsz / 2), title, tsz, color="#FFFFFF", layer="label", ref=it.id))
    yl = top + tsz + 0.6 * sz + sz / 2
    for k, ln in enumerate(lines):
        page.add(text_mid(((x0 + x1) / 2, yl + k * pitch), ln, sz, color="#FFFFFF", layer="label", ref=it.id))
    aff = f"{tr('aff', lang)} {fmt_mm(it.bottom)}–{fmt_mm(it.top)}"
    a, asz = fit_line(aff, Lf * 0.9, 1.8)
    page.add(text_mid((x1 - 1.0, y0 + 2.0), a, asz, anchor="end", color="#FFFFFF", layer="label", ref=it.id))


def _draw_board(page: Page, it: WallItem, r, lang: str, left: float) -> None:
    """A board or sign in elevation: outline, red title band (boards), the title, and, where
    there is room, its heights above the floor and its size."""
    (x0, y0), (x1, _), (_, y1), _ = r
    bw, bh = x1 - x0, y1 - y0
    sign = it.kind == "sign"
    red_text = it.role == "branch_plaque"
    page.add(Polygon(r, S("#7A1F1F" if not sign else GREY, W_MED, "#FFFFFF" if sign else BOARD_FILL), "wallitem", it.id))
    band = 0.0
    if not sign:
        band = bh * 0.16
        page.add(Polygon(((x0, y0), (x1, y0), (x1, y0 + band), (x0, y0 + band)), S(None, 0, RED), "wallitem", it.id))
    pad = min(1.0, 0.08 * min(bw, bh))
    heights = f"{fmt_mm(it.bottom)}–{fmt_mm(it.top)}"
    size_txt = f"{fmt_mm(it.width)}×{fmt_mm(it.height)}"
    variants = [[f"{tr('aff', lang)} {heights}", size_txt], [heights, size_txt], [heights], []]
    isz = max(TEXT_MIN, min(1.8, bh * 0.12))
    title = item_title(it, lang)
    chosen: list[tuple[str, float]] = []
    for var in variants:
        fitted = []
        ok = True
        for ln in var:
            w_ = tw(ln, isz)
            if w_ > bw - 2 * pad:
                s_ = isz * (bw - 2 * pad) / w_
                if s_ < TEXT_MIN:
                    ok = False
                    break
                fitted.append((ln, s_))
            else:
                fitted.append((ln, isz))
        info_h = sum(s_ * 1.3 for _, s_ in fitted)
        # keep room for at least two title lines at the smallest size
        if ok and bh - band - 2 * pad - info_h - 0.6 >= TEXT_MIN * 2.3:
            chosen = fitted
            break
    info_h = sum(s_ * 1.3 for _, s_ in chosen)
    box_top = y0 + band + pad
    box_h = bh - band - 2 * pad - info_h - (0.6 if chosen else 0.0)
    lines, sz, pitch = wrap_fit(title, bw - 2 * pad, box_h, (3.0, 2.6, 2.2, 2.0, 1.8, 1.6, 1.4))
    block = sz + pitch * (len(lines) - 1) if lines else 0
    ytop = box_top + max(0.0, (box_h - block) / 2)
    col = RED if red_text else ("#5A1010" if not sign else INK)
    for k, ln in enumerate(lines):
        page.add(text_mid(((x0 + x1) / 2, ytop + sz / 2 + k * pitch), ln, sz, color=col, layer="label", ref=it.id))
    yy = y1 - pad - info_h
    for t_, s_ in chosen:
        page.add(text_mid(((x0 + x1) / 2, yy + s_ * 0.65), t_, s_, color=GREY, layer="label", ref=it.id))
        yy += s_ * 1.3


def _elevation_dimensions(page: Page, view: ElevationView, xticks: list[float], hticks: list[tuple[float, str]],
                          L: float, H: float, tt: float, lang: str) -> None:
    X0, X1, Yf, Yc = view.x(0), view.x(L), view.y(0), view.y(H)
    st = S(INK, W_FINE)
    D = "dimension"
    # --- left offsets: an ordinate line below the floor, values written downwards
    yb = Yf + min(tt, SLAB / view.scale) + 3.0
    page.add(Line((X0, yb), (X1, yb), st, D, "ordinate-x"))
    size = 2.0
    xs = [view.x(v) for v in xticks]
    pos = _spread(xs, size + 0.5, X0 - tt - 6, X1 + tt + 6)
    for v, x, p in zip(xticks, xs, pos):
        page.add(Line((x, yb - 1.2), (x, yb + 1.2), S(INK, W_MED), D, "ordinate-x"))
        page.add(Polyline(((x, yb), (x, yb + 2.0), (p, yb + 3.6), (p, yb + 4.4)), S(INK, W_THIN), D, "ordinate-x"))
        page.add(text_mid((p, yb + 4.9), fmt_mm(v), size, anchor="end", angle=90.0, layer=D, ref="ordinate-x"))
    page.add(Arc((X0, yb), 0.7, 0, 360, S(INK, W_FINE, "#FFFFFF"), D, "ordinate-x"))
    # --- overall wall length
    yl = yb + 4.9 + tw("00000", size) + 4.0
    page.add(Dimension((X0, yl - 3.0), (X1, yl - 3.0), -3.0, fmt_mm(L), TEXT_DIM, st, D, "wall-length", extension=True))
    # --- heights: an ordinate line left of the wall, values written leftwards
    xl = X0 - tt - 3.0
    hs = sorted({round(h, 3) for h, _ in hticks})
    ys = [view.y(h) for h in hs]
    order = sorted(range(len(hs)), key=lambda k: ys[k])
    sorted_y = [ys[k] for k in order]
    spread = _spread(sorted_y, size + 0.5, Yc - 8, Yf + 4)
    page.add(Line((xl, Yc), (xl, Yf), st, D, "ordinate-h"))
    for k, p in zip(order, spread):
        y = ys[k]
        page.add(Line((xl - 1.2, y), (xl + 1.2, y), S(INK, W_MED), D, "ordinate-h"))
        page.add(Polyline(((xl, y), (xl - 2.0, y), (xl - 3.6, p), (xl - 4.4, p)), S(INK, W_THIN), D, "ordinate-h"))
        page.add(text_mid((xl - 4.9, p), fmt_mm(hs[k]), size, anchor="end", layer=D, ref="ordinate-h"))
    page.add(Arc((xl, Yf), 0.7, 0, 360, S(INK, W_FINE, "#FFFFFF"), D, "ordinate-h"))
    # --- ceiling height on the right
    xr = X1 + tt + 6.0
    page.add(Dimension((X1 + tt, Yf), (X1 + tt, Yc), -(xr - X1 - tt), f"{tr('ceiling', lang)} {fmt_mm(H)}",
                       TEXT_DIM, st, D, "ceiling-height"))


def _key_plan(page: Page, plan: Plan, wall_index: int, face: str, box: tuple[float, float, float, float], lang: str) -> float:
    """A small plan of the room with the wall drawn highlighted and the view direction."""
    x0, y0, x1, y1 = box
    L = "legend"
    page.add(text_mid((x0, y0 + 2.5), tr("key_plan", lang), 3.0, anchor="start", layer=L))
    y0 += 6.5
    outline = plan.spec.outline
    walls = plan.spec.walls()
    xs = [p[0] for p in outline]
    ys = [p[1] for p in outline]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    k = min((x1 - x0 - 16) / w, (y1 - y0 - 10) / h)
    ox = x0 + (x1 - x0 - w * k) / 2
    oy = y0 + (y1 - y0 - h * k) / 2
    tp = lambda p: (ox + (p[0] - min(xs)) * k, oy + (max(ys) - p[1]) * k)
    pts = tuple(tp(p) for p in outline)
    page.add(Polygon(pts, S(INK, W_BOLD, "#F4F4F4"), L, "keyplan"))
    wl = walls[wall_index]
    a, b = tp(wl.start), tp(wl.end)
    page.add(Line(a, b, S(RED, 1.2, cap="round"), L, f"keyplan:wall:{wall_index}"))
    for i, ww in enumerate(walls):
        m = tp(ww.midpoint)
        nx, ny = -ww.inward_normal[0], ww.inward_normal[1]   # outward, on paper
        page.add(text_mid((m[0] + nx * 3.2, m[1] + ny * 3.2), str(i), 2.0,
                          color=RED if i == wall_index else GREY, layer=L))
    m = tp(wl.midpoint)
    nin = (wl.inward_normal[0], -wl.inward_normal[1])
    sgn = 1.0 if face == "inside" else -1.0
    tail = (m[0] + sgn * nin[0] * 9, m[1] + sgn * nin[1] * 9)
    tip = (m[0] + sgn * nin[0] * 2.0, m[1] + sgn * nin[1] * 2.0)
    page.add(Line(tail, tip, S(RED, W_BOLD), L, "keyplan:arrow"))
    ux, uy = tip[0] - tail[0], tip[1] - tail[1]
    ln = math.hypot(ux, uy)
    ux, uy = ux / ln, uy / ln
    head = ((tip[0], tip[1]), (tip[0] - ux * 2.2 - uy * 1.1, tip[1] - uy * 2.2 + ux * 1.1),
            (tip[0] - ux * 2.2 + uy * 1.1, tip[1] - uy * 2.2 - ux * 1.1))
    page.add(Polygon(head, S(None, 0, RED), L, "keyplan:arrow"))
    return y1


# ====================================================================== schedule pages

def schedule_pages(plan: Plan, sheet: Sheet, lang: str, date: str, first_number: int, total: int) -> list[Page]:
    """The installation schedule (安装尺寸表) as table pages on ``sheet``'s paper."""
    from .installation import installation_rows
    rows = installation_rows(plan)
    ax0, ay0, ax1, ay1 = sheet.drawing_area
    width = ax1 - ax0
    cols = [("col_id", 0.15, "start"), ("col_title", 0.0, "start"), ("col_wall", 0.045, "middle"),
            ("col_face", 0.06, "middle"), ("col_left", 0.07, "end"), ("col_bottom", 0.07, "end"),
            ("col_top", 0.07, "end"), ("col_width", 0.065, "end"), ("col_height", 0.065, "end")]
    fixed = sum(c[1] for c in cols)
    widths = [c[1] * width if c[1] else (1 - fixed) * width for c in cols]
    rh, head_h = TABLE_ROW, TABLE_HEAD
    per_page = max(1, int((ay1 - ay0 - head_h - 16) // rh))
    chunks = [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    pages = []
    for ci, chunk in enumerate(chunks):
        page = Page(sheet.paper.width, sheet.paper.height, name=f"schedule-{ci + 1}",
                    meta={"sheet": sheet, "kind": "schedule"})
        T = "table"
        page.add(Text((ax0, ay0 + 6), tr("schedule", lang), 4.2, "start", 0, "sans", RED, T, "heading"))
        y = ay0 + head_h
        # header
        page.add(Polygon(((ax0, y), (ax1, y), (ax1, y + rh), (ax0, y + rh)), S(INK, W_MED, "#F1E4E4"), T))
        x = ax0
        for (key, _, anchor), cw in zip(cols, widths):
            tx = x + 1.5 if anchor == "start" else (x + cw / 2 if anchor == "middle" else x + cw - 1.5)
            page.add(text_mid((tx, y + rh / 2), tr(key, lang), 2.8, anchor=anchor, layer=T))
            x += cw
        y += rh
        for r in chunk:
            vals = [r.id, r.title, str(r.wall), tr("face_" + r.face, lang), str(r.left), str(r.bottom),
                    str(r.top), str(r.width), str(r.height)]
            page.add(Line((ax0, y + rh), (ax1, y + rh), S(LIGHT, W_THIN), T))
            x = ax0
            for (key, _, anchor), cw, v in zip(cols, widths, vals):
                txt, sz = fit_line(v, cw - 3, 2.8, 1.6)
                tx = x + 1.5 if anchor == "start" else (x + cw / 2 if anchor == "middle" else x + cw - 1.5)
                page.add(text_mid((tx, y + rh / 2), txt, sz, anchor=anchor, layer=T, ref=r.id))
                x += cw
            y += rh
        # column rules
        x = ax0
        top = ay0 + head_h
        for cw in widths[:-1]:
            x += cw
            page.add(Line((x, top), (x, y), S(LIGHT, W_THIN), T))
        page.add(Polygon(((ax0, top), (ax1, top), (ax1, y), (ax0, y)), S(INK, W_MED), T))
        lines, sz, pitch = wrap_fit(tr("schedule_note", lang), width, 14, (2.2, 2.0))
        for k, ln in enumerate(lines):
            page.add(text_mid((ax0, y + 4 + k * pitch), ln, sz, anchor="start", layer=T))
        draw_frame(page, sheet)
        cx0, cy0, cx1, cy1 = sheet.column
        info = sheet_info(plan, lang, date, tr("schedule", lang), f"E-{first_number + ci:02d}/{total:02d}")
        info.scale = "—"
        draw_title_block(page, sheet, info, lang)
        pages.append(page)
    return pages


def schedule_page_count(plan: Plan, sheet: Sheet) -> int:
    ax0, ay0, ax1, ay1 = sheet.drawing_area
    per_page = max(1, int((ay1 - ay0 - TABLE_HEAD - 16) // TABLE_ROW))
    n = len(plan.wall_items)
    return max(1, -(-n // per_page))


# ====================================================================== public entry

@dataclass
class DrawingSet:
    floorplan: Page
    elevations: list[Page]      # one per (wall, face), then the schedule pages
    walls: list[tuple[int, str]]


def drawing_set(plan: Plan, lang: str = "zh", date: Optional[str] = None) -> DrawingSet:
    """Every page of the drawings as primitives (nothing written)."""
    if lang not in ("zh", "en"):
        raise RenderError(f"lang must be 'zh' or 'en', got {lang!r}")
    d = resolve_date(plan, date)
    fp = floor_plan_page(plan, lang, d)
    views = elevation_views(plan)
    sheet = elevation_sheet(plan)
    n_sched = schedule_page_count(plan, sheet)
    total = len(views) + n_sched
    el = [_elevation_page(plan, i, face, sheet, lang, d, k + 1, total) for k, (i, face) in enumerate(views)]
    el += schedule_pages(plan, sheet, lang, d, len(views) + 1, total)
    return DrawingSet(fp, el, views)


def resolve_date(plan: Plan, date: Optional[str]) -> str:
    """The date written on the sheets: the argument, else the spec's ``date``, else today."""
    if date:
        return str(date)
    if plan.spec.date:
        return plan.spec.date
    return _dt.date.today().isoformat()


def drawing_files(plan: Plan, lang: str = "zh", outline_text: bool = False,
                  date: Optional[str] = None) -> dict[str, bytes]:
    """The drawings of ``plan`` in memory, by relative path: ``floorplan.svg``,
    ``floorplan.pdf``, ``elevations.pdf`` (one page per elevation, then the installation
    schedule), ``elevations/wall-<i>.svg`` (``wall-<i>-outside.svg`` for an outside view) and
    ``installation.csv`` (UTF-8 with BOM, for spreadsheet programs).

    ``outline_text`` draws every glyph as a path (转曲): the SVGs then contain no ``<text>``
    element and the PDFs embed no font. Deterministic: the same plan, language and date give
    the same bytes."""
    from .installation import installation_csv
    from .pdf import pdf_bytes
    from .svg import svg_string

    ds = drawing_set(plan, lang, date)
    d = resolve_date(plan, date)
    name = plan.spec.branch.name
    title = f"{name} · {tr('floor_plan', lang)}"
    files = {
        "floorplan.svg": svg_string(ds.floorplan, outline_text, title).encode("utf-8"),
        "floorplan.pdf": pdf_bytes([ds.floorplan], outline_text, title, d),
        "elevations.pdf": pdf_bytes(ds.elevations, outline_text, f"{name} · {tr('elevation', lang)}", d),
    }
    for pg in ds.elevations:
        if pg.meta.get("kind") == "elevation":
            files[f"elevations/{pg.name}.svg"] = svg_string(pg, outline_text, f"{name} · {pg.name}").encode("utf-8")
    files["installation.csv"] = b"\xef\xbb\xbf" + installation_csv(plan).encode("utf-8")
    return files


def render_drawings(plan: Plan, out_dir: Path, lang: str = "zh", outline_text: bool = False,
                    date: Optional[str] = None) -> list[Path]:
    """Write the drawings of ``plan`` (:func:`drawing_files`) into ``out_dir`` and return the
    paths written. Stale ``elevations/wall-*.svg`` from an earlier run are removed."""
    out_dir = Path(out_dir)
    files = drawing_files(plan, lang, outline_text, date)
    written: list[Path] = []
    (out_dir / "elevations").mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        target = out_dir / rel
        target.write_bytes(data)
        written.append(target)
    for old in sorted((out_dir / "elevations").glob("wall-*.svg")):
        if f"elevations/{old.name}" not in files:
            old.unlink()
    return written
