"""What every board design shares: the standard frame of a text board (ground, title band with
rays, gold rules, foot strip), the fitted title, footnotes and the safe margins."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache
from typing import Optional

import shapely

from ..typeset import fonts
from ..content.boards import BoardContent, Para
from ..draw.primitives import ART, CMYK, Emblem, Line, Polygon, Rect, Text, paint
from .boardart import (BoardArt, ComposeContext, Flow, FlowBlock, OfficialArtwork, fit_size, flow_style, legibility,
                       overflow_error)

_ZH_DIGITS = "〇一二三四五六七八九十"


# --------------------------------------------------------------------------- helpers

def _em_top(family: str) -> float:
    return fonts.metrics(family).em_top


def _run(text: str, family: str, size: float, x: float, top: float, color: CMYK, where: str,
         tracking: float = 0.0, align: str = "left", width: float = 0.0) -> Text:
    """A line whose em box starts at ``top``; aligned within ``[x, x + width]``."""
    w = fonts.text_width(text, family, size, where) + tracking * max(0, len(text) - 1)
    if align == "center":
        x = x + (width - w) / 2
    elif align == "right":
        x = x + width - w
    return Text((x, top + _em_top(family) * size), text, size, font=family, color=color, tracking=tracking,
                where=where, layer=ART)


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
              tracking_scale: float = 1.0) -> list[Text]:
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


def title_with_emblem(title: str, box: tuple[float, float, float, float], family: str, color: CMYK,
                      ctx: ComposeContext, where: str, max_size: float, tracking_scale: float = 1.0,
                      emblem_ratio: float = 1.25) -> list:
    """The title centred in ``box`` (:func:`set_title`) and, when the spec supplies the official
    artwork (``emblem:``), the emblem left of it: as tall as ``emblem_ratio`` × the title block
    (at most the box), uniformly scaled, and the pair centred in the box. Without the artwork,
    exactly :func:`set_title`."""
    art = ctx.emblem
    if art is None:
        return set_title(title, box, family, color, ctx, where, max_size, tracking_scale=tracking_scale)
    x, y, w, h = box
    eh = h
    ew = min(eh * art.aspect, 0.3 * w)
    ew, eh = art.fit(ew, eh)
    gap = 0.35 * eh
    runs = set_title(title, (x + ew + gap, y, w - ew - gap, h), family, color, ctx, where, max_size,
                     tracking_scale=tracking_scale)
    top = min(r.bbox()[1] for r in runs)
    bottom = max(r.bbox()[3] for r in runs)
    ew, eh = art.fit(ew, min(h, emblem_ratio * (bottom - top)))
    gap = 0.35 * eh
    x0 = min(r.x for r in runs)
    x1 = max(r.x + r.width for r in runs)
    group = ew + gap + (x1 - x0)
    start = x + (w - group) / 2
    dx = start + ew + gap - x0
    runs = [replace(r, pos=(r.x + dx, r.y)) for r in runs]
    cy = (top + bottom) / 2
    ey = min(max(cy - eh / 2, y), y + h - eh)
    return [Emblem(start, ey, ew, eh, OfficialArtwork(art))] + runs


def _rays(x0: float, y0: float, x1: float, y1: float, cx: float, cy: float, n: int, color: CMYK) -> list[Polygon]:
    """Alternate wedges radiating from (cx, cy), clipped to the rectangle (ray pattern)."""
    if n <= 0:
        return []
    return [Polygon(points, paint(fill=color)) for points in _ray_wedges(x0, y0, x1, y1, cx, cy, n)]


@lru_cache(maxsize=64)
def _ray_wedges(x0: float, y0: float, x1: float, y1: float, cx: float, cy: float,
                n: int) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The outlines of :func:`_rays` (boards of one size share them): every wedge is clipped
    by GEOS in one vectorised call (shapely 2), the parts kept in wedge order."""
    R = 4 * max(x1 - x0, y1 - y0)
    step = 360.0 / (2 * n)
    wedges = []
    for k in range(0, 2 * n, 2):
        a0, a1 = math.radians(k * step - 90), math.radians((k + 1) * step - 90)
        wedges.append([(cx, cy), (cx + R * math.cos(a0), cy + R * math.sin(a0)),
                       (cx + R * math.cos(a1), cy + R * math.sin(a1))])
    parts = shapely.get_parts(shapely.intersection(shapely.polygons(wedges), shapely.box(x0, y0, x1, y1)))
    out = []
    for g, kind, area in zip(parts, shapely.get_type_id(parts).tolist(), shapely.area(parts).tolist()):
        if kind == 3 and area > 1.0:   # a Polygon of some area
            ring = shapely.get_coordinates(shapely.get_exterior_ring(g)).tolist()[:-1]
            out.append(tuple((round(px, 3), round(py, 3)) for px, py in ring))
    return tuple(out)


def standard_frame(art: BoardArt, content: BoardContent, ctx: ComposeContext,
                   ground: str = "paper") -> tuple[float, float, float, float]:
    """Ground, title band, rules and foot strip; returns the body box (x, y, w, h)."""
    p, st, b = ctx.palette, ctx.style, art.bleed
    W, H = art.width, art.height
    m = _margin(art, ctx)
    ops = art.ops
    ops.append(Rect(-b, -b, W + 2 * b, H + 2 * b, paint(fill=p[ground])))
    tb = st["title"]
    band = min(float(tb.get("band_ratio", legibility().get("title_band", 0.16))) * H,
               float(tb.get("band_max_ratio", 0.2)) * W)
    ops.append(Rect(-b, -b, W + 2 * b, band + b, paint(fill=p["red"])))
    ops.extend(_rays(-b, -b, W + b, band, W / 2, band * 1.05, int(st.get("rays", 18)), p["red_ray"]))
    g1 = max(2.0, band * 0.035)
    ops.append(Rect(-b, band, W + 2 * b, g1, paint(fill=p["gold"])))
    ops.append(Rect(-b, band + g1 * 1.7, W + 2 * b, g1 * 0.4, paint(fill=p["gold"])))
    # the title: centred in the band, never closer than the safe margin to the trim
    ty = max(ctx.safe, band * 0.14)
    title_box = (m, ty, W - 2 * m, band - ty - band * 0.12)
    art.emblem_slot = "header"
    ops.extend(title_with_emblem(content.title, title_box, tb.get("font", "sans"), p["gold"], ctx,
                                 f"{content.where}: title", float(tb.get("size_ratio", 0.42)) * band))
    # the foot strip with the branch's name
    fs = st["footer"]
    text_ratio = float(fs.get("text_ratio", 0.3))
    foot = max(float(fs.get("min_mm", 44)), float(fs.get("ratio", 0.04)) * H,
               2 * ctx.safe / (1 - text_ratio) + 0.5)
    ops.append(Rect(-b, H - foot, W + 2 * b, foot + b, paint(fill=p["red"])))
    ops.append(Rect(-b, H - foot - g1 * 0.9, W + 2 * b, g1 * 0.4, paint(fill=p["gold"])))
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
    art.ops.append(Line((x, y + h - used - s * 0.8), (x + w, y + h - used - s * 0.8),
                        paint(stroke=ctx.palette["gold"], width=0.6)))
    art.ops.extend(flow.draw(s, x, y + h - used, w))
    return (x, y, w, h - used - s * 1.6)


def _body_max(art: BoardArt, ctx: ComposeContext, ratio: float = 1 / 14) -> float:
    return max(ctx.body_min, min(art.width, art.height * 1.2) * ratio)
