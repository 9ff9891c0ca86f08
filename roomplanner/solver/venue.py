"""Class-3 venues (三类阵地, 001 §2(三)1): no room to solve, two given walls.

``solve_venue(spec, profile)`` hangs each board of the class-3 profile on its wall — the
publicity window on the corridor wall, the party-affairs column on the wall of the
secretary's office — and returns a :class:`~roomplanner.model.plan.Plan` whose wall items
index :data:`~roomplanner.model.venue.VENUE_WALLS`. The desk cards need no placing: the pack
prints one per member (:mod:`roomplanner.printing.desk_cards`).

On each wall the board takes the first of its role's sizes (``boards/roles.yaml``, then the
other standard sizes, largest first) that fits a clear stretch: clear of doors, windows and
obstacles by ``options.opening_clearance``, ``options.corner_margin`` from the wall's ends,
its centre at eye level (``options.eye_level``), its bottom at least
``options.min_board_bottom`` and its top ``options.ceiling_margin`` below the wall's top. Of
the clear positions it takes the one whose centre is nearest the wall's centre.
"""

from __future__ import annotations

from typing import Optional

from ..errors import InfeasibleError
from ..i18n import Text
from ..model.plan import Plan, WallItem
from ..model.venue import VENUE_WALL_NAMES, VENUE_WALLS, VenueWall
from ..profiles import roles, size_catalog

__all__ = ["solve_venue", "place_on_wall", "board_sizes"]

RULE_OF_WALL = {"corridor": "venue.corridor_window", "secretary_office": "venue.office_column"}


def board_sizes(role: str) -> list[tuple[float, float]]:
    """The role's sizes in its order of preference, then every other standard size (largest first)."""
    own = [tuple(map(float, s)) for s in roles().get(role, {}).get("sizes", [])]
    rest = sorted({tuple(map(float, s)) for s in size_catalog()["boards"]} - set(own),
                  key=lambda s: (-s[0] * s[1], -s[0]))
    return own + rest


def _vertical(spec, wall: VenueWall, h: float) -> Optional[float]:
    """The bottom of a board of height ``h``: centred at eye level where the wall allows."""
    o = spec.options
    lo_c, hi_c = float(o.eye_level[0]), float(o.eye_level[1])
    lo_b = float(o.min_board_bottom)
    hi_b = float(wall.height) - float(o.ceiling_margin) - h
    if hi_b < lo_b - 1e-6:
        return None
    want = (lo_c + hi_c) / 2 - h / 2
    return round(min(max(want, lo_b), hi_b), 1)


def _blocked(spec, wall: VenueWall, bottom: float, top: float) -> list[tuple[float, float]]:
    """Horizontal spans a board between ``bottom`` and ``top`` may not enter."""
    clear = float(spec.options.opening_clearance)
    spans = []
    for op in wall.openings:
        lo, hi = op.bottom(), op.bottom() + float(op.height)
        if lo < top + clear and bottom - clear < hi:
            spans.append((float(op.offset) - clear, float(op.offset + op.width) + clear))
    for ob in wall.obstacles:
        if float(ob.bottom) < top + clear and bottom - clear < float(ob.top):
            spans.append((float(ob.offset) - clear, float(ob.offset + ob.width) + clear))
    return sorted(spans)


def _free(length: float, margin: float, blocked: list[tuple[float, float]]) -> list[tuple[float, float]]:
    free, cur = [], margin
    for a, b in blocked:
        if a > cur:
            free.append((cur, a))
        cur = max(cur, b)
    if length - margin > cur:
        free.append((cur, length - margin))
    return free


def place_on_wall(spec, wall: VenueWall, sizes) -> Optional[tuple[float, float, float, float]]:
    """(offset, bottom, width, height) of the first size that fits, nearest the wall's centre."""
    L = float(wall.length)
    margin = float(spec.options.corner_margin)
    for w, h in sizes:
        bottom = _vertical(spec, wall, h)
        if bottom is None:
            continue
        best = None
        for a, b in _free(L, margin, _blocked(spec, wall, bottom, bottom + h)):
            if b - a < w - 1e-6:
                continue
            off = min(max(L / 2 - w / 2, a), b - w)
            dist = abs(off + w / 2 - L / 2)
            if best is None or dist < best[0] - 1e-9:
                best = (dist, off)
        if best is not None:
            return round(best[1], 1), bottom, w, h
    return None


def solve_venue(spec, profile) -> Plan:
    """The plan of a class-3 venue, or InfeasibleError naming the wall that has no room."""
    items: list[WallItem] = []
    notes: list[Text] = []
    for b in profile.boards:
        wi = VENUE_WALLS.index(b.wall)
        wall = spec.venue_walls.wall(wi)
        zh, en = VENUE_WALL_NAMES[b.wall]
        sizes = board_sizes(b.role)
        got = place_on_wall(spec, wall, sizes)
        if got is None:
            if not b.required:
                notes.append(Text(f"{b.title}：{zh}没有足够的空墙面，未安排", f"{b.id}: no clear space on the {en}, left out"))
                continue
            smallest = min(sizes, key=lambda s: s[0] * s[1])
            raise InfeasibleError(
                Text(f"{zh}（venue_walls.{b.wall}）放不下{b.title}：最小 {smallest[0]:g} × {smallest[1]:g} mm 也找不到避开"
                     f"门窗和障碍物的空墙面",
                     f"the {en} (venue_walls.{b.wall}) has no clear stretch for the {b.id} board, not "
                     f"even {smallest[0]:g} × {smallest[1]:g} mm clear of doors, windows and obstacles"),
                [RULE_OF_WALL[b.wall], "items.clear_of_openings", "items.height"],
                [Text(f"在 venue_walls.{b.wall} 给出更长或障碍更少的墙面，或减小 options.opening_clearance / "
                      "options.corner_margin",
                      f"give a longer or less obstructed wall in venue_walls.{b.wall}, or smaller "
                      "options.opening_clearance / options.corner_margin")])
        off, bottom, w, h = got
        items.append(WallItem(id=b.id, kind="board", role=b.role, title=b.title, wall=wi, offset=off,
                              bottom=bottom, width=w, height=h, required=b.required, placement="main",
                              source=b.source[:200], note=f"{zh} / {en}"))
        notes.append(Text(f"{b.title}：{zh}，距墙左端 {off:g} mm，底边离地 {bottom:g} mm，{w:g} × {h:g} mm",
                          f"{b.id}: {en}, {off:g} mm from its left end, bottom {bottom:g} mm above the floor, "
                          f"{w:g} × {h:g} mm"))
    cards = spec.branch.members
    notes.append(Text(f"桌牌 {cards} 张（每名党员一张，印入党誓词、党员的权利和义务）",
                      f"{cards} desk cards (one per member, with the oath and the rights and duties)"))
    return Plan(spec=spec, profile=profile.id, main_wall=0, flag_size=None, oath_position="below",
                wall_items=items, floor_items=[], seating=None,
                notes=[n(spec.options.lang)[:400] for n in notes])     # in the spec's language, as room plans
