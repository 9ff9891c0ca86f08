"""Benchmark: the pack's extra time for the exports of issue #12 (room.glb, floorplan.dxf,
elevations.dxf, main-wall-3d.png), in one warm process.

    python benchmarks/bench_export.py [--runs N] [--spec examples/enterprise-9x6.yaml]

The room is solved once (solver time is not counted). Then, interleaved so that machine load
hits both alike, ``build_pack`` runs N times with the export stage and N times without it
(``roomplanner.export.render_model_files`` and ``render_cad_files`` replaced by a function
returning no files: the two halves ``build_pack`` calls). Prints the medians, the ratio (target: the exports add ≤ 25 %),
and each export's own time. ``benchmarks/bench_pack.py`` measures the same extra time for a
whole ``roomplanner plan`` process (cold imports included).

``--first-use``: instead, the 3D model's lane (``render_model_files``: room.glb and
main-wall-3d.png) in fresh processes, as the pack's worker runs it: after the room is solved
and its boards made, its first call ("cold": imports and first-use set-up included) and its
later calls ("warm"). In turn with those, processes that import the model's modules before
the boards (as the worker's warm-up did) and processes that call ``prepare_model_lane()``
there (as a worker waiting for the plan would): their first calls.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import roomplanner.export as export  # noqa: E402
import roomplanner.pipeline as pipeline  # noqa: E402
from roomplanner.model.spec import load_spec  # noqa: E402
from roomplanner.solver import solve  # noqa: E402


def _no_exports(plan, files=None, lang="zh", date=None) -> dict[str, bytes]:
    return {}


#: One fresh process of ``--first-use`` (argv: spec, "cold", "imported" or "prepared"); prints
#: its times (ms) as JSON.
FIRST_USE = """
import json, sys, time
from pathlib import Path
import roomplanner.pipeline as pipeline
from roomplanner.model.spec import load_spec
from roomplanner.solver import solve
spec, mode = Path(sys.argv[1]), sys.argv[2]
plan = solve(load_spec(spec))
out = {}
t = time.perf_counter()
if mode == "imported":      # what the pack's worker imported for the model before prepare_model_lane
    import pypdfium2, roomplanner.export.gltf, roomplanner.export.perspective, roomplanner.export.textures
elif mode == "prepared":
    from roomplanner.export import prepare_model_lane
    prepare_model_lane()
out["prepare"] = (time.perf_counter() - t) * 1000
plan, photos = pipeline.bundle_photos(plan, spec.parent)
from roomplanner.printing.boards import board_files
boards = board_files(plan, spec_dir=spec.parent, photos=photos)
files = {f"boards/{k}": v for k, v in boards.items()}
runs = []
for _ in range(4):
    t = time.perf_counter()
    from roomplanner.export import render_model_files
    render_model_files(plan, files)
    runs.append((time.perf_counter() - t) * 1000)
out["first"], out["warm"] = runs[0], sorted(runs[1:])[1]
print(json.dumps(out))
"""


def first_use(args) -> int:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    got: dict[str, list[dict]] = {"cold": [], "imported": [], "prepared": []}
    with tempfile.TemporaryDirectory() as pyc:
        env["PYTHONPYCACHEPREFIX"] = pyc
        for k in range(args.runs + 1):          # the first pair fills the bytecode cache
            for mode in got:
                proc = subprocess.run([sys.executable, "-c", FIRST_USE, args.spec, mode], env=env, cwd=ROOT,
                                      capture_output=True, text=True)
                if proc.returncode:
                    raise SystemExit(proc.stderr)
                if k:
                    got[mode].append(json.loads(proc.stdout))
    print(f"3D model lane (render_model_files) of {Path(args.spec).name}, {args.runs} fresh processes each, "
          "median (min–max) ms:")

    def line(name: str, vals: list[float]) -> None:
        print(f"  {name:<34}{statistics.median(vals):7.1f}  ({min(vals):.1f}–{max(vals):.1f})")

    line("first call (cold)", [r["first"] for r in got["cold"]])
    line("first call after its imports only", [r["first"] for r in got["imported"]])
    line("first call after prepare_model_lane", [r["first"] for r in got["prepared"]])
    line("later calls (warm)", [r["warm"] for rs in got.values() for r in rs])
    line("the imports only, themselves", [r["prepare"] for r in got["imported"]])
    line("prepare_model_lane itself", [r["prepare"] for r in got["prepared"]])
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--spec", default=str(ROOT / "examples" / "enterprise-9x6.yaml"))
    ap.add_argument("--first-use", action="store_true",
                    help="time the 3D model's lane in fresh processes: cold, after prepare_model_lane, warm")
    args = ap.parse_args()
    if args.first_use:
        return first_use(args)

    plan = solve(load_spec(args.spec))
    real = (export.render_model_files, export.render_cad_files)

    cpu: dict[bool, list[float]] = {True: [], False: []}

    def run(exports: bool) -> tuple[float, dict]:
        export.render_model_files, export.render_cad_files = real if exports else (_no_exports, _no_exports)
        try:
            c = time.process_time()
            t = time.perf_counter()
            pack = pipeline.build_pack(plan, date="2026-01-01")
            ms = (time.perf_counter() - t) * 1000
            cpu[exports].append((time.process_time() - c) * 1000)
            return ms, pack.files
        finally:
            export.render_model_files, export.render_cad_files = real

    _, files = run(True)   # warm-up: fonts, imports
    run(False)
    if not all(n in files for n in export.NAMES):
        raise SystemExit(f"the pack lacks some of {export.NAMES}")
    with_ms, without_ms = [], []
    cpu[True].clear()
    cpu[False].clear()
    for _ in range(args.runs):
        with_ms.append(run(True)[0])
        without_ms.append(run(False)[0])

    from roomplanner.export import _root_extras
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
        scene_to_glb(scene, _root_extras(plan, scene))
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
        export.render_exports(plan, boards)
        parts["render_exports"].append((time.perf_counter() - t) * 1000)

    mw, mo = statistics.median(with_ms), statistics.median(without_ms)
    ratios = [w / o for w, o in zip(with_ms, without_ms)]
    sizes = {k: len(files[k]) for k in export.NAMES}
    print(f"room: {Path(args.spec).name}  wall items: {len(plan.wall_items)}  floor items: "
          f"{len(plan.floor_items)}  runs: {args.runs} (in one warm process, interleaved)")
    print(f"build_pack without exports: median {mo:7.0f} ms (min {min(without_ms):.0f}, max {max(without_ms):.0f})")
    print(f"build_pack with exports:    median {mw:7.0f} ms (min {min(with_ms):.0f}, max {max(with_ms):.0f})")
    print(f"extra time: {mw - mo:.0f} ms = {100 * (mw / mo - 1):+.1f} % of the pack without them "
          f"(pairwise median {100 * (statistics.median(ratios) - 1):+.1f} %; target ≤ +25 %)")
    cw, co = statistics.median(cpu[True]), statistics.median(cpu[False])
    print(f"CPU time (process_time, less disturbed by other load): without {co:.0f} ms, with {cw:.0f} ms: "
          f"{100 * (cw / co - 1):+.1f} %")
    print(f"{'export':<20}{'median':>9}{'min':>9}{'max':>9}   (ms)")
    for name, vals in parts.items():
        print(f"{name:<20}{statistics.median(vals):>9.1f}{min(vals):>9.1f}{max(vals):>9.1f}")
    print("sizes: " + ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sizes.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
