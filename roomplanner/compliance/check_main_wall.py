"""Checks of the room's area and of the main wall: the flag, the oath and the charter boards."""

from __future__ import annotations

import re



from ..model.plan import WallItem
from . import catalog as C
from .findings import Finding
from .geometry import interval_overlap
from .context import Ctx, _fmt, rule

# ====================================================================== area

_AREA_KIND_ZH = {"tiered": "按党员人数分档的最小面积", "minimum": "固定的最小面积", "per_member": "按人均面积",
                 "none": "不设面积要求"}
_AREA_KIND_EN = {"tiered": "a minimum tiered by member count", "minimum": "a fixed minimum",
                 "per_member": "an area per member", "none": "no area requirement"}

def _area(ctx: Ctx, rule_id: str, kinds: tuple[str, ...]) -> Finding:
    ar = ctx.profile.area
    if ar.kind not in kinds:
        kind_zh = _AREA_KIND_ZH.get(ar.kind, "")
        return ctx.na(rule_id, f"“{ctx.profile.name}”的面积要求是{kind_zh}，不按本条检查",
                      f"the {ctx.profile.name_en} profile's area rule is {_AREA_KIND_EN.get(ar.kind, ar.kind)}; "
                      "this rule does not apply", source=ar.source)
    m = ctx.spec.branch.members
    need = ar.required_area(m)
    if need is None:
        return ctx.na(rule_id, f"{m} 名党员不在任何面积档次内", f"no area tier covers {m} members", source=ar.source)
    a = ctx.room.area_m2
    ok = a + C.AREA_EPS_M2 >= need
    status = "pass" if ok else "fail"
    # the profile's reading, for English readers without the document's Chinese words it quotes
    reading = f" ({re.sub(r'“[^”]*[一-鿿][^”]*”', 'the wording', ar.reading)})" \
        if ar.reading and ctx.lang == "en" else ""
    msg = ctx.t(f"房间面积 {a:.2f} m²，{m} 名党员要求不少于 {need:.2f} m²" + ("" if ok else "，面积不足"),
                f"room area {a:.2f} m²; {m} members need at least {need:.2f} m²" + ("" if ok else ": too small") + reading)
    return ctx.finding(rule_id, status, msg, measured=round(a, 4), required=round(need, 4), source=ar.source)


@rule("area.minimum")
def area_minimum(ctx: Ctx) -> Finding:
    return _area(ctx, "area.minimum", ("tiered", "minimum"))


@rule("area.per_member")
def area_per_member(ctx: Ctx) -> Finding:
    return _area(ctx, "area.per_member", ("per_member",))


# ====================================================================== flag and oath

@rule("flag.on_main_wall")
def flag_on_main_wall(ctx: Ctx) -> Finding:
    R = "flag.on_main_wall"
    sm = ctx.spec.main_wall
    if isinstance(sm, int) and sm != ctx.main:
        return ctx.finding(R, "fail", ctx.t(f"规格指定主墙面为第 {sm} 面墙，方案却以第 {ctx.main} 面墙为主墙面",
                                            f"the spec fixes wall {sm} as the main wall but the plan uses wall {ctx.main}"),
                           measured=ctx.main, required=sm, unit="wall")
    if not ctx.flags:
        return ctx.finding(R, "fail", ctx.t("方案中没有党旗", "the plan has no flag"), measured=0, required=1, unit="flags")
    ids = [f.id for f in ctx.flags]
    if len(ctx.flags) > 1:
        return ctx.finding(R, "fail", ctx.t(f"方案中有 {len(ctx.flags)} 面党旗，主墙面只挂一面",
                                            f"the plan has {len(ctx.flags)} flags; the main wall takes one"),
                           measured=len(ctx.flags), required=1, unit="flags", items=ids)
    f = ctx.flags[0]
    if ctx.main_flag is None:
        where = ctx.t(f"第 {f.wall} 面墙{'外侧' if f.face == 'outside' else ''}",
                      f"wall {f.wall}{' (outside face)' if f.face == 'outside' else ''}")
        return ctx.finding(R, "fail", ctx.t(f"党旗挂在{where}，不在主墙面（第 {ctx.main} 面墙）",
                                            f"the flag hangs on {where}, not on the main wall (wall {ctx.main})"),
                           measured=f.wall, required=ctx.main, unit="wall", items=ids)
    return ctx.finding(R, "pass", ctx.t(f"党旗挂在主墙面（第 {ctx.main} 面墙）", f"the flag hangs on the main wall (wall {ctx.main})"),
                       measured=ctx.main, required=ctx.main, unit="wall", items=ids)


@rule("flag.centred")
def flag_centred(ctx: Ctx) -> Finding:
    R = "flag.centred"
    f = ctx.main_flag
    if f is None:
        return ctx.na(R, "主墙面上没有党旗（见 flag.on_main_wall）", "no flag on the main wall (see flag.on_main_wall)")
    L = ctx.room.walls[ctx.main].length
    c = float(f.offset) + float(f.width) / 2
    off = abs(c - L / 2)
    ok = off <= C.CENTRE_TOL_MM + C.NUM_EPS
    msg = ctx.t(f"党旗中心距主墙面中点 {off:.1f} mm（允许 ±{C.CENTRE_TOL_MM:g} mm；墙长 {L:.0f} mm）",
                f"the flag's centre is {off:.1f} mm from the middle of the main wall (allowed ±{C.CENTRE_TOL_MM:g} mm; wall {L:.0f} mm)")
    return ctx.finding(R, "pass" if ok else "fail", msg, measured=round(off, 3), required=C.CENTRE_TOL_MM, items=[f.id])


@rule("flag.standard_size")
def flag_standard_size(ctx: Ctx) -> Finding:
    R = "flag.standard_size"
    if not ctx.flags:
        return ctx.na(R, "方案中没有党旗", "the plan has no flag")
    bad, ids = [], []
    for f in ctx.flags:
        ids.append(f.id)
        w, h = float(f.width), float(f.height)
        size = next((k for k, (sw, sh) in C.FLAG_SIZES_MM.items()
                     if abs(w - sw) <= C.FLAG_SIZE_TOL_MM + C.NUM_EPS and abs(h - sh) <= C.FLAG_SIZE_TOL_MM + C.NUM_EPS), None)
        if size is None:
            bad.append(ctx.t(f"{f.id} 为 {_fmt(w)}×{_fmt(h)} mm，不是标准尺寸", f"{f.id} is {_fmt(w)}×{_fmt(h)} mm, not a standard size"))
            continue
        if f.flag_size is not None and f.flag_size != size:
            bad.append(ctx.t(f"{f.id} 标为 {f.flag_size} 号，尺寸却是 {size} 号", f"{f.id} is marked size {f.flag_size} but measures size {size}"))
        want = ctx.opts.flag_size
        if want != "auto" and want != size:
            bad.append(ctx.t(f"{f.id} 为 {size} 号，规格要求 {want} 号", f"{f.id} is size {size}; the spec asks for size {want}"))
    f = ctx.flags[0]
    measured = f"{_fmt(float(f.width))}×{_fmt(float(f.height))}"
    required = ", ".join(f"{int(a)}×{int(b)}" for a, b in C.FLAG_SIZES_MM.values())
    if bad:
        return ctx.finding(R, "fail", "；".join(bad) if ctx.lang != "en" else "; ".join(bad),
                           measured=measured, required=required, items=ids)
    return ctx.finding(R, "pass", ctx.t(f"党旗尺寸 {measured} mm，为标准尺寸", f"the flag measures {measured} mm, a standard size"),
                       measured=measured, required=required, items=ids)


def _oath_items(ctx: Ctx) -> list[WallItem]:
    return ctx.wall_items("oath")


@rule("oath.below_flag")
def oath_below_flag(ctx: Ctx) -> Finding:
    R = "oath.below_flag"
    if ctx.oath_position != "below":
        return ctx.na(R, "本方案入党誓词位于党旗旁（见 oath.beside_flag）", "this plan hangs the oath beside the flag (see oath.beside_flag)")
    oaths = _oath_items(ctx)
    if not oaths:
        return ctx.finding(R, "fail", ctx.t("方案中没有入党誓词", "the plan has no oath board"))
    f = ctx.main_flag
    o = oaths[0]
    if f is None:
        return ctx.finding(R, "fail", ctx.t("主墙面上没有党旗，誓词无法位于其下方", "no flag on the main wall for the oath to hang below"),
                           items=[o.id])
    if o.wall != ctx.main or o.face != "inside":
        return ctx.finding(R, "fail", ctx.t(f"入党誓词在第 {o.wall} 面墙，不在主墙面", f"the oath hangs on wall {o.wall}, not on the main wall"),
                           items=[o.id, f.id])
    gap = float(f.bottom) - o.top
    # directly below: centred on the flag's axis, within the same tolerance as the flag's centring
    off_axis = (float(o.offset) + float(o.width) / 2) - (float(f.offset) + float(f.width) / 2)
    centred = abs(off_axis) <= C.CENTRE_TOL_MM + C.NUM_EPS
    if gap < -C.NUM_EPS or not centred:
        why = []
        if gap < -C.NUM_EPS:
            why.append(ctx.t(f"誓词上沿高出党旗下沿 {-gap:.0f} mm", f"the oath's top is {-gap:.0f} mm above the flag's lower edge"))
        if not centred:
            why.append(ctx.t(f"誓词中心偏离党旗中轴线 {abs(off_axis):.0f} mm（允许 ±{C.CENTRE_TOL_MM:g} mm）",
                             f"the oath's centre is {abs(off_axis):.0f} mm off the flag's axis (±{C.CENTRE_TOL_MM:g} mm allowed)"))
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(why), measured=round(abs(off_axis), 2),
                           required=C.CENTRE_TOL_MM, unit="mm", items=[o.id, f.id])
    return ctx.finding(R, "pass", ctx.t(f"入党誓词位于党旗正下方，居中（偏差 {abs(off_axis):.0f} mm，间距 {gap:.0f} mm）",
                                        f"the oath hangs directly below the flag, centred ({abs(off_axis):.0f} mm off axis, "
                                        f"{gap:.0f} mm gap)"),
                       measured=round(abs(off_axis), 2), required=C.CENTRE_TOL_MM, unit="mm", items=[o.id, f.id])


def _between(ctx: Ctx, lo: float, hi: float, band: tuple[float, float], exclude: set[str]) -> list[str]:
    """Inside items on the main wall lying horizontally (view coordinates) between lo and hi
    and sharing height with ``band``."""
    out = []
    for w in ctx.plan.wall_items:
        if w.wall != ctx.main or w.face != "inside" or w.id in exclude:
            continue
        a, b = ctx.view(w)
        if interval_overlap(a, b, lo, hi) > C.OVERLAP_TOL_MM and interval_overlap(float(w.bottom), w.top, *band) > C.OVERLAP_TOL_MM:
            out.append(w.id)
    return out


def _beside(ctx: Ctx, item: WallItem, flag: WallItem, side: str) -> tuple[bool, str, float]:
    """Is ``item`` directly on ``side`` (left/right, as seen from inside) of the flag, sharing
    height with it and with nothing between? Returns (ok, reason, gap)."""
    fa, fb = ctx.view(flag)
    a, b = ctx.view(item)
    if interval_overlap(float(item.bottom), item.top, float(flag.bottom), flag.top) <= C.OVERLAP_TOL_MM:
        return False, ctx.t(f"{item.id} 与党旗不在同一高度", f"{item.id} does not share height with the flag"), 0.0
    if side == "left":
        gap = fa - b
        if gap < -C.OVERLAP_TOL_MM:
            return False, ctx.t(f"{item.id} 不在党旗左侧", f"{item.id} is not on the flag's left"), gap
        lo, hi = b, fa
    else:
        gap = a - fb
        if gap < -C.OVERLAP_TOL_MM:
            return False, ctx.t(f"{item.id} 不在党旗右侧", f"{item.id} is not on the flag's right"), gap
        lo, hi = fb, a
    band = (min(float(item.bottom), float(flag.bottom)), max(item.top, flag.top))
    mid = _between(ctx, lo, hi, band, {item.id, flag.id})
    if mid:
        return False, ctx.t(f"{item.id} 与党旗之间隔着 {', '.join(mid)}", f"{', '.join(mid)} hang between {item.id} and the flag"), gap
    return True, "", gap


@rule("oath.beside_flag")
def oath_beside_flag(ctx: Ctx) -> Finding:
    R = "oath.beside_flag"
    if ctx.oath_position != "beside":
        return ctx.na(R, "本方案入党誓词位于党旗下方（见 oath.below_flag）", "this plan hangs the oath below the flag (see oath.below_flag)")
    oaths = _oath_items(ctx)
    if not oaths:
        return ctx.finding(R, "fail", ctx.t("方案中没有入党誓词", "the plan has no oath board"))
    f = ctx.main_flag
    o = oaths[0]
    if f is None:
        return ctx.finding(R, "fail", ctx.t("主墙面上没有党旗", "no flag on the main wall"), items=[o.id])
    if o.wall != ctx.main or o.face != "inside":
        return ctx.finding(R, "fail", ctx.t(f"入党誓词在第 {o.wall} 面墙，不在主墙面", f"the oath hangs on wall {o.wall}, not on the main wall"),
                           items=[o.id, f.id])
    ok, why, gap = _beside(ctx, o, f, "left")
    if not ok:
        return ctx.finding(R, "fail", why, measured=round(gap, 2), required=0, unit="mm", items=[o.id, f.id])
    return ctx.finding(R, "pass", ctx.t(f"入党誓词紧邻党旗左侧（间距 {gap:.0f} mm）", f"the oath hangs directly left of the flag ({gap:.0f} mm gap)"),
                       measured=round(gap, 2), required=0, unit="mm", items=[o.id, f.id])


@rule("charters.flank_flag")
def charters_flank_flag(ctx: Ctx) -> Finding:
    R = "charters.flank_flag"
    boards = [b for b in ctx.profile.boards if b.placement == "main" and b.role not in ("flag", "oath")]
    if not boards:
        return ctx.na(R, "本类型主墙面除党旗、誓词外无其他图板", "the profile puts no other boards on the main wall")
    matched = ctx.match_boards(boards, ctx.plan.wall_items)
    present = [(b, it) for b, it in ((b, matched[b.id]) for b in boards) if it is not None]
    if not present:
        return ctx.na(R, "方案中没有这些图板（见 boards.required_present）", "none of these boards is in the plan (see boards.required_present)")
    f = ctx.main_flag
    ids = [it.id for _, it in present]
    if f is None:
        return ctx.finding(R, "fail", ctx.t("主墙面上没有党旗", "no flag on the main wall"), items=ids)
    problems: list[str] = []
    notes: list[str] = []
    on_main: list[WallItem] = []
    for b, it in present:
        if it.wall == ctx.main and it.face == "inside":
            on_main.append(it)
        elif b.movable and it.face == "inside":
            notes.append(ctx.t(f"{it.id} 因主墙面长度不足移至侧墙（本类型允许）", f"{it.id} moved to a side wall (the profile allows it)"))
        else:
            problems.append(ctx.t(f"{it.id} 应挂在主墙面，现在第 {it.wall} 面墙", f"{it.id} belongs on the main wall but hangs on wall {it.wall}"))
    fa, fb = ctx.view(f)
    if ctx.oath_position == "below":
        col = [f] + [o for o in _oath_items(ctx) if o.wall == ctx.main and o.face == "inside"
                     and interval_overlap(*ctx.view(o), fa, fb) > C.OVERLAP_TOL_MM]
        ca = min(ctx.view(w)[0] for w in col)
        cb = max(ctx.view(w)[1] for w in col)
        left, right = [], []
        for it in on_main:
            a, b = ctx.view(it)
            if b <= ca + C.OVERLAP_TOL_MM:
                left.append(it)
            elif a >= cb - C.OVERLAP_TOL_MM:
                right.append(it)
            else:
                problems.append(ctx.t(f"{it.id} 与党旗、誓词所在列重叠", f"{it.id} overlaps the column of the flag and the oath"))
        if len(on_main) >= 2 and (not left or not right):
            problems.append(ctx.t("这些图板全在党旗一侧，应分列左右", "the boards all hang on one side of the flag; they belong left and right"))
        charter_ids = {it.id for it in on_main} | {w.id for w in col}
        col_band = (min(float(w.bottom) for w in col), max(w.top for w in col))
        if left:
            far = min(ctx.view(w)[0] for w in left)
            mid = _between(ctx, far, ca, col_band, charter_ids)
            if mid:
                problems.append(ctx.t(f"{', '.join(mid)} 隔在左侧图板与党旗之间", f"{', '.join(mid)} hang between the left boards and the flag"))
        if right:
            far = max(ctx.view(w)[1] for w in right)
            mid = _between(ctx, cb, far, col_band, charter_ids)
            if mid:
                problems.append(ctx.t(f"{', '.join(mid)} 隔在右侧图板与党旗之间", f"{', '.join(mid)} hang between the right boards and the flag"))
    else:
        nature = next((it for b, it in present if b.role == "nature"), None)
        if nature is not None and nature in on_main:
            ok, why, _ = _beside(ctx, nature, f, "right")
            if not ok:
                problems.append(why)
    n_ok = len(present) - len(problems)
    if problems:
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(problems + notes),
                           measured=max(n_ok, 0), required=len(present), unit="boards", items=ids + [f.id])
    msg = ctx.t("图板位于党旗左右相邻位置", "the boards flank the flag") if ctx.oath_position == "below" else \
        ctx.t("党的性质图板紧邻党旗右侧", "the nature board hangs directly right of the flag")
    if notes:
        msg += ("；" if ctx.lang != "en" else "; ") + ("；" if ctx.lang != "en" else "; ").join(notes)
    return ctx.finding(R, "pass", msg, measured=len(present), required=len(present), unit="boards", items=ids + [f.id])
