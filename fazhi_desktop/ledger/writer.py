"""Writing a register to an ``.xlsx`` ledger that people can read and that imports back.

Layout: a title in row 1 (register, unit, export time, count), Chinese headers in row 2,
one record per row. Codes appear as their Chinese labels, dates as real Excel dates
(``yyyy-mm-dd``), amounts as numbers, yes/no as 是/否, and ID and phone numbers as text
cells formatted ``@`` so Excel never turns them into numbers. Parties and hearings spread
over numbered column groups (``当事人1姓名 … 当事人2姓名 …``, ``开庭1-开庭日期 …``) so that
nothing is lost and ``mapping.resolve_header`` maps every column straight back.

With ``masked=True`` names, ID numbers, phones and addresses of parties are masked as in
reports (``domain.masking``); such a sheet is for reading, not for importing back.

openpyxl's write-only mode streams rows, so memory stays flat for large registers; the file
is written to a temporary name in the same folder, flushed, fsynced and renamed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from fazhi_desktop.domain.codes import CODESETS
from fazhi_desktop.domain.masking import mask_party
from fazhi_desktop.domain.registers import (
    BOOL,
    CODE,
    DATE,
    HEARING_FIELDS,
    HEARINGS,
    PARTIES,
    PARTY_FIELDS,
    Field,
    Register,
)
from fazhi_desktop.domain.registers import (
    register as get_register,
)
from fazhi_desktop.ledger.convert import Cancelled
from fazhi_desktop.ledger.mapping import target_label
from fazhi_desktop.ledger.text import column_letter
from fazhi_desktop.services.files import atomic_write

Progress = Callable[[int, int], None]
_TEXT_FORMAT = "@"
_DATE_FORMAT = "yyyy-mm-dd"
_WIDE = {"summary": 40, "note": 30, "follow_up_result": 24, "unit_code": 16, "serial": 18,
         "case_no": 22, "court": 18, "extension_reason": 20, "due_override_reason": 20}


def layout(reg: Register, records: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """(key, header) per column. Keys: a field name, ``party<N>.<sub>``, ``hearing<N>.<sub>``."""
    max_parties = max((len(r.get("parties") or []) for r in records), default=0)
    max_hearings = max((len(r.get("hearings") or []) for r in records), default=0)
    columns: list[tuple[str, str]] = [("_index", "序号")]
    for f in reg.fields:
        if f.kind == PARTIES:
            for n in range(1, max(max_parties, 1) + 1):
                columns += [(f"party{n}.{p.name}", target_label(reg, f"party{n}.{p.name}"))
                            for p in PARTY_FIELDS]
        elif f.kind == HEARINGS:
            for n in range(1, max(max_hearings, 1) + 1):
                columns += [(f"hearing{n}.{h.name}", target_label(reg, f"hearing{n}.{h.name}"))
                            for h in HEARING_FIELDS]
        else:
            columns.append((f.name, f.zh))
    return columns


def _spec(reg: Register, key: str) -> Field | None:
    if key.startswith("party"):
        sub = key.split(".", 1)[1]
        return next(f for f in PARTY_FIELDS if f.name == sub)
    if key.startswith("hearing"):
        sub = key.split(".", 1)[1]
        return next(f for f in HEARING_FIELDS if f.name == sub)
    return reg.field(key) if reg.has_field(key) else None


def cell_value(reg: Register, key: str, record: dict[str, Any],
               unit_names: dict[str, str] | None = None) -> Any:
    """The value shown in column ``key`` for ``record`` (labels for codes, 是/否 for bools)."""
    return _getter(reg, key, unit_names)(record)


def _getter(reg: Register, key: str,
            unit_names: dict[str, str] | None) -> Callable[[dict[str, Any]], Any]:
    """A function giving the shown value of column ``key`` (built once per column)."""
    spec = _spec(reg, key)
    shown: Callable[[Any], Any] = _same
    if key == "unit_code" and unit_names:
        shown = lambda v: unit_names.get(v, v)
    elif spec is not None and spec.kind == CODE:
        codeset = spec.codeset or reg.status_codeset
        labels = {c.code: c.zh for c in CODESETS[codeset]}
        shown = lambda v: labels.get(v, v)
    elif spec is not None and spec.kind == BOOL:
        shown = _yes_no
    if key.startswith(("party", "hearing")) and "." in key:
        group, sub = key.split(".", 1)
        items_key = "parties" if group.startswith("party") else "hearings"
        index = int(group.removeprefix("party").removeprefix("hearing")) - 1

        def get(record: dict[str, Any]) -> Any:
            items = record.get(items_key) or ()
            value = items[index].get(sub) if index < len(items) else None
            return None if value is None or value == "" else shown(value)
        return get

    def get_field(record: dict[str, Any]) -> Any:
        value = record.get(key)
        return None if value is None or value == "" else shown(value)
    return get_field


def _same(value: Any) -> Any:
    return value


def _yes_no(value: Any) -> str:
    return "是" if value else "否"


def write_ledger(path: str | Path, register: str, records: Iterable[dict[str, Any]], *,
                 unit_names: dict[str, str] | None = None, masked: bool = False,
                 unit_label: str = "", now: dt.datetime | None = None,
                 progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 open_output: Callable[[Path], AbstractContextManager[IO[bytes]]] | None = None,
                 ) -> int:
    """Write ``records`` (dicts as the record service returns them) to ``path``; returns the count.

    ``open_output(path)`` opens the output file; by default ``services.files.atomic_write``
    (all or nothing: a temporary name, fsynced, renamed).
    """
    reg = get_register(register)
    records = list(records)
    if masked:
        records = [{**r, "parties": [mask_party(p) for p in r.get("parties") or []]}
                   for r in records]
    columns = layout(reg, records)
    now = now or dt.datetime.now()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(reg.zh)
    for i, (key, _header) in enumerate(columns):
        width = _WIDE.get(key, 12 if key != "_index" else 6)
        if key.endswith(("id_number", "address")):
            width = 21
        ws.column_dimensions[column_letter(i)].width = width
    ws.freeze_panes = "C3"
    # Printed: landscape, the header row and the 序号/编号 columns repeated on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.print_title_rows = "2:2"
    ws.print_title_cols = "A:B"
    title = f"{reg.zh}台账" + (f"（{unit_label}）" if unit_label else "")
    note = f"导出时间：{now:%Y-%m-%d %H:%M}　共{len(records)}条" + ("　个人信息已遮蔽" if masked else "")
    head = WriteOnlyCell(ws, value=f"{title}　{note}")
    head.font = Font(bold=True, size=13)
    ws.append([head])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    header_cells = []
    for _key, header in columns:
        cell = WriteOnlyCell(ws, value=header)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        header_cells.append(cell)
    ws.append(header_cells)
    as_text = {i for i, (key, _h) in enumerate(columns)
               if key.endswith(("id_number", "phone")) or key in ("serial", "case_no")}
    dates = {i for i, (key, _h) in enumerate(columns)
             if (spec := _spec(reg, key)) is not None and spec.kind == DATE}
    getters = [_getter(reg, key, unit_names) for key, _h in columns]
    for n, record in enumerate(records, start=1):
        if cancelled is not None and n % 500 == 0 and cancelled():
            raise Cancelled()
        row: list[Any] = [n]
        for i in range(1, len(getters)):
            value = getters[i](record)
            if value is None:
                row.append(None)
                continue
            if i in as_text:
                cell = WriteOnlyCell(ws, value=str(value))
                cell.number_format = _TEXT_FORMAT
                value = cell
            elif i in dates:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = _DATE_FORMAT
                value = cell
            row.append(value)
        ws.append(row)
        if progress is not None and n % 1000 == 0:
            progress(n, len(records))
    last = column_letter(len(columns) - 1)
    ws.auto_filter.ref = f"A2:{last}{len(records) + 2}"
    with (open_output or atomic_write)(Path(path)) as fh:
        wb.save(fh)
    if progress is not None:
        progress(len(records), len(records))
    return len(records)
