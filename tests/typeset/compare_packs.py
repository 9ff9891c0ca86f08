"""Compare every PDF of the packs written by two checkouts (e.g. reportlab before, the own
PDF writer after): pixels, text, fonts and page boxes.

    python tests/typeset/compare_packs.py BASE_CHECKOUT [--dpi 50] [--only NAME [--extras]] [--tolerance N]

For each example in ``examples/`` (Chinese and English), the first example that solves also
with ``--outline-text``, and one with a test-pattern emblem (SVG and PDF, as in
``tests/printing/test_emblem.py``): ``roomplanner plan`` in both checkouts, then for every PDF
both packs hold: ``pdftoppm`` at ``--dpi`` (max and mean absolute pixel difference over all
pages, via PIL), ``pdftotext`` (equal or not), ``pdfinfo -box`` (equal or not) and, for this
checkout's file, ``pdffonts`` (every font embedded and a subset). Prints one line per file
and a summary; exits 1 if any file differs beyond ``--tolerance`` (max pixel difference).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

if str(ROOT) not in sys.path:     # run as a script from anywhere: the tests package is importable
    sys.path.insert(0, str(ROOT))

from tests.printing.test_emblem import SVG_ART, pdf_art  # noqa: E402  the same test patterns


def run_plan(checkout: Path, spec: Path, out: Path, args: list[str]) -> bool:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    subprocess.run([sys.executable, "-m", "roomplanner", "plan", str(spec), "-o", str(out), *args],
                       cwd=checkout, env=env, capture_output=True, text=True)
    return out.is_dir() and any(out.rglob("*.pdf"))


def _tool(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def pixels(a: Path, b: Path, dpi: int, tmp: Path) -> tuple[int, float, int]:
    """(max, mean, pages) absolute difference of the rendered pages (RGB, 0–255)."""
    from PIL import Image, ImageChops, ImageStat

    pa, pb = tmp / "a", tmp / "b"
    for d in (pa, pb):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir()
    _tool("pdftoppm", "-r", str(dpi), "-png", str(a), str(pa / "p"))
    _tool("pdftoppm", "-r", str(dpi), "-png", str(b), str(pb / "p"))
    fa, fb = sorted(pa.iterdir()), sorted(pb.iterdir())
    if len(fa) != len(fb):
        return 255, 255.0, -1
    worst, total, n = 0, 0.0, 0
    for x, y in zip(fa, fb):
        ia, ib = Image.open(x).convert("RGB"), Image.open(y).convert("RGB")
        if ia.size != ib.size:
            return 255, 255.0, -1
        diff = ImageChops.difference(ia, ib)
        worst = max(worst, max(hi for _lo, hi in diff.getextrema()))
        total += sum(ImageStat.Stat(diff).mean) / 3
        n += 1
    return worst, total / max(n, 1), n


def fonts_ok(path: Path) -> bool:
    lines = _tool("pdffonts", str(path)).splitlines()[2:]
    for line in lines:
        cols = line.split()
        # name type [type...] encoding emb sub uni object ID
        if cols[-5] != "yes" or cols[-4] != "yes" or "+" not in cols[0]:
            return False
    return True


def compare(base: Path, new: Path, dpi: int, tmp: Path) -> list[tuple]:
    rows = []
    for a in sorted(base.rglob("*.pdf")):
        rel = a.relative_to(base)
        b = new / rel
        if not b.exists():
            rows.append((str(rel), "missing"))
            continue
        worst, mean, pages = pixels(a, b, dpi, tmp)
        text = _tool("pdftotext", str(a), "-") == _tool("pdftotext", str(b), "-")
        boxes = ([ln for ln in _tool("pdfinfo", "-box", "-f", "1", "-l", "999", str(a)).splitlines() if "Box" in ln]
                 == [ln for ln in _tool("pdfinfo", "-box", "-f", "1", "-l", "999", str(b)).splitlines() if "Box" in ln])
        rows.append((str(rel), worst, mean, pages, text, boxes, fonts_ok(b)))
    return rows


def cases(only: str | None, tmp: Path, extras: bool = False) -> list[tuple[str, Path, list[str]]]:
    out = []
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    for spec in examples:
        if only and only not in spec.stem:
            continue
        out.append((f"{spec.stem}/zh", spec, ["--lang", "zh"]))
        out.append((f"{spec.stem}/en", spec, ["--lang", "en"]))
    if not only or extras:
        out.append(("enterprise-9x6/outline", ROOT / "examples" / "enterprise-9x6.yaml", ["--outline-text"]))
        folder = tmp / "emblem-spec"
        shutil.copytree(ROOT / "examples", folder)
        (folder / "art").mkdir()
        (folder / "art" / "emblem.svg").write_bytes(SVG_ART)
        (folder / "art" / "emblem.pdf").write_bytes(pdf_art())
        text = (ROOT / "examples" / "demo-complete.yaml").read_text(encoding="utf-8")
        for kind in ("svg", "pdf"):
            spec = folder / f"demo-emblem-{kind}.yaml"
            spec.write_text(text + f"\nemblem: art/emblem.{kind}\n", encoding="utf-8")
            out.append((f"demo-complete/emblem-{kind}", spec, []))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("base", type=Path)
    ap.add_argument("--dpi", type=int, default=50)
    ap.add_argument("--only")
    ap.add_argument("--tolerance", type=int, default=0)
    ap.add_argument("--extras", action="store_true", help="with --only: also the outlined and emblem cases")
    ns = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="compare-packs-"))
    bad = 0
    worst_all, means = 0, []
    try:
        for name, spec, args in cases(ns.only, tmp, ns.extras):
            a, b = tmp / "base" / name, tmp / "new" / name
            if not run_plan(ns.base.resolve(), spec, a, args):
                print(f"{name}: no pack (does not solve)")
                continue
            if not run_plan(ROOT, spec, b, args):
                print(f"{name}: BASE WROTE A PACK, THIS CHECKOUT DID NOT")
                bad += 1
                continue
            for row in compare(a, b, ns.dpi, tmp):
                if row[1] == "missing":
                    print(f"{name}/{row[0]}: MISSING")
                    bad += 1
                    continue
                rel, worst, mean, pages, text, boxes, fonts = row
                ok = worst <= ns.tolerance and text and boxes and fonts
                bad += not ok
                worst_all = max(worst_all, worst)
                means.append(mean)
                print(f"{name}/{rel}: pages {pages} max {worst} mean {mean:.4f} text {'=' if text else 'DIFF'} "
                      f"boxes {'=' if boxes else 'DIFF'} fonts {'embedded subsets' if fonts else 'NOT SUBSET/EMBEDDED'}"
                      f"{'' if ok else '  <-- differs'}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"files compared: {len(means)}, differing: {bad}, max pixel difference {worst_all}, "
          f"mean of means {sum(means) / max(len(means), 1):.5f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
