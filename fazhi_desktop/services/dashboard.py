"""What the main window's status bar and the dashboard (工作台) show, in one read.

Shaped for the UI but free of Qt: plain dataclasses, usable from a test or the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from fazhi_desktop.services import Services
from fazhi_desktop.sync.tables import CONFLICTS, PEERS


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
    who = sv.ctx.require_identity()
    last: str | None = None
    conflicts = 0
    with sv.ctx.read() as s:
        conn = s.connection()
        if conn.dialect.has_table(conn, PEERS.name):
            last = conn.execute(select(func.max(PEERS.c.last_import_at))).scalar()
        if conn.dialect.has_table(conn, CONFLICTS.name):
            conflicts = conn.execute(select(func.count()).select_from(CONFLICTS)
                                     .where(CONFLICTS.c.settled_at.is_(None))).scalar() or 0
    last_sync = None
    if last:
        try:
            last_sync = dt.datetime.fromisoformat(last)
        except ValueError:
            last_sync = None
    missing = sv.ctx.calendar.missing_years(calendar_years_needed(sv.ctx.today()))
    return StatusInfo(who.unit_code, who.unit_name, who.node_name, who.node_code, who.operator,
                      last_sync, int(conflicts), missing)
