"""Opening files: the shapes that work, and every bad input answered in plain Chinese."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fazhi_desktop.ledger import reader
from fazhi_desktop.ledger.reader import open_workbook, read_sheet
from fazhi_desktop.ledger.text import LedgerError
from tests.ledger.builders import DISPUTE_HEADER, dispute_row, ods, xls, xlsx


def refused(path: Path) -> str:
    with pytest.raises(LedgerError) as info:
        read_sheet(path)
    return str(info.value)


def test_xlsx_cells_keep_their_positions_types_and_merges(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [["2025年台账"], [], DISPUTE_HEADER,
                                     dispute_row(1, received=dt.date(2025, 3, 5))],
                merges=["A1:J1"])
    sheet = read_sheet(path)
    assert sheet.rows[0][0] == "2025年台账" and sheet.rows[2][1] == "受理时间"
    assert sheet.rows[3][1] == dt.date(2025, 3, 5)
    assert (0, 0, 0, 9) in sheet.merged
    assert sheet.uncached_formulas == []


def test_legacy_xls_is_read(tmp_path: Path) -> None:
    path = xls(tmp_path / "a.xls", [["2025年台账"] + [None] * 9, DISPUTE_HEADER,
                                    dispute_row(1, received=dt.date(2025, 3, 5))],
               merges=[(0, 0, 0, 9)])
    sheet = read_sheet(path)
    assert sheet.rows[1][2] == "申请人" and sheet.rows[2][1] == dt.date(2025, 3, 5)
    assert (0, 0, 0, 9) in sheet.merged


def test_first_sheet_with_data_is_chosen_and_hidden_sheets_are_not_offered(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    data = wb.create_sheet("2025年")
    data.append(DISPUTE_HEADER)
    hidden = wb.create_sheet("旧表")
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "s.xlsx")
    with open_workbook(tmp_path / "s.xlsx") as book:
        assert book.sheet_names == ["说明", "2025年"]
        assert book.read().name == "2025年"
        with pytest.raises(LedgerError, match="找不到工作表“2026年”"):
            book.read("2026年")


def test_formulas_without_cached_values_are_found(tmp_path: Path) -> None:
    # openpyxl writes formulas but never computes them: exactly the case to catch
    path = xlsx(tmp_path / "f.xlsx", [DISPUTE_HEADER, dispute_row(1, closed="=B2+10")])
    sheet = read_sheet(path)
    assert sheet.uncached_formulas == [(1, 9)]
    assert sheet.rows[1][9] == ""  # what calamine alone would have silently given


def test_not_a_spreadsheet(tmp_path: Path) -> None:
    csv = tmp_path / "台账.xlsx"
    csv.write_text("序号,姓名\n1,张三\n", encoding="utf-8")
    assert "文本文件" in refused(csv) and "另存为" in refused(csv)
    html = tmp_path / "导出.xls"
    html.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>",
                    encoding="utf-8")
    assert "网页" in refused(html)
    binary = tmp_path / "x.xlsx"
    binary.write_bytes(bytes(range(256)) * 4)
    assert "不是Excel表格文件" in refused(binary)
    docx = tmp_path / "x.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    assert "Word文档" in refused(docx)
    assert "找不到文件" in refused(tmp_path / "nothing.xlsx")
    assert "文件夹" in refused(tmp_path)


def test_truncated_xlsx_is_called_damaged(tmp_path: Path) -> None:
    good = xlsx(tmp_path / "a.xlsx", [DISPUTE_HEADER, dispute_row(1)])
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(good.read_bytes()[:400])
    assert "损坏" in refused(broken)


def test_password_protected_workbook(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile  # test-only dependency: msoffcrypto-tool

    plain = xlsx(tmp_path / "plain.xlsx", [DISPUTE_HEADER, dispute_row(1)])
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as out:
        OOXMLFile(src).encrypt("123456", out)
    message = refused(locked)
    assert "密码" in message and "locked.xlsx" in message


def test_empty_inputs(tmp_path: Path) -> None:
    zero = tmp_path / "zero.xlsx"
    zero.write_bytes(b"")
    assert "空的" in refused(zero)
    blank = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(blank)
    assert "都是空的" in refused(blank)


def test_huge_files_are_refused_before_reading(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = xlsx(tmp_path / "big.xlsx", [DISPUTE_HEADER] + [dispute_row(i) for i in range(1, 60)])
    monkeypatch.setattr(reader, "MAX_ROWS", 50)
    with pytest.raises(LedgerError, match="超过一次导入的上限 50 行"):
        read_sheet(path)
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 1000)
    assert "MB" in refused(path) and "分批" in refused(path)


def test_ods_is_read(tmp_path: Path) -> None:
    path = ods(tmp_path / "a.ods", [["2025年台账"], DISPUTE_HEADER, dispute_row(1)], sheet="2025")
    with open_workbook(path) as book:
        assert book.kind == "ods" and book.sheet_names == ["2025"]
        sheet = book.read()
    assert sheet.rows[1][2] == "申请人" and sheet.rows[2][1] == "2025.3.5"
