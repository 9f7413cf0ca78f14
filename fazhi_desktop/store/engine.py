"""The SQLite engine: WAL, foreign keys on, FULL sync, and writes begun IMMEDIATE.

pysqlite's own transaction handling is switched off (``isolation_level = None``) and we emit
``BEGIN`` ourselves, so that a write transaction can start as ``BEGIN IMMEDIATE``: it takes
the write lock before its first read, which ``busy_timeout`` alone cannot do for a
read-then-write transaction. A connection is a writer when its execution options carry
``fazhi_write=True`` (see ``services.context.Context.write``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from fazhi_desktop.paths import DB_FILENAME  # noqa: F401 - re-exported
BUSY_TIMEOUT_MS = 10_000


def make_engine(db_path: Path, *, wal: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", future=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if wal:
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("fazhi_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine
