"""The figures as an .xlsx workbook (openpyxl), for offices that re-key them into the
county's template (SPEC §4).

Sheets: 汇总 (all figures with 上期/环比/去年同期/同比/本年累计), one sheet per register
(its figures, its breakdowns and the breakdown by child unit, every figure as a column),
逾期及重大风险 (masked unless asked otherwise) and 情况表述 (the narrative). Counts are
written as numbers; rates as exact fractions (``Decimal('0.979')``) formatted ``0.0%``; a
zero denominator is the text "—". Changes of counts are percentages, changes of rates are
percentage points (a number formatted ``+0.0"个百分点"``).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fazhi_desktop.domain import masking
from fazhi_desktop.domain.figures import (
    COUNT,
    DASH,
    FIGURES,
    REGISTER_ORDER,
    REGISTER_ZH,
    change_of_count,
    change_of_rate,
    figure,
    zh_date,
)

from .model import Breakdown, ReportData
from .narrative import report_narrative
from .output import write_atomically

PERCENT = "0.0%"
CHANGE_PCT = '+0.0%;-0.0%;0.0%'
CHANGE_PP = '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"'
_HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
SUMMARY_SHEET = "汇总"
ITEMS_SHEET = "逾期及重大风险"
NARRATIVE_SHEET = "情况表述"


def _rate_cell(value: float | None) -> Any:
    """A rate (97.9) as the exact fraction 0.979, or "—"."""
    if value is None:
        return DASH
    return Decimal(round(value * 10)) / 1000


def _put(ws: Worksheet, row: int, col: int, value: Any, fmt: str | None = None,
         head: bool = False) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    cell.border = _BORDER
    if fmt and not isinstance(value, str):
        cell.number_format = fmt
    if head:
        cell.fill = _HEAD_FILL
        cell.font = _BOLD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    elif isinstance(value, str) and value == DASH:
        cell.alignment = Alignment(horizontal="right")


def _value_cell(ws: Worksheet, row: int, col: int, register: str, key: str,
                figs: dict[str, Any]) -> None:
    if figure(register, key).kind == COUNT:
        _put(ws, row, col, int(figs[key]))
    else:
        _put(ws, row, col, _rate_cell(figs[key]), PERCENT)


def _change_cell(ws: Worksheet, row: int, col: int, register: str, key: str,
                 cur: dict[str, Any], old: dict[str, Any]) -> None:
    if figure(register, key).kind == COUNT:
        ch = change_of_count(cur[key], old[key])
        _put(ws, row, col, DASH if ch is None else _rate_cell(ch), CHANGE_PCT)
    else:
        ch = change_of_rate(cur[key], old[key])
        _put(ws, row, col, DASH if ch is None else Decimal(round(ch * 10)) / 10, CHANGE_PP)


def _title(ws: Worksheet, data: ReportData, text: str, width: int) -> int:
    ws.cell(row=1, column=1, value=text).font = Font(bold=True, size=14)
    ws.cell(row=2, column=1, value=(
        f"填报单位：{data.unit_name}（{data.unit_code}，含下属单位）  统计期间：{data.period.zh}"
        f"（{zh_date(data.period.start)}至{zh_date(data.period.end)}）  "
        f"截至日期：{zh_date(data.as_of)}  生成时间：{data.generated_at:%Y-%m-%d %H:%M}"))
    if width > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    return 4


def _figures_block(ws: Worksheet, row: int, data: ReportData, register: str,
                   with_register: bool) -> int:
    header = (["台账"] if with_register else []) + [
        "指标", f"本期（{data.period.zh}）", f"上期（{data.previous_period.zh}）", "环比",
        f"去年同期（{data.last_year_period.zh}）", "同比", "本年累计"]
    for c, h in enumerate(header, 1):
        _put(ws, row, c, h, head=True)
    row += 1
    cur, prev = data.current[register], data.previous[register]
    last, ytd = data.last_year[register], data.ytd[register]
    for f in FIGURES[register]:
        c = 1
        if with_register:
            _put(ws, row, c, REGISTER_ZH[register])
            c += 1
        _put(ws, row, c, f.zh)
        _value_cell(ws, row, c + 1, register, f.key, cur)
        _value_cell(ws, row, c + 2, register, f.key, prev)
        _change_cell(ws, row, c + 3, register, f.key, cur, prev)
        _value_cell(ws, row, c + 4, register, f.key, last)
        _change_cell(ws, row, c + 5, register, f.key, cur, last)
        _value_cell(ws, row, c + 6, register, f.key, ytd)
        row += 1
    return row + 1


def _breakdown_block(ws: Worksheet, row: int, b: Breakdown, title: str) -> int:
    ws.cell(row=row, column=1, value=title).font = _BOLD
    row += 1
    figs = FIGURES[b.register]
    _put(ws, row, 1, b.dimension, head=True)
    for c, f in enumerate(figs, 2):
        _put(ws, row, c, f.zh, head=True)
    row += 1
    rows = list(b.rows) + ([("合计", b.total)] if b.total is not None else [])
    for name, values in rows:
        _put(ws, row, 1, name)
        for c, f in enumerate(figs, 2):
            _value_cell(ws, row, c, b.register, f.key, values)
        row += 1
    return row + 1


def _widths(ws: Worksheet, first: int, rest: int, count: int) -> None:
    ws.column_dimensions["A"].width = first
    for c in range(2, count + 1):
        ws.column_dimensions[get_column_letter(c)].width = rest


def _summary_sheet(ws: Worksheet, data: ReportData) -> None:
    row = _title(ws, data, f"{data.unit_name}法治工作统计{data.period.report_name}（{data.period.zh}）", 8)
    for register in REGISTER_ORDER:
        row = _figures_block(ws, row, data, register, with_register=True)
    ws.cell(row=row, column=1, value=(
        "说明：比率为整数相除后四舍五入保留一位小数，分母为零时为“—”；环比、同比中数量为增减百分比，"
        "比率为增减的百分点。"))
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 18
    for c in range(3, 9):
        ws.column_dimensions[get_column_letter(c)].width = 16
    ws.freeze_panes = "A5"


def _register_sheet(ws: Worksheet, data: ReportData, register: str) -> None:
    row = _title(ws, data, f"{REGISTER_ZH[register]}（{data.period.zh}）", 8)
    row = _figures_block(ws, row, data, register, with_register=False)
    for b in data.breakdowns.get(register, []):
        row = _breakdown_block(ws, row, b, b.title)
    unit_b = data.by_unit.get(register)
    if unit_b is not None and unit_b.rows:
        row = _breakdown_block(ws, row, unit_b, "按单位")
    _widths(ws, 22, 14, len(FIGURES[register]) + 1)


def _items_sheet(ws: Worksheet, data: ReportData, masked: bool) -> None:
    row = _title(ws, data, f"逾期及重大风险事项（截至{zh_date(data.as_of)}）", 9)
    header = ["序号", "台账", "编号", "所属单位", "简要情况", "当事人", "登记日期", "办理期限",
              "逾期天数", "重大风险"]
    for c, h in enumerate(header, 1):
        _put(ws, row, c, h, head=True)
    for n, item in enumerate(data.items, 1):
        row += 1
        parties = []
        for party in item.parties:
            p = masking.mask_party(party) if masked else party
            parties.append(" ".join(x for x in (p.get("name"), p.get("id_number"),
                                                p.get("phone")) if x))
        summary = masking.mask_text(item.summary, (p.get("name") for p in item.parties)) \
            if masked else item.summary
        values = [n, REGISTER_ZH[item.register], item.serial, item.unit_name, summary,
                  "；".join(parties), item.received_on, item.due_on,
                  item.overdue_days if item.overdue_days is not None else "",
                  "是" if item.major_risk else ""]
        for c, v in enumerate(values, 1):
            _put(ws, row, c, v, "yyyy-mm-dd" if c in (7, 8) else None)
    row += 2
    if data.items_total > len(data.items):
        ws.cell(row=row, column=1,
                value=f"共{data.items_total}项，本表按办理期限先后列出前{len(data.items)}项。")
        row += 1
    ws.cell(row=row, column=1, value="当事人个人信息已作脱敏处理。" if masked else
            "注意：本表含未脱敏的当事人个人信息，请妥善保管。")
    for c, w in enumerate([6, 10, 18, 16, 40, 36, 12, 12, 9, 9], 1):
        ws.column_dimensions[get_column_letter(c)].width = w


def build_workbook(data: ReportData, *, masked: bool = True) -> Workbook:
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY_SHEET
    _summary_sheet(summary, data)
    for register in REGISTER_ORDER:
        _register_sheet(wb.create_sheet(REGISTER_ZH[register]), data, register)
    _items_sheet(wb.create_sheet(ITEMS_SHEET), data, masked)
    ws = wb.create_sheet(NARRATIVE_SHEET)
    ws.column_dimensions["A"].width = 100
    cell = ws.cell(row=1, column=1, value=report_narrative(data))
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = 160
    wb.properties.title = f"{data.unit_name}法治工作统计{data.period.report_name}（{data.period.zh}）"
    wb.properties.creator = "法治工作台账 fazhi-desktop"
    return wb


def render_xlsx(data: ReportData, out: BinaryIO, *, masked: bool = True) -> None:
    build_workbook(data, masked=masked).save(out)


def write_xlsx(data: ReportData, path: str | os.PathLike[str], *, masked: bool = True) -> Path:
    """Write the workbook to ``path`` atomically (temporary name, fsync, rename)."""
    return write_atomically(path, lambda f: render_xlsx(data, f, masked=masked))
