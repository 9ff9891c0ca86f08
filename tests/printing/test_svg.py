"""The board SVGs: size in millimetres, outlined text, no external references."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from roomplanner.content.boards import printable_items

NS = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _n(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def test_svg_size_viewbox_and_outlined_text(full_rendered):
    plan, out, _ = full_rendered
    b = float(plan.spec.options.bleed)
    for it in printable_items(plan):
        text = (out / f"{it.id}.svg").read_text(encoding="utf-8")
        root = ET.fromstring(text.encode("utf-8"))
        W, H = float(it.width) + 2 * b, float(it.height) + 2 * b
        assert root.get("width") == f"{_n(W)}mm" and root.get("height") == f"{_n(H)}mm", it.id
        assert root.get("viewBox") == f"0 0 {_n(W)} {_n(H)}", it.id
        assert not list(root.iter(f"{NS}text")), f"{it.id}: <text> element"
        assert "<text" not in text
        uses = list(root.iter(f"{NS}use"))
        assert uses, f"{it.id}: no outlined glyphs"
        ids = {el.get("id") for el in root.iter(f"{NS}path") if el.get("id")}
        for u in uses:
            ref = u.get(XLINK)
            assert ref.startswith("#") and ref[1:] in ids, f"{it.id}: dangling glyph reference {ref}"


def test_svg_has_no_external_references(full_rendered):
    plan, out, _ = full_rendered
    images = 0
    for it in printable_items(plan):
        root = ET.fromstring((out / f"{it.id}.svg").read_bytes())
        for el in root.iter():
            for attr in (XLINK, "href"):
                ref = el.get(attr)
                if ref is not None:
                    assert ref.startswith("#") or ref.startswith("data:image/"), f"{it.id}: external {ref[:40]}"
            if el.tag == f"{NS}image":
                images += 1
        assert "url(" not in (out / f"{it.id}.svg").read_text(encoding="utf-8")
    assert images >= 5


def test_svg_colours_are_from_the_palette(full_rendered):
    from roomplanner.printing.templates import load_palette

    plan, out, _ = full_rendered
    allowed = {c.rgb_hex() for c in load_palette().values()} | {"none"}
    for it in printable_items(plan):
        text = (out / f"{it.id}.svg").read_text(encoding="utf-8")
        for colour in re.findall(r'(?:fill|stroke)="([^"]+)"', text):
            assert colour in allowed, f"{it.id}: colour {colour} not in the palette"
