"""Benchmark of the compliance checker.

    python benchmarks/bench_check.py [--n 200] [--batch 1000] [--jobs 2]

1. one plan: median (and p90) over N runs of ``check(plan)`` alone and of load + check of the
   file (``load_plan_for_check`` + ``check``), for a small and a large hand-built plan;
2. a batch of ``--batch`` plan files (the conformance fixtures, copied round-robin into a
   temporary folder) through ``check_many`` with ``--jobs`` processes, start-up included.

Targets (issue #6): ≤ 20 ms median per plan; 1000 plans ≤ 20 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from roomplanner.compliance import check  # noqa: E402
from roomplanner.compliance.batch import check_many  # noqa: E402
from roomplanner.compliance.safety import load_plan_for_check  # noqa: E402
from tests.compliance.factories import general_plan, tiny_png  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "check"
TARGET_ONE_MS = 20.0
TARGET_BATCH_S = 20.0


def timeit_ms(fn, n: int) -> tuple[float, float]:
    """Median and 90th percentile of ``n`` calls of ``fn`` after one warm-up call, in ms."""
    fn()   # warm up (profiles, fonts, caches)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "photos").mkdir()
        (tmp / "photos" / "zhangsan.png").write_bytes(tiny_png())
        cases = {"small (8×6 m)": general_plan(), "large (16×12 m)": general_plan(W=16000, D=12000, members=50)}
        for label, data in cases.items():
            label += f", {len(data['wall_items']) + len(data['floor_items'])} items"
            path = tmp / "plan.json"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            plan, base = load_plan_for_check(path)
            med, p90 = timeit_ms(lambda: check(plan, base_dir=base), a.n)
            rows.append((f"check() {label}", f"{med:.2f} ms", f"{p90:.2f} ms", f"≤ {TARGET_ONE_MS:g} ms",
                         "ok" if med <= TARGET_ONE_MS else "MISSED"))
            med, p90 = timeit_ms(lambda: check(*load_plan_for_check(path)), a.n)
            rows.append((f"load + check {label}", f"{med:.2f} ms", f"{p90:.2f} ms", f"≤ {TARGET_ONE_MS:g} ms",
                         "ok" if med <= TARGET_ONE_MS else "MISSED"))

        batch = tmp / "batch"
        batch.mkdir()
        shutil.copytree(FIXTURES / "photos", batch / "photos")
        src = sorted(FIXTURES.glob("*.json"))
        for i in range(a.batch):
            shutil.copy(src[i % len(src)], batch / f"plan-{i:05d}.json")
        files = sorted(str(p) for p in batch.glob("plan-*.json"))
        t = time.perf_counter()
        outcomes = check_many(files, jobs=a.jobs)
        dt = time.perf_counter() - t
        bad = sum(1 for o in outcomes if o.report is None)
        rows.append((f"batch of {len(files)} plans, {a.jobs} processes", f"{dt:.2f} s",
                     f"{dt / len(files) * 1000:.2f} ms/plan", f"≤ {TARGET_BATCH_S:g} s",
                     "ok" if dt <= TARGET_BATCH_S and not bad else "MISSED"))

    w = [max(len(r[i]) for r in rows + [("what", "median", "p90", "target", "")]) for i in range(5)]
    head = ("what", "median", "p90 / per plan", "target", "")
    print("  ".join(h.ljust(w[i]) for i, h in enumerate(head)))
    for r in rows:
        print("  ".join(c.ljust(w[i]) for i, c in enumerate(r)))
    return 0 if all(r[4] == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
