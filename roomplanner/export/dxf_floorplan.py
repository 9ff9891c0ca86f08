"""``floorplan.dxf``: the floor plan for CAD, 1 : 1 in millimetres, in the plan's coordinates.

Walls (墙体) are closed outlines between the openings with a solid hatch (the main wall in
red, as on the PDF); doors are the leaf and its swing arc, windows four lines (门窗); the flag
(党旗) and every board and sign (图板, one block per kind with ID/TITLE attributes) are bars
on the wall face they hang on; furniture (家具) is each footprint (ceiling-mounted items
dashed); dimensions (尺寸标注) are real DIMENSION entities: per wall its openings and its
length; texts (文字): wall numbers, room area, labels; the title block (图框).
"""

from __future__ import annotations

import math

from ..i18n import tr
from ..model.geometry import walls_of, hinge_offset
from ..model.plan import Plan
from .dxf_common import (RED, FLAG_TRUE, Drawing, add_attdefs, board_block_name, choose_scale, rect, text,
                         title_block)
from .geometry3d import PANEL_DEPTH, outer_corners

FURNITURE_LABELS = ("table", "bookcase", "archive_cabinet", "newspaper_rack", "tv", "disc_cabinet",
                    "computer", "projector", "screen", "equipment_cabinet", "podium")


def floorplan_dxf(plan: Plan, lang: str = "zh", date: str | None = None) -> bytes:
    spec = plan.spec
    outline = spec.outline
    walls = walls_of(outline)
    ccw = walls[0].ccw
    T = float(spec.room.wall_thickness)
    outer = outer_corners(outline, ccw, T)
    xs = [p[0] for p in outer]
    ys = [p[1] for p in outer]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) + 3000
    s = choose_scale(span)
    dr = Drawing(s)
    msp = dr.msp
    n = len(outline)

    # ---- walls, cut at the openings
    cuts: dict[int, list[tuple[float, float]]] = {i: [] for i in range(n)}
    for o in spec.room.openings:
        cuts[o.wall].append((float(o.offset), float(o.offset + o.width)))
    for i, w in enumerate(walls):
        L = w.length
        edges = [0.0]
        for a, b in sorted(cuts[i]):
            edges += [a, b]
        edges.append(L)
        o0, o1 = outer[i], outer[(i + 1) % n]
        for k in range(0, len(edges), 2):
            a, b = edges[k], edges[k + 1]
            if b - a < 1e-6:
                continue
            pa = w.point_at(a)
            pb = w.point_at(b)
            qa = o0 if a <= 1e-9 else w.point_at(a, -T)
            qb = o1 if b >= L - 1e-9 else w.point_at(b, -T)
            pts = [pa, pb, qb, qa]
            msp.lwpolyline(pts, "墙体", True, color=RED if i == plan.main_wall else None)
            msp.hatch(pts, "墙体", color=RED if i == plan.main_wall else 8)
        mx, my = w.point_at(L / 2, -T - 26 * s)
        label = str(i) + (tr(" 主墙面", " main wall", lang) if i == plan.main_wall else "")
        text(msp, label, (mx, my), 3.0, s, align="MIDDLE_CENTER", colour=RED if i == plan.main_wall else None)

    # ---- doors and windows
    for o in spec.room.openings:
        w = walls[o.wall]
        a, b = float(o.offset), float(o.offset + o.width)
        if o.kind == "window":
            for d in (0.0, -T / 3, -2 * T / 3, -T):
                msp.line(w.point_at(a, d), w.point_at(b, d), "门窗")
            continue
        hinge = hinge_offset(w, a, float(o.width), o.hinge)
        free = b if abs(hinge - a) < 1e-6 else a
        depth_face = 0.0 if o.swing == "in" else -T
        sign = 1.0 if o.swing == "in" else -1.0
        hp = w.point_at(hinge, depth_face)
        leaf_end = w.point_at(hinge, depth_face + sign * float(o.width))
        msp.line(hp, leaf_end, "门窗", lineweight=35)
        closed = w.point_at(free, depth_face)
        a1 = math.degrees(math.atan2(leaf_end[1] - hp[1], leaf_end[0] - hp[0]))
        a2 = math.degrees(math.atan2(closed[1] - hp[1], closed[0] - hp[0]))
        # the swing arc runs the short way (90°) between the open leaf and the closed position
        start, end = (a1, a2) if (a2 - a1) % 360 <= 180 else (a2, a1)
        msp.arc(hp, float(o.width), start, end, "门窗")

    # ---- obstacles
    for ob in spec.room.obstacles:
        w = walls[ob.wall]
        depth = float(ob.depth) if ob.depth else 0.0
        pts = [w.point_at(float(ob.offset), 0), w.point_at(float(ob.offset + ob.width), 0),
               w.point_at(float(ob.offset + ob.width), max(depth, 30.0)), w.point_at(float(ob.offset), max(depth, 30.0))]
        msp.lwpolyline(pts, "墙体", True, linetype="CONTINUOUS" if depth else "DASHED")

    # ---- flag and boards: bars on the face they hang on
    for it in plan.wall_items:
        w = walls[it.wall]
        d = PANEL_DEPTH.get(it.kind, 10.0)
        wd, u0 = float(it.width), float(it.offset)
        if it.face == "inside":
            d0, d1 = 0.0, d
        else:
            d0, d1 = -T - d, -T
        if it.kind == "flag":
            pts = [w.point_at(u0, d0), w.point_at(u0 + wd, d0), w.point_at(u0 + wd, d1), w.point_at(u0, d1)]
            msp.lwpolyline(pts, "党旗", True, true_color=_tc(FLAG_TRUE))
            continue
        name = board_block_name(it, "P")
        if name not in dr.blocks:
            blk = dr.blocks.new(name, flags=2)
            rect(blk, 0, 0, wd, d, "图板")
            add_attdefs(blk, 0, -2.5 * s, 2.0 * s)
        # block x along the wall, y into the room from the bar's wall-side edge
        origin = w.point_at(u0, d0 if it.face == "inside" else d1)
        dx, dy = w.direction
        nx, ny = w.inward_normal
        if it.face == "outside":
            nx, ny = -nx, -ny
            origin = w.point_at(u0 + wd, -T)
            dx, dy = -dx, -dy
        ang = math.degrees(math.atan2(dy, dx))
        # a mirrored frame (ccw outline seen from inside) is turned so the block stays right-handed
        if dx * ny - dy * nx < 0:
            origin = (origin[0] + dx * wd, origin[1] + dy * wd)
            ang = math.degrees(math.atan2(-dy, -dx))
        dr.board_insert(name, origin, it, s, rotation=ang)

    # ---- furniture
    labelled: set[str] = set()
    for f in plan.floor_items:
        ceiling = f.mount == "ceiling"
        msp.lwpolyline([(float(x), float(y)) for x, y in f.footprint], "家具", True,
                       linetype="DASHED" if ceiling else "CONTINUOUS")
        if f.kind in FURNITURE_LABELS and f.mount != "on":
            cx = sum(float(p[0]) for p in f.footprint) / len(f.footprint)
            cy = sum(float(p[1]) for p in f.footprint) / len(f.footprint)
            text(msp, f.label, (cx, cy), 2.0, s, align="MIDDLE_CENTER")
            labelled.add(f.kind)
    chairs = sum(1 for f in plan.floor_items if f.kind == "chair")

    # ---- dimensions: per wall, openings then the length, outside the wall
    for i, w in enumerate(walls):
        L = w.length
        marks = sorted({0.0, L, *[u for c in cuts[i] for u in c]})
        base = -T - 4 * s
        if len(marks) > 2:
            _dim_chain(dr.dims, w, marks, base)
            base -= 7 * s
        _dim_chain(dr.dims, w, [0.0, L], base)

    # ---- room texts and title block
    # the room's name, area and seats below the plan (the middle of the room is furniture)
    from shapely.geometry import Polygon
    area = Polygon(outline).area / 1e6
    yb = min(ys) - 36 * s
    text(msp, tr(f"党员活动室  面积 {area:.2f} m²", f"Activity room  area {area:.2f} m²", lang), (min(xs), yb),
         3.5, s)
    if chairs:
        text(msp, tr(f"椅 ×{chairs}", f"Chairs ×{chairs}", lang), (min(xs), yb - 6 * s), 2.5, s)
    title_block(msp, plan, max(xs) + 30 * s + 74 * s, min(ys) - 25 * s, s, lang,
                tr("平面布置图", "Floor plan", lang), "JS-01", date)
    return dr.to_bytes()


def _tc(rgb) -> int:
    return (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]


def _dim_chain(dims, wall, marks: list[float], depth: float) -> None:
    """Aligned dimensions between consecutive ``marks`` along ``wall``, the dimension line at
    ``depth`` mm from the inner face (negative: outside)."""
    for a, b in zip(marks, marks[1:]):
        if b - a < 1e-6:
            continue
        p1, p2 = wall.point_at(a, 0.0), wall.point_at(b, 0.0)
        # distance is measured to the left of p1→p2; the room is on the left of a ccw wall
        dist = -depth if not wall.ccw else depth
        ang = math.degrees(math.atan2(p2[1] - p1[1], p2[0] - p1[0]))
        if not -90.0 < ang <= 90.0:     # keep the text readable: measure left to right / upwards
            p1, p2, dist = p2, p1, -dist
            ang = math.degrees(math.atan2(p2[1] - p1[1], p2[0] - p1[0]))
        # the dimension line ``dist`` to the left of p1→p2, parallel to it
        L = math.hypot(p2[0] - p1[0], p2[1] - p1[1])
        lx, ly = -(p2[1] - p1[1]) / L, (p2[0] - p1[0]) / L
        dims.linear(p1, p2, (p1[0] + lx * dist, p1[1] + ly * dist), ang)
