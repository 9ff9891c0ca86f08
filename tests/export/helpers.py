"""Independent geometry for the export tests: where plan.json says each thing is, computed
from the outline here rather than with the exporter's helpers."""

from __future__ import annotations

import math


def wall_frame(outline, i):
    """(start, unit direction, inward normal, length) of wall i, plan millimetres."""
    n = len(outline)
    area = sum(outline[k][0] * outline[(k + 1) % n][1] - outline[(k + 1) % n][0] * outline[k][1]
               for k in range(n)) / 2
    (x0, y0), (x1, y1) = outline[i], outline[(i + 1) % n]
    L = math.hypot(x1 - x0, y1 - y0)
    dx, dy = (x1 - x0) / L, (y1 - y0) / L
    nx, ny = (-dy, dx) if area > 0 else (dy, -dx)
    return (x0, y0), (dx, dy), (nx, ny), L


def quat_rotate(q, v):
    x, y, z, w = q
    # v' = q v q*
    ux, uy, uz = x, y, z
    dot_uv = ux * v[0] + uy * v[1] + uz * v[2]
    dot_uu = ux * ux + uy * uy + uz * uz
    cross = (uy * v[2] - uz * v[1], uz * v[0] - ux * v[2], ux * v[1] - uy * v[0])
    return tuple(2 * dot_uv * u + (w * w - dot_uu) * vv + 2 * w * c
                 for u, vv, c in zip((ux, uy, uz), v, cross))
