"""CSV cells that spreadsheets will not run as formulas.

Branch names, board titles and file paths are user text; a cell starting with ``=``, ``+``,
``-``, ``@`` (or a tab / carriage return) is read by Excel, WPS and LibreOffice as a formula
(CSV injection). Such text cells get a leading apostrophe, which spreadsheets hide. Numbers
are left alone, so negative offsets stay numbers."""

from __future__ import annotations

from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def row(values) -> list:
    return [cell(v) for v in values]
