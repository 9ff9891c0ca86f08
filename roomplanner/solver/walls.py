"""Wall layout (上墙布置): main wall, flag, oath, charter boards, side-wall boards, door signs.

The search is complete over its discrete choices, in a fixed preference order, and stops at
the first layout that satisfies every required rule:

1. main wall candidates (``main_wall: auto``) in order of preference (see ``rank_main_walls``);
2. on the main wall: how many movable boards move to side walls (fewest first, in the
   profile's ``overflow_order``), then the flag size (largest first), the board size level
   (preferred sizes first), the oath size; for each, the balanced left/right split of the
   charter boards is found by enumerating every split (2^n, n ≤ 10);
3. side-wall boards: a depth-first search over (board, size, wall interval) with memoised
   failures, so a required board is only reported missing when no assignment exists.

Coordinates: ``u`` is the distance from the wall's *left* end as seen from inside; items are
converted to ``offset`` (from ``outline[wall]``) when written to the plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import product
from typing import Optional

from shapely.geometry import LineString, Polygon

from ..model.geometry import Wall, subtract
from ..model.geometry import hinge_offset as geometry_hinge_offset
from ..model.plan import WallItem
from ..model.spec import Opening, Spec
from ..profiles import BoardSpec, Profile, roles, size_catalog
from .rules import source

from ..facts import FLAG_SIZES_MM as FLAG_SIZES  # noqa: E402  (one definition)
BOARD_DEPTH = 30.0       # how far a board stands off the wall (mm), for door-swing clearance
OATH_FLAG_GAP = 100.0    # vertical gap between the flag and the oath below it


@dataclass(frozen=True)
class Blocker:
    lo: float
    hi: float
    bottom: float
    top: float
    what: str
    rule: str

    def hits(self, lo: float, hi: float, bottom: float, top: float) -> bool:
        return lo < self.hi - 1e-6 and self.lo < hi - 1e-6 and bottom < self.top - 1e-6 and self.bottom < top - 1e-6


# ---------------------------------------------------------------- doors

def hinge_offset(wall: Wall, door: Opening) -> float:
    """Offset of the hinge along the wall (see model.geometry.hinge_offset)."""
    return geometry_hinge_offset(wall, door.offset, door.width, door.hinge)


def swing_polygon(wall: Wall, door: Opening, outward: bool = False, steps: int = 12) -> Polygon:
    """The quarter disc the door leaf sweeps (in plan coordinates)."""
    h = hinge_offset(wall, door)
    w = float(door.width)
    toward = 1.0 if h == float(door.offset) else -1.0
    d = wall.direction
    n = wall.inward_normal
    if outward:
        n = (-n[0], -n[1])
    px, py = wall.point_at(h)
    pts = [(px, py)]
    for k in range(steps + 1):
        t = math.pi / 2 * k / steps
        ux = toward * d[0] * math.cos(t) + n[0] * math.sin(t)
        uy = toward * d[1] * math.cos(t) + n[1] * math.sin(t)
        pts.append((px + w * ux, py + w * uy))
    return Polygon(pts)


def inside_swings(spec: Spec, walls: list[Wall]) -> list[tuple[int, Polygon]]:
    out = []
    for k, o in enumerate(spec.room.openings):
        if o.kind == "door" and o.swing == "in":
            out.append((k, swing_polygon(walls[o.wall], o)))
    return out


# ---------------------------------------------------------------- blockers

def wall_blockers(spec: Spec, walls: list[Wall], face: str = "inside") -> dict[int, list[Blocker]]:
    """Everything a board must keep clear of, per wall, as (along-wall, height) boxes."""
    # +1 mm: plan coordinates are rounded to 0.1 mm, and a rounded item must still keep clear
    c = float(spec.options.opening_clearance) + 1.0
    m = float(spec.options.corner_margin) + 1.0
    H = float(spec.room.height)
    out: dict[int, list[Blocker]] = {w.index: [] for w in walls}
    for w in walls:
        out[w.index].append(Blocker(-1e9, m, 0, H, f"corner of wall {w.index}", "items.within_wall"))
        out[w.index].append(Blocker(w.length - m, 1e9, 0, H, f"corner of wall {w.index}", "items.within_wall"))
    for k, o in enumerate(spec.room.openings):
        lo, hi = float(o.offset) - c, float(o.offset + o.width) + c
        if o.kind == "door":
            out[o.wall].append(Blocker(lo, hi, 0, float(o.height) + c, f"door room.openings[{k}]", "items.clear_of_openings"))
        else:
            sill = spec.window_sill(o)
            out[o.wall].append(Blocker(lo, hi, sill - c, sill + float(o.height) + c,
                                       f"window room.openings[{k}]", "items.clear_of_openings"))
    if face == "inside":
        for k, ob in enumerate(spec.room.obstacles):
            out[ob.wall].append(Blocker(float(ob.offset) - c, float(ob.offset + ob.width) + c,
                                        float(ob.bottom) - c, float(ob.top) + c,
                                        f"obstacle room.obstacles[{k}] ({ob.label})", "items.clear_of_openings"))
        for k, poly in inside_swings(spec, walls):
            door = spec.room.openings[k]
            zone = poly.buffer(c + BOARD_DEPTH)
            for w in walls:
                if w.index == door.wall:
                    continue
                seg = LineString([w.start, w.end])
                inter = seg.intersection(zone)
                if inter.is_empty or inter.length < 1.0:
                    continue
                offs = [w.project(p)[0] for p in _coords(inter)]
                out[w.index].append(Blocker(min(offs), max(offs), 0, float(door.height) + c,
                                            f"swing of door room.openings[{k}]", "items.clear_of_openings"))
    else:
        for k, o in enumerate(spec.room.openings):
            if o.kind == "door" and o.swing == "out":
                poly = swing_polygon(walls[o.wall], o, outward=True)
                zone = poly.buffer(c + BOARD_DEPTH)
                w = walls[o.wall]
                inter = LineString([w.start, w.end]).intersection(zone)
                if not inter.is_empty:
                    offs = [w.project(p)[0] for p in _coords(inter)]
                    out[o.wall].append(Blocker(min(offs), max(offs), 0, float(o.height) + c,
                                               f"swing of door room.openings[{k}]", "items.clear_of_openings"))
    return out


def _coords(geom) -> list[tuple[float, float]]:
    if hasattr(geom, "geoms"):
        pts = []
        for g in geom.geoms:
            pts.extend(_coords(g))
        return pts
    return list(geom.coords)


def free_intervals(blockers: list[Blocker], length: float, bottom: float, top: float) -> list[tuple[float, float]]:
    """Free stretches of a wall for an item spanning [bottom, top] in height."""
    blocked = [(b.lo, b.hi) for b in blockers if b.bottom < top - 1e-6 and bottom < b.top - 1e-6]
    return subtract((0.0, length), blocked)


def first_hit(blockers: list[Blocker], lo, hi, bottom, top) -> Optional[Blocker]:
    for b in blockers:
        if b.hits(lo, hi, bottom, top):
            return b
    return None


# ---------------------------------------------------------------- board sizes

def legible(size: tuple[float, float], chars: int, paragraphs: int) -> bool:
    """Does a text of ``chars`` characters in ``paragraphs`` paragraphs fit at the minimum
    legible size on a board of ``size``? (boards/sizes.yaml, ``legibility``)."""
    leg = size_catalog()["legibility"]
    cmm = float(leg["body_char_mm"])
    w, h = size
    tw = w - 2 * leg["margin_mm"]
    th = h * (1 - leg["title_band"]) - 2 * leg["margin_mm"]
    if tw <= cmm or th <= cmm:
        return False
    per_line = int(tw // cmm)
    avg = chars / max(1, paragraphs)
    lines = paragraphs * math.ceil(avg / per_line)
    return lines * cmm * leg["line_spacing"] <= th


def board_sizes(bs: BoardSpec, beside: bool = False) -> list[tuple[float, float]]:
    """Catalog sizes for a board, preferred first, keeping only legible ones."""
    r = roles()[bs.role]
    key = "sizes_beside" if beside and "sizes_beside" in r else "sizes"
    sizes = [tuple(map(float, s)) for s in r.get(key, [])]
    chars = int(r.get("chars", 0))
    paras = int(r.get("paragraphs", 1))
    if bs.part in ("rights", "duties"):
        chars = chars // 2 + 50
        paras = paras // 2 + 1
    ok = [s for s in sizes if legible(s, chars, paras)]
    return ok


def board_title(bs: BoardSpec) -> str:
    if bs.title:
        return bs.title
    t = roles()[bs.role]["title"]
    if bs.part == "rights":
        return "党员的权利"
    if bs.part == "duties":
        return "党员的义务"
    return t


# ---------------------------------------------------------------- results

@dataclass
class Placed:
    board: BoardSpec
    u: float          # from the viewer's left end
    bottom: float
    width: float
    height: float
    flag_size: Optional[int] = None


@dataclass
class MainFailure:
    wall: int
    reason: str
    rules: list[str]
    needed: float = 0.0       # mm of clear wall the smallest arrangement needs
    available: float = 0.0    # mm of clear wall around the centre


@dataclass
class MainResult:
    wall: int
    placed: list[Placed]
    moved: list[BoardSpec]
    flag_size: int
    oath_position: str
    notes: list[str] = field(default_factory=list)


def _balanced_split(widths: list[float], gap: float) -> list[int]:
    """Sides (0 left, 1 right) for boards in order, minimising |left − right|; ties go to
    the alternating split (first board left). Complete: tries all 2^n splits."""
    n = len(widths)
    if n == 0:
        return []
    default = [k % 2 for k in range(n)]
    best, best_key = default, None
    for sides in product((0, 1), repeat=n):
        L = sum(w + gap for w, s in zip(widths, sides) if s == 0)
        R = sum(w + gap for w, s in zip(widths, sides) if s == 1)
        mismatch = sum(1 for a, b in zip(sides, default) if a != b)
        key = (round(abs(L - R), 3), mismatch)
        if best_key is None or key < best_key:
            best, best_key = list(sides), key
    return best


def _centre_line(heights: list[float], spec: Spec) -> Optional[float]:
    """A shared centre line for boards of these heights: in the eye-level band if possible."""
    o = spec.options
    H = float(spec.room.height)
    lo = max([float(o.min_board_bottom) + h / 2 for h in heights] or [0])
    hi = min([H - float(o.ceiling_margin) - h / 2 for h in heights] or [H])
    if lo > hi + 1e-6:
        return None
    eye_lo, eye_hi = map(float, o.eye_level)
    lo, hi = max(lo, eye_lo), min(hi, eye_hi)      # board centres stay at eye level
    if lo > hi + 1e-6:
        return None
    mid = (eye_lo + eye_hi) / 2
    return min(max(mid, lo), hi)


def main_arrangements(spec: Spec, profile: Profile, wall: Wall, blockers: list[Blocker],
                      oath_position: str, flag_sizes: list[int]):
    """Every valid main-wall arrangement in order of preference (fewest boards moved, then
    the largest flag, then preferred board sizes); a single MainFailure if there is none."""
    o = spec.options
    H = float(spec.room.height)
    L = wall.length
    gap = float(o.board_gap)
    xc = L / 2.0
    mains = [b for b in profile.boards if b.placement == "main" and b.role not in ("flag",)]
    flag_bs = next(b for b in profile.boards if b.role == "flag")
    oath_bs = next((b for b in mains if b.role == "oath"), None)
    charters = [b for b in mains if b.role != "oath"]
    beside = oath_position == "beside"
    nature_bs = next((b for b in charters if b.role == "nature"), None) if beside else None

    overflow = [profile.board(i) for i in profile.overflow_order]
    failures: list[MainFailure] = []
    yielded = False
    # the flag's centre must be clear at all (a window or door across the centre)
    for moved_n in range(len(overflow) + 1):
        moved = overflow[:moved_n]
        rest = [b for b in charters if b not in moved and b is not nature_bs]
        size_lists = {b.id: board_sizes(b) for b in rest + ([nature_bs] if nature_bs else [])}
        for b in rest + ([nature_bs] if nature_bs else []):
            if not size_lists[b.id]:
                yield MainFailure(wall.index, f"board '{b.id}' has no legible catalog size", ["boards.legible"])
                return
        oath_sizes = board_sizes(oath_bs, beside=beside) if oath_bs else [None]
        levels = max([len(v) for v in size_lists.values()] or [1])
        for fs in flag_sizes:
            fw, fh = FLAG_SIZES[fs]
            for level in range(levels):
                chosen = {bid: v[min(level, len(v) - 1)] for bid, v in size_lists.items()}
                for osz in oath_sizes:
                    res = _try_main(spec, wall, blockers, fs, osz, oath_bs, flag_bs, nature_bs, rest, chosen,
                                    beside, gap, xc, H)
                    if isinstance(res, MainFailure):
                        failures.append(res)
                        continue
                    notes = []
                    for b in moved:
                        notes.append(f"'{board_title(b)}'（{b.id}）在主墙面上与党旗一同布置不下，移至侧墙面 / '{b.id}' "
                                     f"does not fit on the main wall with the flag: moved to a side wall (profile overflow order)")
                    yielded = True
                    yield MainResult(wall.index, res, moved, fs, oath_position, notes)
    if yielded:
        return
    # explain with the least demanding attempt that failed for width, else the first failure
    width_fail = [f for f in failures if "wide" in f.reason or "clear" in f.reason]
    if width_fail:
        yield min(width_fail, key=lambda f: (f.needed - f.available))
    else:
        yield failures[-1] if failures else MainFailure(wall.index, "no arrangement", ["flag.centred"])


def _try_main(spec, wall, blockers, fs, osz, oath_bs, flag_bs, nature_bs, rest, chosen, beside, gap, xc, H):
    o = spec.options
    fw, fh = FLAG_SIZES[fs]
    fw, fh = float(fw), float(fh)
    placed: list[Placed] = []
    oath_rule = "oath.beside_flag" if beside else "oath.below_flag"
    rules_v = ["items.height", "flag.standard_size", oath_rule]          # vertical conflicts
    rules_h = ["flag.centred", "charters.flank_flag", oath_rule]        # horizontal conflicts
    if beside:
        heights = [fh] + [chosen[b.id][1] for b in rest] + ([osz[1]] if osz else []) + \
                  ([chosen[nature_bs.id][1]] if nature_bs else [])
        c = _centre_line(heights, spec)
        if c is None:
            lo, hi = map(float, o.eye_level)
            return MainFailure(wall.index, f"flag size {fs} ({fw / 10:.0f}×{fh / 10:.0f} cm) and the boards beside it cannot "
                               f"share a centre line within the eye-level band {lo:.0f}–{hi:.0f} mm (bottoms ≥ "
                               f"{float(o.min_board_bottom):.0f}, tops ≤ ceiling {H:.0f} − {float(o.ceiling_margin):.0f})",
                               rules_v)
        placed.append(Placed(flag_bs, xc - fw / 2, c - fh / 2, fw, fh, fs))
        left_edge, right_edge = xc - fw / 2 - gap, xc + fw / 2 + gap
        if osz:
            placed.append(Placed(oath_bs, left_edge - osz[0], c - osz[1] / 2, osz[0], osz[1]))
            left_edge -= osz[0] + gap
        if nature_bs:
            nw, nh = chosen[nature_bs.id]
            placed.append(Placed(nature_bs, right_edge, c - nh / 2, nw, nh))
            right_edge += nw + gap
        board_c = c
    else:
        ow, oh = osz if osz else (0.0, 0.0)
        col_h = fh + (OATH_FLAG_GAP + oh if osz else 0.0)
        top_lim = H - float(o.ceiling_margin)
        mid = sum(map(float, o.eye_level)) / 2
        lowest = float(o.min_board_bottom)
        if osz:
            ob = max(lowest, min(mid - oh / 2, top_lim - col_h))
            if ob + col_h > top_lim + 1e-6:
                return MainFailure(wall.index, f"ceiling {H:.0f} mm too low for flag size {fs} ({fw / 10:.0f}×{fh / 10:.0f} cm) "
                                   f"above the oath ({ow:.0f}×{oh:.0f}): needs {lowest + col_h + float(o.ceiling_margin):.0f} mm",
                                   rules_v)
            placed.append(Placed(oath_bs, xc - ow / 2, ob, ow, oh))
            fb = ob + oh + OATH_FLAG_GAP
        else:
            fb = max(lowest, min(mid - fh / 2, top_lim - fh))
        placed.append(Placed(flag_bs, xc - fw / 2, fb, fw, fh, fs))
        half = max(fw, ow) / 2
        left_edge, right_edge = xc - half - gap, xc + half + gap
        heights = [chosen[b.id][1] for b in rest]
        board_c = _centre_line(heights, spec) if heights else None
        if heights and board_c is None:
            return MainFailure(wall.index, f"ceiling {H:.0f} mm too low for the charter boards", rules_v)
    widths = [chosen[b.id][0] for b in rest]
    sides = _balanced_split(widths, gap)
    for b, s in zip(rest, sides):
        w, h = chosen[b.id]
        if s == 0:
            placed.append(Placed(b, left_edge - w, board_c - h / 2, w, h))
            left_edge -= w + gap
        else:
            placed.append(Placed(b, right_edge, board_c - h / 2, w, h))
            right_edge += w + gap
    # check every item against the wall (in offset coordinates)
    needed = (right_edge - gap) - (left_edge + gap)
    free = [iv for iv in free_intervals(blockers, wall.length, 800, 2000)]
    around = next(((a, b) for a, b in free if a <= xc <= b), None)
    available = (around[1] - around[0]) if around else 0.0
    for p in placed:
        off = wall.from_viewer_left(p.u, p.width)
        hit = first_hit(blockers, off, off + p.width, p.bottom, p.bottom + p.height)
        if hit:
            what = "flag" if p.board.role == "flag" else f"board '{p.board.id}'"
            return MainFailure(wall.index, f"main wall {wall.index} ({available:.0f} mm clear around its centre) is not wide "
                               f"enough: {what} would meet the {hit.what}; the arrangement needs {needed:.0f} mm",
                               rules_h + [hit.rule], needed, available)
    return placed


# ---------------------------------------------------------------- side walls

@dataclass
class SideSlot:
    wall: int
    lo: float
    hi: float


def rank_side_walls(walls: list[Wall], main: int) -> list[int]:
    """Side walls: the two adjacent to the main wall first, then the back wall, then others
    (by distance from the main wall), ties by index."""
    n = len(walls)
    mw = walls[main]
    adj = {(main - 1) % n, (main + 1) % n}

    def key(w: Wall):
        mx, my = w.midpoint
        _, depth = mw.project((mx, my))
        return (0 if w.index in adj else 1, -depth if w.index not in adj else 0, w.index)
    return [w.index for w in sorted((w for w in walls if w.index != main), key=key)]


SIDE_ALIGNMENTS = ("front", "centre", "back")


def place_side_boards(spec: Spec, walls: list[Wall], blockers: dict[int, list[Blocker]], main: int,
                      boards: list[BoardSpec], align: str = "front"
                      ) -> tuple[list[tuple[BoardSpec, int, float, float, float, float]], list[BoardSpec], list[str]]:
    """Place side-wall boards. ``align``: boards sharing a free stretch form a row with equal
    gaps, starting at the end nearest the main wall (``front``), centred, or at the far end
    (``back``); the solver tries them in that order when the floor needs wall space.
    Returns (placements (board, wall, offset, bottom, w, h) with
    ``offset`` measured from ``outline[wall]``,
    required boards that could not be placed, notes)."""
    gap = float(spec.options.board_gap)
    order = rank_side_walls(walls, main)
    opts = {b.id: board_sizes(b) for b in boards}
    all_h = [s[1] for b in boards for s in opts[b.id]] or [900.0]
    c = _centre_line([max(all_h)], spec) or _centre_line([min(all_h)], spec)
    if c is None:
        return [], [b for b in boards if b.required], ["ceiling too low for side-wall boards"]
    band = (c - max(all_h) / 2, c + max(all_h) / 2)
    slots: list[SideSlot] = []
    for wi in order:
        for a, b in free_intervals(blockers[wi], walls[wi].length, *band):
            slots.append(SideSlot(wi, a, b))
    required = [b for b in boards if b.required]
    optional = [b for b in boards if not b.required]
    seq = required + optional
    caps = [s.hi - s.lo + gap for s in slots]      # n boards need Σw + (n−1)·gap
    assign: dict[str, tuple[int, tuple[float, float]]] = {}
    failed: set = set()
    budget = [20000]

    def dfs(k: int) -> bool:
        if k == len(seq):
            return True
        budget[0] -= 1
        if budget[0] < 0:
            return False
        key = (k, tuple(round(x) for x in caps))
        if key in failed:
            return False
        b = seq[k]
        for size in opts[b.id]:
            need = size[0] + gap
            for si in range(len(slots)):
                if caps[si] + 1e-6 >= need:
                    caps[si] -= need
                    assign[b.id] = (si, size)
                    if dfs(k + 1):
                        return True
                    caps[si] += need
                    del assign[b.id]
        if not b.required and dfs(k + 1):
            return True
        failed.add(key)
        return False

    ok = dfs(0)
    notes: list[str] = []
    missing: list[BoardSpec] = []
    if not ok:
        # the search proved no assignment exists; to say which boards are left over, fill the
        # walls greedily with the smallest sizes in the profile's order
        assign.clear()
        left = [s.hi - s.lo + gap for s in slots]
        for b in required:
            w = min(sz[0] for sz in opts[b.id]) + gap
            si = next((i for i, cap in enumerate(left) if cap + 1e-6 >= w), None)
            if si is None:
                missing.append(b)
            else:
                left[si] -= w
    # positions: boards in one free stretch form a centred row with equal gaps
    by_slot: dict[int, list[tuple[BoardSpec, tuple[float, float]]]] = {}
    for b in seq:
        if b.id in assign:
            si, size = assign[b.id]
            by_slot.setdefault(si, []).append((b, size))
    out = []
    mw = walls[main]
    for si, items in sorted(by_slot.items()):
        s = slots[si]
        total = sum(sz[0] for _, sz in items) + gap * (len(items) - 1)
        wall = walls[s.wall]
        lo_depth = abs(mw.project(wall.point_at(s.lo))[1])
        hi_depth = abs(mw.project(wall.point_at(s.hi))[1])
        front_is_lo = lo_depth <= hi_depth
        if align == "centre":
            u = s.lo + (s.hi - s.lo - total) / 2
        elif (align == "front") == front_is_lo:
            u = s.lo
        else:
            u = s.hi - total
        if front_is_lo:
            pass
        else:
            items = list(reversed(items))       # keep the profile's order reading from the main wall
        for b, (w, h) in items:
            out.append((b, s.wall, u, c - h / 2, w, h))
            u += w + gap
    for b in optional:
        if b.id not in assign and ok:
            notes.append(f"可选图板'{board_title(b)}'（{b.id}）因墙面空间不足未布置 / optional board '{b.id}' left out: no clear wall space")
    return out, missing, notes


# ---------------------------------------------------------------- door signs (outside)

def place_door_signs(spec: Spec, walls: list[Wall], profile: Profile) -> tuple[list[WallItem], list[str]]:
    """The room sign at the entrance door's upper corner and the branch plaque beside the
    door, both on the outside face of the entrance wall."""
    ent = spec.entrance()
    items: list[WallItem] = []
    problems: list[str] = []
    door_boards = [b for b in profile.boards if b.placement == "door"]
    if not ent or not door_boards:
        return items, problems
    k, door = ent
    w = walls[door.wall]
    out_blk = wall_blockers(spec, walls, face="outside")[door.wall]
    out_blk = [b for b in out_blk if not b.what.startswith(f"door room.openings[{k}]")]
    c = float(spec.options.opening_clearance)
    H = float(spec.room.height)
    top_lim = H - float(spec.options.ceiling_margin)
    dh = float(door.height)
    d_lo, d_hi = float(door.offset), float(door.offset + door.width)
    hinge = hinge_offset(w, door)
    latch_side = "hi" if hinge == d_lo else "lo"
    cat = size_catalog()
    taken: list[Blocker] = list(out_blk) + [Blocker(d_lo - c, d_hi + c, 0, dh + c, f"door room.openings[{k}]", "items.clear_of_openings")]

    def fits(off, width, bottom, height):
        return (off >= 0 and off + width <= w.length and bottom + height <= top_lim + 1e-6 and bottom >= 0
                and first_hit(taken, off, off + width, bottom, bottom + height) is None)

    def place(b: BoardSpec, title: str, candidates, rule: str) -> bool:
        """Hang ``b`` at the first candidate (offset, bottom, width, height) that fits."""
        for off, bottom, w_, h_ in candidates:
            if fits(off, w_, bottom, h_):
                items.append(_sign_item(b, title, door.wall, off, bottom, w_, h_, rule))
                taken.append(Blocker(off - c, off + w_ + c, bottom - c, bottom + h_ + c, f"{b.role} {b.id}",
                                     "items.clear_of_openings"))
                return True
        return False

    def sign_spots(first_side: str):
        """Over an upper corner of the door, else beside it, top aligned; latch side first."""
        sides = [first_side, "lo" if first_side == "hi" else "hi"]
        for sw, sh in cat["door_signs"]:
            sw, sh = float(sw), float(sh)
            for side in sides:
                corner = d_hi if side == "hi" else d_lo
                yield corner - sw / 2, dh + c, sw, sh
                yield (corner + c) if side == "hi" else (corner - c - sw), dh - sh, sw, sh

    def plaque_spots():
        """Beside the door at eye level, hinge side first, moving away in 100 mm steps."""
        mid = sum(map(float, spec.options.eye_level)) / 2
        hinge_side = "lo" if latch_side == "hi" else "hi"
        for pw, ph in cat["plaques"]:
            pw, ph = float(pw), float(ph)
            bottom = max(float(spec.options.min_board_bottom), min(mid - ph / 2, top_lim - ph))
            for side in (hinge_side, latch_side):
                for extra in range(0, 2001, 100):
                    yield (d_lo - c - pw - extra) if side == "lo" else (d_hi + c + extra), bottom, pw, ph

    signs = [b for b in door_boards if b.role == "door_sign"]
    plaques = [b for b in door_boards if b.role == "branch_plaque"]
    for n_sign, b in enumerate(signs):
        title = b.title or (profile.room_sign if n_sign == 0 else board_title(b))
        first = latch_side if n_sign % 2 == 0 else ("lo" if latch_side == "hi" else "hi")
        if not place(b, title, sign_spots(first), "door_sign.present"):
            problems.append(f"door sign '{b.id}': no room at the upper corners of the entrance door (wall {door.wall})")
    for b in plaques:
        title = b.title or spec.content.plaque_text or spec.branch.name
        if not place(b, title, plaque_spots(), "plaque.beside_door"):
            problems.append(f"branch plaque '{b.id}': no room beside the entrance door (wall {door.wall})")
    return items, problems


def _sign_item(b: BoardSpec, title: str, wall: int, off: float, bottom: float, w: float, h: float, rule: str) -> WallItem:
    return WallItem(id=b.id, kind="sign", role=b.role, title=title[:60], wall=wall, face="outside",
                    offset=round(off, 1), bottom=round(bottom, 1), width=w, height=h, required=b.required,
                    placement="door", source=b.source, note=source(rule)[:300])
