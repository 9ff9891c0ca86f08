"""Flowing a document onto pages of primitives (版面): paragraphs, blocks and tables set top to
bottom on A4 pages of :mod:`roomplanner.render.primitives`, starting a new page where the
next line, block or table row does not fit.

Units are millimetres on paper (y down), as in the primitives; text styles are given in points
(the report's type scale) and converted. Lines are broken with the typesetting base
(:func:`roomplanner.typeset.text.break_lines`: CJK between any two characters, Latin text at
spaces only, the kinsoku rules), widths measured with :func:`~roomplanner.typeset.fonts.text_width`.

Paint order on a page follows the layers of the primitives: cell fills on ``background``,
text on ``label`` (in reading order: a PDF's text is extracted in the order it is written),
table rules on ``table``.

Tables repeat their header row on every page they run onto; a row that does not fit the rest
of a page moves to the next one, and a row taller than a whole page is split between lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Optional, Sequence

from ..draw.primitives import Line, Page, Polygon, Primitive, Style, Text
from ..typeset import fonts
from ..typeset.text import break_lines

MM_PER_PT = 25.4 / 72.0
EPS = 1e-6

A4_WIDTH, A4_HEIGHT = 210.0, 297.0


def pt(value: float) -> float:
    """Points to millimetres."""
    return value * MM_PER_PT


@dataclass(frozen=True)
class TextStyle:
    """A paragraph style: size and leading in points, spacing before and after in points."""
    size: float
    leading: float
    color: str = "#000000"
    space_before: float = 0.0
    space_after: float = 0.0
    font: str = "sans"

    # read for every line of a report: worked out once per style
    @cached_property
    def size_mm(self) -> float:
        return pt(self.size)

    @cached_property
    def leading_mm(self) -> float:
        return pt(self.leading)


def printable(text: str, font: str = "sans") -> str:
    """``text`` as one paragraph the bundled font can draw: line breaks and tabs become
    spaces, and a character the font lacks becomes U+FFFD (a report quoting a file must not
    fail on the file's characters)."""
    text = str(text).replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    missing = fonts.missing_chars(text, font)
    for ch in missing:
        text = text.replace(ch, "\ufffd")
    return text


def baseline(top: float, size: float, leading: float, font: str = "sans") -> float:
    """The baseline of a line whose line box (``leading`` high) starts at ``top``: the em box
    centred in the line box."""
    return top + (leading - size) / 2 + fonts.metrics(font).em_top * size


def rect(x0: float, y0: float, x1: float, y1: float) -> tuple[tuple[float, float], ...]:
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


# ---------------------------------------------------------------- tables

@dataclass
class Cell:
    """One table cell: paragraphs ``(text, colour)`` set in the table's cell style, and an
    optional background fill."""
    paragraphs: list[tuple[str, str]]
    fill: Optional[str] = None


@dataclass
class Table:
    """A table: column widths (mm), a header row, body rows, and its look."""
    widths: Sequence[float]
    head: list[Cell]
    rows: list[list[Cell]]
    style: TextStyle
    head_style: TextStyle
    head_fill: str
    grid: str
    grid_width: float = pt(0.25)
    pad_x: float = pt(2.5)
    pad_y: float = pt(1.5)
    refs: list[str] = field(default_factory=list)   # one per body row (the rule id), for tests


def _cell_lines(cell: Cell, width: float, st: TextStyle) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for text, color in cell.paragraphs:
        text = printable(text, st.font)
        out.extend((ln, color) for ln in _lines(text, st.font, st.size_mm, width, "report table"))
    return out


def _lines(text: str, font: str, size: float, width: float, where: str) -> list[str]:
    """``text`` (one paragraph, :func:`printable`) broken into lines of ``width`` (mm); no
    text gives one empty line. Most cells are a few words: a text that clearly fits on one
    line and has no spaces at its ends is that line, as :func:`break_lines` would give it
    (which is then not asked)."""
    if not text.strip():
        return [""]
    if text == text.strip() and fonts.text_width(text, font, size, where) <= width - 1e-6:
        return [text]
    return break_lines(text, font, size, width, where=where)


# ---------------------------------------------------------------- the flow

class Flow:
    """Pages filled top to bottom inside the margins."""

    def __init__(self, width: float = A4_WIDTH, height: float = A4_HEIGHT, margin: float = 12.0,
                 name: str = "report"):
        self.width_mm, self.height_mm, self.margin, self.name = width, height, margin, name
        self.pages: list[Page] = []
        self.page: Page
        self.y = 0.0
        self.new_page()

    # -- geometry
    @property
    def x0(self) -> float:
        return self.margin

    @property
    def x1(self) -> float:
        return self.width_mm - self.margin

    @property
    def top(self) -> float:
        return self.margin

    @property
    def bottom(self) -> float:
        return self.height_mm - self.margin

    @property
    def frame_width(self) -> float:
        return self.x1 - self.x0

    def at_top(self) -> bool:
        return self.y <= self.top + EPS

    def new_page(self) -> None:
        self.page = Page(self.width_mm, self.height_mm, name=f"{self.name}-{len(self.pages) + 1}",
                         meta={"kind": "report"})
        self.pages.append(self.page)
        self.y = self.top

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit below the current position."""
        if self.y + height > self.bottom + EPS and not self.at_top():
            self.new_page()

    def add(self, prims: Iterable[Primitive]) -> None:
        self.page.extend(prims)

    # -- text
    def text_line(self, text: str, st: TextStyle, x: Optional[float] = None, anchor: str = "start",
                  ref: str = "") -> None:
        """One line at the current position (the caller has made room)."""
        b = baseline(self.y, st.size_mm, st.leading_mm, st.font)
        self.page.add(Text((self.x0 if x is None else x, b), text, st.size_mm, anchor, 0.0, st.font, st.color,
                           "label", ref))
        self.y += st.leading_mm

    def paragraph(self, text: str, st: TextStyle, keep_with_next: float = 0.0, ref: str = "") -> None:
        """A paragraph broken into lines over the frame's width; ``keep_with_next``: mm that must
        fit below the first line as well (a heading is not left alone at a page's foot)."""
        text = printable(text, st.font)
        lines = _lines(text, st.font, st.size_mm, self.frame_width, "report")
        if not self.at_top():
            self.y += pt(st.space_before)
        self.need(st.leading_mm + keep_with_next)
        for ln in lines:
            self.need(st.leading_mm)
            self.text_line(ln, st, ref=ref)
        self.y += pt(st.space_after)

    def space(self, height: float) -> None:
        if not self.at_top():
            self.y = min(self.y + height, self.bottom)

    def block(self, height: float) -> tuple[float, float, float, float]:
        """Room for a block ``height`` mm high across the frame (on a new page if needed);
        returns its box ``(x, y, width, height)`` and moves below it."""
        self.need(height)
        box = (self.x0, self.y, self.frame_width, height)
        self.y += height
        return box

    def page_break(self) -> None:
        if not self.at_top():
            self.new_page()

    # -- tables
    def table(self, t: Table) -> None:
        """Set a table across the frame's width (columns scaled to it if they differ)."""
        k = self.frame_width / sum(t.widths)
        widths = [w * k for w in t.widths]
        xs = [self.x0]
        for w in widths:
            xs.append(xs[-1] + w)
        inner = [w - 2 * t.pad_x for w in widths]
        head_lines = [_cell_lines(c, w, t.head_style) for c, w in zip(t.head, inner)]
        head_h = max(len(ls) for ls in head_lines) * t.head_style.leading_mm + 2 * t.pad_y
        lead = t.style.leading_mm
        seg: list[float] = []          # row boundaries of the part of the table on this page

        def close_segment() -> None:
            if len(seg) < 2:
                return
            rule = Style(stroke=t.grid, width=t.grid_width)
            for y in seg:
                self.page.add(Line((xs[0], y), (xs[-1], y), rule, "table"))
            for x in xs:
                self.page.add(Line((x, seg[0]), (x, seg[-1]), rule, "table"))

        def start_segment() -> None:
            seg.clear()
            seg.append(self.y)
            self.page.add(Polygon(rect(xs[0], self.y, xs[-1], self.y + head_h), Style(stroke=None, fill=t.head_fill),
                                  "background", "table-head"))
            for x, lines in zip(xs, head_lines):
                self._cell_text(x + t.pad_x, self.y + t.pad_y, lines, t.head_style, "table-head")
            self.y += head_h
            seg.append(self.y)

        body = [[_cell_lines(c, w, t.style) for c, w in zip(row, inner)] for row in t.rows]
        first_h = (max(len(ls) for ls in body[0]) * lead + 2 * t.pad_y) if body else 0.0
        self.need(head_h + min(first_h, lead * 3 + 2 * t.pad_y))
        start_segment()
        for r, cells in enumerate(body):
            fills = [c.fill for c in t.rows[r]]
            ref = t.refs[r] if r < len(t.refs) else ""
            while True:
                n = max(len(ls) for ls in cells)
                h = n * lead + 2 * t.pad_y
                if self.y + h <= self.bottom + EPS:
                    self._row(xs, cells, fills, h, t, ref)
                    seg.append(self.y)
                    break
                fresh = self.bottom - self.top - head_h
                fit = int((self.bottom - self.y - 2 * t.pad_y + EPS) // lead)
                if h <= fresh + EPS or fit < 2:      # the whole row on the next page
                    close_segment()
                    self.new_page()
                    start_segment()
                    continue
                # a row taller than a page: as many lines as fit here, the rest on the next page
                self._row(xs, [ls[:fit] for ls in cells], fills, fit * lead + 2 * t.pad_y, t, ref)
                seg.append(self.y)
                cells = [ls[fit:] for ls in cells]
                close_segment()
                self.new_page()
                start_segment()
        close_segment()

    def _row(self, xs, cells, fills, h, t: Table, ref: str) -> None:
        for x0, x1, fill in zip(xs, xs[1:], fills):
            if fill:
                self.page.add(Polygon(rect(x0, self.y, x1, self.y + h), Style(stroke=None, fill=fill), "background",
                                      ref))
        for x, lines in zip(xs, cells):
            self._cell_text(x + t.pad_x, self.y + t.pad_y, lines, t.style, ref)
        self.y += h

    def _cell_text(self, x: float, top: float, lines: list[tuple[str, str]], st: TextStyle, ref: str) -> None:
        for i, (ln, color) in enumerate(lines):
            if ln:
                b = baseline(top + i * st.leading_mm, st.size_mm, st.leading_mm, st.font)
                self.page.add(Text((x, b), ln, st.size_mm, "start", 0.0, st.font, color, "label", ref))

    # -- the end
    def finish(self, footer: TextStyle, label: str = "roomplanner") -> list[Page]:
        """Number every page in its footer (``roomplanner · N``, right-aligned, 7 mm above the
        foot of the page) and return the pages."""
        for n, page in enumerate(self.pages, start=1):
            page.add(Text((self.x1, self.height_mm - 7.0), f"{label} · {n}", footer.size_mm, "end", 0.0, footer.font,
                          footer.color, "label", "footer"))
        return self.pages
