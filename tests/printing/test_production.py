"""production.csv / production.pdf: every item to make or buy, in plain words."""

from __future__ import annotations

import csv
import io
import re
import subprocess

import pytest

from roomplanner.errors import ContentError, SpecError
from roomplanner.printing.production import COLUMNS, HEADERS, hang_location, plain_note

from . import pdfcheck as P

#: A spec field path (content.rules, content.boards.rules.text, options.material …).
FIELD_NAME = re.compile(r"\b(?:content|options|branch|room|spec)\.[a-z_]+")


def _rows(out, lang="zh"):
    """The CSV's rows keyed by the internal column names (after checking the header row)."""
    raw = (out / "production.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV needs a UTF-8 byte-order mark for spreadsheet programs"
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0] == HEADERS[lang]
    assert all(len(r) == len(COLUMNS) for r in table[1:])
    return [dict(zip(COLUMNS, r)) for r in table[1:]]


def test_csv_lists_every_wall_item_in_plan_order_with_chinese_headers(full_rendered):
    plan, out, _ = full_rendered
    rows = _rows(out)
    assert [r["id"] for r in rows] == [it.id for it in plan.wall_items]
    assert HEADERS["zh"][:4] == ["编号", "制作方式", "类别", "名称"]
    assert {"材料", "工艺", "安装位置", "文件"} <= set(HEADERS["zh"])


def test_flag_is_a_purchase_line_with_its_standard_size(full_rendered):
    plan, out, _ = full_rendered
    flag = next(r for r in _rows(out) if r["kind"] == "党旗")
    item = next(it for it in plan.wall_items if it.kind == "flag")
    assert flag["action"] == "采购" and flag["file"] == "" and flag["bleed_mm"] == ""
    n = item.flag_size or plan.flag_size
    assert f"{n}号" in flag["item"] and f"{item.width / 10:.0f}×{item.height / 10:.0f} cm" in flag["item"]
    assert "定点" in flag["material"] and "1996" in flag["notes"]
    assert flag["location"] == f"主墙面（第 {plan.main_wall} 面墙）"


def test_board_rows(full_rendered):
    plan, out, _ = full_rendered
    b = plan.spec.options.bleed
    for r in _rows(out):
        if r["kind"] == "党旗":
            continue
        it = next(i for i in plan.wall_items if i.id == r["id"])
        assert r["action"] == "印制" and r["file"] == f"{it.id}.pdf" and (out / r["file"]).is_file()
        assert float(r["width_mm"]) == float(it.width) and float(r["height_mm"]) == float(it.height)
        assert float(r["bleed_mm"]) == b
        assert float(r["file_width_mm"]) == float(it.width) + 2 * b
        assert r["quantity"] == "1"
        assert r["material"] == ("铝塑板" if it.face == "outside" else "KT板"), r
        assert r["finish"] == ("UV直喷，或户外写真覆防晒膜" if it.face == "outside" else "室内写真覆哑膜，裱KT板")
        assert r["status"] in ("完整", "待填写，暂勿印制", "待核对")
        assert r["location"], r
    honor = next(r for r in _rows(out) if r["id"] == "honor")
    assert "欧阳晓东" in honor["notes"]  # older than two years, and no photo


def test_no_field_names_or_clause_codes_in_the_list(full_rendered, example_plans, tmp_path):
    """The notes speak plain words: no spec field paths (the issue saw
    "content.rules + content.boards.rules.text"), no clause codes."""
    from roomplanner.printing.boards import render_boards

    _plan, out, _ = full_rendered
    render_boards(example_plans["enterprise-9x6"], tmp_path)  # no content: placeholder notes
    for folder in (out, tmp_path):
        rows = _rows(folder)
        text = "\n".join(v for r in rows for k, v in r.items() if k not in ("id", "file"))
        assert not FIELD_NAME.search(text), FIELD_NAME.search(text)
        assert "§" not in text and "doc1" not in text
        pdf = subprocess.run(["pdftotext", "-layout", str(folder / "production.pdf"), "-"], capture_output=True,
                             text=True, check=True).stdout
        assert not FIELD_NAME.search(pdf)
    rules = next(r for r in _rows(tmp_path) if r["id"] == "rules")
    assert rules["status"] == "待填写，暂勿印制" and "内容待填写：本支部上墙的制度" in rules["notes"]


def test_plain_note_drops_field_paths_and_codes_but_keeps_the_words():
    assert plain_note("内容待填写：本支部上墙的制度（content.rules + content.boards.rules.text）") == \
        "内容待填写：本支部上墙的制度"
    assert plain_note("荣誉超过2年（光荣榜只列近两年荣誉，000 doc1 §4(一)6）：欧阳晓东（2021年）") == \
        "荣誉超过2年（光荣榜只列近两年荣誉）：欧阳晓东（2021年）"
    assert plain_note("no photo (a marked photo frame is printed): content.members[0] 王, content.members[2] 李") == \
        "no photo (a marked photo frame is printed): 王, 李"


def test_where_it_hangs_in_words(example_plans):
    """Main-wall boards are placed relative to the flag, counted outwards on each side; other
    walls from the left; the door signs outside the door."""
    plan = example_plans["enterprise-9x6"]
    flag = next(it for it in plan.wall_items if it.kind == "flag")
    main = [it for it in plan.wall_items if it.wall == plan.main_wall and it.kind != "flag" and it.face == "inside"]
    walls = plan.spec.walls()

    def left(it):
        return walls[it.wall].viewer_left(float(it.offset), float(it.width))
    fl = left(flag)
    lefts = sorted((it for it in main if left(it) + float(it.width) <= fl + 1), key=left, reverse=True)
    rights = sorted((it for it in main if left(it) >= fl + float(flag.width) - 1), key=left)
    assert lefts and rights
    for side, items in (("左", lefts), ("右", rights)):
        for k, it in enumerate(items):
            assert hang_location(plan, it) == f"主墙面（第 {plan.main_wall} 面墙）党旗{side}侧第 {k + 1} 块"
    en = hang_location(plan, rights[0], "en")
    assert en == f"main wall (wall {plan.main_wall}), right of the flag, 1 from it"
    for it in plan.wall_items:
        words = hang_location(plan, it)
        if it.face == "outside":
            assert words.startswith("门外") and f"第 {it.wall} 面墙外侧" in words
        elif it.wall != plan.main_wall:
            assert re.fullmatch(rf"第 {it.wall} 面墙，(左起第 \d+ 块（共 \d+ 块）|墙上唯一一块)", words), words
    plaque = next(it for it in plan.wall_items if it.role == "branch_plaque")
    door = plan.spec.entrance()[1]
    assert hang_location(plan, plaque) in (f"门外左侧（第 {door.wall} 面墙外侧）", f"门外右侧（第 {door.wall} 面墙外侧）")


def test_production_pdf_is_cmyk_with_embedded_fonts(full_rendered):
    plan, out, _ = full_rendered
    r = P.read(out / "production.pdf")
    assert len(r.pages) >= 1
    assert P.rgb_operations(r) == []
    assert all(P.font_embedded(f) for f in P.fonts(r))
    text = "".join(p.extract_text() for p in r.pages)
    assert "制作清单" in text
    for head in ("名称", "材料", "工艺", "安装位置"):
        assert head in text
    assert "铝塑板" in text and "门外" in text


def _with_options(plan, **opts):
    spec = plan.spec.model_copy(update={"options": plan.spec.options.model_copy(update=opts)})
    return plan.model_copy(update={"spec": spec})


def test_material_comes_from_the_spec_and_english_list(example_plans, tmp_path):
    from roomplanner.printing.boards import render_boards

    plan = _with_options(example_plans["village-column"], material="PVC板")
    render_boards(plan, tmp_path, lang="en")
    rows = _rows(tmp_path, "en")
    by_face = {it.id: it.face for it in plan.wall_items}
    assert {r["material"] for r in rows if r["kind"] == "board"} == {"PVC foam board"}
    outside = [r for r in rows if by_face[r["id"]] == "outside"]
    assert outside and {r["material"] for r in outside} == {"aluminium composite panel"}
    assert "designated manufacturer" in next(r for r in rows if r["kind"] == "flag")["notes"]
    # English list: the words of the columns the program writes are English
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for r in rows:
        for k in ("action", "kind", "material", "finish", "location", "status"):
            assert not cjk.search(r[k]), (k, r[k])


def test_material_per_board_overrides_the_defaults(example_plans, tmp_path):
    from roomplanner.printing.boards import render_boards

    plan = example_plans["enterprise-9x6"]
    board = next(it for it in plan.wall_items if it.kind == "board")
    plan = _with_options(plan, materials={"door_sign": "亚克力", board.id: "铝塑板"})
    render_boards(plan, tmp_path)
    rows = {r["id"]: r for r in _rows(tmp_path)}
    assert rows["door_sign"]["material"] == "亚克力" and rows["door_sign"]["finish"] == "UV打印"
    assert rows[board.id]["material"] == "铝塑板"
    assert rows["branch_plaque"]["material"] == "铝塑板"  # outside, not overridden


def test_materials_naming_no_board_is_an_error(example_plans, tmp_path):
    from roomplanner.printing.boards import render_boards

    plan = _with_options(example_plans["enterprise-9x6"], materials={"door_sing": "亚克力"})
    with pytest.raises(ContentError) as exc:
        render_boards(plan, tmp_path)
    assert "options.materials.door_sing" in str(exc.value) and "没有编号为 'door_sing' 的图板" in str(exc.value)
    assert "door_sign" in str(exc.value)  # the ids that exist are listed
    plan = _with_options(example_plans["enterprise-9x6"], materials={"flag": "KT板"})
    with pytest.raises(ContentError, match="党旗向定点生产企业采购"):
        render_boards(plan, tmp_path)


@pytest.mark.parametrize("options, field, value", [
    ("material: 木板", "options.material", "'木板'"),
    ("materials: {door_sign: 石材}", "options.materials.door_sign", "'石材'"),
])
def test_unknown_material_is_a_chinese_spec_error(options, field, value):
    from roomplanner.model.spec import loads_spec
    from .fixtures import EXAMPLES

    text = (EXAMPLES / "general-8x5.yaml").read_text(encoding="utf-8")
    assert "\noptions:" not in text
    with pytest.raises(SpecError) as exc:
        loads_spec(text + f"\noptions:\n  {options}\n")
    msg = str(exc.value)
    assert f"{field}: 得到 {value}，应为 'KT板'、'PVC板'、'铝塑板'或 '亚克力'" in msg, msg


def test_material_aliases_are_accepted():
    from roomplanner.model.spec import loads_spec
    from .fixtures import EXAMPLES

    text = (EXAMPLES / "general-8x5.yaml").read_text(encoding="utf-8")
    spec = loads_spec(text + "\noptions:\n  material: 雪弗板\n  materials: {door_sign: acrylic}\n")
    assert spec.options.material == "PVC板" and spec.options.materials == {"door_sign": "亚克力"}


def test_english_role_names_are_defined_once():
    """The production list, index.html and the report name a kind of board by its role's
    ``title_en`` in boards/roles.yaml; no module keeps a copy of its own."""
    import roomplanner.pack_index as pack_index
    import roomplanner.printing.production as production
    from roomplanner.profiles import role_title_en, roles

    assert not hasattr(production, "ROLE_EN") and not hasattr(pack_index, "ROLE_EN")
    assert all(r.get("title_en") for r in roles().values())
    assert role_title_en("member_style") == "Members' profiles" and role_title_en("party_fee") == "Party dues"
    assert role_title_en("no_such_role") == "no such role"
