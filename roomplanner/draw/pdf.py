"""PDF backend: pages of primitives (drawings and boards) on the own PDF writer (``typeset.pdfcanvas``).

Drawing pages: the MediaBox is the paper size in points (A4 landscape 841.89 × 595.28 pt, A3
landscape 1190.55 × 841.89 pt), so printing at 100 % ("actual size") keeps the drawing's scale.
The page is drawn in millimetres with y pointing down (``translate`` + ``scale(mm, -mm)``), the
primitives' own coordinate system; text is flipped back locally. Colours are ``#rrggbb`` (RGB:
office printers); outlined text (转曲) draws each glyph's path in place.

Press pages (``page.press``, the boards): MediaBox = trim + 2·(bleed + slug), BleedBox and
TrimBox exact (to 1/1000 pt), coordinates written in points directly (origin at the trim's
top-left), colours :class:`~.primitives.CMYK` (the canvas is made with
``enforceColorSpace='cmyk'`` by the caller), photos passed through as CMYK JPEGs, the emblem
as the user's own artwork, outlined text as one Form XObject per glyph
(:class:`GlyphForms`); crop marks and the caption go into the slug.

The two conventions differ only in how state and coordinates reach the canvas; they are kept so
that every file stays byte for byte what it was. Only the writer's reportlab-compatible
``Canvas`` calls, path objects and colours are used (reportlab's own canvas draws the same
pages in the equivalence tests); :func:`draw_jpeg` passes a JPEG through without decoding it.
"""

from __future__ import annotations

import io
from typing import Callable, Optional, Sequence

from ..typeset import fonts
from ..typeset.outline import glyph_pdf_ops
from ..typeset.pdfcanvas import FILL_EVEN_ODD, FILL_NON_ZERO, Canvas, CMYKColor, HexColor
from .primitives import (CMYK, Arc, Colour, Emblem, Image, Line, Page, Polygon, Polyline, Rect, Style, Text,
                         draw, draw_page)

MM = 72.0 / 25.4   #: points per millimetre
#: Crop marks print on every separation (registration "colour").
REGISTRATION = CMYK(100, 100, 100, 100)
#: Captions in the proof's slug: black ink.
CAPTION_INK = CMYK(0, 0, 0, 100)

_CAPS = {"butt": 0, "round": 1, "square": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


def _c(color: Colour) -> CMYKColor:
    """A press colour: CMYK as ``CMYKColor``, ``#rrggbb`` converted naively (press pages are CMYK only)."""
    return CMYKColor(*(color if isinstance(color, CMYK) else CMYK.from_rgb_hex(color)).fractions())


def _set_dash(c: Canvas, dash: Optional[Sequence[float]]) -> None:
    if dash:
        c.setDash([d * MM for d in dash], 0)
    else:
        c.setDash([], 0)


class GlyphForms:
    """Outlined text (转曲) as one Form XObject per glyph, drawn once per file in font units
    and placed with a transformation; the forms set no colour, so each use takes the current
    colour. Much faster and smaller than re-tracing every glyph at every position."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.defined: dict[str, bool] = {}

    def form(self, family: str, glyph: int) -> str | None:
        name = f"G{family}_{glyph}"
        if name not in self.defined:
            path = glyph_pdf_ops(family, glyph)
            if path:
                x0, y0, x1, y1 = fonts.facts(family).scalars["head_bbox"]
                c = self.canvas
                c.beginForm(name, x0, y0, x1, y1)
                c.addLiteral(path)
                c.endForm()
            self.defined[name] = bool(path)
        return name if self.defined[name] else None


def _forms(c: Canvas) -> GlyphForms:
    forms = getattr(c, "_rp_glyph_forms", None)
    if forms is None:
        forms = GlyphForms(c)
        c._rp_glyph_forms = forms  # type: ignore[attr-defined]
    return forms


def draw_jpeg(c: Canvas, data: bytes, x: float, y: float, w: float, h: float) -> None:
    """Place a JPEG (here: CMYK) as an image XObject, passing its bytes through untouched
    (a photo used twice in one file is stored once)."""
    c.drawJpeg(data, x, y, w, h)


def crop_marks(c: Canvas, trim: tuple[float, float], bleed: float, slug: float, page_h: float, length: float,
               offset: float, width_pt: float = 0.25) -> None:
    """Crop marks at the four trim corners (trim w × h mm), in the slug outside the bleed
    (registration colour); ``page_h`` in mm."""
    b = bleed
    x0, x1 = slug + b, slug + b + trim[0]
    y0, y1 = slug + b, slug + b + trim[1]  # from the top
    start = b + offset  # marks start beyond the bleed
    c.setStrokeColor(_c(REGISTRATION))
    c.setLineWidth(width_pt)
    c.setDash([], 0)
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            # horizontal mark on the trim line y, vertical mark on the trim line x
            c.line((x + sx * start) * MM, (page_h - y) * MM, (x + sx * (start + length)) * MM, (page_h - y) * MM)
            c.line(x * MM, (page_h - y - sy * start) * MM, x * MM, (page_h - y - sy * (start + length)) * MM)


class PdfBackend:
    """Writes pages (:func:`~.primitives.draw_page`) or loose primitives placed on a press
    page (:meth:`place`) onto ``canvas``."""

    def __init__(self, canvas: Canvas, outline_text: bool = False):
        self.c = canvas
        self.outline_text = outline_text
        self._colors: dict[str, HexColor] = {}
        self.press = False
        self.X: Callable[[float], float] = float
        self.Y: Callable[[float], float] = float

    def place(self, origin: tuple[float, float], page_h: float) -> "PdfBackend":
        """Press convention with the primitives' origin at ``origin`` (mm from the top-left of a
        page ``page_h`` mm high): coordinates go to the canvas in points, y up."""
        ox, oy = origin
        self.press = True
        self.X = lambda x: (ox + x) * MM
        self.Y = lambda y: (page_h - oy - y) * MM
        return self

    def _col(self, color: Colour):
        if isinstance(color, CMYK) or self.press:
            return _c(color)
        c = self._colors.get(color)
        if c is None:
            c = self._colors[color] = HexColor(color)
        return c

    # -- page and layers
    def begin_page(self, page: Page) -> None:
        c = self.c
        if page.press is None:
            self.press = False
            self.X = self.Y = float
            c.setPageSize((page.width * MM, page.height * MM))
            c.saveState()
            c.translate(0, page.height * MM)
            c.scale(MM, -MM)
            return
        sh = page.press
        W, H, s, b = page.width, page.height, sh.slug, sh.bleed
        c.setPageSize((W * MM, H * MM))
        c.setBleedBox((s * MM, s * MM, (W - s) * MM, (H - s) * MM))
        c.setTrimBox(((s + b) * MM, (s + b) * MM, (W - s - b) * MM, (H - s - b) * MM))
        self.place(sh.origin, (H * MM) / MM)

    def begin_layer(self, name: str) -> None:
        pass

    def end_layer(self, name: str) -> None:
        pass

    def end_page(self, page: Page) -> None:
        sh = page.press
        if sh is None:
            self.c.restoreState()
        else:
            page_h = (page.height * MM) / MM
            if sh.marks is not None:
                crop_marks(self.c, sh.trim, sh.bleed, sh.slug, page_h, sh.marks.length, sh.marks.offset,
                           sh.marks.width_pt)
            if sh.caption is not None:
                press_text(self.c, sh.caption, lambda v: v * MM, lambda v: (page_h - v) * MM, self.outline_text)
        self.c.showPage()

    # -- drawing convention: state from the style, in the page's millimetre space
    def _apply(self, st: Style) -> tuple[int, int]:
        c = self.c
        stroke = 1 if st.stroked else 0
        fill = 1 if st.fill else 0
        if stroke:
            c.setStrokeColor(self._col(st.stroke))
            c.setLineWidth(st.width)
            c.setLineCap(_CAPS.get(st.cap, 0))
            c.setLineJoin(_JOINS.get(st.join, 0))
            c.setDash(list(st.dash) if st.dash else [])
        if fill:
            c.setFillColor(self._col(st.fill))
        return stroke, fill

    # -- press convention: the boards' state order, points on the page
    def _press_paint(self, st: Style) -> tuple[int, int]:
        c = self.c
        if st.fill is not None:
            c.setFillColor(self._col(st.fill))
        if st.stroke is not None:
            c.setStrokeColor(self._col(st.stroke))
            c.setLineWidth(st.width * MM)
        return int(st.stroke is not None and st.width > 0), int(st.fill is not None)

    def _press_stroke(self, st: Style) -> int:
        c = self.c
        c.setStrokeColor(self._col(st.stroke or "#000000"))
        c.setLineWidth(st.width * MM)
        c.setLineCap(_CAPS.get(st.cap, 0))
        _set_dash(c, st.dash)
        return 1

    # -- primitives
    def line(self, p: Line) -> None:
        X, Y = self.X, self.Y
        if self.press:
            self._press_stroke(p.style)
            self.c.line(X(p.a[0]), Y(p.a[1]), X(p.b[0]), Y(p.b[1]))
            if p.style.dash:
                _set_dash(self.c, None)
            return
        stroke, _ = self._apply(p.style)
        if stroke:
            self.c.line(p.a[0], p.a[1], p.b[0], p.b[1])

    def _path(self, rings, close: bool):
        path = self.c.beginPath()
        for ring in rings:
            if not ring:
                continue
            path.moveTo(self.X(ring[0][0]), self.Y(ring[0][1]))
            for q in ring[1:]:
                path.lineTo(self.X(q[0]), self.Y(q[1]))
            if close:
                path.close()
        return path

    def polyline(self, p: Polyline) -> None:
        stroke = self._press_stroke(p.style) if self.press else self._apply(p.style)[0]
        if not stroke or len(p.points) < 2:
            return
        self.c.drawPath(self._path([p.points], False), stroke=1, fill=0)

    def polygon(self, p: Polygon) -> None:
        if self.press:
            path = self._path([p.points, *p.holes], True)
            stroke, fill = self._press_paint(p.style)
            if p.holes:
                self.c.drawPath(path, stroke=stroke, fill=fill, fillMode=FILL_EVEN_ODD)
            else:
                self.c.drawPath(path, stroke=stroke, fill=fill)
            return
        stroke, fill = self._apply(p.style)
        if not (stroke or fill):
            return
        path = self._path([p.points, *p.holes], True)
        self.c.drawPath(path, stroke=stroke, fill=fill, fillMode=FILL_EVEN_ODD if p.holes else FILL_NON_ZERO)

    def rect(self, p: Rect) -> None:
        c, st = self.c, p.style
        if self.press:
            c.setLineWidth(st.width * MM)
            if st.fill is not None:
                c.setFillColor(self._col(st.fill))
            if st.stroke is not None:
                c.setStrokeColor(self._col(st.stroke))
                _set_dash(c, st.dash)
            stroke, fill = int(st.stroke is not None and st.width > 0), int(st.fill is not None)
            x, y, w, h, r = self.X(p.x), self.Y(p.y + p.h), p.w * MM, p.h * MM, p.radius * MM
        else:
            stroke, fill = self._apply(st)
            if not (stroke or fill):
                return
            x, y, w, h, r = p.x, p.y, p.w, p.h, p.radius
        if p.radius > 0:
            c.roundRect(x, y, w, h, r, stroke=stroke, fill=fill)
        else:
            c.rect(x, y, w, h, stroke=stroke, fill=fill)
        if self.press and st.dash:
            _set_dash(c, None)

    def arc(self, p: Arc) -> None:
        X, Y, k = self.X, self.Y, (MM if self.press else 1.0)
        if self.press:
            stroke, fill = self._press_paint(p.style)
        else:
            stroke, fill = self._apply(p.style)
            if not (stroke or fill):
                return
        cx, cy, r = X(p.center[0]), Y(p.center[1]), p.radius * k
        if p.full:
            self.c.circle(cx, cy, r, stroke=stroke, fill=fill)
            return
        path = self.c.beginPath()
        # a counter-clockwise angle on the sheet: clockwise in the y-down drawing space,
        # counter-clockwise on the y-up press page
        sign = 1 if self.press else -1
        path.arc(cx - r, cy - r, cx + r, cy + r, startAng=sign * p.start, extent=sign * (p.end - p.start))
        self.c.drawPath(path, stroke=stroke, fill=0)

    def text(self, p: Text) -> None:
        if self.press:
            press_text(self.c, p, self.X, self.Y, self.outline_text)
            return
        if not p.text.strip():
            return
        c = self.c
        c.saveState()
        c.translate(p.pos[0], p.pos[1])
        c.scale(1, -1)
        if p.angle:
            c.rotate(p.angle)
        c.setFillColor(self._col(p.color))
        if self.outline_text:
            _outlined_text(c, p)
        else:
            fonts.check_coverage(p.text, p.font, p.where or "drawing text")
            c.setFont(fonts.resolve_family(p.font), p.size)
            if p.tracking:    # tracked text: a text object with character spacing
                w = p.width
                t = c.beginText({"middle": -w / 2, "end": -w}.get(p.anchor, 0.0), 0)
                t.setFont(fonts.resolve_family(p.font), p.size)
                t.setCharSpace(p.tracking)
                t.textOut(p.text)
                c.drawText(t)
            elif p.anchor == "middle":
                c.drawCentredString(0, 0, p.text)
            elif p.anchor == "end":
                c.drawRightString(0, 0, p.text)
            else:
                c.drawString(0, 0, p.text)
        c.restoreState()

    def image(self, p: Image) -> None:
        if self.press:
            draw_jpeg(self.c, p.jpeg, self.X(p.x), self.Y(p.y + p.h), p.w * MM, p.h * MM)
        else:   # y-down space: the image's top edge at y, flipped upright
            draw_jpeg(self.c, p.jpeg, p.x, p.y + p.h, p.w, -p.h)

    def emblem(self, p: Emblem) -> None:
        if self.press:
            p.artwork.draw_pdf(self.c, self.X(p.x), self.Y(p.y + p.h), p.w * MM, p.h * MM)
            return
        c = self.c
        c.saveState()
        c.translate(p.x, p.y + p.h)
        c.scale(1, -1)
        p.artwork.draw_pdf(c, 0, 0, p.w, p.h)
        c.restoreState()


def _outlined_text(c: Canvas, p: Text) -> None:
    """Glyph outlines of ``p`` at the origin of the current (y-up) user space; each glyph's path
    is built once per process and reused (转曲 without re-tracing every glyph)."""
    from ..typeset.pdfglyphs import glyph_reportlab_path   # fontTools pens: only for outlined drawing text

    family = fonts.resolve_family(p.font)
    fonts.check_coverage(p.text, family, p.where or "drawing text")
    upm = fonts.metrics(family).units_per_em
    k = p.size / upm
    if p.anchor != "start":
        w = p.width if p.tracking else fonts.text_width(p.text, family, p.size)
        c.translate(-w / 2 if p.anchor == "middle" else -w, 0)
    c.scale(k, k)
    for ch in p.text:
        path = glyph_reportlab_path(family, fonts.glyph_id(ch, family))
        if path is not None:
            c.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        advance = fonts.char_advance(ch, family) * upm
        c.translate(advance + p.tracking / k if p.tracking else advance, 0)


def press_text(c: Canvas, op: Text, X, Y, outline_text: bool) -> None:
    """One line of text on a press page (``X``, ``Y``: mm → points): live text with the
    tracking as character spacing, or glyph forms (:class:`GlyphForms`)."""
    family = fonts.resolve_family(op.font)
    where = op.where or "text"
    x0 = op.x
    if op.anchor != "start":
        x0 -= op.width / 2 if op.anchor == "middle" else op.width
    if op.angle:   # rotate about the anchor; coordinates then relative to it
        c.saveState()
        c.translate(X(op.x), Y(op.y))
        c.rotate(op.angle)
        ax, ay = op.x, op.y
        X, Y = (lambda v: (v - ax) * MM), (lambda v: (ay - v) * MM)
    c.setFillColor(_c(op.color))
    fonts.check_coverage(op.text, family, where)
    if outline_text:
        forms = _forms(c)
        k = op.size * MM / fonts.metrics(family).units_per_em
        x = x0
        y = Y(op.y)
        for ch in op.text:
            name = forms.form(family, fonts.glyph_id(ch, family))
            if name is not None:
                c.saveState()
                c.transform(k, 0, 0, k, X(x), y)
                c.doForm(name)
                c.restoreState()
            x += fonts.char_advance(ch, family) * op.size + op.tracking
    else:
        t = c.beginText()
        t.setTextOrigin(X(x0), Y(op.y))
        t.setFont(family, op.size * MM)
        # Tc (character spacing) is part of the graphics state and outlives BT/ET: always set it
        t.setCharSpace(op.tracking * MM)
        t.textOut(op.text)
        c.drawText(t)
    if op.angle:
        c.restoreState()


def draw_placed(c: Canvas, prims, origin: tuple[float, float], page_h: float, outline_text: bool) -> None:
    """Draw primitives on the current page (press convention) with their origin at ``origin``
    (mm from the top-left of a page ``page_h`` mm high) — for pages composed of several parts
    (desk cards, the production list)."""
    draw(prims, PdfBackend(c, outline_text).place(origin, page_h))


def pdf_bytes(pages: Sequence[Page], outline_text: bool = False, title: str = "", date: str = "",
              subject: str = "drawing") -> bytes:
    """Pages as one PDF (RGB, fixed metadata, ``invariant=1``); ``subject`` names the kind of
    document (the drawings' "drawing", the report's "compliance report")."""
    if not pages:
        raise ValueError("no pages to write")
    buf = io.BytesIO()
    first = pages[0]
    c = Canvas(buf, pagesize=(first.width * MM, first.height * MM), invariant=1,
               pageCompression=1, initialFontName=fonts.SANS)
    c.setTitle(title)
    c.setAuthor("roomplanner")
    c.setCreator("roomplanner")
    c.setSubject(f"{subject}, {date}" if date else subject)
    be = PdfBackend(c, outline_text)
    for pg in pages:
        draw_page(pg, be)
    c.save()
    return buf.getvalue()
