"""The solver's named rules: every constraint has an id and a source, so an infeasible room
is explained by rule ids (``infeasible: … [rules: flag.centred, charters.flank_flag]``)."""

from __future__ import annotations

from ..rules import SOLVER_ONLY, sources  # the one rule registry (SOLVER_ONLY re-exported)

RULES: dict[str, str] = sources()


def source(rule: str) -> str:
    return RULES[rule]
