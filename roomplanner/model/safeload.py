"""Safe reading of YAML/JSON documents: size cap, no YAML aliases (no "billion laughs"),
no duplicate keys, bounded nesting, and clear messages for every failure."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Callable

import yaml

MAX_DOCUMENT_BYTES = 1 << 20  # 1 MiB: a real spec is a few kB
MAX_DEPTH = 32
MAX_MAGNITUDE = 10 ** 15     # no length, count or year in a spec or plan comes near this


class _NoAliasSafeLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            ev = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in a spec", ev.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hashable = key in seen
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark)
            if hashable:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _huge_numbers(obj: Any, limit: int = 5) -> list[str]:
    """Paths of integers too large for any field (and for float conversion)."""
    out: list[str] = []
    stack: list[tuple[Any, str]] = [(obj, "")]
    while stack and len(out) < limit:
        o, path = stack.pop()
        if isinstance(o, bool):
            continue
        if isinstance(o, int) and abs(o) > MAX_MAGNITUDE:
            digits = len(str(abs(o)))
            out.append(f"{path or 'value'}: a number with {digits} digits is far too large; expected millimetres, "
                       f"counts or years")
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


def read_document(path: str | Path, what: str, error: Callable[[list[str], str], Exception],
                  max_bytes: int = MAX_DOCUMENT_BYTES) -> dict:
    """Read a YAML or JSON mapping from ``path``; raise ``error(problems, source)``."""
    p = Path(path)
    src = str(path)
    try:
        if not p.exists():
            raise error([f"{what}: file not found: {src}"], src)
        if p.is_dir():
            raise error([f"{what}: {src} is a directory, not a file"], src)
        size = p.stat().st_size
        if size > max_bytes:
            raise error([f"{what}: file is {size} bytes, larger than the {max_bytes}-byte limit "
                         f"for a {what} (is this the right file?)"], src)
        with open(p, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise error([f"{what}: cannot read {src}: {exc.strerror or exc}"], src) from None
    return parse_document(raw, src, what, error, json_first=p.suffix.lower() == ".json",
                          max_bytes=max_bytes)


def parse_document(raw: bytes, src: str, what: str,
                   error: Callable[[list[str], str], Exception], json_first: bool = False,
                   max_bytes: int = MAX_DOCUMENT_BYTES) -> dict:
    if len(raw) > max_bytes:
        raise error([f"{what}: larger than the {max_bytes}-byte limit"], src)
    if not raw.strip():
        raise error([f"{what}: the file is empty; expected a YAML or JSON mapping"], src)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error([f"{what}: not UTF-8 text (bad byte at position {exc.start}); expected YAML or JSON"], src) from None
    if "\x00" in text:
        raise error([f"{what}: contains NUL bytes; expected YAML or JSON text"], src)
    try:
        if json_first:
            try:
                data = json.loads(text, parse_constant=lambda c: math.nan)
            except json.JSONDecodeError as exc:
                raise error([f"{what}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"], src) from None
        else:
            try:
                data = yaml.load(text, Loader=_NoAliasSafeLoader)  # noqa: S506 (safe loader subclass)
            except yaml.MarkedYAMLError as exc:
                mark = exc.problem_mark or exc.context_mark
                where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
                raise error([f"{what}: not valid YAML/JSON: {exc.problem or exc.context}{where}"], src) from None
            except yaml.YAMLError as exc:
                raise error([f"{what}: not valid YAML/JSON: {exc}"], src) from None
    except RecursionError:
        raise error([f"{what}: nested too deeply (limit {MAX_DEPTH} levels)"], src) from None
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise error([f"{what}: expected a mapping of keys (like 'branch:' and 'room:') at the top level, got {kind}"], src)
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise error([f"{what}: nested too deeply (limit {MAX_DEPTH} levels)"], src)
    huge = _huge_numbers(data)
    if huge:
        raise error(huge, src)
    return data
