"""roomplanner's own PDF writer: the part of reportlab's ``Canvas`` API this code base uses.

Why: reportlab costs a tenth of a second or more to import and, when a pack's sixteen PDFs
are saved, spends most of its time subsetting TrueType fonts in pure Python and formatting
objects. This writer draws with the same calls and the same semantics (user space in points,
y up; ``saveState``/``restoreState``; paths built with ``beginPath``; ``drawString`` at
the baseline; forms with ``beginForm``/``doForm``), so a user changes an import line.

What differs from reportlab, on purpose:

* Fonts are only the bundled ones (``RPSans``/``RPSerif`` or their aliases), embedded as
  Type0/CIDFontType2 subsets with ``Identity-H``, a ``/W`` array of exactly the widths the
  layout code measures and a ``/ToUnicode`` CMap (:mod:`.pdfdoc`, :mod:`.sfnt`).
* Output is always deterministic (no dates; ``invariant`` is accepted and ignored), and
  streams are Flate-compressed binary (no ASCII85).
* Images: :meth:`Canvas.drawJpeg` passes JPEG bytes through (``DCTDecode``);
  :meth:`Canvas.drawImage` takes a PIL image (Flate, alpha as an ``SMask``).
* :meth:`Canvas.formFromPdfPage` copies a page of another PDF (read by pypdf) in as a form.
* Numbers are written as reportlab writes them (``fp_str``), and consecutive ``cm`` merged
  as reportlab merges them, so both writers put every point in the same place.

With ``enforceColorSpace="cmyk"`` an RGB colour raises ``ValueError`` (as in reportlab), so
a board file can only contain CMYK colour operators.
"""

from __future__ import annotations

import hashlib
import re
from math import cos, pi, sin
from os import PathLike
from typing import Optional, Sequence

from . import fonts
from .pdfdoc import FontSubset, PdfDocument, jpeg_info, num, pdf_name, pdf_string
from .pdfgeom import PathObject

__all__ = ["Canvas", "PathObject", "TextObject", "Color", "CMYKColor", "HexColor", "mm",
           "FILL_EVEN_ODD", "FILL_NON_ZERO"]

#: Points per millimetre, the same float as ``reportlab.lib.units.mm``.
mm = 72.0 / 2.54 * 0.1

FILL_EVEN_ODD = 0
FILL_NON_ZERO = 1

#: (stroke, fill, fill mode) -> path-painting operator (as reportlab's PATH_OPS)
#: XObject names used as resource names as they are (others become X<n> / Im<n>, which
#: a user's name may therefore not take)
_PLAIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,100}")
_RESERVED = re.compile(r"(X|Im|F)\d+")

PATH_OPS = {(0, 0, 0): "n", (0, 0, 1): "n", (1, 0, 0): "S", (1, 0, 1): "S",
            (0, 1, 0): "f*", (0, 1, 1): "f", (1, 1, 0): "B*", (1, 1, 1): "B"}


# --------------------------------------------------------------------------- colours

class Color:
    """An RGB colour, channels 0–1 (reportlab's ``Color``)."""

    __slots__ = ("red", "green", "blue", "alpha", "_op")

    def __init__(self, red: float = 0, green: float = 0, blue: float = 0, alpha: float = 1):
        self.red, self.green, self.blue, self.alpha = red, green, blue, alpha
        self._op = f"{num(red)} {num(green)} {num(blue)}"

    def __eq__(self, other) -> bool:
        return isinstance(other, Color) and (self.red, self.green, self.blue) == (other.red, other.green, other.blue)

    def __hash__(self) -> int:
        return hash((self.red, self.green, self.blue))

    def __repr__(self) -> str:
        return f"Color({self.red:g},{self.green:g},{self.blue:g})"


#: The operands of each CMYK colour made so far (a board set uses a few dozen, thousands of times).
_cmyk_ops: dict[tuple, str] = {}


class CMYKColor:
    """A DeviceCMYK colour, channels 0–1 (reportlab's ``CMYKColor``; ``density`` scales)."""

    __slots__ = ("cyan", "magenta", "yellow", "black", "density", "alpha", "_op")

    def __init__(self, cyan: float = 0, magenta: float = 0, yellow: float = 0, black: float = 0,
                 density: float = 1, alpha: float = 1):
        self.cyan, self.magenta, self.yellow, self.black = cyan, magenta, yellow, black
        self.density, self.alpha = density, alpha
        key = (cyan, magenta, yellow, black, density)
        op = _cmyk_ops.get(key)
        if op is None:
            d = density
            op = _cmyk_ops[key] = " ".join([num(d * v) for v in (cyan, magenta, yellow, black)])
        self._op = op

    def cmyk(self) -> tuple[float, float, float, float]:
        return (self.cyan, self.magenta, self.yellow, self.black)

    def __eq__(self, other) -> bool:
        return isinstance(other, CMYKColor) and self._op == other._op

    def __hash__(self) -> int:
        return hash(self._op)

    def __repr__(self) -> str:
        return f"CMYKColor({self.cyan:g},{self.magenta:g},{self.yellow:g},{self.black:g})"


def HexColor(val) -> Color:
    """``'#rrggbb'`` / ``'0xrrggbb'`` / an int as an RGB :class:`Color` (as reportlab's)."""
    if isinstance(val, str):
        s = val.strip()
        if s.startswith("#"):
            v = int(s[1:], 16)
        elif s.lower().startswith("0x"):
            v = int(s[2:], 16)
        else:
            v = int(s)
    else:
        v = int(val)
    return Color(((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0)


# --------------------------------------------------------------------------- paths and text

class TextObject:
    """A text block (reportlab's ``PDFTextObject``, the calls used here): origin, font,
    character spacing, ``textOut``/``textLine``."""

    def __init__(self, canvas: "Canvas", x: float = 0, y: float = 0):
        self._canvas = canvas
        self._font = canvas._font
        self._size = canvas._fontsize
        self._leading = canvas._leading
        self._code: list[str] = [f"1 0 0 1 {num(x)} {num(y)} Tm"]
        self._x0 = x
        self._sub: Optional[FontSubset] = None  # the subset of the font set here, once set

    def setTextOrigin(self, x: float, y: float) -> None:
        self._code.append(f"1 0 0 1 {num(x)} {num(y)} Tm")
        self._x0 = x

    def setFont(self, psfontname: str, size: float, leading: Optional[float] = None) -> None:
        self._font = fonts.resolve_family(psfontname)
        self._size = size
        self._leading = size * 1.2 if leading is None else leading
        self._sub = self._canvas._subset(self._font)
        self._code.append(f"/{self._sub.resource} {num(size)} Tf")

    def setCharSpace(self, charSpace: float) -> None:
        self._code.append(f"{num(charSpace)} Tc")

    def _ensure_font(self) -> FontSubset:
        if self._sub is None:
            self._sub = self._canvas._subset(self._font)
            self._code.append(f"/{self._sub.resource} {num(self._size)} Tf")
        return self._sub

    def textOut(self, text: str) -> None:
        self._code.append(f"<{self._ensure_font().encode(text)}> Tj")

    def textLine(self, text: str = "") -> None:
        self.textOut(text)
        self._code.append(f"0 {num(-self._leading)} Td")

    def getCode(self) -> str:
        return "BT " + " ".join(self._code) + " ET"


# --------------------------------------------------------------------------- canvas

class Canvas:
    """A PDF document drawn page by page (see the module docstring)."""

    def __init__(self, filename, pagesize: Sequence[float] = (595.2755905511812, 841.8897637795277), *,
                 pageCompression: int = 1, invariant: int = 1, initialFontName: Optional[str] = None,
                 enforceColorSpace: Optional[str] = None, cropBox=None, artBox=None, trimBox=None,
                 bleedBox=None):
        if enforceColorSpace not in (None, "cmyk", "rgb"):
            raise ValueError(f"enforceColorSpace must be None, 'cmyk' or 'rgb', got {enforceColorSpace!r}")
        self._target = filename
        self._pagesize = (float(pagesize[0]), float(pagesize[1]))
        self._compress = bool(pageCompression)
        self._enforce = enforceColorSpace
        self._boxes = {"CropBox": cropBox, "ArtBox": artBox, "TrimBox": trimBox, "BleedBox": bleedBox}
        self._initial_font = fonts.resolve_family(initialFontName or fonts.SANS)
        self._info: dict[str, str] = {"Producer": "roomplanner", "Creator": "roomplanner"}
        self._doc = PdfDocument()
        self._n_catalog = self._doc.reserve()
        self._n_pages = self._doc.reserve()
        self._pages: list[int] = []
        self._subsets: dict[str, FontSubset] = {}
        self._font_objects: dict[str, int] = {}
        self._xobjects: dict[str, tuple[str, int]] = {}  # user name -> (resource, object)
        self._defined: set[str] = set()
        self._form_stack: list = []
        self._code: list[str] = []
        self._res: dict[str, tuple[str, int]] = {}  # resources the current page or form uses
        self._init_state()

    # ------------------------------------------------------------------ state
    def _init_state(self) -> None:
        self._font = self._initial_font
        self._fontsize = 12.0
        self._leading = 14.4
        self._stack: list[tuple] = []

    def saveState(self) -> None:
        self._stack.append((self._font, self._fontsize, self._leading))
        self._code.append("q")

    def restoreState(self) -> None:
        self._font, self._fontsize, self._leading = self._stack.pop()
        self._code.append("Q")

    def transform(self, a, b, c, d, e, f) -> None:
        """Concatenate a matrix. Directly after another ``cm`` the two are merged into one
        (from the written numbers, as reportlab does), so both writers place things alike."""
        code = self._code
        if code and code[-1][-3:] == " cm":
            a0, b0, c0, d0, e0, f0 = map(float, code[-1].split()[:6])
            a, b, c, d, e, f = (a0 * a + c0 * b, b0 * a + d0 * b, a0 * c + c0 * d, b0 * c + d0 * d,
                                a0 * e + c0 * f + e0, b0 * e + d0 * f + f0)
            code.pop()
        code.append(f"{num(a)} {num(b)} {num(c)} {num(d)} {num(e)} {num(f)} cm")

    def translate(self, dx: float, dy: float) -> None:
        self.transform(1, 0, 0, 1, dx, dy)

    def scale(self, x: float, y: float) -> None:
        self.transform(x, 0, 0, y, 0, 0)

    def rotate(self, theta: float) -> None:
        c, s = cos(theta * pi / 180), sin(theta * pi / 180)
        self.transform(c, s, -s, c, 0, 0)

    def setLineWidth(self, width: float) -> None:
        self._code.append(f"{num(width)} w")

    def setLineCap(self, mode: int) -> None:
        if mode not in (0, 1, 2):
            raise ValueError(f"line cap must be 0, 1 or 2, got {mode!r}")
        self._code.append(f"{mode} J")

    def setLineJoin(self, mode: int) -> None:
        if mode not in (0, 1, 2):
            raise ValueError(f"line join must be 0, 1 or 2, got {mode!r}")
        self._code.append(f"{mode} j")

    def setMiterLimit(self, limit: float) -> None:
        self._code.append(f"{num(limit)} M")

    def setDash(self, array=(), phase: float = 0) -> None:
        if isinstance(array, (int, float)):
            array, phase = (array, phase), 0
        if any(v < 0 for v in array) or phase < 0 or (array and sum(array) <= 0):
            raise ValueError(f"setDash: array={array!r} phase={phase!r}: non-negative numbers, a cycle above zero")
        self._code.append(f"[{' '.join(num(v) for v in array)}] {num(phase)} d")

    def _colour(self, color, op_rgb: str, op_cmyk: str) -> None:
        if isinstance(color, CMYKColor):
            if self._enforce == "rgb":
                raise ValueError(f"{color!r} is not an RGB colour (the canvas enforces RGB)")
            self._code.append(f"{color._op} {op_cmyk}")
        elif isinstance(color, Color):
            if self._enforce == "cmyk":
                raise ValueError(f"{color!r} is not a CMYK colour (the canvas enforces CMYK)")
            self._code.append(f"{color._op} {op_rgb}")
        elif isinstance(color, (tuple, list)) and len(color) in (3, 4):
            self._colour(Color(*color) if len(color) == 3 else CMYKColor(*color), op_rgb, op_cmyk)
        elif isinstance(color, str):
            self._colour(HexColor(color), op_rgb, op_cmyk)
        else:
            raise TypeError(f"not a colour: {color!r}")

    def setFillColor(self, color) -> None:
        self._colour(color, "rg", "k")

    def setStrokeColor(self, color) -> None:
        self._colour(color, "RG", "K")

    # ------------------------------------------------------------------ shapes
    def line(self, x1, y1, x2, y2) -> None:
        self._code.append(f"n {num(x1)} {num(y1)} m {num(x2)} {num(y2)} l S")

    def rect(self, x, y, width, height, stroke: int = 1, fill: int = 0) -> None:
        self._code.append(f"n {num(x)} {num(y)} {num(width)} {num(height)} re {PATH_OPS[stroke, fill, 0]}")

    def circle(self, x_cen, y_cen, r, stroke: int = 1, fill: int = 0) -> None:
        p = PathObject()
        p.circle(x_cen, y_cen, r)
        self.drawPath(p, stroke, fill, FILL_EVEN_ODD)

    def ellipse(self, x1, y1, x2, y2, stroke: int = 1, fill: int = 0) -> None:
        p = PathObject()
        p.ellipse(x1, y1, x2 - x1, y2 - y1)
        self.drawPath(p, stroke, fill, FILL_EVEN_ODD)

    def roundRect(self, x, y, width, height, radius, stroke: int = 1, fill: int = 0) -> None:
        p = PathObject()
        p.roundRect(x, y, width, height, radius)
        self.drawPath(p, stroke, fill, FILL_EVEN_ODD)

    def beginPath(self) -> PathObject:
        return PathObject()

    def drawPath(self, path: PathObject, stroke: int = 1, fill: int = 0, fillMode: Optional[int] = None) -> None:
        mode = FILL_EVEN_ODD if fillMode is None else fillMode
        self._code.append(path.getCode() + " " + PATH_OPS[stroke, fill, mode])

    def clipPath(self, path: PathObject, stroke: int = 1, fill: int = 0, fillMode: Optional[int] = None) -> None:
        mode = FILL_EVEN_ODD if fillMode is None else fillMode
        clip = " W* " if mode == FILL_EVEN_ODD else " W "
        self._code.append(path.getCode() + clip + PATH_OPS[stroke, fill, mode])

    def addLiteral(self, code: str) -> None:
        """Append raw content-stream operators (the caller vouches for them)."""
        self._code.append(code)

    # ------------------------------------------------------------------ text
    def _subset(self, family: str) -> FontSubset:
        sub = self._subsets.get(family)
        if sub is None:
            sub = self._subsets[family] = FontSubset(family, f"F{len(self._subsets) + 1}")
            self._font_objects[family] = self._doc.reserve()
        self._res[sub.resource] = ("Font", self._font_objects[family])
        return sub

    def setFont(self, psfontname: str, size: float, leading: Optional[float] = None) -> None:
        self._font = fonts.resolve_family(psfontname)
        self._fontsize = size
        self._leading = size * 1.2 if leading is None else leading

    def stringWidth(self, text: str, fontName: Optional[str] = None, fontSize: Optional[float] = None) -> float:
        return fonts.text_width(text, fontName or self._font, self._fontsize if fontSize is None else fontSize)

    def drawString(self, x: float, y: float, text: str, charSpace: float = 0) -> None:
        sub = self._subset(self._font)
        tc = f"{num(charSpace)} Tc " if charSpace else ""
        reset = " 0 Tc" if charSpace else ""
        self._code.append(f"BT /{sub.resource} {num(self._fontsize)} Tf {tc}1 0 0 1 {num(x)} {num(y)} Tm "
                          f"<{sub.encode(text)}> Tj{reset} ET")

    def _width(self, text: str, charSpace: float) -> float:
        w = fonts.text_width(text, self._font, self._fontsize, "PDF text")
        return w + (len(text) - 1) * charSpace if charSpace else w

    def drawRightString(self, x: float, y: float, text: str, charSpace: float = 0) -> None:
        self.drawString(x - self._width(text, charSpace), y, text, charSpace)

    def drawCentredString(self, x: float, y: float, text: str, charSpace: float = 0) -> None:
        self.drawString(x - 0.5 * self._width(text, charSpace), y, text, charSpace)

    drawCenteredString = drawCentredString

    def beginText(self, x: float = 0, y: float = 0) -> TextObject:
        return TextObject(self, x, y)

    def drawText(self, text: TextObject) -> None:
        self._code.append(text.getCode())

    # ------------------------------------------------------------------ forms and images
    def _xobject(self, name: str, prefix: str = "X", use: bool = True) -> tuple[str, int]:
        """(resource name, object number) of XObject ``name``: the name itself where it is a
        plain PDF name (readers of the file find a form by the name it was given), else
        ``<prefix><n>``."""
        got = self._xobjects.get(name)
        if got is None:
            res = name if _PLAIN_NAME.fullmatch(name) and not _RESERVED.fullmatch(name) else \
                f"{prefix}{len(self._xobjects) + 1}"
            got = self._xobjects[name] = (res, self._doc.reserve())
        if use:
            self._res[got[0]] = ("XObject", got[1])
        return got

    def beginForm(self, name: str, lowerx: float = 0, lowery: float = 0, upperx: Optional[float] = None,
                  uppery: Optional[float] = None) -> None:
        """Start a Form XObject: drawing calls go into it until :meth:`endForm`."""
        if name in self._defined:
            raise ValueError(f"form {name!r} is already defined")
        w, h = self._pagesize
        bbox = (lowerx, lowery, w if upperx is None else upperx, h if uppery is None else uppery)
        self._form_stack.append((name, bbox, self._code, self._res, self._font, self._fontsize, self._leading,
                                 self._stack))
        self._code = []
        self._res = {}
        self._init_state()

    def endForm(self) -> None:
        name, bbox, code, res, font, size, leading, stack = self._form_stack.pop()
        body = "\n".join(self._code).encode("latin-1")
        resources = _resources(self._res)
        self._code, self._res = code, res
        self._font, self._fontsize, self._leading, self._stack = font, size, leading, stack
        _name, n = self._xobject(name, use=False)
        entries = (b" /Type /XObject /Subtype /Form /BBox [" + " ".join(num(v) for v in bbox).encode("ascii")
                   + b"] /Resources " + resources)
        self._doc.put(n, self._doc.stream(entries, body, self._compress))
        self._defined.add(name)

    def hasForm(self, name: str) -> bool:
        return name in self._defined

    def doForm(self, name: str) -> None:
        """Draw form ``name`` in the current graphics state (it may be defined later)."""
        self._code.append(f"/{self._xobject(name)[0]} Do")

    def _place(self, resource: str, x: float, y: float, w: float, h: float) -> None:
        self._code.append(f"q {num(w)} 0 0 {num(h)} {num(x)} {num(y)} cm /{resource} Do Q")

    def drawJpeg(self, data: bytes, x: float, y: float, width: float, height: float) -> None:
        """Place JPEG bytes unchanged (``DCTDecode``) in the box; the same bytes used twice
        in a document are stored once. CMYK JPEGs are Adobe-inverted (``/Decode``)."""
        name = "jpeg:" + hashlib.md5(data).hexdigest()
        res, n = self._xobject(name, "Im")
        if name not in self._defined:
            w, h, comps = jpeg_info(data)
            space = {1: b"/DeviceGray", 3: b"/DeviceRGB", 4: b"/DeviceCMYK"}.get(comps)
            if space is None:
                raise ValueError(f"JPEG with {comps} components")
            entries = b" /Type /XObject /Subtype /Image /Width %d /Height %d /BitsPerComponent 8 /ColorSpace %s" % (
                w, h, space)
            if comps == 4:
                entries += b" /Decode [1 0 1 0 1 0 1 0]"
            self._doc.put(n, self._doc.stream(entries + b" /Filter /DCTDecode", data, compress=False))
            self._defined.add(name)
        self._place(res, x, y, width, height)

    def drawImage(self, image, x: float, y: float, width: float, height: float) -> None:
        """Place a PIL image (Flate; an alpha channel becomes an ``SMask``)."""
        key = hashlib.md5(image.mode.encode() + repr(image.size).encode() + image.tobytes()).hexdigest()
        name = "image:" + key
        res, n = self._xobject(name, "Im")
        if name not in self._defined:
            img = image
            if img.mode == "P":
                img = img.convert("RGBA")
            alpha = None
            if img.mode in ("RGBA", "LA"):
                alpha = img.getchannel("A")
                img = img.convert("RGB" if img.mode == "RGBA" else "L")
            elif img.mode not in ("RGB", "L", "CMYK"):
                img = img.convert("RGB")
            space = {"RGB": b"/DeviceRGB", "L": b"/DeviceGray", "CMYK": b"/DeviceCMYK"}[img.mode]
            if img.mode == "CMYK" and self._enforce == "rgb" or img.mode == "RGB" and self._enforce == "cmyk":
                raise ValueError(f"a {img.mode} image on a canvas that enforces {self._enforce}")
            entries = b" /Type /XObject /Subtype /Image /Width %d /Height %d /BitsPerComponent 8 /ColorSpace %s" % (
                img.width, img.height, space)
            if alpha is not None:
                smask = self._doc.add(self._doc.stream(
                    b" /Type /XObject /Subtype /Image /Width %d /Height %d /BitsPerComponent 8 /ColorSpace /DeviceGray"
                    % alpha.size, alpha.tobytes()))
                entries += b" /SMask %d 0 R" % smask
            self._doc.put(n, self._doc.stream(entries, img.tobytes()))
            self._defined.add(name)
        self._place(res, x, y, width, height)

    def formFromPdfPage(self, name: str, page, bbox: Sequence[float]) -> None:
        """Define form ``name`` as page ``page`` of another PDF (a pypdf page): its content
        stream and every object its resources refer to are copied, so it stays vector with
        its own colours. ``bbox`` is the form's box (the page's CropBox)."""
        from .pdfimport import copy_page_form

        if name in self._defined:
            return
        _name, n = self._xobject(name, use=False)
        copy_page_form(self._doc, n, page, bbox)
        self._defined.add(name)

    # ------------------------------------------------------------------ pages and document
    def setPageSize(self, size: Sequence[float]) -> None:
        self._pagesize = (float(size[0]), float(size[1]))

    def setCropBox(self, box) -> None:
        self._boxes["CropBox"] = box

    def setArtBox(self, box) -> None:
        self._boxes["ArtBox"] = box

    def setTrimBox(self, box) -> None:
        self._boxes["TrimBox"] = box

    def setBleedBox(self, box) -> None:
        self._boxes["BleedBox"] = box

    def setPageCompression(self, pageCompression: int = 1) -> None:
        self._compress = bool(pageCompression)

    def setTitle(self, title: str) -> None:
        self._info["Title"] = title

    def setAuthor(self, author: str) -> None:
        self._info["Author"] = author

    def setSubject(self, subject: str) -> None:
        self._info["Subject"] = subject

    def setCreator(self, creator: str) -> None:
        self._info["Creator"] = creator

    def setProducer(self, producer: str) -> None:
        self._info["Producer"] = producer

    def setKeywords(self, keywords: str) -> None:
        self._info["Keywords"] = keywords

    def getPageNumber(self) -> int:
        return len(self._pages) + 1

    def showPage(self) -> None:
        """End the page (its size and boxes are those set now) and start the next one."""
        if self._form_stack:
            raise ValueError("showPage inside a form")
        doc = self._doc
        body = "\n".join(self._code).encode("latin-1")
        n_contents = doc.add(doc.stream(b"", body, self._compress))
        w, h = self._pagesize
        parts = [b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s]" % (self._n_pages, num(w).encode(),
                                                                          num(h).encode())]
        for key in ("CropBox", "BleedBox", "TrimBox", "ArtBox"):
            box = self._boxes[key]
            if box is not None:
                parts.append(b" /%s [%s]" % (key.encode(), " ".join(num(v) for v in box).encode()))
        parts.append(b" /Resources " + _resources(self._res) + b" /Contents %d 0 R >>" % n_contents)
        self._pages.append(doc.add(b"".join(parts)))
        self._code = []
        self._res = {}
        self._init_state()

    def getpdfdata(self) -> bytes:
        if self._code or not self._pages:
            self.showPage()
        doc = self._doc
        undefined = [k for k in self._xobjects if k not in self._defined]
        if undefined:
            raise ValueError(f"forms used but never defined: {', '.join(sorted(undefined))}")
        for family, sub in self._subsets.items():
            sub.write(doc, self._font_objects[family])
        doc.put(self._n_pages, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
            len(self._pages), " ".join(f"{n} 0 R" for n in self._pages).encode()))
        doc.put(self._n_catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % self._n_pages)
        info = doc.add(b"<<" + b"".join(b" " + pdf_name(k) + b" " + pdf_string(v)
                                         for k, v in self._info.items() if v) + b" >>")
        return doc.write(self._n_catalog, info)

    def save(self) -> None:
        data = self.getpdfdata()
        target = self._target
        if isinstance(target, (str, PathLike)):
            with open(target, "wb") as fh:
                fh.write(data)
        elif target is not None:
            target.write(data)
        self._data = data


def _resources(used: dict[str, tuple[str, int]]) -> bytes:
    """A resource dictionary (inline) naming what one page or form uses, and nothing else:
    each stream has its own, so no form's resources contain the form itself."""
    out = [b"<< /ProcSet [/PDF /Text /ImageB /ImageC /ImageI]"]
    for kind in ("Font", "XObject"):
        items = [b" /%s %d 0 R" % (name.encode("ascii"), n) for name, (k, n) in used.items() if k == kind]
        if items:
            out.append(b" /" + kind.encode("ascii") + b" <<" + b"".join(items) + b" >>")
    return b"".join(out) + b" >>"
