#!/usr/bin/env python3
"""Rebuild the CJK fonts bundled in ``fonts/`` from the Debian font packages.

The bundled fonts are single TrueType faces extracted from two Debian collections:

* ``uming-cn.ttf``      (serif, 明体) from ``uming.ttc``        in ``fonts-arphic-uming``
* ``wqy-microhei.ttf``  (sans, 黑体)  from ``wqy-microhei.ttc`` in ``fonts-wqy-microhei``

What the script does to each face (and writes into the font's ``name`` table as the
modification notice that both licences ask for):

1. picks the face by its full name (``AR PL UMing CN``, ``WenQuanYi Micro Hei``);
2. keeps every character the face maps (no charset subsetting: names on honour boards
   often need hanzi outside GB 2312), but removes glyphs that no character or layout
   feature reaches, the embedded bitmap strikes (EBDT/EBLC, BDF) and the FontForge
   timestamp table (FFTM). TrueType outlines, metrics and hinting are unchanged;
3. UMing only: moves the ideographic full stop 。 (U+3002) from the centre of its em box
   (Taiwan style) to the lower left, where GB-style (mainland) typesetting puts it;
4. checks that the result has TrueType (``glyf``) outlines, allows embedding and covers
   all 6763 hanzi of GB 2312, the GB/T 15834 punctuation, ASCII and the full-width
   forms; the script fails if anything is missing. The 682 other GB 2312 characters
   (symbols, kana, Greek, Cyrillic…) are reported but not required;
5. copies the licence texts into ``fonts/LICENSES/`` and writes ``fonts/MANIFEST.txt``
   (sizes, SHA-256, source package versions, coverage counts).

Usage::

    apt-get install fonts-arphic-uming fonts-wqy-microhei
    python scripts/build_fonts.py                 # finds the Debian files itself
    python scripts/build_fonts.py --uming PATH --microhei PATH --out fonts
    python scripts/build_fonts.py --check         # only check the bundled files

Only fontTools is needed. The output is deterministic for given input files
(timestamps are not recalculated; the notice date is ``NOTICE_DATE`` unless
``--notice-date`` is given).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

#: Date of the transformation implemented by this script (the "when" of the notice).
NOTICE_DATE = "2026-11-22"

#: Size budget for all bundled font files together.
MAX_TOTAL_BYTES = 40 * 1024 * 1024

REPO = Path(__file__).resolve().parents[1]
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
DOC_DIR = Path("/usr/share/doc")
COMMON_LICENSES = Path("/usr/share/common-licenses")

#: GB/T 15834-2011 punctuation that must be present (plus both code points used for the
#: dash and the interpunct: GB 2312 decodes to U+2015 and U+30FB, keyboards type U+2014
#: and U+00B7).
PUNCTUATION = "、，。．：；！？（）《》〈〉「」『』【】〔〕〖〗“”‘’…—―·・～／"


@dataclass(frozen=True)
class FaceSpec:
    """One bundled face: where it comes from and what it becomes."""

    key: str  # command-line option name
    package: str  # Debian package
    collection: str  # file name of the .ttc in the package
    full_name: str  # nameID 4 of the face to extract
    output: str  # file name in fonts/
    recentre_full_stop: bool  # move 。 to the lower left (GB style)


FACES = (
    FaceSpec("uming", "fonts-arphic-uming", "uming.ttc", "AR PL UMing CN", "uming-cn.ttf", True),
    FaceSpec("microhei", "fonts-wqy-microhei", "wqy-microhei.ttc", "WenQuanYi Micro Hei",
             "wqy-microhei.ttf", False),
)


# --------------------------------------------------------------------------- coverage

def gb2312_chars() -> tuple[list[str], list[str]]:
    """All characters of GB 2312 as ``(hanzi, other)``: rows 16–87 are the 6763 hanzi,
    rows 1–9 the 682 symbols, kana, Greek, Cyrillic, pinyin and box-drawing characters."""
    hanzi: list[str] = []
    other: list[str] = []
    for row in range(1, 88):
        for cell in range(1, 95):
            try:
                ch = bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            (hanzi if row >= 16 else other).append(ch)
    return hanzi, other


#: Groups that are only reported, not required (UMing lacks ￣ U+FFE3 of GB 2312 row 3).
INFORMATIVE_GROUPS = frozenset({"gb2312_non_hanzi"})


def required_chars() -> dict[str, list[str]]:
    """Character groups checked in every bundled face (see ``INFORMATIVE_GROUPS``)."""
    hanzi, other = gb2312_chars()
    return {
        "gb2312_hanzi": hanzi,
        "punctuation": list(PUNCTUATION),
        "ascii": [chr(c) for c in range(0x20, 0x7F)],
        "fullwidth": [chr(c) for c in range(0xFF01, 0xFF5F)] + ["\u3000"],
        "gb2312_non_hanzi": other,
    }


def coverage_report(font: TTFont) -> dict[str, tuple[int, list[str]]]:
    """``{group: (size, missing characters)}`` for the groups of :func:`required_chars`."""
    cmap = font.getBestCmap()
    return {
        group: (len(chars), [c for c in chars if ord(c) not in cmap])
        for group, chars in required_chars().items()
    }


def check_font(path: Path) -> list[str]:
    """Problems of a built font file (empty list if it is usable)."""
    problems: list[str] = []
    font = TTFont(str(path), lazy=True)
    if "glyf" not in font or "CFF " in font or "CFF2" in font:
        problems.append(f"{path.name}: not a TrueType-outline font")
    fs_type = font["OS/2"].fsType
    if fs_type & 0x0002:
        problems.append(f"{path.name}: restricted licence embedding (fsType {fs_type:#x})")
    for group, (size, missing) in coverage_report(font).items():
        if missing and group not in INFORMATIVE_GROUPS:
            shown = " ".join(f"{c}(U+{ord(c):04X})" for c in missing[:20])
            problems.append(f"{path.name}: {len(missing)} of {size} {group} missing: {shown}")
    return problems


# --------------------------------------------------------------------------- sources

def find_collection(spec: FaceSpec) -> Path:
    """The collection file of ``spec`` under the standard Debian font directories."""
    for base in FONT_DIRS:
        if base.is_dir():
            hits = sorted(base.rglob(spec.collection))
            if hits:
                return hits[0]
    raise SystemExit(f"{spec.collection} not found under {', '.join(map(str, FONT_DIRS))}; "
                     f"install {spec.package} or pass --{spec.key} PATH")


def package_version(package: str) -> str:
    """Installed Debian version of ``package`` (``unknown`` without dpkg)."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def pick_face(collection: Path, full_name: str) -> TTFont:
    """The face called ``full_name`` in a .ttc (or the font itself for a .ttf)."""
    if collection.suffix.lower() != ".ttc":
        return TTFont(str(collection), recalcTimestamp=False)
    ttc = TTCollection(str(collection), recalcTimestamp=False)
    names = []
    for index, face in enumerate(ttc.fonts):
        name = face["name"].getDebugName(4)
        names.append(name)
        if name == full_name:
            face.face_index = index  # type: ignore[attr-defined]
            return face
    raise SystemExit(f"{collection}: no face named {full_name!r} (has {names})")


# --------------------------------------------------------------------------- transform

def move_glyph(font: TTFont, glyph_name: str, dx: int, dy: int) -> None:
    """Translate the outline of a simple TrueType glyph by (dx, dy) font units."""
    glyf = font["glyf"]
    glyph_set = font.getGlyphSet()
    pen = TTGlyphPen(glyph_set)
    glyph_set[glyph_name].draw(TransformPen(pen, (1, 0, 0, 1, dx, dy)))
    new = pen.glyph()
    new.recalcBounds(glyf)
    glyf[glyph_name] = new
    advance, _lsb = font["hmtx"][glyph_name]
    font["hmtx"][glyph_name] = (advance, new.xMin)


def recentre_full_stop(font: TTFont) -> str:
    """Move 。 (U+3002) to the lower left of its em box, as mainland fonts draw it.

    Returns a description of the change for the modification notice."""
    upm = font["head"].unitsPerEm
    name = font.getBestCmap()[0x3002]
    glyph = font["glyf"][name]
    glyph.recalcBounds(font["glyf"])
    # Target: left edge at 0.10 em, bottom at -0.07 em (like the comma ， of this font).
    dx = round(0.10 * upm) - glyph.xMin
    dy = round(-0.07 * upm) - glyph.yMin
    move_glyph(font, name, dx, dy)
    return f"moved U+3002 by ({dx}, {dy}) units to the lower left (GB style)"


def strip_face(font: TTFont) -> None:
    """Drop unreachable glyphs, bitmap strikes and FontForge tables; keep the whole cmap."""
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.legacy_kern = True
    opts.hinting = True
    opts.glyph_names = False
    opts.recalc_timestamp = False
    for tag in ("FFTM", "BDF ", "EBDT", "EBLC", "EBSC"):
        if tag in font:
            del font[tag]
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=list(font.getBestCmap().keys()))
    subsetter.subset(font)


def add_notice(font: TTFont, notice: str) -> None:
    """Append the modification notice to the description (nameID 10) of every platform."""
    table = font["name"]
    for platform_id, enc_id, lang_id in ((3, 1, 0x409), (1, 0, 0)):
        old = table.getName(10, platform_id, enc_id, lang_id)
        text = (str(old) + "\n\n" if old else "") + notice
        table.setName(text, 10, platform_id, enc_id, lang_id)


def build_face(spec: FaceSpec, source: Path, out_dir: Path, notice_date: str) -> Path:
    """Extract, strip, adjust and save one face; returns the output path."""
    font = pick_face(source, spec.full_name)
    index = getattr(font, "face_index", 0)
    version = package_version(spec.package)
    changes = [f"extracted face {index} ({spec.full_name}) from {source.name} "
               f"(Debian {spec.package} {version})",
               "removed embedded bitmaps (EBDT/EBLC/BDF), the FFTM table and glyphs "
               "no character maps to; TrueType outlines and metrics otherwise unchanged"]
    strip_face(font)
    if spec.recentre_full_stop:
        changes.append(recentre_full_stop(font))
    notice = (f"Modified on {notice_date} for roomplanner (scripts/build_fonts.py): "
              + "; ".join(changes) + ".")
    add_notice(font, notice)
    out = out_dir / spec.output
    font.save(str(out))
    return out


# --------------------------------------------------------------------------- licences

def copy_licences(out_dir: Path) -> list[str]:
    """Copy the licence texts of both packages into ``out_dir/LICENSES``."""
    lic = out_dir / "LICENSES"
    lic.mkdir(parents=True, exist_ok=True)
    written: list[str] = []

    def put(name: str, text: str) -> None:
        (lic / name).write_text(text, encoding="utf-8")
        written.append(name)

    def read(path: Path) -> str:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        return data.decode("utf-8")

    uming_doc = DOC_DIR / "fonts-arphic-uming"
    for name, candidates in {
        "ARPHICPL.txt": [uming_doc / "license/english/ARPHICPL.TXT.gz",
                         uming_doc / "license/english/ARPHICPL.TXT"],
        "ARPHICPL.zh_CN.txt": [uming_doc / "license/zh_CN.utf-8/ARPHICPL.txt.gz",
                               uming_doc / "license/zh_CN.utf-8/ARPHICPL.txt"],
        "fonts-arphic-uming.copyright.txt": [uming_doc / "copyright"],
        "fonts-wqy-microhei.copyright.txt": [DOC_DIR / "fonts-wqy-microhei/copyright"],
        "Apache-2.0.txt": [COMMON_LICENSES / "Apache-2.0"],
    }.items():
        source = next((p for p in candidates if p.is_file()), None)
        if source is None:
            raise SystemExit(f"licence text for {name} not found (looked at "
                             f"{', '.join(map(str, candidates))})")
        put(name, read(source))
    return written


def write_manifest(out_dir: Path, built: list[tuple[FaceSpec, Path]], notice_date: str) -> None:
    """Write ``MANIFEST.txt``: one block per font with source, size, hash and coverage."""
    lines = ["# Bundled fonts, written by scripts/build_fonts.py; do not edit by hand.", ""]
    for spec, path in built:
        font = TTFont(str(path), lazy=True)
        cmap = font.getBestCmap()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines += [
            f"[{path.name}]",
            f"name = {font['name'].getDebugName(4)}",
            f"source = {spec.package} {package_version(spec.package)}: {spec.collection}",
            f"modified = {notice_date}",
            f"bytes = {path.stat().st_size}",
            f"sha256 = {digest}",
            f"glyphs = {font['maxp'].numGlyphs}",
            f"mapped_characters = {len(cmap)}",
            f"cjk_unified_ideographs = {sum(1 for c in cmap if 0x4E00 <= c <= 0x9FFF)}",
        ]
        for group, (size, missing) in coverage_report(font).items():
            lines.append(f"coverage.{group} = {size - len(missing)}/{size}")
        lines.append("")
    (out_dir / "MANIFEST.txt").write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for spec in FACES:
        parser.add_argument(f"--{spec.key}", type=Path, metavar="PATH",
                            help=f"{spec.collection} from {spec.package} "
                                 "(default: searched under /usr/share/fonts)")
    parser.add_argument("--out", type=Path, default=REPO / "fonts",
                        help="output folder (default: fonts/ of this repository)")
    parser.add_argument("--notice-date", default=NOTICE_DATE,
                        help="date written into the modification notice")
    parser.add_argument("--check", action="store_true",
                        help="only check the fonts already in the output folder")
    args = parser.parse_args(argv)
    out_dir: Path = args.out

    if not args.check:
        out_dir.mkdir(parents=True, exist_ok=True)
        built = []
        for spec in FACES:
            source = getattr(args, spec.key) or find_collection(spec)
            print(f"building {spec.output} from {source}")
            built.append((spec, build_face(spec, source, out_dir, args.notice_date)))
        print("licences:", ", ".join(copy_licences(out_dir)))
        write_manifest(out_dir, built, args.notice_date)

    problems: list[str] = []
    total = 0
    for spec in FACES:
        path = out_dir / spec.output
        if not path.is_file():
            problems.append(f"{path.name}: missing")
            continue
        total += path.stat().st_size
        problems += check_font(path)
        report = coverage_report(TTFont(str(path), lazy=True))
        counts = ", ".join(f"{g} {n - len(m)}/{n}" for g, (n, m) in report.items())
        print(f"{path.name}: {path.stat().st_size / 1e6:.2f} MB; {counts}")
    if total > MAX_TOTAL_BYTES:
        problems.append(f"fonts total {total / 1e6:.1f} MB, over the "
                        f"{MAX_TOTAL_BYTES / 1e6:.0f} MB budget")
    for problem in problems:
        print("ERROR:", problem, file=sys.stderr)
    print(f"total {total / 1e6:.2f} MB; {'FAILED' if problems else 'ok'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
