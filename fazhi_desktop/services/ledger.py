"""Excel ledgers (台账) in and out: the use cases behind 导入Excel台账 / 导出Excel and ``fazhi excel``.

The GUI and the CLI drive the same three steps:

1. ``preview(path, register, sheet=..., mapping=...)`` reads the sheet, detects the header,
   proposes (or applies) the column mapping, converts every row and checks it exactly as the
   record editor would (``domain.validation``, deadlines, units) and against the saved
   records for duplicates. Nothing is written. The ``Preview`` it returns holds the mapping
   (editable: pass ``preview.mapping`` back to ``preview`` after the user changed it), one
   ``LedgerRow`` per data row (``status`` good / problem / duplicate, ``record`` as it would
   be saved, ``problems`` naming row and column in Chinese), the counts, and the unknown
   code values per column (so a GUI can offer "map 邻里矛盾 to 邻里" in one step).
2. ``import_preview(preview, update_duplicates=False)`` saves the good rows in one
   transaction through ``RecordService.create_many`` (validation, audit trail, clocks), after
   an automatic backup when a backup service is available. Duplicates are skipped, or with
   ``update_duplicates`` their changed fields are written to the matching record.
3. ``export(path, register, filters, masked=True)`` writes a register to ``.xlsx``.

Long steps take ``progress(done, total)`` and ``cancelled() -> bool`` callables; a cancelled
import saves nothing. Errors are ``FazhiError`` with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.convert import coerce
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.domain.problems import WARNING
from fazhi_desktop.ledger.convert import (
    DUPLICATE,
    GOOD,
    PROBLEM,
    SERIAL_KEY,
    LedgerRow,
    RowProblem,
    convert_sheet,
    mark_duplicates_within,
    problem_for_field,
)
from fazhi_desktop.ledger.mapping import Mapping, SavedMapping, load_mapping, propose_mapping
from fazhi_desktop.ledger.reader import SheetData, open_workbook
from fazhi_desktop.ledger.text import LedgerError, squash
from fazhi_desktop.ledger.writer import write_ledger
from fazhi_desktop.services.backup import backup_before
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.services.files import atomic_write
from fazhi_desktop.store import recordsql

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass
class Preview:
    path: Path
    sheet: str
    sheet_names: list[str]
    register: str
    mapping: Mapping
    rows: list[LedgerRow]
    skipped: dict[str, int]
    unknown_values: dict[str, dict[str, int]]
    notes: list[str]
    _sheet: SheetData | None = field(default=None, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        out = {GOOD: 0, PROBLEM: 0, DUPLICATE: 0}
        for row in self.rows:
            out[row.status] += 1
        return out

    def problems(self) -> list[RowProblem]:
        return [p for row in self.rows for p in row.problems]

    def summary(self) -> str:
        c = self.counts
        skipped = sum(self.skipped.values())
        return (f"共{len(self.rows)}行数据：可导入{c[GOOD]}行，有问题{c[PROBLEM]}行，"
                f"与已有记录重复{c[DUPLICATE]}行" + (f"（另跳过空行、合计行等{skipped}行）" if skipped else ""))


@dataclass
class ImportResult:
    created: list[dict[str, Any]]
    updated: list[dict[str, Any]]
    unchanged: int
    skipped_duplicates: int
    skipped_problems: int
    backup: str | None
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"新增{len(self.created)}条"]
        if self.updated or self.unchanged:
            parts.append(f"更新{len(self.updated)}条（{self.unchanged}条无变化）")
        if self.skipped_duplicates:
            parts.append(f"跳过重复{self.skipped_duplicates}行")
        if self.skipped_problems:
            parts.append(f"有问题未导入{self.skipped_problems}行")
        return "，".join(parts)


class LedgerService:
    def __init__(self, services: Any, backup: Callable[[str], Any] | None = None) -> None:
        """``services`` is the ``Services`` object; ``backup(note)`` makes the backup taken
        before an import and returns it (default: ``services.backup.backup_before`` with
        reason ``pre-import``, kept and pruned like the other automatic backups)."""
        self.sv = services
        self.ctx = services.ctx
        self._backup = backup
        self._cache: tuple[tuple[Any, ...], SheetData, list[str]] | None = None

    # --- reading ----------------------------------------------------------------------
    def sheet_names(self, path: str | Path) -> list[str]:
        try:
            with open_workbook(path) as book:
                return list(book.sheet_names)
        except LedgerError as exc:
            raise FazhiError(str(exc)) from None

    def _read(self, path: Path, sheet: str | int | None) -> tuple[SheetData, list[str]]:
        try:
            stat = path.stat()
        except OSError:
            stat = None
        key = (str(path.resolve()), stat and stat.st_mtime_ns, stat and stat.st_size, sheet)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1], self._cache[2]
        with open_workbook(path) as book:
            data = book.read(sheet)
            names = list(book.sheet_names)
        self._cache = (key, data, names)
        return data, names

    def preview(self, path: str | Path, register: str, *, sheet: str | int | None = None,
                mapping: Mapping | SavedMapping | str | Path | None = None,
                progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> Preview:
        """Everything the import would do, without saving anything (see the module doc)."""
        reg = _register(register)
        path = Path(path)
        try:
            if isinstance(mapping, str | Path):
                mapping = load_mapping(mapping, reg.name)
            # the sheet the mapping was saved from, if this workbook has one of that name
            if isinstance(mapping, SavedMapping) and sheet is None and mapping.sheet \
                    and mapping.sheet in self.sheet_names(path):
                sheet = mapping.sheet
            data, names = self._read(path, sheet)
            if isinstance(mapping, Mapping):
                if mapping.register != reg.name:
                    raise LedgerError("列映射属于另一种台账，请重新识别表头。")
                used = mapping
            else:
                used = propose_mapping(data, reg.name, saved=mapping, file_name=path.stem)
            converted = convert_sheet(data, used, units=self._unit_resolver(),
                                      progress=_phase(progress, 0, 2), cancelled=cancelled)
        except LedgerError as exc:
            raise FazhiError(str(exc)) from None
        self._check_rows(reg, used, converted.rows, _phase(progress, 1, 2), cancelled)
        mark_duplicates_within(converted.rows)
        self._mark_existing(reg, converted.rows)
        notes = list(converted.notes)
        if len(names) > 1:
            others = "、".join(f"“{n}”" for n in names if n != data.name)
            notes.append(f"这个文件有{len(names)}个工作表，本次导入“{data.name}”；"
                         f"其他工作表（{others}）请另行选择导入。")
        return Preview(path, data.name, names, reg.name, used, converted.rows, converted.skipped,
                       converted.unknown_values, notes, data)

    # --- checks that need the store ---------------------------------------------------
    def _unit_resolver(self) -> Callable[[str], tuple[str | None, str | None]]:
        units = self.sv.units.all()
        codes = {u.code for u in units}
        by_name: dict[str, list[str]] = {}
        for u in units:
            by_name.setdefault(squash(u.name), []).append(u.code)

        def resolve(text: str) -> tuple[str | None, str | None]:
            text = text.strip()
            if text in codes:
                return text, None
            found = by_name.get(squash(text))
            if found is None:
                key = squash(text)
                found = [c for name, cs in by_name.items() if key in name for c in cs] or None
            if found is None:
                return None, f"找不到单位“{text}”，请先添加该单位，或改写为已有单位的名称或代码"
            if len(found) > 1:
                return None, f"单位“{text}”对应多个单位（代码：{'、'.join(found)}），请改写为单位代码"
            return found[0], None

        return resolve

    def _check_rows(self, reg: R.Register, mapping: Mapping, rows: list[LedgerRow],
                    progress: Progress | None, cancelled: Cancelled | None) -> None:
        """Build each row's record as ``create_many`` would and validate it the same way."""
        records = self.sv.records
        for n, row in enumerate(rows, start=1):
            if cancelled is not None and n % 500 == 0 and cancelled():
                raise FazhiError("已取消，没有导入任何记录。")
            bad_fields = {p.field for p in row.problems if p.is_error}
            payload = {k: v for k, v in row.data.items() if k != SERIAL_KEY}
            values, _ = coerce(reg, payload)
            if values.get("due_on") is not None and not values.get("due_override_reason"):
                probe, _ = records.check(reg.name, {k: v for k, v in payload.items()
                                                    if k != "due_on"})
                if probe["due_on"] != values["due_on"]:
                    col = mapping.target_columns().get("due_on")
                    row.problems.append(RowProblem(
                        row.row, f"台账中的办理期限{values['due_on']:%Y-%m-%d}与按规则计算的"
                        f"{_fmt(probe['due_on'])}不同，将按规则计算（如需保留，请填写“期限调整理由”）",
                        col.letter if col else None, col.header if col else None, "due_on",
                        WARNING))
                    del row.data["due_on"], payload["due_on"]
            record, found = records.check(reg.name, payload)
            for problem in found:
                if problem.field in bad_fields or _party_field_failed(problem.field, bad_fields):
                    continue  # the cell itself was already reported
                row.problems.append(problem_for_field(reg, mapping, row.row, problem.field,
                                                      problem.message, problem.severity))
            row.record = record
            if progress is not None and n % 1000 == 0:
                progress(n, len(rows))
        if progress is not None:
            progress(len(rows), len(rows))

    def _mark_existing(self, reg: R.Register, rows: list[LedgerRow]) -> None:
        keys = self._existing_keys(reg)
        for row in rows:
            if row.duplicate_of is not None:
                continue
            for key in row.match_keys():
                hit = keys.get(key)
                if hit is not None:
                    row.existing_id = hit[0]
                    row.duplicate_of = hit[1] + ("（在回收站中）" if hit[2] else "")
                    break
            else:
                if row.data.get(SERIAL_KEY) and not row.has_errors:
                    col = next((c for c in row.problems if c.field == "serial"), None)
                    if col is None:
                        row.problems.append(RowProblem(
                            row.row, f"编号“{row.data[SERIAL_KEY]}”在本机没有对应的记录，"
                            "将作为新记录导入并重新编号", field="serial", severity=WARNING))

    def _existing_keys(self, reg: R.Register) -> dict[tuple[Any, ...], tuple[str, str, bool]]:
        """Every duplicate key of the saved records of ``reg`` (deleted ones included)."""
        t, p = recordsql.RECORDS, recordsql.PARTIES
        out: dict[tuple[Any, ...], tuple[str, str, bool]] = {}
        with self.ctx.read() as s:
            conn = s.connection()
            info: dict[str, tuple[str, str, bool, dt.date | None]] = {}
            for rid, serial, deleted, received in conn.execute(
                    select(t.c.id, t.c.serial, t.c.deleted, t.c.received_on)
                    .where(t.c.register == reg.name)):
                info[rid] = (rid, serial, bool(deleted), received)
                if serial:
                    out[("serial", serial)] = (rid, serial, bool(deleted))
            for rid, name, id_number, role in conn.execute(
                    select(p.c.record_id, p.c.name, p.c.id_number, p.c.role)
                    .join(t, t.c.id == p.c.record_id).where(t.c.register == reg.name)):
                _, serial, deleted, received = info[rid]
                if received is None:
                    continue
                if id_number:
                    out.setdefault(("id", id_number.upper(), received), (rid, serial, deleted))
                if name:
                    out.setdefault(("name", squash(name), role, received), (rid, serial, deleted))
        return out

    # --- importing --------------------------------------------------------------------
    def import_preview(self, preview: Preview, *, update_duplicates: bool = False,
                       strict: bool = False, progress: Progress | None = None,
                       cancelled: Cancelled | None = None) -> ImportResult:
        """Save the good rows of ``preview`` in one transaction (see the module doc)."""
        counts = preview.counts
        if strict and counts[PROBLEM]:
            raise FazhiError(f"有{counts[PROBLEM]}行有问题，按要求全部不导入。请修改表格后重试。")
        good = [r for r in preview.rows if r.status == GOOD]
        dups = [r for r in preview.rows if r.status == DUPLICATE and r.existing_id]
        if not good and not (update_duplicates and dups):
            raise FazhiError(
                f"没有可导入的行：{counts[PROBLEM]}行有问题，{counts[DUPLICATE]}行与已有记录重复。"
                "没有保存任何记录。")
        backup = self._make_backup(f"Excel 导入 {preview.path.name}")
        items = [{k: v for k, v in r.data.items() if k != SERIAL_KEY} for r in good]
        updates, unchanged = self._duplicate_changes(dups) if update_duplicates else ([], 0)
        created, updated = self.sv.records.write_batch(
            preview.register, items, updates, progress=progress, cancelled=cancelled)
        return ImportResult(created, updated, unchanged,
                            0 if update_duplicates else counts[DUPLICATE],
                            counts[PROBLEM], backup, [])

    def _duplicate_changes(self, rows: list[LedgerRow]
                           ) -> tuple[list[tuple[str, dict[str, Any]]], int]:
        """The partial update each duplicate row asks for; rows with nothing new are counted."""
        records = self.sv.records
        updates, unchanged = [], 0
        for row in rows:
            assert row.existing_id is not None
            current = records.get(row.existing_id)
            changes = {k: v for k, v in row.data.items()
                       if k != SERIAL_KEY and not _same(k, current.get(k), v)}
            if current.get("deleted") or not changes:
                unchanged += 1
                continue
            updates.append((row.existing_id, changes))
        return updates, unchanged

    def _make_backup(self, note: str) -> str | None:
        if self._backup is not None:
            result = self._backup(note)
        else:
            result = backup_before(self.ctx, "pre-import", note)
        if result is None:
            return None
        return str(getattr(result, "name", None) or result)

    # --- exporting --------------------------------------------------------------------
    def export(self, path: str | Path, register: str, filters: Filters | None = None, *,
               masked: bool = True, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> int:
        """Write the register (as filtered) to ``path`` (.xlsx); returns the record count."""
        reg = _register(register)
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            raise FazhiError(f"导出文件“{path.name}”应以 .xlsx 结尾。")
        filters = filters or Filters()
        filters.register = reg.name
        records = self.sv.records.list(filters)
        units = {u.code: u.name for u in self.sv.units.all()}
        who = self.ctx.identity
        try:
            return write_ledger(path, reg.name, records, unit_names=units, masked=masked,
                                unit_label=who.unit_name if who else "", progress=progress,
                                cancelled=cancelled, open_output=atomic_write)
        except LedgerError as exc:
            raise FazhiError(str(exc)) from None
        except OSError as exc:
            raise FazhiError(f"无法保存“{path.name}”：{exc.strerror or exc}") from None


def _register(name: str) -> R.Register:
    try:
        return R.register(name)
    except KeyError as exc:
        raise FazhiError(str(exc.args[0])) from None


def _phase(progress: Progress | None, index: int, phases: int) -> Progress | None:
    """Spread several steps over one 0..1000 progress range."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        part = done / total if total else 1.0
        progress(int((index + part) * 1000 / phases), 1000)

    return report


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%Y-%m-%d") if day else "（无）"


def _party_field_failed(field_name: str, bad: set[str | None]) -> bool:
    return field_name in ("parties", "hearings") and any(
        (b or "").startswith("party" if field_name == "parties" else "hearing") for b in bad)


def _same(key: str, old: Any, new: Any) -> bool:
    if key in ("parties", "hearings"):
        def norm(items: Any) -> list[dict[str, Any]]:
            return [{k: (v or None) for k, v in item.items()} for item in items or []]
        return norm(old) == norm(new)
    return old == new
