"""One drawing model (issue 9, point 2): drawings and boards are pages of the same primitives
(``roomplanner.draw.primitives``), written by the same backends; tests read boards through the
recording backend instead of pixels."""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

import roomplanner.printing as printing_pkg
from roomplanner.draw import primitives as prim
from roomplanner.draw.pdf import PdfBackend, pdf_bytes
from roomplanner.draw.primitives import (CMYK, DRAWN_KINDS, PRIMITIVES, Arc, Emblem, Image, Line, Page, Polygon,
                                         Polyline, PressSheet, Rect, Text, circle, paint, record)
from roomplanner.draw.svg import SvgBackend, svg_string
from roomplanner.printing.boards import compose_boards
from roomplanner.printing.templates import load_palette

from .fixtures import make_photo


def test_printing_defines_no_primitive_classes_of_its_own():
    """No module of roomplanner.printing defines a drawing operation class (a class with a
    ``kind`` or one named like the board ops of old); the old names are the model's classes."""
    old_ops = {"Rect", "Line", "Poly", "Polygon", "Circle", "TextRun", "Text", "Picture", "Image", "EmblemMark",
               "Emblem", "Arc", "Polyline"}
    for path in Path(printing_pkg.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                assert node.name not in old_ops, f"{path.name} defines {node.name}"
                assigns = {t.id for n in node.body if isinstance(n, ast.Assign) for t in n.targets
                           if isinstance(t, ast.Name)}
                assert "kind" not in assigns, f"{path.name}: {node.name} looks like a primitive"
    from roomplanner.printing import boardart
    assert (boardart.TextRun, boardart.Poly, boardart.Picture, boardart.EmblemMark) == (Text, Polygon, Image, Emblem)
    from roomplanner.render import primitives as render_primitives
    assert render_primitives.Page is Page and render_primitives.Line is Line   # drawings: the same model


def test_every_board_is_made_of_model_primitives(example_plans, full):
    plan, spec_dir = full
    arts = compose_boards(plan, spec_dir) + compose_boards(example_plans["enterprise-9x6"], spec_dir)
    kinds = set()
    for art in arts:
        for op in art.ops:
            assert isinstance(op, PRIMITIVES), (art.id, op)
            kinds.add(type(op))
    assert {Rect, Line, Polygon, Arc, Text, Image} <= kinds


class _TestArtwork:
    """A stand-in for the user's artwork file (a test pattern, not an emblem)."""

    def draw_pdf(self, c, x, y, w, h):
        c.rect(x, y, w, h, stroke=0, fill=1)

    def svg_image(self):
        return "image/svg+xml", "PHN2Zy8+"


def _one_of_each(photo_jpeg: bytes, layer: str | None = None) -> list:
    red, gold = CMYK(0, 100, 100, 10), "#c8a040"
    kw = {"layer": layer} if layer else {}
    return [
        Rect(5, 5, 60, 30, paint(fill=red, stroke=gold, width=0.5, dash=(2, 1)), radius=2, **kw),
        Line((5, 40), (65, 40), paint(stroke=gold, width=0.3, cap="round"), **kw),
        Polyline(((5, 45), (20, 50), (35, 45)), Style_(gold), **kw),
        Polygon(((40, 45), (60, 45), (50, 55)), paint(fill=red), **kw),
        circle((75, 20), 8, paint(fill=gold, stroke=red, width=0.4), **kw),
        Arc((75, 45), 6, 0, 90, Style_(red), **kw),
        Text((5, 65), "入党誓词", 6, font="sans", color=red, tracking=1.0, where="test text", **kw),
        Text((95, 65), "党旗", 4, anchor="end", angle=90, color=gold, **kw),
        Image(70, 55, 20, 15, photo_jpeg, photo_jpeg, (60, 80), **kw),
        Emblem(5, 70, 15, 10, _TestArtwork(), **kw),
    ]


def Style_(colour):
    return paint(stroke=colour, width=0.35)


@pytest.fixture(scope="module")
def photo_jpeg(tmp_path_factory):
    from PIL import Image as PILImage

    src = make_photo(tmp_path_factory.mktemp("photo") / "p.jpg", 3, size=(60, 80))
    buf = io.BytesIO()
    PILImage.open(src).convert("CMYK").save(buf, "JPEG")
    return buf.getvalue()


@pytest.mark.parametrize("press", [False, True], ids=["drawing page", "press page"])
def test_both_backends_accept_every_primitive_kind(photo_jpeg, press):
    for backend in (SvgBackend, PdfBackend, prim.RecordingBackend):
        missing = [k for k in DRAWN_KINDS if not callable(getattr(backend, k, None))]
        assert not missing, (backend.__name__, missing)
    prims = _one_of_each(photo_jpeg, None if press else "label")
    if press:
        page = Page.press_page(PressSheet((100, 80), 3.0, title="test"), prims, "test")
    else:
        page = Page(100, 80, "test")
        page.extend(prims)
    rec = record([page])
    assert [c[0] for c in rec.calls[2:-1]] == [p.kind for p in prims]
    # SVG: one element per primitive, colours as sRGB
    svg = svg_string(page)
    for tag in ("<rect", "<line", "<circle", "<image", "<path"):
        assert tag in svg
    assert 'data:image/svg+xml;base64,PHN2Zy8+' in svg
    assert "#e60000" in svg.lower()          # CMYK 0/100/100/10 written as its sRGB approximation
    if press:
        assert "<text" not in svg and "<use" in svg and 'data-trim="100 80"' in svg
    else:
        assert "<text" in svg
    # PDF: the same page through the one PDF backend
    if press:
        from roomplanner.printing.pdf import new_canvas

        buf = io.BytesIO()
        c = new_canvas(buf, (page.width * 72 / 25.4, page.height * 72 / 25.4), "test")
        prim.draw_page(page, PdfBackend(c))
        c.save()
        data = buf.getvalue()
    else:
        data = pdf_bytes([page])
    r = PdfReader(io.BytesIO(data))
    ops = [op for _a, op in ContentStream(r.pages[0].get_contents(), r).operations]
    assert b"Do" in ops                           # the photo (an image XObject)
    assert b"re" in ops                           # the test artwork's own drawing
    assert b"Tj" in ops or b"TJ" in ops           # live text
    assert ops.count(b"c") >= 8                   # the rounded corners, the circle's curves
    if press:
        assert (b"k" in ops or b"K" in ops) and b"rg" not in ops and b"RG" not in ops   # CMYK only
        trim = [float(v) for v in r.pages[0]["/TrimBox"]]
        assert trim == pytest.approx([3 * 72 / 25.4, 3 * 72 / 25.4, 103 * 72 / 25.4, 83 * 72 / 25.4], abs=1e-3)


def test_oath_board_recorded_title_in_the_header_and_red_ground(example_plans, tmp_path):
    """The oath board, read through the recording backend: a CMYK party-red ground over the
    whole page (trim and bleed), the gold title 入党誓词 in the top part above the ornament rule
    and inside the frame, then the oath."""
    pal = load_palette()
    art = next(a for a in compose_boards(example_plans["enterprise-9x6"], tmp_path) if a.id == "oath")
    page = art.page()
    rec = record([page])
    assert rec.calls[0] == ("page", "oath", art.width + 2 * art.bleed, art.height + 2 * art.bleed)
    assert rec.calls[1] == ("layer", "art")
    b = art.bleed
    ground = rec.calls[2]
    assert ground[0] == "rect" and ground[3:7] == (-b, -b, art.width + 2 * b, art.height + 2 * b)
    assert ground[7] == pal["red"] and isinstance(ground[7], CMYK) and ground[8] is None
    titles = [p for p in rec.prims_of(Text) if p.where.endswith(": title")]
    assert "".join(t.text for t in titles).replace(" ", "") == "入党誓词"
    assert all(t.color == pal["gold"] for t in titles)
    frame = next(p for p in rec.prims_of(Rect) if p.style.stroke == pal["gold"])
    rule = next(p for p in rec.prims_of(Line) if p.style.stroke == pal["gold"])
    for t in titles:
        x0, y0, x1, y1 = t.bbox()
        assert frame.x < x0 and x1 < frame.x + frame.w and frame.y < y0
        assert y1 < rule.a[1] < 0.25 * art.height       # the header: above the ornament, top quarter
    body = [p for p in rec.prims_of(Text) if p.where and "official text oath" in p.where]
    assert body and min(p.bbox()[1] for p in body) > rule.a[1]


def test_board_svg_and_pdf_come_from_the_same_page(example_plans, tmp_path):
    """The board SVG is the press page through the common SVG backend: one glyph group per text
    run recorded, each carrying its text."""
    from roomplanner.printing.svg import board_svg

    art = next(a for a in compose_boards(example_plans["enterprise-9x6"], tmp_path) if a.id == "oath")
    rec = record([art.page()])
    svg = board_svg(art)
    texts = [p.text for p in rec.prims_of(Text) if p.text.strip()]
    assert re.findall(r'data-text="([^"]*)"', svg) == texts
    assert svg.count("<rect") == len(rec.of("rect"))
