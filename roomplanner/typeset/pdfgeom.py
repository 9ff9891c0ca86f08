"""Elliptical arcs as cubic Béziers, as reportlab draws them (``pdfgeom.bezierArc``), so
circles and arcs written by :mod:`.pdfcanvas` land on the same points.

The algorithm is Robert Kern's generalisation (for piddlePDF, 1999) of the formulae in Jim
Fitzsimmons' TeX tutorial: the arc is split into at most 90° fragments, each one cubic with
control points at ``kappa = 4/3 · (1 − cos(θ/2)) / sin(θ/2)`` along the tangents.
"""

from __future__ import annotations

from math import ceil, cos, pi, sin

__all__ = ["bezier_arc"]


def bezier_arc(x1: float, y1: float, x2: float, y2: float, start: float = 0,
               extent: float = 90) -> list[tuple[float, ...]]:
    """Cubic pieces ``(x1, y1, cx1, cy1, cx2, cy2, x2, y2)`` of the arc of the ellipse
    inscribed in the rectangle (x1, y1)–(x2, y2), from ``start`` degrees over ``extent``
    degrees (0 along +x, counter-clockwise positive in a y-up space)."""
    x1, y1, x2, y2 = min(x1, x2), max(y1, y2), max(x1, x2), min(y1, y2)
    if abs(extent) <= 90:
        n = 1
        frag = float(extent)
    else:
        n = int(ceil(abs(extent) / 90.0))
        frag = float(extent) / n
    xc, yc = (x1 + x2) / 2.0, (y1 + y2) / 2.0
    rx, ry = (x2 - x1) / 2.0, (y2 - y1) / 2.0
    half = frag * pi / 360.0
    kappa = abs(4.0 / 3.0 * (1.0 - cos(half)) / sin(half))
    sign = 1 if frag > 0 else -1
    out = []
    for i in range(n):
        t0 = (start + i * frag) * pi / 180.0
        t1 = (start + (i + 1) * frag) * pi / 180.0
        k = sign * kappa
        out.append((xc + rx * cos(t0), yc - ry * sin(t0),
                    xc + rx * (cos(t0) - k * sin(t0)), yc - ry * (sin(t0) + k * cos(t0)),
                    xc + rx * (cos(t1) + k * sin(t1)), yc - ry * (sin(t1) - k * cos(t1)),
                    xc + rx * cos(t1), yc - ry * sin(t1)))
    return out
