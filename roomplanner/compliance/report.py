"""Report writers (报告输出): JSON (``report.json``), SARIF 2.1.0 and the PDF (``report.pdf``).

All writers are deterministic: no timestamps, fixed key order.

- :func:`write_report_json` — ``Report.to_json()``.
- :func:`sarif_log` / :func:`write_sarif` — one SARIF run over any number of checked plans:
  ``tool.driver.rules`` is the whole catalog; every finding becomes a result whose ``kind``
  is ``pass``, ``fail``, ``notApplicable`` or ``review`` (SARIF's own result kinds) and whose
  ``level`` is ``error`` for a failing required rule, ``warning`` for a failing recommended
  rule and ``none`` otherwise; item ids are logical locations. Plans that could not be
  checked are tool execution notifications (level ``error``).
- :func:`report_pdf` / :func:`write_report_pdf` — see ``compliance.pdf`` (A4 pages of the drawing
  model's primitives, written by the common PDF backend).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Iterable, Optional
from urllib.parse import quote

from .catalog import RULES, severity_for
from .findings import Report, _clean

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "roomplanner-check"


def _version() -> str:
    try:
        from ..version import __version__
        return str(__version__)
    except Exception:  # pragma: no cover - during early development
        return "0"


def write_report_json(report: Report, path: str | Path) -> None:
    Path(path).write_bytes(report.to_json().encode("utf-8"))


def artifact_uri(path: str) -> str:
    p = PurePath(path)
    if p.is_absolute():
        return Path(path).as_uri()
    return quote(str(path).replace("\\", "/"), safe="/")


_KIND = {"pass": "pass", "fail": "fail", "not_applicable": "notApplicable", "review": "review"}


def _rule_descriptor(rule) -> dict:
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace("_", ".").split(".")),
        "shortDescription": {"text": rule.title_en},
        "fullDescription": {"text": rule.method},
        "defaultConfiguration": {"level": "error" if rule.severity == "required" else "warning"},
        "properties": {
            "title_zh": rule.title_zh,
            "severity": rule.severity,
            "severityNote": rule.severity_note,
            "source": rule.source,
            "applicability": rule.applicability,
            "tags": ["compliance", rule.id.split(".")[0]],
        },
    }


def sarif_log(outcomes: Iterable) -> dict:
    """A SARIF 2.1.0 log for checked plans (``batch.Outcome`` objects)."""
    outcomes = list(outcomes)
    rule_ids = list(RULES)
    artifacts, results, notes = [], [], []
    for o in outcomes:
        uri = artifact_uri(o.path)
        idx = len(artifacts)
        artifacts.append({"location": {"uri": uri}})
        if o.report is None:
            notes.append({
                "level": "error",
                "message": {"text": "invalid plan: " + "; ".join(o.errors)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "index": idx}}}],
                "descriptor": {"id": "plan.invalid" if not o.internal else "checker.internal"},
            })
            continue
        for f in o.report.findings:
            level = ("error" if f.severity == "required" else "warning") if f.status == "fail" else "none"
            res = {
                "ruleId": f.rule,
                "ruleIndex": rule_ids.index(f.rule),
                "kind": _KIND[f.status],
                "level": level,
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": uri, "index": idx}},
                    "logicalLocations": [{"name": i, "kind": "element"} for i in sorted(set(f.items))],
                }],
                "properties": {
                    "status": f.status,
                    "severity": f.severity,
                    "source": f.source,
                    "measured": _clean(f.measured),
                    "required": _clean(f.required),
                    "unit": f.unit,
                    "profile": o.report.profile,
                },
            }
            if not res["locations"][0]["logicalLocations"]:
                del res["locations"][0]["logicalLocations"]
            results.append(res)
    run = {
        "tool": {"driver": {"name": TOOL_NAME, "version": _version(), "semanticVersion": _version(),
                            "rules": [_rule_descriptor(RULES[r]) for r in rule_ids]}},
        "invocations": [{"executionSuccessful": not notes, "toolExecutionNotifications": notes}],
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write_sarif(outcomes: Iterable, path: str | Path) -> None:
    text = json.dumps(sarif_log(outcomes), ensure_ascii=False, indent=2) + "\n"
    Path(path).write_bytes(text.encode("utf-8"))


def report_pdf(report: Report, plan, lang: Optional[str] = None) -> bytes:
    """The human report for one plan as PDF bytes (see ``compliance.pdf``)."""
    from .pdf import pdf_of, report_pages
    return pdf_of(report_pages([(report, plan)], lang))


def write_report_pdf(report: Report, plan, path: str | Path, lang: Optional[str] = None) -> None:
    """Write the human report for one plan (:func:`report_pdf`) to ``path``."""
    Path(path).write_bytes(report_pdf(report, plan, lang))


__all__ = ["write_report_json", "report_pdf", "write_report_pdf", "write_sarif", "sarif_log", "severity_for"]
