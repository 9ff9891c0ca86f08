"""English names of the boards and signs, for drawings in English (``lang="en"``).

Every board is labelled by its own name: the Chinese title it carries (from the profile's
board list or the spec) and, in English, the name of that title — not the name of its role
(four different rules boards are four different names, not four times "Rules"). A title made
of several names joined by 、 (one board holding several rules) is named part by part.

These are translations of *names* of boards, rules and signs, for orientation on an English
drawing; the boards themselves print only the official Chinese texts. A title with no entry
here (one a branch typed itself) is shown as the role's English name with the title itself.
"""

from __future__ import annotations

# the names of board titles and of the parts of joined titles
NAMES_EN: dict[str, str] = {
    # role default titles (boards/roles.yaml)
    "中国共产党党旗": "Flag of the Communist Party of China",
    "入党誓词": "Admission oath",
    "党的性质、指导思想、基本路线": "The Party's nature, guiding ideology and basic line",
    "党员的权利和义务": "Members' rights and duties",
    "宣传公开栏": "Publicity column",
    "党组织架构": "Party organisation chart",
    "党建工作制度": "Party-building work rules",
    "光荣榜": "Honour roll",
    "党员风貌栏": "Members' profiles",
    "群众监督岗": "Public supervision post",
    "党支部工作挂图": "Branch work chart",
    "发展党员工作流程图": "Membership development flow chart",
    "主题党日安排": "Themed Party day schedule",
    "党支部“五个好”与党员“五带头”标准": "Branch “five goods” and members' “five leads” standards",
    "党的基层组织的基本任务": "Basic tasks of primary Party organisations",
    "党的各级领导干部必须具备的基本条件": "Basic requirements for leading cadres",
    "远程教育学用积分表": "Distance education study points table",
    "党费收缴公示": "Party fee notice",
    "党员活动室": "Party members' activity room",
    "党支部牌子": "Branch plaque",
    # titles in the profiles (layouts/*.yaml)
    "中国共产党发展党员工作流程图": "CPC membership development flow chart",
    "党务公开宣传窗": "Party affairs publicity window",
    "党务公开栏": "Party affairs column",
    "党员义务与权利": "Members' duties and rights",
    "党员的义务": "Members' duties",
    "党员的权利": "Members' rights",
    "党员（电教）活动室": "Party members' (audio-visual) activity room",
    "党员电教室": "Party members' audio-visual room",
    "党建工作宣传窗": "Party-building publicity window",
    "党支部宣传栏": "Branch publicity column",
    "党组织结构": "Party organisation structure",
    "党组织设置": "Party organisation set-up",
    "党费收缴情况": "Party fee collection",
    "荣誉展示栏": "Honours display",
    "荣誉榜": "Honour roll",
    "远程教育终端站点": "Distance education terminal site",
    "党的宗旨": "The Party's purpose",
    "指导思想": "guiding ideology",
    # rules (制度) and duties (职责), alone or as parts of a joined title
    "“三会一课”制度": "“Three meetings and one lesson” rules",
    "党支部委员组织生活会制度": "Branch committee organisational life meeting rules",
    "党员教育培训制度": "Member education and training rules",
    "党员学习制度": "Member study rules",
    "党员教育管理制度": "Member education and management rules",
    "党员活动制度": "Member activity rules",
    "党员电化教育制度": "Audio-visual education rules",
    "党员目标管理制度": "Member target management rules",
    "党支部书记工作职责": "Branch secretary's duties",
    "党支部工作职责": "Branch duties",
    "党支部书记职责": "Branch secretary's duties",
    "党支部换届选举制度": "Branch election rules",
    "党组织工作职责": "Party organisation duties",
    "党费收缴使用管理制度": "Party fee collection, use and management rules",
    "党风廉政建设制度": "Party conduct and integrity rules",
    "党费收缴管理制度": "Party fee collection and management rules",
    "党组织关系管理制度": "Party membership transfer rules",
    "党工团联席会议制度": "Party, union and youth league joint meeting rules",
    "发展党员制度": "Membership development rules",
    "民主评议党员制度": "Democratic evaluation of members rules",
    "民主生活会制度": "Democratic life meeting rules",
    "组织生活会制度": "Organisational life meeting rules",
}


def name_en(title: str) -> str | None:
    """The English name of a board title, or None if it (or one of its 、-joined parts) has none."""
    t = title.strip()
    if t in NAMES_EN:
        return NAMES_EN[t]
    parts = [p.strip() for p in t.split("、")]
    if len(parts) > 1 and all(p in NAMES_EN for p in parts):
        return "; ".join(NAMES_EN[p] for p in parts)
    return None
