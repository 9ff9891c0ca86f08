"""The file side of :mod:`.pdfcanvas`: numbered objects, streams, fonts, images, the xref.

A :class:`PdfDocument` collects indirect objects as finished bytes and writes them in order
of their numbers, with a cross-reference table whose offsets are the objects' true
positions. Nothing depends on the clock or on memory addresses: the same drawing gives the
same bytes (the trailer's ``/ID`` is a digest of the body).

Fonts are the bundled TrueType faces, embedded per document as a subset: a Type0 font with
``Identity-H`` (two-byte codes), a CIDFontType2 descendant whose CIDs are glyph ids of the
subset (:func:`.sfnt.subset_font`), a ``/W`` array with the advances the layout code
measures (:meth:`.fontdata.FontFacts.glyph_width`, 1/1000 em) and a ``/ToUnicode`` CMap, so
the text stays searchable. Each distinct character gets its own CID, in order of first use.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from typing import Optional

__all__ = ["PdfDocument", "FontSubset", "pdf_string", "pdf_name", "num", "jpeg_info"]


_written: dict = {}


def num(v) -> str:
    """A PDF number written exactly as reportlab's ``fp_str`` writes it (so that files drawn
    by either writer put every point in the same place): six significant decimals, fewer as
    the integer part grows (``%.6f`` below 10, ``%.5f`` below 100, … none from 10⁶), trailing
    zeros and a leading ``0`` dropped (``.5``), anything within 1e-7 of zero as ``0``.
    Drawings repeat their coordinates, widths and colours: each value is formatted once
    (a bounded memo)."""
    s = _written.get(v)
    if s is None:
        s = _format(v)
        if len(_written) < 500_000:
            _written[v] = s
    return s


def _format(v) -> str:
    if v.__class__ is int:
        return str(v)
    a = v if v >= 0 else -v
    if a <= 1e-7:
        return "0"
    if a < 10:
        s = "%.6f" % v
    elif a < 100:
        s = "%.5f" % v
    elif a < 1000:
        s = "%.4f" % v
    elif a < 10000:
        s = "%.3f" % v
    elif a < 100000:
        s = "%.2f" % v
    elif a < 1000000:
        s = "%.1f" % v
    else:
        return "%.0f" % v
    s = s.rstrip("0")
    if s[-1] == ".":
        s = s[:-1]
    if s[0] == "0" and len(s) > 1:
        return s[1:]
    return s




def pdf_string(text: str) -> bytes:
    """A PDF text string: a literal for printable ASCII, else UTF-16BE with a BOM, in hex."""
    if all(32 <= ord(ch) < 127 for ch in text):
        return b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("ascii") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def pdf_name(name: str) -> bytes:
    """``/name`` with characters outside ``!``..``~`` and delimiters written as ``#xx``."""
    out = []
    for b in name.encode("utf-8"):
        if b < 0x21 or b > 0x7E or chr(b) in "#()<>[]{}/%":
            out.append("#%02X" % b)
        else:
            out.append(chr(b))
    return b"/" + "".join(out).encode("ascii")


class PdfDocument:
    """Indirect objects by number, then the file (header, objects, xref, trailer)."""

    def __init__(self) -> None:
        self._objects: dict[int, bytes] = {}
        self._next = 1

    def reserve(self) -> int:
        n = self._next
        self._next += 1
        return n

    def put(self, n: int, body: bytes) -> int:
        self._objects[n] = body
        return n

    def add(self, body: bytes) -> int:
        return self.put(self.reserve(), body)

    @staticmethod
    def stream(entries: bytes, data: bytes, compress: bool = True, level: int = 6) -> bytes:
        """A stream object's bytes (``entries``: the dictionary's inside, without Length)."""
        if compress:
            data = zlib.compress(data, level)
            entries += b" /Filter /FlateDecode"
        return b"<<" + entries + b" /Length %d>>\nstream\n" % len(data) + data + b"\nendstream"

    def write(self, root: int, info: Optional[int]) -> bytes:
        missing = [n for n in range(1, self._next) if n not in self._objects]
        if missing:
            raise ValueError(f"PDF objects reserved but never written: {missing[:10]}")
        out = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
        pos = len(out[0])
        offsets = []
        for n in range(1, self._next):
            chunk = b"%d 0 obj\n" % n + self._objects[n] + b"\nendobj\n"
            offsets.append(pos)
            out.append(chunk)
            pos += len(chunk)
        body = b"".join(out)
        ident = hashlib.md5(body).hexdigest().encode("ascii")
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % self._next]
        xref.extend(b"%010d 00000 n \n" % off for off in offsets)
        trailer = b"trailer\n<< /Size %d /Root %d 0 R" % (self._next, root)
        if info is not None:
            trailer += b" /Info %d 0 R" % info
        trailer += b" /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (ident, ident, pos)
        return body + b"".join(xref) + trailer


class FontSubset:
    """The characters one document draws in one bundled font, and their CIDs."""

    def __init__(self, family: str, resource: str):
        from . import fonts

        self.family = family
        self.resource = resource  #: resource name, e.g. ``F1``
        self.facts = fonts.facts(family)
        self._glyph_id = fonts.glyph_id  # (memoised per process)
        self.chars: list[str] = [""]  # CID 0: .notdef
        self._gids: list[int] = [0]  # glyph id of each CID
        self.hex: dict[str, str] = {}

    def encode(self, text: str) -> str:
        """``text`` as hex codes (CIDs) for ``Tj``, adding new characters to the subset."""
        hx = self.hex
        try:
            return "".join(map(hx.__getitem__, text))
        except KeyError:
            pass
        glyph_id, family = self._glyph_id, self.family
        for ch in text:
            if ch not in hx:
                gid = glyph_id(" " if ch == "\xa0" else ch, family)
                if gid is None:
                    from . import fonts

                    fonts.check_coverage(text, self.family, "PDF text")
                hx[ch] = "%04X" % len(self.chars)
                self.chars.append(ch)
                self._gids.append(gid)
        return "".join(map(hx.__getitem__, text))

    def gids(self) -> list[int]:
        return list(self._gids)

    def write(self, doc: PdfDocument, n_font: int) -> None:
        """The Type0 font (object ``n_font``) and everything it refers to."""
        from .sfnt import subset_font

        sc = self.facts.scalars
        gids = self.gids()
        tag_src = (self.family + "\0" + "".join(self.chars)).encode("utf-8")
        digest = hashlib.md5(tag_src).digest()
        tag = "".join(chr(65 + b % 26) for b in digest[:6])
        base = pdf_name(f"{tag}+{sc['name']}")
        font = subset_font(self.family, gids)
        # glyph data compresses to 50 % at level 1 and 44 % at level 6, four times slower
        n_file = doc.add(doc.stream(b" /Length1 %d" % len(font), font, level=1))
        bbox = " ".join(num(v) for v in sc["bbox"])
        n_desc = doc.add(
            b"<< /Type /FontDescriptor /FontName " + base
            + (" /Flags %d /FontBBox [%s] /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /StemV %s"
               % (sc["flags"], bbox, num(sc["italicAngle"]), num(sc["ascent"]), num(sc["descent"]),
                  num(sc["capHeight"]), num(sc["stemV"]))).encode("ascii")
            + b" /FontFile2 %d 0 R >>" % n_file)
        width = self.facts.glyph_width
        w = " ".join([num(width(g)) for g in gids])
        n_cid = doc.add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + base
            + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            + b" /FontDescriptor %d 0 R /DW 1000 /W [0 [%s]] /CIDToGIDMap /Identity >>" % (n_desc, w.encode("ascii")))
        n_uni = doc.add(doc.stream(b"", self._to_unicode()))
        doc.put(n_font, b"<< /Type /Font /Subtype /Type0 /BaseFont " + base
                + b" /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (n_cid, n_uni))

    def _to_unicode(self) -> bytes:
        lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
                 "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
                 "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
        pairs = [(k, ch) for k, ch in enumerate(self.chars) if k]
        for start in range(0, len(pairs), 100):
            block = pairs[start:start + 100]
            lines.append(f"{len(block)} beginbfchar")
            lines.extend(f"<{k:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for k, ch in block)
            lines.append("endbfchar")
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(lines).encode("ascii")


def jpeg_info(data: bytes) -> tuple[int, int, int]:
    """(width, height, components) from a JPEG's SOF marker; ValueError if it is not a JPEG."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG stream")
    pos = 2
    n = len(data)
    while pos + 4 <= n:
        if data[pos] != 0xFF:
            raise ValueError("not a JPEG stream (bad marker)")
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width, comps = struct.unpack(">HHB", data[pos + 5:pos + 10])
            return width, height, comps
        pos += 2 + length
    raise ValueError("not a JPEG stream (no frame header)")
