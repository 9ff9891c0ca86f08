"""SVG backend for boards: millimetres, outlined text, embedded images.

The root element is ``width="{W}mm" height="{H}mm" viewBox="0 0 {W} {H}"`` with W × H = the
trim plus the bleed on every side (the same area as the PDF's MediaBox), so one user unit is
one millimetre; the trim lies ``bleed`` mm inside each edge (stated in ``<desc>`` and as
``data-trim`` / ``data-bleed`` attributes of the root). Text is always converted to outlines
(转曲, fontTools pens): each glyph used is one ``<path>`` in ``<defs>`` (font units) placed by
``<use>`` elements inside the same file — the file contains no ``<text>`` element, needs no
font and stays small. Photos are embedded as ``data:`` URIs (RGB JPEG), so the file has no
external references.

Colours are sRGB approximations of the palette's CMYK values (SVG has no CMYK); the PDF is
the press master. Numbers are written with at most three decimals, so output is deterministic.
"""

from __future__ import annotations

import base64
from xml.sax.saxutils import escape, quoteattr

from ..typeset import fonts
from ..typeset.outline import glyph_svg_d
from .boardart import BoardArt, Circle, EmblemMark, Line, Picture, Poly, Rect, TextRun

__all__ = ["board_svg"]


def _n(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _paint(fill, stroke=None, stroke_w: float = 0.0, dash=None) -> str:
    out = [f'fill="{fill.rgb_hex() if fill is not None else "none"}"']
    if stroke is not None and stroke_w > 0:
        out.append(f'stroke="{stroke.rgb_hex()}" stroke-width="{_n(stroke_w)}"')
        if dash:
            out.append(f'stroke-dasharray="{" ".join(_n(d) for d in dash)}"')
    return " ".join(out)


def _text_uses(op: TextRun, defs: dict[str, str]) -> list[str]:
    """``<use>`` elements placing each glyph of ``op``; adds new glyphs to ``defs``."""
    family = fonts.resolve_family(op.family)
    fonts.check_coverage(op.text, family, op.where)
    k = op.size / fonts.metrics(family).units_per_em
    out = []
    x = op.x
    for ch in op.text:
        glyph = fonts.glyph_id(ch, family)
        gid = f"{family}-{glyph}"
        if gid not in defs:
            defs[gid] = glyph_svg_d(family, glyph)
        if defs[gid]:
            out.append(f'<use xlink:href="#{gid}" transform="matrix({k:.6g} 0 0 {-k:.6g} {_n(x)} {_n(op.y)})"/>')
        x += fonts.char_advance(ch, family) * op.size + op.tracking
    return out


def board_svg(art: BoardArt) -> str:
    """The board as an SVG document (a string)."""
    b = art.bleed
    W, H = art.width + 2 * b, art.height + 2 * b
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
        f'width="{_n(W)}mm" height="{_n(H)}mm" viewBox="0 0 {_n(W)} {_n(H)}" '
        f'data-trim="{_n(art.width)} {_n(art.height)}" data-bleed="{_n(b)}">',
        f"<title>{escape(art.id)} {escape(art.title)}</title>",
        f"<desc>trim {_n(art.width)} × {_n(art.height)} mm, bleed {_n(b)} mm on each side (the trim starts "
        f"{_n(b)} mm inside every edge); text outlined; colours are sRGB approximations of the CMYK PDF</desc>",
        f'<g id="board" transform="translate({_n(b)} {_n(b)})">',
    ]
    defs: dict[str, str] = {}
    for op in art.ops:
        if isinstance(op, Rect):
            r = f' rx="{_n(op.radius)}"' if op.radius > 0 else ""
            out.append(f'<rect x="{_n(op.x)}" y="{_n(op.y)}" width="{_n(op.w)}" height="{_n(op.h)}"{r} '
                       f'{_paint(op.fill, op.stroke, op.stroke_w, op.dash)}/>')
        elif isinstance(op, Line):
            dash = f' stroke-dasharray="{" ".join(_n(d) for d in op.dash)}"' if op.dash else ""
            capa = f' stroke-linecap="{op.cap}"' if op.cap != "butt" else ""
            out.append(f'<line x1="{_n(op.x1)}" y1="{_n(op.y1)}" x2="{_n(op.x2)}" y2="{_n(op.y2)}" '
                       f'stroke="{op.color.rgb_hex()}" stroke-width="{_n(op.width)}"{dash}{capa}/>')
        elif isinstance(op, Poly):
            pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in op.points)
            out.append(f'<polygon points="{pts}" {_paint(op.fill, op.stroke, op.stroke_w)}/>')
        elif isinstance(op, Circle):
            out.append(f'<circle cx="{_n(op.cx)}" cy="{_n(op.cy)}" r="{_n(op.r)}" '
                       f'{_paint(op.fill, op.stroke, op.stroke_w)}/>')
        elif isinstance(op, TextRun):
            uses = _text_uses(op, defs)
            if uses:
                out.append(f'<g fill="{op.color.rgb_hex()}" data-text={quoteattr(op.text)}>' + "".join(uses) + "</g>")
        elif isinstance(op, Picture):
            data = base64.b64encode(op.photo.rgb_jpeg).decode("ascii")
            out.append(f'<image x="{_n(op.x)}" y="{_n(op.y)}" width="{_n(op.w)}" height="{_n(op.h)}" '
                       f'preserveAspectRatio="none" xlink:href="data:image/jpeg;base64,{data}"/>')
        elif isinstance(op, EmblemMark):
            from .emblem import emblem_svg_image

            mime, data = emblem_svg_image(op.artwork)
            out.append(f'<image class="emblem" x="{_n(op.x)}" y="{_n(op.y)}" width="{_n(op.w)}" height="{_n(op.h)}" '
                       f'preserveAspectRatio="xMidYMid meet" xlink:href="data:{mime};base64,{data}"/>')
        else:  # pragma: no cover
            raise TypeError(f"unknown drawing operation {op!r}")
    out.append("</g>")
    if defs:
        # glyph outlines (font units, y up), placed by the <use> elements above
        out.append("<defs>")
        out.extend(f'<path id="{gid}" d="{d}"/>' for gid, d in sorted(defs.items()) if d)
        out.append("</defs>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
