"""The room spec (房间规格): what a user writes. Units are millimetres.

``load_spec(path)`` reads YAML or JSON safely, validates the structure with pydantic and
then the geometry, and raises :class:`~roomplanner.errors.SpecError` with one message per
problem, each naming the field path, the bad value and what is expected.
"""

from __future__ import annotations

import difflib
import math
import re
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_serializer

from ..errors import SpecError
from .geometry import walls_of, signed_area
from .safeload import parse_document, read_document
from .venue import Venue, VenueWalls, omit_venue_defaults, venue_problems

MAX_OUTLINE_POINTS = 64
MIN_WALL_LENGTH = 300.0
MAX_COORDINATE = 200_000.0   # any coordinate: 200 m from the origin
MAX_ROOM_SPAN = 100_000.0    # the room's bounding box: 100 m on either side (no activity room is larger)
MAX_ROOM_AREA_M2 = 5_000.0   # specs and plans share these limits (the checker reads them from here)
MAX_MEMBERS = 10_000

def number(**bounds):
    """A number: an int or a float, never a string or a bool, never NaN or infinite;
    ``bounds`` are pydantic's gt/ge/lt/le."""
    return Union[Annotated[int, Field(strict=True, **bounds)],
                 Annotated[float, Field(strict=True, allow_inf_nan=False, **bounds)]]


Num = number()
PosNum = number(gt=0)
NonNegNum = number(ge=0)
Index = Annotated[int, Field(strict=True, ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Branch(_Model):
    """党支部: the branch the room is for."""
    name: Annotated[str, Field(min_length=1, max_length=80)]
    type: str
    members: Annotated[int, Field(strict=True, ge=1, le=MAX_MEMBERS)]
    full_members: Annotated[int, Field(strict=True, ge=0, le=MAX_MEMBERS)] | None = None
    """正式党员 (full members); defaults to ``members``. Sets the committee rule (004 附件1 §6)."""


class Opening(_Model):
    kind: Literal["door", "window"]
    wall: Index
    offset: NonNegNum
    width: PosNum
    height: PosNum
    sill: NonNegNum | None = None
    """Windows: height of the sill above the floor (default 900 mm). Doors: must be 0 or omitted."""
    swing: Literal["in", "out"] = "in"
    """Doors: which way the leaf opens. Inward swings keep furniture and boards clear."""
    hinge: Literal["auto", "start", "end"] = "auto"
    """Doors: hinge side; ``start`` is the side nearer ``outline[wall]``; ``auto`` hinges on the
    side nearer a corner so the open leaf lies against the wall."""
    entrance: bool | None = None
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
    label: Annotated[str, Field(max_length=40)] = "障碍物"


class Room(_Model):
    outline: Annotated[list[tuple[Num, Num]], Field(min_length=3, max_length=MAX_OUTLINE_POINTS)]
    height: PosNum
    openings: Annotated[list[Opening], Field(max_length=64)] = []
    obstacles: Annotated[list[Obstacle], Field(max_length=64)] = []
    wall_thickness: PosNum = 240


class Options(_Model):
    """Layout options; every default is stated here and documented in docs/spec.md."""
    flag_size: Union[Literal["auto"], Annotated[int, Field(strict=True, ge=1, le=5)]] = "auto"
    oath_position: Literal["below", "beside", "profile"] = "profile"
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
    material: Annotated[str, Field(min_length=1, max_length=40)] = "KT板"
    lang: Literal["zh", "en"] = "zh"

    @field_validator("eye_level")
    @classmethod
    def _eye(cls, v):
        if v[0] > v[1]:
            raise ValueError(f"the low end ({v[0]}) must not be above the high end ({v[1]})")
        return v


class CommitteeMember(_Model):
    name: Annotated[str, Field(min_length=1, max_length=20)]
    role: Annotated[str, Field(min_length=1, max_length=20)]
    """书记, 副书记, 组织委员, 宣传委员, 纪检委员, 委员 …"""


class HonorEntry(_Model):
    name: Annotated[str, Field(min_length=1, max_length=40)]
    honour: Annotated[str, Field(min_length=1, max_length=60)]
    year: Annotated[int, Field(strict=True, ge=1921, le=2100)]
    kind: Literal["member", "organisation"] = "member"
    photo: Annotated[str, Field(max_length=260)] | None = None


class MemberProfile(_Model):
    name: Annotated[str, Field(min_length=1, max_length=20)]
    bio: Annotated[str, Field(max_length=200)] = ""
    role: Annotated[str, Field(max_length=20)] | None = None
    photo: Annotated[str, Field(max_length=260)] | None = None


class ActivityDay(_Model):
    year: Annotated[int, Field(strict=True, ge=2000, le=2100)]
    rule: Literal["first_friday", "fixed_day"] = "first_friday"
    day: Annotated[int, Field(strict=True, ge=1, le=28)] | None = None


class BoardText(_Model):
    title: Annotated[str, Field(max_length=40)] | None = None
    text: Annotated[str, Field(max_length=4000)] = ""


class Content(_Model):
    """User content for the boards (issue #5). Official texts never come from here."""
    plaque_text: Annotated[str, Field(max_length=40)] | None = None
    overview: Annotated[str, Field(max_length=2000)] | None = None
    committee: Annotated[list[CommitteeMember], Field(max_length=15)] = []
    honors: Annotated[list[HonorEntry], Field(max_length=60)] = []
    members: Annotated[list[MemberProfile], Field(max_length=200)] = []
    rules: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=12)] = []
    activities: Annotated[str, Field(max_length=2000)] | None = None
    activity_day: ActivityDay | None = None
    boards: Annotated[dict[str, BoardText], Field(max_length=40)] = {}


class Spec(_Model):
    branch: Branch
    venue: Venue = "dedicated"
    """Where the branch meets (001 §2, see model/venue.py): its own room, a shared room, or none."""
    room: Room | None = None
    """Required unless ``venue`` is ``none``; then ``venue_walls`` takes its place."""
    venue_walls: VenueWalls | None = None
    main_wall: Union[Literal["auto"], Index] = "auto"
    options: Options = Options()
    content: Content = Content()
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    """Date printed on drawings (YYYY-MM-DD); defaults to the day of the run."""

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

def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "spec"


def _is_type_tag(part: Any) -> bool:
    """pydantic puts union member names (``int``, ``literal['auto']``…) into ``loc``."""
    return isinstance(part, str) and (
        part in ("int", "float", "str", "bool") or "[" in part or part.startswith(("function-", "constrained-")))


def _short(v: Any) -> str:
    r = repr(v)
    return r if len(r) <= 60 else r[:57] + "..."


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed at the mapping that holds ``loc[-1]``."""
    cur: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)) or part not in cur.model_fields:
            return []
        ann = cur.model_fields[part].annotation
        cur = _inner_model(ann)
        if cur is None:
            return []
    if isinstance(cur, type) and issubclass(cur, BaseModel):
        return list(cur.model_fields)
    return []


def _inner_model(ann: Any):
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        m = _inner_model(arg)
        if m is not None:
            return m
    meta = getattr(ann, "__origin__", None)
    if meta is not None and isinstance(meta, type) and issubclass(meta, BaseModel):
        return meta
    return None


_EXPECT = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number (not NaN or infinity)",
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list of two numbers [x, y]",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "bool_type": "true or false",
}


def format_validation_errors(exc: ValidationError, model: type[BaseModel]) -> list[str]:
    problems: list[str] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not _is_type_tag(p))
        typ = err["type"]
        inp = err.get("input")
        path = _path(loc)
        if typ == "extra_forbidden":
            key = loc[-1] if loc else "?"
            allowed = _fields_at(model, loc)
            hint = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.5)
            msg = f"{path}: unknown key {key!r}"
            msg += f" (did you mean {hint[0]!r}?)" if hint else (f"; allowed keys: {', '.join(allowed)}" if allowed else "")
            problems.append(msg)
        elif typ == "missing":
            problems.append(f"{path}: required field is missing")
        elif typ in ("int_type", "float_type", "int_parsing", "float_parsing", "int_from_float"):
            if isinstance(inp, float) and (math.isnan(inp) or math.isinf(inp)):
                problems.append(f"{path}: got {inp!r}, expected a finite number (not NaN or infinity)")
            elif typ == "int_from_float":
                problems.append(f"{path}: got {_short(inp)}, expected a whole number")
            else:
                problems.append(f"{path}: got {_short(inp)} ({type(inp).__name__}), expected {_EXPECT.get(typ, 'a number')}")
        elif typ == "finite_number":
            problems.append(f"{path}: got {inp!r}, expected a finite number (not NaN or infinity)")
        elif typ in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
            ctx = err.get("ctx", {})
            bound = next(iter(ctx.values()), "?")
            word = {"greater_than": "greater than", "greater_than_equal": "at least",
                    "less_than": "less than", "less_than_equal": "at most"}[typ]
            problems.append(f"{path}: got {_short(inp)}, expected a value {word} {bound}")
        elif typ == "literal_error":
            problems.append(f"{path}: got {_short(inp)}, expected {err.get('ctx', {}).get('expected', '?')}")
        elif typ in ("too_short", "too_long"):
            ctx = err.get("ctx", {})
            n = ctx.get("actual_length")
            if typ == "too_short":
                problems.append(f"{path}: has {n} entries, expected at least {ctx.get('min_length')}")
            else:
                problems.append(f"{path}: has {n} entries, expected at most {ctx.get('max_length')}")
        elif typ in ("string_too_short", "string_too_long"):
            ctx = err.get("ctx", {})
            lim = ctx.get("min_length", ctx.get("max_length"))
            word = "at least" if typ == "string_too_short" else "at most"
            problems.append(f"{path}: got {_short(inp)}, expected text of {word} {lim} characters")
        elif typ in _EXPECT:
            problems.append(f"{path}: got {_short(inp)} ({type(inp).__name__}), expected {_EXPECT[typ]}")
        elif typ == "string_pattern_mismatch":
            problems.append(f"{path}: got {_short(inp)}, expected a date as YYYY-MM-DD")
        elif typ == "value_error":
            problems.append(f"{path}: {err['msg'].removeprefix('Value error, ')}")
        else:
            problems.append(f"{path}: {err['msg']} (got {_short(inp)})")
    # pydantic reports every member of a union; keep each message once, in order
    seen: set[str] = set()
    unique = []
    for p in problems:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return _collapse_union_noise(unique)


def _collapse_union_noise(problems: list[str]) -> list[str]:
    """A value that fails both members of ``int | float`` gives two lines; keep one per path."""
    by_path: dict[str, str] = {}
    order: list[str] = []
    for p in problems:
        path = p.split(": ", 1)[0]
        if path in by_path:
            if "expected a number" in p or "finite" in p:
                by_path[path] = p
            continue
        by_path[path] = p
        order.append(path)
    return [by_path[k] for k in order]


# ---------------------------------------------------------------- geometry checks

def geometry_problems(spec: Spec, known_types: list[str] | None = None) -> list[str]:
    from shapely.geometry import Polygon
    from shapely.validation import explain_validity

    problems: list[str] = []
    if known_types is not None and spec.branch.type not in known_types:
        hint = difflib.get_close_matches(spec.branch.type, known_types, n=1, cutoff=0.5)
        problems.append(f"branch.type: unknown branch type {spec.branch.type!r}"
                        + (f" (did you mean {hint[0]!r}?)" if hint else "")
                        + f"; known types: {', '.join(known_types)}")
    if spec.branch.full_members is not None and spec.branch.full_members > spec.branch.members:
        problems.append(f"branch.full_members: {spec.branch.full_members} is more than branch.members "
                        f"({spec.branch.members}); full members are a subset of all members")
    venue = venue_problems(spec)
    if venue is not None:
        return problems + venue

    pts = spec.outline
    for i, (x, y) in enumerate(pts):
        if abs(x) > MAX_COORDINATE or abs(y) > MAX_COORDINATE:
            problems.append(f"room.outline[{i}]: point ({x:g}, {y:g}) lies more than {MAX_COORDINATE / 1000:g} m "
                            f"from the origin; coordinates are millimetres")
    if problems and any(p.startswith("room.outline[") for p in problems):
        return problems
    seen: dict[tuple[float, float], int] = {}
    dup = False
    for i, p in enumerate(pts):
        if p in seen:
            problems.append(f"room.outline[{i}]: duplicate point ({p[0]:g}, {p[1]:g}), same as room.outline[{seen[p]}]")
            dup = True
        else:
            seen[p] = i
    if dup:
        return problems
    from shapely.geometry import MultiPoint
    if MultiPoint(pts).convex_hull.area < 1.0:
        problems.append(f"room.outline: the outline has zero area (all {len(pts)} points lie on one line); "
                        "expected the corners of the room in order")
        return problems
    poly = Polygon(pts)
    if not poly.is_valid or abs(signed_area(pts)) < 1.0:
        why = explain_validity(poly)
        m = re.search(r"\[([-\d.e+]+)\s+([-\d.e+]+)\]", why)
        where = f" near ({float(m.group(1)):g}, {float(m.group(2)):g})" if m else ""
        problems.append(f"room.outline: the outline crosses itself{where} ({why}); "
                        "list the corners in order around the room")
        return problems
    minx, miny, maxx, maxy = poly.bounds
    if max(maxx - minx, maxy - miny) > MAX_ROOM_SPAN:
        problems.append(f"room.outline: the room is {max(maxx - minx, maxy - miny) / 1000:.1f} m across, more than the "
                        f"{MAX_ROOM_SPAN / 1000:g} m limit; coordinates are millimetres")
        return problems
    if poly.area / 1e6 > MAX_ROOM_AREA_M2:
        problems.append(f"room.outline: the room's area is {poly.area / 1e6:.0f} m², more than the "
                        f"{MAX_ROOM_AREA_M2:g} m² limit")
        return problems
    walls = spec.walls()
    n = len(walls)
    for w in walls:
        if w.length < MIN_WALL_LENGTH:
            problems.append(f"room.outline: wall {w.index} (from point {w.index} to point {(w.index + 1) % n}) is "
                            f"{w.length:.0f} mm long, shorter than the {MIN_WALL_LENGTH:.0f} mm minimum")
    H = float(spec.room.height)
    if H < 2000 or H > 20000:
        problems.append(f"room.height: {H:g} mm, expected a ceiling height between 2000 and 20000 mm")

    spans: dict[int, list[tuple[float, float, int, str]]] = {}
    for k, o in enumerate(spec.room.openings):
        path = f"room.openings[{k}]"
        if o.wall >= n:
            problems.append(f"{path}.wall: wall {o.wall} does not exist; the outline has walls 0 to {n - 1}")
            continue
        L = walls[o.wall].length
        if o.offset + o.width > L + 1e-6:
            problems.append(f"{path}: {o.kind} (offset {o.offset:g} + width {o.width:g}) runs past the end of "
                            f"wall {o.wall} (length {L:.0f})")
        if o.kind == "door":
            if o.sill not in (None, 0):
                problems.append(f"{path}.sill: a door has no sill (got {o.sill:g}); omit it or set 0")
            if o.height > H:
                problems.append(f"{path}.height: door height {o.height:g} is above the ceiling ({H:g})")
            if o.width < 700:
                problems.append(f"{path}.width: door width {o.width:g} mm is narrower than 700 mm; is it in millimetres?")
        else:
            if o.swing != "in" or o.hinge != "auto" or o.entrance is not None:
                problems.append(f"{path}: swing, hinge and entrance apply to doors only")
            sill = spec.window_sill(o)
            if sill + o.height > H + 1e-6:
                problems.append(f"{path}: window sill {sill:g} + height {o.height:g} = {sill + o.height:g} is above "
                                f"the ceiling ({H:g})")
        spans.setdefault(o.wall, []).append((float(o.offset), float(o.offset + o.width), k, o.kind))
    for wall, lst in spans.items():
        lst.sort()
        for a, b in zip(lst, lst[1:]):
            if b[0] < a[1] - 1e-6:
                problems.append(f"room.openings[{b[2]}]: {b[3]} at offset {b[0]:g} overlaps room.openings[{a[2]}] "
                                f"({a[3]}, offset {a[0]:g} to {a[1]:g}) on wall {wall}")
    entrances = [k for k, o in enumerate(spec.room.openings) if o.kind == "door" and o.entrance]
    if len(entrances) > 1:
        problems.append(f"room.openings[{entrances[1]}].entrance: only one door can be the entrance "
                        f"(room.openings[{entrances[0]}] already is)")
    if not any(o.kind == "door" for o in spec.room.openings):
        problems.append("room.openings: the room has no door; add at least one {kind: door, ...}")

    for k, ob in enumerate(spec.room.obstacles):
        path = f"room.obstacles[{k}]"
        if ob.wall >= n:
            problems.append(f"{path}.wall: wall {ob.wall} does not exist; the outline has walls 0 to {n - 1}")
            continue
        L = walls[ob.wall].length
        if ob.offset + ob.width > L + 1e-6:
            problems.append(f"{path}: obstacle (offset {ob.offset:g} + width {ob.width:g}) runs past the end of "
                            f"wall {ob.wall} (length {L:.0f})")
        if ob.top <= ob.bottom:
            problems.append(f"{path}: top {ob.top:g} must be above bottom {ob.bottom:g}")
        if ob.top > H + 1e-6:
            problems.append(f"{path}.top: {ob.top:g} is above the ceiling ({H:g})")
    for k, ob in enumerate(spec.room.obstacles):
        for j, o in enumerate(spec.room.openings):
            if ob.wall != o.wall or ob.wall >= n:
                continue
            lo, hi = (0.0, float(o.height)) if o.kind == "door" else (spec.window_sill(o), spec.window_sill(o) + float(o.height))
            if (float(ob.offset) < float(o.offset + o.width) and float(o.offset) < float(ob.offset + ob.width)
                    and float(ob.bottom) < hi and lo < float(ob.top)):
                problems.append(f"room.obstacles[{k}]: {ob.label} (offset {ob.offset:g}–{ob.offset + ob.width:g}, height "
                                f"{ob.bottom:g}–{ob.top:g}) overlaps the {o.kind} room.openings[{j}] (offset "
                                f"{o.offset:g}–{o.offset + o.width:g}) on wall {ob.wall}")
    if isinstance(spec.main_wall, int) and spec.main_wall >= n:
        problems.append(f"main_wall: wall {spec.main_wall} does not exist; the outline has walls 0 to {n - 1}")
    lo, hi = spec.options.eye_level
    if hi > H:
        problems.append(f"options.eye_level: {hi:g} is above the ceiling ({H:g})")
    return problems


# ---------------------------------------------------------------- loading

def spec_from_data(data: Any, source: str | None = None) -> Spec:
    """Validate an already-parsed mapping; raise SpecError with every problem."""
    from ..profiles import known_types

    if not isinstance(data, dict):
        raise SpecError([f"spec: expected a mapping of keys at the top level, got {type(data).__name__}"], source)
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        raise SpecError(format_validation_errors(exc, Spec), source) from None
    problems = geometry_problems(spec, known_types())
    if problems:
        raise SpecError(problems, source)
    return spec


def load_spec(path: str | Path) -> Spec:
    """Read, parse and validate a spec file (YAML or JSON)."""
    data = read_document(path, "spec", SpecError)
    return spec_from_data(data, str(path))


def loads_spec(text: str | bytes, source: str = "<spec>", json_first: bool = False) -> Spec:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    data = parse_document(raw, source, "spec", SpecError, json_first=json_first)
    return spec_from_data(data, source)
