"""Writing record rows with SQLAlchemy Core (fast for batches); reads are ``store.reads``.

Records leave this module as plain dicts (see ``domain.registers``), never ORM objects, so
they can cross threads and be compared field by field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, select

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.domain.hlc import pack_clocks
from fazhi_desktop.store import bulk, reads, search
from fazhi_desktop.store.models import Hearing, Party, Record, Unit

RECORDS = Record.__table__
PARTIES = Party.__table__
HEARINGS = Hearing.__table__
UNITS = Unit.__table__

PARTY_KEYS = reads.PARTY_KEYS
HEARING_KEYS = reads.HEARING_KEYS
BOOKKEEPING = reads.BOOKKEEPING
ROW_COLUMNS = tuple(c.name for c in RECORDS.c)  # a ``records`` row, as ``insert_records`` writes it
_CLOCKS = ROW_COLUMNS.index("clocks")
PARTY_COLUMNS = ("record_id", "seq", *PARTY_KEYS)
HEARING_COLUMNS = ("record_id", "seq", *HEARING_KEYS)


def descendants_cte(code: str) -> Any:
    tree = select(UNITS.c.code).where(UNITS.c.code == code).cte("unit_tree", recursive=True)
    tree = tree.union_all(select(UNITS.c.code).where(UNITS.c.parent_code == tree.c.code))
    return select(tree.c.code)


def dbapi(conn: Connection) -> Any:
    """The ``sqlite3`` connection under ``conn``, inside the same transaction."""
    return conn.connection.driver_connection


def filtered_nums(conn: Connection, f: Filters, limit: int | None = None) -> list[int]:
    """Local row numbers (``records.num``) of the matching records, in display order."""
    return reads.filtered_nums(dbapi(conn), f, limit)


def count(conn: Connection, f: Filters) -> int:
    return len(filtered_nums(conn, f))


def fetch(conn: Connection, *, nums: Iterable[int] | None = None,
          ids: Iterable[str] | None = None, with_children: bool = True) -> list[dict[str, Any]]:
    """Records by local number or id, in the order asked for."""
    return reads.fetch(dbapi(conn), nums=nums, ids=ids, with_children=with_children)


def column_values(record: dict[str, Any]) -> dict[str, Any]:
    """The ``records`` row of a record dict (children and unknown keys left out)."""
    return {k: v for k, v in record.items() if k in RECORDS.c and k != "num"}


def next_num(conn: Connection) -> int:
    """The local number the next inserted record gets."""
    return int(conn.execute(select(func.max(RECORDS.c.num))).scalar() or 0) + 1


def insert_records(conn: Connection, records: Sequence[dict[str, Any]]) -> None:
    """Insert whole records (row, parties, hearings, search index) in the current transaction."""
    if records:
        write_prepared(conn, prepare_records(conn.dialect, records, next_num(conn)))


@dataclass(frozen=True)
class PreparedRecords:
    """Records made ready to insert, numbered from ``start`` (``prepare_records``)."""

    start: int
    records: bulk.PreparedInsert
    parties: bulk.PreparedInsert
    hearings: bulk.PreparedInsert
    search_entries: list[tuple[int, str]]  # (num, body)


def prepare_records(dialect: Any, records: Sequence[dict[str, Any]],
                    start: int) -> PreparedRecords:
    """The rows of ``records`` numbered from ``start`` (each record's ``num`` is set), built
    in Python only: it may run while ``bulk.Background`` uses the connection."""
    rows, party_rows, hearing_rows, index_rows = [], [], [], []
    for offset, record in enumerate(records):
        num = start + offset
        record["num"] = num
        get = record.get
        row = [get(c) for c in ROW_COLUMNS]
        row[_CLOCKS] = pack_clocks(record["clocks"], R.STAMPED_FIELDS[record["register"]])
        rows.append(row)
        parties = get("parties") or []
        party_rows += _child_rows(record["id"], parties, PARTY_KEYS)
        hearing_rows += _child_rows(record["id"], get("hearings") or [], HEARING_KEYS)
        index_rows.append((num, search.body_of(record, parties)))
    return PreparedRecords(start, bulk.prepare_many(dialect, RECORDS, ROW_COLUMNS, rows),
                           bulk.prepare_many(dialect, PARTIES, PARTY_COLUMNS, party_rows),
                           bulk.prepare_many(dialect, HEARINGS, HEARING_COLUMNS, hearing_rows),
                           index_rows)


def write_prepared(conn: Connection, prepared: PreparedRecords, *, index: bool = True) -> None:
    """Insert ``prepared`` (numbered from the next free number on); ``index=False`` leaves
    its ``search_entries`` for the caller to index before the transaction ends."""
    with bulk.stamps_in_bulk(conn, prepared.start, len(prepared.records.rows)):
        bulk.execute_prepared(conn, prepared.records)
    bulk.execute_prepared(conn, prepared.parties)
    bulk.execute_prepared(conn, prepared.hearings)
    if index:
        search.index(conn, prepared.search_entries, replace=False)


def update_record(conn: Connection, record: dict[str, Any], changed: Iterable[str]) -> None:
    """Write the changed fields of an existing record (``record`` is the whole new state)."""
    changed = set(changed)
    columns = {k: record[k] for k in changed if k in RECORDS.c and k != "num"}
    columns.update({k: record[k] for k in ("updated_at", "updated_by", "clocks", "deleted")
                    if k in record})
    if "clocks" in columns:
        columns["clocks"] = pack_clocks(columns["clocks"], R.STAMPED_FIELDS[record["register"]])
    conn.execute(RECORDS.update().where(RECORDS.c.id == record["id"]).values(**columns))
    if "parties" in changed:
        conn.execute(delete(PARTIES).where(PARTIES.c.record_id == record["id"]))
        bulk.insert_many(conn, PARTIES, PARTY_COLUMNS,
                         _child_rows(record["id"], record.get("parties") or [], PARTY_KEYS))
    if "hearings" in changed:
        conn.execute(delete(HEARINGS).where(HEARINGS.c.record_id == record["id"]))
        bulk.insert_many(conn, HEARINGS, HEARING_COLUMNS,
                         _child_rows(record["id"], record.get("hearings") or [], HEARING_KEYS))
    if changed & {"serial", "summary", "handler", "case_no", "parties"}:
        num = record.get("num") or conn.execute(
            select(RECORDS.c.num).where(RECORDS.c.id == record["id"])).scalar_one()
        search.index(conn, [(num, search.body_of(record, record.get("parties") or []))],
                     replace=True)


def _child_rows(record_id: str, items: Sequence[dict[str, Any]],
                keys: Sequence[str]) -> list[tuple[Any, ...]]:
    """Rows of ``parties``/``hearings`` in ``PARTY_COLUMNS``/``HEARING_COLUMNS`` order."""
    return [(record_id, seq, *[item.get(k) for k in keys]) for seq, item in enumerate(items)]


def deadline_rows(conn: Connection, as_of: dt.date, soon_until: dt.date,
                  register: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Open, not deleted records overdue at ``as_of`` or due by ``soon_until`` (dashboard)."""
    return reads.deadline_rows(dbapi(conn), as_of, soon_until, register, limit)


def deadline_counts(conn: Connection, as_of: dt.date, soon_until: dt.date,
                    unit: str | None = None) -> dict[str, dict[str, int]]:
    """Per register: in progress, overdue and due-soon counts at ``as_of``."""
    return reads.deadline_counts(dbapi(conn), as_of, soon_until, unit)


def unit_exists(conn: Connection, code: str) -> bool:
    return conn.execute(select(UNITS.c.code).where(UNITS.c.code == code)).first() is not None

