"""Activity-day dates (主题党日 / 党员活动日) for the calendar board.

003 【2】§2: the member activity day is held monthly, on the first Friday of each month
(每月的第一个星期五). Some branches fix a day of the month instead (学习议事日 on the 8th,
002 附1–附4). ``content.activity_day`` chooses: ``{year, rule: first_friday}`` or
``{year, rule: fixed_day, day: 8}``.
"""

from __future__ import annotations

import datetime as _dt

__all__ = ["activity_dates", "first_weekday", "FRIDAY"]

FRIDAY = 4  #: ``date.weekday()`` of Friday


def first_weekday(year: int, month: int, weekday: int) -> _dt.date:
    """The first ``weekday`` (Monday = 0 … Sunday = 6) of a month."""
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday}")
    first = _dt.date(year, month, 1)
    return first + _dt.timedelta(days=(weekday - first.weekday()) % 7)


def activity_dates(year: int, rule: str = "first_friday", day: int | None = None) -> list[_dt.date]:
    """The twelve activity days of ``year``, January first.

    ``rule`` is ``first_friday`` (every first Friday) or ``fixed_day`` (day ``day`` of each
    month, 1–28 so that every month has it)."""
    if rule == "first_friday":
        return [first_weekday(year, m, FRIDAY) for m in range(1, 13)]
    if rule == "fixed_day":
        if day is None or not 1 <= day <= 28:
            raise ValueError(f"fixed_day needs a day between 1 and 28, got {day!r}")
        return [_dt.date(year, m, day) for m in range(1, 13)]
    raise ValueError(f"unknown activity-day rule {rule!r}; expected first_friday or fixed_day")
