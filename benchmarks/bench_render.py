"""Benchmark: render every drawing of a typical room (floor plan SVG + PDF, all elevations
as SVG and one PDF with the schedule, installation.csv).

    python benchmarks/bench_render.py [--runs N] [--spec examples/enterprise-9x6.yaml] [--outline-text]

The room is solved once (solver time is not counted); the first render, which loads and
registers the bundled fonts, is reported separately. Prints per-stage and total times in
milliseconds (median, p95, min, max). Target: ≤ 300 ms per room (median total).
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
from roomplanner.render.drawing import drawing_set, render_drawings, resolve_date  # noqa: E402
from roomplanner.render.installation import installation_csv  # noqa: E402
from roomplanner.render.pdf import pdf_bytes  # noqa: E402
from roomplanner.render.svg import svg_string  # noqa: E402
from roomplanner.solver import solve  # noqa: E402


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100 * (len(s) - 1)))))
    return s[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--spec", default=str(ROOT / "examples" / "enterprise-9x6.yaml"))
    ap.add_argument("--outline-text", action="store_true")
    args = ap.parse_args()

    plan = solve(load_spec(args.spec))
    date = resolve_date(plan, None)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        render_drawings(plan, Path(tmp) / "first", outline_text=args.outline_text)
        first = (time.perf_counter() - t0) * 1000

        stages: dict[str, list[float]] = {"frontend": [], "svg": [], "pdf": [], "csv": [], "total (render_drawings)": []}
        for k in range(args.runs):
            t = time.perf_counter()
            ds = drawing_set(plan, "zh", date)
            stages["frontend"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            svg_string(ds.floorplan, args.outline_text)
            for pg in ds.elevations:
                if pg.meta.get("kind") == "elevation":
                    svg_string(pg, args.outline_text)
            stages["svg"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            pdf_bytes([ds.floorplan], args.outline_text)
            pdf_bytes(ds.elevations, args.outline_text)
            stages["pdf"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            installation_csv(plan)
            stages["csv"].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            render_drawings(plan, Path(tmp) / f"run{k}", outline_text=args.outline_text)
            stages["total (render_drawings)"].append((time.perf_counter() - t) * 1000)

    n_el = sum(1 for pg in ds.elevations if pg.meta.get("kind") == "elevation")
    print(f"room: {Path(args.spec).name}  walls drawn: {n_el}  wall items: {len(plan.wall_items)}  "
          f"floor items: {len(plan.floor_items)}  runs: {args.runs}  outline_text: {args.outline_text}")
    print(f"first render (loads and registers fonts): {first:.0f} ms")
    print(f"{'stage':<26}{'median':>9}{'p95':>9}{'min':>9}{'max':>9}   (ms)")
    for name, vals in stages.items():
        print(f"{name:<26}{statistics.median(vals):>9.1f}{pct(vals, 95):>9.1f}{min(vals):>9.1f}{max(vals):>9.1f}")
    med = statistics.median(stages["total (render_drawings)"])
    print(f"target ≤ 300 ms per room: {'met' if med <= 300 else 'NOT met'} (median {med:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
