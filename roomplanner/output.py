"""Atomic output: everything is written into a temporary folder next to the target and
moved into place at the end, so a failed run leaves nothing half-written.

An existing output folder is replaced only when everything in it is something roomplanner
writes (``OWN_ENTRIES``); any other file — the spec itself, a photo, the user's notes — makes
the run refuse before anything is written, naming what it would have destroyed."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import OutputError

OWN_ENTRIES = frozenset({
    "plan.json", "report.json", "report.pdf", "floorplan.svg", "floorplan.pdf", "elevations.pdf",
    "elevations", "installation.csv", "boards", "photos",
    "room.glb", "floorplan.dxf", "elevations.dxf", "main-wall-3d.png",
})


def check_target(out_dir: Path) -> None:
    """Refuse a target that is not a folder, or a folder holding anything roomplanner did not write."""
    out_dir = Path(out_dir)
    if out_dir.exists() or out_dir.is_symlink():
        if out_dir.is_symlink() or not out_dir.is_dir():
            raise OutputError(f"-o: {out_dir} exists and is not a folder")
        foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in OWN_ENTRIES)
        if foreign:
            shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
            raise OutputError(f"-o: {out_dir} holds files roomplanner did not write ({shown}); "
                             "choose a new or empty folder (roomplanner only replaces its own output)")
    else:
        parent = out_dir.absolute().parent
        if parent.exists() and not parent.is_dir():
            raise OutputError(f"-o: {parent} is not a folder")


@contextmanager
def staged_dir(out_dir: Path) -> Iterator[Path]:
    out_dir = Path(os.path.abspath(out_dir))
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
    except OSError as exc:
        raise OutputError(f"-o: cannot create the output folder {out_dir}: {exc.strerror or exc}") from None
    try:
        yield tmp
        old = None
        if out_dir.exists():
            old = parent / f".{out_dir.name}.old-{os.getpid()}"
            os.replace(out_dir, old)
        try:
            os.replace(tmp, out_dir)
        except OSError:
            if old is not None:
                os.replace(old, out_dir)       # put the previous output back
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"-o: cannot write the output folder {out_dir}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
