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
from ..i18n import Text, norm_lang, os_reason

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


#: The palette's messages (Chinese by default, English with ``lang="en"``); each names the file
#: or key it is about before it (``palette.yaml: red: …``).
_T = {
    "read": Text("无法读取调色板文件（{why}）", "cannot read the palette ({why})"),
    "syntax": Text("YAML 语法错误，第 {line} 行第 {column} 列", "YAML syntax error at line {line}, column {column}"),
    "syntax_any": Text("YAML 语法错误", "YAML syntax error"),
    "deep": Text("嵌套层数过多", "nested too deeply"),
    "encoding": Text("不是 UTF-8 编码的文本，第 {offset} 字节", "not UTF-8 text, at byte {offset}"),
    "mapping": Text("应为颜色名到 [C, M, Y, K] 的映射，实际是 {value}",
                    "expected a mapping of colour names to [C, M, Y, K], got {value}"),
    "unknown": Text("没有名为 {key} 的颜色；可用的颜色：{known}", "unknown colour {key}; known colours: {known}"),
    "four": Text("应为四个数 [C, M, Y, K]，实际是 {value}", "expected four numbers [C, M, Y, K], got {value}"),
    "range": Text("CMYK 百分比须在 0 到 100 之间，实际是 {value}",
                  "CMYK percentages must lie between 0 and 100, got {value}"),
}


def _shown(value: Any) -> str:
    """A user's value as the message quotes it (at most 60 characters)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _error(where: str, message: str, lang: str | None, **fields) -> ContentError:
    return ContentError(f"{where}: " + _T[message](lang, **fields))


def _colour(value: Any, where: str, lang: str | None = None) -> CMYK:
    if (not isinstance(value, (list, tuple)) or len(value) != 4
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        raise _error(where, "four", lang, value=_shown(value))
    if not all(0 <= v <= 100 for v in value):
        raise _error(where, "range", lang, value=_shown(value))
    return CMYK(*(float(v) for v in value))


@lru_cache(maxsize=None)
def _default_palette_data() -> dict[str, list]:
    with open(data_dir("boards") / "palette.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)


def load_palette(override: Path | str | Mapping | None = None, lang: str | None = None) -> Palette:
    """The default palette with ``override`` (a YAML file or a mapping) applied key by key.

    Raises :class:`~roomplanner.errors.ContentError` for an unreadable file, an unknown key or a
    bad value, naming the file (or ``palette``) and the key, in ``lang`` (Chinese by default)."""
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
        except OSError as exc:
            raise _error(where, "read", lang, why=os_reason(exc, lang)) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            why = (_T["syntax"](lang, line=mark.line + 1, column=mark.column + 1) if mark is not None
                   else _T["syntax_any"](lang))
            raise _error(where, "read", lang, why=why) from None
        except RecursionError:   # nested thousands deep: no palette is
            raise _error(where, "read", lang, why=_T["deep"](lang)) from None
        except UnicodeDecodeError as exc:   # saved in another encoding (GBK …)
            raise _error(where, "read", lang, why=_T["encoding"](lang, offset=exc.start + 1)) from None
    else:
        data = dict(override)
    if not isinstance(data, dict):
        raise _error(where, "mapping", lang, value=_shown(data))
    for key, value in data.items():
        if key not in colours:
            raise _error(where, "unknown", lang, key=_shown(key),
                         known=("、" if norm_lang(lang) == "zh" else ", ").join(colours))
        colours[key] = _colour(value, f"{where}: {key}", lang)
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
