"""The production list (制作清单): every item to make or buy, as CSV and as a PDF table.

One row per wall item of the plan, in plan order, in plain words for the print shop and the
fitter: the item's name, finished size and file size (with bleed), quantity, **material** and
**finish**, **where it hangs** (“主墙面（第 2 面墙）党旗右侧第 1 块”, “门外右侧”), the file to
send, the content status and notes — no spec field names. Boards and signs are **printed**;
the flag is **purchased** — flags are made only by designated manufacturers (1996 rules Art. 5),
so its row names the standard size (N号, L × W cm) instead of a file.

Material: what hangs outside the door (door sign, branch plaque) is 铝塑板 by default (it
weathers); indoor boards take ``options.material`` (default KT板); ``options.materials`` sets
one board's material by its id. The finish is the usual one for the material (a shop's
practice, to be confirmed with the shop): KT板 and PVC板 a photo print with matt laminate,
铝塑板 UV printing or an outdoor print with a sun-proof laminate, 亚克力 UV printing.

The party emblem (党徽): boards whose design has a place for it (the header band, the door
sign) say so — with the official artwork of ``emblem:`` “placed”, without it where it would go
and that the official artwork is needed (see :mod:`.emblem`).

``production.csv`` is UTF-8 with a byte-order mark (so that Excel and WPS, as used in China,
open it with the right encoding), comma-separated, one header row — Chinese by default,
English with ``lang="en"`` — and plain numbers (mm) in the size columns, so it stays
machine-readable; ``production.pdf`` is the same list on A4 landscape pages.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Optional, Sequence

from ..typeset.pdfcanvas import mm

from .. import csvsafe
from ..errors import ContentError
from ..facts import FLAG_SIZES_MM, flag_size_cm
from ..i18n import Text as Tr, norm_lang
from ..model.plan import Plan, WallItem
from ..typeset import fonts
from ..typeset.text import break_lines
from ..draw.primitives import ART, Line, Page, Rect, Text, paint
from .boardart import BoardArt
from .templates import Palette

__all__ = ["production_rows", "production_csv", "production_pdf", "COLUMNS", "HEADERS", "FLAG_SIZES_CM",
           "OUTDOOR_MATERIAL", "material_of", "hang_location"]

#: The keys of a row (the CSV's columns, in order); :data:`HEADERS` are their printed names.
COLUMNS = ["id", "action", "kind", "item", "width_mm", "height_mm", "bleed_mm", "file_width_mm",
           "file_height_mm", "quantity", "material", "finish", "location", "file", "status", "notes"]
HEADERS = {
    "zh": ["编号", "制作方式", "类别", "名称", "成品宽(mm)", "成品高(mm)", "出血(mm)", "文件宽(mm)", "文件高(mm)",
           "数量", "材料", "工艺", "安装位置", "文件", "内容状态", "备注"],
    "en": ["id", "action", "kind", "item", "finished width (mm)", "finished height (mm)", "bleed (mm)",
           "file width (mm)", "file height (mm)", "quantity", "material", "finish", "where it hangs", "file",
           "content status", "notes"],
}

#: The five standard flag sizes (号): length × width in cm (from ``roomplanner.facts``).
FLAG_SIZES_CM = {n: flag_size_cm(n) for n in FLAG_SIZES_MM}

#: Signs and plaques hung outside the door: a weatherproof material by default.
OUTDOOR_MATERIAL = "铝塑板"
#: material → (English name, finish zh, finish en). The finishes are common shop practice.
MATERIAL_INFO = {
    "KT板": ("KT board", "室内写真覆哑膜，裱KT板", "indoor photo print, matt laminate, mounted on KT board"),
    "PVC板": ("PVC foam board", "写真覆哑膜裱PVC板，或UV直喷", "photo print with matt laminate on PVC board, or direct UV print"),
    "铝塑板": ("aluminium composite panel", "UV直喷，或户外写真覆防晒膜",
             "direct UV print, or outdoor print with a UV-protective laminate"),
    "亚克力": ("acrylic", "UV打印", "UV print"),
}
#: KT board sheets are 0.9 × 2.4 m and 1.2 × 2.4 m: a wider board is joined from two pieces.
MAX_SHEET_SHORT_SIDE = 1200.0

_T = {
    "print": Tr("印制", "print"), "purchase": Tr("采购", "purchase"),
    "board": Tr("图板", "board"), "sign": Tr("标牌", "sign"), "flag": Tr("党旗", "flag"),
    "desk_card": Tr("桌牌", "desk card"),
    "ok": Tr("完整", "complete"), "placeholder": Tr("待填写，暂勿印制", "missing: do not print yet"),
    "unverified": Tr("待核对", "to be checked"),
    "main": Tr("主墙面（第 {w} 面墙）", "main wall (wall {w})"),
    "wall": Tr("第 {w} 面墙", "wall {w}"),
    "below_flag": Tr("党旗下方", "below the flag"), "above_flag": Tr("党旗上方", "above the flag"),
    "left_flag": Tr("党旗左侧第 {k} 块", "left of the flag, {k} from it"),
    "right_flag": Tr("党旗右侧第 {k} 块", "right of the flag, {k} from it"),
    "nth": Tr("{where}，左起第 {k} 块（共 {n} 块）", "{where}, {k} of {n} from the left"),
    "only": Tr("{where}，墙上唯一一块", "{where}, the only item on it"),
    "outside": Tr("门外{rel}（第 {w} 面墙外侧）", "outside the door, {rel} (outer face of wall {w})"),
    "outside_plain": Tr("门外（第 {w} 面墙外侧）", "outside the door (outer face of wall {w})"),
    "door_left": Tr("左侧", "left of it"), "door_right": Tr("右侧", "right of it"),
    "door_above": Tr("上方", "above it"), "door_above_left": Tr("上方偏左", "above it, to the left"),
    "door_above_right": Tr("上方偏右", "above it, to the right"),
    "flag_title": Tr("中国共产党党旗（{size}）", "Party flag, standard size {size}"),
    "flag_nonstd": Tr("{l:g}×{w:g} cm（非标准尺寸）", "{l:g} × {w:g} cm (non-standard)"),
    "flag_note": Tr("向定点生产企业购买，不自行印制（1996年规定第五条）",
                      "purchase from a designated manufacturer (1996 rules Art. 5); not printed"),
    "flag_nonstd_note": Tr("；非标准尺寸须经县级以上党委组织部门批准",
                             "; a non-standard size needs the approval of a county-level organisation department"),
    "flag_material": Tr("定点生产企业制作", "made by a designated manufacturer"),
    "flag_finish": Tr("成品采购", "bought finished"),
    "emblem_here": Tr("党徽：{slot}用官方党徽图稿（{file}），等比缩放，未作任何改动",
                        "party emblem: the official artwork ({file}) in the {slot}, scaled uniformly, unaltered"),
    "emblem_missing": Tr("党徽位置：{slot}（请使用官方党徽图稿；规格未提供，本文件不印党徽）",
                           "emblem position: {slot} (use the official emblem artwork; none was supplied, so this "
                           "file prints no emblem)"),
    "slot_header": Tr("标题栏内标题左侧", "header band, left of the title"),
    "slot_door_sign": Tr("门牌文字左侧", "door sign, left of the text"),
    "joined": Tr("短边超过 {lim:g} mm 板材宽度，需拼接或改用整张大板", "the short side is wider than a {lim:g} mm "
                   "sheet: joined from two pieces, or use a larger panel"),
    "bad_id": Tr("没有编号为 {id} 的图板；可选的图板编号：{ids}", "no board has the id {id}; the boards are: {ids}"),
    "flag_material_set": Tr("党旗向定点生产企业采购，不能指定材料", "the flag is bought from a designated "
                              "manufacturer; it has no material to choose"),
}


def _fmt(v: float) -> str:
    return f"{v:g}"


def material_of(plan: Plan, item: WallItem) -> str:
    """The material of a printed item: ``options.materials[id]``, else 铝塑板 outside the door,
    else ``options.material``."""
    opts = plan.spec.options
    if item.id in opts.materials:
        return opts.materials[item.id]
    return OUTDOOR_MATERIAL if item.face == "outside" else opts.material


def material_name(material: str, lang: str) -> str:
    return MATERIAL_INFO.get(material, (material,))[0] if lang == "en" else material


def finish_of(material: str, lang: str) -> str:
    info = MATERIAL_INFO.get(material)
    return "" if info is None else info[2 if lang == "en" else 1]


def _check_materials(plan: Plan, lang: str) -> None:
    """Every id of ``options.materials`` names a printed item of the plan."""
    printed = [it.id for it in plan.wall_items if it.kind != "flag"]
    flags = {it.id for it in plan.wall_items if it.kind == "flag"}
    for bid in plan.spec.options.materials:
        if bid in flags:
            raise ContentError(f"options.materials.{bid}: " + _T["flag_material_set"](lang))
        if bid not in printed:
            raise ContentError(f"options.materials.{bid}: " + _T["bad_id"](lang, id=repr(bid), ids="、".join(printed)
                                                                               if lang != "en" else ", ".join(printed)))


# --------------------------------------------------------------------------- where it hangs

def _lefts(plan: Plan):
    """A function (item) -> distance of its left edge from the wall's left end as seen by the
    viewer of its face (inside: from the room; outside: from the corridor)."""
    try:
        walls = plan.spec.walls() if plan.spec.room is not None else None
    except Exception:  # a wall list the spec cannot give (no room): offsets as they are
        walls = None

    def left(wall: int, face: str, offset: float, width: float) -> float:
        if walls is None or wall >= len(walls):
            return offset
        w = walls[wall]
        vl = w.viewer_left(offset, width)
        return vl if face == "inside" else w.length - vl - width
    return left


def hang_location(plan: Plan, item: WallItem, lang: str = "zh") -> str:
    """Where ``item`` hangs, in words (the installation list has the millimetres)."""
    lang = norm_lang(lang)
    left = _lefts(plan)
    lx = left(item.wall, item.face, float(item.offset), float(item.width))
    if item.face == "outside":
        ent = plan.spec.entrance() if plan.spec.room is not None else None
        if ent is None or ent[1].wall != item.wall:
            return _T["outside_plain"](lang, w=item.wall)
        door = ent[1]
        d0 = left(door.wall, "outside", float(door.offset), float(door.width))
        d1 = d0 + float(door.width)
        if lx + float(item.width) <= d0 + 1:
            rel = "door_left"
        elif lx >= d1 - 1:
            rel = "door_right"
        else:
            dc = (lx + float(item.width) / 2) - (d0 + d1) / 2
            rel = ("door_above" if abs(dc) <= 0.25 * float(door.width) else
                   "door_above_right" if dc > 0 else "door_above_left")
        return _T["outside"](lang, rel=_T[rel], w=item.wall)
    flag = next((it for it in plan.wall_items if it.kind == "flag"), None)
    same = [it for it in plan.wall_items if it.wall == item.wall and it.face == item.face]
    if item.wall == plan.main_wall:
        where = _T["main"](lang, w=item.wall)
        if item.kind == "flag":
            return where
        if flag is not None and flag.wall == item.wall and flag.face == item.face:
            f0 = left(flag.wall, flag.face, float(flag.offset), float(flag.width))
            f1 = f0 + float(flag.width)
            if lx < f1 - 1 and lx + float(item.width) > f0 + 1:
                rel = _T["below_flag"](lang) if float(item.bottom) < float(flag.bottom) else _T["above_flag"](lang)
            elif lx + float(item.width) <= f0 + 1:
                k = sum(1 for it in same if it.kind != "flag"
                        and left(it.wall, it.face, float(it.offset), float(it.width)) > lx + 1
                        and left(it.wall, it.face, float(it.offset), float(it.width)) + float(it.width) <= f0 + 1)
                rel = _T["left_flag"](lang, k=k + 1)
            else:
                k = sum(1 for it in same if it.kind != "flag"
                        and f1 - 1 <= left(it.wall, it.face, float(it.offset), float(it.width)) < lx - 1)
                rel = _T["right_flag"](lang, k=k + 1)
            return f"{where}, {rel}" if lang == "en" else where + rel
    else:
        where = _T["wall"](lang, w=item.wall)
    if len(same) == 1:
        return _T["only"](lang, where=where)
    order = sorted(same, key=lambda it: (left(it.wall, it.face, float(it.offset), float(it.width)), -float(it.bottom)))
    return _T["nth"](lang, where=where, k=order.index(item) + 1, n=len(order))


# --------------------------------------------------------------------------- notes in plain words

_FIELD = re.compile(r"\b(?:content|branch|options|room|venue_walls|spec)(?:\.[A-Za-z_]+|\[[\d, ]+\])+"
                    r"(?:\s*\+\s*(?:content|branch|options)(?:\.[A-Za-z_]+|\[[\d, ]+\])+)*")
_CITE = re.compile(r"[，,；;]?\s*\b\d{3}\s+(?:doc\d+|附件?\d*)(?:\s*§\d+(?:\([一二三四五六七八九十]+\)|（[一二三四五六七八九十]+）)?[\d.]*)?")


def plain_note(text: str) -> str:
    """A note of the content stage without spec field names or clause codes (they are for the
    branch and the inspector; the report has them): such parts of brackets are dropped, and a
    bracket left empty goes with them."""
    def bracket(m: re.Match) -> str:
        full = m.group(2) == "（"
        parts = [p.strip() for p in re.split(r"[，,；;]", m.group(3))]
        parts = [p for p in parts if p and not _FIELD.search(p)]
        if not parts:
            return ""
        return f"（{'，'.join(parts)}）" if full else f"{m.group(1)}({', '.join(parts)})"
    text = _CITE.sub("", text)
    text = re.sub(r"(\s?)([（(])([^（）()]*)[）)]", bracket, text)
    text = _FIELD.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ，,；;")


_TEMPLATE_CHECK = Tr("模板内容须对照{doc}核对后印制", "check the template's content against {doc} before printing")
_TEMPLATE_CHECK_PLAIN = Tr("模板内容须核对后印制", "check the template's content before printing")


def _note(note, lang: str) -> str:
    """A content note for the print shop: plain words; a template to check names the document
    by its title (the clause codes are the report's business)."""
    text = note.text(lang)
    if note.code == "template.unverified":
        title = re.search(r"[（(]([^（）()]*[\u4e00-\u9fff][^（）()]*)[）)]", text)
        return (_TEMPLATE_CHECK(lang, doc=f"《{title.group(1)}》") if title
                else _TEMPLATE_CHECK_PLAIN(lang))
    return plain_note(text)


def _emblem_note(plan: Plan, art: BoardArt, lang: str) -> str:
    if not art.emblem_slot:
        return ""
    slot = _T[f"slot_{art.emblem_slot}"]
    if plan.spec.emblem:
        return _T["emblem_here"](lang, slot=slot, file=plan.spec.emblem)
    return _T["emblem_missing"](lang, slot=slot)


# --------------------------------------------------------------------------- rows

def _flag_size(item: WallItem, plan: Plan) -> Optional[int]:
    if item.flag_size:
        return item.flag_size
    if plan.flag_size:
        return plan.flag_size
    for n, (l, w) in FLAG_SIZES_CM.items():
        if abs(l * 10 - float(item.width)) < 2 and abs(w * 10 - float(item.height)) < 2:
            return n
    return None


def _item_name(it: WallItem, title: str, lang: str) -> str:
    """The item's name in the list: its title, in English after its role's English name
    (``title_en`` of ``boards/roles.yaml``, as index.html and the report name it)."""
    if lang != "en":
        return title
    from ..profiles import role_title_en

    return f"{role_title_en(it.role)}: {title}"


def production_rows(plan: Plan, arts: Sequence[BoardArt], lang: str = "zh") -> list[dict]:
    """The rows of the production list (dicts keyed by :data:`COLUMNS`, values already in
    ``lang``). ContentError when ``options.materials`` names an item the plan does not print."""
    lang = norm_lang(lang)
    _check_materials(plan, lang)
    by_id = {a.id: a for a in arts}
    sep = "; " if lang == "en" else "；"
    rows = []
    for it in plan.wall_items:
        where = hang_location(plan, it, lang)
        if it.kind == "flag":
            n = _flag_size(it, plan)
            l, w = FLAG_SIZES_CM.get(n, (float(it.width) / 10, float(it.height) / 10))
            size = (f"{n}号 {l:g}×{w:g} cm" if lang != "en" else f"No. {n}, {l:g} × {w:g} cm") if n else \
                _T["flag_nonstd"](lang, l=l, w=w)
            rows.append({"id": it.id, "action": _T["purchase"](lang), "kind": _T["flag"](lang),
                         "item": _T["flag_title"](lang, size=size),
                         "width_mm": _fmt(float(it.width)), "height_mm": _fmt(float(it.height)), "bleed_mm": "",
                         "file_width_mm": "", "file_height_mm": "", "quantity": "1",
                         "material": _T["flag_material"](lang), "finish": _T["flag_finish"](lang),
                         "location": where, "file": "", "status": "",
                         "notes": _T["flag_note"](lang) + ("" if n else _T["flag_nonstd_note"](lang))})
            continue
        art = by_id.get(it.id)
        if art is None:
            continue
        b = art.bleed
        mat = material_of(plan, it)
        notes = [_note(n, lang) for n in art.notes]
        if min(art.width, art.height) > MAX_SHEET_SHORT_SIDE:
            notes.append(_T["joined"](lang, lim=MAX_SHEET_SHORT_SIDE))
        notes.append(_emblem_note(plan, art, lang))
        rows.append({"id": it.id, "action": _T["print"](lang), "kind": _T[it.kind](lang),
                     "item": _item_name(it, art.title, lang),
                     "width_mm": _fmt(art.width), "height_mm": _fmt(art.height), "bleed_mm": _fmt(b),
                     "file_width_mm": _fmt(art.width + 2 * b), "file_height_mm": _fmt(art.height + 2 * b),
                     "quantity": "1", "material": material_name(mat, lang), "finish": finish_of(mat, lang),
                     "location": where, "file": f"{it.id}.pdf", "status": _T[art.status](lang),
                     "notes": sep.join(n for n in notes if n)})
    return rows


def production_csv(rows: list[dict], lang: str = "zh") -> bytes:
    """The production list as CSV (UTF-8 with BOM, for spreadsheet programs); the header row
    in ``lang``."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADERS[norm_lang(lang)])
    for r in rows:
        w.writerow([csvsafe.cell(r.get(k, "")) for k in COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


# --------------------------------------------------------------------------- PDF

_HEAD = {
    "zh": ["名称", "成品尺寸 (mm)", "文件尺寸 (含出血)", "数量", "材料", "工艺", "安装位置", "文件", "内容状态", "备注"],
    "en": ["item", "finished size (mm)", "file size (with bleed)", "qty", "material", "finish", "where it hangs",
           "file", "content", "notes"],
}
_WIDTHS = [36, 20, 20, 9, 21, 26, 38, 26, 16, 55]  # mm, sums to 267 (A4 landscape minus margins)


def _cells(r: dict, lang: str) -> list[str]:
    size = f"{r['width_mm']} × {r['height_mm']}"
    fsize = f"{r['file_width_mm']} × {r['file_height_mm']}" if r.get("file_width_mm") else "—"
    return [r["item"], size, fsize, r["quantity"], r["material"], r.get("finish") or "—", r.get("location") or "—",
            r["file"] or "—", r["status"] or "—", r["notes"] or "—"]


def production_pages(plan: Plan, rows: list[dict], palette: Palette, lang: str = "zh") -> list[Page]:
    """The table as pages of the drawing model (A4 landscape, mm from the top-left)."""
    lang = "en" if lang == "en" else "zh"
    W, H, m = 297.0, 210.0, 15.0
    size, lead = 2.8, 1.35
    head = _HEAD[lang]
    ink, red, rule, light = palette["text"], palette["red"], palette["rule"], palette["gold_light"]
    em_top = fonts.metrics("sans").em_top
    title = (f"{plan.spec.branch.name} 党员活动室图板制作清单" if lang != "en"
             else f"{plan.spec.branch.name} — production list of the activity-room boards")
    pages: list[Page] = []

    def new_page() -> tuple[Page, float]:
        pg = Page(W, H, "production")
        pg.add(Text((m, m + em_top * 5.0), title, 5.0, font="sans", color=red, where="production title", layer=ART))
        date = plan.spec.date or ""
        o = plan.spec.options
        emb = (f"党徽：使用官方图稿 {plan.spec.emblem}" if plan.spec.emblem else "党徽：未提供官方图稿，各图板不印党徽") \
            if lang != "en" else (f"emblem: official artwork {plan.spec.emblem}" if plan.spec.emblem
                                  else "emblem: no official artwork supplied, no board prints it")
        sub = (f"材料：室内图板 {o.material}，门外标牌 {OUTDOOR_MATERIAL}（另有指定的除外）；出血 {o.bleed:g} mm，"
               f"文件尺寸 = 成品尺寸 + 2 × 出血；{emb}" + (f"；日期 {date}" if date else "")) if lang != "en" else \
              (f"material: indoor boards {material_name(o.material, lang)}, signs outside the door "
               f"{material_name(OUTDOOR_MATERIAL, lang)} (unless set per board); bleed {o.bleed:g} mm, "
               f"file size = finished size + 2 × bleed; {emb}" + (f"; date {date}" if date else ""))
        sub_lines = break_lines(sub, "sans", 2.8, W - 2 * m, where="production subtitle")
        for i, ln in enumerate(sub_lines):
            pg.add(Text((m, m + 8.5 + i * 2.8 * lead + em_top * 2.8), ln, 2.8, font="sans", color=ink,
                        where="production subtitle", layer=ART))
        y = m + 14.0 + (len(sub_lines) - 1) * 2.8 * lead
        heads = [break_lines(h_, "sans", size, w_ - 2.4, where="production header") for h_, w_ in zip(head, _WIDTHS)]
        hh = max(len(hl) for hl in heads) * size * lead + size * 0.8
        pg.add(Rect(m, y, W - 2 * m, hh, paint(fill=red)))
        x = m
        for hl, w_ in zip(heads, _WIDTHS):
            for i, ln in enumerate(hl):
                pg.add(Text((x + 1.2, y + 0.4 * size + i * size * lead + em_top * size), ln, size, font="sans",
                            color=palette["gold"], where="production header", layer=ART))
            x += w_
        pages.append(pg)
        return pg, y + hh

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
            pg.add(Rect(m, y, W - 2 * m, rh, paint(fill=light)))
        x = m
        for wl, w_ in zip(wrapped, _WIDTHS):
            for i, ln in enumerate(wl):
                pg.add(Text((x + 1.2, y + 0.4 * size + i * size * lead + em_top * size), ln, size, font="sans",
                            color=ink, where=f"production row {r['id']}", layer=ART))
            x += w_
        y += rh
        pg.add(Line((m, y), (W - m, y), paint(stroke=rule, width=0.2)))
    return pages


def production_pdf(plan: Plan, rows: list[dict], palette: Palette, lang: str = "zh",
                   outline_text: bool = False) -> bytes:
    """The production list as an A4 landscape PDF (CMYK)."""
    from .pdf import draw_placed, new_canvas

    W, H = 297.0, 210.0
    buf = io.BytesIO()
    c = new_canvas(buf, (W * mm, H * mm), "production list")
    for pg in production_pages(plan, rows, palette, lang):
        draw_placed(c, pg.primitives, (0.0, 0.0), H, outline_text)
        c.showPage()
    c.save()
    return buf.getvalue()
