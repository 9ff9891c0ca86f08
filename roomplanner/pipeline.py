"""The last stage: write everything for a solved plan into a folder, atomically.

``write_outputs(plan, out_dir)`` writes, in a temporary folder moved into place at the end:
``plan.json`` (deterministic), then each output stage that is part of this build:
``report.json`` + ``report.pdf`` (compliance, issue #6), the drawings (``floorplan.svg/pdf``,
``elevations.pdf``, ``elevations/wall-<i>.svg``, ``installation.csv``; issue #4) and the
print-ready boards (``boards/``; issue #5). Returns the compliance report, or ``None`` while
the checker is not part of the build.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from pathlib import Path

from .model.plan import Plan
from .output import check_target, staged_dir


def _stage(module: str, name: str):
    """The function ``name`` of an output stage, or None while that stage has not landed."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("roomplanner"):
            return None
        raise
    return getattr(mod, name, None)


def write_outputs(plan: Plan, out_dir, lang: str | None = None, outline_text: bool = False,
                  date: str | None = None, spec_dir: Path | None = None, crop_marks: bool = False):
    out_dir = Path(out_dir)
    check_target(out_dir)
    lang = lang or plan.spec.options.lang
    date = date or plan.spec.date or _dt.date.today().isoformat()
    check = _stage("roomplanner.compliance", "check")
    report = check(plan, source="plan.json") if check else None
    with staged_dir(out_dir) as tmp:
        (tmp / "plan.json").write_text(plan.to_json(), encoding="utf-8")
        if report is not None:
            (tmp / "report.json").write_text(report.to_json(), encoding="utf-8")
            write_pdf = _stage("roomplanner.compliance.report", "write_report_pdf")
            if write_pdf:
                write_pdf(report, plan, tmp / "report.pdf", lang=lang)
        render_drawings = _stage("roomplanner.render.drawing", "render_drawings")
        if render_drawings:
            render_drawings(plan, tmp, lang=lang, outline_text=outline_text, date=date)
        render_boards = _stage("roomplanner.printing.boards", "render_boards")
        if render_boards:
            render_boards(plan, tmp / "boards", lang=lang, outline_text=outline_text, spec_dir=spec_dir,
                          crop_marks=crop_marks)
    return report
