"""The one rounding rule and the report periods (domain.figures)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_desktop.domain.figures import (
    FIGURES,
    FigureError,
    change_of_count,
    change_of_rate,
    complete,
    format_change,
    format_rate,
    parse_period,
    rate,
    resolve_as_of,
)


def test_seed_rates() -> None:
    assert rate(601, 614) == 97.9  # the seed printed 97.7 by hand
    assert rate(502, 502) == 100.0
    assert rate(432, 500) == 86.4
    assert rate(104, 110) == 94.5
    assert rate(0, 7) == 0.0


def test_half_up_not_bankers() -> None:
    assert rate(1, 8) == 12.5  # exact
    assert rate(1, 16) == 6.3  # 6.25 rounds up, not to even
    assert rate(3, 16) == 18.8  # 18.75
    assert rate(1, 3) == 33.3 and rate(2, 3) == 66.7


def test_zero_denominator_is_none_and_a_dash() -> None:
    assert rate(0, 0) is None
    assert format_rate(None) == "—"
    assert format_rate(rate(601, 614)) == "97.9%"
    assert format_rate(100.0) == "100.0%"
    assert format_rate(100.0, compact=True) == "100%"
    assert format_rate(97.9, compact=True) == "97.9%"


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_rate_matches_decimal_half_up(num: int, den: int) -> None:
    expected = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    # Decimal division is exact to 28 digits, enough for these sizes
    assert Decimal(str(rate(num, den))) == expected


def test_changes() -> None:
    assert change_of_count(502, 400) == 25.5
    assert change_of_count(300, 400) == -25.0
    assert change_of_count(5, 0) is None
    assert change_of_rate(97.9, 95.6) == 2.3
    assert change_of_rate(None, 95.6) is None
    assert format_change(2.3, "rate") == "+2.3个百分点"
    assert format_change(-25.0, "count") == "-25.0%"
    assert format_change(None, "count") == "—"


def test_complete_derives_every_rate_from_counts() -> None:
    out = complete("petitions", {"intake": 614, "accepted": 614, "closed": 601,
                                 "closed_on_time": 590, "callbacks": 0, "satisfied": 0})
    assert out["closed_rate"] == 97.9
    assert out["satisfaction_rate"] is None
    assert list(out) == [f.key for f in FIGURES["petitions"]]


@pytest.mark.parametrize("text,start,end,kind", [
    ("2025-11", dt.date(2025, 11, 1), dt.date(2025, 11, 30), "month"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
    ("2025-Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31), "quarter"),
    ("2025q1", dt.date(2025, 1, 1), dt.date(2025, 3, 31), "quarter"),
    ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year"),
    ("2025-03-05..2025-06-30", dt.date(2025, 3, 5), dt.date(2025, 6, 30), "range"),
    ("2025-03..2025-05", dt.date(2025, 3, 1), dt.date(2025, 5, 31), "range"),
])
def test_parse_period(text: str, start: dt.date, end: dt.date, kind: str) -> None:
    p = parse_period(text)
    assert (p.start, p.end, p.kind) == (start, end, kind)


@pytest.mark.parametrize("text,words", [
    ("2025-13", "月份 13"), ("2025-Q5", "无法识别"), ("", "没有给出"), ("十一月", "无法识别"),
    ("2025-06-31..2025-07-01", "不存在"), ("2025-07-01..2025-06-01", "早于开始"),
    ("2025-01-01..", "不是日期"),
])
def test_bad_period_is_a_clear_chinese_error(text: str, words: str) -> None:
    with pytest.raises(FigureError, match=words):
        parse_period(text)


def test_comparison_periods() -> None:
    m = parse_period("2025-01")
    assert m.previous().text == "2024-12"
    assert m.same_period_last_year().text == "2024-01"
    assert m.year_to_date().start == dt.date(2025, 1, 1) and m.year_to_date().end == m.end
    q = parse_period("2025-Q1")
    assert q.previous().text == "2024-Q4"
    r = parse_period("2025-03-01..2025-03-10")
    assert (r.previous().start, r.previous().end) == (dt.date(2025, 2, 19), dt.date(2025, 2, 28))
    leap = parse_period("2024-02-29..2024-03-01").same_period_last_year()
    assert leap.start == dt.date(2023, 2, 28)
    months = parse_period("2025-Q4").months_back(12)
    assert [months[0].text, months[-1].text] == ["2025-01", "2025-12"]


def test_as_of() -> None:
    p = parse_period("2026-11")
    assert resolve_as_of(p, None, dt.date(2026, 11, 27)) == dt.date(2026, 11, 27)
    assert resolve_as_of(p, None, dt.date(2027, 1, 1)) == dt.date(2026, 11, 30)
    with pytest.raises(FigureError, match="早于统计期间"):
        resolve_as_of(p, dt.date(2026, 10, 31), dt.date(2026, 11, 27))
