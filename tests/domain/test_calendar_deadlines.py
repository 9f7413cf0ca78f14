from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_desktop.domain.calendar import ScheduleError, WorkCalendar, load_shipped, parse_schedule
from fazhi_desktop.domain.deadlines import DeadlineRules, compute, defence_due
from fazhi_desktop.paths import resource_dir

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar(load_shipped(resource_dir() / "holidays"))


def test_shipped_years_include_2026_and_know_make_up_days(cal: WorkCalendar) -> None:
    assert 2026 in cal.known_years and 2027 not in cal.known_years
    assert not cal.is_workday(D(2026, 10, 1))      # National Day
    assert cal.is_workday(D(2026, 9, 20))          # Sunday make-up working day (调休)
    assert not cal.is_workday(D(2026, 2, 17))      # Spring Festival, a Tuesday


def test_missing_year_falls_back_to_monday_friday_and_says_so(cal: WorkCalendar) -> None:
    assert cal.missing_years([2026, 2027]) == [2027]
    assert cal.add_workdays(D(2027, 1, 1), 5) == D(2027, 1, 8)  # Fri → next Fri
    assert 2027 in cal.fallback_years_used


def test_twelve_three_four_five_work_order_skips_the_golden_week(cal: WorkCalendar) -> None:
    rules = DeadlineRules()
    record = {"received_on": D(2026, 9, 29), "channel": "hotline_12345"}
    due = compute("petitions", record, rules, cal)
    # 9-30 is a workday, then the holiday runs 10-01..10-07; 10-08, 10-09 work; 10-10 Sat off.
    assert due.due_on == D(2026, 10, 12)
    assert "5个工作日" in due.rule


def test_each_rule(cal: WorkCalendar) -> None:
    rules = DeadlineRules()
    assert compute("disputes", {"received_on": D(2026, 3, 2)}, rules, cal).due_on == D(2026, 4, 1)
    # 30 days from 2026-09-05 is 10-05 (holiday) → rolls to the next working day 10-08.
    assert compute("disputes", {"received_on": D(2026, 9, 5)}, rules, cal).due_on == D(2026, 10, 8)
    pet = {"received_on": D(2026, 3, 2), "channel": "visit"}
    assert compute("petitions", pet, rules, cal).due_on == D(2026, 3, 17)
    pet.update(acceptance="accepted", decided_on=D(2026, 3, 10))
    # 60 days end on Sat 2026-05-09, a make-up working day (调休), so no roll.
    assert compute("petitions", pet, rules, cal).due_on == D(2026, 5, 9)
    pet.update(extension_days=30, extension_reason="情况复杂")
    assert compute("petitions", pet, rules, cal).due_on == D(2026, 6, 8)
    pet.update(review_stage="review", review_requested_on=D(2026, 6, 1))
    assert compute("petitions", pet, rules, cal).due_on == D(2026, 7, 1)
    suit = {"served_on": D(2026, 3, 2)}
    assert compute("lawsuits", suit, rules, cal).due_on == D(2026, 3, 17)
    assert compute("lawsuits", {**suit, "defence_submitted_on": D(2026, 3, 9)}, rules,
                   cal).due_on is None
    assert defence_due({**suit, "defence_submitted_on": D(2026, 3, 9)}, rules, cal) == D(2026, 3, 17)
    rev = {"received_on": D(2026, 9, 28), "review_type": "major_decision"}
    assert compute("reviews", rev, rules, cal).due_on == D(2026, 10, 13)


def test_rules_are_configurable(cal: WorkCalendar) -> None:
    rules = DeadlineRules.from_dict({"dispute_days": 15, "review_workdays": {"contract": 3},
                                     "roll_to_workday": False})
    assert compute("disputes", {"received_on": D(2026, 3, 2)}, rules, cal).due_on == D(2026, 3, 17)
    rev = {"received_on": D(2026, 3, 2), "review_type": "contract"}
    assert compute("reviews", rev, rules, cal).due_on == D(2026, 3, 5)
    assert rules.review_workdays["major_decision"] == 7


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2027, 12, 1)), st.integers(0, 40))
def test_add_workdays_counts_exactly_n_working_days(start: dt.date, n: int) -> None:
    cal = WorkCalendar(load_shipped(resource_dir() / "holidays"))
    due = cal.add_workdays(start, n)
    days = [start + dt.timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(cal.is_workday(d) for d in days) == n
    assert n == 0 or cal.is_workday(due)


def test_schedule_import_formats_and_errors() -> None:
    sched = parse_schedule('{"year": 2027, "holidays": ["2027-01-01"], "workdays": ["2027-02-06"]}')
    assert sched.year == 2027 and D(2027, 2, 6) in sched.workdays
    csv_sched = parse_schedule("date,kind\n2027-01-01,休\n2027-02-06,班\n")
    assert csv_sched == sched
    cal = WorkCalendar({2027: sched})
    assert cal.is_workday(D(2027, 2, 6)) and not cal.is_workday(D(2027, 1, 1))
    with pytest.raises(ScheduleError, match="同一年"):
        parse_schedule("2027-01-01,休\n2028-01-01,休\n")
    with pytest.raises(ScheduleError, match="不属于"):
        parse_schedule('{"year": 2027, "holidays": ["2026-01-01"]}')
    with pytest.raises(ScheduleError, match="无法识别"):
        parse_schedule("2027-01-01,放假\n")
