"""Digests of every drawing file of every example, to prove that a change meant only for speed
leaves the output byte for byte as it was.

    python tests/render/drawing_digests.py > before.json     # at the starting commit
    python tests/render/drawing_digests.py > after.json      # after the change
    python tests/render/drawing_digests.py --compare before.json

For each example in ``examples/`` that solves, in Chinese and in English, with text and with
outlined text: SHA-256 of every file of the pack's drawings lane at a fixed date
(``floorplan.svg``, ``floorplan.pdf``, ``elevations.pdf``, every ``elevations/*.svg``,
``installation.csv``, the DXF files; the venue walls' drawings for a spec without a room), and
of the web server's stage outputs (``floorplan_svg``, ``elevation_svgs``). The PDFs carry no creation
time (the own writer, ``typeset.pdfcanvas``, writes none), so they are compared whole.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DATE = "2026-01-15"


def digests() -> dict[str, str]:
    from roomplanner.errors import InfeasibleError, SpecError
    from roomplanner.model.spec import load_spec
    from roomplanner.pipeline import drawings_lane
    from roomplanner.solver import solve
    from roomplanner.web.stages import elevation_svgs, floorplan_svg

    out: dict[str, str] = {}
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        try:
            plan = solve(load_spec(path))
        except (InfeasibleError, SpecError) as e:
            out[f"{path.stem}/infeasible"] = type(e).__name__
            continue
        for lang in ("zh", "en"):
            for outline in (False, True):
                for name, data in sorted(drawings_lane(plan, lang, outline, DATE).items()):
                    out[f"{path.stem}/{lang}/{'outline' if outline else 'text'}/{name}"] = \
                        hashlib.sha256(data).hexdigest()
            if plan.spec.venue == "none":
                continue
            out[f"{path.stem}/{lang}/web/floorplan.svg"] = hashlib.sha256(
                floorplan_svg(plan, lang, DATE).encode("utf-8")).hexdigest()
            for el in elevation_svgs(plan, lang, DATE):
                out[f"{path.stem}/{lang}/web/{el['name']}.svg"] = hashlib.sha256(
                    json.dumps(el, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return out


def main(argv: list[str]) -> int:
    return finish(digests(), argv)


def finish(now: dict[str, str], argv: list[str]) -> int:
    """Print ``now`` as JSON, or with ``--compare FILE`` the digests that differ from FILE's
    (exit 1 if any)."""
    if len(argv) >= 2 and argv[0] == "--compare":
        before = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
        for k in differ:
            print(f"DIFFERS {k}: {before.get(k)} -> {now.get(k)}")
        print(f"{len(now)} digests, {len(differ)} differ")
        return 1 if differ else 0
    json.dump(now, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
