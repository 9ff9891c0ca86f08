#!/usr/bin/env python3
"""Write ``fonts/<font>.facts`` for every bundled font (see roomplanner/typeset/fontdata.py).

Run after ``scripts/build_fonts.py`` changes a font; ``--check`` only verifies that each
``.facts`` file matches its font (exit 1 otherwise). Deterministic: the same font gives the
same bytes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from roomplanner.typeset import fontdata  # noqa: E402
from roomplanner.typeset.fonts import BUNDLED  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fonts", type=Path, default=REPO / "fonts", help="folder of the bundled fonts")
    ap.add_argument("--check", action="store_true", help="only check the .facts files")
    args = ap.parse_args(argv)
    bad = 0
    for font in BUNDLED.values():
        path = args.fonts / font.filename
        data = fontdata.build(path)
        target = fontdata.facts_path(path)
        if args.check:
            ok = target.is_file() and target.read_bytes() == data
            print(f"{target.name}: {'ok' if ok else 'STALE or missing'}")
            bad += not ok
        else:
            target.write_bytes(data)
            print(f"{target.name}: {len(data)} bytes")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
