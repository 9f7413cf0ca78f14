"""What the screens read, on the standard library's ``sqlite3`` — no SQLAlchemy.

``Services.reader`` answers the lists, pages, counts and the status line of the main window.
It exists so the GUI can draw its first screen before SQLAlchemy (≈ 2× a bare Qt window's
start-up) is imported: ``app.main`` opens a folder whose schema is current through
``Reader.start_state`` alone, shows the window, and loads the full services afterwards.

Each thread gets its own read-only connection (``PRAGMA query_only``). ``Services.restore``
closes them all and holds reads back while it runs (``Reader.paused``); a file replaced any
other way is noticed at the next read, which reconnects. Reads see committed data only
(WAL), so a list reloaded after a write shows the write.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_desktop.domain.calendar import WorkCalendar, load_shipped, parse_schedule
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.paths import resource_dir
from fazhi_desktop.store import reads
from fazhi_desktop.store.migrate import HEAD

HOLIDAY_KEY_PREFIX = "holidays."
BUSY_TIMEOUT_MS = 10_000
# Small tables checked completely at start; the big ones are left to ``health.full_check``.
START_TABLES = ("alembic_version", "settings", "nodes", "units", "serial_counters",
                "sync_peers", "attachments")


@dataclass(frozen=True)
class Identity:
    """This installation (node) and the office it works for."""

    node_id: str
    node_name: str
    node_code: str
    unit_code: str
    unit_name: str
    operator: str


@dataclass(frozen=True)
class UnitInfo:
    code: str
    name: str
    parent_code: str | None
    level: str


@dataclass(frozen=True)
class SyncState:
    last_import_at: dt.datetime | None   # newest bundle imported from any colleague
    open_conflicts: int


def load_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    return {key: json.loads(value) for key, value in conn.execute("SELECT key, value FROM settings")}


def load_identity(conn: sqlite3.Connection, settings: dict[str, Any]) -> Identity | None:
    me = conn.execute("SELECT id, name, short_code FROM nodes WHERE is_self = 1").fetchone()
    code = settings.get("unit_code")
    unit = conn.execute("SELECT code, name FROM units WHERE code = ?", (code,)).fetchone() \
        if code else None
    if me is None or unit is None:
        return None
    return Identity(me[0], me[1], me[2], unit[0], unit[1], settings.get("operator") or me[1])


def build_calendar(settings: dict[str, Any]) -> WorkCalendar:
    """The shipped holiday schedules, overridden by the years imported into this folder."""
    schedules = load_shipped(resource_dir() / "holidays")
    for key, value in settings.items():
        if key.startswith(HOLIDAY_KEY_PREFIX):
            imported = parse_schedule(json.dumps(value))
            schedules[imported.year] = imported
    return WorkCalendar(schedules)


def header_problems(db_path: Path) -> list[str]:
    """What is wrong with the file's SQLite header (empty: nothing)."""
    try:
        with open(db_path, "rb") as f:
            header = f.read(100)
    except OSError as exc:
        return [f"无法读取数据库文件（{exc.strerror or exc}）"]
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return ["数据库文件头已损坏（不是有效的 SQLite 数据库）"]
    page_size = int.from_bytes(header[16:18], "big")
    if page_size == 1:
        page_size = 65536
    if page_size < 512 or page_size & (page_size - 1):
        return [f"数据库文件头已损坏（页大小 {page_size} 无效）"]
    return []


def start_problems(db_path: Path, conn: sqlite3.Connection, *,
                   walk_records: bool = True) -> list[str]:
    """The bounded check at every start (tens of ms at 200,000 records): the header, the
    schema, every small table and (``walk_records``) one walk of the records table's smallest
    index (~10 ms of the start-up's budget: the quick start does it after the first paint, in
    ``health.quick_check``). Empty: nothing found."""
    problems = header_problems(db_path)
    if problems:
        return problems
    try:
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in START_TABLES:
            if table in tables:
                rows = [r[0] for r in conn.execute(f"PRAGMA quick_check({table})")]
                if rows != ["ok"]:
                    problems += [f"表 {table}：{row}" for row in rows[:3]]
        if walk_records:
            conn.execute("SELECT count(*), max(num) FROM records").fetchall()
    except sqlite3.Error as exc:  # any failure to read here means damage
        problems.append(str(exc))
    return problems


class Reader:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._local = threading.local()
        self._gate = threading.Condition()
        self._users = 0         # snapshots running now, in any thread
        self._paused = False
        self._open: list[sqlite3.Connection] = []

    # --- connections ----------------------------------------------------------------------
    def _file_id(self) -> tuple[int, int]:
        st = os.stat(self.db_path)  # FileNotFoundError: never create an empty database here
        return st.st_dev, st.st_ino

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        file_id = self._file_id()
        if conn is not None and self._local.file_id != file_id:  # replaced behind our back
            with self._gate:
                if conn in self._open:
                    self._open.remove(conn)
            conn.close()
            conn = None
        if conn is None:
            conn = sqlite3.connect(str(self.db_path), isolation_level=None,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA query_only = 1")
            self._local.conn, self._local.file_id = conn, file_id
            with self._gate:
                self._open.append(conn)
        return conn

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: several queries see the same committed state."""
        with self._gate:
            while self._paused:
                self._gate.wait()
            self._users += 1
        try:
            conn = self._connection()
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")
        finally:
            with self._gate:
                self._users -= 1
                self._gate.notify_all()

    def close(self) -> None:
        """Close every connection (of every thread) once no read is running."""
        with self._gate:
            while self._users:
                self._gate.wait()
            conns, self._open = self._open, []
            self._local = threading.local()
        for conn in conns:
            conn.close()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No connection open and no read running while the block runs (reads wait for it):
        a restore replaces the database file, and SQLite must never keep a replaced file
        open — closing such a connection later could delete the new file's ``-wal``."""
        with self._gate:
            while self._paused:
                self._gate.wait()
            self._paused = True
            while self._users:
                self._gate.wait()
            conns, self._open = self._open, []
            self._local = threading.local()
        try:
            for conn in conns:
                conn.close()
            yield
        finally:
            with self._gate:
                self._paused = False
                self._gate.notify_all()

    # --- start-up -------------------------------------------------------------------------
    def start_state(self) -> tuple[Identity, dict[str, Any]] | None:
        """This folder's identity and settings when it can be shown before the full services
        are loaded: the file exists, passes the start check (but the walk of the records
        table, left to ``health.quick_check`` after the first paint), its schema is current
        (nothing to migrate) and it is set up. None: take the full path (wizard, upgrade,
        restore)."""
        if not self.db_path.is_file():
            return None
        try:
            with self.snapshot() as conn:
                if start_problems(self.db_path, conn, walk_records=False):
                    return None
                version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if version is None or version[0] != HEAD:
                    return None
                settings = load_settings(conn)
                identity = load_identity(conn, settings)
        except (sqlite3.Error, OSError, ValueError):
            return None
        return (identity, settings) if identity is not None else None

    # --- records --------------------------------------------------------------------------
    def nums(self, filters: Filters, limit: int | None = None) -> list[int]:
        with self.snapshot() as conn:
            return reads.filtered_nums(conn, filters, limit)

    def fetch(self, nums: Sequence[int], *, with_children: bool = True) -> list[dict[str, Any]]:
        """Records in the order of ``nums`` (``with_children=False``: the list form, see
        ``store.reads.fetch``)."""
        with self.snapshot() as conn:
            return reads.fetch(conn, nums=nums, with_children=with_children)

    def deadline_counts(self, as_of: dt.date,
                        unit: str | None = None) -> dict[str, dict[str, int]]:
        with self.snapshot() as conn:
            return reads.deadline_counts(conn, as_of, reads.due_soon_until(as_of), unit)

    def deadline_items(self, as_of: dt.date, register: str | None = None,
                       limit: int | None = 500) -> list[dict[str, Any]]:
        """See ``RecordService.deadline_items``."""
        with self.snapshot() as conn:
            return reads.deadline_rows(conn, as_of, reads.due_soon_until(as_of), register, limit)

    def units(self) -> list[UnitInfo]:
        with self.snapshot() as conn:
            return [UnitInfo(*row) for row in reads.units(conn)]

    # --- status line ----------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        with self.snapshot() as conn:
            return load_settings(conn)

    def identity(self) -> Identity | None:
        with self.snapshot() as conn:
            return load_identity(conn, load_settings(conn))

    def sync_state(self) -> SyncState:
        with self.snapshot() as conn:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            last = conn.execute("SELECT max(last_import_at) FROM sync_peers").fetchone()[0] \
                if "sync_peers" in tables else None
            conflicts = conn.execute(
                "SELECT count(*) FROM conflicts WHERE settled_at IS NULL").fetchone()[0] \
                if "conflicts" in tables else 0
        try:
            last_at = dt.datetime.fromisoformat(last) if last else None
        except ValueError:
            last_at = None
        return SyncState(last_at, int(conflicts))
