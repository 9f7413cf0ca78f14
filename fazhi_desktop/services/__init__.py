"""Use cases: the one API both the GUI and the command line call (cf. Calibre's db API).

``open_services(data_dir)`` opens a data folder and returns ``Services``; each feature area
is an attribute built on the same ``Context``. Services return plain dicts and dataclasses,
never ORM objects, so results can cross threads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError

from fazhi_desktop.services.context import Context, open_context
from fazhi_desktop.services.records import RecordService
from fazhi_desktop.services.units import UnitService

if TYPE_CHECKING:
    from fazhi_desktop.services.attachments import AttachmentService
    from fazhi_desktop.services.ledger import LedgerService
    from fazhi_desktop.services.reports import ReportService
    from fazhi_desktop.services.stats import StatsService
    from fazhi_desktop.services.sync import SyncService


class Services:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.records = RecordService(ctx)
        self.units = UnitService(ctx)

    # The other areas are built on first use: their imports (reportlab, openpyxl,
    # cryptography, keyring) would otherwise cost the GUI's start-up ~0.25 s.
    @cached_property
    def reports(self) -> ReportService:
        """Figures (SPEC §3) and reports (§4)."""
        from fazhi_desktop.services.reports import ReportService

        return ReportService(self.ctx)

    @cached_property
    def stats(self) -> StatsService:
        return self.reports.stats

    @cached_property
    def sync(self) -> SyncService:
        """Bundles, peers, conflicts (§7)."""
        from fazhi_desktop.services.sync import SyncService

        return SyncService(self.ctx)

    @cached_property
    def ledger(self) -> LedgerService:
        """Excel ledgers in and out (§9)."""
        from fazhi_desktop.services.ledger import LedgerService

        return LedgerService(self)

    @cached_property
    def attachments(self) -> AttachmentService:
        from fazhi_desktop.services.attachments import AttachmentService

        return AttachmentService(self.ctx)

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


def open_services(data_dir: Path | str, *, today: Callable[[], dt.date] | None = None,
                  daily_backup: bool = True) -> Services:
    return Services(open_context(Path(data_dir), today=today, daily_backup=daily_backup))
