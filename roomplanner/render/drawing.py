"""Drawings (图纸): the floor plan (平面布置图) and the wall elevations (立面图) of a plan, at a
true, stated scale.

The *frontend* turns a :class:`~roomplanner.model.plan.Plan` into
:class:`~roomplanner.render.primitives.Page` objects (lines, polygons, arcs, text and
dimensions in millimetres on paper): :mod:`.planview` (the floor plan), :mod:`.elevations`
(elevations), :mod:`.schedule` (the installation schedule), on the sheets of :mod:`.titleblock` (frame, title
block, scale bar, legend), with the labels of :mod:`.labels` and the colours, weights and names
of :mod:`.style`. The backends :mod:`~roomplanner.render.svg` and :mod:`~roomplanner.render.pdf`
write them; this module assembles the set (:func:`drawing_set`) and the files
(:func:`drawing_files`, with ``installation.csv`` from :mod:`~roomplanner.render.installation`).

Conventions
-----------
* Plan coordinates are the outline's: millimetres, y up. On paper y points down; the plan is
  drawn as seen from above with y up (north up if the outline was drawn so).
* Paper and scale come from :mod:`~roomplanner.render.sheets` (A3 landscape, A2/A1 only when
  needed; 1:20 … 1:100, the largest that fits), chosen per sheet: the floor plan and each
  elevation have their own. One paper millimetre is ``scale`` real millimetres.
* Elevations are seen from inside the room (``face="inside"``); the x axis runs from the
  wall's left end *as seen by the viewer* (:meth:`~roomplanner.model.geometry.Wall.viewer_left`).
  The outside view of a wall (door signs, the branch plaque) is mirrored: its x runs from the
  left end as seen from outside.
* Every length written on a drawing is rounded to the whole millimetre, halves up
  (:func:`fmt_mm`); ``installation.csv`` uses the same rounding.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional


from ..errors import RenderError
from ..model.plan import Plan
from .primitives import Page
from .elevations import _elevation_page, elevation_sheet, elevation_views
from .installation import installation_csv
from .pdf import pdf_bytes
from .schedule import schedule_page_count, schedule_pages
from .planview import floor_plan_page
from .style import tr
from .svg import svg_string

# ====================================================================== public entry

@dataclass
class DrawingSet:
    """Every page of a plan's drawings: the floor plan, then the elevations and the schedule."""
    floorplan: Page
    elevations: list[Page]      # one per (wall, face), then the schedule pages
    walls: list[tuple[int, str]]


def drawing_set(plan: Plan, lang: str = "zh", date: Optional[str] = None) -> DrawingSet:
    """Every page of the drawings as primitives (nothing written)."""
    if lang not in ("zh", "en"):
        raise RenderError(f"lang must be 'zh' or 'en', got {lang!r}")
    d = resolve_date(plan, date)
    fp = floor_plan_page(plan, lang, d)
    views = elevation_views(plan)
    sheet = elevation_sheet(plan)          # the schedule's paper
    el = elevation_pages(plan, lang, d)
    el += schedule_pages(plan, sheet, lang, d, len(views) + 1, len(el) + schedule_page_count(plan, sheet))
    return DrawingSet(fp, el, views)


def elevation_pages(plan: Plan, lang: str, date: str) -> list[Page]:
    """The elevation sheets alone (no floor plan, no schedule), numbered as in
    ``elevations.pdf``: each on its own sheet, at the largest scale at which that wall fits."""
    views = elevation_views(plan)
    total = len(views) + schedule_page_count(plan, elevation_sheet(plan))
    return [_elevation_page(plan, i, face, None, lang, date, k + 1, total) for k, (i, face) in enumerate(views)]


def resolve_date(plan: Plan, date: Optional[str]) -> str:
    """The date written on the sheets: the argument, else the spec's ``date``, else today."""
    if date:
        return str(date)
    if plan.spec.date:
        return plan.spec.date
    return _dt.date.today().isoformat()


def drawing_files(plan: Plan, lang: str = "zh", outline_text: bool = False,
                  date: Optional[str] = None) -> dict[str, bytes]:
    """The drawings of ``plan`` in memory, by relative path: ``floorplan.svg``,
    ``floorplan.pdf``, ``elevations.pdf`` (one page per elevation, then the installation
    schedule), ``elevations/wall-<i>.svg`` (``wall-<i>-outside.svg`` for an outside view) and
    ``installation.csv`` (UTF-8 with BOM, for spreadsheet programs).

    ``outline_text`` draws every glyph as a path (转曲): the SVGs then contain no ``<text>``
    element and the PDFs embed no font. Deterministic: the same plan, language and date give
    the same bytes."""
    ds = drawing_set(plan, lang, date)
    d = resolve_date(plan, date)
    name = plan.spec.branch.name
    title = f"{name} · {tr('floor_plan', lang)}"
    files = {
        "floorplan.svg": svg_string(ds.floorplan, outline_text, title).encode("utf-8"),
        "floorplan.pdf": pdf_bytes([ds.floorplan], outline_text, title, d),
        "elevations.pdf": pdf_bytes(ds.elevations, outline_text, f"{name} · {tr('elevation', lang)}", d),
    }
    for pg in ds.elevations:
        if pg.meta.get("kind") == "elevation":
            files[f"elevations/{pg.name}.svg"] = svg_string(pg, outline_text, f"{name} · {pg.name}").encode("utf-8")
    files["installation.csv"] = b"\xef\xbb\xbf" + installation_csv(plan).encode("utf-8")
    return files


def render_drawings(plan: Plan, out_dir: Path, lang: str = "zh", outline_text: bool = False,
                    date: Optional[str] = None) -> list[Path]:
    """Write the drawings of ``plan`` (:func:`drawing_files`) into ``out_dir`` and return the
    paths written. Stale ``elevations/wall-*.svg`` from an earlier run are removed."""
    out_dir = Path(out_dir)
    files = drawing_files(plan, lang, outline_text, date)
    written: list[Path] = []
    (out_dir / "elevations").mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        target = out_dir / rel
        target.write_bytes(data)
        written.append(target)
    for old in sorted((out_dir / "elevations").glob("wall-*.svg")):
        if f"elevations/{old.name}" not in files:
            old.unlink()
    return written
