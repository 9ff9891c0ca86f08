"""Layout rules every board keeps: safe margin, kinsoku, colours, fitting."""

from __future__ import annotations

import pytest

from roomplanner.printing.boards import compose_boards
from roomplanner.draw.primitives import Rect
from roomplanner.printing.boardart import fit_size, type_scale
from roomplanner.printing.templates import load_palette, style
from roomplanner.typeset.text import NO_LINE_END, NO_LINE_START

SAFE = float(style()["safe_margin_mm"])


@pytest.fixture(scope="module")
def all_arts(example_plans, full, tmp_path_factory):
    arts = []
    for name, plan in example_plans.items():
        arts += [(name, a) for a in compose_boards(plan, tmp_path_factory.mktemp(name))]
    plan, spec_dir = full
    arts += [("full", a) for a in compose_boards(plan, spec_dir)]
    return arts


def test_text_stays_inside_the_safe_margin(all_arts):
    for name, art in all_arts:
        for run in art.texts():
            x0, y0, x1, y1 = run.bbox()
            assert x0 >= SAFE - 1e-6 and y0 >= SAFE - 1e-6, (name, art.id, run.text, x0, y0)
            assert x1 <= art.width - SAFE + 1e-6 and y1 <= art.height - SAFE + 1e-6, \
                (name, art.id, run.text, x1, y1, art.width, art.height)


def test_no_line_breaks_against_kinsoku(all_arts):
    for name, art in all_arts:
        for run in art.texts():
            if run.where.startswith(("official text", "content.")) and len(run.text) > 1:
                t = run.text.lstrip("\u3000")
                assert t[0] not in NO_LINE_START or run.text == t == run.text.strip(), (art.id, run.text)
                assert t[-1] not in NO_LINE_END, (art.id, run.text)


def test_lines_of_official_paragraphs_never_start_with_closing_marks(all_arts):
    for name, art in all_arts:
        for run in art.texts():
            if run.where.startswith("official text"):
                assert run.text.lstrip("\u3000")[0] not in NO_LINE_START, (art.id, run.text)


def test_body_text_is_at_least_the_legible_size(all_arts):
    from roomplanner.printing.templates import legibility

    body_min = float(legibility()["body_char_mm"])
    for name, art in all_arts:
        for run in art.texts():
            if run.where.startswith("official text"):
                assert run.size >= body_min - 1e-9, (art.id, run.size)


def test_signs_have_red_characters(all_arts):
    red = load_palette()["red"]
    for name, art in all_arts:
        if art.item.role in ("door_sign", "branch_plaque"):
            runs = art.texts()
            assert runs and all(r.color == red for r in runs), (name, art.id)


def test_text_boards_have_a_red_title_band_and_gold_title(all_arts):
    pal = load_palette()
    for name, art in all_arts:
        if art.item.kind != "board" or art.item.role == "oath":
            continue
        band = art.ops[1]
        assert isinstance(band, Rect) and band.style.fill == pal["red"] and band.y == -art.bleed
        assert band.w == pytest.approx(art.width + 2 * art.bleed)
        title = next(r for r in art.texts() if r.where.endswith(": title"))
        assert title.color == pal["gold"]


def test_text_uses_the_largest_size_that_fits():
    scale = type_scale(0, 100)
    assert fit_size(scale, lambda s: s <= 20) == 20
    assert fit_size(scale, lambda s: s <= 19.5) == 18
    assert fit_size(scale, lambda s: False) is None


def test_plaque_is_one_vertical_column(all_arts):
    for name, art in all_arts:
        if art.item.role == "branch_plaque":
            xs = {round(r.x + r.width / 2, 3) for r in art.texts()}
            assert len(xs) == 1, (name, xs)
            assert all(len(r.text) == 1 for r in art.texts())
