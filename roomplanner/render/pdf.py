"""PDF backend (``typeset.pdfcanvas``): pages of primitives → one PDF file.

Each page's MediaBox is the paper size in points (A4 landscape 841.89 × 595.28 pt,
A3 landscape 1190.55 × 841.89 pt), so printing at 100 % ("actual size", no "fit to page")
reproduces the drawing's scale. The page is drawn in millimetres with y pointing down
(``translate`` + ``scale(mm, -mm)``), the primitives' own coordinate system; text is
flipped back locally.

Fonts are the bundled TrueType faces, embedded as subsets; with ``outline_text=True``
glyphs are drawn as filled paths instead and the file embeds no font. Colours are RGB
(drawings go to office printers; press work is the boards' business). ``invariant=1``
and fixed metadata make the bytes depend only on the pages and the date given.
"""

from __future__ import annotations

import io
from typing import Sequence

from ..typeset import fonts
from ..typeset.outline import glyph_reportlab_path
from ..typeset.pdfcanvas import FILL_EVEN_ODD, FILL_NON_ZERO, Canvas, HexColor
from .primitives import Arc, Line, Page, Polygon, Polyline, Style, Text, draw_page
from .sheets import PT_PER_MM

_CAPS = {"butt": 0, "round": 1, "square": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


class PdfBackend:
    def __init__(self, canvas: Canvas, outline_text: bool = False):
        self.c = canvas
        self.outline_text = outline_text
        self._colors: dict[str, HexColor] = {}

    def _col(self, hexstr: str) -> HexColor:
        c = self._colors.get(hexstr)
        if c is None:
            c = self._colors[hexstr] = HexColor(hexstr)
        return c

    # -- page and layers
    def begin_page(self, page: Page) -> None:
        self.c.setPageSize((page.width * PT_PER_MM, page.height * PT_PER_MM))
        self.c.saveState()
        self.c.translate(0, page.height * PT_PER_MM)
        self.c.scale(PT_PER_MM, -PT_PER_MM)

    def begin_layer(self, name: str) -> None:
        pass

    def end_layer(self, name: str) -> None:
        pass

    def end_page(self, page: Page) -> None:
        self.c.restoreState()
        self.c.showPage()

    # -- primitives
    def _apply(self, st: Style) -> tuple[int, int]:
        c = self.c
        stroke = 1 if (st.stroke and st.width > 0) else 0
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

    def line(self, p: Line) -> None:
        stroke, _ = self._apply(p.style)
        if stroke:
            self.c.line(p.a[0], p.a[1], p.b[0], p.b[1])

    def polyline(self, p: Polyline) -> None:
        stroke, _ = self._apply(p.style)
        if not stroke or len(p.points) < 2:
            return
        path = self.c.beginPath()
        path.moveTo(*p.points[0])
        for q in p.points[1:]:
            path.lineTo(*q)
        self.c.drawPath(path, stroke=1, fill=0)

    def polygon(self, p: Polygon) -> None:
        stroke, fill = self._apply(p.style)
        if not (stroke or fill):
            return
        path = self.c.beginPath()
        for ring in (p.points, *p.holes):
            if not ring:
                continue
            path.moveTo(*ring[0])
            for q in ring[1:]:
                path.lineTo(*q)
            path.close()
        self.c.drawPath(path, stroke=stroke, fill=fill, fillMode=FILL_EVEN_ODD if p.holes else FILL_NON_ZERO)

    def arc(self, p: Arc) -> None:
        stroke, fill = self._apply(p.style)
        if not (stroke or fill):
            return
        cx, cy, r = p.center[0], p.center[1], p.radius
        if p.full:
            self.c.circle(cx, cy, r, stroke=stroke, fill=fill)
            return
        path = self.c.beginPath()
        # user space is y-down: a counter-clockwise angle on the sheet is clockwise here
        path.arc(cx - r, cy - r, cx + r, cy + r, startAng=-p.start, extent=-(p.end - p.start))
        self.c.drawPath(path, stroke=stroke, fill=0)

    def _outlined(self, p: Text) -> None:
        _outlined_text(self.c, p)

    def text(self, p: Text) -> None:
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
            self._outlined(p)
        else:
            fonts.check_coverage(p.text, p.font, "drawing text")
            c.setFont(fonts.resolve_family(p.font), p.size)
            if p.anchor == "middle":
                c.drawCentredString(0, 0, p.text)
            elif p.anchor == "end":
                c.drawRightString(0, 0, p.text)
            else:
                c.drawString(0, 0, p.text)
        c.restoreState()


def _outlined_text(c: Canvas, p: Text) -> None:
    """Glyph outlines of ``p`` at the origin of the current (y-up) user space; each glyph's path
    is built once per process and reused (转曲 without re-tracing every glyph)."""
    family = fonts.resolve_family(p.font)
    fonts.check_coverage(p.text, family, "drawing text")
    upm = fonts.metrics(family).units_per_em
    k = p.size / upm
    if p.anchor != "start":
        w = fonts.text_width(p.text, family, p.size)
        c.translate(-w / 2 if p.anchor == "middle" else -w, 0)
    c.scale(k, k)
    for ch in p.text:
        path = glyph_reportlab_path(family, fonts.glyph_id(ch, family))
        if path is not None:
            c.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        c.translate(fonts.char_advance(ch, family) * upm, 0)


def pdf_bytes(pages: Sequence[Page], outline_text: bool = False, title: str = "", date: str = "") -> bytes:
    if not pages:
        raise ValueError("no pages to write")
    buf = io.BytesIO()
    first = pages[0]
    c = Canvas(buf, pagesize=(first.width * PT_PER_MM, first.height * PT_PER_MM), invariant=1,
               pageCompression=1, initialFontName=fonts.SANS)
    c.setTitle(title)
    c.setAuthor("roomplanner")
    c.setCreator("roomplanner")
    c.setSubject(f"drawing, {date}" if date else "drawing")
    be = PdfBackend(c, outline_text)
    for pg in pages:
        draw_page(pg, be)
    c.save()
    return buf.getvalue()
