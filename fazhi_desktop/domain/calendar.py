"""Working days per the State Council's holiday schedule (SPEC §5).

A year's schedule lists the weekday holidays and the weekend make-up working days (调休).
Schedules come from the shipped files in ``resources/holidays/YYYY.json`` and from years an
administrator imported (kept in the database, they override shipped ones). For a year with no
schedule the calendar counts Monday–Friday and says so through ``missing_years`` so the app
can show a warning.

Exchange format (import/export), JSON::

    {"year": 2027, "holidays": ["2027-01-01", ...], "workdays": ["2027-02-06", ...]}

or CSV lines ``date,kind`` with kind ``holiday``/``休`` or ``workday``/``班``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


class ScheduleError(ValueError):
    """A holiday schedule that cannot be read; the message is for the user."""


@dataclass(frozen=True)
class YearSchedule:
    year: int
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)

    def to_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "holidays": sorted(d.isoformat() for d in self.holidays),
            "workdays": sorted(d.isoformat() for d in self.workdays),
        }


def parse_schedule(text: str) -> YearSchedule:
    """Read a schedule from JSON or CSV text; every date must lie in one year."""
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise ScheduleError("节假日安排文件是空的")
    if stripped.startswith("{"):
        try:
            doc = json.loads(stripped)
            holidays = [_date(v) for v in doc.get("holidays", [])]
            workdays = [_date(v) for v in doc.get("workdays", [])]
            year = int(doc["year"])
        except (KeyError, TypeError, ValueError, json.JSONDecodeError) as exc:
            raise ScheduleError(f"节假日安排文件格式不对：{exc}") from None
    else:
        holidays, workdays = [], []
        for lineno, row in enumerate(csv.reader(io.StringIO(stripped)), start=1):
            if not row or not row[0].strip() or row[0].strip().lower() == "date":
                continue
            if len(row) < 2:
                raise ScheduleError(f"第{lineno}行缺少类型（holiday/workday 或 休/班）")
            day, kind = _date(row[0].strip()), row[1].strip().lower()
            if kind in ("holiday", "休"):
                holidays.append(day)
            elif kind in ("workday", "班"):
                workdays.append(day)
            else:
                raise ScheduleError(f"第{lineno}行的类型“{row[1]}”无法识别，应为 holiday/workday 或 休/班")
        years = {d.year for d in holidays + workdays}
        if len(years) != 1:
            raise ScheduleError("一个文件只能包含同一年的节假日安排")
        year = years.pop()
    wrong = [d for d in holidays + workdays if d.year != year]
    if wrong:
        raise ScheduleError(f"日期 {wrong[0].isoformat()} 不属于 {year} 年")
    both = set(holidays) & set(workdays)
    if both:
        raise ScheduleError(f"日期 {min(both).isoformat()} 同时被标为放假和上班")
    return YearSchedule(year, frozenset(holidays), frozenset(workdays))


def _date(value: object) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ScheduleError(f"无法识别的日期“{value}”，应为 YYYY-MM-DD") from None


def load_shipped(folder: Path) -> dict[int, YearSchedule]:
    out: dict[int, YearSchedule] = {}
    for path in sorted(folder.glob("*.json")):
        schedule = parse_schedule(path.read_text(encoding="utf-8"))
        out[schedule.year] = schedule
    return out


class WorkCalendar:
    """Answers "is this a working day?" and counts working days."""

    def __init__(self, schedules: Mapping[int, YearSchedule]) -> None:
        self._schedules = dict(schedules)
        self._missing_seen: set[int] = set()

    @property
    def known_years(self) -> list[int]:
        return sorted(self._schedules)

    def has_year(self, year: int) -> bool:
        return year in self._schedules

    def missing_years(self, years: Iterable[int]) -> list[int]:
        return sorted({y for y in years if y not in self._schedules})

    @property
    def fallback_years_used(self) -> list[int]:
        """Years for which a working-day count had to assume Monday–Friday."""
        return sorted(self._missing_seen)

    def is_workday(self, day: dt.date) -> bool:
        schedule = self._schedules.get(day.year)
        if schedule is None:
            self._missing_seen.add(day.year)
            return day.weekday() < 5
        if day in schedule.workdays:
            return True
        if day in schedule.holidays:
            return False
        return day.weekday() < 5

    def add_workdays(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
        current, left = start, days
        while left > 0:
            current += dt.timedelta(days=1)
            if self.is_workday(current):
                left -= 1
        return current

    def next_workday_on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day
