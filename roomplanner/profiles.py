"""Branch-type profiles (支部类型规范): which boards a branch of each type must hang, where
they go, the oath position, the area rule and the furniture, each rule citing its source
clause. Profiles are data (``layouts/<type>.yaml``); this module loads and checks them.

A source is cited as ``SEED doc§clause``, e.g. ``000 doc1 §4(二)1``: the seed file's number
(see docs/sources.md), the document inside it and the clause.
"""

# No ``from __future__ import annotations`` here: pydantic would then evaluate every field's
# annotation from its string when the class is made (about 10 ms of every cold start for the
# model modules together; benchmarks/bench_startup.py).
from functools import lru_cache
from typing import Literal, Optional

from pydantic import ConfigDict, model_validator

from .data import data_dir, load_yaml
from .model.base import LazyModel
from .model.fields import BoardId, BoardPart, ProfileId, optional, string

Source = string(min_length=3)


class _M(LazyModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AreaTier(_M):
    min_members: int = 1
    max_members: optional(int) = None
    min_area: float          # m²


class AreaRule(_M):
    """How large the room must be."""
    kind: Literal["tiered", "per_member", "minimum", "none"]
    tiers: list[AreaTier] = []          # kind=tiered
    per_member: optional(float) = None  # m² per member, kind=per_member
    minimum: optional(float) = None     # m², kind=minimum (or a floor for per_member)
    tolerance: float = 0.0              # share below the figure still accepted (e.g. “左右”)
    severity: Literal["required", "recommended"] = "required"
    source: Source
    reading: optional(str) = None
    """How an ambiguous clause is read, e.g. “20人以上” read as 20 or more."""

    def required_area(self, members: int) -> Optional[float]:
        if self.kind == "tiered":
            for t in self.tiers:
                if members >= t.min_members and (t.max_members is None or members <= t.max_members):
                    return t.min_area
            return None
        if self.kind == "per_member":
            need = (self.per_member or 0.0) * members * (1.0 - self.tolerance)
            return max(need, self.minimum or 0.0)
        if self.kind == "minimum":
            return self.minimum
        return None


class BoardSpec(_M):
    """One board (or the flag, or a sign) that a profile asks for."""
    id: BoardId
    role: str
    title: optional(str) = None          # overrides the role's title
    placement: Literal["main", "side", "door"]
    required: bool = True
    movable: bool = False                # main-wall board that may move to a side wall when it cannot fit
    part: optional(BoardPart) = None   # rights_duties split
    text: optional(str) = None           # overrides the role's text source (e.g. "official:purpose")
    source: Source


class FurnitureSpec(_M):
    kind: Literal["seating", "bookcase", "archive_cabinet", "newspaper_rack", "tv", "dvd",
                  "disc_cabinet", "computer", "projector", "screen", "equipment_cabinet"]
    required: bool = True
    count: int = 1
    min_size_inch: optional(float) = None   # tv: “不小于29寸”
    source: Source


class SideWalls(_M):
    allowed: bool = True
    min_area: optional(float) = None     # m²: side walls only from this room area
    source: Source
    reading: optional(str) = None


class Profile(_M):
    id: ProfileId
    type: optional(str) = None            # the branch type of a venue variant (default: id)
    venue: Literal["dedicated", "shared"] = "dedicated"   # see model/venue.py
    venue_source: optional(Source) = None  # the clause that allows a shared room, with its reading
    name: str                             # Chinese name
    name_en: str
    documents: list[str]                  # e.g. ["000 doc1: <its title>"] (titles: roomplanner.documents)
    oath_position: Literal["below", "beside"]
    oath_position_source: Source
    area: AreaRule
    side_walls: SideWalls
    boards: list[BoardSpec]
    overflow_order: list[str] = []
    """Main-wall boards that may move to a side wall when the main wall is too short, in the
    order they move (ids of movable boards)."""
    furniture: list[FurnitureSpec]
    room_sign: str = "党员活动室"          # text of the door sign
    room_sign_source: Source
    notes: list[str] = []                 # readings and decisions, in Chinese or English

    @model_validator(mode="after")
    def _consistent(self):
        ids = [b.id for b in self.boards]
        dups = {i for i in ids if ids.count(i) > 1}
        if dups:
            raise ValueError(f"duplicate board ids {sorted(dups)}")
        if not any(b.role == "flag" and b.placement == "main" for b in self.boards):
            raise ValueError("every profile hangs the flag on the main wall")
        if not any(b.role == "oath" for b in self.boards):
            raise ValueError("every profile has the oath")
        known = roles()
        for b in self.boards:
            if b.role not in known:
                raise ValueError(f"board {b.id!r}: unknown role {b.role!r}; known roles: {', '.join(known)}")
        for bid in self.overflow_order:
            b = next((x for x in self.boards if x.id == bid), None)
            if b is None or not b.movable or b.placement != "main":
                raise ValueError(f"overflow_order: {bid!r} is not a movable main-wall board")
        return self

    def board(self, board_id: str) -> BoardSpec:
        return next(b for b in self.boards if b.id == board_id)


@lru_cache(maxsize=None)
def roles() -> dict[str, dict]:
    with open(data_dir("boards") / "roles.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)["roles"]


def role_title_en(role: str) -> str:
    """The English name of a board role (``title_en`` in ``boards/roles.yaml``), the one place
    the production list, the pack's index and the report name a kind of board by."""
    return str(roles().get(role, {}).get("title_en", role.replace("_", " ")))


@lru_cache(maxsize=None)
def size_catalog() -> dict:
    with open(data_dir("boards") / "sizes.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)


@lru_cache(maxsize=None)
def _profile_files() -> dict[str, dict]:
    """Every profile file by id (its stem), as data; a venue variant names its ``type`` and
    ``venue`` and may ``extends`` another profile (its keys override the base's)."""
    out: dict[str, dict] = {}
    for path in sorted(data_dir("layouts").glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            out[path.stem] = load_yaml(fh) or {}
    return out


def _file_data(profile_id: str) -> dict:
    data = dict(_profile_files()[profile_id])
    base = data.pop("extends", None)
    if base is not None:
        if base not in _profile_files() or base == profile_id:
            raise ValueError(f"{profile_id}.yaml: extends unknown profile {base!r}")
        merged = _file_data(base)
        for key in ("type", "venue", "venue_source"):
            merged.pop(key, None)
        merged.update(data)
        data = merged
    return data


@lru_cache(maxsize=None)
def known_types() -> list[str]:
    """The branch types (``branch.type``): profiles that are not a venue variant."""
    return sorted(k for k, d in _profile_files().items() if d.get("venue", "dedicated") == "dedicated")


@lru_cache(maxsize=None)
def known_profiles() -> list[str]:
    """Every profile id, venue variants included (``plan.profile``)."""
    return sorted(_profile_files())


#: The profiles loaded in this process, by id (:func:`load_profile`, :func:`adopt_profile`).
_loaded: dict = {}


def load_profile(branch_type: str):
    """The profile with this id: a :class:`Profile`, or for a class-3 venue (``venue: none``)
    a :class:`~roomplanner.model.venue.VenueProfile`. Loaded once per process."""
    prof = _loaded.get(branch_type)
    if prof is None:
        prof = _loaded[branch_type] = _validated_profile(branch_type)
    return prof


def adopt_profile(profile) -> None:
    """Take ``profile``, loaded by another process of the same run (a copy passed to a worker,
    ``pipeline.boards_lane``), as this process's: the worker then validates no profile, and so
    never builds pydantic's validator for it (with pydantic's plugin look-up, some 40 ms of a
    worker's start). A profile already loaded here is kept."""
    _loaded.setdefault(profile.id, profile)


def _validated_profile(branch_type: str):
    if branch_type not in _profile_files():
        raise KeyError(f"unknown branch type {branch_type!r}; known types: {', '.join(known_types())}")
    data = _file_data(branch_type)
    if data.get("venue") == "none":
        from .model.venue import VenueProfile
        prof = VenueProfile.model_validate(data)
    else:
        prof = Profile.model_validate(data)
    if prof.id != branch_type:
        raise ValueError(f"layouts/{branch_type}.yaml: id {prof.id!r} does not match the file name")
    return prof


def venue_variants(branch_type: str) -> dict[str, str]:
    """venue → profile id for one branch type (``dedicated`` is the type itself)."""
    out = {"dedicated": branch_type} if branch_type in known_types() else {}
    for pid, d in _profile_files().items():
        if d.get("type") == branch_type and d.get("venue") in ("shared", "none"):
            out[d["venue"]] = pid
    return out


def profile_id_for(branch_type: str, venue: str = "dedicated") -> str:
    """The profile id for a branch type and a venue (001 §2): KeyError naming the venues the
    type's documents allow when there is no such variant."""
    variants = venue_variants(branch_type)
    if venue not in variants:
        allowed = ", ".join(sorted(variants)) or "—"
        raise KeyError(f"branch.type {branch_type!r} 没有 venue: {venue} 的规范（可选：{allowed}）/ has no profile for "
                       f"venue {venue!r} (its documents allow: {allowed})")
    return variants[venue]


def profile_for(spec):
    """The profile of a spec: its branch type and venue."""
    return load_profile(profile_id_for(spec.branch.type, getattr(spec, "venue", "dedicated")))


def all_profiles() -> list[Profile]:
    """Every room profile: the branch types and their shared-room variants (a class-3 venue
    has no room; see :func:`venue_profiles`)."""
    return [p for p in (load_profile(i) for i in known_profiles()) if isinstance(p, Profile)]


def venue_profiles() -> list:
    """The venue variants: shared rooms (:class:`Profile`) and class-3 venues (``VenueProfile``)."""
    return [load_profile(p) for p in known_profiles() if p not in known_types()]


# ---------------------------------------------------------------- names users type

#: Chinese names a user may type for a branch type, besides the id and the profile's full name
#: (``name``): the common short names. ``企业`` and ``企业党支部`` both mean ``enterprise``.
TYPE_ALIASES: dict[str, tuple[str, ...]] = {
    "general": ("通用单位党支部", "通用单位", "通用", "单位党支部", "一般单位"),
    "enterprise": ("非公有制企业党支部", "企业党支部", "非公有制企业", "非公企业党支部", "非公企业", "非公", "企业"),
    "bureau": ("局属单位党支部", "局属单位", "局属党支部", "局属"),
    "rural-committee": ("农村党委（总支）", "农村党委", "农村党总支", "农村总支", "农村党委总支", "农村"),
    "village": ("村党支部", "村支部", "村"),
    "community": ("社区党支部", "社区"),
    "organ": ("机关党支部", "机关单位党支部", "机关"),
    "university": ("高校党支部", "高校", "大学党支部", "大学"),
    "school": ("学校党支部", "中小学党支部", "学校", "中小学"),
}


#: The short name each type is listed by (``roomplanner profiles``, error messages).
TYPE_SHORT = {"general": "通用", "enterprise": "企业", "bureau": "局属", "rural-committee": "农村",
              "village": "村", "community": "社区", "organ": "机关", "university": "高校", "school": "学校"}


def _norm_name(name: str) -> str:
    return (name.strip().lower().replace("(", "（").replace(")", "）").replace(" ", "").replace("\u3000", "")
            .replace("_", "-"))


@lru_cache(maxsize=None)
def _name_table() -> dict[str, str]:
    """Normalised name → type id. The names are read from the profile files as they are (a
    profile's ``name`` is a plain string): no profile is validated to resolve a name."""
    table: dict[str, str] = {}
    for t in known_types():
        table[_norm_name(t)] = t
        for alias in TYPE_ALIASES.get(t, ()):
            table.setdefault(_norm_name(alias), t)
        table.setdefault(_norm_name(_file_data(t)["name"]), t)
    return table


def resolve_type(name: str) -> str | None:
    """The id of the branch type ``name`` names (its id, Chinese name or short name), or None."""
    if not isinstance(name, str):
        return None
    if name in known_types():     # the id itself, as most specs give it
        return name
    return _name_table().get(_norm_name(name))


def suggest_type(name: str):
    """A did-you-mean for an unknown type name, as a bilingual Text, or None."""
    import difflib

    from .i18n import Text

    table = _name_table()
    hit = difflib.get_close_matches(_norm_name(name), list(table), n=1, cutoff=0.5)
    if not hit:
        return None
    t = table[hit[0]]
    return Text(f"“{hit[0]}”（{t}，{load_profile(t).name}）" if hit[0] != t else f"'{t}'（{load_profile(t).name}）",
                f"'{t}'")


def type_choices():
    """Every branch type as a bilingual Text: ``enterprise（企业）、…`` / ``enterprise, …``."""
    from .i18n import Text

    zh = "、".join(f"{TYPE_SHORT.get(t) or load_profile(t).name}（{t}）" for t in known_types())
    return Text(zh, ", ".join(known_types()))
