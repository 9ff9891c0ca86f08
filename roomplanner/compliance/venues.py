"""Venue rules (阵地类别, 001 §2): the class-2 and class-3 requirements of source document 001.

Registered into the catalog by :func:`register` (called from ``compliance/__init__``): each
rule reports for every plan like the others — ``not_applicable`` where its venue class does
not apply.

* Class 2 (二类阵地, ``venue: shared`` with the organ profile): flag, oath and rights and
  duties on the wall of the shared room (001 §2(二)3); a publicity window for party affairs
  (001 §2(二)5).
* Class 3 (三类阵地, ``venue: none``): the publicity window on the corridor wall and the
  party-affairs column on the wall of the secretary's office (001 §2(三)1), and a desk card
  for every member printed with the oath and the rights and duties (001 §2(三)1), read back
  from ``boards/desk-cards.pdf`` beside the plan.
* Both: what a plan cannot show (materials, records, the 新型阵地 online work) is listed for
  the inspector to verify on site (``venue.on_site``, review).

A class-3 plan has no room, so :func:`check_venue` checks it instead of the room checker:
the room rules report ``not_applicable`` with that reason (an inspector is not told that a
class-3 branch lacks a room); ``committee.size`` and ``content.placeholder``, which need no
room, run as for any plan.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..model.plan import Plan, WallItem
from ..model.venue import VENUE_WALL_NAMES, VENUE_WALLS
from ..profiles import profile_for
from . import catalog as C
from .catalog import Rule
from .findings import Finding, Report

__all__ = ["VENUE_RULES", "register", "check_venue", "desk_card_problems"]

DESK_CARD_FILE = "boards/desk-cards.pdf"
MAX_DESK_CARD_BYTES = 64 << 20
ROOMLESS_RULES = ("committee.size", "content.placeholder", "content.optional_placeholder", "content.unverified")
"""Rules of the room checker that need no room and also run for a class-3 venue."""


def _class2(p) -> bool:
    return getattr(p, "venue", "dedicated") == "shared" and any(d.startswith("001") for d in p.documents)


def _class3(p) -> bool:
    return getattr(p, "venue", "dedicated") == "none"


@dataclass(frozen=True)
class VenueRule(Rule):
    """A venue rule: it applies to venue variants, class-3 venues included."""

    def applies_to(self) -> list[str]:
        from ..profiles import venue_profiles
        return [p.id for p in venue_profiles() if self.applies(p)]


VENUE_RULES: list[Rule] = [
    # ids, severities, sources and titles: roomplanner.rules
    VenueRule("venue.shared_walls",
         "The shared room's walls carry, on their inside face, a flag item, an oath board and the rights "
         "and duties (one rights_duties board of part both, or a rights and a duties part), each lying "
         "within its wall (length from the outline, ceiling height).",
         applies=_class2, applicability="class-2 venues (organ-shared)", unit="items"),
    VenueRule("venue.publicity_window",
         "At least one publicity board (role publicity) hangs on the inside face of a wall of the shared "
         "room, within that wall. Keeping it up to date (及时更新) is for the inspector (venue.on_site).",
         applies=_class2, applicability="class-2 venues (organ-shared)", unit="boards"),
    VenueRule("venue.corridor_window",
         "A publicity board on venue wall 0 (venue_walls.corridor) lies within the wall's length and "
         "height and keeps options.opening_clearance from its doors, windows and obstacles.",
         applies=_class3, applicability="class-3 venues (organ-no-room)", unit="mm"),
    VenueRule("venue.office_column",
         "A publicity board on venue wall 1 (venue_walls.secretary_office) lies within the wall's length "
         "and height and keeps options.opening_clearance from its doors, windows and obstacles.",
         applies=_class3, applicability="class-3 venues (organ-no-room)", unit="mm"),
    VenueRule("venue.desk_cards",
         f"{DESK_CARD_FILE} (in the pack, or beside the plan) has one page per member (branch.members) and "
         "every page carries every paragraph of the official oath, rights and duties (content/texts) verbatim "
         "(text read back from the PDF, white space ignored). No such file (or no plan folder) fails: the "
         "desk cards cannot be verified.",
         applies=_class3, applicability="class-3 venues (organ-no-room)", unit="cards"),
    VenueRule("venue.on_site",
         "Lists what a plan cannot show — materials placed neatly, records kept, the publicity window "
         "kept up to date, the online work — for the inspector; always review for class-2 and class-3 "
         "venues.",
         applies=lambda p: _class2(p) or _class3(p), applicability="class-2 and class-3 venues",
         outcomes=("review",)),
]


def register() -> None:
    """Add the venue rules to the catalog and their checks to the checker (idempotent)."""
    from .context import CHECKS
    for r in VENUE_RULES:
        if r.id not in C.RULES:
            C._RULES.append(r)
            C.RULES[r.id] = r
    CHECKS.update(_CHECKS)


# ---------------------------------------------------------------- helpers

class _V:
    """What the venue checks need (both for class-2 plans inside the room checker's Ctx and
    for class-3 plans)."""

    def __init__(self, plan: Plan, profile, lang: str, base_dir: Optional[Path], files=None):
        self.plan, self.profile, self.lang, self.base_dir = plan, profile, lang, base_dir
        self.files = files

    def t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def finding(self, rule_id: str, status: str, message: str, measured=None, required=None, items=(),
                unit: Optional[str] = None) -> Finding:
        r = C.RULES[rule_id]
        return Finding(rule=rule_id, status=status, severity=r.severity, source=r.source, measured=measured,
                       required=required, unit=r.unit if unit is None else unit, items=tuple(items), message=message)

    def na(self, rule_id: str, zh: str, en: str) -> Finding:
        return self.finding(rule_id, "not_applicable", self.t(zh, en))


def _v(ctx) -> _V:
    return ctx if isinstance(ctx, _V) else _V(ctx.plan, ctx.profile, ctx.lang, ctx.base_dir,
                                              getattr(ctx, "files", None))


def _within_room_wall(plan: Plan, it: WallItem) -> bool:
    from .geometry import RoomGeometry
    walls = RoomGeometry(plan).walls
    if it.wall >= len(walls):
        return False
    tol = C.INSIDE_TOL_MM
    return (float(it.offset) >= -tol and it.right <= walls[it.wall].length + tol and float(it.bottom) >= -tol
            and it.top <= float(plan.spec.room.height) + tol)


# ---------------------------------------------------------------- class 2

def shared_walls(ctx) -> Finding:
    R = "venue.shared_walls"
    v = _v(ctx)
    if not _class2(v.profile):
        return v.na(R, "仅适用于二类阵地（共用活动室）", "applies to class-2 venues (shared rooms) only")
    inside = [w for w in v.plan.wall_items if w.face == "inside" and _within_room_wall(v.plan, w)]
    flag = [w for w in inside if w.role == "flag"]
    oath = [w for w in inside if w.role == "oath"]
    rd = [w for w in inside if w.role == "rights_duties"]
    parts = {w.part or "both" for w in rd}
    missing = []
    if not flag:
        missing.append(("党旗", "the flag"))
    if not oath:
        missing.append(("入党誓词", "the oath"))
    if "both" not in parts and not {"rights", "duties"} <= parts:
        missing.append(("党员权利和义务", "the rights and duties"))
    ids = [w.id for w in flag + oath + rd]
    if missing:
        return v.finding(R, "fail", v.t(f"共用活动室墙上缺少：{'、'.join(m[0] for m in missing)}",
                                        f"missing on the shared room's walls: {', '.join(m[1] for m in missing)}"),
                         measured=3 - len(missing), required=3, items=ids)
    return v.finding(R, "pass", v.t("党旗、入党誓词、党员权利和义务均已上墙", "flag, oath and rights and duties hang on the wall"),
                     measured=3, required=3, items=ids)


def publicity_window(ctx) -> Finding:
    R = "venue.publicity_window"
    v = _v(ctx)
    if not _class2(v.profile):
        return v.na(R, "仅适用于二类阵地（共用活动室）", "applies to class-2 venues (shared rooms) only")
    pubs = [w for w in v.plan.wall_items if w.role == "publicity" and w.face == "inside"
            and _within_room_wall(v.plan, w)]
    if not pubs:
        return v.finding(R, "fail", v.t("共用活动室内没有党务公开宣传窗", "the shared room has no publicity window"),
                         measured=0, required=1)
    return v.finding(R, "pass", v.t(f"宣传窗 {', '.join(w.id for w in pubs)} 挂在墙上（须及时更新）",
                                    f"publicity window {', '.join(w.id for w in pubs)} on the wall (keep it up to date)"),
                     measured=len(pubs), required=1, items=[w.id for w in pubs])


# ---------------------------------------------------------------- class 3

def _venue_wall_check(ctx, rule_id: str, wall_index: int) -> Finding:
    v = _v(ctx)
    if not _class3(v.profile):
        return v.na(rule_id, "仅适用于三类阵地（无活动室）", "applies to class-3 venues (no room) only")
    name = VENUE_WALLS[wall_index]
    zh_wall, en_wall = VENUE_WALL_NAMES[name]
    wall = v.plan.spec.venue_walls.wall(wall_index)
    want = {0: ("党建工作宣传窗", "publicity window"), 1: ("党务公开栏", "party-affairs column")}[wall_index]
    items = [w for w in v.plan.wall_items if w.role == "publicity" and w.wall == wall_index]
    if not items:
        return v.finding(rule_id, "fail", v.t(f"{zh_wall}上没有{want[0]}", f"no {want[1]} on the {en_wall}"),
                         measured=0, required=1, unit="boards")
    clear = float(v.plan.spec.options.opening_clearance)
    L, H = float(wall.length), float(wall.height)
    tol = C.INSIDE_TOL_MM
    problems = []
    for it in items:
        x0, x1, y0, y1 = float(it.offset), it.right, float(it.bottom), it.top
        if x0 < -tol or x1 > L + tol or y0 < -tol or y1 > H + tol:
            problems.append(v.t(f"{it.id} 超出墙面（墙长 {L:g} mm、高 {H:g} mm）",
                                f"{it.id} runs past the wall ({L:g} × {H:g} mm)"))
        blockers = [(o.kind, float(o.offset), float(o.offset + o.width), o.bottom(), o.bottom() + float(o.height))
                    for o in wall.openings]
        blockers += [(ob.label, float(ob.offset), float(ob.offset + ob.width), float(ob.bottom), float(ob.top))
                     for ob in wall.obstacles]
        for label, a, b, lo, hi in blockers:
            gap_h = max(a - x1, x0 - b)
            gap_v = max(lo - y1, y0 - hi)
            if max(gap_h, gap_v) < clear - C.NUM_EPS - 1e-6:
                problems.append(v.t(f"{it.id} 距 {label} 仅 {max(gap_h, gap_v, 0):.0f} mm（应 ≥ {clear:g} mm）",
                                    f"{it.id} is {max(gap_h, gap_v, 0):.0f} mm from {label} (needs {clear:g} mm)"))
    ids = [w.id for w in items]
    if problems:
        return v.finding(rule_id, "fail", ("；" if v.lang != "en" else "; ").join(problems), items=ids)
    it = items[0]
    return v.finding(rule_id, "pass", v.t(f"{want[0]}（{it.id}）挂在{zh_wall}，距左端 {float(it.offset):g} mm，避开门窗和障碍物",
                                          f"the {want[1]} ({it.id}) hangs on the {en_wall}, {float(it.offset):g} mm from its "
                                          "left end, clear of doors, windows and obstacles"),
                     measured=round(float(it.offset), 1), required=None, items=ids)


def corridor_window(ctx) -> Finding:
    return _venue_wall_check(ctx, "venue.corridor_window", 0)


def office_column(ctx) -> Finding:
    return _venue_wall_check(ctx, "venue.office_column", 1)


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def desk_card_problems(pdf: Path | bytes, members: int) -> tuple[int, list[str], list[str]]:
    """(cards, problems zh, problems en) for a desk-card PDF (a file or its bytes): page count
    and the official texts on every page (white space ignored)."""
    import io

    from pypdf import PdfReader

    from ..content.texts import official_text

    size = len(pdf) if isinstance(pdf, (bytes, bytearray)) else pdf.stat().st_size
    if size > MAX_DESK_CARD_BYTES:
        return 0, [f"{DESK_CARD_FILE} 超过 {MAX_DESK_CARD_BYTES >> 20} MB，未读取"], \
            [f"{DESK_CARD_FILE} is larger than {MAX_DESK_CARD_BYTES >> 20} MB; not read"]
    try:
        reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, (bytes, bytearray)) else str(pdf))
        pages = list(reader.pages)
    except Exception as exc:   # a damaged file is a finding, not a crash
        return 0, [f"{DESK_CARD_FILE} 无法读取（{type(exc).__name__}）"], [f"{DESK_CARD_FILE} cannot be read ({type(exc).__name__})"]
    zh, en = [], []
    if len(pages) != members:
        zh.append(f"桌牌 {len(pages)} 张，党员 {members} 人")
        en.append(f"{len(pages)} desk cards for {members} members")
    texts = {k: [_squash(p) for p in official_text(k).paragraphs] for k in ("oath", "rights", "duties")}
    names = {"oath": ("入党誓词", "the oath"), "rights": ("党员的权利", "the rights"), "duties": ("党员的义务", "the duties")}
    for n, page in enumerate(pages[:max(members, 1) + 1], start=1):
        try:
            got = _squash(page.extract_text() or "")
        except Exception:
            got = ""
        lacking = [k for k, paras in texts.items() if not all(p in got for p in paras)]
        if lacking:
            zh.append(f"第 {n} 张缺少或改动了{'、'.join(names[k][0] for k in lacking)}的正式文本")
            en.append(f"card {n} lacks the exact official text of {', '.join(names[k][1] for k in lacking)}")
    return len(pages), zh, en


def desk_cards(ctx) -> Finding:
    R = "venue.desk_cards"
    v = _v(ctx)
    if not _class3(v.profile):
        return v.na(R, "仅适用于三类阵地（无活动室）", "applies to class-3 venues (no room) only")
    n = v.plan.spec.branch.members
    pdf = (v.files or {}).get(DESK_CARD_FILE)           # in the pack being built (pipeline)
    if pdf is None and v.base_dir is not None and (Path(v.base_dir) / DESK_CARD_FILE).is_file():
        pdf = Path(v.base_dir) / DESK_CARD_FILE         # beside a plan file (roomplanner check)
    if pdf is None:
        return v.finding(R, "fail", v.t(f"未能核验桌牌：方案文件夹中没有 {DESK_CARD_FILE}（由 roomplanner plan 生成）；"
                                        f"桌牌已摆放的，请在方案旁附上该文件，或现场逐一核查 {n} 名党员桌上的桌牌",
                                        f"the desk cards cannot be verified: no {DESK_CARD_FILE} beside the plan (roomplanner "
                                        f"plan writes it); put it beside the plan, or check the {n} members' desks on site"),
                         measured=0, required=n)
    count, zh, en = desk_card_problems(pdf, n)
    if zh:
        shown_zh, shown_en = zh[:6], en[:6]
        more = len(zh) - len(shown_zh)
        if more:
            shown_zh.append(f"另有 {more} 处")
            shown_en.append(f"{more} more")
        return v.finding(R, "fail", ("；" if v.lang != "en" else "; ").join(v.t(a, b) for a, b in zip(shown_zh, shown_en)),
                         measured=count, required=n)
    return v.finding(R, "pass", v.t(f"桌牌 {count} 张，每名党员一张，均印有入党誓词、党员的权利和义务的正式文本",
                                    f"{count} desk cards, one per member, each with the official oath, rights and duties"),
                     measured=count, required=n)


def on_site(ctx) -> Finding:
    R = "venue.on_site"
    v = _v(ctx)
    if _class3(v.profile):
        items = list(v.profile.not_checked)
    elif _class2(v.profile):
        items = ["001 §2(二)2：党报、党刊、书籍及多媒体资料放置整齐", "001 §2(二)4：资料收集整理较齐全，记录规范，内容详实",
                 "001 §2(二)5：宣传窗及时更新", "001 §2(二) 新型阵地 1–5：党建网站或栏目、党支部微信群、订阅号、共产党员网学习、考评管理专人负责"]
    else:
        return v.na(R, "仅适用于二类、三类阵地", "applies to class-2 and class-3 venues only")
    return v.finding(R, "review", v.t("方案无法体现以下要求，请现场核查：", "a plan cannot show these; verify on site: ")
                     + "；".join(items), measured=None, required=len(items), unit="items")


_CHECKS = {"venue.shared_walls": shared_walls, "venue.publicity_window": publicity_window,
           "venue.corridor_window": corridor_window, "venue.office_column": office_column,
           "venue.desk_cards": desk_cards, "venue.on_site": on_site}


# ---------------------------------------------------------------- class-3 plans

def _validate(plan: Plan, source: str, base_dir: Optional[Path]) -> None:
    """What the checker refuses to measure in a class-3 plan (the room checker's checks need a room)."""
    from ..errors import PlanFileError

    problems = []
    if plan.spec.venue_walls is None:
        problems.append("spec.venue_walls: 缺少 / missing")
    if plan.floor_items:
        problems.append(f"floor_items: 三类阵地没有活动室，不应有家具（现 {len(plan.floor_items)} 件）/ a class-3 venue has no "
                        "room and no furniture")
    for k, it in enumerate(plan.wall_items):
        if it.wall >= len(VENUE_WALLS):
            problems.append(f"wall_items[{k}].wall: {it.wall} 不存在（0 走廊，1 书记办公室）/ venue wall {it.wall} does not "
                            "exist (0 corridor, 1 secretary's office)")
        for name in ("offset", "bottom", "width", "height"):
            if abs(float(getattr(it, name))) > 200_000:
                problems.append(f"wall_items[{k}].{name}: beyond the 200 m limit")
    from .safety import photo_problems
    problems.extend(photo_problems(plan, base_dir))
    if problems:
        raise PlanFileError(problems, source)


def check_venue(plan: Plan, base_dir=None, source: str = "<plan>", today: Optional[_dt.date] = None,
                lang: Optional[str] = None, files=None) -> Report:
    """The report of a class-3 plan: the venue rules, the room rules that need no room, and
    not_applicable for every rule about a room. ``files``: the pack being built (relative
    path -> bytes), where the desk cards are read from before the plan's folder."""
    from .context import CHECKS, Ctx, _ref_date

    base = Path(base_dir) if base_dir is not None else None
    _validate(plan, source, base)
    profile = profile_for(plan.spec)
    ref = _ref_date(plan, today)
    lang = lang or plan.spec.options.lang
    ctx = Ctx(plan=plan, profile=profile, base_dir=base, ref_date=ref, lang=lang)
    v = _V(plan, profile, lang, base, files)
    findings = []
    for rid, r in C.RULES.items():
        if rid in _CHECKS:
            findings.append(_CHECKS[rid](v))
        elif rid in ROOMLESS_RULES:
            findings.append(CHECKS[rid](ctx))
        else:
            findings.append(v.na(rid, "三类阵地没有活动室，本条针对活动室，不适用（见〔6〕第二部分（三））",
                                 "a class-3 venue has no room; this rule is about a room (see [6] §2(3))"))
    return Report(plan=source, profile=profile.id, branch=plan.spec.branch.name, members=plan.spec.branch.members,
                  lang=lang, date=ref.isoformat(), findings=findings, notes=[])
