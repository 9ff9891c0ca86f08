"""Compliance checker (合规检查): rule catalog, findings with sources, reports.

::

    Plan ──check()──▶ Report ──▶ JSON (report.json) · SARIF 2.1.0 · PDF (report.pdf)

``check(plan)`` recomputes every verdict from the plan's coordinates (``compliance.geometry``)
and reports one :class:`Finding` per rule of :data:`RULES` (``compliance.catalog``), so "no
finding" never hides "not checked". ``Report.compliant`` is true iff no ``required`` rule
fails. Hostile plan files are refused with PlanFileError before anything is measured
(``compliance.safety``); ``load_plan_for_check(path)`` loads a file and confines photo
look-ups to its folder. ``check_many`` checks a batch in a process pool and
``compliance.command.run_check_command`` is the ``roomplanner check`` command.
"""

from __future__ import annotations

from .catalog import RULES, Rule
from .checks import check
from .findings import Finding, Report
from .safety import load_plan_for_check, validate_plan
from .venues import register as _register_venue_rules

_register_venue_rules()          # the class-2 and class-3 rules of 001 §2 (issue 13)


def check_many(paths, jobs=None, progress=None):
    """Check many plan files in a process pool; see :func:`compliance.batch.check_many`."""
    from .batch import check_many as _cm
    return _cm(paths, jobs=jobs, progress=progress)


__all__ = ["check", "check_many", "Report", "Finding", "RULES", "Rule", "load_plan_for_check", "validate_plan"]
