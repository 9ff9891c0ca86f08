"""The layout solver: ``solve(spec) -> Plan`` or :class:`~roomplanner.errors.InfeasibleError`
naming the rules in conflict and what the user could change.

Pipeline: rank main-wall candidates → for each, arrange the main wall (walls.arrange_main),
place side-wall boards (walls.place_side_boards), door signs (walls.place_door_signs) and
the floor (floor.solve_floor); the first candidate where every required rule holds wins.
"""

from __future__ import annotations

from ..errors import InfeasibleError
from ..model.geometry import Wall
from ..model.plan import Plan, WallItem
from ..model.spec import Spec
from ..profiles import Profile, load_profile
from .floor import FloorInfeasible, solve_floor
from .rules import RULES, source
from .walls import (FLAG_SIZES, MainFailure, arrange_main, board_title, free_intervals, place_door_signs,
                    place_side_boards, wall_blockers)

__all__ = ["solve", "rank_main_walls", "RULES"]


def rank_main_walls(spec: Spec, walls: list[Wall], blockers) -> list[tuple[int, float]]:
    """Main-wall candidates, best first, with the clear span around each wall's centre.

    Order: walls without a door; then the longest clear span around the centre (in whole
    metres, so small differences tie); then the wall facing the entrance (farthest from it);
    then fewest windows; then the lowest index."""
    ent = spec.entrance()
    ex, ey = (0.0, 0.0)
    if ent:
        _, d = ent
        ex, ey = walls[d.wall].point_at(float(d.offset) + float(d.width) / 2)
    out = []
    for w in walls:
        has_door = any(o.kind == "door" and o.wall == w.index for o in spec.room.openings)
        windows = sum(1 for o in spec.room.openings if o.kind == "window" and o.wall == w.index)
        span = 0.0
        for a, b in free_intervals(blockers[w.index], w.length, 800, 2600):
            if a <= w.length / 2 <= b:
                span = min(w.length / 2 - a, b - w.length / 2) * 2
        mx, my = w.midpoint
        dist = ((mx - ex) ** 2 + (my - ey) ** 2) ** 0.5
        out.append(((has_door, -int(span // 1000), -round(dist / 500), windows, w.index), w.index, span))
    out.sort()
    return [(i, span) for _, i, span in out]


def solve(spec: Spec, profile: Profile | None = None) -> Plan:
    profile = profile or load_profile(spec.branch.type)
    walls = spec.walls()
    blockers = wall_blockers(spec, walls)
    oath_position = profile.oath_position if spec.options.oath_position == "profile" else spec.options.oath_position
    flag_sizes = [spec.options.flag_size] if spec.options.flag_size != "auto" else sorted(FLAG_SIZES)
    ranked = rank_main_walls(spec, walls, blockers)
    if isinstance(spec.main_wall, int):
        candidates = [(spec.main_wall, dict(ranked)[spec.main_wall])]
    else:
        candidates = [c for c in ranked if not any(o.kind == "door" and o.wall == c[0] for o in spec.room.openings)] \
            or ranked
    failures: list[tuple[int, str, list[str]]] = []
    lang = spec.options.lang
    for wi, span in candidates:
        res = arrange_main(spec, profile, walls[wi], blockers[wi], oath_position, flag_sizes)
        if isinstance(res, MainFailure):
            failures.append((wi, res.reason, res.rules))
            continue
        items: list[WallItem] = []
        for p in res.placed:
            off = walls[wi].from_viewer_left(p.u, p.width)
            rule = "flag.centre" if p.board.role == "flag" else (
                ("oath.beside" if oath_position == "beside" else "oath.below") if p.board.role == "oath" else "charters.flank")
            items.append(WallItem(
                id=p.board.id, kind="flag" if p.board.role == "flag" else "board", role=p.board.role,
                title=board_title(p.board), wall=wi, offset=round(off, 1), bottom=round(p.bottom, 1),
                width=p.width, height=p.height, required=p.board.required, placement="main",
                flag_size=p.flag_size, part=p.board.part, source=p.board.source, note=source(rule)[:300]))
        side = [b for b in profile.boards if b.placement == "side"]
        side = list(res.moved) + side
        if side and not profile.side_walls.allowed:
            failures.append((wi, "the profile allows no side-wall boards", ["side_walls.boards"]))
            continue
        placements, missing, side_notes = place_side_boards(spec, walls, blockers, wi, side)
        if missing:
            need = sum(min(s[0] for s in ([(600, 900)])) for _ in missing)
            failures.append((wi, f"side walls have no clear space for required board(s) "
                                 f"{', '.join(repr(b.id) for b in missing)} (about {need:.0f} mm each)",
                             ["side_walls.boards", "boards.clear_of_openings", "boards.within_wall"]))
            continue
        for b, w_i, off, bottom, w, h in placements:
            items.append(WallItem(
                id=b.id, kind="board", role=b.role, title=board_title(b), wall=w_i, offset=round(off, 1),
                bottom=round(bottom, 1), width=w, height=h, required=b.required, placement="side", part=b.part,
                source=b.source, note=source("side_walls.boards")[:300]))
        signs, sign_problems = place_door_signs(spec, walls, profile)
        req_sign_problems = [p for p, b in zip(sign_problems, [1] * len(sign_problems))]
        if req_sign_problems and any(b.required for b in profile.boards if b.placement == "door"):
            failures.append((wi, "; ".join(req_sign_problems), ["door_sign.at_door", "plaque.beside_door"]))
            continue
        items.extend(signs)
        try:
            floor_items, seating, floor_notes = solve_floor(spec, profile, walls, wi, items, lang)
        except FloorInfeasible as exc:
            failures.append((wi, exc.reason, exc.rules))
            continue
        notes = list(res.notes) + side_notes + floor_notes
        if isinstance(spec.main_wall, str) and ranked and ranked[0][0] != wi:
            notes.append(f"自动选择主墙面：墙{wi} / main wall chosen automatically: wall {wi}")
        return Plan(spec=spec, profile=profile.id, main_wall=wi, flag_size=res.flag_size,
                    oath_position=oath_position, wall_items=items, floor_items=floor_items,
                    seating=seating, notes=notes)
    raise _explain(spec, failures, ranked, walls)


def _explain(spec: Spec, failures, ranked, walls) -> InfeasibleError:
    if not failures:
        return InfeasibleError("no wall can be the main wall", ["main_wall.choice"])
    wi, reason, rules = failures[0]
    options = []
    if isinstance(spec.main_wall, int):
        others = [f"main_wall: {i} ({span:.0f} mm clear)" for i, span in ranked if i != wi][:2]
        options.extend(f"choose {o}" for o in others)
    else:
        for w2, r2, _ in failures[1:3]:
            pass
    if "too low" in reason:
        options.append("set options.oath_position: beside")
        options.append("set a smaller options.flag_size")
    if "not wide" in reason or "clear" in reason:
        options.append("move a movable board to a side wall or choose a longer main wall")
    if "seat" in reason:
        options.append(f"use a larger room (area {abs(__import__('roomplanner.model.geometry', fromlist=['x']).signed_area(spec.outline)) / 1e6:.1f} m²)")
    details = [f"wall {w}: {r} [rules: {', '.join(sorted(set(rs)))}]" for w, r, rs in failures]
    all_rules = sorted({r for _, _, rs in failures for r in rs})
    return InfeasibleError(reason if len(failures) == 1 else f"{reason} (and {len(failures) - 1} other main-wall "
                           f"candidate(s) failed)", all_rules if len(failures) > 1 else rules, options, details)
