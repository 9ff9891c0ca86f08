"""The bundled CJK fonts: paths, glyph coverage and widths (reportlab registration, for the
reference canvas only, is in :mod:`.reportlab_setup`).

Two TrueType fonts ship in ``fonts/`` (package ``roomplanner.fonts``); see
``fonts/README.md`` for their origin and licences:

==========  ==================  =====================  =========================
name        alias               file                   face
==========  ==================  =====================  =========================
``RPSerif`` ``serif`` (宋/明体)  ``uming-cn.ttf``        AR PL UMing CN
``RPSans``  ``sans``  (黑体)     ``wqy-microhei.ttf``    WenQuanYi Micro Hei
==========  ==================  =====================  =========================

Every function taking a ``family`` accepts the name or the alias (case-insensitive).
Only these files are ever used: nothing here looks at system fonts, and a character the
chosen font lacks raises :class:`~roomplanner.errors.FontCoverageError` instead of
printing a tofu box.

Widths come from the fonts' ``hmtx`` advances (no kerning, no shaping: Chinese text needs
neither, and reportlab's ``drawString`` places glyphs the same way). Width functions are
unit-agnostic: the result is in the unit of ``size`` (mm in, mm out; pt in, pt out).
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from roomplanner.data import data_dir
from roomplanner.errors import FontCoverageError, RenderError

from . import fontdata

SERIF = "RPSerif"
SANS = "RPSans"

#: Points per millimetre (1 pt = 1/72 in = 25.4/72 mm).
PT_PER_MM = 72.0 / 25.4

#: Characters that never need a glyph: line breaks are layout, not text.
LAYOUT_CHARS = frozenset("\n\r")


class BundledFont(NamedTuple):
    """One bundled font file (immutable records here are NamedTuples: cheaper to create at
    import than frozen dataclasses)."""

    name: str  #: reportlab font name (``RPSerif`` / ``RPSans``)
    alias: str  #: short alias (``serif`` / ``sans``)
    filename: str  #: file name inside ``fonts/``
    face_name: str  #: the font's own full name
    licence: str  #: licence of the font file

    @property
    def path(self) -> Path:
        """Absolute path of the font file (in the package or the source checkout)."""
        return data_dir("fonts") / self.filename


BUNDLED: dict[str, BundledFont] = {
    SERIF: BundledFont(SERIF, "serif", "uming-cn.ttf", "AR PL UMing CN",
                       "Arphic Public License"),
    SANS: BundledFont(SANS, "sans", "wqy-microhei.ttf", "WenQuanYi Micro Hei",
                      "Apache-2.0 (or GPL-3+ with font embedding exception)"),
}

_ALIASES = {key.lower(): key for key in BUNDLED} | {f.alias: f.name for f in BUNDLED.values()}


class FontMetrics(NamedTuple):
    """Vertical metrics of a font, in ems (multiply by the font size).

    ``em_top`` / ``em_bottom`` are the ideographic em box relative to the baseline
    (``em_top - em_bottom == 1``), centred on the ink of 国; use it to place CJK lines:
    the baseline lies ``em_top × size`` below the top of a line's em box."""

    units_per_em: int
    ascent: float  #: OS/2 typographic ascender (positive, up)
    descent: float  #: OS/2 typographic descender (negative, down)
    em_top: float
    em_bottom: float


def resolve_family(family: str) -> str:
    """The reportlab name (``RPSerif`` / ``RPSans``) for a name or alias.

    Raises :class:`RenderError` for anything else (no system-font fallback)."""
    if family in BUNDLED:
        return family
    key = _ALIASES.get(str(family).strip().lower())
    if key is None:
        raise RenderError(f"unknown font family {family!r}; bundled fonts are "
                          + ", ".join(f"{f.name} ({f.alias})" for f in BUNDLED.values()))
    return key


def font_path(family: str) -> Path:
    """Path of the bundled font file for ``family``; RenderError if it is missing."""
    font = BUNDLED[resolve_family(family)]
    path = font.path
    if not path.is_file():
        raise RenderError(f"bundled font {font.filename} ({font.face_name}) is missing "
                          f"from {path.parent}; rebuild it with scripts/build_fonts.py")
    return path


def font_paths() -> dict[str, Path]:
    """``{reportlab name: path}`` of all bundled fonts."""
    return {name: font_path(name) for name in BUNDLED}


# --------------------------------------------------------------------------- facts

_facts: dict[str, fontdata.FontFacts] = {}


def facts(family: str) -> fontdata.FontFacts:
    """The prepared facts (cmap, advances, metrics, glyph locations) of a bundled font,
    loaded once per process (see :mod:`roomplanner.typeset.fontdata`)."""
    found = _facts.get(family)
    if found is None:
        name = resolve_family(family)
        found = _facts[family] = _facts[name] = fontdata.load(font_path(name))
    return found


_readers_lock = threading.Lock()
_readers: dict[str, fontdata.GlyphReader] = {}


def glyph_reader(family: str) -> fontdata.GlyphReader:
    """Glyph outlines of a bundled font, read glyph by glyph (shared: do not modify)."""
    name = resolve_family(family)
    reader = _readers.get(name)
    if reader is None:
        with _readers_lock:
            reader = _readers.get(name)
            if reader is None:
                reader = _readers[name] = fontdata.GlyphReader(facts(name))
    return reader


def glyph_id(char: str, family: str) -> int | None:
    """Glyph id for one character, or ``None`` if the font does not map it."""
    name = resolve_family(family)
    cp = ord(char)
    gids = _glyph_ids.get(name)
    if gids is None:
        gids = _glyph_ids[name] = {}
    gid = gids.get(cp, -1)
    if gid == -1:
        gid = gids[cp] = facts(name).glyph_of(cp)
    return gid


_glyph_ids: dict[str, dict[int, int | None]] = {}


@lru_cache(maxsize=None)
def metrics(family: str) -> FontMetrics:
    """Vertical metrics of a bundled font (see :class:`FontMetrics`)."""
    s = facts(resolve_family(family)).scalars
    upm = s["unitsPerEm"]
    return FontMetrics(upm, s["typo_ascender"] / upm, s["typo_descender"] / upm, s["em_top"], s["em_bottom"])


def has_glyph(char: str, family: str) -> bool:
    """True if the bundled ``family`` has a glyph for the single character ``char``."""
    if len(char) != 1:
        raise ValueError(f"has_glyph expects one character, got {char!r}")
    return _advance(resolve_family(family), ord(char)) is not None


def missing_chars(text: str, family: str) -> list[str]:
    """Distinct characters of ``text`` (in order of appearance) the font cannot draw.

    Line breaks are layout and never count as missing."""
    return list(_missing(text, resolve_family(family)))


@lru_cache(maxsize=65536)
def _missing(text: str, name: str) -> tuple[str, ...]:
    known = _advances(name)
    seen: dict[str, None] = {}
    for ch in text:
        cp = ord(ch)
        if cp not in known and ch not in LAYOUT_CHARS and _advance(name, cp) is None:
            seen.setdefault(ch)
    return tuple(seen)


def describe_char(char: str) -> str:
    """``'𠀀' U+20000`` (the character, if printable, and its code point)."""
    code = f"U+{ord(char):04X}"
    printable = char.isprintable() and not unicodedata.category(char).startswith("Z")
    return f"'{char}' {code}" if printable else code


def check_coverage(text: str, family: str, where: str) -> None:
    """Raise :class:`FontCoverageError` if ``family`` cannot draw every character of
    ``text``.

    ``where`` says where the text comes from (a board id, an entry such as
    ``boards.honours.entries[3].name``) and leads the message. The error carries
    ``where``, ``family``, ``char`` (the first missing character), ``codepoint``
    (``U+XXXX``) and ``missing`` (all distinct missing characters)."""
    name = resolve_family(family)
    if not _missing(text, name):
        return
    missing = missing_chars(text, name)
    first = missing[0]
    listed = ", ".join(describe_char(c) for c in missing[:10])
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    noun = "character" if len(missing) == 1 else f"{len(missing)} characters"
    err = FontCoverageError(
        f"{where}: {noun} not in the bundled font {name} ({BUNDLED[name].face_name}): "
        f"{listed}{more}; replace or remove {'it' if len(missing) == 1 else 'them'} "
        f"(no system-font fallback is used)")
    err.where = where  # type: ignore[attr-defined]
    err.family = name  # type: ignore[attr-defined]
    err.char = first  # type: ignore[attr-defined]
    err.codepoint = f"U+{ord(first):04X}"  # type: ignore[attr-defined]
    err.missing = missing  # type: ignore[attr-defined]
    raise err


# --------------------------------------------------------------------------- widths

_advance_tables: dict[str, dict[int, float]] = {}


def _advances(name: str) -> dict[int, float]:
    """Per-character advance widths in ems (hmtx), exactly the widths reportlab's
    ``pdfmetrics.stringWidth`` uses, of the characters met so far in this process (a CJK
    font maps tens of thousands; a run sets a few hundred): look a character up here, and
    through :func:`_advance` where it is not (yet) in the table."""
    table = _advance_tables.get(name)
    if table is None:
        table = _advance_tables[name] = {}
    return table


def _advance(name: str, cp: int) -> float | None:
    """The advance of code point ``cp`` in ems (added to :func:`_advances`), or ``None`` if
    the font lacks it."""
    adv = facts(name).char_advance(cp)
    if adv is not None:
        _advances(name)[cp] = adv
    return adv


def char_advance(char: str, family: str) -> float:
    """Advance width of one character in ems; FontCoverageError if it is missing."""
    name = resolve_family(family)
    cp = ord(char)
    adv = _advances(name).get(cp)
    if adv is None:
        adv = _advance(name, cp)
        if adv is None:
            check_coverage(char, name, "text width")
    return adv


def text_width(text: str, family: str, size: float, where: str = "text") -> float:
    """Width of ``text`` set in ``family`` at ``size``, in the unit of ``size``.

    Equals reportlab's ``pdfmetrics.stringWidth`` (hmtx advances, no kerning). Raises
    :class:`FontCoverageError` (with ``where``) if a character is missing; line breaks
    are not allowed here (measure lines, not paragraphs)."""
    name = resolve_family(family)
    advances = _advances(name)
    total = 0.0
    for ch in text:
        adv = advances.get(ord(ch))
        if adv is None:
            adv = _advance(name, ord(ch))
            if adv is None:
                if ch in LAYOUT_CHARS:
                    raise ValueError(f"{where}: text_width measures one line; got a line break")
                check_coverage(text, name, where)
        total += adv
    return total * size


def text_width_mm(text: str, family: str, size_pt: float, where: str = "text") -> float:
    """Width in millimetres of ``text`` at a font size given in points."""
    return text_width(text, family, size_pt, where) / PT_PER_MM


def pt_to_mm(value_pt: float) -> float:
    """Convert points to millimetres."""
    return value_pt / PT_PER_MM


def mm_to_pt(value_mm: float) -> float:
    """Convert millimetres to points."""
    return value_mm * PT_PER_MM
