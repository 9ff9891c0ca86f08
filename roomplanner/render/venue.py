"""Drawings of a class-3 venue (三类阵地, 001 §2(三)1): no room, so no floor plan — one
elevation per given wall (the corridor wall with the publicity window, the secretary's
office wall with the party-affairs column), true to scale, with the heights and offsets the
installer needs, and the installation schedule.

``venue_drawing_files(plan, ...)`` gives (and ``render_venue_drawings`` writes) ``elevations.pdf`` (one page per wall),
``elevations/venue-<wall>.svg`` and ``installation.csv``; it reuses the room drawings' sheet,
title block, board symbol and dimension code (:mod:`.titleblock`, :mod:`.elevations`), so both look alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..model.plan import Plan
from ..model.venue import VENUE_WALL_NAMES, VENUE_WALLS
from .drawing import pdf_bytes, resolve_date, svg_string
from .elevations import ElevationView, _draw_board, _elevation_dimensions
from shapely.geometry import Polygon as SPolygon
from shapely.geometry import box as sbox

from .labels import LabelPlacer, draw_label_keys, fit_line, key_number, text_mid
from .style import (EL_PAD_BOTTOM, EL_PAD_LEFT, EL_PAD_RIGHT, EL_PAD_TOP, GLASS, GREY, INK, LIGHT, OBST_FILL,
                    W_FINE, W_HEAVY, W_MED, W_THIN, S)
from .titleblock import SheetInfo, _branch_type_name, draw_frame, draw_scale_bar, draw_title_block
from .primitives import Line, Page, Polygon, Polyline
from .sheets import choose_sheet

__all__ = ["venue_pages", "venue_drawing_files", "render_venue_drawings"]


def _t(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


def venue_pages(plan: Plan, lang: str = "zh", date: str = "") -> list[Page]:
    walls = [plan.spec.venue_walls.wall(i) for i in range(len(VENUE_WALLS))]
    pages = []
    for i, wall in enumerate(walls):
        name = VENUE_WALLS[i]
        zh, en = VENUE_WALL_NAMES[name]
        L, H = float(wall.length), float(wall.height)
        # each wall on its own sheet, at the largest preferred scale at which it fits
        sheet = choose_sheet(L, H, EL_PAD_LEFT + EL_PAD_RIGHT, EL_PAD_TOP + EL_PAD_BOTTOM)
        s = sheet.scale
        ax0, ay0, ax1, ay1 = sheet.drawing_area
        tot_w = L / s + EL_PAD_LEFT + EL_PAD_RIGHT
        tot_h = H / s + EL_PAD_TOP + EL_PAD_BOTTOM
        xs = ax0 + (ax1 - ax0 - tot_w) / 2
        ys = ay0 + (ay1 - ay0 - tot_h) / 2
        view = ElevationView(None, "inside", H, s, xs + EL_PAD_LEFT, ys + EL_PAD_TOP + H / s)  # type: ignore[arg-type]
        page = Page(sheet.paper.width, sheet.paper.height, name=f"venue-{name}",
                    meta={"sheet": sheet, "kind": "elevation", "wall": i, "face": "inside", "view": view})
        draw_frame(page, sheet)
        title = _t(f"立面图：{zh}", f"Elevation: {en}", lang)
        info = SheetInfo(title=title, branch=plan.spec.branch.name, branch_type=_branch_type_name(plan, lang),
                         members=str(plan.spec.branch.members), area="—", date=date,
                         sheet_no=f"{i + 1}/{len(walls)}", subtitle=wall.label or "")
        draw_title_block(page, sheet, info, lang)
        X0, X1, Yf, Yc = view.x(0), view.x(L), view.y(0), view.y(H)
        placer = LabelPlacer(sheet.drawing_area, [sbox(X0 + 0.5, Yc + 0.5, X1 - 0.5, Yf - 0.5)])
        pending = []
        page.add(Polygon(((X0, Yc), (X1, Yc), (X1, Yf), (X0, Yf)), S(INK, W_MED, "#FFFFFF"), "background", f"wall:{i}"))
        page.add(Line((X0 - 4, Yf), (X1 + 4, Yf), S(INK, W_HEAVY), "wall", "floor"))
        for x in (X0, X1):          # the wall continues: break lines at both ends
            page.add(Line((x, Yc - 2), (x, Yf + 2), S(LIGHT, W_THIN, None, (1.5, 1.0)), "wall", "end"))
        hticks: list[tuple[float, str]] = [(0.0, "floor"), (H, "ceiling")]
        xticks: list[float] = [0.0, L]
        for k, o in enumerate(wall.openings):
            ref = f"{o.kind}:{k}"
            r = view.rect(float(o.offset), o.bottom(), float(o.width), float(o.height))
            xticks += [float(o.offset), float(o.offset + o.width)]
            hticks += [(o.bottom(), ref), (o.bottom() + float(o.height), ref)]
            if o.kind == "window":
                page.add(Polygon(r, S(INK, W_MED, GLASS), "opening", ref))
            else:
                page.add(Polygon(r, S(INK, W_MED, "#FFFFFF"), "opening", ref))
                fr = 40.0 / s
                page.add(Polyline(((r[3][0] + fr, r[3][1]), (r[0][0] + fr, r[0][1] + fr), (r[1][0] - fr, r[1][1] + fr),
                                   (r[2][0] - fr, r[2][1])), S(INK, W_THIN), "opening", ref))
        for k, ob in enumerate(wall.obstacles):
            ref = f"obstacle:{k}"
            r = view.rect(float(ob.offset), float(ob.bottom), float(ob.width), float(ob.top - ob.bottom))
            page.add(Polygon(r, S(INK, W_FINE, OBST_FILL, (0.8, 0.5)), "obstacle", ref))
            page.add(Line(r[0], r[2], S(LIGHT, W_THIN), "obstacle", ref))
            page.add(Line(r[1], r[3], S(LIGHT, W_THIN), "obstacle", ref))
            placer.obstacle(SPolygon(r), ref)
            pending.append((r, ob.label, ref, GREY))
            xticks += [float(ob.offset), float(ob.offset + ob.width)]
            hticks += [(float(ob.bottom), ref), (float(ob.top), ref)]
        for it in plan.wall_items:
            if it.wall != i:
                continue
            r = view.rect(float(it.offset), float(it.bottom), float(it.width), float(it.height))
            for text in _draw_board(page, it, r, lang, float(it.offset)):
                pending.append((r, text, it.id, INK))
            placer.obstacle(SPolygon(r), it.id)
            xticks += [float(it.offset), it.right]
            hticks += [(float(it.bottom), it.id), (it.top, it.id)]
        for r, text, ref, col in pending:   # labels that do not fit in their item
            poly = SPolygon(r)
            pl = placer.inside(text, poly, ref, (3.5, 3.0, 2.5), color=col, ref=ref, halo=True)
            pl = pl or placer.beside(text, [(poly, ref)], 3.5, color=col, ref=ref, max_w=64.0)
            if pl:
                page.extend(pl.prims)
            else:
                c = poly.centroid
                page.extend(key_number(page, (c.x, c.y), text, ref))
        head = title + (f"（{wall.label}）" if wall.label and lang != "en" else (f" ({wall.label})" if wall.label else ""))
        head, hsz = fit_line(head, X1 - X0 + EL_PAD_LEFT, 4.0)
        page.add(text_mid(((X0 + X1) / 2, Yc - 5.0), head, hsz, color=INK, layer="label", ref="heading"))
        cx0, cy0, cx1, cy1 = sheet.column
        tb_top = cy1 - sheet.layout.title_block_height
        draw_label_keys(page, cx0 + 4, cy0 + 4, cx1 - cx0 - 8, tb_top - 26, lang)
        draw_scale_bar(page, sheet, cx0 + 4, tb_top - 24, cx1 - cx0 - 12, lang)
        _elevation_dimensions(page, view, sorted(set(round(x, 1) for x in xticks)), hticks, L, H, 0.0, lang)
        pages.append(page)
    return pages


def venue_drawing_files(plan: Plan, lang: str = "zh", outline_text: bool = False,
                        date: Optional[str] = None) -> dict[str, bytes]:
    """The drawings of a class-3 plan in memory, by relative path (see the module docstring)."""
    d = resolve_date(plan, date)
    pages = venue_pages(plan, lang, d)
    name = plan.spec.branch.name
    files = {"elevations.pdf": pdf_bytes(pages, outline_text, f"{name} · {_t('立面图', 'elevations', lang)}", d)}
    for pg in pages:
        files[f"elevations/{pg.name}.svg"] = svg_string(pg, outline_text, f"{name} · {pg.name}").encode("utf-8")
    files["installation.csv"] = b"\xef\xbb\xbf" + installation_csv(plan).encode("utf-8")
    return files


def render_venue_drawings(plan: Plan, out_dir: Path, lang: str = "zh", outline_text: bool = False,
                          date: Optional[str] = None) -> list[Path]:
    """Write the drawings of a class-3 plan (:func:`venue_drawing_files`) into ``out_dir``."""
    out_dir = Path(out_dir)
    written = []
    for rel, data in venue_drawing_files(plan, lang, outline_text, date).items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written


def installation_csv(plan: Plan) -> str:
    """The installation schedule in the room drawings' columns (``render.installation``);
    ``wall`` is the venue wall (0 corridor, 1 secretary's office), ``left`` the distance from
    its left end as one faces it."""
    import csv
    import io

    from .. import csvsafe
    from .installation import HEADER

    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    rows = sorted(plan.wall_items, key=lambda it: (it.wall, float(it.offset), it.id))
    for it in rows:
        w.writerow(csvsafe.row((it.id, it.title, it.kind, it.role, it.wall, it.face, round(float(it.offset)),
                                round(float(it.bottom)), round(it.top), round(float(it.width)), round(float(it.height)))))
    return buf.getvalue()
