"""export/pdfium.py: our few ctypes declarations render a page exactly as pypdfium2 does."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.colors import Color
from reportlab.pdfgen import canvas

from roomplanner.export.pdfium import PdfiumError, render_page
from roomplanner.export.textures import RenderError, board_image


def _pdf(trim: tuple[float, float, float, float] | None) -> bytes:
    """A page with bleed: a red ground over the whole page, a white panel, text and a
    thin line (anti-aliased edges), and, if given, a TrimBox inside the MediaBox."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(200, 300))
    if trim is not None:
        c.setTrimBox(trim)
    c.setFillColor(Color(0.78, 0.06, 0.18))
    c.rect(0, 0, 200, 300, stroke=0, fill=1)
    c.setFillColor(Color(1, 1, 1))
    c.rect(23.3, 41.7, 150.2, 90.9, stroke=0, fill=1)
    c.setFillColor(Color(0.1, 0.1, 0.1))
    c.setFont("Helvetica", 17)
    c.drawString(31.5, 80.25, "Party branch 2026")
    c.setStrokeColor(Color(1, 0.87, 0))
    c.setLineWidth(0.7)
    c.line(10.2, 290.1, 187.7, 150.3)
    c.showPage()
    c.save()
    return buf.getvalue()


def _pypdfium2(pdf: bytes, width_px: int) -> tuple[int, int, bytes]:
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(pdf)
    page = doc[0]
    pw, ph = page.get_size()
    left, bottom, right, top = page.get_trimbox()
    bmp = page.render(scale=width_px / (right - left), crop=(left, bottom, pw - right, ph - top))
    img = bmp.to_pil().convert("RGB")
    page.close()
    doc.close()
    return img.width, img.height, img.tobytes()


@pytest.mark.parametrize("trim", [(9.0, 9.0, 191.0, 291.0), (12.35, 7.5, 180.2, 288.8), None])
@pytest.mark.parametrize("width_px", [73, 240])
def test_same_pixels_as_pypdfium2(trim, width_px):
    pdf = _pdf(trim)
    w, h, bgr = render_page(pdf, width_px)
    ours = Image.frombuffer("RGB", (w, h), bgr, "raw", "BGR", w * 3, 1)
    assert (w, h, ours.tobytes()) == _pypdfium2(pdf, width_px)
    assert abs(w - width_px) <= 1
    # not blank: the red ground and the white panel are both there
    colours = {c for _, c in ours.getcolors(w * h)}
    assert (255, 255, 255) in colours and any(r > 180 and g < 40 and b < 70 for r, g, b in colours)


def test_unreadable_pdf_names_pdfiums_reason():
    with pytest.raises(PdfiumError, match="Data format error"):
        render_page(b"%PDF-1.4\nnot really a PDF", 100)
    with pytest.raises(RenderError, match=r"boards/oath\.pdf.*Data format error"):
        board_image(b"garbage", 600, 900, "入党誓词", name="boards/oath.pdf", lang="en")


def test_empty_trim_box_gives_the_placeholder():
    pdf = _pdf((50.0, 50.0, 50.0, 120.0))
    assert render_page(pdf, 100) is None
    img = board_image(pdf, 600, 900, "入党誓词")
    assert img.size == (240, 360) and img.getpixel((120, 5)) == (0xC8, 0x10, 0x2E)   # the red title band
