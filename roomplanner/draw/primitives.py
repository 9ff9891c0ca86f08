"""Drawing primitives (图元): what the drawing frontend produces and the backends write.

Every coordinate is in **millimetres on paper**, origin at the top-left corner of the
sheet, x to the right, y *down* (the SVG convention). Angles are in degrees, counter-clockwise
*as seen on the sheet*. A backend only has to know how to put a line, a polyline, a polygon
(optionally with holes, filled even-odd), an arc and a line of text on a page; a
:class:`Dimension` is a semantic primitive that :func:`explode` turns into lines and text, so
that tests can assert on "a dimension of 6000 mm from here to there" while backends stay small.

Primitives carry a ``layer`` (one SVG group per layer, painted in :data:`LAYER_ORDER`) and an
optional ``ref``: the id of the plan object they show (``wall:2``, ``door:0``, an item id),
so that tests and later tools can find them.

:class:`RecordingBackend` stores plain tuples; the frontend's tests use it instead of pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Optional, Protocol, Sequence, Union

P = tuple[float, float]

# Paint order of layers, bottom first. A primitive on an unknown layer raises (typos).
LAYER_ORDER = (
    "background", "grid", "floor", "furniture-below", "furniture", "furniture-above",
    "wall", "opening", "obstacle", "wallitem", "flag", "emblem", "marker",
    "dimension", "leader", "label", "frame", "legend", "scalebar", "titleblock", "table",
)


@dataclass(frozen=True)
class Style:
    """Stroke and fill. ``width`` is the stroke width in mm on paper; colours are
    ``#rrggbb`` strings or None; ``dash`` is an on/off pattern in mm."""
    stroke: Optional[str] = "#000000"
    width: float = 0.25
    fill: Optional[str] = None
    dash: Optional[tuple[float, ...]] = None
    cap: str = "butt"        # butt | round | square
    join: str = "miter"      # miter | round | bevel


@dataclass(frozen=True)
class Line:
    a: P
    b: P
    style: Style = Style()
    layer: str = "annotation"
    ref: str = ""


@dataclass(frozen=True)
class Polyline:
    points: tuple[P, ...]
    style: Style = Style()
    layer: str = "annotation"
    ref: str = ""


@dataclass(frozen=True)
class Polygon:
    points: tuple[P, ...]
    style: Style = Style()
    layer: str = "annotation"
    ref: str = ""
    holes: tuple[tuple[P, ...], ...] = ()


@dataclass(frozen=True)
class Arc:
    """An arc of a circle from ``start`` to ``end`` degrees (counter-clockwise on the
    sheet); ``end - start`` ≥ 360 draws the full circle."""
    center: P
    radius: float
    start: float
    end: float
    style: Style = Style()
    layer: str = "annotation"
    ref: str = ""

    def point(self, angle: float) -> P:
        t = math.radians(angle)
        return (self.center[0] + self.radius * math.cos(t), self.center[1] - self.radius * math.sin(t))

    @property
    def full(self) -> bool:
        return self.end - self.start >= 360.0 - 1e-9


@dataclass(frozen=True)
class Text:
    """One line of text. ``pos`` is the anchor point on the *baseline*; ``anchor`` is
    start | middle | end along the text direction; ``size`` is the font size (em) in mm;
    ``font`` is ``sans`` or ``serif`` (the bundled fonts, see :mod:`roomplanner.typeset.fonts`)."""
    pos: P
    text: str
    size: float
    anchor: str = "start"
    angle: float = 0.0
    font: str = "sans"
    color: str = "#000000"
    layer: str = "label"
    ref: str = ""


@dataclass(frozen=True)
class Dimension:
    """A linear dimension between ``a`` and ``b`` (the measured points), drawn on a line
    parallel to ``a→b`` at ``offset`` mm on the sheet (positive: to the left of ``a→b`` as
    seen on the sheet, i.e. the side you turn to counter-clockwise). ``text`` is the value
    written (millimetres of the real room, not of the sheet)."""
    a: P
    b: P
    offset: float
    text: str
    size: float = 2.5
    style: Style = Style(width=0.18)
    layer: str = "dimension"
    ref: str = ""
    text_shift: float = 0.0   # move the text along the line (mm) when it does not fit
    extension: bool = True    # draw extension lines from a and b to the dimension line
    ext_a: Optional[P] = None  # where the extension line at ``a`` starts (default: ``a``)
    ext_b: Optional[P] = None  # likewise at ``b`` (a chain along a stepped outline)

    def line(self) -> tuple[P, P]:
        ux, uy = _unit(self.a, self.b)
        nx, ny = uy, -ux          # left of a→b on a y-down sheet
        return ((self.a[0] + nx * self.offset, self.a[1] + ny * self.offset),
                (self.b[0] + nx * self.offset, self.b[1] + ny * self.offset))

    @property
    def length(self) -> float:
        return math.dist(self.a, self.b)


Primitive = Union[Line, Polyline, Polygon, Arc, Text, Dimension]


@dataclass
class Page:
    """One sheet: its size in mm, a name (for the PDF outline and the SVG title) and the
    primitives in drawing order."""
    width: float
    height: float
    name: str = ""
    primitives: list[Primitive] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def add(self, *prims: Primitive) -> None:
        for p in prims:
            if p.layer not in LAYER_ORDER:
                raise ValueError(f"unknown layer {p.layer!r}")
            self.primitives.append(p)

    def extend(self, prims: Iterable[Primitive]) -> None:
        self.add(*prims)

    def by_layer(self) -> list[tuple[str, list[Primitive]]]:
        """Primitives grouped by layer, in paint order (stable within a layer)."""
        groups: dict[str, list[Primitive]] = {}
        for p in self.primitives:
            groups.setdefault(p.layer, []).append(p)
        return [(name, groups[name]) for name in LAYER_ORDER if name in groups]

    def find(self, kind: type | None = None, layer: str | None = None, ref: str | None = None) -> list[Primitive]:
        return [p for p in self.primitives
                if (kind is None or isinstance(p, kind)) and (layer is None or p.layer == layer)
                and (ref is None or p.ref == ref)]


# ---------------------------------------------------------------- dimensions

TICK = 1.2            # half-length of the 45° tick at each end of a dimension line (mm)
EXT_GAP = 1.0         # gap between the measured point and the extension line (mm)
EXT_OVERSHOOT = 1.5   # extension line runs past the dimension line (mm)
TEXT_LIFT = 0.8       # text baseline above the dimension line (mm)


def _unit(a: P, b: P) -> P:
    L = math.dist(a, b)
    if L == 0:
        return (1.0, 0.0)
    return ((b[0] - a[0]) / L, (b[1] - a[1]) / L)


def readable_angle(a: P, b: P) -> float:
    """Angle (deg, counter-clockwise on the sheet) of text written along a→b so that it
    reads from left to right or from bottom to top."""
    ang = math.degrees(math.atan2(-(b[1] - a[1]), b[0] - a[0]))
    while ang <= -90 + 1e-6:
        ang += 180
    while ang > 90 + 1e-6:
        ang -= 180
    return ang


def explode(d: Dimension) -> list[Primitive]:
    """Lines and text that draw a dimension (architectural style: 45° ticks)."""
    out: list[Primitive] = []
    (p, q) = d.line()
    ux, uy = _unit(d.a, d.b)
    nx, ny = uy, -ux
    sgn = 1.0 if d.offset >= 0 else -1.0
    if d.extension and abs(d.offset) > EXT_GAP:
        for m, s in ((d.ext_a or d.a, p), (d.ext_b or d.b, q)):
            g0 = (m[0] + nx * sgn * EXT_GAP, m[1] + ny * sgn * EXT_GAP)
            g1 = (s[0] + nx * sgn * EXT_OVERSHOOT, s[1] + ny * sgn * EXT_OVERSHOOT)
            out.append(Line(g0, g1, d.style, d.layer, d.ref))
    # the dimension line runs a little past the ticks
    ext = TICK * 0.9
    out.append(Line((p[0] - ux * ext, p[1] - uy * ext), (q[0] + ux * ext, q[1] + uy * ext), d.style, d.layer, d.ref))
    tick = Style(stroke=d.style.stroke, width=d.style.width * 2.2, cap="butt")
    # 45° tick: along (u + n)/√2
    tx, ty = (ux + nx) / math.sqrt(2), (uy + ny) / math.sqrt(2)
    for s in (p, q):
        out.append(Line((s[0] - tx * TICK, s[1] - ty * TICK), (s[0] + tx * TICK, s[1] + ty * TICK), tick, d.layer, d.ref))
    # text: centred on the line, on the side away from the measured object, upright
    ang = readable_angle(p, q)
    t = math.radians(ang)
    # "up" of the text on the sheet: perpendicular to the baseline, rotated CCW
    upx, upy = -math.sin(t), -math.cos(t)
    mx, my = (p[0] + q[0]) / 2 + ux * d.text_shift, (p[1] + q[1]) / 2 + uy * d.text_shift
    # the text sits on the side of the line that points away from the object (sign of offset)
    away = (nx * sgn, ny * sgn)
    if away[0] * upx + away[1] * upy >= -1e-9:
        base = (mx + upx * TEXT_LIFT, my + upy * TEXT_LIFT)
    else:
        # baseline below the line: drop by lift + cap height
        drop = TEXT_LIFT + d.size * 0.78
        base = (mx - upx * drop, my - upy * drop)
    out.append(Text(base, d.text, d.size, "middle", ang, "sans", d.style.stroke or "#000000", d.layer, d.ref))
    return out


# ---------------------------------------------------------------- backends

class Backend(Protocol):
    def begin_page(self, page: Page) -> None: ...
    def begin_layer(self, name: str) -> None: ...
    def line(self, p: Line) -> None: ...
    def polyline(self, p: Polyline) -> None: ...
    def polygon(self, p: Polygon) -> None: ...
    def arc(self, p: Arc) -> None: ...
    def text(self, p: Text) -> None: ...
    def end_layer(self, name: str) -> None: ...
    def end_page(self, page: Page) -> None: ...


def draw_page(page: Page, backend: Backend) -> None:
    """Send one page's primitives to a backend, layer by layer, dimensions exploded."""
    backend.begin_page(page)
    for name, prims in page.by_layer():
        backend.begin_layer(name)
        for p in prims:
            for q in (explode(p) if isinstance(p, Dimension) else (p,)):
                if isinstance(q, Line):
                    backend.line(q)
                elif isinstance(q, Polyline):
                    backend.polyline(q)
                elif isinstance(q, Polygon):
                    backend.polygon(q)
                elif isinstance(q, Arc):
                    backend.arc(q)
                elif isinstance(q, Text):
                    backend.text(q)
                else:  # pragma: no cover
                    raise TypeError(type(q))
        backend.end_layer(name)
    backend.end_page(page)


class RecordingBackend:
    """Stores what it is asked to draw as tuples (for tests):
    ``("line", layer, ref, x1, y1, x2, y2)``, ``("polyline", layer, ref, points)``,
    ``("polygon", layer, ref, points, holes, fill)``, ``("arc", layer, ref, cx, cy, r, start, end)``,
    ``("text", layer, ref, x, y, text, size, anchor, angle)``, plus page markers."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def begin_page(self, page: Page) -> None:
        self.calls.append(("page", page.name, page.width, page.height))

    def begin_layer(self, name: str) -> None:
        self.calls.append(("layer", name))

    def end_layer(self, name: str) -> None:
        pass

    def end_page(self, page: Page) -> None:
        self.calls.append(("endpage", page.name))

    def line(self, p: Line) -> None:
        self.calls.append(("line", p.layer, p.ref, *p.a, *p.b))

    def polyline(self, p: Polyline) -> None:
        self.calls.append(("polyline", p.layer, p.ref, p.points))

    def polygon(self, p: Polygon) -> None:
        self.calls.append(("polygon", p.layer, p.ref, p.points, p.holes, p.style.fill))

    def arc(self, p: Arc) -> None:
        self.calls.append(("arc", p.layer, p.ref, *p.center, p.radius, p.start, p.end))

    def text(self, p: Text) -> None:
        self.calls.append(("text", p.layer, p.ref, *p.pos, p.text, p.size, p.anchor, p.angle))

    def of(self, kind: str, layer: str | None = None, ref: str | None = None) -> list[tuple]:
        return [c for c in self.calls if c[0] == kind and (layer is None or c[1] == layer)
                and (ref is None or c[2] == ref)]


def record(pages: Sequence[Page]) -> RecordingBackend:
    rec = RecordingBackend()
    for pg in pages:
        draw_page(pg, rec)
    return rec
