"""Desk cards (桌牌) for a branch without a room (001 §2(三)1: 党员办公桌上摆放印有入党誓词、
党员权利和义务的桌牌): one tent card per member, print-ready.

Each card is one flat sheet (the profile's ``desk_cards.trim``, A4 landscape 297 × 210 mm),
printed on one side and folded along its middle into a two-faced tent that stands on the desk:

* the upper half — printed upside down, so that it reads upright once folded — is the face
  toward colleagues and visitors: 入党誓词, and the member's name where ``content.members``
  gives it (a card is never given a name the spec did not give);
* the lower half is the face toward the member: 党员的权利 and 党员的义务, side by side.

Every text is the official text of ``boards/official`` (verbatim, as on the boards), typeset
with the boards' own machinery (:class:`~.boardart.Flow`, :func:`~.pdf.draw_placed`), in
DeviceCMYK with embedded font subsets — always live text, also with ``--outline-text``, so
that the checker can read the official texts back (``venue.desk_cards``). The PDF
``boards/desk-cards.pdf`` has one page per card: TrimBox = the flat sheet, BleedBox =
trim + bleed, and around it a slug with crop marks at the corners, dashed fold marks at the
fold and a caption. :func:`desk_card_rows` gives the production-list lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..typeset.pdfcanvas import mm

from ..content.boards import _official_section
from ..content.texts import official_text
from ..model.plan import Plan
from ..typeset import fonts
from ..draw.pdf import _c, press_text
from ..draw.primitives import ART, Line, Rect, Text, paint
from .boardart import ComposeContext, Flow, FlowBlock, flow_style, overflow_error, section_blocks
from .pdf import REGISTRATION, caption_run, crop_marks, draw_placed, new_canvas, page_boxes
from .templates import load_palette, style

__all__ = ["DeskCard", "compose_desk_cards", "desk_cards_pdf", "desk_card_files", "render_desk_cards", "desk_card_rows", "desk_card_names",
           "DESK_CARD_FILE", "CARD_TEXT_KEYS"]

DESK_CARD_FILE = "boards/desk-cards.pdf"   #: in the pack, beside the boards and the production list
#: The official texts every card carries (boards/official keys), face by face.
CARD_TEXT_KEYS = ("oath", "rights", "duties")

#: Type sizes (mm) for desk cards: read at arm's length, so smaller than wall boards
#: (2.5 mm ≈ 7 pt is the smallest, in 0.1 mm steps; the oath face goes up to 9 mm).
CARD_SCALE = tuple(round(2.5 + 0.1 * k, 1) for k in range(26)) + (5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0)
INNER_FORM = "RPdeskCardInner"
SAFE_MM = 8.0          # no text closer than this to the trim or the fold
BAND_MM = 15.0         # the red band along each face's outer (desk) edge
CARD_MATERIAL = ("250 g/m² 铜版卡纸", "250 g/m² coated card")
CARD_FINISH = ("单面四色印刷，覆哑膜，沿虚线对折", "one side, four colours, matt laminate, fold on the dashed line")
CARD_PLACE = ("会议桌上，每名党员一张", "on the meeting table, one per member")


@dataclass
class Face:
    """One face of a card, composed upright in its own box (``width`` × ``height``, y down,
    the top edge at the fold): primitives of the drawing model, placed by :func:`.pdf.draw_placed`."""

    width: float
    height: float
    bleed: float
    ops: list = field(default_factory=list)


@dataclass
class DeskCard:
    """One card: the flat sheet (trim ``width`` × ``height``) with its two faces."""

    number: int
    name: Optional[str]
    width: float
    height: float
    bleed: float
    outer: Face        # upper half, printed rotated by 180°
    inner: Face        # lower half, printed upright
    id: str = ""
    title: str = "桌牌"

    def texts(self) -> list[str]:
        return [op.text for f in (self.outer, self.inner) for op in f.ops if isinstance(op, Text)]


def desk_card_names(plan: Plan) -> list[Optional[str]]:
    """One entry per member: the name content.members gives, else None (no name printed)."""
    given = [m.name for m in plan.spec.content.members]
    n = plan.spec.branch.members
    return [given[k] if k < len(given) else None for k in range(n)]


def _scale(lo: float, hi: float) -> list[float]:
    return [s for s in CARD_SCALE if lo - 1e-9 <= s <= hi + 1e-9]


def _run(text: str, family: str, size: float, x: float, top: float, color, where: str,
         align: str = "left", width: float = 0.0, tracking: float = 0.0) -> Text:
    w = fonts.text_width(text, family, size, where) + tracking * max(0, len(text) - 1)
    if align == "center":
        x += (width - w) / 2
    elif align == "right":
        x += width - w
    return Text((x, top + fonts.metrics(family).em_top * size), text, size, font=family, color=color,
                tracking=tracking, where=where, layer=ART)


def _ground(face: Face, pal, outer_edge_band: bool = True) -> float:
    """Paper ground into the bleed (not across the fold), the red band along the outer edge
    with a gold rule; returns the top of the band."""
    b, W, H = face.bleed, face.width, face.height
    face.ops.append(Rect(-b, 0, W + 2 * b, H + b, paint(fill=pal["paper"])))
    top = H - BAND_MM
    face.ops.append(Rect(-b, top, W + 2 * b, BAND_MM + b, paint(fill=pal["red"])))
    face.ops.append(Rect(-b, top - 1.6, W + 2 * b, 0.6, paint(fill=pal["gold"])))
    return top


def _largest(sizes: list[float], fits) -> Optional[float]:
    """The largest size that fits, by bisection (a fixed text: no greedy re-check needed)."""
    lo, hi, best = 0, len(sizes) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(sizes[mid]):
            best, lo = sizes[mid], mid + 1
        else:
            hi = mid - 1
    return best


def _fit_block(blocks: list[FlowBlock], st, w: float, h: float, sizes: list[float], where: str, what: str):
    flow = Flow(blocks, st, where)
    s = _largest(sizes, lambda s: flow.layout(s, w)[0] <= h + 1e-6)
    if s is None:
        need = flow.layout(min(sizes), w)[0]
        raise overflow_error(where, what, need, h, min(sizes), "the desk card's text is fixed; report this")
    return flow, s


TITLE_MM = 8.0        # 入党誓词 on the outer face


def _oath_block(ctx: ComposeContext, W: float, H: float) -> list:
    """The oath, set once for all cards (the same on every one)."""
    st = flow_style(ctx, {"indent_em": 2, "line_spacing": 1.55})
    st.text = ctx.palette["text"]
    blocks = section_blocks([_official_section("oath", None)])
    top = SAFE_MM + TITLE_MM + 2.2 + 4.0
    box_w, box_h = W - 2 * (SAFE_MM + 10), (H - BAND_MM) - 3.0 - top
    flow, s = _fit_block(blocks, st, box_w, box_h, _scale(3.0, 9.0), "desk card: oath", "the oath")
    used = flow.layout(s, box_w)[0]
    return flow.draw(s, SAFE_MM + 10, top + max(0.0, box_h - used) * 0.45, box_w)


def _outer_face(ctx: ComposeContext, name: Optional[str], W: float, H: float, oath_ops: list) -> Face:
    """入党誓词, the branch and the member's name (where given)."""
    plan, pal = ctx.plan, ctx.palette
    face = Face(W, H, ctx.bleed)
    band_top = _ground(face, pal)
    where = "desk card: oath"
    # the title with a gold rule under it, then the oath
    face.ops.append(_run("入党誓词", "sans", TITLE_MM, SAFE_MM, SAFE_MM, pal["red"], where, "center",
                         W - 2 * SAFE_MM, TITLE_MM * 0.5))
    rule_y = SAFE_MM + TITLE_MM + 2.2
    face.ops.append(Line((W / 2 - 40, rule_y), (W / 2 + 40, rule_y), paint(stroke=pal["gold"], width=0.6)))
    face.ops.extend(oath_ops)
    # the band: branch (left) and member (right)
    bs = 4.2
    ty = band_top + (BAND_MM - bs) / 2
    face.ops.append(_run(plan.spec.branch.name, "sans", bs, SAFE_MM, ty, pal["gold"], "branch.name"))
    if name:
        face.ops.append(_run(f"共产党员　{name}", "sans", bs * 1.25, SAFE_MM, ty - bs * 0.12, pal["gold"],
                             "content.members.name", "right", W - 2 * SAFE_MM, bs * 0.15))
    return face


def _inner_face(ctx: ComposeContext, W: float, H: float) -> Face:
    """党员的权利 | 党员的义务 in two columns, at the largest size both fit; the columns are
    split in proportion to what they hold."""
    pal = ctx.palette
    face = Face(W, H, ctx.bleed)
    band_top = _ground(face, pal)
    where = "desk card: rights and duties"
    st = flow_style(ctx, {"indent_em": 0, "line_spacing": 1.42, "paragraph_gap": 0.18, "section_gap": 0.5})
    st.text = pal["text"]
    left = section_blocks([_official_section("rights", "党员的权利")])
    right = section_blocks([_official_section("duties", "党员的义务")])
    x0, top = SAFE_MM, SAFE_MM - 1.0
    gap = 7.0
    avail_w, avail_h = W - 2 * SAFE_MM - gap, band_top - 2.5 - top
    sizes = _scale(2.5, 5.0)
    best = None
    for k in range(9, 14):              # the left (shorter) column takes 36 % … 52 % of the width
        r = k / 25
        wl, wr = avail_w * r, avail_w * (1 - r)
        fl, fr = Flow(left, st, where), Flow(right, st, where)
        s = _largest(sizes, lambda s: fl.layout(s, wl)[0] <= avail_h + 1e-6 and fr.layout(s, wr)[0] <= avail_h + 1e-6)
        if s is None:
            continue
        imbalance = abs(fl.layout(s, wl)[0] - fr.layout(s, wr)[0])
        if best is None or s > best[0] + 1e-9 or (abs(s - best[0]) < 1e-9 and imbalance < best[1] - 1e-6):
            best = (s, imbalance, r, fl, fr)
    if best is None:
        fl = Flow(left + right, st, where)
        raise overflow_error(where, "the rights and duties", fl.layout(min(sizes), avail_w / 2)[0], avail_h,
                             min(sizes), "the desk card's text is fixed; report this")
    s, _imb, r, fl, fr = best
    wl = avail_w * r
    face.ops.extend(fl.draw(s, x0, top, wl))
    face.ops.append(Line((x0 + wl + gap / 2, top + 1), (x0 + wl + gap / 2, top + avail_h - 1),
                         paint(stroke=pal["gold"], width=0.35)))
    face.ops.extend(fr.draw(s, x0 + wl + gap, top, avail_w - wl))
    # the band: where the texts come from
    src = "　".join(f"{official_text(k).name}：{official_text(k).source}" for k in ("rights", "duties"))
    rev = official_text("duties").revision.split("（")[0]
    bs = 3.0
    face.ops.append(_run(f"{src}（{rev}）", "sans", bs, SAFE_MM, band_top + (BAND_MM - bs) / 2, pal["gold"],
                         "official text source", "center", W - 2 * SAFE_MM))
    return face


def compose_desk_cards(plan: Plan, palette=None, lang: str | None = None) -> list[DeskCard]:
    """One card per member of ``plan``'s branch (no files written)."""
    from ..profiles import load_profile

    prof = load_profile(plan.profile)
    W, Hs = (float(v) for v in prof.desk_cards.trim)
    H = Hs / 2
    bleed = float(plan.spec.options.bleed)
    ctx = ComposeContext(plan, load_palette(palette, lang or plan.spec.options.lang), None, bleed)
    inner = _inner_face(ctx, W, H)     # the same on every card
    names = desk_card_names(plan)
    oath_ops = _oath_block(ctx, W, H)
    cards = []
    for k, name in enumerate(names):
        outer = _outer_face(ctx, name, W, H, oath_ops)
        cards.append(DeskCard(k + 1, name, W, Hs, bleed, outer, inner, id=f"desk-card-{k + 1:03d}"))
    return cards


def _fold_marks(c, card: DeskCard, slug: float, page_h: float, length: float, offset: float) -> None:
    """Dashed marks on the fold line, in the slug left and right of the bleed."""
    y = slug + card.bleed + card.height / 2
    x_left = slug
    x_right = slug + 2 * card.bleed + card.width
    c.setStrokeColor(_c(REGISTRATION))
    c.setLineWidth(0.25)
    c.setDash([1.5 * mm, 1.0 * mm], 0)
    c.line((x_left - offset) * mm, (page_h - y) * mm, (x_left - offset - length) * mm, (page_h - y) * mm)
    c.line((x_right + offset) * mm, (page_h - y) * mm, (x_right + offset + length) * mm, (page_h - y) * mm)
    c.setDash([], 0)


def _caption(c, text: str, slug: float, card: DeskCard, page_h: float, outline_text: bool) -> None:
    size = min(3.0, slug * 0.25)
    run = caption_run(text, f"caption of {card.id}", size, slug + card.bleed + 10.0, page_h, slug)
    press_text(c, run, lambda v: v * mm, lambda v: (page_h - v) * mm, outline_text)


def caption_text(card: DeskCard, total: int, lang: str = "zh") -> str:
    fold = f"{card.width:g} × {card.height / 2:g}"
    if lang == "en":
        who = f" · {card.name}" if card.name else ""
        return (f"desk card {card.number}/{total}{who} · trim {card.width:g} × {card.height:g} mm (folded {fold} mm) · "
                f"bleed {card.bleed:g} mm · fold on the dashed marks; the upper half is printed upside down")
    who = f" · {card.name}" if card.name else ""
    return (f"桌牌 {card.number}/{total}{who} · 成品展开 {card.width:g} × {card.height:g} mm（对折后 {fold} mm）· "
            f"出血 {card.bleed:g} mm · 沿虚线标记对折，上半面倒印")


def desk_cards_pdf(cards: list[DeskCard], lang: str = "zh") -> bytes:
    """All cards in one PDF, one page per card (boxes, marks: see the module docstring).
    Always live text: the checker reads the official texts back (``venue.desk_cards``)."""
    import io

    proof = style()["proof"]
    slug, mlen, moff = float(proof["slug_mm"]), float(proof["mark_len_mm"]), float(proof["mark_offset_mm"])
    first = page_boxes(cards[0], slug)
    buf = io.BytesIO()
    c = new_canvas(buf, first["media"][2:], "桌牌 desk cards")
    c.setSubject(f"{len(cards)} desk cards, trim {cards[0].width:g} × {cards[0].height:g} mm, bleed {cards[0].bleed:g} mm")
    # the inner face is the same on every card: one form, placed on every page
    boxes = page_boxes(cards[0], slug)
    page_h = boxes["media"][3] / mm
    inner = cards[0].inner
    c.beginForm(INNER_FORM, 0, 0, boxes["media"][2], boxes["media"][3])
    ox, oy = slug + cards[0].bleed, slug + cards[0].bleed
    _clip(c, ox - inner.bleed, oy + cards[0].height / 2, cards[0].width + 2 * inner.bleed,
          cards[0].height / 2 + inner.bleed, page_h)
    draw_placed(c, inner.ops, (ox, oy + cards[0].height / 2), page_h, False)
    c.endForm()
    for card in cards:
        boxes = page_boxes(card, slug)
        page_h = boxes["media"][3] / mm
        c.setPageSize(boxes["media"][2:])
        c.setBleedBox(boxes["bleed"])
        c.setTrimBox(boxes["trim"])
        ox, oy = slug + card.bleed, slug + card.bleed      # the trim's top-left, mm from the page's top-left
        half = card.height / 2
        # the outer face, rotated by 180° about the centre of the upper half
        cx, cy = (ox + card.width / 2) * mm, (page_h - oy - half / 2) * mm
        c.saveState()
        c.translate(cx, cy)
        c.rotate(180)
        c.translate(-cx, -cy)
        _clip(c, ox - card.bleed, oy - card.bleed, card.width + 2 * card.bleed, half + card.bleed, page_h)
        draw_placed(c, card.outer.ops, (ox, oy), page_h, False)
        c.restoreState()
        c.doForm(INNER_FORM)
        crop_marks(c, (card.width, card.height), card.bleed, slug, page_h, mlen, moff)
        _fold_marks(c, card, slug, page_h, mlen, moff)
        _caption(c, caption_text(card, len(cards), lang), slug, card, page_h, False)
        c.showPage()
    c.save()
    return buf.getvalue()


def _clip(c, x: float, y: float, w: float, h: float, page_h: float) -> None:
    """Clip to a rectangle given in mm from the page's top-left (each face stops at the fold)."""
    p = c.beginPath()
    p.rect(x * mm, (page_h - y - h) * mm, w * mm, h * mm)
    c.clipPath(p, stroke=0, fill=0)


def desk_card_files(plan: Plan, lang: str = "zh", palette=None) -> dict[str, bytes]:
    """``{"desk-cards.pdf": bytes}`` for a class-3 plan (by name inside ``boards/``); nothing
    for other plans. The cards always keep live text (font subsets embedded, as in every
    board PDF) even with --outline-text: the checker (venue.desk_cards) reads the official
    texts back from them."""
    from ..profiles import load_profile

    if getattr(load_profile(plan.profile), "desk_cards", None) is None:
        return {}
    return {Path(DESK_CARD_FILE).name: desk_cards_pdf(compose_desk_cards(plan, palette, lang), lang)}


def render_desk_cards(plan: Plan, out_dir: Path, lang: str = "zh", outline_text: bool = False,
                      palette=None) -> list[Path]:
    """Write :func:`desk_card_files` into ``out_dir`` (``outline_text`` is ignored: the cards
    keep live text); returns the paths written."""
    written = []
    for name, data in desk_card_files(plan, lang, palette).items():
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        target = Path(out_dir) / name
        target.write_bytes(data)
        written.append(target)
    return written


def desk_card_rows(plan: Plan, lang: str = "zh") -> list[dict]:
    """Production-list lines (production.COLUMNS) for the desk cards of a class-3 plan."""
    from ..profiles import load_profile

    prof = load_profile(plan.profile)
    spec = getattr(prof, "desk_cards", None)
    if spec is None:
        return []
    W, H = (float(v) for v in spec.trim)
    b = float(plan.spec.options.bleed)
    n = plan.spec.branch.members
    named = sum(1 for x in desk_card_names(plan) if x)
    zh = lang != "en"
    note = (f"每名党员一张，共 {n} 张（{named} 张印姓名）；正面入党誓词，背面党员的权利和义务；PDF 每页一张，"
            f"沿虚线标记对折成 {W:g} × {H / 2:g} mm 三角台卡" if zh else
            f"one per member, {n} in all ({named} with a name); oath on the front, rights and duties on the back; "
            f"one card per PDF page, folded on the dashed marks into a {W:g} × {H / 2:g} mm tent card")
    return [{"id": "desk_cards", "action": "印制" if zh else "print", "kind": "桌牌" if zh else "desk card",
             "item": "桌牌（入党誓词、党员的权利和义务）" if zh else "Desk cards (oath, rights and duties)",
             "width_mm": f"{W:g}", "height_mm": f"{H:g}", "bleed_mm": f"{b:g}",
             "file_width_mm": f"{W + 2 * b:g}", "file_height_mm": f"{H + 2 * b:g}",
             "material": CARD_MATERIAL[0 if zh else 1], "finish": CARD_FINISH[0 if zh else 1],
             "location": CARD_PLACE[0 if zh else 1], "quantity": str(n),
             "status": "完整" if zh else "complete", "file": Path(DESK_CARD_FILE).name, "notes": note}]
