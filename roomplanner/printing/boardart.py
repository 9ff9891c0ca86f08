"""Board art (图板排版): the drawing operations of a composed board and the typesetting that fills it.

Stages
------
1. :func:`~roomplanner.content.boards.resolve_content` decides *what* a board says, from data
   only (the content stage, shared with the checker).
2. :func:`~roomplanner.printing.boards.compose_board` lays the board out (``designs.py``, one
   function per template ``layout``) into a :class:`BoardArt`: a list of drawing operations in
   millimetres with the origin at the top-left corner of the **trim**, y pointing down;
   backgrounds extend into the bleed (negative coordinates and beyond the trim size). Photos
   are loaded here (:class:`ComposeContext`).
   The operations are the primitives of the one drawing model (:mod:`roomplanner.draw.primitives`:
   Rect, Line, Polygon, Arc circles, Text runs with tracking, Image, Emblem; CMYK colours).
3. :meth:`BoardArt.page` makes it a press page, which the common backends write:
   :mod:`roomplanner.draw.pdf` (CMYK, live or outlined text) and :mod:`roomplanner.draw.svg`
   (outlined text, embedded images); :mod:`.pdf` and :mod:`.svg` set up the files.

Typesetting: text blocks are set at the largest size of the type scale
(``boards/templates/_style.yaml``) that fits their box — :func:`set_flow` for headed sections
and paragraphs, :func:`fit_size` for any measure function. Too much text for the board even at
the smallest legible size raises :class:`~roomplanner.errors.TextOverflowError` naming the
board and the overflow in millimetres; a character the fonts lack raises
:class:`~roomplanner.errors.FontCoverageError` naming the board and the content entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal, Mapping, NamedTuple, Optional, Sequence

from ..content.boards import Note, Para, Section, Status
from ..draw.primitives import (ART, CMYK, CropMarks, Emblem, Image, Line, Page, Polygon, PressSheet, Rect, Text,
                               circle, paint)
from ..errors import TextOverflowError
from ..model.plan import Plan, WallItem
from ..typeset import fonts
from ..typeset.text import break_lines
from .templates import Palette, legibility, style

_IDEO_SPACE = "\u3000"


# --------------------------------------------------------------------------- drawing

#: The board ops of old are the drawing model's primitives (the same classes, not copies).
TextRun, Poly, Picture, EmblemMark = Text, Polygon, Image, Emblem


def photo_image(x: float, y: float, w: float, h: float, photo) -> Image:
    """A prepared photo (:class:`.images.PreparedPhoto`) in the box: CMYK for the PDF, RGB for the SVG."""
    return Image(x, y, w, h, photo.cmyk_jpeg, photo.rgb_jpeg, photo.pixels)


class OfficialArtwork(NamedTuple):
    """The user's official emblem artwork (:class:`.emblem.EmblemArtwork`) as the drawing model's
    :class:`~roomplanner.draw.primitives.Artwork`: the backends place it unchanged."""

    source: Any

    def draw_pdf(self, canvas, x: float, y: float, w: float, h: float) -> None:
        from .emblem import draw_emblem_pdf

        draw_emblem_pdf(canvas, self.source, x, y, w, h)

    def svg_image(self) -> tuple[str, str]:
        from .emblem import emblem_svg_image

        return emblem_svg_image(self.source)


@dataclass
class BoardArt:
    """A composed board: trim size, bleed and drawing operations (see the module docstring)."""

    item: WallItem
    title: str
    width: float  #: trim width (mm)
    height: float  #: trim height (mm)
    bleed: float
    ops: list = field(default_factory=list)
    status: Status = "ok"
    notes: list[Note] = field(default_factory=list)
    emblem_slot: str = ""  #: where the design puts the emblem ("header", "door_sign"), if anywhere

    @property
    def id(self) -> str:
        return self.item.id

    def texts(self) -> list[Text]:
        return [op for op in self.ops if isinstance(op, Text)]

    def page(self, slug: float = 0.0, marks: Optional[CropMarks] = None, caption: Optional[Text] = None,
             desc: str = "") -> Page:
        """The board as a press page of the drawing model (trim + bleed + ``slug`` around)."""
        sheet = PressSheet((self.width, self.height), self.bleed, slug, marks, caption,
                           title=f"{self.id} {self.title}", desc=desc)
        return Page.press_page(sheet, self.ops, self.id)


# --------------------------------------------------------------------------- typesetting

@dataclass
class ComposeContext:
    """Everything the layouts need besides the board itself."""

    plan: Plan
    palette: Palette
    spec_dir: Optional[Path] = None
    bleed: float = 3.0
    style: dict = field(default_factory=style)
    photos: dict = field(default_factory=dict)  #: prepared photos by (path, frame w, frame h)
    photo_files: Optional[Mapping[str, bytes]] = None  #: photos in memory by path (else read from spec_dir)
    _emblem: Any = None

    @property
    def emblem(self):
        """The official emblem artwork of ``emblem:`` (checked, read once), or None."""
        p = self.plan.spec.emblem
        if p is None:
            return None
        if self._emblem is None:
            from .emblem import load_emblem

            self._emblem = load_emblem(self.spec_dir, p, self.photo_files, self.plan.spec.options.lang)
        return self._emblem

    def photo(self, path: str, where: str, w: float, h: float):
        """A photo prepared for a w × h mm frame (cached: a photo used twice is read once)."""
        from .images import prepare_photo

        key = (path, round(w, 3), round(h, 3))
        if key not in self.photos:
            ph = self.style["photo"]
            self.photos[key] = prepare_photo(self.spec_dir, path, where, w, h, float(ph.get("dpi", 150)),
                                             int(ph.get("jpeg_quality", 90)), files=self.photo_files)
        return self.photos[key]

    @property
    def safe(self) -> float:
        return float(self.style["safe_margin_mm"])

    def scale(self, lo: float = 0.0, hi: float = float("inf")) -> list[float]:
        return type_scale(lo, hi, self.style)

    @property
    def body_min(self) -> float:
        return float(legibility().get("body_char_mm", 9))

    @property
    def small_min(self) -> float:
        return float(self.style.get("small_min_mm", 6))


def type_scale(lo: float = 0.0, hi: float = float("inf"), st: Optional[dict] = None) -> list[float]:
    """The type scale (mm) between ``lo`` and ``hi``, ascending."""
    st = st or style()
    sizes = sorted(float(s) for s in st["type_scale_mm"] if lo - 1e-9 <= float(s) <= hi + 1e-9)
    if not sizes:
        sizes = [lo] if lo > 0 else [float(min(st["type_scale_mm"]))]
    return sizes


def fit_size(sizes: Sequence[float], fits: Callable[[float], bool]) -> Optional[float]:
    """The largest size of ``sizes`` for which ``fits(size)`` holds (binary search: fitting
    is monotonic in the size), or ``None``. The result is always verified."""
    scale = sorted(sizes)
    lo, hi, best = 0, len(scale) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(scale[mid]):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    if best is None:
        return None
    # greedy line filling is not strictly monotonic: take a larger size if one happens to fit
    for k in range(len(scale) - 1, best, -1):
        if fits(scale[k]):
            return scale[k]
    return scale[best]


def overflow_error(where: str, what: str, need: float, have: float, size: float,
                   hint: str = "") -> TextOverflowError:
    over = need - have
    err = TextOverflowError(
        f"{where}: {what} does not fit even at the smallest size {size:g} mm "
        f"({fonts.mm_to_pt(size):.0f} pt): needs {need:.0f} mm, has {have:.0f} mm — "
        f"{over:.0f} mm too much; {hint or 'shorten the text or choose a larger board'}")
    err.where = where  # type: ignore[attr-defined]
    err.size = size  # type: ignore[attr-defined]
    err.overflow_mm = over  # type: ignore[attr-defined]
    return err


#: The widest space justification puts between two characters, in em. A line that would need
#: more (a short line, or one a long push-out — 推出 — left far from the end, as 研发部经理（示例人 /
#: 物）。 in a narrow card) reads as letter-spaced, not justified: it keeps its natural spacing
#: and is aligned like a paragraph's last line.
JUSTIFY_MAX_TRACKING_EM = 0.2


def justified_runs(line: str, family: str, size: float, x: float, y: float, width: float,
                   color: CMYK, justify: bool, min_fill: float, where: str,
                   align: str = "left") -> Text:
    """One line as a Text run: justified to ``width`` (inter-character tracking) when asked, the
    line fills at least ``min_fill`` of it and no gap grows beyond
    :data:`JUSTIFY_MAX_TRACKING_EM`; otherwise aligned left, centre or right."""
    natural = fonts.text_width(line, family, size, where)
    tracking = 0.0
    if justify and len(line) > 1 and natural < width and natural >= min_fill * width:
        tracking = (width - natural) / (len(line) - 1)
        if tracking <= JUSTIFY_MAX_TRACKING_EM * size + 1e-9:
            natural = width
        else:
            tracking = 0.0
    if align == "center":
        x += (width - natural) / 2
    elif align == "right":
        x += width - natural
    return Text((x, y), line, size, font=family, color=color, tracking=tracking, where=where, layer=ART)


@dataclass
class FlowBlock:
    """A block of a text flow: a heading, a paragraph, a placeholder or a custom block."""

    kind: Literal["heading", "para", "placeholder", "custom", "gap"]
    para: Optional[Para] = None
    text: str = ""
    scale: float = 1.0  # para: size relative to the flow's size
    measure: Optional[Callable[[float, float], float]] = None  # custom: (size, width) -> height
    draw: Optional[Callable[[float, float, float, float], list]] = None  # (size, x, y, width) -> ops
    first_in_section: bool = False


@dataclass
class FlowStyle:
    body_font: str = "serif"
    heading_font: str = "sans"
    line_spacing: float = 1.6
    paragraph_gap: float = 0.35
    section_gap: float = 0.9
    heading_ratio: float = 1.15
    indent_em: float = 2.0
    justify_min_fill: float = 0.8
    text: Optional[CMYK] = None
    heading: Optional[CMYK] = None
    accent: Optional[CMYK] = None
    rule: Optional[CMYK] = None
    placeholder: Optional[CMYK] = None
    placeholder_ground: Optional[CMYK] = None
    align: str = "justify"
    placeholder_max: float = 18.0  #: placeholders never grow beyond this size (mm)


def flow_style(ctx: ComposeContext, overrides: Optional[dict] = None) -> FlowStyle:
    b = dict(ctx.style["body"])
    b.update(overrides or {})
    p = ctx.palette
    return FlowStyle(body_font=b.get("font", "serif"), heading_font=b.get("heading_font", "sans"),
                     line_spacing=float(b.get("line_spacing", legibility().get("line_spacing", 1.6))),
                     paragraph_gap=float(b.get("paragraph_gap", 0.35)),
                     section_gap=float(b.get("section_gap", 0.9)),
                     heading_ratio=float(b.get("heading_ratio", 1.15)),
                     indent_em=float(b.get("indent_em", 2)),
                     justify_min_fill=float(b.get("justify_min_fill", 0.8)),
                     text=p["text"], heading=p["red"], accent=p["gold"], rule=p["gold"],
                     placeholder=p["grey"], placeholder_ground=p["white"],
                     placeholder_max=3 * float(legibility().get("body_char_mm", 9)))


def section_blocks(sections: Sequence[Section]) -> list[FlowBlock]:
    blocks: list[FlowBlock] = []
    for s in sections:
        first = True
        if s.heading:
            blocks.append(FlowBlock("heading", text=s.heading, first_in_section=True))
            first = False
        for p in s.paras:
            blocks.append(FlowBlock("placeholder" if p.style == "placeholder" else "para", para=p,
                                    first_in_section=first))
            first = False
    return blocks


class Flow:
    """Sets :class:`FlowBlock` s in a column at one size (measure, then draw)."""

    def __init__(self, blocks: list[FlowBlock], st: FlowStyle, where: str):
        self.blocks = blocks
        self.st = st
        self.where = where
        self._cache: dict[tuple[float, float, float], tuple[float, list]] = {}

    def _para_lines(self, p: Para, size: float, width: float) -> tuple[list[str], float]:
        st = self.st
        if p.style == "bullet":
            indent = size * 1.2
            return break_lines(p.text, st.body_font, size, width - indent, where=p.where), indent
        text = p.text
        if p.style in ("prose", "lead") and st.indent_em > 0:
            text = _IDEO_SPACE * int(round(st.indent_em)) + text
        return break_lines(text, st.body_font, size, width, where=p.where), 0.0

    def section_starts(self) -> int:
        """How many blocks after the first start a section (where extra space may go)."""
        return sum(1 for i, b in enumerate(self.blocks) if i and (b.kind == "heading" or b.first_in_section))

    def _placeholder_height(self, lines: list[str], ps: float, pad: float) -> float:
        """A placeholder is a marked area, at least a few lines tall, to show where text goes."""
        text_h = len(lines) * ps * self.st.line_spacing - (self.st.line_spacing - 1) * ps
        return max(text_h + 2 * pad, 4.0 * ps)

    def layout(self, size: float, width: float, extra_gap: float = 0.0) -> tuple[float, list]:
        """(height, placed) where placed is a list of (block, lines, indent, top, size);
        ``extra_gap`` (mm) is added before every section but the first."""
        key = (size, width, extra_gap)
        if key in self._cache:
            return self._cache[key]
        st = self.st
        y = 0.0
        placed = []
        for i, b in enumerate(self.blocks):
            if i:
                if b.kind == "heading" or b.first_in_section:
                    y += st.section_gap * size + extra_gap
                else:
                    y += st.paragraph_gap * size
            if b.kind == "heading":
                hs = size * st.heading_ratio
                lines = break_lines(b.text, st.heading_font, hs, width - hs * 1.1, where=self.where)
                h = len(lines) * hs + (len(lines) - 1) * 0.25 * hs
                placed.append((b, lines, hs * 1.1, y, hs))
                y += h + 0.55 * size  # room for the rule under the heading
            elif b.kind == "para":
                ps = size * b.scale
                lines, indent = self._para_lines(b.para, ps, width)
                placed.append((b, lines, indent, y, ps))
                y += len(lines) * ps + (len(lines) - 1) * ps * (st.line_spacing - 1)
            elif b.kind == "placeholder":
                ps = min(size, st.placeholder_max)
                pad = ps * 0.8
                lines = break_lines(b.para.text, "sans", ps, width - 2 * pad, where=b.para.where)
                placed.append((b, lines, pad, y, ps))
                y += self._placeholder_height(lines, ps, pad)
            elif b.kind == "custom":
                h = b.measure(size, width)
                placed.append((b, [], 0.0, y, size))
                y += h
            elif b.kind == "gap":
                y += size
        result = (y, placed)
        self._cache[key] = result
        return result

    def fit(self, sizes: Sequence[float], width: float, height: float) -> Optional[float]:
        return fit_size(sizes, lambda s: self.layout(s, width)[0] <= height + 1e-6)

    def draw(self, size: float, x: float, y0: float, width: float, extra_gap: float = 0.0) -> list:
        st = self.st
        ops: list = []
        _h, placed = self.layout(size, width, extra_gap)
        for b, lines, indent, top, s in placed:
            y = y0 + top
            if b.kind == "heading":
                em_top = fonts.metrics(st.heading_font).em_top
                # a red square marker, the heading, a gold rule under it
                m = s * 0.42
                ops.append(Rect(x, y + (s - m) / 2, m, m, paint(fill=st.heading)))
                for k, ln in enumerate(lines):
                    ops.append(Text((x + indent, y + k * 1.25 * s + em_top * s), ln, s, font=st.heading_font,
                                    color=st.heading, where=self.where, layer=ART))
                yb = y + len(lines) * s + (len(lines) - 1) * 0.25 * s + 0.22 * size
                ops.append(Line((x, yb), (x + width, yb), paint(stroke=st.rule, width=max(0.5, size * 0.05))))
            elif b.kind == "placeholder":
                pad, ps = indent, s
                ppitch = ps * st.line_spacing
                h = self._placeholder_height(lines, ps, pad)
                text_h = len(lines) * ppitch - (st.line_spacing - 1) * ps
                ops.append(Rect(x, y, width, h,
                                paint(fill=st.placeholder_ground, stroke=st.placeholder, width=max(0.5, ps * 0.06),
                                      dash=(ps * 0.5, ps * 0.3))))
                em_top = fonts.metrics("sans").em_top
                ty = y + (h - text_h) / 2
                for k, ln in enumerate(lines):
                    ops.append(justified_runs(ln, "sans", ps, x + pad, ty + k * ppitch + em_top * ps,
                                              width - 2 * pad, st.placeholder, False, 1.0, b.para.where,
                                              "center"))
            elif b.kind == "para":
                em_top = fonts.metrics(st.body_font).em_top
                if b.para.style == "bullet":
                    r = s * 0.17
                    ops.append(circle((x + s * 0.45, y + s * 0.5), r, paint(fill=st.heading)))
                for k, ln in enumerate(lines):
                    last = k == len(lines) - 1
                    ops.append(justified_runs(ln, st.body_font, s, x + indent, y + k * s * st.line_spacing + em_top * s,
                                              width - indent, st.text, st.align == "justify" and not last,
                                              st.justify_min_fill, b.para.where,
                                              "center" if st.align == "center" else "left"))
            elif b.kind == "custom":
                ops.extend(b.draw(size, x, y, width))
        return ops


def set_flow(blocks: list[FlowBlock], st: FlowStyle, box: tuple[float, float, float, float],
             sizes: Sequence[float], where: str, valign: float = 0.4,
             what: str = "the text") -> tuple[list, float, float]:
    """Set ``blocks`` in ``box`` (x, y, w, h) at the largest size of ``sizes`` that fits;
    returns (ops, size, used height). ``valign`` places the block in the spare height
    (0 top, 0.5 centre). TextOverflowError when even the smallest size is too big."""
    x, y, w, h = box
    flow = Flow(blocks, st, where)
    size = flow.fit(sizes, w, h)
    if size is None:
        smallest = min(sizes)
        need = flow.layout(smallest, w)[0]
        raise overflow_error(where, what, need, h, smallest)
    used = flow.layout(size, w)[0]
    # spread part of the spare height over the gaps between sections (at most 1.5 em each)
    n = flow.section_starts()
    extra = min(0.6 * max(0.0, h - used) / n, 1.5 * size) if n else 0.0
    used = flow.layout(size, w, extra)[0]
    top = y + max(0.0, h - used) * valign
    return flow.draw(size, x, top, w, extra), size, used
