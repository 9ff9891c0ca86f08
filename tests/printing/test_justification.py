"""Justified body text: a line is spread to the measure only when that leaves no gap wider than
a fifth of an em (``JUSTIFY_MAX_TRACKING_EM``); a short line, a paragraph's last line and a line
a long push-out (推出) left far from the end keep their natural spacing."""

from __future__ import annotations

from pathlib import Path

import pytest

from roomplanner.draw.primitives import Text
from roomplanner.printing.boardart import JUSTIFY_MAX_TRACKING_EM, justified_runs
from roomplanner.printing.templates import load_palette
from roomplanner.typeset import fonts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INK = load_palette()["text"]


def _run(line: str, width_em: float, justify: bool = True) -> Text:
    return justified_runs(line, "serif", 10.0, 0.0, 0.0, width_em * 10.0, INK, justify, 0.8, "test")


def test_a_nearly_full_line_is_justified_to_the_measure():
    line = "综合办公室职员（示例人"
    natural = fonts.text_width(line, "serif", 10.0)
    t = _run(line, natural / 10.0 + 0.5)            # half an em short: 0.05 em per gap
    assert t.tracking == pytest.approx(5.0 / (len(line) - 1))
    assert natural + t.tracking * (len(line) - 1) == pytest.approx(natural + 5.0)


@pytest.mark.parametrize("line, slack_em", [
    ("研发部经理（示例人", 2.1),         # the push-out left two em: 0.26 em per gap
    ("研发部经理", 1.2),                 # a short line: 0.3 em per gap
])
def test_a_line_that_would_be_letter_spaced_keeps_its_natural_spacing(line, slack_em):
    natural = fonts.text_width(line, "serif", 10.0) / 10.0
    assert natural / (natural + slack_em) >= 0.8         # it passes the fill threshold
    t = _run(line, natural + slack_em)
    assert t.tracking == 0.0 and t.pos[0] == 0.0


def test_the_last_line_is_never_justified():
    assert _run("物）。", 11.0, justify=False).tracking == 0.0


def test_member_cards_bios_are_not_stretched():
    """The demo's 党员风貌栏: the first line of a bio pushed out by 物）。 was stretched to 0.27 em
    gaps; now no justified line of the board has gaps wider than the limit, and those lines
    keep their natural spacing."""
    from roomplanner.model.spec import load_spec
    from roomplanner.printing.boards import compose_boards
    from roomplanner.solver import solve

    spec = EXAMPLES / "demo-complete.yaml"
    art = next(a for a in compose_boards(solve(load_spec(spec)), spec.parent) if a.id == "member_style")
    bios = [op for op in art.ops if isinstance(op, Text) and op.where.endswith(".bio")]
    assert [b.text for b in bios][:2] == ["研发部经理（示例人", "物）。"]
    assert bios[0].tracking == 0.0
    assert all(b.tracking <= JUSTIFY_MAX_TRACKING_EM * b.size + 1e-9 for b in bios)
