"""Benchmark: one whole ``roomplanner plan`` run, as a user starts it, against a bare import.

    python benchmarks/bench_pack.py [--runs N] [--spec examples/enterprise-9x6.yaml]

Each run is a fresh process (``python -m roomplanner plan SPEC -o DIR``: start-up, imports,
solve, check, drawings, boards, writing the folder), timed from outside with a monotonic
clock. The yardstick is a fresh ``python -c "import roomplanner.cli"``. The two commands run
in turn (A B A B …) after one warm-up each, and the ratio is taken pair by pair, so a machine
whose speed drifts during the benchmark still gives a meaningful ratio. The package need not
be installed: the repository root is put on ``PYTHONPATH``. Both commands run with compiled
bytecode, as from an installed wheel (pip compiles it at install): ``PYTHONDONTWRITEBYTECODE``
is dropped and the bytecode goes to a temporary ``PYTHONPYCACHEPREFIX``, filled by the
warm-up runs (so is the user glyph cache, as after a first run).

Prints the median wall time of both commands (min and max beside it) and the median ratio.
Targets: ≤ 0.8 s for the plan and ≤ 4× the bare import. A third command in the rotation imports
only the libraries every plan needs (pydantic, shapely with numpy, PyYAML) and prints its ratio
to the bare import: the floor under any plan's ratio.

Issue #12 (``room.glb``, ``floorplan.dxf``, ``elevations.dxf``, ``main-wall-3d.png``): a third
command in the same rotation runs the same ``roomplanner plan`` with the export stage switched
off (``roomplanner.export.render_model_files`` and ``render_cad_files`` replaced by a function returning no files, then the
script's entry point ``roomplanner.cli.run``, as the ``roomplanner`` command runs), and the pack's extra time for these files is the pairwise ratio of the plan
with them to the plan without them (target ≤ +25 %). It counts everything the user waits for:
the exports' own imports (ezdxf, pypdfium2) as well as their work. ``--no-exports-extra``
skips it; ``benchmarks/bench_export.py`` breaks the warm, in-process time down per file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The third-party libraries a plan cannot do without, imported and nothing else: pydantic's
#: models (the spec and the plan), shapely (the room's geometry; it imports numpy) and PyYAML (the
#: spec). Their import alone is the floor of any ``roomplanner plan`` on this machine, and its
#: ratio to the bare import shows which ratio the yardstick allows at all.
LIBRARIES = "import pydantic.main, shapely, yaml"

#: ``roomplanner plan`` with the export stage of issue #12 switched off (argv follows ``-c``).
WITHOUT_EXPORTS = ("import roomplanner.export as e\n"
                   "e.render_model_files = e.render_cad_files = lambda *a, **k: {}\n"
                   "from roomplanner.cli import run\n"
                   "run()")


def timed(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):  # 1: findings fail, every file still written
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr.decode(errors='replace')}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs of each command (default 7)")
    ap.add_argument("--spec", default=str(ROOT / "examples" / "enterprise-9x6.yaml"))
    ap.add_argument("--no-exports-extra", dest="exports_extra", action="store_false",
                    help="skip the plan without the exports of issue #12 (the extra-time ratio)")
    args = ap.parse_args()

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="bench-pack-") as tmp:
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        plan = [sys.executable, "-m", "roomplanner", "plan", args.spec, "-o", str(Path(tmp) / "out")]
        bare = [sys.executable, "-c", "import roomplanner.cli"]
        libraries = [sys.executable, "-c", LIBRARIES]
        without = [sys.executable, "-c", WITHOUT_EXPORTS, "plan", args.spec, "-o", str(Path(tmp) / "out-without")]
        timed(plan, env)
        timed(bare, env)
        timed(libraries, env)
        if args.exports_extra:
            timed(without, env)
        plans, bares, floors, withouts = [], [], [], []
        for _ in range(args.runs):
            plans.append(timed(plan, env))
            bares.append(timed(bare, env))
            floors.append(timed(libraries, env))
            if args.exports_extra:
                withouts.append(timed(without, env))
    ratios = [p / b for p, b in zip(plans, bares)]

    def row(name: str, values: list[float]) -> str:
        return (f"{name:44s} median {statistics.median(values):6.3f} s   "
                f"(min {min(values):.3f}, max {max(values):.3f})")

    print(f"{args.runs} runs each, alternating; spec {Path(args.spec).name}")
    print(row("roomplanner plan (whole process)", plans))
    print(row('python -c "import roomplanner.cli"', bares))
    print(f"{'ratio plan / bare import (pairwise)':44s} median {statistics.median(ratios):6.2f} ×  "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f})")
    print("targets: plan ≤ 0.8 s, ratio ≤ 4×")
    floor_ratios = [f / b for f, b in zip(floors, bares)]
    print(row(f'python -c "{LIBRARIES}"', floors))
    print(f"{'ratio libraries alone / bare import':44s} median {statistics.median(floor_ratios):6.2f} ×  "
          f"(min {min(floor_ratios):.2f}, max {max(floor_ratios):.2f}): no plan can go below this")
    if withouts:
        extra = [p / w - 1 for p, w in zip(plans, withouts)]
        print(row("roomplanner plan without the exports (#12)", withouts))
        print(f"{'extra time of the exports (pairwise)':44s} median {100 * statistics.median(extra):+6.1f} %  "
              f"(min {100 * min(extra):+.1f}, max {100 * max(extra):+.1f}); "
              f"{statistics.median(plans) - statistics.median(withouts):+.3f} s")
        print("target (issue #12): exports ≤ +25 %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
