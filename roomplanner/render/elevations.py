"""Elevations (立面图) of every wall face that carries something, each on its own sheet at the
largest preferred scale at which that wall fits (:func:`elevation_sheet`). Labels are set at
≥ 3.5 mm (汉字) / ≥ 2.5 mm (digits): a board's name goes inside the board where it fits,
else beside it on the free wall with a leader, else as a number keyed to the list in the
information column. The installation schedule pages are in :mod:`.schedule`."""

from __future__ import annotations

import math
from dataclasses import dataclass

from shapely.geometry import Polygon as SPolygon
from shapely.geometry import box as sbox

from ..facts import FLAG_SIZES_MM
from ..model.geometry import Wall
from ..model.plan import FloorItem, Plan, WallItem
from .installation import item_left
from .primitives import Arc, Dimension, Line, P, Page, Polygon, Polyline, Text
from .sheets import Sheet, choose_common_sheet, choose_sheet
from .labels import LabelPlacer, draw_label_keys, fit_box, key_number, text_mid, tw, wrap_fit
from .planview import _mount, door_hinge_offset
from .style import (BOARD_FILL, EL_PAD_BOTTOM, EL_PAD_LEFT, EL_PAD_RIGHT, EL_PAD_TOP, FLAG_RED, GLASS, GOLD,
                    GREY, INK, LIGHT, OBST_FILL, RED, S, SLAB, SLAB_FILL, TEXT_DIM,
                    WALL_FILL, W_BOLD, W_FINE, W_HEAVY, W_MED, W_THIN, floor_label, fmt_mm,
                    item_title, obstacle_label, tr, wall_name)
from .titleblock import (_sym_board, _sym_dim, _sym_door_el, _sym_flag, _sym_obstacle, _sym_rect, draw_frame,
                         draw_legend, draw_scale_bar, draw_title_block, sheet_info)

# ====================================================================== elevations

@dataclass
class ElevationView:
    """Where an elevation is drawn: wall millimetres (from the viewer's left, above the floor) to paper."""
    wall: Wall
    face: str             # inside | outside
    height: float         # ceiling height (mm)
    scale: float
    x0: float             # paper x of the wall's left end
    yf: float             # paper y of the floor

    def x(self, left_mm: float) -> float:
        return self.x0 + left_mm / self.scale

    def y(self, h_mm: float) -> float:
        return self.yf - h_mm / self.scale

    def left(self, offset: float, width: float) -> float:
        """Distance (mm) of a span's left edge from the left end of the wall as the viewer sees it."""
        vl = self.wall.viewer_left(offset, width)
        return vl if self.face == "inside" else self.wall.length - vl - width

    def rect(self, left: float, bottom: float, width: float, height: float) -> tuple[P, P, P, P]:
        x0, x1 = self.x(left), self.x(left + width)
        y0, y1 = self.y(bottom + height), self.y(bottom)
        return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def elevation_views(plan: Plan) -> list[tuple[int, str]]:
    """(wall, face) of every elevation drawn: the inside of each wall that carries anything
    (a wall item, an opening, an obstacle, furniture against it), then the outside of each
    wall with an outside item (door signs, plaque), in wall order."""
    spec = plan.spec
    out = []
    for i in range(len(spec.outline)):
        inside = (any(it.wall == i and it.face == "inside" for it in plan.wall_items)
                  or any(o.wall == i for o in spec.room.openings)
                  or any(ob.wall == i for ob in spec.room.obstacles))
        if inside:
            out.append((i, "inside"))
        if any(it.wall == i and it.face == "outside" for it in plan.wall_items):
            out.append((i, "outside"))
    return out


def elevation_extent(plan: Plan, wall_index: int) -> tuple[float, float]:
    """Real size (mm) of a wall's elevation drawing: the wall with its cut side walls, the room height."""
    spec = plan.spec
    t = float(spec.room.wall_thickness)
    return (spec.walls()[wall_index].length + 2 * t, float(spec.room.height))


def elevation_sheet(plan: Plan, wall_index: int | None = None) -> Sheet:
    """The sheet of one wall's elevation (each sheet has its own scale: the largest preferred
    scale at which that wall fits), or, without ``wall_index``, the default paper for the
    pages without a drawing (the schedule)."""
    if wall_index is None:
        views = elevation_views(plan)
        return choose_common_sheet([elevation_extent(plan, i) for i, _ in views] or [elevation_extent(plan, 0)],
                                   EL_PAD_LEFT + EL_PAD_RIGHT, EL_PAD_TOP + EL_PAD_BOTTOM)
    w, h = elevation_extent(plan, wall_index)
    return choose_sheet(w, h, EL_PAD_LEFT + EL_PAD_RIGHT, EL_PAD_TOP + EL_PAD_BOTTOM)


def _spread(targets: list[float], gap: float, lo: float = -1e9, hi: float = 1e9) -> list[float]:
    """Positions near ``targets`` (sorted ascending) at least ``gap`` apart (cluster merging)."""
    clusters: list[list] = []   # [start, members(list of target), ]
    for x in targets:
        clusters.append([x, [x]])
        while len(clusters) > 1:
            a, b = clusters[-2], clusters[-1]
            if a[0] + len(a[1]) * gap > b[0] + 1e-9:
                members = a[1] + b[1]
                mean = sum(members) / len(members)
                start = mean - (len(members) - 1) * gap / 2
                clusters[-2:] = [[start, members]]
            else:
                break
    out = []
    for start, members in clusters:
        for k in range(len(members)):
            out.append(start + k * gap)
    # keep inside [lo, hi]
    if out and out[0] < lo:
        d = lo - out[0]
        out = [x + d for x in out]
    if out and out[-1] > hi:
        d = out[-1] - hi
        out = [x - d for x in out]
    return out


def _elevation_page(plan: Plan, wall_index: int, face: str, sheet: Sheet | None, lang: str, date: str,
                    number: int, total: int) -> Page:
    """One elevation sheet; ``sheet`` None: the wall's own (:func:`elevation_sheet`)."""
    spec = plan.spec
    sheet = sheet or elevation_sheet(plan, wall_index)
    walls = spec.walls()
    w = walls[wall_index]
    L = w.length
    H = float(spec.room.height)
    t = float(spec.room.wall_thickness)
    s = sheet.scale
    ax0, ay0, ax1, ay1 = sheet.drawing_area
    tot_w = (L + 2 * t) / s + EL_PAD_LEFT + EL_PAD_RIGHT
    tot_h = H / s + EL_PAD_TOP + EL_PAD_BOTTOM
    xs = ax0 + (ax1 - ax0 - tot_w) / 2
    ys = ay0 + (ay1 - ay0 - tot_h) / 2
    view = ElevationView(w, face, H, s, xs + EL_PAD_LEFT + t / s, ys + EL_PAD_TOP + H / s)
    name = f"wall-{wall_index}" + ("" if face == "inside" else "-outside")
    page = Page(sheet.paper.width, sheet.paper.height, name=name,
                meta={"sheet": sheet, "kind": "elevation", "wall": wall_index, "face": face, "view": view})
    placer = LabelPlacer((ax0, ay0, ax1, ay1))
    X0, X1 = view.x(0), view.x(L)
    Yf, Yc = view.y(0), view.y(H)
    tt = t / s

    # ---- the wall, the cut side walls (section), floor and ceiling slabs
    slab = min(tt, SLAB / s)
    page.add(Polygon(((X0, Yc), (X1, Yc), (X1, Yf), (X0, Yf)), S(INK, W_MED, "#FFFFFF"), "background", f"wall:{wall_index}"))
    for xa in (X0 - tt, X1):
        page.add(Polygon(((xa, Yc - slab), (xa + tt, Yc - slab), (xa + tt, Yf + slab), (xa, Yf + slab)),
                         S(INK, W_BOLD, WALL_FILL), "wall", "cut"))
    page.add(Polygon(((X0 - tt, Yc - slab), (X1 + tt, Yc - slab), (X1 + tt, Yc), (X0 - tt, Yc)),
                     S(INK, W_MED, SLAB_FILL), "wall", "ceiling"))
    page.add(Polygon(((X0 - tt, Yf), (X1 + tt, Yf), (X1 + tt, Yf + slab), (X0 - tt, Yf + slab)),
                     S(INK, W_MED, SLAB_FILL), "wall", "floor"))
    page.add(Line((X0, Yf), (X1, Yf), S(INK, W_HEAVY), "wall", "floor"))

    hticks: list[tuple[float, str]] = [(0.0, "floor"), (H, "ceiling")]
    xticks: list[float] = [0.0, L]

    # ---- openings
    for k, o in enumerate(spec.room.openings):
        if o.wall != wall_index:
            continue
        ref = f"{o.kind}:{k}"
        lft = view.left(float(o.offset), float(o.width))
        sill = spec.window_sill(o) if o.kind == "window" else 0.0
        r = view.rect(lft, sill, float(o.width), float(o.height))
        xticks += [lft, lft + float(o.width)]
        if o.kind == "window":
            page.add(Polygon(r, S(INK, W_MED, GLASS), "opening", ref))
            fr = 50.0 / s
            inner = ((r[0][0] + fr, r[0][1] + fr), (r[1][0] - fr, r[1][1] + fr), (r[2][0] - fr, r[2][1] - fr), (r[3][0] + fr, r[3][1] - fr))
            page.add(Polygon(inner, S(INK, W_THIN), "opening", ref))
            xm = (r[0][0] + r[1][0]) / 2
            page.add(Line((xm, inner[0][1]), (xm, inner[2][1]), S(INK, W_THIN), "opening", ref))
            page.add(Line((r[3][0] - 0.8, r[3][1]), (r[2][0] + 0.8, r[2][1]), S(INK, W_BOLD), "opening", ref))
            hticks += [(sill, ref), (sill + float(o.height), ref)]
        else:
            page.add(Polygon(r, S(INK, W_MED, "#FFFFFF"), "opening", ref))
            fr = 40.0 / s
            page.add(Polyline(((r[3][0] + fr, r[3][1]), (r[0][0] + fr, r[0][1] + fr), (r[1][0] - fr, r[1][1] + fr),
                               (r[2][0] - fr, r[2][1])), S(INK, W_THIN), "opening", ref))
            # opening lines meet at the hinge side; dashed when the door opens towards the viewer
            hoff = door_hinge_offset(w, o)
            hx = view.x(view.left(hoff, 0.0)) if face == "inside" else view.x(L - w.viewer_left(hoff, 0.0))
            ox = r[1][0] if abs(hx - r[0][0]) < abs(hx - r[1][0]) else r[0][0]
            towards = (o.swing == "in") == (face == "inside")
            dash = (1.5, 1.0) if towards else None
            ymid = (r[0][1] + r[3][1]) / 2
            page.add(Polyline(((ox, r[0][1] + fr), (hx, ymid), (ox, r[3][1])), S(GREY, W_THIN, None, dash), "opening", ref))
            hticks.append((float(o.height), ref))
        placer.obstacle(SPolygon(r), ref)

    # ---- obstacles (inside face only)
    if face == "inside":
        for k, ob in enumerate(spec.room.obstacles):
            if ob.wall != wall_index:
                continue
            ref = f"obstacle:{k}"
            lft = view.left(float(ob.offset), float(ob.width))
            r = view.rect(lft, float(ob.bottom), float(ob.width), float(ob.top - ob.bottom))
            page.add(Polygon(r, S(INK, W_FINE, OBST_FILL, (0.8, 0.5)), "obstacle", ref))
            page.add(Line(r[0], r[2], S(LIGHT, W_THIN), "obstacle", ref))
            page.add(Line(r[1], r[3], S(LIGHT, W_THIN), "obstacle", ref))
            placer.obstacle(SPolygon(r), ref)
            xticks += [lft, lft + float(ob.width)]
            hticks += [(float(ob.bottom), ref), (float(ob.top), ref)]

    # ---- furniture against this wall (dashed, in front of the wall)
    furn = []
    if face == "inside":
        fb = {f.id: f for f in plan.floor_items}
        for f in plan.floor_items:
            if f.wall != wall_index or f.kind == "chair":
                continue
            offs = [w.project((float(x), float(y)))[0] for x, y in f.footprint]
            a, b = max(0.0, min(offs)), min(L, max(offs))
            if b - a < 1:
                continue
            bottom, height = _floor_item_bottom(f, fb, H), float(f.height)
            if _mount(f) == "ceiling":
                height = min(height, 400.0) if height > 0 else 300.0
            lft = view.left(a, b - a)
            r = view.rect(lft, bottom, b - a, max(height, 20.0))
            page.add(Polygon(r, S(GREY, W_FINE, None, (1.2, 0.7)), "furniture-above", f.id))
            furn.append((f, r))
            placer.obstacle(SPolygon(r), f.id)     # leader labels keep off the furniture

    # ---- wall items
    items = [it for it in plan.wall_items if it.wall == wall_index and it.face == face]
    pending: list[tuple[WallItem, tuple, str]] = []     # labels that do not fit in their item
    for it in items:
        lft = item_left(plan, it)
        r = view.rect(lft, float(it.bottom), float(it.width), float(it.height))
        xticks += [lft, lft + float(it.width)]
        hticks += [(float(it.bottom), it.id), (it.top, it.id)]
        if it.kind == "flag":
            outside = _draw_flag(page, plan, it, r, lang)
        else:
            outside = _draw_board(page, it, r, lang, lft)
        placer.obstacle(SPolygon(r), it.id)
        for text in outside:
            pending.append((it, r, text))

    # labels that do not fit inside their item: beside it with a leader, on the free wall;
    # failing that, a number keyed to the list in the information column
    placer.regions = [sbox(X0 + 0.5, Yc + 0.5, X1 - 0.5, Yf - 0.5)]
    for it, r, text in pending:
        poly = SPolygon(r)
        pl = placer.beside(text, [(poly, it.id)], 3.5, ref=it.id, max_w=64.0)
        if pl:
            page.extend(pl.prims)
        else:   # on the flag: below the emblem's quarter, clear of it
            c = poly.centroid
            pos = (c.x, r[2][1] - 3.2) if it.kind == "flag" and r[2][1] - r[0][1] > 8 else (c.x, c.y)
            page.extend(key_number(page, pos, text, it.id))
    for f, r in furn:
        poly = SPolygon(r)
        text = floor_label(f, lang)
        pl = placer.inside(text, poly, f.id, (3.5, 3.0, 2.5), allow={x.id for x in items} | {g.id for g, _ in furn},
                           color=GREY, ref=f.id)
        pl = pl or placer.beside(text, [(poly, f.id)], 3.5, color=GREY, ref=f.id)
        if pl:
            page.extend(pl.prims)
    for k, ob in enumerate(spec.room.obstacles):
        if ob.wall != wall_index or face != "inside":
            continue
        lft = view.left(float(ob.offset), float(ob.width))
        poly = SPolygon(view.rect(lft, float(ob.bottom), float(ob.width), float(ob.top - ob.bottom)))
        text = obstacle_label(ob.label, lang)
        pl = placer.inside(text, poly, f"obstacle:{k}", (3.5, 3.0, 2.5), ref=f"obstacle:{k}", halo=True)
        if pl is None:
            pl = placer.beside(text, [(poly, f"obstacle:{k}")], 3.5, color=GREY, ref=f"obstacle:{k}")
        if pl:
            page.extend(pl.prims)
        else:
            c = poly.centroid
            page.extend(key_number(page, (c.x, c.y), text, f"obstacle:{k}"))

    # ---- installer dimensions
    _elevation_dimensions(page, view, sorted(set(round(x, 3) for x in xticks)), hticks, L, H, tt, lang)

    # ---- heading above the drawing
    vname = tr("inside_view", lang) if face == "inside" else tr("outside_view", lang)
    head = f"{wall_name(wall_index, lang)} {tr('elevation', lang)}（{vname}）" if lang == "zh" else \
        f"{wall_name(wall_index, lang)} elevation ({vname})"
    if wall_index == plan.main_wall and face == "inside":
        head += "  ·  " + tr("main_wall", lang)
    page.add(Text((X0 - tt, Yc - slab - 3.0), head, 3.6, "start", 0, "sans", RED if wall_index == plan.main_wall else INK, "label", "heading"))
    page.add(Text((X1 + tt, Yc - slab - 3.0), sheet.scale_text, 3.6, "end", 0, "sans", INK, "label", "heading"))

    # ---- column
    draw_frame(page, sheet)
    cx0, cy0, cx1, cy1 = sheet.column
    y = _key_plan(page, plan, wall_index, face, (cx0 + 4, cy0 + 4, cx1 - 4, cy0 + 50), lang)
    kinds = {it.kind for it in items}
    here = [o for o in spec.room.openings if o.wall == wall_index]
    present = [
        ("flag" in kinds, tr("flag_leg_el", lang), _sym_flag),
        ("board" in kinds, tr("board_leg_el", lang), _sym_board),
        ("sign" in kinds, tr("sign_leg_el", lang), _sym_rect("#FFFFFF", GREY, W_FINE)),
        (any(o.kind == "door" for o in here), tr("door_leg", lang), _sym_door_el),
        (any(o.kind == "window" for o in here), tr("window_leg", lang), _sym_rect(GLASS)),
        (face == "inside" and any(ob.wall == wall_index for ob in spec.room.obstacles), tr("obstacle_leg", lang),
         _sym_obstacle),
        (bool(furn), tr("furn_leg_el", lang), _sym_rect(None, GREY, W_FINE, (1.2, 0.7))),
        (True, tr("dim_leg", lang), _sym_dim)]
    entries = [(label, sym) for show, label, sym in present if show]
    y = draw_legend(page, cx0 + 4, y + 3, cx1 - cx0 - 8, entries, lang)
    for note in (tr("left_note", lang, view=vname), tr("height_note", lang)):
        lines, sz, pitch = wrap_fit(note, cx1 - cx0 - 8, 16, (3.5, 3.0, 2.5))
        for ln in lines:
            page.add(text_mid((cx0 + 4, y + 1.5), ln, sz, anchor="start", layer="legend"))
            y += pitch
        y += 1.0
    tb_top = cy1 - sheet.layout.title_block_height
    draw_label_keys(page, cx0 + 4, y + 2.0, cx1 - cx0 - 8, tb_top - 26, lang)
    draw_scale_bar(page, sheet, cx0 + 4, tb_top - 24, cx1 - cx0 - 12, lang)
    title = f"{tr('elevation', lang)} · {wall_name(wall_index, lang)}" + (
        "" if face == "inside" else f"（{vname}）" if lang == "zh" else f" ({vname})")
    info = sheet_info(plan, lang, date, title, f"E-{number:02d}/{total:02d}")
    draw_title_block(page, sheet, info, lang)
    return page


def _floor_item_bottom(f: FloorItem, by_id: dict[str, FloorItem], H: float, depth: int = 0) -> float:
    m = _mount(f)
    if m == "on":
        base = by_id.get(getattr(f, "on", None) or "")
        if base is not None and depth < 8:
            return _floor_item_bottom(base, by_id, H, depth + 1) + float(base.height)
        return 0.0
    if m == "ceiling":
        return H - min(float(f.height), 400.0) if f.height else H - 300.0
    if m == "wall":
        b = getattr(f, "bottom", None)
        return float(b) if b is not None else 0.0
    return 0.0


def _draw_flag(page: Page, plan: Plan, it: WallItem, r, lang: str) -> list[str]:
    """The flag in elevation; returns the texts that did not fit on it (drawn outside)."""
    (x0, y0), (x1, _), (_, y1), _ = r
    Lf = x1 - x0
    page.add(Polygon(r, S(INK, W_FINE, FLAG_RED), "flag", it.id))
    cell = Lf / 36.0
    grid = S("#EE7B66", 0.06)
    # upper-left quarter, 18 × 12 cells (hoist on the viewer's left)
    for k in range(19):
        page.add(Line((x0 + k * cell, y0), (x0 + k * cell, y0 + 12 * cell), grid, "emblem", it.id))
    for k in range(13):
        page.add(Line((x0, y0 + k * cell), (x0 + 18 * cell, y0 + k * cell), grid, "emblem", it.id))
    ex0, ey0 = x0 + 4 * cell, y0 + 3 * cell
    sq = 8 * cell
    page.add(Polygon(((ex0, ey0), (ex0 + sq, ey0), (ex0 + sq, ey0 + sq), (ex0, ey0 + sq)), S(GOLD, W_MED), "emblem", it.id + ":emblem"))
    page.add(Arc((ex0 + sq / 2, ey0 + sq / 2), sq / 2, 0, 360, S(GOLD, W_MED), "emblem", it.id + ":emblem"))
    n = it.flag_size or plan.flag_size
    if n in FLAG_SIZES_MM:
        fw, fh = FLAG_SIZES_MM[n]
    else:
        fw, fh = float(it.width), float(it.height)
        n = "?"
    note = tr("flag_bought", lang, n=n, w=f"{fw / 10:g}", h=f"{fh / 10:g}")
    title = item_title(it, lang)
    outside: list[str] = []
    # title and the purchase note in the lower half of the flag (below the emblem), white
    bx0, bx1 = x0 + 0.05 * Lf, x1 - 0.05 * Lf
    lo_top, lo_bot = y0 + 12 * cell + 0.8, y1 - 0.06 * (y1 - y0)
    blocks = []
    t_fit = fit_box(title, bx1 - bx0, lo_bot - lo_top, (5.0, 4.5, 4.0, 3.5), max_lines=2)
    if t_fit is None:
        outside.append(title + " · " + note if lang == "zh" else f"{title}: {note}")
    else:
        blocks.append(t_fit)
        th = t_fit[1] + t_fit[2] * (len(t_fit[0]) - 1)
        n_fit = fit_box(note, bx1 - bx0, lo_bot - lo_top - th - 1.0, (3.5,), max_lines=3)
        if n_fit is None:
            outside.append(note)
        else:
            blocks.append(n_fit)
    total = sum(sz + pitch * (len(lines) - 1) for lines, sz, pitch in blocks) + 1.0 * max(0, len(blocks) - 1)
    y = lo_top + max(0.0, (lo_bot - lo_top - total) / 2)
    for lines, sz, pitch in blocks:
        for k, ln in enumerate(lines):
            page.add(text_mid(((x0 + x1) / 2, y + sz / 2 + k * pitch), ln, sz, color="#FFFFFF", layer="label", ref=it.id))
        y += sz + pitch * (len(lines) - 1) + 1.0
    # its heights, in the upper right corner where there is room
    for aff, asz in ((f"{tr('aff', lang)} {fmt_mm(it.bottom)}–{fmt_mm(it.top)}", 3.5),
                     (f"{fmt_mm(it.bottom)}–{fmt_mm(it.top)}", TEXT_DIM)):
        if tw(aff, asz) <= x1 - (x0 + 18 * cell) - 2.0 and asz + 1.0 <= 12 * cell:
            page.add(text_mid((x1 - 1.0, y0 + 0.8 + asz / 2), aff, asz, anchor="end", color="#FFFFFF", layer="label",
                              ref=it.id))
            break
    return outside


def _draw_board(page: Page, it: WallItem, r, lang: str, left: float) -> list[str]:
    """A board or sign in elevation: outline, red title band (boards), the title, and, where
    there is room, its heights above the floor and its size. Returns the title if it does
    not fit inside at a legible size (the caller puts it outside)."""
    (x0, y0), (x1, _), (_, y1), _ = r
    bw, bh = x1 - x0, y1 - y0
    sign = it.kind == "sign"
    red_text = it.role == "branch_plaque"
    page.add(Polygon(r, S("#7A1F1F" if not sign else GREY, W_MED, "#FFFFFF" if sign else BOARD_FILL), "wallitem", it.id))
    band = 0.0
    if not sign:
        band = min(bh * 0.16, 4.0)
        page.add(Polygon(((x0, y0), (x1, y0), (x1, y0 + band), (x0, y0 + band)), S(None, 0, RED), "wallitem", it.id))
    pad = min(1.0, 0.08 * min(bw, bh))
    heights = f"{fmt_mm(it.bottom)}–{fmt_mm(it.top)}"
    size_txt = f"{fmt_mm(it.width)}×{fmt_mm(it.height)}"
    title = item_title(it, lang)
    inner_w = bw - 2 * pad
    inner_h = bh - band - 2 * pad
    variants = [[(f"{tr('aff', lang)} {heights}", 3.5), (size_txt, TEXT_DIM)],
                [(heights, TEXT_DIM), (size_txt, TEXT_DIM)], [(heights, TEXT_DIM)], []]
    chosen: list[tuple[str, float]] = []
    t_fit = None
    for var in variants:
        if any(tw(t_, s_) > inner_w for t_, s_ in var):
            continue
        info_h = sum(s_ * 1.3 for _, s_ in var)
        t_fit = fit_box(title, inner_w, inner_h - info_h - (0.6 if var else 0.0), (5.0, 4.5, 4.0, 3.5))
        if t_fit is not None:
            chosen = var
            break
    if t_fit is None:
        # the title goes outside; the heights stay inside if they fit
        for var in variants[1:]:
            if all(tw(t_, s_) <= inner_w for t_, s_ in var) and sum(s_ * 1.3 for _, s_ in var) <= inner_h:
                chosen = var
                break
    info_h = sum(s_ * 1.3 for _, s_ in chosen)
    col = RED if red_text else ("#5A1010" if not sign else INK)
    if t_fit is not None:
        lines, sz, pitch = t_fit
        box_top = y0 + band + pad
        box_h = inner_h - info_h - (0.6 if chosen else 0.0)
        block = sz + pitch * (len(lines) - 1)
        ytop = box_top + max(0.0, (box_h - block) / 2)
        for k, ln in enumerate(lines):
            page.add(text_mid(((x0 + x1) / 2, ytop + sz / 2 + k * pitch), ln, sz, color=col, layer="label", ref=it.id))
    yy = y1 - pad - info_h
    for t_, s_ in chosen:
        page.add(text_mid(((x0 + x1) / 2, yy + s_ * 0.65), t_, s_, color=GREY, layer="label", ref=it.id))
        yy += s_ * 1.3
    return [] if t_fit is not None else [title]


def _elevation_dimensions(page: Page, view: ElevationView, xticks: list[float], hticks: list[tuple[float, str]],
                          L: float, H: float, tt: float, lang: str) -> None:
    X0, X1, Yf, Yc = view.x(0), view.x(L), view.y(0), view.y(H)
    st = S(INK, W_FINE)
    D = "dimension"
    # --- left offsets: an ordinate line below the floor, values written downwards
    yb = Yf + min(tt, SLAB / view.scale) + 3.0
    page.add(Line((X0, yb), (X1, yb), st, D, "ordinate-x"))
    size = TEXT_DIM
    xs = [view.x(v) for v in xticks]
    pos = _spread(xs, size + 0.6, X0 - tt - 6, X1 + tt + 6)
    for v, x, p in zip(xticks, xs, pos):
        page.add(Line((x, yb - 1.2), (x, yb + 1.2), S(INK, W_MED), D, "ordinate-x"))
        page.add(Polyline(((x, yb), (x, yb + 2.0), (p, yb + 3.6), (p, yb + 4.4)), S(INK, W_THIN), D, "ordinate-x"))
        page.add(text_mid((p, yb + 4.9), fmt_mm(v), size, anchor="end", angle=90.0, layer=D, ref="ordinate-x"))
    page.add(Arc((X0, yb), 0.7, 0, 360, S(INK, W_FINE, "#FFFFFF"), D, "ordinate-x"))
    # --- overall wall length
    yl = yb + 4.9 + tw("00000", size) + 4.0
    page.add(Dimension((X0, yl - 3.0), (X1, yl - 3.0), -3.0, fmt_mm(L), TEXT_DIM, st, D, "wall-length", extension=True))
    # --- heights: an ordinate line left of the wall, values written leftwards
    xl = X0 - tt - 3.0
    hs = sorted({round(h, 3) for h, _ in hticks})
    ys = [view.y(h) for h in hs]
    order = sorted(range(len(hs)), key=lambda k: ys[k])
    sorted_y = [ys[k] for k in order]
    spread = _spread(sorted_y, size + 0.6, Yc - 8, Yf + 4)
    page.add(Line((xl, Yc), (xl, Yf), st, D, "ordinate-h"))
    for k, p in zip(order, spread):
        y = ys[k]
        page.add(Line((xl - 1.2, y), (xl + 1.2, y), S(INK, W_MED), D, "ordinate-h"))
        page.add(Polyline(((xl, y), (xl - 2.0, y), (xl - 3.6, p), (xl - 4.4, p)), S(INK, W_THIN), D, "ordinate-h"))
        page.add(text_mid((xl - 4.9, p), fmt_mm(hs[k]), size, anchor="end", layer=D, ref="ordinate-h"))
    page.add(Arc((xl, Yf), 0.7, 0, 360, S(INK, W_FINE, "#FFFFFF"), D, "ordinate-h"))
    # --- ceiling height on the right
    xr = X1 + tt + 6.0
    page.add(Dimension((X1 + tt, Yf), (X1 + tt, Yc), -(xr - X1 - tt), f"{tr('ceiling', lang)} {fmt_mm(H)}",
                       3.5, st, D, "ceiling-height"))


def _key_plan(page: Page, plan: Plan, wall_index: int, face: str, box: tuple[float, float, float, float], lang: str) -> float:
    """A small plan of the room with the wall drawn highlighted and the view direction."""
    x0, y0, x1, y1 = box
    L = "legend"
    page.add(text_mid((x0, y0 + 2.5), tr("key_plan", lang), 4.0, anchor="start", layer=L))
    y0 += 6.5
    outline = plan.spec.outline
    walls = plan.spec.walls()
    xs = [p[0] for p in outline]
    ys = [p[1] for p in outline]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    k = min((x1 - x0 - 18) / w, (y1 - y0 - 12) / h)
    ox = x0 + (x1 - x0 - w * k) / 2
    oy = y0 + (y1 - y0 - h * k) / 2
    tp = lambda p: (ox + (p[0] - min(xs)) * k, oy + (max(ys) - p[1]) * k)
    pts = tuple(tp(p) for p in outline)
    page.add(Polygon(pts, S(INK, W_BOLD, "#F4F4F4"), L, "keyplan"))
    wl = walls[wall_index]
    a, b = tp(wl.start), tp(wl.end)
    page.add(Line(a, b, S(RED, 1.2, cap="round"), L, f"keyplan:wall:{wall_index}"))
    for i, ww in enumerate(walls):
        m = tp(ww.midpoint)
        nx, ny = -ww.inward_normal[0], ww.inward_normal[1]   # outward, on paper
        page.add(text_mid((m[0] + nx * 3.6, m[1] + ny * 3.6), str(i), 2.5,
                          color=RED if i == wall_index else GREY, layer=L))
    m = tp(wl.midpoint)
    nin = (wl.inward_normal[0], -wl.inward_normal[1])
    sgn = 1.0 if face == "inside" else -1.0
    tail = (m[0] + sgn * nin[0] * 9, m[1] + sgn * nin[1] * 9)
    tip = (m[0] + sgn * nin[0] * 2.0, m[1] + sgn * nin[1] * 2.0)
    page.add(Line(tail, tip, S(RED, W_BOLD), L, "keyplan:arrow"))
    ux, uy = tip[0] - tail[0], tip[1] - tail[1]
    ln = math.hypot(ux, uy)
    ux, uy = ux / ln, uy / ln
    head = ((tip[0], tip[1]), (tip[0] - ux * 2.2 - uy * 1.1, tip[1] - uy * 2.2 + ux * 1.1),
            (tip[0] - ux * 2.2 + uy * 1.1, tip[1] - uy * 2.2 - ux * 1.1))
    page.add(Polygon(head, S(None, 0, RED), L, "keyplan:arrow"))
    return y1
