import datetime as dt

import pytest
from hypothesis import given, strategies as st

from roomplanner.content.calendar import activity_dates, first_weekday


def test_first_fridays_of_2026():
    days = [(d.month, d.day) for d in activity_dates(2026)]
    assert days == [(1, 2), (2, 6), (3, 6), (4, 3), (5, 1), (6, 5), (7, 3), (8, 7), (9, 4), (10, 2), (11, 6),
                    (12, 4)]


@given(st.integers(min_value=2000, max_value=2100))
def test_first_fridays_are_fridays_in_the_first_week(year):
    dates = activity_dates(year, "first_friday")
    assert [d.month for d in dates] == list(range(1, 13))
    for d in dates:
        assert d.year == year and d.weekday() == 4 and 1 <= d.day <= 7


def test_fixed_day():
    assert [d.day for d in activity_dates(2025, "fixed_day", 8)] == [8] * 12


@pytest.mark.parametrize("rule, day", [("fixed_day", None), ("fixed_day", 31), ("second_tuesday", None)])
def test_bad_rules(rule, day):
    with pytest.raises(ValueError):
        activity_dates(2025, rule, day)


def test_first_weekday():
    assert first_weekday(2024, 9, 0) == dt.date(2024, 9, 2)
    with pytest.raises(ValueError):
        first_weekday(2024, 9, 7)
