"""``elevations.dxf``: every wall seen from inside, side by side, each with its title; walls
carrying items on their outer face (door sign, branch plaque) also seen from outside.

Each elevation is drawn 1 : 1 in millimetres with its own origin: x from the wall's left end
as the viewer sees it (the same ``left`` as ``installation.csv``), y above the finished floor.
The wall (墙体) with the cut side walls, openings (门窗), the flag (党旗) with the emblem's
position marked exactly as the PDF elevations mark it (the emblem itself is never drawn),
boards and signs as one block per kind (图板) with their titles, obstacles, and DIMENSION
chains: item edges below the floor, heights on the left, the clear height on the right.
"""

from __future__ import annotations

from functools import lru_cache

from ..data import data_dir
from ..i18n import tr
from ..model.geometry import walls_of
from ..model.plan import Plan
from .dxf_common import (ANSI31_OFFSET, RED, FLAG_TRUE, GOLD_TRUE, GRID_TRUE, TEXT_STYLE, Drawing, add_attdefs, board_block_name,
                         choose_scale, rect, text, title_block)


def elevation_views(plan: Plan) -> list[tuple[int, str]]:
    """(wall, face) of every elevation, in drawing order: all walls inside, then the outside
    views of walls with items on their outer face."""
    n = len(plan.spec.room.outline)
    views = [(i, "inside") for i in range(n)]
    views += [(i, "outside") for i in range(n) if any(it.wall == i and it.face == "outside" for it in plan.wall_items)]
    return views


def item_left(wall, it_offset: float, width: float, face: str) -> float:
    left = wall.viewer_left(it_offset, width)
    return wall.length - left - width if face == "outside" else left


def elevation_origins(plan: Plan) -> list[tuple[int, str, float]]:
    """(wall, face, x of the elevation's left end) as laid out side by side."""
    walls = walls_of(plan.spec.outline)
    T = float(plan.spec.room.wall_thickness)
    x = 0.0
    out = []
    for i, face in elevation_views(plan):
        out.append((i, face, x))
        x += walls[i].length + 2 * T + 3000.0
    return out


def _tc(rgb) -> int:
    return (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]


def elevations_dxf(plan: Plan, lang: str = "zh", date: str | None = None) -> bytes:
    spec = plan.spec
    walls = walls_of(spec.outline)
    H = float(spec.room.height)
    T = float(spec.room.wall_thickness)
    s = choose_scale(max(max(w.length for w in walls), H) + 3000)
    dr = Drawing(s)
    msp, dims = dr.msp, dr.dims
    x_end = 0.0
    for i, face, x0 in elevation_origins(plan):
        w = walls[i]
        L = w.length
        x_end = x0 + L + T
        # wall, cut side walls, floor and ceiling lines
        rect(msp, x0, 0, x0 + L, H, "墙体")
        for a, b in ((x0 - T, x0), (x0 + L, x0 + L + T)):
            rect(msp, a, 0, b, H, "墙体")
            msp.hatch([(a, 0), (b, 0), (b, H), (a, H)], "墙体", pattern=("ANSI31", s / 2, ANSI31_OFFSET), color=8)
        msp.line((x0 - T - 300, 0), (x0 + L + T + 300, 0), "墙体", lineweight=70)
        xticks = {0.0, L}
        hticks = {0.0, H}
        # openings (the same on both faces, mirrored outside)
        for o in spec.room.openings:
            if o.wall != i:
                continue
            left = item_left(w, float(o.offset), float(o.width), face)
            sill = spec.window_sill(o)
            top = sill + float(o.height)
            rect(msp, x0 + left, sill, x0 + left + float(o.width), top, "门窗")
            if o.kind == "window":
                rect(msp, x0 + left + 50, sill + 50, x0 + left + float(o.width) - 50, top - 50, "门窗")
            xticks |= {left, left + float(o.width)}
            hticks |= {sill, top}
        for ob in spec.room.obstacles:
            if ob.wall != i or face != "inside":
                continue
            left = item_left(w, float(ob.offset), float(ob.width), face)
            rect(msp, x0 + left, float(ob.bottom), x0 + left + float(ob.width), float(ob.top), "墙体",
                 linetype="DASHED")
            text(msp, ob.label, (x0 + left + float(ob.width) / 2, (float(ob.bottom) + float(ob.top)) / 2),
                 2.0, s, align="MIDDLE_CENTER")
        # flag, boards, signs
        for it in plan.wall_items:
            if it.wall != i or it.face != face:
                continue
            wd, ht, b = float(it.width), float(it.height), float(it.bottom)
            left = item_left(w, float(it.offset), wd, face)
            xticks |= {left, left + wd}
            hticks |= {b, b + ht}
            if it.kind == "flag":
                _flag(msp, x0 + left, b, wd, ht, s, it.title, lang)
                continue
            name = board_block_name(it, "E")
            if name not in dr.blocks:
                blk = dr.blocks.new(name, flags=2)
                rect(blk, 0, 0, wd, ht, "图板")
                band = ht * 0.16
                blk.line((0, ht - band), (wd, ht - band), "图板", color=RED)
                add_attdefs(blk, 0, -2.5 * s, 2.0 * s)
            dr.board_insert(name, (x0 + left, b), it, s)
            band = ht * 0.16
            _fit_text(msp, it.title, x0 + left + wd / 2, b + ht - band / 2, wd * 0.9, band * 0.6, s)
            text(msp, f"{wd:g}×{ht:g}", (x0 + left + wd / 2, b + ht / 2), 2.0, s, align="MIDDLE_CENTER")
        # dimensions: positions below the floor, heights on the left, clear height on the right
        xs = sorted(xticks)
        y1 = -6 * s
        for a, c in zip(xs, xs[1:]) if len(xs) > 2 else ():    # a bare wall: the total says it
            if c - a > 0.5:
                dims.linear((x0 + a, 0), (x0 + c, 0), (x0, y1), 0)
        dims.linear((x0, 0), (x0 + L, 0), (x0, y1 - 7 * s), 0)
        hs = sorted(hticks)
        xl = x0 - T - 6 * s
        for a, c in zip(hs, hs[1:]) if len(hs) > 2 else ():    # nothing on it: the clear height says it
            if c - a > 0.5:
                dims.linear((x0 - T, a), (x0 - T, c), (xl, 0), 90)
        dims.linear((x0 + L + T, 0), (x0 + L + T, H), (x0 + L + T + 6 * s, 0), 90,
                    text=tr("净高 <>", "Clear height <>", lang))
        # title under the elevation
        title = (tr(f"墙 {i} 立面图", f"Wall {i} elevation", lang)
                 + (tr("（主墙面）", " (main wall)", lang) if i == plan.main_wall and face == "inside" else "")
                 + (tr("（外侧）", " (outside)", lang) if face == "outside" else ""))
        text(msp, title, (x0 + L / 2, y1 - 20 * s), 5.0, s, align="MIDDLE_CENTER")
        text(msp, f"1:{s:g}", (x0 + L / 2, y1 - 26 * s), 3.0, s, align="MIDDLE_CENTER")
    title_block(msp, plan, x_end + 30 * s + 74 * s, -40 * s, s, lang, tr("立面图", "Elevations", lang), "JS-02", date)
    return dr.to_bytes()


@lru_cache(maxsize=1)
def _measure_font():
    """Our own font object (FreeType faces are not shared across threads)."""
    from PIL import ImageFont
    return ImageFont.truetype(str(data_dir("fonts") / "wqy-microhei.ttf"), 100)


def _fit_text(msp, s_text: str, cx: float, cy: float, max_w: float, max_h: float, scale: float,
              colour: int = RED) -> None:
    """Centred text no wider than ``max_w`` (the title inside a board's band)."""
    w1 = _measure_font().getlength(s_text) / 100.0    # advance at an em of 1 (the bundled Hei font)
    h = min(max_h, max_w / max(w1, 1e-6), 3.5 * scale)
    msp.text(s_text, (cx, cy), h, "文字", TEXT_STYLE, align="MIDDLE_CENTER", color=colour)


def _flag(msp, x: float, y: float, w: float, h: float, s: float, title: str, lang: str) -> None:
    """The flag's rectangle and the emblem's position as the PDF draws it: the hoist-side upper
    quarter gridded 18 × 12 cells (cell = L/36), a square of 8 × 8 cells 3 cells from the top
    and 4 from the hoist, and its inscribed circle. The emblem itself is not drawn."""
    rect(msp, x, y, x + w, y + h, "党旗", true_color=_tc(FLAG_TRUE))
    msp.hatch([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], "党旗", true_color=_tc(FLAG_TRUE))
    cell = w / 36.0
    top = y + h
    for k in range(19):
        msp.line((x + k * cell, top), (x + k * cell, top - 12 * cell), "党旗", true_color=_tc(GRID_TRUE))
    for k in range(13):
        msp.line((x, top - k * cell), (x + 18 * cell, top - k * cell), "党旗", true_color=_tc(GRID_TRUE))
    ex, ey, sq = x + 4 * cell, top - 3 * cell - 8 * cell, 8 * cell
    rect(msp, ex, ey, ex + sq, ey + sq, "党旗", true_color=_tc(GOLD_TRUE))
    msp.circle((ex + sq / 2, ey + sq / 2), sq / 2, "党旗", true_color=_tc(GOLD_TRUE))
    text(msp, tr("党徽位置", "Emblem position", lang), (ex + sq / 2, ey - 1.5 * cell), 2.0, s,
         align="MIDDLE_CENTER", colour=7)
    _fit_text(msp, tr(f"{title}（外购标准党旗 {w / 10:g}×{h / 10:g} cm）",
                      f"{title} (standard flag, bought, {w / 10:g}×{h / 10:g} cm)", lang),
              x + w / 2, y + h * 0.12, w * 0.9, h * 0.08, s, colour=7)

