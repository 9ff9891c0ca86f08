"""Hostile input (恶意输入): what the checker refuses before it measures anything.

``load_plan`` (roomplanner.model.plan) already caps the file size (8 MiB), the nesting depth
(32), the list lengths (2000 items) and rejects NaN, wrong types and unknown keys. This module
adds what a *checker* needs on top, each problem raised as
:class:`~roomplanner.errors.PlanFileError` (exit code 2) with the field path:

* absurd sizes: a room wider than :data:`MAX_ROOM_SPAN_MM` or larger than
  :data:`MAX_ROOM_AREA_M2`, coordinates beyond :data:`MAX_COORDINATE_MM`, more than
  :data:`MAX_TOTAL_ITEMS` items in all;
* floor footprints that cross themselves or have no area; ``mount: on`` without a valid
  ``on`` item (missing, itself, or a cycle);
* photo paths (``content.honors[].photo``, ``content.members[].photo``) that are absolute,
  contain ``..``, or resolve (symlinks followed) outside the plan's folder; photo files larger
  than :data:`MAX_PHOTO_BYTES`, not JPEG/PNG, or with more than :data:`MAX_PHOTO_PIXELS`
  pixels (checked from the header, before any decoding: image "bombs").

Nothing outside the plan's folder is ever opened: paths are checked before any read.
The limits are documented in docs/checker.md.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Optional

from shapely.geometry import Polygon
from shapely.validation import explain_validity

from ..errors import PlanFileError
from ..facts import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, PHOTO_FORMATS
from ..facts import limit_pillow as _limit_pillow
from ..model.paths import contained_path, unsafe_path_reason as _unsafe
from ..model.plan import Plan

from ..model.spec import MAX_COORDINATE as MAX_COORDINATE_MM   # the spec's limits, shared
from ..model.spec import MAX_ROOM_AREA_M2, MAX_ROOM_SPAN as MAX_ROOM_SPAN_MM
MAX_ITEM_HEIGHT_MM = 20_000.0
MAX_TOTAL_ITEMS = 2_000            # wall + floor items together


def validate_plan(plan: Plan, source: str = "<plan>", base_dir: Optional[Path] = None) -> None:
    """Raise PlanFileError for anything the checker will not measure. With ``base_dir``, the
    photo paths are also resolved against it and the files' headers inspected."""
    problems: list[str] = []
    spec = plan.spec
    xs = [float(p[0]) for p in spec.room.outline]
    ys = [float(p[1]) for p in spec.room.outline]
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    if span > MAX_ROOM_SPAN_MM:
        problems.append(f"spec.room.outline: the room is {span / 1000:.1f} m across, more than the "
                        f"{MAX_ROOM_SPAN_MM / 1000:g} m a checker accepts (coordinates are millimetres)")
    else:
        area = Polygon(list(zip(xs, ys))).area / 1e6
        if area > MAX_ROOM_AREA_M2:
            problems.append(f"spec.room.outline: the room's area is {area:.0f} m², more than the "
                            f"{MAX_ROOM_AREA_M2:g} m² a checker accepts")
    total = len(plan.wall_items) + len(plan.floor_items)
    if total > MAX_TOTAL_ITEMS:
        problems.append(f"plan: {total} items in all, more than the {MAX_TOTAL_ITEMS} a checker accepts")

    for k, it in enumerate(plan.wall_items):
        for name in ("offset", "bottom", "width", "height"):
            v = float(getattr(it, name))
            if abs(v) > MAX_COORDINATE_MM:
                problems.append(f"wall_items[{k}].{name}: {v:g} mm is beyond the {MAX_COORDINATE_MM / 1000:g} m limit")

    ids = {it.id for it in plan.floor_items}
    by_id = {it.id: it for it in plan.floor_items}
    for k, it in enumerate(plan.floor_items):
        path = f"floor_items[{k}]"
        bad_coord = False
        for j, (x, y) in enumerate(it.footprint):
            if abs(float(x)) > MAX_COORDINATE_MM or abs(float(y)) > MAX_COORDINATE_MM:
                problems.append(f"{path}.footprint[{j}]: point ({float(x):g}, {float(y):g}) is beyond the "
                                f"{MAX_COORDINATE_MM / 1000:g} m limit")
                bad_coord = True
                break
        if float(it.height) > MAX_ITEM_HEIGHT_MM:
            problems.append(f"{path}.height: {float(it.height):g} mm is more than {MAX_ITEM_HEIGHT_MM:g} mm")
        b = getattr(it, "bottom", None)
        if b is not None and float(b) > MAX_ITEM_HEIGHT_MM:
            problems.append(f"{path}.bottom: {float(b):g} mm is more than {MAX_ITEM_HEIGHT_MM:g} mm")
        if not bad_coord:
            poly = Polygon([(float(x), float(y)) for x, y in it.footprint])
            if not poly.is_valid:
                problems.append(f"{path}.footprint: the outline crosses itself ({explain_validity(poly)}); "
                                "list the corners in order")
            elif poly.area < 1.0:
                problems.append(f"{path}.footprint: the footprint has no area")
        if it.mount == "on":
            if not it.on:
                problems.append(f"{path}.on: mount is 'on' but no item is named to stand on")
            elif it.on == it.id:
                problems.append(f"{path}.on: an item cannot stand on itself")
            elif it.on not in ids:
                problems.append(f"{path}.on: no floor item has id {it.on!r}")
            else:
                seen = {it.id}
                cur = by_id[it.on]
                while cur.mount == "on" and cur.on:
                    if cur.id in seen:
                        problems.append(f"{path}.on: items stand on each other in a cycle")
                        break
                    seen.add(cur.id)
                    cur = by_id.get(cur.on)
                    if cur is None:
                        break
        elif it.on is not None:
            problems.append(f"{path}.on: set, but mount is {it.mount!r} (use mount: on)")

    problems.extend(photo_problems(plan, base_dir))
    if problems:
        raise PlanFileError(problems, source)


def photo_paths(plan: Plan) -> list[tuple[str, str]]:
    """(field path, photo path) of every photo the plan's content names."""
    out = []
    c = plan.spec.content
    for k, h in enumerate(c.honors):
        if h.photo is not None:
            out.append((f"spec.content.honors[{k}].photo", h.photo))
    for k, m in enumerate(c.members):
        if m.photo is not None:
            out.append((f"spec.content.members[{k}].photo", m.photo))
    return out


def unsafe_path_reason(p: str) -> Optional[str]:
    """Why a photo path may not be used, judged from the text alone (no file access)."""
    return _unsafe(p, "the plan's folder")


def resolve_photo(base_dir: Path, p: str, field: str) -> Path:
    """The real path of photo ``p`` inside ``base_dir``; PlanFileError when it would leave it."""
    try:
        return contained_path(base_dir, p, "the plan's folder")
    except ValueError as exc:
        raise PlanFileError([f"{field}: {exc}"]) from None


def inspect_photo(real: Path, p: str, field: str) -> Optional[str]:
    """Check one photo file's header without decoding it. Returns ``None`` when the file is
    fine, ``"missing"`` when it does not exist; raises PlanFileError when it is hostile."""
    if not real.exists():
        return "missing"
    if not real.is_file():
        raise PlanFileError([f"{field}: {p!r} is not a file"])
    size = real.stat().st_size
    if size > MAX_PHOTO_BYTES:
        raise PlanFileError([f"{field}: {p!r} is {size} bytes, more than the {MAX_PHOTO_BYTES >> 20} MiB "
                             "allowed for a photo"])
    from PIL import Image, UnidentifiedImageError
    _limit_pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(real, formats=list(PHOTO_FORMATS)) as im:   # reads the header only
                w, h = im.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PlanFileError([f"{field}: {p!r} has more than {MAX_PHOTO_PIXELS} pixels (an image bomb?)"]) from None
    except UnidentifiedImageError:
        raise PlanFileError([f"{field}: {p!r} is not a JPEG or PNG image"]) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise PlanFileError([f"{field}: {p!r} cannot be read as an image ({exc})"]) from None
    if w * h > MAX_PHOTO_PIXELS:
        raise PlanFileError([f"{field}: {p!r} is {w}×{h} = {w * h} pixels, more than the "
                             f"{MAX_PHOTO_PIXELS} allowed (an image bomb?)"])
    if w < 1 or h < 1:
        raise PlanFileError([f"{field}: {p!r} has no pixels"])
    return None


def photo_problems(plan: Plan, base_dir: Optional[Path]) -> list[str]:
    problems = []
    for field, p in photo_paths(plan):
        if base_dir is None:
            continue   # no folder: the paths are not used and no file is read
        try:
            real = resolve_photo(base_dir, p, field)
            inspect_photo(real, p, field)
        except PlanFileError as exc:
            problems.extend(exc.problems)
    return problems


def photo_status(plan: Plan, base_dir: Optional[Path], p: str, field: str) -> str:
    """``ok`` or ``missing`` for a photo that passed :func:`validate_plan`; ``unchecked``
    without a folder."""
    if base_dir is None:
        return "unchecked"
    real = resolve_photo(base_dir, p, field)
    return "missing" if inspect_photo(real, p, field) == "missing" else "ok"


MAX_ABS_NUMBER = 1e15
"""Any number in a plan file: beyond this it is not a measurement (and would overflow floats)."""


def number_problems(data, limit: int = 20) -> list[str]:
    """Field paths of numbers too large to be measurements (a 10^400 integer would overflow
    every float conversion downstream). Walks the parsed document without recursion."""
    out: list[str] = []
    stack = [(data, "plan")]
    while stack and len(out) < limit:
        obj, path = stack.pop()
        if isinstance(obj, dict):
            for k, v in obj.items():
                stack.append((v, f"{path}.{k}" if path != "plan" else str(k)))
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                stack.append((v, f"{path}[{i}]"))
        elif isinstance(obj, int) and not isinstance(obj, bool):
            if abs(obj) > MAX_ABS_NUMBER:
                out.append(f"{path}: {str(obj)[:20]}{'…' if len(str(obj)) > 20 else ''} is too large "
                           f"(at most {MAX_ABS_NUMBER:g})")
        elif isinstance(obj, float):
            if obj != obj or abs(obj) > MAX_ABS_NUMBER:
                out.append(f"{path}: {obj!r} is not a usable number (at most {MAX_ABS_NUMBER:g}, not NaN)")
    return sorted(out)


def plan_for_check(data, source: str, base_dir: Optional[Path], lang: Optional[str] = None) -> Plan:
    """Validate parsed plan data for the checker: numbers, the plan model, then
    :func:`validate_plan`. Messages of the plan model in ``lang`` (default Chinese)."""
    from ..model.plan import plan_from_data
    probs = number_problems(data)
    if probs:
        raise PlanFileError(probs, source, lang=lang)
    plan = plan_from_data(data, source, lang=lang)
    if plan.spec.venue != "none":   # a class-3 venue has no room: compliance/venues.py validates it
        validate_plan(plan, source, base_dir)
    return plan


def load_plan_for_check(path: str | Path, lang: Optional[str] = None) -> tuple[Plan, Path]:
    """Load a plan file for checking: the safe reader of ``load_plan`` (size, depth, no
    aliases), a scan for absurd numbers, the plan model, then :func:`validate_plan` with the
    plan's own folder as the only place photos may come from."""
    from ..model.plan import MAX_PLAN_BYTES
    from ..model.safeload import read_document
    path = Path(path)
    data = read_document(path, "plan", PlanFileError, max_bytes=MAX_PLAN_BYTES, lang=lang)
    base = path.parent if str(path.parent) else Path(".")
    return plan_for_check(data, str(path), base, lang), base


def loads_plan_for_check(text: str | bytes, source: str = "<plan>", lang: Optional[str] = None) -> Plan:
    """Like :func:`load_plan_for_check` for text; no folder, so no photo file is read."""
    from ..model.plan import MAX_PLAN_BYTES
    from ..model.safeload import parse_document
    raw = text.encode("utf-8") if isinstance(text, str) else text
    data = parse_document(raw, source, "plan", PlanFileError, json_first=True, max_bytes=MAX_PLAN_BYTES, lang=lang)
    return plan_for_check(data, source, None, lang)
