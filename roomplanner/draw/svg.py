"""SVG backend: one :class:`~roomplanner.draw.primitives.Page` (a drawing or a board) → one SVG file.

The root element states the paper size in millimetres with a matching ``viewBox``
(``width="420mm" height="297mm" viewBox="0 0 420 297"``), so one user unit is one millimetre
on paper and the drawing's scale survives import into Inkscape, Illustrator or CorelDRAW.
Each layer is a ``<g id="…">`` group (Inkscape shows them as layers).

Drawings: text is real ``<text>`` in the bundled sans face (``font-family`` names the font and
generic fallbacks), or, with ``outline_text=True``, glyph outlines as ``<path>`` elements (转曲):
the file then contains no ``<text>`` element and needs no font.

Press pages (boards): the page is the trim plus the bleed (``data-trim`` / ``data-bleed`` on the
root, stated in ``<desc>``), the layers sit in ``<g id="board">`` moved to the trim's top-left.
Text is always outlined: each glyph used is one ``<path>`` in ``<defs>`` (font units) placed by
``<use>`` elements — no ``<text>``, no font, a small file. Photos and the emblem artwork are
embedded as ``data:`` URIs (no external references). CMYK colours are written as their sRGB
approximations (SVG has no CMYK; the PDF is the press master).

Coordinates are written with at most three decimals (1 µm), so output is deterministic.
"""

from __future__ import annotations

from functools import lru_cache

import base64
import re

from ..typeset import fonts
from .primitives import (Arc, Emblem, Image, Line, Page, Polygon, Polyline, Rect, Style, Text, draw_page,
                         screen_colour)

INKSCAPE_NS = "http://www.inkscape.org/namespaces/inkscape"


_written: dict = {}


def num(v: float) -> str:
    """``v`` with at most three decimals, trailing zeros dropped (``-0`` as ``0``). Drawings
    repeat their coordinates and widths: each value is formatted once (a bounded memo)."""
    s = _written.get(v)
    if s is None:
        s = f"{v:.3f}".rstrip("0").rstrip(".")
        if s in ("-0", ""):
            s = "0"
        if len(_written) < 50_000:     # ≈ 6 MiB at most in a long-lived server process
            _written[v] = s
    return s


@lru_cache(maxsize=64)
def _font_family(font: str) -> str:
    family = fonts.resolve_family(font)
    generic = "sans-serif" if family == fonts.SANS else "serif"
    return f"'{fonts.BUNDLED[family].face_name}', {family}, {generic}"


def _style_attrs(st: Style, fill_rule: str | None = None) -> tuple[tuple[str, str], ...]:
    """The paint attributes of ``st`` as (name, value) pairs (made once per style)."""
    key = (st, fill_rule)
    a = _STYLE_ATTRS.get(key)
    if a is None:
        a = tuple(_make_style_attrs(st, fill_rule).items())
        if len(_STYLE_ATTRS) < 4096:
            _STYLE_ATTRS[key] = a
    return a


_STYLE_ATTRS: dict = {}


@lru_cache(maxsize=1024)
def _text_attrs(fill: str, font: str, anchor: str) -> tuple[tuple[str, str], ...]:
    """The attributes of a drawing's ``<text>`` besides its place and size."""
    a = (("x", "0"), ("y", "0"), ("fill", fill), ("font-family", _font_family(font)))
    return a + (("text-anchor", anchor),) if anchor != "start" else a


def _make_style_attrs(st: Style, fill_rule: str | None) -> dict:
    a: dict = {}
    if st.stroked:
        a["stroke"] = screen_colour(st.stroke)
        a["stroke-width"] = num(st.width)
        if st.cap != "butt":
            a["stroke-linecap"] = st.cap
        if st.join != "miter":
            a["stroke-linejoin"] = st.join
        if st.dash:
            a["stroke-dasharray"] = " ".join(num(d) for d in st.dash)
    else:
        a["stroke"] = "none"
    a["fill"] = screen_colour(st.fill) if st.fill else "none"
    if fill_rule and st.fill:
        a["fill-rule"] = fill_rule
    return a


@lru_cache(maxsize=4096)
def _outline_d(text: str, font: str, size: float, anchor: str) -> str:
    from ..typeset.outline import text_path_d
    return text_path_d(text, font, size, 0.0, 0.0, anchor=anchor, where="drawing text")  # type: ignore[arg-type]


SVG_NS = {"xmlns": "http://www.w3.org/2000/svg", "xmlns:ev": "http://www.w3.org/2001/xml-events",
          "xmlns:xlink": "http://www.w3.org/1999/xlink"}


class _El:
    """One SVG element: tag, attributes (written sorted, as svgwrite did), children, text."""

    __slots__ = ("tag", "attrib", "children", "text")

    def __init__(self, tag: str, text: str = "", **attrib: str):
        self.tag, self.attrib, self.children, self.text = tag, dict(attrib), [], text

    def add(self, el: "_El") -> "_El":
        self.children.append(el)
        return el


class SvgBackend:
    def __init__(self, outline_text: bool = False, title: str = ""):
        self.outline_text = outline_text
        self.title = title
        self.root: _El | None = None
        self.parent: _El | None = None     # where layer groups go
        self.group: _El | None = None
        self.glyphs: dict[str, str] | None = None   # press pages: glyph outlines by id

    # -- page and layers
    def begin_page(self, page: Page) -> None:
        w, h = num(page.width), num(page.height)
        self.root = _El("svg", **SVG_NS, **{"xmlns:inkscape": INKSCAPE_NS}, baseProfile="full", version="1.1",
                        width=f"{w}mm", height=f"{h}mm", viewBox=f"0 0 {w} {h}")
        sh = page.press
        if sh is None:
            if self.title:
                self.root.add(_El("title", self.title))
            self.root.add(_El("defs"))
            self.root.add(_El("rect", fill="#FFFFFF", id="paper", x="0", y="0", width=w, height=h))
            self.parent, self.glyphs = self.root, None
            return
        self.root.attrib.update({"data-trim": f"{num(sh.trim[0])} {num(sh.trim[1])}", "data-bleed": num(sh.bleed)})
        if sh.title or self.title:
            self.root.add(_El("title", sh.title or self.title))
        if sh.desc:
            self.root.add(_El("desc", sh.desc))
        ox, oy = sh.origin
        self.parent = self.root.add(_El("g", id="board", transform=f"translate({num(ox)} {num(oy)})"))
        self.glyphs = {}

    def begin_layer(self, name: str) -> None:
        assert self.parent is not None
        self.group = self.parent.add(_El("g", id=f"layer-{name}", **{"inkscape:groupmode": "layer",
                                                                    "inkscape:label": name}))

    def end_layer(self, name: str) -> None:
        self.group = None

    def end_page(self, page: Page) -> None:
        if self.glyphs:
            # glyph outlines (font units, y up), placed by the <use> elements of the text
            defs = self.root.add(_El("defs"))
            defs.add(_Raw([(0, f'<path d="{d}" id="{gid}"/>') for gid, d in sorted(self.glyphs.items()) if d]))

    # -- primitives: each one line, written at once (see :func:`_leaf`)
    def _add(self, tag: str, names: tuple[str, ...], values: tuple[str, ...], fixed: tuple[tuple[str, str], ...],
             ref: str = "", text: str = "") -> None:
        """One element: attributes ``names`` = ``values`` (this element's numbers) and
        ``fixed`` (its style: the same on many elements), ``data-ref`` = ``ref``."""
        self.group.add(_leaf(tag, names, values, fixed, ref, text))

    def line(self, p: Line) -> None:
        (x1, y1), (x2, y2) = p.a, p.b
        self._add("line", ("x1", "y1", "x2", "y2"), (num(x1), num(y1), num(x2), num(y2)), _style_attrs(p.style),
                  p.ref)

    def polyline(self, p: Polyline) -> None:
        d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in p.points)
        self._add("path", ("d",), (d,), _style_attrs(p.style), p.ref)

    def polygon(self, p: Polygon) -> None:
        rings = [p.points, *p.holes]
        d = " ".join("M" + " L".join(f"{num(x)} {num(y)}" for x, y in ring) + " Z" for ring in rings if ring)
        self._add("path", ("d",), (d,), _style_attrs(p.style, "evenodd" if p.holes else None), p.ref)

    def arc(self, p: Arc) -> None:
        if p.full:
            self._add("circle", ("cx", "cy", "r"), (num(p.center[0]), num(p.center[1]), num(p.radius)),
                      _style_attrs(p.style), p.ref)
            return
        a, b = p.point(p.start), p.point(p.end)
        span = (p.end - p.start) % 360
        large = 1 if span > 180 else 0
        # counter-clockwise on a y-down sheet is SVG's negative sweep
        d = (f"M{num(a[0])} {num(a[1])} A{num(p.radius)} {num(p.radius)} 0 {large} 0 "
             f"{num(b[0])} {num(b[1])}")
        self._add("path", ("d",), (d,), _style_attrs(p.style), p.ref)

    def text(self, p: Text) -> None:
        if self.glyphs is not None:
            self._glyph_text(p)
            return
        if not p.text.strip():
            return
        x, y = num(p.pos[0]), num(p.pos[1])
        transform = f"translate({x} {y})" + (f" rotate({num(-p.angle)})" if abs(p.angle) > 1e-9 else "")
        if self.outline_text:
            d = _outline_d(p.text, p.font, round(p.size, 4), p.anchor)
            if not d:
                return
            self._add("path", ("d", "transform"), (d, transform), (("fill", screen_colour(p.color)),), p.ref)
        else:
            fonts.check_coverage(p.text, p.font, p.where or "drawing text")
            self._add("text", ("transform", "font-size"), (transform, num(p.size)),
                      _text_attrs(screen_colour(p.color), p.font, p.anchor), p.ref, p.text)

    def _glyph_text(self, p: Text) -> None:
        """One ``<use>`` per glyph (outlines in ``<defs>``), in a group carrying the colour and
        the text itself (``data-text``)."""
        from ..typeset.outline import glyph_svg_d

        family = fonts.resolve_family(p.font)
        fonts.check_coverage(p.text, family, p.where or "text")
        k = p.size / fonts.metrics(family).units_per_em
        x, y = p.pos
        if p.anchor != "start":
            x -= p.width / 2 if p.anchor == "middle" else p.width
        attrib = {"fill": screen_colour(p.color), "data-text": p.text, "data-ref": p.ref}
        if p.angle:
            attrib["transform"] = f"rotate({num(-p.angle)} {num(p.pos[0])} {num(p.pos[1])})"
        uses = []
        head, tail = f'<use transform="matrix({k:.6g} 0 0 {-k:.6g} ', f' {num(y)})" xlink:href="#'
        glyphs = self.glyphs
        for ch in p.text:
            glyph = fonts.glyph_id(ch, family)
            gid = f"{family}-{glyph}"
            d = glyphs.get(gid)
            if d is None:
                d = glyphs[gid] = glyph_svg_d(family, glyph)
            if d:
                uses.append((1, f'{head}{num(x)}{tail}{gid}"/>'))
            x += fonts.char_advance(ch, family) * p.size + p.tracking
        if uses:
            self.group.add(_Raw([(0, _open_tag("g", attrib))] + uses + [(0, "</g>")]))

    def rect(self, p: Rect) -> None:
        if p.radius > 0:
            self._add("rect", ("x", "y", "width", "height", "rx"),
                      (num(p.x), num(p.y), num(p.w), num(p.h), num(p.radius)), _style_attrs(p.style), p.ref)
        else:
            self._add("rect", ("x", "y", "width", "height"), (num(p.x), num(p.y), num(p.w), num(p.h)),
                      _style_attrs(p.style), p.ref)

    def image(self, p: Image) -> None:
        data = base64.b64encode(p.screen_jpeg or p.jpeg).decode("ascii")
        self._add("image", ("x", "y", "width", "height", "xlink:href"),
                  (num(p.x), num(p.y), num(p.w), num(p.h), f"data:image/jpeg;base64,{data}"),
                  (("preserveAspectRatio", "none"),), p.ref)

    def emblem(self, p: Emblem) -> None:
        mime, data = p.artwork.svg_image()
        self._add("image", ("x", "y", "width", "height", "xlink:href"),
                  (num(p.x), num(p.y), num(p.w), num(p.h), f"data:{mime};base64,{data}"),
                  (("preserveAspectRatio", "xMidYMid meet"), ("class", "emblem")), p.ref)

    def tostring(self) -> str:
        """The document, indented by one space per level (the layout svgwrite's pretty
        output had: namespace declarations first, then the attributes sorted by name)."""
        assert self.root is not None
        out = ['<?xml version="1.0" encoding="utf-8" ?>\n']
        _pretty(self.root, "", out)
        return "".join(out)


_SPECIAL = re.compile(r'[&<>"\r\n\t]')


def _escape(text: str, attr: bool) -> str:
    """XML escaping as minidom writes it (which svgwrite's pretty output goes through)."""
    if not _SPECIAL.search(text):
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attr:
        text = text.replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


def _attr_order(kv: tuple[str, str]) -> tuple[bool, str]:
    """Namespace declarations first, then the attributes, each group sorted by name."""
    return (not (kv[0] == "xmlns" or kv[0].startswith("xmlns:")), kv[0])


class _Raw:
    """Elements already written, as (depth, line) pairs relative to where they are placed: a
    text run's glyph group (thousands of ``<use>`` per board, too many for :class:`_El`)."""

    __slots__ = ("lines",)

    def __init__(self, lines: list[tuple[int, str]]):
        self.lines = lines


def _attributes(items: list[tuple[str, str]]) -> str:
    """`` name="value"`` for each pair with a value, sorted by name (the names are unique),
    values escaped."""
    items = [kv for kv in items if kv[1]]
    items.sort()
    if _SPECIAL.search("".join([v for _, v in items])):
        items = [(k, _escape(v, True)) for k, v in items]
    return "".join([f' {k}="{v}"' for k, v in items])


def _open_tag(tag: str, attrib: dict, close: str = ">") -> str:
    if any(k == "xmlns" or k.startswith("xmlns:") for k in attrib):   # the root: namespaces first
        ordered = sorted(((k, v) for k, v in attrib.items() if v), key=_attr_order)
        ns = [kv for kv in ordered if kv[0] == "xmlns" or kv[0].startswith("xmlns:")]
        return f"<{tag}{_attributes(ns)}{_attributes(ordered[len(ns):])}{close}"
    return f"<{tag}{_attributes(list(attrib.items()))}{close}"


def _leaf(tag: str, names: tuple[str, ...], values: tuple[str, ...], fixed: tuple[tuple[str, str], ...],
          ref: str = "", text: str = "") -> str:
    """One element without children as its line (no indentation): ``<tag …/>`` or, with
    ``text``, ``<tag …>text</tag>``; attributes as :meth:`SvgBackend._add` takes them.

    Drawings have thousands of elements in a few dozen shapes (the same attributes, the same
    style): each shape is laid out once (:func:`_template`) and filled in with the numbers."""
    if not all(values):          # an empty value is left out: the general way
        attrs = [*zip(names, values), *fixed] + ([("data-ref", ref)] if ref else [])
        head = f"<{tag}{_attributes(attrs)}"
    else:
        key = (tag, names, fixed, bool(ref))
        template = _TEMPLATES.get(key)
        if template is None:
            template = _template(*key)
            if len(_TEMPLATES) < 4096:
                _TEMPLATES[key] = template
        if _SPECIAL.search("".join(values)):
            values = tuple(_escape(v, True) for v in values)
        head = template.format(*values, ref=_escape(ref, True))
    if text:
        return f"{head}>{_escape(text, False)}</{tag}>"
    return f"{head}/>"


_TEMPLATES: dict = {}


def _template(tag: str, names: tuple[str, ...], fixed: tuple[tuple[str, str], ...], ref: bool) -> str:
    """``<tag`` and the attributes in their written order, as a :meth:`str.format` string: the
    values of ``names`` as ``{0}``, ``{1}`` …, the ref as ``{ref}``, ``fixed`` written in."""
    fixed = tuple((k, v.replace("{", "{{").replace("}", "}}")) for k, v in fixed)
    attrs = [*((n, f"{{{i}}}") for i, n in enumerate(names)), *fixed] + ([("data-ref", "{ref}")] if ref else [])
    return f"<{tag}{_attributes(attrs)}"


def _pretty(el, indent: str, out: list[str]) -> None:
    """Write an element and its children, one per line, indented by one space per level."""
    if isinstance(el, str):      # a leaf, already written (:func:`_leaf`)
        out.append(f"{indent}{el}\n")
        return
    if isinstance(el, _Raw):
        out.extend(f"{indent}{' ' * depth}{line}\n" for depth, line in el.lines)
        return
    out.append(indent + _open_tag(el.tag, el.attrib, ""))
    children = el.children
    if el.text and children:
        raise ValueError("mixed content is not written by this backend")
    if el.text:
        out.append(f">{_escape(el.text, False)}</{el.tag}>\n")
    elif children:
        out.append(">\n")
        for child in children:
            _pretty(child, indent + " ", out)
        out.append(f"{indent}</{el.tag}>\n")
    else:
        out.append("/>\n")


def svg_string(page: Page, outline_text: bool = False, title: str = "") -> str:
    be = SvgBackend(outline_text, title)
    draw_page(page, be)
    return be.tostring()
