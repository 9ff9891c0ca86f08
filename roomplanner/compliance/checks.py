"""The checks (检查): one function per rule of the catalog, each returning one Finding.

``check(plan)`` runs every rule in catalog order. The checks live by topic in
:mod:`.check_main_wall` (area, flag, oath, charter boards), :mod:`.check_floor` (seats, items,
furniture, passage) and :mod:`.check_boards` (boards, honours, door sign, committee, content,
exits), on the context of :mod:`.context`. Each function measures from the plan's
coordinates with the checker's own geometry (``compliance.geometry``); the only plan fields
read are the inputs (spec, item positions and sizes, kinds, roles, titles, ids, the main wall
the plan chose and the profile's rules), never a verdict the solver wrote (``notes``,
``seating``, ``flag_size`` of the plan, ``required``/``placement``/``source`` of items).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Optional

from ..model.plan import Plan
from ..profiles import profile_for
from . import check_boards, check_floor, check_main_wall  # noqa: F401  (importing them registers their checks)
from .catalog import RULES
from .context import CHECKS, Ctx, _ref_date
from .findings import Report
from .safety import validate_plan


# ====================================================================== entry point

def check(plan: Plan, base_dir: str | Path | None = None, source: str = "<plan>",
          today: Optional[_dt.date] = None, lang: Optional[str] = None, files=None) -> Report:
    """Check ``plan`` against every rule of the catalog and return the report.

    ``base_dir``: the plan's folder; when given, photo paths are resolved inside it (and
    nothing outside it is read). ``today``: the reference date when the spec has none.
    ``lang``: ``zh`` or ``en`` for the messages; default: the spec's ``options.lang``.
    ``files``: the pack being built (relative path -> bytes), for a class-3 venue's desk cards.
    Raises PlanFileError for a plan the checker will not measure (see ``safety``)."""
    if plan.spec.venue == "none":        # class-3 venue: no room to check (compliance/venues.py)
        from .venues import check_venue
        return check_venue(plan, base_dir, source, today, lang, files)
    base = Path(base_dir) if base_dir is not None else None
    validate_plan(plan, source, base)
    profile = profile_for(plan.spec)
    ref = _ref_date(plan, today)
    ctx = Ctx(plan=plan, profile=profile, base_dir=base, ref_date=ref, lang=lang or plan.spec.options.lang)
    findings = []
    for rid in RULES:
        findings.append(CHECKS[rid](ctx))
    notes = []
    if plan.profile != profile.id:
        notes.append(ctx.t(f"方案标注的类型 {plan.profile} 与支部类型 {profile.id} 不同，按 {profile.id} 检查",
                           f"the plan names profile {plan.profile} but the branch type is {profile.id}; checked as {profile.id}"))
    # what the solver left out or changed, as it wrote it (information only: no verdict is
    # taken from it; required items left out fail their own rules above)
    notes.extend(ctx.t("方案说明：", "solver note: ") + n for n in plan.notes)
    return Report(plan=source, profile=profile.id, branch=plan.spec.branch.name, members=plan.spec.branch.members,
                  lang=ctx.lang, date=ref.isoformat(), findings=findings, notes=notes)


def _self_test() -> None:
    missing = [r for r in RULES if r not in CHECKS]
    if missing:
        raise RuntimeError(f"rules without a check: {missing}")


_self_test()
