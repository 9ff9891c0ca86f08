"""Render one board of every kind to PNG for the documentation (needs poppler's pdftoppm).

    python -m tests.printing.previews docs/images

Uses the enterprise demo room with full content and synthetic photos (tests/printing/fixtures.py)
and writes ``board-<kind>.png`` (about 14 pixels per centimetre at the board's size).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from roomplanner.printing.boards import render_boards

from .fixtures import full_plan

#: board id of the full plan → preview name
KINDS = {
    "oath": "oath", "nature": "nature", "rights_duties": "rights-duties", "rules": "rules",
    "org_chart": "org-chart", "publicity": "publicity", "honor": "honor", "member_style": "member-style",
    "supervision": "supervision", "work_chart": "work-chart", "development_flow": "development-flow",
    "activity_calendar": "activity-calendar", "points_table": "points-table", "standards": "placeholder",
    "door_sign": "door-sign", "branch_plaque": "branch-plaque",
}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plan, spec_dir = full_plan(tmp / "spec")
        render_boards(plan, tmp / "boards", spec_dir=spec_dir)
        for board_id, name in KINDS.items():
            target = out / f"board-{name}"
            subprocess.run(["pdftoppm", "-png", "-r", "12", "-singlefile", str(tmp / "boards" / f"{board_id}.pdf"),
                            str(target)], check=True)
            print(f"{target}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
