"""Scanners for words of the other language in what the program prints.

``english_words(text)``: English words left in Chinese output once the things that are
rightly ASCII are taken out — field paths (``room.openings[1].width``), rule ids, option
names, quoted values, file paths, file formats and the program's name.
``cjk_runs(text, allowed)``: Chinese characters in English output, except in quoted values
and in the ``allowed`` strings (names the user gave, such as the branch name)."""

from __future__ import annotations

import re

ALLOWED_ASCII = {
    "roomplanner", "yaml", "json", "utf", "nul", "svg", "pdf", "csv", "sarif", "schema", "tab", "excel", "kt",
    "cmyk", "nan", "true", "false", "null", "zh", "en", "plan", "check", "demo", "init", "profiles", "spec",
    "all", "serve", "html", "jpeg", "png", "id", "dxf", "gltf", "glb", "autocad", "cad",
}

_PATHISH = re.compile(r"(?:[A-Za-z]:)?[\w.~-]*[/\\][^\s，。；：（）,;'\"]*")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_DOTTED = re.compile(r"[A-Za-z_][\w-]*(?:(?:\.|\[\d+\])[\w-]*)+|[A-Za-z]+_[\w]+|\w+\[\d+\]")
_WORD = re.compile(r"[A-Za-z]{2,}")
_LINE_PATH = re.compile(r"^(\s*)[A-Za-z_][\w.\[\]-]*:(?= )", re.M)
# branch type ids are codes a user may type, like the field names
_TYPE_IDS = re.compile(r"\b(?:general|enterprise|bureau|rural-committee|village|community|organ|university|school)\b")


def english_words(text: str) -> list[str]:
    t = _LINE_PATH.sub(r"\1", text)
    t = re.sub(r"例如 [A-Za-z_]\w*:", " ", t)
    t = re.sub(r"“[\w:. -]*”", " ", t)           # a key or value quoted in a Chinese sentence
    t = _QUOTED.sub(" ", t)
    t = _TYPE_IDS.sub(" ", t)
    t = _PATHISH.sub(" ", t)
    t = _OPTION.sub(" ", t)
    t = _DOTTED.sub(" ", t)
    return [w for w in _WORD.findall(t) if w.lower() not in ALLOWED_ASCII]


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]+")


def cjk_runs(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    t = _QUOTED.sub(" ", text)
    for a in sorted(allowed, key=len, reverse=True):
        t = t.replace(a, " ")
    return _CJK.findall(t)


def test_scanners_find_what_they_should():
    assert english_words("room.openings[1].width: 得到 -1000，应大于 0") == []
    assert english_words("branch.members: got 0, expected a value at least 1") == ["got", "expected", "value", "at",
                                                                                   "least"]
    assert english_words("-o: /tmp/x 里有不是 roomplanner 写出的文件（keep.txt）") == []
    assert english_words("主墙面 main wall") == ["main", "wall"]
    assert english_words("profile: 缺少必填项\n  main_wall: 缺少必填项") == []
    assert english_words("可选：企业（enterprise）、农村（rural-committee）") == []
    assert cjk_runs("got '企业', expected a number") == []
    assert cjk_runs("demo: 示例 — compliant", allowed=("示例",)) == []
    assert cjk_runs("wall 2, 合规") == ["合规"]
