"""Collecting what goes into a bundle: everything (full) or what a colleague has not seen.

Incremental selection works on version vectors: a record goes out when one of its field
stamps is newer than what the baseline knows of that stamp's node. The ``sync_stamps`` index
(kept by triggers, migration ``sync_0003``) answers that with one range scan per node.
Records travel whole (all fields and clocks, so relays keep the origin's stamps) together
with all their audit entries and attachment rows; a record also goes out when one of its
attachment rows changed after the baseline. Attachment files go out when the colleague cannot
have them yet (``sync.attachments``). Conflicts go out when created or settled after the
baseline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from fazhi_desktop.domain import registers as R
from fazhi_desktop.store import recordsql
from fazhi_desktop.store.models import AuditEntry, Node, Unit
from fazhi_desktop.sync import attachments as attachment_sync
from fazhi_desktop.sync import clocks as V
from fazhi_desktop.sync import payload
from fazhi_desktop.sync.errors import Cancelled
from fazhi_desktop.sync.merge import knowledge
from fazhi_desktop.sync.tables import CONFLICTS, STAMPS

Progress = Callable[[int, int], None]
BATCH = 2000


@dataclass
class Collected:
    members: list[tuple[str, bytes]]
    counts: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def changed_ids(conn: Connection, baseline: dict[str, str]) -> list[str]:
    """Ids of records with a field stamp (or an attachment row) newer than ``baseline`` knows."""
    nodes = list(conn.execute(select(STAMPS.c.node).distinct()).scalars())
    ids: set[str] = set()
    for node in nodes:
        ids.update(conn.execute(select(STAMPS.c.record_id).where(
            STAMPS.c.node == node, STAMPS.c.stamp > baseline.get(node, ""))).scalars())
    ids |= attachment_sync.changed_record_ids(conn, baseline)
    return sorted(ids)


def collect(conn: Connection, *, baseline: dict[str, str] | None, own_vv: dict[str, str],
            data_dir: Path | None = None, progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None, version: int = 2) -> Collected:
    """The payload members for ``baseline`` (None: a full export), in bundle format ``version``.

    ``data_dir`` is where attachment files are read from (None: rows only, no files).
    """
    full = baseline is None
    base = baseline or {}
    if full:
        nums = list(conn.execute(select(recordsql.RECORDS.c.num)
                                 .order_by(recordsql.RECORDS.c.num)).scalars())
        keys: list[Any] = nums
    else:
        keys = changed_ids(conn, base)
    per_register = {name: 0 for name in R.REGISTERS}
    serials: dict[str, str] = {}
    record_lines: list[str] = []
    audit_rows: list[dict[str, Any]] = []
    audit_cols = [c for c in AuditEntry.__table__.c if c.name in payload.AUDIT_KEYS]
    total = len(keys)
    for start in range(0, total, BATCH):
        if cancelled and cancelled():
            raise Cancelled()
        chunk = keys[start:start + BATCH]
        records = (recordsql.fetch(conn, nums=chunk) if full
                   else recordsql.fetch(conn, ids=chunk))
        ids = [r["id"] for r in records]
        vvs = knowledge(conn, records)
        for record in records:
            per_register[record["register"]] += 1
            serials[record["id"]] = record["serial"]
            record_lines.append(payload.encode_record(record, vvs.get(record["id"]),
                                                      packed=version >= 2))
        if not full:
            audit_rows += [dict(r) for r in conn.execute(
                select(*audit_cols).where(AuditEntry.record_id.in_(ids))
                .order_by(AuditEntry.seq)).mappings()]
        if progress:
            progress(min(start + BATCH, total), total)
    if full:
        audit_rows = [dict(r) for r in conn.execute(
            select(*audit_cols).order_by(AuditEntry.seq)).mappings()]
    conflicts = [dict(r) for r in conn.execute(select(CONFLICTS)).mappings()
                 if full or not V.covers(base, r["created_stamp"])
                 or (r["settled_stamp"] and not V.covers(base, r["settled_stamp"]))]
    units = [dict(r) for r in conn.execute(select(Unit.__table__)).mappings()]
    nodes = [{k: r[k] for k in ("id", "name", "short_code", "created_at")}
             for r in conn.execute(select(Node.__table__)).mappings()]
    attachment_rows = attachment_sync.rows_for(conn, None if full else list(serials))
    blobs, warnings = ([], []) if data_dir is None else attachment_sync.blob_members(
        data_dir, attachment_rows, baseline, serials)
    kind = "full" if full else "incremental"
    members = [
        ("manifest.json", payload.encode_manifest(own_vv, base, kind)),
        ("records.jsonl", ("\n".join(record_lines) + "\n" if record_lines else "")
         .encode("utf-8")),
        ("audit.jsonl", payload.encode_lines(audit_rows)),
        ("conflicts.jsonl", payload.encode_lines(conflicts)),
        ("units.jsonl", payload.encode_lines(units)),
        ("nodes.jsonl", payload.encode_lines(nodes)),
    ]
    if attachment_rows:  # absent when there are none: such bundles read as before
        members.append((attachment_sync.ROWS_MEMBER, payload.encode_lines(attachment_rows)))
        members += blobs
    counts = {"records": {k: v for k, v in per_register.items()},
              "audit": len(audit_rows), "conflicts": len(conflicts), "units": len(units),
              "attachments": len(attachment_rows), "attachment_files": len(blobs)}
    return Collected(members, counts, warnings)


def vv_text(vv: dict[str, str]) -> str:
    return json.dumps(vv, sort_keys=True)
