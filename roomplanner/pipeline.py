"""The last stage: write everything for a solved plan into a folder, atomically.

``write_outputs(plan, out_dir)`` writes, in a temporary folder moved into place at the end:
``plan.json`` (deterministic), ``report.json`` + ``report.pdf`` (compliance), the drawings
(``floorplan.svg/pdf``, ``elevations.pdf``, ``elevations/wall-<i>.svg``, ``installation.csv``)
and the print-ready boards (``boards/``). Returns the compliance report.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from .model.plan import Plan
from .output import check_target, staged_dir


def write_outputs(plan: Plan, out_dir, lang: str | None = None, outline_text: bool = False,
                  date: str | None = None, spec_dir: Path | None = None):
    from .compliance import check
    from .compliance.report import write_report_json, write_report_pdf
    from .render.drawing import render_drawings

    out_dir = Path(out_dir)
    check_target(out_dir)
    lang = lang or plan.spec.options.lang
    date = date or plan.spec.date or _dt.date.today().isoformat()
    report = check(plan)
    with staged_dir(out_dir) as tmp:
        (tmp / "plan.json").write_text(plan.to_json(), encoding="utf-8")
        write_report_json(report, tmp / "report.json")
        write_report_pdf(report, plan, tmp / "report.pdf", lang=lang)
        render_drawings(plan, tmp, lang=lang, outline_text=outline_text, date=date)
        _write_boards(plan, tmp, lang=lang, outline_text=outline_text, spec_dir=spec_dir)
    return report


def _write_boards(plan: Plan, tmp: Path, lang: str, outline_text: bool, spec_dir: Path | None) -> None:
    try:
        from .printing import render_boards
    except ImportError:      # boards land with issue #5
        return
    render_boards(plan, tmp / "boards", lang=lang, outline_text=outline_text, spec_dir=spec_dir)
