"""The raw baseline the insert benchmarks compare against, measured in the same run.

``raw_insert_seconds(source, work, tables)`` reads the rows of ``tables`` from the data
folder ``source`` (what the service path just wrote) and times a plain ``sqlite3``
``executemany`` of exactly those rows, in one transaction, into the same tables of a freshly
migrated database (WAL, synchronous=FULL, as the app runs). Units are copied first, untimed.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from fazhi_desktop.store import migrate
from fazhi_desktop.store.engine import DB_FILENAME, make_engine


def _insert(dst: sqlite3.Connection, table: str, cols: list[str], rows: list[tuple]) -> None:
    dst.executemany(f"INSERT INTO {table}({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                    rows)


def raw_insert_seconds(source: Path, work: Path, tables: Sequence[str], runs: int = 1) -> list[float]:
    """One timing per run, each into its own fresh copy of an empty migrated database."""
    raw_dir = work / "raw"
    raw_dir.mkdir(exist_ok=True)
    empty = raw_dir / DB_FILENAME
    engine = make_engine(empty)
    migrate.upgrade(engine)
    engine.dispose()
    src = sqlite3.connect(source / DB_FILENAME)
    data = {}
    for table in ("units", *tables):
        cur = src.execute(f"SELECT * FROM {table}")
        data[table] = ([c[0] for c in cur.description], cur.fetchall())
    src.close()
    seconds = []
    for run in range(runs):
        path = raw_dir / f"raw{run}.db"
        shutil.copy(empty, path)
        dst = sqlite3.connect(path, isolation_level=None)
        dst.execute("PRAGMA journal_mode=WAL")
        dst.execute("PRAGMA synchronous=FULL")
        _insert(dst, "units", *data["units"])
        t0 = time.perf_counter()
        dst.execute("BEGIN")
        for table in tables:
            _insert(dst, table, *data[table])
        dst.execute("COMMIT")
        seconds.append(time.perf_counter() - t0)
        dst.close()
    return seconds
