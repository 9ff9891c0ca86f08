"""The plan (方案): a spec plus everything the solver decided. Written as ``plan.json``.

Wall items hang on a wall: they span ``[offset, offset + width]`` along wall ``wall``
(millimetres from ``outline[wall]``) and ``[bottom, bottom + height]`` above the floor,
on the ``inside`` or ``outside`` face. Floor items stand on the floor: ``footprint`` is a
polygon in plan coordinates (the outline's coordinates).

The plan is pure data; the checker (``roomplanner.compliance``) recomputes every verdict
# No ``from __future__ import annotations`` here: pydantic would then evaluate every field's
# annotation from its string when the class is made (about 10 ms of every cold start for the
# model modules together; benchmarks/bench_startup.py).
from the coordinates and never trusts a field the solver wrote.
"""

import json
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import ConfigDict, Field, ValidationError

from ..errors import PlanFileError
from ..i18n import Problem, Text, render_problems
from .base import LazyModel
from .fields import BoardPart, optional, string, whole
from .spec import Spec, Num, PosNum, NonNegNum
from .safeload import kind_of, parse_document, read_document
from .validation import validation_problems

SCHEMA_VERSION = "1.0"
MAX_PLAN_BYTES = 8 << 20     # 8 MiB
MAX_ITEMS = 2000

WALL_ROLES = ("flag", "oath", "nature", "rights_duties", "publicity", "rules", "honor", "member_style",
              "supervision", "work_chart", "development_flow", "door_sign", "branch_plaque", "org_chart",
              "activity_calendar", "standards", "basic_tasks", "cadre_conditions", "points_table", "party_fee")
FLOOR_KINDS = ("table", "chair", "bookcase", "archive_cabinet", "newspaper_rack", "tv", "dvd", "disc_cabinet",
               "computer", "projector", "screen", "equipment_cabinet", "podium")

Id = string(pattern=r"^[A-Za-z0-9_.-]{1,64}$")


class _M(LazyModel):
    model_config = ConfigDict(extra="forbid")


class WallItem(_M):
    id: Id
    kind: Literal["flag", "board", "sign"]
    role: Literal[WALL_ROLES]  # type: ignore[valid-type]
    title: string(max_length=60)
    wall: whole(ge=0)
    face: Literal["inside", "outside"] = "inside"
    offset: Num
    bottom: Num
    width: PosNum
    height: PosNum
    required: bool = True
    placement: Literal["main", "side", "door"] = "main"
    flag_size: Optional[Annotated[int, Field(ge=1, le=5)]] = None
    part: optional(BoardPart) = None
    source: string(max_length=200) = ""
    note: string(max_length=300) = ""

    @property
    def right(self) -> float:
        return float(self.offset) + float(self.width)

    @property
    def top(self) -> float:
        return float(self.bottom) + float(self.height)


class FloorItem(_M):
    id: Id
    kind: Literal[FLOOR_KINDS]  # type: ignore[valid-type]
    label: string(max_length=40)
    footprint: Annotated[list[tuple[Num, Num]], Field(min_length=3, max_length=64)]
    height: NonNegNum = 750
    wall: optional(int) = None     # the wall it stands against, if any
    faces: Optional[tuple[Num, Num]] = None   # unit vector a seat faces
    mount: Literal["floor", "on", "ceiling", "wall"] = "floor"
    """``on``: stands on item ``on`` (a DVD player on the TV stand); ``ceiling``: a ceiling
    projector (its footprint is where it hangs); ``wall``: hung on ``wall`` (a screen)."""
    on: optional(Id) = None
    bottom: optional(NonNegNum) = None
    """Wall-mounted items: height of the lower edge above the floor (mm)."""


class Seating(_M):
    mode: Literal["conference", "rows", "chairs_only"]
    seats: int
    tables: int
    note: str = ""


class Plan(_M):
    schema_version: str = SCHEMA_VERSION
    generator: str = "roomplanner"
    spec: Spec
    profile: str
    main_wall: int
    flag_size: optional(int) = None
    oath_position: Literal["below", "beside"]
    wall_items: Annotated[list[WallItem], Field(max_length=MAX_ITEMS)]
    floor_items: Annotated[list[FloorItem], Field(max_length=MAX_ITEMS)]
    seating: Optional[Seating] = None
    notes: list[string(max_length=400)] = []
    """What the solver decided, in plain words (a board moved to a side wall, an optional
    board left out and why, the fallback to chairs without tables…)."""

    def to_json(self) -> str:
        """Deterministic JSON: fixed key order, no timestamps, trailing newline."""
        data = self.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"

    def item(self, item_id: str) -> WallItem | FloorItem:
        for it in self.wall_items:
            if it.id == item_id:
                return it
        for it in self.floor_items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)


_NOT_MAPPING = Text("最外层应是键值映射，实际是{kind}", "expected a mapping at the top level, got {kind}")
_VERSION = Text("得到 {got}，本程序读取的是 {ver} 版", "got {got}, this program reads version {ver}")
_PROFILE = Text("未知的支部类型 {got}；可选：{known}", "unknown profile {got}; known: {known}")
_NO_WALL = Text("第 {w} 面墙不存在（墙编号为 0 到 {last}）", "wall {w} does not exist (walls 0 to {last})")
_DUP_ID = Text("编号 {id} 重复", "duplicate id {id}")


def _raise(problems: list[Problem], source: str | None, lang: str | None):
    lines, details = render_problems(problems, lang)
    raise PlanFileError(lines, source, details=details, lang=lang)


def plan_from_data(data, source: str = "<plan>", lang: str | None = None) -> Plan:
    """Validate a parsed plan file; PlanFileError with every problem in ``lang`` (default Chinese)."""
    from .checks import geometry_problems
    from ..profiles import known_profiles, known_types, type_choices

    if not isinstance(data, dict):
        _raise([Problem("plan", _NOT_MAPPING, {"kind": kind_of(data)})], source, lang)
    ver = data.get("schema_version")
    if ver is not None and (not isinstance(ver, str) or ver.split(".")[0] != SCHEMA_VERSION.split(".")[0]):
        _raise([Problem("schema_version", _VERSION, {"got": repr(ver), "ver": SCHEMA_VERSION})], source, lang)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        _raise(validation_problems(exc, Plan), source, lang)
    problems = [p if p.path.startswith("spec") else p._replace(path="spec." + p.path)
                for p in geometry_problems(plan.spec, known_types())]
    if plan.profile not in known_profiles():
        problems.append(Problem("profile", _PROFILE, {"got": repr(plan.profile), "known": type_choices()}))
    n = len(plan.spec.room.outline) if plan.spec.room is not None else 2   # class 3: the two venue walls
    ids: set[str] = set()
    for k, it in enumerate(plan.wall_items):
        if it.wall >= n:
            problems.append(Problem(f"wall_items[{k}].wall", _NO_WALL, {"w": it.wall, "last": n - 1}))
        if it.id in ids:
            problems.append(Problem(f"wall_items[{k}].id", _DUP_ID, {"id": repr(it.id)}))
        ids.add(it.id)
    for k, it in enumerate(plan.floor_items):
        if it.id in ids:
            problems.append(Problem(f"floor_items[{k}].id", _DUP_ID, {"id": repr(it.id)}))
        ids.add(it.id)
    if plan.main_wall >= n or plan.main_wall < 0:
        problems.append(Problem("main_wall", _NO_WALL, {"w": plan.main_wall, "last": n - 1}))
    if problems:
        _raise(problems, source, lang)
    return plan


def load_plan(path: str | Path, lang: str | None = None) -> Plan:
    data = read_document(path, "plan", PlanFileError, max_bytes=MAX_PLAN_BYTES, lang=lang)
    return plan_from_data(data, str(path), lang=lang)


def loads_plan(text: str | bytes, source: str = "<plan>", lang: str | None = None) -> Plan:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    data = parse_document(raw, source, "plan", PlanFileError, json_first=True, max_bytes=MAX_PLAN_BYTES, lang=lang)
    return plan_from_data(data, source, lang=lang)
