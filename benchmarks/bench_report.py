"""Benchmark of the compliance report PDF (``report.pdf``).

    python benchmarks/bench_report.py [--n 20] [--cold 5] [--spec examples/enterprise-9x6.yaml]

1. warm, in process: the median (and p90) over ``--n`` runs of ``report_pdf(report, plan, lang)``
   for the plan of ``--spec`` (solved once by ``roomplanner plan`` into a temporary folder and
   checked), in Chinese and in English, after one warm-up call; and of the layout alone
   (``compliance.pdf.report_pages``: the pages of primitives, before the PDF backend writes them);
2. cold, one fresh process per run (``--cold`` runs, median): the checker's modules are imported
   and the report computed first, then the first ``report_pdf`` call is timed — what a
   ``roomplanner plan`` pays for its report: the report path's imports, the fonts, the work;
3. the import time of the report path alone in the same processes: ``python -X importtime``'s
   own time of every module imported by that first call (the modules the checker already
   loaded are not counted), and whether reportlab's platypus or graphics was among them.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench_check import timeit_ms  # noqa: E402  (the same warm loop as the checker's benchmark)

#: A fresh process: load and check the plan, then time the first ``report_pdf`` call.
COLD = """
import sys, time
from roomplanner.compliance import check
from roomplanner.compliance.safety import load_plan_for_check
from roomplanner.compliance.report import report_pdf
plan, base = load_plan_for_check(sys.argv[1])
report = check(plan, base_dir=base, source="plan.json")
before = set(sys.modules)
sys.stderr.write("@@report\\n"); sys.stderr.flush()
t = time.perf_counter()
report_pdf(report, plan)
dt = time.perf_counter() - t
new = set(sys.modules) - before
heavy = sorted(m for m in new if m.startswith(("reportlab.platypus", "reportlab.graphics")))
print(dt, ",".join(heavy) or "-")
"""


def _load(spec: str, tmp: Path):
    from roomplanner.compliance import check
    from roomplanner.compliance.safety import load_plan_for_check
    out = tmp / "pack"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "roomplanner", "plan", spec, "-o", str(out)], env=env, cwd=ROOT,
                       capture_output=True)
    if r.returncode not in (0, 1):
        raise SystemExit(r.stderr.decode(errors="replace"))
    plan, base = load_plan_for_check(out / "plan.json")
    return out / "plan.json", plan, check(plan, base_dir=base, source="plan.json")


def _cold(path: Path, runs: int) -> tuple[list[float], list[float], set[str]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    firsts, imports, heavy = [], [], set()
    for _ in range(runs + 1):
        r = subprocess.run([sys.executable, "-X", "importtime", "-c", COLD, str(path)], env=env, cwd=ROOT,
                           capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(r.stderr)
        dt, mods = r.stdout.split()
        after = r.stderr.split("@@report\n", 1)[1]
        own_us = sum(int(line.split("|")[0].split(":")[1]) for line in after.splitlines()
                     if line.startswith("import time:") and "self [us]" not in line)
        firsts.append(float(dt) * 1000)
        imports.append(own_us / 1000)
        heavy.update(m for m in mods.split(",") if m != "-")
    return firsts[1:], imports[1:], heavy     # the first run fills the bytecode caches


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--cold", type=int, default=5)
    ap.add_argument("--spec", default=str(ROOT / "examples" / "enterprise-9x6.yaml"))
    a = ap.parse_args(argv)
    from roomplanner.compliance.report import report_pdf
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        path, plan, report = _load(a.spec, Path(tmp))
        print(f"spec {Path(a.spec).name}: {len(report.findings)} findings, "
              f"{len(plan.wall_items) + len(plan.floor_items)} items")
        for lang in ("zh", "en"):
            med, p90 = timeit_ms(lambda: report_pdf(report, plan, lang), a.n)
            pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", report_pdf(report, plan, lang)))
            print(f"report_pdf warm, {lang}{'':18s} median {med:7.1f} ms   p90 {p90:7.1f} ms   ({pages} pages)")
            try:                       # the layout alone (pages of primitives), where the code has it
                from roomplanner.compliance.pdf import report_pages
            except ImportError:
                continue
            med, p90 = timeit_ms(lambda: report_pages([(report, plan)], lang), a.n)
            print(f"  of which the layout (report_pages)   median {med:7.1f} ms   p90 {p90:7.1f} ms")
        firsts, imports, heavy = _cold(path, a.cold)
        print(f"first report_pdf in a fresh process    median {statistics.median(firsts):7.1f} ms   "
              f"(min {min(firsts):.1f}, max {max(firsts):.1f})")
        print(f"  of which imports (-X importtime)     median {statistics.median(imports):7.1f} ms   "
              f"(min {min(imports):.1f}, max {max(imports):.1f})")
        listed = ", ".join(sorted(heavy)[:6]) + (" …" if len(heavy) > 6 else "")
        print("  reportlab platypus/graphics imported: " + (listed if heavy else "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
