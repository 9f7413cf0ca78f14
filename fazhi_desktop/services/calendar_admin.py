"""Administering the working-day calendar and the deadline rules (SPEC §5).

Holiday schedules ship in ``resources/holidays/YYYY.json``; an administrator can import a
newly published year (JSON or CSV, see ``domain.calendar``) or correct one. Imported years
live in the database setting ``holidays.YYYY`` and override the shipped file of that year.
Deadline rules live in the setting ``deadline_rules``. Changes take effect for deadlines
computed from now on (a record's stored ``due_on`` is recomputed when it is next saved).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import delete, select

from fazhi_desktop.domain.calendar import YearSchedule, load_shipped, parse_schedule
from fazhi_desktop.domain.deadlines import DeadlineRules
from fazhi_desktop.paths import resource_dir
from fazhi_desktop.services.context import HOLIDAY_KEY_PREFIX, RULES_KEY, Context
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.store.models import Setting


@dataclass(frozen=True)
class YearInfo:
    year: int
    source: str          # "shipped" or "imported"
    holidays: int
    workdays: int


def years(ctx: Context) -> list[YearInfo]:
    """Every year with a schedule, newest first, and where its schedule comes from."""
    imported = {int(k[len(HOLIDAY_KEY_PREFIX):]) for k in _setting_keys(ctx)
                if k.startswith(HOLIDAY_KEY_PREFIX) and k[len(HOLIDAY_KEY_PREFIX):].isdigit()}
    out = []
    for year in sorted(ctx.calendar.known_years, reverse=True):
        schedule = schedule_of(ctx, year)
        out.append(YearInfo(year, "imported" if year in imported else "shipped",
                            len(schedule.holidays), len(schedule.workdays)))
    return out


def schedule_of(ctx: Context, year: int) -> YearSchedule:
    value = ctx.get_setting(f"{HOLIDAY_KEY_PREFIX}{year}")
    if value is not None:
        return parse_schedule(json.dumps(value))
    shipped = load_shipped(resource_dir() / "holidays")
    if year not in shipped:
        raise FazhiError(f"没有 {year} 年的节假日安排")
    return shipped[year]


def import_schedule(ctx: Context, text: str) -> YearSchedule:
    """Store a year's schedule from JSON/CSV text (replacing that year); ``ScheduleError``
    (a ``ValueError`` with a Chinese message) when the text cannot be read."""
    schedule = parse_schedule(text)
    ctx.set_setting(f"{HOLIDAY_KEY_PREFIX}{schedule.year}", schedule.to_json())
    ctx.reload()
    return schedule


def remove_imported(ctx: Context, year: int) -> None:
    """Forget an imported year (the shipped schedule of that year, if any, applies again)."""
    with ctx.write() as s:
        s.execute(delete(Setting).where(Setting.key == f"{HOLIDAY_KEY_PREFIX}{year}"))
    ctx.reload()


def set_rules(ctx: Context, rules: DeadlineRules) -> None:
    for name in ("dispute_days", "petition_accept_days", "petition_handle_days",
                 "petition_review_days", "lawsuit_defence_days"):
        if not 1 <= getattr(rules, name) <= 365:
            raise FazhiError("期限天数应在1到365天之间")
    if not 0 <= rules.petition_max_extension_days <= 365:
        raise FazhiError("最长延长天数应在0到365天之间")
    for days in list(rules.channel_workdays.values()) + list(rules.review_workdays.values()):
        if not 1 <= int(days) <= 365:
            raise FazhiError("工作日天数应在1到365之间")
    ctx.set_setting(RULES_KEY, rules.to_dict())
    ctx.reload()


def _setting_keys(ctx: Context) -> list[str]:
    with ctx.read() as s:
        return list(s.scalars(select(Setting.key)))
