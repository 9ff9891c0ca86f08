"""Artwork for the 3D model: each board's own print PDF rasterised, and the flag.

Boards and signs: the page of ``boards/<id>.pdf`` (the file the print shop gets) is
rendered with PDFium (pypdfium2), cropped to its TrimBox, at :data:`PX_PER_MM` (4 px per
cm). A texture's longer side is capped at :data:`MAX_SIDE` px, and all textures of one room
together at :data:`MAX_PIXELS` (scaled down evenly beyond), so a pack stays small. When a
board has no PDF in the pack (the printing stage was not run), its texture is the drawings'
symbol for a board: white with a red title band and the title.

The flag is never printed by us (flags are bought); its texture is the standard red field
with the emblem's *position* marked exactly as the elevations draw it (the hoist-side upper
quarter gridded 18 × 12 cells of L/36, a gold square of 8 × 8 cells 3 cells from the top and
4 from the hoist, with its inscribed circle). The party emblem itself is never drawn: it
may only come from an official artwork file the user supplies.
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from ..data import data_dir
from ..errors import RenderError
from ..i18n import tr

PX_PER_MM = 0.4          # 4 px per cm
MAX_SIDE = 1024
MAX_PIXELS = 6_000_000
JPEG_QUALITY = 85

FLAG_RED = (0xDE, 0x29, 0x10)      # as the drawings (GB 12982 red)
GOLD = (0xFF, 0xDE, 0x00)
GRID = (0xEE, 0x7B, 0x66)
BOARD_RED = (0xC8, 0x10, 0x2E)


def _size(width_mm: float, height_mm: float, factor: float = 1.0) -> tuple[int, int]:
    w, h = width_mm * PX_PER_MM * factor, height_mm * PX_PER_MM * factor
    s = min(1.0, MAX_SIDE / max(w, h))
    return max(8, round(w * s)), max(8, round(h * s))


def board_image(pdf: bytes | None, width_mm: float, height_mm: float, title: str,
                factor: float = 1.0, name: str = "board", lang: str = "zh") -> Image.Image:
    """The board's artwork as an image, from its PDF when given (``name`` is the PDF's
    file name, for the error message): RGB, or RGBX (its fourth byte unused) from a PDF."""
    size = _size(width_mm, height_mm, factor)
    if pdf:
        import pypdfium2 as pdfium
        try:
            img = _pdf_image(pdf, size)
        except pdfium.PdfiumError as exc:
            raise RenderError(tr(f"{name}：无法读取这个 PDF，三维模型中的图板贴图无法生成（{exc}）",
                                 f"{name}: this PDF cannot be read, so the board's texture in the 3D "
                                 f"model cannot be made ({exc})", lang)) from None
        if img is not None:
            return img
    return placeholder_image(size, title)


# PDFium is not thread-safe: one rendering at a time per process (build_pack may run in
# several threads of the web server at once).
_PDFIUM_LOCK = threading.Lock()


def _pdf_image(pdf: bytes, size: tuple[int, int]) -> Image.Image | None:
    with _PDFIUM_LOCK:
        return _pdf_image_locked(pdf, size)


def _pdf_image_locked(pdf: bytes, size: tuple[int, int]) -> Image.Image | None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        pw, ph = page.get_size()
        left, bottom, right, top = page.get_trimbox()
        tw, th = right - left, top - bottom
        if tw <= 0 or th <= 0:
            return None
        # PDFium anti-aliases; render at the texture's size (± a pixel of rounding), then fit.
        # Four bytes a pixel, in RGB order (RGBX): PDFium fills and composes those faster than
        # three (the same pixels); Pillow takes the bitmap's buffer as it is, and so do the
        # JPEG encoder (the same bytes as from RGB) and the perspective's rasteriser.
        bmp = page.render(scale=size[0] / tw, crop=(left, bottom, pw - right, ph - top),
                          prefer_bgrx=True, rev_byteorder=True)
        img = bmp.to_pil()
        page.close()
    finally:
        doc.close()
    # PDFium rounds the bitmap size; a pixel more or less is stretched away
    return img if img.size == size else img.resize(size, Image.NEAREST)


@lru_cache(maxsize=4)
def _font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(data_dir("fonts") / "wqy-microhei.ttf"), px)


def placeholder_image(size: tuple[int, int], title: str) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(img)
    band = max(4, round(h * 0.16))
    d.rectangle((0, 0, w, band), fill=BOARD_RED)
    px = max(6, min(band * 6 // 10, int(w * 0.9 / max(1, len(title)))))
    d.text((w / 2, band / 2), title, fill=(255, 255, 255), font=_font(px), anchor="mm")
    d.rectangle((0, 0, w - 1, h - 1), outline=(180, 180, 180))
    return img


def flag_image(width_mm: float, height_mm: float, factor: float = 1.0) -> Image.Image:
    """The flag's red field with the emblem position marked (hoist on the viewer's left)."""
    w, h = _size(width_mm, height_mm, factor)
    W = w
    img = Image.new("RGB", (w, h), FLAG_RED)
    d = ImageDraw.Draw(img)
    cell = W / 36.0
    lw = max(1, round(cell * 0.06))
    for k in range(19):
        d.line((k * cell, 0, k * cell, 12 * cell), fill=GRID, width=lw)
    for k in range(13):
        d.line((0, k * cell, 18 * cell, k * cell), fill=GRID, width=lw)
    x0, y0, sq = 4 * cell, 3 * cell, 8 * cell
    gw = max(1, round(cell * 0.25))
    d.rectangle((x0, y0, x0 + sq, y0 + sq), outline=GOLD, width=gw)
    d.ellipse((x0, y0, x0 + sq, y0 + sq), outline=GOLD, width=gw)
    return img


def encode_jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    # no Huffman optimisation: it took 40 % of the encoding time to save 10 % of the size
    img.save(buf, format="JPEG", quality=JPEG_QUALITY, subsampling=2)
    return buf.getvalue()


def budget_factor(sizes_mm: list[tuple[float, float]]) -> float:
    """Factor (≤ 1) so that all textures together stay under :data:`MAX_PIXELS`."""
    total = 0
    for w, h in sizes_mm:
        a, b = _size(w, h)
        total += a * b
    return 1.0 if total <= MAX_PIXELS else (MAX_PIXELS / total) ** 0.5
