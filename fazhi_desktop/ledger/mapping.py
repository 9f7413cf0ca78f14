"""Finding the header row of a ledger sheet and mapping its columns onto record fields.

``propose_mapping(sheet, register)`` looks at the first rows of the sheet, picks the row whose
cells best match known header names (a merged title above it is skipped, and its year is
remembered for dates written without one), joins a two-row header (a merged group cell such
as ``申请人`` over ``姓名 | 身份证号 | 电话``), and proposes a target for every column. The user
can correct it (the GUI edits ``Mapping.columns``), and save it for the next sheet.

Import targets (strings):

* a field name of the register: ``received_on``, ``category``, ``status`` …
* ``party<N>.<sub>`` — party N (1, 2, …) and one of ``name role id_number phone address``.
  The role of each party is ``Mapping.party_roles[N]`` unless a ``party<N>.role`` column
  gives it per row. Columns like ``申请人姓名`` / ``被申请人电话`` fill party slots by role.
* ``hearing<N>.<sub>`` — lawsuits only: ``held_on head_attended attendee_name
  attendee_title attendee_rank absence_reason delegate_name``.
* ``None`` — the column is not imported (序号 numbering columns are proposed as ``None``).

Mapping file (JSON, UTF-8), as written by ``Mapping.to_json`` and read by ``Mapping.from_json``::

    {
      "format": "fazhi-ledger-mapping",
      "version": 1,
      "register": "disputes",
      "sheet": "2025年",                 // optional: which sheet to read
      "header_row": 3,                   // optional: 1-based row of the (last) header row
      "header_rows": 1,                  // 1, or 2 for a two-row header
      "columns": {                       // header text (as written) or column letter → target
        "当事人姓名": "party1.name",
        "F": "summary",
        "序号": null                      // null: do not import this column
      },
      "party_roles": {"1": "applicant", "2": "respondent"},
      "values": {"category": {"邻里矛盾": "neighbor"}},   // extra text → code per field
      "year": 2025                       // optional: year for dates written as 3月5日
    }

Columns a saved mapping does not name are still proposed automatically, so one mapping file
serves a whole family of similar sheets even when a column is added or moved.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fazhi_desktop.domain.codes import is_code
from fazhi_desktop.domain.registers import (
    HEARING_FIELDS,
    HEARINGS,
    PARTIES,
    PARTY_FIELDS,
    SYSTEM_FIELDS,
    Register,
)
from fazhi_desktop.domain.registers import (
    register as get_register,
)
from fazhi_desktop.ledger.reader import SheetData
from fazhi_desktop.ledger.synonyms import (
    HEADER_SYNONYMS,
    PARTY_PREFIXES,
    PARTY_SUFFIXES,
    REGISTER_HEADER_SYNONYMS,
)
from fazhi_desktop.ledger.text import LedgerError, clean, column_index, column_letter, header_key
from fazhi_desktop.ledger.values import year_in_text

FORMAT = "fazhi-ledger-mapping"
VERSION = 1
HEADER_SCAN_ROWS = 12
PARTY_SUBS = tuple(f.name for f in PARTY_FIELDS)
HEARING_SUBS = tuple(f.name for f in HEARING_FIELDS)
# Role of party slot 1, 2, … when the header does not say (the last one repeats).
DEFAULT_ROLES: dict[str, tuple[str, ...]] = {
    "disputes": ("applicant", "respondent"),
    "petitions": ("petitioner",),
    "lawsuits": ("plaintiff", "third_party"),
    "reviews": ("other",),
}
_SLOT_TARGET = re.compile(r"(party|hearing)(\d+)\.(\w+)")


@dataclass
class Column:
    """One sheet column: where it is, what its header says, where it goes."""

    index: int  # 0-based
    header: str  # the header text as written (two-row headers joined with "/")
    target: str | None
    guessed: bool = False  # a partial match the user should confirm

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class Mapping:
    register: str
    header_row: int  # 0-based index of the last header row
    header_rows: int = 1
    columns: list[Column] = field(default_factory=list)
    party_roles: dict[int, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    year: int | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)  # things the proposal wants the user to see

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    def target_columns(self) -> dict[str, Column]:
        return {c.target: c for c in self.columns if c.target}

    def role_of(self, slot: int) -> str:
        if slot in self.party_roles:
            return self.party_roles[slot]
        defaults = DEFAULT_ROLES[self.register]
        return defaults[min(slot - 1, len(defaults) - 1)]

    # --- JSON -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        columns: dict[str, str | None] = {}
        for col in self.columns:
            key = col.header if col.header and col.header not in columns else col.letter
            columns[key] = col.target
        out: dict[str, Any] = {
            "format": FORMAT, "version": VERSION, "register": self.register,
            "header_row": self.header_row + 1, "header_rows": self.header_rows,
            "columns": columns,
            "party_roles": {str(k): v for k, v in sorted(self.party_roles.items())},
            "values": self.values,
        }
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.year is not None:
            out["year"] = self.year
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def save(self, path: str | Path) -> None:
        from fazhi_desktop.services.files import atomic_write_bytes

        atomic_write_bytes(Path(path), self.to_json().encode("utf-8"))


@dataclass
class SavedMapping:
    """A mapping file as read: applied to a sheet by ``propose_mapping(..., saved=...)``."""

    register: str
    columns: dict[str, str | None]
    party_roles: dict[int, str]
    values: dict[str, dict[str, str]]
    header_row: int | None = None  # 0-based
    header_rows: int | None = None
    year: int | None = None
    sheet: str | None = None


def load_mapping(path: str | Path, register: str | None = None) -> SavedMapping:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise LedgerError(f"找不到映射文件“{path.name}”。") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LedgerError(f"映射文件“{path.name}”不是有效的JSON（{exc}）。") from None
    return mapping_from_dict(data, register, path.name)


def mapping_from_dict(data: Any, register: str | None = None, name: str = "映射") -> SavedMapping:
    where = f"映射文件“{name}”"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LedgerError(f"{where}不是本程序保存的台账列映射。")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise LedgerError(f"{where}由更新版本的程序保存（格式版本 {data.get('version')}），请升级程序。")
    reg_name = data.get("register") or register
    if register and reg_name != register:
        reg = get_register(register)
        raise LedgerError(
            f"{where}是为“{get_register(str(reg_name)).zh}”台账保存的，不能用于“{reg.zh}”。")
    reg = get_register(str(reg_name))
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise LedgerError(f"{where}的 columns 应当是“列标题: 字段”的对象。")
    for header, target in columns.items():
        if target is not None and not valid_target(reg, target):
            raise LedgerError(f"{where}中列“{header}”对应的“{target}”不是“{reg.zh}”台账的字段。")
    roles: dict[int, str] = {}
    for slot, role in (data.get("party_roles") or {}).items():
        if not str(slot).isdigit() or not is_code("party_role", str(role)):
            raise LedgerError(f"{where}中当事人{slot}的身份“{role}”无效。")
        roles[int(slot)] = str(role)
    values = data.get("values") or {}
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise LedgerError(f"{where}的 values 应当是“字段: {{文字: 代码}}”的对象。")
    for target, table in values.items():
        codeset = codeset_of(reg, target)
        if codeset is None:
            raise LedgerError(f"{where}的 values 中“{target}”不是有代码的字段。")
        for text, code in table.items():
            if not is_code(codeset, str(code)):
                raise LedgerError(f"{where}中“{text}”对应的代码“{code}”不是“{target}”的有效代码。")
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise LedgerError(f"{where}的 header_row 应当是从1开始的行号。")
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise LedgerError(f"{where}的 year 应当是数字年份。")
    return SavedMapping(
        register=reg.name, columns=dict(columns), party_roles=roles, values=values,
        header_row=header_row - 1 if header_row else None,
        header_rows=data.get("header_rows"), year=year, sheet=data.get("sheet"),
    )


# --- targets ------------------------------------------------------------------------------

def valid_target(reg: Register, target: str) -> bool:
    match = _SLOT_TARGET.fullmatch(target)
    if match:
        kind, slot, sub = match.groups()
        if int(slot) < 1:
            return False
        if kind == "party":
            return sub in PARTY_SUBS
        return reg.has_field("hearings") and sub in HEARING_SUBS
    if target in SYSTEM_FIELDS and target != "serial":
        return False  # computed by the program (答辩期限): shown in exports, never imported
    return reg.has_field(target) and reg.field(target).kind not in (PARTIES, HEARINGS)


def codeset_of(reg: Register, target: str) -> str | None:
    match = _SLOT_TARGET.fullmatch(target)
    if match:
        kind, _slot, sub = match.groups()
        fields = PARTY_FIELDS if kind == "party" else HEARING_FIELDS
        return next((f.codeset for f in fields if f.name == sub), None)
    return reg.field(target).codeset if reg.has_field(target) else None


def target_label(reg: Register, target: str | None) -> str:
    """Chinese name of a target, as the preview and messages show it."""
    if target is None:
        return "（不导入）"
    match = _SLOT_TARGET.fullmatch(target)
    if match:
        kind, slot, sub = match.groups()
        if kind == "party":
            zh = next(f.zh for f in PARTY_FIELDS if f.name == sub)
            return f"当事人{slot}{zh}"
        zh = next(f.zh for f in HEARING_FIELDS if f.name == sub)
        return f"开庭{slot}-{zh}"
    return reg.field(target).zh if reg.has_field(target) else target


def targets_for(register: str, parties: int = 2, hearings: int = 1) -> list[tuple[str, str]]:
    """Every (target, Chinese label) a column of this register may map to, for a picker."""
    reg = get_register(register)
    out: list[tuple[str, str]] = []
    for f in reg.fields:
        if f.kind == PARTIES:
            for n in range(1, parties + 1):
                out += [(f"party{n}.{sub}", target_label(reg, f"party{n}.{sub}")) for sub in PARTY_SUBS]
        elif f.kind == HEARINGS:
            for n in range(1, hearings + 1):
                out += [(f"hearing{n}.{s}", target_label(reg, f"hearing{n}.{s}")) for s in HEARING_SUBS]
        else:
            out.append((f.name, f.zh))
    return out


# --- resolving one header -----------------------------------------------------------------

@dataclass(frozen=True)
class Resolved:
    target: str  # a field name, "party.<sub>" / "hearing.<sub>" (slot to assign) or with slot
    role: str | None = None
    guessed: bool = False


_TABLES: dict[str, dict[str, str]] = {}


def _exact_table(reg: Register) -> dict[str, str]:
    """Normalised header → target for one register (register words win over general ones)."""
    if reg.name in _TABLES:
        return _TABLES[reg.name]
    table: dict[str, str] = {}
    for target, words in HEADER_SYNONYMS.items():
        if target.startswith(("party.", "_")) or reg.has_field(target):
            for word in words:
                table[header_key(word)] = target
    for target, words in REGISTER_HEADER_SYNONYMS.get(reg.name, {}).items():
        for word in words:
            table[header_key(word)] = target
    for f in reg.fields:
        if f.kind in (PARTIES, HEARINGS):
            continue
        table[header_key(f.zh)] = f.name
        table[f.name.lower()] = f.name
        table[header_key(f.en)] = f.name
    if reg.has_field("hearings"):
        for f in HEARING_FIELDS:
            table.setdefault(header_key(f.zh), f"hearing.{f.name}")
    _TABLES[reg.name] = table
    return table


def resolve_header(text: str, reg: Register) -> Resolved | None:
    key = header_key(text)
    if not key:
        return None
    if match := re.fullmatch(r"当事人(\d+)(.*)", key):
        sub = PARTY_SUFFIXES.get(match.group(2))
        return Resolved(f"party{int(match.group(1))}.{sub}") if sub else None
    if match := re.fullmatch(r"开庭(\d+)-(.+)", key):
        hearing = next((f.name for f in HEARING_FIELDS if header_key(f.zh) == match.group(2)), None)
        return Resolved(f"hearing{int(match.group(1))}.{hearing}") if hearing else None
    table = _exact_table(reg)
    for prefix, role in PARTY_PREFIXES:
        if key.startswith(prefix):
            sub = PARTY_SUFFIXES.get(key[len(prefix):])
            if sub is not None:
                return Resolved(f"party.{sub}", role)
    if key in table:
        return Resolved(table[key])
    # A longer header that contains a known name ("纠纷发生及登记日期" → 登记日期) is a guess.
    best = max((w for w in table if len(w) >= 2 and w in key and not w.isascii()),
               key=len, default=None)
    if best is not None and len(best) * 2 >= len(key):
        return Resolved(table[best], guessed=True)
    return None


# --- finding the header -------------------------------------------------------------------

def _filled(sheet: SheetData, row: int) -> list[str]:
    """Row ``row`` as text, with horizontally merged cells repeated across their span."""
    cells = [clean(v) for v in sheet.rows[row]] if row < len(sheet.rows) else []
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= row <= r1 and c0 < len(cells):
            for c in range(c0 + 1, min(c1 + 1, len(cells))):
                if not cells[c]:
                    cells[c] = cells[c0] if r0 == row else ""
    return cells


def _score(cells: list[str], reg: Register, known: frozenset[str] = frozenset()) -> int:
    return sum(1 for text in cells
               if text and (header_key(text) in known or resolve_header(text, reg) is not None))


def _is_group_row(sheet: SheetData, row: int, width: int) -> bool:
    """A row with a horizontal merge that is not a whole-width title (a group header)."""
    for r0, c0, r1, c1 in sheet.merged:
        if r0 == row and c1 > c0 and (c1 - c0 + 1) < max(width, 2) - 1:
            return True
    return False


def find_header(sheet: SheetData, reg: Register,
                known: frozenset[str] = frozenset()) -> tuple[int, int, int]:
    """(last header row, number of header rows, score), 0-based; ``LedgerError`` if none.

    ``known`` are extra header texts (normalised) that count as recognised — the column
    names of a saved mapping.
    """
    scan = min(len(sheet.rows), HEADER_SCAN_ROWS)
    scores = [_score(_filled(sheet, r), reg, known) for r in range(scan)]
    if not scores or max(scores) < 2:
        raise LedgerError(
            f"在工作表“{sheet.name}”的前 {HEADER_SCAN_ROWS} 行里找不到表头（如“姓名”“登记日期”"
            f"“纠纷类型”这样的列标题），无法判断各列的含义。请确认选对了工作表和台账类型"
            f"（{reg.zh}），或用列映射文件指定表头所在的行。")
    best = max(range(scan), key=lambda r: (scores[r], -r))
    width = max((len(r) for r in sheet.rows[:scan]), default=0)
    if best > 0 and _is_group_row(sheet, best - 1, width) and scores[best - 1] >= 1:
        return best, 2, scores[best]
    if best + 1 < scan and _is_group_row(sheet, best, width) and scores[best + 1] >= 1:
        return best + 1, 2, scores[best]
    return best, 1, scores[best]


def _locate_header(sheet: SheetData, reg: Register,
                   saved: SavedMapping | None) -> tuple[int, int]:
    """The header found in the sheet; a saved mapping's row wins only if it fits as well."""
    known = frozenset(header_key(k) for k in saved.columns) if saved else frozenset()
    try:
        last, rows, score = find_header(sheet, reg, known)
    except LedgerError:
        if saved is None or saved.header_row is None:
            raise
        last, rows, score = -1, 1, -1
    if saved is not None and saved.header_row is not None:
        if saved.header_row >= len(sheet.rows):
            if last >= 0:
                return last, rows
            raise LedgerError(f"映射文件指定表头在第 {saved.header_row + 1} 行，"
                              f"但工作表“{sheet.name}”只有 {len(sheet.rows)} 行。")
        if _score(_filled(sheet, saved.header_row), reg, known) >= score:
            return saved.header_row, saved.header_rows or 1
    return last, rows


def _header_texts(sheet: SheetData, last: int, rows: int) -> list[tuple[str, str]]:
    """Per column: (upper text, lower text); upper is '' for one-row headers."""
    lower = _filled(sheet, last)
    upper = _filled(sheet, last - 1) if rows == 2 else [""] * len(lower)
    width = max(len(lower), len(upper))
    lower += [""] * (width - len(lower))
    upper += [""] * (width - len(upper))
    return list(zip(upper, lower, strict=True))


def _resolve_pair(upper: str, lower: str, reg: Register) -> tuple[str, Resolved | None]:
    if not upper or upper == lower:
        return lower, resolve_header(lower, reg)
    if not lower:
        return upper, resolve_header(upper, reg)
    shown = f"{upper}/{lower}"
    joined = resolve_header(upper + lower, reg)
    if joined is not None and not joined.guessed:
        return shown, joined
    below = resolve_header(lower, reg)
    if below is not None and below.target.startswith("party."):
        role = next((r for p, r in PARTY_PREFIXES if header_key(upper).startswith(p)), None)
        return shown, Resolved(below.target, role or below.role, below.guessed)
    return shown, below or resolve_header(upper, reg)


def propose_mapping(sheet: SheetData, register: str, saved: SavedMapping | None = None,
                    file_name: str = "") -> Mapping:
    """Detect the header and propose a target for every column (see the module docstring)."""
    reg = get_register(register)
    last, rows = _locate_header(sheet, reg, saved)
    mapping = Mapping(register=reg.name, header_row=last, header_rows=rows, sheet=sheet.name)
    pending: list[tuple[int, str, Resolved | None]] = []
    for index, (upper, lower) in enumerate(_header_texts(sheet, last, rows)):
        shown, resolved = _resolve_pair(upper, lower, reg)
        if saved is not None:
            forced = _saved_target(saved, shown, upper, lower, index)
            if forced is not _MISSING:
                resolved = Resolved(str(forced)) if forced else None
                if not forced:
                    mapping.columns.append(Column(index, shown, None))
                    continue
        if not shown and resolved is None:
            continue
        pending.append((index, shown, resolved))
    _assign_slots(mapping, reg, pending)
    if saved is not None:
        mapping.party_roles.update(saved.party_roles)
        mapping.values = {k: dict(v) for k, v in saved.values.items()}
    mapping.year = (saved.year if saved and saved.year else None) or _year_hint(sheet, last, rows, file_name)
    return mapping


_MISSING = object()


def _saved_target(saved: SavedMapping, shown: str, upper: str, lower: str, index: int) -> object:
    for key in (shown, lower, upper):
        if not key:
            continue
        for header, target in saved.columns.items():
            if header_key(header) == header_key(key):
                return target
    letter = column_letter(index)
    for header, target in saved.columns.items():
        try:
            if column_index(header) == index and header.upper() == letter:
                return target
        except ValueError:
            continue
    return _MISSING


def _assign_slots(mapping: Mapping, reg: Register,
                  pending: list[tuple[int, str, Resolved | None]]) -> None:
    """Give party/hearing columns a slot number and drop duplicate targets (first one wins)."""
    slots: list[tuple[str | None, set[str]]] = []  # (role, subs taken) per party slot

    def slot_for(sub: str, role: str | None) -> int:
        for i, (slot_role, taken) in enumerate(slots):
            if sub not in taken and (role is None or slot_role in (role, None)):
                if role is not None:
                    slots[i] = (role, taken)
                taken.add(sub)
                return i + 1
        slots.append((role, {sub}))
        return len(slots)

    seen: dict[str, Column] = {}
    for index, shown, resolved in pending:
        target = resolved.target if resolved else None
        guessed = resolved.guessed if resolved else False
        if target == "_index":
            target = None
        elif target and target.startswith("party."):
            target = f"party{slot_for(target[6:], resolved.role if resolved else None)}.{target[6:]}"
        elif target and target.startswith("hearing."):
            target = f"hearing1.{target[8:]}"
        if target is not None and not valid_target(reg, target):
            target = None
        if target is not None and target in seen:
            mapping.notes.append(
                f"第{column_letter(index)}列“{shown}”与第{seen[target].letter}列“{seen[target].header}”"
                f"都像是“{target_label(reg, target)}”，只导入第{seen[target].letter}列。")
            target, guessed = None, False
        column = Column(index, shown, target, guessed)
        if target is not None:
            seen[target] = column
            match = _SLOT_TARGET.fullmatch(target)
            if match and match.group(1) == "party" and resolved and resolved.role:
                mapping.party_roles.setdefault(int(match.group(2)), resolved.role)
        mapping.columns.append(column)
    mapping.columns.sort(key=lambda c: c.index)
    for i, (role, _taken) in enumerate(slots):
        if role is not None:
            mapping.party_roles[i + 1] = role


def _year_hint(sheet: SheetData, last: int, rows: int, file_name: str) -> int | None:
    for r in range(max(0, last - rows + 1)):
        for value in sheet.rows[r]:
            text = clean(value)
            if text and (year := year_in_text(text)):
                return year
    return year_in_text(sheet.name) or (year_in_text(file_name) if file_name else None)
