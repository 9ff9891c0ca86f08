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
Targets: ≤ 0.8 s for the plan and ≤ 4× the bare import.
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
    args = ap.parse_args()

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="bench-pack-") as tmp:
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        plan = [sys.executable, "-m", "roomplanner", "plan", args.spec, "-o", str(Path(tmp) / "out")]
        bare = [sys.executable, "-c", "import roomplanner.cli"]
        timed(plan, env)
        timed(bare, env)
        plans, bares = [], []
        for _ in range(args.runs):
            plans.append(timed(plan, env))
            bares.append(timed(bare, env))
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
