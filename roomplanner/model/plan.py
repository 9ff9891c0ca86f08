"""The plan (方案): a spec plus everything the solver decided. Written as ``plan.json``.

Wall items hang on a wall: they span ``[offset, offset + width]`` along wall ``wall``
(millimetres from ``outline[wall]``) and ``[bottom, bottom + height]`` above the floor,
on the ``inside`` or ``outside`` face. Floor items stand on the floor: ``footprint`` is a
polygon in plan coordinates (the outline's coordinates).

The plan is pure data; the checker (``roomplanner.compliance``) recomputes every verdict
from the coordinates and never trusts a field the solver wrote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import PlanFileError
from .spec import Spec, Num, PosNum, NonNegNum, format_validation_errors
from .safeload import parse_document, read_document

SCHEMA_VERSION = "1.0"
MAX_PLAN_BYTES = 8 << 20     # 8 MiB
MAX_ITEMS = 2000

WALL_ROLES = ("flag", "oath", "nature", "rights_duties", "publicity", "rules", "honor", "member_style",
              "supervision", "work_chart", "development_flow", "door_sign", "branch_plaque", "org_chart",
              "activity_calendar", "standards", "basic_tasks", "cadre_conditions", "points_table", "party_fee")
FLOOR_KINDS = ("table", "chair", "bookcase", "archive_cabinet", "newspaper_rack", "tv", "dvd", "disc_cabinet",
               "computer", "projector", "screen", "equipment_cabinet", "podium")

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WallItem(_M):
    id: Id
    kind: Literal["flag", "board", "sign"]
    role: Literal[WALL_ROLES]  # type: ignore[valid-type]
    title: Annotated[str, Field(max_length=60)]
    wall: Annotated[int, Field(strict=True, ge=0)]
    face: Literal["inside", "outside"] = "inside"
    offset: Num
    bottom: Num
    width: PosNum
    height: PosNum
    required: bool = True
    placement: Literal["main", "side", "door"] = "main"
    flag_size: Optional[Annotated[int, Field(ge=1, le=5)]] = None
    part: Optional[Literal["rights", "duties", "both"]] = None
    source: Annotated[str, Field(max_length=200)] = ""
    note: Annotated[str, Field(max_length=300)] = ""

    @property
    def right(self) -> float:
        return float(self.offset) + float(self.width)

    @property
    def top(self) -> float:
        return float(self.bottom) + float(self.height)


class FloorItem(_M):
    id: Id
    kind: Literal[FLOOR_KINDS]  # type: ignore[valid-type]
    label: Annotated[str, Field(max_length=40)]
    footprint: Annotated[list[tuple[Num, Num]], Field(min_length=3, max_length=64)]
    height: NonNegNum = 750
    wall: Optional[int] = None     # the wall it stands against, if any
    faces: Optional[tuple[Num, Num]] = None   # unit vector a seat faces
    mount: Literal["floor", "on", "ceiling", "wall"] = "floor"
    """``on``: stands on item ``on`` (a DVD player on the TV stand); ``ceiling``: a ceiling
    projector (its footprint is where it hangs); ``wall``: hung on ``wall`` (a screen)."""
    on: Optional[Id] = None
    bottom: Optional[NonNegNum] = None
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
    flag_size: Optional[int] = None
    oath_position: Literal["below", "beside"]
    wall_items: Annotated[list[WallItem], Field(max_length=MAX_ITEMS)]
    floor_items: Annotated[list[FloorItem], Field(max_length=MAX_ITEMS)]
    seating: Optional[Seating] = None
    notes: list[Annotated[str, Field(max_length=400)]] = []
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


def plan_from_data(data, source: str = "<plan>") -> Plan:
    from .spec import geometry_problems
    from ..profiles import known_profiles, known_types

    if not isinstance(data, dict):
        raise PlanFileError([f"plan: expected a mapping at the top level, got {type(data).__name__}"], source)
    ver = data.get("schema_version")
    if ver is not None and (not isinstance(ver, str) or ver.split(".")[0] != SCHEMA_VERSION.split(".")[0]):
        raise PlanFileError([f"schema_version: got {ver!r}, this program reads version {SCHEMA_VERSION}"], source)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanFileError(format_validation_errors(exc, Plan), source) from None
    problems = [p if p.startswith("spec") else "spec." + p for p in geometry_problems(plan.spec, known_types())]
    if plan.profile not in known_profiles():
        problems.append(f"profile: unknown profile {plan.profile!r}; known: {', '.join(known_profiles())}")
    n = len(plan.spec.room.outline) if plan.spec.room is not None else 2   # class 3: the two venue walls
    ids: set[str] = set()
    for k, it in enumerate(plan.wall_items):
        if it.wall >= n:
            problems.append(f"wall_items[{k}].wall: wall {it.wall} does not exist (walls 0 to {n - 1})")
        if it.id in ids:
            problems.append(f"wall_items[{k}].id: duplicate id {it.id!r}")
        ids.add(it.id)
    for k, it in enumerate(plan.floor_items):
        if it.id in ids:
            problems.append(f"floor_items[{k}].id: duplicate id {it.id!r}")
        ids.add(it.id)
    if plan.main_wall >= n or plan.main_wall < 0:
        problems.append(f"main_wall: wall {plan.main_wall} does not exist (walls 0 to {n - 1})")
    if problems:
        raise PlanFileError(problems, source)
    return plan


def load_plan(path: str | Path) -> Plan:
    data = read_document(path, "plan", PlanFileError, max_bytes=MAX_PLAN_BYTES)
    return plan_from_data(data, str(path))


def loads_plan(text: str | bytes, source: str = "<plan>") -> Plan:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    data = parse_document(raw, source, "plan", PlanFileError, json_first=True, max_bytes=MAX_PLAN_BYTES)
    return plan_from_data(data, source)
