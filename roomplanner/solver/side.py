"""Side walls (侧墙面) and door signs (门牌).

Side-wall boards hang to one top line on every side wall, in rows with equal gaps; a
depth-first search assigns each board a size and a free stretch of wall (required boards
first), and when it cannot place every board — or runs out of budget — a greedy pass hangs
as many as fit, required first, and names every board left out. Door signs hang at the
entrance door's upper corner, or centred above the door when the corners are tight.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Text
from ..model.geometry import Wall
from ..model.plan import WallItem
from ..model.spec import Spec
from ..profiles import BoardSpec, Profile, size_catalog
from .main import snap
from .rules import source
from .walls import Blocker, board_sizes, board_title, first_hit, free_intervals, hinge_offset, wall_blockers

SIDE_ALIGNMENTS = ("front", "centre", "back")
SEARCH_BUDGET = 20000


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


def side_top_line(spec: Spec, heights: list[float]) -> float | None:
    """The one top line of side-wall boards: the tallest catalog size any of them may take,
    centred at eye level (so a smaller board's lower edge stays high enough for a low cabinet
    to stand below it), kept between the lowest bottom and the ceiling margin; on the grid."""
    o = spec.options
    hmax = max(heights or [900.0])
    lowest = snap(float(o.min_board_bottom), "up")
    top_lim = snap(float(spec.room.height) - float(o.ceiling_margin), "down")
    mid = sum(map(float, o.eye_level)) / 2
    t = snap(mid + hmax / 2)
    t = min(t, top_lim)
    if t - hmax < lowest - 1e-6:
        t = snap(lowest + hmax, "up")
    if t > top_lim + 1e-6:
        return None
    return t


def place_side_boards(spec: Spec, walls: list[Wall], blockers: dict[int, list[Blocker]], main: int,
                      boards: list[BoardSpec], align: str = "centre", drop_optional: bool = False):
    """Place side-wall boards. Returns (placements (board, wall, offset, bottom, w, h),
    required boards left out, notes (Text))."""
    gap = max(0.0, snap(float(spec.options.board_gap)))
    order = rank_side_walls(walls, main)
    notes: list[Text] = []
    if drop_optional:
        for b in boards:
            if not b.required:
                notes.append(Text(f"可选图板“{board_title(b)}”（{b.id}）未布置：为必备家具让出墙面",
                                  f"optional board '{b.id}' left out to leave wall space for required furniture"))
        boards = [b for b in boards if b.required]
    opts = {b.id: board_sizes(b) for b in boards}
    all_h = [s[1] for b in boards for s in opts[b.id]] or [900.0]
    top = side_top_line(spec, all_h)
    if top is None:
        return [], [b for b in boards if b.required], [Text("层高过低，侧墙面挂不下图板", "ceiling too low for side-wall boards")]
    band = (top - max(all_h), top)
    slots: list[SideSlot] = []
    for wi in order:
        for a, b in free_intervals(blockers[wi], walls[wi].length, *band):
            a, b = snap(a, "up"), snap(b, "down")
            if b > a:
                slots.append(SideSlot(wi, a, b))
    required = [b for b in boards if b.required]
    optional = [b for b in boards if not b.required]
    seq = required + optional
    caps = [s.hi - s.lo + gap for s in slots]      # n boards need Σw + (n−1)·gap
    assign: dict[str, tuple[int, tuple[float, float]]] = {}
    failed: set = set()
    budget = [SEARCH_BUDGET]

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
        if budget[0] >= 0:
            failed.add(key)
        return False

    ok = dfs(0)
    missing: list[BoardSpec] = []
    if not ok:
        # no complete assignment (or the budget ran out): hang as many as fit, required
        # first, smallest sizes, in the profile's order; name every board left out
        assign.clear()
        left = [s.hi - s.lo + gap for s in slots]
        for b in seq:
            sz = min(opts[b.id], key=lambda s: s[0]) if opts[b.id] else None
            si = next((i for i, cap in enumerate(left) if sz and cap + 1e-6 >= sz[0] + gap), None)
            if si is None:
                if b.required:
                    missing.append(b)
                continue
            left[si] -= sz[0] + gap
            assign[b.id] = (si, sz)
        if budget[0] < 0:
            notes.append(Text("侧墙面图板的搜索达到上限，改为依次布置（必备图板优先）",
                              "the side-wall search reached its budget: boards hung one by one, required first"))
    for b in optional:
        if b.id not in assign:
            notes.append(Text(f"可选图板“{board_title(b)}”（{b.id}）因墙面空间不足未布置",
                              f"optional board '{b.id}' left out: no clear wall space"))
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
            u = snap(s.lo + (s.hi - s.lo - total) / 2, "down")
            u = max(u, s.lo)
        elif (align == "front") == front_is_lo:
            u = s.lo
        else:
            u = snap(s.hi - total, "down")
        if not front_is_lo:
            items = list(reversed(items))       # keep the profile's order reading from the main wall
        for b, (w, h) in items:
            out.append((b, s.wall, u, top - h, w, h))
            u += w + gap
    return out, missing, notes


# ---------------------------------------------------------------- door signs (outside)

def place_door_signs(spec: Spec, walls: list[Wall], profile: Profile) -> tuple[list[WallItem], list[Text]]:
    """The room sign at the entrance door's upper corner (or centred above the door when the
    corners are tight) and the branch plaque beside the door, on the outside face."""
    ent = spec.entrance()
    items: list[WallItem] = []
    problems: list[Text] = []
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
    taken: list[Blocker] = list(out_blk) + [Blocker(d_lo - c, d_hi + c, 0, dh + c, f"door room.openings[{k}]",
                                                    "items.clear_of_openings")]

    def fits(off, width, bottom, height):
        return (off >= 0 and off + width <= w.length and bottom + height <= top_lim + 1e-6 and bottom >= 0
                and first_hit(taken, off, off + width, bottom, bottom + height) is None)

    def place(b: BoardSpec, title: str, candidates, rule: str) -> bool:
        for off, bottom, w_, h_ in candidates:
            if fits(off, w_, bottom, h_):
                items.append(_sign_item(b, title, door.wall, off, bottom, w_, h_, rule))
                taken.append(Blocker(off - c, off + w_ + c, bottom - c, bottom + h_ + c, f"{b.role} {b.id}",
                                     "items.clear_of_openings"))
                return True
        return False

    above = snap(dh + c + 1.0, "up")

    def sign_spots(first_side: str):
        """Over an upper corner of the door, else beside it (tops aligned with the door's
        head), else centred above the door; latch side first."""
        sides = [first_side, "lo" if first_side == "hi" else "hi"]
        for sw, sh in cat["door_signs"]:
            sw, sh = float(sw), float(sh)
            for side in sides:
                corner = d_hi if side == "hi" else d_lo
                yield snap(corner - sw / 2), above, sw, sh
                beside_off = snap(corner + c + 1.0, "up") if side == "hi" else snap(corner - c - 1.0 - sw, "down")
                yield beside_off, snap(dh - sh), sw, sh
            yield snap((d_lo + d_hi) / 2 - sw / 2), above, sw, sh
            # two signs side by side above a wide door: the second shifts along the lintel
            for dx in (-1, 1):
                for step in range(1, 6):
                    yield snap((d_lo + d_hi) / 2 - sw / 2 + dx * step * (sw / 2 + 50)), above, sw, sh

    def plaque_spots():
        """Beside the door at eye level, hinge side first, moving away in 100 mm steps."""
        mid = sum(map(float, spec.options.eye_level)) / 2
        hinge_side = "lo" if latch_side == "hi" else "hi"
        for pw, ph in cat["plaques"]:
            pw, ph = float(pw), float(ph)
            bottom = snap(max(float(spec.options.min_board_bottom), min(mid - ph / 2, top_lim - ph)), "up")
            for side in (hinge_side, latch_side):
                for extra in range(0, 2001, 100):
                    yield ((snap(d_lo - c - 1.0 - pw - extra, "down")) if side == "lo"
                           else snap(d_hi + c + 1.0 + extra, "up")), bottom, pw, ph

    signs = [b for b in door_boards if b.role == "door_sign"]
    plaques = [b for b in door_boards if b.role == "branch_plaque"]
    for n_sign, b in enumerate(signs):
        title = b.title or (profile.room_sign if n_sign == 0 else board_title(b))
        first = latch_side if n_sign % 2 == 0 else ("lo" if latch_side == "hi" else "hi")
        if not place(b, title, sign_spots(first), "door_sign.present"):
            problems.append(Text(f"门牌“{title}”：入口门（第 {door.wall} 面墙）上角和上方都没有位置",
                                 f"door sign '{b.id}': no room at the upper corners of, or above, the entrance door "
                                 f"(wall {door.wall})"))
    for b in plaques:
        title = b.title or spec.content.plaque_text or spec.branch.name
        if not place(b, title, plaque_spots(), "plaque.beside_door"):
            problems.append(Text(f"党组织牌子“{b.id}”：入口门（第 {door.wall} 面墙）两侧没有位置",
                                 f"branch plaque '{b.id}': no room beside the entrance door (wall {door.wall})"))
    return items, problems


def _sign_item(b: BoardSpec, title: str, wall: int, off: float, bottom: float, w: float, h: float, rule: str) -> WallItem:
    return WallItem(id=b.id, kind="sign", role=b.role, title=title[:60], wall=wall, face="outside",
                    offset=round(off, 1), bottom=round(bottom, 1), width=w, height=h, required=b.required,
                    placement="door", source=b.source, note=source(rule)[:300])
