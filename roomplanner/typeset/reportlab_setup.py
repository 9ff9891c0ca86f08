"""reportlab set-up shared by every PDF roomplanner writes: the bundled fonts, built from
the prepared font facts, and binary streams.

Streams: reportlab wraps every stream in ASCII85 by default, in pure Python, which took more
time than everything else together; binary Flate streams are smaller and just as valid. The
switch (``rl_config.useA85``) is global in reportlab and read while a document is saved, so
it is set once, when this module is first imported (every PDF writer registers the fonts
through it), and never toggled per document: documents built in several threads at once
all see the same setting.

reportlab's ``TTFont`` parses the whole font when it is created (cmap, hmtx, loca: about
0.2 s per CJK font). :class:`FactsTTFont` gives reportlab the very same face attributes from
:class:`~roomplanner.typeset.fontdata.FontFacts` instead; only the table directory is read
from the file, and glyph data is read when reportlab embeds a subset. The attributes are
those ``TTFontFile.extractInfo`` sets (reportlab 4–5; pyproject caps reportlab below 6), and
``tests/render/test_fonts.py`` compares them with a real parse.
"""

from __future__ import annotations

import threading
from fnmatch import fnmatch
from functools import cached_property

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace, TTFontParser

from . import fonts
from .fontdata import FontFacts, _rl_scale

rl_config.useA85 = 0


class FactsFace(TTFontFace):
    """A ``TTFontFace`` whose metrics come from the facts (see the module docstring)."""

    def __init__(self, facts: FontFacts):
        pdfmetrics.TypeFace.__init__(self, None)
        self._facts = facts
        self._subset_lock = threading.Lock()
        TTFontParser.__init__(self, str(facts.path), validate=0, subfontIndex=0)
        s = facts.scalars
        for key in ("name", "familyName", "styleName", "fullName", "uniqueFontID"):
            setattr(self, key, TTFNameBytes(s[key].encode("utf-8")))
        self.fontRevision = tuple(s["fontRevision"])
        self.unitsPerEm = upm = s["unitsPerEm"]
        scale = self._pdfScale = _rl_scale(upm)
        for key in ("bbox", "ascent", "descent", "capHeight", "italicAngle", "underlinePosition",
                    "underlineThickness", "flags", "stemV", "numGlyphs"):
            setattr(self, key, s[key])
        self.bbox = list(s["bbox"])
        self._full_font = s["full_font"]

        advance = facts.advance
        self.defaultWidth = scale(advance[0])
        # the no-break space is drawn and measured as the space (as reportlab does)
        self.charToGlyph = dict(facts.cmap)
        widths = facts.glyph_widths
        self.charWidths = dict(zip(facts.cmap.keys(), map(widths.__getitem__, facts.cmap.values())))
        if 0x20 in self.charToGlyph:
            self.charToGlyph[0xA0] = self.charToGlyph[0x20]
            self.charWidths[0xA0] = self.charWidths[0x20]

    def readFile(self, f):
        """The font file, mapped rather than read: reportlab only reads the few tables and
        glyphs a subset needs."""
        import mmap

        self.filename = str(f)
        with open(f, "rb") as fh:
            self._ttf_data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        self._pos = 0

    def get_table(self, tag):
        """A table's bytes; the glyph table (megabytes, of which a subset needs a few
        hundred glyphs) as a window on the mapped file that copies only what is sliced."""
        pos, length = self.get_table_pos(tag)
        if tag == "glyf":
            return _Window(self._ttf_data, pos, length)
        return self._ttf_data[pos:pos + length]

    @cached_property
    def hmetrics(self) -> list[tuple]:
        # reportlab keeps the raw advance for the first numberOfHMetrics glyphs and the
        # *scaled* last advance for the rest (it reuses a rebound variable); the subset's
        # hmtx is written from these, so they are reproduced as they are.
        facts = self._facts
        nhm, n = facts.scalars["numberOfHMetrics"], facts.num_glyphs
        lsb_u16 = [v & 0xFFFF for v in facts.lsb]
        last = self._pdfScale(facts.advance[nhm - 1])
        return list(zip(facts.advance, lsb_u16[:nhm])) + list(zip([last] * (n - nhm), lsb_u16[nhm:]))

    @cached_property
    def glyphPos(self) -> list[int]:
        return list(self._facts.loca)

    def makeSubset(self, subset):
        """reportlab's subsetter reads the font through one shared file cursor (``_pos``), so
        two documents saved at once in two threads would read each other's glyphs: one
        subset at a time per font."""
        with self._subset_lock:
            return super().makeSubset(subset)

    @cached_property
    def glyphToChar(self) -> dict[int, list[int]]:  # only reportlab's shaping reads it
        out: dict[int, list[int]] = {}
        for cp, gid in self._facts.cmap.items():  # the font's own map, before the nbsp alias
            out.setdefault(gid, []).append(cp)
        return out


class _Window:
    """``data[start:stop]`` of part of a mapped file, as bytes (what reportlab's subsetter
    does with the glyph table)."""

    def __init__(self, data, offset: int, length: int):
        self.data, self.offset, self.length = data, offset, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, k: slice) -> bytes:
        start, stop, step = k.indices(self.length)
        if step != 1:
            raise ValueError("only contiguous slices")
        return self.data[self.offset + start:self.offset + stop]


class FactsTTFont(TTFont):
    """``reportlab.pdfbase.ttfonts.TTFont`` over a :class:`FactsFace`."""

    def __init__(self, name: str, facts: FontFacts):
        from weakref import WeakKeyDictionary

        self.fontName = name
        self.face = FactsFace(facts)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        # as TTFont: shaping only where uharfbuzz is installed and the name is not excluded
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)


# --------------------------------------------------------------------------- reference canvas

_reference_class = None


def reference_canvas(filename, pagesize=None, **kw):
    """reportlab's ``Canvas`` with the few calls :class:`.pdfcanvas.Canvas` adds (font
    aliases, its colour objects, ``drawJpeg``, ``formFromPdfPage``), written the way
    roomplanner wrote them with reportlab: the reference the own writer is compared with
    (``tests/typeset/test_pdfcanvas.py``, ``benchmarks/bench_pdf.py``)."""
    global _reference_class
    if _reference_class is None:
        _reference_class = _make_reference_class()
    register_fonts()
    if kw.get("initialFontName"):
        kw["initialFontName"] = fonts.resolve_family(kw["initialFontName"])
    if pagesize is not None:
        kw["pagesize"] = pagesize
    return _reference_class(filename, **kw)


def _rl_colour(color):
    from reportlab.lib import colors as rl

    from . import pdfcanvas as own

    if isinstance(color, own.CMYKColor):
        return rl.CMYKColor(color.cyan, color.magenta, color.yellow, color.black, density=color.density)
    if isinstance(color, own.Color):
        return rl.Color(color.red, color.green, color.blue)
    return color


def _make_reference_class():
    import hashlib
    import io

    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    class _Reference(Canvas):
        def setFont(self, psfontname, size, leading=None):
            super().setFont(fonts.resolve_family(psfontname), size, leading)

        def setFillColor(self, aColor, alpha=None):
            super().setFillColor(_rl_colour(aColor), alpha)

        def setStrokeColor(self, aColor, alpha=None):
            super().setStrokeColor(_rl_colour(aColor), alpha)

        def drawJpeg(self, data, x, y, w, h):
            """As roomplanner placed JPEGs with reportlab: an image XObject named by the MD5
            of the bytes, registered the way ``drawImage`` does, the bytes passed through."""
            name = "RPjpeg" + hashlib.md5(data).hexdigest()
            reg = self._doc.getXObjectName(name)
            if self._doc.idToObject.get(reg) is None:
                img = pdfdoc.PDFImageXObject(name)
                if not img.loadImageFromJPEG(io.BytesIO(data)):
                    raise ValueError("not a JPEG stream")
                img.name = name
                self._setXObjects(img)
                self._doc.Reference(img, reg)
                self._doc.addForm(name, img)
            self._currentPageHasImages = 1
            self.saveState()
            self.transform(w, 0, 0, h, x, y)
            self.doForm(name)
            self.restoreState()

        def formFromPdfPage(self, name, page, bbox):
            """As roomplanner imported the emblem artwork with reportlab's ``pdfdoc``."""
            import zlib

            doc = self._doc
            reg = doc.getXObjectName(name)
            if doc.idToObject.get(reg) is not None:
                return
            refs: dict = {}
            contents = page.get_contents()
            data = contents.get_data() if contents is not None else b""
            items = [(b"/Type", _Literal(b"/XObject")), (b"/Subtype", _Literal(b"/Form")),
                     (b"/BBox", _Array(list(bbox))), (b"/Filter", _Literal(b"/FlateDecode"))]
            res = page.get("/Resources")
            if res is not None:
                items.append((b"/Resources", _as_rl(res, doc, refs, name)))
            form = _Stream(items, zlib.compress(data, 9))
            form.__RefOnly__ = 1
            doc.addForm(name, form)

    class _Holder(pdfdoc.PDFObject):
        def __init__(self):
            self.value = None

        def format(self, document):
            return pdfdoc.format(self.value, document, toplevel=1)

    class _Literal(pdfdoc.PDFObject):
        def __init__(self, data):
            self.data = data

        def format(self, document):
            return self.data

    class _Array(pdfdoc.PDFObject):
        def __init__(self, items):
            self.items = items

        def format(self, document):
            return b"[" + b" ".join(pdfdoc.format(v, document) for v in self.items) + b"]"

    class _Dict(pdfdoc.PDFObject):
        def __init__(self, items):
            self.items = items

        def format(self, document):
            return b"<<" + b"".join(k + b" " + pdfdoc.format(v, document) for k, v in self.items) + b">>"

    class _Stream(pdfdoc.PDFObject):
        def __init__(self, items, data):
            self.items = [(k, v) for k, v in items if k != b"/Length"]
            self.data = data

        def format(self, document):
            head = _Dict(self.items + [(b"/Length", len(self.data))]).format(document)
            return head + b"\nstream\n" + self.data + b"\nendstream"

    def _bytes(obj):
        buf = io.BytesIO()
        obj.write_to_stream(buf)
        return buf.getvalue()

    def _as_rl(obj, doc, refs, prefix):
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key not in refs:
                holder = _Holder()
                refs[key] = f"{prefix}o{obj.idnum}g{obj.generation}"
                doc.Reference(holder, refs[key])
                holder.value = _as_rl(obj.get_object(), doc, refs, prefix)
            return pdfdoc.PDFObjectReference(refs[key])
        if isinstance(obj, StreamObject):
            return _Stream([(_bytes(NameObject(k)), _as_rl(v, doc, refs, prefix)) for k, v in obj.items()], obj._data)
        if isinstance(obj, DictionaryObject):
            return _Dict([(_bytes(NameObject(k)), _as_rl(v, doc, refs, prefix)) for k, v in obj.items()])
        if isinstance(obj, ArrayObject):
            return _Array([_as_rl(v, doc, refs, prefix) for v in obj])
        return _Literal(_bytes(obj))

    return _Reference


# --------------------------------------------------------------------------- registration

_register_lock = threading.Lock()
_registered: set[str] = set()


def register_fonts() -> tuple[str, ...]:
    """Register the bundled fonts with reportlab (once per process, thread-safe); returns
    their names. Only reportlab's own canvas needs this (the reference canvas of the
    equivalence tests, an SVG emblem's conversion); reportlab's view of each font is built
    from the prepared facts, never by decoding the font's tables."""
    if len(_registered) == len(fonts.BUNDLED):
        return tuple(fonts.BUNDLED)
    with _register_lock:
        for name in fonts.BUNDLED:
            if name not in _registered:
                pdfmetrics.registerFont(FactsTTFont(name, fonts.facts(name)))
                _registered.add(name)
    return tuple(fonts.BUNDLED)


def reportlab_font(family: str) -> str:
    """Register the fonts if needed and return the reportlab name to ``setFont`` with."""
    register_fonts()
    return fonts.resolve_family(family)
