"""roomplanner — designs party branch activity rooms (党员活动室).

Pipeline (one stage per module)::

    spec file ──load_spec──▶ Spec ──solve──▶ Plan ──check──▶ Report
                                              └──render──▶ drawings, boards, production list

Public API: :func:`load_spec`, :func:`loads_spec`, :func:`solve`, :func:`load_plan`,
:func:`check`, :func:`build_pack` (the whole pack in memory), :func:`write_outputs`, the models :class:`Spec` and :class:`Plan`, and the
exception tree in :mod:`roomplanner.errors`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import (ContentError, FontCoverageError, InfeasibleError, PlanFileError, RenderError,
                     RoomPlannerError, SpecError, TextOverflowError)
from .version import __version__

if TYPE_CHECKING:
    from .model.plan import Plan, load_plan, loads_plan
    from .model.spec import Spec, load_spec, loads_spec
    from .profiles import known_types, load_profile

__all__ = [
    "__version__", "Spec", "Plan", "load_spec", "loads_spec", "load_plan", "loads_plan", "solve", "check",
    "write_outputs", "build_pack", "known_types", "load_profile",
    "RoomPlannerError", "SpecError", "PlanFileError", "InfeasibleError", "RenderError", "FontCoverageError",
    "TextOverflowError", "ContentError",
]

#: Public names imported on first use (module ``__getattr__``, PEP 562): ``import roomplanner``
#: and ``import roomplanner.cli`` then cost no pydantic model build (benchmarks/bench_startup.py).
_LAZY = {"Spec": "model.spec", "load_spec": "model.spec", "loads_spec": "model.spec",
         "Plan": "model.plan", "load_plan": "model.plan", "loads_plan": "model.plan",
         "known_types": "profiles", "load_profile": "profiles"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def solve(spec: Spec) -> Plan:
    """Solve the layout of ``spec``; raises InfeasibleError naming the rules in conflict."""
    from .solver import solve as _solve
    return _solve(spec)


def check(plan: Plan):
    """Check a plan against the rule catalog; returns a Report (``report.compliant``)."""
    from .compliance import check as _check
    return _check(plan)


def write_outputs(plan: Plan, out_dir, **kwargs):
    """Write plan.json, the report, drawings and boards into ``out_dir`` atomically."""
    from .pipeline import write_outputs as _write
    return _write(plan, out_dir, **kwargs)


def build_pack(plan: Plan, **kwargs):
    """Check and render ``plan`` into memory: a Pack whose ``files`` map relative paths to bytes."""
    from .pipeline import build_pack as _build
    return _build(plan, **kwargs)
