"""The production list (制作清单): every item to make or buy, as CSV and as a PDF table.

One row per wall item of the plan, in plan order: boards and signs to **print** (finished
size, bleed, the file to send, material, quantity, wall, content status and flags) and the
flag to **purchase** — flags are made only by designated manufacturers (1996 rules Art. 5), so
the row names the standard size (N号, L × W cm) instead of a file.

``production.csv`` is UTF-8 with a byte-order mark (so that spreadsheet programs used in China
open it with the right encoding), comma-separated, one header row with stable English column
names; ``production.pdf`` is the same table on A4 landscape pages for the print shop.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Optional, Sequence

from reportlab.lib.units import mm

from .. import csvsafe
from ..facts import FLAG_SIZES_MM, flag_size_cm
from ..model.plan import Plan, WallItem
from ..typeset import fonts
from ..typeset.text import break_lines
from .boardart import BoardArt, Line, Rect, TextRun
from .templates import Palette

__all__ = ["production_rows", "production_csv", "production_pdf", "COLUMNS", "FLAG_SIZES_CM"]

COLUMNS = ["id", "action", "kind", "title", "width_mm", "height_mm", "bleed_mm", "file_width_mm",
           "file_height_mm", "material", "quantity", "wall", "face", "status", "file", "notes"]

#: The five standard flag sizes (号): length × width in cm (from ``roomplanner.facts``).
FLAG_SIZES_CM = {n: flag_size_cm(n) for n in FLAG_SIZES_MM}

_STATUS = {"zh": {"ok": "完整", "placeholder": "待填写", "unverified": "待核对"},
           "en": {"ok": "ok", "placeholder": "placeholder", "unverified": "unverified"}}


def _fmt(v: float) -> str:
    return f"{v:g}"


def _flag_size(item: WallItem, plan: Plan) -> Optional[int]:
    if item.flag_size:
        return item.flag_size
    if plan.flag_size:
        return plan.flag_size
    for n, (l, w) in FLAG_SIZES_CM.items():
        if abs(l * 10 - float(item.width)) < 2 and abs(w * 10 - float(item.height)) < 2:
            return n
    return None


def production_rows(plan: Plan, arts: Sequence[BoardArt], lang: str = "zh") -> list[dict]:
    """The rows of the production list (dicts keyed by :data:`COLUMNS`)."""
    by_id = {a.id: a for a in arts}
    material = plan.spec.options.material
    rows = []
    for it in plan.wall_items:
        if it.kind == "flag":
            n = _flag_size(it, plan)
            l, w = FLAG_SIZES_CM.get(n, (float(it.width) / 10, float(it.height) / 10))
            size = f"{n}号 {l:g}×{w:g} cm" if n else f"{l:g}×{w:g} cm（非标准尺寸）"
            if lang == "en":
                title = f"Party flag, standard size {n} ({l:g} × {w:g} cm)" if n else f"Party flag {l:g} × {w:g} cm"
                note = ("purchase from a designated manufacturer (1996 rules Art. 5); not printed"
                        + ("" if n else "; non-standard size needs approval of a county-level organisation department"))
                mat = "designated manufacturer"
            else:
                title = f"{it.title}（{size}）"
                note = ("向定点生产企业购买，不自行印制（1996年规定第五条）"
                        + ("" if n else "；非标准尺寸须经县级以上党委组织部门批准"))
                mat = "定点生产企业制作"
            rows.append({"id": it.id, "action": "purchase", "kind": "flag", "title": title,
                         "width_mm": _fmt(float(it.width)), "height_mm": _fmt(float(it.height)), "bleed_mm": "",
                         "file_width_mm": "", "file_height_mm": "", "material": mat, "quantity": "1",
                         "wall": str(it.wall), "face": it.face, "status": "", "file": "", "notes": note})
            continue
        art = by_id.get(it.id)
        if art is None:
            continue
        b = art.bleed
        notes = [n.text(lang) for n in art.notes]
        rows.append({"id": it.id, "action": "print", "kind": it.kind, "title": art.title,
                     "width_mm": _fmt(art.width), "height_mm": _fmt(art.height), "bleed_mm": _fmt(b),
                     "file_width_mm": _fmt(art.width + 2 * b), "file_height_mm": _fmt(art.height + 2 * b),
                     "material": material, "quantity": "1", "wall": str(it.wall), "face": it.face,
                     "status": art.status, "file": f"{it.id}.pdf", "notes": "；".join(notes) if lang != "en"
                     else "; ".join(notes)})
    return rows


def production_csv(rows: list[dict]) -> bytes:
    """The production list as CSV (UTF-8 with BOM, for spreadsheet programs)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: csvsafe.cell(v) for k, v in r.items()})
    return buf.getvalue().encode("utf-8-sig")


# --------------------------------------------------------------------------- PDF

_HEAD = {
    "zh": ["编号", "制作方式", "名称", "成品尺寸 (mm)", "出血", "材料", "数量", "墙面", "状态", "备注"],
    "en": ["id", "action", "title", "finished size (mm)", "bleed", "material", "qty", "wall", "status", "notes"],
}
_ACTION = {"zh": {"print": "印制", "purchase": "采购"}, "en": {"print": "print", "purchase": "purchase"}}
_WIDTHS = [30, 15, 50, 26, 13, 26, 9, 15, 14, 69]  # mm, sums to 267 (A4 landscape minus margins)


@dataclass
class _Page:
    ops: list
    id: str = "production"
    title: str = ""


def _cells(r: dict, lang: str) -> list[str]:
    face = {"inside": "内", "outside": "外"}.get(r["face"], r["face"]) if lang != "en" else r["face"]
    size = f"{r['width_mm']} × {r['height_mm']}"
    return [r["id"], _ACTION[lang][r["action"]], r["title"], size,
            f"{r['bleed_mm']} mm" if r["bleed_mm"] else "—", r["material"], r["quantity"],
            f"{r['wall']} {face}" if lang != "en" else f"{r['wall']} {face}",
            _STATUS[lang].get(r["status"], r["status"]) if r["status"] else "—", r["notes"] or "—"]


def production_pages(plan: Plan, rows: list[dict], palette: Palette, lang: str = "zh") -> list[_Page]:
    """The table as pages of drawing operations (A4 landscape, mm from the top-left)."""
    lang = "en" if lang == "en" else "zh"
    W, H, m = 297.0, 210.0, 15.0
    size, lead = 3.0, 1.35
    head = _HEAD[lang]
    ink, red, rule, light = palette["text"], palette["red"], palette["rule"], palette["gold_light"]
    em_top = fonts.metrics("sans").em_top
    title = (f"{plan.spec.branch.name} 党员活动室图板制作清单" if lang != "en"
             else f"{plan.spec.branch.name} — production list of the activity-room boards")
    pages: list[_Page] = []

    def new_page() -> tuple[_Page, float]:
        pg = _Page([])
        pg.ops.append(TextRun(title, "sans", 5.0, m, m + em_top * 5.0, red, 0.0, "production title"))
        date = plan.spec.date or ""
        sub = (f"材料默认：{plan.spec.options.material}；出血 {plan.spec.options.bleed:g} mm；文件尺寸 = 成品尺寸 + 2 × 出血"
               + (f"；日期 {date}" if date else "")) if lang != "en" else \
              (f"default material: {plan.spec.options.material}; bleed {plan.spec.options.bleed:g} mm; "
               f"file size = finished size + 2 × bleed" + (f"; date {date}" if date else ""))
        pg.ops.append(TextRun(sub, "sans", 2.8, m, m + 8.5 + em_top * 2.8, ink, 0.0, "production subtitle"))
        y = m + 14.0
        pg.ops.append(Rect(m, y, W - 2 * m, size * 2.2, fill=red))
        x = m
        for h_, w_ in zip(head, _WIDTHS):
            pg.ops.append(TextRun(h_, "sans", size, x + 1.2, y + 0.6 * size + em_top * size, palette["gold"], 0.0,
                                  "production header"))
            x += w_
        pages.append(pg)
        return pg, y + size * 2.2

    pg, y = new_page()
    for k, r in enumerate(rows):
        cells = _cells(r, lang)
        wrapped = [break_lines(c, "sans", size, w_ - 2.4, where=f"production row {r['id']}") or [""]
                   for c, w_ in zip(cells, _WIDTHS)]
        n = max(len(wl) for wl in wrapped)
        rh = n * size * lead + size * 0.8
        if y + rh > H - m:
            pg, y = new_page()
        if k % 2:
            pg.ops.append(Rect(m, y, W - 2 * m, rh, fill=light))
        x = m
        for wl, w_ in zip(wrapped, _WIDTHS):
            for i, ln in enumerate(wl):
                pg.ops.append(TextRun(ln, "sans", size, x + 1.2, y + 0.4 * size + i * size * lead + em_top * size,
                                      ink, 0.0, f"production row {r['id']}"))
            x += w_
        y += rh
        pg.ops.append(Line(m, y, W - m, y, rule, 0.2))
    return pages


def production_pdf(plan: Plan, rows: list[dict], palette: Palette, lang: str = "zh",
                   outline_text: bool = False) -> bytes:
    """The production list as an A4 landscape PDF (CMYK)."""
    from .pdf import draw_art, new_canvas

    W, H = 297.0, 210.0
    buf = io.BytesIO()
    c = new_canvas(buf, (W * mm, H * mm), "production list")
    for pg in production_pages(plan, rows, palette, lang):
        draw_art(c, pg, (0.0, 0.0), H, outline_text)
        c.showPage()
    c.save()
    return buf.getvalue()
