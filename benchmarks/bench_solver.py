"""Solver benchmark: solve time per room (walls + floor) on the example rooms, on a generated
set of rectangles and L-shapes, and on a "hard" set (rotated rooms, slanted walls, five-sided
rooms, windows on several walls, columns); infeasibility explanation time. Run:

    python benchmarks/bench_solver.py [--rooms 200] [--seed 1]

Prints a table (median, p95, max in ms). Figures in the README come from this script on the
project's 2-core machine; they are never asserted in tests (machines are noisy).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roomplanner.errors import InfeasibleError  # noqa: E402
from roomplanner.model.spec import load_spec, spec_from_data  # noqa: E402
from roomplanner.profiles import known_types  # noqa: E402
from roomplanner.solver import solve  # noqa: E402


def generated_rooms(n: int, seed: int):
    rnd = random.Random(seed)
    types = known_types()
    out = []
    while len(out) < n:
        w = rnd.randrange(5000, 14001, 100)
        d = rnd.randrange(4000, 10001, 100)
        if rnd.random() < 0.3:
            cx, cy = rnd.randrange(2000, w - 1500, 100), rnd.randrange(2000, d - 1500, 100)
            outline = [[0, 0], [w, 0], [w, cy], [cx, cy], [cx, d], [0, d]]
        else:
            outline = [[0, 0], [w, 0], [w, d], [0, d]]
        door_wall = 0
        openings = [{"kind": "door", "wall": door_wall, "offset": rnd.randrange(300, w - 1300, 100),
                     "width": 1000, "height": 2100}]
        if rnd.random() < 0.7:
            ww = rnd.choice([1200, 1800, 2400])
            L = abs(outline[1][1] - outline[2][1]) or 3000
            if L > ww + 600:
                openings.append({"kind": "window", "wall": 1, "offset": rnd.randrange(300, int(L - ww - 299), 100),
                                 "width": ww, "sill": 900, "height": 1500})
        members = rnd.randrange(3, 51)
        data = {"branch": {"name": "测试党支部", "type": rnd.choice(types), "members": members},
                "room": {"outline": outline, "height": rnd.choice([2800, 3000, 3200, 3600]), "openings": openings}}
        try:
            out.append(spec_from_data(data))
        except Exception:
            continue
    return out


def hard_rooms(n: int, seed: int):
    """Rotated rooms, a slanted wall, a five-sided room; windows on several walls, columns
    and wall units."""
    import math
    rnd = random.Random(seed)
    types = known_types()
    out = []
    while len(out) < n:
        w = rnd.randrange(6000, 14001, 100)
        d = rnd.randrange(5000, 10001, 100)
        shape = rnd.choice(["slant", "pentagon", "rect", "L"])
        if shape == "slant":
            outline = [[0, 0], [w, 0], [w, d - rnd.randrange(500, 2001, 100)], [0, d]]
        elif shape == "pentagon":
            outline = [[0, 0], [w, 0], [w, d], [w // 2, d + rnd.randrange(500, 2001, 100)], [0, d]]
        elif shape == "L":
            cx, cy = rnd.randrange(2500, w - 2000, 100), rnd.randrange(2500, d - 2000, 100)
            outline = [[0, 0], [w, 0], [w, cy], [cx, cy], [cx, d], [0, d]]
        else:
            outline = [[0, 0], [w, 0], [w, d], [0, d]]
        a = math.radians(rnd.choice([0, 13, 30, 45, 77, 120]))
        outline = [[round(x * math.cos(a) - y * math.sin(a), 1), round(x * math.sin(a) + y * math.cos(a), 1)]
                   for x, y in outline]
        nw = len(outline)
        openings = [{"kind": "door", "wall": 0, "offset": rnd.randrange(300, w - 1300, 100), "width": 1000,
                     "height": 2100}]
        for _ in range(rnd.randrange(0, 4)):
            openings.append({"kind": "window", "wall": rnd.randrange(1, nw), "offset": rnd.randrange(300, 3000, 100),
                             "width": rnd.choice([900, 1500, 2400]), "sill": 900, "height": 1500})
        obstacles = [{"wall": rnd.randrange(0, nw), "offset": rnd.randrange(300, 3000, 100), "width": 600,
                      "bottom": 0, "top": 2800, "depth": 400, "label": "柱"} for _ in range(rnd.randrange(0, 3))]
        data = {"branch": {"name": "测试党支部", "type": rnd.choice(types), "members": rnd.randrange(3, 51)},
                "room": {"outline": outline, "height": rnd.choice([2800, 3000, 3300]), "openings": openings,
                         "obstacles": obstacles}}
        try:
            out.append(spec_from_data(data))
        except Exception:
            continue
    return out


def timed(spec):
    t = time.perf_counter()
    try:
        solve(spec)
        ok = True
    except InfeasibleError:
        ok = False
    return (time.perf_counter() - t) * 1000, ok


def row(name, xs):
    if not xs:
        return f"| {name:28s} | {0:5d} |    – |    – |    – |"
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
    return f"| {name:28s} | {len(xs):5d} | {statistics.median(xs):6.1f} | {p95:6.1f} | {xs[-1]:6.1f} |"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rooms", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    examples = [load_spec(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    solve(examples[0])                       # warm caches (profiles, catalogs)
    ex_ok, ex_bad, gen_ok, gen_bad = [], [], [], []
    for s in examples:
        ms, ok = timed(s)
        (ex_ok if ok else ex_bad).append(ms)
    for s in generated_rooms(args.rooms, args.seed):
        ms, ok = timed(s)
        (gen_ok if ok else gen_bad).append(ms)
    hard_ok, hard_bad = [], []
    for s in hard_rooms(args.rooms, args.seed):
        ms, ok = timed(s)
        (hard_ok if ok else hard_bad).append(ms)
    print("| set                          | rooms | median ms | p95 ms | max ms |")
    print("|------------------------------|-------|-----------|--------|--------|")
    print(row("examples, solved", ex_ok))
    print(row("examples, infeasible", ex_bad))
    print(row(f"generated ({args.rooms}), solved", gen_ok))
    print(row(f"generated ({args.rooms}), infeasible", gen_bad))
    print(row(f"hard ({args.rooms}), solved", hard_ok))
    print(row(f"hard ({args.rooms}), infeasible", hard_bad))
    print(row("all", ex_ok + ex_bad + gen_ok + gen_bad + hard_ok + hard_bad))
    return 0


if __name__ == "__main__":
    sys.exit(main())
