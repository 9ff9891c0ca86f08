"""Paths for :mod:`.pdfcanvas`: :class:`PathObject` (reportlab's ``PDFPathObject`` calls) and
elliptical arcs as cubic Béziers, as reportlab draws them (``pdfgeom.bezierArc``), so circles,
arcs and rounded rectangles land on the same points with either writer.

The algorithm is Robert Kern's generalisation (for piddlePDF, 1999) of the formulae in Jim
Fitzsimmons' TeX tutorial: the arc is split into at most 90° fragments, each one cubic with
control points at ``kappa = 4/3 · (1 − cos(θ/2)) / sin(θ/2)`` along the tangents.
"""

from __future__ import annotations

from math import ceil, cos, pi, sin

from .pdfdoc import num

__all__ = ["bezier_arc", "PathObject"]


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


class PathObject:
    """A path under construction (reportlab's ``PDFPathObject``): ``moveTo``, ``lineTo``,
    ``curveTo``, ``arc``, ``rect``, ``circle``, ``ellipse``, ``roundRect``, ``close``.
    Reusable: drawing it does not change it."""

    __slots__ = ("_code", "_joined", "_joined_n")

    def __init__(self):
        self._code: list[str] = ["n"]
        self._joined = ""
        self._joined_n = -1

    def getCode(self) -> str:
        if self._joined_n != len(self._code):
            self._joined = " ".join(self._code)
            self._joined_n = len(self._code)
        return self._joined

    def moveTo(self, x: float, y: float) -> None:
        self._code.append(f"{num(x)} {num(y)} m")

    def lineTo(self, x: float, y: float) -> None:
        self._code.append(f"{num(x)} {num(y)} l")

    def curveTo(self, x1, y1, x2, y2, x3, y3) -> None:
        self._code.append(f"{num(x1)} {num(y1)} {num(x2)} {num(y2)} {num(x3)} {num(y3)} c")

    def _curves(self, curves, initial: str = "moveTo") -> None:
        getattr(self, initial)(*curves[0][:2])
        for curve in curves:
            self.curveTo(*curve[2:])

    def arc(self, x1, y1, x2, y2, startAng: float = 0, extent: float = 90) -> None:
        """Part of the ellipse inscribed in (x1, y1, x2, y2), from ``startAng`` over
        ``extent`` degrees (counter-clockwise positive), starting a new subpath."""
        self._curves(bezier_arc(x1, y1, x2, y2, startAng, extent))

    def arcTo(self, x1, y1, x2, y2, startAng: float = 0, extent: float = 90) -> None:
        self._curves(bezier_arc(x1, y1, x2, y2, startAng, extent), "lineTo")

    def rect(self, x, y, width, height) -> None:
        self._code.append(f"{num(x)} {num(y)} {num(width)} {num(height)} re")

    def ellipse(self, x, y, width, height) -> None:
        self._curves(bezier_arc(x, y, x + width, y + height, 0, 360))

    def circle(self, x_cen, y_cen, r) -> None:
        self.ellipse(x_cen - r, y_cen - r, 2 * r, 2 * r)

    def roundRect(self, x, y, width, height, radius) -> None:
        """A rectangle with rounded corners (reportlab's curve: control points at
        0.4472 × radius from the corner)."""
        t = 0.4472 * radius
        xlo, xhi = min(x, x + width), max(x, x + width)
        ylo, yhi = min(y, y + height), max(y, y + height)
        self.moveTo(xlo + radius, ylo)
        self.lineTo(xhi - radius, ylo)
        self.curveTo(xhi - t, ylo, xhi, ylo + t, xhi, ylo + radius)
        self.lineTo(xhi, yhi - radius)
        self.curveTo(xhi, yhi - t, xhi - t, yhi, xhi - radius, yhi)
        self.lineTo(xlo + radius, yhi)
        self.curveTo(xlo + t, yhi, xlo, yhi - t, xlo, yhi - radius)
        self.lineTo(xlo, ylo + radius)
        self.curveTo(xlo, ylo + t, xlo + t, ylo, xlo + radius, ylo)
        self.close()

    def close(self) -> None:
        self._code.append("h")
