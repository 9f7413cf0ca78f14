"""Merging a decoded bundle into the database, field by field (SPEC §7).

The rule, per field: the value with the newer clock stamp wins (stamps sort by wall time,
counter, then node id, so every PC picks the same winner whatever the order of bundles).
Whether the loser is *kept as a conflict* depends on causality, known from each record's
knowledge vector (``vv``: per node, the newest stamp of that node this copy of the record has
merged — see ``docs/BUNDLE_FORMAT.md``): if the winner's side already knew the losing write,
a person saw it and changed it, and nothing is lost; otherwise both sides changed the field
without seeing each other's change, and the losing value is stored in ``conflicts`` under an
id derived from (record, field, losing stamp), so two PCs that find the same conflict store
the same row. Deletes and restores are the field ``deleted`` and merge like any other.

``plan`` only reads (it is the ``--dry-run`` preview); ``apply`` writes the plan inside the
caller's transaction, with audit entries of action ``merge`` for every record whose values
changed.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.convert import jsonable
from fazhi_desktop.services import audit
from fazhi_desktop.services.context import Identity
from fazhi_desktop.store import bulk, recordsql, search
from fazhi_desktop.store.models import AuditEntry, Node, Unit
from fazhi_desktop.sync import attachments as attachment_sync
from fazhi_desktop.sync import clocks as V
from fazhi_desktop.sync.attachments import AttachmentPlan
from fazhi_desktop.sync.errors import BundleError, Cancelled
from fazhi_desktop.sync.payload import Incoming
from fazhi_desktop.sync.tables import CONFLICTS, RECORD_VV, STAMPS

CONFLICT_NS = uuid.UUID("6f1c6f3e-2b7a-5d1e-9a53-0c2f7b9d4e11")
Progress = Callable[[int, int], None]
CHUNK = 900
SCAN_FROM = 5000  # keys from which ``_existing`` may scan the whole column


def conflict_id(record_id: str, field_name: str, lost_stamp: str) -> str:
    return str(uuid.uuid5(CONFLICT_NS, f"{record_id}\x1f{field_name}\x1f{lost_stamp}"))


@dataclass
class RegisterCounts:
    new: int = 0
    updated: int = 0
    conflicting: int = 0
    deleted: int = 0
    restored: int = 0
    unchanged: int = 0


@dataclass
class Plan:
    """What importing a bundle would do; also the preview shown before applying."""

    counts: dict[str, RegisterCounts] = field(
        default_factory=lambda: {name: RegisterCounts() for name in R.REGISTERS})
    new: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[dict[str, Any], dict[str, Any], set[str]]] = field(default_factory=list)
    record_vv: dict[str, str] = field(default_factory=dict)
    conflicts_new: list[dict[str, Any]] = field(default_factory=list)
    conflicts_settled: list[dict[str, Any]] = field(default_factory=list)
    audit_new: list[dict[str, Any]] = field(default_factory=list)
    units_new: list[dict[str, Any]] = field(default_factory=list)
    units_changed: list[dict[str, Any]] = field(default_factory=list)
    nodes_new: list[dict[str, Any]] = field(default_factory=list)
    attachments: AttachmentPlan = field(default_factory=AttachmentPlan)
    max_stamp: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.new or self.updates or self.record_vv or self.conflicts_new
                    or self.conflicts_settled or self.audit_new or self.units_new
                    or self.units_changed or self.nodes_new
                    or self.attachments.changes_anything)


def _loads_clocks(text: str) -> dict[str, str]:
    return json.loads(text) if text else {}


def _dump_clocks(clocks: dict[str, str]) -> str:
    """``json.dumps(clocks, separators=(",", ":"))``, built directly (a hot path of import).

    Safe without escaping: keys are field names and stamps match ``payload._STAMP`` (digits,
    dots, letters and ``-``), checked when decoded or written by this program.
    """
    return "{" + ",".join([f'"{k}":"{v}"' for k, v in clocks.items()]) + "}"


def _stored_vv(conn: Connection, ids: list[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for rid, vv in conn.execute(select(RECORD_VV.c.record_id, RECORD_VV.c.vv)
                                    .where(RECORD_VV.c.record_id.in_(chunk))):
            out[rid] = json.loads(vv)
    return out


def seen_stamps(conn: Connection, ids: list[str]) -> dict[str, dict[str, str]]:
    """Per record, the newest stamp of each node ever in its clocks (``sync_stamps``)."""
    out: dict[str, dict[str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for rid, node, stamp in conn.execute(select(STAMPS.c.record_id, STAMPS.c.node,
                                                    STAMPS.c.stamp)
                                             .where(STAMPS.c.record_id.in_(chunk))):
            out.setdefault(rid, {})[node] = stamp
    return out


def _beyond(vv: dict[str, str], base: dict[str, str]) -> dict[str, str]:
    """The entries of ``vv`` that ``base`` does not already cover."""
    return {n: s for n, s in vv.items() if s > base.get(n, "")}


def _existing(conn: Connection, column: Any, keys: list[str]) -> set[str]:
    """Which of ``keys`` are in ``column`` (an indexed column).

    Looked up in chunks; when the keys are many compared with the table, one scan of the
    column is cheaper than thousands of lookups (a large bundle, or an empty database).
    """
    if not keys:
        return set()
    if len(keys) >= SCAN_FROM and conn.execute(
            select(func.count()).select_from(column.table)).scalar_one() <= 4 * len(keys):
        wanted = set(keys)
        return {k for k in conn.execute(select(column)).scalars() if k in wanted}
    found: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        found.update(conn.execute(select(column).where(column.in_(keys[start:start + CHUNK])))
                     .scalars())
    return found


def _lost(rid: str, register: str, name: str, value: Any, stamp: str, me: str,
          now_stamp: Callable[[], str], at: str) -> dict[str, Any]:
    return {
        "id": conflict_id(rid, name, stamp), "record_id": rid, "register": register,
        "field": name, "value": json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True),
        "value_stamp": stamp, "value_by": V.node_of(stamp), "created_stamp": now_stamp(),
        "created_at": at, "settled_stamp": None, "settled_keep": None, "settled_by": None,
        "settled_at": None,
    }


def plan(conn: Connection, incoming: Incoming, me: Identity, now_stamp: Callable[[], str],
         progress: Progress | None = None,
         cancelled: Callable[[], bool] | None = None, *, data_dir: Path | None = None) -> Plan:
    """Work out, without writing, what merging ``incoming`` changes.

    ``data_dir`` is where attachment files are stored (to tell which files are new here).
    """
    result = Plan(warnings=list(incoming.warnings))
    at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
    records = incoming.records
    total = len(records)
    # Only records already here need their local state read (none, into an empty database).
    present = _existing(conn, recordsql.RECORDS.c.id, [r["id"] for r in records])
    ids = [r["id"] for r in records if r["id"] in present]
    stored_vv = _stored_vv(conn, ids)
    seen = seen_stamps(conn, ids)
    known_units = set(conn.execute(select(Unit.code)).scalars())
    bundle_units = {u["code"] for u in incoming.units}
    new_conflicts: dict[str, dict[str, Any]] = {}
    for start in range(0, total, CHUNK):
        if cancelled and cancelled():
            raise Cancelled()
        batch = records[start:start + CHUNK]
        here = [r["id"] for r in batch if r["id"] in present]
        local = {r["id"]: r for r in recordsql.fetch(conn, ids=here)} if here else {}
        for inc in batch:
            result.max_stamp = max(result.max_stamp, *inc["clocks"].values())
            counts = result.counts[inc["register"]]
            cur = local.get(inc["id"])
            if inc["unit_code"] not in known_units and inc["unit_code"] not in bundle_units:
                raise BundleError(f"同步包中的记录 {inc['serial']} 所属单位代码“{inc['unit_code']}”"
                                  "在本机和同步包中都不存在，已拒绝导入。", "invalid_record")
            if cur is None:
                new = dict(inc)  # a copy: ``incoming`` is planned again inside the transaction
                del new["vv"]
                new["clocks"] = V.stored_form(inc["register"], inc["clocks"])
                result.new.append(new)
                if inc["vv"]:
                    want = _beyond(inc["vv"], V.of_clocks(inc["clocks"]))
                    if want:
                        result.record_vv[inc["id"]] = json.dumps(want, sort_keys=True)
                counts.new += 1
                continue
            if cur["register"] != inc["register"]:
                raise BundleError(f"同步包中的记录 {inc['serial']} 与本机同一记录的台账类型不同，"
                                  "已拒绝导入。", "invalid_record")
            _merge_one(cur, inc, stored_vv.get(inc["id"], {}), seen.get(inc["id"], {}), result,
                       counts, new_conflicts, me.node_id, now_stamp, at)
        if progress:
            progress(min(start + CHUNK, total), total)
    _check_serials(conn, result)
    result.conflicts_new = list(new_conflicts.values())
    _plan_conflicts(conn, incoming.conflicts, result)
    _plan_audit(conn, incoming.audit, result)
    _plan_units_nodes(conn, incoming, known_units, result)
    serials = {r["id"]: r["serial"] for r in records}
    result.attachments = attachment_sync.plan(conn, data_dir, incoming.attachments,
                                              incoming.blobs, serials)
    result.max_stamp = max(result.max_stamp, result.attachments.max_stamp)
    result.warnings += result.attachments.warnings
    return result


def _merge_one(cur: dict[str, Any], inc: dict[str, Any], stored: dict[str, str],
               seen: dict[str, str], result: Plan, counts: RegisterCounts,
               new_conflicts: dict[str, dict[str, Any]], me: str,
               now_stamp: Callable[[], str], at: str) -> None:
    cl = _loads_clocks(cur["clocks"])
    ci = inc["clocks"]
    vv_local = V.join(stored, seen, V.of_clocks(cl))
    vv_incoming = V.join(inc["vv"], V.of_clocks(ci))
    merged = dict(cur)
    mclocks = dict(cl)
    touched: set[str] = set()
    found_conflict = False
    for name, s_in in ci.items():
        s_loc = cl.get(name)
        if s_loc == s_in:
            continue
        if s_loc is None or s_in > s_loc:
            if s_loc is not None and not V.covers(vv_incoming, s_loc) \
                    and cur.get(name) != inc.get(name):
                c = _lost(cur["id"], cur["register"], name, cur.get(name), s_loc, me, now_stamp,
                          at)
                new_conflicts.setdefault(c["id"], c)
                found_conflict = True
            merged[name] = inc.get(name)
            mclocks[name] = s_in
            touched.add(name)
        elif not V.covers(vv_local, s_in) and cur.get(name) != inc.get(name):
            c = _lost(cur["id"], cur["register"], name, inc.get(name), s_in, me, now_stamp, at)
            new_conflicts.setdefault(c["id"], c)
            found_conflict = True
    vv_new = V.join(vv_local, vv_incoming)
    want = _beyond(vv_new, V.join(seen, V.of_clocks(mclocks)))
    if want != stored:
        result.record_vv[cur["id"]] = json.dumps(want, sort_keys=True)
    if not touched:
        if found_conflict:
            counts.conflicting += 1
        else:
            counts.unchanged += 1
        return
    if max(ci.values()) > max(cl.values(), default=""):
        merged["updated_at"], merged["updated_by"] = inc["updated_at"], inc["updated_by"]
    merged["clocks"] = _dump_clocks(mclocks)
    result.updates.append((cur, merged, touched))
    if found_conflict:
        counts.conflicting += 1
    elif merged["deleted"] and not cur["deleted"]:
        counts.deleted += 1
    elif cur["deleted"] and not merged["deleted"]:
        counts.restored += 1
    else:
        counts.updated += 1


def _check_serials(conn: Connection, result: Plan) -> None:
    serials = [r["serial"] for r in result.new]
    if len(set(serials)) != len(serials):
        raise BundleError("同步包中有编号重复的记录，已拒绝导入。", "invalid_record")
    taken = _existing(conn, recordsql.RECORDS.c.serial, serials)
    if taken:
        raise BundleError(
            f"同步包中的新记录编号“{sorted(taken)[0]}”与本机另一条记录相同：两台电脑可能使用了"
            "相同的本机简码。请联系管理员为其中一台更换简码后再同步。", "invalid_record")


def _plan_conflicts(conn: Connection, items: list[dict[str, Any]], result: Plan) -> None:
    ids = [c["id"] for c in items]
    local: dict[str, Any] = {}
    for start in range(0, len(ids), CHUNK):
        for row in conn.execute(select(CONFLICTS).where(CONFLICTS.c.id.in_(ids[start:start + CHUNK]))
                                ).mappings():
            local[row["id"]] = dict(row)
    planned = {c["id"]: c for c in result.conflicts_new}
    for item in items:
        mine = local.get(item["id"])
        if mine is None:
            if item["id"] in planned:
                # Found here too: keep the earlier detection and the newer settlement.
                mine = planned[item["id"]]
                _join_conflict(mine, item)
            else:
                planned[item["id"]] = dict(item)
                result.conflicts_new.append(planned[item["id"]])
            continue
        if (item["settled_stamp"] or "") > (mine["settled_stamp"] or ""):
            result.conflicts_settled.append(item)


def _join_conflict(mine: dict[str, Any], other: dict[str, Any]) -> None:
    if other["created_stamp"] < mine["created_stamp"]:
        mine["created_stamp"], mine["created_at"] = other["created_stamp"], other["created_at"]
    if (other["settled_stamp"] or "") > (mine["settled_stamp"] or ""):
        for key in ("settled_stamp", "settled_keep", "settled_by", "settled_at"):
            mine[key] = other[key]


def _plan_audit(conn: Connection, entries: list[dict[str, Any]], result: Plan) -> None:
    have = _existing(conn, AuditEntry.uuid, [e["uuid"] for e in entries])
    seen: set[str] = set()
    for entry in entries:
        if entry["uuid"] not in have and entry["uuid"] not in seen:
            seen.add(entry["uuid"])
            result.audit_new.append(dict(entry))
    result.audit_new.sort(key=lambda e: (e["at"], e["uuid"]))


def _plan_units_nodes(conn: Connection, incoming: Incoming, known: set[str],
                      result: Plan) -> None:
    local = {row.code: row for row in conn.execute(select(Unit.__table__))}
    pending = [u for u in incoming.units if u["code"] not in local]
    placed = set(known)
    while pending:  # parents before children
        ready = [u for u in pending if not u["parent_code"] or u["parent_code"] in placed]
        if not ready:
            raise BundleError(f"同步包中的单位“{pending[0]['name']}”的上级单位不存在，已拒绝导入。",
                              "invalid_record")
        result.units_new += ready
        placed.update(u["code"] for u in ready)
        pending = [u for u in pending if u["code"] not in placed]
    for unit in incoming.units:
        mine = local.get(unit["code"])
        if mine is not None and unit["clock"] > (mine.clock or "") \
                and (not unit["parent_code"] or unit["parent_code"] in placed):
            result.units_changed.append(unit)
    have = set(conn.execute(select(Node.id)).scalars())
    result.nodes_new = [n for n in incoming.nodes if n["id"] not in have]


def apply(conn: Connection, planned: Plan, who: Identity, progress: Progress | None = None,
          cancelled: Callable[[], bool] | None = None) -> None:
    """Write ``planned`` in the caller's transaction (the caller commits or rolls back)."""
    units = Unit.__table__
    if planned.units_new:
        conn.execute(insert(units), planned.units_new)
    for unit in planned.units_changed:
        conn.execute(units.update().where(units.c.code == unit["code"]).values(
            name=unit["name"], parent_code=unit["parent_code"], level=unit["level"],
            clock=unit["clock"]))
    if planned.nodes_new:
        conn.execute(insert(Node.__table__),
                     [{**n, "is_self": False} for n in planned.nodes_new])
    total = len(planned.new) + len(planned.updates)
    later = _insert_new(conn, planned.new, total, progress, cancelled)
    done = len(planned.new)
    now = dt.datetime.now(dt.timezone.utc)
    merge_entries = []
    for index, (cur, merged, touched) in enumerate(planned.updates):
        if cancelled and index % 500 == 0 and cancelled():
            raise Cancelled()
        recordsql.update_record(conn, merged, touched)
        diff = {k: (cur.get(k), merged.get(k)) for k in sorted(touched)
                if cur.get(k) != merged.get(k)}
        if diff:
            merge_entries.append(audit.entry(cur["id"], "merge", diff, who, now))
        if progress and index % 500 == 0:
            progress(done + index, total)
    _upsert_vv(conn, planned.record_vv)
    attachment_sync.apply(conn, planned.attachments)
    if planned.conflicts_new:
        conn.execute(insert(CONFLICTS), planned.conflicts_new)
    for item in planned.conflicts_settled:
        conn.execute(CONFLICTS.update().where(CONFLICTS.c.id == item["id"]).values(
            settled_stamp=item["settled_stamp"], settled_keep=item["settled_keep"],
            settled_by=item["settled_by"], settled_at=item["settled_at"]))
    _append_audit(conn, planned.audit_new + merge_entries, later)
    if progress:
        progress(total, total)


def _insert_new(conn: Connection, records: list[dict[str, Any]], total: int,
                progress: Progress | None,
                cancelled: Callable[[], bool] | None) -> list[tuple[str, tuple[Any, ...]]]:
    """Insert new records in batches of 5,000.

    A large import runs as a pipeline on the two cores: while SQLite indexes batch *k* for
    search (``INSERT … SELECT`` from a staging table on a helper thread, off the GIL), Python
    builds the rows of batch *k + 1*. The change index (``sync_stamps``, its per-row trigger
    dropped meanwhile, see ``store.bulk``) is left to the statements returned, which ``apply``
    runs at its end, on a helper thread while the audit chain is hashed.
    """
    if len(records) < bulk.LARGE_ROWS:
        for start in range(0, len(records), 5000):
            if cancelled and cancelled():
                raise Cancelled()
            recordsql.insert_records(conn, records[start:start + 5000])
            if progress:
                progress(min(start + 5000, len(records)), total)
        return []
    first = num = recordsql.next_num(conn)
    trigger = bulk.drop_stamp_trigger(conn)
    indexing = bulk.Background(conn, [])
    try:
        for start in range(0, len(records), 5000):
            if cancelled and cancelled():
                raise Cancelled()
            batch = recordsql.prepare_records(conn.dialect, records[start:start + 5000], num)
            indexing.join()
            recordsql.write_prepared(conn, batch, index=False)
            indexing = bulk.Background(conn, search.staged_index(conn, batch.search_entries))
            num += len(batch.search_entries)
            if progress:
                progress(min(start + 5000, len(records)), total)
    finally:
        indexing.join()
    return bulk.fill_stamps_statements(first, trigger)


def _append_audit(conn: Connection, rows: list[dict[str, Any]],
                  later: list[tuple[str, tuple[Any, ...]]]) -> None:
    """``audit.append``, running the statements ``later`` (SQLite, off the GIL) on a helper
    thread while the chain is hashed in Python (issue 4: seconds of each, overlapped)."""
    prev = audit.last_hash(conn)
    job = bulk.Background(conn, later)
    try:
        audit.chain(rows, prev)
        prepared = audit.prepare_rows(conn.dialect, rows)
    finally:
        job.join()
    bulk.execute_prepared(conn, prepared)


def _upsert_vv(conn: Connection, vvs: dict[str, str]) -> None:
    if not vvs:
        return
    ids = list(vvs)
    have = _existing(conn, RECORD_VV.c.record_id, ids)
    inserts = [{"record_id": k, "vv": v} for k, v in vvs.items() if k not in have and v != "{}"]
    if inserts:
        conn.execute(insert(RECORD_VV), inserts)
    for rid in have:
        if vvs[rid] == "{}":
            conn.execute(RECORD_VV.delete().where(RECORD_VV.c.record_id == rid))
        else:
            conn.execute(RECORD_VV.update().where(RECORD_VV.c.record_id == rid)
                         .values(vv=vvs[rid]))


def knowledge(conn: Connection, records: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """For export: per record, its knowledge vector where it says more than its clocks."""
    ids = [r["id"] for r in records]
    stored, seen = _stored_vv(conn, ids), seen_stamps(conn, ids)
    out = {}
    for record in records:
        rid = record["id"]
        vv = V.join(stored.get(rid, {}), seen.get(rid, {}))
        extra = _beyond(vv, V.of_clocks(_loads_clocks(record["clocks"])))
        if extra:
            out[rid] = V.join(vv, V.of_clocks(_loads_clocks(record["clocks"])))
    return out
