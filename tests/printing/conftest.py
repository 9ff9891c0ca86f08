"""Fixtures for the printing tests (rendered once per module where possible)."""

from __future__ import annotations

import pytest

from roomplanner.model.spec import load_spec
from roomplanner.solver import solve

from .fixtures import EXAMPLES, full_plan

SOLVABLE = ["bureau-l-shape", "community-notch", "enterprise-9x6", "general-8x5", "organ-windows",
            "rural-committee-large", "school-small", "university-bay", "village-column"]


@pytest.fixture(scope="session")
def example_plans():
    return {name: solve(load_spec(EXAMPLES / f"{name}.yaml")) for name in SOLVABLE}


@pytest.fixture(scope="session")
def full(tmp_path_factory):
    """(plan with every role and full content, spec folder with photos)."""
    folder = tmp_path_factory.mktemp("full-spec")
    return full_plan(folder)


@pytest.fixture(scope="session")
def full_rendered(full, tmp_path_factory):
    from roomplanner.printing.boards import render_boards

    plan, spec_dir = full
    out = tmp_path_factory.mktemp("boards-live")
    return plan, out, render_boards(plan, out, spec_dir=spec_dir)


@pytest.fixture(scope="session")
def full_outlined(full, tmp_path_factory):
    from roomplanner.printing.boards import render_boards

    plan, spec_dir = full
    out = tmp_path_factory.mktemp("boards-outlined")
    return plan, out, render_boards(plan, out, spec_dir=spec_dir, outline_text=True)
