"""Use cases: the one API both the GUI and the command line call (cf. Calibre's db API).

``open_services(data_dir)`` opens a data folder and returns ``Services``; each feature area
is an attribute built on the same ``Context``. Services return plain dicts and dataclasses,
never ORM objects, so results can cross threads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import DatabaseError

from fazhi_desktop.services.attachments import AttachmentService
from fazhi_desktop.services.context import Context, open_context
from fazhi_desktop.services.ledger import LedgerService
from fazhi_desktop.services.records import RecordService
from fazhi_desktop.services.reports import ReportService
from fazhi_desktop.services.sync import SyncService
from fazhi_desktop.services.units import UnitService


class Services:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.records = RecordService(ctx)
        self.units = UnitService(ctx)
        self.reports = ReportService(ctx)  # figures (SPEC §3) and reports (§4)
        self.stats = self.reports.stats
        self.sync = SyncService(ctx)  # bundles, peers, conflicts (§7)
        self.ledger = LedgerService(self)  # Excel ledgers in and out (§9)
        self.attachments = AttachmentService(ctx)

    @property
    def initialised(self) -> bool:
        return self.ctx.identity is not None

    def close(self) -> None:
        try:  # let SQLite refresh its planner statistics after large changes (cheap otherwise);
            # optional, so it never waits for another writer's lock.
            with self.ctx.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA busy_timeout = 0")
                conn.exec_driver_sql("PRAGMA optimize")
        except DatabaseError:  # locked by another writer, or a damaged file: skip
            pass
        finally:
            self.ctx.engine.dispose()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_services(data_dir: Path | str, *,
                  today: Callable[[], dt.date] | None = None) -> Services:
    return Services(open_context(Path(data_dir), today=today))
