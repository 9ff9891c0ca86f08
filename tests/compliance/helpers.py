"""Shared helpers for the checker tests."""

from __future__ import annotations

import json
from pathlib import Path

from roomplanner.compliance import check
from roomplanner.compliance.safety import plan_for_check

from .factories import clone, tiny_png

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "check"


def plan_of(data: dict, base_dir=FIXTURES):
    return plan_for_check(clone(data), "<test>", base_dir)


def report_of(data: dict, base_dir=FIXTURES):
    return check(plan_of(data, base_dir), base_dir=base_dir)


def statuses(report) -> dict[str, str]:
    return {f.rule: f.status for f in report.findings}


def write_plan(folder: Path, data: dict, name: str = "plan.json", photo: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if photo:
        (folder / "photos").mkdir(exist_ok=True)
        (folder / "photos" / "zhangsan.png").write_bytes(tiny_png())
    p = folder / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p
