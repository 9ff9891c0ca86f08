"""The ``roomplanner`` command. Thin: parse arguments, call the public API, map errors to
exit codes.

Exit codes: 0 solved/checked and compliant; 1 compliance findings fail (all files still
written); 2 invalid input (spec, plan, content or output folder); 3 no layout satisfies the
required rules; 4 internal error (a bug; nothing is written).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import (ContentError, InfeasibleError, OutputError, PlanFileError, RenderError, RoomPlannerError,
                     SpecError)

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_INTERNAL = 0, 1, 2, 3, 4
DEMO_SPEC = "enterprise-9x6.yaml"


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 already; keep its message short and clear
        self.print_usage(sys.stderr)
        print(f"roomplanner: error: {message}", file=sys.stderr)
        sys.exit(EXIT_INVALID)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="roomplanner", description="党员活动室设计工具 — designs party branch activity rooms.")
    p.add_argument("--version", action="version", version=f"roomplanner {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    pp = sub.add_parser("plan", help="solve a room spec and write plan, drawings, boards and report")
    pp.add_argument("spec", help="room spec (YAML or JSON)")
    pp.add_argument("-o", "--out", required=True, help="output folder")
    pp.add_argument("--lang", choices=["zh", "en"], default=None, help="language of drawings and reports (default: the spec's, zh)")
    pp.add_argument("--outline-text", action="store_true", help="text as outlines (转曲) in SVG and board PDFs")
    pp.add_argument("--crop-marks", action="store_true",
                    help="crop marks on every board PDF too (the page then has a margin around the bleed; "
                         "boards/boards.pdf always has them)")

    pc = sub.add_parser("check", help="check one or more plan files for compliance")
    pc.add_argument("plans", nargs="+", help="plan.json files or folders holding them")
    pc.add_argument("--json", action="store_true", help="print the report as JSON")
    pc.add_argument("--report", help="write a PDF report (one section per plan)")
    pc.add_argument("--sarif", help="write a SARIF 2.1.0 log")
    pc.add_argument("--csv", help="write a CSV summary (batch)")
    pc.add_argument("--jobs", type=int, default=None, help="worker processes for a batch (default: all cores)")
    pc.add_argument("--lang", choices=["zh", "en"], default=None, help="language of the report (default: the plan's, zh)")

    pd = sub.add_parser("demo", help="plan a built-in example room")
    pd.add_argument("-o", "--out", default="roomplanner-demo", help="output folder (default: ./roomplanner-demo)")
    pd.add_argument("--lang", choices=["zh", "en"], default=None)

    sub.add_parser("profiles", help="list branch types with their source documents")
    ps = sub.add_parser("schema", help="print the JSON Schema of the spec and of the plan file")
    ps.add_argument("which", nargs="?", choices=["spec", "plan", "all"], default="all")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:          # `roomplanner profiles | head`
        return EXIT_OK


def _main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "plan":
            return cmd_plan(Path(args.spec), Path(args.out), args.lang, args.outline_text, args.crop_marks)
        if args.command == "demo":
            from .data import data_dir
            return cmd_plan(data_dir("examples") / DEMO_SPEC, Path(args.out), args.lang, False)
        if args.command == "check":
            from .compliance.command import run_check_command  # issue #6
            return run_check_command(args.plans, json_out=args.json, report_pdf=args.report, sarif=args.sarif,
                                     csv=args.csv, jobs=args.jobs, lang=args.lang)
        if args.command == "profiles":
            return cmd_profiles()
        if args.command == "schema":
            return cmd_schema(args.which)
    except (SpecError, PlanFileError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    except ContentError as exc:
        print(f"invalid content: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OutputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    except InfeasibleError as exc:
        print(str(exc), file=sys.stderr)
        for d in exc.details:
            print(f"  - {d}", file=sys.stderr)
        return EXIT_INFEASIBLE
    except RenderError as exc:
        print(f"cannot render: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except RoomPlannerError as exc:  # pragma: no cover - every subclass is handled above
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:          # a bug: never let it look like "findings fail" (exit 1)
        import traceback
        traceback.print_exc()
        print(f"roomplanner: internal error ({type(exc).__name__}: {exc}); nothing was written. "
              "Please report it with the spec.", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_OK


def cmd_plan(spec_path: Path, out: Path, lang, outline_text: bool, crop_marks: bool = False) -> int:
    from .model.spec import load_spec
    from .output import check_target
    from .pipeline import write_outputs
    from .solver import solve

    spec = load_spec(spec_path)
    check_target(out)
    plan = solve(spec)
    report = write_outputs(plan, out, lang=lang, outline_text=outline_text, spec_dir=spec_path.resolve().parent,
                           crop_marks=crop_marks)
    what = (f"main wall {plan.main_wall}, flag size {plan.flag_size}, {len(plan.wall_items)} wall items, "
            f"{plan.seating.seats if plan.seating else 0} seats")
    if spec.venue == "none":   # class-3 venue (issue 13): no room, two walls and desk cards
        what = f"无活动室（三类阵地）no room: {len(plan.wall_items)} boards, {spec.branch.members} desk cards"
    if report is None:
        print(f"{out}: {spec.branch.name} — {what}")
        for n in plan.notes:
            print(f"  note: {n}")
        return EXIT_OK
    status = "合规 compliant" if report.compliant else "存在不合规项 findings fail"
    print(f"{out}: {spec.branch.name} — {what} — {status}")
    for n in plan.notes:
        print(f"  note: {n}")
    for f in report.findings:
        if f.status == "fail":
            print(f"  fail [{f.severity}] {f.rule}: {f.message}")
    return EXIT_OK if report.compliant else EXIT_FINDINGS


def cmd_profiles() -> int:
    from .profiles import known_profiles, load_profile

    for p in (load_profile(i) for i in known_profiles()):     # venue variants too (issue 13)
        print(f"{p.id:16s} {p.name}  ({p.name_en})")
        for d in p.documents:
            print(f"{'':16s}   source: {d}")
    return EXIT_OK


def cmd_schema(which: str) -> int:
    from .model.plan import Plan
    from .model.spec import Spec

    out = {}
    if which in ("spec", "all"):
        out["spec"] = Spec.model_json_schema()
    if which in ("plan", "all"):
        out["plan"] = Plan.model_json_schema()
    print(json.dumps(out if which == "all" else out[which], ensure_ascii=False, indent=2))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
