"""The room spec (房间规格): what a user writes. Units are millimetres.

``load_spec(path)`` reads YAML or JSON safely, validates the structure with pydantic and
then the geometry, and raises :class:`~roomplanner.errors.SpecError` with one message per
problem, each naming the field path, the bad value and what is expected.
"""

# No ``from __future__ import annotations`` here: pydantic would then evaluate every field's
# annotation from its string when the class is made (about 10 ms of every cold start for the
# model modules together; benchmarks/bench_startup.py).
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_serializer
from pydantic_core import PydanticCustomError

from ..errors import SpecError
from ..i18n import Problem, Text, render_problems
from .checks import (MAX_COORDINATE, MAX_MEMBERS, MAX_OUTLINE_POINTS, MAX_ROOM_AREA_M2, MAX_ROOM_SPAN,  # noqa: F401
                     MIN_WALL_LENGTH, geometry_problems as _geometry_problems)
from .base import LazyModel
from .fields import auto_or, choice, line, number, optional, string, whole
from .geometry import walls_of
from .safeload import kind_of, parse_document, read_document
from .validation import validation_problems
from .venue import Venue, VenueWalls, omit_venue_defaults


_NONE_IS_EMPTY = BeforeValidator(lambda v: {} if v is None else v)
"""``content:`` with every line below it commented out (the ``init`` template) means no content."""

OPENING_KINDS = {"门": "door", "房门": "door", "入口": "door", "窗": "window", "窗户": "window"}
SWINGS = {"内开": "in", "向内": "in", "向内开": "in", "外开": "out", "向外": "out", "向外开": "out"}
HINGES = {"自动": "auto", "起点": "start", "起点一侧": "start", "终点": "end", "终点一侧": "end"}
AUTO = {"自动": "auto"}
OATH_POSITIONS = {"下方": "below", "党旗下方": "below", "旁边": "beside", "左侧": "beside", "党旗左侧": "beside",
                  "党旗旁边": "beside", "按支部类型": "profile", "按类型": "profile", "默认": "profile"}
HONOR_KINDS = {"党员": "member", "个人": "member", "集体": "organisation", "组织": "organisation",
               "支部": "organisation", "单位": "organisation"}
DAY_RULES = {"每月第一个星期五": "first_friday", "第一个星期五": "first_friday", "每月第一个周五": "first_friday",
             "固定日": "fixed_day", "每月固定日": "fixed_day", "固定日期": "fixed_day"}
LANG_NAMES = {"中文": "zh", "汉语": "zh", "英文": "en", "英语": "en"}
#: Board materials a print shop makes party-room boards of (print-and-layout-facts: KT板 short
#: term; PVC, 铝塑板, 亚克力 long term). Other names a user may type map to these.
MATERIALS = ("KT板", "PVC板", "铝塑板", "亚克力")
MATERIAL_NAMES = {"KT": "KT板", "kt板": "KT板", "KT board": "KT板", "PVC": "PVC板", "雪弗板": "PVC板",
                  "PVC board": "PVC板", "铝塑": "铝塑板", "aluminium composite panel": "铝塑板",
                  "亚克力板": "亚克力", "有机玻璃": "亚克力", "acrylic": "亚克力"}
Material = choice(*MATERIALS, names=MATERIAL_NAMES)
OpeningKind = choice("door", "window", names=OPENING_KINDS)
Swing = choice("in", "out", names=SWINGS)
Hinge = choice("auto", "start", "end", names=HINGES)
OathPosition = choice("below", "beside", "profile", names=OATH_POSITIONS)
HonorKind = choice("member", "organisation", names=HONOR_KINDS)
DayRule = choice("first_friday", "fixed_day", names=DAY_RULES)
Lang = choice("zh", "en", names=LANG_NAMES)
Date = string(pattern=r"^\d{4}-\d{2}-\d{2}$")
#: The official emblem artwork (``emblem:``): file types and the largest file accepted.
EMBLEM_SUFFIXES = (".svg", ".pdf")
MAX_EMBLEM_BYTES = 5 << 20

Num = number()
PosNum = number(gt=0)
NonNegNum = number(ge=0)
Index = whole(ge=0)


class _Model(LazyModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Branch(_Model):
    """党支部: the branch the room is for."""
    name: line(min_length=1, max_length=80)
    type: str
    """The branch type: its id (``enterprise``), its Chinese name (``非公有制企业党支部``) or a short
    name (``企业``); stored as the id."""
    members: whole(ge=1, le=MAX_MEMBERS)
    full_members: optional(whole(ge=0, le=MAX_MEMBERS)) = None
    """正式党员 (full members); defaults to ``members``. Sets the committee rule (004 附件1 §6)."""

    @field_validator("type")
    @classmethod
    def _type_by_name(cls, v: str) -> str:
        from ..profiles import resolve_type
        return resolve_type(v) or v


class Opening(_Model):
    kind: OpeningKind
    wall: Index
    offset: NonNegNum
    width: PosNum
    height: PosNum
    sill: optional(NonNegNum) = None
    """Windows: height of the sill above the floor (default 900 mm). Doors: must be 0 or omitted."""
    swing: Swing = "in"
    """Doors: which way the leaf opens. Inward swings keep furniture and boards clear."""
    hinge: Hinge = "auto"
    """Doors: hinge side; ``start`` is the side nearer ``outline[wall]``; ``auto`` hinges on the
    side nearer a corner so the open leaf lies against the wall."""
    entrance: optional(bool) = None
    """Doors: the main entrance (door signs go here). Default: the first door."""


class Obstacle(_Model):
    """Something on a wall that boards and furniture must avoid (空调, 插座面板, 暖气片, 柱)."""
    wall: Index
    offset: NonNegNum
    width: PosNum
    bottom: NonNegNum
    top: PosNum
    depth: NonNegNum = 0
    """How far it stands out into the room (mm); 0 for flush items such as a socket panel."""
    label: string(max_length=40) = "障碍物"


class Room(_Model):
    outline: Annotated[list[tuple[Num, Num]], Field(min_length=3, max_length=MAX_OUTLINE_POINTS)]
    height: PosNum
    openings: Annotated[list[Opening], Field(max_length=64)] = []
    obstacles: Annotated[list[Obstacle], Field(max_length=64)] = []
    wall_thickness: PosNum = 240


class Options(_Model):
    """Layout options; every default is stated here and documented in docs/spec.md."""
    flag_size: auto_or(whole(ge=1, le=5), names=AUTO) = "auto"
    oath_position: OathPosition = "profile"
    eye_level: Annotated[tuple[Num, Num], Field()] = (1500, 1600)
    """Range for the centre of boards above the floor (mm)."""
    min_board_bottom: number(ge=0, le=2000) = 800
    ceiling_margin: number(ge=0, le=1000) = 200
    opening_clearance: number(ge=0, le=1000) = 100
    corner_margin: number(ge=0, le=1000) = 150
    board_gap: number(ge=0, le=1000) = 150
    passage_width: number(ge=600, le=3000) = 900
    """Clear passage from the entrance to every seat (600 mm at least: one person sideways)."""
    behind_chair: number(ge=300, le=2000) = 600
    bleed: number(ge=0, le=20) = 3
    material: Material = "KT板"
    """Material of the indoor boards; signs hung outside the door default to 铝塑板."""
    materials: Annotated[dict[string(min_length=1, max_length=40), Material],
                         Field(max_length=60)] = {}
    """Material per board id (``door_sign: 亚克力``), overriding the defaults above."""
    lang: Lang = "zh"

    @field_validator("eye_level")
    @classmethod
    def _eye(cls, v):
        if v[0] > v[1]:
            raise PydanticCustomError("eye_level_order", "the low end ({lo}) must not be above the high end ({hi})",
                                      {"lo": v[0], "hi": v[1]})
        return v


class CommitteeMember(_Model):
    name: line(min_length=1, max_length=20)
    role: line(min_length=1, max_length=20)
    """书记, 副书记, 组织委员, 宣传委员, 纪检委员, 委员 …"""


class HonorEntry(_Model):
    name: line(min_length=1, max_length=40)
    honour: string(min_length=1, max_length=60)
    year: whole(ge=1921, le=2100)
    kind: HonorKind = "member"
    photo: optional(string(max_length=260)) = None


class MemberProfile(_Model):
    name: line(min_length=1, max_length=20)
    bio: string(max_length=200) = ""
    role: optional(line(max_length=20)) = None
    photo: optional(string(max_length=260)) = None


class ActivityDay(_Model):
    year: whole(ge=2000, le=2100)
    rule: DayRule = "first_friday"
    day: optional(whole(ge=1, le=28)) = None


class BoardText(_Model):
    title: optional(line(max_length=40)) = None
    text: string(max_length=4000) = ""


class Content(_Model):
    """User content for the boards (issue #5). Official texts never come from here."""
    plaque_text: optional(line(max_length=40)) = None
    overview: optional(string(max_length=2000)) = None
    committee: Annotated[list[CommitteeMember], Field(max_length=15)] = []
    honors: Annotated[list[HonorEntry], Field(max_length=60)] = []
    members: Annotated[list[MemberProfile], Field(max_length=200)] = []
    rules: Annotated[list[string(max_length=40)], Field(max_length=12)] = []
    activities: optional(string(max_length=2000)) = None
    activity_day: ActivityDay | None = None
    boards: Annotated[dict[str, BoardText], Field(max_length=40)] = {}


#: A room spec gives ``room``; a branch without a room (``venue: none``) gives ``venue_walls``
#: instead (model/venue.py). The JSON schema states it, for forms built from it.
_ROOM_OR_VENUE_WALLS = {"anyOf": [
    {"required": ["room"], "properties": {"venue": {"enum": ["dedicated", "shared"]}}},
    {"required": ["venue", "venue_walls"], "properties": {"venue": {"const": "none"}}},
]}


class Spec(_Model):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_ROOM_OR_VENUE_WALLS)

    branch: Branch
    venue: Venue = "dedicated"
    """Where the branch meets (001 §2, see model/venue.py): its own room, a shared room, or none."""
    room: Room | None = None
    """Required unless ``venue`` is ``none``; then ``venue_walls`` takes its place."""
    venue_walls: VenueWalls | None = None
    main_wall: auto_or(Index, names=AUTO) = "auto"
    # the defaults as Options() and Content() would make them, without building their
    # validators at import (model_construct sets the defaults, which are never validated)
    options: Annotated[Options, _NONE_IS_EMPTY] = Options.model_construct()
    content: Annotated[Content, _NONE_IS_EMPTY] = Content.model_construct()
    date: optional(Date) = None
    """Date printed on drawings (YYYY-MM-DD); defaults to the day of the run."""
    emblem: optional(string(min_length=1, max_length=260)) = None
    """The official party emblem artwork (SVG or PDF), relative to the spec's folder; placed in
    the board headers and on the door sign. Without it no emblem is printed."""

    @classmethod
    def model_json_schema(cls, *args, **kwargs):
        """The JSON schema; it writes the defaults of ``options`` and ``content`` out, with
        their serializers, which a deferred model builds only on first use: built here first."""
        Options.model_rebuild()
        Content.model_rebuild()
        return super().model_json_schema(*args, **kwargs)

    @field_validator("emblem")
    @classmethod
    def _emblem_file(cls, v: str | None) -> str | None:
        from .paths import unsafe_path_reason
        if v is None:
            return v
        if not v.lower().endswith(EMBLEM_SUFFIXES):
            raise PydanticCustomError("emblem_format", "expected the official artwork as an SVG or PDF file",
                                      {"got": repr(v)})
        if unsafe_path_reason(v):
            raise PydanticCustomError("emblem_path", "the artwork must lie in the spec's folder", {"got": repr(v)})
        return v

    @model_serializer(mode="wrap")
    def _omit_venue_defaults(self, handler):
        """A room spec's dump (plan.json) stays as before venues existed: the venue keys appear
        only when set (see model/venue.py)."""
        return omit_venue_defaults(handler(self))

    # -- convenience -----------------------------------------------------
    @property
    def outline(self) -> list[tuple[float, float]]:
        return [(float(x), float(y)) for x, y in self.room.outline]

    def walls(self):
        return walls_of(self.outline)

    def doors(self) -> list[tuple[int, Opening]]:
        return [(i, o) for i, o in enumerate(self.room.openings) if o.kind == "door"]

    def entrance(self) -> tuple[int, Opening] | None:
        doors = self.doors()
        for i, d in doors:
            if d.entrance:
                return i, d
        return doors[0] if doors else None

    def window_sill(self, o: Opening) -> float:
        return float(o.sill if o.sill is not None else (900 if o.kind == "window" else 0))


# ---------------------------------------------------------------- errors

def format_validation_errors(exc: ValidationError, model: type[BaseModel], lang: str | None = None) -> list[str]:
    """pydantic's errors as ``path: message`` lines in ``lang`` (default Chinese)."""
    return render_problems(validation_problems(exc, model), lang)[0]


def geometry_problems(spec: Spec, known_types: list[str] | None = None, lang: str | None = None) -> list[str]:
    """The geometry checks as ``path: message`` lines in ``lang`` (default Chinese)."""
    return render_problems(_geometry_problems(spec, known_types), lang)[0]


# ---------------------------------------------------------------- loading

_NOT_MAPPING = Text("最外层应是键值映射，实际是{kind}", "expected a mapping of keys at the top level, got {kind}")


def _raise(problems: list[Problem], source: str | None, lang: str | None):
    lines, details = render_problems(problems, lang)
    raise SpecError(lines, source, details=details, lang=lang)


def spec_from_data(data: Any, source: str | None = None, lang: str | None = None) -> Spec:
    """Validate an already-parsed mapping; raise SpecError with every problem, in ``lang``
    (default Chinese)."""
    from ..profiles import known_types

    if not isinstance(data, dict):
        _raise([Problem("spec", _NOT_MAPPING, {"kind": kind_of(data)})], source, lang)
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        _raise(validation_problems(exc, Spec), source, lang)
    problems = _geometry_problems(spec, known_types())
    if problems:
        _raise(problems, source, lang)
    return spec


def load_spec(path: str | Path, lang: str | None = None) -> Spec:
    """Read, parse and validate a spec file (YAML or JSON)."""
    data = read_document(path, "spec", SpecError, lang=lang)
    return spec_from_data(data, str(path), lang=lang)


def loads_spec(text: str | bytes, source: str = "<spec>", json_first: bool = False, lang: str | None = None) -> Spec:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    data = parse_document(raw, source, "spec", SpecError, json_first=json_first, lang=lang)
    return spec_from_data(data, source, lang=lang)
