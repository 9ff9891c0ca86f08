"""The party emblem (党徽): only ever the official artwork file the user or print shop supplies.

《中国共产党党徽党旗条例》(2021) allows the emblem pattern on party-building boards and in the
party members' activity room (Art. 7(5)); it must follow the official 制法说明 exactly, scaled
uniformly, with nothing added to it. So the program never draws an emblem of its own: with
``emblem:`` in the spec (an SVG or PDF file, relative to the spec's folder) the artwork is
placed — uniformly scaled, not recoloured, no outline, no background — in the header band of
the text boards and on the door sign; without it there is no emblem anywhere and the
production list says where it would go.

How the artwork reaches each output:

* **PDF artwork → board PDF**: the first (only) page becomes a Form XObject, its content stream
  and resources copied object by object (pypdf reads them; the canvas writes them:
  ``Canvas.formFromPdfPage``), so the artwork stays vector and its colours are exactly the file's.
* **SVG artwork → board PDF**: converted to vector drawing operations by svglib, drawn once by
  reportlab into a one-page PDF in memory (reportlab is imported only for an SVG artwork), and
  that page placed like a PDF artwork. SVG colours are sRGB; the board PDFs are DeviceCMYK
  only, so each colour is converted with the same full-GCR formula as the photos
  (:func:`.images.rgb_to_cmyk`). For exact press colours, supply the official artwork as a
  CMYK PDF.
* **Board SVG**: an ``<image>`` with a ``data:`` URI — the SVG artwork itself, or the PDF
  artwork rasterised by pypdfium2 (the SVG boards are previews; the PDF is the press master).

The artwork is checked before use: the file exists inside the spec's folder, is at most
5 MiB, is a one-page PDF or an SVG without scripts, external references or entities.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Mapping, Optional

from ..errors import ContentError
from ..i18n import Text
from ..model.spec import EMBLEM_SUFFIXES, MAX_EMBLEM_BYTES

__all__ = ["EmblemArtwork", "load_emblem", "draw_emblem_pdf", "emblem_svg_image",
           "bundled_emblem_name"]

FIELD = "emblem"

_T = {
    "path": Text("{p} 必须是规格文件所在文件夹里的相对路径（不能用“..”或绝对路径）",
                 "{p} must be a relative path inside the spec's folder (no '..', not absolute)"),
    "outside": Text("{p} 实际指向规格文件所在的文件夹之外（是符号链接吗？）",
                    "{p} resolves outside the spec's folder (a symbolic link?)"),
    "no_folder": Text("{p} 是相对于规格文件的路径，但没有规格文件所在的文件夹",
                      "{p} is relative to the spec file, but there is no spec folder"),
    "missing": Text("{p} 在规格文件所在的文件夹里不存在", "{p} does not exist in the spec's folder"),
    "kind": Text("{p} 不是 SVG 或 PDF 文件；党徽只能用官方提供的 SVG 或 PDF 图稿",
                 "{p} is not an SVG or PDF file; the emblem must be the official SVG or PDF artwork"),
    "big": Text("{p} 有 {n} 字节，超过党徽图稿允许的 {lim} MiB", "{p} is {n} bytes, more than the {lim} MiB allowed"),
    "pdf": Text("{p} 无法作为 PDF 读取（{why}）", "{p} cannot be read as a PDF ({why})"),
    "pages": Text("{p} 有 {n} 页；党徽图稿应只有一页", "{p} has {n} pages; the emblem artwork must be one page"),
    "encrypted": Text("{p} 是加密的 PDF，请提供未加密的图稿", "{p} is an encrypted PDF; supply an unencrypted file"),
    "rotated": Text("{p} 的页面设置了旋转（{r}°），请提供未旋转的图稿",
                    "{p} has a rotated page ({r}°); supply the artwork unrotated"),
    "svg": Text("{p} 无法作为 SVG 读取（{why}）", "{p} cannot be read as an SVG ({why})"),
    "svg_unsafe": Text("{p} 含有{what}，不能使用；请提供只含图形的 SVG 图稿",
                       "{p} contains {what_en}; supply an SVG with graphics only"),
    "size": Text("{p} 没有可用的尺寸（宽和高须大于 0）", "{p} has no usable size (width and height must be above 0)"),
}


def _err(key: str, lang: Optional[str], **kw) -> ContentError:
    return ContentError(f"{FIELD}: " + _T[key](lang, **kw))


@dataclass
class EmblemArtwork:
    """A checked emblem artwork: its bytes, kind and natural size (pt; only the ratio matters)."""

    kind: Literal["svg", "pdf"]
    data: bytes
    source: str  #: the path as written in the spec
    width: float
    height: float
    digest: str = ""
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def aspect(self) -> float:
        """Width over height of the artwork (kept when it is placed)."""
        return self.width / self.height

    def fit(self, max_w: float, max_h: float) -> tuple[float, float]:
        """The largest (w, h) with the artwork's aspect ratio inside max_w × max_h."""
        h = min(max_h, max_w / self.aspect)
        return h * self.aspect, h


def bundled_emblem_name(path: str) -> str:
    """Where the pack keeps the artwork (``artwork/emblem.svg`` or ``.pdf``)."""
    return "artwork/emblem" + Path(path).suffix.lower()


def _read(spec_dir: Optional[Path], p: str, files: Optional[Mapping[str, bytes]], lang: Optional[str]) -> bytes:
    from ..model.paths import contained_path, unsafe_path_reason

    if files is not None and p in files:
        return files[p]
    if unsafe_path_reason(p):
        raise _err("path", lang, p=repr(p))
    if spec_dir is None:
        raise _err("no_folder", lang, p=repr(p))
    try:
        real = contained_path(spec_dir, p)
    except ValueError:
        raise _err("outside", lang, p=repr(p)) from None
    if not real.is_file():
        raise _err("missing", lang, p=repr(p))
    size = real.stat().st_size
    if size > MAX_EMBLEM_BYTES:
        raise _err("big", lang, p=repr(p), n=size, lim=MAX_EMBLEM_BYTES >> 20)
    return real.read_bytes()


def load_emblem(spec_dir: Optional[Path], p: str, files: Optional[Mapping[str, bytes]] = None,
                lang: Optional[str] = None) -> EmblemArtwork:
    """Read and check the emblem artwork ``p`` (ContentError naming ``emblem`` and the value,
    in ``lang``, default Chinese). ``files`` holds files already in memory by path."""
    if not p.lower().endswith(EMBLEM_SUFFIXES):
        raise _err("kind", lang, p=repr(p))
    data = _read(spec_dir, p, files, lang)
    if len(data) > MAX_EMBLEM_BYTES:
        raise _err("big", lang, p=repr(p), n=len(data), lim=MAX_EMBLEM_BYTES >> 20)
    digest = hashlib.sha256(data).hexdigest()[:16]
    if p.lower().endswith(".pdf"):
        w, h = _pdf_size(data, p, lang)
        art = EmblemArtwork("pdf", data, p, w, h, digest)
    else:
        art = EmblemArtwork("svg", data, p, 1.0, 1.0, digest)
        d = _svg_drawing(art, lang)  # parsed and converted once, kept for drawing
        w, h = art.width, art.height = float(d.width), float(d.height)
    if not (w > 0 and h > 0):
        raise _err("size", lang, p=repr(p))
    return art


# --------------------------------------------------------------------------- PDF artwork

def _pdf_page(data: bytes, p: str, lang: Optional[str]):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.lstrip()[:5] == b"%PDF-":
        raise _err("kind", lang, p=repr(p))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _err("encrypted", lang, p=repr(p))
        n = len(reader.pages)
        if n != 1:
            raise _err("pages", lang, p=repr(p), n=n)
        page = reader.pages[0]
        rot = int(page.get("/Rotate", 0) or 0) % 360
        if rot:
            raise _err("rotated", lang, p=repr(p), r=rot)
        box = page.cropbox
        return page, tuple(float(v) for v in (box.left, box.bottom, box.right, box.top))
    except ContentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _err("pdf", lang, p=repr(p), why=type(exc).__name__) from None


def _pdf_size(data: bytes, p: str, lang: Optional[str]) -> tuple[float, float]:
    _page, (x0, y0, x1, y1) = _pdf_page(data, p, lang)
    return abs(x1 - x0), abs(y1 - y0)


def _pdf_form(c, art: EmblemArtwork) -> tuple[str, tuple[float, float, float, float]]:
    """The artwork's page as a Form XObject of canvas ``c``'s document (defined once): the
    PDF artwork itself, or the SVG artwork converted to a one-page PDF (:func:`_svg_pdf`)."""
    got = art._cache.get("page")
    if got is None:
        data = art.data if art.kind == "pdf" else _svg_pdf(art)
        got = art._cache["page"] = _pdf_page(data, art.source, None)
        if art.kind == "svg":
            _drop_unused_fonts(got[0])
    page, box = got
    name = f"RPemblem{art.digest}"
    if not c.hasForm(name):
        c.formFromPdfPage(name, page, box)
    return name, box


# --------------------------------------------------------------------------- SVG artwork

_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_UNSAFE_TAGS = {"script": ("脚本（script）", "a script"), "foreignObject": ("外部对象（foreignObject）", "a foreignObject"),
                "iframe": ("内嵌网页（iframe）", "an iframe")}


def _svg_tree(data: bytes, p: str, lang: Optional[str]):
    from lxml import etree

    if b"<!ENTITY" in data:
        raise _err("svg_unsafe", lang, p=repr(p), what="实体定义（ENTITY）", what_en="entity definitions")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _err("svg", lang, p=repr(p), why=str(exc).split("(", 1)[0].strip()) from None
    if root.tag != f"{_SVG_NS}svg":
        raise _err("kind", lang, p=repr(p))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = el.tag.rsplit("}", 1)[-1]
        if local in _UNSAFE_TAGS:
            zh, en = _UNSAFE_TAGS[local]
            raise _err("svg_unsafe", lang, p=repr(p), what=zh, what_en=en)
        for attr in ("href", _XLINK):
            ref = el.get(attr)
            if ref is not None and not ref.strip().startswith(("#", "data:")):
                raise _err("svg_unsafe", lang, p=repr(p), what=f"外部引用（{ref[:40]}）",
                           what_en=f"an external reference ({ref[:40]})")
        style = el.get("style") or ""
        if "url(" in style and "url(#" not in style.replace(" ", ""):
            raise _err("svg_unsafe", lang, p=repr(p), what="外部引用（url）", what_en="an external reference (url)")
    return root


def _svg_drawing(art: EmblemArtwork, lang: Optional[str] = None):
    """The SVG as a reportlab Drawing (cached), its colours in CMYK."""
    d = art._cache.get("drawing")
    if d is None:
        import logging

        from svglib.svglib import SvgRenderer

        root = _svg_tree(art.data, art.source, lang)
        logging.getLogger("svglib").setLevel(logging.ERROR)
        try:
            d = SvgRenderer("emblem.svg").render(root)
        except Exception as exc:  # svglib raises many kinds for unusual SVG
            raise _err("svg", lang, p=repr(art.source), why=type(exc).__name__) from None
        _cmyk_colours(d)
        art._cache["drawing"] = d
    return d


def _drop_unused_fonts(page) -> None:
    """reportlab's graphics renderer names its default font (Helvetica, not embedded) in the
    page resources even when nothing is written with it; a page that shows no text keeps
    no font (the board PDFs embed every font they name)."""
    import re

    from pypdf.generic import NameObject

    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    res = page.get("/Resources")
    if res is None or re.search(rb"(T[jJ]|['\"])\s", data):
        return
    res = res.get_object()
    if NameObject("/Font") in res:
        del res[NameObject("/Font")]


def _svg_pdf(art: EmblemArtwork) -> bytes:
    """The SVG artwork as a one-page PDF in memory (cached): svglib's drawing, colours in
    CMYK, drawn by reportlab (imported only here) on a page of the drawing's size, on a
    canvas that enforces CMYK (as the board canvas did when the drawing was drawn straight
    onto it: renderPDF's default black becomes CMYK black). The canvas's initial font is a
    bundled TrueType face, so the page names no font at all."""
    data = art._cache.get("pdf")
    if data is None:
        from reportlab.graphics import renderPDF
        from reportlab.pdfgen.canvas import Canvas

        from ..typeset import fonts
        from ..typeset.reportlab_setup import register_fonts

        d = _svg_drawing(art)
        register_fonts()
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=(float(d.width), float(d.height)), invariant=1, pageCompression=1,
                   initialFontName=fonts.SANS, enforceColorSpace="cmyk")
        renderPDF.draw(d, c, 0, 0, showBoundary=False)
        c.showPage()
        c.save()
        data = art._cache["pdf"] = buf.getvalue()
    return data


def _cmyk(col):
    from reportlab.lib.colors import CMYKColor, Color

    if col is None or isinstance(col, CMYKColor) or not isinstance(col, Color):
        return col
    from .images import cmyk_of_rgb

    c, m, y, k = cmyk_of_rgb(round(col.red * 255), round(col.green * 255), round(col.blue * 255))
    out = CMYKColor(c / 255, m / 255, y / 255, k / 255)
    alpha = getattr(col, "alpha", 1)
    if alpha is not None and alpha != 1:
        out.alpha = alpha
    return out


def _cmyk_colours(node) -> None:
    for attr in ("fillColor", "strokeColor"):
        if hasattr(node, attr):
            setattr(node, attr, _cmyk(getattr(node, attr)))
    for child in getattr(node, "contents", None) or []:
        _cmyk_colours(child)


# --------------------------------------------------------------------------- drawing

def draw_emblem_pdf(c, art: EmblemArtwork, x: float, y: float, w: float, h: float) -> None:
    """Place ``art`` on canvas ``c`` in the box (x, y, w, h) (points, y up), uniformly scaled
    and centred, as a Form XObject defined once per document."""
    name, (x0, y0, x1, y1) = _pdf_form(c, art)
    s = min(w / (x1 - x0), h / (y1 - y0))
    c.saveState()
    c.transform(s, 0, 0, s, x + (w - s * (x1 - x0)) / 2 - s * x0, y + (h - s * (y1 - y0)) / 2 - s * y0)
    c.doForm(name)
    c.restoreState()


def emblem_svg_image(art: EmblemArtwork) -> tuple[str, str]:
    """(MIME type, base64 data) of the artwork for an SVG ``<image>``: the SVG itself, or the
    PDF rasterised (longest side 1200 px, transparent ground)."""
    got = art._cache.get("svg_image")
    if got is None:
        if art.kind == "svg":
            got = ("image/svg+xml", base64.b64encode(art.data).decode("ascii"))
        else:
            import pypdfium2 as pdfium

            doc = pdfium.PdfDocument(art.data)
            try:
                page = doc[0]
                scale = 1200 / max(art.width, art.height)
                img = page.render(scale=scale, fill_color=(255, 255, 255, 0), may_draw_forms=True).to_pil()
            finally:
                doc.close()
            buf = io.BytesIO()
            img.save(buf, "PNG", optimize=False)
            got = ("image/png", base64.b64encode(buf.getvalue()).decode("ascii"))
        art._cache["svg_image"] = got
    return got
