"""Board layouts (版式): one ``layout_<name>`` function per template ``layout``.

Text boards are designed here; grid-like boards in :mod:`.designs_grid` (named here too), on
the frame of :mod:`.frames`. Each function receives the :class:`~.boardart.BoardArt` to fill, the resolved
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

from ..content.boards import BoardContent, Para
from ..typeset import fonts
from ..draw.primitives import Line, Polygon, Rect, paint
from .boardart import (BoardArt, ComposeContext, Flow, FlowBlock, fit_size, flow_style, overflow_error, section_blocks,
                       set_flow)
from .designs_grid import layout_calendar, layout_cards, layout_flow, layout_table
from .frames import _body_max, _diamond, _footnote, _rays, _run, set_title, standard_frame, title_with_emblem

#: Every design, by the template's ``layout`` name (``layout_<name>``).
__all__ = ["layout_calendar", "layout_cards", "layout_door_sign", "layout_flow", "layout_oath", "layout_org_chart", "layout_plaque", "layout_publicity", "layout_sections", "layout_table"]


# --------------------------------------------------------------------------- oath

def layout_oath(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """入党誓词: party red ground, gold double frame, the title and the oath in gold."""
    p, b = ctx.palette, art.bleed
    W, H = art.width, art.height
    tpl = content.template
    ops = art.ops
    ops.append(Rect(-b, -b, W + 2 * b, H + 2 * b, paint(fill=p["red"])))
    short = min(W, H)
    ops.extend(_rays(-b, -b, W + b, H + b, W / 2, -0.35 * H, 24, p["red_ray"]))
    f = max(18.0, 0.035 * short)
    lw = max(1.5, short * 0.004)
    ops.append(Rect(f, f, W - 2 * f, H - 2 * f, paint(stroke=p["gold"], width=lw * 2)))
    f2 = f + lw * 3.5
    ops.append(Rect(f2, f2, W - 2 * f2, H - 2 * f2, paint(stroke=p["gold"], width=lw * 0.6)))
    for cx, cy in ((f, f), (W - f, f), (f, H - f), (W - f, H - f)):
        ops.append(Polygon(_diamond(cx, cy, lw * 5), paint(fill=p["gold"])))
    pad = max(ctx.safe, 0.07 * short) + f2
    inner_w = W - 2 * pad
    # title
    title_h = 0.16 * H if H <= W else 0.12 * H
    title_top = f2 + 0.045 * H
    ops.extend(set_title(content.title, (pad, title_top, inner_w, title_h), tpl.get("title_font", "sans"),
                         p["gold"], ctx, f"{content.where}: title", title_h * 0.8))
    orn_y = title_top + title_h + 0.03 * H
    half = inner_w * 0.22
    ops.append(Line((W / 2 - half, orn_y), (W / 2 - lw * 6, orn_y), paint(stroke=p["gold"], width=lw)))
    ops.append(Line((W / 2 + lw * 6, orn_y), (W / 2 + half, orn_y), paint(stroke=p["gold"], width=lw)))
    ops.append(Polygon(_diamond(W / 2, orn_y, lw * 3.5), paint(fill=p["gold"])))
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
                ops.append(Line((trunk, prev_bottom), (trunk, mid_y), paint(stroke=p["red"], width=lw)))
                ops.append(Line((min(centres + [trunk]), mid_y), (max(centres + [trunk]), mid_y),
                                paint(stroke=p["red"], width=lw)))
                for cx in centres:
                    ops.append(Line((cx, mid_y), (cx, top), paint(stroke=p["red"], width=lw)))
            leader = r == 0 or any("书记" in m.role for m in line)
            for i, m in enumerate(line):
                k = self.index[id(m)]
                bx = x0 + i * (bw + gap)
                if leader:
                    ops.append(Rect(bx, top, bw, bh, paint(fill=p["red"], stroke=p["gold"], width=lw * 1.4),
                                    radius=s * 0.3))
                    role_c, name_c = p["gold"], p["white"]
                else:
                    ops.append(Rect(bx, top, bw, bh, paint(fill=p["white"], stroke=p["red"], width=lw * 1.4),
                                    radius=s * 0.3))
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
    full = plan.spec.branch.full_members      # printed only when given: never a default stated as a fact
    summary = (tpl["summary"] if full is None else tpl["summary_full"]).format(members=plan.spec.branch.members,
                                                                               full=full)
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
    art.ops.append(Line((gx, y), (gx, y + h), paint(stroke=ctx.palette["gold"], width=max(0.8, size * 0.08))))


# --------------------------------------------------------------------------- signs

def layout_door_sign(art: BoardArt, content: BoardContent, ctx: ComposeContext) -> None:
    """门牌: the room's name in red characters on white, a red frame with a gold line."""
    p, b = ctx.palette, art.bleed
    W, H = art.width, art.height
    text = content.extra["text"]
    ops = art.ops
    ops.append(Rect(-b, -b, W + 2 * b, H + 2 * b, paint(fill=p["white"])))
    f = max(6.0, 0.045 * H)
    lw = max(1.2, 0.012 * H)
    ops.append(Rect(f, f, W - 2 * f, H - 2 * f, paint(stroke=p["red"], width=lw * 2)))
    f2 = f + lw * 2.8
    ops.append(Rect(f2, f2, W - 2 * f2, H - 2 * f2, paint(stroke=p["gold"], width=lw * 0.7)))
    inset = max(ctx.safe, f2 + 0.08 * H)
    box = (inset + 0.02 * W, inset, W - 2 * inset - 0.04 * W, H - 2 * inset)
    art.emblem_slot = "door_sign"
    ops.extend(title_with_emblem(text, box, content.template.get("font", "sans"), p["red"], ctx,
                                 f"{content.where}: {content.extra['where']}", box[3],
                                 tracking_scale=0.15 if any(ch in text for ch in "（）《》") else 0.5,
                                 emblem_ratio=1.2))


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
    ops.append(Rect(-b, -b, W + 2 * b, H + 2 * b, paint(fill=p["white"])))
    f = max(6.0, 0.03 * W)
    lw = max(1.2, 0.008 * W)
    ops.append(Rect(f, f, W - 2 * f, H - 2 * f, paint(stroke=p["red"], width=lw * 2)))
    f2 = f + lw * 2.8
    ops.append(Rect(f2, f2, W - 2 * f2, H - 2 * f2, paint(stroke=p["gold"], width=lw * 0.7)))
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
