"""Ledgers in the shapes offices really keep, written by the tests themselves.

``xlsx`` uses openpyxl, ``xls`` uses xlwt (a test-only dependency). Rows are lists of cell
values; ``None`` leaves a cell empty. ``merges`` are Excel ranges (``A1:J1``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

from tests.helpers import id_number

DISPUTE_HEADER = ["序号", "受理时间", "申请人", "身份证号", "联系电话", "被申请人", "纠纷类型",
                  "纠纷简要情况", "调处结果", "办结日期"]


def dispute_row(n: int, received: Any = "2025.3.5", name: str | None = None,
                status: str = "调解中", closed: Any = None, category: str = "邻里纠纷",
                id_no: Any = "") -> list[Any]:
    return [n, received, name or f"张{n}", id_no, "13812345678", f"李{n}", category,
            f"第{n}起纠纷：因宅基地边界发生争执", status, closed]


def xlsx(path: Path, rows: Sequence[Sequence[Any]], *, merges: Sequence[str] = (),
         sheet: str = "Sheet1", more_sheets: dict[str, Sequence[Sequence[Any]]] | None = None,
         text_columns: Sequence[int] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    _fill(ws, rows, merges, text_columns)
    for name, other in (more_sheets or {}).items():
        _fill(wb.create_sheet(name), other, (), text_columns)
    wb.save(path)
    return path


def _fill(ws: Any, rows: Sequence[Sequence[Any]], merges: Sequence[str],
          text_columns: Sequence[int]) -> None:
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = ws.cell(row=r, column=c, value=value)
                if c - 1 in text_columns:
                    cell.number_format = "@"
    for rng in merges:
        ws.merge_cells(rng)


def xls(path: Path, rows: Sequence[Sequence[Any]], *,
        merges: Sequence[tuple[int, int, int, int]] = (), sheet: str = "Sheet1") -> Path:
    """merges as (first_row, last_row, first_col, last_col), 0-based like xlwt."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    merged_at = {(r0, c0): (r1, c1) for r0, r1, c0, c1 in merges}
    covered = {(r, c) for r0, r1, c0, c1 in merges for r in range(r0, r1 + 1)
               for c in range(c0, c1 + 1)}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in merged_at:
                r1, c1 = merged_at[(r, c)]
                ws.write_merge(r, r1, c, c1, value)
            elif (r, c) in covered or value is None:
                continue
            elif isinstance(value, dt.date):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    wb.save(str(path))
    return path


def valid_id(seq: int) -> str:
    return id_number(seq=f"{seq % 1000:03d}")


def ods(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Sheet1") -> Path:
    """A minimal OpenDocument spreadsheet (text and numbers only), written by hand."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: Any) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
                "</text:p></table:table-cell>")

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
                   for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path
