"""Glyph outlines as canvas path objects (转曲 on a :class:`.pdfcanvas.Canvas`, or reportlab's):
the outlines :mod:`.outline` reads, replayed through a pen that draws into ``canvas.beginPath()``
paths. Kept apart from :mod:`.outline` so that the font subsetter (:mod:`.sfnt`, which reads
compiled glyphs from :mod:`.outline`) and the PDF writer do not import each other.
"""

from __future__ import annotations

from functools import lru_cache

from fontTools.pens.basePen import BasePen
from fontTools.pens.recordingPen import replayRecording
from fontTools.pens.transformPen import TransformPen

from . import fonts
from .outline import Anchor, _anchor_shift, glyph_outline, glyph_run
from .pdfcanvas import FILL_NON_ZERO, mm
from .pdfgeom import PathObject

__all__ = ["CanvasPathPen", "draw_text_outlines", "glyph_reportlab_path"]


@lru_cache(maxsize=20000)
def glyph_reportlab_path(family: str, gid: int):
    """A glyph's outline as a reusable reportlab path object in font units (y up), or None
    for a glyph without ink. Shared between canvases: only read, never changed."""
    rec = glyph_outline(family, gid)
    if not rec:
        return None
    path = PathObject()
    replayRecording(rec, CanvasPathPen(path))
    return path



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
