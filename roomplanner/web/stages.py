"""Stages of a request that run in a worker process (:mod:`.procpool`): top-level functions
of picklable arguments that return text or bytes. The forkserver imports this module first
(``set_forkserver_preload``), so it imports the engine's drawing modules at the top.

Every function here gives exactly what the same call in the request's thread gives
(tests/web/test_procpool.py compares the bytes).
"""

from __future__ import annotations

# imported by the forkserver once, so that every worker starts with the engine loaded
from ..compliance import check  # noqa: F401
from ..model.plan import Plan
from ..render.drawing import elevation_pages, resolve_date  # noqa: F401
from ..render.planview import floor_plan_page
from ..render.svg import svg_string
from ..solver import solve  # noqa: F401


def init_worker() -> None:
    """A worker's warm-up: fonts, profiles and the solver's tables load once, by planning
    and drawing the demo room (results dropped). Never fatal: the first task then pays."""
    try:
        from ..data import data_dir
        from ..errors import SpecError
        from ..model.safeload import read_document
        from ..model.spec import spec_from_data

        data = read_document(data_dir("examples") / "enterprise-9x6.yaml", "spec", SpecError)
        plan = solve(spec_from_data(data, "spec"))
        floorplan_svg(plan, "zh", "2000-01-01")
        elevation_svgs(plan, "zh", "2000-01-01")
    except Exception:  # noqa: BLE001 — warm-up only
        pass


def ping() -> int:
    """Nothing: submitted once per worker at start-up so that every worker starts (and warms up)."""
    import os
    return os.getpid()


def floorplan_svg(plan: Plan, lang: str, date: str) -> str:
    """The floor plan as SVG text: the pack's ``floorplan.svg`` page, titled with the branch."""
    return svg_string(floor_plan_page(plan, lang, date), title=plan.spec.branch.name)


def elevation_svgs(plan: Plan, lang: str, date: str) -> list[dict]:
    """Every elevation as ``{"name", "wall", "face", "svg"}``: the pages of the pack's
    ``elevations/*.svg`` (numbered as in ``elevations.pdf``, which counts the installation
    schedule's pages too), without drawing the floor plan or the schedule."""
    out = []
    for pg in elevation_pages(plan, lang, date):
        if pg.meta.get("kind") != "elevation":
            continue
        out.append({"name": pg.name, "wall": pg.meta.get("wall"), "face": pg.meta.get("face"),
                    "svg": svg_string(pg, title=f"{plan.spec.branch.name} · {pg.name}")})
    return out
