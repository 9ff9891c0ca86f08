"""Where the data folders are: inside the installed package (a wheel maps layouts/,
boards/, fonts/ and examples/ into ``roomplanner/``) or beside it in a source checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """Path of the data folder ``name`` (layouts, boards, fonts, examples)."""
    inside = _PKG / name
    if inside.is_dir():
        return inside
    beside = _PKG.parent / name
    if beside.is_dir():
        return beside
    raise FileNotFoundError(f"data folder {name!r} not found next to the roomplanner package")


def load_yaml(stream):
    """``yaml.safe_load`` with libyaml's C parser when PyYAML has it (same data, several times
    faster than the pure-Python parser; the board templates and texts are read every run)."""
    import yaml

    return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
