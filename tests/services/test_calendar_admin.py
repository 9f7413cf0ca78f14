"""Holiday years and deadline rules administered from the settings dialog; status-bar facts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi_desktop.domain.calendar import ScheduleError
from fazhi_desktop.services import calendar_admin as CA
from fazhi_desktop.services import open_services
from fazhi_desktop.services.dashboard import calendar_years_needed, status_info
from fazhi_desktop.services.errors import FazhiError
from tests.helpers import BUILDERS


def test_import_edit_and_remove_a_year(services: Any) -> None:
    assert services.ctx.calendar.missing_years([2027]) == [2027]
    CA.import_schedule(services.ctx, "2027-01-01,休\n2027-02-06,班\n")
    info = CA.years(services.ctx)[0]
    assert (info.year, info.source, info.holidays, info.workdays) == (2027, "imported", 1, 1)
    assert services.ctx.calendar.is_workday(dt.date(2027, 2, 6))          # a Saturday
    # an imported year overrides a shipped one, and removing it brings the shipped one back
    shipped = CA.schedule_of(services.ctx, 2026)
    CA.import_schedule(services.ctx, '{"year": 2026, "holidays": ["2026-03-02"]}')
    assert not services.ctx.calendar.is_workday(dt.date(2026, 3, 2))
    CA.remove_imported(services.ctx, 2026)
    assert CA.schedule_of(services.ctx, 2026) == shipped
    assert services.ctx.calendar.is_workday(dt.date(2026, 3, 2))
    with pytest.raises(ScheduleError):
        CA.import_schedule(services.ctx, "2027-01-01,maybe\n")
    with pytest.raises(FazhiError):
        CA.schedule_of(services.ctx, 1999)


def test_rules_are_checked_and_used_for_new_deadlines(services: Any) -> None:
    rules = services.ctx.rules
    rules.dispute_days = 0
    with pytest.raises(FazhiError):
        CA.set_rules(services.ctx, rules)
    rules.dispute_days = 10
    CA.set_rules(services.ctx, rules)
    record = services.records.create("disputes", BUILDERS["disputes"](received_on="2026-11-02"))
    assert record["due_on"] == dt.date(2026, 11, 12)


def test_status_info(services: Any, data_dir: Any) -> None:
    info = status_info(services)
    assert (info.unit_name, info.node_code, info.operator) == ("西城区", "XC1", "张三")
    assert info.last_sync is None and info.open_conflicts == 0
    assert info.missing_calendar_years == []
    assert calendar_years_needed(dt.date(2026, 12, 1)) == [2026, 2027]
    with open_services(data_dir, today=lambda: dt.date(2026, 12, 5)) as december:
        assert status_info(december).missing_calendar_years == [2027]
