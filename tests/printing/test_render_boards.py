"""The public entry as the pipeline calls it."""

from __future__ import annotations

import inspect
from pathlib import Path

from roomplanner.printing.boards import render_boards


def test_signature_matches_the_pipeline():
    sig = inspect.signature(render_boards)
    assert list(sig.parameters)[:5] == ["plan", "out_dir", "lang", "outline_text", "spec_dir"]
    assert sig.parameters["lang"].default == "zh" and sig.parameters["outline_text"].default is False
    assert sig.parameters["spec_dir"].default is None


def test_pipeline_writes_the_boards_folder(example_plans, tmp_path):
    from roomplanner.pipeline import write_outputs

    plan = example_plans["village-column"]
    out = tmp_path / "out"
    write_outputs(plan, out, spec_dir=None)
    boards = out / "boards"
    assert (boards / "production.csv").is_file() and (boards / "boards.pdf").is_file()
    assert {p.stem for p in boards.glob("*.pdf")} >= {"oath", "rules", "door_sign", "production", "boards"}
    assert not (boards / "flag.pdf").exists()


def test_every_example_renders(example_plans, tmp_path):
    for name, plan in example_plans.items():
        written = render_boards(plan, tmp_path / name)
        assert all(isinstance(p, Path) and p.is_file() for p in written), name
