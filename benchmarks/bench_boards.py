"""Benchmark: render all boards of a typical room (every board and sign as PDF + SVG, the
production list and the proof file), i.e. one ``render_boards`` call.

    python benchmarks/bench_boards.py [--runs N] [--spec examples/enterprise-9x6.yaml] [--full] [--outline-text]

The room is solved once (solver time is not counted). ``--full`` fills the spec with complete
content (committee, honours and members with photos, rules, activities, an activity day) and
adds one board of every role the profile lacks — a heavier room than any profile asks for.
The first render, which loads the bundled fonts (fontTools and reportlab) and decodes their
glyph tables, is reported separately: in the command-line pipeline the drawings stage has
already paid that cost when the boards are rendered. Prints per-stage and total times in
milliseconds (median, p95, min, max). Target: ≤ 1000 ms per room (median total).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roomplanner.model.spec import load_spec  # noqa: E402
from roomplanner.printing.boards import compose_boards, render_boards  # noqa: E402
from roomplanner.printing.pdf import board_pdf, proof_pdf  # noqa: E402
from roomplanner.printing.production import production_csv, production_pdf, production_rows  # noqa: E402
from roomplanner.printing.svg import board_svg  # noqa: E402
from roomplanner.printing.templates import load_palette  # noqa: E402
from roomplanner.solver import solve  # noqa: E402

TARGET_MS = 1000.0


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100 * (len(s) - 1)))))
    return s[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--spec", default=str(ROOT / "examples" / "enterprise-9x6.yaml"))
    ap.add_argument("--full", action="store_true", help="full content with photos and every role")
    ap.add_argument("--outline-text", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.full:
            from tests.printing.fixtures import full_plan

            plan, spec_dir = full_plan(tmp / "spec")
        else:
            plan, spec_dir = solve(load_spec(args.spec)), Path(args.spec).resolve().parent
        t0 = time.perf_counter()
        render_boards(plan, tmp / "first", spec_dir=spec_dir, outline_text=args.outline_text)
        first = (time.perf_counter() - t0) * 1000

        stages: dict[str, list[float]] = {"compose (layout, photos)": [], "svg": [], "pdf (per board)": [],
                                          "production csv+pdf": [], "proof boards.pdf": [],
                                          "total (render_boards)": []}
        pal = load_palette()
        for k in range(args.runs):
            t = time.perf_counter()
            arts = compose_boards(plan, spec_dir)
            stages["compose (layout, photos)"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            for a in arts:
                board_svg(a)
            stages["svg"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            for a in arts:
                board_pdf(a, args.outline_text)
            stages["pdf (per board)"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            rows = production_rows(plan, arts)
            production_csv(rows)
            production_pdf(plan, rows, pal, outline_text=args.outline_text)
            stages["production csv+pdf"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            proof_pdf(arts, args.outline_text)
            stages["proof boards.pdf"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            render_boards(plan, tmp / f"run{k}", spec_dir=spec_dir, outline_text=args.outline_text)
            stages["total (render_boards)"].append((time.perf_counter() - t) * 1000)

    from roomplanner.draw.primitives import Image

    n_photos = sum(1 for a in arts for op in a.ops if isinstance(op, Image))
    print(f"room: {'full content + every role' if args.full else Path(args.spec).name}  boards and signs: "
          f"{len(arts)}  photos placed: {n_photos}  runs: {args.runs}  outline_text: {args.outline_text}")
    print(f"first render (loads the fonts): {first:.0f} ms")
    print(f"{'stage':<28}{'median':>9}{'p95':>9}{'min':>9}{'max':>9}   (ms)")
    for name, vals in stages.items():
        print(f"{name:<28}{statistics.median(vals):>9.1f}{pct(vals, 95):>9.1f}{min(vals):>9.1f}{max(vals):>9.1f}")
    med = statistics.median(stages["total (render_boards)"])
    verdict = "OK" if med <= TARGET_MS else "OVER"
    print(f"median total {med:.0f} ms; target ≤ {TARGET_MS:.0f} ms: {verdict}")
    return 0 if med <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
