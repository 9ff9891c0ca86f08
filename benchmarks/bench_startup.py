"""Benchmark: cold start-up — how long a fresh process takes to import what a command needs.

    python benchmarks/bench_startup.py [--runs N]

Each command runs in a fresh process (as a user starts ``roomplanner``), timed from outside
with a monotonic clock; the commands run in turn (A B C … A B C …) after one warm-up each, so
a machine whose speed drifts still gives comparable medians. Bytecode is compiled, as from an
installed wheel: ``PYTHONDONTWRITEBYTECODE`` is dropped and the bytecode goes to a temporary
``PYTHONPYCACHEPREFIX`` filled by the warm-up runs. The repository root is put on
``PYTHONPATH``; the package need not be installed.

Prints per command the median wall time (min and max beside it) and the median of its time
minus the bare interpreter's (``python -c pass``) in the same round: what roomplanner's own
imports cost. ``benchmarks/bench_pack.py`` times the whole ``roomplanner plan``.
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

COMMANDS = {
    "python -c pass": ["-c", "pass"],
    "import pydantic": ["-c", "import pydantic"],
    "import roomplanner.model.plan": ["-c", "import roomplanner.model.plan"],
    "import roomplanner.cli": ["-c", "import roomplanner.cli"],
    "import roomplanner (public API)": ["-c", "import roomplanner"],
    "roomplanner --help": ["-m", "roomplanner", "--help"],
    "plan path imports (no run)": ["-c", "import roomplanner.cli, roomplanner.model.spec, roomplanner.solver, "
                                         "roomplanner.pipeline"],
}


def timed(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr.decode(errors='replace')}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9, help="timed runs of each command (default 9)")
    args = ap.parse_args()

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        for argv in COMMANDS.values():
            timed([sys.executable, *argv], env)
        for _ in range(args.runs):
            for name, argv in COMMANDS.items():
                times[name].append(timed([sys.executable, *argv], env))
    bare = times["python -c pass"]
    print(f"{args.runs} runs each, alternating; Python {sys.version.split()[0]}")
    for name, values in times.items():
        own = statistics.median(v - b for v, b in zip(values, bare))
        print(f"{name:34s} median {statistics.median(values):6.3f} s  (min {min(values):.3f}, max {max(values):.3f})"
              f"   over bare python {own:+.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
