"""The drawing model (图元): one page of primitives for every drawing and every board.

Every coordinate is in **millimetres on paper**, x to the right, y *down* (the SVG convention):
a drawing's origin is the sheet's top-left corner, a board's the top-left corner of its trim
(backgrounds run into the bleed at negative coordinates). Angles are in degrees,
counter-clockwise *as seen on the sheet*. Colours are ``#rrggbb`` strings (drawings, for office
printers) or :class:`CMYK` process colours (boards, for the press).

Primitives: :class:`Line`, :class:`Polyline`, :class:`Polygon` (optionally with holes, filled
even-odd), :class:`Rect` (optionally with rounded corners), :class:`Arc` (a full one is a circle,
:func:`circle`), :class:`Text` (one line: live text or outlines, with tracking), :class:`Image`
(a JPEG), :class:`Emblem` (the user's official emblem artwork in its box) and the semantic
:class:`Dimension`, which :func:`explode` turns into lines and text, so that tests can assert on
"a dimension of 6000 mm from here to there" while backends stay small.

Primitives carry a ``layer`` (one SVG group per layer, painted in :data:`LAYER_ORDER`; a board
paints everything on the one layer ``art`` in the order it was composed) and an optional
``ref``: the id of the plan object they show (``wall:2``, ``door:0``, an item id), so that tests
and later tools can find them. A press page (a board) ignores layers and paints in the order
its primitives were composed. A :class:`Page` whose ``press`` is a :class:`PressSheet` is a
press page: trim and bleed boxes, optional crop marks and a caption in the slug.

Backends: :mod:`.svg` and :mod:`.pdf` write pages; :class:`RecordingBackend` stores plain
tuples — tests use it instead of pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Optional, Protocol, Sequence, Union

P = tuple[float, float]

# Paint order of layers, bottom first. A primitive on an unknown layer raises (typos).
LAYER_ORDER = (
    "background", "grid", "floor", "furniture-below", "furniture", "furniture-above",
    "wall", "opening", "obstacle", "wallitem", "flag", "emblem", "marker",
    "dimension", "leader", "label", "frame", "legend", "scalebar", "titleblock", "table", "art",
)
_LAYERS = frozenset(LAYER_ORDER)
#: The layer of a primitive that names none: a board's one layer (painted in composition order).
ART = "art"


@dataclass(frozen=True)
class CMYK:
    """A process colour, each channel in percent (0–100)."""

    c: float
    m: float
    y: float
    k: float

    def fractions(self) -> tuple[float, float, float, float]:
        """The channels as 0–1 fractions (reportlab's ``CMYKColor``)."""
        return (self.c / 100.0, self.m / 100.0, self.y / 100.0, self.k / 100.0)

    def rgb_hex(self) -> str:
        """An sRGB approximation for screen formats (SVG): the naive ``(1−c)(1−k)`` formula.

        The PDFs stay in DeviceCMYK; the SVG is for viewing and editing, not for press."""
        c, m, y, k = self.fractions()
        r, g, b = (round(255 * (1 - v) * (1 - k)) for v in (c, m, y))
        return f"#{r:02x}{g:02x}{b:02x}"

    def __str__(self) -> str:
        return "C{:g} M{:g} Y{:g} K{:g}".format(self.c, self.m, self.y, self.k)

    @classmethod
    def from_rgb_hex(cls, hexstr: str) -> "CMYK":
        """The naive process colour of ``#rrggbb`` (the inverse of :meth:`rgb_hex`): what a
        press page does with a screen colour."""
        r, g, b = (int(hexstr[i:i + 2], 16) / 255.0 for i in (1, 3, 5))
        k = 1.0 - max(r, g, b)
        if k >= 1.0:
            return cls(0.0, 0.0, 0.0, 100.0)
        c, m, y = ((1.0 - v - k) / (1.0 - k) for v in (r, g, b))
        return cls(*(round(100.0 * v, 3) for v in (c, m, y, k)))


#: A colour: ``#rrggbb`` (screen, office printers) or a :class:`CMYK` process colour (press).
Colour = Union[str, CMYK]


def screen_colour(c: Colour) -> str:
    """``#rrggbb`` of a colour (CMYK: its sRGB approximation)."""
    return _rgb_hex(c) if isinstance(c, CMYK) else c


@lru_cache(maxsize=256)
def _rgb_hex(c: CMYK) -> str:
    return c.rgb_hex()


@dataclass(frozen=True)
class Style:
    """Stroke and fill. ``width`` is the stroke width in mm on paper; colours are
    :data:`Colour` s or None; ``dash`` is an on/off pattern in mm."""
    stroke: Optional[Colour] = "#000000"
    width: float = 0.25
    fill: Optional[Colour] = None
    dash: Optional[tuple[float, ...]] = None
    cap: str = "butt"        # butt | round | square
    join: str = "miter"      # miter | round | bevel

    @property
    def stroked(self) -> bool:
        return bool(self.stroke) and self.width > 0


def paint(fill: Optional[Colour] = None, stroke: Optional[Colour] = None, width: float = 0.0,
          dash: Optional[tuple[float, ...]] = None, cap: str = "butt") -> Style:
    """A style that paints only what it names (no stroke unless ``stroke`` is given)."""
    return Style(stroke=stroke, width=width, fill=fill, dash=dash, cap=cap)


def _box(points: Iterable[P]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points)
    return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class Line:
    """A straight line from ``a`` to ``b``."""
    a: P
    b: P
    style: Style = Style()
    layer: str = ART
    ref: str = ""
    kind = "line"

    def bbox(self) -> tuple[float, float, float, float]:
        return _box((self.a, self.b))


@dataclass(frozen=True)
class Polyline:
    """An open path through ``points``."""
    points: tuple[P, ...]
    style: Style = Style()
    layer: str = ART
    ref: str = ""
    kind = "polyline"

    def bbox(self) -> tuple[float, float, float, float]:
        return _box(self.points)


@dataclass(frozen=True)
class Polygon:
    """A closed polygon; ``holes`` are cut out (filled even-odd)."""
    points: tuple[P, ...]
    style: Style = Style()
    layer: str = ART
    ref: str = ""
    holes: tuple[tuple[P, ...], ...] = ()
    kind = "polygon"

    def bbox(self) -> tuple[float, float, float, float]:
        return _box(self.points)


@dataclass(frozen=True)
class Rect:
    """An axis-parallel rectangle, top-left corner (x, y), corners rounded by ``radius``."""
    x: float
    y: float
    w: float
    h: float
    style: Style = Style()
    radius: float = 0.0
    layer: str = ART
    ref: str = ""
    kind = "rect"

    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.w, self.y + self.h)


@dataclass(frozen=True)
class Arc:
    """An arc of a circle from ``start`` to ``end`` degrees (counter-clockwise on the
    sheet); ``end - start`` ≥ 360 draws the full circle (filled if the style fills)."""
    center: P
    radius: float
    start: float
    end: float
    style: Style = Style()
    layer: str = ART
    ref: str = ""
    kind = "arc"

    def point(self, angle: float) -> P:
        t = math.radians(angle)
        return (self.center[0] + self.radius * math.cos(t), self.center[1] - self.radius * math.sin(t))

    @property
    def full(self) -> bool:
        return self.end - self.start >= 360.0 - 1e-9

    def bbox(self) -> tuple[float, float, float, float]:
        (cx, cy), r = self.center, self.radius
        return (cx - r, cy - r, cx + r, cy + r)


def circle(center: P, radius: float, style: Style = Style(), layer: str = ART, ref: str = "") -> Arc:
    """A full circle (an :class:`Arc` of 360°)."""
    return Arc(center, radius, 0.0, 360.0, style, layer, ref)


@dataclass(frozen=True)
class Text:
    """One line of text. ``pos`` is the anchor point on the *baseline*; ``anchor`` is
    start | middle | end along the text direction; ``size`` is the font size (em) in mm;
    ``font`` is a bundled family (``sans``, ``serif`` or a face name, see
    :mod:`roomplanner.typeset.fonts`); ``tracking`` is extra space after every character but
    the last (mm); ``where`` names the text in errors (a character the fonts lack)."""
    pos: P
    text: str
    size: float
    anchor: str = "start"
    angle: float = 0.0
    font: str = "sans"
    color: Colour = "#000000"
    layer: str = "label"
    ref: str = ""
    tracking: float = 0.0
    where: str = ""
    kind = "text"

    @property
    def x(self) -> float:
        return self.pos[0]

    @property
    def y(self) -> float:
        return self.pos[1]

    @property
    def width(self) -> float:
        from ..typeset import fonts
        return (fonts.text_width(self.text, self.font, self.size, self.where or "text")
                + self.tracking * max(0, len(self.text) - 1))

    def bbox(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the line's em boxes (on the sheet, rotation included)."""
        from ..typeset import fonts
        w = self.width
        x0 = {"middle": -w / 2, "end": -w}.get(self.anchor, 0.0)
        top = -fonts.metrics(self.font).em_top * self.size
        t = math.radians(self.angle)
        ca, sa = math.cos(t), math.sin(t)
        corners = [(self.pos[0] + u * ca + v * sa, self.pos[1] - u * sa + v * ca)
                   for u in (x0, x0 + w) for v in (top, top + self.size)]
        return _box(corners)


@dataclass(frozen=True)
class Image:
    """A JPEG placed in the box (x, y, w, h), stretched to it: ``jpeg`` is what a PDF embeds
    untouched (CMYK for the press), ``screen_jpeg`` what a screen format embeds (RGB; default
    ``jpeg``); ``pixels`` its size in pixels."""
    x: float
    y: float
    w: float
    h: float
    jpeg: bytes = field(repr=False)
    screen_jpeg: bytes = field(default=b"", repr=False)
    pixels: tuple[int, int] = (0, 0)
    layer: str = ART
    ref: str = ""
    kind = "image"

    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.w, self.y + self.h)


class Artwork(Protocol):
    """Official artwork a backend places unchanged (the party emblem from the user's file)."""

    def draw_pdf(self, canvas: Any, x: float, y: float, w: float, h: float) -> None:
        """Draw into the box (points, y up) of a reportlab-compatible canvas."""

    def svg_image(self) -> tuple[str, str]:
        """(MIME type, base64 data) of an image to embed in an SVG."""


@dataclass(frozen=True)
class Emblem:
    """The official emblem artwork in the box (x, y, w, h); the box has the artwork's aspect
    ratio (uniform scaling) and nothing is drawn over it. Never drawn by us: the backends
    place the user's artwork (:class:`Artwork`)."""
    x: float
    y: float
    w: float
    h: float
    artwork: Any
    layer: str = ART
    ref: str = ""
    kind = "emblem"

    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.w, self.y + self.h)


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
    kind = "dimension"

    def line(self) -> tuple[P, P]:
        ux, uy = _unit(self.a, self.b)
        nx, ny = uy, -ux          # left of a→b on a y-down sheet
        return ((self.a[0] + nx * self.offset, self.a[1] + ny * self.offset),
                (self.b[0] + nx * self.offset, self.b[1] + ny * self.offset))

    @property
    def length(self) -> float:
        return math.dist(self.a, self.b)

    def bbox(self) -> tuple[float, float, float, float]:
        return _box([q for prim in explode(self) for q in _corners(prim.bbox())])


def _corners(b: tuple[float, float, float, float]) -> list[P]:
    return [(b[0], b[1]), (b[2], b[3])]


Primitive = Union[Line, Polyline, Polygon, Rect, Arc, Text, Image, Emblem, Dimension]
#: Every kind of primitive; backends have one method per kind but ``dimension`` (exploded).
PRIMITIVES = (Line, Polyline, Polygon, Rect, Arc, Text, Image, Emblem, Dimension)
DRAWN_KINDS = tuple(k.kind for k in PRIMITIVES if k is not Dimension)


@dataclass(frozen=True)
class CropMarks:
    """Crop marks at the four trim corners, in the slug beyond the bleed, in registration
    colour: ``length`` and ``offset`` (from the bleed) in mm, the stroke in points."""
    length: float
    offset: float
    width_pt: float = 0.25


@dataclass(frozen=True)
class PressSheet:
    """What makes a page a press page (a board): the page is the trim plus ``bleed`` plus
    ``slug`` on every side; the primitives' origin is the trim's top-left corner. The PDF gets
    exact BleedBox and TrimBox; ``marks`` and ``caption`` (a :class:`Text` in page millimetres
    from the page's top-left) go into the slug. ``trim`` is the finished size (w, h) in mm."""
    trim: tuple[float, float]
    bleed: float
    slug: float = 0.0
    marks: Optional[CropMarks] = None
    caption: Optional[Text] = None
    title: str = ""       #: the SVG's <title>
    desc: str = ""        #: the SVG's <desc>

    @property
    def origin(self) -> P:
        return (self.slug + self.bleed, self.slug + self.bleed)


@dataclass
class Page:
    """One sheet: its size in mm, a name (for the PDF outline and the SVG title) and the
    primitives in drawing order; ``press`` for a board's page."""
    width: float
    height: float
    name: str = ""
    primitives: list[Primitive] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    press: Optional[PressSheet] = None

    def add(self, *prims: Primitive) -> None:
        for p in prims:
            if p.layer not in _LAYERS:
                raise ValueError(f"unknown layer {p.layer!r}")
            self.primitives.append(p)

    def extend(self, prims: Iterable[Primitive]) -> None:
        self.add(*prims)

    def by_layer(self) -> list[tuple[str, list[Primitive]]]:
        """Primitives grouped by layer, in paint order (stable within a layer); a press page
        paints everything in composition order, as the one layer ``art``."""
        if self.press is not None:
            return [(ART, list(self.primitives))] if self.primitives else []
        groups: dict[str, list[Primitive]] = {}
        for p in self.primitives:
            groups.setdefault(p.layer, []).append(p)
        return [(name, groups[name]) for name in LAYER_ORDER if name in groups]

    @classmethod
    def press_page(cls, sheet: PressSheet, primitives: Iterable[Primitive] = (), name: str = "") -> "Page":
        """A press page: trim + 2·(bleed + slug) on each axis, the primitives in trim coordinates."""
        (w, h), b, slug = sheet.trim, sheet.bleed, sheet.slug
        page = cls(w + 2 * (b + slug), h + 2 * (b + slug), name, press=sheet)
        page.extend(primitives)
        return page

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
    """What a backend implements: page and layer brackets and one method per drawn kind
    (:data:`DRAWN_KINDS`: ``line``, ``polyline``, ``polygon``, ``rect``, ``arc``, ``text``,
    ``image``, ``emblem``)."""
    def begin_page(self, page: Page) -> None: ...
    def begin_layer(self, name: str) -> None: ...
    def line(self, p: Line) -> None: ...
    def polyline(self, p: Polyline) -> None: ...
    def polygon(self, p: Polygon) -> None: ...
    def rect(self, p: Rect) -> None: ...
    def arc(self, p: Arc) -> None: ...
    def text(self, p: Text) -> None: ...
    def image(self, p: Image) -> None: ...
    def emblem(self, p: Emblem) -> None: ...
    def end_layer(self, name: str) -> None: ...
    def end_page(self, page: Page) -> None: ...


def draw(prims: Iterable[Primitive], backend: Backend) -> None:
    """Send primitives to a backend in order, dimensions exploded."""
    methods: dict[type, Any] = {}     # the backend's method for each kind of primitive
    for p in prims:
        for q in (explode(p) if isinstance(p, Dimension) else (p,)):
            method = methods.get(type(q))
            if method is None:
                kind = getattr(type(q), "kind", None)
                if kind not in DRAWN_KINDS:
                    raise TypeError(f"not a drawing primitive: {q!r}")
                method = methods[type(q)] = getattr(backend, kind)
            method(q)


def draw_page(page: Page, backend: Backend) -> None:
    """Send one page's primitives to a backend, layer by layer, dimensions exploded."""
    backend.begin_page(page)
    for name, prims in page.by_layer():
        backend.begin_layer(name)
        draw(prims, backend)
        backend.end_layer(name)
    backend.end_page(page)


class RecordingBackend:
    """Stores what it is asked to draw as tuples (for tests):
    ``("line", layer, ref, x1, y1, x2, y2)``, ``("polyline", layer, ref, points)``,
    ``("polygon", layer, ref, points, holes, fill)``, ``("rect", layer, ref, x, y, w, h, fill,
    stroke)``, ``("arc", layer, ref, cx, cy, r, start, end)``,
    ``("text", layer, ref, x, y, text, size, anchor, angle)``, ``("image", layer, ref, x, y, w, h)``,
    ``("emblem", layer, ref, x, y, w, h)``, plus page markers; ``prims`` holds the primitives
    themselves in the same order (colours, fonts, tracking)."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.prims: list[Primitive] = []

    def begin_page(self, page: Page) -> None:
        self.calls.append(("page", page.name, page.width, page.height))

    def begin_layer(self, name: str) -> None:
        self.calls.append(("layer", name))

    def end_layer(self, name: str) -> None:
        pass

    def end_page(self, page: Page) -> None:
        self.calls.append(("endpage", page.name))

    def _rec(self, p: Primitive, *fields) -> None:
        self.calls.append((p.kind, p.layer, p.ref, *fields))
        self.prims.append(p)

    def line(self, p: Line) -> None:
        self._rec(p, *p.a, *p.b)

    def polyline(self, p: Polyline) -> None:
        self._rec(p, p.points)

    def polygon(self, p: Polygon) -> None:
        self._rec(p, p.points, p.holes, p.style.fill)

    def rect(self, p: Rect) -> None:
        self._rec(p, p.x, p.y, p.w, p.h, p.style.fill, p.style.stroke if p.style.stroked else None)

    def arc(self, p: Arc) -> None:
        self._rec(p, *p.center, p.radius, p.start, p.end)

    def text(self, p: Text) -> None:
        self._rec(p, *p.pos, p.text, p.size, p.anchor, p.angle)

    def image(self, p: Image) -> None:
        self._rec(p, p.x, p.y, p.w, p.h)

    def emblem(self, p: Emblem) -> None:
        self._rec(p, p.x, p.y, p.w, p.h)

    def of(self, kind: str, layer: str | None = None, ref: str | None = None) -> list[tuple]:
        return [c for c in self.calls if c[0] == kind and (layer is None or c[1] == layer)
                and (ref is None or c[2] == ref)]

    def prims_of(self, kind: type) -> list:
        return [p for p in self.prims if isinstance(p, kind)]


def record(pages: Sequence[Page]) -> RecordingBackend:
    rec = RecordingBackend()
    for pg in pages:
        draw_page(pg, rec)
    return rec
