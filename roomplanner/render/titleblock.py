"""The sheet's furniture: frame, title block, scale bar, legend and its symbols."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


from ..model.plan import Plan
from .primitives import Arc, Dimension, Line, Page, Polygon, Polyline, Text
from .sheets import Sheet, scale_bar_length
from .labels import fit_line, text_mid, wrap_fit
from .style import (BOARD_FILL, FLAG_RED, GOLD, GREY, INK, OBST_FILL, RED, S, W_BOLD, W_FINE, W_MED, W_THIN,
                    fmt_area, tr)

# ====================================================================== common sheet parts

@dataclass
class SheetInfo:
    """What the title block of one sheet says."""
    title: str
    branch: str
    branch_type: str
    members: str
    area: str
    date: str
    sheet_no: str
    subtitle: str = ""
    scale: Optional[str] = None    # None: the sheet's scale; "—" for pages without a drawing


def _branch_type_name(plan: Plan, lang: str) -> str:
    try:
        from ..profiles import load_profile
        prof = load_profile(plan.profile)
        return prof.name_en if lang == "en" else prof.name
    except Exception:   # an unknown profile in a hand-edited plan: show its id
        return plan.profile


def sheet_info(plan: Plan, lang: str, date: str, title: str, sheet_no: str, subtitle: str = "") -> SheetInfo:
    spec = plan.spec
    return SheetInfo(title=title, branch=spec.branch.name, branch_type=_branch_type_name(plan, lang),
                     members=str(spec.branch.members), area=fmt_area(spec.outline), date=date,
                     sheet_no=sheet_no, subtitle=subtitle)


def draw_frame(page: Page, sheet: Sheet) -> None:
    x0, y0, x1, y1 = sheet.frame
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(INK, sheet.layout.frame_width), "frame"))
    cx0, cy0, cx1, cy1 = sheet.column
    page.add(Line((cx0, cy0), (cx0, cy1), S(INK, W_BOLD), "frame"))


def draw_title_block(page: Page, sheet: Sheet, info: SheetInfo, lang: str) -> float:
    """The title block at the bottom of the information column; returns its top y."""
    cx0, cy0, cx1, cy1 = sheet.column
    h = sheet.layout.title_block_height
    top = cy1 - h
    L = "titleblock"
    page.add(Line((cx0, top), (cx1, top), S(INK, W_BOLD), L))
    # drawing title
    title_h = 13.0 if info.subtitle else 11.0
    t, s = fit_line(info.title, cx1 - cx0 - 6, 5.0)
    page.add(text_mid((cx0 + 3, top + (4.0 if info.subtitle else title_h / 2)), t, s, anchor="start", color=RED,
                      layer=L, font="sans"))
    if info.subtitle:
        t2, s2 = fit_line(info.subtitle, cx1 - cx0 - 6, 3.5)
        page.add(text_mid((cx0 + 3, top + 9.6), t2, s2, anchor="start", layer=L))
    page.add(Line((cx0, top + title_h), (cx1, top + title_h), S(INK, W_MED), L))
    rows = [(tr("branch", lang), info.branch), (tr("type", lang), info.branch_type),
            (tr("members", lang), info.members), (tr("area", lang), info.area),
            (tr("scale", lang), info.scale or sheet.scale_text), (tr("sheet", lang),
                                                    f"{sheet.paper.name} {sheet.paper.width:g}×{sheet.paper.height:g} mm"),
            (tr("date", lang), info.date), (tr("sheet_no", lang), info.sheet_no)]
    # the branch's name may need two lines: its row is two units high
    units = [2] + [1] * (len(rows) - 1)
    unit = (h - title_h) / sum(units)
    label_w = 19.0
    val_w = cx1 - cx0 - label_w - 3
    page.add(Line((cx0 + label_w, top + title_h), (cx0 + label_w, cy1), S(INK, W_FINE), L))
    y = top + title_h
    for k, ((lab, val), u) in enumerate(zip(rows, units)):
        rh = unit * u
        if k:
            page.add(Line((cx0, y), (cx1, y), S(INK, W_THIN), L))
        ls, lsz = fit_line(lab, label_w - 3, 3.5)
        page.add(text_mid((cx0 + 1.5, y + rh / 2), ls, lsz, anchor="start", color=GREY, layer=L))
        big = k == 4   # the scale stands out
        if u > 1:
            lines, vsz, pitch = wrap_fit(val, val_w, rh - 1.0, (3.5,), spacing=1.15)
        else:
            v1, vsz = fit_line(val, val_w, 4.0 if big else 3.5)
            lines, pitch = [v1], 0.0
        y0 = y + rh / 2 - pitch * (len(lines) - 1) / 2
        for j, vs in enumerate(lines):
            page.add(text_mid((cx0 + label_w + 1.5, y0 + j * pitch), vs, vsz, anchor="start", layer=L,
                              color=RED if big else INK))
        y += rh
    return top


def draw_scale_bar(page: Page, sheet: Sheet, x: float, y: float, max_w: float, lang: str) -> float:
    """A scale bar at (x, y) (top-left); returns the y below it."""
    total, step = scale_bar_length(sheet.scale, max_w)
    L = "scalebar"
    n = int(round(total / step))
    seg = step * 1000 / sheet.scale
    bh = 1.6
    yb = y + 4.5
    for k in range(n):
        fill = INK if k % 2 == 0 else "#FFFFFF"
        x0 = x + k * seg
        page.add(Polygon(((x0, yb), (x0 + seg, yb), (x0 + seg, yb + bh), (x0, yb + bh)), S(INK, W_THIN, fill), L))
    for k in range(n + 1):
        v = k * step
        lab = f"{v:g}"
        if k == n:
            lab += " m"
        page.add(Text((x + k * seg, yb - 0.9), lab, 2.5, "middle" if k < n else "start", 0, "sans", INK, L))
    txt = f"{tr('scale', lang)} {sheet.scale_text}  ·  {sheet.paper.name}"
    page.add(text_mid((x, yb + bh + 3.6), txt, 3.5, anchor="start", layer=L))
    lines, ns, pitch = wrap_fit(tr("print_note", lang), max_w + 4, 10.0, (3.5, 3.0, 2.5))
    for k, ln in enumerate(lines):
        page.add(text_mid((x, yb + bh + 8.2 + k * pitch), ln, ns, anchor="start", color=RED, layer=L))
    return yb + bh + 8.2 + pitch * len(lines)


def draw_legend(page: Page, x: float, y: float, w: float, entries: list[tuple[str, object]], lang: str) -> float:
    """Legend entries (label, symbol drawer) from (x, y); returns the y below."""
    L = "legend"
    page.add(text_mid((x, y + 2.5), tr("legend", lang), 4.0, anchor="start", layer=L))
    y += 7.0
    sw, sh = 10.0, 4.0
    for label, draw in entries:
        lines, s, pitch = wrap_fit(label, w - sw - 2.5, 12.0, (3.5, 3.0, 2.5), spacing=1.15)
        draw(page, (x, y, x + sw, y + sh))
        for k, ln in enumerate(lines):
            page.add(text_mid((x + sw + 2.5, y + sh / 2 + k * pitch), ln, s, anchor="start", layer=L))
        y += sh + 2.6 + pitch * (len(lines) - 1)
    return y


def _sym_rect(fill, stroke=INK, width=W_MED, dash=None):
    def draw(page, b):
        x0, y0, x1, y1 = b
        page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(stroke, width, fill, dash), "legend"))
    return draw


def _sym_bar(fill):
    def draw(page, b):
        x0, y0, x1, y1 = b
        ym = (y0 + y1) / 2
        page.add(Polygon(((x0, ym - 0.6), (x1, ym - 0.6), (x1, ym + 0.6), (x0, ym + 0.6)), S(INK, W_THIN, fill), "legend"))
    return draw


def _sym_door(page, b):
    x0, y0, x1, y1 = b
    r = y1 - y0
    page.add(Line((x0 + 1, y1), (x0 + 1, y0), S(INK, W_BOLD), "legend"))
    page.add(Arc((x0 + 1, y1), r, 0, 90, S(INK, W_THIN), "legend"))
    page.add(Line((x0, y1), (x0 + 1 + r + 1, y1), S(INK, W_FINE), "legend"))


def _sym_door_el(page, b):
    x0, y0, x1, y1 = b
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(INK, W_MED, "#FFFFFF"), "legend"))
    page.add(Polyline(((x1 - 0.6, y0 + 0.5), (x0 + 0.6, (y0 + y1) / 2), (x1 - 0.6, y1 - 0.3)),
                      S(GREY, W_THIN, None, (1.0, 0.6)), "legend"))


def _sym_window(page, b):
    x0, y0, x1, y1 = b
    for f in (0.0, 0.33, 0.66, 1.0):
        yy = y0 + 0.6 + f * (y1 - y0 - 1.2)
        page.add(Line((x0, yy), (x1, yy), S(INK, W_THIN), "legend"))


def _sym_obstacle(page, b):
    x0, y0, x1, y1 = b
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(INK, W_FINE, OBST_FILL), "legend"))
    page.add(Line((x0, y0), (x1, y1), S(INK, W_THIN), "legend"))
    page.add(Line((x0, y1), (x1, y0), S(INK, W_THIN), "legend"))


def _sym_dim(page, b):
    x0, y0, x1, y1 = b
    page.add(Dimension((x0 + 0.5, y1), (x1 - 0.5, y1), 2.2, "", 1.6, S(INK, W_FINE), "legend"))


def _sym_flag(page, b):
    x0, y0, x1, y1 = b
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S(INK, W_THIN, FLAG_RED), "legend"))
    c = min(y1 - y0, x1 - x0) * 0.28
    page.add(Arc((x0 + c * 1.4, y0 + c * 1.3), c, 0, 360, S(GOLD, W_FINE), "legend"))


def _sym_board(page, b):
    x0, y0, x1, y1 = b
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), S("#7A1F1F", W_FINE, BOARD_FILL), "legend"))
    page.add(Polygon(((x0, y0), (x1, y0), (x1, y0 + 1.0), (x0, y0 + 1.0)), S(None, 0, RED), "legend"))
