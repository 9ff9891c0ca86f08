"""Glyph outlines (转曲): the one place glyphs of the bundled fonts become paths.

Print shops prefer files without live text. A glyph's outline is read once per process
(:func:`glyph_outline`, from the ``glyf`` table by glyph id, decomposed by a fontTools pen)
and written in each output's path language here: SVG path data (:func:`glyph_svg_d`, and
:func:`text_path_d` for a whole line), PDF path operators (:func:`glyph_pdf_ops`); canvas path objects are made from the same
outlines in :mod:`.pdfglyphs`.

Glyphs are placed by their ``hmtx`` advances exactly like reportlab's ``drawString`` and
:func:`roomplanner.typeset.fonts.text_width` (no kerning or shaping), so outlined and live
text occupy the same space. Glyph outlines are recorded once per (font, glyph) in font
units and cached; each call only transforms them. Fill with the non-zero winding rule
(SVG's default ``fill-rule``; :mod:`.pdfglyphs` sets it for PDF).

fontTools' pens are imported where an outline is first traced: a run whose glyphs all come
from the user's glyph cache (:mod:`.glyphcache`) never imports them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from roomplanner.typeset import fonts
from roomplanner.typeset.glyphcache import GlyphStrings

Anchor = Literal["start", "middle", "end"]

#: A glyph outline as recorded by fontTools pens: ``((operator, points), ...)``.
Recording = tuple[tuple[str, tuple], ...]


@lru_cache(maxsize=20000)
def glyph_outline(family: str, gid: int) -> Recording:
    """The decomposed outline of glyph ``gid`` in font units (y up), cached."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    reader = fonts.glyph_reader(family)
    pen = DecomposingRecordingPen(reader.glyph_set())
    reader.draw(gid, pen)
    return tuple((op, tuple(args)) for op, args in pen.value)


def glyph_svg_d(family: str, gid: int) -> str:
    """SVG path data of one glyph in font units (y up): quadratic TrueType segments as ``Q``,
    numbers as ``%g``. Kept in the user's glyph cache (:mod:`.glyphcache`) across processes."""
    cache = _svg_cache(fonts.resolve_family(family))
    d = cache.get(gid)
    if d is None:
        d = _glyph_svg_d(family, gid)
        cache.put(gid, d)
    return d


_caches: dict[tuple[str, str], GlyphStrings] = {}


def _cache(name: str, kind: str, value_type: type = str) -> GlyphStrings:
    cache = _caches.get((name, kind))
    if cache is None:
        cache = _caches.setdefault((name, kind), GlyphStrings(fonts.facts(name).sha256, kind, value_type))
    return cache


def _svg_cache(name: str) -> GlyphStrings:
    return _cache(name, "svg")


def flush_glyph_cache() -> None:
    """Write glyphs drawn since the last flush into the user's glyph cache."""
    for cache in list(_caches.values()):
        cache.flush()


def glyph_truetype(family: str, gid: int, *, font_coordinates: bool = False) -> bytes:
    """Glyph ``gid`` as compiled TrueType ``glyf`` data of a simple glyph (composites
    decomposed, bounding box set), for fonts built from the bundled ones (the web font of a
    pack's ``index.html``; the fonts embedded in PDFs). Kept in the user's glyph cache across
    processes.

    :func:`glyph_outline` places a glyph as fontTools does, shifted so that its left edge is
    the ``hmtx`` left side bearing (in the serif font the two differ for most glyphs, by a few
    units). ``font_coordinates=True`` gives the glyph in the font's own coordinates, to be
    embedded with the font's own ``hmtx`` bearing: a rasteriser then shifts it exactly as it
    shifts the original glyph (FreeType does so in 1/64 pixel steps, so a pre-shifted glyph
    would differ from the original by a fraction of a pixel's antialiasing)."""
    name = fonts.resolve_family(family)
    cache = _cache(name, "ttf-own" if font_coordinates else "ttf", bytes)
    data = cache.get(gid)
    if data is None:
        from fontTools.pens.recordingPen import replayRecording
        from fontTools.pens.transformPen import TransformPen
        from fontTools.pens.ttGlyphPen import TTGlyphPen

        pen = TTGlyphPen(None)
        shift = _lsb_shift(name, gid) if font_coordinates else 0
        replayRecording(glyph_outline(family, gid),
                        TransformPen(pen, (1, 0, 0, 1, -shift, 0)) if shift else pen)
        glyph = pen.glyph()
        glyph.recalcBounds(None)
        data = glyph.compile(None, recalcBBoxes=False) if glyph.numberOfContours else b""
        cache.put(gid, data)
    return data


def _lsb_shift(family: str, gid: int) -> int:
    """How far :func:`glyph_outline` moved glyph ``gid`` right (``lsb - xMin`` of the
    ``glyf`` header; 0 for an empty glyph)."""
    import struct

    reader = fonts.glyph_reader(family)
    f = reader.facts
    start, end = f.loca[gid], f.loca[gid + 1]
    if end <= start:
        return 0
    x_min = struct.unpack_from(">h", reader._map, reader._glyf + start + 2)[0]
    return f.lsb[gid] - x_min


def _glyph_svg_d(family: str, gid: int) -> str:
    """Written straight from the recording (several times faster than a pen per number);
    unusual contours go through fontTools' ``SVGPathPen``."""
    from fontTools.pens.basePen import decomposeQuadraticSegment

    out: list[str] = []
    for op, pts in glyph_outline(family, gid):
        if op == "moveTo":
            out.append("M%g %g" % pts[0])
        elif op == "lineTo":
            out.append("L%g %g" % pts[0])
        elif op == "qCurveTo":
            if pts[-1] is None:  # a contour of off-curve points only: let the pen handle it
                return _svg_d_pen(family, gid)
            for (cx, cy), (x, y) in decomposeQuadraticSegment(pts):
                out.append("Q%g %g %g %g" % (cx, cy, x, y))
        elif op == "curveTo":
            if len(pts) != 3:
                return _svg_d_pen(family, gid)
            out.append("C%g %g %g %g %g %g" % (*pts[0], *pts[1], *pts[2]))
        elif op in ("closePath", "endPath"):
            out.append("Z" if op == "closePath" else "")
        else:  # pragma: no cover - recordings hold only the operators above
            return _svg_d_pen(family, gid)
    return "".join(out)


def _svg_d_pen(family: str, gid: int) -> str:
    from fontTools.pens.recordingPen import replayRecording
    from fontTools.pens.svgPathPen import SVGPathPen

    pen = SVGPathPen(None, ntos=lambda v: "%g" % v)
    replayRecording(glyph_outline(family, gid), pen)
    return pen.getCommands()


@lru_cache(maxsize=20000)
def glyph_pdf_ops(family: str, gid: int) -> str:
    """PDF path operators (``m l c h``, then ``f``: non-zero fill) of one glyph in font units,
    cached across files. Quadratic TrueType segments become the equivalent cubics."""
    from fontTools.pens.basePen import decomposeQuadraticSegment

    out: list[str] = []
    cur = (0.0, 0.0)
    start = (0.0, 0.0)
    for op, pts in glyph_outline(family, gid):
        if op == "moveTo":
            cur = start = pts[0]
            out.append("%g %g m" % cur)
        elif op == "lineTo":
            cur = pts[0]
            out.append("%g %g l" % cur)
        elif op == "qCurveTo":
            pts = list(pts)
            if pts[-1] is None:
                # a contour of off-curve points only: it starts and ends on the on-curve point
                # implied between the last and the first (as fontTools' BasePen does)
                first, last = pts[0], pts[-2]
                implied = ((first[0] + last[0]) / 2, (first[1] + last[1]) / 2)
                cur = start = implied
                out.append("%g %g m" % implied)
                pts[-1] = implied
            for (qx, qy), (x2, y2) in decomposeQuadraticSegment(pts):
                x0, y0 = cur
                out.append("%g %g %g %g %g %g c" % (x0 + 2 / 3 * (qx - x0), y0 + 2 / 3 * (qy - y0),
                                                   x2 + 2 / 3 * (qx - x2), y2 + 2 / 3 * (qy - y2), x2, y2))
                cur = (x2, y2)
        elif op == "curveTo":
            for k in range(0, len(pts) - 2, 3):
                out.append("%g %g %g %g %g %g c" % (*pts[k], *pts[k + 1], *pts[k + 2]))
            cur = pts[-1]
        elif op == "closePath":
            out.append("h")
            cur = start
    if not out:
        return ""
    return " ".join(out) + " f"


def glyph_run(text: str, family: str, size: float, *,
              where: str = "text") -> list[tuple[int, float]]:
    """Glyph ids of one line with their pen positions (in the unit of ``size``)."""
    if "\n" in text or "\r" in text:
        raise ValueError(f"{where}: outlines are drawn one line at a time; got a line break")
    fonts.check_coverage(text, family, where)
    run: list[tuple[int, float]] = []
    pos = 0.0
    for ch in text:
        run.append((fonts.glyph_id(ch, family), pos))  # type: ignore[arg-type]
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
    from fontTools.pens.recordingPen import replayRecording
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    name = fonts.resolve_family(family)
    scale = size / fonts.metrics(name).units_per_em
    x0 = x + _anchor_shift(text, name, size, anchor, where)
    pen = SVGPathPen(None, ntos=lambda v: _number(v, precision))
    for glyph, offset in glyph_run(text, name, size, where=where):
        # Font units (y up) -> mm (y down): scale, flip y, move to the pen position.
        replayRecording(glyph_outline(name, glyph),
                        TransformPen(pen, (scale, 0, 0, -scale, x0 + offset, y)))
    return pen.getCommands()
