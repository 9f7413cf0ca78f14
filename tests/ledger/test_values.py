"""Cell values as offices type them → typed field values (no database, no Qt)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_desktop.ledger.values import (
    parse_bool,
    parse_code,
    parse_date,
    parse_decimal,
    parse_id_number,
    parse_int,
    parse_phone,
    year_in_text,
)

MARCH_5 = dt.date(2025, 3, 5)


@pytest.mark.parametrize("written", [
    "2025.3.5", "2025.03.05", "2025-03-05", "2025-3-5", "2025/3/5", "2025年3月5日",
    "2025年3月5号", "2025 年 3 月 5 日", "20250305", "２０２５年３月５日", "二〇二五年三月五日",
    "2025-03-05 14:30:00", "2025/3/5 9:05", dt.date(2025, 3, 5), dt.datetime(2025, 3, 5, 10, 0),
    45721, 45721.0, "45721",
])
def test_every_date_form_offices_write(written: object) -> None:
    assert parse_date(written, year_hint=None).value == MARCH_5


def test_month_and_day_take_the_year_from_the_sheet() -> None:
    assert parse_date("3月5日", year_hint=2025).value == MARCH_5
    assert parse_date("12月31号", year_hint=2024).value == dt.date(2024, 12, 31)
    missing = parse_date("3月5日", year_hint=None)
    assert missing.value is None and "年份" in (missing.error or "")


@pytest.mark.parametrize("written, words", [
    ("2025-02-30", "不是存在的日期"), ("2025年13月1日", "不是存在的日期"), ("2025年3月", "缺少日"),
    ("下周一", "不是能识别的日期"), (3.5, "不像日期"), ("1850-01-01", "年份"),
])
def test_bad_dates_say_what_is_wrong(written: object, words: str) -> None:
    parsed = parse_date(written)
    assert parsed.value is None and words in (parsed.error or "")


def test_year_in_titles_and_sheet_names() -> None:
    assert year_in_text("金峰路街道2025年矛盾纠纷排查调处台账") == 2025
    assert year_in_text("2024年度") == 2024
    assert year_in_text("台账2023") == 2023
    assert year_in_text("矛盾纠纷台账") is None


def test_id_numbers_stored_as_numbers_are_flagged_not_guessed() -> None:
    for lost in (6.32801199001011e17, 632801199001011234.0, "6.32801199001011E+17"):
        parsed = parse_id_number(lost)
        assert parsed.value is None
        assert "后几位已经丢失" in (parsed.error or "") and "文本" in (parsed.error or "")
    # what Excel shows: 15 significant digits, zeros after
    assert "632801199001011000" in (parse_id_number(6.328011990010112e17).error or "")


def test_id_number_text_is_kept_and_cleaned() -> None:
    assert parse_id_number(" 63280119900101123x ").value == "63280119900101123X"
    assert parse_id_number(632801900101123).value == "632801900101123"  # 15 digits survive
    assert parse_id_number("").value is None


def test_id_number_with_trailing_zeros_and_bad_check_digit_gets_a_hint() -> None:
    parsed = parse_id_number("632801199001011000")
    assert parsed.value == "632801199001011000" and "丢失" in (parsed.warning or "")


def test_phones() -> None:
    assert parse_phone(13812345678.0).value == "13812345678"
    assert parse_phone("(0979)8412345").value == "0979-8412345"
    assert parse_phone("138 1234 5678").value == "13812345678"
    assert "0" in (parse_phone(9798412345.0).warning or "")


@pytest.mark.parametrize("text, codeset, code", [
    ("邻里纠纷", "dispute_category", "neighbor"),
    ("邻里", "dispute_category", "neighbor"),
    ("婚姻家庭类", "dispute_category", "marriage_family"),
    ("宅基地纠纷", "dispute_category", "land_homestead"),
    ("土地", "dispute_category", "land_homestead"),
    ("欠薪", "dispute_category", "labor_wages"),
    ("neighbor", "dispute_category", "neighbor"),
    ("已调解", "dispute_status", "resolved"),
    ("调解成功", "dispute_status", "resolved"),
    ("调解不成功", "dispute_status", "failed"),
    ("未化解", "dispute_status", "failed"),
    ("调解中", "dispute_status", "mediating"),
    ("办结", "petition_status", "replied"),
    ("已办结", "review_status", "completed"),
    ("来访", "petition_channel", "visit"),
    ("12345热线", "petition_channel", "hotline_12345"),
    ("部分支持", "petition_result", "partially_supported"),
    ("不予支持", "petition_result", "not_supported"),
    ("裁定驳回起诉", "lawsuit_outcome", "suit_dismissed"),
    ("驳回诉讼请求", "lawsuit_outcome", "claims_dismissed"),
    ("较满意", "satisfaction", "basically_satisfied"),
])
def test_free_text_to_codes(text: str, codeset: str, code: str) -> None:
    parsed = parse_code(text, codeset)
    assert parsed.value == code and parsed.error is None


def test_a_negated_word_is_never_read_as_its_opposite() -> None:
    # "未调解成功" contains 调解成功; it must not become resolved
    parsed = parse_code("未调解成功", "dispute_status")
    assert parsed.value != "resolved"


def test_a_guess_is_imported_with_a_reminder() -> None:
    parsed = parse_code("办结", "dispute_status")
    assert parsed.value == "resolved" and "核对" in (parsed.warning or "")


def test_unknown_text_lists_the_choices_and_user_overrides_win() -> None:
    parsed = parse_code("鸡毛蒜皮", "dispute_category")
    assert parsed.value is None and "邻里" in (parsed.error or "") and "鸡毛蒜皮" in parsed.error
    assert parse_code("鸡毛蒜皮", "dispute_category", {"鸡毛蒜皮": "other"}).value == "other"


def test_numbers_money_and_yes_no() -> None:
    assert parse_int("3人").value == 3 and parse_int(4.0).value == 4
    assert parse_int(2.5).error and parse_int("很多").error
    assert parse_decimal("1.2万").value == Decimal(12000)
    assert parse_decimal("12,000元").value == Decimal(12000)
    assert parse_decimal(12.5).value == Decimal("12.5")
    assert parse_decimal("￥800").value == Decimal(800)
    assert parse_decimal("若干").error
    assert parse_bool("√").value is True and parse_bool("否").value is False
    assert parse_bool("是").value is True and parse_bool(1).value is True
    assert parse_bool("也许").error


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
       form=st.sampled_from(["{y}.{m}.{d}", "{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}",
                             "{y}年{m}月{d}日", "{y}{m:02d}{d:02d}", "serial", "{m}月{d}日"]))
def test_any_date_in_any_form_reads_back(day: dt.date, form: str) -> None:
    if form == "serial":
        written: object = float((day - dt.date(1899, 12, 30)).days)
    else:
        written = form.format(y=day.year, m=day.month, d=day.day)
    assert parse_date(written, year_hint=day.year).value == day
