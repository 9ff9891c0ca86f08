"""Shared test data for the printing tests: a spec with full content, synthetic photos and a
plan that carries one board of every role (the solver only hangs what a profile asks for)."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from roomplanner.model.plan import Plan, WallItem
from roomplanner.model.spec import load_spec
from roomplanner.solver import solve

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

MEMBERS = [
    {"name": "王建国", "role": "党支部书记", "bio": "1998年入党，公司副总经理，分管生产与安全，带领党员突击队完成重点项目攻关。", "photo": "photos/m0.jpg"},
    {"name": "李红梅", "role": "组织委员", "bio": "2006年入党，人力资源部经理，负责党员发展和组织关系管理。", "photo": "photos/m1.png"},
    {"name": "张伟", "role": "宣传委员", "bio": "2012年入党，技术中心工程师，获公司“技术能手”称号。", "photo": "photos/m2.jpg"},
    {"name": "欧阳晓东", "role": "党员", "bio": "2019年入党，一线班组长，连续三年安全生产零事故。", "photo": "photos/m3.jpg"},
    {"name": "陈静", "role": "党员", "bio": "2021年入党，财务部会计，志愿服务时长超过200小时。"},
]

CONTENT = {
    "plaque_text": "中国共产党星火科技有限公司支部委员会",
    "overview": "星火科技有限公司党支部成立于2015年，现有党员25名。支部坚持“党建引领、服务发展”，"
                "以“三会一课”为基本制度，推动党建工作与生产经营深度融合。",
    "committee": [{"name": "王建国", "role": "书记"}, {"name": "赵敏", "role": "副书记"},
                  {"name": "李红梅", "role": "组织委员"}, {"name": "张伟", "role": "宣传委员"},
                  {"name": "刘洋", "role": "纪检委员"}],
    "honors": [
        {"name": "星火科技有限公司党支部", "honour": "先进基层党组织", "year": 2025, "kind": "organisation"},
        {"name": "王建国", "honour": "优秀党务工作者", "year": 2025, "photo": "photos/m0.jpg"},
        {"name": "张伟", "honour": "优秀共产党员", "year": 2024, "photo": "photos/m2.jpg"},
        {"name": "欧阳晓东", "honour": "优秀共产党员", "year": 2021},
    ],
    "members": MEMBERS,
    "rules": ["党支部工作职责", "“三会一课”制度", "发展党员制度"],
    "activities": "1月：学习贯彻党的二十大精神专题党课。\n3月：“学雷锋”志愿服务活动。\n"
                  "5月：参观革命教育基地，重温入党誓词。\n7月：庆祝建党纪念日主题党日。",
    "activity_day": {"year": 2026, "rule": "first_friday"},
    "boards": {"rules": {"text": "【党支部工作职责】\n宣传和执行党的路线、方针、政策，团结组织职工群众完成本单位任务。\n"
                                 "【发展党员制度】\n坚持标准，保证质量，改善结构，慎重发展。"}},
}

EXTRA_ROLES = [
    # (id, role, title, width, height, kind, part)
    ("publicity", "publicity", "党务公开栏", 1200, 800, "board", None),
    ("supervision", "supervision", "群众监督岗", 1200, 800, "board", None),
    ("work_chart", "work_chart", "党支部工作挂图", 800, 1200, "board", None),
    ("development_flow", "development_flow", "中国共产党发展党员工作流程图", 800, 1200, "board", None),
    ("activity_calendar", "activity_calendar", "主题党日安排", 600, 900, "board", None),
    ("standards", "standards", "党支部“五个好”与党员“五带头”标准", 600, 900, "board", None),
    ("basic_tasks", "basic_tasks", "党的基层组织的基本任务", 600, 900, "board", None),
    ("cadre_conditions", "cadre_conditions", "党的各级领导干部必须具备的基本条件", 600, 900, "board", None),
    ("points_table", "points_table", "远程教育学用积分表", 600, 900, "board", None),
    ("rules_sanhuiyike", "rules", "“三会一课”制度", 600, 900, "board", None),
    ("rights", "rights_duties", "党员的权利", 800, 1200, "board", "rights"),
]


def make_photo(path: Path, seed: int = 0, size=(600, 800), mode: str = "RGB") -> Path:
    """A synthetic portrait: a coloured ground, a head and shoulders."""
    from PIL import Image, ImageDraw

    w, h = size
    hue = [(70, 110, 170), (150, 90, 80), (80, 140, 100), (120, 100, 150)][seed % 4]
    im = Image.new("RGB", (w, h), hue)
    d = ImageDraw.Draw(im)
    for k in range(h):
        shade = int(40 * k / h)
        d.line([(0, k), (w, k)], fill=tuple(max(0, c - shade) for c in hue))
    d.ellipse([w * 0.15, h * 0.62, w * 0.85, h * 1.25], fill=(40, 45, 60))
    d.ellipse([w * 0.32, h * 0.22, w * 0.68, h * 0.62], fill=(235, 200, 170))
    d.pieslice([w * 0.3, h * 0.17, w * 0.7, h * 0.5], 180, 360, fill=(30, 25, 25))
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".png":
        im.convert(mode if mode != "RGB" else "RGBA").save(path)
    else:
        im.save(path, quality=90)
    return path


def write_full_spec(folder: Path) -> Path:
    """The enterprise demo room with full content and photos, written into ``folder``."""
    data = yaml.safe_load((EXAMPLES / "enterprise-9x6.yaml").read_text(encoding="utf-8"))
    data["content"] = copy.deepcopy(CONTENT)
    data["date"] = "2026-11-22"
    for k, name in enumerate(["m0.jpg", "m1.png", "m2.jpg", "m3.jpg"]):
        make_photo(folder / "photos" / name, k)
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def with_all_roles(plan: Plan) -> Plan:
    """``plan`` plus one board of every role it lacks (hung side by side on wall 1)."""
    items = list(plan.wall_items)
    have = {it.id for it in items}
    x = 0.0
    for bid, role, title, w, h, kind, part in EXTRA_ROLES:
        if bid in have:
            continue
        items.append(WallItem(id=bid, kind=kind, role=role, title=title, wall=1, offset=x, bottom=900,
                              width=w, height=h, part=part, required=False, placement="side"))
        x += w + 100
    return plan.model_copy(update={"wall_items": items})


def full_plan(folder: Path) -> tuple[Plan, Path]:
    spec_path = write_full_spec(folder)
    return with_all_roles(solve(load_spec(spec_path))), folder
