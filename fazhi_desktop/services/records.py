"""The one write path for records: create, update, delete, restore — and reading them back.

Every write validates the whole record (``domain.validation``), derives what the program
computes (deadlines, serial), stamps each changed field with this node's hybrid logical
clock, appends to the audit trail, and keeps the search index current — all in one
transaction, so a refused or interrupted write saves nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from fazhi_desktop.domain import deadlines
from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.convert import coerce
from fazhi_desktop.domain.problems import Problem
from fazhi_desktop.domain.validation import validate_record
from fazhi_desktop.services import audit
from fazhi_desktop.services.context import Context, Identity
from fazhi_desktop.services.errors import FazhiError, NotFound, ValidationError
from fazhi_desktop.store import bulk, reads, recordsql
from fazhi_desktop.store.models import SerialCounter
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.store.types import utcnow

Progress = Callable[[int, int], None]
BATCH = 2000


class RecordService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # --- reading --------------------------------------------------------------------
    def get(self, record_id: str) -> dict[str, Any]:
        with self.ctx.read() as s:
            found = recordsql.fetch(s.connection(), ids=[record_id])
        if not found:
            raise NotFound(f"找不到编号为 {record_id} 的记录")
        return found[0]

    def find(self, key: str) -> dict[str, Any]:
        """A record by id or by serial (what a user types)."""
        with self.ctx.read() as s:
            conn = s.connection()
            found = recordsql.fetch(conn, ids=[key])
            if not found:
                num = conn.execute(select(recordsql.RECORDS.c.num)
                                   .where(recordsql.RECORDS.c.serial == key)).scalar()
                found = recordsql.fetch(conn, nums=[num]) if num else []
        if not found:
            raise NotFound(f"找不到记录“{key}”（可用记录ID或编号）")
        return found[0]

    def nums(self, filters: Filters, limit: int | None = None) -> list[int]:
        with self.ctx.read() as s:
            return recordsql.filtered_nums(s.connection(), filters, limit)

    def fetch(self, nums: Sequence[int], *, with_children: bool = True) -> list[dict[str, Any]]:
        with self.ctx.read() as s:
            return recordsql.fetch(s.connection(), nums=nums, with_children=with_children)

    def list(self, filters: Filters, limit: int | None = None) -> list[dict[str, Any]]:
        return self.fetch(self.nums(filters, limit))

    def search(self, query: str, register: str | None = None,
               limit: int = 200) -> list[dict[str, Any]]:
        return self.fetch(self.nums(Filters(register=register, search=query), limit),
                          with_children=False)

    def history(self, record_id: str) -> list[audit.HistoryEntry]:
        self.get(record_id)
        with self.ctx.read() as s:
            return audit.history(s.connection(), record_id)

    def deadline_counts(self, as_of: dt.date | None = None,
                        unit: str | None = None) -> dict[str, dict[str, int]]:
        as_of = as_of or self.ctx.today()
        with self.ctx.read() as s:
            return recordsql.deadline_counts(s.connection(), as_of,
                                             reads.due_soon_until(as_of), unit)

    def deadline_items(self, as_of: dt.date | None = None, register: str | None = None,
                       limit: int | None = 500) -> list[dict[str, Any]]:
        """Open records overdue or due within 3 days, earliest first; ``overdue`` flag set.

        At most ``limit`` (the dashboard shows the most urgent; ``deadline_counts`` gives the
        totals, and a register view filtered on "overdue" lists them all).
        """
        as_of = as_of or self.ctx.today()
        with self.ctx.read() as s:
            return recordsql.deadline_rows(s.connection(), as_of,
                                           reads.due_soon_until(as_of), register, limit)

    # --- writing --------------------------------------------------------------------
    def check(self, register: str, data: dict[str, Any],
              current: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[Problem]]:
        """The record ``data`` would become (new, or ``current`` updated) and every problem.

        Saves nothing. Importers call this to preview exactly what a write would refuse.
        """
        reg = R.register(register)
        values, found = coerce(reg, data)
        if current is None:
            record = self._new_record(reg, values, self.ctx.require_identity())
        else:
            record = {**current, **values}
        found += self._derive(reg, record, explicit_due="due_on" in values)
        found += validate_record(reg, record, self.ctx.today(),
                                 previous_status=current["status"] if current else None)
        return record, found

    def create(self, register: str, data: dict[str, Any]) -> dict[str, Any]:
        return self.create_many(register, [data])[0]

    def create_many(self, register: str, items: Sequence[dict[str, Any]],
                    progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None) -> list[dict[str, Any]]:
        """Create every item or none (one transaction). Returns the new records."""
        return self.write_batch(register, items, (), progress, cancelled)[0]

    def update(self, record_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Apply a partial update; only the given fields change (plus what derives from them)."""
        with self.ctx.write() as s:
            return self._update_in(s.connection(), record_id, changes, None)

    def write_batch(self, register: str, creates: Sequence[dict[str, Any]],
                    updates: Sequence[tuple[str, dict[str, Any]]],
                    progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """New records and partial updates of one register, all saved or none (one transaction).

        Problems are reported by position: creates first, then updates.
        """
        reg = R.register(register)
        who = self.ctx.require_identity()
        records: list[dict[str, Any]] = []
        problems: list[tuple[int | None, Problem]] = []
        single = len(creates) + len(updates) == 1
        for index, data in enumerate(creates):
            if not isinstance(data, dict):
                problems.append((None if single else index, Problem("", "每条记录应为一个对象")))
                continue
            record, found = self.check(reg.name, data)
            problems += [(None if single else index, p) for p in found if p.is_error]
            records.append(record)
        if problems:
            raise ValidationError(problems, reg.zh)
        total = len(records) + len(updates)
        with self.ctx.write() as s, bulk.large_write(s.connection(), total):
            conn = s.connection()
            self._check_units(conn, reg, records, single)
            now = utcnow()
            clock = self.ctx.require_clock()
            entries = []
            for start in range(0, len(records), BATCH):
                if cancelled and cancelled():
                    raise FazhiError("已取消，未保存任何记录")
                chunk = records[start:start + BATCH]
                for record in chunk:
                    stamp = clock.now()
                    record["serial"] = self._next_serial(s, reg, record, who)
                    record.update(created_at=now, updated_at=now, created_by=who.operator,
                                  updated_by=who.operator)
                    record["clocks"] = json.dumps(
                        {k: stamp for k in _stamped_fields(reg)}, separators=(",", ":"))
                    entries.append(audit.entry(
                        record["id"], "create",
                        {k: (None, record[k]) for k in _stamped_fields(reg)
                         if record.get(k) not in (None, [], "")}, who, now))
                recordsql.insert_records(conn, chunk)
                if progress:
                    progress(min(start + BATCH, len(records)), total)
            audit.append(conn, entries)
            updated = []
            for offset, (record_id, changes) in enumerate(updates):
                if cancelled and cancelled():
                    raise FazhiError("已取消，未保存任何记录")
                index = None if single else len(records) + offset
                updated.append(self._update_in(conn, record_id, changes, index, reg.name))
                if progress and (offset + 1) % 200 == 0:
                    progress(len(records) + offset + 1, total)
        return records, updated

    def _update_in(self, conn: Connection, record_id: str, changes: dict[str, Any],
                   index: int | None, register: str | None = None) -> dict[str, Any]:
        who = self.ctx.require_identity()
        current = self._load(conn, record_id)
        if current["deleted"]:
            raise FazhiError(f"记录 {current['serial']} 在回收站中，请先恢复再修改")
        if register is not None and current["register"] != register:
            raise FazhiError(f"记录 {current['serial']} 不属于{R.REGISTERS[register].zh}台账")
        reg = R.REGISTERS[current["register"]]
        record, found = self.check(reg.name, changes, current)
        errors = [(index, p) for p in found if p.is_error]
        if errors:
            raise ValidationError(errors, reg.zh)
        if record["unit_code"] != current["unit_code"]:
            self._check_units(conn, reg, [record], True)
        changed = {k for k in _stamped_fields(reg) if record.get(k) != current.get(k)}
        if not changed:
            return current
        self._stamp(record, changed, who)
        recordsql.update_record(conn, record, changed)
        audit.append(conn, [audit.entry(
            record_id, "update", {k: (current.get(k), record.get(k)) for k in sorted(changed)},
            who, record["updated_at"])])
        return record

    def delete(self, record_id: str) -> dict[str, Any]:
        """Move to the recycle bin (回收站); ``restore`` brings it back intact."""
        return self._set_deleted(record_id, True)

    def restore(self, record_id: str) -> dict[str, Any]:
        return self._set_deleted(record_id, False)

    def _set_deleted(self, record_id: str, deleted: bool) -> dict[str, Any]:
        who = self.ctx.require_identity()
        with self.ctx.write() as s:
            conn = s.connection()
            record = self._load(conn, record_id)
            if record["deleted"] == deleted:
                state = "已在回收站中" if deleted else "不在回收站中"
                raise FazhiError(f"记录 {record['serial']} {state}")
            record["deleted"] = deleted
            self._stamp(record, {"deleted"}, who)
            recordsql.update_record(conn, record, {"deleted"})
            audit.append(conn, [audit.entry(record_id, "delete" if deleted else "restore",
                                             {"deleted": (not deleted, deleted)}, who,
                                             record["updated_at"])])
        return record

    # --- helpers --------------------------------------------------------------------
    def _load(self, conn: Connection, record_id: str) -> dict[str, Any]:
        found = recordsql.fetch(conn, ids=[record_id])
        if not found:
            raise NotFound(f"找不到编号为 {record_id} 的记录")
        return found[0]

    def _stamp(self, record: dict[str, Any], changed: set[str], who: Identity) -> None:
        stamp = self.ctx.require_clock().now()
        clocks = json.loads(record["clocks"])
        clocks.update({k: stamp for k in changed})
        record["clocks"] = json.dumps(clocks, separators=(",", ":"))
        record["updated_at"] = utcnow()
        record["updated_by"] = who.operator

    def _new_record(self, reg: R.Register, values: dict[str, Any],
                    who: Identity) -> dict[str, Any]:
        record: dict[str, Any] = {f.name: None for f in reg.fields}
        record.update(parties=[], status=reg.initial_status, unit_code=who.unit_code)
        if reg.has_field("hearings"):
            record["hearings"] = []
        if reg.name == "petitions":
            record["review_stage"] = "none"
        record.update(values)
        record.update(id=str(uuid.uuid4()), register=reg.name, deleted=False,
                      origin_node=who.node_id)
        return record

    def _derive(self, reg: R.Register, record: dict[str, Any], *,
                explicit_due: bool) -> list[Problem]:
        """Fill what the program computes: deadlines; the reply date closes a petition."""
        problems: list[Problem] = []
        if reg.name == "petitions" and record.get("status") == "replied" \
                and record.get("closed_on") is None and record.get("replied_on"):
            record["closed_on"] = record["replied_on"]
        if reg.name == "lawsuits":
            record["defence_due"] = deadlines.defence_due(record, self.ctx.rules,
                                                          self.ctx.calendar)
        if record.get("due_override_reason"):
            if record.get("due_on") is None:
                problems.append(Problem("due_on", "填写了期限调整理由时须填写办理期限"))
            return problems
        if explicit_due and record.get("due_on") is not None:
            computed = deadlines.compute(reg.name, record, self.ctx.rules,
                                         self.ctx.calendar).due_on
            if computed != record["due_on"]:
                problems.append(Problem("due_override_reason", "手动修改办理期限须写明理由"))
                return problems
        record["due_on"] = deadlines.compute(reg.name, record, self.ctx.rules,
                                             self.ctx.calendar).due_on
        return problems

    def deadline_rule(self, record: dict[str, Any]) -> deadlines.Deadline:
        """The deadline and the rule text the editor shows next to ``due_on``."""
        return deadlines.compute(record["register"], record, self.ctx.rules, self.ctx.calendar)

    def _check_units(self, conn: Connection, reg: R.Register, records: list[dict[str, Any]],
                     single: bool) -> None:
        known: dict[str, bool] = {}
        problems = []
        for index, record in enumerate(records):
            code = record["unit_code"]
            if code not in known:
                known[code] = recordsql.unit_exists(conn, code)
            if not known[code]:
                problems.append((None if single else index,
                                 Problem("unit_code", f"所属单位代码“{code}”不存在，请先添加该单位")))
        if problems:
            raise ValidationError(problems, reg.zh)

    def _next_serial(self, s: Any, reg: R.Register, record: dict[str, Any],
                     who: Identity) -> str:
        """``纠2025-JF1-0012``: prefix, year received, this PC's short code, sequence.

        Unique across PCs without coordination because each PC numbers only its own code.
        """
        year = (record.get("received_on") or self.ctx.today()).year
        key = (reg.prefix, year, who.node_code)
        counters = self._counters(s)
        if key not in counters:
            row = s.execute(select(SerialCounter).where(
                SerialCounter.prefix == reg.prefix, SerialCounter.year == year,
                SerialCounter.node_code == who.node_code)).scalar_one_or_none()
            if row is None:
                row = SerialCounter(prefix=reg.prefix, year=year, node_code=who.node_code, last=0)
                s.add(row)
            counters[key] = row
        row = counters[key]
        row.last += 1
        return f"{reg.prefix}{year}-{who.node_code}-{row.last:04d}"

    @staticmethod
    def _counters(s: Any) -> dict[tuple[str, int, str], SerialCounter]:
        cache = s.info.setdefault("serial_counters", {})
        return cache  # type: ignore[no-any-return]


def _stamped_fields(reg: R.Register) -> tuple[str, ...]:
    """The fields that carry a clock stamp (all of the register's, plus ``deleted``)."""
    return R.STAMPED_FIELDS[reg.name]
