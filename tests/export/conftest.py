"""Solved example rooms for the export tests (solved once per session)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from roomplanner.model.spec import load_spec
from roomplanner.solver import solve

ROOT = Path(__file__).resolve().parents[2]
#: a rectangle (counter-clockwise, door sign and plaque outside, an obstacle), an L-shape,
#: and a clockwise room with a bay and slanted walls, ceiling and wall mounted equipment
ROOMS = ("enterprise-9x6", "bureau-l-shape", "university-bay")


@functools.lru_cache(maxsize=None)
def solved(name: str):
    return solve(load_spec(ROOT / "examples" / f"{name}.yaml"))


@pytest.fixture(params=ROOMS)
def plan(request):
    return solved(request.param)
