"""Reading and writing record rows with SQLAlchemy Core (fast for batches).

Records leave this module as plain dicts (see ``domain.registers``), never ORM objects, so
they can cross threads and be compared field by field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, func, select, text

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.domain.hlc import pack_clocks, unpack_clocks
from fazhi_desktop.store import bulk, search
from fazhi_desktop.store.models import Hearing, Party, Record, Unit

RECORDS = Record.__table__
PARTIES = Party.__table__
HEARINGS = Hearing.__table__
UNITS = Unit.__table__

PARTY_KEYS = tuple(f.name for f in R.PARTY_FIELDS)
HEARING_KEYS = tuple(f.name for f in R.HEARING_FIELDS)
ROW_COLUMNS = tuple(c.name for c in RECORDS.c)  # a ``records`` row, as ``insert_records`` writes it
_CLOCKS = ROW_COLUMNS.index("clocks")
PARTY_COLUMNS = ("record_id", "seq", *PARTY_KEYS)
HEARING_COLUMNS = ("record_id", "seq", *HEARING_KEYS)
BOOKKEEPING = ("id", "register", "deleted", "origin_node", "created_at", "created_by",
               "updated_at", "updated_by", "clocks")


def descendants_cte(code: str) -> Any:
    tree = select(UNITS.c.code).where(UNITS.c.code == code).cte("unit_tree", recursive=True)
    tree = tree.union_all(select(UNITS.c.code).where(UNITS.c.parent_code == tree.c.code))
    return select(tree.c.code)


def filtered_nums(conn: Connection, f: Filters, limit: int | None = None) -> list[int]:
    """Local row numbers (``records.num``) of the matching records, in display order."""
    cond = [RECORDS.c.deleted == f.deleted]  # '=' (not IS) so the partial index applies
    if f.register:
        cond.append(RECORDS.c.register == f.register)
    if f.status:
        cond.append(RECORDS.c.status.in_(list(f.status)))
    if f.unit:
        cond.append(RECORDS.c.unit_code.in_(descendants_cte(f.unit)))
    if f.handler:
        cond.append(RECORDS.c.handler.contains(f.handler, autoescape=True))
    if f.received_from:
        cond.append(RECORDS.c.received_on >= f.received_from)
    if f.received_to:
        cond.append(RECORDS.c.received_on <= f.received_to)
    if f.overdue_on:
        cond += [RECORDS.c.closed_on.is_(None), RECORDS.c.due_on < f.overdue_on]
    if f.search and f.search.strip():
        if conn.dialect.name == "sqlite":
            sql, params = search.match_sql(f.search)
        else:
            sql, params = search.like_sql(f.search)
        cond.append(RECORDS.c.num.in_(text(sql).bindparams(**params)))
    column = RECORDS.c[f.order_by] if f.order_by in RECORDS.c else RECORDS.c.received_on
    order = [column.desc() if f.descending else column.asc(),
             RECORDS.c.num.desc() if f.descending else RECORDS.c.num.asc()]
    stmt = select(RECORDS.c.num).where(and_(*cond)).order_by(*order)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(conn.execute(stmt).scalars())


def count(conn: Connection, f: Filters) -> int:
    return len(filtered_nums(conn, f))


def _row_to_record(row: Any, parties: list[dict[str, Any]] | None,
                   hearings: list[dict[str, Any]] | None) -> dict[str, Any]:
    reg = R.REGISTERS[row["register"]]
    record: dict[str, Any] = {k: row[k] for k in BOOKKEEPING}
    record["clocks"] = unpack_clocks(row["clocks"], R.STAMPED_FIELDS[reg.name])
    record["num"] = row["num"]
    for spec in reg.fields:
        if spec.kind == R.PARTIES:
            record["parties"] = parties if parties is not None else []
        elif spec.kind == R.HEARINGS:
            record["hearings"] = hearings if hearings is not None else []
        else:
            record[spec.name] = row[spec.name]
    return record


def fetch(conn: Connection, *, nums: Iterable[int] | None = None,
          ids: Iterable[str] | None = None, with_children: bool = True) -> list[dict[str, Any]]:
    """Records by local number or id, in the order asked for."""
    keys = list(nums if nums is not None else ids or [])
    if not keys:
        return []
    column = RECORDS.c.num if nums is not None else RECORDS.c.id
    rows: dict[Any, Any] = {}
    for start in range(0, len(keys), 900):
        chunk = keys[start:start + 900]
        for row in conn.execute(select(RECORDS).where(column.in_(chunk))).mappings():
            rows[row[column.name]] = row
    found = [rows[k] for k in keys if k in rows]
    parties: dict[str, list[dict[str, Any]]] = {}
    hearings: dict[str, list[dict[str, Any]]] = {}
    if with_children and found:
        rids = [r["id"] for r in found]
        for start in range(0, len(rids), 900):
            chunk = rids[start:start + 900]
            for p in conn.execute(select(PARTIES).where(PARTIES.c.record_id.in_(chunk))
                                  .order_by(PARTIES.c.record_id, PARTIES.c.seq)).mappings():
                parties.setdefault(p["record_id"], []).append({k: p[k] for k in PARTY_KEYS})
            for h in conn.execute(select(HEARINGS).where(HEARINGS.c.record_id.in_(chunk))
                                  .order_by(HEARINGS.c.record_id, HEARINGS.c.seq)).mappings():
                hearings.setdefault(h["record_id"], []).append({k: h[k] for k in HEARING_KEYS})
    return [_row_to_record(r, parties.get(r["id"], []) if with_children else None,
                           hearings.get(r["id"], []) if with_children else None) for r in found]


def party_names(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    """``record id → "张三、李四"`` for list views."""
    out: dict[str, list[str]] = {}
    for start in range(0, len(ids), 900):
        chunk = list(ids[start:start + 900])
        for rid, name in conn.execute(select(PARTIES.c.record_id, PARTIES.c.name)
                                      .where(PARTIES.c.record_id.in_(chunk))
                                      .order_by(PARTIES.c.record_id, PARTIES.c.seq)):
            if name:
                out.setdefault(rid, []).append(name)
    return {k: "、".join(v) for k, v in out.items()}


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
    """Open, not deleted records that are overdue or due by ``soon_until`` (dashboard)."""
    cond = [RECORDS.c.deleted == False, RECORDS.c.closed_on.is_(None),  # noqa: E712
            RECORDS.c.due_on.is_not(None), RECORDS.c.due_on <= soon_until]
    if register:
        cond.append(RECORDS.c.register == register)
    stmt = (select(RECORDS.c.num, RECORDS.c.id, RECORDS.c.register, RECORDS.c.serial,
                   RECORDS.c.summary, RECORDS.c.handler, RECORDS.c.due_on, RECORDS.c.status,
                   RECORDS.c.unit_code)
            .where(and_(*cond)).order_by(RECORDS.c.due_on, RECORDS.c.num).limit(limit))
    return [dict(r) for r in conn.execute(stmt).mappings()]


def deadline_counts(conn: Connection, as_of: dt.date, soon_until: dt.date,
                    unit: str | None = None) -> dict[str, dict[str, int]]:
    """Per register: in progress, overdue and due-soon counts at ``as_of``."""
    open_ = and_(RECORDS.c.deleted == False, RECORDS.c.closed_on.is_(None))  # noqa: E712
    cond = [open_]
    if unit:
        cond.append(RECORDS.c.unit_code.in_(descendants_cte(unit)))
    stmt = select(
        RECORDS.c.register,
        func.count(),
        func.count().filter(RECORDS.c.due_on < as_of),
        func.count().filter(and_(RECORDS.c.due_on >= as_of, RECORDS.c.due_on <= soon_until)),
    ).where(and_(*cond)).group_by(RECORDS.c.register)
    out = {name: {"in_progress": 0, "overdue": 0, "due_soon": 0} for name in R.REGISTERS}
    for register, total, late, soon in conn.execute(stmt):
        out[register] = {"in_progress": total, "overdue": late, "due_soon": soon}
    return out


def unit_exists(conn: Connection, code: str) -> bool:
    return conn.execute(select(UNITS.c.code).where(UNITS.c.code == code)).first() is not None

