"""pydantic's validation errors → one :class:`~roomplanner.i18n.Problem` per field, in words a
branch secretary understands (Chinese by default), each naming the field path and the value."""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from ..i18n import Problem, Text
from .safeload import kind_of


def _close_matches(word: str, choices, n: int, cutoff: float) -> list[str]:
    """difflib's did-you-mean, imported on the first error (never on the way of a valid spec)."""
    import difflib

    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)

# values a user may type in Chinese, by the English value they stand for (shown in messages)
VALUE_NAMES: dict[str, str] = {
    "door": "门", "window": "窗", "in": "内开", "out": "外开", "start": "起点一侧", "end": "终点一侧",
    "auto": "自动", "below": "党旗下方", "beside": "党旗左侧", "profile": "按支部类型",
    "member": "党员", "organisation": "集体", "first_friday": "每月第一个星期五", "fixed_day": "每月固定日",
}


def path_of(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "spec"


def _is_type_tag(part: Any) -> bool:
    """pydantic puts union member names (``int``, ``literal['auto']``…) into ``loc``."""
    return isinstance(part, str) and (
        part in ("int", "float", "str", "bool") or "[" in part or part.startswith(("function-", "constrained-")))


def short(v: Any) -> str:
    r = repr(v)
    return r if len(r) <= 60 else r[:57] + "..."


def fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed at the mapping that holds ``loc[-1]``."""
    cur: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)) or part not in cur.model_fields:
            return []
        cur = _inner_model(cur.model_fields[part].annotation)
        if cur is None:
            return []
    if isinstance(cur, type) and issubclass(cur, BaseModel):
        return list(cur.model_fields)
    return []


def _inner_model(ann: Any):
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        m = _inner_model(arg)
        if m is not None:
            return m
    return None


EXPECT = {
    "int_type": Text("整数", "a whole number"),
    "int_parsing": Text("整数", "a whole number"),
    "float_type": Text("数字", "a number"),
    "float_parsing": Text("数字", "a number"),
    "string_type": Text("文字", "text"),
    "list_type": Text("列表", "a list"),
    "tuple_type": Text("由两个数组成的列表 [x, y]", "a list of two numbers [x, y]"),
    "dict_type": Text("键值映射", "a mapping of keys"),
    "model_type": Text("键值映射", "a mapping of keys"),
    "bool_type": Text("true 或 false", "true or false"),
}
_FINITE = Text("得到 {got}，应为有限的数（不能是 NaN 或无穷大）", "got {got}, expected a finite number (not NaN or infinity)")
_GOT_KIND = Text("得到 {got}（{kind}），应为{expected}", "got {got} ({kind}), expected {expected}")
_WHOLE = Text("得到 {got}，应为整数", "got {got}, expected a whole number")
_BOUND = {
    "greater_than": Text("得到 {got}，应大于 {bound}", "got {got}, expected a value greater than {bound}"),
    "greater_than_equal": Text("得到 {got}，应不小于 {bound}", "got {got}, expected a value at least {bound}"),
    "less_than": Text("得到 {got}，应小于 {bound}", "got {got}, expected a value less than {bound}"),
    "less_than_equal": Text("得到 {got}，应不大于 {bound}", "got {got}, expected a value at most {bound}"),
}
_UNKNOWN_KEY = Text("未知的键 {key}{hint}", "unknown key {key}{hint}")
_DID_YOU_MEAN_KEY = Text("（是不是 {hint}？）", " (did you mean {hint}?)")
_ALLOWED_KEYS = Text("；可用的键：{keys}", "; allowed keys: {keys}")
_MISSING = Text("缺少必填项", "required field is missing")
_LITERAL = Text("得到 {got}，应为 {expected}{hint}", "got {got}, expected {expected}{hint}")
_DID_YOU_MEAN = Text("（是不是 {hint}？）", " (did you mean {hint}?)")
_TOO_FEW = Text("有 {n} 项，至少应有 {lim} 项", "has {n} entries, expected at least {lim}")
_TOO_MANY = Text("有 {n} 项，最多 {lim} 项", "has {n} entries, expected at most {lim}")
_STR_SHORT = Text("得到 {got}，至少应有 {lim} 个字", "got {got}, expected text of at least {lim} characters")
_STR_LONG = Text("得到 {got}，最多 {lim} 个字", "got {got}, expected text of at most {lim} characters")
_DATE = Text("得到 {got}，日期应写成“年-月-日”，例如 2026-11-22", "got {got}, expected a date as YYYY-MM-DD")
_OTHER = Text("值无效（得到 {got}）", "{msg} (got {got})")
_FULL_WIDTH_VALUE = Text("；其中有全角标点，请改成半角“:”“,”“[”“]”", "; it holds full-width punctuation: use ASCII ':' ',' '[' ']'")
_FULL_WIDTH_KEY = Text("；键里有全角冒号“：”，请改成半角冒号“:”并在后面加空格",
                       "; the key holds a full-width colon '：': use an ASCII colon ':' followed by a space")

_FULL_WIDTH_SPACE = Text("；键的前面有全角空格，缩进只能用半角空格（这一项应缩进到上一层的下面）",
                         "; the key starts with full-width spaces: indent with ASCII spaces only")

CUSTOM = {
    "one_line": Text("得到 {got}，这里只能写一行（不能换行）", "got {got}, expected one line (without a line break)"),
    "eye_level_order": Text("低端（{lo}）不能高于高端（{hi}）", "the low end ({lo}) must not be above the high end ({hi})"),
    "emblem_format": Text("得到 {got}，党徽图稿应是官方提供的 SVG 或 PDF 文件（.svg 或 .pdf）",
                          "got {got}, expected the official emblem artwork as an SVG or PDF file (.svg or .pdf)"),
    "emblem_path": Text("得到 {got}，党徽图稿必须放在规格文件所在的文件夹里（写相对路径，不能用“..”或绝对路径）",
                        "got {got}, the emblem artwork must lie in the spec's folder (a relative path without '..')"),
}

_FULL_WIDTH_PUNCTUATION = "：，［］｛｝"
"""Full-width punctuation typed where YAML needs ASCII (a key ``room：``)."""
_TO_COLON = str.maketrans(dict.fromkeys(_FULL_WIDTH_PUNCTUATION, ":"))


def _literal_expected(ctx_expected: str) -> tuple[Text, list[str]]:
    values = re.findall(r"'([^']*)'", ctx_expected)
    if not values:
        return Text(ctx_expected, ctx_expected), []
    zh = "、".join(f"'{v}'" + (f"（{VALUE_NAMES[v]}）" if v in VALUE_NAMES else "") for v in values[:-1])
    last = f"'{values[-1]}'" + (f"（{VALUE_NAMES[values[-1]]}）" if values[-1] in VALUE_NAMES else "")
    zh = f"{zh}或 {last}" if zh else last
    return Text(zh, ctx_expected), values


def validation_problems(exc: ValidationError, model: type[BaseModel]) -> list[Problem]:
    """One problem per field path (pydantic reports each member of a union; keep the clearest)."""
    found: list[tuple[Problem, bool]] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not _is_type_tag(p))
        typ = err["type"]
        inp = err.get("input")
        ctx = err.get("ctx", {}) or {}
        path = path_of(loc)
        got = short(inp)
        numeric = False
        if typ == "extra_forbidden":
            key = loc[-1] if loc else "?"
            allowed = fields_at(model, loc)
            bare = str(key).translate(_TO_COLON).split(":")[0].strip("\u3000 \t")
            hint = [] if "\u3000" in str(key) else _close_matches(bare, allowed, n=1, cutoff=0.5)
            if hint:
                tail = Text(_DID_YOU_MEAN_KEY.zh.format(hint=repr(hint[0])), _DID_YOU_MEAN_KEY.en.format(hint=repr(hint[0])))
            elif allowed and "\u3000" not in str(key):
                tail = Text(_ALLOWED_KEYS.zh.format(keys="、".join(allowed)), _ALLOWED_KEYS.en.format(keys=", ".join(allowed)))
            else:
                tail = Text("", "")
            if "：" in str(key):
                tail = Text(tail.zh + _FULL_WIDTH_KEY.zh, tail.en + _FULL_WIDTH_KEY.en)
            if "\u3000" in str(key):
                tail = Text(tail.zh + _FULL_WIDTH_SPACE.zh, tail.en + _FULL_WIDTH_SPACE.en)
            p = Problem(path, _UNKNOWN_KEY, {"key": repr(key), "hint": tail})
        elif typ == "missing":
            p = Problem(path, _MISSING)
        elif typ in ("int_type", "float_type", "int_parsing", "float_parsing", "int_from_float"):
            numeric = True
            if isinstance(inp, float) and (math.isnan(inp) or math.isinf(inp)):
                p = Problem(path, _FINITE, {"got": repr(inp)})
            elif typ == "int_from_float":
                p = Problem(path, _WHOLE, {"got": got})
                numeric = False
            else:
                p = Problem(path, _GOT_KIND, {"got": got, "kind": kind_of(inp), "expected": EXPECT[typ]})
        elif typ == "finite_number":
            numeric = True
            p = Problem(path, _FINITE, {"got": repr(inp)})
        elif typ in _BOUND:
            p = Problem(path, _BOUND[typ], {"got": got, "bound": next(iter(ctx.values()), "?")})
        elif typ == "literal_error":
            expected, values = _literal_expected(str(ctx.get("expected", "?")))
            hint = _close_matches(str(inp), values, n=1, cutoff=0.5) if isinstance(inp, str) else []
            tail = (Text(_DID_YOU_MEAN.zh.format(hint=repr(hint[0])), _DID_YOU_MEAN.en.format(hint=repr(hint[0])))
                    if hint else Text("", ""))
            p = Problem(path, _LITERAL, {"got": got, "expected": expected, "hint": tail})
        elif typ in ("too_short", "too_long"):
            p = Problem(path, _TOO_FEW if typ == "too_short" else _TOO_MANY,
                        {"n": ctx.get("actual_length"), "lim": ctx.get("min_length", ctx.get("max_length"))})
        elif typ in ("string_too_short", "string_too_long"):
            p = Problem(path, _STR_SHORT if typ == "string_too_short" else _STR_LONG,
                        {"got": got, "lim": ctx.get("min_length", ctx.get("max_length"))})
        elif typ in EXPECT:
            p = Problem(path, _GOT_KIND, {"got": got, "kind": kind_of(inp), "expected": EXPECT[typ]})
        elif typ == "string_pattern_mismatch":
            p = Problem(path, _DATE, {"got": got})
        elif typ in CUSTOM:
            p = Problem(path, CUSTOM[typ], dict(ctx))
        else:
            p = Problem(path, _OTHER, {"got": got, "msg": err["msg"]})
        if (isinstance(inp, str) and any(c in inp for c in _FULL_WIDTH_PUNCTUATION)
                and typ not in ("extra_forbidden", "string_too_long")):
            p = p._replace(text=Text(p.text.zh + _FULL_WIDTH_VALUE.zh, p.text.en + _FULL_WIDTH_VALUE.en))
        found.append((p, numeric))
    # one message per path; between the members of ``int | float``, the "number" one
    by_path: dict[str, tuple[Problem, bool]] = {}
    order: list[str] = []
    for p, numeric in found:
        if p.path in by_path:
            if numeric and by_path[p.path][0].text in (_GOT_KIND, _WHOLE) and p.text in (_GOT_KIND, _FINITE):
                if p.text is _FINITE or p.fields.get("expected") == EXPECT["float_type"]:
                    by_path[p.path] = (p, numeric)
            continue
        by_path[p.path] = (p, numeric)
        order.append(p.path)
    return [by_path[k][0] for k in order]
