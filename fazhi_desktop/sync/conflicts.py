"""Listing and settling conflicts (values that lost a merge against a concurrent change).

In a conflict, *local* is the value the record holds on this PC now and *incoming* is the
competing value kept in the conflict. Settling with ``local`` only marks the conflict settled;
with ``incoming`` the field takes the kept value as a new change of this PC (new clock stamp,
audit entry ``settle``), so it wins everywhere once synced. The settlement itself carries a
stamp and syncs, so every PC ends up with the conflict settled the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.convert import coerce_value, jsonable
from fazhi_desktop.domain.hlc import Clock
from fazhi_desktop.domain.validation import validate_record
from fazhi_desktop.services import audit
from fazhi_desktop.services.context import Identity
from fazhi_desktop.services.errors import FazhiError, NotFound
from fazhi_desktop.store import recordsql
from fazhi_desktop.store.models import Node
from fazhi_desktop.sync.tables import CONFLICTS


@dataclass(frozen=True)
class ConflictView:
    """One conflict as the CLI and the GUI show it."""

    id: str
    record_id: str
    serial: str
    register: str
    field: str
    field_label: str
    local: Any        # JSON value now in the record on this PC
    incoming: Any     # JSON value that lost the merge
    incoming_by: str  # name of the PC that wrote it
    detected_at: str
    settled: bool
    settled_keep: str | None
    settled_by: str | None

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _label(register: str, name: str) -> str:
    if name == "deleted":
        return "删除标记"
    return R.REGISTERS[register].field(name).zh


def list_conflicts(conn: Connection, *, include_settled: bool = False) -> list[ConflictView]:
    stmt = select(CONFLICTS).order_by(CONFLICTS.c.created_at, CONFLICTS.c.id)
    if not include_settled:
        stmt = stmt.where(CONFLICTS.c.settled_stamp.is_(None))
    rows = [dict(r) for r in conn.execute(stmt).mappings()]
    records = {r["id"]: r for r in recordsql.fetch(conn, ids=sorted({r["record_id"]
                                                                      for r in rows}))}
    names = dict(conn.execute(select(Node.id, Node.name)).all())
    out = []
    for row in rows:
        record = records.get(row["record_id"])
        out.append(ConflictView(
            id=row["id"], record_id=row["record_id"],
            serial=record["serial"] if record else "", register=row["register"],
            field=row["field"], field_label=_label(row["register"], row["field"]),
            local=jsonable(record.get(row["field"])) if record else None,
            incoming=json.loads(row["value"]),
            incoming_by=names.get(row["value_by"], row["value_by"]),
            detected_at=row["created_at"], settled=row["settled_stamp"] is not None,
            settled_keep=row["settled_keep"], settled_by=row["settled_by"]))
    return out


def settle(conn: Connection, conflict_id: str, keep: str, who: Identity, clock: Clock,
           today: dt.date) -> dict[str, Any]:
    """Settle one conflict in the caller's transaction; returns the record afterwards."""
    if keep not in ("local", "incoming"):
        raise FazhiError("处理方式应为 local（保留本机当前值）或 incoming（改用冲突中的另一值）")
    row = conn.execute(select(CONFLICTS).where(CONFLICTS.c.id == conflict_id)).mappings().first()
    if row is None:
        matches = conn.execute(select(CONFLICTS.c.id).where(
            CONFLICTS.c.id.like(conflict_id.replace("%", "") + "%"))).scalars().all()
        if len(matches) == 1 and len(conflict_id) >= 6:
            row = conn.execute(select(CONFLICTS).where(CONFLICTS.c.id == matches[0])
                               ).mappings().first()
    if row is None:
        raise NotFound(f"找不到冲突“{conflict_id}”（可用 fazhi conflicts list 查看）")
    if row["settled_stamp"] is not None:
        raise FazhiError(f"冲突 {row['id']} 已经处理过了")
    found = recordsql.fetch(conn, ids=[row["record_id"]])
    if not found:
        raise NotFound(f"冲突 {row['id']} 所属的记录不在本机")
    record = found[0]
    name = row["field"]
    now = dt.datetime.now(dt.timezone.utc)
    current = record.get(name)
    if keep == "incoming":
        raw = json.loads(row["value"])
        reg = R.REGISTERS[record["register"]]
        value = bool(raw) if name == "deleted" else coerce_value(reg.field(name), raw)
        new = {**record, name: value}
        errors = [p for p in validate_record(reg, new, today) if p.is_error]
        if errors:
            raise FazhiError(
                f"采用冲突中的值后，记录 {record['serial']} 不合格：{errors[0].message}。"
                "请在编辑界面中直接修改该记录，然后以 local 方式处理此冲突。")
        stamp = clock.now()
        clocks = json.loads(record["clocks"])
        clocks[name] = stamp
        new.update(clocks=json.dumps(clocks, separators=(",", ":")), updated_at=now,
                   updated_by=who.operator)
        recordsql.update_record(conn, new, {name})
        record = new
        settled_stamp = clock.now()
    else:
        settled_stamp = clock.now()
    audit.append(conn, [audit.entry(record["id"], "settle", {name: (current, record.get(name))},
                                    who, now)])
    conn.execute(CONFLICTS.update().where(CONFLICTS.c.id == row["id"]).values(
        settled_stamp=settled_stamp, settled_keep=keep, settled_by=who.operator,
        settled_at=now.isoformat(timespec="microseconds")))
    return record
