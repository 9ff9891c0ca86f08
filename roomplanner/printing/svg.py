"""Board SVG files: the board's press page written by the common SVG backend
(:mod:`roomplanner.draw.svg`).

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

from ..draw.svg import num, svg_string
from .boardart import BoardArt

__all__ = ["board_svg"]


def board_svg(art: BoardArt) -> str:
    """The board as an SVG document (a string)."""
    b = art.bleed
    desc = (f"trim {num(art.width)} × {num(art.height)} mm, bleed {num(b)} mm on each side (the trim starts "
            f"{num(b)} mm inside every edge); text outlined; colours are sRGB approximations of the CMYK PDF")
    return svg_string(art.page(desc=desc))
