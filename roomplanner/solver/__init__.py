"""The layout solver: ``solve(spec) -> Plan``.

Pipeline: rank main-wall candidates → for each, the main-wall compositions
(main.main_arrangements), side-wall boards and door signs (side.py) and the floor
(floor.solve_floor); the first candidate where every required rule holds wins.

When no candidate meets every rule, the best plan the room allows is returned instead
(``_best_effort``): the flag and the oath on a main wall, and everything else that fits,
with every shortfall named in the plan's notes (the checker then reports the unmet rules).
:class:`~roomplanner.errors.InfeasibleError` is raised only when no wall can take the flag
and the oath at all.
"""

from __future__ import annotations

from ..i18n import Text
from ..model.geometry import Wall, signed_area
from ..model.plan import Plan, WallItem
from ..model.spec import Spec
from ..profiles import Profile, profile_for
from .floor import FloorInfeasible, solve_floor
from .furniture import wall_furniture
from .main import MainFailure, MainResult, main_arrangements
from .rules import RULES, source
from .side import SIDE_ALIGNMENTS, place_door_signs, place_side_boards
from .walls import board_title, free_intervals, wall_blockers
from .explain import explain

__all__ = ["solve", "rank_main_walls", "RULES"]

MAX_MAIN_ARRANGEMENTS = 8   # main-wall arrangements tried per wall when the floor needs space
MAX_MAIN_SCANNED = 400      # arrangements looked at per wall for a narrower one
MAX_FLOOR_ATTEMPTS = 10     # floor layouts tried per main wall before the next wall
MAX_BEST_EFFORT_WALLS = 3   # main-wall candidates tried for the best plan the room allows


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


class _Ctx:
    """What one solve shares: the spec, profile, walls, blockers and caches."""

    def __init__(self, spec: Spec, profile: Profile):
        self.spec = spec
        self.profile = profile
        self.walls = spec.walls()
        self.blockers = wall_blockers(spec, self.walls)
        self.lang = spec.options.lang
        self.oath_position = profile.oath_position if spec.options.oath_position == "profile" \
            else spec.options.oath_position
        self.ranked = rank_main_walls(spec, self.walls, self.blockers)
        self.cache: dict = {}
        self.floor_attempts: dict[int, int] = {}
        self.partial_seats = False


def solve(spec: Spec, profile: Profile | None = None) -> Plan:
    profile = profile or profile_for(spec)
    if spec.venue == "none":             # class-3 venue: two given walls, no room (001 §2(三))
        from .venue import solve_venue
        return solve_venue(spec, profile)
    ctx = _Ctx(spec, profile)
    if isinstance(spec.main_wall, int):
        candidates = [(spec.main_wall, dict(ctx.ranked)[spec.main_wall])]
    else:
        candidates = [c for c in ctx.ranked if not any(o.kind == "door" and o.wall == c[0]
                                                        for o in spec.room.openings)] or ctx.ranked
    failures: list[tuple[int, str, list[str]]] = []
    first_results: dict[int, MainResult] = {}
    seats_optional = not any(f.kind == "seating" and f.required for f in ctx.profile.furniture)
    for partial in ((False, True) if seats_optional else (False,)):
        ctx.partial_seats = partial
        plan = _strict(ctx, candidates, failures, first_results)
        if plan is not None:
            return plan
    best = _best_effort(ctx, candidates, first_results)
    if best is not None:
        return best
    raise explain(spec, failures, ctx.ranked, ctx.walls)


def _strict(ctx: _Ctx, candidates, failures, first_results) -> Plan | None:
    """The first plan meeting every rule: main-wall candidates in order, each with its
    arrangements in order (at most MAX_MAIN_ARRANGEMENTS)."""
    spec = ctx.spec
    ctx.floor_attempts = {}
    for wi, _span in candidates:
        first_failure = None
        tried = 0
        narrowest = float("inf")          # main-wall width of the narrowest arrangement that failed
        for k, res in enumerate(main_arrangements(spec, ctx.profile, ctx.walls[wi], ctx.blockers[wi],
                                                  ctx.oath_position, spec.options.flag_size)):
            if tried >= MAX_MAIN_ARRANGEMENTS or k >= MAX_MAIN_SCANNED:
                break
            if isinstance(res, MainFailure):
                first_failure = first_failure or (wi, res.text(ctx.lang), res.rules)
                break
            first_results.setdefault(wi, res)
            if tried and res.extent >= narrowest - 1.0:
                continue                  # no more wall left free than an arrangement that failed
            tried += 1
            plan = _complete(ctx, wi, res, k)
            if isinstance(plan, Plan):
                return plan
            narrowest = min(narrowest, res.extent)
            first_failure = first_failure or plan[:3]
            if len(plan) > 3 and plan[3]:
                break                     # the floor fails whatever hangs on the walls
        if first_failure and not ctx.partial_seats:
            failures.append(first_failure)
    return None


def _main_items(ctx: _Ctx, wi: int, res: MainResult) -> list[WallItem]:
    items: list[WallItem] = []
    for p in res.placed:
        role = p.board.role
        rule = "flag.centred" if role == "flag" else (
            ("oath.beside_flag" if ctx.oath_position == "beside" else "oath.below_flag") if role == "oath"
            else "charters.flank_flag")
        items.append(WallItem(
            id=p.board.id, kind="flag" if role == "flag" else "board", role=role, title=board_title(p.board),
            wall=wi, offset=round(p.offset, 1), bottom=round(p.bottom, 1), width=p.width, height=p.height,
            required=p.board.required, placement="main", flag_size=p.flag_size, part=p.board.part,
            source=p.board.source, note=source(rule)[:300]))
    return items


def _side_boards(ctx: _Ctx, res: MainResult):
    side = list(res.moved) + [b for b in ctx.profile.boards if b.placement == "side"]
    return side


def _side_allowed(ctx: _Ctx, wi: int, side):
    """None, or why the profile forbids side-wall boards in this room."""
    spec, profile = ctx.spec, ctx.profile
    if side and not profile.side_walls.allowed:
        return (wi, "the profile allows no side-wall boards", ["side_walls.boards"])
    min_area = profile.side_walls.min_area
    area = abs(signed_area(spec.outline)) / 1e6
    if side and min_area is not None and area < min_area:
        return (wi, f"side-wall boards {', '.join(repr(b.id) for b in side)} need side walls, which the profile allows "
                    f"only in rooms of {min_area:g} m² or more (this one is {area:.2f} m²)", ["side_walls.boards"])
    return None


def _complete(ctx: _Ctx, wi: int, res: MainResult, k: int = 0):
    """Side walls, door signs and floor for one main-wall arrangement: a Plan or a failure."""
    side = _side_boards(ctx, res)
    bad = _side_allowed(ctx, wi, side)
    if bad:
        return bad
    attempt = _side_and_floor(ctx, wi, side, _main_items(ctx, wi, res))
    if isinstance(attempt, tuple) and attempt[0] == "fail":
        return (wi, attempt[1], attempt[2], len(attempt) > 3)
    items, floor_items, seating, side_notes, floor_notes = attempt
    notes = list(res.notes) + side_notes + floor_notes
    if k > 0:
        notes.append(Text(f"为摆放家具和设备，主墙面采用较窄的布置（第{k + 1}优先，党旗{res.flag_size}号）",
                          f"the main wall uses a narrower arrangement (no. {k + 1}, flag size {res.flag_size}) to "
                          f"leave wall space for required furniture"))
    return _plan(ctx, wi, res, items, floor_items, seating, notes)


def _plan(ctx: _Ctx, wi, res, items, floor_items, seating, notes) -> Plan:
    spec = ctx.spec
    if isinstance(spec.main_wall, str) and ctx.ranked and ctx.ranked[0][0] != wi:
        notes.append(Text(f"自动选择主墙面：第 {wi} 面墙", f"main wall chosen automatically: wall {wi}"))
    text = [n(ctx.lang) if isinstance(n, Text) else n for n in notes]
    return Plan(spec=spec, profile=ctx.profile.id, main_wall=wi, flag_size=res.flag_size,
                oath_position=ctx.oath_position, wall_items=items, floor_items=floor_items,
                seating=seating, notes=[t[:400] for t in text])


def _furnishable_without_boards(ctx: _Ctx, wi: int) -> bool:
    """A necessary condition, computed once per main wall: can the required furniture be
    placed at all when no board hangs on any wall? If not, no board arrangement helps."""
    key = ("bare", wi)
    if key not in ctx.cache:
        try:
            solve_floor(ctx.spec, ctx.profile, ctx.walls, wi, [], ctx.lang, ctx.cache, wall_furniture=wall_furniture)
            ctx.cache[key] = True
        except FloorInfeasible:
            ctx.cache[key] = False
    return ctx.cache[key]


def _side_and_floor(ctx: _Ctx, wi, side, main_items):
    """Side boards, door signs and the floor for main wall ``wi``; side-board alignments
    are tried in turn, then the same without the optional boards, when the floor cannot find
    wall space for required furniture."""
    spec, profile, walls = ctx.spec, ctx.profile, ctx.walls
    last = None
    has_optional = any(not b.required for b in side)
    configs = [(False, SIDE_ALIGNMENTS[0])] + [(True, a) for a in SIDE_ALIGNMENTS if has_optional] + \
        [(False, a) for a in SIDE_ALIGNMENTS[1:]]
    for drop, align in configs:
        items = list(main_items)
        placements, missing, side_notes = place_side_boards(spec, walls, ctx.blockers, wi, side, align, drop)
        if missing:
            return ("fail", f"side walls have no clear space for required board(s) "
                            f"{', '.join(repr(b.id) for b in missing)}",
                    ["side_walls.boards", "items.clear_of_openings", "items.within_wall"])
        items.extend(_side_items(placements))
        signs, sign_problems = place_door_signs(spec, walls, profile)
        if sign_problems and any(b.required for b in profile.boards if b.placement == "door"):
            return ("fail", "; ".join(p("en") for p in sign_problems), ["door_sign.present", "plaque.beside_door"])
        items.extend(signs)
        sig = ("floor", wi, ctx.partial_seats, tuple((i.id, i.wall, i.offset, i.bottom, i.width, i.height) for i in items))
        if sig in ctx.cache:          # the same walls as an attempt that failed
            continue
        if ctx.floor_attempts.get(wi, 0) >= MAX_FLOOR_ATTEMPTS:
            return (last or ("fail", "no wall space for the required furniture", ["furniture.required"])) + (True,)
        ctx.floor_attempts[wi] = ctx.floor_attempts.get(wi, 0) + 1
        try:
            floor_items, seating, floor_notes, _ = solve_floor(spec, profile, walls, wi, items, ctx.lang, ctx.cache,
                                                               partial_seats=ctx.partial_seats,
                                                               wall_furniture=wall_furniture)
        except FloorInfeasible as exc:
            ctx.cache[sig] = False
            last = ("fail", exc.reason, exc.rules)
            if "furniture.required" not in exc.rules or not _furnishable_without_boards(ctx, wi):
                return last + (True,)     # no wall arrangement can help
            continue
        return items, floor_items, seating, side_notes, floor_notes
    return last


def _side_items(placements) -> list[WallItem]:
    return [WallItem(id=b.id, kind="board", role=b.role, title=board_title(b), wall=w_i, offset=round(off, 1),
                     bottom=round(bottom, 1), width=w, height=h, required=b.required, placement="side", part=b.part,
                     source=b.source, note=source("side_walls.boards")[:300])
            for b, w_i, off, bottom, w, h in placements]


# ---------------------------------------------------------------- the best the room allows

def _best_effort(ctx: _Ctx, candidates, first_results: dict[int, MainResult]) -> Plan | None:
    """The best plan the room allows when no plan meets every rule: on each candidate main
    wall that takes the flag and the oath, hang and place everything that fits (optional
    items dropped first), seat as many members as fit, and name every shortfall. The wall
    with the fewest shortfalls wins (ties: the preferred wall)."""
    best = None
    tried = 0
    for rank, (wi, _span) in enumerate(candidates):
        if tried >= MAX_BEST_EFFORT_WALLS:
            break
        res = first_results.get(wi) or _flag_and_oath_only(ctx, wi)
        if res is None:
            continue
        tried += 1
        for drop in (False, True):
            plan, shortfalls = _relaxed(ctx, wi, res, drop)
            key = (len(shortfalls), not res.balanced, -(plan.seating.seats if plan.seating else 0), rank, drop)
            if best is None or key < best[0]:
                best = (key, plan)
            if not shortfalls or not any("设备" in t.zh for t in shortfalls) or not any(
                    not b.required for b in _side_boards(ctx, res)):
                break                     # dropping optional boards can only help furniture
    return best[1] if best else None


def _flag_and_oath_only(ctx: _Ctx, wi: int) -> MainResult | None:
    """A main wall holding only the flag and the oath; every other main-wall board moves to
    a side wall (a stated shortfall for boards the profile does not let move)."""
    profile = ctx.profile
    keeps = [{"flag", "oath"}]
    if ctx.oath_position == "beside":
        keeps.insert(0, {"flag", "oath", "nature"})     # oath | flag | nature stays mirrored
    for keep in keeps:
        pinned = [b for b in profile.boards if b.placement == "main" and b.role not in keep]
        lean = profile.model_copy(update={"boards": [b for b in profile.boards if b not in pinned],
                                          "overflow_order": []})
        for res in main_arrangements(ctx.spec, lean, ctx.walls[wi], ctx.blockers[wi], ctx.oath_position,
                                     ctx.spec.options.flag_size):
            if isinstance(res, MainFailure):
                break
            res.moved = pinned
            for b in pinned:
                if b.movable:
                    res.notes.append(Text(f"主墙面挂不下全部图板：“{board_title(b)}”（{b.id}）移至侧墙面",
                                          f"the main wall cannot take every board: '{b.id}' moved to a side wall"))
            res.pinned_moved = [b for b in pinned if not b.movable]
            return res
    return None


def _relaxed(ctx: _Ctx, wi: int, res: MainResult, drop_optional: bool):
    spec, profile, walls = ctx.spec, ctx.profile, ctx.walls
    items = _main_items(ctx, wi, res)
    side = _side_boards(ctx, res)
    notes: list = list(res.notes)
    shortfalls: list[Text] = [Text(f"主墙面挂不下“{board_title(b)}”（{b.id}），移至侧墙面（本类型要求它挂在主墙面）",
                                   f"'{b.id}' belongs on the main wall but does not fit there: moved to a side wall")
                              for b in getattr(res, "pinned_moved", [])]
    if _side_allowed(ctx, wi, side):
        shortfalls.extend(Text(f"本类型在此房间不设侧墙面：图板“{board_title(b)}”（{b.id}）未布置",
                               f"the profile allows no side walls in this room: board '{b.id}' not hung")
                          for b in side if b.required)
        side = []
    placements, missing, side_notes = place_side_boards(spec, walls, ctx.blockers, wi, side, SIDE_ALIGNMENTS[0],
                                                        drop_optional)
    items.extend(_side_items(placements))
    notes.extend(side_notes)
    shortfalls.extend(Text(f"必备图板“{board_title(b)}”（{b.id}）因墙面空间不足未能布置",
                           f"required board '{b.id}' could not be hung: no clear wall space") for b in missing)
    signs, sign_problems = place_door_signs(spec, walls, profile)
    items.extend(signs)
    shortfalls.extend(sign_problems)
    floor_items, seating, floor_notes, floor_short = solve_floor(spec, profile, walls, wi, items, ctx.lang, ctx.cache,
                                                                 relaxed=True, wall_furniture=wall_furniture)
    notes.extend(floor_notes)
    shortfalls.extend(floor_short)
    head = Text("此房间无法满足全部要求，以下为房间条件下的最佳方案；未满足项见说明和检查报告",
                "this room cannot meet every rule: this is the best plan the room allows; what falls short is "
                "listed here and in the report")
    all_notes = [head] + [Text("未满足：" + s.zh, "shortfall: " + s.en) for s in shortfalls] + notes
    return _plan(ctx, wi, res, items, floor_items, seating, all_notes), shortfalls
