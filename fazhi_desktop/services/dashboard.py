"""What the main window's status bar and the dashboard (工作台) show, in one read.

Shaped for the UI but free of Qt: plain dataclasses, usable from a test or the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fazhi_desktop.services import Services
from fazhi_desktop.services.reading import build_calendar


@dataclass(frozen=True)
class StatusInfo:
    unit_code: str
    unit_name: str
    node_name: str
    node_code: str
    operator: str
    last_sync: dt.datetime | None       # newest bundle imported from any colleague
    open_conflicts: int
    missing_calendar_years: list[int]   # this year (and next, from December) without a schedule


def calendar_years_needed(today: dt.date) -> list[int]:
    """This year's schedule always; next year's too from December, when it is published."""
    return [today.year, today.year + 1] if today.month == 12 else [today.year]


def status_info(sv: Services) -> StatusInfo:
    """Read through ``sv.reader``: the main window shows it before the services are loaded."""
    who = sv.identity()
    if who is None:
        from fazhi_desktop.services.errors import NotInitialised

        raise NotInitialised(sv.data_dir)
    sync = sv.reader.sync_state()
    calendar = sv.ctx.calendar if sv.loaded else build_calendar(sv.reader.settings())
    missing = calendar.missing_years(calendar_years_needed(sv.today()))
    return StatusInfo(who.unit_code, who.unit_name, who.node_name, who.node_code, who.operator,
                      sync.last_import_at, sync.open_conflicts, missing)
