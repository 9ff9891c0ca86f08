"""The party emblem: only the official artwork the user supplies (``emblem:``), placed uniformly
scaled in the board headers and on the door sign, embedded, nothing added to it.

The tests never draw an emblem: the "artwork" is a neutral test pattern (a coloured 3 : 2
rectangle with a second shape), made here as an SVG and as a PDF.
"""

from __future__ import annotations

import base64
import re
import zlib

import pytest
from pypdf.generic import ContentStream

from roomplanner.errors import ContentError
from roomplanner.model.spec import MAX_EMBLEM_BYTES
from roomplanner.printing.boardart import EmblemMark, TextRun

from . import pdfcheck as P

#: A neutral test pattern, 3 : 2 (not square, so that uniform scaling shows).
SVG_ART = (b'<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40" viewBox="0 0 60 40">'
           b'<rect x="0" y="0" width="60" height="40" fill="#1e64c8"/>'
           b'<rect x="20" y="10" width="20" height="20" fill="#28a050"/></svg>')
PDF_CONTENT = b"0.8 0.3 0 0 k 0 0 90 60 re f 0.6 0 0.9 0 k 30 15 30 30 re f"


def pdf_art(pages: int = 1) -> bytes:
    """The test pattern as a PDF page of 90 × 60 pt (CMYK fills, no fonts)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    w = PdfWriter()
    for _ in range(pages):
        page = w.add_blank_page(90, 60)
        st = DecodedStreamObject()
        st.set_data(PDF_CONTENT)
        page[NameObject("/Contents")] = w._add_object(st)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _with_emblem(plan, path):
    return plan.model_copy(update={"spec": plan.spec.model_copy(update={"emblem": path})})


@pytest.fixture(scope="module")
def emblem_boards(full, tmp_path_factory):
    """The full plan rendered with the SVG and with the PDF artwork: {kind: (plan, arts, files)}."""
    from roomplanner.printing.boards import board_files, compose_boards

    plan, spec_dir = full
    (spec_dir / "art").mkdir(exist_ok=True)
    (spec_dir / "art" / "emblem.svg").write_bytes(SVG_ART)
    (spec_dir / "art" / "emblem.pdf").write_bytes(pdf_art())
    out = {}
    for kind in ("svg", "pdf"):
        p = _with_emblem(plan, f"art/emblem.{kind}")
        out[kind] = (p, compose_boards(p, spec_dir), board_files(p, spec_dir=spec_dir))
    return out


def _bbox(op):
    from roomplanner.printing.boardart import Circle, Line, Picture, Poly, Rect

    if isinstance(op, TextRun):
        return op.bbox()
    if isinstance(op, (Rect, Picture)):
        return (op.x, op.y, op.x + op.w, op.y + op.h)
    if isinstance(op, Line):
        return (min(op.x1, op.x2), min(op.y1, op.y2), max(op.x1, op.x2), max(op.y1, op.y2))
    if isinstance(op, Circle):
        return (op.cx - op.r, op.cy - op.r, op.cx + op.r, op.cy + op.r)
    if isinstance(op, Poly):
        xs, ys = zip(*op.points)
        return (min(xs), min(ys), max(xs), max(ys))
    raise TypeError(op)


def _emblem_uses(pdf_bytes: bytes):
    """(cm matrix, form name) of every emblem form drawn on the page."""
    import io

    from pypdf import PdfReader

    r = PdfReader(io.BytesIO(pdf_bytes))
    page = r.pages[0]
    ops = ContentStream(page.get_contents(), r).operations
    uses, cms = [], [None]
    for operands, op in ops:
        if op == b"q":
            cms.append(None)
        elif op == b"Q":
            cms.pop()
        elif op == b"cm":
            cms[-1] = [float(v) for v in operands]
        elif op == b"Do" and "RPemblem" in operands[0]:
            uses.append((cms[-1], operands[0]))
    return r, page, uses


@pytest.mark.parametrize("kind", ["svg", "pdf"])
def test_emblem_placed_in_headers_and_on_the_door_sign_uniformly_scaled(emblem_boards, kind):
    plan, arts, files = emblem_boards[kind]
    with_slot = [a for a in arts if a.emblem_slot]
    assert {a.emblem_slot for a in with_slot} == {"header", "door_sign"}
    for art in arts:
        marks = [op for op in art.ops if isinstance(op, EmblemMark)]
        if not art.emblem_slot:
            assert marks == [], art.id  # the oath board, the plaque: no place for it
            continue
        assert len(marks) == 1, art.id
        m = marks[0]
        assert m.w / m.h == pytest.approx(1.5, rel=1e-6)  # the artwork's own aspect ratio
        # inside the trim and the safe margin; in the header band (top of the board) for boards
        assert m.x >= 15 - 1e-6 and m.x + m.w <= art.width - 15 + 1e-6
        if art.emblem_slot == "header":
            assert m.y + m.h < 0.25 * art.height
        # nothing is drawn over it: nothing drawn after it overlaps its box
        idx = art.ops.index(m)
        for op in art.ops[idx + 1:]:
            x0, y0, x1, y1 = _bbox(op)
            assert x1 <= m.x or x0 >= m.x + m.w or y1 <= m.y or y0 >= m.y + m.h, (art.id, op)
        # ... and it is beside the title, left of it
        title = [op for op in art.ops[idx + 1:] if isinstance(op, TextRun)
                 and op.bbox()[1] < m.y + m.h and op.bbox()[3] > m.y]
        assert title and m.x + m.w < min(t.x for t in title)


def test_pdf_artwork_is_embedded_as_a_vector_form_unchanged(emblem_boards):
    plan, arts, files = emblem_boards["pdf"]
    art = next(a for a in arts if a.id == "door_sign")
    r, page, uses = _emblem_uses(files["door_sign.pdf"])
    assert len(uses) == 1
    (a, b, c, d, _e, _f), name = uses[0]
    assert a == pytest.approx(d) and b == c == 0  # uniform scale, no rotation or shear
    mark = next(op for op in art.ops if isinstance(op, EmblemMark))
    assert a * 90 == pytest.approx(mark.w * 72 / 25.4, rel=1e-3)  # 90 pt wide artwork → the mark's width
    form = page["/Resources"]["/XObject"][name].get_object()
    assert form["/Subtype"] == "/Form" and [float(v) for v in form["/BBox"]] == [0, 0, 90, 60]
    assert form.get_data() == PDF_CONTENT  # the artwork's own drawing, nothing added, not recoloured
    assert P.rgb_operations(r) == []
    # every board with a header carries it
    for a_ in arts:
        if a_.emblem_slot:
            assert len(_emblem_uses(files[f"{a_.id}.pdf"])[2]) == 1, a_.id


def test_svg_artwork_in_pdf_is_vector_cmyk_and_in_svg_as_itself(emblem_boards):
    plan, arts, files = emblem_boards["svg"]
    r, page, uses = _emblem_uses(files["door_sign.pdf"])
    # converted once to a one-page vector PDF, placed as a form like a PDF artwork
    assert len(uses) == 1
    assert P.rgb_operations(r) == []
    form = page["/Resources"]["/XObject"][uses[0][1]].get_object()
    content = form.get_data()
    assert b" re" in content or b" l" in content  # vector paths, no image
    # the two rectangles' colours, converted to CMYK (#1e64c8 → C 0.85 M 0.5 Y 0 K 0.216)
    assert re.search(rb"\.85\d* \.5\d* 0 \.21\d* k", content), content[:400]
    svg = files["door_sign.svg"].decode()
    m = re.search(r'<image class="emblem" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" '
                  r'preserveAspectRatio="xMidYMid meet" xlink:href="data:image/svg\+xml;base64,([^"]+)"/>', svg)
    assert m, "no emblem image in the board SVG"
    assert float(m.group(3)) / float(m.group(4)) == pytest.approx(1.5, rel=2e-3)
    assert base64.b64decode(m.group(5)) == SVG_ART


def test_pdf_artwork_in_board_svg_is_a_raster_of_it(emblem_boards):
    import io

    from PIL import Image

    _plan, _arts, files = emblem_boards["pdf"]
    m = re.search(r'<image class="emblem"[^>]*data:image/png;base64,([^"]+)"', files["rules.svg"].decode())
    assert m
    im = Image.open(io.BytesIO(base64.b64decode(m.group(1)))).convert("RGBA")
    assert im.size == (1200, 800)
    r, g, b, _a = im.getpixel((600, 400))  # the inner square: green-ish (C 60 Y 90)
    assert g > r and g > b
    r, g, b, _a = im.getpixel((50, 50))  # the ground: blue-ish (C 80 M 30)
    assert b > r


def test_without_emblem_there_is_none_and_the_list_says_where_it_would_go(full_rendered):
    plan, out, _ = full_rendered
    assert plan.spec.emblem is None
    for pdf in out.glob("*.pdf"):
        assert b"RPemblem" not in pdf.read_bytes()
    for svg in out.glob("*.svg"):
        assert 'class="emblem"' not in svg.read_text(encoding="utf-8")
    import csv
    import io

    from roomplanner.printing.production import COLUMNS
    rows = [dict(zip(COLUMNS, r)) for r in
            list(csv.reader(io.StringIO((out / "production.csv").read_bytes().decode("utf-8-sig"))))[1:]]
    by_id = {r["id"]: r for r in rows}
    assert "党徽位置：门牌文字左侧（请使用官方党徽图稿" in by_id["door_sign"]["notes"]
    assert "党徽位置：标题栏内标题左侧（请使用官方党徽图稿" in by_id["nature"]["notes"]
    assert "党徽" not in by_id["oath"]["notes"] and "党徽" not in by_id["flag"]["notes"]


def test_with_emblem_the_list_names_the_artwork(emblem_boards):
    from roomplanner.printing.production import production_rows

    plan, arts, _files = emblem_boards["svg"]
    rows = {r["id"]: r for r in production_rows(plan, arts)}
    assert "党徽：门牌文字左侧用官方党徽图稿（art/emblem.svg），等比缩放，未作任何改动" in rows["door_sign"]["notes"]
    assert "党徽位置" not in rows["nature"]["notes"]


def test_same_input_same_bytes(emblem_boards, full):
    from roomplanner.printing.boards import board_files

    _plan, spec_dir = full
    for kind in ("svg", "pdf"):
        plan, _arts, files = emblem_boards[kind]
        again = board_files(plan, spec_dir=spec_dir)
        for name in ("door_sign.pdf", "door_sign.svg", "nature.pdf", "production.csv", "boards.pdf"):
            assert again[name] == files[name], (kind, name)


def test_the_pack_bundles_the_artwork_and_check_finds_it(full, tmp_path):
    from roomplanner.cli import main
    from roomplanner.model.plan import load_plan
    from roomplanner.pipeline import build_pack, write_pack
    from roomplanner.printing.boards import board_files

    plan, spec_dir = full
    (spec_dir / "art").mkdir(exist_ok=True)
    (spec_dir / "art" / "emblem.pdf").write_bytes(pdf_art())
    pack = build_pack(_with_emblem(plan, "art/emblem.pdf"), spec_dir=spec_dir, date="2026-11-22")
    assert pack.files["artwork/emblem.pdf"] == pdf_art()
    assert pack.plan.spec.emblem == "artwork/emblem.pdf"
    assert b'"emblem": "artwork/emblem.pdf"' in pack.files["plan.json"]
    out = tmp_path / "pack"
    write_pack(pack, out)
    assert main(["check", str(out / "plan.json")]) in (0, 1)  # it runs (the verdict is the checker's)
    # the print shop re-renders from the pack alone: same board files
    again = board_files(load_plan(out / "plan.json"), spec_dir=out)
    assert again["door_sign.pdf"] == pack.files["boards/door_sign.pdf"]


def _error(spec_dir, path, files=None):
    from roomplanner.printing.emblem import load_emblem

    with pytest.raises(ContentError) as exc:
        load_emblem(spec_dir, path, files)
    return str(exc.value)


def test_bad_artwork_is_refused_in_chinese_naming_the_field(tmp_path):
    (tmp_path / "spec").mkdir()
    d = tmp_path / "spec"
    assert _error(d, "nope.svg") == "emblem: 'nope.svg' 在规格文件所在的文件夹里不存在"
    (d / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert _error(d, "logo.png").startswith("emblem: 'logo.png' 不是 SVG 或 PDF 文件")
    (d / "fake.pdf").write_bytes(b"<svg/>")
    assert _error(d, "fake.pdf").startswith("emblem: 'fake.pdf' 不是 SVG 或 PDF 文件")
    (d / "big.svg").write_bytes(SVG_ART[:-6] + b" " * MAX_EMBLEM_BYTES + b"</svg>")
    assert "超过党徽图稿允许的 5 MiB" in _error(d, "big.svg")
    (tmp_path / "outside.svg").write_bytes(SVG_ART)
    assert "必须是规格文件所在文件夹里的相对路径" in _error(d, "../outside.svg")
    (d / "link.svg").symlink_to(tmp_path / "outside.svg")
    assert _error(d, "link.svg") == "emblem: 'link.svg' 实际指向规格文件所在的文件夹之外（是符号链接吗？）"
    (d / "two.pdf").write_bytes(pdf_art(2))
    assert _error(d, "two.pdf") == "emblem: 'two.pdf' 有 2 页；党徽图稿应只有一页"
    (d / "script.svg").write_bytes(SVG_ART.replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    assert "含有脚本（script），不能使用" in _error(d, "script.svg")
    (d / "ext.svg").write_bytes(SVG_ART.replace(b"</svg>", b'<image href="file:///etc/passwd" width="1" height="1"/></svg>'))
    assert "含有外部引用（file:///etc/passwd）" in _error(d, "ext.svg")
    (d / "broken.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>")
    assert _error(d, "broken.svg").startswith("emblem: 'broken.svg' 无法作为 SVG 读取")


def test_spec_refuses_other_files_and_paths_leaving_the_folder():
    from roomplanner.errors import SpecError
    from roomplanner.model.spec import loads_spec

    from .fixtures import EXAMPLES

    text = (EXAMPLES / "general-8x5.yaml").read_text(encoding="utf-8")
    for value, words in (("emblem.png", "党徽图稿应是官方提供的 SVG 或 PDF 文件"),
                         ("../emblem.svg", "党徽图稿必须放在规格文件所在的文件夹里")):
        with pytest.raises(SpecError) as exc:
            loads_spec(text + f"\nemblem: {value}\n")
        assert f"emblem: 得到 '{value}'，{words}" in str(exc.value)
    assert loads_spec(text + "\nemblem: 党徽/emblem.PDF\n").emblem == "党徽/emblem.PDF"


def test_pipeline_error_names_emblem(full, tmp_path):
    from roomplanner.pipeline import build_pack

    plan, spec_dir = full
    with pytest.raises(ContentError, match=r"^emblem: 'missing/emblem.svg' 在规格文件所在的文件夹里不存在$"):
        build_pack(_with_emblem(plan, "missing/emblem.svg"), spec_dir=spec_dir, date="2026-11-22")
    assert not (tmp_path / "out").exists()


def test_form_content_is_compressed_copy(emblem_boards):
    """The form stream is the page content, Flate-compressed (no change to the drawing)."""
    _plan, _arts, files = emblem_boards["pdf"]
    raw = files["door_sign.pdf"]
    assert zlib.compress(PDF_CONTENT, 9) in raw
