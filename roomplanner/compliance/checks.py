"""The checks (检查): one function per rule of the catalog, each returning one Finding.

``check(plan)`` runs every rule in catalog order. Each function measures from the plan's
coordinates with the checker's own geometry (``compliance.geometry``); the only plan fields
read are the inputs (spec, item positions and sizes, kinds, roles, titles, ids, the main wall
the plan chose and the profile's rules), never a verdict the solver wrote (``notes``,
``seating``, ``flag_size`` of the plan, ``required``/``placement``/``source`` of items).
"""

from __future__ import annotations

import datetime as _dt
import math
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Optional

import shapely
from shapely.geometry import Point
from shapely.ops import unary_union

from ..model.plan import Plan, WallItem
from ..profiles import BoardSpec, Profile, load_profile, profile_for, roles
from . import catalog as C
from .catalog import RULES, Rule, severity_for
from .findings import Finding, Report
from .geometry import (FloorModel, RoomGeometry, interval_overlap, projected_interval, rect_gap, wall_rect)
from .safety import photo_status, validate_plan

CheckFn = Callable[["Ctx"], Finding]
CHECKS: dict[str, CheckFn] = {}


def rule(rule_id: str):
    def deco(fn: CheckFn) -> CheckFn:
        if rule_id not in RULES:
            raise KeyError(f"check for unknown rule {rule_id!r}")
        CHECKS[rule_id] = fn
        return fn
    return deco


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 0.05 else f"{v:.1f}"


@dataclass
class Ctx:
    plan: Plan
    profile: Profile
    base_dir: Optional[Path]
    ref_date: _dt.date
    lang: str
    notes: list[str] = field(default_factory=list)

    @cached_property
    def spec(self):
        return self.plan.spec

    @cached_property
    def opts(self):
        return self.plan.spec.options

    @cached_property
    def room(self) -> RoomGeometry:
        return RoomGeometry(self.plan)

    @cached_property
    def floor(self) -> FloorModel:
        return FloorModel(self.plan, self.room)

    @property
    def main(self) -> int:
        return self.plan.main_wall

    def t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def wall_items(self, role: Optional[str] = None) -> list[WallItem]:
        return [w for w in self.plan.wall_items if role is None or w.role == role]

    @cached_property
    def flags(self) -> list[WallItem]:
        return [w for w in self.plan.wall_items if w.kind == "flag" or w.role == "flag"]

    @cached_property
    def main_flag(self) -> Optional[WallItem]:
        """The flag on the inside of the main wall (the first, if a plan has several)."""
        for f in self.flags:
            if f.wall == self.main and f.face == "inside":
                return f
        return None

    @cached_property
    def oath_position(self) -> str:
        p = self.opts.oath_position
        return self.profile.oath_position if p == "profile" else p

    def view(self, it: WallItem) -> tuple[float, float]:
        return self.room.walls[it.wall].view_span(float(it.offset), float(it.width))

    def finding(self, rule_id: str, status: str, message: str, measured=None, required=None,
                items=(), source: Optional[str] = None, unit: Optional[str] = None) -> Finding:
        r: Rule = RULES[rule_id]
        return Finding(rule=rule_id, status=status, severity=severity_for(r, self.profile),
                       source=source or r.source, measured=measured, required=required,
                       unit=r.unit if unit is None else unit, items=tuple(items), message=message)

    def na(self, rule_id: str, zh: str, en: str, source: Optional[str] = None) -> Finding:
        return self.finding(rule_id, "not_applicable", self.t(zh, en), source=source)

    def match_boards(self, boards: list[BoardSpec], items: list[WallItem]) -> dict[str, Optional[WallItem]]:
        """Match profile boards to plan items: same id and role first, then same role."""
        out: dict[str, Optional[WallItem]] = {}
        used: set[str] = set()
        for b in boards:
            it = next((w for w in items if w.id == b.id and w.role == b.role and w.id not in used), None)
            if it is not None:
                used.add(it.id)
            out[b.id] = it
        for b in boards:
            if out[b.id] is None:
                it = next((w for w in items if w.role == b.role and w.id not in used
                           and not any(bb.id == w.id for bb in boards)), None)
                if it is not None:
                    used.add(it.id)
                out[b.id] = it
        return out


# ====================================================================== area

def _area(ctx: Ctx, rule_id: str, kinds: tuple[str, ...]) -> Finding:
    ar = ctx.profile.area
    if ar.kind not in kinds:
        return ctx.na(rule_id, f"“{ctx.profile.name}”的面积规则不是此类（{ar.kind}）",
                      f"the {ctx.profile.name_en} profile has no area rule of this kind ({ar.kind})", source=ar.source)
    m = ctx.spec.branch.members
    need = ar.required_area(m)
    if need is None:
        return ctx.na(rule_id, f"{m} 名党员不在任何面积档次内", f"no area tier covers {m} members", source=ar.source)
    a = ctx.room.area_m2
    ok = a + C.AREA_EPS_M2 >= need
    status = "pass" if ok else "fail"
    reading = f" ({ar.reading})" if ar.reading and ctx.lang == "en" else ""
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


# ====================================================================== boards

@rule("boards.required_present")
def boards_required_present(ctx: Ctx) -> Finding:
    R = "boards.required_present"
    req = [b for b in ctx.profile.boards if b.required and b.role not in ("flag", "door_sign")]
    if not req:
        return ctx.na(R, "本类型无其他必备图板", "the profile requires no further boards")
    matched = ctx.match_boards(req, ctx.plan.wall_items)
    missing = [b for b in req if matched[b.id] is None]
    found = [matched[b.id].id for b in req if matched[b.id] is not None]
    if missing:
        names = ", ".join(f"{b.id}（{b.title or roles().get(b.role, {}).get('title', b.role)}）" for b in missing)
        names_en = ", ".join(b.id for b in missing)
        return ctx.finding(R, "fail", ctx.t(f"缺少必备图板：{names}", f"required boards missing: {names_en}"),
                           measured=len(req) - len(missing), required=len(req), items=found)
    return ctx.finding(R, "pass", ctx.t(f"{len(req)} 块必备图板齐全", f"all {len(req)} required boards are present"),
                       measured=len(req), required=len(req), items=found)


@rule("honor.on_side_wall")
def honor_on_side_wall(ctx: Ctx) -> Finding:
    R = "honor.on_side_wall"
    hs = ctx.wall_items("honor")
    if not hs:
        return ctx.na(R, "方案中没有光荣榜", "the plan has no honor board")
    bad = [h for h in hs if h.wall == ctx.main or h.face != "inside"]
    if bad:
        return ctx.finding(R, "fail", ctx.t(f"光荣榜 {', '.join(h.id for h in bad)} 不在侧墙面", f"honor board {', '.join(h.id for h in bad)} is not on a side wall"),
                           items=[h.id for h in hs])
    return ctx.finding(R, "pass", ctx.t("光荣榜挂在侧墙面", "the honor board hangs on a side wall"), items=[h.id for h in hs])


@rule("honor.recent")
def honor_recent(ctx: Ctx) -> Finding:
    R = "honor.recent"
    if not any(b.role == "honor" for b in ctx.profile.boards) and not ctx.wall_items("honor"):
        return ctx.na(R, "本类型没有光荣榜", "the profile has no honor board")
    hs = ctx.spec.content.honors
    if not hs:
        return ctx.na(R, "未填写荣誉（见 content.placeholder）", "no honours listed (see content.placeholder)")
    y = ctx.ref_date.year
    old = [h for h in hs if y - h.year > C.HONOR_MAX_AGE_YEARS]
    future = [h for h in hs if h.year > y]
    ages = [y - h.year for h in hs]
    items = [h.id for h in ctx.wall_items("honor")]
    if old or future:
        parts = []
        if old:
            parts.append(ctx.t("超过两年：" + "、".join(f"{h.name}（{h.year}）" for h in old),
                               "older than two years: " + ", ".join(f"{h.name} ({h.year})" for h in old)))
        if future:
            parts.append(ctx.t("年份晚于方案日期：" + "、".join(f"{h.name}（{h.year}）" for h in future),
                               "dated after the plan: " + ", ".join(f"{h.name} ({h.year})" for h in future)))
        return ctx.finding(R, "fail", ctx.t(f"以 {ctx.ref_date.isoformat()} 为准，", f"as of {ctx.ref_date.isoformat()}, ")
                           + ("；" if ctx.lang != "en" else "; ").join(parts),
                           measured=max(ages), required=C.HONOR_MAX_AGE_YEARS, items=items)
    return ctx.finding(R, "pass", ctx.t(f"{len(hs)} 项荣誉均在近两年内（以 {ctx.ref_date.isoformat()} 为准）",
                                        f"all {len(hs)} honours are from the last two years (as of {ctx.ref_date.isoformat()})"),
                       measured=max(ages), required=C.HONOR_MAX_AGE_YEARS, items=items)


@rule("honor.photos")
def honor_photos(ctx: Ctx) -> Finding:
    R = "honor.photos"
    members = [(k, h) for k, h in enumerate(ctx.spec.content.honors) if h.kind == "member"]
    if not members:
        return ctx.na(R, "没有优秀党员个人荣誉", "no member honours listed")
    missing, unchecked = [], 0
    for k, h in members:
        if not h.photo:
            missing.append(h.name)
            continue
        st = photo_status(ctx.plan, ctx.base_dir, h.photo, f"spec.content.honors[{k}].photo")
        if st == "missing":
            missing.append(f"{h.name}（{h.photo}）" if ctx.lang != "en" else f"{h.name} ({h.photo})")
        elif st == "unchecked":
            unchecked += 1
    items = [h.id for h in ctx.wall_items("honor")]
    n = len(members)
    if missing:
        return ctx.finding(R, "fail", ctx.t("缺少个人照片：" + "、".join(missing), "personal photo missing: " + ", ".join(missing)),
                           measured=n - len(missing), required=n, items=items)
    extra = ctx.t("（未提供方案文件夹，未核对照片文件）", " (no plan folder given: files not inspected)") if unchecked else ""
    return ctx.finding(R, "pass", ctx.t(f"{n} 位优秀党员均有个人照片", f"all {n} member honours have a photo") + extra,
                       measured=n, required=n, items=items)


# ====================================================================== seats and items

def _chairs_inside(ctx: Ctx) -> list[str]:
    room = ctx.room.polygon
    return [i for i, it in ctx.floor.items.items() if it.kind == "chair" and room.covers(ctx.floor.centre(i))]


@rule("seats.for_members")
def seats_for_members(ctx: Ctx) -> Finding:
    R = "seats.for_members"
    seating = next((f for f in ctx.profile.furniture if f.kind == "seating"), None)
    if seating is None or not seating.required:
        return ctx.na(R, "本类型不要求为全体党员设座", "the profile does not require seating for all members")
    chairs = _chairs_inside(ctx)
    m = ctx.spec.branch.members
    ok = len(chairs) >= m
    return ctx.finding(R, "pass" if ok else "fail",
                       ctx.t(f"室内有 {len(chairs)} 把椅子，党员 {m} 人" + ("" if ok else "，座位不足"),
                             f"{len(chairs)} chairs in the room for {m} members" + ("" if ok else ": too few")),
                       measured=len(chairs), required=m, items=chairs if not ok else (),
                       source=f"{RULES[R].source}; {seating.source}")


@rule("items.no_overlap")
def items_no_overlap(ctx: Ctx) -> Finding:
    R = "items.no_overlap"
    problems: list[str] = []
    involved: set[str] = set()
    # -- wall items on the same wall face
    groups: dict[tuple[int, str], list[WallItem]] = {}
    for w in ctx.plan.wall_items:
        groups.setdefault((w.wall, w.face), []).append(w)
    for key in sorted(groups):
        lst = sorted(groups[key], key=lambda w: (float(w.offset), w.id))
        for i, a in enumerate(lst):
            ra = wall_rect(a)
            for b in lst[i + 1:]:
                rb = wall_rect(b)
                if rb[0] >= ra[1] - C.OVERLAP_TOL_MM:
                    break
                if interval_overlap(ra[0], ra[1], rb[0], rb[1]) > C.OVERLAP_TOL_MM and \
                        interval_overlap(ra[2], ra[3], rb[2], rb[3]) > C.OVERLAP_TOL_MM:
                    problems.append(ctx.t(f"{a.id} 与 {b.id} 重叠", f"{a.id} overlaps {b.id}"))
                    involved.update((a.id, b.id))
    # -- floor items with each other (sharing floor area and height)
    fm = ctx.floor
    ids = [i for i in fm.items if fm.span(i) is not None]
    polys = [fm.poly[i] for i in ids]
    if len(polys) > 1:
        tree = shapely.STRtree(polys)
        pairs = tree.query(polys, predicate="intersects")
        seen = set()
        for a_i, b_i in zip(*pairs):
            if a_i >= b_i:
                continue
            a, b = ids[a_i], ids[b_i]
            if (a, b) in seen:
                continue
            seen.add((a, b))
            if b in fm.host_chain(a) or a in fm.host_chain(b):
                continue
            sa, sb = fm.span(a), fm.span(b)
            if interval_overlap(sa[0], sa[1], sb[0], sb[1]) <= C.OVERLAP_TOL_MM:
                continue
            if polys[a_i].intersection(polys[b_i]).area > C.OVERLAP_AREA_TOL_MM2:
                pa, pb = sorted((a, b))
                problems.append(ctx.t(f"{pa} 与 {pb} 重叠", f"{pa} overlaps {pb}"))
                involved.update((a, b))
    # -- floor items with columns and other deep wall obstacles
    for k, ob in enumerate(ctx.spec.room.obstacles):
        box = ctx.room.obstacle_box(k)
        if box is None:
            continue
        for i in ids:
            sp = fm.span(i)
            if interval_overlap(sp[0], sp[1], float(ob.bottom), float(ob.top)) <= C.OVERLAP_TOL_MM:
                continue
            if fm.poly[i].intersection(box).area > C.OVERLAP_AREA_TOL_MM2:
                problems.append(ctx.t(f"{i} 与障碍物“{ob.label}”重叠", f"{i} overlaps the obstacle '{ob.label}'"))
                involved.add(i)
    # -- furniture standing in front of a board
    for w in ctx.plan.wall_items:
        if w.face != "inside":
            continue
        wf = ctx.room.walls[w.wall]
        r = wall_rect(w)
        for i in ids:
            it = fm.items[i]
            if it.kind == "chair":
                continue     # chairs are moved; they do not hide a board
            sp = fm.span(i)
            if sp[1] <= r[2] + C.OVERLAP_TOL_MM or sp[0] >= r[3] - C.OVERLAP_TOL_MM:
                continue
            if fm.poly[i].distance(wf.segment) > C.WALL_CONTACT_MM:
                continue
            lo, hi, depth = projected_interval(wf, fm.poly[i])
            if depth > C.WALL_CONTACT_MM:
                continue
            if interval_overlap(lo, hi, r[0], r[1]) > C.OVERLAP_TOL_MM:
                problems.append(ctx.t(f"{i} 挡住了图板 {w.id}", f"{i} stands in front of {w.id}"))
                involved.update((i, w.id))
    if problems:
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(problems), measured=len(problems), required=0,
                           unit="overlaps", items=sorted(involved))
    return ctx.finding(R, "pass", ctx.t("物品互不重叠，无家具遮挡图板", "no items overlap and no furniture hides a board"),
                       measured=0, required=0, unit="overlaps")


@rule("items.within_wall")
def items_within_wall(ctx: Ctx) -> Finding:
    R = "items.within_wall"
    if not ctx.plan.wall_items:
        return ctx.na(R, "方案中没有上墙物品", "the plan has no wall items")
    H = ctx.room.height
    bad, worst = [], 0.0
    for w in ctx.plan.wall_items:
        L = ctx.room.walls[w.wall].length
        l, r, b, t = wall_rect(w)
        excess = max(-l, r - L, -b, t - H)
        if excess > C.INSIDE_TOL_MM + C.NUM_EPS:
            bad.append(w.id)
            worst = max(worst, excess)
    if bad:
        return ctx.finding(R, "fail", ctx.t(f"{', '.join(bad)} 超出所在墙面（最多 {worst:.0f} mm）", f"{', '.join(bad)} extend beyond their wall (up to {worst:.0f} mm)"),
                           measured=round(worst, 2), required=C.INSIDE_TOL_MM, items=bad)
    return ctx.finding(R, "pass", ctx.t("所有上墙物品都在墙面范围内", "every wall item lies within its wall"),
                       measured=0, required=C.INSIDE_TOL_MM)


@rule("items.clear_of_openings")
def items_clear_of_openings(ctx: Ctx) -> Finding:
    R = "items.clear_of_openings"
    c = float(ctx.opts.opening_clearance)
    room = ctx.room
    spec = ctx.spec
    problems: list[str] = []
    involved: set[str] = set()
    worst = math.inf
    swings = {k: room.swing(o) for k, o in enumerate(spec.room.openings) if o.kind == "door" and o.swing == "in"}
    # blocked stretches of other walls near an inward door's leaf: (wall, lo, hi, top, what)
    swing_blocks: list[tuple[int, float, float, float, str]] = []
    for k, poly in swings.items():
        o = spec.room.openings[k]
        zone = poly.buffer(c)
        for wf in room.walls:
            if wf.index == o.wall:
                continue
            inter = wf.segment.intersection(zone)
            if inter.is_empty or inter.length < 1.0:
                continue
            offs = [wf.offset_depth(p)[0] for g in getattr(inter, "geoms", [inter]) for p in g.coords]
            swing_blocks.append((wf.index, min(offs), max(offs), float(o.height) + c, f"door {k}"))
    for w in ctx.plan.wall_items:
        r = wall_rect(w)
        for k, o in enumerate(spec.room.openings):
            if o.wall != w.wall:
                continue
            g = rect_gap(r, room.opening_rect(o))
            worst = min(worst, g)
            if g < c - C.NUM_EPS:
                what = ctx.t("门" if o.kind == "door" else "窗", o.kind)
                problems.append(ctx.t(f"{w.id} 距{what}（room.openings[{k}]）{g:.0f} mm，少于 {c:g} mm",
                                      f"{w.id} is {g:.0f} mm from the {what} room.openings[{k}], less than {c:g} mm"))
                involved.add(w.id)
        if w.face != "inside":
            continue
        for k, ob in enumerate(spec.room.obstacles):
            if ob.wall != w.wall:
                continue
            g = rect_gap(r, (float(ob.offset), float(ob.offset) + float(ob.width), float(ob.bottom), float(ob.top)))
            worst = min(worst, g)
            if g < c - C.NUM_EPS:
                problems.append(ctx.t(f"{w.id} 距障碍物“{ob.label}”{g:.0f} mm，少于 {c:g} mm",
                                      f"{w.id} is {g:.0f} mm from the obstacle '{ob.label}', less than {c:g} mm"))
                involved.add(w.id)
        for wall, lo, hi, top, what in swing_blocks:
            if wall == w.wall and interval_overlap(r[0], r[1], lo, hi) > C.OVERLAP_TOL_MM and r[2] < top - C.NUM_EPS:
                problems.append(ctx.t(f"{w.id} 在门扇开启范围内（{what}）", f"{w.id} lies where the leaf of {what} opens"))
                involved.add(w.id)
    # -- floor items: door swings, door landings, windows
    fm = ctx.floor
    p = float(ctx.opts.passage_width)
    for k, o in enumerate(spec.room.openings):
        wf = room.walls[o.wall]
        lo, hi = float(o.offset), float(o.offset) + float(o.width)
        if o.kind == "door":
            zones = [("landing", wf.box(lo, hi, 0.0, p))]
            if k in swings:
                zones.append(("swing", swings[k]))
            for i, it in fm.items.items():
                if it.mount not in ("floor", "wall"):
                    continue
                for kind, zone in zones:
                    if fm.poly[i].intersection(zone).area > C.OVERLAP_AREA_TOL_MM2:
                        worst = min(worst, 0.0)     # furniture in the zone: no clearance at all
                        problems.append(ctx.t(f"{i} 挡在门（room.openings[{k}]）的{'开启范围' if kind == 'swing' else '进出通道'}内",
                                              f"{i} stands in the {'swing' if kind == 'swing' else 'landing'} of door room.openings[{k}]"))
                        involved.add(i)
                        break
        else:
            sill = room.opening_rect(o)[2]
            zone = wf.box(lo - c, hi + c, 0.0, c)
            for i, it in fm.items.items():
                sp = fm.span(i)
                if sp is None or sp[1] <= sill + C.NUM_EPS:
                    continue
                if fm.poly[i].intersection(zone).area > C.OVERLAP_AREA_TOL_MM2:
                    worst = min(worst, 0.0)
                    problems.append(ctx.t(f"{i} 高于窗台，挡在窗（room.openings[{k}]）前",
                                          f"{i} is taller than the sill and stands in front of window room.openings[{k}]"))
                    involved.add(i)
    measured = None if worst is math.inf else round(worst, 2)
    if problems:
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(problems), measured=measured, required=c,
                           items=sorted(involved))
    return ctx.finding(R, "pass", ctx.t(f"物品与门窗、障碍物保持 {c:g} mm 以上距离，家具不挡门窗",
                                        f"items keep {c:g} mm from doors, windows and obstacles; furniture blocks no door or window"),
                       measured=measured, required=c)


@rule("items.height")
def items_height(ctx: Ctx) -> Finding:
    R = "items.height"
    if not ctx.plan.wall_items:
        return ctx.na(R, "方案中没有上墙物品", "the plan has no wall items")
    lo = float(ctx.opts.min_board_bottom)
    hi = ctx.room.height - float(ctx.opts.ceiling_margin)
    bad = []
    low = min(float(w.bottom) for w in ctx.plan.wall_items)
    for w in ctx.plan.wall_items:
        if float(w.bottom) < lo - C.NUM_EPS:
            bad.append(ctx.t(f"{w.id} 下沿 {_fmt(float(w.bottom))} mm，低于 {lo:g} mm", f"{w.id}'s lower edge is at {_fmt(float(w.bottom))} mm, below {lo:g} mm"))
        if w.top > hi + C.NUM_EPS:
            bad.append(ctx.t(f"{w.id} 上沿 {_fmt(w.top)} mm，高于 {hi:g} mm（顶棚下 {float(ctx.opts.ceiling_margin):g} mm）",
                             f"{w.id}'s top is at {_fmt(w.top)} mm, above {hi:g} mm ({float(ctx.opts.ceiling_margin):g} mm below the ceiling)"))
    ids = [w.id for w in ctx.plan.wall_items if float(w.bottom) < lo - C.NUM_EPS or w.top > hi + C.NUM_EPS]
    if bad:
        high = max(w.top for w in ctx.plan.wall_items)
        # measured / required: the lowest lower edge when one is too low, else the highest top
        m, r = (low, lo) if low < lo - C.NUM_EPS else (high, hi)
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(bad), measured=round(m, 2), required=r, items=ids)
    return ctx.finding(R, "pass", ctx.t(f"所有图板下沿不低于 {lo:g} mm、上沿不高于 {hi:g} mm",
                                        f"every board's lower edge is at least {lo:g} mm and its top at most {hi:g} mm"),
                       measured=round(low, 2), required=lo)


# ====================================================================== furniture

@rule("furniture.inside_room")
def furniture_inside_room(ctx: Ctx) -> Finding:
    R = "furniture.inside_room"
    fm = ctx.floor
    if not fm.items:
        return ctx.na(R, "方案中没有家具设备", "the plan has no furniture")
    room = ctx.room.polygon.buffer(C.INSIDE_TOL_MM, join_style=2)
    shapely.prepare(room)
    bad, off_host = [], []
    for i, it in fm.items.items():
        if not room.covers(fm.poly[i]):
            bad.append(i)
        elif it.mount == "on" and it.on in fm.poly:
            if not fm.poly[it.on].buffer(C.INSIDE_TOL_MM, join_style=2).covers(fm.poly[i]):
                off_host.append(i)
    if bad or off_host:
        parts = []
        if bad:
            parts.append(ctx.t(f"{', '.join(bad)} 超出房间", f"{', '.join(bad)} stand outside the room"))
        if off_host:
            parts.append(ctx.t(f"{', '.join(off_host)} 超出所放置的家具", f"{', '.join(off_host)} overhang the item they stand on"))
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(parts), measured=len(bad) + len(off_host), required=0,
                           unit="items", items=bad + off_host)
    return ctx.finding(R, "pass", ctx.t(f"{len(fm.items)} 件家具设备均在房间内", f"all {len(fm.items)} furniture items are inside the room"),
                       measured=0, required=0, unit="items")


_FURNITURE_ZH = {"seating": "桌椅", "bookcase": "书架", "archive_cabinet": "档案资料柜", "newspaper_rack": "报刊架",
                 "tv": "电视机", "dvd": "DVD机", "disc_cabinet": "电教片柜", "computer": "电脑", "projector": "投影仪",
                 "screen": "投影幕布", "equipment_cabinet": "设备柜"}


def tv_diagonal_inch(poly) -> float:
    """Screen diagonal (inches) of a TV whose footprint is ``poly``: its width is the longer
    side of the footprint's minimum rotated rectangle, the screen 16:9."""
    mrr = poly.minimum_rotated_rectangle
    pts = list(mrr.exterior.coords)
    sides = [math.dist(pts[i], pts[i + 1]) for i in range(min(4, len(pts) - 1))]
    width = max(sides) if sides else 0.0
    a, b = C.TV_ASPECT
    return width * math.hypot(a, b) / a / C.MM_PER_INCH


@rule("furniture.required")
def furniture_required(ctx: Ctx) -> Finding:
    R = "furniture.required"
    req = [f for f in ctx.profile.furniture if f.required]
    if not req:
        return ctx.na(R, "本类型不要求特定家具设备", "the profile requires no furniture")
    fm = ctx.floor
    missing, found = [], []
    sources = []
    for f in req:
        sources.append(f.source)
        kind = "chair" if f.kind == "seating" else f.kind
        have = [i for i, it in fm.items.items() if it.kind == kind]
        name = ctx.t(_FURNITURE_ZH.get(f.kind, f.kind), f.kind)
        if len(have) < f.count:
            missing.append(ctx.t(f"{name}（需 {f.count}，有 {len(have)}）", f"{name} (need {f.count}, have {len(have)})"))
            continue
        if f.min_size_inch:
            big = [i for i in have if tv_diagonal_inch(fm.poly[i]) + 1e-6 >= f.min_size_inch]
            if len(big) < f.count:
                best = max(tv_diagonal_inch(fm.poly[i]) for i in have)
                missing.append(ctx.t(f"{name}不小于 {f.min_size_inch:g} 寸（最大约 {best:.0f} 寸）",
                                     f"{name} of at least {f.min_size_inch:g} inches (largest about {best:.0f})"))
                found.extend(have)
                continue
        found.extend(have[: max(f.count, 1)])
    n = len(req)
    if missing:
        return ctx.finding(R, "fail", ctx.t("缺少：" + "、".join(missing), "missing: " + ", ".join(missing)),
                           measured=n - len(missing), required=n, unit="kinds", items=found)
    return ctx.finding(R, "pass", ctx.t(f"{n} 类必备家具设备齐全", f"all {n} required kinds of furniture are present"),
                       measured=n, required=n, unit="kinds", items=found)


# ====================================================================== passage

def _passage_core(ctx: Ctx, width: float):
    """(component holding the start or None, reached chair ids, all chair ids)."""
    fm = ctx.floor
    room = ctx.room
    solids = [fm.poly[i] for i in fm.solid(include_chairs=False)]
    for k, ob in enumerate(ctx.spec.room.obstacles):
        box = room.obstacle_box(k)
        if box is not None and float(ob.bottom) < C.HEADROOM_MM:
            solids.append(box)
    free = room.polygon.difference(unary_union(solids)) if solids else room.polygon
    # round joins: the eroded floor is where the centre of a disc of the passage width can go,
    # so a passage is measured the same way along a wall and diagonally between two corners
    core = free.buffer(-(width / 2 - C.PASSAGE_TOL_MM))
    chairs = _chairs_inside(ctx)
    ent = room.entrance()
    if core.is_empty or ent is None:
        return None, [], chairs
    k, d = ent
    wf = room.walls[d.wall]
    start = Point(wf.point(float(d.offset) + float(d.width) / 2, width / 2 + C.DOOR_START_DEPTH_EXTRA_MM))
    parts = list(getattr(core, "geoms", [core]))
    comp = min(parts, key=lambda g: g.distance(start))
    if comp.distance(start) > C.DOOR_START_DEPTH_EXTRA_MM + C.NUM_EPS:
        return None, [], chairs
    reach = width / 2 + C.NUM_EPS
    reached = [i for i in chairs if comp.distance(fm.centre(i)) <= reach]
    return comp, reached, chairs


@rule("passage.width")
def passage_width(ctx: Ctx) -> Finding:
    R = "passage.width"
    if not any(f.kind == "seating" for f in ctx.profile.furniture):
        return ctx.na(R, "本类型不设座位", "the profile has no seating")
    w = float(ctx.opts.passage_width)
    comp, reached, chairs = _passage_core(ctx, w)
    if not chairs:
        return ctx.na(R, "房间内没有椅子（见 seats.for_members）", "no chairs in the room (see seats.for_members)")
    n = len(chairs)
    if len(reached) == n:
        return ctx.finding(R, "pass", ctx.t(f"从入口到全部 {n} 把椅子均有不窄于 {w:g} mm 的通道",
                                            f"a passage at least {w:g} mm wide leads from the entrance to all {n} chairs"),
                           measured=n, required=n)
    # the widest passage that would reach every chair, to 10 mm
    lo, hi = 0.0, w
    for _ in range(7):
        mid = (lo + hi) / 2
        _, r2, _ = _passage_core(ctx, mid)
        if len(r2) == n:
            lo = mid
        else:
            hi = mid
    cut = sorted(set(chairs) - set(reached))
    start_blocked = comp is None
    why = ctx.t("入口处即被阻挡" if start_blocked else f"{len(cut)} 把椅子无法到达",
                "the entrance itself is blocked" if start_blocked else f"{len(cut)} chairs cannot be reached")
    return ctx.finding(R, "fail", ctx.t(f"要求通道宽 {w:g} mm：{why}；全部座位可达的最宽通道约 {lo:.0f} mm",
                                        f"with a {w:g} mm passage {why}; every chair is reachable only up to about {lo:.0f} mm"),
                       measured=len(reached), required=n, items=cut)


# ====================================================================== door sign, committee, content, exits

def _norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


@rule("door_sign.present")
def door_sign_present(ctx: Ctx) -> Finding:
    R = "door_sign.present"
    boards = [b for b in ctx.profile.boards if b.role == "door_sign"]
    items = ctx.wall_items("door_sign")
    if not boards and not items:
        return ctx.na(R, "本类型不设门牌", "the profile has no door sign")
    ent = ctx.room.entrance()
    titles = {}
    for n_sign, b in enumerate(boards):
        titles[b.id] = b.title or (ctx.profile.room_sign if n_sign == 0 else roles().get(b.role, {}).get("title", ""))
    # match by id, then by title, then any
    used: set[str] = set()
    matched: dict[str, Optional[WallItem]] = {}
    for b in boards:
        matched[b.id] = next((w for w in items if w.id == b.id and w.id not in used), None)
        if matched[b.id]:
            used.add(matched[b.id].id)
    for b in boards:
        if matched[b.id] is None:
            matched[b.id] = next((w for w in items if _norm(w.title) == _norm(titles[b.id]) and w.id not in used), None)
            if matched[b.id]:
                used.add(matched[b.id].id)
    for b in boards:
        if matched[b.id] is None:
            matched[b.id] = next((w for w in items if w.id not in used), None)
            if matched[b.id]:
                used.add(matched[b.id].id)
    problems = []
    req = [b for b in boards if b.required]
    for b in boards:
        it = matched[b.id]
        if it is None:
            if b.required:
                problems.append(ctx.t(f"缺少门牌“{titles[b.id]}”", f"door sign '{titles[b.id]}' missing"))
            continue
        if _norm(it.title) != _norm(titles[b.id]):
            problems.append(ctx.t(f"门牌 {it.id} 写作“{it.title}”，应为“{titles[b.id]}”",
                                  f"door sign {it.id} reads '{it.title}', expected '{titles[b.id]}'"))
        if ent is None:
            problems.append(ctx.t("房间没有入口门", "the room has no entrance door"))
            continue
        k, d = ent
        lo, hi = float(d.offset), float(d.offset) + float(d.width)
        dist = max(lo - it.right, float(it.offset) - hi, 0.0)
        if it.wall != d.wall or it.face != "outside" or dist > C.DOOR_SIGN_REACH_MM + C.NUM_EPS:
            problems.append(ctx.t(f"门牌 {it.id} 不在入口门（room.openings[{k}]）外侧旁",
                                  f"door sign {it.id} is not beside the entrance door room.openings[{k}] on the outside"))
    ids = [it.id for it in matched.values() if it is not None]
    if not req and not ids:
        return ctx.na(R, "本类型门牌为可选，方案中未设", "the profile's door sign is optional and the plan has none")
    if problems:
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(problems),
                           measured=len(ids), required=len(req), unit="signs", items=ids)
    return ctx.finding(R, "pass", ctx.t("入口门外侧设有活动室标志牌", "the room sign hangs outside the entrance door"),
                       measured=len(ids), required=len(req), unit="signs", items=ids)


def _is_secretary(role: str) -> bool:
    r = _norm(role).lower()
    return r in ("书记", "支部书记", "党支部书记", "secretary", "branchsecretary") or (r.endswith("书记") and "副" not in r)


def _is_deputy(role: str) -> bool:
    r = _norm(role).lower()
    return "副书记" in r or "deputy" in r


@rule("committee.size")
def committee_size(ctx: Ctx) -> Finding:
    R = "committee.size"
    com = ctx.spec.content.committee
    b = ctx.spec.branch
    full = b.full_members if b.full_members is not None else b.members
    if not com:
        return ctx.na(R, "未填写支部委员会（书记）名单", "no committee (secretary) listed")
    n = len(com)
    secs = sum(1 for m in com if _is_secretary(m.role))
    deps = sum(1 for m in com if _is_deputy(m.role))
    if full >= 7:
        req = "3–5 (≤ 7)"
        problems = []
        if secs != 1:
            problems.append(ctx.t(f"应设 1 名书记（现 {secs} 名）", f"one secretary expected (found {secs})"))
        if deps > 1:
            problems.append(ctx.t(f"副书记至多 1 名（现 {deps} 名）", f"at most one deputy secretary (found {deps})"))
        if n < 3 or n > 7:
            problems.append(ctx.t(f"正式党员 {full} 人，委员会应由 3 至 5 人组成、一般不超过 7 人（现 {n} 人）",
                                  f"{full} full members: a committee of 3 to 5, at most 7 (found {n})"))
        if problems:
            return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(problems), measured=n, required=req)
        if n > 5:
            return ctx.finding(R, "review", ctx.t(f"委员会 {n} 人，超过通常的 3 至 5 人（一般不超过 7 人），请核实工作需要",
                                                  f"a committee of {n}, more than the usual 3 to 5 (at most 7): check the reason"),
                               measured=n, required=req)
        return ctx.finding(R, "pass", ctx.t(f"正式党员 {full} 人，委员会 {n} 人，设书记", f"{full} full members, a committee of {n} with a secretary"),
                           measured=n, required=req)
    req = "1 书记 (+1 副书记)" if ctx.lang != "en" else "1 secretary (+1 deputy)"
    others = n - secs - deps
    if secs != 1 or deps > 1 or others > 0:
        return ctx.finding(R, "fail", ctx.t(f"正式党员 {full} 人（不足 7 人），不设委员会，只设 1 名书记、必要时 1 名副书记（现：{'、'.join(m.role for m in com)}）",
                                            f"{full} full members (fewer than 7): no committee, one secretary and at most one deputy (found: {', '.join(m.role for m in com)})"),
                           measured=n, required=req)
    return ctx.finding(R, "pass", ctx.t(f"正式党员 {full} 人，设书记" + ("、副书记" if deps else ""), f"{full} full members: a secretary" + (" and a deputy" if deps else "")),
                       measured=n, required=req)


@rule("content.placeholder")
def content_placeholder(ctx: Ctx) -> Finding:
    """What each board will print, as the board composer resolves it (one source of truth):
    missing content prints 待填写; a text official-texts.md marks UNVERIFIED, or a template to
    be checked against the regulation, must be checked before printing."""
    from ..printing.compose import board_content_status

    R = "content.placeholder"
    boards = [w for w in ctx.plan.wall_items if w.kind in ("board", "sign")]
    if not boards:
        return ctx.na(R, "方案中没有图板", "the plan has no boards")
    status = {}
    for w in boards:
        try:
            status[w.id] = board_content_status(ctx.plan, w.id)
        except KeyError:
            status[w.id] = "ok"
    empty = [i for i, st in status.items() if st == "placeholder"]
    unverified = [i for i, st in status.items() if st == "unverified"]
    n = len(boards)
    if empty or unverified:
        zh, en = [], []
        if empty:
            zh.append(f"以下图板内容未填写，将印出占位文字（待填写）：{', '.join(empty)}")
            en.append(f"no content for these boards; they print a placeholder (to be filled in): {', '.join(empty)}")
        if unverified:
            zh.append(f"以下图板的文字须对照现行正式文本核对后再印制：{', '.join(unverified)}")
            en.append(f"check these boards' texts against the current official text before printing: {', '.join(unverified)}")
        return ctx.finding(R, "review", ctx.t("；".join(zh), "; ".join(en)),
                           measured=n - len(empty) - len(unverified), required=n, items=empty + unverified)
    return ctx.finding(R, "pass", ctx.t(f"{n} 块图板和标牌均有内容", f"all {n} boards and signs have content"),
                       measured=n, required=n)


@rule("exits.doors")
def exits_doors(ctx: Ctx) -> Finding:
    R = "exits.doors"
    doors = [(k, o) for k, o in enumerate(ctx.spec.room.openings) if o.kind == "door"]
    a = ctx.room.area_m2
    need = 2 if a > C.EXIT_AREA_LIMIT_M2 + C.AREA_EPS_M2 else 1
    narrow = [k for k, o in doors if float(o.width) < C.MIN_DOOR_WIDTH_MM - C.NUM_EPS]
    problems = []
    if len(doors) < need:
        problems.append(ctx.t(f"面积 {a:.0f} m² 超过 {C.EXIT_AREA_LIMIT_M2:g} m²，应设 2 个门（现 {len(doors)} 个）",
                              f"{a:.0f} m² is more than {C.EXIT_AREA_LIMIT_M2:g} m²: two doors needed (found {len(doors)})"))
    if narrow:
        problems.append(ctx.t(f"门宽小于 {C.MIN_DOOR_WIDTH_MM:g} mm：" + "、".join(f"room.openings[{k}]" for k in narrow),
                              f"doors narrower than {C.MIN_DOOR_WIDTH_MM:g} mm: " + ", ".join(f"room.openings[{k}]" for k in narrow)))
    if problems:
        return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(problems), measured=len(doors), required=need)
    return ctx.finding(R, "pass", ctx.t(f"{len(doors)} 个门，宽度均不小于 {C.MIN_DOOR_WIDTH_MM:g} mm", f"{len(doors)} door(s), each at least {C.MIN_DOOR_WIDTH_MM:g} mm wide"),
                       measured=len(doors), required=need)


# ====================================================================== entry point

def _ref_date(plan: Plan, today: Optional[_dt.date]) -> _dt.date:
    if plan.spec.date:
        try:
            return _dt.date.fromisoformat(plan.spec.date)
        except ValueError:
            pass
    return today or _dt.date.today()


def check(plan: Plan, base_dir: str | Path | None = None, source: str = "<plan>",
          today: Optional[_dt.date] = None, lang: Optional[str] = None) -> Report:
    """Check ``plan`` against every rule of the catalog and return the report.

    ``base_dir``: the plan's folder; when given, photo paths are resolved inside it (and
    nothing outside it is read). ``today``: the reference date when the spec has none.
    ``lang``: ``zh`` or ``en`` for the messages; default: the spec's ``options.lang``.
    Raises PlanFileError for a plan the checker will not measure (see ``safety``)."""
    if plan.spec.venue == "none":        # class-3 venue: no room to check (compliance/venues.py)
        from .venues import check_venue
        return check_venue(plan, base_dir, source, today, lang)
    base = Path(base_dir) if base_dir is not None else None
    validate_plan(plan, source, base)
    profile = profile_for(plan.spec)
    ref = _ref_date(plan, today)
    ctx = Ctx(plan=plan, profile=profile, base_dir=base, ref_date=ref, lang=lang or plan.spec.options.lang)
    findings = []
    for rid in RULES:
        findings.append(CHECKS[rid](ctx))
    notes = []
    if plan.profile != profile.id:
        notes.append(ctx.t(f"方案标注的类型 {plan.profile} 与支部类型 {profile.id} 不同，按 {profile.id} 检查",
                           f"the plan names profile {plan.profile} but the branch type is {profile.id}; checked as {profile.id}"))
    return Report(plan=source, profile=profile.id, branch=plan.spec.branch.name, members=plan.spec.branch.members,
                  lang=ctx.lang, date=ref.isoformat(), findings=findings, notes=notes)


def _self_test() -> None:
    missing = [r for r in RULES if r not in CHECKS]
    if missing:
        raise RuntimeError(f"rules without a check: {missing}")


_self_test()
