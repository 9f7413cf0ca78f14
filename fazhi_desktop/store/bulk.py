"""Making large writes (imports of thousands of records) fast without changing what they write.

* ``large_write(conn, rows)``: Python's cycle collector paused (a big import builds millions
  of small objects that all live until it ends; the collector would walk them again and
  again — a fifth of an import's time) and a larger SQLite page cache for the connection (the
  default 2 MiB cannot hold the index pages a large transaction dirties, so SQLite spills and
  rewrites them), and larger full-text index segments (``store.search.large_batch``). All
  are restored afterwards.
* ``stamps_in_bulk(conn, first_num)``: the per-row ``sync_stamps`` trigger of migration
  sync_0003 is dropped while a batch is inserted and ``sync_stamps`` filled by one set
  statement afterwards (sorted inserts instead of one trigger run and one random B-tree insert
  per record). The drop is part of the write's transaction: after the commit or a rollback
  the trigger is there again.
* ``insert_many(conn, table, columns, rows)`` (or ``prepare_many`` now, ``execute_prepared``
  later): an ``INSERT`` of positional rows written exactly
  as ``conn.execute(insert(table), dicts)`` writes them (each value through its column type's
  bind processor: dates and UTC datetimes to text, booleans to 0/1, money to fen), but as one
  DB-API ``executemany`` of tuples, without SQLAlchemy's per-row parameter handling (≈ 3 s
  of a 200,000-record import; issue 4).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert

from fazhi_desktop.store import search

LARGE_ROWS = 1000           # from this many rows a write counts as large
CACHE_KIB = 256 * 1024      # page cache for large writes

STAMP_TRIGGER = "sync_stamps_insert"
# The set form of the trigger body of migration sync_0003 (keep the two in step): per record
# numbered from ``?`` on and per node, the newest stamp in its clocks (the node id starts at
# character 21 of a stamp, see ``domain.hlc``).
FILL_STAMPS_FROM = (
    "INSERT INTO sync_stamps (record_id, node, stamp) "
    "SELECT r.id, substr(j.value, 21), max(j.value) FROM records AS r, json_each(r.clocks) AS j "
    "WHERE r.num >= ? GROUP BY r.id, substr(j.value, 21) "
    "ON CONFLICT (record_id, node) DO UPDATE SET stamp = max(stamp, excluded.stamp)")


@contextlib.contextmanager
def large_write(conn: Any, rows: int) -> Iterator[None]:
    if rows < LARGE_ROWS:
        yield
        return
    was = gc.isenabled()
    gc.disable()
    old = None
    try:
        if conn.dialect.name == "sqlite":
            old = int(conn.exec_driver_sql("PRAGMA cache_size").scalar())
            conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        with search.large_batch(conn):
            yield
    finally:
        if old is not None:
            conn.exec_driver_sql(f"PRAGMA cache_size = {old}")
        if was:
            gc.enable()


@contextlib.contextmanager
def stamps_in_bulk(conn: Any, first_num: int, rows: int) -> Iterator[None]:
    """Around inserting ``rows`` records numbered from ``first_num`` (see the module doc).

    Nested in another one, it does nothing: the trigger is already gone, and the outer one
    fills the index for every record from its own first number on in one statement.
    """
    trigger = drop_stamp_trigger(conn) if rows >= LARGE_ROWS else None
    try:
        yield
        if trigger:
            conn.exec_driver_sql(FILL_STAMPS_FROM, (first_num,))
    finally:
        if trigger:
            conn.exec_driver_sql(trigger)


def drop_stamp_trigger(conn: Any) -> str | None:
    """Drop the per-row ``sync_stamps`` trigger (SQLite); its SQL, or None when it was not
    there. Put it back with ``fill_stamps_statements`` (or the transaction's rollback)."""
    if conn.dialect.name != "sqlite":
        return None
    trigger = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        (STAMP_TRIGGER,)).scalar()
    if trigger:
        conn.exec_driver_sql(f"DROP TRIGGER {STAMP_TRIGGER}")
    return trigger


def fill_stamps_statements(first_num: int, trigger: str | None) -> list[tuple[str, tuple[Any, ...]]]:
    """What ``stamps_in_bulk`` runs at its end, as statements for ``Background``: fill the
    change index for the records numbered from ``first_num`` on, then re-create ``trigger``."""
    if not trigger:
        return []
    return [(FILL_STAMPS_FROM, (first_num,)), (trigger, ())]


class Background:
    """SQL statements run in order on the connection's DB-API connection, in a helper thread.

    SQLite releases the GIL for the whole of one statement, and an ``INSERT … SELECT`` that
    indexes a whole import runs for seconds: the caller's Python work goes on meanwhile on the
    other core (issue 4). The statements are part of the caller's transaction. The caller must
    not use the connection until ``join()``, which waits and re-raises a statement's error.
    """

    def __init__(self, conn: Any, statements: Sequence[tuple[str, tuple[Any, ...]]]) -> None:
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if statements:
            dbapi = conn.connection.driver_connection
            self._thread = threading.Thread(target=self._run, args=(dbapi, list(statements)),
                                            name="fazhi-bulk-sql", daemon=True)
            self._thread.start()

    def _run(self, dbapi: Any, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        try:
            cursor = dbapi.cursor()
            try:
                for sql, params in statements:
                    cursor.execute(sql, params)
            finally:
                cursor.close()
        except BaseException as exc:  # handed to the caller by join()
            self._error = exc

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error


@functools.lru_cache(maxsize=64)
def _insert_plan(table: Table, columns: tuple[str, ...],
                 dialect: Any) -> tuple[str, tuple[tuple[int, Callable[[Any], Any]], ...]]:
    """The ``INSERT`` text and, per column that has one, the bind processor of its type (the
    dialect's own: what SQLAlchemy applies when it executes ``insert(table)``)."""
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    processors = []
    for index, name in enumerate(columns):
        type_ = table.c[name].type
        process = type_.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors.append((index, process))
    return sql, tuple(processors)


@dataclass(frozen=True)
class PreparedInsert:
    """An ``insert_many`` made ready in Python (``prepare_many``), to execute later."""

    table: Table
    columns: tuple[str, ...]
    sql: str | None         # None: not SQLite, executed through ``insert(table)``
    rows: list[tuple[Any, ...]]


def prepare_many(dialect: Any, table: Table, columns: Sequence[str],
                 rows: Iterable[Sequence[Any]]) -> PreparedInsert:
    """The statement and the processed rows of ``insert_many``, without touching the database
    (so it can run while ``Background`` uses the connection)."""
    columns = tuple(columns)
    if dialect.paramstyle != "qmark":  # not SQLite: the ordinary (slower) path
        return PreparedInsert(table, columns, None, [tuple(row) for row in rows])
    sql, processors = _insert_plan(table, columns, dialect)
    if not processors:
        return PreparedInsert(table, columns, sql, [tuple(row) for row in rows])
    # Each distinct value processed once: dates and times repeat across a batch, and a
    # processor gives equal values the same result (equal instants the same UTC text).
    memos = [(index, process, {}) for index, process in processors]
    converted = []
    for row in rows:
        values = list(row)
        for index, process, memo in memos:
            value = values[index]
            if value is not None:
                done = memo.get(value, memo)
                if done is memo:
                    done = memo[value] = process(value)
                values[index] = done
        converted.append(tuple(values))
    return PreparedInsert(table, columns, sql, converted)


def execute_prepared(conn: Any, prepared: PreparedInsert) -> None:
    if not prepared.rows:
        return
    if prepared.sql is None:
        conn.execute(insert(prepared.table),
                     [dict(zip(prepared.columns, row)) for row in prepared.rows])
    else:
        conn.exec_driver_sql(prepared.sql, prepared.rows)


def insert_many(conn: Any, table: Table, columns: Sequence[str],
                rows: Iterable[Sequence[Any]]) -> None:
    """Insert ``rows`` (Python values in ``columns`` order) into ``table`` (see the module doc).

    Every column of the statement is given for every row: unlike ``insert(table)``, no
    Python-side column default fills a missing value (pass the default yourself).
    """
    execute_prepared(conn, prepare_many(conn.dialect, table, columns, rows))
