"""Print-ready boards (印制文件): the public entry of the printing stage.

:func:`board_files` makes, for a solved plan, the files of ``DIR/boards`` (in memory;
:func:`render_boards` writes them into a folder):

``<id>.pdf``
    One per board and sign of ``plan.wall_items`` (not the flag: it is bought). Page =
    trim + 2 × bleed (MediaBox = BleedBox), TrimBox exact, DeviceCMYK only, fonts embedded
    as subsets — or, with ``outline_text``, no fonts at all. See :mod:`.pdf` for why crop marks
    are in ``boards.pdf`` rather than here (``crop_marks=True`` adds them here too, on a page
    enlarged by a slug).
``<id>.svg``
    The same board in millimetres (trim + bleed), text outlined, images embedded.
``production.csv``, ``production.pdf``
    Every item to make or buy (:mod:`.production`).
``boards.pdf``
    All boards in one file for proofing, with crop marks and a caption per page.

Errors: :class:`~roomplanner.errors.ContentError` for unusable content (a photo outside the
spec's folder, an official text the spec tries to replace, a bad palette),
:class:`~roomplanner.errors.TextOverflowError` when text does not fit a board even at the
smallest legible size, :class:`~roomplanner.errors.FontCoverageError` for a character the
bundled fonts lack — each naming the board and the content entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Optional

from ..errors import RenderError
from ..model.plan import Plan
from ..content.boards import printable_items, resolve_content
from ..errors import FontCoverageError, TextOverflowError
from ..model.plan import WallItem
from . import designs
from .boardart import BoardArt, ComposeContext
from .pdf import board_pdf, proof_pdf
from .production import production_csv, production_pdf, production_rows
from .svg import board_svg
from .templates import PALETTE_FILE, load_palette, style

__all__ = ["board_files", "render_boards", "compose_boards", "compose_board", "RESERVED_NAMES"]

#: Output names a board id may not take (they would overwrite the lists).
RESERVED_NAMES = frozenset({"production", "boards"})

_CAPTION_STATUS = {"zh": {"ok": "内容完整", "placeholder": "有待填写内容", "unverified": "含待核对文本"},
                   "en": {"ok": "content complete", "placeholder": "content missing (待填写)",
                          "unverified": "text to be checked"}}


def _palette_source(palette, spec_dir: Optional[Path]):
    if palette is not None:
        return palette
    if spec_dir is not None and (Path(spec_dir) / PALETTE_FILE).is_file():
        return Path(spec_dir) / PALETTE_FILE
    return None


def compose_boards(plan: Plan, spec_dir: Optional[Path] = None,
                   palette: Path | Mapping | None = None,
                   photos: Mapping[str, bytes] | None = None, lang: str | None = None) -> list[BoardArt]:
    """Compose every printed board and sign of ``plan`` (no files written). Photo paths are
    looked up in ``photos`` (in memory) first, then in ``spec_dir``. A bad palette is reported in
    ``lang`` (default: the plan's)."""
    spec_dir = Path(spec_dir) if spec_dir is not None else None
    pal = load_palette(_palette_source(palette, spec_dir), lang or plan.spec.options.lang)
    ctx = ComposeContext(plan, pal, spec_dir,
                         float(plan.spec.options.bleed), photo_files=photos)
    items = printable_items(plan)
    seen: dict[str, str] = {}
    for it in items:
        low = it.id.lower()
        if low in RESERVED_NAMES:
            raise RenderError(f"board id {it.id!r} would overwrite {low}.pdf; rename the board")
        if low in seen:
            raise RenderError(f"board ids {seen[low]!r} and {it.id!r} differ only in case; their files would "
                              "collide on case-insensitive file systems")
        seen[low] = it.id
    return [compose_board(plan, it, ctx) for it in items]


def compose_board(plan: Plan, item: WallItem, ctx: ComposeContext) -> BoardArt:
    """Lay out board ``item`` (a board or a sign) into a :class:`BoardArt`: its content
    (:func:`~roomplanner.content.boards.resolve_content`), then the design of its template."""

    if item.kind not in ("board", "sign"):
        raise ValueError(f"{item.id}: only boards and signs are printed (the flag is purchased)")
    content = resolve_content(plan, item)
    art = BoardArt(item, content.title, float(item.width), float(item.height), ctx.bleed,
                   status=content.status, notes=list(content.notes))
    layout = getattr(designs, f"layout_{content.layout}", None)
    if layout is None:
        raise ValueError(f"no layout function for {content.layout!r}")
    try:
        layout(art, content, ctx)
    except (FontCoverageError, TextOverflowError) as exc:
        raise _naming_board(exc, content.where) from None
    return art


def _naming_board(exc: Exception, board: str) -> Exception:
    """The same error with the board named first (``board <id> (<title>): …``)."""
    if str(exc).startswith(board):
        return exc
    new = type(exc)(f"{board}: {exc}")
    new.__dict__.update(exc.__dict__)
    if hasattr(exc, "where"):
        new.where = f"{board}: {exc.where}"  # type: ignore[attr-defined]
    return new


def _caption(art: BoardArt, lang: str) -> str:
    lang = "en" if lang == "en" else "zh"
    st = _CAPTION_STATUS[lang][art.status]
    if lang == "en":
        return (f"{art.id} · {art.title} · trim {art.width:g} × {art.height:g} mm · bleed {art.bleed:g} mm · "
                f"{st}")
    return f"{art.id} · {art.title} · 成品 {art.width:g} × {art.height:g} mm · 出血 {art.bleed:g} mm · {st}"


def board_files(plan: Plan, lang: str = "zh", outline_text: bool = False, spec_dir: Path | None = None, *,
                palette: Path | Mapping | None = None, crop_marks: bool = False,
                photos: Mapping[str, bytes] | None = None, pdfs_only: bool = False) -> dict[str, bytes]:
    """The print files of ``plan`` in memory, by name inside ``boards/`` (see the module
    docstring).

    ``pdfs_only`` gives only the per-board PDFs (``<id>.pdf``, the same bytes), without the
    SVGs, the production list and the proof sheet (the 3D model's textures need no more).

    ``spec_dir`` is the folder of the spec file: photo paths are relative to it, and a
    ``palette.yaml`` there overrides colours of ``boards/palette.yaml`` (``palette=`` takes
    precedence); ``photos`` holds photos already in memory by path. ``crop_marks`` puts crop
    marks into the per-board PDFs as well (their page then grows by a slug; BleedBox and
    TrimBox stay exact)."""
    arts = compose_boards(plan, spec_dir, palette, photos, lang)
    proof = style()["proof"]
    slug, mlen, moff = float(proof["slug_mm"]), float(proof["mark_len_mm"]), float(proof["mark_offset_mm"])
    files: dict[str, bytes] = {}
    for art in arts:
        files[f"{art.id}.pdf"] = board_pdf(art, outline_text, marks=crop_marks, slug=slug, mark_len=mlen,
                                           mark_offset=moff)
        if not pdfs_only:
            files[f"{art.id}.svg"] = board_svg(art).encode("utf-8")
    if pdfs_only:
        return files
    pal = load_palette(_palette_source(palette, Path(spec_dir) if spec_dir is not None else None), lang)
    rows = production_rows(plan, arts, lang)
    from .desk_cards import desk_card_rows
    rows += desk_card_rows(plan, lang)      # class-3 venues: the desk cards (issue 13)
    files["production.csv"] = production_csv(rows, lang)
    files["production.pdf"] = production_pdf(plan, rows, pal, lang, outline_text)
    if arts:
        files["boards.pdf"] = proof_pdf(arts, outline_text, slug, mlen, moff, [_caption(a, lang) for a in arts])
    return files


def render_boards(plan: Plan, out_dir: Path, lang: str = "zh", outline_text: bool = False,
                  spec_dir: Path | None = None, *, palette: Path | Mapping | None = None,
                  crop_marks: bool = False) -> list[Path]:
    """Write the print files of ``plan`` (:func:`board_files`) into ``out_dir``; returns the
    paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, data in board_files(plan, lang, outline_text, spec_dir, palette=palette, crop_marks=crop_marks).items():
        (out_dir / name).write_bytes(data)
        written.append(out_dir / name)
    return written
