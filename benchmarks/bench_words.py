"""Benchmark: the cost of issue 11's words — loading a spec (valid, and invalid with the
Chinese messages and the full-width hint) and rendering a pack's ``index.html`` (its font
subset dominates).

    python benchmarks/bench_words.py [--runs N]

The pack is built once (not timed); ``render_index`` is timed on its files. Prints medians
and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roomplanner.errors import SpecError  # noqa: E402
from roomplanner.model.spec import loads_spec  # noqa: E402


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def row(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {p95:.1f} |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    text = (ROOT / "examples" / "demo-complete.yaml").read_text(encoding="utf-8")
    bad = text.replace("\nroom:", "\nroom：", 1)
    invalid = text.replace("members: 25", "members: 0").replace("height: 3000", "heigth: 3000", 1)

    def load_bad(t):
        try:
            loads_spec(t)
        except SpecError:
            return
        raise AssertionError("expected a SpecError")

    loads_spec(text)
    print("| case | runs | median ms | p95 ms |\n|---|---|---|---|")
    print(row("load the demo spec (valid)", timed(lambda: loads_spec(text), args.runs)))
    print(row("invalid spec: Chinese messages", timed(lambda: load_bad(invalid), args.runs)))
    print(row("YAML error with the full-width hint", timed(lambda: load_bad(bad), args.runs)))

    from roomplanner.pack_index import render_index
    from roomplanner.pipeline import build_pack
    from roomplanner.solver import solve
    plan = solve(loads_spec(text))
    pack = build_pack(plan, spec_dir=ROOT / "examples")
    files = {k: v for k, v in pack.files.items() if k != "index.html"}
    runs = max(3, args.runs // 5)
    print(row("index.html (font subset included)", timed(lambda: render_index(pack.plan, pack.report, files, "zh"),
                                                         runs)))


if __name__ == "__main__":
    main()
