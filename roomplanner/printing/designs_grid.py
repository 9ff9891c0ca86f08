"""Designs of boards laid out as grids and tables: cards (honours, member style), tables,
flow charts (development procedure) and the activity calendar."""

from __future__ import annotations

import math


from ..typeset import fonts
from ..typeset.text import break_lines
from ..content.boards import BoardContent
from ..draw.primitives import CMYK, Line, Polygon, Rect, circle, paint
from .boardart import (BoardArt, ComposeContext, fit_size, flow_style, justified_runs, overflow_error, photo_image,
                       section_blocks, set_flow)
from .frames import _ZH_DIGITS, _body_max, _em_top, _footnote, _rays, _run, _star, standard_frame

# --------------------------------------------------------------------------- cards

def _grid(n: int, w: float, h: float, gap: float, aspect: float,
          tall: float = 1.2) -> tuple[int, int, float, float]:
    best = None
    for c in range(1, n + 1):
        r = math.ceil(n / c)
        cw = (w - (c - 1) * gap) / c
        ch = (h - (r - 1) * gap) / r
        if cw <= 0 or ch <= 0:
            continue
        eff = min(cw, ch * aspect)
        if best is None or eff > best[0] + 1e-9:
            best = (eff, c, r, cw, ch)
    _eff, c, r, cw, ch = best
    # keep cards from getting too wide or too tall
    cw = min(cw, ch * aspect * 1.35)
    ch = min(ch, cw / aspect * tall)
    return c, r, cw, ch


def lw_pad(cw: float) -> float:
    """The extra height the red top edge of a card takes."""
    return 2 * max(0.8, cw * 0.006)


def layout_cards(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """光荣榜 / 党员风貌栏 / 群众监督岗: a grid of cards with a photo and a few lines."""
    p = ctx.palette
    tpl = content.template
    x, y, w, h = standard_frame(art, content, ctx)
    x, y, w, h = _footnote(art, content, ctx, (x, y, w, h))
    entries = content.extra.get("entries", [])
    kind = tpl["cards"]
    if tpl.get("subtitle"):
        ss = max(ctx.body_min, min(0.06 * h, 0.045 * w))
        ss = max(s for s in ctx.scale(0, ss))
        art.ops.append(_run(tpl["subtitle"], "sans", ss, x, y, p["red"], f"{content.where}: subtitle",
                            ss * 0.5, "center", w))
        y += ss * 1.8
        h -= ss * 1.8
    if not entries:
        st = flow_style(ctx)
        ops, _s, _u = set_flow(section_blocks(content.sections), st, (x, y, w, h),
                               ctx.scale(ctx.body_min, _body_max(art, ctx, 1 / 20)), content.where)
        art.ops.extend(ops)
        return
    if tpl.get("replaceable"):
        from ..content.boards import Note
        art.notes.append(Note("cards.replaceable", "卡片区制成可更换的（插卡式），照片和简介可单独更新",
                              "make the card area replaceable (insert pockets) so photos and bios can be updated"))
    gap = max(ctx.safe * 0.6, 0.025 * w)
    aspect = float(ctx.style["photo"].get("aspect", 0.75)) * (0.8 if kind == "honors" else 0.7)
    cols, rows, cw, ch = _grid(len(entries), w, h, gap, aspect, 1.2 if kind == "honors" else 1.45)
    pad = max(3.0, 0.06 * cw)
    inner_w, inner_h = cw - 2 * pad, ch - 2 * pad
    ph = min(inner_w / float(ctx.style["photo"].get("aspect", 0.75)), inner_h * 0.64)
    pw = ph * float(ctx.style["photo"].get("aspect", 0.75))
    text_top_gap = pad * 0.8
    th = inner_h - ph - text_top_gap

    def card_lines(e, k: int, s: float) -> tuple[list, float]:
        """[(family, size, color, lines, align, where, gap_before)], height."""
        out = []
        base = f"content.{kind}[{k}]"
        if kind == "honors":
            out.append(("sans", 1.2 * s, p["text"], break_lines(e.name, "sans", 1.2 * s, inner_w, where=f"{base}.name"),
                        "center", f"{base}.name", 0.0))
            out.append(("sans", s, p["red"], break_lines(e.honour, "sans", s, inner_w, where=f"{base}.honour"),
                        "center", f"{base}.honour", 0.35 * s))
            yr = tpl.get("year_format", "{year}年").format(year=e.year)
            out.append(("sans", 0.85 * s, p["text"], [yr], "center", f"{base}.year", 0.3 * s))
        else:
            name_line = e.name
            out.append(("sans", 1.2 * s, p["text"], break_lines(name_line, "sans", 1.2 * s, inner_w, where=f"{base}.name"),
                        "center", f"{base}.name", 0.0))
            if e.role:
                out.append(("sans", 0.9 * s, p["red"], break_lines(e.role, "sans", 0.9 * s, inner_w, where=f"{base}.role"),
                            "center", f"{base}.role", 0.3 * s))
            if e.bio:
                out.append(("serif", 0.85 * s, p["text"], break_lines(e.bio, "serif", 0.85 * s, inner_w, where=f"{base}.bio"),
                            "justify", f"{base}.bio", 0.45 * s))
        height = sum(g + len(ls) * fs + (len(ls) - 1) * 0.35 * fs for _f, fs, _c, ls, _a, _w, g in out)
        return out, height

    sizes = ctx.scale(ctx.small_min, max(ctx.small_min, min(0.15 * inner_w, 0.22 * th)))
    size = fit_size(sizes, lambda s: all(card_lines(e, k, s)[1] <= th + 1e-6 for k, e in enumerate(entries)))
    if size is None:
        smallest = min(sizes)
        worst = max(range(len(entries)), key=lambda k: card_lines(entries[k], k, smallest)[1])
        need = card_lines(entries[worst], worst, smallest)[1]
        raise overflow_error(f"{content.where}: content.{kind}[{worst}] ({entries[worst].name})",
                             "the card text", need, th, smallest,
                             "shorten the entry, list fewer entries or choose a larger board")
    if size is not None:  # cards only as tall as their tallest text needs
        tallest = max(card_lines(e, k, size)[1] for k, e in enumerate(entries))
        th = min(th, tallest + 0.6 * size)
        ch = 2 * pad + ph + text_top_gap + th + lw_pad(cw)
    total_w = cols * cw + (cols - 1) * gap
    total_h = rows * ch + (rows - 1) * gap
    gx0 = x + (w - total_w) / 2
    gy0 = y + (h - total_h) * 0.4
    lw = max(0.8, cw * 0.006)
    for k, e in enumerate(entries):
        r, col = divmod(k, cols)
        n_in_row = min(cols, len(entries) - r * cols)
        row_x0 = gx0 + (cols - n_in_row) * (cw + gap) / 2
        cx0 = row_x0 + col * (cw + gap)
        cy0 = gy0 + r * (ch + gap)
        art.ops.append(Rect(cx0, cy0, cw, ch, paint(fill=p["white"], stroke=p["gold"], width=lw * 1.5)))
        art.ops.append(Rect(cx0, cy0, cw, lw * 4, paint(fill=p["red"])))
        px, py = cx0 + (cw - pw) / 2, cy0 + pad + lw * 2
        org = kind == "honors" and getattr(e, "kind", "member") == "organisation"
        if org and not e.photo:
            art.ops.append(Rect(px, py, pw, ph, paint(fill=p["red"])))
            art.ops.extend(_rays(px, py, px + pw, py + ph, px + pw / 2, py + ph * 0.45, 10, p["red_ray"]))
            art.ops.append(circle((px + pw / 2, py + ph * 0.45), pw * 0.3, paint(stroke=p["gold"], width=lw * 2)))
            art.ops.append(Polygon(_star(px + pw / 2, py + ph * 0.45, pw * 0.24), paint(fill=p["gold"])))
            art.ops.append(Rect(px + pw * 0.15, py + ph * 0.82, pw * 0.7, lw * 1.5, paint(fill=p["gold"])))
        elif e.photo:
            where = f"content.{kind}[{k}].photo"
            photo = ctx.photo(e.photo, f"{content.where}: {where}", pw, ph)
            if photo.upsampled:
                from ..content.boards import Note
                art.notes.append(Note("photo.low_resolution",
                                      f"照片分辨率偏低（{photo.native_dpi:.0f} dpi，已放大到 {photo.dpi:.0f} dpi）："
                                      f"{e.name}（{e.photo}）",
                                      f"low-resolution photo ({photo.native_dpi:.0f} dpi at final size, "
                                      f"resampled to {photo.dpi:.0f} dpi): {e.name} ({e.photo})"))
            art.ops.append(photo_image(px, py, pw, ph, photo))
            art.ops.append(Rect(px, py, pw, ph, paint(stroke=p["gold"], width=lw)))
        else:
            art.ops.append(Rect(px, py, pw, ph,
                                paint(fill=p["white"], stroke=p["grey"], width=lw, dash=(pw * 0.04, pw * 0.03))))
            ls = max(s for s in ctx.scale(0, max(min(ctx.scale()), pw * 0.14)))
            art.ops.append(_run("照片", "sans", ls, px, py + ph / 2 - ls * 1.2, p["grey"], f"content.{kind}[{k}]",
                                ls * 0.3, "center", pw))
            art.ops.append(_run(f"（{'待提供'}）", "sans", ls * 0.8, px, py + ph / 2 + ls * 0.2, p["grey"],
                                f"content.{kind}[{k}]", 0, "center", pw))
        lines, used = card_lines(e, k, size)
        ty = py + ph + text_top_gap + max(0.0, th - used) * 0.5
        for fam, fs, color, ls_, align, where, g in lines:
            ty += g
            for i, ln in enumerate(ls_):
                if align == "justify":
                    last = i == len(ls_) - 1
                    art.ops.append(justified_runs(ln, fam, fs, cx0 + pad, ty + _em_top(fam) * fs, inner_w, color,
                                                  not last, 0.8, where))
                else:
                    art.ops.append(_run(ln, fam, fs, cx0 + pad, ty, color, where, 0, align, inner_w))
                ty += fs * 1.35
            ty -= fs * 0.35


# --------------------------------------------------------------------------- tables

def layout_table(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """工作挂图 / 积分表 / 党费公示: a ruled table to fill in."""
    p = ctx.palette
    tpl = content.template
    x, y, w, h = standard_frame(art, content, ctx)
    x, y, w, h = _footnote(art, content, ctx, (x, y, w, h))
    columns = tpl["columns"]
    weights = tpl.get("column_weights") or [1] * len(columns)
    total = float(sum(weights))
    widths = [w * wt / total for wt in weights]
    rows = content.extra.get("rows", [])
    n = len(rows) + 1
    row_h = min(h / n, max(ctx.body_min * 3.2, 0.09 * h))
    header_h = row_h * 1.15
    table_h = header_h + row_h * len(rows)
    if table_h > h + 1e-6:
        row_h = (h - 0.15 * h / n) / n
        header_h = row_h * 1.15
        table_h = header_h + row_h * len(rows)
    where = content.where
    body_cells = [(str(t), widths[i]) for r in rows for i, t in enumerate(r) if str(t)]
    head_cells = [(c, widths[i]) for i, c in enumerate(columns)]

    def fitting(cells, cap):
        def fits(s: float) -> bool:
            return s <= cap and all(fonts.text_width(t, "sans", s, where) <= cw - 0.8 * s for t, cw in cells)

        sizes = ctx.scale(ctx.small_min, max(ctx.small_min, cap))
        size = fit_size(sizes, fits)
        if size is None:
            smallest = min(sizes)
            t, cw = max(cells, key=lambda c: fonts.text_width(c[0], "sans", smallest, where) - c[1])
            raise overflow_error(f"{where}: table cell {t!r}", "a table cell",
                                 fonts.text_width(t, "sans", smallest, where) + 0.8 * smallest, cw, smallest,
                                 "shorten the cell text")
        return size

    head_size = fitting(head_cells, 0.45 * header_h)
    size = fitting(body_cells, 0.45 * row_h) if body_cells else head_size
    ty = y + (h - table_h) * 0.3
    lw = max(0.5, size * 0.05)
    art.ops.append(Rect(x, ty, w, header_h, paint(fill=p["red"])))
    for r in range(len(rows)):
        fill = p["white"] if r % 2 == 0 else p["gold_light"]
        art.ops.append(Rect(x, ty + header_h + r * row_h, w, row_h, paint(fill=fill)))
    cx = x
    for i, (c, cw) in enumerate(zip(columns, widths)):
        art.ops.append(_run(c, "sans", head_size, cx, ty + (header_h - head_size) / 2, p["gold"], where, 0,
                            "center", cw))
        for r, row in enumerate(rows):
            if i < len(row) and row[i]:
                rtop = ty + header_h + r * row_h + (row_h - size) / 2
                art.ops.append(_run(str(row[i]), "sans", size, cx + 0.4 * size, rtop, p["text"], where, 0,
                                    "left" if i == 0 else "center", cw - 0.8 * size))
        cx += cw
    # rules
    cx = x
    for cw in widths[:-1]:
        cx += cw
        art.ops.append(Line((cx, ty + header_h), (cx, ty + table_h), paint(stroke=p["rule"], width=lw)))
    for r in range(1, len(rows)):
        yy = ty + header_h + r * row_h
        art.ops.append(Line((x, yy), (x + w, yy), paint(stroke=p["rule"], width=lw)))
    art.ops.append(Rect(x, ty, w, table_h, paint(stroke=p["red"], width=lw * 3)))


# --------------------------------------------------------------------------- development flow

def _arrow(x1: float, y1: float, x2: float, y2: float, color: CMYK, lw: float, head: float) -> list:
    ang = math.atan2(y2 - y1, x2 - x1)
    bx, by = x2 - head * math.cos(ang), y2 - head * math.sin(ang)
    left = (bx + head * 0.55 * math.sin(ang), by - head * 0.55 * math.cos(ang))
    right = (bx - head * 0.55 * math.sin(ang), by + head * 0.55 * math.cos(ang))
    return [Line((x1, y1), (bx, by), paint(stroke=color, width=lw)),
                 Polygon(((x2, y2), left, right), paint(fill=color))]


def layout_flow(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """发展党员工作流程图: stages (red labels) with numbered steps and arrows."""
    p = ctx.palette
    tpl = content.template
    x, y, w, h = standard_frame(art, content, ctx)
    x, y, w, h = _footnote(art, content, ctx, (x, y, w, h))
    stages = tpl["stages"]
    where = content.where
    lab_w = 0.27 * w
    col_gap = 0.035 * w
    step_x = x + lab_w + col_gap
    step_w = w - lab_w - col_gap
    stage_gap = 0.03 * h
    best = None
    for cols in (2, 3, 4):
        rows_per = [math.ceil(len(s["steps"]) / cols) for s in stages]
        R = sum(rows_per)
        rh = (h - (len(stages) - 1) * stage_gap) / R
        ag = 0.16 * step_w / cols
        bw = (step_w - (cols - 1) * ag) / cols
        bh = rh * 0.78

        def fits(s: float, bw=bw, bh=bh, rh=rh, rows_per=rows_per) -> bool:
            inner_w = bw - 2.6 * s
            if inner_w <= s:
                return False
            for st in stages:
                for step in st["steps"]:
                    ls = break_lines(step, "sans", s, inner_w, where=where)
                    if len(ls) * s * 1.3 - 0.3 * s > bh - 0.8 * s:
                        return False
            for k, st in enumerate(stages):
                lh = rows_per[k] * rh - rh * 0.22
                ls = break_lines(st["name"], "sans", s * 1.05, lab_w - 1.6 * s, where=where)
                if len(ls) * 1.05 * s * 1.3 + 1.6 * s > lh - 0.6 * s:
                    return False
            return True

        sizes = ctx.scale(ctx.small_min, max(ctx.small_min, bh * 0.3))
        s = fit_size(sizes, fits)
        if s is not None and (best is None or s > best[0]):
            best = (s, cols, rows_per, rh, ag, bw, bh)
    if best is None:
        raise overflow_error(where, "the flow chart", h * 1.1, h, ctx.small_min, "choose a larger board")
    s, cols, rows_per, rh, ag, bw, bh = best
    lw = max(0.6, s * 0.07)
    n = 0
    yy = y
    for k, st in enumerate(stages):
        sh = rows_per[k] * rh - rh * 0.22
        art.ops.append(Rect(x, yy, lab_w, sh, paint(fill=p["red"]), radius=s * 0.4))
        label = f"第{_ZH_DIGITS[k + 1]}阶段"
        art.ops.append(_run(label, "sans", 0.8 * s, x, yy + 0.7 * s, p["gold_light"], where, 0.1 * s, "center", lab_w))
        ls = break_lines(st["name"], "sans", 1.05 * s, lab_w - 1.6 * s, where=where)
        block = len(ls) * 1.05 * s * 1.3 - 0.3 * 1.05 * s
        ty = yy + 0.7 * s + 0.8 * s + (sh - 1.5 * s - block - 0.7 * s) / 2
        for i, ln in enumerate(ls):
            art.ops.append(_run(ln, "sans", 1.05 * s, x, ty + i * 1.05 * s * 1.3, p["gold"], where, 0, "center", lab_w))
        for i, step in enumerate(st["steps"]):
            n += 1
            r, c = divmod(i, cols)
            bx = step_x + c * (bw + ag)
            by = yy + r * rh + (rh * 0.78 - bh) / 2
            art.ops.append(Rect(bx, by, bw, bh, paint(fill=p["white"], stroke=p["red"], width=lw * 1.4),
                                radius=s * 0.25))
            cr = 0.62 * s
            art.ops.append(circle((bx + cr + 0.3 * s, by + cr + 0.3 * s), cr, paint(fill=p["red"])))
            num = str(n)
            ns = 0.72 * s
            art.ops.append(_run(num, "sans", ns, bx + 0.3 * s, by + 0.3 * s + cr - ns / 2, p["white"], where, 0,
                                "center", 2 * cr))
            inner_w = bw - 2.6 * s
            ls = break_lines(step, "sans", s, inner_w, where=where)
            block = len(ls) * s * 1.3 - 0.3 * s
            ty = by + (bh - block) / 2
            for j, ln in enumerate(ls):
                art.ops.append(_run(ln, "sans", s, bx + 1.8 * s, ty + j * 1.3 * s, p["text"], where, 0, "center", inner_w))
            if c < cols - 1 and i < len(st["steps"]) - 1:
                art.ops.extend(_arrow(bx + bw + ag * 0.12, by + bh / 2, bx + bw + ag * 0.88, by + bh / 2,
                                      p["red"], lw, ag * 0.38))
            elif c == cols - 1 and i < len(st["steps"]) - 1:
                # wrap: a bent connector down to the next row's first box
                nx = step_x + bw / 2
                ny = yy + (r + 1) * rh + (rh * 0.78 - bh) / 2
                mid = by + bh + (ny - by - bh) / 2
                art.ops.append(Line((bx + bw / 2, by + bh), (bx + bw / 2, mid), paint(stroke=p["red"], width=lw)))
                art.ops.append(Line((bx + bw / 2, mid), (nx, mid), paint(stroke=p["red"], width=lw)))
                art.ops.extend(_arrow(nx, mid, nx, ny, p["red"], lw, min(ag * 0.38, (ny - mid) * 0.9)))
        if k < len(stages) - 1:
            ax = x + lab_w / 2
            art.ops.extend(_arrow(ax, yy + sh + stage_gap * 0.1, ax, yy + sh + rh * 0.22 + stage_gap * 0.9,
                                  p["gold"], lw * 2.5, min(rh * 0.2 + stage_gap * 0.5, lab_w * 0.12)))
        yy += rows_per[k] * rh + stage_gap


# --------------------------------------------------------------------------- calendar

def layout_calendar(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """主题党日安排: the twelve activity days of the year, one cell per month."""
    p = ctx.palette
    tpl = content.template
    x, y, w, h = standard_frame(art, content, ctx)
    x, y, w, h = _footnote(art, content, ctx, (x, y, w, h))
    dates = content.extra.get("dates")
    if not dates:
        ops, _s, _u = set_flow(section_blocks(content.sections), flow_style(ctx), (x, y, w, h),
                               ctx.scale(ctx.body_min, _body_max(art, ctx, 1 / 20)), content.where)
        art.ops.extend(ops)
        return
    day = content.extra["activity_day"]
    rule = tpl["rules"][day.rule].format(day=day.day)
    sub = f"{day.year}年　{rule}"
    ss = max(s for s in ctx.scale(0, max(ctx.body_min, min(0.055 * h, 0.06 * w))))
    while fonts.text_width(sub, "sans", ss, content.where) > w and ss > min(ctx.scale()):
        ss = max(s for s in ctx.scale(0, ss - 0.01))
    art.ops.append(_run(sub, "sans", ss, x, y, p["red"], content.where, ss * 0.15, "center", w))
    y += ss * 1.9
    h -= ss * 1.9
    cols, rows = (3, 4) if w < h * 1.1 else (4, 3) if w < h * 2.2 else (6, 2)
    gap = 0.03 * min(w, h)
    cw = (w - (cols - 1) * gap) / cols
    ch = (h - (rows - 1) * gap) / rows
    head = ch * 0.3
    weekdays = tpl["weekdays"]
    ms = max(s for s in ctx.scale(0, head * 0.5))
    ds = max(s for s in ctx.scale(0, min((ch - head) * 0.42, cw * 0.3)))
    ws = max(s for s in ctx.scale(0, max(min(ctx.scale()), ds * 0.42)))
    lw = max(0.6, cw * 0.006)
    for k, d in enumerate(dates):
        r, c = divmod(k, cols)
        cx0 = x + c * (cw + gap)
        cy0 = y + r * (ch + gap)
        art.ops.append(Rect(cx0, cy0, cw, ch, paint(fill=p["white"], stroke=p["gold"], width=lw * 2)))
        art.ops.append(Rect(cx0, cy0, cw, head, paint(fill=p["red"])))
        art.ops.append(_run(f"{d.month}月", "sans", ms, cx0, cy0 + (head - ms) / 2, p["gold"], content.where,
                            ms * 0.1, "center", cw))
        block = ds + 0.35 * ds + ws
        top = cy0 + head + (ch - head - block) / 2
        art.ops.append(_run(f"{d.day}日", "sans", ds, cx0, top, p["text"], content.where, 0, "center", cw))
        art.ops.append(_run(weekdays[d.weekday()], "sans", ws, cx0, top + ds * 1.35, p["red"], content.where,
                            ws * 0.1, "center", cw))
