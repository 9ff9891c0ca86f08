"""Drawing labels are names: kept whole on one line when a size of their scale allows it, and
otherwise broken only at conservative break points (never "党建工 / 作制度", "构建和 / 谐",
"144×96 / cm" nor "Admissi / on oath")."""

from __future__ import annotations

import pytest

from roomplanner.render.labelbreak import break_label, segments
from roomplanner.render.labels import LabelPlacer, fit_box, tw, wrap_fit
from roomplanner.typeset.text import NO_LINE_END, NO_LINE_START
from shapely.geometry import box as sbox

SCALE = (5.0, 4.5, 4.0, 3.5)       # the boards' title scale on the elevations


def test_a_label_that_fits_whole_at_a_smaller_size_stays_whole():
    # 22 mm: at 5 mm the six characters need 30 mm; at 3.5 mm they fit on one line
    assert fit_box("党建工作制度", 22.0, 40.0, SCALE) == (["党建工作制度"], 3.5, pytest.approx(4.2))
    assert fit_box("党建工作制度", 28.0, 40.0, SCALE)[0] == ["党建工作制度"]


@pytest.mark.parametrize("text, width, lines", [
    ("党建工作制度", 10.1, ["党建", "工作", "制度"]),
    ("党员活动制度", 18.0, ["党员活动", "制度"]),
    ("党员目标管理制度", 22.0, ["党员目标", "管理制度"]),
    ("党的性质、指导思想、基本路线", 18.0, ["党的性质、", "指导思想、", "基本路线"]),
    ("发展党员制度、民主评议党员制度", 28.0, ["发展党员制度、", "民主评议党员制度"]),   # the 、 before a head word
    ("党员（电教）活动室", 28.4, ["党员（电教）", "活动室"]),
    ("Admission oath", 18.0, ["Admission", "oath"]),
    ("Member activity rules", 18.0, ["Member", "activity", "rules"]),
    ("Members' profiles", 18.0, ["Members'", "profiles"]),
])
def test_a_label_breaks_only_between_words(text, width, lines):
    got = fit_box(text, width, 40.0, SCALE)
    assert got is not None and got[0] == lines


@pytest.mark.parametrize("text, width", [("党员的权利", 10.1), ("红星机械厂党支部", 14.0), ("党员风貌栏", 10.0)])
def test_a_label_with_no_break_that_fits_does_not_fit(text, width):
    """No word break fits: the label goes outside its item (the caller's leader), whole."""
    assert fit_box(text, width, 15.0, SCALE) is None


def test_a_tall_narrow_plaque_is_lettered_vertically():
    """A branch's vertical plaque (400 × 1200 mm at 1:20): its name one hanzi under the other
    (竖排), not 县交通 / 运输局 / 机关党 / 支部; a name with Latin letters or brackets never."""
    got = fit_box("县交通运输局机关党支部", 18.0, 58.0, SCALE)
    assert got is not None and got[0] == list("县交通运输局机关党支部")
    assert fit_box("县交通运输局机关党支部", 18.0, 30.0, SCALE) is None        # too short for the column
    assert fit_box("党员（电教）活动室", 6.0, 80.0, SCALE) is None
    assert fit_box("Branch plaque", 6.0, 80.0, SCALE) is None


def test_break_points():
    assert [t for _, t in segments("党支部工作职责、党支部书记职责")] == ["党支部", "工作", "职责、", "党支部书记", "职责"]
    assert [t for _, t in segments("党支部工作职责、党支部书记职责", False)] == ["党支部工作职责、", "党支部书记职责"]
    assert [t for _, t in segments("党员的权利和义务")] == ["党员的", "权利和", "义务"]
    assert [t for _, t in segments("“三会一课”制度")] == ["“三会一课”", "制度"]      # no line starts with ”
    assert [g + t for g, t in segments("Party-building work rules")] == ["Party-building", " work", " rules"]
    assert break_label("党员风貌栏", "sans", 3.5, 10.0, 4) is None


def test_a_long_label_beside_its_item_breaks_at_its_pauses():
    """A label set beside its item in lines of at most ``max_w`` breaks at the 、 between the
    names it joins, not inside one (“党支部书记 / 职责”)."""
    pl = LabelPlacer((0.0, 0.0, 300.0, 200.0), [sbox(0.0, 0.0, 300.0, 200.0)])
    text = "党支部工作职责、党支部书记职责、党支部换届选举制度"
    placed = pl.beside(text, [(sbox(140.0, 90.0, 160.0, 110.0), "b")], 3.5, ref="b", max_w=64.0)
    lines = [p.text for p in placed.prims if hasattr(p, "text")]
    assert lines == ["党支部工作职责、党支部书记职责、", "党支部换届选举制度"]


def test_wrapped_text_never_splits_a_word():
    """Running text (notes) may break between any two hanzi but not inside a Latin word, even
    when its lines are balanced to a narrower measure."""
    lines, _, _ = wrap_fit("Admission oath", 20.0, 40.0, (3.5,))
    assert lines == ["Admission", "oath"]
    # a word wider than the box is broken where it must be; no line is ever wider than the box
    for text, width, height in (("abcdefghijklmnopqrstuvwxyzabcdef ok", 12.0, 40.0),
                                ("ZhongguancunInternationalCentre 党支部", 35.0, 9.0),
                                ("ZhongguancunInternationalCentre 党支部", 45.0, 9.0)):
        lines, size, _ = wrap_fit(text, width, height, (3.5,), spacing=1.15)
        assert lines and all(tw(ln, size) <= width + 1e-6 for ln in lines), (text, width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")       # nothing lost


@pytest.mark.parametrize("text, width, lines", [
    ("构建和谐美好社区", 18.0, None),              # not 构建和 / 谐美好社区
    ("党员与会签到表", 18.0, None),                # not 党员与 / 会签到表
    ("和平发展之路", 18.0, None),                  # not 和 / 平发展之路
    ("宣传窗及时更新", 18.0, None),                # not 宣传窗及 / 时更新
    ("企业员工作息制度", 22.0, ["企业员工作息", "制度"]),   # not 企业员 / 工作息 / 制度
    ("施工作业管理", 18.0, ["施工作业", "管理"]),           # not 施 / 工作业管理
    ("党员的权利和义务", 18.0, ["党员的", "权利和", "义务"]),
    ("党支部工作挂图", 20.0, ["党支部", "工作挂图"]),       # 工作 before another head word
])
def test_a_function_or_head_word_inside_a_word_is_no_break(text, width, lines):
    got = fit_box(text, width, 20.0, SCALE)
    assert (got and got[0]) == lines


def test_a_long_party_title_breaks_after_the_party_name():
    """中国共产党 ends a word: a flow chart's title stays inside its board, in whole words."""
    got = fit_box("中国共产党发展党员工作流程图", 20.0, 20.0, SCALE)
    assert got is not None and got[0] == ["中国共产党", "发展党员", "工作流程图"]
    assert [t for _, t in segments("学习《中国共产党章程》")] == ["学习", "《中国共产党章程》"]


def test_a_number_keeps_its_unit_in_a_label():
    """As in the report (typeset.text.UNITS): 144×96 / cm never; 1,200 and 10:30 stay whole."""
    for w in (20.0, 24.0, 28.0):
        got = fit_box("4号标准党旗 144×96 cm（外购）", w, 12.0, (3.5,), max_lines=3)
        assert got is not None and got[0] == ["4号标准党旗", "144×96 cm", "（外购）"]
    assert [t for _, t in segments("1,200 mm", False)] == ["1,200 mm"]
    assert [t for _, t in segments("10:30 开放", False)] == ["10:30", "开放"]
    assert [t for _, t in segments("Standard flag no. 3, 192×128 cm", False)] == \
        ["Standard", "flag", "no. 3,", "192×128 cm"]


def test_a_label_keeps_to_its_line_budget():
    """Empty paragraphs count as lines; trailing ones are dropped; a vertical name too has a
    limit (``max_vertical`` rows)."""
    assert fit_box("入党誓词\n\n\n\n\n", 30.0, 5.0, (3.5,)) == (["入党誓词"], 3.5, pytest.approx(4.2))
    assert break_label("入党誓词\n\n规定", "sans", 3.5, 30.0, 2) is None
    assert break_label("入党誓词\n\n规定", "sans", 3.5, 30.0, 3) == ["入党誓词", "", "规定"]
    assert fit_box("县交通运输局机关党支部", 18.0, 58.0, SCALE, max_vertical=10) is None
    assert fit_box("县交通运输局机关党支部", 18.0, 58.0, SCALE, max_vertical=11) is not None


@pytest.mark.parametrize("text, width", [
    ("党员活动室（ 电教 ）", 20.0), ("党员活动室（ 电教 ）", 14.0), ("Rules ( draft )", 10.0),
    ("Rules ( draft )", 14.0), ("党员活动室 ，电教室", 20.0), ("党员活动室 ，电教室", 14.0)])
def test_no_line_starts_with_a_closing_mark_at_a_space(text, width):
    for head_words in (False, True):
        lines = break_label(text, "sans", 3.5, width, 4, head_words)
        for ln in lines or []:
            assert ln and ln[0] not in NO_LINE_START and ln[-1] not in NO_LINE_END, lines
    assert break_label("党员活动室（ 电教 ）", "sans", 3.5, 20.0, 4) == ["党员活动室", "（ 电教 ）"]
