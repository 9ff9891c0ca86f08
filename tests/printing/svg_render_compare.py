"""Render two folders of SVG files in Chromium and compare the pictures pixel by pixel, to show
that SVGs whose text changed on purpose (another writer, another attribute order) still look
the same.

    python tests/printing/svg_render_compare.py BEFORE_DIR AFTER_DIR [--width 1200] [--keep OUT_DIR]

Every ``*.svg`` under BEFORE_DIR is paired with the file at the same relative path under
AFTER_DIR; each is drawn as an ``<img>`` ``--width`` CSS pixels wide on a white page (Chromium's
own SVG renderer, as a browser or the web page shows it) and the screenshots are compared. Prints
one line per pair that differs (with the number of differing pixels and the largest channel
difference) and a summary; exits 1 if any pair differs or is missing. ``--keep`` writes the
screenshots of the first differing pairs (and of one equal pair) for a look.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

PAGE = ('<!doctype html><html><body style="margin:0;background:#fff">'
        '<img id="i" src="{src}" style="display:block;width:{w}px"></body></html>')


def shoot(page, svg: Path, width: int) -> bytes:
    html = svg.with_suffix(".compare.html")
    html.write_text(PAGE.format(src=svg.name, w=width), encoding="utf-8")
    try:
        page.goto(html.as_uri())
        page.wait_for_function("document.getElementById('i').complete && "
                               "document.getElementById('i').naturalWidth > 0")
        return page.locator("#i").screenshot()
    finally:
        html.unlink()


def main(argv: list[str]) -> int:
    from PIL import Image, ImageChops
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--width", type=int, default=1200)
    ap.add_argument("--keep", type=Path)
    a = ap.parse_args(argv)
    a.before, a.after = a.before.resolve(), a.after.resolve()
    pairs = sorted(p.relative_to(a.before) for p in a.before.rglob("*.svg"))
    differ = missing = 0
    kept_equal = False
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--allow-file-access-from-files"])
        page = browser.new_page(viewport={"width": a.width + 20, "height": 800})
        for rel in pairs:
            after = a.after / rel
            if not after.is_file():
                print(f"MISSING {rel}")
                missing += 1
                continue
            x, y = shoot(page, a.before / rel, a.width), shoot(page, after, a.width)
            ix, iy = Image.open(io.BytesIO(x)).convert("RGB"), Image.open(io.BytesIO(y)).convert("RGB")
            same = ix.size == iy.size and ImageChops.difference(ix, iy).getbbox() is None
            if not same:
                differ += 1
                if ix.size == iy.size:
                    diff = ImageChops.difference(ix, iy)
                    n = sum(1 for px in diff.getdata() if px != (0, 0, 0))
                    print(f"DIFFERS {rel}: {n} pixels, max channel difference {max(max(b) for b in diff.getextrema())}")
                else:
                    print(f"DIFFERS {rel}: size {ix.size} -> {iy.size}")
            if a.keep and ((not same and differ <= 5) or (same and not kept_equal)):
                a.keep.mkdir(parents=True, exist_ok=True)
                stem = str(rel).replace("/", "_")[:-4]
                (a.keep / f"{stem}.before.png").write_bytes(x)
                (a.keep / f"{stem}.after.png").write_bytes(y)
                kept_equal = kept_equal or same
        browser.close()
    print(f"{len(pairs)} SVGs rendered at {a.width} px: {differ} differ, {missing} missing")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
