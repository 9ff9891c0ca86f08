"""What every check sees (:class:`Ctx`: the plan, its profile, the checker's own geometry, the
language) and the registry of checks (:func:`rule`)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Optional


from ..model.plan import Plan, WallItem
from ..profiles import BoardSpec, Profile
from .catalog import RULES, Rule, severity_for
from .findings import Finding
from .geometry import FloorModel, RoomGeometry

CheckFn = Callable[["Ctx"], Finding]
CHECKS: dict[str, CheckFn] = {}


def rule(rule_id: str):
    def deco(fn: CheckFn) -> CheckFn:
        if rule_id not in RULES:
            raise KeyError(f"check for unknown rule {rule_id!r}")
        CHECKS[rule_id] = fn
        return fn
    return deco


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 0.05 else f"{v:.1f}"


@dataclass
class Ctx:
    """What the checks of one plan share: the plan, its profile, where its files are, the date."""
    plan: Plan
    profile: Profile
    base_dir: Optional[Path]
    ref_date: _dt.date
    lang: str
    notes: list[str] = field(default_factory=list)

    @cached_property
    def spec(self):
        return self.plan.spec

    @cached_property
    def opts(self):
        return self.plan.spec.options

    @cached_property
    def room(self) -> RoomGeometry:
        return RoomGeometry(self.plan)

    @cached_property
    def floor(self) -> FloorModel:
        return FloorModel(self.plan, self.room)

    @cached_property
    def board_contents(self) -> dict[str, tuple]:
        """``{item id: (item, title, gaps, status)}`` for every printed board and sign, resolved
        as the board composer resolves it (content.boards: one source of truth); read, not
        changed, by the content rules (once per check)."""
        from ..content.boards import printable_items, resolve_content

        out = {}
        for w in printable_items(self.plan):
            try:
                bc = resolve_content(self.plan, w)
            except (KeyError, ValueError):
                continue
            out[w.id] = (w, bc.title, list(bc.gaps), bc.status)
        return out

    @property
    def main(self) -> int:
        return self.plan.main_wall

    def t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def wall_items(self, role: Optional[str] = None) -> list[WallItem]:
        return [w for w in self.plan.wall_items if role is None or w.role == role]

    @cached_property
    def flags(self) -> list[WallItem]:
        return [w for w in self.plan.wall_items if w.kind == "flag" or w.role == "flag"]

    @cached_property
    def main_flag(self) -> Optional[WallItem]:
        """The flag on the inside of the main wall (the first, if a plan has several)."""
        for f in self.flags:
            if f.wall == self.main and f.face == "inside":
                return f
        return None

    @cached_property
    def oath_position(self) -> str:
        p = self.opts.oath_position
        return self.profile.oath_position if p == "profile" else p

    def view(self, it: WallItem) -> tuple[float, float]:
        return self.room.walls[it.wall].view_span(float(it.offset), float(it.width))

    def finding(self, rule_id: str, status: str, message: str, measured=None, required=None,
                items=(), source: Optional[str] = None, unit: Optional[str] = None) -> Finding:
        r: Rule = RULES[rule_id]
        return Finding(rule=rule_id, status=status, severity=severity_for(r, self.profile),
                       source=source or self.profile_source(rule_id) or r.source, measured=measured, required=required,
                       unit=r.unit if unit is None else unit, items=tuple(items), message=message)

    def profile_source(self, rule_id: str) -> Optional[str]:
        """For the rules that rest on the profile's own lists, the clauses of this profile
        (``roomplanner.documents.combine``); None for the others."""
        from ..documents import combine
        if rule_id in ("boards.required_present", "content.placeholder"):
            srcs = [b.source for b in self.profile.boards if b.required and b.role not in ("flag", "door_sign")]
        elif rule_id == "furniture.required":
            srcs = [f.source for f in self.profile.furniture if f.required]
        else:
            return None
        own = combine(srcs)
        if rule_id == "content.placeholder":     # the completeness clause, then the boards'
            return f"{RULES[rule_id].source}; {own}" if own else None
        return own or None

    def na(self, rule_id: str, zh: str, en: str, source: Optional[str] = None) -> Finding:
        return self.finding(rule_id, "not_applicable", self.t(zh, en), source=source)

    def match_boards(self, boards: list[BoardSpec], items: list[WallItem]) -> dict[str, Optional[WallItem]]:
        """Match profile boards to plan items: same id and role first, then same role."""
        out: dict[str, Optional[WallItem]] = {}
        used: set[str] = set()
        for b in boards:
            it = next((w for w in items if w.id == b.id and w.role == b.role and w.id not in used), None)
            if it is not None:
                used.add(it.id)
            out[b.id] = it
        for b in boards:
            if out[b.id] is None:
                it = next((w for w in items if w.role == b.role and w.id not in used
                           and not any(bb.id == w.id for bb in boards)), None)
                if it is not None:
                    used.add(it.id)
                out[b.id] = it
        return out


def _ref_date(plan: Plan, today: Optional[_dt.date]) -> _dt.date:
    """The date the checks measure against: the spec's ``date``, else ``today``, else today."""
    if plan.spec.date:
        try:
            return _dt.date.fromisoformat(plan.spec.date)
        except ValueError:
            pass
    return today or _dt.date.today()
