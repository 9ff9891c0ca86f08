"""Paths a spec or plan names (photos): they must stay inside one folder.

Shared by the board composer (photos relative to the spec) and the checker (photos relative
to the plan); each wraps the reason in its own error type.

``lang`` picks the words. It defaults to English here (not Chinese) because the callers in
``printing/`` and ``compliance/`` wrap the reason in English sentences of their own until they
pass their language; the pipeline passes it."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Optional

from ..i18n import Text

FOLDERS = {
    "the spec's folder": Text("规格文件所在的文件夹", "the spec's folder"),
    "the plan's folder": Text("方案文件所在的文件夹", "the plan's folder"),
}
_EMPTY = Text("是空的", "is empty")
_NUL = Text("含有 NUL 字节", "contains a NUL byte")
_ABSOLUTE = Text("是绝对路径；照片必须放在{folder}里（请写相对路径）",
                 "is an absolute path; photos must lie in {folder} (use a relative path)")
_UP = Text("向上跳出了文件夹（“..”）；照片必须放在{folder}里", "goes up a folder ('..'); photos must lie in {folder}")
_OUTSIDE = Text("实际指向{folder}之外（是符号链接吗？）", "resolves outside {folder} (a symbolic link?)")


def _folder(folder: str) -> Text:
    return FOLDERS.get(folder, Text(folder, folder))


def unsafe_path_reason(p: str, folder: str = "the spec's folder", lang: str | None = "en") -> Optional[str]:
    """Why ``p`` may not be used, judged from the text alone (no file access)."""
    if not p.strip():
        return _EMPTY(lang)
    if "\x00" in p:
        return _NUL(lang)
    if p.startswith(("/", "\\", "~")) or PureWindowsPath(p).drive or PurePosixPath(p).is_absolute():
        return _ABSOLUTE(lang, folder=_folder(folder))
    if any(part == ".." for part in p.replace("\\", "/").split("/")):
        return _UP(lang, folder=_folder(folder))
    return None


def contained_path(base_dir: Path, p: str, folder: str = "the spec's folder", lang: str | None = "en") -> Path:
    """The real path of ``p`` inside ``base_dir`` (symbolic links followed); ValueError with
    the reason when it would leave the folder."""
    why = unsafe_path_reason(p, folder, lang)
    if why:
        raise ValueError(f"{p!r} {why}")
    base = Path(os.path.realpath(base_dir))
    real = Path(os.path.realpath(base / p.replace("\\", "/")))
    try:
        real.relative_to(base)
    except ValueError:
        raise ValueError(f"{p!r} " + _OUTSIDE(lang, folder=_folder(folder))) from None
    return real
