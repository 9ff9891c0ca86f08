"""Font facts: everything roomplanner needs from a bundled font, prepared once.

Decoding a CJK font's tables is slow in Python (the cmap alone maps 24–35 thousand
characters; reportlab and fontTools would each decode it again in every process). The
facts a run needs — the character map, the advance widths, the glyph locations, the
vertical metrics and the few header values reportlab writes into an embedded font — are
therefore prepared once, when the fonts are built (``scripts/build_font_facts.py``), and
shipped beside each font as ``<font>.facts``. A process reads that small file instead of
decoding the font; glyph outlines are read one glyph at a time, straight from the ``glyf``
table, when a glyph is first drawn.

A ``.facts`` file is valid only for the font it was made from (its size and SHA-256 are in
the header; the size is checked on every load, the hash by the tests). A missing or stale
file is not fatal: the facts are then computed from the font in this process (slower, same
result).

File format (version 1)::

    RPFACTS1\\n
    <one line of JSON: font file name, bytes, sha256, scalar facts, array directory>\\n
    <zlib-compressed concatenation of the arrays, little-endian>

Arrays: ``cmap_cp`` (uint32) and ``cmap_gid`` (uint16) — fontTools' best Unicode cmap, in
code point order; ``advance`` (uint16, the ``hmtx`` advances of the first
``numberOfHMetrics`` glyphs); ``lsb`` (int16, every glyph's left side bearing);
``loca`` (uint32, glyph offsets inside ``glyf``, one more than there are glyphs).
"""

from __future__ import annotations

import array
import hashlib
import json
import sys
import threading
import zlib
from bisect import bisect_left
from functools import cached_property
from pathlib import Path

MAGIC = b"RPFACTS1\n"
FORMAT = 1

#: The character whose ink centres the ideographic em box (see ``FontMetrics``).
EM_REFERENCE = "国"

_ARRAY_TYPES = {"cmap_cp": "I", "cmap_gid": "H", "advance": "H", "lsb": "h", "loca": "I"}


class FontFacts:
    """The prepared facts of one font file (see the module docstring); read only.

    The character map is kept as the two sorted arrays of the file: a process looks up only
    the few hundred characters it sets (:meth:`glyph_of`, :meth:`char_advance`, binary
    search) instead of building dictionaries of 24–35 thousand entries first. The whole
    :attr:`cmap` and :attr:`char_advances` are still there, built when first read. (A plain
    class: a frozen dataclass costs every process about 2 ms to create.)"""

    def __init__(self, path: Path, sha256: str, scalars: dict, cmap_cp: array.array, cmap_gid: array.array,
                 advance: array.array, lsb: array.array, loca: array.array):
        self.path = path
        self.sha256 = sha256  #: of the font file
        self.scalars = scalars  #: header values (names, head/hhea/OS-2/post fields, em box)
        self.cmap_cp = cmap_cp  #: mapped code points, ascending (fontTools' best Unicode cmap)
        self.cmap_gid = cmap_gid  #: their glyph ids
        self.advance = advance  #: hmtx advances of glyphs 0 .. numberOfHMetrics-1 (font units)
        self.lsb = lsb  #: left side bearing of every glyph (font units, signed)
        self.loca = loca  #: glyph offsets in the glyf table (numGlyphs + 1 entries)

    @property
    def units_per_em(self) -> int:
        return self.scalars["unitsPerEm"]

    @property
    def num_glyphs(self) -> int:
        return self.scalars["numGlyphs"]

    @cached_property
    def cmap(self) -> dict[int, int]:
        """code point -> glyph id, the whole map (read only)."""
        return dict(zip(self.cmap_cp, self.cmap_gid))

    def glyph_of(self, cp: int) -> int | None:
        """Glyph id of code point ``cp``, or ``None`` if the font does not map it."""
        cps = self.cmap_cp
        k = bisect_left(cps, cp)
        return self.cmap_gid[k] if k < len(cps) and cps[k] == cp else None

    def advance_of(self, gid: int) -> int:
        """Advance width of glyph ``gid`` in font units (the last hmtx advance repeats)."""
        adv = self.advance
        return adv[gid] if gid < len(adv) else adv[-1]

    def glyph_width(self, gid: int) -> float:
        """``glyph_widths[gid]`` without building the list."""
        upm = self.units_per_em
        w = self.advance_of(gid)
        return w if upm == 1000 else w * (1000 / upm)

    def char_advance(self, cp: int) -> float | None:
        """``char_advances.get(cp)`` without building the dictionary."""
        if cp == 0xA0:
            space = self.glyph_of(0x20)
            if space is not None:
                return self.glyph_width(space) / 1000.0
        gid = self.glyph_of(cp)
        return None if gid is None else self.glyph_width(gid) / 1000.0

    @cached_property
    def char_advances(self) -> dict[int, float]:
        """Per-code-point advance in ems, computed exactly as reportlab's ``charWidths``
        (``advance × (1000 / unitsPerEm)``, then ÷ 1000) so that widths measured here equal
        ``pdfmetrics.stringWidth``. The no-break space measures like the space (reportlab
        maps it so)."""
        per_glyph = [w / 1000.0 for w in self.glyph_widths]
        adv = dict(zip(self.cmap_cp, map(per_glyph.__getitem__, self.cmap_gid)))
        if 0x20 in adv:
            adv[0xA0] = adv[0x20]
        return adv

    @cached_property
    def glyph_widths(self) -> list[float]:
        """Every glyph's advance in 1/1000 em, as reportlab scales it (``x × (1000 / upm)``);
        read only."""
        upm = self.units_per_em
        widths = list(self.advance) if upm == 1000 else [w * (1000 / upm) for w in self.advance]
        return widths + [widths[-1]] * (self.num_glyphs - len(widths))


def _rl_scale(upm: int):
    """reportlab's font-unit -> 1/1000 em scaling (TTFontFile.extractInfo)."""
    if upm == 1000:
        return lambda x: x
    mult = 1000 / upm
    return lambda x: x * mult


# --------------------------------------------------------------------------- file

def facts_path(font_path: Path) -> Path:
    return font_path.with_suffix(".facts")


def _le(arr: array.array) -> array.array:
    if sys.byteorder != "little":
        arr = array.array(arr.typecode, arr)
        arr.byteswap()
    return arr


def dumps(facts: FontFacts, font_bytes: int, sha256: str) -> bytes:
    """Serialise ``facts`` (deterministic bytes)."""
    arrays = {
        "cmap_cp": facts.cmap_cp, "cmap_gid": facts.cmap_gid,
        "advance": facts.advance, "lsb": facts.lsb, "loca": facts.loca,
    }
    header = {"format": FORMAT, "font": facts.path.name, "bytes": font_bytes, "sha256": sha256,
              "scalars": facts.scalars,
              "arrays": [[name, arrays[name].typecode, len(arrays[name])] for name in _ARRAY_TYPES]}
    body = b"".join(_le(arrays[name]).tobytes() for name in _ARRAY_TYPES)
    return (MAGIC + json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
            + zlib.compress(body, 9))


def loads(data: bytes, font_path: Path) -> tuple[FontFacts, dict]:
    """Parse a ``.facts`` file; returns the facts and the header (ValueError if malformed)."""
    if not data.startswith(MAGIC):
        raise ValueError("not a roomplanner font facts file")
    end = data.index(b"\n", len(MAGIC))
    header = json.loads(data[len(MAGIC):end])
    if header.get("format") != FORMAT:
        raise ValueError(f"font facts format {header.get('format')!r}, expected {FORMAT}")
    body = _arrays_body(data, end + 1, sum(array.array(code).itemsize * count for _n, code, count in header["arrays"]))
    arrays: dict[str, array.array] = {}
    pos = 0
    for name, code, count in header["arrays"]:
        arr = array.array(code)
        size = arr.itemsize * count
        arr.frombytes(body[pos:pos + size])
        pos += size
        if sys.byteorder != "little":
            arr.byteswap()
        arrays[name] = arr
    return FontFacts(font_path, header["sha256"], header["scalars"], arrays["cmap_cp"], arrays["cmap_gid"],
                     arrays["advance"], arrays["lsb"], arrays["loca"]), header


def _arrays_body(data: bytes, start: int, size: int) -> bytes:
    """The arrays of a facts file (``data[start:]``, compressed), uncompressed: read from the
    user cache, where they are kept after the first decompression (a few milliseconds per
    font and process otherwise). The cache is only a cache: a missing, short, damaged or
    unwritable file changes nothing but speed (the copy starts with the CRC-32 of the arrays,
    checked on every read: well under a millisecond); its name is a digest of the facts file's
    header and compressed arrays, so a changed facts file never meets a stale copy."""
    from ..data import cache_dir

    folder = cache_dir()
    path = None
    if folder is not None:
        packed = memoryview(data)[start:]
        key = hashlib.sha256(data[:start] + b"%d:%d" % (len(packed), zlib.crc32(packed))).hexdigest()[:24]
        path = folder / f"fontfacts-{key}-v{FORMAT}.raw"
        try:
            kept = path.read_bytes()
            if len(kept) == 4 + size and kept[:4] == zlib.crc32(kept[4:]).to_bytes(4, "little"):
                return kept[4:]
        except OSError:
            pass
    body = zlib.decompress(data[start:])
    if path is not None and len(body) == size:
        from ..data import write_cache_file

        write_cache_file(path, zlib.crc32(body).to_bytes(4, "little") + body, prefix=".fontfacts-")
    return body


# --------------------------------------------------------------------------- computing

def compute(font_path: Path) -> FontFacts:
    """Compute the facts of a font file from its tables (slow: fontTools decodes them).

    reportlab's own parser reads the header values it later writes into embedded fonts, so
    those are exactly what reportlab would use."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase.ttfonts import TTFontFile

    font = TTFont(str(font_path))
    cmap_names = font.getBestCmap()
    cmap = {cp: font.getGlyphID(name) for cp, name in sorted(cmap_names.items())}
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    order = font.getGlyphOrder()
    nhm = font["hhea"].numberOfHMetrics
    advance = array.array("H", (hmtx[order[g]][0] for g in range(nhm)))
    lsb = array.array("h", (hmtx[order[g]][1] for g in range(len(order))))
    loca = array.array("I", font["loca"].locations)

    glyph_set = font.getGlyphSet()
    pen = BoundsPen(glyph_set)
    glyph_set[cmap_names[ord(EM_REFERENCE)]].draw(pen)
    _x0, y0, _x1, y1 = pen.bounds
    centre = (y0 + y1) / 2 / upm

    rl = TTFontFile(str(font_path))
    head, os2, hhea = font["head"], font["OS/2"], font["hhea"]
    scalars = {
        # reportlab's view (written into embedded fonts)
        "name": rl.name.ustr if hasattr(rl.name, "ustr") else rl.name.decode("latin-1"),
        "familyName": rl.familyName.ustr, "styleName": rl.styleName.ustr, "fullName": rl.fullName.ustr,
        "uniqueFontID": rl.uniqueFontID.ustr, "fontRevision": list(rl.fontRevision),
        "bbox": rl.bbox, "ascent": rl.ascent, "descent": rl.descent, "capHeight": rl.capHeight,
        "italicAngle": rl.italicAngle, "underlinePosition": rl.underlinePosition,
        "underlineThickness": rl.underlineThickness, "flags": rl.flags, "stemV": rl.stemV,
        "full_font": rl._full_font,
        # font units
        "unitsPerEm": upm, "numGlyphs": len(order), "numberOfHMetrics": nhm,
        "head_bbox": [head.xMin, head.yMin, head.xMax, head.yMax],
        "typo_ascender": os2.sTypoAscender, "typo_descender": os2.sTypoDescender,
        "hhea_ascent": hhea.ascent, "hhea_descent": hhea.descent,
        # the ideographic em box (ems above the baseline), centred on the ink of 国
        "em_top": centre + 0.5, "em_bottom": centre - 0.5,
    }
    sha = hashlib.sha256(Path(font_path).read_bytes()).hexdigest()
    return FontFacts(Path(font_path), sha, scalars, array.array("I", cmap.keys()), array.array("H", cmap.values()),
                     advance, lsb, loca)


def build(font_path: Path) -> bytes:
    """The ``.facts`` file contents for ``font_path`` (used by scripts/build_font_facts.py)."""
    font_path = Path(font_path)
    facts = compute(font_path)
    return dumps(facts, font_path.stat().st_size, facts.sha256)


# --------------------------------------------------------------------------- loading

_lock = threading.Lock()
_loaded: dict[Path, FontFacts] = {}


def load(font_path: Path) -> FontFacts:
    """The facts of ``font_path``: from its ``.facts`` file when that matches the font
    (same size), else computed from the font. Loaded once per process (thread-safe)."""
    font_path = Path(font_path)
    facts = _loaded.get(font_path)
    if facts is not None:
        return facts
    with _lock:
        facts = _loaded.get(font_path)
        if facts is None:
            facts = _read_or_compute(font_path)
            _loaded[font_path] = facts
    return facts


def _read_or_compute(font_path: Path) -> FontFacts:
    try:
        data = facts_path(font_path).read_bytes()
        facts, header = loads(data, font_path)
        if header["bytes"] == font_path.stat().st_size and header["font"] == font_path.name:
            return facts
    except (OSError, ValueError, KeyError, zlib.error):
        pass
    return compute(font_path)


# --------------------------------------------------------------------------- glyphs

class GlyphReader:
    """Glyph outlines read one at a time from the ``glyf`` table, located by the prepared
    ``loca`` offsets (no table is decoded as a whole). Glyphs are named ``g<id>``; the
    object answers what fontTools' glyph classes and ``DecomposingRecordingPen`` ask of a
    glyf table and a glyph set."""

    extended = False  # as fontTools' table__g_l_y_f: no cubic-flag extension

    def __init__(self, facts: FontFacts):
        import mmap

        self.facts = facts
        with open(facts.path, "rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        self._glyf = self._table_offset(b"glyf")
        self._glyphs: dict[int, object] = {}
        self._lock = threading.Lock()

    def _table_offset(self, tag: bytes) -> int:
        import struct

        m = self._map
        num_tables = struct.unpack_from(">H", m, 4)[0]
        for k in range(num_tables):
            entry = 12 + 16 * k
            if m[entry:entry + 4] == tag:
                return struct.unpack_from(">I", m, entry + 8)[0]
        raise ValueError(f"{self.facts.path.name}: no {tag.decode()} table")

    # what fontTools' Glyph asks of the glyf table
    def getGlyphName(self, gid: int) -> str:
        return f"g{gid}"

    def glyph(self, gid: int):
        """The expanded fontTools ``Glyph`` of glyph ``gid`` (cached)."""
        g = self._glyphs.get(gid)
        if g is None:
            from fontTools.ttLib.tables._g_l_y_f import Glyph

            loca = self.facts.loca
            start, end = loca[gid], loca[gid + 1]
            with self._lock:
                g = Glyph(bytes(self._map[self._glyf + start:self._glyf + end]))
                g.expand(self)
            self._glyphs[gid] = g
        return g

    def __getitem__(self, name: str):
        return self.glyph(int(name[1:]))

    def draw(self, gid: int, pen) -> None:
        """Draw glyph ``gid`` onto a fontTools pen exactly as fontTools' glyph set does
        (shifted by ``lsb - xMin`` at the top level; components through ``pen``)."""
        glyph = self.glyph(gid)
        offset = self.facts.lsb[gid] - glyph.xMin if hasattr(glyph, "xMin") else 0
        glyph.draw(pen, self, offset)

    def glyph_set(self) -> "_GlyphSet":
        return _GlyphSet(self)


class _GlyphSet:
    """Mapping ``g<id>`` -> drawable, for ``DecomposingRecordingPen`` (components are
    drawn without the top-level offset, as in fontTools)."""

    def __init__(self, reader: GlyphReader):
        self.reader = reader

    def __getitem__(self, name: str):
        return _Component(self.reader, int(name[1:]))

    def __contains__(self, name: str) -> bool:
        return name.startswith("g") and name[1:].isdigit() and int(name[1:]) < self.reader.facts.num_glyphs


class _Component:
    def __init__(self, reader: GlyphReader, gid: int):
        self.reader, self.gid = reader, gid

    def draw(self, pen) -> None:
        self.reader.glyph(self.gid).draw(pen, self.reader, 0)
