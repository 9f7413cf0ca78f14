from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_desktop.domain.registers import REGISTERS
from fazhi_desktop.domain.validation import (case_no_problem, id_check_digit, id_number_problem,
                                             phone_problem, status_move_allowed, validate_record)

TODAY = dt.date(2026, 11, 27)
births = st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2020, 12, 31))


@settings(max_examples=200, deadline=None)
@given(births, st.integers(0, 999), st.sampled_from(["632801", "110101", "440305"]))
def test_every_id_with_its_check_digit_is_accepted(born: dt.date, seq: int, region: str) -> None:
    first = f"{region}{born:%Y%m%d}{seq:03d}"
    assert id_number_problem(first + id_check_digit(first)) is None


@settings(max_examples=200, deadline=None)
@given(births, st.integers(0, 999), st.integers(0, 16), st.integers(1, 9))
def test_changing_any_one_digit_is_caught(born: dt.date, seq: int, pos: int, delta: int) -> None:
    first = f"632801{born:%Y%m%d}{seq:03d}"
    good = first + id_check_digit(first)
    bad = good[:pos] + str((int(good[pos]) + delta) % 10) + good[pos + 1:]
    assert id_number_problem(bad) is not None


def test_id_number_messages() -> None:
    assert "校验位" in id_number_problem("632801199001011234").message
    assert "18位" in id_number_problem("63280119900101").message
    assert "出生日期" in id_number_problem("632801199013011230").message
    legacy = id_number_problem("632801900101123")
    assert legacy is not None and legacy.severity == "warning"
    assert id_number_problem("11010519491231002x") is None  # lower-case x is accepted


def test_phone_shapes() -> None:
    for ok in ("13800138000", "19912345678", "0979-8412345", "09798412345", "+8613800138000"):
        assert phone_problem(ok) is None, ok
    for bad in ("12800138000", "1380013800", "8412345", "abc"):
        assert phone_problem(bad) is not None, bad


def test_case_number_is_a_warning_in_either_bracket_width() -> None:
    assert case_no_problem("（2025）青2801行初12号") is None
    assert case_no_problem("(2025)青2801行初12号") is None
    found = case_no_problem("2025-12")
    assert found is not None and found.severity == "warning"


def _dispute(**fields: object) -> dict[str, object]:
    base = {"unit_code": "U", "summary": "纠纷", "received_on": dt.date(2026, 11, 1),
            "status": "registered", "closed_on": None, "parties": []}
    base.update(fields)
    return base


def test_closed_status_and_closed_on_go_together() -> None:
    reg = REGISTERS["disputes"]
    fields = {p.field for p in validate_record(reg, _dispute(status="resolved"), TODAY)}
    assert "closed_on" in fields
    fields = {p.field for p in validate_record(
        reg, _dispute(closed_on=dt.date(2026, 11, 5)), TODAY)}
    assert "closed_on" in fields


def test_dates_in_order_and_not_in_future() -> None:
    reg = REGISTERS["disputes"]
    problems = validate_record(reg, _dispute(status="resolved", closed_on=dt.date(2026, 10, 1)),
                               TODAY)
    assert any(p.field == "closed_on" and "不能早于" in p.message for p in problems)
    problems = validate_record(reg, _dispute(received_on=dt.date(2026, 12, 1)), TODAY)
    assert any(p.field == "received_on" and "不能晚于今天" in p.message for p in problems)


def test_transitions_forward_back_and_forbidden() -> None:
    reg = REGISTERS["disputes"]
    assert status_move_allowed(reg, "registered", "mediating")
    assert status_move_allowed(reg, "resolved", "mediating")  # reopening goes back
    assert not status_move_allowed(reg, "resolved", "failed")  # sideways between outcomes
    lawsuits = REGISTERS["lawsuits"]
    assert not status_move_allowed(lawsuits, "answered", "pending") is False  # back is allowed
    assert status_move_allowed(lawsuits, "pending", "closed")


def test_review_opinions_adopted_cannot_exceed_count() -> None:
    reg = REGISTERS["reviews"]
    record = {"unit_code": "U", "summary": "审查", "received_on": dt.date(2026, 11, 1),
              "status": "submitted", "opinions_count": 2, "opinions_adopted": 3}
    assert any(p.field == "opinions_adopted" for p in validate_record(reg, record, TODAY))


def test_party_id_problem_names_the_party() -> None:
    reg = REGISTERS["disputes"]
    record = _dispute(parties=[{"name": "甲", "id_number": "632801199001011234"}])
    problems = validate_record(reg, record, TODAY)
    assert any(p.field == "parties" and "第1位当事人" in p.message and "校验位" in p.message
               for p in problems)
