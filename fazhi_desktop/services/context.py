"""The open data folder: engine, this PC's identity, clock, calendar and deadline rules.

``Context`` is what every service is built on. ``read()`` and ``write()`` hand out a
``Session`` inside one transaction; ``write()`` begins ``IMMEDIATE`` (one writer at a time)
and commits or rolls back as a whole, and persists the hybrid logical clock with it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from fazhi_desktop.domain.calendar import WorkCalendar
from fazhi_desktop.domain.deadlines import DeadlineRules
from fazhi_desktop.domain.hlc import Clock
from fazhi_desktop.services.reading import (  # noqa: F401 - HOLIDAY_KEY_PREFIX, Identity re-exported
    HOLIDAY_KEY_PREFIX,
    Identity,
    build_calendar,
    load_identity,
    load_settings,
)
from fazhi_desktop.store import migrate, recordsql
from fazhi_desktop.store.engine import DB_FILENAME, make_engine
from fazhi_desktop.store.models import Setting

HLC_KEY = "hlc_last"
RULES_KEY = "deadline_rules"


class Context:
    def __init__(self, data_dir: Path, engine: Engine,
                 today: Callable[[], dt.date] | None = None) -> None:
        self.data_dir = data_dir
        self.engine = engine
        self._today = today or dt.date.today
        self.identity: Identity | None = None
        self.clock: Clock | None = None
        self.rules = DeadlineRules()
        self.calendar = WorkCalendar({})
        self.reload()

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    def today(self) -> dt.date:
        return self._today()

    def require_identity(self) -> Identity:
        if self.identity is None:
            from fazhi_desktop.services.errors import NotInitialised

            raise NotInitialised(self.data_dir)
        return self.identity

    def require_clock(self) -> Clock:
        self.require_identity()
        assert self.clock is not None
        return self.clock

    # --- transactions ---------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.engine.connect() as conn:
            conn.execution_options(fazhi_write=True)
            with Session(bind=conn, expire_on_commit=False) as session:
                with session.begin():
                    session.connection()  # BEGIN IMMEDIATE now: take the write lock up front
                    yield session
                    if self.clock is not None:
                        _put(session, HLC_KEY, self.clock.last)

    # --- settings -------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        with self.read() as s:
            row = s.get(Setting, key)
            return default if row is None else json.loads(row.value)

    def set_setting(self, key: str, value: Any) -> None:
        with self.write() as s:
            _put(s, key, value)

    def reload(self) -> None:
        """Re-read identity, clock, rules and holiday schedules from the database."""
        with self.read() as s:
            conn = recordsql.dbapi(s.connection())
            settings = load_settings(conn)
            identity = load_identity(conn, settings)
        if identity is not None:
            self.identity = identity
            last = settings.get(HLC_KEY)
            if self.clock is None or self.clock.node != identity.node_id:
                self.clock = Clock(identity.node_id, last)
            elif last:
                self.clock.observe(last)
        self.rules = DeadlineRules.from_dict(settings.get(RULES_KEY))
        self.calendar = build_calendar(settings)


def _put(session: Session, key: str, value: Any) -> None:
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    else:
        row.value = encoded
    session.flush()


def open_context(data_dir: Path, *, today: Callable[[], dt.date] | None = None,
                 daily_backup: bool = True) -> Context:
    """Open (creating if needed) the data folder and bring its schema up to date.

    ``daily_backup=False``: the caller takes the first-start-of-the-day backup itself (the
    GUI does, on its worker thread, so the window does not wait ~2 s for it).
    """
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from fazhi_desktop.services.errors import FazhiError

        raise FazhiError(f"无法创建数据目录 {data_dir}：{exc.strerror or exc}") from None
    engine = make_engine(data_dir / DB_FILENAME)
    # Data safety (issue 7, services/backup.py): an upgrade takes the writer lock and is
    # preceded by a backup of the older database; a damaged file gets a message, not a trace.
    from fazhi_desktop.services import backup

    taken = None
    try:
        taken = backup.prepare_upgrade(data_dir, engine)
        migrate.upgrade(engine)
        ctx = Context(data_dir, engine, today)
    except migrate.MigrationError as exc:
        from fazhi_desktop.services.errors import FazhiError

        engine.dispose()
        raise FazhiError(str(exc)) from None
    except DatabaseError as exc:
        engine.dispose()
        raise backup.DatabaseDamaged(data_dir, exc.orig or exc) from None
    except BaseException:
        engine.dispose()
        raise
    finally:
        if taken is not None:
            taken.release()
    if daily_backup:
        backup.daily_backup(ctx)  # issue 7: first start of the day, only by the folder's writer
    return ctx
