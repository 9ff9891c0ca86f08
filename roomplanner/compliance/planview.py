"""The report's plan view (平面示意图): the room at a glance as primitives of the drawing model
(:mod:`roomplanner.render.primitives`), for the report to place on its page.

Not a drawing to scale on paper but a thumbnail scaled to its box: the room outline, the main
wall drawn thick and named, obstacles in grey, windows in blue, doors as gaps with their swing,
floor items pale (ceiling-mounted ones dashed), wall items as bars (the flag gold, boards dark);
the items of failing findings red and labelled with their ids; a 1 m scale bar.

Every primitive carries a ``ref``: the item id, ``room``, ``main-wall``, ``door:K``,
``window:K``, ``obstacle:K``, ``scalebar``; tests find them by it.
"""

from __future__ import annotations

from shapely.geometry import Point as ShapelyPoint

from ..model.plan import Plan
from ..draw.primitives import Line, Polygon, Polyline, Primitive, Style, Text
from .findings import Report
from .geometry import RoomGeometry
from ..typeset.fonts import text_width
from .pagelayout import printable

MM_PER_PT = 25.4 / 72.0

RED = "#CC0D0D"
GREY = "#8C8C8C"
LIGHT = "#EDEDED"
PALE_RED = "#FFD9D9"
BOARD = "#40404D"
FLAG = "#D99900"          # gold: red marks failing items
WINDOW = "#4080D9"
WHITE = "#FFFFFF"
INK = "#000000"

MARGIN = 900.0            # mm of the room's plan shown around it (outside signs, labels)
MAIN_WALL_WIDTH = 2.2 * MM_PER_PT
ROOM_WIDTH = 0.8 * MM_PER_PT
LABEL_SIZE = 6 * MM_PER_PT
ID_SIZE = 5 * MM_PER_PT
MAX_LABELS = 40

WORDS = {"zh": {"main": "主墙面"}, "en": {"main": "main wall"}}


def failing_items(report: Report) -> set[str]:
    """Ids of the items named by failing findings."""
    bad: set[str] = set()
    for f in report.findings:
        if f.status == "fail":
            bad.update(f.items)
    return bad


def plan_view(plan: Plan, report: Report, box: tuple[float, float, float, float], lang: str = "zh") -> list[Primitive]:
    """The plan of ``plan`` scaled into ``box`` = (x, y, width, height) in mm on the page (y
    down; the plan's y axis up, as in the drawings), the items of ``report``'s failing
    findings in red."""
    words = WORDS["en" if lang == "en" else "zh"]
    room = RoomGeometry(plan)
    bad = failing_items(report)
    bx, by, width, height = box
    minx, miny, maxx, maxy = room.polygon.bounds
    s = min(width / ((maxx - minx) + 2 * MARGIN), height / ((maxy - miny) + 2 * MARGIN))
    ox = bx + (width - (maxx - minx) * s) / 2 - minx * s
    oy = by + height - (height - (maxy - miny) * s) / 2 + miny * s

    def P(x: float, y: float) -> tuple[float, float]:
        return (ox + x * s, oy - y * s)

    def ring(pts) -> tuple[tuple[float, float], ...]:
        return tuple(P(float(x), float(y)) for x, y in pts)

    out: list[Primitive] = []
    out.append(Polygon(ring(room.polygon.exterior.coords[:-1]), Style(INK, ROOM_WIDTH, WHITE), "floor", "room"))
    main = room.walls[plan.main_wall]
    out.append(Line(P(*main.start), P(*main.end), Style(INK, MAIN_WALL_WIDTH), "wall", "main-wall"))
    out.append(Text(P(*main.point(main.length / 2, -450)), words["main"], LABEL_SIZE, "middle", 0.0, "sans", INK,
                    "label", "main-wall"))
    for k in range(len(plan.spec.room.obstacles)):
        ob = room.obstacle_box(k)
        if ob is not None:
            out.append(Polygon(ring(ob.exterior.coords[:-1]), Style(GREY, 0.3 * MM_PER_PT, GREY), "obstacle",
                               f"obstacle:{k}"))
    for k, o in enumerate(plan.spec.room.openings):
        w = room.walls[o.wall]
        a, b = P(*w.point(float(o.offset))), P(*w.point(float(o.offset) + float(o.width)))
        if o.kind == "window":
            out.append(Line(a, b, Style(WINDOW, 2.0 * MM_PER_PT), "opening", f"window:{k}"))
            continue
        out.append(Line(a, b, Style(WHITE, 2.4 * MM_PER_PT), "opening", f"door:{k}"))
        if o.swing == "in":
            sw = room.swing(o, steps=12).exterior.coords
            out.append(Polyline(ring(sw[1:-1]), Style(GREY, 0.4 * MM_PER_PT), "opening", f"door:{k}"))
            out.append(Line(P(*sw[0]), P(*sw[-2]), Style(GREY, 0.6 * MM_PER_PT), "opening", f"door:{k}"))
    for it in plan.floor_items:
        is_bad = it.id in bad
        fill = PALE_RED if is_bad else (WHITE if it.mount == "ceiling" else LIGHT)
        dash = (2 * MM_PER_PT, 1 * MM_PER_PT) if it.mount == "ceiling" else None
        out.append(Polygon(ring(it.footprint), Style(RED if is_bad else GREY, (0.9 if is_bad else 0.3) * MM_PER_PT,
                                                     fill, dash), "furniture", it.id))
    labels = []
    for it in plan.wall_items:
        w = room.walls[it.wall]
        depth = 110.0 if it.face == "inside" else -110.0
        a = P(*w.point(float(it.offset), depth))
        b = P(*w.point(float(it.offset) + float(it.width), depth))
        is_bad = it.id in bad
        col = RED if is_bad else (FLAG if it.role == "flag" else BOARD)
        out.append(Line(a, b, Style(col, (2.6 if is_bad else 1.6) * MM_PER_PT), "wallitem", it.id))
        if is_bad:
            labels.append((*w.point(float(it.offset) + float(it.width) / 2, depth * 3.2), it.id))
    for it in plan.floor_items:
        if it.id in bad:
            xs = [float(p[0]) for p in it.footprint]
            ys = [float(p[1]) for p in it.footprint]
            labels.append((sum(xs) / len(xs), sum(ys) / len(ys), it.id))
    placed: list[tuple[float, float, float, float]] = []
    left, right = P(minx, 0)[0], P(maxx, 0)[0]
    for x, y, text in sorted(labels)[:MAX_LABELS]:
        pos = P(x, y)
        if room.polygon.contains(ShapelyPoint(x, y)):      # an id inside the room stays clear of its walls
            half = text_width(printable(text), "sans", ID_SIZE) / 2 + 1.2
            pos = (min(max(pos[0], left + half), right - half), pos[1])
        out.append(Text(_free_spot(pos, text, placed), printable(text), ID_SIZE, "middle", 0.0, "sans", RED,
                        "label", text))
    # scale bar: 1 m of the room, at the box's lower left
    x0, y0 = bx + 6 * MM_PER_PT, by + height - 4 * MM_PER_PT
    out.append(Line((x0, y0), (x0 + 1000 * s, y0), Style(INK, 0.8 * MM_PER_PT), "scalebar", "scalebar"))
    out.append(Text((x0 + 1000 * s + 3 * MM_PER_PT, y0 + 2 * MM_PER_PT), "1 m", 5.5 * MM_PER_PT, "start", 0.0,
                    "sans", INK, "label", "scalebar"))
    return out


def _free_spot(pos: tuple[float, float], text: str, placed: list[tuple[float, float, float, float]]
               ) -> tuple[float, float]:
    """Where a red id label centred at ``pos`` overlaps none placed before it: the spot itself or
    the nearest one a line above or below (two failing items side by side, such as the flag and
    the oath beside it, would print their ids over each other); its box joins ``placed``."""
    w = text_width(printable(text), "sans", ID_SIZE)
    x, y = pos
    step = ID_SIZE * 1.15
    for k in range(0, 2 * MAX_LABELS + 1):
        dy = ((k + 1) // 2) * step * (1 if k % 2 else -1)
        box = (x - w / 2, y + dy - ID_SIZE * 0.85, x + w / 2, y + dy + ID_SIZE * 0.2)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            placed.append(box)
            return (x, y + dy)
    placed.append((x - w / 2, y - ID_SIZE * 0.85, x + w / 2, y + ID_SIZE * 0.2))
    return pos


def plan_scale(plan: Plan, box: tuple[float, float, float, float]) -> float:
    """Paper mm per mm of the room in :func:`plan_view` for ``box`` (the scale bar is 1000 × this)."""
    room = RoomGeometry(plan)
    minx, miny, maxx, maxy = room.polygon.bounds
    return min(box[2] / ((maxx - minx) + 2 * MARGIN), box[3] / ((maxy - miny) + 2 * MARGIN))
