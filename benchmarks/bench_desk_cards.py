"""Benchmark: the desk cards of a class-3 venue (issue 13) — compose, write the PDF, and read
it back as the checker does (``venue.desk_cards``).

    python benchmarks/bench_desk_cards.py [--runs N] [--members 6 50 200]

The plan is solved once from ``examples/organ-no-room.yaml`` with ``branch.members`` set to
each count; fonts are warmed up by one untimed render. Prints medians and ratios per member
count (milliseconds), so the cost per card can be read off.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from roomplanner.compliance.venues import desk_card_problems  # noqa: E402
from roomplanner.model.spec import loads_spec  # noqa: E402
from roomplanner.printing.desk_cards import compose_desk_cards, desk_cards_pdf  # noqa: E402
from roomplanner.solver import solve  # noqa: E402


def plan_for(members: int):
    data = yaml.safe_load((ROOT / "examples" / "organ-no-room.yaml").read_text(encoding="utf-8"))
    data["branch"]["members"] = members
    return solve(loads_spec(yaml.safe_dump(data, allow_unicode=True)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--members", type=int, nargs="+", default=[6, 50, 200])
    args = ap.parse_args()
    desk_cards_pdf(compose_desk_cards(plan_for(3)))                      # warm-up (fonts)
    print(f"{'members':>8} {'compose':>9} {'write':>9} {'check':>9} {'total':>9} {'per card':>9} {'bytes':>10}")
    for n in args.members:
        plan = plan_for(n)
        comp, wr, chk = [], [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            cards = compose_desk_cards(plan)
            t1 = time.perf_counter()
            out = desk_cards_pdf(cards)
            t2 = time.perf_counter()
            count, zh, _en = desk_card_problems(out, n)
            t3 = time.perf_counter()
            assert count == n and not zh
            comp.append((t1 - t0) * 1e3)
            wr.append((t2 - t1) * 1e3)
            chk.append((t3 - t2) * 1e3)
        c, w, k = statistics.median(comp), statistics.median(wr), statistics.median(chk)
        print(f"{n:>8} {c:>9.0f} {w:>9.0f} {k:>9.0f} {c + w + k:>9.0f} {(c + w + k) / n:>9.1f} "
              f"{len(out):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
