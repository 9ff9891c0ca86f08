"""The board PDFs as a print shop's preflight sees them (parsed with pypdf)."""

from __future__ import annotations

import pytest

from roomplanner.printing.boards import render_boards
from roomplanner.content.boards import printable_items

from . import pdfcheck as P


def _boards(out, plan):
    return [(it, out / f"{it.id}.pdf") for it in printable_items(plan)]


def test_one_pdf_per_board_and_sign_but_not_the_flag(full_rendered):
    plan, out, written = full_rendered
    names = {p.name for p in written}
    for it in plan.wall_items:
        if it.kind == "flag":
            assert f"{it.id}.pdf" not in names and f"{it.id}.svg" not in names
        else:
            assert {f"{it.id}.pdf", f"{it.id}.svg"} <= names
    assert {"production.csv", "production.pdf", "boards.pdf"} <= names
    assert all(p.parent == out and p.is_file() for p in written)


def test_page_is_trim_plus_bleed_and_trimbox_exact(full_rendered):
    plan, out, _ = full_rendered
    b = float(plan.spec.options.bleed)
    for it, path in _boards(out, plan):
        r = P.read(path)
        assert len(r.pages) == 1
        page = r.pages[0]
        w, h = float(it.width), float(it.height)
        media = P.box(page, "/MediaBox")
        assert P.close(media, P.mm_box(0, 0, w + 2 * b, h + 2 * b)), (it.id, media)
        assert "/TrimBox" in page and "/BleedBox" in page
        assert P.close(P.box(page, "/TrimBox"), P.mm_box(b, b, b + w, b + h)), it.id
        assert P.close(P.box(page, "/BleedBox"), media), it.id


def test_no_rgb_or_grey_colour_operators(full_rendered):
    plan, out, written = full_rendered
    for path in [p for p in written if p.suffix == ".pdf"]:
        r = P.read(path)
        assert P.rgb_operations(r) == [], path.name
        assert P.colour_operators(r).get(b"k", 0) > 0, path.name


def test_fonts_embedded_as_subsets(full_rendered):
    plan, out, written = full_rendered
    for path in [p for p in written if p.suffix == ".pdf"]:
        fonts = P.fonts(P.read(path))
        assert fonts, path.name
        for f in fonts:
            assert P.font_embedded(f), (path.name, f.get("/BaseFont"))
            assert "+" in str(f["/BaseFont"]), f"{path.name}: {f['/BaseFont']} is not a subset"
            assert "Helvetica" not in str(f["/BaseFont"])


def test_outlined_pdfs_have_no_fonts_and_no_rgb(full_outlined):
    plan, out, written = full_outlined
    for path in [p for p in written if p.suffix == ".pdf"]:
        r = P.read(path)
        assert P.fonts(r) == [], path.name
        assert P.rgb_operations(r) == [], path.name


def test_photos_are_cmyk_jpegs(full_rendered):
    plan, out, _ = full_rendered
    seen = 0
    for it, path in _boards(out, plan):
        for img in P.images(P.read(path)):
            assert img["/ColorSpace"] == "/DeviceCMYK", (it.id, img["/ColorSpace"])
            filters = img["/Filter"]
            assert "/DCTDecode" in (filters if isinstance(filters, list) else [filters])
            seen += 1
    assert seen >= 5


def test_photo_resolution_at_final_size(full):
    from roomplanner.printing.boards import compose_boards
    from roomplanner.draw.primitives import Image

    plan, spec_dir = full
    pics = [op for a in compose_boards(plan, spec_dir) for op in a.ops if isinstance(op, Image)]
    assert pics
    for pic in pics:
        px_w, px_h = pic.pixels
        assert px_w / (pic.w / 25.4) >= 150 - 1e-6 and px_h / (pic.h / 25.4) >= 150 - 1e-6


def test_background_runs_into_the_bleed(full):
    from roomplanner.printing.boards import compose_boards
    from roomplanner.draw.primitives import Rect

    plan, spec_dir = full
    for art in compose_boards(plan, spec_dir):
        ground = art.ops[0]
        b = art.bleed
        assert isinstance(ground, Rect) and ground.style.fill is not None
        assert (ground.x, ground.y) == (-b, -b)
        assert ground.w == pytest.approx(art.width + 2 * b) and ground.h == pytest.approx(art.height + 2 * b)


def test_proof_file_has_every_board_with_crop_marks(full_rendered):
    plan, out, _ = full_rendered
    r = P.read(out / "boards.pdf")
    items = printable_items(plan)
    assert len(r.pages) == len(items)
    b = float(plan.spec.options.bleed)
    slug = 14.0
    for page, it in zip(r.pages, items):
        w, h = float(it.width), float(it.height)
        assert P.close(P.box(page, "/MediaBox"), P.mm_box(0, 0, w + 2 * (b + slug), h + 2 * (b + slug)))
        assert P.close(P.box(page, "/BleedBox"), P.mm_box(slug, slug, slug + w + 2 * b, slug + h + 2 * b))
        assert P.close(P.box(page, "/TrimBox"), P.mm_box(slug + b, slug + b, slug + b + w, slug + b + h))
    # crop marks: eight strokes in registration colour outside the bleed on each page
    ops = P.content_streams(r)[0][1].operations
    reg = [k for k, (operands, op) in enumerate(ops) if op == b"K" and [float(v) for v in operands] == [1, 1, 1, 1]]
    assert reg, "no registration-colour stroke (crop marks)"


def test_crop_marks_option_enlarges_the_page_but_keeps_boxes(full, tmp_path):
    plan, spec_dir = full
    render_boards(plan, tmp_path, spec_dir=spec_dir, crop_marks=True)
    it = next(i for i in printable_items(plan) if i.id == "oath")
    page = P.read(tmp_path / "oath.pdf").pages[0]
    b, slug, w, h = float(plan.spec.options.bleed), 14.0, float(it.width), float(it.height)
    assert P.close(P.box(page, "/MediaBox"), P.mm_box(0, 0, w + 2 * (b + slug), h + 2 * (b + slug)))
    assert P.close(P.box(page, "/TrimBox"), P.mm_box(slug + b, slug + b, slug + b + w, slug + b + h))


@pytest.mark.parametrize("bleed", [0, 5])
def test_bleed_option(example_plans, tmp_path, bleed):
    plan = example_plans["village-column"]
    spec = plan.spec.model_copy(update={"options": plan.spec.options.model_copy(update={"bleed": bleed})})
    plan = plan.model_copy(update={"spec": spec})
    render_boards(plan, tmp_path)
    it = next(i for i in printable_items(plan) if i.kind == "board")
    page = P.read(tmp_path / f"{it.id}.pdf").pages[0]
    w, h = float(it.width), float(it.height)
    assert P.close(P.box(page, "/MediaBox"), P.mm_box(0, 0, w + 2 * bleed, h + 2 * bleed))
    assert P.close(P.box(page, "/TrimBox"), P.mm_box(bleed, bleed, bleed + w, bleed + h))


def test_output_is_deterministic(example_plans, tmp_path):
    plan = example_plans["enterprise-9x6"]
    a, b = tmp_path / "a", tmp_path / "b"
    wa = render_boards(plan, a)
    render_boards(plan, b)
    for p in wa:
        assert p.read_bytes() == (b / p.name).read_bytes(), p.name


def test_outlined_glyph_paths_are_well_formed(full_outlined):
    """Every path in the glyph forms starts with a moveto (no "no current point" errors), also
    for TrueType contours made of off-curve points only (UMing's 0)."""
    plan, out, _ = full_outlined
    r = P.read(out / "boards.pdf")
    forms = [cs for owner, cs in P.content_streams(r) if owner == "form"]
    assert forms
    for cs in forms:
        current = False
        for operands, op in cs.operations:
            if op == b"m":
                current = True
            elif op in (b"l", b"c", b"h"):
                assert current, "path segment without a current point"
            elif op in (b"f", b"f*", b"S", b"B", b"n"):
                current = False


def test_glyph_path_of_an_all_off_curve_contour():
    from roomplanner.typeset.outline import glyph_pdf_ops as glyph_pdf_path
    from roomplanner.typeset import fonts
    from roomplanner.typeset.outline import glyph_outline

    glyph = fonts.glyph_id("0", "serif")
    assert any(op == "qCurveTo" and pts[-1] is None for op, pts in glyph_outline("RPSerif", glyph))
    ops = glyph_pdf_path("RPSerif", glyph).split()
    assert ops.count("m") == sum(1 for op, _ in glyph_outline("RPSerif", glyph)
                                 if op == "moveTo" or (op == "qCurveTo" and _[-1] is None))


def test_proof_pages_carry_a_caption(full_rendered):
    plan, out, _ = full_rendered
    r = P.read(out / "boards.pdf")
    first = printable_items(plan)[0]
    text = r.pages[0].extract_text()
    assert f"{first.id} · {first.title}" in text and "出血 3 mm" in text
