"""Sheet rows → record data, with every problem named by row and column.

``convert_sheet(sheet, mapping)`` walks the data rows under the header. Blank rows, subtotal
rows (合计/小计…), the signature block under a printed ledger (制表人/审核人…) and a header
repeated on every printed page are skipped and counted, not reported as errors. Every other
row becomes a ``LedgerRow``: ``data`` is what ``RecordService.create_many`` accepts (typed
values, ``parties`` and ``hearings`` as lists of dicts) and ``problems`` says, in Chinese,
which column holds what is wrong.

This module is pure (no database): checks that need the store — duplicates against saved
records, units by name, the register's validation and deadlines — are added by
``services.ledger``. ``match_keys`` is the duplicate rule both use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from fazhi_desktop.domain.problems import ERROR, WARNING
from fazhi_desktop.domain.registers import (
    BOOL,
    CODE,
    DATE,
    DECIMAL,
    HEARING_FIELDS,
    INT,
    PARTY_FIELDS,
    TEXT,
    Register,
)
from fazhi_desktop.domain.registers import (
    register as get_register,
)
from fazhi_desktop.ledger import values as V
from fazhi_desktop.ledger.mapping import Column, Mapping, target_label
from fazhi_desktop.ledger.reader import SheetData
from fazhi_desktop.ledger.synonyms import FOOTER_WORDS, SUBTOTAL_WORDS
from fazhi_desktop.ledger.text import LedgerError, clean, header_key, is_blank, squash

GOOD, PROBLEM, DUPLICATE = "good", "problem", "duplicate"
SERIAL_KEY = "_serial"  # a serial of this program's form, kept aside for duplicate checks
Progress = Callable[[int, int], None]
UnitResolver = Callable[[str], "tuple[str | None, str | None]"]


class Cancelled(LedgerError):
    def __init__(self) -> None:
        super().__init__("已取消，没有导入任何记录。")


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based, as Excel shows it
    message: str
    column: str | None = None  # column letter
    header: str | None = None
    field: str | None = None  # import target
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        where = f"第{self.row}行"
        if self.column:
            where += f" {self.column}列“{self.header}”" if self.header else f" {self.column}列"
        tag = "" if self.is_error else "（提醒）"
        return f"{where}：{tag}{self.message}"


@dataclass
class LedgerRow:
    row: int  # 1-based sheet row
    data: dict[str, Any]
    problems: list[RowProblem] = field(default_factory=list)
    duplicate_of: str | None = None  # serial of a saved record, or "第N行"
    existing_id: str | None = None  # id of the saved record it matches
    # The whole record as it would be saved (defaults and deadlines filled in), once the
    # service has checked the row; None before that.
    record: dict[str, Any] | None = None
    _keys: list[tuple[Any, ...]] | None = field(default=None, repr=False, compare=False)

    def match_keys(self) -> list[tuple[Any, ...]]:
        """``match_keys`` of this row (computed once)."""
        if self._keys is None:
            self._keys = match_keys(self.data)
        return self._keys

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def status(self) -> str:
        if self.has_errors:
            return PROBLEM
        if self.duplicate_of is not None:
            return DUPLICATE
        return GOOD


@dataclass
class Converted:
    rows: list[LedgerRow]
    skipped: dict[str, int]  # blank / subtotal / footer / header → count
    unknown_values: dict[str, dict[str, int]]  # target → {text the sheet has: rows}
    notes: list[str]


def serial_pattern(reg: Register) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(reg.prefix)}\d{{4}}-[A-Z0-9]{{2,6}}-\d{{4,}}")


def match_keys(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Keys under which a row or record counts as "the same": its serial, or a party's
    ID number, or name and role, together with the received date (within one register).

    The role keeps 张三 the respondent of one dispute apart from 张三 the applicant of
    another received the same day."""
    keys: list[tuple[Any, ...]] = []
    serial = data.get(SERIAL_KEY) or data.get("serial")
    if serial:
        keys.append(("serial", serial))
    received = data.get("received_on")
    if received is not None:
        for party in data.get("parties") or []:
            if party.get("id_number"):
                keys.append(("id", str(party["id_number"]).upper(), received))
            if party.get("name"):
                keys.append(("name", squash(party["name"]), party.get("role"), received))
    return keys


# --- the walk over the rows ---------------------------------------------------------------

_SUBTOTALS = tuple(squash(w) for w in SUBTOTAL_WORDS)
_FOOTERS = tuple(squash(w) for w in FOOTER_WORDS)


class _Skipper:
    """Why a row is not a record (blank, subtotal, footer, repeated header), or None."""

    def __init__(self, mapped: list[Column]) -> None:
        self.mapped = [(c.index, header_key(c.header.split("/")[-1]) if c.header else "")
                       for c in mapped]

    def __call__(self, cells: list[Any]) -> str | None:
        first = next((squash(clean(v)) for v in cells if not is_blank(v)), "")
        if not first:
            return "blank"
        if first.startswith(_SUBTOTALS):
            return "subtotal"
        if first.startswith(_FOOTERS):
            return "footer"
        width = len(cells)
        if all(i >= width or is_blank(cells[i]) for i, _key in self.mapped):
            return "blank"  # e.g. only the 序号 of a prepared, never filled row
        same = 0
        for i, key in self.mapped:
            value = cells[i] if i < width else None
            # cheap test first: the header's first character must be in the cell
            if key and isinstance(value, str) and key[0] in value and header_key(value) == key:
                same += 1
        if same >= 2 and same * 2 >= len(self.mapped):
            return "header"
        return None


def convert_sheet(sheet: SheetData, mapping: Mapping, *, units: UnitResolver | None = None,
                  progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Converted:
    reg = get_register(mapping.register)
    mapped = [c for c in mapping.columns if c.target]
    if not mapped:
        raise LedgerError(f"工作表“{sheet.name}”没有一列对应到{reg.zh}台账的字段，无法导入。")
    formulas = set(sheet.uncached_formulas)
    converter = _RowConverter(reg, mapping, units)
    skip = _Skipper(mapped)
    skipped = {"blank": 0, "subtotal": 0, "footer": 0, "header": 0}
    rows: list[LedgerRow] = []
    total = len(sheet.rows)
    formula_rows = 0
    for r in range(mapping.first_data_row, total):
        if cancelled is not None and r % 500 == 0 and cancelled():
            raise Cancelled()
        cells = sheet.rows[r]
        reason = skip(cells)
        if reason:
            skipped[reason] += 1
            continue
        row = converter.convert(r, cells, formulas)
        if any("公式" in p.message for p in row.problems):
            formula_rows += 1
        rows.append(row)
        if progress is not None and len(rows) % 1000 == 0:
            progress(r + 1, total)
    if progress is not None:
        progress(total, total)
    notes = list(mapping.notes) + _sheet_notes(reg, mapping, sheet, formula_rows)
    if not rows:
        raise LedgerError(f"工作表“{sheet.name}”在表头（第{mapping.header_row + 1}行）下面没有数据行。")
    return Converted(rows, skipped, converter.unknown, notes)


def _sheet_notes(reg: Register, mapping: Mapping, sheet: SheetData, formula_rows: int) -> list[str]:
    notes = []
    targets = mapping.target_columns()
    for name in ("received_on", "summary"):
        if name not in targets:
            notes.append(f"没有找到“{reg.field(name).zh}”列，每一行都会缺少{reg.field(name).zh}。"
                         "请在列映射中指定对应的列。")
    if "closed_on" in targets and "status" not in targets:
        notes.append("表中有办结日期但没有状态列：没有状态的记录按“"
                     f"{_status_label(reg, reg.initial_status)}”导入，填了办结日期的行会被提示。")
    if formula_rows:
        notes.append(f"有{formula_rows}行含有没有计算结果的公式（文件可能由程序生成，未在Excel中保存过）。"
                     "请在Excel中打开该文件并保存一次，再导入。")
    if sheet.truncated_columns:
        notes.append("这个工作表的列数过多，只读取了前200列。")
    return notes


def _status_label(reg: Register, code: str) -> str:
    from fazhi_desktop.domain.codes import label

    return label(reg.status_codeset, code)


def mark_duplicates_within(rows: list[LedgerRow]) -> None:
    """A later row with the same key as an earlier good row is its duplicate ("第N行")."""
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        if row.has_errors:
            continue
        keys = row.match_keys()
        hit = next((seen[k] for k in keys if k in seen), None)
        if hit is not None:
            row.duplicate_of = f"第{hit}行"
            continue
        for key in keys:
            seen.setdefault(key, row.row)


def _cell_problem(row: LedgerRow, col: Column, target: str, message: str,
                  severity: str = ERROR) -> None:
    row.problems.append(RowProblem(row.row, message, col.letter, col.header, target, severity))


# --- one row --------------------------------------------------------------------------------

_SLOT = re.compile(r"(party|hearing)(\d+)\.(\w+)")
_PARTY_KIND = {f.name: f for f in PARTY_FIELDS}
_HEARING_KIND = {f.name: f for f in HEARING_FIELDS}


class _RowConverter:
    def __init__(self, reg: Register, mapping: Mapping, units: UnitResolver | None) -> None:
        self.reg = reg
        self.mapping = mapping
        self.units = units
        self.unknown: dict[str, dict[str, int]] = {}
        self.serial_re = serial_pattern(reg)
        self.plan: list[tuple[Column, str, Any]] = []  # (column, target, field spec)
        # Ledgers repeat the same few categories, statuses and dates: parse each text once.
        self._codes: dict[tuple[str, Any], V.Parsed] = {}
        self._dates: dict[str, V.Parsed] = {}
        for col in mapping.columns:
            if not col.target:
                continue
            match = _SLOT.fullmatch(col.target)
            if match:
                kinds = _PARTY_KIND if match.group(1) == "party" else _HEARING_KIND
                self.plan.append((col, col.target, kinds[match.group(3)]))
            else:
                self.plan.append((col, col.target, reg.field(col.target)))

    def convert(self, r: int, cells: list[Any], formulas: set[tuple[int, int]]) -> LedgerRow:
        row = LedgerRow(row=r + 1, data={})
        data = row.data
        parties: dict[int, dict[str, Any]] = {}
        hearings: dict[int, dict[str, Any]] = {}
        legacy_serial = None
        for col, target, spec in self.plan:
            raw = cells[col.index] if col.index < len(cells) else None
            problem = partial(_cell_problem, row, col, target)
            if (r, col.index) in formulas:
                problem("是公式，但文件里没有保存计算结果，读不到数值")
                continue
            if is_blank(raw):
                continue
            if target == "serial":
                text = clean(raw)
                if self.serial_re.fullmatch(text):
                    data[SERIAL_KEY] = text
                else:
                    legacy_serial = text
                continue
            parsed = self._parse(raw, target, spec)
            if parsed.error:
                problem(parsed.error)
                if spec.kind == CODE:
                    bucket = self.unknown.setdefault(target, {})
                    bucket[clean(raw)] = bucket.get(clean(raw), 0) + 1
                continue
            if parsed.warning:
                problem(parsed.warning, WARNING)
            if parsed.value is None:
                continue
            match = _SLOT.fullmatch(target)
            if match:
                group = parties if match.group(1) == "party" else hearings
                group.setdefault(int(match.group(2)), {})[match.group(3)] = parsed.value
            elif target == "unit_code" and self.units is not None:
                code, error = self.units(parsed.value)
                if error:
                    problem(error)
                else:
                    data["unit_code"] = code
            else:
                data[target] = parsed.value
        if legacy_serial:
            note = data.get("note")
            data["note"] = (f"{note}\n" if note else "") + f"原台账编号：{legacy_serial}"
        if parties:
            data["parties"] = self._parties(row, parties)
        if hearings:
            data["hearings"] = [
                {f.name: h.get(f.name) for f in HEARING_FIELDS}
                for _slot, h in sorted(hearings.items())
            ]
        self._derive(data)
        return row

    def _parse(self, raw: Any, target: str, spec: Any) -> V.Parsed:
        kind = spec.kind
        if spec.name == "id_number" and target.startswith("party"):
            return V.parse_id_number(raw)
        if spec.name == "phone" and target.startswith("party"):
            return V.parse_phone(raw)
        if kind == TEXT:
            return V.parse_text(raw)
        if kind == DATE:
            if isinstance(raw, str):
                found = self._dates.get(raw)
                if found is None:
                    found = self._dates[raw] = V.parse_date(raw, self.mapping.year)
                return found
            return V.parse_date(raw, self.mapping.year)
        if kind == INT:
            parsed = V.parse_int(raw)
            if parsed.value is not None and parsed.value < 0:
                return V.Parsed(error=f"“{clean(raw)}”不能为负数")
            return parsed
        if kind == DECIMAL:
            parsed = V.parse_decimal(raw)
            if parsed.value is not None and parsed.value < 0:
                return V.Parsed(error=f"“{clean(raw)}”不能为负数")
            return parsed
        if kind == BOOL:
            return V.parse_bool(raw)
        if kind == CODE:
            key = (target, raw)
            found = self._codes.get(key)
            if found is None:
                found = self._codes[key] = V.parse_code(raw, spec.codeset,
                                                        self.mapping.values.get(target))
            return found
        raise AssertionError(kind)

    def _parties(self, row: LedgerRow, slots: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for slot, party in sorted(slots.items()):
            if not party.get("name"):
                row.problems.append(RowProblem(
                    row.row, f"当事人{slot}填写了{self._party_filled(party)}，但没有姓名",
                    field=f"party{slot}.name"))
            item = {f.name: party.get(f.name) for f in PARTY_FIELDS}
            item["role"] = item["role"] or self.mapping.role_of(slot)
            out.append(item)
        return out

    @staticmethod
    def _party_filled(party: dict[str, Any]) -> str:
        names = [f.zh for f in PARTY_FIELDS if party.get(f.name) and f.name != "name"]
        return "、".join(names) or "信息"

    def _derive(self, data: dict[str, Any]) -> None:
        """What a ledger leaves implicit: a petition answered on a date is closed that day."""
        if self.reg.name == "petitions" and data.get("status") in ("replied",) \
                and data.get("closed_on") is None and data.get("replied_on") is not None:
            data["closed_on"] = data["replied_on"]


def problem_for_field(reg: Register, mapping: Mapping, row: int, field_name: str,
                      message: str, severity: str) -> RowProblem:
    """A record-level problem (from validation) pointed at the column it came from, if any.

    Problems of parties and hearings already say which one ("第1位当事人的…").
    """
    col = mapping.target_columns().get(field_name)
    if col is not None:
        return RowProblem(row, message, col.letter, col.header, field_name, severity)
    if reg.has_field(field_name) and field_name not in ("parties", "hearings"):
        message = f"{message}（表中没有“{target_label(reg, field_name)}”列）"
    return RowProblem(row, message, None, None, field_name, severity)
