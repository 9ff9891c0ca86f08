"""``roomplanner init``: a commented spec a branch secretary fills in (Chinese by default).

The template loads and plans as it is: the room is sized for the branch (the profile's area
rule and a seat per member), the door and a window sit on two walls. Every content field is
there, commented out, with the boards of the chosen branch type that print it; nothing a
branch did not say is filled in (the branch name is a marked 待填写 placeholder)."""

from __future__ import annotations

import math

from .i18n import norm_lang

#: What each board role prints from ``content`` (``boards.<id>.text`` means the board's own
#: text under ``content.boards``). Roles not listed print official texts or fixed templates.
ROLE_FIELDS: dict[str, tuple[str, ...]] = {
    "rules": ("rules", "boards.<id>.text"),
    "org_chart": ("committee",),
    "publicity": ("committee", "overview", "activities"),
    "honor": ("honors",),
    "member_style": ("members",),
    "supervision": ("members",),
    "party_fee": ("members",),
    "points_table": ("members",),
    "activity_calendar": ("activity_day",),
    "standards": ("boards.<id>.text",),
    "basic_tasks": ("boards.<id>.text",),
    "cadre_conditions": ("boards.<id>.text",),
    "branch_plaque": ("plaque_text",),
}


def room_size(branch_type: str, members: int) -> tuple[int, int]:
    """Width × depth (mm, multiples of 300) of a rectangle that holds the branch: the profile's
    area (with room to spare) and a seat with a share of the aisles for every member."""
    from .profiles import load_profile

    prof = load_profile(branch_type)
    need = prof.area.required_area(members) or 0.0
    area = max(need * 1.1, 24.0 + 1.6 * members, 40.0)            # m²
    depth = math.sqrt(area / 1.5) * 1000
    depth = max(5400, math.ceil(depth / 300) * 300)
    width = max(7800, math.ceil(area * 1e6 / depth / 300) * 300)
    return int(width), int(depth)


def _exit_area_limit() -> float:
    try:
        from .compliance.catalog import EXIT_AREA_LIMIT_M2
    except ImportError:                      # the checker is not part of this build
        return 120.0
    return float(EXIT_AREA_LIMIT_M2)


def rules_board_sections(title: str) -> list[str] | None:
    """The sections of a rules board (制度 board) the branch writes: the rule names in its
    title without an official text; None for a generic title (党建工作制度), whose rules
    the branch lists in ``content.rules``."""
    import re

    from .content.texts import template

    tpl = template("rules")
    if title in tpl.get("generic_titles", []):
        return None
    official = [k for k in tpl.get("official_rules", {})]
    names = [n for n in re.split(r"、", title) if n.strip()]
    return [n for n in names if not any(k in n for k in official)]


def fields_used(branch_type: str) -> tuple[dict[str, list[str]], dict[str, list[str] | None]]:
    """(content field → titles of the boards of this type that print it,
    board id → the sections its own text holds (None: any, as ``content.rules`` lists))."""
    from .profiles import load_profile, roles

    out: dict[str, list[str]] = {}
    sections: dict[str, list[str] | None] = {}
    for b in load_profile(branch_type).boards:
        title = b.title or roles()[b.role].get("title", b.role)
        fields = list(ROLE_FIELDS.get(b.role, ()))
        if b.role == "rules":
            secs = rules_board_sections(title)
            fields = ["rules", "boards.<id>.text"] if secs is None else (["boards.<id>.text"] if secs else [])
            if fields and "boards.<id>.text" in fields:
                sections[b.id] = secs
        elif "boards.<id>.text" in fields:
            sections[b.id] = []
        for f in fields:
            out.setdefault(f.replace("<id>", b.id), []).append(title)
    return out, sections


def spec_template(branch_type: str = "general", members: int = 20, lang: str | None = None) -> str:
    """The commented spec template (YAML text)."""
    from .profiles import load_profile

    en = norm_lang(lang) == "en"
    prof = load_profile(branch_type)
    W, D = room_size(branch_type, members)
    used, sections = fields_used(branch_type)

    def boards_of(key: str) -> str:
        titles = used.get(key)
        if not titles:
            return "" if not en else ""
        return ("  ← " + "、".join(titles)) if not en else ("  ← boards: " + ", ".join(titles))

    door_off, win_off = W - 1600, max(600, D // 2 - 900)
    L: list[str] = []
    a = L.append
    if en:
        a("# Party activity room spec (roomplanner). Change the values below to your room and branch,")
        a("# then run:  roomplanner plan THIS-FILE -o OUTPUT-FOLDER")
        a("# Lengths are millimetres. Lines starting with # are comments. Full reference: docs/spec.md")
        a("")
        a("branch:")
        a("  name: TO FILL IN - full name of the branch   # printed on the boards and the plaque")
        a(f"  type: {branch_type}          # {prof.name_en}; one of: general, enterprise, bureau, rural-committee,")
        a("                                # village, community, organ, university, school")
        a(f"  members: {members}              # party members (incl. probationary): seats and the area rule")
        a("  # full_members: 0             # full members (the committee rule and the organisation chart)")
    else:
        a("# 党员活动室房间规格（roomplanner）。请按本支部和房间的实际情况修改下面各项，然后运行：")
        a("#   roomplanner plan 本文件 -o 输出文件夹")
        a("# 长度单位一律为毫米。以 # 开头的是说明文字，不影响结果。完整说明见 docs/spec.md。")
        a("")
        a("branch:")
        a("  name: 待填写支部全称        # 印在图板和支部牌子上，例如“中国共产党××公司支部委员会”")
        a(f"  type: {prof.name}    # 支部类型，也可写简称：通用、企业、局属、农村、村、社区、机关、高校、学校")
        a(f"  members: {members}              # 党员人数（含预备党员），决定座位数和面积要求")
        a("  # full_members: 0             # 正式党员人数（用于支部委员会规模要求和党组织设置图板）")
    a("")
    a("room:")
    if en:
        a("  # the corners in order, [x, y] in mm; wall i runs from corner i to corner i+1")
    else:
        a("  # 沿房间一周依次列出墙角坐标 [x, y]（毫米）；第 i 面墙从第 i 个点到第 i+1 个点")
    a(f"  outline: [[0, 0], [{W}, 0], [{W}, {D}], [0, {D}]]")
    a("  height: 3000" + ("                  # ceiling height" if en else "                  # 层高"))
    a("  openings:" + ("                     # wall: the wall's number; offset: from the wall's start"
                       if en else "                     # 门窗：wall 是所在墙的编号，offset 从该墙起点量起"))
    door, window = ("door", "window") if en else ("门", "窗")
    a(f"    - {{kind: {door}, wall: 0, offset: {door_off}, width: 1000, height: 2100}}")
    a(f"    - {{kind: {window}, wall: 1, offset: {win_off}, width: 1800, sill: 900, height: 1500}}")
    if W * D / 1e6 > _exit_area_limit():        # a large room wants a second door (rule exits.doors)
        a(f"    - {{kind: {door}, wall: 2, offset: 600, width: 1000, height: 2100}}")
    if en:
        a("  # obstacles on a wall that boards and furniture avoid (air conditioner, sockets, radiator, column):")
    else:
        a("  # 墙上需要避让的东西（空调、插座面板、暖气片、柱子），例如：")
    a("  # obstacles:")
    label = "air conditioner" if en else "空调"
    a(f"  #   - {{wall: 3, offset: 200, width: 600, bottom: 2200, top: 2800, label: {label}}}")
    a("")
    if en:
        a("main_wall: auto                 # the wall for the flag: auto, or a wall number")
        a("options:")
        a("  flag_size: auto               # auto, or 1 to 5")
        a("  oath_position: profile        # profile (as the branch type says), below or beside the flag")
        a("  material: KT板                # indoor boards: KT板, PVC板, 铝塑板 or 亚克力")
        a("  # materials: {door_sign: 亚克力}  # one board's material (signs outside the door: 铝塑板)")
        a("  lang: en                      # language of drawings and reports: zh or en")
        a("# emblem: art/emblem.pdf        # the OFFICIAL party emblem artwork (SVG or PDF) from the")
        a("#                                 organisation or print shop; without it no emblem is printed")
    else:
        a("main_wall: 自动                 # 主墙面（挂党旗的墙）：自动，或墙的编号")
        a("options:")
        a("  flag_size: 自动               # 党旗规格：自动，或 1 到 5 号")
        a("  oath_position: 按支部类型      # 入党誓词的位置：按支部类型、党旗下方或党旗左侧")
        a("  material: KT板                # 室内图板的材料：KT板、雪弗板、铝塑板或亚克力")
        a("  # materials: {door_sign: 亚克力}  # 单块图板另用的材料（门外的门牌和支部牌默认铝塑板）")
        a("  lang: zh                      # 图纸和报告的语言：zh（中文）或 en（英文）")
        a("# emblem: 党徽/emblem.pdf        # 官方党徽图稿（SVG 或 PDF，向上级组织或印刷厂索取）；不写则不印党徽")
    a("")
    if en:
        a("# Board content: what the boards print about YOUR branch. A board whose content is missing")
        a("# prints a marked 待填写 placeholder and the check lists it. To use a line, delete its '# '")
        a("# (the hash and one space), and replace every example value with your branch's real details.")
        a("# Only the fields the boards of this branch type print are listed (all fields: docs/spec.md).")
    else:
        a("# 图板内容：图板上印的本支部情况。没有填写的内容，图板上会印出醒目的“待填写”，合规检查会列出来。")
        a("# 启用一行：删去行首的“# ”（井号和后面的一个空格）；示例值必须全部改成本支部的真实情况。")
        a("# 这里只列出本类型支部的图板要用的项目（全部项目见 docs/spec.md）。")
    a("content:")
    examples = _EXAMPLES_EN if en else _EXAMPLES_ZH
    for key, (about, lines) in examples.items():
        if key != "plaque_text" and key not in used:
            continue
        where = used.get(key) or []
        a(f"  # {about}" + (f". Printed on: {'; '.join(where)}" if en and where else
                            f"。用于：{'、'.join(where)}" if where else ""))
        for line in lines:
            a(f"  # {line}")
    texts = sorted(k for k in used if k.startswith("boards."))
    if texts:
        a("  # " + ("Each board's own text; a line 【name】 starts a section:" if en
                   else "各图板自己的正文；“【名称】”一行开始一节："))
        a("  # boards:")
        for k in texts:
            bid = k.split(".")[1]
            a(f"  #   {bid}:   # " + ("; ".join(used[k]) if en else "、".join(used[k])))
            a("  #     text: |")
            names = sections.get(bid)
            if names is None:
                names = ["name of a rule listed in rules" if en else "rules 里列出的制度名称"]
            for name in names:
                a(f"  #       【{name}】")
                a("  #       " + ("the text as your branch adopted it" if en else "本支部制定的正文"))
    a("")
    return "\n".join(L)


_EXAMPLES_ZH: dict[str, tuple[str, list[str]]] = {
    "plaque_text": ("支部牌子上的字；不写就用支部名称", ["plaque_text: 中国共产党××公司支部委员会"]),
    "overview": ("支部概况", ["overview: 本支部的基本情况（成立时间、党员人数、党小组等）"]),
    "committee": ("支部委员会成员", ["committee:", "  - {name: 姓名, role: 书记}", "  - {name: 姓名, role: 组织委员}"]),
    "honors": ("荣誉；党员个人荣誉请附照片（相对于本文件的路径）",
               ["honors:", "  - {name: 本支部, honour: 荣誉名称, year: 2025, kind: 集体}",
                "  - {name: 姓名, honour: 荣誉名称, year: 2025, kind: 党员, photo: photos/姓名.jpg}"]),
    "members": ("党员照片和简介", ["members:", "  - {name: 姓名, role: 书记, bio: 一句话简介, photo: photos/姓名.jpg}"]),
    "activities": ("活动开展情况", ["activities: 本支部开展活动的情况"]),
    "activity_day": ("主题党日：年份和规则（每月第一个星期五，或每月固定日加 day: 15）",
                     ["activity_day: {year: 2027, rule: 每月第一个星期五}"]),
    "rules": ("上墙的制度名称；“三会一课”制度按官方原文印，其他制度的正文写在下面的 boards 里",
              ["rules: [“三会一课”制度, 发展党员制度]"]),
}
_EXAMPLES_EN: dict[str, tuple[str, list[str]]] = {
    "plaque_text": ("the text of the branch plaque; default: the branch name", ["plaque_text: TEXT OF THE PLAQUE"]),
    "overview": ("the branch overview", ["overview: the branch in a few sentences (founded, members, groups)"]),
    "committee": ("the branch committee (role as printed, e.g. 书记 secretary, 组织委员 organisation member)",
                  ["committee:", "  - {name: NAME, role: 书记}", "  - {name: NAME, role: 组织委员}"]),
    "honors": ("honours; a member's honour wants a photo (path relative to this file)",
               ["honors:", "  - {name: THE BRANCH, honour: HONOUR, year: 2025, kind: organisation}",
                "  - {name: NAME, honour: HONOUR, year: 2025, kind: member, photo: photos/name.jpg}"]),
    "members": ("member portraits and short bios", ["members:", "  - {name: NAME, role: 书记, bio: ONE LINE, photo: photos/name.jpg}"]),
    "activities": ("what the branch does", ["activities: what the branch does, in a few sentences"]),
    "activity_day": ("theme party days: the year and the rule (first_friday, or fixed_day with day: 15)",
                     ["activity_day: {year: 2027, rule: first_friday}"]),
    "rules": ("the rules on the wall; 三会一课 prints the official text, the others take their text from boards below",
              ["rules: [“三会一课”制度, 发展党员制度]"]),
}
