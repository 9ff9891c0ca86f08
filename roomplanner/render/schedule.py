"""The installation schedule (墙面物件安装尺寸表) as table pages after the elevations: every wall
item's position in millimetres, at the same text sizes as the drawings (≥ 3.5 mm)."""

from __future__ import annotations

from ..model.plan import Plan
from .labels import fit_line, text_mid, wrap_fit
from .primitives import Line, Page, Polygon, Text
from .sheets import Sheet
from .style import INK, LIGHT, RED, S, TABLE_HEAD, TABLE_ROW, W_MED, W_THIN, item_title, tr
from .titleblock import draw_frame, draw_title_block, sheet_info

# ====================================================================== schedule pages

def schedule_pages(plan: Plan, sheet: Sheet, lang: str, date: str, first_number: int, total: int) -> list[Page]:
    """The installation schedule (安装尺寸表) as table pages on ``sheet``'s paper."""
    from .installation import installation_rows
    rows = installation_rows(plan)
    by_id = {it.id: it for it in plan.wall_items}
    ax0, ay0, ax1, ay1 = sheet.drawing_area
    width = ax1 - ax0
    cols = [("col_id", 0.15, "start"), ("col_title", 0.0, "start"), ("col_wall", 0.045, "middle"),
            ("col_face", 0.06, "middle"), ("col_left", 0.07, "end"), ("col_bottom", 0.07, "end"),
            ("col_top", 0.07, "end"), ("col_width", 0.065, "end"), ("col_height", 0.065, "end")]
    fixed = sum(c[1] for c in cols)
    widths = [c[1] * width if c[1] else (1 - fixed) * width for c in cols]
    rh, head_h = TABLE_ROW, TABLE_HEAD
    per_page = max(1, int((ay1 - ay0 - head_h - 20) // rh))
    chunks = [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    pages = []
    for ci, chunk in enumerate(chunks):
        page = Page(sheet.paper.width, sheet.paper.height, name=f"schedule-{ci + 1}",
                    meta={"sheet": sheet, "kind": "schedule"})
        T = "table"
        page.add(Text((ax0, ay0 + 6), tr("schedule", lang), 5.0, "start", 0, "sans", RED, T, "heading"))
        y = ay0 + head_h
        # header
        page.add(Polygon(((ax0, y), (ax1, y), (ax1, y + rh), (ax0, y + rh)), S(INK, W_MED, "#F1E4E4"), T))
        x = ax0
        for (key, _, anchor), cw in zip(cols, widths):
            tx = x + 1.5 if anchor == "start" else (x + cw / 2 if anchor == "middle" else x + cw - 1.5)
            hd, hsz = fit_line(tr(key, lang), cw - 2, 3.5)
            page.add(text_mid((tx, y + rh / 2), hd, hsz, anchor=anchor, layer=T))
            x += cw
        y += rh
        for r in chunk:
            it = by_id.get(r.id)
            vals = [r.id, item_title(it, lang) if it is not None else r.title, str(r.wall), tr("face_" + r.face, lang), str(r.left), str(r.bottom),
                    str(r.top), str(r.width), str(r.height)]
            page.add(Line((ax0, y + rh), (ax1, y + rh), S(LIGHT, W_THIN), T))
            x = ax0
            for (key, _, anchor), cw, v in zip(cols, widths, vals):
                txt, sz = fit_line(v, cw - 3, 3.5)
                tx = x + 1.5 if anchor == "start" else (x + cw / 2 if anchor == "middle" else x + cw - 1.5)
                page.add(text_mid((tx, y + rh / 2), txt, sz, anchor=anchor, layer=T, ref=r.id))
                x += cw
            y += rh
        # column rules
        x = ax0
        top = ay0 + head_h
        for cw in widths[:-1]:
            x += cw
            page.add(Line((x, top), (x, y), S(LIGHT, W_THIN), T))
        page.add(Polygon(((ax0, top), (ax1, top), (ax1, y), (ax0, y)), S(INK, W_MED), T))
        lines, sz, pitch = wrap_fit(tr("schedule_note", lang), width, 16, (3.5, 3.0, 2.5))
        for k, ln in enumerate(lines):
            page.add(text_mid((ax0, y + 4 + k * pitch), ln, sz, anchor="start", layer=T))
        draw_frame(page, sheet)
        cx0, cy0, cx1, cy1 = sheet.column
        info = sheet_info(plan, lang, date, tr("schedule", lang), f"E-{first_number + ci:02d}/{total:02d}")
        info.scale = "—"
        draw_title_block(page, sheet, info, lang)
        pages.append(page)
    return pages


def schedule_page_count(plan: Plan, sheet: Sheet) -> int:
    ax0, ay0, ax1, ay1 = sheet.drawing_area
    per_page = max(1, int((ay1 - ay0 - TABLE_HEAD - 20) // TABLE_ROW))
    n = len(plan.wall_items)
    return max(1, -(-n // per_page))
