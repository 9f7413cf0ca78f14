"""The audit trail (SPEC §8): append entries, each hash-chained to the one before.

``hash = sha256(prev_hash + canonical JSON of the entry)``. Rewriting or deleting an old
entry breaks every later link, which ``verify_chain`` (run by ``fazhi check``) reports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from fazhi_desktop.domain.convert import jsonable
from fazhi_desktop.services.context import Identity
from fazhi_desktop.store import bulk
from fazhi_desktop.store.models import AuditEntry

GENESIS = "0" * 64
TABLE = AuditEntry.__table__
COLUMNS = ("uuid", "record_id", "action", "at", "operator", "node_id", "node_name", "changes",
           "prev_hash", "hash")


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    action: str
    operator: str
    node_id: str
    node_name: str
    changes: dict[str, list[Any]]


def entry(record_id: str, action: str, changes: dict[str, tuple[Any, Any]], who: Identity,
          at: dt.datetime, entry_uuid: str | None = None) -> dict[str, Any]:
    """An audit row (without its chain links) for ``append``."""
    return {
        "uuid": entry_uuid or str(uuid.uuid4()),
        "record_id": record_id,
        "action": action,
        "at": at,
        "operator": who.operator,
        "node_id": who.node_id,
        "node_name": who.node_name,
        "changes": json.dumps({k: [a, b] for k, (a, b) in changes.items()},
                              ensure_ascii=False, sort_keys=True, default=jsonable),
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one, not one a row


def _digest(prev: str, row: dict[str, Any]) -> str:
    body = _ENCODER.encode(
        [row["uuid"], row["record_id"], row["action"],
         row["at"].astimezone(dt.timezone.utc).isoformat(timespec="microseconds"),
         row["operator"], row["node_id"], row["node_name"], row["changes"]])
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def append(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    chain(rows, last_hash(conn))
    bulk.execute_prepared(conn, prepare_rows(conn.dialect, rows))


def last_hash(conn: Connection) -> str:
    """The hash the next entry chains to."""
    prev = conn.execute(select(TABLE.c.hash).order_by(TABLE.c.seq.desc()).limit(1)).scalar()
    return prev or GENESIS


def chain(rows: list[dict[str, Any]], prev: str) -> None:
    """Link ``rows`` (in order) to ``prev``: set their ``prev_hash`` and ``hash`` (no SQL,
    so it can run while ``store.bulk.Background`` uses the connection)."""
    for row in rows:
        row["prev_hash"] = prev
        row["hash"] = prev = _digest(prev, row)


def prepare_rows(dialect: Any, rows: list[dict[str, Any]]) -> bulk.PreparedInsert:
    """The insert of ``rows`` linked by ``chain`` to the ``last_hash`` of this transaction
    (Python only; ``bulk.execute_prepared`` writes it)."""
    return bulk.prepare_many(dialect, TABLE, COLUMNS, [[row[k] for k in COLUMNS] for row in rows])


def verify_chain(conn: Connection) -> list[str]:
    """Problems found in the chain (empty when intact), in Chinese."""
    problems: list[str] = []
    prev = GENESIS
    result = conn.execute(select(TABLE).order_by(TABLE.c.seq))
    for row in result.mappings():
        data = dict(row)
        if data["prev_hash"] != prev or _digest(prev, data) != data["hash"]:
            problems.append(f"审计记录第{data['seq']}条与前一条不衔接（可能被改动或删除）")
            if len(problems) >= 20:
                break
        prev = data["hash"]
    return problems


def history(conn: Connection, record_id: str) -> list[HistoryEntry]:
    rows = conn.execute(select(TABLE).where(TABLE.c.record_id == record_id)
                        .order_by(TABLE.c.at, TABLE.c.seq)).mappings()
    return [HistoryEntry(r["at"], r["action"], r["operator"], r["node_id"], r["node_name"],
                         json.loads(r["changes"])) for r in rows]
