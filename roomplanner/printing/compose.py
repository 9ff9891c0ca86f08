"""Board composition (图板排版): a plan's wall item + its template → drawing operations.

Stages
------
1. :func:`resolve_content` decides *what* a board says, from data only (no fonts, no files):
   the title, the sections with their paragraphs and where each comes from — an official text
   (``boards/official``, verbatim), the branch's content (``spec.content``), the template, or a
   placeholder (待填写) — plus the board's :data:`status` and notes (flags for the report and
   the production list). :func:`board_content_status` exposes the status to the checker.
2. :func:`compose_board` lays the board out (``layouts.py``, one function per template
   ``layout``) into a :class:`BoardArt`: a list of drawing operations in millimetres with the
   origin at the top-left corner of the **trim**, y pointing down; backgrounds extend into
   the bleed (negative coordinates and beyond the trim size). Photos are loaded here.
3. Backends write a :class:`BoardArt`: :mod:`.pdf` (CMYK, live or outlined text) and
   :mod:`.svg` (outlined text, embedded images).

Typesetting: text blocks are set at the largest size of the type scale
(``boards/templates/_style.yaml``) that fits their box — :func:`set_flow` for headed sections
and paragraphs, :func:`fit_size` for any measure function. Too much text for the board even at
the smallest legible size raises :class:`~roomplanner.errors.TextOverflowError` naming the
board and the overflow in millimetres; a character the fonts lack raises
:class:`~roomplanner.errors.FontCoverageError` naming the board and the content entry.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal, Mapping, Optional, Sequence

from ..errors import ContentError, FontCoverageError, TextOverflowError
from ..model.plan import Plan, WallItem
from ..typeset import fonts
from ..typeset.text import break_lines
from .templates import CMYK, OfficialText, Palette, legibility, official_text, style, template

__all__ = [
    "Rect", "Line", "Poly", "Circle", "TextRun", "Picture", "Op", "BoardArt", "Note",
    "Para", "Section", "BoardContent", "Status",
    "resolve_content", "board_content_status", "board_notes", "text_source", "compose_board",
    "ComposeContext", "set_flow", "fit_size", "type_scale", "printable_items",
]

Status = Literal["ok", "placeholder", "unverified"]

#: What a board shows where the branch's own content is missing (clearly marked).
PLACEHOLDER = "待填写"
_IDEO_SPACE = "\u3000"


# --------------------------------------------------------------------------- drawing operations

@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: Optional[CMYK] = None
    stroke: Optional[CMYK] = None
    stroke_w: float = 0.0
    dash: Optional[tuple[float, ...]] = None
    radius: float = 0.0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    color: CMYK
    width: float
    dash: Optional[tuple[float, ...]] = None
    cap: Literal["butt", "round", "square"] = "butt"


@dataclass(frozen=True)
class Poly:
    points: tuple[tuple[float, float], ...]
    fill: Optional[CMYK] = None
    stroke: Optional[CMYK] = None
    stroke_w: float = 0.0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: Optional[CMYK] = None
    stroke: Optional[CMYK] = None
    stroke_w: float = 0.0


@dataclass(frozen=True)
class TextRun:
    """One line of text. ``(x, y)`` is the start of the baseline; ``size`` the em size (mm);
    ``tracking`` extra space after every character but the last (mm)."""

    text: str
    family: str
    size: float
    x: float
    y: float
    color: CMYK
    tracking: float = 0.0
    where: str = "text"

    @property
    def width(self) -> float:
        return (fonts.text_width(self.text, self.family, self.size, self.where)
                + self.tracking * max(0, len(self.text) - 1))

    def bbox(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the line's em boxes."""
        top = self.y - fonts.metrics(self.family).em_top * self.size
        return (self.x, top, self.x + self.width, top + self.size)


@dataclass(frozen=True)
class Picture:
    x: float
    y: float
    w: float
    h: float
    photo: Any  # images.PreparedPhoto


Op = Rect | Line | Poly | Circle | TextRun | Picture


@dataclass(frozen=True)
class Note:
    """A flag about a board for the report and the production list."""

    code: str  # e.g. honor.old_entry, photo.missing, committee.size, text.unverified
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class BoardArt:
    """A composed board: trim size, bleed and drawing operations (see the module docstring)."""

    item: WallItem
    title: str
    width: float  #: trim width (mm)
    height: float  #: trim height (mm)
    bleed: float
    ops: list = field(default_factory=list)
    status: Status = "ok"
    notes: list[Note] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.item.id

    def texts(self) -> list[TextRun]:
        return [op for op in self.ops if isinstance(op, TextRun)]


# --------------------------------------------------------------------------- content model

ParaStyle = Literal["prose", "item", "lead", "bullet", "placeholder", "plain"]
Origin = Literal["official", "user", "template", "placeholder"]


@dataclass(frozen=True)
class Para:
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
    full = plan.spec.branch.full_members if plan.spec.branch.full_members is not None else plan.spec.branch.members
    n = len(c.committee)
    if not n:
        return
    secretaries = [m for m in c.committee if m.role.strip() == "书记"]
    deputies = [m for m in c.committee if "副书记" in m.role]
    problem = None
    if full >= 7:
        if n > 7:
            problem = (f"委员会{n}人，超过7人上限", f"committee of {n}: more than the maximum of 7")
        elif n < 3:
            problem = (f"正式党员{full}名（7名以上），委员会应为3至5人，现{n}人",
                       f"{full} full members (7 or more): the committee should have 3–5 members, has {n}")
        elif n > 5:
            problem = (f"委员会{n}人，一般为3至5人（最多7人），需复核",
                       f"committee of {n}: normally 3–5 (at most 7); review")
    else:
        others = [m for m in c.committee if m not in secretaries and m not in deputies]
        if others or len(deputies) > 1:
            problem = (f"正式党员不足7名（{full}名），不设支部委员会，只设书记（可设副书记1名）",
                       f"fewer than 7 full members ({full}): no committee, a secretary (and at most one deputy) only")
    if len(secretaries) != 1:
        problem = problem or (f"委员会应有且只有1名书记（现{len(secretaries)}名）",
                              f"the committee needs exactly one 书记 (has {len(secretaries)})")
    if problem:
        bc.notes.append(Note("committee.size", problem[0] + "（004 附件1 §6）", problem[1] + " (004 附件1 §6)"))


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


def board_notes(plan: Plan, board_id: str) -> list[Note]:
    """The flags of one board (placeholders, unverified texts, honours older than two years,
    missing photos, committee size), without rendering it."""
    item = next((it for it in printable_items(plan) if it.id == board_id), None)
    if item is None:
        raise KeyError(f"{board_id!r} is not a board or sign of this plan")
    return resolve_content(plan, item).notes


# --------------------------------------------------------------------------- typesetting

@dataclass
class ComposeContext:
    """Everything the layouts need besides the board itself."""

    plan: Plan
    palette: Palette
    spec_dir: Optional[Path] = None
    bleed: float = 3.0
    style: dict = field(default_factory=style)
    photos: dict = field(default_factory=dict)  #: prepared photos by (path, frame w, frame h)
    photo_files: Optional[Mapping[str, bytes]] = None  #: photos in memory by path (else read from spec_dir)

    def photo(self, path: str, where: str, w: float, h: float):
        """A photo prepared for a w × h mm frame (cached: a photo used twice is read once)."""
        from .images import prepare_photo

        key = (path, round(w, 3), round(h, 3))
        if key not in self.photos:
            ph = self.style["photo"]
            self.photos[key] = prepare_photo(self.spec_dir, path, where, w, h, float(ph.get("dpi", 150)),
                                             int(ph.get("jpeg_quality", 90)), files=self.photo_files)
        return self.photos[key]

    @property
    def safe(self) -> float:
        return float(self.style["safe_margin_mm"])

    def scale(self, lo: float = 0.0, hi: float = float("inf")) -> list[float]:
        return type_scale(lo, hi, self.style)

    @property
    def body_min(self) -> float:
        return float(legibility().get("body_char_mm", 9))

    @property
    def small_min(self) -> float:
        return float(self.style.get("small_min_mm", 6))


def type_scale(lo: float = 0.0, hi: float = float("inf"), st: Optional[dict] = None) -> list[float]:
    """The type scale (mm) between ``lo`` and ``hi``, ascending."""
    st = st or style()
    sizes = sorted(float(s) for s in st["type_scale_mm"] if lo - 1e-9 <= float(s) <= hi + 1e-9)
    if not sizes:
        sizes = [lo] if lo > 0 else [float(min(st["type_scale_mm"]))]
    return sizes


def fit_size(sizes: Sequence[float], fits: Callable[[float], bool]) -> Optional[float]:
    """The largest size of ``sizes`` for which ``fits(size)`` holds (binary search: fitting
    is monotonic in the size), or ``None``. The result is always verified."""
    scale = sorted(sizes)
    lo, hi, best = 0, len(scale) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(scale[mid]):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    if best is None:
        return None
    # greedy line filling is not strictly monotonic: take a larger size if one happens to fit
    for k in range(len(scale) - 1, best, -1):
        if fits(scale[k]):
            return scale[k]
    return scale[best]


def overflow_error(where: str, what: str, need: float, have: float, size: float,
                   hint: str = "") -> TextOverflowError:
    over = need - have
    err = TextOverflowError(
        f"{where}: {what} does not fit even at the smallest size {size:g} mm "
        f"({fonts.mm_to_pt(size):.0f} pt): needs {need:.0f} mm, has {have:.0f} mm — "
        f"{over:.0f} mm too much; {hint or 'shorten the text or choose a larger board'}")
    err.where = where  # type: ignore[attr-defined]
    err.size = size  # type: ignore[attr-defined]
    err.overflow_mm = over  # type: ignore[attr-defined]
    return err


def justified_runs(line: str, family: str, size: float, x: float, y: float, width: float,
                   color: CMYK, justify: bool, min_fill: float, where: str,
                   align: str = "left") -> TextRun:
    """One line as a TextRun: justified to ``width`` (inter-character tracking) when asked and
    the line fills at least ``min_fill`` of it; otherwise aligned left, centre or right."""
    natural = fonts.text_width(line, family, size, where)
    tracking = 0.0
    if justify and len(line) > 1 and natural < width and natural >= min_fill * width:
        tracking = (width - natural) / (len(line) - 1)
        natural = width
    if align == "center":
        x += (width - natural) / 2
    elif align == "right":
        x += width - natural
    return TextRun(line, family, size, x, y, color, tracking, where)


@dataclass
class FlowBlock:
    """A block of a text flow: a heading, a paragraph, a placeholder or a custom block."""

    kind: Literal["heading", "para", "placeholder", "custom", "gap"]
    para: Optional[Para] = None
    text: str = ""
    scale: float = 1.0  # para: size relative to the flow's size
    measure: Optional[Callable[[float, float], float]] = None  # custom: (size, width) -> height
    draw: Optional[Callable[[float, float, float, float], list]] = None  # (size, x, y, width) -> ops
    first_in_section: bool = False


@dataclass
class FlowStyle:
    body_font: str = "serif"
    heading_font: str = "sans"
    line_spacing: float = 1.6
    paragraph_gap: float = 0.35
    section_gap: float = 0.9
    heading_ratio: float = 1.15
    indent_em: float = 2.0
    justify_min_fill: float = 0.8
    text: Optional[CMYK] = None
    heading: Optional[CMYK] = None
    accent: Optional[CMYK] = None
    rule: Optional[CMYK] = None
    placeholder: Optional[CMYK] = None
    placeholder_ground: Optional[CMYK] = None
    align: str = "justify"
    placeholder_max: float = 18.0  #: placeholders never grow beyond this size (mm)


def flow_style(ctx: ComposeContext, overrides: Optional[dict] = None) -> FlowStyle:
    b = dict(ctx.style["body"])
    b.update(overrides or {})
    p = ctx.palette
    return FlowStyle(body_font=b.get("font", "serif"), heading_font=b.get("heading_font", "sans"),
                     line_spacing=float(b.get("line_spacing", legibility().get("line_spacing", 1.6))),
                     paragraph_gap=float(b.get("paragraph_gap", 0.35)),
                     section_gap=float(b.get("section_gap", 0.9)),
                     heading_ratio=float(b.get("heading_ratio", 1.15)),
                     indent_em=float(b.get("indent_em", 2)),
                     justify_min_fill=float(b.get("justify_min_fill", 0.8)),
                     text=p["text"], heading=p["red"], accent=p["gold"], rule=p["gold"],
                     placeholder=p["grey"], placeholder_ground=p["white"],
                     placeholder_max=3 * float(legibility().get("body_char_mm", 9)))


def section_blocks(sections: Sequence[Section]) -> list[FlowBlock]:
    blocks: list[FlowBlock] = []
    for s in sections:
        first = True
        if s.heading:
            blocks.append(FlowBlock("heading", text=s.heading, first_in_section=True))
            first = False
        for p in s.paras:
            blocks.append(FlowBlock("placeholder" if p.style == "placeholder" else "para", para=p,
                                    first_in_section=first))
            first = False
    return blocks


class Flow:
    """Sets :class:`FlowBlock` s in a column at one size (measure, then draw)."""

    def __init__(self, blocks: list[FlowBlock], st: FlowStyle, where: str):
        self.blocks = blocks
        self.st = st
        self.where = where
        self._cache: dict[tuple[float, float, float], tuple[float, list]] = {}

    def _para_lines(self, p: Para, size: float, width: float) -> tuple[list[str], float]:
        st = self.st
        if p.style == "bullet":
            indent = size * 1.2
            return break_lines(p.text, st.body_font, size, width - indent, where=p.where), indent
        text = p.text
        if p.style in ("prose", "lead") and st.indent_em > 0:
            text = _IDEO_SPACE * int(round(st.indent_em)) + text
        return break_lines(text, st.body_font, size, width, where=p.where), 0.0

    def section_starts(self) -> int:
        """How many blocks after the first start a section (where extra space may go)."""
        return sum(1 for i, b in enumerate(self.blocks) if i and (b.kind == "heading" or b.first_in_section))

    def _placeholder_height(self, lines: list[str], ps: float, pad: float) -> float:
        """A placeholder is a marked area, at least a few lines tall, to show where text goes."""
        text_h = len(lines) * ps * self.st.line_spacing - (self.st.line_spacing - 1) * ps
        return max(text_h + 2 * pad, 4.0 * ps)

    def layout(self, size: float, width: float, extra_gap: float = 0.0) -> tuple[float, list]:
        """(height, placed) where placed is a list of (block, lines, indent, top, size);
        ``extra_gap`` (mm) is added before every section but the first."""
        key = (size, width, extra_gap)
        if key in self._cache:
            return self._cache[key]
        st = self.st
        y = 0.0
        placed = []
        for i, b in enumerate(self.blocks):
            if i:
                if b.kind == "heading" or b.first_in_section:
                    y += st.section_gap * size + extra_gap
                else:
                    y += st.paragraph_gap * size
            if b.kind == "heading":
                hs = size * st.heading_ratio
                lines = break_lines(b.text, st.heading_font, hs, width - hs * 1.1, where=self.where)
                h = len(lines) * hs + (len(lines) - 1) * 0.25 * hs
                placed.append((b, lines, hs * 1.1, y, hs))
                y += h + 0.55 * size  # room for the rule under the heading
            elif b.kind == "para":
                ps = size * b.scale
                lines, indent = self._para_lines(b.para, ps, width)
                placed.append((b, lines, indent, y, ps))
                y += len(lines) * ps + (len(lines) - 1) * ps * (st.line_spacing - 1)
            elif b.kind == "placeholder":
                ps = min(size, st.placeholder_max)
                pad = ps * 0.8
                lines = break_lines(b.para.text, "sans", ps, width - 2 * pad, where=b.para.where)
                placed.append((b, lines, pad, y, ps))
                y += self._placeholder_height(lines, ps, pad)
            elif b.kind == "custom":
                h = b.measure(size, width)
                placed.append((b, [], 0.0, y, size))
                y += h
            elif b.kind == "gap":
                y += size
        result = (y, placed)
        self._cache[key] = result
        return result

    def fit(self, sizes: Sequence[float], width: float, height: float) -> Optional[float]:
        return fit_size(sizes, lambda s: self.layout(s, width)[0] <= height + 1e-6)

    def draw(self, size: float, x: float, y0: float, width: float, extra_gap: float = 0.0) -> list:
        st = self.st
        ops: list = []
        _h, placed = self.layout(size, width, extra_gap)
        for b, lines, indent, top, s in placed:
            y = y0 + top
            if b.kind == "heading":
                em_top = fonts.metrics(st.heading_font).em_top
                # a red square marker, the heading, a gold rule under it
                m = s * 0.42
                ops.append(Rect(x, y + (s - m) / 2, m, m, fill=st.heading))
                for k, ln in enumerate(lines):
                    ops.append(TextRun(ln, st.heading_font, s, x + indent, y + k * 1.25 * s + em_top * s,
                                       st.heading, 0.0, self.where))
                yb = y + len(lines) * s + (len(lines) - 1) * 0.25 * s + 0.22 * size
                ops.append(Line(x, yb, x + width, yb, st.rule, max(0.5, size * 0.05)))
            elif b.kind == "placeholder":
                pad, ps = indent, s
                ppitch = ps * st.line_spacing
                h = self._placeholder_height(lines, ps, pad)
                text_h = len(lines) * ppitch - (st.line_spacing - 1) * ps
                ops.append(Rect(x, y, width, h, fill=st.placeholder_ground, stroke=st.placeholder,
                                stroke_w=max(0.5, ps * 0.06), dash=(ps * 0.5, ps * 0.3)))
                em_top = fonts.metrics("sans").em_top
                ty = y + (h - text_h) / 2
                for k, ln in enumerate(lines):
                    ops.append(justified_runs(ln, "sans", ps, x + pad, ty + k * ppitch + em_top * ps,
                                              width - 2 * pad, st.placeholder, False, 1.0, b.para.where,
                                              "center"))
            elif b.kind == "para":
                em_top = fonts.metrics(st.body_font).em_top
                if b.para.style == "bullet":
                    r = s * 0.17
                    ops.append(Circle(x + s * 0.45, y + s * 0.5, r, fill=st.heading))
                for k, ln in enumerate(lines):
                    last = k == len(lines) - 1
                    ops.append(justified_runs(ln, st.body_font, s, x + indent, y + k * s * st.line_spacing + em_top * s,
                                              width - indent, st.text, st.align == "justify" and not last,
                                              st.justify_min_fill, b.para.where,
                                              "center" if st.align == "center" else "left"))
            elif b.kind == "custom":
                ops.extend(b.draw(size, x, y, width))
        return ops


def set_flow(blocks: list[FlowBlock], st: FlowStyle, box: tuple[float, float, float, float],
             sizes: Sequence[float], where: str, valign: float = 0.4,
             what: str = "the text") -> tuple[list, float, float]:
    """Set ``blocks`` in ``box`` (x, y, w, h) at the largest size of ``sizes`` that fits;
    returns (ops, size, used height). ``valign`` places the block in the spare height
    (0 top, 0.5 centre). TextOverflowError when even the smallest size is too big."""
    x, y, w, h = box
    flow = Flow(blocks, st, where)
    size = flow.fit(sizes, w, h)
    if size is None:
        smallest = min(sizes)
        need = flow.layout(smallest, w)[0]
        raise overflow_error(where, what, need, h, smallest)
    used = flow.layout(size, w)[0]
    # spread part of the spare height over the gaps between sections (at most 1.5 em each)
    n = flow.section_starts()
    extra = min(0.6 * max(0.0, h - used) / n, 1.5 * size) if n else 0.0
    used = flow.layout(size, w, extra)[0]
    top = y + max(0.0, h - used) * valign
    return flow.draw(size, x, top, w, extra), size, used


# --------------------------------------------------------------------------- entry

def compose_board(plan: Plan, item: WallItem, ctx: ComposeContext) -> BoardArt:
    """Stage 2: lay out board ``item`` (a board or a sign) into a :class:`BoardArt`."""
    from . import layouts

    if item.kind not in ("board", "sign"):
        raise ValueError(f"{item.id}: only boards and signs are printed (the flag is purchased)")
    content = resolve_content(plan, item)
    art = BoardArt(item, content.title, float(item.width), float(item.height), ctx.bleed,
                   status=content.status, notes=list(content.notes))
    layout = getattr(layouts, f"layout_{content.layout}", None)
    if layout is None:
        raise ValueError(f"no layout function for {content.layout!r}")
    try:
        layout(art, content, ctx)
    except (FontCoverageError, TextOverflowError) as exc:
        raise _naming_board(exc, content.where) from None
    return art


def _naming_board(exc: Exception, board: str) -> Exception:
    """The same error with the board named first (``board <id> (<title>): …``)."""
    if str(exc).startswith(board):
        return exc
    new = type(exc)(f"{board}: {exc}")
    new.__dict__.update(exc.__dict__)
    if hasattr(exc, "where"):
        new.where = f"{board}: {exc.where}"  # type: ignore[attr-defined]
    return new
