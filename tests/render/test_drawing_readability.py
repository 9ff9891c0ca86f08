"""Readable drawings (issue 11 point 9), measured on the PDFs themselves.

* Every text on the floor plan and the elevations is at least 3.5 mm high on the sheet if it
  contains 汉字, at least 2.5 mm if it is digits or Latin (GB/T 14691, GB/T 50001). The
  measure is the font size in millimetres on the paper: the PDF's font size times the scale
  of the text matrix and the CTM (pypdf's text visitor), in points, × 25.4/72.
* The scale chosen makes the drawing fill at least half of the drawing area in its limiting
  direction.
* Labels do not overlap one another and stay inside the frame; the numbered-label list never
  overflows.
* Every board is labelled by its own name: in English, no two different Chinese titles get
  the same English name.

Run for every example with a room (``venue`` not ``none``) that the solver can furnish.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from roomplanner.errors import InfeasibleError
from roomplanner.model.spec import load_spec
from roomplanner.render.drawing import drawing_files, drawing_set
from roomplanner.render.elevations import elevation_extent
from roomplanner.render.labels import tw
from roomplanner.render.primitives import Dimension, Text, explode
from roomplanner.render.sheets import A3, fill_ratio
from roomplanner.render.style import EL_PAD_BOTTOM, EL_PAD_LEFT, EL_PAD_RIGHT, EL_PAD_TOP, PLAN_PAD, has_han, item_title
from roomplanner.solver import solve

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DATE = "2026-01-15"


def _room_examples() -> list[str]:
    out = []
    for p in sorted(EXAMPLES.glob("*.yaml")):
        spec = load_spec(p)
        if spec.venue != "none":
            out.append(p.stem)
    return out


ROOM_EXAMPLES = _room_examples()


@lru_cache(maxsize=None)
def _plan(name: str):
    try:
        return solve(load_spec(EXAMPLES / f"{name}.yaml"))
    except InfeasibleError as exc:     # an example of an infeasible room: nothing to draw
        pytest.skip(f"{name}: no plan ({type(exc).__name__})")


@lru_cache(maxsize=None)
def _files(name: str, lang: str) -> dict[str, bytes]:
    return drawing_files(_plan(name), lang, False, DATE)


def pdf_text_sizes(data: bytes) -> list[tuple[int, str, float]]:
    """(page, text, font size in mm on the sheet) of every text run of a PDF."""
    runs: list[tuple[int, str, float]] = []
    reader = PdfReader(io.BytesIO(data))
    for k, page in enumerate(reader.pages):
        def visit(text, cm, tm, font, size, k=k):
            if not text.strip():
                return
            c, d = tm[2], tm[3]
            A, B, C, D = cm[0], cm[1], cm[2], cm[3]
            # the text space's vertical unit vector through Tm × CTM, in points
            vy = (c * A + d * C, c * B + d * D)
            runs.append((k + 1, text.strip(), size * math.hypot(*vy) * 25.4 / 72.0))
        page.extract_text(visitor_text=visit)
    return runs


def _assert_sizes(runs, where):
    assert runs, f"{where}: no live text found"
    bad = [(pg, t, round(s, 3)) for pg, t, s in runs if s < (3.5 if has_han(t) else 2.5) - 1e-3]
    assert not bad, f"{where}: text below 3.5 mm (汉字) / 2.5 mm (digits, Latin): {bad[:12]}"


@pytest.mark.parametrize("name", ROOM_EXAMPLES)
def test_drawing_text_heights_on_the_pdf(name):
    files = _files(name, "zh")
    for f in ("floorplan.pdf", "elevations.pdf"):
        runs = pdf_text_sizes(files[f])
        _assert_sizes(runs, f"{name}/{f}")
        # both scripts are there: the check did read 汉字 and digits
        assert any(has_han(t) for _, t, _ in runs) and any(t.isdigit() for _, t, _ in runs)


@pytest.mark.parametrize("name", ["enterprise-9x6", "general-8x5", "rural-committee-large"])
def test_drawing_text_heights_in_english(name):
    files = _files(name, "en")
    for f in ("floorplan.pdf", "elevations.pdf"):
        _assert_sizes(pdf_text_sizes(files[f]), f"{name}/{f} (en)")


def test_measure_reads_the_size_written():
    """The measuring helper is not blind: a page known to carry 2.5 mm ordinates and a
    5 mm title block heading reports those sizes."""
    runs = pdf_text_sizes(_files("enterprise-9x6", "zh")["elevations.pdf"])
    sizes = {round(s, 2) for _, _, s in runs}
    assert 2.5 in sizes and 5.0 in sizes
    assert min(sizes) >= 2.5 - 1e-3


def _boxes(page):
    """Axis-aligned boxes (mm) of every text primitive of a page (rotated texts turned)."""
    out = []
    for prim in page.primitives:
        for q in (explode(prim) if isinstance(prim, Dimension) else [prim]):
            if not isinstance(q, Text) or not q.text.strip():
                continue
            w = tw(q.text, q.size, q.font)
            off = {"start": 0.0, "middle": -w / 2, "end": -w}[q.anchor]
            t = math.radians(q.angle)
            ux, uy = math.cos(t), -math.sin(t)
            vx, vy = -math.sin(t), -math.cos(t)          # up, on the y-down sheet
            pts = []
            for s_ in (off, off + w):
                for h in (-0.12 * q.size, 0.88 * q.size):
                    pts.append((q.pos[0] + ux * s_ + vx * h, q.pos[1] + uy * s_ + vy * h))
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            out.append((min(xs), min(ys), max(xs), max(ys), q.text, q.layer))
    return out


@pytest.mark.parametrize("name", ROOM_EXAMPLES)
def test_labels_do_not_overlap_and_stay_on_the_sheet(name):
    ds = drawing_set(_plan(name), "zh", DATE)
    for page in [ds.floorplan] + [p for p in ds.elevations if p.meta.get("kind") == "elevation"]:
        assert not page.meta.get("keys_overflow"), f"{name}/{page.name}: numbered labels overflow"
        sheet = page.meta["sheet"]
        fx0, fy0, fx1, fy1 = sheet.frame
        boxes = _boxes(page)
        for b in boxes:
            assert fx0 <= b[0] and b[2] <= fx1 and fy0 <= b[1] and b[3] <= fy1, f"{name}/{page.name}: {b[4]!r} off the frame"
        # labels (not the dimension figures, whose chains are spaced by their own code)
        labels = [b for b in boxes if b[5] == "label"]
        for i in range(len(labels)):
            for j in range(i + 1, len(labels)):
                a, c = labels[i], labels[j]
                ov_x = min(a[2], c[2]) - max(a[0], c[0])
                ov_y = min(a[3], c[3]) - max(a[1], c[1])
                assert not (ov_x > 0.3 and ov_y > 0.3), f"{name}/{page.name}: {a[4]!r} overlaps {c[4]!r}"


@pytest.mark.parametrize("name", ROOM_EXAMPLES)
def test_scale_makes_the_drawing_fill_the_sheet(name):
    plan = _plan(name)
    ds = drawing_set(plan, "zh", DATE)
    fp = ds.floorplan
    outer = fp.meta["outer"]
    minx, miny, maxx, maxy = outer.bounds
    sheet = fp.meta["sheet"]
    assert sheet.paper is A3, "a room of the examples fits A3"
    assert fill_ratio(sheet, maxx - minx, maxy - miny, 2 * PLAN_PAD, 2 * PLAN_PAD) >= 0.5
    for page in ds.elevations:
        if page.meta.get("kind") != "elevation":
            continue
        s = page.meta["sheet"]
        w, h = elevation_extent(plan, page.meta["wall"])
        r = fill_ratio(s, w, h, EL_PAD_LEFT + EL_PAD_RIGHT, EL_PAD_TOP + EL_PAD_BOTTOM)
        assert r >= 0.5, f"{name}/{page.name}: the drawing fills {r:.0%} of the area at 1:{s.scale}"
        # and the scale is stated where the reader looks: title block and scale bar
        texts = [q.text for q in page.find(Text)]
        assert sum(f"1:{s.scale}" in t for t in texts) >= 2


@pytest.mark.parametrize("name", ROOM_EXAMPLES)
def test_every_board_has_its_own_english_name(name):
    plan = _plan(name)
    by_en: dict[str, set[str]] = {}
    for it in plan.wall_items:
        by_en.setdefault(item_title(it, "en"), set()).add(it.title)
    for en, titles in by_en.items():
        assert not has_han(en) or "(" in en, f"{name}: {en!r} has no English name"
        if any(it.role != "branch_plaque" for it in plan.wall_items if item_title(it, "en") == en):
            assert len(titles) == 1, f"{name}: boards {sorted(titles)} are all labelled {en!r}"


def _venue_examples() -> list[str]:
    return [p.stem for p in sorted(EXAMPLES.glob("*.yaml")) if load_spec(p).venue == "none"]


@pytest.mark.parametrize("name", _venue_examples())
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_class3_venue_drawings_are_readable_and_fill_the_sheet(name, lang):
    """A branch without a room (venue: none): the wall elevations meet the same sizes, each
    wall at its own scale filling at least half of the drawing area, with a scale bar."""
    from roomplanner.render.venue import venue_drawing_files, venue_pages
    plan = solve(load_spec(EXAMPLES / f"{name}.yaml"))
    files = venue_drawing_files(plan, lang, False, DATE)
    _assert_sizes(pdf_text_sizes(files["elevations.pdf"]), f"{name}/elevations.pdf ({lang})")
    for page, i in zip(venue_pages(plan, lang, DATE), range(99)):
        wall = plan.spec.venue_walls.wall(i)
        s = page.meta["sheet"]
        assert fill_ratio(s, float(wall.length), float(wall.height), EL_PAD_LEFT + EL_PAD_RIGHT,
                          EL_PAD_TOP + EL_PAD_BOTTOM) >= 0.5
        assert page.find(Text, layer="scalebar")
        assert not page.meta.get("keys_overflow")
