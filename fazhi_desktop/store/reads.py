"""Reading records with the standard library's ``sqlite3`` — every list, page and count.

No SQLAlchemy here, on purpose: the main window draws its first rows before SQLAlchemy is
imported (issue #3 — its import alone costs about twice a bare Qt window's start). The same
functions serve the services, run on the DBAPI connection under their SQLAlchemy session
(``store.recordsql``), so each query exists once.

Values come back as the model's column types (``store.models``) give them: dates as
``datetime.date``, timestamps as aware UTC datetimes, money as ``Decimal`` yuan, flags as
``bool`` — ``tests/store/test_reads.py`` checks every column against the ORM.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.domain.hlc import unpack_clocks
from fazhi_desktop.store.search import match_sql

PARTY_KEYS = tuple(f.name for f in R.PARTY_FIELDS)
HEARING_KEYS = tuple(f.name for f in R.HEARING_FIELDS)
BOOKKEEPING = ("id", "register", "deleted", "origin_node", "created_at", "created_by",
               "updated_at", "updated_by", "clocks")
# Every column of ``records`` (the test checks this against the model).
RECORD_COLUMNS = frozenset({"num", "status", *BOOKKEEPING, *(
    f.name for f in R.ALL_FIELDS if f.kind not in (R.PARTIES, R.HEARINGS))})
CHUNK = 900  # bound parameters per IN (...), under SQLite's old limit of 999
DUE_SOON_DAYS = 3  # "due soon": due within this many days (dashboard, row colours)

def _money(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(Decimal("0.01"))


def _kind_converters() -> dict[str, Callable[[Any], Any]]:
    by_kind: dict[str, Callable[[Any], Any]] = {
        R.DATE: dt.date.fromisoformat, R.DECIMAL: _money, R.BOOL: bool}
    out = {f.name: by_kind[f.kind]
           for f in (*R.ALL_FIELDS, *R.PARTY_FIELDS, *R.HEARING_FIELDS) if f.kind in by_kind}
    out.update(deleted=bool, created_at=dt.datetime.fromisoformat,
               updated_at=dt.datetime.fromisoformat)
    return out


CONVERTERS = _kind_converters()


def _rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """The cursor's rows as dicts, each value converted to its column's Python type."""
    names = [d[0] for d in cursor.description]
    convert = [(i, CONVERTERS[n]) for i, n in enumerate(names) if n in CONVERTERS]
    out = []
    for raw in cursor:
        row = list(raw)
        for i, fn in convert:
            if row[i] is not None:
                row[i] = fn(row[i])
        out.append(dict(zip(names, row)))
    return out


def _in(values: Sequence[Any]) -> str:
    return "(" + ",".join("?" * len(values)) + ")"


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


UNIT_TREE_SQL = ("SELECT code FROM (WITH RECURSIVE unit_tree(code) AS ("
                 "SELECT code FROM units WHERE code = :unit UNION ALL "
                 "SELECT u.code FROM units u JOIN unit_tree t ON u.parent_code = t.code) "
                 "SELECT code FROM unit_tree)")


def _like_contains(text: str) -> str:
    escaped = text.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


def filtered_nums(conn: sqlite3.Connection, f: Filters, limit: int | None = None) -> list[int]:
    """Local row numbers (``records.num``) of the matching records, in display order."""
    cond = ["deleted = :deleted"]  # '=' (not IS) so the partial index applies
    params: dict[str, Any] = {"deleted": int(bool(f.deleted))}
    if f.register:
        cond.append("register = :register")
        params["register"] = f.register
    if f.status:
        names = [f"s{i}" for i in range(len(f.status))]
        cond.append("status IN (" + ",".join(f":{n}" for n in names) + ")")
        params.update(zip(names, f.status))
    if f.unit:
        cond.append(f"unit_code IN ({UNIT_TREE_SQL})")
        params["unit"] = f.unit
    if f.handler:
        cond.append("handler LIKE :handler ESCAPE '/'")
        params["handler"] = _like_contains(f.handler)
    if f.received_from:
        cond.append("received_on >= :received_from")
        params["received_from"] = f.received_from.isoformat()
    if f.received_to:
        cond.append("received_on <= :received_to")
        params["received_to"] = f.received_to.isoformat()
    if f.overdue_on:
        cond.append("closed_on IS NULL AND due_on < :overdue_on")
        params["overdue_on"] = f.overdue_on.isoformat()
    if f.search and f.search.strip():
        sql, search_params = match_sql(f.search)
        cond.append(f"num IN ({sql})")
        params.update(search_params)
    column = f.order_by if f.order_by in RECORD_COLUMNS else "received_on"
    way = "DESC" if f.descending else "ASC"
    sql = (f"SELECT num FROM records WHERE {' AND '.join(cond)} "
           f"ORDER BY {column} {way}, num {way}")
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [n for (n,) in conn.execute(sql, params)]


def _to_record(row: dict[str, Any], parties: list[dict[str, Any]] | None,
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


def fetch(conn: sqlite3.Connection, *, nums: Iterable[int] | None = None,
          ids: Iterable[str] | None = None, with_children: bool = True) -> list[dict[str, Any]]:
    """Records by local number or id, in the order asked for (unknown keys left out).

    ``with_children=False`` is the list form: empty ``parties``/``hearings``, and
    ``party_names`` ("张三、李四") instead."""
    keys = list(nums if nums is not None else ids or [])
    if not keys:
        return []
    column = "num" if nums is not None else "id"
    rows: dict[Any, dict[str, Any]] = {}
    for chunk in _chunks(keys):
        for row in _rows(conn.execute(f"SELECT * FROM records WHERE {column} IN {_in(chunk)}",
                                      chunk)):
            rows[row[column]] = row
    found = [rows[k] for k in keys if k in rows]
    if not with_children:
        names = party_names(conn, [r["id"] for r in found])
        listed = [_to_record(r, None, None) for r in found]
        for record in listed:
            record["party_names"] = names.get(record["id"], "")
        return listed
    rids = [r["id"] for r in found]
    parties = _children(conn, "parties", rids, PARTY_KEYS)
    hearings = _children(conn, "hearings", rids, HEARING_KEYS)
    return [_to_record(r, parties.get(r["id"], []), hearings.get(r["id"], [])) for r in found]


def _children(conn: sqlite3.Connection, table: str, rids: Sequence[str],
              keys: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for chunk in _chunks(rids):
        cursor = conn.execute(f"SELECT * FROM {table} WHERE record_id IN {_in(chunk)} "
                              "ORDER BY record_id, seq", chunk)
        for row in _rows(cursor):
            out.setdefault(row["record_id"], []).append({k: row[k] for k in keys})
    return out


def party_names(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """``record id → "张三、李四"`` for list views."""
    out: dict[str, list[str]] = {}
    for chunk in _chunks(list(ids)):
        for rid, name in conn.execute("SELECT record_id, name FROM parties WHERE record_id IN "
                                      f"{_in(chunk)} ORDER BY record_id, seq", chunk):
            if name:
                out.setdefault(rid, []).append(name)
    return {k: "、".join(v) for k, v in out.items()}


def due_soon_until(as_of: dt.date) -> dt.date:
    return as_of + dt.timedelta(days=DUE_SOON_DAYS)


def deadline_rows(conn: sqlite3.Connection, as_of: dt.date, soon_until: dt.date,
                  register: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Open, not deleted records overdue at ``as_of`` (flag ``overdue``) or due by
    ``soon_until``, earliest first (the dashboard)."""
    sql = ("SELECT num, id, register, serial, summary, handler, due_on, status, unit_code "
           "FROM records WHERE deleted = 0 AND closed_on IS NULL AND due_on IS NOT NULL "
           "AND due_on <= :soon")
    params: dict[str, Any] = {"soon": soon_until.isoformat()}
    if register:
        sql += " AND register = :register"
        params["register"] = register
    sql += " ORDER BY due_on, num"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    rows = _rows(conn.execute(sql, params))
    for row in rows:
        row["overdue"] = row["due_on"] < as_of
    return rows


def deadline_counts(conn: sqlite3.Connection, as_of: dt.date, soon_until: dt.date,
                    unit: str | None = None) -> dict[str, dict[str, int]]:
    """Per register: in progress, overdue and due-soon counts at ``as_of``."""
    sql = ("SELECT register, count(*), count(*) FILTER (WHERE due_on < :as_of), "
           "count(*) FILTER (WHERE due_on >= :as_of AND due_on <= :soon) "
           "FROM records WHERE deleted = 0 AND closed_on IS NULL")
    params: dict[str, Any] = {"as_of": as_of.isoformat(), "soon": soon_until.isoformat()}
    if unit:
        sql += f" AND unit_code IN ({UNIT_TREE_SQL})"
        params["unit"] = unit
    out = {name: {"in_progress": 0, "overdue": 0, "due_soon": 0} for name in R.REGISTERS}
    for register, total, late, soon in conn.execute(sql + " GROUP BY register", params):
        out[register] = {"in_progress": total, "overdue": late, "due_soon": soon}
    return out


def units(conn: sqlite3.Connection) -> list[tuple[str, str, str | None, str]]:
    """``(code, name, parent_code, level)`` of every unit, by code."""
    return list(conn.execute("SELECT code, name, parent_code, level FROM units ORDER BY code"))
