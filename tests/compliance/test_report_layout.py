"""The report PDF's layout, asserted on its pages of primitives (``compliance.pdf.report_pages``,
``compliance.planview.plan_view``) rather than on pixels: the table's header on every page, no
text outside its cell or the page's margins, failing items red, words unbroken, rows split
across pages, characters the font lacks, and the report path's imports."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from roomplanner.compliance.catalog import RULES
from roomplanner.compliance.pagelayout import Cell, Flow, Table, TextStyle, _cell_lines
from roomplanner.compliance.pdf import (HEAD, MARGIN, PAGE, PALE_RED, RED, STYLES, report_pages, write_pdf)
from roomplanner.compliance.planview import plan_scale, plan_view
from roomplanner.compliance.report import report_pdf
from roomplanner.render.primitives import Line, Page, Polygon, Text, record
from roomplanner.typeset import fonts

from .factories import general_plan, item
from .helpers import FIXTURES, plan_of, report_of

ROOT = Path(__file__).resolve().parents[2]


def failing_data():
    data = general_plan()
    item(data, "flag")["offset"] += 6          # flag.centred and oath.below_flag fail
    return data


@pytest.fixture(scope="module")
def failing():
    data = failing_data()
    return plan_of(data), report_of(data)


def extent(t: Text) -> tuple[float, float]:
    w = fonts.text_width(t.text, t.font, t.size)
    x = t.pos[0] - (w / 2 if t.anchor == "middle" else w if t.anchor == "end" else 0.0)
    return x, x + w


def table_texts(page):
    return [p for p in page.find(Text, layer="label") if p.ref in RULES or p.ref == "table-head"]


def grid(page) -> tuple[list[float], list[float]]:
    """The x of the table's column rules and the y of its row rules on a page."""
    lines = page.find(Line, layer="table")
    xs = sorted({round(l.a[0], 6) for l in lines if abs(l.a[0] - l.b[0]) < 1e-9})
    ys = sorted({round(l.a[1], 6) for l in lines if abs(l.a[1] - l.b[1]) < 1e-9})
    return xs, ys


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_header_on_every_page_it_runs_onto_and_every_text_in_its_cell(failing, lang):
    plan, report = failing
    pages = report_pages([(report, plan)], lang=lang)
    with_table = [pg for pg in pages if table_texts(pg)]
    assert len(with_table) >= 2, "the findings table should run onto a second page"
    heads = {"zh": "规则 结果 级别 实测 / 要求 说明 依据",
             "en": "Rule Status Severity Measured / required Message Source"}[lang]
    seen_rules: list[str] = []
    for pg in with_table:
        head = [t for t in pg.find(Text, ref="table-head")]
        assert " ".join(t.text for t in head) == heads, pg.name
        fill = pg.find(Polygon, layer="background", ref="table-head")
        assert len(fill) == 1 and fill[0].style.fill == HEAD
        body = [t for t in table_texts(pg) if t.ref != "table-head"]
        assert min(t.pos[1] for t in body) > max(t.pos[1] for t in head)     # the header is on top
        xs, ys = grid(pg)
        assert len(xs) == 7 and xs[0] == pytest.approx(MARGIN) and xs[-1] == pytest.approx(PAGE[0] - MARGIN)
        for t in table_texts(pg):
            x0, x1 = extent(t)
            col = max(i for i, x in enumerate(xs) if x <= x0 + 1e-6)
            pad = 2.5 * 25.4 / 72       # the cell padding (2.5 pt) on either side
            assert x0 >= xs[col] + pad - 1e-6 and x1 <= xs[col + 1] - pad + 1e-6, (t.text, x0, x1, xs[col:col + 2])
            top = t.pos[1] - fonts.metrics(t.font).em_top * t.size
            bottom = t.pos[1] - fonts.metrics(t.font).em_bottom * t.size
            row = max(i for i, y in enumerate(ys) if y <= top + 1e-6)
            assert row + 1 < len(ys) and bottom <= ys[row + 1] + 1e-6, (t.text, top, bottom, ys[row:row + 2])
        seen_rules += [t.ref for t in body if t.text == t.ref]
    assert seen_rules == list(RULES)          # every finding's row once, in the catalog's order


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_text_beyond_the_margins(failing, lang):
    plan, report = failing
    for pg in report_pages([(report, plan)], lang=lang):
        assert (pg.width, pg.height) == PAGE
        for t in pg.find(Text):
            x0, x1 = extent(t)
            assert MARGIN - 1e-6 <= x0 and x1 <= PAGE[0] - MARGIN + 1e-6, (pg.name, t.text)
            if t.ref == "footer":
                assert t.pos[1] > PAGE[1] - MARGIN
            else:
                top = t.pos[1] - fonts.metrics(t.font).em_top * t.size
                assert MARGIN - 1e-6 <= top and t.pos[1] <= PAGE[1] - MARGIN, (pg.name, t.text, t.pos)


def test_footer_numbers_every_page(failing):
    plan, report = failing
    pages = report_pages([(report, plan)], lang="zh")
    assert [pg.find(Text, ref="footer")[0].text for pg in pages] == \
        [f"roomplanner · {n}" for n in range(1, len(pages) + 1)]


def test_failing_status_cell_red_and_verdict_red(failing):
    plan, report = failing
    pages = report_pages([(report, plan)], lang="zh")
    verdict = pages[0].find(Text, ref="verdict")[0]
    assert verdict.text == "结论：不合规" and verdict.color == RED
    cells = [t for pg in pages for t in pg.find(Text, ref="flag.centred") if t.text == "不通过"]
    assert len(cells) == 1 and cells[0].color == RED
    fills = [p for pg in pages for p in pg.find(Polygon, layer="background", ref="flag.centred")]
    assert [p.style.fill for p in fills] == [PALE_RED]
    passing = [t for pg in pages for t in pg.find(Text, ref="area.minimum") if t.text == "通过"]
    assert passing and passing[0].color != RED


def test_english_words_never_break_inside():
    data = failing_data()
    data["spec"]["options"]["lang"] = "en"
    plan, report = plan_of(data), report_of(data)
    pages = report_pages([(report, plan)], lang="en")
    for f in report.findings:
        lines = []
        for pg in pages:
            xs, _ = grid(pg)
            # the message cell: the texts in the fifth column, in order
            lines += [t.text for t in pg.find(Text, ref=f.rule) if xs[4] < t.pos[0] < xs[5]]
        assert " ".join(" ".join(lines).split()) == " ".join(f.message.split()), (f.rule, lines)


def test_plan_view_failing_items_red_main_wall_thick_scale_bar(failing):
    plan, report = failing
    box = (12.0, 40.0, 186.0, 95.0)
    page = _page(plan_view(plan, report, box, "zh"))
    bad = {i for f in report.findings if f.status == "fail" for i in f.items}
    assert bad == {"flag", "oath"}
    flag = page.find(Line, ref="flag")
    assert len(flag) == 1 and flag[0].style.stroke == RED
    others = [p for p in page.find(Line, layer="wallitem") if p.ref not in bad]
    assert others and all(p.style.stroke != RED for p in others)
    main = page.find(Line, layer="wall", ref="main-wall")[0]
    room = page.find(Polygon, ref="room")[0]
    assert main.style.width > 2 * room.style.width
    bar = page.find(Line, ref="scalebar")[0]
    assert bar.b[0] - bar.a[0] == pytest.approx(1000 * plan_scale(plan, box))
    assert page.find(Text, ref="scalebar")[0].text == "1 m"
    # ids of the failing items, in red, none over another
    ids = [t for t in page.find(Text, layer="label") if t.ref in ("flag", "oath")]
    assert sorted(t.text for t in ids) == ["flag", "oath"] and all(t.color == RED for t in ids)
    assert abs(ids[0].pos[1] - ids[1].pos[1]) >= ids[0].size
    # everything inside the box
    for p in page.primitives:
        pts = [p.a, p.b] if isinstance(p, Line) else [p.pos] if isinstance(p, Text) else list(p.points)
        for x, y in pts:
            assert box[0] - 1e-6 <= x <= box[0] + box[2] + 1e-6 and box[1] - 1e-6 <= y <= box[1] + box[3] + 1e-6


def test_plan_view_failing_floor_item_filled_pale_red(failing):
    data = general_plan()
    table = next(i for i in data["floor_items"] if i["kind"] == "table")
    table["footprint"] = [[x + 9000, y] for x, y in table["footprint"]]      # outside the room
    plan, report = plan_of(data), report_of(data)
    bad = {i for f in report.findings if f.status == "fail" for i in f.items}
    assert table["id"] in bad
    rec = record([_page(plan_view(plan, report, (12.0, 12.0, 186.0, 95.0), "en"))])
    polys = rec.of("polygon", "furniture", table["id"])
    assert len(polys) == 1 and polys[0][5] == "#FFD9D9"
    assert all(c[5] != "#FFD9D9" for c in rec.of("polygon", "furniture") if c[2] not in bad)


def _page(prims):
    page = Page(*PAGE)
    page.extend(prims)
    return page


def test_a_row_taller_than_a_page_splits_between_lines_and_repeats_the_header():
    st = TextStyle(7, 8.8)
    words = [f"line{k:03d}" for k in range(120)]
    rows = [[Cell([("short", "#000000")]), Cell([(w, "#000000") for w in words])],
            [Cell([("after", "#000000")]), Cell([("end", "#000000")])]]
    flow = Flow(name="t")
    flow.paragraph("heading", STYLES["title"])
    flow.table(Table((30, 156), [Cell([("A", "#FFFFFF")]), Cell([("B", "#FFFFFF")])], rows, st, STYLES["head"],
                     HEAD, "#8C8C8C", refs=["r1", "r2"]))
    pages = flow.finish(STYLES["footer"])
    assert len(pages) >= 2
    got = [t.text for pg in pages for t in pg.find(Text, ref="r1") if t.text.startswith("line")]
    assert got == words                                   # every line once, in order
    for pg in pages:
        assert [t.text for t in pg.find(Text, ref="table-head")] == ["A", "B"]
        for t in pg.find(Text, ref="r1"):
            assert t.pos[1] <= PAGE[1] - MARGIN
    assert pages[-1].find(Text, ref="r2")


def test_characters_the_font_lacks_do_not_break_the_report(tmp_path):
    out = io.BytesIO()
    write_pdf([], out, invalid=[("bad\U0001F600.json", ["plan: 不是有效的 JSON \x01 \U0001F600"])])
    data = out.getvalue()
    assert data.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "无法检查的文件" in text and "不是有效的 JSON" in text


def test_report_is_deterministic_and_reads_in_order(failing):
    plan, report = failing
    a, b = report_pdf(report, plan, "zh"), report_pdf(report, plan, "zh")
    assert a == b
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=a, capture_output=True,
                          check=True).stdout.decode("utf-8")
    flat = "".join(text.split())
    order = ["党员活动室方案合规检查报告", "结论：不合规", "平面示意图", "检查结果", "area.minimum",
             "roomplanner·1", "依据文件"]
    where = [flat.find(w) for w in order]
    assert -1 not in where and where == sorted(where), list(zip(order, where))


def test_report_path_imports_no_platypus_nor_graphics():
    code = (
        "import sys, json\n"
        "from roomplanner.compliance import check\n"
        "from roomplanner.compliance.safety import load_plan_for_check\n"
        "from roomplanner.compliance.report import report_pdf\n"
        f"plan, base = load_plan_for_check({str(FIXTURES / 'fail-flag.centred-plus6mm.json')!r})\n"
        "assert report_pdf(check(plan, base_dir=base), plan).startswith(b'%PDF')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('reportlab', 'roomplanner.typeset.pdfcanvas')))))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr
    mods = __import__("json").loads(r.stdout)
    assert "roomplanner.typeset.pdfcanvas" in mods     # the report is written by the own PDF writer
    assert not [m for m in mods if m.startswith("reportlab")], mods


@pytest.mark.parametrize("text, head", [
    ("房间面积 40.00 m²，18 名党员要求不少于 30.00 m²", "房间面积 40.00 m²，18 名党员要求不少于 30.00"),
    ("The room has 40.00 m²; 18 members need at least 30.00 m²", "The room has 40.00 m²; 18 members need at least 30.00"),
    ("门宽 900 mm，应不小于 800 mm（GB 50016）", "门宽 900 mm，应不小于 800"),
])
def test_a_number_stays_with_its_unit(text, head):
    """A cell as wide as the text up to the last number: the number and its unit go to the next
    line together (the space between them does not break), in Chinese and in English."""
    st = STYLES["cell"]
    width = fonts.text_width(head, st.font, st.size_mm) + 0.2
    lines = [ln for ln, _ in _cell_lines(Cell([(text, "#000000")]), width, st)]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    number = head.split()[-1]
    assert any(ln.startswith(number + " ") for ln in lines[1:]), lines
    for a, b in zip(lines, lines[1:]):
        assert not (a[-1:].isdigit() and b.split(" ")[0] in ("m²", "mm", "m")), lines
