"""Chinese line breaking (clreq basic kinsoku), fitting and outlines."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen import canvas

from roomplanner.errors import FontCoverageError, TextOverflowError
from roomplanner.typeset import fonts
from roomplanner.typeset.outline import text_path_d
from roomplanner.typeset.pdfglyphs import CanvasPathPen, draw_text_outlines
from roomplanner.typeset.reportlab_setup import register_fonts
from roomplanner.typeset.text import (NO_LINE_END, NO_LINE_START, _clusters, break_lines,
                                     fit_text)

SIZE = 10.0  # mm; a hanzi is 10 mm wide, so widths below are "ems × 10"
EM4 = 4 * SIZE


def lines_of(text, ems, family="sans"):
    return break_lines(text, family, SIZE, ems * SIZE)


# --------------------------------------------------------------------------- basics

def test_breaks_between_hanzi():
    assert lines_of("一二三四五六七八九十", 4) == ["一二三四", "五六七八", "九十"]


def test_explicit_newlines_are_paragraph_breaks():
    assert lines_of("一二\n三四\r\n\n五", 10) == ["一二", "三四", "", "五"]
    assert lines_of("", 10) == []


def test_latin_words_and_numbers_stay_together():
    # Serif Latin letters are half an em: greedy by characters would cut "Py|thon".
    assert lines_of("党员学习Python编程", 5, "serif") == ["党员学习", "Python编程"]
    assert lines_of("党员学习Python编程", 4, "serif") == ["党员学习", "Python编", "程"]
    assert lines_of("会议于2024年召开", 4, "serif") == ["会议于", "2024年召", "开"]


def test_spaces_are_dropped_at_breaks():
    width = max(fonts.text_width(w, "sans", SIZE) for w in ("hello", "world"))
    assert break_lines("hello world", "sans", SIZE, width + 1) == ["hello", "world"]
    assert break_lines("党员 hello", "sans", SIZE, width + 1) == ["党员", "hello"]


@pytest.mark.parametrize("mark", list("、，。．：；！？）］｝》〉」』】〕”’·"))
def test_no_line_starts_with_closing_or_pause_mark(mark):
    # Greedy filling would start line 2 with the mark; push-out carries 四 along.
    text = "一二三四" + mark + "五六"
    lines = lines_of(text, 4)
    assert lines == ["一二三", "四" + mark + "五六"]
    assert not any(ln[:1] == mark for ln in lines)


def test_no_line_starts_with_closing_quote_after_full_stop():
    # 。” must both stay with 务: line 1 would otherwise end at 务 and line 2 start with 。”
    lines = lines_of("为人民服务。”好", 5)
    assert lines == ["为人民服", "务。”好"]


@pytest.mark.parametrize("mark", list("（［｛《〈「『【〔“‘"))
def test_no_line_ends_with_opening_mark(mark):
    # Greedy filling would end line 1 with the mark.
    text = "一二三" + mark + "四五六"
    lines = lines_of(text, 4)
    assert lines == ["一二三", mark + "四五六"]
    assert not any(ln[-1:] == mark for ln in lines)


@pytest.mark.parametrize("run", ["——", "……"])
def test_two_em_dash_and_ellipsis_never_split(run):
    # By characters line 1 would be 一二三 + the first half of the run.
    lines = lines_of("一二三" + run + "四五", 4)
    assert lines == ["一二", "三" + run + "四", "五"]
    assert all(ln.count(run[0]) in (0, 2) for ln in lines)


def test_half_width_punctuation_follows_kinsoku_too():
    assert lines_of("一二三四,五", 4) == ["一二三", "四,五"]


def test_lines_never_exceed_width_and_keep_all_characters():
    text = "中国共产党党员活动室，“为人民服务”。（学习）《中国共产党章程》、三会一课。"
    for ems in range(4, 15):
        lines = lines_of(text, ems, "serif")
        assert "".join(lines) == text
        for ln in lines:
            assert fonts.text_width(ln, "serif", SIZE) <= ems * SIZE + 1e-9


HANZI = "党员活动室学习教育组织生活会中国共产"
MARKS = "、，。：；！？）》」』”’“（《「『·"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(HANZI + MARKS + "——……"), min_size=1, max_size=60),
       st.integers(min_value=4, max_value=20))
def test_kinsoku_invariants_on_random_text(chars, ems):
    text = "".join(chars)
    widest = max(c.em for c in _clusters(text, "sans", "t"))
    width = max(ems, widest) * SIZE  # wide enough that no forced break is needed
    lines = break_lines(text, "sans", SIZE, width)
    assert "".join(lines) == text
    for i, ln in enumerate(lines):
        assert fonts.text_width(ln, "sans", SIZE) <= width + 1e-9
        if i > 0:
            assert ln[0] not in NO_LINE_START, lines
        if i < len(lines) - 1:
            assert ln[-1] not in NO_LINE_END, lines
    joined_breaks = "|".join(lines)
    assert "—|—" not in joined_breaks and "…|…" not in joined_breaks


def test_forced_break_only_when_a_unit_is_wider_than_the_line():
    assert lines_of("abcdefgh", 2, "serif") == ["abcd", "efgh"]  # 0.5 em each
    assert lines_of("一abcdefgh", 3, "serif") == ["一", "abcdef", "gh"]


def test_coverage_checked_with_context():
    with pytest.raises(FontCoverageError, match=r"^intro board: .*U\+3400"):
        break_lines("党员㐀", "serif", SIZE, 100, where="intro board")


# --------------------------------------------------------------------------- fitting

def test_fit_picks_largest_size_that_fits():
    text = "党员活动室"  # 5 hanzi
    result = fit_text(text, "sans", 50, 12, [8, 20, 12, 10], line_spacing=1.5)
    # 20 mm: 2 per line, 3 lines, 20 + 2·30 = 80 mm > 12; 12 mm: 2 lines, 30 mm > 12;
    # 10 mm: one line of 50 mm, 10 mm high -> fits.
    assert result.size == 10
    assert result.lines == ["党员活动室"]
    assert result.height == pytest.approx(10)
    assert result.widths == [pytest.approx(50)]
    assert result.size_pt == pytest.approx(10 * 72 / 25.4)
    assert result.baselines == [pytest.approx(fonts.metrics("sans").em_top * 10)]


def test_fit_geometry_of_several_lines_and_paragraphs():
    result = fit_text(["一二三四五六", "七八"], "serif", 40, 200, [10], line_spacing=1.6,
                      paragraph_gap=0.5)
    assert result.lines == ["一二三四", "五六", "七八"]
    assert result.line_pitch == pytest.approx(16)
    top = fonts.metrics("serif").em_top * 10
    assert result.baselines == [pytest.approx(top), pytest.approx(top + 16),
                                pytest.approx(top + 32 + 5)]
    assert result.height == pytest.approx(10 + 16 + 16 + 5)


def test_fit_prefers_a_size_without_forced_word_breaks():
    word = "Communist"  # about 5 em at any size in the sans font
    em = fonts.text_width(word, "sans", 1.0)
    box_w = em * 9  # at 10 mm the word is wider than the box; at 8 mm it is not
    result = fit_text(word, "sans", box_w, 100, [10, 8], 1.5)
    assert result.size == 8 and result.lines == [word] and not result.forced_breaks


def test_fit_raises_overflow_with_amount():
    text = "党" * 40
    with pytest.raises(TextOverflowError) as info:
        fit_text(text, "sans", 100, 25, [12, 10], line_spacing=1.5, where="board intro")
    # At 10 mm: 10 per line, 4 lines, 10 + 3·15 = 55 mm for a 25 mm box: 30 mm too much;
    # 2 lines fit (10 + 15 = 25).
    message = str(info.value)
    assert message.startswith("board intro:")
    assert "30.0 mm (2 lines) too much" in message
    assert info.value.overflow_mm == pytest.approx(30)
    assert info.value.overflow_lines == 2
    assert info.value.size == 10


def test_fit_rejects_bad_arguments():
    with pytest.raises(ValueError):
        fit_text("党", "sans", 10, 10, [], 1.5)
    with pytest.raises(ValueError):
        fit_text("党", "sans", 0, 10, [5], 1.5)


# --------------------------------------------------------------------------- outlines

TOKEN = re.compile(r"[MLHVQCZ]|-?\d+(?:\.\d+)?")


def path_points(d):
    """x and y coordinates of every point in absolute SVG path data (M L H V Q C Z)."""
    xs, ys = [], []
    command, numbers = "", []
    for token in TOKEN.findall(d) + ["Z"]:
        if token.isalpha():
            if command == "H":
                xs += numbers
                ys += [ys[-1]] * len(numbers)
            elif command == "V":
                ys += numbers
                xs += [xs[-1]] * len(numbers)
            else:
                xs += numbers[0::2]
                ys += numbers[1::2]
            command, numbers = token, []
        else:
            numbers.append(float(token))
    return xs, ys


@pytest.mark.parametrize("family", ["serif", "sans"])
def test_outline_path_for_hanzi(family):
    d = text_path_d("国", family, 20, 10, 30)
    assert d.startswith("M") and d.count("Z") >= 2  # 国 has outer and inner contours
    assert "<text" not in d
    xs, ys = path_points(d)
    # Within the em box: x in [10, 30], y from about 30 − 0.9·20 to 30 + 0.15·20 (y down).
    assert 10 <= min(xs) and max(xs) <= 30
    assert 30 - 20 < min(ys) < 20 and 30 < max(ys) < 34


def test_outline_positions_follow_advances_and_anchor():
    start = path_points(text_path_d("一一", "sans", 10, 0, 50))[0]
    middle = path_points(text_path_d("一一", "sans", 10, 0, 50, anchor="middle"))[0]
    assert max(start) - min(start) > 15  # two glyphs, 10 mm apart
    assert min(middle) == pytest.approx(min(start) - 10, abs=0.01)


def test_outline_of_spaces_is_empty_and_rare_char_raises():
    assert text_path_d("  ", "serif", 10, 0, 0) == ""
    with pytest.raises(FontCoverageError, match="U\\+20000"):
        text_path_d("党𠀀", "serif", 10, 0, 0, where="title")


class _Recorder:
    def __init__(self):
        self.ops = []

    def moveTo(self, *a):
        self.ops.append(("m", a))

    def lineTo(self, *a):
        self.ops.append(("l", a))

    def curveTo(self, *a):
        self.ops.append(("c", a))

    def close(self):
        self.ops.append(("h", ()))


def test_canvas_pen_converts_quadratic_to_cubic():
    rec = _Recorder()
    pen = CanvasPathPen(rec)
    pen.moveTo((0, 0))
    pen.qCurveTo((3, 6), (6, 0))
    pen.closePath()
    assert rec.ops[0] == ("m", (0, 0))
    op, args = rec.ops[1]
    assert op == "c"
    assert args == pytest.approx((2, 4, 4, 4, 6, 0))
    assert rec.ops[-1] == ("h", ())


def test_pdf_outlines_have_paths_and_no_fonts():
    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=0, initialFontName=fonts.SANS)
    draw_text_outlines(c, "党员活动室", "serif", 20, 10, 50)
    c.save()
    pdf = buf.getvalue()
    assert b"/FontFile2" not in pdf and b"BT" not in pdf
    assert pdf.count(b" c\n") + pdf.count(b" c ") > 20  # cubic curves from the glyphs
    assert b"f\n" in pdf or b" f " in pdf or b"\nf" in pdf  # non-zero fill
