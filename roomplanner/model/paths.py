"""Paths a spec or plan names (photos): they must stay inside one folder.

Shared by the board composer (photos relative to the spec) and the checker (photos relative
to the plan); each wraps the reason in its own error type."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Optional


def unsafe_path_reason(p: str, folder: str = "the spec's folder") -> Optional[str]:
    """Why ``p`` may not be used, judged from the text alone (no file access)."""
    if not p.strip():
        return "is empty"
    if "\x00" in p:
        return "contains a NUL byte"
    if p.startswith(("/", "\\", "~")) or PureWindowsPath(p).drive or PurePosixPath(p).is_absolute():
        return f"is an absolute path; photos must lie in {folder} (use a relative path)"
    if any(part == ".." for part in p.replace("\\", "/").split("/")):
        return f"goes up a folder ('..'); photos must lie in {folder}"
    return None


def contained_path(base_dir: Path, p: str, folder: str = "the spec's folder") -> Path:
    """The real path of ``p`` inside ``base_dir`` (symbolic links followed); ValueError with
    the reason when it would leave the folder."""
    why = unsafe_path_reason(p, folder)
    if why:
        raise ValueError(f"{p!r} {why}")
    base = Path(os.path.realpath(base_dir))
    real = Path(os.path.realpath(base / p.replace("\\", "/")))
    try:
        real.relative_to(base)
    except ValueError:
        raise ValueError(f"{p!r} resolves outside {folder} (a symbolic link?)") from None
    return real
