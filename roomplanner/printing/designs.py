"""Board layouts (版式): one ``layout_<name>`` function per template ``layout``.

Each function receives the :class:`~.boardart.BoardArt` to fill, the resolved
:class:`~roomplanner.content.boards.BoardContent` and the :class:`~.boardart.ComposeContext`, and appends drawing
operations (millimetres, origin at the top-left of the trim, y down).

The standard frame of a text board (:func:`standard_frame`): the board's ground runs into the
bleed; a red title band (with a ray pattern in a darker red) across the top, the title in gold;
a gold double rule under the band; a red foot strip with a gold rule and the branch's name. All
text stays at least the safe margin (15 mm) inside the trim; the outer margin grows with the
board (``margin_ratio``) up to the legibility margin of ``boards/sizes.yaml``.
"""

from __future__ import annotations

import math
from typing import Optional

from shapely.geometry import Polygon as _SPolygon, box as _sbox

from ..typeset import fonts
from ..typeset.text import break_lines
from ..content.boards import BoardContent, Para
from .boardart import (BoardArt, Circle, ComposeContext, Flow, FlowBlock, Line, Picture, Poly, Rect, TextRun,
                       fit_size, flow_style, justified_runs, legibility, overflow_error, section_blocks, set_flow)
from .templates import CMYK

_ZH_DIGITS = "〇一二三四五六七八九十"


# --------------------------------------------------------------------------- helpers

def _em_top(family: str) -> float:
    return fonts.metrics(family).em_top


def _run(text: str, family: str, size: float, x: float, top: float, color: CMYK, where: str,
         tracking: float = 0.0, align: str = "left", width: float = 0.0) -> TextRun:
    """A line whose em box starts at ``top``; aligned within ``[x, x + width]``."""
    w = fonts.text_width(text, family, size, where) + tracking * max(0, len(text) - 1)
    if align == "center":
        x = x + (width - w) / 2
    elif align == "right":
        x = x + width - w
    return TextRun(text, family, size, x, top + _em_top(family) * size, color, tracking, where)


def _star(cx: float, cy: float, r: float, rot: float = -90.0) -> tuple[tuple[float, float], ...]:
    """A five-pointed star (y down) centred at (cx, cy) with outer radius r."""
    inner = r * math.sin(math.radians(18)) / math.sin(math.radians(54))
    pts = []
    for k in range(10):
        rr = r if k % 2 == 0 else inner
        a = math.radians(rot + 36 * k)
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return tuple(pts)


def _diamond(cx: float, cy: float, r: float) -> tuple[tuple[float, float], ...]:
    return ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))


def _margin(art: BoardArt, ctx: ComposeContext) -> float:
    st = ctx.style
    cap = float(legibility().get("margin_mm", 40))
    return max(ctx.safe, min(cap, float(st.get("margin_ratio", 0.05)) * min(art.width, art.height)))


def _title_candidates(title: str) -> list[list[str]]:
    """One line, or two lines split at a 、 (balanced), for long titles."""
    cands = [[title]]
    cuts = [i + 1 for i, ch in enumerate(title) if ch == "、" and 0 < i < len(title) - 1]
    if cuts:
        best = min(cuts, key=lambda i: abs(len(title) - 2 * i))
        cands.append([title[:best].rstrip("、"), title[best:]])
    elif len(title) >= 12:
        mid = len(title) // 2
        cands.append([title[:mid], title[mid:]])
    return cands


def _tracking_em(text: str, ctx: ComposeContext, scale: float = 1.0) -> float:
    base = float(ctx.style["title"].get("tracking_em", 0.18)) * scale
    n = len(text)
    return base * (3.0 if n <= 4 else 1.8 if n <= 6 else 1.0 if n <= 10 else 0.4)


def set_title(title: str, box: tuple[float, float, float, float], family: str, color: CMYK,
              ctx: ComposeContext, where: str, max_size: float, min_size: float = 0.0,
              tracking_scale: float = 1.0) -> list[TextRun]:
    """The title centred in ``box`` at the largest size that fits (one or two lines)."""
    x, y, w, h = box
    best: Optional[tuple[float, list[str], float]] = None
    for lines in _title_candidates(title):
        track = (_tracking_em(lines[0], ctx, tracking_scale) if len(lines) == 1
                 else _tracking_em(title, ctx, tracking_scale) * 0.5)

        def fits(s: float, lines=lines, track=track) -> bool:
            widest = max(fonts.text_width(ln, family, s, where) + track * s * (len(ln) - 1) for ln in lines)
            return widest <= w + 1e-6 and len(lines) * s + (len(lines) - 1) * 0.3 * s <= h + 1e-6

        s = fit_size(ctx.scale(min_size, max_size), fits)
        if s is not None and (best is None or s > best[0] * 1.12):
            best = (s, lines, track)
    if best is None:
        smallest = min(ctx.scale(min_size, max_size))
        need = fonts.text_width(title, family, smallest, where)
        raise overflow_error(where, "the title", need, w, smallest, "shorten the title (content.boards.<id>.title)")
    s, lines, track = best
    block_h = len(lines) * s + (len(lines) - 1) * 0.3 * s
    top = y + (h - block_h) / 2
    return [_run(ln, family, s, x, top + k * 1.3 * s, color, where, track * s, "center", w)
            for k, ln in enumerate(lines)]


def _rays(x0: float, y0: float, x1: float, y1: float, cx: float, cy: float, n: int, color: CMYK) -> list[Poly]:
    """Alternate wedges radiating from (cx, cy), clipped to the rectangle (ray pattern)."""
    if n <= 0:
        return []
    clip = _sbox(x0, y0, x1, y1)
    R = 4 * max(x1 - x0, y1 - y0)
    out = []
    step = 360.0 / (2 * n)
    for k in range(2 * n):
        if k % 2:
            continue
        a0, a1 = math.radians(k * step - 90), math.radians((k + 1) * step - 90)
        wedge = _SPolygon([(cx, cy), (cx + R * math.cos(a0), cy + R * math.sin(a0)),
                           (cx + R * math.cos(a1), cy + R * math.sin(a1))])
        part = wedge.intersection(clip)
        geoms = getattr(part, "geoms", [part])
        for g in geoms:
            if g.geom_type == "Polygon" and g.area > 1.0:
                out.append(Poly(tuple((round(px, 3), round(py, 3)) for px, py in list(g.exterior.coords)[:-1]),
                                fill=color))
    return out


def standard_frame(art: BoardArt, content: BoardContent, ctx: ComposeContext,
                   ground: str = "paper") -> tuple[float, float, float, float]:
    """Ground, title band, rules and foot strip; returns the body box (x, y, w, h)."""
    p, st, b = ctx.palette, ctx.style, art.bleed
    W, H = art.width, art.height
    m = _margin(art, ctx)
    ops = art.ops
    ops.append(Rect(-b, -b, W + 2 * b, H + 2 * b, fill=p[ground]))
    tb = st["title"]
    band = min(float(tb.get("band_ratio", legibility().get("title_band", 0.16))) * H,
               float(tb.get("band_max_ratio", 0.2)) * W)
    ops.append(Rect(-b, -b, W + 2 * b, band + b, fill=p["red"]))
    ops.extend(_rays(-b, -b, W + b, band, W / 2, band * 1.05, int(st.get("rays", 18)), p["red_ray"]))
    g1 = max(2.0, band * 0.035)
    ops.append(Rect(-b, band, W + 2 * b, g1, fill=p["gold"]))
    ops.append(Rect(-b, band + g1 * 1.7, W + 2 * b, g1 * 0.4, fill=p["gold"]))
    # the title: centred in the band, never closer than the safe margin to the trim
    ty = max(ctx.safe, band * 0.14)
    title_box = (m, ty, W - 2 * m, band - ty - band * 0.12)
    ops.extend(set_title(content.title, title_box, tb.get("font", "sans"), p["gold"], ctx,
                         f"{content.where}: title", float(tb.get("size_ratio", 0.42)) * band))
    # the foot strip with the branch's name
    fs = st["footer"]
    text_ratio = float(fs.get("text_ratio", 0.3))
    foot = max(float(fs.get("min_mm", 44)), float(fs.get("ratio", 0.04)) * H,
               2 * ctx.safe / (1 - text_ratio) + 0.5)
    ops.append(Rect(-b, H - foot, W + 2 * b, foot + b, fill=p["red"]))
    ops.append(Rect(-b, H - foot - g1 * 0.9, W + 2 * b, g1 * 0.4, fill=p["gold"]))
    name = ctx.plan.spec.branch.name
    size = max(s for s in ctx.scale(0, foot * text_ratio))
    while size > min(ctx.scale()) and fonts.text_width(name, "sans", size, "branch.name") * 1.1 > W - 2 * m:
        size = max(s for s in ctx.scale(0, size - 0.01))
    ops.append(_run(name, "sans", size, m, H - foot + (foot - size) / 2, p["gold"], "branch.name",
                    size * 0.1, "center", W - 2 * m))
    top = band + g1 * 2.1 + m * 0.6
    bottom = H - foot - g1 - m * 0.5
    return (m, top, W - 2 * m, bottom - top)


def _footnote(art: BoardArt, content: BoardContent, ctx: ComposeContext,
              box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Set the branch's free text (content.boards.<id>.text) at the foot of the body; returns
    the remaining box."""
    if content.footnote is None:
        return box
    x, y, w, h = box
    st = flow_style(ctx, {"font": "sans", "indent_em": 0})
    st.text = ctx.palette["text"]
    blocks = [FlowBlock("para", para=Para(content.footnote.text, "plain", content.footnote.where))]
    flow = Flow(blocks, st, content.where)
    sizes = ctx.scale(ctx.small_min, max(ctx.small_min, ctx.body_min * 1.4))
    s = flow.fit(sizes, w, 0.2 * h)
    if s is None:
        need = flow.layout(min(sizes), w)[0]
        raise overflow_error(f"{content.where}: {content.footnote.where}", "the board's note", need, 0.2 * h,
                             min(sizes))
    used = flow.layout(s, w)[0]
    art.ops.append(Line(x, y + h - used - s * 0.8, x + w, y + h - used - s * 0.8, ctx.palette["gold"], 0.6))
    art.ops.extend(flow.draw(s, x, y + h - used, w))
    return (x, y, w, h - used - s * 1.6)


def _body_max(art: BoardArt, ctx: ComposeContext, ratio: float = 1 / 14) -> float:
    return max(ctx.body_min, min(art.width, art.height * 1.2) * ratio)


# --------------------------------------------------------------------------- oath

def layout_oath(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """入党誓词: party red ground, gold double frame, the title and the oath in gold."""
    p, b = ctx.palette, art.bleed
    W, H = art.width, art.height
    tpl = content.template
    ops = art.ops
    ops.append(Rect(-b, -b, W + 2 * b, H + 2 * b, fill=p["red"]))
    short = min(W, H)
    ops.extend(_rays(-b, -b, W + b, H + b, W / 2, -0.35 * H, 24, p["red_ray"]))
    f = max(18.0, 0.035 * short)
    lw = max(1.5, short * 0.004)
    ops.append(Rect(f, f, W - 2 * f, H - 2 * f, stroke=p["gold"], stroke_w=lw * 2))
    f2 = f + lw * 3.5
    ops.append(Rect(f2, f2, W - 2 * f2, H - 2 * f2, stroke=p["gold"], stroke_w=lw * 0.6))
    for cx, cy in ((f, f), (W - f, f), (f, H - f), (W - f, H - f)):
        ops.append(Poly(_diamond(cx, cy, lw * 5), fill=p["gold"]))
    pad = max(ctx.safe, 0.07 * short) + f2
    inner_w = W - 2 * pad
    # title
    title_h = 0.16 * H if H <= W else 0.12 * H
    title_top = f2 + 0.045 * H
    ops.extend(set_title(content.title, (pad, title_top, inner_w, title_h), tpl.get("title_font", "sans"),
                         p["gold"], ctx, f"{content.where}: title", title_h * 0.8))
    orn_y = title_top + title_h + 0.03 * H
    half = inner_w * 0.22
    ops.append(Line(W / 2 - half, orn_y, W / 2 - lw * 6, orn_y, p["gold"], lw))
    ops.append(Line(W / 2 + lw * 6, orn_y, W / 2 + half, orn_y, p["gold"], lw))
    ops.append(Poly(_diamond(W / 2, orn_y, lw * 3.5), fill=p["gold"]))
    # the oath
    body = dict(tpl.get("body", {}))
    st = flow_style(ctx, body)
    st.text = p["gold"]
    top = orn_y + 0.05 * H
    box = (pad, top, inner_w, H - pad - top)
    blocks = section_blocks(content.sections)
    lo = float(body.get("min_mm", ctx.body_min))
    ops_body, _s, _u = set_flow(blocks, st, box, ctx.scale(lo, short / 11), content.where, valign=0.4,
                                what="the oath")
    ops.extend(ops_body)


# --------------------------------------------------------------------------- headed sections

def layout_sections(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """Official texts, rules and template boards: headed sections of justified paragraphs."""
    box = standard_frame(art, content, ctx)
    st = flow_style(ctx, content.template.get("body"))
    blocks = section_blocks(content.sections)
    ops, _s, _u = set_flow(blocks, st, box, ctx.scale(ctx.body_min, _body_max(art, ctx)), content.where,
                           valign=0.35)
    art.ops.extend(ops)


# --------------------------------------------------------------------------- org chart

def _org_rows(committee) -> list[list]:
    secs = [m for m in committee if m.role.strip() == "书记"]
    if not secs:
        secs = [committee[0]]
    deps = [m for m in committee if "副书记" in m.role and m not in secs]
    rest = [m for m in committee if m not in secs and m not in deps]
    return [r for r in (secs, deps, rest) if r]


class OrgTree:
    """The committee as a tree of boxes (measure and draw at a size)."""

    def __init__(self, committee, ctx: ComposeContext, where: str):
        self.rows = _org_rows(list(committee))
        self.ctx = ctx
        self.where = where
        self.index = {id(m): k for k, m in enumerate(committee)}

    def _box(self, s: float) -> tuple[float, float]:
        widest = 0.0
        for row in self.rows:
            for m in row:
                k = self.index[id(m)]
                widest = max(widest, fonts.text_width(m.name, "sans", s, f"content.committee[{k}].name") + s * 0.2,
                             fonts.text_width(m.role, "sans", 0.72 * s, f"content.committee[{k}].role"))
        pad = 0.9 * s
        return widest + 2 * pad, 0.72 * s + 0.45 * s + s + 2 * 0.7 * s

    def _layout(self, s: float, width: float):
        bw, bh = self._box(s)
        gap = 0.8 * s
        per_row = max(1, int((width + gap) // (bw + gap)))
        lines = []
        for row in self.rows:
            for i in range(0, len(row), per_row):
                lines.append(row[i:i + per_row])
        vgap = 1.8 * s
        return bw, bh, gap, vgap, lines

    def measure(self, s: float, width: float) -> float:
        bw, bh, gap, vgap, lines = self._layout(s, width)
        if bw > width:
            return float("inf")
        return len(lines) * bh + (len(lines) - 1) * vgap + 0.6 * s

    def draw(self, s: float, x: float, y: float, width: float) -> list:
        p = self.ctx.palette
        bw, bh, gap, vgap, lines = self._layout(s, width)
        ops: list = []
        prev_centres: list[float] = []
        prev_bottom = 0.0
        lw = max(0.6, s * 0.07)
        for r, line in enumerate(lines):
            top = y + r * (bh + vgap)
            total = len(line) * bw + (len(line) - 1) * gap
            x0 = x + (width - total) / 2
            centres = [x0 + i * (bw + gap) + bw / 2 for i in range(len(line))]
            if prev_centres:
                mid_y = prev_bottom + vgap / 2
                trunk = sum(prev_centres) / len(prev_centres)
                ops.append(Line(trunk, prev_bottom, trunk, mid_y, p["red"], lw))
                ops.append(Line(min(centres + [trunk]), mid_y, max(centres + [trunk]), mid_y, p["red"], lw))
                for cx in centres:
                    ops.append(Line(cx, mid_y, cx, top, p["red"], lw))
            leader = r == 0 or any("书记" in m.role for m in line)
            for i, m in enumerate(line):
                k = self.index[id(m)]
                bx = x0 + i * (bw + gap)
                if leader:
                    ops.append(Rect(bx, top, bw, bh, fill=p["red"], stroke=p["gold"], stroke_w=lw * 1.4, radius=s * 0.3))
                    role_c, name_c = p["gold"], p["white"]
                else:
                    ops.append(Rect(bx, top, bw, bh, fill=p["white"], stroke=p["red"], stroke_w=lw * 1.4, radius=s * 0.3))
                    role_c, name_c = p["red"], p["text"]
                ops.append(_run(m.role, "sans", 0.72 * s, bx, top + 0.7 * s, role_c, f"content.committee[{k}].role",
                                0, "center", bw))
                ops.append(_run(m.name, "sans", s, bx, top + 0.7 * s + 0.72 * s + 0.45 * s, name_c,
                                f"content.committee[{k}].name", s * 0.1, "center", bw))
            prev_centres, prev_bottom = centres, top + bh
        return ops


def _org_block(committee, ctx: ComposeContext, where: str) -> FlowBlock:
    tree = OrgTree(committee, ctx, where)
    return FlowBlock("custom", measure=tree.measure, draw=tree.draw)


def layout_org_chart(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """党组织架构: the committee as a tree, then the membership in words."""
    box = standard_frame(art, content, ctx)
    box = _footnote(art, content, ctx, box)
    plan = ctx.plan
    tpl = content.template
    c = plan.spec.content
    st = flow_style(ctx, dict(tpl.get("body", {}), indent_em=0))
    st.align = "center"
    blocks: list[FlowBlock] = []
    if c.committee:
        blocks.append(_org_block(c.committee, ctx, content.where))
        blocks.append(FlowBlock("gap"))
    else:
        blocks += section_blocks(content.sections)
    full = plan.spec.branch.full_members if plan.spec.branch.full_members is not None else plan.spec.branch.members
    summary = tpl["summary"].format(members=plan.spec.branch.members, full=full)
    if c.committee and len(c.committee) > 1:
        summary += tpl["committee_line"].format(n=len(c.committee))
    blocks.append(FlowBlock("para", para=Para(summary, "plain", "branch.members"), first_in_section=True,
                            scale=0.7))
    ops, _s, _u = set_flow(blocks, st, box, ctx.scale(ctx.body_min, _body_max(art, ctx, 1 / 16)), content.where,
                           valign=0.4)
    art.ops.extend(ops)


# --------------------------------------------------------------------------- publicity

def layout_publicity(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """宣传公开栏: two parts — organisation and overview | activities."""
    x, y, w, h = standard_frame(art, content, ctx)
    c = ctx.plan.spec.content
    st = flow_style(ctx, content.template.get("body"))
    gutter = max(ctx.safe, 0.04 * w)
    cols = {"left": (x, 0.5 * (w - gutter)), "right": (x + 0.5 * (w + gutter), 0.5 * (w - gutter))}
    flows = {}
    for side in ("left", "right"):
        blocks: list[FlowBlock] = []
        for s in content.sections:
            if getattr(s, "side", "") != side:
                continue
            if s.key == "committee" and s.origin == "user":
                blocks.append(FlowBlock("heading", text=s.heading, first_in_section=True))
                blocks.append(_org_block(c.committee, ctx, content.where))
            else:
                blocks += section_blocks([s])
        flows[side] = Flow(blocks, st, content.where)
    sizes = ctx.scale(ctx.body_min, _body_max(art, ctx, 1 / 22))

    def fits(s: float) -> bool:
        return all(flows[k].layout(s, cols[k][1])[0] <= h + 1e-6 for k in flows)

    size = fit_size(sizes, fits)
    if size is None:
        smallest = min(sizes)
        need = max(flows[k].layout(smallest, cols[k][1])[0] for k in flows)
        raise overflow_error(content.where, "the text", need, h, smallest,
                             "shorten content.overview / content.activities or choose a larger board")
    for k, f in flows.items():
        art.ops.extend(f.draw(size, cols[k][0], y, cols[k][1]))
    gx = x + w / 2
    art.ops.append(Line(gx, y, gx, y + h, ctx.palette["gold"], max(0.8, size * 0.08)))


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
        art.ops.append(Rect(cx0, cy0, cw, ch, fill=p["white"], stroke=p["gold"], stroke_w=lw * 1.5))
        art.ops.append(Rect(cx0, cy0, cw, lw * 4, fill=p["red"]))
        px, py = cx0 + (cw - pw) / 2, cy0 + pad + lw * 2
        org = kind == "honors" and getattr(e, "kind", "member") == "organisation"
        if org and not e.photo:
            art.ops.append(Rect(px, py, pw, ph, fill=p["red"]))
            art.ops.extend(_rays(px, py, px + pw, py + ph, px + pw / 2, py + ph * 0.45, 10, p["red_ray"]))
            art.ops.append(Circle(px + pw / 2, py + ph * 0.45, pw * 0.3, stroke=p["gold"], stroke_w=lw * 2))
            art.ops.append(Poly(_star(px + pw / 2, py + ph * 0.45, pw * 0.24), fill=p["gold"]))
            art.ops.append(Rect(px + pw * 0.15, py + ph * 0.82, pw * 0.7, lw * 1.5, fill=p["gold"]))
        elif e.photo:
            where = f"content.{kind}[{k}].photo"
            photo = ctx.photo(e.photo, f"{content.where}: {where}", pw, ph)
            if photo.upsampled:
                from ..content.boards import Note
                art.notes.append(Note("photo.low_resolution",
                                      f"照片分辨率偏低（{photo.native_dpi:.0f} dpi，已放大到 {photo.dpi:.0f} dpi）：{e.photo}",
                                      f"low-resolution photo ({photo.native_dpi:.0f} dpi at final size, "
                                      f"resampled to {photo.dpi:.0f} dpi): {where}"))
            art.ops.append(Picture(px, py, pw, ph, photo))
            art.ops.append(Rect(px, py, pw, ph, stroke=p["gold"], stroke_w=lw))
        else:
            art.ops.append(Rect(px, py, pw, ph, fill=p["white"], stroke=p["grey"], stroke_w=lw,
                                dash=(pw * 0.04, pw * 0.03)))
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
    art.ops.append(Rect(x, ty, w, header_h, fill=p["red"]))
    for r in range(len(rows)):
        fill = p["white"] if r % 2 == 0 else p["gold_light"]
        art.ops.append(Rect(x, ty + header_h + r * row_h, w, row_h, fill=fill))
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
        art.ops.append(Line(cx, ty + header_h, cx, ty + table_h, p["rule"], lw))
    for r in range(1, len(rows)):
        yy = ty + header_h + r * row_h
        art.ops.append(Line(x, yy, x + w, yy, p["rule"], lw))
    art.ops.append(Rect(x, ty, w, table_h, stroke=p["red"], stroke_w=lw * 3))


# --------------------------------------------------------------------------- development flow

def _arrow(x1: float, y1: float, x2: float, y2: float, color: CMYK, lw: float, head: float) -> list:
    ang = math.atan2(y2 - y1, x2 - x1)
    bx, by = x2 - head * math.cos(ang), y2 - head * math.sin(ang)
    left = (bx + head * 0.55 * math.sin(ang), by - head * 0.55 * math.cos(ang))
    right = (bx - head * 0.55 * math.sin(ang), by + head * 0.55 * math.cos(ang))
    return [Line(x1, y1, bx, by, color, lw), Poly(((x2, y2), left, right), fill=color)]


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
        art.ops.append(Rect(x, yy, lab_w, sh, fill=p["red"], radius=s * 0.4))
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
            art.ops.append(Rect(bx, by, bw, bh, fill=p["white"], stroke=p["red"], stroke_w=lw * 1.4, radius=s * 0.25))
            cr = 0.62 * s
            art.ops.append(Circle(bx + cr + 0.3 * s, by + cr + 0.3 * s, cr, fill=p["red"]))
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
                art.ops.append(Line(bx + bw / 2, by + bh, bx + bw / 2, mid, p["red"], lw))
                art.ops.append(Line(bx + bw / 2, mid, nx, mid, p["red"], lw))
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
        art.ops.append(Rect(cx0, cy0, cw, ch, fill=p["white"], stroke=p["gold"], stroke_w=lw * 2))
        art.ops.append(Rect(cx0, cy0, cw, head, fill=p["red"]))
        art.ops.append(_run(f"{d.month}月", "sans", ms, cx0, cy0 + (head - ms) / 2, p["gold"], content.where,
                            ms * 0.1, "center", cw))
        block = ds + 0.35 * ds + ws
        top = cy0 + head + (ch - head - block) / 2
        art.ops.append(_run(f"{d.day}日", "sans", ds, cx0, top, p["text"], content.where, 0, "center", cw))
        art.ops.append(_run(weekdays[d.weekday()], "sans", ws, cx0, top + ds * 1.35, p["red"], content.where,
                            ws * 0.1, "center", cw))


# --------------------------------------------------------------------------- signs

def layout_door_sign(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """门牌: the room's name in red characters on white, a red frame with a gold line."""
    p, b = ctx.palette, art.bleed
    W, H = art.width, art.height
    text = content.extra["text"]
    ops = art.ops
    ops.append(Rect(-b, -b, W + 2 * b, H + 2 * b, fill=p["white"]))
    f = max(6.0, 0.045 * H)
    lw = max(1.2, 0.012 * H)
    ops.append(Rect(f, f, W - 2 * f, H - 2 * f, stroke=p["red"], stroke_w=lw * 2))
    f2 = f + lw * 2.8
    ops.append(Rect(f2, f2, W - 2 * f2, H - 2 * f2, stroke=p["gold"], stroke_w=lw * 0.7))
    inset = max(ctx.safe, f2 + 0.08 * H)
    box = (inset + 0.02 * W, inset, W - 2 * inset - 0.04 * W, H - 2 * inset)
    ops.extend(set_title(text, box, content.template.get("font", "sans"), p["red"], ctx,
                         f"{content.where}: {content.extra['where']}", box[3],
                         tracking_scale=0.15 if any(ch in text for ch in "（）《》") else 0.5))


_VERTICAL_FORMS = {"（": "︵", "）": "︶", "《": "︽", "》": "︾", "“": "﹁", "”": "﹂", "—": "︱", "、": "︑", "，": "︐", "。": "︒"}


def layout_plaque(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """党支部牌子: red characters set vertically (one or two columns, right to left)."""
    p, b = ctx.palette, art.bleed
    W, H = art.width, art.height
    family = content.template.get("font", "serif")
    where = f"{content.where}: {content.extra['where']}"
    text = "".join(_VERTICAL_FORMS.get(ch, ch) for ch in content.extra["text"] if not ch.isspace())
    fonts.check_coverage(text, family, where)
    ops = art.ops
    ops.append(Rect(-b, -b, W + 2 * b, H + 2 * b, fill=p["white"]))
    f = max(6.0, 0.03 * W)
    lw = max(1.2, 0.008 * W)
    ops.append(Rect(f, f, W - 2 * f, H - 2 * f, stroke=p["red"], stroke_w=lw * 2))
    f2 = f + lw * 2.8
    ops.append(Rect(f2, f2, W - 2 * f2, H - 2 * f2, stroke=p["gold"], stroke_w=lw * 0.7))
    inset = max(ctx.safe, f2 + 0.08 * W)
    bw, bh = W - 2 * inset, H - 2 * inset
    pitch = 1.12

    def one(s_cols: list[str]) -> float:
        longest = max(len(c) for c in s_cols)
        ncol = len(s_cols)
        return min(bw / (ncol + (ncol - 1) * 0.35), bh / (longest * pitch))

    cands = [[text]]
    if len(text) > 8:
        if text.startswith("中国共产党") and len(text) > 5:
            cands.append(["中国共产党", text[5:]])
        half = math.ceil(len(text) / 2)
        cands.append([text[:half], text[half:]])
    # one column is the traditional plaque; two only when one would be thin in the plaque
    cols = cands[0]
    if one(cols) < 0.15 * bw and len(cands) > 1:
        cols = max(cands[1:], key=one)
    s_max = one(cols)
    sizes = ctx.scale(0, s_max)
    s = max(sizes)
    if s < ctx.body_min:
        raise overflow_error(where, "the plaque text", len(text) * ctx.body_min * pitch, bh, ctx.body_min,
                             "shorten content.plaque_text")
    ncol = len(cols)
    total_w = ncol * s + (ncol - 1) * 0.35 * s
    # columns run right to left
    for ci, col in enumerate(cols):
        cx = W / 2 + total_w / 2 - s / 2 - ci * 1.35 * s
        col_h = len(col) * s * pitch - (pitch - 1) * s
        top = inset + (bh - col_h) / 2
        for k, ch in enumerate(col):
            ops.append(_run(ch, family, s, cx - s / 2, top + k * s * pitch, p["red"], where, 0, "center", s))
