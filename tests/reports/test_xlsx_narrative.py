"""The workbook and the narrative paragraph carry the same numbers as the figures."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fazhi_desktop.domain.figures import FIGURES, REGISTER_ORDER, REGISTER_ZH
from fazhi_desktop.reports.model import ReportData, empty_figures
from fazhi_desktop.reports.narrative import narrative, report_narrative
from fazhi_desktop.reports.output import ReportError
from fazhi_desktop.reports.xlsx import SUMMARY_SHEET, write_xlsx

from .conftest import seed_figures


def summary_values(path: Path, column: int = 3) -> dict[str, dict[str, Any]]:
    """{register: {figure key: cell}} from the 汇总 sheet (column 3 = 本期)."""
    ws = openpyxl.load_workbook(path)[SUMMARY_SHEET]
    by_label = {r: {f.zh: f.key for f in FIGURES[r]} for r in REGISTER_ORDER}
    zh_to_reg = {REGISTER_ZH[r]: r for r in REGISTER_ORDER}
    out: dict[str, dict[str, Any]] = {r: {} for r in REGISTER_ORDER}
    for row in ws.iter_rows(min_row=1):
        reg = zh_to_reg.get(row[0].value)
        if reg and row[1].value in by_label[reg]:
            out[reg][by_label[reg][row[1].value]] = row[column - 1]
    return out


def test_summary_sheet_numbers_and_percentages(report_data: ReportData, tmp_path: Path) -> None:
    path = write_xlsx(report_data, tmp_path / "月报.xlsx")
    cells = summary_values(path)
    for register in REGISTER_ORDER:
        for f in FIGURES[register]:
            cell = cells[register][f.key]
            expected = report_data.current[register][f.key]
            if f.kind == "count":
                assert cell.value == expected and isinstance(cell.value, int), (register, f.key)
            elif expected is None:
                assert cell.value == "—"
            else:
                assert isinstance(cell.value, (int, float))  # a number, not text
                assert cell.number_format == "0.0%"
                assert round(cell.value * 100, 1) == expected, (register, f.key)
    assert round(cells["petitions"]["closed_rate"].value * 1000) == 981


def test_sheets_per_register_with_breakdowns(report_data: ReportData, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_xlsx(report_data, tmp_path / "x.xlsx"))
    assert wb.sheetnames[:5] == [SUMMARY_SHEET, "矛盾纠纷", "信访", "行政应诉", "合法性审查"]
    rows = [[c.value for c in r] for r in wb["信访"].iter_rows()]
    hotline = next(r for r in rows if r[0] == "12345热线")
    assert hotline[1:4] == [614, 614, 601]
    assert round(hotline[4] * 100, 1) == 97.9
    units = [r for r in rows if isinstance(r[0], str) and r[0].endswith("居民委员会")]
    assert len(units) == 3
    items = [[c.value for c in r] for r in wb["逾期及重大风险"].iter_rows()]
    text = repr(items)
    assert "张*三" in text and "张小三" not in text and "13812345678" not in text


def test_unwritable_xlsx_path(report_data: ReportData, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="所在文件夹不存在"):
        write_xlsx(report_data, tmp_path / "no" / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_seed_narrative() -> None:
    text = narrative(seed_figures(), lead="2025年，西城区")
    assert text.startswith("2025年，西城区排查矛盾纠纷502起，调处502起，调处率100%")
    assert "12345政务服务热线转办件614件，办结601件，办结率97.9%，群众回访满意率86.4%" in text
    assert "中央巡视转办件17件（办结17件）、省委巡视转办件31件（办结31件）" in text
    assert "合法性审查32件、合同审查45份" in text
    assert "提出法律意见110条" in text and "审查通过率100%" in text
    assert "行政机关负责人出庭应诉2次，出庭应诉率100%" in text
    assert text.endswith("。")


def test_narrative_leaves_out_rates_without_denominator() -> None:
    figs = seed_figures()
    figs["petitions"]["by_channel"]["hotline_12345"]["satisfaction_rate"] = None
    text = narrative(figs)
    assert "—" not in text
    assert "办结率97.9%；" in text  # no satisfaction clause for the 12345 items
    assert narrative(empty_figures()) == "未登记矛盾纠纷、信访、行政应诉和合法性审查事项。"


def test_report_narrative_names_period_unit_and_as_of(report_data: ReportData) -> None:
    assert report_narrative(report_data).startswith("2025年，西城区排查矛盾纠纷502起")
    import datetime as dt

    early = dataclasses.replace(report_data, as_of=dt.date(2025, 11, 20))
    assert report_narrative(early).startswith("2025年（截至11月20日），西城区")


def test_item_summaries_are_masked_in_the_workbook(report_data: ReportData,
                                                   tmp_path: Path) -> None:
    from fazhi_desktop.reports.model import ReportItem

    item = ReportItem("disputes", "纠2025-XC1-0001", "金峰路街道", "张小三与王五因借款发生纠纷",
                      None, None, "调解中", "", 3, False, [{"name": "张小三"}, {"name": "王五"}])
    data = dataclasses.replace(report_data, items=[item], items_total=1)
    masked = repr([[c.value for c in r] for r in openpyxl.load_workbook(
        write_xlsx(data, tmp_path / "m.xlsx"))["逾期及重大风险"].iter_rows()])
    assert "张*三与王*因借款发生纠纷" in masked and "张小三" not in masked
    plain = repr([[c.value for c in r] for r in openpyxl.load_workbook(
        write_xlsx(data, tmp_path / "p.xlsx", masked=False))["逾期及重大风险"].iter_rows()])
    assert "张小三与王五因借款发生纠纷" in plain
