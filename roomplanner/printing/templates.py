"""Board data (图板数据): official texts, role templates, the shared style and the palette.

Everything a board looks like or says that is not the branch's own content lives in data files
under ``boards/`` (package ``roomplanner.boards``):

``boards/official/<key>.yaml``
    One official text each (入党誓词, 党的性质, 党员的义务 …), verbatim from
    ``shared/design/official-texts.md`` with ``source``, ``revision`` and ``verified``
    (``unverified_paragraphs`` lists the paragraphs that file marks UNVERIFIED).
``boards/templates/<role>.yaml``
    One template per board role: which layout composes it and what it carries.
``boards/templates/_style.yaml``
    The type scale, margins, title band and footer proportions shared by all templates.
``boards/palette.yaml``
    CMYK colours; a user palette (a ``palette.yaml`` beside the spec, or ``palette=``) overrides
    single keys.

This module only loads and validates; it never draws.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from ..data import data_dir, load_yaml
from ..draw.primitives import CMYK  # the drawing model's process colour (one class)
from ..errors import ContentError

__all__ = ["CMYK", "Palette", "style", "legibility", "load_palette", "PALETTE_FILE"]

#: File name of a user palette beside the spec file.
PALETTE_FILE = "palette.yaml"


# --------------------------------------------------------------------------- colours

class Palette(Mapping[str, CMYK]):
    """The named colours of the boards (read-only mapping ``name → CMYK``)."""

    def __init__(self, colours: dict[str, CMYK]):
        self._colours = dict(colours)

    def __getitem__(self, key: str) -> CMYK:
        return self._colours[key]

    def __iter__(self):
        return iter(self._colours)

    def __len__(self) -> int:
        return len(self._colours)

    def __getattr__(self, key: str) -> CMYK:
        try:
            return self._colours[key]
        except KeyError:
            raise AttributeError(key) from None


def _colour(value: Any, where: str) -> CMYK:
    if (not isinstance(value, (list, tuple)) or len(value) != 4
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        raise ContentError(f"{where}: expected four numbers [C, M, Y, K], got {value!r}")
    if not all(0 <= v <= 100 for v in value):
        raise ContentError(f"{where}: CMYK percentages must lie between 0 and 100, got {value!r}")
    return CMYK(*(float(v) for v in value))


@lru_cache(maxsize=None)
def _default_palette_data() -> dict[str, list]:
    with open(data_dir("boards") / "palette.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)


def load_palette(override: Path | str | Mapping | None = None) -> Palette:
    """The default palette with ``override`` (a YAML file or a mapping) applied key by key.

    Raises :class:`~roomplanner.errors.ContentError` for an unknown key or a bad value."""
    base = _default_palette_data()
    colours = {k: _colour(v, f"boards/palette.yaml: {k}") for k, v in base.items()}
    if override is None:
        return Palette(colours)
    where = "palette"
    if isinstance(override, (str, Path)):
        where = Path(override).name
        import yaml   # only for a user's palette file: the bundled data come from the cache

        try:
            with open(override, encoding="utf-8") as fh:
                data = load_yaml(fh) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ContentError(f"{where}: cannot read the palette ({exc})") from None
        except RecursionError:   # nested thousands deep: no palette is
            raise ContentError(f"{where}: cannot read the palette (nested too deeply)") from None
    else:
        data = dict(override)
    if not isinstance(data, dict):
        raise ContentError(f"{where}: expected a mapping of colour names to [C, M, Y, K]")
    for key, value in data.items():
        if key not in colours:
            raise ContentError(f"{where}: unknown colour {key!r}; known colours: {', '.join(colours)}")
        colours[key] = _colour(value, f"{where}: {key}")
    return Palette(colours)


@lru_cache(maxsize=None)
def style() -> dict:
    """The shared style (``boards/templates/_style.yaml``)."""
    with open(data_dir("boards") / "templates" / "_style.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)


@lru_cache(maxsize=None)
def legibility() -> dict:
    """``legibility`` of ``boards/sizes.yaml`` (smallest body size, line spacing, margin)."""
    with open(data_dir("boards") / "sizes.yaml", encoding="utf-8") as fh:
        return dict(load_yaml(fh).get("legibility", {}))
