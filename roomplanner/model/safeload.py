"""Safe reading of YAML/JSON documents: size cap, no YAML aliases (no "billion laughs"),
no duplicate keys, bounded nesting, and clear messages for every failure — in Chinese by
default, English with ``lang="en"``.

A syntax error names the line and column. Most syntax errors of people typing a spec by hand
on a Chinese keyboard are full-width punctuation (``room：``, ``[0，0]``) or indentation with
Tab or a full-width space: the parser then trips a line later. Such a character before the
point where the parser failed is named instead, with its own line and column and the fix."""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..i18n import Problem, Text, render_problems

MAX_DOCUMENT_BYTES = 1 << 20  # 1 MiB: a real spec is a few kB
MAX_DEPTH = 32
MAX_MAGNITUDE = 10 ** 15     # no length, count or year in a spec or plan comes near this

WHAT = {"spec": Text("房间规格", "spec"), "plan": Text("方案文件", "plan file")}


_ALIAS = Text("不允许使用 YAML 别名（*名称）", "YAML aliases (*name) are not allowed")
_PLAIN_KEY = Text("键必须是简单的值", "a mapping key must be a plain value")
_DUP_KEY = Text("键 {key} 重复出现（同一层里每个键只能写一次）", "duplicate key {key}")


@lru_cache(maxsize=1)
def _yaml():
    """PyYAML, the error we raise for a refused construct and our loader, made on the first
    YAML document read (a JSON plan file needs none of them): ``(yaml, Refused, Loader)``."""
    import yaml

    class _Refused(yaml.constructor.ConstructorError):
        """A construct we refuse, with our own bilingual words."""

        def __init__(self, text: Text, fields: dict, mark):
            super().__init__(None, None, text.en.format(**fields), mark)
            self.text, self.fields = text, fields

    class _NoAliasSafeLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):  # type: ignore[override]
            if self.check_event(yaml.AliasEvent):
                raise _Refused(_ALIAS, {}, self.peek_event().start_mark)
            return super().compose_node(parent, index)

        def construct_mapping(self, node, deep=False):  # type: ignore[override]
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    hashable = key in seen
                except TypeError:
                    raise _Refused(_PLAIN_KEY, {}, key_node.start_mark) from None
                if hashable:
                    raise _Refused(_DUP_KEY, {"key": repr(key)}, key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return yaml, _Refused, _NoAliasSafeLoader


_HUGE = Text("{digits} 位的数字太大了；这里应是毫米数、人数或年份",
             "a number with {digits} digits is far too large; expected millimetres, counts or years")


def _huge_numbers(obj: Any, limit: int = 5) -> list[Problem]:
    """Integers too large for any field (and for float conversion)."""
    out: list[Problem] = []
    stack: list[tuple[Any, str]] = [(obj, "")]
    while stack and len(out) < limit:
        o, path = stack.pop()
        if isinstance(o, bool):
            continue
        if isinstance(o, int) and abs(o) > MAX_MAGNITUDE:
            out.append(Problem(path or "value", _HUGE, {"digits": len(str(abs(o)))}))
        elif isinstance(o, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in reversed(list(o.items())))
        elif isinstance(o, list):
            stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(o))))
    return out


def _depth(obj: Any, limit: int) -> int:
    stack = [(obj, 1)]
    deepest = 0
    while stack:
        o, d = stack.pop()
        deepest = max(deepest, d)
        if d > limit:
            return d
        if isinstance(o, dict):
            stack.extend((v, d + 1) for v in o.values())
        elif isinstance(o, list):
            stack.extend((v, d + 1) for v in o)
    return deepest


def _raise(error, problems: list[Problem], src: str, lang: str | None):
    lines, details = render_problems(problems, lang)
    raise error(lines, src, details=details, lang=lang)


_NOT_FOUND = Text("找不到文件：{src}", "file not found: {src}")
_IS_DIR = Text("{src} 是文件夹，不是文件", "{src} is a directory, not a file")
_TOO_BIG_FILE = Text("文件有 {size} 字节，超过了{what}的上限 {limit} 字节（是不是选错了文件？）",
                     "file is {size} bytes, larger than the {limit}-byte limit for a {what} (is this the right file?)")
_CANNOT_READ = Text("无法读取 {src}：{why}", "cannot read {src}: {why}")


def read_document(path: str | Path, what: str, error: Callable[..., Exception],
                  max_bytes: int = MAX_DOCUMENT_BYTES, lang: str | None = None) -> dict:
    """Read a YAML or JSON mapping from ``path``; raise ``error(problems, source, details=,
    lang=)`` (SpecError or PlanFileError) with messages in ``lang`` (default Chinese)."""
    p = Path(path)
    src = str(path)
    w = WHAT.get(what, Text(what, what))
    try:
        if not p.exists():
            _raise(error, [Problem(what, _NOT_FOUND, {"src": src})], src, lang)
        if p.is_dir():
            _raise(error, [Problem(what, _IS_DIR, {"src": src})], src, lang)
        size = p.stat().st_size
        if size > max_bytes:
            _raise(error, [Problem(what, _TOO_BIG_FILE, {"size": size, "limit": max_bytes, "what": w})], src, lang)
        with open(p, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        _raise(error, [Problem(what, _CANNOT_READ, {"src": src, "why": exc.strerror or str(exc)})], src, lang)
    return parse_document(raw, src, what, error, json_first=p.suffix.lower() == ".json",
                          max_bytes=max_bytes, lang=lang)


# ---------------------------------------------------------------- syntax errors

# what the parser said → what it means, in words a person typing a spec understands
_YAML_PROBLEMS: list[tuple[str, Text]] = [
    ("mapping values are not allowed here",
     Text("这里不能出现冒号“:”（冒号后要有空格，同一行只能有一个“键: 值”；值里含冒号时请加引号）",
          "a colon ':' is not allowed here (one 'key: value' per line; quote a value that holds a colon)")),
    ("could not find expected ':'",
     Text("缺少冒号“:”（每个键后面要有半角冒号和空格）", "expected a colon ':' after the key")),
    ("found character '\\t' that cannot start any token",
     Text("不能用 Tab 键缩进，请改用空格", "a Tab character: indent with spaces, not Tab")),
    ("expected ',' or '}'",
     Text("花括号 {…} 里的各项之间要用半角逗号“,”隔开，并以“}”结束",
          "items inside {…} must be separated by ',' and closed by '}'")),
    ("expected ',' or ']'",
     Text("方括号 […] 里的各项之间要用半角逗号“,”隔开，并以“]”结束",
          "items inside […] must be separated by ',' and closed by ']'")),
    ("expected <block end>",
     Text("缩进不对齐：同一层的键要对齐到同一列", "the indentation does not line up: keys of one level start in the same column")),
    ("found unexpected end of stream",
     Text("文件意外结束：引号或括号没有闭合", "unexpected end of the file: a quote or bracket is not closed")),
    ("while scanning a quoted scalar",
     Text("引号没有闭合", "a quote is not closed")),
    ("found undefined tag handle",
     Text("不能以“!”开头（需要时请加引号）", "a value may not start with '!' (quote it)")),
    ("found character '@' that cannot start any token",
     Text("值不能以“@”开头（请加引号）", "a value may not start with '@' (quote it)")),
    ("found character '`' that cannot start any token",
     Text("值不能以“`”开头（请加引号）", "a value may not start with '`' (quote it)")),
]
_YAML_OTHER = Text("YAML 格式错误（请检查缩进、冒号、逗号和括号）",
                   "not valid YAML (check the indentation, colons, commas and brackets)")
_JSON_PROBLEMS: list[tuple[str, Text]] = [
    ("Expecting property name enclosed in double quotes", Text("键要用英文双引号括起来", "expected a key in double quotes")),
    ("Expecting ',' delimiter", Text("缺少半角逗号“,”", "expected a comma ','")),
    ("Expecting ':' delimiter", Text("缺少半角冒号“:”", "expected a colon ':'")),
    ("Expecting value", Text("这里应当有一个值", "expected a value")),
    ("Extra data", Text("在文档结束后还有多余内容", "extra text after the end of the document")),
    ("Unterminated string", Text("字符串的引号没有闭合", "a string's quote is not closed")),
    ("Invalid control character", Text("字符串里有控制字符（如换行或 Tab）", "a control character (newline, Tab) inside a string")),
]
_JSON_OTHER = Text("JSON 格式错误", "not valid JSON")
_SYNTAX = Text("不是有效的 {fmt}：第 {line} 行第 {column} 列：{problem}",
               "not valid {fmt}: {problem} at line {line} column {column}")
_SYNTAX_NOWHERE = Text("不是有效的 {fmt}：{problem}", "not valid {fmt}: {problem}")

# characters typed on a Chinese keyboard where YAML and JSON need ASCII
_FULL_WIDTH = {
    "：": Text("全角冒号“：”", "full-width colon '：'"),
    "，": Text("全角逗号“，”", "full-width comma '，'"),
    "［": Text("全角方括号“［”", "full-width bracket '［'"),
    "］": Text("全角方括号“］”", "full-width bracket '］'"),
    "｛": Text("全角花括号“｛”", "full-width brace '｛'"),
    "｝": Text("全角花括号“｝”", "full-width brace '｝'"),
    "\u3000": Text("全角空格", "a full-width space"),
    "\t": Text(" Tab 键缩进", "a Tab"),
}
_ASCII = {"：": ":", "，": ",", "［": "[", "］": "]", "｛": "{", "｝": "}", "\u3000": " ", "\t": " "}
_HINT = Text("不是有效的 {fmt}：第 {line} 行第 {column} 列用了{char}，要改用半角“{ascii}”{after}",
             "not valid {fmt}: a {char} at line {line} column {column}; use an ASCII '{ascii}'{after}")
_AFTER_COLON = Text("，后面加一个空格（例如 {example}）", " followed by a space (e.g. {example})")
_INDENT_HINT = Text("不是有效的 {fmt}：第 {line} 行第 {column} 列用了{char}；缩进只能用半角空格",
                    "not valid {fmt}: {char} at line {line} column {column}; indent with ASCII spaces only")



@lru_cache(maxsize=1)
def _suspect_patterns():
    """The patterns :func:`full_width_suspects` looks for, compiled on the first syntax error
    (never on the way of a valid document): a key's colon, a flow key's colon, a comma between
    numbers, brackets, odd indentation."""
    return (re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*(：)"),
            re.compile(r"[{,]\s*([A-Za-z_][A-Za-z0-9_]*)\s*(：)"),
            re.compile(r"[-\d.]\s*(，)\s*[-\d\[]|[\]}]\s*(，)"),
            re.compile(r"[［］｛｝]"),
            re.compile(r"^[ ]*([\u3000\t])"))


def full_width_suspects(text: str, upto_line: int | None = None) -> list[tuple[int, int, str, str]]:
    """(line, column, char, example) of full-width punctuation or odd indentation where the
    syntax needs ASCII, 1-based, in reading order, up to line ``upto_line``."""
    _KEY_COLON, _FLOW_KEY_COLON, _NUM_COMMA, _BRACKETS, _LEAD_SPACE = _suspect_patterns()
    out = []
    for ln, line in enumerate(text.splitlines(), 1):
        if upto_line is not None and ln > upto_line:
            break
        for rx in (_KEY_COLON, _FLOW_KEY_COLON):
            for m in rx.finditer(line):
                key = m.group(m.lastindex - 1)
                out.append((ln, m.start(m.lastindex) + 1, "：", f"{key}: "))
        for m in _NUM_COMMA.finditer(line):
            g = 1 if m.group(1) else 2
            out.append((ln, m.start(g) + 1, "，", ""))
        for m in _BRACKETS.finditer(line):
            out.append((ln, m.start() + 1, m.group(), ""))
        m = _LEAD_SPACE.match(line)
        if m:
            out.append((ln, m.start(1) + 1, m.group(1), ""))
    out.sort()
    return out


def _syntax_problem(what: str, fmt: str, text: str, line: int | None, column: int | None,
                    problem: Text) -> Problem:
    suspects = full_width_suspects(text, line)
    if suspects:
        ln, col, ch, example = suspects[0]
        where = {"line": ln, "column": col}
        if ch in ("\u3000", "\t"):
            return Problem(what, _INDENT_HINT, {**where, "char": _FULL_WIDTH[ch], "fmt": fmt}, where)
        after = (Text(_AFTER_COLON.zh.format(example=example), _AFTER_COLON.en.format(example=example))
                 if ch == "：" else Text("", ""))
        return Problem(what, _HINT, {**where, "char": _FULL_WIDTH[ch], "fmt": fmt, "ascii": _ASCII[ch],
                                     "after": after}, where)
    if line is None:
        return Problem(what, _SYNTAX_NOWHERE, {"fmt": fmt, "problem": problem})
    return Problem(what, _SYNTAX, {"fmt": fmt, "problem": problem, "line": line, "column": column},
                   {"line": line, "column": column})


def _explain(said: str, table: list[tuple[str, Text]], other: Text) -> Text:
    for needle, text in table:
        if needle in said:
            return text
    return other


_TOO_BIG = Text("超过了 {limit} 字节的上限", "larger than the {limit}-byte limit")
_EMPTY = Text("文件是空的；应为 YAML 或 JSON 格式的键值映射", "the file is empty; expected a YAML or JSON mapping")
_NOT_UTF8 = Text("不是 UTF-8 文本（第 {pos} 字节有误）；应为 YAML 或 JSON",
                 "not UTF-8 text (bad byte at position {pos}); expected YAML or JSON")
_NUL = Text("含有 NUL 字节；应为 YAML 或 JSON 文本", "contains NUL bytes; expected YAML or JSON text")
_DEEP = Text("嵌套层数太多（上限 {limit} 层）", "nested too deeply (limit {limit} levels)")
_NOT_MAPPING = Text("最外层应是键值映射（例如 “branch:” 和 “room:”），实际是{kind}",
                    "expected a mapping of keys (like 'branch:' and 'room:') at the top level, got {kind}")
KINDS = {
    "NoneType": Text("空值", "nothing (null)"), "empty": Text("空的", "empty"),
    "list": Text("列表", "list"), "str": Text("文字", "str"), "int": Text("整数", "int"),
    "float": Text("小数", "float"), "bool": Text("布尔值（true/false）", "bool"), "dict": Text("映射", "dict"),
}


def kind_of(value: Any) -> Text:
    name = type(value).__name__
    return KINDS.get(name, Text(name, name))


def parse_document(raw: bytes, src: str, what: str, error: Callable[..., Exception], json_first: bool = False,
                   max_bytes: int = MAX_DOCUMENT_BYTES, lang: str | None = None) -> dict:
    def fail(*problems: Problem):
        _raise(error, list(problems), src, lang)

    if len(raw) > max_bytes:
        fail(Problem(what, _TOO_BIG, {"limit": max_bytes}))
    if not raw.strip():
        fail(Problem(what, _EMPTY))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(Problem(what, _NOT_UTF8, {"pos": exc.start}))
    if "\x00" in text:
        fail(Problem(what, _NUL))
    try:
        if json_first:
            try:
                data = json.loads(text, parse_constant=lambda c: math.nan)
            except json.JSONDecodeError as exc:
                fail(_syntax_problem(what, "JSON", text, exc.lineno, exc.colno,
                                     _explain(exc.msg, _JSON_PROBLEMS, _JSON_OTHER)))
        else:
            yaml, refused, loader = _yaml()
            try:
                data = yaml.load(text, Loader=loader)  # noqa: S506 (safe loader subclass)
            except refused as exc:
                mark = exc.problem_mark
                fail(Problem(what, _SYNTAX, {"fmt": "YAML", "problem": exc.text(lang, **exc.fields),
                                             "line": mark.line + 1, "column": mark.column + 1},
                             {"line": mark.line + 1, "column": mark.column + 1}))
            except yaml.MarkedYAMLError as exc:
                mark = exc.problem_mark or exc.context_mark
                said = f"{exc.problem or ''} {exc.context or ''}"
                fail(_syntax_problem(what, "YAML", text, mark.line + 1 if mark else None,
                                     mark.column + 1 if mark else None,
                                     _explain(said, _YAML_PROBLEMS, _YAML_OTHER)))
            except yaml.YAMLError:
                fail(_syntax_problem(what, "YAML", text, None, None, _YAML_OTHER))
    except RecursionError:
        fail(Problem(what, _DEEP, {"limit": MAX_DEPTH}))
    if not isinstance(data, dict):
        kind = KINDS["empty"] if data is None else kind_of(data)
        fail(Problem(what, _NOT_MAPPING, {"kind": kind}))
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        fail(Problem(what, _DEEP, {"limit": MAX_DEPTH}))
    huge = _huge_numbers(data)
    if huge:
        fail(*huge)
    return data
