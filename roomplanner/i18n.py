"""Bilingual words. Every message a user reads is written once, as a pair: Simplified Chinese
(the default) and English (``lang="en"``). Code builds ``Text`` values and picks the language
only when the message is shown, so one run never mixes languages."""

from __future__ import annotations

from typing import NamedTuple

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def norm_lang(lang: str | None) -> str:
    """``"zh"`` or ``"en"``; None and anything starting with ``zh`` mean Chinese."""
    if not lang:
        return DEFAULT_LANG
    lang = str(lang).strip().lower()
    return "en" if lang.startswith("en") else DEFAULT_LANG


class Text(NamedTuple):
    """A message in both languages; ``str.format`` fields are filled when it is shown."""

    zh: str
    en: str

    def __call__(self, lang: str | None = None, /, **fields) -> str:
        s = self.en if norm_lang(lang) == "en" else self.zh
        return s.format(**fields) if fields else s


def tr(zh: str, en: str, lang: str | None) -> str:
    """The one of ``zh``/``en`` for ``lang``."""
    return en if norm_lang(lang) == "en" else zh
