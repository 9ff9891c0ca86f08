"""Bundled fonts: files, GB 2312 coverage, coverage errors, widths, reportlab."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from roomplanner.errors import FontCoverageError, RenderError
from roomplanner.typeset import fonts
from roomplanner.typeset.reportlab_setup import register_fonts, reportlab_font

FAMILIES = [fonts.SERIF, fonts.SANS]

#: GB/T 15834 punctuation the brief names, plus both dash and interpunct code points.
PUNCTUATION = "、，。．：；！？（）《》「」『』【】“”‘’…—―·・～"
FULLWIDTH_DIGITS_LETTERS = ("".join(chr(c) for c in range(ord("０"), ord("９") + 1))
                            + "".join(chr(c) for c in range(ord("Ａ"), ord("Ｚ") + 1))
                            + "".join(chr(c) for c in range(ord("ａ"), ord("ｚ") + 1)))


def gb2312_hanzi() -> list[str]:
    """The 6763 hanzi of GB 2312 (rows 16–87)."""
    out = []
    for row in range(16, 88):
        for cell in range(1, 95):
            try:
                out.append(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def test_gb2312_has_6763_hanzi():
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763
    assert len(set(hanzi)) == 6763


@pytest.mark.parametrize("family", FAMILIES)
def test_bundled_font_is_truetype_and_embeddable(family):
    path = fonts.font_path(family)
    font = TTFont(str(path), lazy=True)
    assert "glyf" in font and "CFF " not in font
    assert not font["OS/2"].fsType & 0x0002  # not "restricted licence embedding"


def test_fonts_stay_within_size_budget():
    total = sum(p.stat().st_size for p in fonts.font_paths().values())
    assert total < 40 * 1024 * 1024


def test_licences_shipped_next_to_fonts():
    folder = fonts.font_path("serif").parent
    assert (folder / "README.md").is_file()
    names = {p.name for p in (folder / "LICENSES").iterdir()}
    assert {"ARPHICPL.txt", "Apache-2.0.txt"} <= names


@pytest.mark.parametrize("family", FAMILIES)
def test_gb2312_hanzi_coverage(family):
    missing = fonts.missing_chars("".join(gb2312_hanzi()), family)
    assert missing == []


@pytest.mark.parametrize("family", FAMILIES)
def test_punctuation_and_fullwidth_coverage(family):
    text = PUNCTUATION + FULLWIDTH_DIGITS_LETTERS + "\u3000" + "".join(
        chr(c) for c in range(0x20, 0x7F))
    assert fonts.missing_chars(text, family) == []
    fonts.check_coverage(text, family, "test")  # does not raise


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("char, code", [("𠀀", "U+20000"), ("㐀", "U+3400")])
def test_rare_character_raises_coverage_error_naming_it(family, char, code):
    assert not fonts.has_glyph(char, family)
    with pytest.raises(FontCoverageError) as info:
        fonts.check_coverage(f"党员{char}活动", family, "board honours entries[2].name")
    message = str(info.value)
    assert char in message and code in message
    assert message.startswith("board honours entries[2].name:")
    assert info.value.char == char
    assert info.value.codepoint == code
    assert info.value.where == "board honours entries[2].name"


def test_coverage_error_lists_every_missing_character_once():
    with pytest.raises(FontCoverageError) as info:
        fonts.check_coverage("𠀀a㐀b𠀀", "sans", "x")
    assert info.value.missing == ["𠀀", "㐀"]
    assert "2 characters" in str(info.value)


def test_has_glyph_true_for_common_and_false_for_control():
    assert fonts.has_glyph("党", "serif")
    assert fonts.has_glyph("A", "sans")
    assert not fonts.has_glyph("\x07", "sans")
    with pytest.raises(ValueError):
        fonts.has_glyph("党员", "sans")


def test_newlines_are_not_coverage_problems():
    fonts.check_coverage("第一段\n第二段\r\n", "serif", "x")


@pytest.mark.parametrize("name", ["Helvetica", "SimSun", "Noto Sans CJK SC", ""])
def test_unknown_family_is_refused(name):
    with pytest.raises(RenderError):
        fonts.resolve_family(name)


def test_aliases_resolve():
    assert fonts.resolve_family("serif") == fonts.SERIF
    assert fonts.resolve_family("SANS") == fonts.SANS
    assert fonts.resolve_family("rpserif") == fonts.SERIF


@pytest.mark.parametrize("family", FAMILIES)
def test_width_of_hanzi_is_one_em(family):
    assert fonts.text_width("中国共产党", family, 10.0) == pytest.approx(50.0)
    assert fonts.text_width("", family, 10.0) == 0.0


@pytest.mark.parametrize("family", FAMILIES)
def test_width_matches_reportlab(family):
    name = reportlab_font(family)
    text = "2024年党员大会：Party members, “为人民服务”——全心全意……"
    ours = fonts.text_width(text, family, 12.0)
    assert ours == pytest.approx(pdfmetrics.stringWidth(text, name, 12.0), rel=1e-9)
    assert fonts.text_width_mm(text, family, 12.0) == pytest.approx(ours * 25.4 / 72)


def test_width_of_missing_character_raises():
    with pytest.raises(FontCoverageError, match="U\\+20000"):
        fonts.text_width("a𠀀", "sans", 10.0, where="board b1 title")


def test_register_fonts_is_idempotent_and_embeds_subsets():
    assert register_fonts() == (fonts.SERIF, fonts.SANS)
    assert register_fonts() == (fonts.SERIF, fonts.SANS)
    assert fonts.SERIF in pdfmetrics.getRegisteredFontNames()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, initialFontName=fonts.SANS)
    c.setFont(fonts.SERIF, 20)
    c.drawString(50, 700, "党员活动室")
    c.setFont(fonts.SANS, 20)
    c.drawString(50, 650, "为人民服务")
    c.save()
    pdf = buf.getvalue()
    assert pdf.count(b"/FontFile2") == 2  # both TrueType fonts embedded
    assert b"Helvetica" not in pdf


@pytest.mark.parametrize("family", FAMILIES)
def test_em_box_metrics(family):
    m = fonts.metrics(family)
    assert m.em_top - m.em_bottom == pytest.approx(1.0)
    assert 0.75 < m.em_top < 0.95


def test_unit_conversion():
    assert fonts.mm_to_pt(25.4) == pytest.approx(72.0)
    assert fonts.pt_to_mm(72.0) == pytest.approx(25.4)


# --------------------------------------------------------------------------- prepared facts

@pytest.mark.parametrize("family", FAMILIES)
def test_facts_file_matches_its_font(family):
    """fonts/<font>.facts is what scripts/build_font_facts.py makes from the font today
    (run that script after changing a font)."""
    import hashlib
    import json

    from roomplanner.typeset import fontdata

    path = fonts.font_path(family)
    stored = fontdata.facts_path(path).read_bytes()
    header = json.loads(stored[len(fontdata.MAGIC):stored.index(b"\n", len(fontdata.MAGIC))])
    assert header["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert stored == fontdata.build(path)


@pytest.mark.parametrize("family", FAMILIES)
def test_reportlab_face_from_facts_equals_a_full_parse(family):
    """The face reportlab embeds from is built from the facts; it must hold exactly what
    reportlab's own parser reads from the font (values and types)."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    real = TTFontFace(str(fonts.font_path(family)))
    ours = pdfmetrics.getFont(reportlab_font(family)).face
    for key, value in vars(real).items():
        if key in ("_ttf_data", "_pdfScale", "_pos", "_facts", "_subset_lock"):
            continue
        mine = getattr(ours, key)
        assert mine == value, key
        if isinstance(value, list):
            assert [type(v) for v in mine] == [type(v) for v in value], key
            if value and isinstance(value[0], tuple):
                assert [tuple(map(type, v)) for v in mine] == [tuple(map(type, v)) for v in value], key
    assert ours._pdfScale(1234) == real._pdfScale(1234)


@pytest.mark.parametrize("family", FAMILIES)
def test_glyph_outlines_equal_fonttools_glyph_set(family):
    """Glyphs read one at a time from glyf draw exactly as fontTools' glyph set draws them
    (simple and composite glyphs, the top-level lsb offset)."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    from roomplanner.typeset.outline import glyph_outline

    font = TTFont(str(fonts.font_path(family)))
    glyph_set = font.getGlyphSet()
    cmap = font.getBestCmap()
    composites = [n for n in font.getGlyphOrder()[:3000] if font["glyf"][n].isComposite()][:20]
    names = [cmap[ord(c)] for c in "国党员A。，0" if ord(c) in cmap] + composites
    for name in names:
        pen = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(pen)
        expected = tuple((op, tuple(args)) for op, args in pen.value)
        assert glyph_outline(fonts.resolve_family(family), font.getGlyphID(name)) == expected, name
