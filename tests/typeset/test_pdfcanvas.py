"""roomplanner's own PDF writer (``typeset.pdfcanvas``): the file is well formed, deterministic,
embeds subset CID fonts with the layout's widths and searchable text — and the drawings and
boards it writes render to the same pixels, the same text and the same page boxes as the same
drawing calls on reportlab's canvas (``reportlab_setup.reference_canvas``, built in-process).

The whole-pack comparison of every example against a reportlab checkout is
``tests/typeset/compare_packs.py`` (a script: it runs ``roomplanner plan`` twice per case).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from roomplanner.draw.primitives import Emblem
from roomplanner.typeset import fonts
from roomplanner.typeset.pdfcanvas import Canvas, CMYKColor, HexColor, mm

ROOT = Path(__file__).resolve().parents[2]
TEXT = "党员活动室 入党誓词 ABC 123，。"


def _sample(**kw) -> bytes:
    """A two-page document using every feature: text in both fonts, a form, a JPEG, an RGBA
    image, paths, clipping, boxes, metadata."""
    buf = io.BytesIO()
    c = Canvas(buf, (200 * mm, 120 * mm), trimBox=(10, 10, 550, 330), **kw)
    c.setTitle("样张 sample")
    c.setAuthor("roomplanner")
    c.setFillColor(HexColor("#c81e1e"))
    c.setFont("serif", 20)
    c.drawString(20, 300, TEXT)
    c.setFont("sans", 14)
    c.drawCentredString(283, 260, "中国共产党 · centred")
    c.drawRightString(540, 230, "右对齐 right")
    c.beginForm("box", 0, 0, 40, 40)
    c.rect(0, 0, 40, 40, stroke=0, fill=1)
    c.endForm()
    c.saveState()
    c.translate(300, 100)
    c.rotate(15)
    c.doForm("box")
    c.restoreState()
    p = c.beginPath()
    p.moveTo(20, 20)
    p.lineTo(120, 20)
    p.curveTo(150, 40, 150, 80, 120, 100)
    p.arc(20, 20, 80, 80, 30, 200)
    p.close()
    c.setStrokeColor(HexColor("#1e64c8"))
    c.setLineWidth(2)
    c.setDash([6, 3], 0)
    c.drawPath(p, stroke=1, fill=0)
    c.setDash([], 0)
    c.saveState()
    clip = c.beginPath()
    clip.rect(400, 20, 60, 60)
    c.clipPath(clip, stroke=0, fill=0)
    c.circle(430, 50, 50, stroke=0, fill=1)
    c.restoreState()
    c.showPage()
    c.setPageSize((100 * mm, 100 * mm))
    c.setTrimBox((5, 5, 278, 278))
    img = Image.new("RGB", (40, 30), (30, 160, 80))
    jpeg = io.BytesIO()
    img.save(jpeg, "JPEG", quality=90)
    c.drawJpeg(jpeg.getvalue(), 10, 10, 80, 60)
    c.drawJpeg(jpeg.getvalue(), 100, 10, 80, 60)      # stored once
    rgba = Image.new("RGBA", (10, 10), (255, 0, 0, 128))
    c.drawImage(rgba, 10, 100, 100, 100)
    c.setFont("sans", 12)
    c.drawString(10, 250, "第二页")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def sample() -> bytes:
    return _sample()


def _run(*cmd) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _tmp_pdf(data: bytes, tmp: Path, name: str) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- the file

def test_xref_offsets_point_at_their_objects_and_a_strict_reader_reads_everything(sample):
    xref_at = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", sample).group(1))
    assert sample[xref_at:xref_at + 5] == b"xref\n"
    head = re.match(rb"xref\n0 (\d+)\n", sample[xref_at:])
    count = int(head.group(1))
    entries = sample[xref_at + head.end():].split(b"\n")[:count]
    assert entries[0] == b"0000000000 65535 f "
    for n, entry in enumerate(entries[1:], start=1):
        offset = int(entry[:10])
        assert entry.endswith(b" 00000 n ")
        assert sample[offset:].startswith(b"%d 0 obj\n" % n), n
    reader = PdfReader(io.BytesIO(sample), strict=True)
    assert len(reader.pages) == 2
    for n in range(1, count):
        assert reader.get_object(n) is not None
    if shutil.which("qpdf"):  # not installed on every machine; pypdf's strict read above is the check
        proc = subprocess.run(["qpdf", "--check", "-"], input=sample, capture_output=True)
        assert proc.returncode == 0, proc.stdout


def test_same_drawing_gives_the_same_bytes(sample):
    assert _sample() == sample
    assert b"CreationDate" not in sample and b"ModDate" not in sample


def test_metadata_and_page_boxes(sample, tmp_path):
    path = _tmp_pdf(sample, tmp_path, "s.pdf")
    info = _run("pdfinfo", "-box", "-f", "1", "-l", "2", str(path))
    assert "Title:           样张 sample" in info and "Author:          roomplanner" in info
    assert re.search(r"Page    1 MediaBox:\s+0\.00\s+0\.00\s+566\.93\s+340\.16", info)
    assert re.search(r"Page    1 TrimBox:\s+10\.00\s+10\.00\s+550\.00\s+330\.00", info)
    assert re.search(r"Page    2 MediaBox:\s+0\.00\s+0\.00\s+283\.46\s+283\.46", info)
    assert re.search(r"Page    2 TrimBox:\s+5\.00\s+5\.00\s+278\.00\s+278\.00", info)


def test_fonts_are_embedded_cid_subsets_and_the_text_is_searchable(sample, tmp_path):
    path = _tmp_pdf(sample, tmp_path, "s.pdf")
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    assert len(rows) == 2
    for row in rows:
        assert re.match(r"[A-Z]{6}\+(UMingCN|WenQuanYiMicroHei)\s+CID TrueType\s+Identity-H\s+yes yes yes", row), row
    text = _run("pdftotext", "-raw", str(path), "-")
    for line in (TEXT, "中国共产党 · centred", "右对齐 right", "第二页"):
        assert line in text


def _font_parts(data: bytes, base_font: str):
    reader = PdfReader(io.BytesIO(data))
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        if base_font in font["/BaseFont"]:
            cid = font["/DescendantFonts"][0].get_object()
            program = cid["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
            return font, cid, program
    raise AssertionError(base_font)


def test_font_subset_is_a_truetype_font_with_the_original_glyphs_and_the_layout_widths(sample):
    from fontTools.ttLib import TTFont

    font, cid, program = _font_parts(sample, "UMingCN")
    sub = TTFont(io.BytesIO(program), checkChecksums=2)  # table checksums must be right
    from roomplanner.typeset.sfnt import _checksum
    assert _checksum(program) == 0xB1B0AFBA  # head.checkSumAdjustment
    chars = list(dict.fromkeys(TEXT))
    assert sub["maxp"].numGlyphs == len(chars) + 1  # CID k = k-th distinct character; 0 = .notdef
    original = TTFont(str(fonts.font_path("serif")), lazy=True)
    facts = fonts.facts("serif")
    order = original.getGlyphOrder()
    new_order = sub.getGlyphOrder()
    for k, ch in enumerate(chars, start=1):
        gid = facts.cmap[ord(ch)]
        a = original["glyf"][order[gid]].getCoordinates(original["glyf"])
        b = sub["glyf"][new_order[k]].getCoordinates(sub["glyf"])
        assert list(a[0]) == list(b[0]) and list(a[1]) == list(b[1]), ch
        assert sub["hmtx"][new_order[k]] == original["hmtx"][order[gid]], ch
    # /W: the widths the layout code measures (fonts.text_width), per CID
    widths = [float(w) for w in cid["/W"][1]]
    assert len(widths) == len(chars) + 1
    for k, ch in enumerate(chars, start=1):
        assert widths[k] == pytest.approx(fonts.char_advance(ch, "serif") * 1000, abs=1e-4)
    assert sum(widths[chars.index(ch) + 1] for ch in TEXT) / 1000 * 20 == pytest.approx(
        fonts.text_width(TEXT, "serif", 20), abs=1e-3)
    # ToUnicode maps every CID back to its character
    cmap = font["/ToUnicode"].get_object().get_data().decode("ascii")
    blocks = "".join(re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S))
    pairs = dict(re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", blocks))
    assert {int(k, 16): bytes.fromhex(v).decode("utf-16-be") for k, v in pairs.items()} == {
        k: ch for k, ch in enumerate(chars, start=1)}


def test_jpeg_passed_through_once_and_alpha_as_smask(sample, tmp_path):
    reader = PdfReader(io.BytesIO(sample))
    images = [x.get_object() for x in reader.pages[1]["/Resources"]["/XObject"].values()
              if x.get_object()["/Subtype"] == "/Image"]
    jpegs = [x for x in images if x.get("/Filter") == "/DCTDecode"]
    assert len(jpegs) == 1 and jpegs[0]["/ColorSpace"] == "/DeviceRGB"
    assert len(re.findall(rb"/(Im\d+) Do", reader.pages[1].get_contents().get_data())) == 3
    assert len(set(re.findall(rb"/(Im\d+) Do", reader.pages[1].get_contents().get_data()))) == 2
    flate = [x for x in images if x.get("/Filter") == "/FlateDecode"]
    assert len(flate) == 1 and "/SMask" in flate[0]
    # half-transparent red over white renders pink
    path = _tmp_pdf(sample, tmp_path, "s.pdf")
    _run("pdftoppm", "-r", "72", "-f", "2", "-l", "2", "-png", str(path), str(tmp_path / "p"))
    img = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    r, g, b = img.getpixel((60, 283 - 150))
    assert r > 240 and 110 < g < 145 and 110 < b < 145


def test_cmyk_canvas_refuses_rgb_and_an_undefined_form_is_an_error():
    c = Canvas(io.BytesIO(), (100, 100), enforceColorSpace="cmyk")
    with pytest.raises(ValueError, match="CMYK"):
        c.setFillColor(HexColor("#ff0000"))
    c.setFillColor(CMYKColor(0, 1, 1, 0))
    c.doForm("nowhere")
    with pytest.raises(ValueError, match="nowhere"):
        c.save()


def test_a_pdf_page_imported_as_a_form_keeps_its_content(tmp_path):
    from tests.printing.test_emblem import pdf_art

    page = PdfReader(io.BytesIO(pdf_art())).pages[0]
    buf = io.BytesIO()
    c = Canvas(buf, (200, 200), enforceColorSpace="cmyk")
    c.formFromPdfPage("art", page, (0, 0, 90, 60))
    c.saveState()
    c.transform(2, 0, 0, 2, 10, 10)
    c.doForm("art")
    c.restoreState()
    c.save()
    reader = PdfReader(io.BytesIO(buf.getvalue()), strict=True)
    form = next(iter(reader.pages[0]["/Resources"]["/XObject"].values())).get_object()
    assert form["/Subtype"] == "/Form" and b"0.8 0.3 0 0 k" in form.get_data()


# --------------------------------------------------------------------------- equivalence with reportlab

def _pixels(a: bytes, b: bytes, tmp: Path, dpi: int = 50) -> tuple[int, float]:
    out = []
    for name, data in (("a", a), ("b", b)):
        folder = tmp / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        (folder / "f.pdf").write_bytes(data)
        _run("pdftoppm", "-r", str(dpi), "-png", str(folder / "f.pdf"), str(folder / "p"))
        out.append(sorted(folder.glob("p*.png")))
    assert len(out[0]) == len(out[1]) > 0
    worst, total = 0, 0.0
    for x, y in zip(*out):
        ia, ib = Image.open(x).convert("RGB"), Image.open(y).convert("RGB")
        assert ia.size == ib.size
        diff = ImageChops.difference(ia, ib)
        worst = max(worst, max(hi for _lo, hi in diff.getextrema()))
        total += sum(ImageStat.Stat(diff).mean) / 3
    return worst, total / len(out[0])


def _text_and_boxes(data: bytes, tmp: Path) -> tuple[str, list[str]]:
    path = _tmp_pdf(data, tmp, "t.pdf")
    boxes = [ln for ln in _run("pdfinfo", "-box", "-f", "1", "-l", "99", str(path)).splitlines() if "Box" in ln]
    return _run("pdftotext", str(path), "-"), boxes


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory):
    """{name: (own bytes, reportlab bytes)} for drawings (zh, en, outlined) and boards (proof
    sheet, production list, outlined board, emblem boards from an SVG and a PDF artwork)."""
    import roomplanner.printing.pdf as printing_pdf
    import roomplanner.draw.pdf as draw_pdf
    from roomplanner.model.spec import load_spec
    from roomplanner.printing.boards import board_files, compose_boards
    from roomplanner.printing.pdf import board_pdf
    from roomplanner.render.drawing import drawing_files
    from roomplanner.solver import solve
    from roomplanner.typeset.reportlab_setup import reference_canvas
    from tests.printing.fixtures import full_plan
    from tests.printing.test_emblem import SVG_ART, pdf_art

    folder = tmp_path_factory.mktemp("full")
    plan, spec_dir = full_plan(folder)
    (spec_dir / "art").mkdir()
    (spec_dir / "art" / "emblem.svg").write_bytes(SVG_ART)
    (spec_dir / "art" / "emblem.pdf").write_bytes(pdf_art())
    room = solve(load_spec(ROOT / "examples" / "enterprise-9x6.yaml"))

    def build():
        out = {}
        for lang in ("zh", "en"):
            files = drawing_files(room, lang=lang, date="2026-01-15")
            out[f"floorplan-{lang}.pdf"] = files["floorplan.pdf"]
            out[f"elevations-{lang}.pdf"] = files["elevations.pdf"]
        out["elevations-outlined.pdf"] = drawing_files(room, lang="zh", outline_text=True,
                                                       date="2026-01-15")["elevations.pdf"]
        boards = board_files(plan, lang="zh", spec_dir=spec_dir)
        out["boards.pdf"] = boards["boards.pdf"]
        out["production.pdf"] = boards["production.pdf"]
        arts = {a.id: a for a in compose_boards(plan, spec_dir)}
        out["oath-outlined.pdf"] = board_pdf(arts["oath"], outline_text=True)
        for kind in ("svg", "pdf"):
            marked = plan.model_copy(update={"spec": plan.spec.model_copy(update={"emblem": f"art/emblem.{kind}"})})
            arts_e = compose_boards(marked, spec_dir)
            with_mark = [a for a in arts_e if any(isinstance(op, Emblem) for op in a.ops)]
            assert with_mark, "no board carries the emblem"
            out[f"emblem-{kind}.pdf"] = board_pdf(with_mark[0], marks=True)
        return out

    own = build()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(draw_pdf, "Canvas", reference_canvas)
        mp.setattr(printing_pdf, "Canvas", reference_canvas)
        ref = build()
    assert b"ReportLab" in ref["boards.pdf"] and b"ReportLab" not in own["boards.pdf"]
    return {k: (own[k], ref[k]) for k in own}


CASES = ["floorplan-zh.pdf", "floorplan-en.pdf", "elevations-zh.pdf", "elevations-en.pdf",
         "elevations-outlined.pdf", "boards.pdf", "production.pdf", "oath-outlined.pdf", "emblem-svg.pdf",
         "emblem-pdf.pdf"]


@pytest.mark.parametrize("name", CASES)
def test_renders_like_reportlab(both_ways, name, tmp_path):
    own, ref = both_ways[name]
    worst, mean = _pixels(own, ref, tmp_path)
    assert worst == 0, f"{name}: max pixel difference {worst}, mean {mean:.4f}"
    assert _text_and_boxes(own, tmp_path) == _text_and_boxes(ref, tmp_path)


@pytest.mark.parametrize("name", ["boards.pdf", "production.pdf", "oath-outlined.pdf", "emblem-svg.pdf",
                                  "emblem-pdf.pdf"])
def test_board_files_use_cmyk_only(both_ways, name):
    from tests.printing import pdfcheck as P

    reader = PdfReader(io.BytesIO(both_ways[name][0]))
    ops = P.colour_operators(reader)
    assert not P.rgb_operations(reader), name
    assert ops.get(b"k", 0) > 0


def test_emblem_boards_name_only_embedded_subset_fonts(both_ways, tmp_path):
    """The SVG artwork's one-page PDF names reportlab's default Helvetica without using it;
    the board must not carry that unembedded font along."""
    for name in ("emblem-svg.pdf", "emblem-pdf.pdf"):
        path = _tmp_pdf(both_ways[name][0], tmp_path, name)
        rows = _run("pdffonts", str(path)).splitlines()[2:]
        assert rows and all(re.search(r"\+\S+\s.*yes yes yes", row) for row in rows), rows


def test_outlined_files_embed_no_font(both_ways):
    for name in ("elevations-outlined.pdf", "oath-outlined.pdf"):
        assert b"/FontFile2" not in both_ways[name][0]


def test_drawings_and_boards_do_not_import_reportlab():
    script = (
        "import sys\n"
        "from roomplanner.model.spec import load_spec\n"
        "from roomplanner.solver import solve\n"
        "from roomplanner.pipeline import drawings_lane\n"
        "from roomplanner.printing.boards import board_files\n"
        f"plan = solve(load_spec({str(ROOT / 'examples' / 'enterprise-9x6.yaml')!r}))\n"
        "files = drawings_lane(plan, 'zh', False, '2026-01-15')\n"
        "files.update(board_files(plan, lang='zh'))\n"
        "assert sum(name.endswith('.pdf') for name in files) >= 10, sorted(files)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'svglib')))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_glyph_data_keeps_font_coordinates():
    """The embedded glyph of a serif character whose ``glyf`` xMin differs from its ``hmtx``
    bearing keeps the font's coordinates (a rasteriser shifts it by the bearing itself)."""
    from roomplanner.typeset.outline import glyph_truetype

    facts = fonts.facts("serif")
    reader = fonts.glyph_reader("serif")
    gid = facts.cmap[ord("党")]
    start = facts.loca[gid]
    raw_xmin = struct.unpack_from(">h", reader._map, reader._glyf + start + 2)[0]
    assert raw_xmin != facts.lsb[gid]  # the case that matters
    own = glyph_truetype("serif", gid, font_coordinates=True)
    assert struct.unpack(">h", own[2:4])[0] == raw_xmin
    shifted = glyph_truetype("serif", gid)
    assert struct.unpack(">h", shifted[2:4])[0] == facts.lsb[gid]
    assert zlib.crc32(own) != zlib.crc32(shifted)
