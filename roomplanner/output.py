"""Atomic output: everything is written into a temporary folder next to the target and
moved into place at the end, so a failed run leaves nothing half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import SpecError

MARKER = "plan.json"


def check_target(out_dir: Path) -> None:
    """Refuse to replace a folder that is not ours (non-empty and holding no plan.json)."""
    if out_dir.exists():
        if not out_dir.is_dir():
            raise SpecError([f"-o: {out_dir} exists and is not a folder"])
        if any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
            raise SpecError([f"-o: {out_dir} is not empty and holds no plan.json; "
                             "choose a new folder (roomplanner only replaces its own output)"])


@contextmanager
def staged_dir(out_dir: Path) -> Iterator[Path]:
    out_dir = Path(out_dir)
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if out_dir.exists():
        old = parent / f".{out_dir.name}.old-{os.getpid()}"
        os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
