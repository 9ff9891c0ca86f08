"""The files render_drawings writes: SVG in real millimetres (exact root fragment, lengths
measured in the file), PDF pages exactly A3 in points, fonts embedded or outlined,
installation.csv with the numbers of plan.json, deterministic bytes."""

from __future__ import annotations

import csv
import io
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from roomplanner.render.drawing import render_drawings
from roomplanner.render.installation import HEADER
from roomplanner.render.sheets import A3
from tests.render.test_drawing_plans import DATE, cw_rect_plan, l_plan, rect_plan

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def rect_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("rect")
    paths = render_drawings(rect_plan(), out, date=DATE)
    return out, paths


@pytest.fixture(scope="module")
def outlined_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("outlined")
    render_drawings(rect_plan(), out, outline_text=True, date=DATE)
    return out


def test_files_written(rect_out):
    out, paths = rect_out
    names = sorted(str(p.relative_to(out)) for p in paths)
    assert names == sorted(["floorplan.svg", "floorplan.pdf", "elevations.pdf", "installation.csv",
                            "elevations/wall-0.svg", "elevations/wall-0-outside.svg", "elevations/wall-1.svg",
                            "elevations/wall-2.svg", "elevations/wall-3.svg"])
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)


# ------------------------------------------------------------------ SVG

def test_svg_root_is_in_millimetres(rect_out):
    out, _ = rect_out
    head = (out / "floorplan.svg").read_text(encoding="utf-8")[:600]
    assert re.search(r'<svg [^>]*height="297mm" version="1.1" viewBox="0 0 420 297" width="420mm">', head)
    assert 'width="420mm"' in head and 'height="297mm"' in head and 'viewBox="0 0 420 297"' in head
    root = ET.parse(out / "floorplan.svg").getroot()
    assert root.get("width") == "420mm" and root.get("viewBox") == "0 0 420 297"


def _path_points(d: str) -> list[tuple[float, float]]:
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(nums[::2], nums[1::2]))


def test_6000_mm_wall_measures_120_mm_in_the_svg(rect_out):
    out, _ = rect_out
    root = ET.parse(out / "floorplan.svg").getroot()
    paths = [e for e in root.iter(SVG_NS + "path") if e.get("data-ref") == "wall:1"]
    assert paths
    pts = [q for e in paths for q in _path_points(e.get("d"))]
    # wall 1 is the right-hand wall: its inner face is the leftmost edge of its poché
    x_in = min(x for x, _ in pts)
    ys = [y for x, y in pts if abs(x - x_in) < 1e-3]
    assert max(ys) - min(ys) == pytest.approx(120.0, abs=0.5)
    # the paper in the file really is 420 × 297 mm for a 420 × 297 viewBox
    assert root.get("height") == "297mm" and root.get("viewBox").split()[3] == "297"


def test_svg_text_is_real_text_in_the_bundled_font(rect_out):
    out, _ = rect_out
    s = (out / "floorplan.svg").read_text(encoding="utf-8")
    assert "<text" in s
    assert "font-family=\"'WenQuanYi Micro Hei', RPSans, sans-serif\"" in s
    assert ">星火科技有限公司党支部</text>" in s
    # each layer is an Inkscape layer
    assert 'id="layer-wall" inkscape:groupmode="layer" inkscape:label="wall"' in s


def test_outline_text_leaves_no_text_element(outlined_out):
    for p in [outlined_out / "floorplan.svg", *sorted((outlined_out / "elevations").glob("*.svg"))]:
        s = p.read_text(encoding="utf-8")
        assert "<text" not in s, p.name
        assert "font-family" not in s, p.name
    # the glyphs are there as paths
    assert (outlined_out / "floorplan.svg").stat().st_size > 20000


def test_svg_flag_centred_on_main_wall_elevation(rect_out):
    out, _ = rect_out
    root = ET.parse(out / "elevations" / "wall-2.svg").getroot()
    flag = [e for e in root.iter(SVG_NS + "path") if e.get("data-ref") == "flag" and e.get("fill") == "#DE2910"]
    assert len(flag) == 1
    fx = [x for x, _ in _path_points(flag[0].get("d"))]
    bg = [e for e in root.iter(SVG_NS + "path") if e.get("data-ref") == "wall:2"][0]
    wx = [x for x, _ in _path_points(bg.get("d"))]
    assert (min(fx) + max(fx)) / 2 == pytest.approx((min(wx) + max(wx)) / 2, abs=0.01)
    assert max(wx) - min(wx) == pytest.approx(9000 / 50, abs=0.01)
    assert max(fx) - min(fx) == pytest.approx(2400 / 50, abs=0.01)


# ------------------------------------------------------------------ PDF

def _size(page):
    box = page.mediabox
    return (float(box.width), float(box.height))


def test_pdf_pages_are_exactly_a3_landscape(rect_out):
    out, _ = rect_out
    fp = PdfReader(out / "floorplan.pdf")
    assert len(fp.pages) == 1
    w, h = _size(fp.pages[0])
    assert w == pytest.approx(420 * 72 / 25.4, abs=0.01) and h == pytest.approx(297 * 72 / 25.4, abs=0.01)
    assert (w, h) == pytest.approx(A3.points, abs=0.01)
    el = PdfReader(out / "elevations.pdf")
    assert len(el.pages) == 6                      # five elevations and the schedule
    for pg in el.pages:
        assert _size(pg) == pytest.approx(A3.points, abs=0.01)


def test_small_room_pdf_is_exactly_a3_at_1_to_20(tmp_path):
    from tests.render.test_drawing_plans import _spec
    from roomplanner.model.plan import Plan, WallItem
    spec = _spec([(0, 0), (2200, 0), (2200, 1800), (0, 1800)],
                 [{"kind": "door", "wall": 0, "offset": 1200, "width": 900, "height": 2100}])
    plan = Plan(spec=spec, profile="enterprise", main_wall=2, flag_size=5, oath_position="below",
                wall_items=[WallItem(id="flag", kind="flag", role="flag", title="中国共产党党旗", wall=2, offset=620,
                                     bottom=1200, width=960, height=640, flag_size=5)], floor_items=[])
    render_drawings(plan, tmp_path, date=DATE)
    # A3 by default (the drawing fills it at 1:20), never a smaller sheet with smaller text
    w, h = _size(PdfReader(tmp_path / "floorplan.pdf").pages[0])
    assert (w, h) == pytest.approx((1190.551, 841.8898), abs=0.01)
    assert (w, h) == pytest.approx(A3.points, abs=0.01)
    head = (tmp_path / "floorplan.svg").read_text(encoding="utf-8")[:600]
    assert 'width="420mm"' in head and 'height="297mm"' in head and 'viewBox="0 0 420 297"' in head
    assert "1:20" in (tmp_path / "floorplan.svg").read_text(encoding="utf-8")


def _fonts_of(reader) -> set[str]:
    names = set()
    for pg in reader.pages:
        res = pg.get("/Resources") or {}
        fonts = res.get("/Font") or {}
        for ref in fonts.values():
            f = ref.get_object()
            names.add(str(f.get("/BaseFont")))
    return names


def test_pdf_embeds_the_bundled_font_subset(rect_out):
    out, _ = rect_out
    names = _fonts_of(PdfReader(out / "floorplan.pdf"))
    # one subset (AAAAAA+) of the bundled WenQuanYi Micro Hei, nothing else (no Helvetica)
    assert len(names) == 1 and re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei", names.pop())


def test_outlined_pdf_has_no_font(outlined_out):
    assert _fonts_of(PdfReader(outlined_out / "floorplan.pdf")) == set()
    assert _fonts_of(PdfReader(outlined_out / "elevations.pdf")) == set()


# ------------------------------------------------------------------ installation.csv

def _csv_rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_every_wall_item_in_installation_csv_with_plan_numbers(rect_out):
    out, _ = rect_out
    plan = rect_plan()
    rows = {r["id"]: r for r in _csv_rows(out / "installation.csv")}
    assert list(_csv_rows(out / "installation.csv")[0].keys()) == list(HEADER)
    assert set(rows) == {it.id for it in plan.wall_items}
    walls = plan.spec.walls()
    for it in plan.wall_items:
        r = rows[it.id]
        L = walls[it.wall].length
        # counter-clockwise outline: seen from inside, left = L - offset - width; outside, left = offset
        left = L - it.offset - it.width if it.face == "inside" else it.offset
        assert (r["title"], r["wall"], r["face"]) == (it.title, str(it.wall), it.face)
        assert int(r["left"]) == round(left)
        assert int(r["bottom"]) == round(it.bottom) and int(r["top"]) == round(it.bottom + it.height)
        assert int(r["width"]) == round(it.width) and int(r["height"]) == round(it.height)
    # hand-checked values
    assert rows["flag"]["left"] == "3300" and rows["oath"]["left"] == "2350" and rows["nature"]["left"] == "5850"
    assert rows["honor"]["left"] == "3075" and rows["door_sign"]["left"] == "7300"


def test_installation_csv_clockwise_and_half_up_rounding(tmp_path):
    render_drawings(cw_rect_plan(), tmp_path, date=DATE)
    rows = {r["id"]: r for r in _csv_rows(tmp_path / "installation.csv")}
    # clockwise: left = offset; 100.5 and 1000.5 round half up
    assert rows["oath"]["left"] == "101" and rows["oath"]["bottom"] == "1001" and rows["oath"]["top"] == "2201"
    assert rows["flag"]["left"] == "3300"


def test_schedule_page_lists_every_item(rect_out):
    out, _ = rect_out
    text = PdfReader(out / "elevations.pdf").pages[-1].extract_text()
    for it in rect_plan().wall_items:
        assert it.id in text


# ------------------------------------------------------------------ determinism and misc

def test_same_plan_same_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    pa = render_drawings(l_plan(), a, date=DATE)
    pb = render_drawings(l_plan(), b, date=DATE)
    for x, y in zip(pa, pb):
        assert x.read_bytes() == y.read_bytes(), x.name


def test_date_argument_and_spec_date(tmp_path):
    render_drawings(rect_plan(), tmp_path, date="2030-01-02")
    assert "2030-01-02" in (tmp_path / "floorplan.svg").read_text(encoding="utf-8")
    render_drawings(rect_plan(), tmp_path / "d")
    assert DATE in (tmp_path / "d" / "floorplan.svg").read_text(encoding="utf-8")


def test_stale_elevations_removed(tmp_path):
    (tmp_path / "elevations").mkdir()
    (tmp_path / "elevations" / "wall-9.svg").write_text("old")
    (tmp_path / "elevations" / "notes.txt").write_text("mine")
    render_drawings(rect_plan(), tmp_path, date=DATE)
    assert not (tmp_path / "elevations" / "wall-9.svg").exists()
    assert (tmp_path / "elevations" / "notes.txt").exists()


def test_bad_lang_is_an_error(tmp_path):
    from roomplanner.errors import RenderError
    with pytest.raises(RenderError):
        render_drawings(rect_plan(), tmp_path, lang="fr")


# ------------------------------------------------------------------ the example rooms, solved

import shutil  # noqa: E402

from tests.conftest import EXAMPLES  # noqa: E402

EXAMPLE_ROOMS = sorted(p.stem for p in EXAMPLES.glob("*.yaml")
                       if "\nvenue: none" not in p.read_text(encoding="utf-8"))   # class 3: no room (tests/venues)


@pytest.mark.parametrize("name", EXAMPLE_ROOMS)
def test_example_rooms_render_cleanly(name, tmp_path):
    """Every example the solver can lay out renders; every label finds a free spot (none
    forced onto its object) and no two labels overlap."""
    from roomplanner.errors import InfeasibleError
    from roomplanner.model.spec import load_spec
    from roomplanner.render.drawing import drawing_set
    from tests.render.test_drawing import _label_boxes, overlap

    try:
        from roomplanner.solver import solve
        plan = solve(load_spec(EXAMPLES / f"{name}.yaml"))
    except InfeasibleError:
        pytest.skip(f"{name} is infeasible by design")
    ds = drawing_set(plan, "zh")
    assert not ds.floorplan.meta.get("crowded_labels")
    for page in [ds.floorplan] + [p for p in ds.elevations if p.meta["kind"] == "elevation"]:
        boxes = _label_boxes(page)
        for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
            if ta.ref == tb.ref and page.meta["kind"] == "elevation":
                continue        # the lines of one board's title block
            assert not overlap(a, b), (name, page.name, ta.text, tb.text)
    paths = render_drawings(plan, tmp_path)
    assert all(p.stat().st_size > 0 for p in paths)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pdftoppm_renders_a3_at_true_size(rect_out, tmp_path):
    """The look step: pdftoppm rasterises the sheets; at 50 dpi an A3 page is 827 × 585 px."""
    import subprocess
    from PIL import Image

    out, _ = rect_out
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(out / "floorplan.pdf"), str(tmp_path / "fp")], check=True)
    img = Image.open(tmp_path / "fp-1.png")
    assert img.size == (827, 585)
    # not blank: the red main wall is there
    colours = img.convert("RGB").getcolors(maxcolors=1 << 20)
    assert any(r > 180 and g < 60 and b < 80 for _, (r, g, b) in colours)
