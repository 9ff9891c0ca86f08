"""Bilingual words. Every message a user reads is written once, as a pair: Simplified Chinese
(the default) and English (``lang="en"``). Code builds ``Text`` values and picks the language
only when the message is shown, so one run never mixes languages.

``Problem`` is one problem with an input file: the field path (``room.openings[1].width``;
``spec`` or ``plan`` for the whole document), the message as a ``Text`` and its fields.
``render_problems`` turns a list of them into the ``"path: message"`` lines and the
``{"path", "message"}`` details that :class:`~roomplanner.errors.SpecError` carries."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

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
        if not fields:
            return s
        return s.format(**{k: (v(lang) if isinstance(v, Text) else v) for k, v in fields.items()})


def tr(zh: str, en: str, lang: str | None) -> str:
    """The one of ``zh``/``en`` for ``lang``."""
    return en if norm_lang(lang) == "en" else zh


class Problem(NamedTuple):
    """One problem with an input document, shown as ``path: message``."""

    path: str
    text: Text
    fields: dict = {}
    extra: dict = {}
    """Extra keys for the details (``line``, ``column`` of a YAML syntax error)."""

    def message(self, lang: str | None = None) -> str:
        s = self.text.en if norm_lang(lang) == "en" else self.text.zh
        return s.format(**{k: (v(lang) if isinstance(v, Text) else v) for k, v in self.fields.items()})

    def line(self, lang: str | None = None) -> str:
        return f"{self.path}: {self.message(lang)}" if self.path else self.message(lang)

    def detail(self, lang: str | None = None) -> dict[str, Any]:
        return {"path": self.path, "message": self.message(lang), **self.extra}


def render_problems(problems: list[Problem], lang: str | None = None) -> tuple[list[str], list[dict]]:
    """Each problem once (first occurrence), as lines and as details."""
    seen: set[str] = set()
    lines: list[str] = []
    details: list[dict] = []
    for p in problems:
        line = p.line(lang)
        if line in seen:
            continue
        seen.add(line)
        lines.append(line)
        details.append(p.detail(lang))
    return lines, details


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def has_cjk(s: str) -> bool:
    """True when ``s`` holds a Chinese character or full-width punctuation."""
    return bool(_CJK.search(s))


_OS_REASONS = {
    "EACCES": Text("没有权限", "permission denied"),
    "EPERM": Text("不允许此操作", "operation not permitted"),
    "ENOTDIR": Text("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "ENOENT": Text("不存在", "does not exist"),
    "EEXIST": Text("已经存在", "already exists"),
    "ENOSPC": Text("磁盘空间不足", "no space left on the disk"),
    "EROFS": Text("是只读的文件系统", "read-only file system"),
    "EISDIR": Text("是文件夹", "is a folder"),
    "ENAMETOOLONG": Text("文件名太长", "file name too long"),
    "EBUSY": Text("正被占用", "busy"),
}


def os_reason(exc: OSError, lang: str | None = None) -> str:
    """Why an ``OSError`` happened, in ``lang``: the operating system's own words are English."""
    import errno

    name = errno.errorcode.get(exc.errno or -1, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name](lang)
    if norm_lang(lang) == "en":
        return exc.strerror or str(exc)
    return f"系统错误 {name or exc.errno}"
