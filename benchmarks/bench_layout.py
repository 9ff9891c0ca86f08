"""Layout quality benchmark (issue 10): on generated realistic rooms (tests/solver/rooms.py),
per profile, the share of rooms

* ``met``       — planned with every layout rule of the checker met,
* ``shortfall`` — planned with stated shortfalls (the checker names the unmet rules, exit 1),
* ``refused``   — no plan (InfeasibleError, exit 3),
* ``unbal``     — planned with an unbalanced main wall (issue 10 item 1),
* ``misal``     — planned with a misaligned wall (item 2),
* ``off-grid``  — planned with an offset or bottom off the 5 mm grid (item 4),

and the solve time (median, p95). Run:

    python benchmarks/bench_layout.py [--rooms 500] [--seed 10] [--hard]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roomplanner.compliance import check  # noqa: E402
from roomplanner.errors import InfeasibleError  # noqa: E402
from roomplanner.model.spec import spec_from_data  # noqa: E402
from roomplanner.solver import solve  # noqa: E402
from tests.solver.rooms import alignment_problems, balance_problems, grid_problems, rooms  # noqa: E402

# the checker's rules about what the solver decides (area, committee and content are the user's)
LAYOUT_RULES = {
    "flag.on_main_wall", "flag.centred", "flag.standard_size", "oath.below_flag", "oath.beside_flag",
    "charters.flank_flag", "boards.required_present", "seats.for_members", "items.no_overlap",
    "items.within_wall", "items.clear_of_openings", "items.height", "furniture.inside_room",
    "furniture.required", "passage.width", "door_sign.present",
}


def run(n: int, seed: int, hard: bool, verbose: bool = False):
    stats = defaultdict(lambda: defaultdict(int))
    times: list[float] = []
    examples = defaultdict(list)
    for k, data in enumerate(rooms(n, seed, hard)):
        spec = spec_from_data(data)
        t = spec.branch.type
        stats[t]["rooms"] += 1
        t0 = time.perf_counter()
        try:
            plan = solve(spec)
        except InfeasibleError as exc:
            times.append(time.perf_counter() - t0)
            stats[t]["refused"] += 1
            examples["refused"].append((k, str(exc)[:200]))
            continue
        times.append(time.perf_counter() - t0)
        report = check(plan)
        failed = [f.rule for f in report.findings if f.rule in LAYOUT_RULES and f.status == "fail"]
        stats[t]["shortfall" if failed else "met"] += 1
        if failed:
            examples["shortfall"].append((k, ",".join(failed)))
        for key, fn in (("unbal", balance_problems), ("misal", alignment_problems), ("off-grid", grid_problems)):
            probs = fn(plan)
            if probs:
                stats[t][key] += 1
                examples[key].append((k, probs[0]))
    return stats, times, examples


def table(stats, times) -> str:
    cols = ["rooms", "met", "shortfall", "refused", "unbal", "misal", "off-grid"]
    lines = [f"| profile | {' | '.join(cols)} |", "|" + "---|" * (len(cols) + 1)]
    total = defaultdict(int)
    for t in sorted(stats):
        s = stats[t]
        for c in cols:
            total[c] += s[c]
        lines.append(f"| {t} | {s['rooms']} | " + " | ".join(f"{100 * s[c] / s['rooms']:.1f} %" for c in cols[1:]) + " |")
    lines.append(f"| **all** | {total['rooms']} | " + " | ".join(f"{100 * total[c] / total['rooms']:.1f} %"
                                                                for c in cols[1:]) + " |")
    ms = sorted(x * 1000 for x in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    lines.append("")
    lines.append(f"solve time per room: median {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms "
                 f"({len(ms)} rooms)")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rooms", type=int, default=500)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--hard", action="store_true", help="the harder generator (narrow, crowded, notch doors)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the rooms behind each non-zero column")
    args = ap.parse_args()
    stats, times, examples = run(args.rooms, args.seed, args.hard)
    print(f"{'hard' if args.hard else 'realistic'} rooms, seed {args.seed}")
    print(table(stats, times))
    if args.verbose:
        for key, rows in examples.items():
            for k, what in rows[:10]:
                print(f"  {key} room {k}: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
