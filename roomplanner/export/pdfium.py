"""Just enough of PDFium to rasterise the first page of a board's PDF, through ctypes.

PDFium is the library the pypdfium2 package ships (``pypdfium2_raw``). pypdfium2's own
Python layer declares the whole PDFium API with ctypes when imported, which took ~30 ms of
a pack's cold start (a third of the 3D model's imports) for the dozen functions used here;
those are declared below, against the same shared library. :func:`render_page` does what
``PdfPage.render(scale=…, crop=…)`` with pypdfium2's default options does (BGR bitmap filled
white, annotations drawn, page origin shifted by the crop), so the pixels are PDFium's,
unchanged. Not thread-safe (PDFium is not): callers hold a lock.
"""

from __future__ import annotations

import ctypes
import math
import sys
from ctypes import POINTER, byref, c_char_p, c_float, c_int, c_size_t, c_uint, c_ulong, c_void_p
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

FPDF_ANNOT = 0x01
FPDF_BITMAP_BGR = 2
WHITE = 0xFFFFFFFF
ERRORS = {1: "Unknown error", 2: "File access error", 3: "Data format error", 4: "Incorrect password error",
          5: "Unsupported security scheme error", 6: "Page not found or content error"}


class PdfiumError(RuntimeError):
    """A PDF PDFium cannot open or render (the message names PDFium's reason)."""


class _LibraryConfig(ctypes.Structure):      # FPDF_LIBRARY_CONFIG (version 2 reads the first four)
    _fields_ = [("version", c_int), ("m_pUserFontPaths", POINTER(c_char_p)), ("m_pIsolate", c_void_p),
                ("m_v8EmbedderSlot", c_uint), ("m_pPlatform", c_void_p), ("m_RendererType", c_int),
                ("m_FontLibraryType", c_int), ("m_BrotliEnabled", c_int), ("m_IsolatePerDocument", c_int)]


_BOX = (c_void_p, POINTER(c_float), POINTER(c_float), POINTER(c_float), POINTER(c_float))
_PROTOTYPES = {
    "FPDF_InitLibraryWithConfig": ((POINTER(_LibraryConfig),), None),
    "FPDF_LoadMemDocument64": ((c_void_p, c_size_t, c_char_p), c_void_p),
    "FPDF_GetLastError": ((), c_ulong),
    "FPDF_GetPageCount": ((c_void_p,), c_int),
    "FPDF_CloseDocument": ((c_void_p,), None),
    "FPDF_LoadPage": ((c_void_p, c_int), c_void_p),
    "FPDF_ClosePage": ((c_void_p,), None),
    "FPDF_GetPageWidthF": ((c_void_p,), c_float),
    "FPDF_GetPageHeightF": ((c_void_p,), c_float),
    "FPDFPage_GetMediaBox": (_BOX, c_int),
    "FPDFPage_GetCropBox": (_BOX, c_int),
    "FPDFPage_GetTrimBox": (_BOX, c_int),
    "FPDFBitmap_CreateEx": ((c_int, c_int, c_int, c_void_p, c_int), c_void_p),
    "FPDFBitmap_FillRect": ((c_void_p, c_int, c_int, c_int, c_int, c_ulong), c_int),
    "FPDFBitmap_Destroy": ((c_void_p,), None),
    "FPDF_RenderPageBitmap": ((c_void_p, c_void_p, c_int, c_int, c_int, c_int, c_int, c_int), None),
}


def _library_path() -> Path | None:
    spec = find_spec("pypdfium2_raw")          # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def _lib() -> ctypes.CDLL:
    path = _library_path()
    if path is not None:
        lib = ctypes.CDLL(str(path))
    else:   # a build of pypdfium2 that finds PDFium elsewhere: let it load the library
        from pypdfium2_raw import bindings
        lib = bindings._libs["pdfium"]
    for name, (args, res) in _PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.argtypes, fn.restype = args, res
    # as pypdfium2 does; a second initialisation (pypdfium2 imported too) is a no-op in PDFium
    lib.FPDF_InitLibraryWithConfig(byref(_LibraryConfig(version=2)))
    return lib


def _box(lib, page, name: str) -> tuple[float, float, float, float] | None:
    v = [c_float() for _ in range(4)]
    if not getattr(lib, name)(page, *(byref(x) for x in v)):
        return None
    return tuple(x.value for x in v)


def render_page(pdf: bytes, width_px: int) -> tuple[int, int, ctypes.Array] | None:
    """The first page of ``pdf``, its TrimBox (else CropBox, else MediaBox) scaled to
    ``width_px`` pixels wide: (width, height, the BGR pixels, rows packed), or None when the
    TrimBox is empty. Raises :class:`PdfiumError` for a PDF PDFium cannot read."""
    lib = _lib()
    doc = lib.FPDF_LoadMemDocument64(pdf, len(pdf), None)
    try:
        if not doc or lib.FPDF_GetPageCount(doc) < 1:
            err = lib.FPDF_GetLastError()
            raise PdfiumError(f"Failed to load document (PDFium: {ERRORS.get(err, f'Error {err}')}).")
        page = lib.FPDF_LoadPage(doc, 0)
        if not page:
            raise PdfiumError("Failed to load page.")
        try:
            pw, ph = lib.FPDF_GetPageWidthF(page), lib.FPDF_GetPageHeightF(page)
            box = (_box(lib, page, "FPDFPage_GetTrimBox") or _box(lib, page, "FPDFPage_GetCropBox")
                   or _box(lib, page, "FPDFPage_GetMediaBox") or (0, 0, 612, 792))
            left, bottom, right, top = box
            tw, th = right - left, top - bottom
            if tw <= 0 or th <= 0:
                return None
            scale = width_px / tw
            src_w, src_h = math.ceil(pw * scale), math.ceil(ph * scale)
            crop = [math.ceil(c * scale) for c in (left, bottom, pw - right, ph - top)]
            w, h = src_w - crop[0] - crop[2], src_h - crop[1] - crop[3]
            if w < 1 or h < 1:
                raise PdfiumError("Crop exceeds page dimensions")
            stride = w * 3
            buf = (ctypes.c_ubyte * (stride * h))()
            bitmap = lib.FPDFBitmap_CreateEx(w, h, FPDF_BITMAP_BGR, buf, stride)
            if not bitmap:
                raise PdfiumError("Failed to create a bitmap.")
            try:
                lib.FPDFBitmap_FillRect(bitmap, 0, 0, w, h, WHITE)
                lib.FPDF_RenderPageBitmap(bitmap, page, -crop[0], -crop[3], src_w, src_h, 0, FPDF_ANNOT)
            finally:
                lib.FPDFBitmap_Destroy(bitmap)
            return w, h, buf
        finally:
            lib.FPDF_ClosePage(page)
    finally:
        if doc:
            lib.FPDF_CloseDocument(doc)
