"""The rule catalog (规则目录): every rule the checker applies, as data.

Each :class:`Rule` has a stable ``id`` (area rules start with ``area.``), a one-line Chinese
and English title, a default ``severity`` (``required`` 必须 or ``recommended`` 建议), the
``source`` clause it rests on, the profiles it applies to and the method the checker uses.
Sources are cited as ``SEED doc§clause`` (``000 doc1 §4(二)1``), see
``shared/design/source-rules.md``; ergonomic rules cite ``ergonomics`` or the general
standards named in ``print-and-layout-facts.md`` (JGJ/T 67-2019, GB 50016-2014).

Where the profile carries its own clause and severity (the area rule of each branch type),
the finding reports the profile's clause and severity instead of the catalog default; the
catalog says so in ``severity_note``.

``python -m roomplanner.compliance > docs/rules.md`` (or ``python -m
roomplanner.compliance.catalog``) regenerates the catalog page;
a test checks that the committed page equals the generated one.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable, Optional

from .. import facts
from .. import rules as registry
from ..profiles import Profile, all_profiles
from ..rules import Severity

# ---------------------------------------------------------------- tolerances and limits
# Every tolerance the checks use, in one place (millimetres unless stated).

CENTRE_TOL_MM = 5.0
"""flag.centred: the flag's centre may lie at most this far from the main wall's centre."""
FLAG_SIZE_TOL_MM = 2.0
"""flag.standard_size: a flag's width and height may differ this much from a standard size."""
NUM_EPS = 1e-6
"""Numerical slack added to every ≤ / ≥ comparison so that rotating or translating a plan
(floating-point rounding) never flips a verdict at an exact boundary."""
AREA_EPS_M2 = 1e-6
"""area.*: slack in m² (a room of exactly 30.00 m² meets a 30 m² minimum)."""
OVERLAP_TOL_MM = 0.5
"""items.no_overlap: two wall items overlap when their rectangles share more than this in
both directions; touching edges are allowed."""
OVERLAP_AREA_TOL_MM2 = 1.0
"""items.no_overlap: two floor footprints overlap when they share more than this area."""
INSIDE_TOL_MM = 1.0
"""furniture.inside_room, items.within_wall: how far an item may poke out (drawing rounding)."""
WALL_CONTACT_MM = 100.0
"""items.no_overlap: furniture whose footprint comes within this distance of a wall stands
in front of the boards on that wall (a tall cabinet hiding a board)."""
HEADROOM_MM = facts.HEADROOM_MM
"""passage.width: a wall obstacle whose lower edge is below this height blocks the passage."""
PASSAGE_TOL_MM = 5.0
"""passage.width: the free floor is eroded by ``passage_width / 2 − PASSAGE_TOL_MM``."""
DOOR_START_DEPTH_EXTRA_MM = facts.DOOR_START_DEPTH_EXTRA_MM
"""passage.width: the walk starts at the entrance door's centre, ``passage_width / 2 + this``
inside the room."""
DOOR_SIGN_REACH_MM = 1000.0
"""door_sign.present: a door sign counts as "at the door" within this horizontal distance of
the entrance door's frame, on the outside face of the entrance wall."""
HONOR_MAX_AGE_YEARS = 2
"""honor.recent: an honour older than this many years (plan date's year − honour year) fails
(近两年, 000 doc1 §4(一)6)."""
EXIT_AREA_LIMIT_M2 = 120.0
"""exits.doors: rooms larger than this need two doors (the rule's source)."""
MIN_DOOR_WIDTH_MM = 900.0
"""exits.doors: clear width of an evacuation door (the rule's source, as summarised)."""
TV_ASPECT = (16.0, 9.0)
"""furniture.required: a TV's diagonal is estimated from its footprint width at 16:9."""
MM_PER_INCH = 25.4

FLAG_SIZES_MM = facts.FLAG_SIZES_MM
"""The five standard flag sizes (号), length × width in mm (``roomplanner.facts``)."""


# ---------------------------------------------------------------- the rule record

@dataclass(frozen=True)
class Rule:
    """A checked rule: its registry entry (id, severity, source, titles: ``roomplanner.rules``)
    and how the checker decides it."""

    id: str
    method: str
    """How the checker decides, in one or two sentences (English; shown in docs/rules.md)."""
    applies: Callable[[Profile], bool] = field(default=lambda p: True, compare=False, repr=False)
    """Which profiles the rule can apply to (a plan may still make it not applicable)."""
    applicability: str = "all profiles"
    """The same in words, for the catalog page."""
    severity_note: str = ""
    outcomes: tuple[str, ...] = ("pass", "fail")
    """The statuses besides not_applicable the rule can give; the fixture suite holds one
    plan for each."""
    unit: str = ""

    def __post_init__(self):
        if not registry.RULES[self.id].checked:
            raise ValueError(f"{self.id} is marked as not checked in roomplanner.rules")

    @property
    def title_zh(self) -> str:
        return registry.RULES[self.id].title_zh

    @property
    def title_en(self) -> str:
        return registry.RULES[self.id].title_en

    @property
    def severity(self) -> Severity:
        return registry.RULES[self.id].severity

    @property
    def source(self) -> str:
        return registry.RULES[self.id].source

    def applies_to(self) -> list[str]:
        return [p.id for p in all_profiles() if self.applies(p)]


def _doc1(p: Profile) -> bool:
    return any(d.startswith("000 doc1") for d in p.documents)


def severity_for(rule: Rule, profile: Optional[Profile]) -> Severity:
    """The severity a finding of ``rule`` carries for ``profile`` (see ``severity_note``)."""
    if profile is None:
        return rule.severity
    if rule.id.startswith("area."):
        return profile.area.severity
    if rule.id == "honor.recent":
        return "required" if _doc1(profile) else "recommended"
    return rule.severity


def _has_role(role: str, placement: Optional[str] = None) -> Callable[[Profile], bool]:
    return lambda p: any(b.role == role and (placement is None or b.placement == placement) for b in p.boards)


def _has_furniture(kind: str, required: bool = True) -> Callable[[Profile], bool]:
    return lambda p: any(f.kind == kind and (f.required or not required) for f in p.furniture)


_RULES: list[Rule] = [
    Rule("area.minimum",
         "Area recomputed from the outline with shapely (outline polygon, m²) and compared with the "
         "profile's tier for the branch's member count (tiered) or its fixed minimum; "
         f"slack {AREA_EPS_M2:g} m².",
         applies=lambda p: p.area.kind in ("tiered", "minimum"),
         applicability="profiles with a tiered or fixed minimum area",
         severity_note="the profile's area.severity (general: recommended)", unit="m²"),
    Rule("area.per_member",
         "Area recomputed from the outline and compared with per_member × members × (1 − tolerance), "
         "at least the profile's minimum.",
         applies=lambda p: p.area.kind == "per_member",
         applicability="profiles with a per-member area",
         severity_note="the profile's area.severity", unit="m²"),
    Rule("flag.on_main_wall",
         "Exactly one flag item (kind flag, role flag) on the inside face of the plan's main wall; "
         "when the spec fixes main_wall, the plan's main wall must be that wall."),
    Rule("flag.centred",
         f"Horizontal distance between the flag's centre and the midpoint of the main wall, the wall's "
         f"length recomputed from the outline; tolerance ±{CENTRE_TOL_MM:g} mm.", unit="mm"),
    Rule("flag.standard_size",
         f"The flag item's width × height equals one of "
         f"{', '.join(f'{w}×{h}' for w, h in FLAG_SIZES_MM.values())} mm "
         f"(±{FLAG_SIZE_TOL_MM:g} mm), agrees with its flag_size number and with "
         "options.flag_size when the spec fixes it.", unit="mm"),
    Rule("oath.below_flag",
         "On the main wall, the oath's top is at or below the flag's lower edge and the oath's "
         f"horizontal centre lies on the flag's vertical axis (±{CENTRE_TOL_MM:g} mm, as for flag.centred).",
         applies=lambda p: p.oath_position == "below",
         applicability="profiles with oath_position below, or any plan whose options.oath_position is below"),
    Rule("oath.beside_flag",
         "On the main wall, the oath shares height with the flag, lies on the flag's left as seen "
         "from inside the room, and no other item hangs between them.",
         applies=lambda p: p.oath_position == "beside",
         applicability="profiles with oath_position beside, or any plan whose options.oath_position is beside"),
    Rule("charters.flank_flag",
         "The profile's other main-wall boards hang on the main wall (a movable board may have moved "
         "to a side wall); oath below: they stand left and right of the flag-and-oath column, both "
         "sides used when there are two or more, with no other board between them and the column; "
         "oath beside: the nature board hangs directly right of the flag.",
         applies=lambda p: any(b.placement == "main" and b.role not in ("flag", "oath") for b in p.boards),
         applicability="profiles with main-wall boards besides the flag and the oath"),
    Rule("boards.required_present",
         "Each required board of the profile (other than the flag and the door signs) matches a wall "
         "item by id and role, or else by role.", unit="boards"),
    Rule("honor.on_side_wall",
         "Every honor board (role honor) is on the inside face of a wall other than the main wall.",
         applies=_has_role("honor"), applicability="profiles with an honor board"),
    Rule("honor.recent",
         f"Every content.honors entry is at most {HONOR_MAX_AGE_YEARS} years older than the plan's date "
         "(spec.date, else today) and not later than it.",
         applies=_has_role("honor"), applicability="profiles with an honor board",
         severity_note="required for profiles built on 000 doc1, recommended for the others", unit="years"),
    Rule("honor.photos",
         "Every content.honors entry of kind member names a photo; when the plan's folder is known the "
         "photo must exist inside it and be a readable JPEG or PNG.",
         applies=_has_role("honor"), applicability="profiles with an honor board", unit="photos"),
    Rule("seats.for_members",
         "Chairs (floor items of kind chair whose centre lies inside the room) are counted and compared "
         "with branch.members.",
         applies=_has_furniture("seating"), applicability="profiles that require seating", unit="seats"),
    Rule("items.no_overlap",
         f"Wall items on the same wall face may not overlap (>{OVERLAP_TOL_MM:g} mm both ways); floor "
         f"footprints standing on the floor may not overlap (>{OVERLAP_AREA_TOL_MM2:g} mm²) each other or "
         f"columns; furniture within {WALL_CONTACT_MM:g} mm of a wall and taller than a board's lower "
         "edge may not stand in front of it."),
    Rule("items.within_wall",
         f"Each wall item's span lies within [0, wall length] (length from the outline) and "
         f"[0, ceiling height], ±{INSIDE_TOL_MM:g} mm.", unit="mm"),
    Rule("items.clear_of_openings",
         "Wall items keep options.opening_clearance from every door and window (and, inside, from "
         "wall obstacles and the swing of inward doors on neighbouring walls), horizontally or vertically; "
         "floor furniture stays out of inward door swings and the passage-deep landing inside every "
         "door, and furniture taller than a window's sill does not stand in front of it.", unit="mm"),
    Rule("items.height",
         "Every wall item's lower edge is at least options.min_board_bottom above the floor and its top "
         "at least options.ceiling_margin below the ceiling.", unit="mm"),
    Rule("furniture.inside_room",
         f"Every floor item's footprint lies inside the outline polygon (±{INSIDE_TOL_MM:g} mm); an item "
         "standing on another lies on that item's footprint."),
    Rule("furniture.required",
         "Each required furniture kind of the profile is present in the required count (seating: at "
         "least one chair); a TV with a minimum size has a footprint wide enough for that diagonal at 16:9.",
         applies=lambda p: any(f.required for f in p.furniture),
         applicability="profiles with required furniture"),
    Rule("passage.width",
         "The free floor (room minus tables, cabinets and other floor-standing furniture, and wall "
         "obstacles reaching below 2 m; chairs are movable and do not block) is eroded by "
         "passage_width/2 − 5 mm; the walk starts at the entrance door's centre, passage_width/2 + 10 mm "
         "inside; a chair is reached when its centre lies within passage_width/2 of the connected "
         "part of the eroded floor that holds the start.",
         applies=_has_furniture("seating", required=False),
         applicability="profiles with seating", unit="chairs"),
    Rule("door_sign.present",
         f"Each door sign the profile requires hangs on the outside face of the entrance wall within "
         f"{DOOR_SIGN_REACH_MM:g} mm of the door, titled as the profile names it (NFKC-normalised).",
         applies=lambda p: any(b.role == "door_sign" for b in p.boards),
         applicability="profiles with a door sign"),
    Rule("committee.size",
         "7 or more full members: a committee of 3–5 with a secretary (6–7 needs review, more than 7 "
         "fails); fewer than 7: one secretary and at most one deputy, no other committee members.",
         outcomes=("pass", "fail", "review"), unit="persons"),
    Rule("content.placeholder",
         "Every printed board or sign that matches a required board of the profile (by id and role, else "
         "by role) is resolved as the board composer resolves it (content.boards.board_gaps): a board that "
         "would print a 待填写 placeholder or an empty photo frame fails, naming the board and the missing "
         "content in words with its spec field.",
         outcomes=("pass", "fail"), unit="boards"),
    Rule("content.optional_placeholder",
         "The same for the printed boards that are not required by the profile (optional boards the "
         "solver hung where the walls had room): each one that would print a placeholder fails this "
         "recommended rule — fill it in or leave the board out.",
         outcomes=("pass", "fail"), unit="boards"),
    Rule("content.unverified",
         "Boards that carry a text official-texts.md marks UNVERIFIED, or a template to be checked against "
         "its regulation, are named for review before printing.", outcomes=("pass", "review"), unit="boards"),
    Rule("exits.doors",
         f"A room larger than {EXIT_AREA_LIMIT_M2:g} m² has at least two doors; every door is at least "
         f"{MIN_DOOR_WIDTH_MM:g} mm wide.", unit="doors"),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}
"""The catalog, in report order."""


# ---------------------------------------------------------------- the catalog page

def catalog_markdown() -> str:
    """docs/rules.md, generated from :data:`RULES` and the profiles in layouts/."""
    lines = [
        "# Compliance rules (规则目录)",
        "",
        "<!-- Generated by `python -m roomplanner.compliance > docs/rules.md`; do not edit. -->",
        "",
        "Every rule reports for every plan: `pass`, `fail`, `not_applicable` or `review`. A plan is",
        "compliant when no rule of severity `required` fails. Sources are cited as `SEED doc§clause`",
        "(see the source digest); ergonomic rules cite `ergonomics` or a general building standard.",
        "",
        "| id | severity | 规则 | rule | source | applies to |",
        "|---|---|---|---|---|---|",
    ]
    for r in _RULES:
        sev = r.severity + (" *" if r.severity_note else "")
        profs = r.applies_to()
        applies = "all profiles" if r.applicability == "all profiles" else ", ".join(profs) or "—"
        lines.append(f"| `{r.id}` | {sev} | {r.title_zh} | {r.title_en} | {r.source} | {applies} |")
    lines += ["", "\\* the severity depends on the profile (see the rule).", "", "## Methods", ""]
    for r in _RULES:
        lines.append(f"### `{r.id}` — {r.title_zh}")
        lines.append("")
        lines.append(f"- {r.title_en}.")
        lines.append(f"- Severity: {r.severity}" + (f" ({r.severity_note})" if r.severity_note else "") + ".")
        lines.append(f"- Source: {r.source}.")
        lines.append(f"- Applies to: {r.applicability} ({', '.join(r.applies_to()) or 'none'}).")
        lines.append(f"- Method: {r.method}")
        if r.unit:
            lines.append(f"- Unit of measured / required: {r.unit}.")
        lines.append(f"- Outcomes: {', '.join(r.outcomes)}, not_applicable.")
        lines.append("")
    lines += ["## Rules the solver applies", "",
              "The solver also places by these rules; the checker measures their outcome through the rules "
              "above and does not report them itself.", "",
              "| id | 规则 | rule | source |", "|---|---|---|---|"]
    for rid in sorted(registry.SOLVER_ONLY):
        d = registry.RULES[rid]
        lines.append(f"| `{d.id}` | {d.title_zh} | {d.title_en} | {d.source} |")
    lines += ["", "## Tolerances", "", "| constant | value | meaning |", "|---|---|---|"]
    mod = sys.modules[__name__]
    for name in ("CENTRE_TOL_MM", "FLAG_SIZE_TOL_MM", "NUM_EPS", "AREA_EPS_M2", "OVERLAP_TOL_MM",
                 "OVERLAP_AREA_TOL_MM2", "INSIDE_TOL_MM", "WALL_CONTACT_MM", "HEADROOM_MM", "PASSAGE_TOL_MM",
                 "DOOR_START_DEPTH_EXTRA_MM", "DOOR_SIGN_REACH_MM", "HONOR_MAX_AGE_YEARS", "EXIT_AREA_LIMIT_M2",
                 "MIN_DOOR_WIDTH_MM"):
        lines.append(f"| `{name}` | {getattr(mod, name):g} | {_doc_of(name)} |")
    return "\n".join(lines) + "\n"


def _doc_of(name: str) -> str:
    """The docstring that follows a constant in this file (first sentence, one line)."""
    import inspect
    src = inspect.getsource(sys.modules[__name__])
    key = f"\n{name} = "
    i = src.find(key)
    if i < 0:
        return ""
    j = src.find('"""', i)
    k = src.find('"""', j + 3)
    return " ".join(src[j + 3:k].split())


def main() -> int:
    sys.stdout.buffer.write(catalog_markdown().encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
