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
from .i18n import Text, os_reason

OWN_ENTRIES = frozenset({
    "plan.json", "report.json", "report.pdf", "floorplan.svg", "floorplan.pdf", "elevations.pdf",
    "elevations", "installation.csv", "boards", "photos", "index.html",
    "room.glb", "floorplan.dxf", "elevations.dxf", "main-wall-3d.png",
})


_NOT_FOLDER = Text("-o: {path} 已经存在，但不是文件夹", "-o: {path} exists and is not a folder")
_FOREIGN = Text("-o: {path} 里有不是 roomplanner 写出的文件（{shown}）；请换一个新的或空的文件夹"
                "（roomplanner 只会替换它自己写出的内容）",
                "-o: {path} holds files roomplanner did not write ({shown}); "
                "choose a new or empty folder (roomplanner only replaces its own output)")
_MORE = Text("{shown} 等 {n} 个", "{shown} and {more} more")
_PARENT = Text("-o: {path} 不是文件夹", "-o: {path} is not a folder")
_CANNOT_CREATE = Text("-o: 无法创建输出文件夹 {path}：{why}", "-o: cannot create the output folder {path}: {why}")
_CANNOT_WRITE = Text("-o: 无法写入输出文件夹 {path}：{why}", "-o: cannot write the output folder {path}: {why}")


def check_target(out_dir: Path, lang: str | None = None) -> None:
    """Refuse a target that is not a folder, or a folder holding anything roomplanner did not write."""
    out_dir = Path(out_dir)
    if out_dir.exists() or out_dir.is_symlink():
        if out_dir.is_symlink() or not out_dir.is_dir():
            raise OutputError(_NOT_FOLDER(lang, path=out_dir))
        foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in OWN_ENTRIES)
        if foreign:
            shown = ", ".join(foreign[:5])
            if len(foreign) > 5:
                shown = _MORE(lang, shown=shown, n=len(foreign), more=len(foreign) - 5)
            raise OutputError(_FOREIGN(lang, path=out_dir, shown=shown))
    else:
        parent = out_dir.absolute().parent
        if parent.exists() and not parent.is_dir():
            raise OutputError(_PARENT(lang, path=parent))


@contextmanager
def staged_dir(out_dir: Path, lang: str | None = None) -> Iterator[Path]:
    out_dir = Path(os.path.abspath(out_dir))
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
    except OSError as exc:
        raise OutputError(_CANNOT_CREATE(lang, path=out_dir, why=os_reason(exc, lang))) from None
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
        raise OutputError(_CANNOT_WRITE(lang, path=out_dir, why=os_reason(exc, lang))) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
