"""Checks of the boards, the door sign, the committee, the content and the exits."""

from __future__ import annotations

import unicodedata
from typing import Optional


from ..model.plan import WallItem
from ..profiles import role_title_en, roles
from . import catalog as C
from .findings import Finding
from .safety import photo_status
from .context import Ctx, rule

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
    full = b.members if b.full_members is None else b.full_members
    # who is counted, in words: a full-member count only when the spec gives one; otherwise all
    # members are counted and the message says it assumed so (never a default stated as a fact)
    if b.full_members is None:
        who = ctx.t(f"党员 {full} 人（未填写正式党员人数 branch.full_members，按全部为正式党员估算，请核实）",
                    f"{full} members (branch.full_members not given: all counted as full members; please check)")
    else:
        who = ctx.t(f"正式党员 {full} 人", f"{full} full members")
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
            problems.append(ctx.t(f"{who}，委员会应由 3 至 5 人组成、一般不超过 7 人（现 {n} 人）",
                                  f"{who}: a committee of 3 to 5, at most 7 (found {n})"))
        if problems:
            return ctx.finding(R, "fail", ("；" if ctx.lang != "en" else "; ").join(problems), measured=n, required=req)
        if n > 5:
            return ctx.finding(R, "review", ctx.t(f"委员会 {n} 人，超过通常的 3 至 5 人（一般不超过 7 人），请核实工作需要",
                                                  f"a committee of {n}, more than the usual 3 to 5 (at most 7): check the reason"),
                               measured=n, required=req)
        return ctx.finding(R, "pass", ctx.t(f"{who}，委员会 {n} 人，设书记", f"{who}, a committee of {n} with a secretary"),
                           measured=n, required=req)
    req = "1 书记 (+1 副书记)" if ctx.lang != "en" else "1 secretary (+1 deputy)"
    others = n - secs - deps
    if secs != 1 or deps > 1 or others > 0:
        return ctx.finding(R, "fail", ctx.t(f"{who}，不足 7 人，不设委员会，只设 1 名书记、必要时 1 名副书记（现：{'、'.join(m.role for m in com)}）",
                                            f"{who}, fewer than 7: no committee, one secretary and at most one deputy (found: {', '.join(m.role for m in com)})"),
                           measured=n, required=req)
    return ctx.finding(R, "pass", ctx.t(f"{who}，设书记" + ("、副书记" if deps else ""), f"{who}: a secretary" + (" and a deputy" if deps else "")),
                       measured=n, required=req)


def _board_name(ctx: Ctx, item, title: str, dup: bool) -> str:
    """A board as its reader knows it: its Chinese title (English: its kind and id)."""
    if ctx.lang == "en":
        return f"{role_title_en(item.role)} board ({item.id})"
    return f"{title}（{item.id}）" if dup else title


def _content_gaps(ctx: Ctx):
    """``{item id: (item, title, gaps, status)}`` for every printed board and sign
    (:attr:`Ctx.board_contents`), and the ids that match a required board of the profile."""
    out = ctx.board_contents
    req = [b for b in ctx.profile.boards if b.required]
    matched = ctx.match_boards(req, [w for w, *_ in out.values()])
    required_ids = {it.id for it in matched.values() if it is not None}
    return out, required_ids


def _gaps_message(ctx: Ctx, rows) -> str:
    titles = [t for _w, t, _g in rows]
    parts = []
    for k, (w, title, gaps) in enumerate(rows, start=1):
        name = _board_name(ctx, w, title, titles.count(title) > 1)
        what = ("；" if ctx.lang != "en" else "; ").join(g.text(ctx.lang) for g in gaps)
        parts.append(f"({k}) {name}: {what}" if ctx.lang == "en" else f"（{k}）{name}——{what}")
    return " ".join(parts)


def _placeholder_rule(ctx: Ctx, R: str, required: bool) -> Finding:
    boards, required_ids = _content_gaps(ctx)
    mine = [(w, t, g) for i, (w, t, g, _st) in boards.items() if (i in required_ids) == required]
    if not mine:
        if required:
            return ctx.na(R, "方案中没有必备图板", "the plan has no required boards")
        return ctx.na(R, "方案中没有可选图板", "the plan has no optional boards")
    empty = [(w, t, g) for w, t, g in mine if g]
    n = len(mine)
    if empty:
        if required:
            lead = ctx.t(f"{len(empty)} 块必备图板将印出“待填写”，须补齐内容：",
                         f"{len(empty)} required board(s) would print a placeholder; fill in: ")
        else:
            lead = ctx.t(f"{len(empty)} 块可选图板将印出“待填写”（填写内容，或不制作该图板）：",
                         f"{len(empty)} optional board(s) would print a placeholder (fill in, or leave the board out): ")
        return ctx.finding(R, "fail", lead + _gaps_message(ctx, empty), measured=n - len(empty), required=n,
                           items=[w.id for w, _t, _g in empty])
    return ctx.finding(R, "pass", ctx.t(f"{n} 块{'必备' if required else '可选'}图板和标牌内容齐全",
                                        f"all {n} {'required' if required else 'optional'} boards and signs have "
                                        "their content"),
                       measured=n, required=n)


@rule("content.placeholder")
def content_placeholder(ctx: Ctx) -> Finding:
    """A required board that would print 待填写 (or an empty photo frame) fails: the plan is not
    compliant while it remains."""
    return _placeholder_rule(ctx, "content.placeholder", True)


@rule("content.optional_placeholder")
def content_optional_placeholder(ctx: Ctx) -> Finding:
    """An optional board (not required by the profile) that would print 待填写 fails this
    recommended rule: fill it in or leave it out."""
    return _placeholder_rule(ctx, "content.optional_placeholder", False)


@rule("content.unverified")
def content_unverified(ctx: Ctx) -> Finding:
    """A text official-texts.md marks UNVERIFIED, or a template to be checked against its
    regulation, must be checked before printing."""
    R = "content.unverified"
    boards, _req = _content_gaps(ctx)
    if not boards:
        return ctx.na(R, "方案中没有图板", "the plan has no boards")
    unverified = [(w, t) for w, t, _g, st in boards.values() if st == "unverified"]
    n = len(boards)
    if unverified:
        titles = [t for _w, t in unverified]
        names = [_board_name(ctx, w, t, titles.count(t) > 1) for w, t in unverified]
        return ctx.finding(R, "review", ctx.t("以下图板的文字须对照现行正式文本核对后再印制：" + "、".join(names),
                                              "check these boards' texts against the current official text before "
                                              "printing: " + ", ".join(names)),
                           measured=n - len(unverified), required=n, items=[w.id for w, _t in unverified])
    return ctx.finding(R, "pass", ctx.t(f"{n} 块图板和标牌的文字无须另行核对", f"no text of the {n} boards and signs "
                                        "needs checking"), measured=n, required=n)


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
