"""Clear errors: too much text, a character the fonts lack, unusable photos and palettes."""

from __future__ import annotations

import os

import re

import pytest

from roomplanner.errors import ContentError, FontCoverageError, TextOverflowError
from roomplanner.model.spec import BoardText, CommitteeMember, MemberProfile
from roomplanner.printing.boards import compose_boards, render_boards
from roomplanner.printing.templates import load_palette

from .fixtures import make_photo
from .test_content import _with_content

RARE = "𠀀"  # U+20000, CJK Extension B: in neither bundled font


def test_too_much_text_is_an_overflow_error_with_the_amount(example_plans, tmp_path):
    plan = example_plans["enterprise-9x6"]  # the rules board is 600 × 900 mm
    long = "【党支部工作职责】\n" + "宣传和执行党的路线方针政策，团结组织职工群众完成本单位任务。" * 120
    plan = _with_content(plan, boards={"rules": BoardText(text=long)})
    with pytest.raises(TextOverflowError) as ei:
        compose_boards(plan, tmp_path)
    err = ei.value
    assert "board rules (党建工作制度)" in str(err)
    assert err.overflow_mm > 0 and f"{err.overflow_mm:.0f} mm too much" in str(err)
    assert err.size == 9  # the smallest legible body size (boards/sizes.yaml)


def test_card_text_overflow_names_the_entry(example_plans, tmp_path):
    members = [MemberProfile(name=f"党员{k}", bio="简介" * 100) for k in range(40)]
    plan = _with_content(example_plans["enterprise-9x6"], members=members)
    with pytest.raises(TextOverflowError, match=r"board member_style \(党员风貌栏\): content\.members\[\d+\]"):
        compose_boards(plan, tmp_path)


def test_rare_character_in_a_name_names_board_and_entry(example_plans, tmp_path):
    plan = _with_content(example_plans["enterprise-9x6"],
                         committee=[CommitteeMember(name="王" + RARE, role="书记")])
    with pytest.raises(FontCoverageError) as ei:
        compose_boards(plan, tmp_path)
    msg = str(ei.value)
    assert msg.startswith("board org_chart (党组织设置): ")
    assert "content.committee[0].name" in msg and "U+20000" in msg
    assert ei.value.char == RARE and ei.value.codepoint == "U+20000"


def test_rare_character_on_a_member_card(example_plans, tmp_path):
    plan = _with_content(example_plans["enterprise-9x6"],
                         members=[MemberProfile(name="李四"), MemberProfile(name="张" + RARE)])
    with pytest.raises(FontCoverageError, match=r"^board member_style \(党员风貌栏\): .*content\.members\[1\]\.name.*U\+20000"):
        compose_boards(plan, tmp_path)


def test_rare_character_in_the_plaque_text(example_plans, tmp_path):
    plan = _with_content(example_plans["enterprise-9x6"], plaque_text="中国共产党" + RARE + "支部委员会")
    with pytest.raises(FontCoverageError, match=r"board branch_plaque .*content\.plaque_text"):
        compose_boards(plan, tmp_path)


def test_rare_character_in_branch_text(example_plans, tmp_path):
    plan = _with_content(example_plans["enterprise-9x6"], boards={"rules": BoardText(text="第一条" + RARE)})
    with pytest.raises(FontCoverageError, match=r"^board rules \(党建工作制度\): .*content\.boards\.rules\.text line 1"):
        compose_boards(plan, tmp_path)


# -- photos -------------------------------------------------------------------------------------

def _member_with_photo(plan, photo):
    return _with_content(plan, members=[MemberProfile(name="李四", photo=photo)])


@pytest.mark.parametrize("photo, why", [
    ("/etc/passwd", "absolute"),
    ("../outside.jpg", "goes up"),
    ("photos/missing.jpg", "does not exist"),
    ("C:\\x.jpg", "absolute"),
])
def test_photo_paths_outside_the_spec_folder_are_refused(example_plans, tmp_path, photo, why):
    plan = _member_with_photo(example_plans["enterprise-9x6"], photo)
    with pytest.raises(ContentError, match=why):
        compose_boards(plan, tmp_path)


def test_symlink_out_of_the_spec_folder_is_refused(example_plans, tmp_path):
    outside = make_photo(tmp_path / "outside" / "p.jpg")
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    os.symlink(outside, spec_dir / "link.jpg")
    plan = _member_with_photo(example_plans["enterprise-9x6"], "link.jpg")
    with pytest.raises(ContentError, match="outside the spec's folder"):
        compose_boards(plan, spec_dir)


def test_not_an_image_is_refused(example_plans, tmp_path):
    (tmp_path / "fake.jpg").write_text("not a photo")
    plan = _member_with_photo(example_plans["enterprise-9x6"], "fake.jpg")
    with pytest.raises(ContentError, match="not a JPEG or PNG"):
        compose_boards(plan, tmp_path)


def test_photo_without_spec_folder_is_refused(example_plans):
    plan = _member_with_photo(example_plans["enterprise-9x6"], "p.jpg")
    with pytest.raises(ContentError, match="no spec folder"):
        compose_boards(plan, None)


def test_png_with_alpha_and_low_resolution_photo(example_plans, tmp_path):
    make_photo(tmp_path / "small.png", 1, size=(60, 80), mode="RGBA")
    plan = _member_with_photo(example_plans["enterprise-9x6"], "small.png")
    art = next(a for a in compose_boards(plan, tmp_path) if a.id == "member_style")
    assert any(n.code == "photo.low_resolution" for n in art.notes)
    from roomplanner.draw.primitives import Image

    pic = next(op for op in art.ops if isinstance(op, Image))
    assert pic.pixels[0] / (pic.w / 25.4) >= 150 - 1e-6


# -- palette ------------------------------------------------------------------------------------

def test_user_palette_overrides_single_colours(example_plans, tmp_path):
    (tmp_path / "palette.yaml").write_text("red: [0, 95, 100, 5]\n", encoding="utf-8")
    arts = compose_boards(example_plans["enterprise-9x6"], tmp_path)
    oath = next(a for a in arts if a.id == "oath")
    assert oath.ops[0].style.fill.m == 95 and oath.ops[0].style.fill.k == 5
    assert load_palette()["gold"].y == 90  # the rest stays


@pytest.mark.parametrize("data, zh, en", [
    ({"purple": [0, 0, 0, 0]}, "palette: 没有名为 'purple' 的颜色；可用的颜色：", "palette: unknown colour 'purple'; known colours:"),
    ({"red": [0, 100, 100]}, "palette: red: 应为四个数 [C, M, Y, K]，实际是 [0, 100, 100]",
     "palette: red: expected four numbers [C, M, Y, K], got [0, 100, 100]"),
    ({"red": [0, 120, 100, 0]}, "palette: red: CMYK 百分比须在 0 到 100 之间，实际是 [0, 120, 100, 0]",
     "palette: red: CMYK percentages must lie between 0 and 100, got [0, 120, 100, 0]"),
])
def test_bad_palettes(data, zh, en):
    """Chinese by default, English on request; the message names the key and the value."""
    with pytest.raises(ContentError) as got:
        load_palette(data)
    assert str(got.value).startswith(zh)
    with pytest.raises(ContentError) as got:
        load_palette(data, lang="en")
    assert str(got.value).startswith(en)


@pytest.mark.parametrize("text, zh, en", [
    ("- [0, 0, 0, 0]\n", "palette.yaml: 应为颜色名到 [C, M, Y, K] 的映射，实际是 [[0, 0, 0, 0]]",
     "palette.yaml: expected a mapping of colour names to [C, M, Y, K], got [[0, 0, 0, 0]]"),
    ("red: [0, 100\n", "palette.yaml: 无法读取调色板文件（YAML 语法错误，第 2 行第 1 列）",
     "palette.yaml: cannot read the palette (YAML syntax error at line 2, column 1)"),
])
def test_bad_palette_files(tmp_path, text, zh, en):
    (tmp_path / "palette.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape(zh)):
        load_palette(tmp_path / "palette.yaml")
    with pytest.raises(ContentError, match=re.escape(en)):
        load_palette(tmp_path / "palette.yaml", lang="en")


def test_a_palette_file_not_in_utf8_is_bad_content(tmp_path):
    """A palette saved in GBK (as Windows editors may) is the user's content, not an internal error."""
    (tmp_path / "palette.yaml").write_bytes("red: [0, 100, 100, 0]  # 红色\n".encode("gbk"))
    with pytest.raises(ContentError, match=re.escape("palette.yaml: 无法读取调色板文件（不是 UTF-8 编码的文本，第 ")):
        load_palette(tmp_path / "palette.yaml")
    with pytest.raises(ContentError, match=re.escape("palette.yaml: cannot read the palette (not UTF-8 text, at byte ")):
        load_palette(tmp_path / "palette.yaml", lang="en")


def test_an_unknown_colour_lists_the_colours_as_the_language_writes_lists():
    with pytest.raises(ContentError) as zh:
        load_palette({"purple": [0, 0, 0, 0]})
    with pytest.raises(ContentError) as en:
        load_palette({"purple": [0, 0, 0, 0]}, lang="en")
    assert "red、" in str(zh.value) and ", " not in str(zh.value).split("：")[-1]
    assert "red, " in str(en.value) and "、" not in str(en.value)


def test_unreadable_palette_file_names_the_file_and_the_reason(tmp_path):
    with pytest.raises(ContentError, match=re.escape("nowhere.yaml: 无法读取调色板文件（不存在）")):
        load_palette(tmp_path / "nowhere.yaml")
    with pytest.raises(ContentError, match=re.escape("nowhere.yaml: cannot read the palette (does not exist)")):
        load_palette(tmp_path / "nowhere.yaml", lang="en")


def test_a_bad_palette_beside_the_spec_speaks_the_plans_language(example_plans, tmp_path):
    (tmp_path / "palette.yaml").write_text("red: [0, 120, 100, 0]\n", encoding="utf-8")
    plan = example_plans["enterprise-9x6"]
    with pytest.raises(ContentError, match=re.escape("palette.yaml: red: CMYK 百分比须在 0 到 100 之间")):
        compose_boards(plan, tmp_path)
    with pytest.raises(ContentError, match=re.escape("palette.yaml: red: CMYK percentages must lie between")):
        compose_boards(plan, tmp_path, lang="en")


def test_reserved_board_ids(example_plans, tmp_path):
    from roomplanner.errors import RenderError

    plan = example_plans["village-column"]
    items = [it.model_copy(update={"id": "production"}) if it.id == "rules" else it for it in plan.wall_items]
    with pytest.raises(RenderError, match="production"):
        render_boards(plan.model_copy(update={"wall_items": items}), tmp_path)


def test_a_bad_palette_on_desk_cards_speaks_the_language_asked_for(tmp_path):
    from roomplanner.model.spec import load_spec
    from roomplanner.printing.desk_cards import desk_card_files
    from roomplanner.solver import solve

    from .fixtures import EXAMPLES

    (tmp_path / "palette.yaml").write_text("red: [0, 120, 100, 0]\n", encoding="utf-8")
    plan = solve(load_spec(EXAMPLES / "organ-no-room.yaml"))
    assert plan.spec.options.lang != "en"
    with pytest.raises(ContentError, match=re.escape("palette.yaml: red: CMYK percentages must lie between")):
        desk_card_files(plan, lang="en", palette=tmp_path / "palette.yaml")
    with pytest.raises(ContentError, match=re.escape("palette.yaml: red: CMYK 百分比须在 0 到 100 之间")):
        desk_card_files(plan, lang="zh", palette=tmp_path / "palette.yaml")
