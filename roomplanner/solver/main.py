"""Main-wall composition (主墙面构图): the flag on the wall's axis, the oath below it (or
beside it), and the charter boards as mirrored pairs either side, all to one reference line.

Designer rules (docs/solver.md, "Main wall"):

* **Pairs.** Boards beside the flag hang as mirrored pairs of equal size, one each side,
  innermost pair first (profile order). An odd count is made even by splitting the rights
  and duties board into 权利 | 义务; a profile with a single board names its partner itself
  (its list). A set that still cannot be paired is tried only after every paired one.
* **Balance.** The distances from the flag's axis to the outer edges of the left and the
  right group differ by at most 10 % of the composition's width (``BALANCE_SHARE``).
* **One reference line.** Below variant: flag and oath form one column centred at eye
  level; the boards beside it share one centre line (the column's centre, kept inside the
  reading zone). Beside variant: everything shares one centre line at eye level.
* **Sizes.** The flag is the largest standard size no wider than ``FLAG_SHARE`` of the main
  wall's clear width (or ``options.flag_size``); board sizes fill ``FILL_BAND`` of it where
  they can; the oath is no wider than the flag where a size allows.
* **Grid.** Every offset and bottom is a multiple of ``GRID`` mm; the axis is the grid point
  nearest the wall's middle, so the flag stays within ±2.5 mm of the centre.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import product
from typing import Optional

from ..i18n import Text
from ..model.geometry import Wall
from ..model.spec import Spec
from ..profiles import BoardSpec, Profile, size_catalog
from .walls import FLAG_SIZES, Blocker, board_sizes, board_title, first_hit, free_intervals, legible_for

GRID = 5.0                  # installer's grid (mm)
FLAG_SHARE = 0.26           # flag width ≤ about a quarter of the clear wall (standard size 4 on a 6 m wall)
FILL_BAND = (0.35, 0.60)    # share of the clear wall the composition should cover (40–50 % looks right)
BALANCE_SHARE = 0.10        # |left − right| ≤ 10 % of the composition's width
READING_ZONE = (1200.0, 1800.0)   # the boards' centre line stays in the key reading zone
OATH_FLAG_GAP = 100.0       # vertical gap between the flag and the oath below it
MAX_PAIR_OPTIONS = 4


def snap(x: float, mode: str = "nearest") -> float:
    """``x`` on the installer's grid: nearest, ``up`` or ``down``."""
    if mode == "up":
        return math.ceil(x / GRID - 1e-9) * GRID
    if mode == "down":
        return math.floor(x / GRID + 1e-9) * GRID
    return round(x / GRID) * GRID


def what_zh(what: str) -> str:
    """A blocker's description (``window room.openings[1]``) in Chinese."""
    m = re.match(r"corner of wall (\d+)", what)
    if m:
        return f"第 {m.group(1)} 面墙的墙角"
    for en, zh in (("swing of door ", "门扇开启范围 "), ("door ", "门 "), ("window ", "窗 "), ("obstacle ", "障碍物 ")):
        if what.startswith(en):
            return zh + what[len(en):]
    return what


def snap_within(x: float, lo: float, hi: float) -> float:
    """``x`` clamped to [lo, hi] and put on the grid without leaving the range."""
    s = snap(min(max(x, lo), hi))
    if s < lo - 1e-6:
        s = snap(lo, "up")
    if s > hi + 1e-6:
        s = snap(hi, "down")
    return s


@dataclass
class Placed:
    board: BoardSpec
    offset: float     # from outline[wall], on the grid
    bottom: float
    width: float
    height: float
    flag_size: Optional[int] = None


@dataclass
class MainFailure:
    wall: int
    reason: Text
    rules: list[str]
    needed: float = 0.0       # mm of clear wall the smallest arrangement needs
    available: float = 0.0    # mm of clear wall around the centre
    fields: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return self.reason(lang, **self.fields)


@dataclass
class MainResult:
    wall: int
    placed: list[Placed]
    moved: list[BoardSpec]
    flag_size: int
    oath_position: str
    notes: list[Text] = field(default_factory=list)
    balanced: bool = True
    clear: float = 0.0

    @property
    def extent(self) -> float:
        """Width of wall the composition takes (mm)."""
        return max(p.offset + p.width for p in self.placed) - min(p.offset for p in self.placed)


# ---------------------------------------------------------------- pairs

def split_rights_duties(b: BoardSpec, taken: set[str]) -> tuple[BoardSpec, BoardSpec]:
    """The rights and duties board as a pair 权利 | 义务 (the official texts split cleanly)."""
    def bid(name):
        return name if name not in taken else f"{b.id}_{name}"
    common = dict(role=b.role, placement="main", required=b.required, movable=b.movable, source=b.source)
    return (BoardSpec(id=bid("rights"), part="rights", **common), BoardSpec(id=bid("duties"), part="duties", **common))


def pair_up(boards: list[BoardSpec], taken: set[str]) -> tuple[list[tuple[BoardSpec, Optional[BoardSpec]]], bool, list[Text]]:
    """Mirrored pairs (left, right), innermost first, and whether every board has a partner."""
    notes: list[Text] = []
    seq = list(boards)
    if len(seq) % 2:
        k = next((i for i, b in enumerate(seq) if b.role == "rights_duties" and b.part in (None, "both")), None)
        if k is not None:
            r, d = split_rights_duties(seq[k], taken)
            seq[k:k + 1] = [r, d]
            notes.append(Text("为使主墙面左右对称，党员的权利和义务分为两块图板（权利 | 义务），分挂党旗两侧",
                              "the rights and duties board is split into a mirrored pair (rights | duties) so "
                              "that the main wall balances about the flag"))
    order = {id(b): i for i, b in enumerate(seq)}
    pairs: list[tuple[BoardSpec, Optional[BoardSpec]]] = []
    r = next((b for b in seq if b.part == "rights"), None)
    d = next((b for b in seq if b.part == "duties"), None)
    rest = [b for b in seq if b is not r and b is not d] if r and d else list(seq)
    if r and d:
        pairs.append((r, d))
    for i in range(0, len(rest) - 1, 2):
        pairs.append((rest[i], rest[i + 1]))
    balanced = len(rest) % 2 == 0
    if not balanced:
        pairs.append((rest[-1], None))
    pairs.sort(key=lambda p: min(order[id(p[0])], order[id(p[1])] if p[1] is not None else 1e9))
    return pairs, balanced, notes


def pair_options(a: BoardSpec, b: Optional[BoardSpec], beside_a: bool = False):
    """Size options for a mirrored pair, best first: equal sizes (each board's catalog sizes
    first, then any catalog size its text fits legibly, to match its partner); unequal sizes
    only when no size suits both."""
    sa = board_sizes(a, beside=beside_a)
    if b is None:
        return [((s, None), i) for i, s in enumerate(sa)][:MAX_PAIR_OPTIONS]
    sb = board_sizes(b)
    ea = sa + [s for s in _catalog() if s not in sa and legible_for(a, s)]
    eb = sb + [s for s in _catalog() if s not in sb and legible_for(b, s)]
    opts = []
    for i, s in enumerate(ea):
        if s in eb:
            j = eb.index(s)
            if i < len(sa) or j < len(sb):          # at least one board in its own catalog size
                opts.append(((s, s), i + j))
    if not opts:
        opts = [((s, t), 10 + i + j + abs(s[0] - t[0]) / 100) for i, s in enumerate(sa) for j, t in enumerate(sb)]
    opts.sort(key=lambda o: o[1])
    return opts[:MAX_PAIR_OPTIONS]


def _catalog() -> list[tuple[float, float]]:
    return [tuple(map(float, s)) for s in size_catalog()["boards"]]


# ---------------------------------------------------------------- flag size

def clear_width(wall: Wall, blockers: list[Blocker], spec: Spec) -> float:
    """Clear width of the main wall around its middle, at board height."""
    lo = float(spec.options.min_board_bottom)
    hi = min(2000.0, float(spec.room.height) - float(spec.options.ceiling_margin))
    for a, b in free_intervals(blockers, wall.length, lo, max(hi, lo + 1)):
        if a <= wall.length / 2 <= b:
            return min(wall.length / 2 - a, b - wall.length / 2) * 2
    return 0.0


def flag_order(clear: float, fixed) -> list[int]:
    """Flag sizes to try: the fixed one, or the largest standard size no wider than
    ``FLAG_SHARE`` of the clear width, then the smaller ones."""
    if fixed != "auto":
        return [int(fixed)]
    fitting = [s for s in sorted(FLAG_SIZES) if FLAG_SIZES[s][0] <= FLAG_SHARE * clear]
    pref = fitting[0] if fitting else 5
    return [s for s in sorted(FLAG_SIZES) if s >= pref]


# ---------------------------------------------------------------- arrangements

def main_arrangements(spec: Spec, profile: Profile, wall: Wall, blockers: list[Blocker], oath_position: str,
                      flag_size="auto"):
    """Every valid main-wall arrangement in order of preference: balanced before unbalanced,
    fewest boards moved, the designer's flag size, the oath no wider than the flag, then the
    board sizes closest to a sensible fill of the wall; a single MainFailure if there is none."""
    mains = [b for b in profile.boards if b.placement == "main" and b.role != "flag"]
    flag_bs = next(b for b in profile.boards if b.role == "flag")
    oath_bs = next((b for b in mains if b.role == "oath"), None)
    beside = oath_position == "beside"
    nature_bs = next((b for b in mains if b.role == "nature"), None) if beside else None
    charters = [b for b in mains if b is not oath_bs and b is not nature_bs]
    overflow = [profile.board(i) for i in profile.overflow_order]
    taken = {b.id for b in profile.boards}
    clear = clear_width(wall, blockers, spec)
    flags = flag_order(clear, flag_size)
    failures: list[MainFailure] = []
    yielded = False
    for want_balanced in (True, False):
        for moved_n in range(len(overflow) + 1):
            moved = overflow[:moved_n]
            rest = [b for b in charters if b not in moved]
            pairs, balanced, pair_notes = pair_up(rest, taken)
            if balanced != want_balanced:
                continue
            if beside and oath_bs:
                pairs.insert(0, (oath_bs, nature_bs))
            for b in [x for p in pairs for x in p if x is not None]:
                if not board_sizes(b, beside=beside and b is oath_bs):
                    yield MainFailure(wall.index, Text("图板“{title}”没有字迹清晰可读的标准尺寸",
                                                       "board '{id}' has no legible catalog size"),
                                      ["boards.legible"], fields={"title": board_title(b), "id": b.id})
                    return
            options = [pair_options(a, b, beside_a=beside and a is oath_bs) for a, b in pairs]
            combos = list(product(*options)) if options else [()]
            oath_sizes = board_sizes(oath_bs) if (oath_bs and not beside) else [None]
            for fs, osz in _flag_and_oath(spec, flags, oath_sizes):
                fw = float(FLAG_SIZES[fs][0])
                colw = max(fw, osz[0]) if osz else fw
                for combo in _rank_combos(combos, colw, clear, float(spec.options.board_gap),
                                          float(FLAG_SIZES[fs][1])):
                    res = _try(spec, wall, blockers, fs, osz, oath_bs, flag_bs, pairs, combo, beside)
                    if isinstance(res, MainFailure):
                        failures.append(res)
                        continue
                    notes = list(pair_notes)
                    for b in moved:
                        notes.append(Text(f"“{board_title(b)}”（{b.id}）按本类型的移出顺序移至侧墙面，主墙面保持以党旗为中心的对称构图",
                                          f"'{b.id}' moved to a side wall (the profile's overflow order) so that the "
                                          f"main wall stays balanced about the flag"))
                    if not balanced:
                        notes.append(Text("主墙面图板数为单数，无法两侧对称（本类型没有可配对的图板）",
                                          "the main wall carries an odd number of boards and cannot be mirrored "
                                          "(the profile names no partner)"))
                    yielded = True
                    yield MainResult(wall.index, res, moved, fs, oath_position, notes, balanced, clear)
        if yielded:
            return
    width_fail = [f for f in failures if f.needed > 0]
    if width_fail:
        yield min(width_fail, key=lambda f: (f.needed - f.available))
    else:
        yield failures[-1] if failures else MainFailure(wall.index, Text("无可行布置", "no arrangement"), ["flag.centred"])


def _flag_and_oath(spec: Spec, flags: list[int], oath_sizes) -> list[tuple[int, Optional[tuple[float, float]]]]:
    """(flag size, oath size) in the designer's order: a flag–oath column whose centre lies
    in the reading zone first (a column pushed up to the ceiling margin looks wrong), then the
    flag order, then an oath no wider than the flag, then the oath's preferred size."""
    o = spec.options
    lowest = float(o.min_board_bottom)
    top_lim = float(spec.room.height) - float(o.ceiling_margin)
    mid = sum(map(float, o.eye_level)) / 2
    out = []
    for i, fs in enumerate(flags):
        fw, fh = map(float, FLAG_SIZES[fs])
        for j, osz in enumerate(oath_sizes):
            col_h = fh + (OATH_FLAG_GAP + osz[1] if osz else 0.0)
            bottom = max(lowest, min(mid - col_h / 2, top_lim - col_h))
            high = osz is not None and bottom + col_h / 2 > READING_ZONE[1] + 1e-6
            out.append(((high, i, osz is not None and osz[0] > fw, j), (fs, osz)))
    out.sort(key=lambda x: x[0])
    return [x[1] for x in out]


def _rank_combos(combos, colw: float, clear: float, gap: float, flag_h: float):
    """Size combinations in the designer's order: balanced within ``BALANCE_SHARE``, filling
    ``FILL_BAND`` of the clear wall if they can, then the fewest different sizes in the row,
    then boards about as tall as the flag (so the row reads as one band), then each board's
    preferred sizes."""
    ranked = []
    lo, hi = FILL_BAND
    for combo in combos:
        left = sum(s[0] + gap for (s, _t), _r in combo)
        right = sum((t[0] if t else 0) + (gap if t else 0) for (_s, t), _r in combo)
        width = colw + left + right
        if abs(left - right) > BALANCE_SHARE * width + 1e-6 and all(t is not None for (_s, t), _r in combo):
            continue
        fill = width / clear if clear > 0 else 1.0
        miss = 0.0 if lo <= fill <= hi else (lo - fill if fill < lo else fill - hi)
        tallest = max([s[1] for (s, _t), _r in combo] or [flag_h])
        sizes = {s for (s, t), _r in combo} | {t for (s, t), _r in combo if t}
        ranked.append(((round(miss / 0.05), len(sizes), abs(tallest - flag_h) // 150, sum(r for _, r in combo)),
                       combo))
    ranked.sort(key=lambda x: x[0])
    return [c for _, c in ranked]


def _try(spec: Spec, wall: Wall, blockers, fs, osz, oath_bs, flag_bs, pairs, combo, beside):
    o = spec.options
    H = float(spec.room.height)
    fw, fh = map(float, FLAG_SIZES[fs])
    gap = max(0.0, snap(float(o.board_gap)))
    lowest = snap(float(o.min_board_bottom), "up")
    top_lim = snap(H - float(o.ceiling_margin), "down")
    eye_lo, eye_hi = map(float, o.eye_level)
    mid = (eye_lo + eye_hi) / 2
    oath_rule = "oath.beside_flag" if beside else "oath.below_flag"
    rules_v = ["items.height", "flag.standard_size", oath_rule]
    heights = [s[1] for (s, t), _ in combo] + [t[1] for (s, t), _ in combo if t]
    items: list[tuple[BoardSpec, float, float, float, float, Optional[int]]] = []   # (board, du, bottom, w, h, fs)
    if beside:
        lo = max([lowest + h / 2 for h in heights + [fh]])
        hi = min([top_lim - h / 2 for h in heights + [fh]])
        lo, hi = max(lo, eye_lo), min(hi, eye_hi)
        if lo > hi + 1e-6:
            return MainFailure(wall.index, Text("{fs}号党旗（{w}×{h} cm）与两侧图板无法在视平线 {lo}–{hi} mm 内共用一条中线",
                                                "flag size {fs} ({w}×{h} cm) and the boards beside it cannot share a "
                                                "centre line within the eye-level band {lo}–{hi} mm"),
                               rules_v, fields=dict(fs=fs, w=f"{fw / 10:.0f}", h=f"{fh / 10:.0f}", lo=f"{eye_lo:.0f}",
                                                    hi=f"{eye_hi:.0f}"))
        c = snap_within(mid, lo, hi)
        items.append((flag_bs, -fw / 2, c - fh / 2, fw, fh, fs))
        half = fw / 2
        board_c = c
    else:
        ow, oh = osz if osz else (0.0, 0.0)
        col_h = fh + (OATH_FLAG_GAP + oh if osz else 0.0)
        if lowest + col_h > top_lim + 1e-6:
            return MainFailure(wall.index, Text("层高 {H} mm 过低：{fs}号党旗（{w}×{h} cm）连同其下方的入党誓词需要 {need} mm",
                                                "ceiling {H} mm too low for flag size {fs} ({w}×{h} cm) above the "
                                                "oath: needs {need} mm"),
                               rules_v, fields=dict(H=f"{H:.0f}", fs=fs, w=f"{fw / 10:.0f}", h=f"{fh / 10:.0f}",
                                                    need=f"{lowest + col_h + float(o.ceiling_margin):.0f}"))
        bottom = snap(min(max(mid - col_h / 2, lowest), top_lim - col_h))
        bottom = max(bottom, lowest)
        if osz:
            items.append((oath_bs, -ow / 2, bottom, ow, oh, None))
            fb = bottom + oh + OATH_FLAG_GAP
        else:
            fb = bottom
        items.append((flag_bs, -fw / 2, fb, fw, fh, fs))
        half = max(fw, ow) / 2
        c_col = bottom + col_h / 2
        if heights:
            lo = max(lowest + max(heights) / 2, READING_ZONE[0])
            hi = min(top_lim - max(heights) / 2, READING_ZONE[1])
            if lo > hi + 1e-6:
                lo = lowest + max(heights) / 2
                hi = top_lim - max(heights) / 2
            if lo > hi + 1e-6:
                return MainFailure(wall.index, Text("层高 {H} mm 过低，挂不下主墙面两侧的图板",
                                                    "ceiling {H} mm too low for the boards beside the flag"),
                                   rules_v, fields=dict(H=f"{H:.0f}"))
            board_c = snap_within(c_col, lo, hi)
        else:
            board_c = c_col
    left_edge, right_edge = -half - gap, half + gap
    for ((s, t), _r), (a, b) in zip(combo, pairs):
        items.append((a, left_edge - s[0], board_c - s[1] / 2, s[0], s[1], None))
        left_edge -= s[0] + gap
        if b is not None and t is not None:
            items.append((b, right_edge, board_c - t[1] / 2, t[0], t[1], None))
            right_edge += t[0] + gap
    axis = snap(wall.length / 2)
    placed: list[Placed] = []
    needed = (right_edge - gap) - (left_edge + gap)
    clear = clear_width(wall, blockers, spec)
    for bs, du, bottom, w, h, f in items:
        off = axis + du if not wall.ccw else axis - du - w
        hit = first_hit(blockers, off, off + w, bottom, bottom + h)
        if hit:
            what = Text("党旗", "the flag") if bs.role == "flag" else Text(f"图板“{board_title(bs)}”", f"board '{bs.id}'")
            return MainFailure(wall.index, Text("第 {wall} 面墙（中部净宽 {avail} mm）宽度不够：{what_zh}会碰到{hit_zh}；此布置需要 {need} mm",
                                                "main wall {wall} ({avail} mm clear around its centre) is not wide "
                                                "enough: {what_en} would meet the {hit}; the arrangement needs {need} mm"),
                               ["flag.centred", "charters.flank_flag", "oath.beside_flag" if beside else "oath.below_flag",
                                hit.rule], needed, clear,
                               fields=dict(wall=wall.index, avail=f"{clear:.0f}", what_zh=what.zh, what_en=what.en,
                                           hit=hit.what, hit_zh=what_zh(hit.what), need=f"{needed:.0f}"))
        placed.append(Placed(bs, off, bottom, w, h, f))
    return placed
