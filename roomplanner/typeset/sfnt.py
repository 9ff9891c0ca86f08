"""A small TrueType font holding some glyphs of a bundled font, assembled byte by byte.

The subset is built from what the typesetting base already keeps: the font facts
(:mod:`.fontdata`: advances, header values) and each glyph's compiled ``glyf`` data
(:func:`.outline.glyph_truetype` in the font's own coordinates: composites decomposed,
bounding box set, cached across processes). No table of the 30 000-glyph font is decoded, and nothing is subset by a
general-purpose subsetter.

The result is a plain TrueType (``sfnt`` version 1.0) with the tables a PDF viewer needs
for an embedded CIDFontType2 font — ``head``, ``hhea``, ``maxp``, ``hmtx``, ``loca``,
``glyf`` — plus ``post`` (format 3, no glyph names), ``name`` and, when asked, a ``cmap``
(a web font needs one, a PDF font does not). Glyph ``k`` of the subset is the ``k``-th glyph
id given (glyph 0 should be the ``.notdef``, id 0). Deterministic: no timestamps.
"""

from __future__ import annotations

import array
import struct
import sys
import zlib
from typing import Mapping, Optional, Sequence

__all__ = ["subset_font", "web_font", "woff"]

#: head.created / head.modified: a fixed date (2000-01-01, seconds since 1904), not the time of writing.
_EPOCH = 3029529600


def _checksum(data: bytes) -> int:
    """The sfnt table checksum: the sum of big-endian uint32 words, modulo 2³²."""
    if len(data) % 4:
        data += b"\0" * (4 - len(data) % 4)
    words = array.array("I", data)
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _assemble(tables: dict[bytes, bytes], checksums: Optional[dict[bytes, int]] = None) -> bytes:
    """The sfnt file of ``tables`` (tags sorted, 4-byte aligned, checksums and
    ``head.checkSumAdjustment`` set); ``checksums`` gives the checksums of some tables
    already known (the glyph table's is the sum of its 4-byte-aligned glyphs' checksums)."""
    checksums = dict(checksums or {})
    tags = sorted(tables)
    n = len(tags)
    power = 1
    while power * 2 <= n:
        power *= 2
    search_range = power * 16
    entry_selector = power.bit_length() - 1
    header = struct.pack(">IHHHH", 0x00010000, n, search_range, entry_selector, n * 16 - search_range)
    offset = 12 + 16 * n
    directory, body = [], []
    for tag in tags:
        data = tables[tag]
        if tag not in checksums:
            checksums[tag] = _checksum(data)
        directory.append(struct.pack(">4sIII", tag, checksums[tag], offset, len(data)))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    head = header + b"".join(directory)
    font = bytearray(head + b"".join(body))
    if b"head" in tables:
        pos = 12 + 16 * n + sum(len(b) for b, t in zip(body, tags) if t < b"head")
        # the whole file's checksum is that of the directory plus the tables' (all aligned)
        whole = (_checksum(head) + sum(checksums.values())) & 0xFFFFFFFF
        adjustment = (0xB1B0AFBA - whole) & 0xFFFFFFFF
        struct.pack_into(">I", font, pos + 8, adjustment)
    return bytes(font)


def _name_table(strings: Mapping[int, str]) -> bytes:
    """A ``name`` table (format 0) with Windows Unicode BMP records only."""
    records, blob = [], b""
    for name_id in sorted(strings):
        data = strings[name_id].encode("utf-16-be")
        records.append(struct.pack(">HHHHHH", 3, 1, 0x409, name_id, len(data), len(blob)))
        blob += data
    return struct.pack(">HHH", 0, len(records), 6 + 12 * len(records)) + b"".join(records) + blob


def _cmap_table(cmap: Mapping[int, int]) -> bytes:
    """A ``cmap`` with one format-12 subtable (Windows, full Unicode) mapping code points
    to subset glyph ids, plus a format-4 subtable for the BMP (what older readers want)."""
    pairs = sorted(cmap.items())
    groups: list[list[int]] = []
    for cp, gid in pairs:
        if groups and cp == groups[-1][1] + 1 and gid == groups[-1][2] + (cp - groups[-1][0]):
            groups[-1][1] = cp
        else:
            groups.append([cp, cp, gid])
    f12 = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups)) + b"".join(
        struct.pack(">III", *g) for g in groups)
    # format 4: one segment per BMP group (idDelta), then the closing 0xFFFF segment
    segs = [(s, e, (g - s) & 0xFFFF) for s, e, g in groups if e < 0xFFFF] + [(0xFFFF, 0xFFFF, 1)]
    seg_x2 = 2 * len(segs)
    power = 1
    while power * 2 <= len(segs):
        power *= 2
    body = (b"".join(struct.pack(">H", e) for _s, e, _d in segs) + b"\0\0"
            + b"".join(struct.pack(">H", s) for s, _e, _d in segs)
            + b"".join(struct.pack(">H", d) for _s, _e, d in segs)
            + b"\0\0" * len(segs))
    f4 = struct.pack(">HHHHHHH", 4, 14 + len(body), 0, seg_x2, 2 * power, power.bit_length() - 1,
                     seg_x2 - 2 * power) + body
    head = struct.pack(">HH", 0, 2)
    off4 = 4 + 8 * 2
    off12 = off4 + len(f4)
    return head + struct.pack(">HHI", 3, 1, off4) + struct.pack(">HHI", 3, 10, off12) + f4 + f12


def subset_font(family: str, gids: Sequence[int], *, cmap: Optional[Mapping[int, int]] = None,
                names: Optional[Mapping[int, str]] = None, font_coordinates: bool = True,
                os2: bool = False) -> bytes:
    """A TrueType font whose glyph ``k`` is glyph ``gids[k]`` of the bundled ``family``.

    ``cmap`` maps code points to *subset* glyph ids (adds a ``cmap`` table); ``names`` are
    ``name`` table strings by name id (default: the font's PostScript name); ``os2`` adds an
    ``OS/2`` table (web fonts need one). ``font_coordinates``: glyphs as the font has them
    (for PDF viewers), or as fontTools draws them (see :func:`.outline.glyph_truetype`)."""
    from .fonts import facts as font_facts, resolve_family

    family = resolve_family(family)
    f = font_facts(family)
    sc = f.scalars
    upm = sc["unitsPerEm"]
    records = _glyph_records.get((family, font_coordinates))
    if records is None:
        records = _glyph_records.setdefault((family, font_coordinates), {})
    glyphs = []
    for gid in gids:
        rec = records.get(gid)
        if rec is None:
            rec = records[gid] = _glyph_record(family, f, gid, font_coordinates)
        glyphs.append(rec)
    inked = [g for g in glyphs if g[0]]
    max_contours = max([g[1] for g in glyphs], default=0)
    max_points = max([g[2] for g in glyphs], default=0)
    min_lsb = min([g[3] for g in inked], default=0x7FFF)
    max_extent = max([g[4] for g in inked], default=-0x8000)
    min_rsb = min([g[5] for g in inked], default=0x7FFF)
    adv_max = max([g[6] for g in glyphs], default=0)
    glyf_sum = sum([g[7] for g in inked])
    loca = [0]
    pos = 0
    for g in glyphs:
        pos += len(g[0])
        loca.append(pos)
    hmtx = [g[8] for g in glyphs]
    glyf_parts = [g[0] for g in glyphs]
    if min_lsb == 0x7FFF:
        min_lsb = min_rsb = max_extent = 0
    n = len(gids)
    x0, y0, x1, y1 = sc["head_bbox"]
    rev = sc.get("fontRevision") or [1, 0]
    revision = (int(rev[0]) << 16) | (int(rev[1]) & 0xFFFF) if len(rev) == 2 else 0x00010000
    tables = {
        b"head": struct.pack(">IIIIHHqqhhhhHHhhh", 0x00010000, revision, 0, 0x5F0F3CF5, 0x000B, upm, _EPOCH, _EPOCH,
                             x0, y0, x1, y1, 0, 8, 2, 1, 0),
        b"hhea": struct.pack(">IhhhHhhhhhhhhhhhH", 0x00010000, sc["hhea_ascent"], sc["hhea_descent"], 0, adv_max,
                             min_lsb, min_rsb, max_extent, 1, 0, 0, 0, 0, 0, 0, 0, n),
        b"maxp": struct.pack(">IHHHHHHHHHHHHHH", 0x00010000, n, max_points, max_contours, 0, 0, 2, 0, 0, 0, 0, 0,
                             0, 0, 0),
        b"hmtx": b"".join(hmtx),
        b"loca": struct.pack(f">{len(loca)}I", *loca),
        b"glyf": b"".join(glyf_parts),
        b"post": struct.pack(">IIhhIIIII", 0x00030000, 0, 0, 0, 0, 0, 0, 0, 0),
        b"name": _name_table(names if names is not None else {6: sc["name"]}),
    }
    if cmap is not None:
        tables[b"cmap"] = _cmap_table(cmap)
    if os2:
        advances = [struct.unpack(">H", m[:2])[0] for m in hmtx]
        inked = [a for a in advances if a] or [0]
        tables[b"OS/2"] = _os2_table(sc, upm, round(sum(inked) / len(inked)), cmap or {})
    return _assemble(tables, {b"glyf": glyf_sum & 0xFFFFFFFF})


#: Per process: (family, font coordinates?) -> glyph id -> :func:`_glyph_record`.
_glyph_records: dict[tuple[str, bool], dict[int, tuple]] = {}


def _glyph_record(family: str, f, gid: int, font_coordinates: bool) -> tuple:
    """What a subset needs of one glyph, the same in every subset: ``(glyf data padded to 4
    bytes, or b"" without ink; contours, points (both 0 unless the glyph has contours); lsb;
    extent; rsb; advance; checksum of the padded data; hmtx entry)``. The bearing is the
    font's own ``hmtx`` one: rasterisers (FreeType) place a glyph by it, not by its xMin, and
    the bundled serif font's differ by a few units for most glyphs."""
    from .outline import glyph_truetype

    data = glyph_truetype(family, gid, font_coordinates=font_coordinates)
    advance = f.advance_of(gid)
    if not data:
        return (b"", 0, 0, 0, 0, 0, advance, 0, struct.pack(">Hh", advance, 0))
    contours, x_min, _y0, x_max, _y1 = struct.unpack(">hhhhh", data[:10])
    points = 0
    if contours > 0:
        points = struct.unpack(">H", data[8 + 2 * contours:10 + 2 * contours])[0] + 1
    else:
        contours = 0
    lsb = f.lsb[gid]
    extent = lsb + x_max - x_min
    data += b"\0" * (-len(data) % 4)
    return (data, contours, points, lsb, extent, advance - extent, advance, _checksum(data),
            struct.pack(">Hh", advance, lsb))


def _os2_table(sc: Mapping, upm: int, avg_width: int, cmap: Mapping[int, int]) -> bytes:
    """An ``OS/2`` table, version 4: regular weight and width, installable (fsType 0), the
    font's typographic and hhea metrics, the usual sub/superscript proportions."""
    cps = sorted(cmap) or [0x20]
    asc, desc = sc["hhea_ascent"], sc["hhea_descent"]
    return struct.pack(
        ">HhHHH" "hhhhhhhh" "hh" "h" "10s" "IIII" "4s" "HHH" "hhh" "HH" "II" "hh" "HHH",
        4, avg_width, 400, 5, 0,
        round(upm * 0.65), round(upm * 0.6), 0, round(upm * 0.075),
        round(upm * 0.65), round(upm * 0.6), 0, round(upm * 0.35),
        round(upm * 0.05), round(upm * 0.25), 0,
        b"\0" * 10, 0, 0, 0, 0, b"NONE", 0x40, min(cps[0], 0xFFFF), min(cps[-1], 0xFFFF),
        sc["typo_ascender"], sc["typo_descender"], 0, max(asc, 0), abs(min(desc, 0)), 0, 0,
        round(upm * 0.5), round(upm * 0.7), 0, 0x20, 0)


def woff(sfnt: bytes) -> bytes:
    """The WOFF 1.0 file of an sfnt font: each table zlib-compressed where that is smaller."""
    n = struct.unpack(">H", sfnt[4:6])[0]
    entries, blobs = [], []
    offset = 44 + 20 * n
    for k in range(n):
        tag, checksum, start, length = struct.unpack(">4sIII", sfnt[12 + 16 * k:28 + 16 * k])
        data = sfnt[start:start + length]
        packed = zlib.compress(data, 6)
        if len(packed) >= len(data):
            packed = data
        entries.append(struct.pack(">4sIIII", tag, offset, len(packed), length, checksum))
        padded = packed + b"\0" * (-len(packed) % 4)
        blobs.append(padded)
        offset += len(padded)
    header = struct.pack(">4sIIHHIHHIIIII", b"wOFF", 0x00010000, offset, n, 0, len(sfnt), 1, 0, 0, 0, 0, 0, 0)
    return header + b"".join(entries) + b"".join(blobs)


def web_font(chars: str, family: str = "sans", name: str = "RPSans") -> bytes:
    """A WOFF with the glyphs of ``chars`` (those the font has) from the bundled ``family``,
    mapped by a ``cmap``, named ``name`` / ``Regular``; what a page's ``@font-face`` needs."""
    from .fonts import facts as font_facts

    f = font_facts(family)
    gids, cmap, index = [0], {}, {0: 0}
    for ch in chars:
        gid = f.glyph_of(ord(ch))
        if gid is None:
            continue
        if gid not in index:
            index[gid] = len(gids)
            gids.append(gid)
        cmap[ord(ch)] = index[gid]
    names = {1: name, 2: "Regular", 3: f"{name}-Regular", 4: f"{name} Regular", 6: f"{name}-Regular"}
    return woff(subset_font(family, gids, cmap=cmap, names=names, font_coordinates=False, os2=True))
