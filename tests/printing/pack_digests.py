"""Digests of every file of every example's full pack, to prove that a restructuring leaves the
output byte for byte as it was (the boards' counterpart of ``tests/render/drawing_digests.py``).

    python tests/printing/pack_digests.py --svg-dir before-svg > before.json   # at the starting commit
    python tests/printing/pack_digests.py --svg-dir after-svg > after.json     # after the change
    python tests/printing/pack_digests.py --compare before.json

For each example in ``examples/`` that solves, in Chinese and in English, with text and with
outlined text (and once with crop marks): SHA-256 of every file :func:`~roomplanner.pipeline.build_pack`
makes at a fixed date — plan.json, the drawings, every board PDF and SVG, the proof sheet, the
production list, the desk cards, the report, the 3D files, the index (the web server's board
SVGs are the same ``board_svg``). The PDFs carry no creation time (the own writer,
``typeset.pdfcanvas``, writes none), so they are compared whole.

Known intended difference: since the boards went to the common SVG backend (issue 9, one drawing
model) every board SVG's text differs from the raw-string writer's (attribute order, indentation,
layer groups, ``<path>`` instead of ``<polygon>``) while rendering pixel-identically in Chromium.

``--svg-dir DIR`` also writes every board SVG there (``<example>/<lang>/<name>.svg``), so that a
change that alters the SVG text on purpose can be shown to render the same
(``tests/printing/svg_render_compare.py``).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.render.drawing_digests import finish  # noqa: E402  the same --compare and output

DATE = "2026-01-15"


def digests(svg_dir: Path | None = None) -> dict[str, str]:
    from roomplanner.errors import InfeasibleError, SpecError
    from roomplanner.model.spec import load_spec
    from roomplanner.pipeline import build_pack
    from roomplanner.solver import solve

    out: dict[str, str] = {}
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        try:
            plan = solve(load_spec(path))
        except (InfeasibleError, SpecError) as e:
            out[f"{path.stem}/infeasible"] = type(e).__name__
            continue
        runs = [(lang, outline, False) for lang in ("zh", "en") for outline in (False, True)] + [("zh", False, True)]
        for lang, outline, marks in runs:
            pack = build_pack(plan, lang, outline, DATE, spec_dir=path.parent, crop_marks=marks)
            tag = f"{path.stem}/{lang}/{'outline' if outline else 'text'}{'/marks' if marks else ''}"
            for name, data in pack.files.items():
                out[f"{tag}/{name}"] = hashlib.sha256(data).hexdigest()
                if svg_dir is not None and name.startswith("boards/") and name.endswith(".svg") \
                        and not outline and not marks:
                    target = svg_dir / path.stem / lang / Path(name).name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
    return out


def main(argv: list[str]) -> int:
    svg_dir = None
    if len(argv) >= 2 and argv[0] == "--svg-dir":
        svg_dir = Path(argv[1])
        argv = argv[2:]
    return finish(digests(svg_dir), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
