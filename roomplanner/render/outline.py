"""Text to outlines (转曲): glyph contours of the bundled fonts as SVG paths or PDF paths.

Print shops prefer files without live text. These functions draw one line of text as
filled outlines instead of font text: :func:`text_path_d` returns SVG path data,
:func:`draw_text_outlines` paints onto a reportlab canvas (the ``--outline-text`` PDFs).

Glyphs are placed by their ``hmtx`` advances exactly like reportlab's ``drawString`` and
:func:`roomplanner.render.fonts.text_width` (no kerning or shaping), so outlined and live
text occupy the same space. Glyph outlines are recorded once per (font, glyph) in font
units and cached; each call only transforms them. Fill with the non-zero winding rule
(SVG's default ``fill-rule``; :func:`draw_text_outlines` sets it for PDF).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from fontTools.pens.basePen import BasePen
from fontTools.pens.recordingPen import DecomposingRecordingPen, replayRecording
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from reportlab.lib.units import mm

from roomplanner.render import fonts

Anchor = Literal["start", "middle", "end"]

#: A glyph outline as recorded by fontTools pens: ``((operator, points), ...)``.
Recording = tuple[tuple[str, tuple], ...]


@lru_cache(maxsize=20000)
def glyph_outline(family: str, glyph_name: str) -> Recording:
    """The decomposed outline of one glyph in font units (y up), cached."""
    name = fonts.resolve_family(family)
    glyph_set = fonts.ttfont(name).getGlyphSet()
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[glyph_name].draw(pen)
    return tuple((op, tuple(args)) for op, args in pen.value)


def glyph_run(text: str, family: str, size: float, *,
              where: str = "text") -> list[tuple[str, float]]:
    """Glyph names of one line with their pen positions (in the unit of ``size``)."""
    if "\n" in text or "\r" in text:
        raise ValueError(f"{where}: outlines are drawn one line at a time; got a line break")
    fonts.check_coverage(text, family, where)
    run: list[tuple[str, float]] = []
    pos = 0.0
    for ch in text:
        run.append((fonts.glyph_name(ch, family), pos))  # type: ignore[arg-type]
        pos += fonts.char_advance(ch, family) * size
    return run


def _anchor_shift(text: str, family: str, size: float, anchor: Anchor, where: str) -> float:
    if anchor == "start":
        return 0.0
    width = fonts.text_width(text, family, size, where)
    if anchor == "middle":
        return -width / 2
    if anchor == "end":
        return -width
    raise ValueError(f"anchor must be 'start', 'middle' or 'end', got {anchor!r}")


def _number(value: float, precision: int) -> str:
    text = f"{value:.{precision}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_path_d(text: str, family: str, size: float, x: float, y: float, *,
                anchor: Anchor = "start", precision: int = 3, where: str = "text") -> str:
    """SVG path data (the ``d`` attribute) for one line of text.

    ``(x, y)`` is the start of the baseline in SVG user units, which are millimetres in
    our SVGs (``viewBox`` in mm, y pointing down); ``size`` is the em size in mm;
    ``anchor`` aligns the line's advance width at ``x`` like SVG ``text-anchor``.
    Coordinates are rounded to ``precision`` decimals (3 = 1 µm). Returns ``""`` for
    text without ink (spaces only). Raises :class:`~roomplanner.errors.FontCoverageError`
    (naming ``where``) for a character the font lacks."""
    name = fonts.resolve_family(family)
    scale = size / fonts.metrics(name).units_per_em
    x0 = x + _anchor_shift(text, name, size, anchor, where)
    pen = SVGPathPen(None, ntos=lambda v: _number(v, precision))
    for glyph, offset in glyph_run(text, name, size, where=where):
        # Font units (y up) -> mm (y down): scale, flip y, move to the pen position.
        replayRecording(glyph_outline(name, glyph),
                        TransformPen(pen, (scale, 0, 0, -scale, x0 + offset, y)))
    return pen.getCommands()


class CanvasPathPen(BasePen):
    """A fontTools pen that draws into a reportlab path object (``canvas.beginPath()``).

    Quadratic TrueType segments are converted to the equivalent cubic Béziers (PDF has no
    quadratic curves): control points ``P0 + ⅔(Q − P0)`` and ``P2 + ⅔(Q − P2)``."""

    def __init__(self, path, glyph_set=None):
        super().__init__(glyph_set)
        self.path = path

    def _moveTo(self, pt):
        self.path.moveTo(*pt)

    def _lineTo(self, pt):
        self.path.lineTo(*pt)

    def _curveToOne(self, pt1, pt2, pt3):
        self.path.curveTo(pt1[0], pt1[1], pt2[0], pt2[1], pt3[0], pt3[1])

    def _qCurveToOne(self, pt1, pt2):
        (x0, y0), (qx, qy), (x2, y2) = self._getCurrentPoint(), pt1, pt2
        self.path.curveTo(x0 + 2 / 3 * (qx - x0), y0 + 2 / 3 * (qy - y0),
                          x2 + 2 / 3 * (qx - x2), y2 + 2 / 3 * (qy - y2), x2, y2)

    def _closePath(self):
        self.path.close()

    def _endPath(self):
        pass


def draw_text_outlines(canvas, text: str, family: str, size: float, x: float, y: float,
                       *, anchor: Anchor = "start", unit: float = mm,
                       where: str = "text") -> None:
    """Draw one line of text as filled outlines on a reportlab canvas.

    ``(x, y)`` is the start of the baseline and ``size`` the em size, all in ``unit``
    (default millimetres; pass ``unit=1`` for points) in the canvas's current user space
    (PDF orientation: y up). The fill uses the canvas's current fill colour and the
    non-zero winding rule; nothing is stroked and no font is used, so ``pdffonts`` lists
    nothing for this text. Raises :class:`~roomplanner.errors.FontCoverageError` (naming
    ``where``) for a character the font lacks."""
    from reportlab.pdfgen.canvas import FILL_NON_ZERO

    name = fonts.resolve_family(family)
    scale = size * unit / fonts.metrics(name).units_per_em
    x0 = (x + _anchor_shift(text, name, size, anchor, where)) * unit
    y0 = y * unit
    run = glyph_run(text, name, size * unit, where=where)
    path = canvas.beginPath()
    pen = CanvasPathPen(path)
    inked = False
    for glyph, offset in run:
        outline = glyph_outline(name, glyph)
        if outline:
            inked = True
            replayRecording(outline, TransformPen(pen, (scale, 0, 0, scale, x0 + offset, y0)))
    if inked:
        canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
