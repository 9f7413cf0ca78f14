"""Use cases: the one API both the GUI and the command line call (cf. Calibre's db API).

``open_services(data_dir)`` opens a data folder and returns ``Services``; each feature area
is an attribute built on the same ``Context``. Services return plain dicts and dataclasses,
never ORM objects, so results can cross threads.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_desktop.paths import DB_FILENAME
from fazhi_desktop.services.reading import Identity, Reader

if TYPE_CHECKING:
    from fazhi_desktop.services.attachments import AttachmentService
    from fazhi_desktop.services.context import Context
    from fazhi_desktop.services.ledger import LedgerService
    from fazhi_desktop.services.records import RecordService
    from fazhi_desktop.services.reports import ReportService
    from fazhi_desktop.services.restore import RestoreResult
    from fazhi_desktop.services.stats import StatsService
    from fazhi_desktop.services.sync import SyncService
    from fazhi_desktop.services.units import UnitService


class Services:
    """One data folder's use cases.

    ``reader`` (stdlib ``sqlite3``) is there at once; everything else stands on the
    ``Context`` (SQLAlchemy, migrations), opened by ``load()`` — by ``open_services`` at
    once, by the GUI after its first screen is drawn, or on first use of ``ctx``.
    """

    def __init__(self, data_dir: Path | str, *,
                 today: Callable[[], dt.date] | None = None) -> None:
        self.data_dir = Path(data_dir)
        self._today = today or dt.date.today
        self._ctx: Context | None = None
        self._loading = threading.Lock()
        self.reader = Reader(self.data_dir / DB_FILENAME)

    def load(self, *, daily_backup: bool = True) -> Services:
        """Open the database through SQLAlchemy, migrating it if needed (once)."""
        with self._loading:
            if self._ctx is None:
                from fazhi_desktop.services.context import open_context

                self._ctx = open_context(self.data_dir, today=self._today,
                                         daily_backup=daily_backup)
        return self

    @property
    def loaded(self) -> bool:
        return self._ctx is not None

    @property
    def ctx(self) -> Context:
        if self._ctx is None:
            self.load(daily_backup=False)  # the GUI takes its daily backup itself
        assert self._ctx is not None
        return self._ctx

    def today(self) -> dt.date:
        return self._today()

    @cached_property
    def records(self) -> RecordService:
        from fazhi_desktop.services.records import RecordService

        return RecordService(self.ctx)

    @cached_property
    def units(self) -> UnitService:
        from fazhi_desktop.services.units import UnitService

        return UnitService(self.ctx)

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

    def restore(self, source: Path | str, *, allow_other_pc: bool = False) -> RestoreResult:
        """Replace this folder's database with a backup (``restore.restore``) while none of
        this process's connections is open; the reader reconnects to the restored file."""
        from fazhi_desktop.services import restore

        with self.reader.paused():
            return restore.restore(self.ctx, source, allow_other_pc=allow_other_pc)

    def identity(self) -> Identity | None:
        """This PC and its office (None: the folder is not set up yet)."""
        if self._ctx is not None:
            return self._ctx.identity
        try:
            return self.reader.identity()
        except FileNotFoundError:  # a new folder
            return None

    @property
    def initialised(self) -> bool:
        return self.identity() is not None

    def close(self) -> None:
        self.reader.close()
        if self._ctx is None:
            return
        from sqlalchemy.exc import DatabaseError

        try:  # let SQLite refresh its planner statistics after large changes (cheap otherwise);
            # optional, so it never waits for another writer's lock.
            with self._ctx.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA busy_timeout = 0")
                conn.exec_driver_sql("PRAGMA optimize")
        except DatabaseError:  # locked by another writer, or a damaged file: skip
            pass
        finally:
            self._ctx.engine.dispose()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_services(data_dir: Path | str, *, today: Callable[[], dt.date] | None = None,
                  daily_backup: bool = True) -> Services:
    """Open a data folder (creating and migrating it as needed) with every service ready."""
    return Services(data_dir, today=today).load(daily_backup=daily_backup)
