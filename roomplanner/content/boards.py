"""What each board says (图板内容), decided from data only — no fonts, no files.

:func:`resolve_content` gives a board's title and sections with their paragraphs and where each
comes from: an official text (``boards/official``, verbatim), the branch's content
(``spec.content``), the template, or a placeholder (待填写) — plus the board's :data:`Status`
and :class:`Note` flags for the report and the production list. The printing stage typesets
this content; the checker reads :func:`board_content_status` (one source of truth for what
is a placeholder).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Literal, NamedTuple, Optional

from ..errors import ContentError
from ..model.plan import Plan, WallItem
from .texts import OfficialText, official_text, template

Status = Literal["ok", "placeholder", "unverified"]

#: What a board shows where the branch's own content is missing (clearly marked).
PLACEHOLDER = "待填写"


# The small immutable records are NamedTuples: a frozen dataclass costs a process about 2 ms
# to create (six generated methods compiled at import), a NamedTuple a quarter of that.

class Note(NamedTuple):
    """A flag about a board for the report and the production list."""

    code: str  # e.g. honor.old_entry, photo.missing, committee.size, text.unverified
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class Gap(NamedTuple):
    """Content a board lacks, in words a branch secretary understands, with the spec field
    that fills it (the report names each gap; the board prints 待填写 or a photo frame)."""

    field: str
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return (f"{self.en} ({self.field})" if lang == "en" else f"{self.zh}（{self.field.replace(', ', '、')}）")


_GAP_WORDS: dict[str, tuple[str, str]] = {
    "content.committee": ("未填写支部委员会成员（姓名和职务）", "the branch committee (names and roles) is not given"),
    "content.overview": ("未填写支部概况", "the branch overview is not given"),
    "content.activities": ("未填写活动开展情况", "the branch's activities are not given"),
    "content.honors": ("未填写荣誉（获得者、荣誉名称、年份，优秀党员附个人照片）",
                       "no honours listed (who, which honour, the year; a photo for each member)"),
    "content.activity_day": ("未填写主题党日安排（年份和规则）", "the theme party day (year and rule) is not given"),
}


# --------------------------------------------------------------------------- content model

ParaStyle = Literal["prose", "item", "lead", "bullet", "placeholder", "plain"]
Origin = Literal["official", "user", "template", "placeholder"]


class Para(NamedTuple):
    text: str
    style: ParaStyle = "prose"
    where: str = "text"


@dataclass
class Section:
    heading: Optional[str]
    paras: list[Para]
    origin: Origin
    official: Optional[OfficialText] = None
    key: str = ""  # template content key (committee, overview, activities …)
    side: str = ""  # publicity: the column (left / right)


@dataclass
class BoardContent:
    """What a board says (stage 1; see the module docstring)."""

    item: WallItem
    template: dict
    layout: str
    title: str
    source: str  #: the text source (official:<key>, user:<key>, template)
    sections: list[Section] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)  #: what is missing, for messages
    unverified: list[str] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)  #: what is missing, in words (report, summary)
    notes: list[Note] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    footnote: Optional[Para] = None

    @property
    def status(self) -> Status:
        if self.placeholders:
            return "placeholder"
        if self.unverified:
            return "unverified"
        return "ok"

    @property
    def where(self) -> str:
        return f"board {self.item.id} ({self.title})"


def printable_items(plan: Plan) -> list[WallItem]:
    """The wall items that are printed: boards and signs (the flag is bought, not printed)."""
    return [it for it in plan.wall_items if it.kind in ("board", "sign")]


def text_source(plan: Plan, item: WallItem) -> str:
    """The text source of a board: the profile's override for this board id, else the role's."""
    from ..profiles import load_profile, roles

    try:
        prof = load_profile(plan.profile)
        spec = next((b for b in prof.boards if b.id == item.id), None)
        if spec is not None and spec.text:
            return spec.text
    except (KeyError, ValueError):
        pass
    return str(roles().get(item.role, {}).get("text", "template"))


def _norm(s: str) -> str:
    """For matching rule names: NFKC, no quotes or spaces."""
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[\s“”‘’\"'《》]", "", s)


_ITEM_RE = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.、．)]|（\d+）)")


def _para_style(text: str) -> ParaStyle:
    if _ITEM_RE.match(text):
        return "item"
    if text.endswith("："):
        return "lead"
    return "prose"


def parse_user_text(text: str, where: str) -> list[tuple[Optional[str], list[Para]]]:
    """Split a branch's board text into sections: a line ``【标题】`` starts a section;
    blank lines are ignored; other lines are paragraphs."""
    sections: list[tuple[Optional[str], list[Para]]] = []
    heading: Optional[str] = None
    paras: list[Para] = []
    for k, raw in enumerate(text.replace("\r\n", "\n").split("\n")):
        line = raw.strip()
        if not line:
            continue
        m = re.fullmatch(r"【(.+)】", line)
        if m:
            if heading is not None or paras:
                sections.append((heading, paras))
            heading, paras = m.group(1).strip(), []
            continue
        paras.append(Para(line, _para_style(line), f"{where} line {k + 1}"))
    if heading is not None or paras:
        sections.append((heading, paras))
    return sections


def _official_section(key: str, heading: Optional[str], bullets: bool = False) -> Section:
    text = official_text(key)
    paras = [Para(p, "bullet" if bullets else _para_style(p), f"official text {key}")
             for p in text.paragraphs]
    return Section(heading, paras, "official", text)


def _placeholder(what: str, where: str) -> Para:
    """The marked placeholder a board prints where content is missing (Chinese only; the
    field to fill is named in the board's notes)."""
    return Para(f"（{PLACEHOLDER}：{what}）", "placeholder", where)


def resolve_content(plan: Plan, item: WallItem, today_year: Optional[int] = None) -> BoardContent:
    """Stage 1: what board ``item`` of ``plan`` says (no fonts, no files; fast)."""
    tpl = template(item.role)
    c = plan.spec.content
    user = c.boards.get(item.id)
    title = item.title
    if user is not None and user.title and item.kind == "board":
        title = user.title
    bc = BoardContent(item, tpl, tpl["layout"], title, text_source(plan, item))
    where = f"content.boards.{item.id}.text"
    user_text = (user.text if user is not None else "").strip()
    resolver = _RESOLVERS.get(bc.layout)
    if resolver is None:
        raise ValueError(f"boards/templates/{item.role}.yaml: unknown layout {bc.layout!r}")
    resolver(plan, bc, user_text, where, today_year)
    for s in bc.sections:
        if s.origin == "official" and s.official is not None and not s.official.verified:
            bc.unverified.append(f"official text {s.official.key}: paragraphs "
                                 f"{', '.join(str(i + 1) for i in s.official.unverified_paragraphs)} "
                                 "unverified")
            bc.notes.append(Note("text.unverified",
                                 f"“{s.official.name}”第{'、'.join(str(i + 1) for i in s.official.unverified_paragraphs)}段"
                                 "未经核对，须对照现行正式文本核对后印制",
                                 f"official text {s.official.key}: paragraph(s) "
                                 f"{', '.join(str(i + 1) for i in s.official.unverified_paragraphs)} are UNVERIFIED; "
                                 "check against the current official text before printing"))
        if s.origin == "placeholder":
            what = s.paras[0].text.strip("（）").split("：", 1)[-1] if s.paras else (s.heading or "")
            bc.placeholders.append(f"{what}（{s.key}）" if s.key else what)
            gap = _section_gap(bc, s)
            if gap not in bc.gaps:
                bc.gaps.append(gap)
    if tpl.get("verified") is False:
        against = tpl.get("check_against", "")
        bc.unverified.append(f"template {item.role} ({against})")
        bc.notes.append(Note("template.unverified", f"模板内容须对照{against}核对",
                             f"template content to be checked against {against}"))
    if bc.placeholders:
        bc.notes.insert(0, Note("content.placeholder",
                                f"内容待填写：{'、'.join(bc.placeholders)}",
                                f"content missing (prints 待填写): {', '.join(bc.placeholders)}"))
    return bc


def _section_gap(bc: BoardContent, s: Section) -> Gap:
    """The words for a placeholder section of board ``bc``."""
    key, bid = s.key, bc.item.id
    if key in _GAP_WORDS:
        return Gap(key, *_GAP_WORDS[key])
    if key == "content.members":
        if bc.layout == "table":
            return Gap(key, "未填写党员名单，表中无法列出姓名", "no member list for the names on the form")
        return Gap(key, "未填写党员照片及简介", "no members listed with a photo and a short bio")
    m = re.fullmatch(r"content\.boards\.(\S+)\.text 【(.+)】", key)
    if m:
        return Gap(f"content.boards.{m.group(1)}.text", f"未填写“{m.group(2)}”的条文",
                   f"the text of the rule '{m.group(2)}' is not given")
    if key.startswith("content.rules"):
        return Gap(f"content.rules, content.boards.{bid}.text", "未选定上墙的制度，也未填写制度条文",
                   "no rules chosen for the board and no rule texts given")
    if s.heading:
        return Gap(key or f"content.boards.{bid}.text", f"未填写“{s.heading}”的内容",
                   f"the text of the section '{s.heading}' is not given")
    return Gap(key or f"content.boards.{bid}.text", "未填写图板正文", "the board's text is not given")


# -- resolvers, one per layout ------------------------------------------------------------------

def _resolve_official(plan, bc: BoardContent, user_text, where, _year):
    """oath / nature / rights_duties: official texts only."""
    tpl, item = bc.template, bc.item
    if user_text:
        raise ContentError(f"{where}: board {item.id} ({bc.title}) carries official text verbatim; "
                           "its text cannot be replaced (remove content.boards."
                           f"{item.id}.text)")
    if "parts" in tpl:  # rights_duties
        part = item.part or "both"
        if part == "both":
            t = bc.title
            duties_first = ("义务" in t and "权利" in t and t.index("义务") < t.index("权利"))
            order = ["duties", "rights"] if duties_first else ["rights", "duties"]
        else:
            order = [part]
        specs = [s for p in order for s in tpl["parts"][p]]
    elif "texts" in tpl:  # nature: keyed by the text source
        src = bc.source
        if src not in tpl["texts"]:
            raise ValueError(f"boards/templates/{item.role}.yaml has no sections for text {src!r}")
        specs = tpl["texts"][src]
    else:
        specs = tpl["sections"]
    sections = [_official_section(s["official"], s.get("heading")) for s in specs]
    if len(sections) == 1:
        sections[0].heading = None  # the board's title says it
    bc.sections = sections


def _rule_names(plan, bc: BoardContent) -> list[str]:
    tpl = bc.template
    title = bc.item.title
    if title in tpl.get("generic_titles", []):
        return list(plan.spec.content.rules)
    return [p for p in re.split(r"、", title) if p.strip()]


def _resolve_sections(plan, bc: BoardContent, user_text, where, _year):
    """Boards of headed sections from templates, the branch's text and official texts."""
    tpl, item = bc.template, bc.item
    user_secs = parse_user_text(user_text, where) if user_text else []
    if item.role == "rules":
        official_rules = tpl.get("official_rules", {})
        bullets = set(tpl.get("bullets", ["sanhuiyike"]))
        names = _rule_names(plan, bc)
        sections: list[Section] = []
        for name in names:
            key = next((v for k, v in official_rules.items() if _norm(k) in _norm(name)), None)
            if key:
                sections.append(_official_section(key, name, bullets=key in bullets))
            else:
                sections.append(Section(name, [_placeholder(f"{name}正文", where)], "placeholder",
                                        key=f"content.boards.{item.id}.text 【{name}】"))
        if not names:
            sections.append(Section(None, [_placeholder("本支部上墙的制度", where)], "placeholder",
                                    key=f"content.rules + content.boards.{item.id}.text"))
        # the branch's text fills the rules without an official text
        open_idx = [i for i, s in enumerate(sections) if s.origin == "placeholder"]
        for heading, paras in user_secs:
            target = None
            if heading is not None:
                target = next((i for i in open_idx if sections[i].heading and
                               _norm(sections[i].heading) == _norm(heading)), None)
                if target is None and any(s.origin == "official" and s.heading and
                                          _norm(s.heading) == _norm(heading) for s in sections):
                    raise ContentError(f"{where}: 【{heading}】 has an official text on board {item.id}; "
                                       "it is printed verbatim and cannot be replaced")
            elif open_idx:
                target = open_idx[0]
            if target is not None:
                open_idx.remove(target)
                keep = sections[target].heading if sections[target].key != "content.rules" else heading
                sections[target] = Section(keep, paras, "user")
            else:
                sections.append(Section(heading, paras, "user"))
    else:  # standards, basic_tasks, cadre_conditions: template headings or the branch's text
        if user_secs:
            sections = [Section(h, p, "user") for h, p in user_secs]
        else:
            sections = []
            for spec in tpl.get("sections", []):
                h = spec.get("heading")
                sections.append(Section(h, [_placeholder(f"{h or bc.title}", where)],
                                        "placeholder", key=f"content.boards.{item.id}.text"))
    if len(sections) == 1 and sections[0].heading and _norm(sections[0].heading) in _norm(bc.title):
        sections[0].heading = None
    bc.sections = sections


def _committee_notes(plan, bc: BoardContent):
    """Committee size against membership (004 附件1 §6)."""
    c = plan.spec.content
    assumed = plan.spec.branch.full_members is None     # not given: counted as all members, and said so
    full = plan.spec.branch.members if assumed else plan.spec.branch.full_members
    n = len(c.committee)
    if not n:
        return
    who = (f"党员{full}名（未填写正式党员人数，按全部为正式党员估算）", f"{full} members (all counted as full members)") \
        if assumed else (f"正式党员{full}名", f"{full} full members")
    secretaries = [m for m in c.committee if m.role.strip() == "书记"]
    deputies = [m for m in c.committee if "副书记" in m.role]
    problem = None
    if full >= 7:
        if n > 7:
            problem = (f"委员会{n}人，超过7人上限", f"committee of {n}: more than the maximum of 7")
        elif n < 3:
            problem = (f"{who[0]}，7名以上，委员会应为3至5人，现{n}人",
                       f"{who[1]}, 7 or more: the committee should have 3–5 members, has {n}")
        elif n > 5:
            problem = (f"委员会{n}人，一般为3至5人（最多7人），需复核",
                       f"committee of {n}: normally 3–5 (at most 7); review")
    else:
        others = [m for m in c.committee if m not in secretaries and m not in deputies]
        if others or len(deputies) > 1:
            problem = (f"{who[0]}，不足7名，不设支部委员会，只设书记（可设副书记1名）",
                       f"{who[1]}, fewer than 7: no committee, a secretary (and at most one deputy) only")
    if len(secretaries) != 1:
        problem = problem or (f"委员会应有且只有1名书记（现{len(secretaries)}名）",
                              f"the committee needs exactly one 书记 (has {len(secretaries)})")
    if problem:
        zh, en = problem
        if assumed:
            zh += "（请在 branch.full_members 填写正式党员人数）"
            en += " (give branch.full_members)"
        bc.notes.append(Note("committee.size", zh + "（〔16〕第6条）", en + " ([16] §6)"))


def _resolve_org(plan, bc: BoardContent, user_text, where, _year):
    c = plan.spec.content
    if c.committee:
        bc.sections.append(Section(None, [], "user", key="committee"))
    else:
        bc.sections.append(Section(None, [_placeholder("支部委员会成员", "content.committee")],
                                   "placeholder", key="content.committee"))
    _committee_notes(plan, bc)
    if user_text:
        bc.footnote = Para(" ".join(p.text for _h, ps in parse_user_text(user_text, where) for p in ps),
                           "plain", where)


def _resolve_publicity(plan, bc: BoardContent, user_text, where, _year):
    c = plan.spec.content
    tpl = bc.template
    for side in ("left", "right"):
        for spec in tpl["parts"][side]:
            key, h = spec["content"], spec["heading"]
            if key == "committee":
                if c.committee:
                    s = Section(h, [], "user", key=key)
                else:
                    s = Section(h, [_placeholder("支部委员会成员", "content.committee")],
                                "placeholder", key="content.committee")
            else:
                value = getattr(c, key, None) or ""
                if not value.strip() and key == "activities" and user_text:
                    value, fwhere = user_text, where
                else:
                    fwhere = f"content.{key}"
                if value.strip():
                    paras = [Para(p.strip(), _para_style(p.strip()), f"{fwhere} line {k + 1}")
                             for k, p in enumerate(value.split("\n")) if p.strip()]
                    s = Section(h, paras, "user", key=key)
                else:
                    s = Section(h, [_placeholder(h, f"content.{key}")], "placeholder", key=f"content.{key}")
            s.side = side
            bc.sections.append(s)
    _committee_notes(plan, bc)


def _resolve_cards(plan, bc: BoardContent, user_text, where, year):
    c = plan.spec.content
    tpl = bc.template
    kind = tpl["cards"]
    entries = list(c.honors) if kind == "honors" else list(c.members)
    bc.extra["entries"] = entries
    if not entries:
        bc.sections.append(Section(None, [_placeholder(
            "荣誉（姓名、荣誉、年份、照片）" if kind == "honors" else "党员照片及简介", f"content.{kind}")],
            "placeholder", key=f"content.{kind}"))
    else:
        bc.sections.append(Section(None, [], "user", key=kind))
    missing = []
    for k, e in enumerate(entries):
        needs_photo = kind == "members" or getattr(e, "kind", "member") == "member"
        if needs_photo and not e.photo:
            missing.append((k, e.name))
    if missing:
        bc.placeholders.append("照片：" + "、".join(n for _k, n in missing)
                               + f"（content.{kind}[{', '.join(str(k) for k, _n in missing)}].photo）")
        bc.gaps.append(Gap(f"content.{kind}[{', '.join(str(k) for k, _n in missing)}].photo",
                           "缺少个人照片：" + "、".join(n for _k, n in missing),
                           f"{len(missing)} personal photo(s) missing"))
        bc.notes.append(Note("photo.missing",
                             "缺少个人照片（印出照片占位框）：" + "、".join(n for _k, n in missing),
                             "no photo (a marked photo frame is printed): "
                             + ", ".join(f"content.{kind}[{k}] {n}" for k, n in missing)))
    if kind == "honors":
        ref = year if year is not None else _plan_year(plan)
        limit = int(tpl.get("max_age_years", 2))
        old = [(k, h) for k, h in enumerate(entries) if ref - h.year > limit]
        if old:
            bc.notes.append(Note("honor.old_entry",
                                 f"荣誉超过{limit}年（光荣榜只列近两年荣誉，000 doc1 §4(一)6）："
                                 + "、".join(f"{h.name}（{h.year}年）" for _k, h in old),
                                 f"honours older than {limit} years (the board lists the last two years only, "
                                 "000 doc1 §4(一)6): "
                                 + ", ".join(f"content.honors[{k}] {h.name} ({h.year})" for k, h in old)))
            bc.extra["old"] = {k for k, _h in old}
    if user_text:
        bc.footnote = Para(" ".join(p.text for _h, ps in parse_user_text(user_text, where) for p in ps),
                           "plain", where)


def _resolve_table(plan, bc: BoardContent, user_text, where, _year):
    tpl = bc.template
    rows = [list(r) for r in tpl.get("rows", [])]
    if tpl.get("rows_from") == "members":
        names = [m.name for m in plan.spec.content.members]
        if names:
            rows += [[n] for n in names]
            bc.sections.append(Section(None, [], "user", key="members"))
        else:
            bc.sections.append(Section("姓名", [], "placeholder", key="content.members"))
    else:
        bc.sections.append(Section(None, [], "template", key="rows"))
    rows += [[] for _ in range(int(tpl.get("blank_rows", 0)))]
    bc.extra["rows"] = rows
    if user_text:
        bc.footnote = Para(" ".join(p.text for _h, ps in parse_user_text(user_text, where) for p in ps),
                           "plain", where)


def _resolve_flow(plan, bc: BoardContent, user_text, where, _year):
    bc.sections.append(Section(None, [], "template", key="stages"))
    if user_text:
        bc.footnote = Para(" ".join(p.text for _h, ps in parse_user_text(user_text, where) for p in ps),
                           "plain", where)


def _resolve_calendar(plan, bc: BoardContent, user_text, where, _year):
    from .calendar import activity_dates

    day = plan.spec.content.activity_day
    if day is None:
        bc.sections.append(Section(None, [_placeholder("主题党日安排（年份与规则）", "content.activity_day")],
                                   "placeholder", key="content.activity_day"))
    else:
        bc.extra["dates"] = activity_dates(day.year, day.rule, day.day)
        bc.extra["activity_day"] = day
        bc.sections.append(Section(None, [], "user", key="activity_day"))
    if user_text:
        bc.footnote = Para(" ".join(p.text for _h, ps in parse_user_text(user_text, where) for p in ps),
                           "plain", where)


def _resolve_sign(plan, bc: BoardContent, user_text, where, _year):
    c = plan.spec.content
    if bc.layout == "plaque":
        text = (c.plaque_text or "").strip() or bc.item.title
        bc.extra["text"] = text
        bc.extra["where"] = "content.plaque_text" if (c.plaque_text or "").strip() else "branch.name"
    else:
        bc.extra["text"] = bc.item.title
        bc.extra["where"] = "wall_items title"
    bc.sections.append(Section(None, [], "template", key="sign"))


_RESOLVERS: dict[str, Callable] = {
    "oath": _resolve_official,
    "sections": None,  # set below: official boards and rule boards share the layout
    "publicity": _resolve_publicity,
    "org_chart": _resolve_org,
    "cards": _resolve_cards,
    "table": _resolve_table,
    "flow": _resolve_flow,
    "calendar": _resolve_calendar,
    "door_sign": _resolve_sign,
    "plaque": _resolve_sign,
}


def _resolve_sections_or_official(plan, bc, user_text, where, year):
    tpl = bc.template
    if "parts" in tpl or "texts" in tpl or any("official" in s for s in tpl.get("sections", [])):
        return _resolve_official(plan, bc, user_text, where, year)
    return _resolve_sections(plan, bc, user_text, where, year)


_RESOLVERS["sections"] = _resolve_sections_or_official


def _plan_year(plan: Plan) -> int:
    import datetime as _dt

    if plan.spec.date:
        return int(plan.spec.date[:4])
    return _dt.date.today().year


def board_content_status(plan: Plan, board_id: str) -> Status:
    """``ok``, ``placeholder`` (content missing: the board prints 待填写 or an empty photo
    frame) or ``unverified`` (it carries a text official-texts.md marks UNVERIFIED, or a
    template to be checked against the regulation). For the compliance checker; reads
    no files. KeyError for an id that is not a printed board or sign of the plan."""
    item = next((it for it in printable_items(plan) if it.id == board_id), None)
    if item is None:
        raise KeyError(f"{board_id!r} is not a board or sign of this plan")
    return resolve_content(plan, item).status


def board_gaps(plan: Plan, board_id: str) -> list[Gap]:
    """What board ``board_id`` lacks (empty when it prints no placeholder), in words, each with
    its spec field. KeyError as for :func:`board_content_status`."""
    item = next((it for it in printable_items(plan) if it.id == board_id), None)
    if item is None:
        raise KeyError(f"{board_id!r} is not a board or sign of this plan")
    return list(resolve_content(plan, item).gaps)


def board_notes(plan: Plan, board_id: str) -> list[Note]:
    """The flags of one board (placeholders, unverified texts, honours older than two years,
    missing photos, committee size), without rendering it."""
    item = next((it for it in printable_items(plan) if it.id == board_id), None)
    if item is None:
        raise KeyError(f"{board_id!r} is not a board or sign of this plan")
    return resolve_content(plan, item).notes
