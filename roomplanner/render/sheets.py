"""Paper and scale (图幅与比例).

Sheets are ISO 216 A3 in landscape (420 × 297 mm) by default, A2 or A1 (594 × 420,
841 × 594 mm) only for a drawing that does not fit A3 at 1:100. Each sheet has a 10 mm margin
with a frame and, on the right, an information column (legend, scale bar, key plan, title
block); the drawing goes in the remaining *drawing area*.

The scale is the largest of the preferred scales :data:`SCALES` (1:20, 1:25, 1:30, 1:50, 1:75,
1:100) at which the drawing, with its dimensions and labels, fits A3 — so the drawing fills
the sheet as far as a preferred scale allows. Only a drawing that does not fit A3 at 1:100
goes to A2, then A1 (largest preferred scale first); only if it does not fit A1 at 1:100 do
the fallback scales :data:`FALLBACK_SCALES` apply (on A1), so a drawing is always produced.
The text on every sheet is set at the same paper sizes (≥ 3.5 mm 汉字, ≥ 2.5 mm digits).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

MM_PER_PT = 25.4 / 72.0
PT_PER_MM = 72.0 / 25.4

SCALES = (20, 25, 30, 50, 75, 100)
FALLBACK_SCALES = (150, 200, 250, 500, 1000)


@dataclass(frozen=True)
class Paper:
    """A paper size, landscape, in mm."""
    name: str
    width: float    # mm, landscape
    height: float

    @property
    def points(self) -> tuple[float, float]:
        """The page size in PostScript points (what a PDF MediaBox holds)."""
        return (self.width * PT_PER_MM, self.height * PT_PER_MM)


A4 = Paper("A4", 297.0, 210.0)
A3 = Paper("A3", 420.0, 297.0)
A2 = Paper("A2", 594.0, 420.0)
A1 = Paper("A1", 841.0, 594.0)
PAPERS = (A3, A2, A1)     # A3 by default; larger paper only when A3 at 1:100 is too small


@dataclass(frozen=True)
class SheetLayout:
    """Fixed geometry of a sheet (mm). Defaults live here, in one place."""
    margin: float = 10.0          # paper edge to frame
    column: float = 78.0          # width of the information column on the right
    gap: float = 4.0              # frame/column to drawing
    frame_width: float = 0.5
    title_block_height: float = 66.0


LAYOUT = SheetLayout()


@dataclass(frozen=True)
class Sheet:
    """A sheet: paper, scale (1:``scale``) and the layout of frame, drawing area and column."""
    paper: Paper
    scale: int
    layout: SheetLayout = LAYOUT

    @property
    def frame(self) -> tuple[float, float, float, float]:
        m = self.layout.margin
        return (m, m, self.paper.width - m, self.paper.height - m)

    @property
    def column(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.frame
        return (x1 - self.layout.column, y0, x1, y1)

    @property
    def drawing_area(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.frame
        g = self.layout.gap
        return (x0 + g, y0 + g, x1 - self.layout.column - g, y1 - g)

    @property
    def scale_text(self) -> str:
        return f"1:{self.scale}"

    def mm(self, model_mm: float) -> float:
        """Length on paper of ``model_mm`` millimetres of the real room."""
        return model_mm / self.scale


def drawing_area_size(paper: Paper, layout: SheetLayout = LAYOUT) -> tuple[float, float]:
    s = Sheet(paper, 1, layout)
    x0, y0, x1, y1 = s.drawing_area
    return (x1 - x0, y1 - y0)


def fill_ratio(sheet: Sheet, model_w: float, model_h: float, pad_w: float = 0.0, pad_h: float = 0.0) -> float:
    """How much of the drawing area the drawing (with its pads) fills in its limiting
    direction: max(width share, height share), 1.0 when it fills the area one way."""
    aw, ah = drawing_area_size(sheet.paper, sheet.layout)
    return max((model_w / sheet.scale + pad_w) / aw, (model_h / sheet.scale + pad_h) / ah)


def _candidates(papers: tuple[Paper, ...]):
    """(paper, scale) in order of preference: every preferred scale on the first (default)
    paper, then on each larger paper, then the fallback scales on the largest."""
    for paper in papers:
        for scale in SCALES:
            yield paper, scale
    for scale in FALLBACK_SCALES:
        yield papers[-1], scale


def choose_sheet(model_w: float, model_h: float, pad_w: float = 0.0, pad_h: float = 0.0,
                 papers: tuple[Paper, ...] = PAPERS, layout: SheetLayout = LAYOUT) -> Sheet:
    """The sheet for a drawing ``model_w × model_h`` mm (real size) that needs ``pad_w`` and
    ``pad_h`` mm of paper around it (dimension chains, labels): the largest scale of
    :data:`SCALES` that fits the default paper (A3), else a larger paper."""
    for paper, scale in _candidates(papers):
        if fits(paper, scale, model_w, model_h, pad_w, pad_h, layout):
            return Sheet(paper, scale, layout)
    return Sheet(papers[-1], FALLBACK_SCALES[-1], layout)


def fits(paper: Paper, scale: int, model_w: float, model_h: float, pad_w: float, pad_h: float,
         layout: SheetLayout = LAYOUT) -> bool:
    aw, ah = drawing_area_size(paper, layout)
    return model_w / scale + pad_w <= aw + 1e-9 and model_h / scale + pad_h <= ah + 1e-9


def choose_common_sheet(extents: list[tuple[float, float]], pad_w: float, pad_h: float,
                        papers: tuple[Paper, ...] = PAPERS, layout: SheetLayout = LAYOUT) -> Sheet:
    """One sheet (paper and scale) on which every drawing of ``extents`` fits."""
    for paper, scale in _candidates(papers):
        if all(fits(paper, scale, w, h, pad_w, pad_h, layout) for w, h in extents):
            return Sheet(paper, scale, layout)
    return Sheet(papers[-1], FALLBACK_SCALES[-1], layout)


def scale_bar_length(scale: int, max_paper_mm: float) -> tuple[float, float]:
    """(total metres, step metres) of a scale bar no longer than ``max_paper_mm`` on paper."""
    best: Optional[tuple[float, float]] = None
    for total, step in ((0.5, 0.1), (1, 0.2), (2, 0.5), (3, 1), (4, 1), (5, 1), (10, 2), (20, 5),
                        (25, 5), (50, 10), (100, 20)):
        if total * 1000 / scale <= max_paper_mm:
            best = (total, step)
    return best or (0.5, 0.1)
