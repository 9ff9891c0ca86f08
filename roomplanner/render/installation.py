"""The installation schedule (安装尺寸表): where every wall item hangs, so that an installer
can hang it without the drawing. Written as ``installation.csv`` and as table pages at the
end of ``elevations.pdf``.

Columns (header row in English, values from ``plan.json``):

``id, title, kind, role, wall, face, left, bottom, top, width, height``

* ``left``: distance from the left end of the wall, as seen from the face the item hangs on
  (``inside``: standing in the room; ``outside``: standing in front of the door), to the
  item's left edge. For a clockwise outline and ``face=inside`` it equals ``offset``.
* ``bottom``, ``top``: heights of the lower and upper edges above the finished floor.
* every length is in millimetres, computed from the unrounded numbers in ``plan.json`` and
  then rounded to the whole millimetre, halves up (``top`` is ``bottom + height`` rounded,
  so it can differ by 1 from the sum of the rounded values).

The file is UTF-8 with a byte-order mark (so that spreadsheet programs in a Chinese locale
open it correctly) and CRLF line ends (RFC 4180). Rows follow the wall order, then the face
(inside first), then ``left``.
"""

from __future__ import annotations

import csv
import math
import io
from dataclasses import astuple, dataclass, fields

from .. import csvsafe
from ..model.plan import Plan, WallItem

HEADER = ("id", "title", "kind", "role", "wall", "face", "left", "bottom", "top", "width", "height")


@dataclass(frozen=True)
class InstallRow:
    """One row of ``installation.csv`` and of the schedule: a wall item and where it goes (mm, rounded)."""
    id: str
    title: str
    kind: str
    role: str
    wall: int
    face: str
    left: int
    bottom: int
    top: int
    width: int
    height: int


def round_mm(x: float) -> int:
    """Whole millimetres, halves up (2.5 → 3, -2.5 → -2): the one rounding rule for every
    number written on a drawing or in installation.csv."""
    return int(math.floor(float(x) + 0.5))


def item_left(plan: Plan, it: WallItem) -> float:
    """Left offset of a wall item from the wall's left end seen from the face it hangs on."""
    w = plan.spec.walls()[it.wall]
    vl = w.viewer_left(float(it.offset), float(it.width))
    return vl if it.face == "inside" else w.length - vl - float(it.width)


def installation_rows(plan: Plan) -> list[InstallRow]:
    rows = []
    for it in plan.wall_items:
        rows.append(InstallRow(it.id, it.title, it.kind, it.role, it.wall, it.face,
                               round_mm(item_left(plan, it)), round_mm(it.bottom), round_mm(it.top),
                               round_mm(it.width), round_mm(it.height)))
    rows.sort(key=lambda r: (r.wall, r.face != "inside", r.left, r.bottom, r.id))
    return rows


def installation_csv(plan: Plan) -> str:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    for r in installation_rows(plan):
        w.writerow(csvsafe.row(astuple(r)))
    return buf.getvalue()


assert tuple(f.name for f in fields(InstallRow)) == HEADER
