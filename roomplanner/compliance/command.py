"""``roomplanner check PLAN... [--json] [--report report.pdf] [--sarif out.sarif] [--csv summary.csv]``.

:func:`run_check_command` does all the work so the CLI only parses arguments. It prints one
summary line per plan (stdout; stderr when ``--json`` puts the JSON on stdout), the problems
of every invalid plan on stderr, a progress bar on stderr when that is a terminal, writes the
requested files and returns the exit code:

- 0: every plan checked and compliant;
- 1: some plan is not compliant (a required rule fails);
- 2: some input could not be checked (not a plan, hostile, absurd, missing) — this wins over 1.

``--json``: one plan → its report object; several → ``{"reports": [...]}``; an invalid plan
appears as ``{"plan": ..., "valid": false, "errors": [...]}``.
"""

from __future__ import annotations

import json
import sys
from typing import Optional, Sequence

from ..errors import PlanFileError
from .batch import ProgressBar, check_many, summary_line, write_csv

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def _json_of(o) -> dict:
    if o.report is None:
        return {"plan": o.path, "valid": False, "errors": list(o.errors)}
    return o.report.to_dict()


def run_check_command(paths: Sequence[str], json_out: bool = False, report_pdf: Optional[str] = None,
                      sarif: Optional[str] = None, csv: Optional[str] = None, jobs: Optional[int] = None,
                      stdout=None, stderr=None, lang: Optional[str] = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if not paths:
        print("roomplanner check: no plan files given", file=err)
        return EXIT_INVALID
    try:
        outcomes = check_many(paths, jobs=jobs, progress=ProgressBar(err), keep_plans=bool(report_pdf), lang=lang)
    except PlanFileError as exc:
        print(str(exc), file=err)
        return EXIT_INVALID
    if not outcomes:
        print("roomplanner check: no plan files found in " + ", ".join(map(str, paths)), file=err)
        return EXIT_INVALID

    lines_to = err if json_out else out
    for o in outcomes:
        print(summary_line(o), file=lines_to)
        if o.report is None:
            for p in o.errors:
                print(f"  {o.path}: {p}", file=err)
    if len(outcomes) > 1:
        n_ok = sum(o.status == "ok" for o in outcomes)
        n_fail = sum(o.status == "fail" for o in outcomes)
        n_err = sum(o.status == "error" for o in outcomes)
        print(f"共 {len(outcomes)} 个方案 plans: {n_ok} 合规 compliant, {n_fail} 不合规 not compliant, "
              f"{n_err} 无效 invalid", file=lines_to)
    if json_out:
        doc = _json_of(outcomes[0]) if len(outcomes) == 1 else {"reports": [_json_of(o) for o in outcomes]}
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        out.flush()

    try:
        if csv:
            write_csv(outcomes, csv)
        if sarif:
            from .report import write_sarif
            write_sarif(outcomes, sarif)
        if report_pdf:
            from .pdf import write_pdf
            write_pdf([(o.report, o.plan) for o in outcomes if o.report is not None], report_pdf,
                      invalid=[(o.path, o.errors) for o in outcomes if o.report is None])
    except OSError as exc:
        print(f"roomplanner check: cannot write output: {exc}", file=err)
        return EXIT_INVALID

    if any(o.report is None for o in outcomes):
        return EXIT_INVALID
    if any(not o.report.compliant for o in outcomes):
        return EXIT_FINDINGS
    return EXIT_OK


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m roomplanner.compliance.command PLAN... [options]`` (the same as the CLI)."""
    import argparse
    ap = argparse.ArgumentParser(prog="roomplanner check")
    ap.add_argument("plans", nargs="+")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--report")
    ap.add_argument("--sarif")
    ap.add_argument("--csv")
    ap.add_argument("--jobs", type=int)
    a = ap.parse_args(argv)
    return run_check_command(a.plans, json_out=a.json, report_pdf=a.report, sarif=a.sarif, csv=a.csv, jobs=a.jobs)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
