"""Venues without a room of their own (阵地类别, 001 §2).

Source document 001 (金华市直机关 “双推进”) sorts organ branches into three classes of venue:
a dedicated activity room (一类), a room shared with other uses (二类, 共用一室) and no room at
all (三类). A spec says which with ``venue``:

``dedicated`` (default)
    ``room`` is the branch's own activity room.
``shared``
    ``room`` is the shared room; the profile is the type's shared-room variant
    (``layouts/<type>-shared.yaml``). Furniture of the other use that stands against a wall is
    given as ``room.obstacles`` (with its ``depth``), so boards and new furniture keep clear of it.
``none``
    There is no room: the spec gives ``venue_walls`` instead of ``room`` — the corridor wall
    for the publicity window and the wall of the secretary's office for the party-affairs
    column (001 §2(三)1) — and the branch's member count sets the number of desk cards.

In a class-3 plan, ``WallItem.wall`` indexes :data:`VENUE_WALLS` (0 = corridor,
1 = secretary's office); the plan's ``main_wall`` is 0 and carries no meaning.
"""

# No ``from __future__ import annotations`` here: pydantic would then evaluate every field's
# annotation from its string when the class is made (about 10 ms of every cold start for the
# model modules together; benchmarks/bench_startup.py).
import re
from typing import Annotated, Literal, Optional

from pydantic import ConfigDict, Field

from .base import LazyModel
from .fields import BoardId, ProfileId, number, optional, string

Venue = Literal["dedicated", "shared", "none"]
VENUES: tuple[str, ...] = ("dedicated", "shared", "none")

#: The walls of a class-3 venue, in the order ``WallItem.wall`` numbers them.
VENUE_WALLS: tuple[str, ...] = ("corridor", "secretary_office")
VENUE_WALL_NAMES = {"corridor": ("单位走廊墙面", "corridor wall"),
                    "secretary_office": ("书记办公室墙面", "wall of the secretary's office")}

MAX_VENUE_WALL_MM = 100_000.0


class _Model(LazyModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VenueOpening(_Model):
    """A door or window in a venue wall (offset from the wall's left end as one faces it)."""
    kind: Literal["door", "window"]
    offset: number(ge=0)
    width: number(gt=0)
    height: number(gt=0)
    sill: optional(number(ge=0)) = None
    """Windows: sill height (default 900 mm). Doors: 0 or omitted."""

    def bottom(self) -> float:
        return float(self.sill if self.sill is not None else (900 if self.kind == "window" else 0))


class VenueObstacle(_Model):
    """Something on the wall a board must avoid (消火栓箱, 配电箱, 开关, 文件柜 …)."""
    offset: number(ge=0)
    width: number(gt=0)
    bottom: number(ge=0)
    top: number(gt=0)
    label: string(max_length=40) = "障碍物"


class VenueWall(_Model):
    """One wall of a class-3 venue, seen from where people stand in front of it."""
    length: number(gt=0)
    height: number(gt=0)
    openings: Annotated[list[VenueOpening], Field(max_length=32)] = []
    obstacles: Annotated[list[VenueObstacle], Field(max_length=32)] = []
    label: optional(string(max_length=40)) = None
    """Where the wall is, in the branch's words (e.g. “三楼东侧走廊”); printed on the drawings."""


class VenueWalls(_Model):
    """The two walls 001 §2(三)1 names for a branch without a room."""
    corridor: VenueWall
    """单位走廊: the wall of the unit's corridor that takes the publicity window."""
    secretary_office: VenueWall
    """书记办公室: the wall of the branch secretary's office that takes the party-affairs column."""

    def wall(self, index: int) -> VenueWall:
        return getattr(self, VENUE_WALLS[index])


def venue_problems(spec, profile_problem: Optional[str] = None) -> Optional[list]:
    """:func:`venue_lines` as :class:`~roomplanner.i18n.Problem` records (Chinese and English).
    ``profile_problem``: the type has no profile for this venue (``profiles.profile_id_for``'s
    message), reported alone."""
    lines = [f"venue: {profile_problem}"] if profile_problem else venue_lines(spec)
    if lines is None:
        return None
    from ..i18n import Problem, Text
    out = []
    for line in lines:
        path, _, msg = line.partition(": ")
        zh, _, en = _split(msg)
        out.append(Problem(path, Text(_esc(zh), _esc(en or zh))))
    return out


def _split(msg: str) -> tuple[str, str, str]:
    m = re.search(r"\s?/ ", msg)
    if m is None:
        return msg, "", ""
    return msg[:m.start()].strip(), "/", msg[m.end():].strip()


def _esc(s: str) -> str:
    return s.replace("{", "{{").replace("}", "}}")


def venue_lines(spec) -> Optional[list[str]]:
    """Problems with the venue part of ``spec``, or None for a room spec that has its room
    (the room's own geometry is then checked as usual)."""
    venue = getattr(spec, "venue", "dedicated")
    if venue != "none":
        if spec.room is None:
            return [f"room: 缺少必填项（venue: {venue} 的支部需给出活动室 room）/ required field is missing "
                    f"(a branch with venue {venue!r} gives its room)"]
        if spec.venue_walls is not None:
            return [f"venue_walls: 只用于没有活动室的支部（venue: none），本规格为 venue: {venue} / only a branch "
                    f"without a room (venue: none) gives venue_walls; this spec has venue {venue!r}"]
        return None
    problems: list[str] = []
    if spec.room is not None:
        problems.append("room: 没有活动室的支部（venue: none）不给出 room，请改为 venue_walls（走廊墙面和书记办公室墙面）"
                        " / a branch without a room (venue: none) gives venue_walls (the corridor wall and the "
                        "secretary's office wall), not room")
    if isinstance(spec.main_wall, int):
        problems.append(f"main_wall: 没有活动室的支部没有主墙面（得到 {spec.main_wall}）；请删除此项 / a branch without a "
                        f"room has no main wall (got {spec.main_wall}); remove it")
    names = len(spec.content.members)
    if names > spec.branch.members:
        problems.append(f"content.members: 列出 {names} 名党员，多于 branch.members（{spec.branch.members}）；每名党员一张桌牌 "
                        f"/ {names} members listed, more than branch.members ({spec.branch.members}); the desk cards are "
                        "one per member")
    if spec.venue_walls is None:
        problems.append("venue_walls: 缺少必填项：没有活动室的支部（venue: none）需给出走廊墙面 corridor 和书记办公室墙面 "
                        "secretary_office / required field is missing: a branch without a room gives "
                        "venue_walls.corridor and venue_walls.secretary_office")
        return problems
    for name in VENUE_WALLS:
        problems.extend(wall_problems(getattr(spec.venue_walls, name), f"venue_walls.{name}"))
    return problems


def wall_problems(w: VenueWall, path: str) -> list[str]:
    out: list[str] = []
    L, H = float(w.length), float(w.height)
    if L > MAX_VENUE_WALL_MM:
        out.append(f"{path}.length: {L:g} mm 超过 {MAX_VENUE_WALL_MM / 1000:g} m，单位是毫米 / more than "
                   f"{MAX_VENUE_WALL_MM / 1000:g} m; lengths are millimetres")
    elif L < 600:
        out.append(f"{path}.length: {L:g} mm 太短，单位是毫米吗？/ {L:g} mm is too short for a board; millimetres?")
    if H < 2000 or H > 20000:
        out.append(f"{path}.height: {H:g} mm，应在 2000 到 20000 mm 之间 / expected a height between 2000 and 20000 mm")
    spans = []
    for k, o in enumerate(w.openings):
        p = f"{path}.openings[{k}]"
        if o.offset + o.width > L + 1e-6:
            out.append(f"{p}: 偏移 {o.offset:g} + 宽 {o.width:g} 超出墙长 {L:g} / the {o.kind} runs past the end of "
                       f"the wall (offset {o.offset:g} + width {o.width:g} > length {L:g})")
        if o.kind == "door" and o.sill not in (None, 0):
            out.append(f"{p}.sill: 门没有窗台高度（得到 {o.sill:g}）/ a door has no sill (got {o.sill:g})")
        if o.bottom() + o.height > H + 1e-6:
            out.append(f"{p}: 顶部 {o.bottom() + o.height:g} 高于墙高 {H:g} / its top ({o.bottom() + o.height:g}) "
                       f"is above the wall's height ({H:g})")
        spans.append((float(o.offset), float(o.offset + o.width), k))
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1] - 1e-6:
            out.append(f"{path}.openings[{b[2]}]: 与 openings[{a[2]}] 重叠 / overlaps openings[{a[2]}]")
    for k, ob in enumerate(w.obstacles):
        p = f"{path}.obstacles[{k}]"
        if ob.offset + ob.width > L + 1e-6:
            out.append(f"{p}: 偏移 {ob.offset:g} + 宽 {ob.width:g} 超出墙长 {L:g} / runs past the end of the wall")
        if ob.top <= ob.bottom:
            out.append(f"{p}: 顶部 {ob.top:g} 须高于底部 {ob.bottom:g} / top must be above bottom")
        if ob.top > H + 1e-6:
            out.append(f"{p}.top: {ob.top:g} 高于墙高 {H:g} / above the wall's height")
    return out


def omit_venue_defaults(data):
    """Drop ``venue: dedicated`` and empty ``room``/``venue_walls`` from a dumped spec."""
    if isinstance(data, dict):
        if data.get("venue") == "dedicated":
            data.pop("venue")
        for key in ("room", "venue_walls"):
            if key in data and data[key] is None:
                data.pop(key)
    return data


# ---------------------------------------------------------------- the class-3 profile


class VenueBoard(_Model):
    """A board a class-3 profile hangs on one of its walls."""
    id: BoardId
    role: str
    title: str
    wall: Literal["corridor", "secretary_office"]
    required: bool = True
    text: optional(str) = None           # overrides the role's text source, as for room boards
    source: string(min_length=3)


class DeskCardSpec(_Model):
    """The desk cards (桌牌) of a class-3 venue: one per member, the official texts named."""
    texts: list[Literal["oath", "rights", "duties"]]
    per: Literal["member"] = "member"
    trim: tuple[float, float] = (297.0, 210.0)
    """Flat sheet (mm), folded along its middle into a two-faced tent card."""
    source: string(min_length=3)
    reading: optional(str) = None


class VenueProfile(_Model):
    """A profile for a branch without a room (``venue: none``, 001 §2(三))."""
    id: ProfileId
    type: str
    venue: Literal["none"]
    venue_source: string(min_length=3)
    name: str
    name_en: str
    documents: list[str]
    boards: list[VenueBoard]
    desk_cards: DeskCardSpec
    not_checked: list[str] = []
    """Requirements of the documents a plan cannot show (records, online work), each cited."""
    notes: list[str] = []

    # room-profile attributes other code may read from any profile
    oath_position: Literal["below"] = "below"
    furniture: list = []
    area: None = None
    side_walls: None = None

    def board(self, board_id: str) -> VenueBoard:
        return next(b for b in self.boards if b.id == board_id)
