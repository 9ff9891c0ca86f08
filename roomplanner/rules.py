"""The rule registry (规则登记): every rule's id, severity, source and title, defined once.

The solver names these ids when it places an item or explains an infeasible room
(``solver.rules`` reads the sources from here), the checker reports one finding per rule it
measures (``compliance.catalog`` adds each rule's method and applicability) and
``docs/rules.md`` is generated from both. A new rule is one entry here (plus, for the
checker, its method in ``compliance.catalog`` and its check).

Sources are cited as ``SEED doc§clause`` with the quoted words where they help
(``000 doc1 §4(二)1 (入党誓词在党旗的下方)``); every document id a source names is resolved to its
title, issuing body and date by ``roomplanner.documents`` (a test checks that each source resolves).
Words in parentheses are the document's own (Chinese) or the project's remark (English); ergonomic
rules cite ``ergonomics`` (the tool's own design parameters) or a general building standard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["required", "recommended"]


@dataclass(frozen=True)
class RuleDef:
    id: str
    severity: Severity
    source: str
    title_zh: str
    title_en: str
    checked: bool = True
    """The checker reports this rule; otherwise only the solver applies it (placement rules
    whose outcome the checker measures through other rules)."""


def _r(id: str, severity: Severity, source: str, title_zh: str, title_en: str, checked: bool = True) -> RuleDef:
    return RuleDef(id, severity, source, title_zh, title_en, checked)


_ALL = [
    # ---------------------------------------------------------------- area
    _r("area.minimum", "required", "000 doc2 §3(一); 000 doc4 §3(一); 000 doc3 §2.1 (a finding cites its profile's area clause)",
       "活动室面积不小于规定的最小面积", "Room area meets the minimum for the member count"),
    _r("area.per_member", "required", "002 附1 §3.3; 002 附3 §3.3 (a finding cites its profile's area clause)",
       "活动室面积满足人均面积要求", "Room area meets the area per member"),
    # ---------------------------------------------------------------- main wall
    _r("main_wall.choice", "required",
       "000 doc1 §4(二)1 (党员活动室应设主墙面); auto choice: no door, longest clear span, facing the "
       "entrance, fewest windows",
       "选定主墙面", "A main wall is chosen", checked=False),
    _r("flag.on_main_wall", "required", "000 doc1 §4(二)1; 000 doc2 §3(二); 000 doc4 §3(二)",
       "党旗悬挂在主墙面", "The party flag hangs on the main wall"),
    _r("flag.centred", "required", "000 doc2 §3(二); 000 doc4 §3(二) (正面墙中央悬挂党旗)",
       "党旗居主墙面中央", "The flag is centred on the main wall"),
    _r("flag.standard_size", "required",
       "1996 党旗党徽制作和使用的若干规定 Art. 3; 2021 中国共产党党徽党旗条例 (five standard sizes; others need approval)",
       "党旗为五种标准尺寸之一", "The flag has one of the five standard sizes"),
    _r("oath.below_flag", "required", "000 doc1 §4(二)1 (入党誓词在党旗的下方)",
       "入党誓词位于党旗下方", "The oath hangs below the flag"),
    _r("oath.beside_flag", "required", "000 doc2 §3(二); 000 doc4 §3(二) (左右两边分别配入党誓词和党的性质文字图板)",
       "入党誓词位于党旗左侧", "The oath hangs beside the flag (on its left)"),
    _r("charters.flank_flag", "required",
       "000 doc1 §4(二)1 (在党旗和誓词的左右相邻位置); 000 doc2 §3(二); 000 doc4 §3(二)",
       "党的性质等图板在党旗左右相邻位置", "Charter boards flank the flag"),
    _r("boards.required_present", "required", "000 doc1 §4(一), §4(二); 000 doc2 §3(二); 000 doc3 §2.3; 000 doc4 §3(二); 000 doc5 §3.1; "
       "001 §2(一)3; 002 附1 §3.3; 002 附2 §2; 002 附3 §3.3; 002 附4 §3.2; 004 附件1 §21; 004 附件2 §21 "
       "(a finding cites the clauses of its profile's required boards)",
       "规定的图板齐全", "Every required board is present"),
    # ---------------------------------------------------------------- side walls
    _r("side_walls.boards", "recommended", "000 doc1 §4(二)2 (活动室面积允许的，可设侧墙面)",
       "侧墙面图板", "Side-wall boards where the area allows", checked=False),
    _r("honor.on_side_wall", "recommended", "000 doc1 §4(二)2 (侧墙面悬挂光荣榜等内容)",
       "光荣榜设在侧墙面", "The honor board hangs on a side wall"),
    _r("honor.recent", "required", "000 doc1 §4(一)6 (近两年获得先进基层党组织、优秀党员的荣誉)",
       "光荣榜只列近两年的荣誉", "The honor board lists honours of the last two years"),
    _r("honor.photos", "recommended", "000 doc1 §4(一)6 (要有文字及照片，优秀党员要有个人照片)",
       "优秀党员荣誉配有个人照片", "Member honours have a personal photo"),
    # ---------------------------------------------------------------- furniture and floor
    _r("seats.for_members", "required", "001 §2(一)1 (有与党员人数相匹配的桌椅) (a finding adds its profile's seating clause)",
       "座位数不少于党员人数", "A seat for every member"),
    _r("items.no_overlap", "required", "000 doc1 §2(一) (布置要整齐，摆设要规范)",
       "物品互不重叠、不遮挡图板", "Items neither overlap nor hide boards"),
    _r("items.within_wall", "required", "ergonomics (geometry: an item cannot hang beyond its wall)",
       "图板位于所在墙面之内", "Wall items lie within their wall"),
    _r("items.clear_of_openings", "required", "ergonomics: options.opening_clearance (default 100 mm)",
       "物品避开门窗及障碍物", "Items keep clear of doors, windows and obstacles"),
    _r("items.height", "recommended",
       "ergonomics: options.min_board_bottom (800 mm), options.ceiling_margin (200 mm)",
       "图板悬挂高度合适", "Boards hang at a suitable height"),
    _r("boards.legible", "recommended", "ergonomics: body text ≥ legibility.body_char_mm (boards/sizes.yaml)",
       "图板文字清晰可读", "Board text is legible", checked=False),
    _r("furniture.inside_room", "required", "ergonomics (geometry)",
       "家具设备位于房间之内", "Furniture stands inside the room"),
    _r("furniture.required", "required", "000 doc1 §3(一)3, §3(一)4; 000 doc2 §3(三)2, §3(三)3; 000 doc3 §2.2; 000 doc4 §3(三)2; 000 doc5 §3.1; "
       "001 §2(一)1, §2(一)2; 002 附1 §3.3; 002 附2 §2.6; 002 附3 §3.3; 002 附4 §3.2; 004 附件2 §21 "
       "(a finding cites the clauses of its profile's required furniture)",
       "配齐规定的家具设备", "The required furniture and equipment are present"),
    _r("furniture.not_before_boards", "required",
       "000 doc1 §2(一) (布置要整齐，摆设要规范): furniture taller than a board's lower edge never stands in front of it",
       "家具不遮挡图板", "Furniture does not stand in front of boards", checked=False),
    _r("passage.width", "required", "ergonomics: options.passage_width (900 mm); GB 50016-2014 §5.5.15 (0.9 m doors)",
       "从入口到每个座位的通道宽度足够", "A wide enough passage from the entrance to every seat"),
    _r("passage.behind_chair", "required", "ergonomics: options.behind_chair behind every chair",
       "椅后留有通行空间", "Room to pass behind every chair", checked=False),
    _r("door.swing_clear", "required", "ergonomics: the door swing stays clear of furniture",
       "门扇开启范围无家具", "The door swing stays clear", checked=False),
    _r("screen.visible", "recommended", "ergonomics: the screen faces the seats",
       "屏幕朝向座位", "The screen faces the seats", checked=False),
    # ---------------------------------------------------------------- door
    _r("door_sign.present", "required",
       "000 doc1 §3(一)1; 000 doc2 §3(三)1; 000 doc4 §3(三)1 (挂在活动室门上角); 000 doc3 §2.3; 002 附1 §3.3",
       "门口设有活动室标志牌", "A room sign at the entrance door"),
    _r("plaque.beside_door", "required", "000 doc2 §3(三)1; 000 doc4 §3(三)1 (字体为红色，挂在门口)",
       "支部标牌挂在门口", "The branch plaque hangs at the door", checked=False),
    # ---------------------------------------------------------------- organisation and content
    _r("committee.size", "required", "004 附件1 §6; 004 附件2 §6",
       "支部委员会人数符合规定", "The branch committee has the prescribed size"),
    _r("content.placeholder", "required", "000 doc1 §2(一) (内容要全面) (the required boards of the profile)",
       "必备图板内容已填写（不印“待填写”）", "Required boards have their content (no placeholder printed)"),
    _r("content.optional_placeholder", "recommended", "000 doc1 §2(一) (内容要全面) (an optional board may be left out)",
       "可选图板内容已填写", "Optional boards have their content"),
    _r("content.unverified", "recommended", "000 doc1 §2(一) (要充分体现思想性和政治性) (official texts printed verbatim)",
       "图板文字已对照正式文本核对", "Board texts are checked against the official text"),
    _r("exits.doors", "recommended", "GB 50016-2014 §5.5.15",
       "出入口数量和宽度", "Number and width of doors"),
    # ---------------------------------------------------------------- venues without a room (issue 13)
    _r("venue.shared_walls", "required", "001 §2(二)3 (有党旗、入党誓词、党员权利和义务上墙)",
       "共用活动室：党旗、入党誓词、党员权利和义务上墙", "Shared room: flag, oath and rights and duties on the wall"),
    _r("venue.publicity_window", "required", "001 §2(二)5 (有专门公开党务、党建工作的宣传窗，并能及时更新)",
       "共用活动室：有公开党务、党建工作的宣传窗", "Shared room: a publicity window for party affairs"),
    _r("venue.corridor_window", "required", "001 §2(三)1 (要求在单位走廊制作有关党建方面工作宣传窗)",
       "走廊设党建工作宣传窗", "A publicity window on the corridor wall"),
    _r("venue.office_column", "required", "001 §2(三)1 (在书记的办公室墙上制作党务公开栏)",
       "书记办公室墙上设党务公开栏", "A party-affairs column on the secretary's office wall"),
    _r("venue.desk_cards", "required", "001 §2(三)1 (党员办公桌上摆放印有入党誓词、党员权利和义务的桌牌)",
       "每名党员桌上有印入党誓词、党员权利和义务的桌牌",
       "A desk card with the oath, rights and duties for every member"),
    _r("venue.on_site", "recommended",
       "001 §2(二)2, §2(二)4, §2(二)5, §2(三)2 (and the new-type venue items of sections 2(2)–2(3))",
       "须现场核查的阵地事项", "Venue requirements to verify on site"),
]

RULES: dict[str, RuleDef] = {r.id: r for r in _ALL}
"""Every rule, by id (report order for the checked ones)."""

SOLVER_ONLY: frozenset[str] = frozenset(r.id for r in _ALL if not r.checked)
"""Rules the solver applies and the checker does not report."""


def source(rule_id: str) -> str:
    """The clause a rule rests on (KeyError for an unknown id)."""
    return RULES[rule_id].source


def sources() -> dict[str, str]:
    """``{rule id: source}`` for every rule."""
    return {r.id: r.source for r in _ALL}


__all__ = ["RuleDef", "RULES", "SOLVER_ONLY", "Severity", "source", "sources"]
