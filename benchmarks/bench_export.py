"""Benchmark: the pack's extra time for the exports of issue #12 (room.glb, floorplan.dxf,
elevations.dxf, main-wall-3d.png).

    python benchmarks/bench_export.py [--runs N] [--spec examples/enterprise-9x6.yaml]

The room is solved once (solver time is not counted). Then, interleaved so that machine load
hits both alike, ``build_pack`` runs N times with the export stage and N times without it
(the stage switched off the way the pipeline skips a stage that has not landed). Prints the
medians, the ratio (target: the exports add ≤ 25 %), and each export's own time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import roomplanner.pipeline as pipeline  # noqa: E402
from roomplanner.model.spec import load_spec  # noqa: E402
from roomplanner.solver import solve  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--spec", default=str(ROOT / "examples" / "enterprise-9x6.yaml"))
    args = ap.parse_args()

    plan = solve(load_spec(args.spec))
    real_stage = pipeline._stage

    def without_exports(module: str, name: str):
        return None if module == "roomplanner.export" else real_stage(module, name)

    def run(exports: bool) -> tuple[float, dict]:
        pipeline._stage = real_stage if exports else without_exports
        try:
            t = time.perf_counter()
            pack = pipeline.build_pack(plan, date="2026-01-01")
            return (time.perf_counter() - t) * 1000, pack.files
        finally:
            pipeline._stage = real_stage

    run(True)   # warm-up: fonts, imports
    with_ms, without_ms = [], []
    for _ in range(args.runs):
        ms, files = run(True)
        with_ms.append(ms)
        without_ms.append(run(False)[0])

    from roomplanner.export import render_exports
    from roomplanner.export.dxf_elevations import elevations_dxf
    from roomplanner.export.dxf_floorplan import floorplan_dxf
    from roomplanner.export.gltf import scene_to_glb
    from roomplanner.export.perspective import render_perspective_png
    from roomplanner.export.scene import build_scene

    boards = {k: v for k, v in files.items() if k.startswith("boards/") and k.endswith(".pdf")}
    parts: dict[str, list[float]] = {"scene + textures": [], "room.glb": [], "main-wall-3d.png": [],
                                     "floorplan.dxf": [], "elevations.dxf": [], "render_exports": []}
    for _ in range(args.runs):
        t = time.perf_counter()
        scene = build_scene(plan, boards)
        parts["scene + textures"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        scene_to_glb(scene)
        parts["room.glb"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        render_perspective_png(plan, scene)
        parts["main-wall-3d.png"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        floorplan_dxf(plan)
        parts["floorplan.dxf"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        elevations_dxf(plan)
        parts["elevations.dxf"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        render_exports(plan, boards)
        parts["render_exports"].append((time.perf_counter() - t) * 1000)

    mw, mo = statistics.median(with_ms), statistics.median(without_ms)
    sizes = {k: len(files[k]) for k in ("room.glb", "floorplan.dxf", "elevations.dxf", "main-wall-3d.png")}
    print(f"room: {Path(args.spec).name}  wall items: {len(plan.wall_items)}  floor items: "
          f"{len(plan.floor_items)}  runs: {args.runs}")
    print(f"build_pack without exports: median {mo:.0f} ms (min {min(without_ms):.0f}, max {max(without_ms):.0f})")
    print(f"build_pack with exports:    median {mw:.0f} ms (min {min(with_ms):.0f}, max {max(with_ms):.0f})")
    print(f"extra time: {mw - mo:.0f} ms = {100 * (mw / mo - 1):.1f} % (target ≤ 25 %)")
    print(f"{'export':<20}{'median':>9}{'min':>9}{'max':>9}   (ms)")
    for name, vals in parts.items():
        print(f"{name:<20}{statistics.median(vals):>9.1f}{min(vals):>9.1f}{max(vals):>9.1f}")
    print("sizes: " + ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sizes.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
