"""Findings (检查结果) and the report that holds them.

A :class:`Finding` is one rule's verdict on one plan, shaped after SARIF's result model and
buildingSMART IDS: ``rule``, ``status`` (``pass`` | ``fail`` | ``not_applicable`` |
``review``), ``severity``, ``source``, ``measured`` / ``required`` / ``unit``, the ``items``
involved (plan item ids, sorted) and a ``message`` in the plan's language. Every rule of the
catalog reports for every plan, so a missing finding never hides "not checked".

A :class:`Report` is compliant iff no finding with severity ``required`` has status ``fail``.
Each finding's ``citations`` resolve its ``source`` to the documents of
``roomplanner.documents`` (key, clauses, the document's words) and the report's ``sources``
list those documents (key, title, issuing body, date — each only where the document gives it).
``Report.to_json()`` is deterministic: catalog order, fixed key order, numbers rounded.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union

from ..documents import cited_documents, resolve
from ..documents import to_dict as doc_dict

Status = Literal["pass", "fail", "not_applicable", "review"]
STATUSES: tuple[str, ...] = ("pass", "fail", "not_applicable", "review")
REPORT_SCHEMA = "roomplanner-report/1"

Value = Union[int, float, str, None]


def _clean(v: Value) -> Value:
    """Round floats for output: 2 decimals (0.01 mm or 0.01 m² is below any tolerance here);
    whole numbers stay ints; -0.0 becomes 0."""
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        r = round(v, 2)
        if r == int(r):
            return int(r)
        return r
    return v


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one plan (see the module docstring)."""
    rule: str
    status: Status
    severity: str
    source: str
    measured: Value = None
    required: Value = None
    unit: str = ""
    items: tuple[str, ...] = ()
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": self.status,
            "severity": self.severity,
            "source": self.source,
            "citations": [c.to_dict() for c in resolve(self.source)],
            "measured": _clean(self.measured),
            "required": _clean(self.required),
            "unit": self.unit,
            "items": sorted(set(self.items)),
            "message": self.message,
        }

    @property
    def blocking(self) -> bool:
        """A required rule that fails: the plan is not compliant."""
        return self.status == "fail" and self.severity == "required"


@dataclass
class Report:
    """Every finding on one plan, with the plan's name, profile, branch, members, language and reference date."""
    plan: str                       # the plan's name as given (file name or "<plan>")
    profile: str
    branch: str
    members: int
    lang: str
    date: str                       # the reference date the checks used (YYYY-MM-DD)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def compliant(self) -> bool:
        return not any(f.blocking for f in self.findings)

    def finding(self, rule: str) -> Finding:
        for f in self.findings:
            if f.rule == rule:
                return f
        raise KeyError(rule)

    def status(self, rule: str) -> str:
        return self.finding(rule).status

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for f in self.findings:
            out[f.status] += 1
        out["fail_required"] = sum(1 for f in self.findings if f.blocking)
        out["fail_recommended"] = out["fail"] - out["fail_required"]
        return out

    def failed(self, severity: Optional[str] = None) -> list[Finding]:
        return [f for f in self.findings if f.status == "fail" and (severity is None or f.severity == severity)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": REPORT_SCHEMA,
            "plan": self.plan,
            "profile": self.profile,
            "branch": self.branch,
            "members": self.members,
            "lang": self.lang,
            "date": self.date,
            "compliant": self.compliant,
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
            "sources": [doc_dict(d) for d in self.documents()],
            "notes": list(self.notes),
        }

    def documents(self):
        """The documents the findings cite (``roomplanner.documents``), by key."""
        return cited_documents(f.source for f in self.findings)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
