"""The layout solver: ``solve(spec) -> Plan`` or :class:`~roomplanner.errors.InfeasibleError`
naming the rules in conflict and what the user could change.

Pipeline: rank main-wall candidates → for each, the main-wall arrangements (walls.main_arrangements),
place side-wall boards (walls.place_side_boards), door signs (walls.place_door_signs) and
the floor (floor.solve_floor); the first candidate where every required rule holds wins.
"""

from __future__ import annotations

from ..errors import InfeasibleError
from ..model.geometry import Wall, signed_area
from ..model.plan import Plan, WallItem
from ..model.spec import Spec
from ..profiles import Profile, load_profile, profile_for
from .floor import FloorInfeasible, solve_floor
from .rules import RULES, source
from .walls import (FLAG_SIZES, SIDE_ALIGNMENTS, MainFailure, main_arrangements, board_sizes, board_title, free_intervals, place_door_signs,
                    place_side_boards, wall_blockers)

__all__ = ["solve", "rank_main_walls", "RULES"]

MAX_MAIN_ARRANGEMENTS = 8   # main-wall arrangements tried per wall when the floor needs space


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
    profile = profile or profile_for(spec)
    if spec.venue == "none":             # class-3 venue: two given walls, no room (001 §2(三))
        from .venue import solve_venue
        return solve_venue(spec, profile)
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
    cache: dict = {}
    for wi, span in candidates:
        first_failure = None
        for k, res in enumerate(main_arrangements(spec, profile, walls[wi], blockers[wi], oath_position, flag_sizes)):
            if k >= MAX_MAIN_ARRANGEMENTS:
                break
            if isinstance(res, MainFailure):
                first_failure = first_failure or (wi, res.reason, res.rules)
                break
            plan = _complete(spec, profile, walls, blockers, wi, res, oath_position, ranked, lang, k, cache)
            if isinstance(plan, Plan):
                return plan
            first_failure = first_failure or plan[:3]
            if len(plan) > 3 and plan[3]:
                break                     # the floor fails whatever hangs on the walls
        if first_failure:
            failures.append(first_failure)
    raise _explain(spec, failures, ranked, walls)


def _complete(spec, profile, walls, blockers, wi, res, oath_position, ranked, lang, k=0, cache=None):
    """Side walls, door signs and floor for one main-wall arrangement: a Plan or a failure."""
    items: list[WallItem] = []
    for p in res.placed:
        off = walls[wi].from_viewer_left(p.u, p.width)
        rule = "flag.centred" if p.board.role == "flag" else (
            ("oath.beside_flag" if oath_position == "beside" else "oath.below_flag") if p.board.role == "oath" else "charters.flank_flag")
        items.append(WallItem(
            id=p.board.id, kind="flag" if p.board.role == "flag" else "board", role=p.board.role,
            title=board_title(p.board), wall=wi, offset=round(off, 1), bottom=round(p.bottom, 1),
            width=p.width, height=p.height, required=p.board.required, placement="main",
            flag_size=p.flag_size, part=p.board.part, source=p.board.source, note=source(rule)[:300]))
    side = [b for b in profile.boards if b.placement == "side"]
    side = list(res.moved) + side
    if side and not profile.side_walls.allowed:
        return (wi, "the profile allows no side-wall boards", ["side_walls.boards"])
    min_area = profile.side_walls.min_area
    if side and min_area is not None and abs(signed_area(spec.outline)) / 1e6 < min_area:
        return (wi, f"side-wall boards {', '.join(repr(b.id) for b in side)} need side walls, which the profile allows "
                    f"only in rooms of {min_area:g} m² or more (this one is {abs(signed_area(spec.outline)) / 1e6:.2f} m²)",
                ["side_walls.boards"])
    attempt = _side_and_floor(spec, profile, walls, blockers, wi, side, items, lang, cache)
    if isinstance(attempt, tuple) and attempt[0] == "fail":
        return (wi, attempt[1], attempt[2], len(attempt) > 3)
    items, floor_items, seating, side_notes, floor_notes = attempt
    notes = list(res.notes) + side_notes + floor_notes
    if k > 0:
        notes.append(f"为摆放家具和设备，主墙面采用第{k + 1}优先的布置（党旗{res.flag_size}号）/ the main wall uses its "
                     f"arrangement no. {k + 1} (flag size {res.flag_size}) to leave wall space for required furniture")
    if isinstance(spec.main_wall, str) and ranked and ranked[0][0] != wi:
        notes.append(f"自动选择主墙面：墙{wi} / main wall chosen automatically: wall {wi}")
    return Plan(spec=spec, profile=profile.id, main_wall=wi, flag_size=res.flag_size,
                oath_position=oath_position, wall_items=items, floor_items=floor_items,
                seating=seating, notes=notes)


def _furnishable_without_boards(spec, profile, walls, wi, lang, cache) -> bool:
    """A necessary condition, computed once per main wall: can the required furniture be
    placed at all when no board hangs on any wall? If not, no board arrangement helps."""
    key = ("bare", wi)
    if key not in cache:
        try:
            solve_floor(spec, profile, walls, wi, [], lang, cache)
            cache[key] = True
        except FloorInfeasible:
            cache[key] = False
    return cache[key]


def _side_and_floor(spec, profile, walls, blockers, wi, side, main_items, lang, cache=None):
    """Side boards, door signs and the floor for main wall ``wi``; side-board alignments are
    tried in turn when the floor cannot find wall space for required furniture."""
    last = None
    for align in SIDE_ALIGNMENTS:
        items = list(main_items)
        placements, missing, side_notes = place_side_boards(spec, walls, blockers, wi, side, align)
        if missing:
            need = sum(min(sz[0] for sz in board_sizes(b)) for b in missing)
            clear = sum(b - a for wj in range(len(walls)) if wj != wi
                        for a, b in free_intervals(blockers[wj], walls[wj].length, 800, 2300))
            return ("fail", f"side walls have no clear space for required board(s) "
                            f"{', '.join(repr(b.id) for b in missing)}: they need {need:.0f} mm more of clear wall "
                            f"(side walls have {clear:.0f} mm clear in all, between windows, doors and obstacles)",
                    ["side_walls.boards", "items.clear_of_openings", "items.within_wall"])
        for b, w_i, off, bottom, w, h in placements:
            items.append(WallItem(
                id=b.id, kind="board", role=b.role, title=board_title(b), wall=w_i, offset=round(off, 1),
                bottom=round(bottom, 1), width=w, height=h, required=b.required, placement="side", part=b.part,
                source=b.source, note=source("side_walls.boards")[:300]))
        signs, sign_problems = place_door_signs(spec, walls, profile)
        if sign_problems and any(b.required for b in profile.boards if b.placement == "door"):
            return ("fail", "; ".join(sign_problems), ["door_sign.present", "plaque.beside_door"])
        items.extend(signs)
        try:
            if not profile.furniture:    # a shared room (class 2): the plan adds no furniture
                floor_items, seating, floor_notes = [], None, []
            else:
                floor_items, seating, floor_notes = solve_floor(spec, profile, walls, wi, items, lang, cache)
        except FloorInfeasible as exc:
            last = ("fail", exc.reason, exc.rules)
            if "furniture.required" not in exc.rules or not _furnishable_without_boards(
                    spec, profile, walls, wi, lang, cache):
                return last + (True,)     # no wall arrangement can help
            continue
        return items, floor_items, seating, side_notes, floor_notes
    return last


def _explain(spec: Spec, failures, ranked, walls) -> InfeasibleError:
    """One InfeasibleError for every failed main-wall candidate: the first (preferred)
    candidate's reason leads, every candidate is listed in ``details``, and the options are
    derived from the rules in conflict."""
    if not failures:
        return InfeasibleError("no wall can be the main wall", ["main_wall.choice"])
    wi, reason, rules = failures[0]
    every = sorted({r for _, _, rs in failures for r in rs})
    options: list[str] = []
    if isinstance(spec.main_wall, int):
        options.extend(f"choose main_wall: {i} ({span:.0f} mm clear around its centre)"
                       for i, span in ranked if i != wi and span > 0)
        options = options[:2]
    if "flag.standard_size" in every:
        options.append("only the five standard flag sizes are used: a non-standard flag needs the approval of a "
                       "county-level (or higher) organisation department, which this program cannot give")
    if "items.height" in every:
        beside_already = "oath.beside_flag" in every and "oath.below_flag" not in every
        options.append(("" if beside_already else "set options.oath_position: beside, or ")
                       + f"a smaller options.flag_size, or a wider options.eye_level (the ceiling is "
                       f"{float(spec.room.height):.0f} mm)")
    if "charters.flank_flag" in every and "items.clear_of_openings" in every:
        options.append("keep the centre of the main wall clear of windows and doors, or choose another main wall")
    if "side_walls.boards" in every:
        options.append("free side-wall space: move an obstacle or hang fewer optional boards")
    if "seats.for_members" in every:
        area = abs(signed_area(spec.outline)) / 1e6
        options.append(f"use a larger room (this one is {area:.1f} m² for {spec.branch.members} members) or "
                       f"narrower options.passage_width / options.behind_chair")
    if "furniture.required" in every:
        options.append("leave a wall stretch clear of boards, windows and doors for the required furniture")
    details = [f"wall {w}: {r} [rules: {', '.join(sorted(set(rs)))}]" for w, r, rs in failures]
    summary = reason if len(failures) == 1 else f"{reason} (and {len(failures) - 1} other main-wall candidate(s) failed)"
    return InfeasibleError(summary, every if len(failures) > 1 else rules, options, details)
