"""Chinese line breaking and fitting text into boxes.

Units
-----
Everything here is in **millimetres**: box widths and heights, font sizes (the em size,
i.e. the nominal height of a hanzi's em box: 10 mm ≈ 28.35 pt) and all results. Convert
with :func:`roomplanner.typeset.fonts.pt_to_mm` / ``mm_to_pt`` when a type scale is
given in points. (:func:`break_lines` is in fact unit-agnostic as long as ``size`` and
``max_width`` share a unit.)

Line breaking
-------------
The text is cut into *atoms*: each hanzi, kana or full-width character is an atom; a run
of Latin letters, digits and half-width punctuation (``PDF``, ``2024``, ``3.5%``,
``http://x.cn``) is one atom; a run of dashes (``——``) or ellipses (``……``) is one
atom; ASCII spaces are breakable glue that disappears at a line end. Atoms are then
joined into unbreakable *clusters* wherever the W3C clreq "basic" rules forbid a break:
before an atom starting with a mark that may not begin a line (:data:`NO_LINE_START`)
and after an atom ending with a mark that may not end a line (:data:`NO_LINE_END`).
A number and the unit that follows it after a space (``30.00 m²``, ``297 mm``, ``95 %``)
are one cluster too: the space between them does not break (:data:`UNITS`).
Lines are filled greedily with clusters. This is the **push-out** (推出) strategy: when a
closing mark does not fit at the end of a line, it moves to the next line together with
the character before it, so no line is ever wider than ``max_width`` (push-in /
hanging punctuation would make lines overhang the box). Explicit newlines start a new
paragraph. Only a cluster wider than a whole line is split (first between atoms, then
between characters); :func:`fit_text` avoids sizes that need such forced breaks
whenever a smaller size in the scale does without.

Not done (clreq "advanced" level): punctuation compression (标点挤压), justification,
hanging punctuation, vertical text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from roomplanner.errors import TextOverflowError
from roomplanner.typeset import fonts

# --------------------------------------------------------------------------- classes

#: Marks that never begin a line (clreq basic 行首禁则): 点号, closing brackets and
#: quotes, ellipsis, dashes (破折号/连接号), interpuncts (间隔号), the separator ／, plus the
#: half-width equivalents and a few postfix signs (％ ℃ …) that belong to their number.
NO_LINE_START = frozenset(
    "、，。．：；！？"  # full-width pause, comma, stops, colon, semicolon, ! ?
    "｡､‼⁇⁈⁉"
    "）］｝》〉」』】〕〗〙〛｠｣"  # closing brackets
    "”’"  # closing quotes
    "…‥⋯"  # ellipsis (省略号)
    "—―⸺⸻"  # dashes (破折号)
    "～〜‐‑–"  # connecting marks (连接号)
    "·‧・"  # interpuncts (间隔号)
    "／"  # separator (分隔号)
    ",.:;!?)]}"  # half-width
    "％‰℃℉°′″"  # postfix signs
)

#: Marks that never end a line (clreq basic 行尾禁则): opening brackets and quotes,
#: plus prefix currency signs.
NO_LINE_END = frozenset(
    "（［｛《〈「『【〔〖〘〚｟｢"  # opening brackets
    "“‘"  # opening quotes
    "([{"  # half-width
    "￥＄"  # prefix signs
)

#: Units that stay on the line of the number before them: a space between a number and one of
#: these is a no-break space (the unit may be followed by punctuation: ``m²，``, ``mm)``).
UNITS = re.compile(r"(?:mm|cm|dm|km|m|mm²|cm²|m²|m³|m2|m3|kg|lx|pt|dB|°C|%|‰)(?![A-Za-z0-9²³])")

#: Characters that form runs which must never be split (—— and ……).
_DASHES = frozenset("—―⸺⸻")
_ELLIPSES = frozenset("…‥⋯")

#: Characters set as single atoms although their East Asian width is only "ambiguous".
_STANDALONE = frozenset("“”‘’·‧※") | _DASHES | _ELLIPSES

#: Breakable spaces (glue); U+3000 (ideographic space) and no-break spaces are not glue.
_GLUE = frozenset(" \t\u2002\u2003\u2009")

_EPS = 1e-9


def _is_standalone(ch: str) -> bool:
    """True if ``ch`` is an atom of its own (hanzi, kana, full-width forms, CJK marks)."""
    return ch in _STANDALONE or unicodedata.east_asian_width(ch) in ("W", "F")


def _run_kind(ch: str) -> str:
    kind = _KINDS.get(ch)
    if kind is None:
        kind = _KINDS[ch] = _kind_of(ch)
    return kind


#: The run kind of every character met so far (a process sets a few hundred distinct ones).
_KINDS: dict[str, str] = {}


def _kind_of(ch: str) -> str:
    if ch in _GLUE:
        return "glue"
    if ch in _DASHES:
        return "dash"
    if ch in _ELLIPSES:
        return "ellipsis"
    if _is_standalone(ch):
        return "single"
    return "latin"


def atoms(paragraph: str) -> list[tuple[str, bool]]:
    """Split one paragraph (no newlines) into atoms: ``[(text, is_glue), ...]``."""
    out: list[tuple[str, bool]] = []
    run, run_kind = "", ""
    kinds = _KINDS
    for ch in paragraph.replace("\t", " "):
        kind = kinds.get(ch) or _run_kind(ch)
        if run and kind == run_kind and kind != "single":
            run += ch
            continue
        if run:
            out.append((run, run_kind == "glue"))
        run, run_kind = ch, kind
    if run:
        out.append((run, run_kind == "glue"))
    return out


# --------------------------------------------------------------------------- clusters

class _Cluster:
    """An unbreakable group of atoms, preceded by optional glue (spaces); complete (and read
    only) once :func:`_clusters_of` has made it."""

    __slots__ = ("glue", "glue_em", "parts", "text", "em")

    def __init__(self, glue: str, glue_em: float, parts: list[tuple[str, float]]):
        self.glue = glue
        self.glue_em = glue_em
        self.parts = parts  # (atom, em width)
        self.text = ""
        self.em = 0.0

    def _close(self) -> "_Cluster":
        self.text = "".join(p for p, _ in self.parts)
        self.em = sum(w for _, w in self.parts)
        return self


def _clusters(paragraph: str, family: str, where: str) -> tuple[_Cluster, ...]:
    """Atoms of ``paragraph`` joined into clusters by the kinsoku rules (em widths). They do
    not depend on the size, so fitting text tries every size of a scale on the same clusters
    (cached per process; read only)."""
    fonts.check_coverage(paragraph.replace("\t", " "), family, where)
    return _clusters_of(paragraph, fonts.resolve_family(family))


@lru_cache(maxsize=8192)
def _clusters_of(paragraph: str, family: str) -> tuple[_Cluster, ...]:
    where = "text"
    widths: dict[str, float] = {}
    advances = fonts._advances(family)

    def em(text: str) -> float:
        """``text_width(text, family, 1.0)``; a single character's is its advance itself."""
        w = advances.get(ord(text)) if len(text) == 1 else None
        if w is None:
            w = widths.get(text)
            if w is None:
                w = widths[text] = fonts.text_width(text, family, 1.0, where)
        return w

    clusters: list[_Cluster] = []
    pending_glue = ""
    for text, is_glue in atoms(paragraph):
        if is_glue:
            pending_glue += text
            continue
        prev = clusters[-1] if clusters else None
        joined = prev is not None and (text[0] in NO_LINE_START
                                       or prev.parts[-1][0][-1] in NO_LINE_END
                                       or (pending_glue != "" and prev.parts[-1][0][-1].isdigit()
                                           and UNITS.match(text) is not None))
        if joined:
            if pending_glue:  # a space inside a forbidden break point is not breakable
                prev.parts.append((pending_glue, em(pending_glue)))
            prev.parts.append((text, em(text)))
        else:
            clusters.append(_Cluster(pending_glue, em(pending_glue) if pending_glue else 0.0,
                                     [(text, em(text))]))
        pending_glue = ""
    return tuple(c._close() for c in clusters)


def _fill(clusters: Sequence[_Cluster], family: str, size: float,
          max_width: float) -> tuple[list[str], bool]:
    """Greedy line filling of one paragraph; returns the lines and whether a forced break
    (inside a cluster) was needed. (The line is kept as a list of its pieces; the arithmetic
    is exactly that of adding cluster after cluster to a line string.)"""
    lines: list[str] = []
    forced = False
    limit = max_width + _EPS
    parts: list[str] = []  # the current line's pieces (never empty strings)
    width = 0.0

    for cl in clusters:
        w = cl.em * size
        if parts:
            glue_w = cl.glue_em * size
            if width + glue_w + w <= limit:
                if cl.glue:
                    parts.append(cl.glue)
                parts.append(cl.text)
                width += glue_w + w
                continue
            lines.append("".join(parts))
            parts, width = [], 0.0
        if w <= limit:
            parts.append(cl.text)
            width = w
            continue
        # Forced break: the cluster alone is wider than a line.
        forced = True
        line = ""
        for part, part_em in cl.parts:
            pieces = [(part, part_em * size)]
            if part_em * size > limit:  # split the atom itself by characters
                pieces = [(ch, fonts.text_width(ch, family, size)) for ch in part]
            for piece, pw in pieces:
                if line and width + pw > limit:
                    lines.append(line)
                    line, width = "", 0.0
                if not line and piece.isspace():
                    continue
                line += piece
                width += pw
        parts = [line] if line else []
    if parts or not lines:
        lines.append("".join(parts))
    return [ln.rstrip(" ") for ln in lines], forced


def _paragraphs(text: str | Sequence[str]) -> list[str]:
    """Normalise input to a list of paragraphs (split at every newline)."""
    items = [text] if isinstance(text, str) else list(text)
    out: list[str] = []
    for item in items:
        out.extend(str(item).replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return out


def break_lines(text: str, font: str, size: float, max_width: float,
                *, where: str = "text") -> list[str]:
    """Break ``text`` into lines no wider than ``max_width``.

    ``font`` is a bundled family (``"serif"``/``"sans"`` or ``RPSerif``/``RPSans``),
    ``size`` the em size and ``max_width`` the line length, both in mm. Newlines are
    paragraph breaks (an empty paragraph gives an empty line); an empty text gives no
    lines. Breaks fall between any two CJK characters and at spaces, never inside a
    Latin word or number, never before :data:`NO_LINE_START` or after
    :data:`NO_LINE_END` marks, and never inside ``——`` / ``……`` (push-out, see the
    module docstring). Spaces at line ends are dropped.

    Raises :class:`~roomplanner.errors.FontCoverageError` (naming ``where``) if the font
    lacks a character, ``ValueError`` for a non-positive size or width."""
    if size <= 0 or max_width <= 0:
        raise ValueError(f"{where}: size and max_width must be positive "
                         f"(got {size}, {max_width})")
    family = fonts.resolve_family(font)
    if text == "":
        return []
    fonts.check_coverage(text.replace("\t", " "), family, where)
    lines: list[str] = []
    for para in _paragraphs(text):
        lines += _fill(_clusters(para, family, where), family, size, max_width)[0]
    return lines


# --------------------------------------------------------------------------- fitting

class FitResult(NamedTuple):
    """Text fitted into a box. All lengths in mm.

    ``baselines[i]`` is the distance from the top of the text block to the baseline of
    ``lines[i]`` (the first line's em box touches the top); ``height`` is the block
    height from the top of the first em box to the bottom of the last one."""

    family: str
    size: float  #: em size in mm
    line_pitch: float  #: baseline-to-baseline distance in mm
    lines: list[str]
    widths: list[float]
    baselines: list[float]
    height: float
    forced_breaks: bool  #: a word or a kinsoku cluster had to be split

    @property
    def size_pt(self) -> float:
        """The em size in points."""
        return fonts.mm_to_pt(self.size)

    @property
    def width(self) -> float:
        """Width of the widest line in mm."""
        return max(self.widths, default=0.0)


def _layout(clustered: list[list[_Cluster]], family: str, size: float, box_w: float,
            line_spacing: float, paragraph_gap: float) -> FitResult:
    """Break every paragraph at one size and compute the block geometry."""
    pitch = size * line_spacing
    em_top = fonts.metrics(family).em_top
    lines: list[str] = []
    baselines: list[float] = []
    forced = False
    top = 0.0  # top of the next line's em box
    for index, clusters in enumerate(clustered):
        if index:
            top += paragraph_gap * size
        para_lines, para_forced = _fill(clusters, family, size, box_w)
        forced |= para_forced
        for line in para_lines:
            lines.append(line)
            baselines.append(top + em_top * size)
            top += pitch
    height = (top - pitch + size) if lines else 0.0
    widths = [fonts.text_width(ln, family, size) for ln in lines]
    return FitResult(fonts.resolve_family(family), size, pitch, lines, widths, baselines,
                     height, forced)


def _fits(result: FitResult, box_w: float, box_h: float) -> bool:
    return result.height <= box_h + _EPS and result.width <= box_w + _EPS


def fit_text(paragraphs: str | Sequence[str], font: str, box_w: float, box_h: float,
             sizes: Sequence[float], line_spacing: float = 1.5, *,
             paragraph_gap: float = 0.0, where: str = "text") -> FitResult:
    """Set text at the largest size of a type scale that fits a box.

    ``paragraphs`` is a string (newlines separate paragraphs) or a list of paragraphs;
    ``font`` a bundled family; ``box_w`` / ``box_h`` the box in mm; ``sizes`` the type
    scale as em sizes in mm (any order, tried largest first); ``line_spacing`` the
    baseline-to-baseline distance as a multiple of the size (1.0 = solid, 1.5 = half an
    em of 行距); ``paragraph_gap`` extra space between paragraphs, also in multiples of
    the size. The block height is ``n·size + (n−1)·(line_spacing−1)·size`` plus the
    paragraph gaps (Chinese 版心 convention: the first and last em boxes touch the box).

    Sizes that need a forced break inside a word or a kinsoku cluster are used only if
    no size fits without one. Raises :class:`~roomplanner.errors.TextOverflowError`
    (message and attributes ``overflow_mm``, ``overflow_lines``, ``size``) if even the
    smallest size does not fit, :class:`~roomplanner.errors.FontCoverageError` for a
    character the font lacks, ``ValueError`` for bad arguments."""
    if not sizes or any(s <= 0 for s in sizes):
        raise ValueError(f"{where}: sizes must be a non-empty list of positive mm values")
    if box_w <= 0 or box_h <= 0:
        raise ValueError(f"{where}: box must have a positive size (got {box_w} × {box_h} mm)")
    if line_spacing < 1.0 or paragraph_gap < 0:
        raise ValueError(f"{where}: line_spacing must be ≥ 1 and paragraph_gap ≥ 0")
    family = fonts.resolve_family(font)
    paras = _paragraphs(paragraphs)
    fonts.check_coverage("\n".join(paras).replace("\t", " "), family, where)
    clustered = [_clusters(p, family, where) for p in paras]
    scale = sorted(set(sizes), reverse=True)

    results = [_layout(clustered, family, s, box_w, line_spacing, paragraph_gap)
               for s in scale]
    for allow_forced in (False, True):
        for result in results:
            if _fits(result, box_w, box_h) and (allow_forced or not result.forced_breaks):
                return result
    raise _overflow(results[-1], box_w, box_h, line_spacing, paragraph_gap, where)


def _overflow(result: FitResult, box_w: float, box_h: float, line_spacing: float,
              paragraph_gap: float, where: str) -> TextOverflowError:
    """The error for text that does not fit even at the smallest size."""
    size = result.size
    head = (f"{where}: text does not fit the {box_w:.1f} × {box_h:.1f} mm box even at the "
            f"smallest size {size:.2f} mm ({result.size_pt:.1f} pt)")
    over_w = result.width - box_w
    if over_w > _EPS:
        msg = f"{head}: a character is {over_w:.1f} mm wider than the box"
        over_mm, over_lines = over_w, 0
    else:
        over_mm = result.height - box_h
        # Lines that fit: the first takes `size`, each further one `pitch` (gaps ignored).
        fitting = 0 if box_h < size else 1 + math.floor((box_h - size) / result.line_pitch
                                                          + _EPS)
        over_lines = max(1, len(result.lines) - fitting)
        msg = (f"{head}: {len(result.lines)} lines need {result.height:.1f} mm, "
               f"{over_mm:.1f} mm ({over_lines} line{'s' if over_lines != 1 else ''}) "
               f"too much; shorten the text or enlarge the box")
    err = TextOverflowError(msg)
    err.where = where  # type: ignore[attr-defined]
    err.size = size  # type: ignore[attr-defined]
    err.overflow_mm = over_mm  # type: ignore[attr-defined]
    err.overflow_lines = over_lines  # type: ignore[attr-defined]
    return err
