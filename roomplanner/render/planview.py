"""The floor plan (平面布置图): walls, openings, furniture, boards seen from above, dimensions and labels."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import shapely
from shapely.geometry import LineString, Point
from shapely.geometry import Polygon as SPolygon
from shapely.geometry import box as sbox

from ..model.geometry import Wall, hinge_offset
from ..model.plan import FloorItem, Plan
from .primitives import Arc, Dimension, Line, P, Page, Polygon, Style, Text
from .sheets import choose_sheet
from .labels import LabelPlacer, draw_label_keys, key_number, text_mid, tw
from .style import (CHAIR_FILL, DIM_CHAIN_1, DIM_CHAIN_2, DIM_CHAIN_W, FLAG_RED, FURN_FILL, GLASS, GREY, INK,
                    OBST_FILL, PLAN_PAD, RED, S, TAG_R, TEXT, TEXT_DIM, TEXT_SMALL, WALL_FILL,
                    WALL_TAG, W_BOLD, W_FINE, W_HEAVY, W_MED, W_THIN, floor_label, fmt_area, fmt_mm,
                    kind_name, obstacle_label, tr)
from .titleblock import (_sym_bar, _sym_dim, _sym_door, _sym_obstacle, _sym_rect, _sym_window, draw_frame,
                         draw_legend, draw_scale_bar, draw_title_block, sheet_info)

# ====================================================================== floor plan

@dataclass
class PlanView:
    """Where the floor plan is drawn: plan millimetres (y up) to paper millimetres (y down)."""
    scale: float
    minx: float
    maxy: float
    ox: float
    oy: float

    def p(self, pt) -> P:
        return (self.ox + (float(pt[0]) - self.minx) / self.scale, self.oy + (self.maxy - float(pt[1])) / self.scale)

    def pts(self, pts) -> tuple[P, ...]:
        return tuple(self.p(q) for q in pts)


def _geom_polys(g) -> list[SPolygon]:
    if g.is_empty:
        return []
    if isinstance(g, SPolygon):
        return [g]
    return [x for x in getattr(g, "geoms", []) if isinstance(x, SPolygon) and not x.is_empty]


def _poly_prim(g: SPolygon, view: PlanView, style: Style, layer: str, ref: str) -> Polygon:
    ext = view.pts(list(g.exterior.coords)[:-1])
    holes = tuple(view.pts(list(i.coords)[:-1]) for i in g.interiors)
    return Polygon(ext, style, layer, ref, holes)


def door_hinge_offset(wall: Wall, door) -> float:
    """Offset of a door's hinge along its wall (the rule lives in model.geometry)."""
    return hinge_offset(wall, door.offset, door.width, door.hinge)


def _outer_vertices(outline, walls: list[Wall], t: float) -> list[P]:
    """The outer corners of walls of thickness ``t`` (mitred)."""
    n = len(outline)
    out = []
    for i in range(n):
        wa, wb = walls[i - 1], walls[i]
        na, nb = wa.inward_normal, wb.inward_normal
        # lines: p = a + s*da - t*na ; q = b + u*db - t*nb
        a = (wa.start[0] - t * na[0], wa.start[1] - t * na[1])
        b = (wb.start[0] - t * nb[0], wb.start[1] - t * nb[1])
        da, db = wa.direction, wb.direction
        det = da[0] * (-db[1]) - da[1] * (-db[0])
        if abs(det) < 1e-9:
            out.append(b)
            continue
        rx, ry = b[0] - a[0], b[1] - a[1]
        s = (rx * (-db[1]) - ry * (-db[0])) / det
        out.append((a[0] + s * da[0], a[1] + s * da[1]))
    return out


def floor_plan_page(plan: Plan, lang: str = "zh", date: str = "") -> Page:
    """The floor plan sheet (平面布置图)."""
    spec = plan.spec
    outline = spec.outline
    walls = spec.walls()
    n = len(walls)
    t = float(spec.room.wall_thickness)
    room = SPolygon(outline)
    outer = room.buffer(t, join_style="mitre", mitre_limit=10.0)
    minx, miny, maxx, maxy = outer.bounds
    sheet = choose_sheet(maxx - minx, maxy - miny, 2 * PLAN_PAD, 2 * PLAN_PAD)
    page = Page(sheet.paper.width, sheet.paper.height, name="floorplan",
                meta={"sheet": sheet, "kind": "floorplan"})
    ax0, ay0, ax1, ay1 = sheet.drawing_area
    s = sheet.scale
    dw, dh = (maxx - minx) / s, (maxy - miny) / s
    view = PlanView(s, minx, maxy, ax0 + (ax1 - ax0 - dw) / 2, ay0 + (ay1 - ay0 - dh) / 2)
    page.meta["view"] = view

    placer = LabelPlacer((ax0, ay0, ax1, ay1))
    room_p = SPolygon(view.pts(outline))
    outer_p = SPolygon(view.pts(list(outer.exterior.coords)[:-1]))

    # ---- walls (poché), per wall so the main wall can be marked
    ring = outer.difference(room)
    outs = _outer_vertices(outline, walls, t)
    cuts = []
    for k, o in enumerate(spec.room.openings):
        w = walls[o.wall]
        a, b = float(o.offset), float(o.offset + o.width)
        cuts.append(SPolygon([w.point_at(a, 1.0), w.point_at(b, 1.0), w.point_at(b, -t - 1.0), w.point_at(a, -t - 1.0)]))
    cut_all = shapely.union_all(cuts) if cuts else None
    for i, w in enumerate(walls):
        quad = SPolygon([outline[i], outline[(i + 1) % n], outs[(i + 1) % n], outs[i]])
        if not quad.is_valid:
            quad = quad.buffer(0)
        seg = quad.intersection(ring)
        if cut_all is not None:
            seg = seg.difference(cut_all)
        main = i == plan.main_wall
        st = S(INK, W_BOLD, RED if main else WALL_FILL)
        for g in _geom_polys(seg):
            page.add(_poly_prim(g, view, st, "wall", f"wall:{i}"))
            placer.obstacle(SPolygon(view.pts(list(g.exterior.coords)[:-1])), f"wall:{i}")
    page.meta["outer"] = outer

    # ---- openings
    for k, o in enumerate(spec.room.openings):
        w = walls[o.wall]
        a, b = float(o.offset), float(o.offset + o.width)
        ref = f"{o.kind}:{k}"
        if o.kind == "window":
            glass = S(None, 0, GLASS)
            page.add(Polygon(view.pts([w.point_at(a, 0), w.point_at(b, 0), w.point_at(b, -t), w.point_at(a, -t)]),
                             glass, "opening", ref))
            for f in (0.0, 1 / 3, 2 / 3, 1.0):
                page.add(Line(view.p(w.point_at(a, -t * f)), view.p(w.point_at(b, -t * f)), S(INK, W_FINE), "opening", ref))
            for e in (a, b):
                page.add(Line(view.p(w.point_at(e, 0)), view.p(w.point_at(e, -t)), S(INK, W_FINE), "opening", ref))
            placer.obstacle(SPolygon(view.pts([w.point_at(a, 0), w.point_at(b, 0), w.point_at(b, -t), w.point_at(a, -t)])), ref)
        else:
            h = door_hinge_offset(w, o)
            other = b if h == a else a
            depth = 0.0 if o.swing == "in" else -t
            sign = 1.0 if o.swing == "in" else -1.0
            hinge = w.point_at(h, depth)
            leaf_end = w.point_at(h, depth + sign * float(o.width))
            shut = w.point_at(other, depth)
            H, E, J = view.p(hinge), view.p(leaf_end), view.p(shut)
            r = math.dist(H, E)
            ang = lambda q: math.degrees(math.atan2(-(q[1] - H[1]), q[0] - H[0]))
            a1, a2 = ang(E), ang(J)
            if (a2 - a1) % 360 <= 180:
                st_, en_ = a1, a1 + (a2 - a1) % 360
            else:
                st_, en_ = a2, a2 + (a1 - a2) % 360
            # leaf: a thin rectangle (40 mm) from the hinge
            dirw = (J[0] - H[0]) / r, (J[1] - H[1]) / r
            lt = max(40.0 / s, 0.5)
            leaf = (H, E, (E[0] + dirw[0] * lt, E[1] + dirw[1] * lt), (H[0] + dirw[0] * lt, H[1] + dirw[1] * lt))
            page.add(Polygon(leaf, S(INK, W_MED, "#FFFFFF"), "opening", ref))
            page.add(Arc(H, r, st_, en_, S(INK, W_FINE), "opening", ref))
            # door jamb lines across the wall
            for e in (a, b):
                page.add(Line(view.p(w.point_at(e, 0)), view.p(w.point_at(e, -t)), S(INK, W_MED), "opening", ref))
            sector = [H] + [(H[0] + r * math.cos(math.radians(st_ + (en_ - st_) * k / 10)),
                             H[1] - r * math.sin(math.radians(st_ + (en_ - st_) * k / 10))) for k in range(11)]
            placer.obstacle(SPolygon(sector), ref)

    # ---- obstacles
    for k, ob in enumerate(spec.room.obstacles):
        w = walls[ob.wall]
        a, b = float(ob.offset), float(ob.offset + ob.width)
        d = float(ob.depth)
        ref = f"obstacle:{k}"
        flush = d <= 0
        dd = d if not flush else max(60.0, 0.8 * s)
        pts = view.pts([w.point_at(a, 0), w.point_at(b, 0), w.point_at(b, dd), w.point_at(a, dd)])
        page.add(Polygon(pts, S(INK, W_FINE, OBST_FILL, (0.8, 0.5) if flush else None), "obstacle", ref))
        if not flush:
            page.add(Line(pts[0], pts[2], S(INK, W_THIN), "obstacle", ref))
            page.add(Line(pts[1], pts[3], S(INK, W_THIN), "obstacle", ref))
        placer.obstacle(SPolygon(pts), ref)

    # ---- wall items as bars on the wall faces
    bar = max(50.0, 0.9 * s)
    for it in plan.wall_items:
        w = walls[it.wall]
        a, b = float(it.offset), float(it.offset + it.width)
        if it.face == "inside":
            d0, d1 = 0.0, bar
        else:
            d0, d1 = -t - bar, -t
        pts = view.pts([w.point_at(a, d0), w.point_at(b, d0), w.point_at(b, d1), w.point_at(a, d1)])
        fill = FLAG_RED if it.kind == "flag" else ("#E3A2A2" if it.kind == "board" else "#FFFFFF")
        page.add(Polygon(pts, S(INK, W_THIN, fill), "wallitem", it.id))
        placer.obstacle(SPolygon(pts), f"wi:{it.id}")

    # ---- furniture
    by_id = {f.id: f for f in plan.floor_items}
    fpolys: dict[str, SPolygon] = {}
    order = sorted(plan.floor_items, key=lambda f: (_mount(f) == "ceiling", _mount(f) == "on", 0))
    for f in order:
        pts = view.pts(f.footprint)
        poly = SPolygon(pts)
        if not poly.is_valid:
            poly = poly.buffer(0)
        fpolys[f.id] = poly
        m = _mount(f)
        if m == "ceiling":
            st, layer = S(GREY, W_FINE, None, (1.6, 0.8)), "furniture-above"
        elif f.kind == "chair":
            st, layer = S(INK, W_FINE, CHAIR_FILL), "furniture"
        elif m == "wall":
            st, layer = S(INK, W_FINE, "#FFFFFF"), "furniture"
        else:
            st, layer = S(INK, W_MED, FURN_FILL), "furniture"
        page.add(Polygon(pts, st, layer, f.id))
        if f.kind == "chair":
            back = _chair_back(pts, f)
            if back:
                page.add(Line(back[0], back[1], S(INK, W_HEAVY), "furniture", f.id))
        placer.obstacle(poly, f.id)

    # ---- dimensions and wall numbers
    _plan_dimensions(page, plan, walls, view, t, lang)
    _wall_tags(page, plan, walls, view, t, lang)
    # leader labels stay inside the room or outside the dimension zone
    dim_zone = outer_p.buffer(PLAN_PAD + 1.0, join_style="mitre")
    area_box = sbox(ax0, ay0, ax1, ay1)
    placer.regions = [room_p.buffer(-0.8), area_box.difference(dim_zone)]
    for r in placer.regions:
        shapely.prepare(r)

    # ---- labels: obstacles, furniture (chairs grouped), the room's area
    _place_plan_labels(page, plan, placer, fpolys, by_id, walls, view, t, lang)
    free = placer.free(f"{tr('area', lang)} {fmt_area(outline)}", TEXT, (room_p.centroid.x, room_p.centroid.y),
                       room_p.buffer(-1.0), color=GREY, ref="area")
    if free:
        page.extend(free.prims)

    # ---- sheet furniture: frame, legend, notes, scale bar, title block
    draw_frame(page, sheet)
    cx0, cy0, cx1, cy1 = sheet.column
    has_ceiling = any(_mount(f) == "ceiling" for f in plan.floor_items)
    # the legend lists what this sheet shows
    ops = spec.room.openings
    present = [
        (True, tr("wall_leg", lang, t=fmt_mm(t)), _sym_rect(WALL_FILL, INK, W_MED)),
        (True, tr("main_wall_leg", lang), _sym_rect(RED, INK, W_MED)),
        (any(o.kind == "door" for o in ops), tr("door_leg", lang), _sym_door),
        (any(o.kind == "window" for o in ops), tr("window_leg", lang), _sym_window),
        (bool(spec.room.obstacles), tr("obstacle_leg", lang), _sym_obstacle),
        (bool(plan.floor_items), tr("furniture_leg", lang), _sym_rect(FURN_FILL)),
        (has_ceiling, tr("ceiling_leg", lang), _sym_rect(None, GREY, W_FINE, (1.6, 0.8))),
        (any(i.kind == "flag" for i in plan.wall_items), tr("flag_leg", lang), _sym_bar(FLAG_RED)),
        (any(i.kind != "flag" for i in plan.wall_items), tr("board_leg", lang), _sym_bar("#E3A2A2")),
        (True, tr("dim_leg", lang), _sym_dim)]
    entries = [(label, sym) for show, label, sym in present if show]
    y = draw_legend(page, cx0 + 4, cy0 + 4, cx1 - cx0 - 8, entries, lang)
    y += 2
    notes = [f"{tr('area', lang)}: {fmt_area(outline)}"]
    if plan.seating:
        notes.append(f"{tr('seats', lang)}: {plan.seating.seats}")
    for nline in notes:
        page.add(text_mid((cx0 + 4, y + 2), nline, TEXT, anchor="start", layer="legend"))
        y += 5.0
    tb_top = cy1 - sheet.layout.title_block_height
    draw_label_keys(page, cx0 + 4, y + 2.0, cx1 - cx0 - 8, tb_top - 26, lang)
    draw_scale_bar(page, sheet, cx0 + 4, tb_top - 24, cx1 - cx0 - 12, lang)
    info = sheet_info(plan, lang, date, tr("floor_plan", lang), "P-01", spec.branch.name)
    info.subtitle = ""
    draw_title_block(page, sheet, info, lang)
    return page


def _mount(f: FloorItem) -> str:
    return getattr(f, "mount", "floor") or "floor"


def _chair_back(pts: tuple[P, ...], f: FloorItem) -> Optional[tuple[P, P]]:
    """The back edge of a chair (opposite to the way it faces), in paper coordinates."""
    faces = getattr(f, "faces", None)
    if not faces or len(pts) < 3:
        return None
    fx, fy = float(faces[0]), -float(faces[1])     # to paper
    cx = sum(p[0] for p in pts) / len(pts)
    cy = sum(p[1] for p in pts) / len(pts)
    best, bestd = None, 1e9
    for k in range(len(pts)):
        a, b = pts[k], pts[(k + 1) % len(pts)]
        mx, my = (a[0] + b[0]) / 2 - cx, (a[1] + b[1]) / 2 - cy
        d = mx * fx + my * fy
        if d < bestd:
            best, bestd = (a, b), d
    if best is None:
        return None
    a, b = best
    # pull the back line slightly inside so it does not double the outline
    ins = 0.35
    L = math.hypot(fx, fy) or 1.0
    return ((a[0] + fx / L * ins, a[1] + fy / L * ins), (b[0] + fx / L * ins, b[1] + fy / L * ins))


def _dimension_obstacles(page: Page) -> list:
    """Shapely geometries of everything the dimensions drew (lines and text boxes)."""
    from .primitives import explode
    geoms = []
    for d in page.find(Dimension):
        for q in explode(d):
            if isinstance(q, Line):
                geoms.append(LineString([q.a, q.b]))
            elif isinstance(q, Text) and q.text:
                w_ = tw(q.text, q.size)
                t_ = math.radians(q.angle)
                ux, uy = math.cos(t_), -math.sin(t_)
                upx, upy = -math.sin(t_), -math.cos(t_)
                x0 = q.pos[0] - ux * (w_ / 2 if q.anchor == "middle" else (w_ if q.anchor == "end" else 0))
                y0 = q.pos[1] - uy * (w_ / 2 if q.anchor == "middle" else (w_ if q.anchor == "end" else 0))
                pts = [(x0 - upx * 0.2 * q.size, y0 - upy * 0.2 * q.size),
                       (x0 + ux * w_ - upx * 0.2 * q.size, y0 + uy * w_ - upy * 0.2 * q.size),
                       (x0 + ux * w_ + upx * 0.9 * q.size, y0 + uy * w_ + upy * 0.9 * q.size),
                       (x0 + upx * 0.9 * q.size, y0 + upy * 0.9 * q.size)]
                geoms.append(SPolygon(pts))
    return geoms


def _wall_tags(page: Page, plan: Plan, walls: list[Wall], view: PlanView, t: float, lang: str) -> None:
    """Wall numbers in circles outside each wall, clear of the dimension chains: beyond the
    chains where the wall is on the outline's bounding box, else just outside the wall,
    sliding along it to a free spot."""
    obstacles = _dimension_obstacles(page)
    tree = shapely.STRtree(obstacles) if obstacles else None
    outer = SPolygon(view.pts(_outer_vertices(plan.spec.outline, walls, t)))
    taken: list = []
    for i, w in enumerate(walls):
        main = i == plan.main_wall
        label = tr("main_wall", lang) if main else ""
        n_out = (-w.inward_normal[0], -w.inward_normal[1])
        v = (n_out[0], -n_out[1])                      # outward, on paper
        d = (w.direction[0], -w.direction[1])          # along the wall, on paper
        best = None
        for dist in (WALL_TAG, 4.0 + TAG_R, 9.0, 14.0, WALL_TAG + 6.0):
            for f in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
                P0 = view.p(w.point_at(w.length * f, -t))
                c = (P0[0] + v[0] * dist, P0[1] + v[1] * dist)
                geom = Point(c).buffer(TAG_R + 0.6)
                lab_pos = None
                if label:
                    lw = tw(label, TEXT)
                    if abs(d[0]) >= abs(d[1]):
                        lab_pos = (c[0] + TAG_R + 1.5 + lw / 2, c[1])
                    else:
                        lab_pos = (c[0], c[1] + TAG_R + 3.0)
                    geom = geom.union(sbox(lab_pos[0] - lw / 2 - 0.5, lab_pos[1] - 2.3, lab_pos[0] + lw / 2 + 0.5, lab_pos[1] + 2.3))
                if geom.intersects(outer) or any(geom.intersects(o) for o in taken):
                    continue
                if tree is not None and len(tree.query(geom, predicate="intersects")):
                    continue
                best = (c, lab_pos, geom)
                break
            if best:
                break
        if best is None:
            P0 = view.p(w.point_at(w.length / 2, -t))
            c = (P0[0] + v[0] * WALL_TAG, P0[1] + v[1] * WALL_TAG)
            best = (c, None, Point(c).buffer(TAG_R))
        c, lab_pos, geom = best
        taken.append(geom)
        col = RED if main else INK
        page.add(Arc(c, TAG_R, 0, 360, S(col, W_MED, "#FFFFFF"), "marker", f"wall:{i}"))
        page.add(text_mid(c, str(i), 3.0, color=col, layer="marker", ref=f"wall:{i}"))
        if label and lab_pos:
            page.add(text_mid(lab_pos, label, TEXT, color=RED, layer="marker", ref=f"wall:{i}"))
    page.meta["dimension_geoms"] = obstacles


def _dim_offset_sign(a: P, b: P, outward: P) -> float:
    ux, uy = b[0] - a[0], b[1] - a[1]
    left = (uy, -ux)
    return 1.0 if left[0] * outward[0] + left[1] * outward[1] >= 0 else -1.0


def _side_groups(walls: list[Wall]) -> Optional[dict[str, list[Wall]]]:
    """Walls grouped by the side of the drawing they face (bottom, top, left, right), for an
    outline whose walls are all horizontal or vertical and whose walls facing one side do
    not overlap when projected on it (rectangles, L, U, T shapes…). None otherwise."""
    groups: dict[str, list[Wall]] = {"bottom": [], "top": [], "left": [], "right": []}
    for w in walls:
        nx, ny = -w.inward_normal[0], -w.inward_normal[1]
        if abs(ny) > 1 - 1e-9:
            groups["top" if ny > 0 else "bottom"].append(w)
        elif abs(nx) > 1 - 1e-9:
            groups["right" if nx > 0 else "left"].append(w)
        else:
            return None
    for side, ws in groups.items():
        k = 0 if side in ("bottom", "top") else 1
        spans = sorted((min(w.start[k], w.end[k]), max(w.start[k], w.end[k])) for w in ws)
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            if b0 < a1 - 1e-6:
                return None
    return groups


def _dim_chain(page: Page, ticks: list[tuple[P, P]], values: list[float], outward: P, offset: float,
               scale: float, ref: str) -> None:
    """A chain of dimensions along measured points ``ticks`` = [(point on the baseline, where the
    extension line starts)] on paper; ``values`` are the real lengths between consecutive ticks."""
    n = len(ticks) - 1
    lens = [math.dist(ticks[k][0], ticks[k + 1][0]) for k in range(n)]
    for k in range(n):
        (qa, ea), (qb, eb) = ticks[k], ticks[k + 1]
        if lens[k] < 1e-6:
            continue
        txt = fmt_mm(values[k])
        need = tw(txt, TEXT_DIM) + 1.0
        shift = 0.0
        if need > lens[k]:
            left_len = lens[k - 1] if k > 0 else 0.0
            right_len = lens[k + 1] if k + 1 < n else 0.0
            d = lens[k] / 2 + need / 2 + 0.5
            shift = d if right_len >= left_len else -d
        sg = _dim_offset_sign(qa, qb, outward)
        page.add(Dimension(qa, qb, sg * offset, txt, TEXT_DIM, S(INK, W_FINE), "dimension", ref,
                           text_shift=shift, ext_a=ea, ext_b=eb))


def _plan_dimensions(page: Page, plan: Plan, walls: list[Wall], view: PlanView, t: float, lang: str) -> None:
    """Dimension chains outside the walls: the openings (and, for stepped outlines, the wall
    lengths) on the inner chain, the overall length on the outer chain. Lengths are clear
    (inside-face) lengths; extension lines start at the outer face of the wall."""
    spec = plan.spec
    groups = _side_groups(walls)
    if groups is None:
        for i, w in enumerate(walls):
            L = w.length
            n_out = (-w.inward_normal[0], -w.inward_normal[1])
            out_p = (n_out[0], -n_out[1])
            ticks_mm = sorted({0.0, L} | {v for o in spec.room.openings if o.wall == i
                                        for v in (float(o.offset), float(o.offset + o.width))})
            pts = [(view.p(w.point_at(u, -t)),) * 2 for u in ticks_mm]
            _dim_chain(page, [pts[0], pts[-1]], [L], out_p, DIM_CHAIN_2, view.scale, f"wall:{i}")
            if len(ticks_mm) > 2:
                _dim_chain(page, pts, [b - a for a, b in zip(ticks_mm, ticks_mm[1:])], out_p, DIM_CHAIN_1,
                           view.scale, f"wall:{i}")
        return
    outline = spec.outline
    xs = [p[0] for p in outline]
    ys = [p[1] for p in outline]
    bx0, by0, bx1, by1 = min(xs) - t, min(ys) - t, max(xs) + t, max(ys) + t
    for side, ws in groups.items():
        if not ws:
            continue
        horiz = side in ("bottom", "top")
        k = 0 if horiz else 1
        base = {"bottom": by0, "top": by1, "left": bx0, "right": bx1}[side]
        outward = {"bottom": (0.0, 1.0), "top": (0.0, -1.0), "left": (-1.0, 0.0), "right": (1.0, 0.0)}[side]
        # coordinate along the side → the wall-face point nearest the baseline
        face: dict[float, tuple[float, float]] = {}

        def add(u: float, pt: tuple[float, float]) -> None:
            u = round(u, 3)
            for key in face:
                if abs(key - u) < 1.0:
                    u = key
                    break
            cur = face.get(u)
            d_new = abs(pt[1 - k] - base)
            if cur is None or d_new < abs(cur[1 - k] - base):
                face[u] = pt

        for w in ws:
            for off in (0.0, w.length):
                q = w.point_at(off, -t)
                add(w.point_at(off)[k], q)
        wall_ends = set(face)
        for w in ws:
            for o in spec.room.openings:
                if o.wall == w.index:
                    for off in (float(o.offset), float(o.offset + o.width)):
                        add(w.point_at(off)[k], w.point_at(off, -t))
        us = sorted(face)

        def tick(u: float) -> tuple[P, P]:
            f = face[u]
            on_base = (u, base) if horiz else (base, u)
            return (view.p(on_base), view.p(f))

        ticks = [tick(u) for u in us]
        ref = "side:" + side
        _dim_chain(page, [ticks[0], ticks[-1]], [us[-1] - us[0]], outward, DIM_CHAIN_2, view.scale, ref)
        corners = sorted(u for u in us if u in wall_ends)
        if len(corners) > 2:
            _dim_chain(page, [tick(u) for u in corners], [b - a for a, b in zip(corners, corners[1:])], outward,
                       DIM_CHAIN_W, view.scale, ref)
        if len(us) > len(corners):
            _dim_chain(page, ticks, [b - a for a, b in zip(us, us[1:])], outward, DIM_CHAIN_1, view.scale, ref)


def _forced_label(page: Page, text: str, poly: SPolygon, ref: str) -> list:
    """Last resort when no free spot exists (a room packed wall to wall): the object gets a
    number (digits, ≥ 2.5 mm) keyed to a list in the information column, and the page records
    it in ``meta["crowded_labels"]``."""
    page.meta.setdefault("crowded_labels", []).append(ref)
    c = poly.representative_point()
    return key_number(page, (c.x, c.y), text, ref)


def _place_plan_labels(page: Page, plan: Plan, placer: LabelPlacer, fpolys: dict[str, SPolygon],
                       by_id: dict[str, FloorItem], walls: list[Wall], view: PlanView, t: float, lang: str) -> None:
    spec = plan.spec
    ceiling_keys = {f.id for f in plan.floor_items if _mount(f) == "ceiling"}
    # what stands on what: an item may overlap the piece it stands on
    under: dict[str, set[str]] = {}
    for f in plan.floor_items:
        base = getattr(f, "on", None)
        if base:
            under.setdefault(f.id, set()).add(base)
    # inside labels first, biggest pieces first
    pending = []
    chairs = [f for f in plan.floor_items if f.kind == "chair"]
    others = [f for f in plan.floor_items if f.kind != "chair"]
    others.sort(key=lambda f: (-fpolys[f.id].area, f.id))
    for f in others:
        poly = fpolys[f.id]
        text = floor_label(f, lang)
        allow = under.get(f.id, set()) | ceiling_keys
        pl = placer.inside(text, poly, f.id, (TEXT, 3.0, 2.5), allow=allow, ref=f.id)
        if pl:
            page.extend(pl.prims)
        else:
            pending.append(f)
    for f in pending:
        pl = placer.beside(floor_label(f, lang), [(fpolys[f.id], f.id)], TEXT_SMALL, ref=f.id)
        page.extend(pl.prims if pl else _forced_label(page, floor_label(f, lang), fpolys[f.id], f.id))
    if chairs:
        text = f"{kind_name('chair', lang)} ×{len(chairs)}"
        pl = placer.beside(text, [(fpolys[c.id], c.id) for c in chairs], TEXT_SMALL, ref="chairs")
        page.extend(pl.prims if pl else _forced_label(page, text, fpolys[chairs[0].id], "chairs"))
    for k, ob in enumerate(spec.room.obstacles):
        w = walls[ob.wall]
        a, b = float(ob.offset), float(ob.offset + ob.width)
        d = max(float(ob.depth), 60.0)
        poly = SPolygon(view.pts([w.point_at(a, 0), w.point_at(b, 0), w.point_at(b, d), w.point_at(a, d)]))
        text = obstacle_label(ob.label, lang)
        pl = placer.inside(text, poly, f"obstacle:{k}", (TEXT, 3.0, 2.5), ref=f"obstacle:{k}", halo=True)
        if pl is None:
            pl = placer.beside(text, [(poly, f"obstacle:{k}")], TEXT_SMALL, color=GREY, ref=f"obstacle:{k}")
        if pl:
            page.extend(pl.prims)
