"""Rows → record data: what is skipped, what each bad cell is called (no database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fazhi_desktop.ledger.convert import convert_sheet, mark_duplicates_within
from fazhi_desktop.ledger.mapping import propose_mapping
from fazhi_desktop.ledger.reader import read_sheet
from fazhi_desktop.ledger.text import LedgerError
from tests.ledger.builders import DISPUTE_HEADER, dispute_row, valid_id, xlsx


def convert(path: Path, register: str = "disputes"):
    sheet = read_sheet(path)
    return convert_sheet(sheet, propose_mapping(sheet, register))


def test_blank_subtotal_footer_and_repeated_header_rows_are_skipped(tmp_path: Path) -> None:
    rows = [["2025年矛盾纠纷台账"], DISPUTE_HEADER, dispute_row(1), [None] * 10,
            [2] + [None] * 9,  # a numbered row never filled in
            dispute_row(3), ["小计", None, None, None, None, None, None, None, None, None],
            DISPUTE_HEADER,  # printed ledgers repeat the header on every page
            dispute_row(4), ["合计：4起"], ["制表人：刘九", None, None, None, "审核人：王十"]]
    converted = convert(xlsx(tmp_path / "a.xlsx", rows, merges=["A1:J1"]))
    assert [r.row for r in converted.rows] == [3, 6, 9]
    assert converted.skipped == {"blank": 2, "subtotal": 2, "footer": 1, "header": 1}


def test_a_good_row_becomes_a_record(tmp_path: Path) -> None:
    id_no = valid_id(7)
    rows = [["2025年台账"], DISPUTE_HEADER,
            dispute_row(1, received="3月5日", status="已调解", closed="2025年3月20日", id_no=id_no)]
    row = convert(xlsx(tmp_path / "a.xlsx", rows)).rows[0]
    assert row.problems == []
    assert row.data == {
        "received_on": dt.date(2025, 3, 5), "category": "neighbor",
        "summary": "第1起纠纷：因宅基地边界发生争执", "status": "resolved",
        "closed_on": dt.date(2025, 3, 20),
        "parties": [
            {"name": "张1", "role": "applicant", "id_number": id_no, "phone": "13812345678",
             "address": None},
            {"name": "李1", "role": "respondent", "id_number": None, "phone": None,
             "address": None}]}


def test_each_kind_of_bad_cell_names_row_and_column(tmp_path: Path) -> None:
    rows = [DISPUTE_HEADER,
            dispute_row(1, received="2025-02-30"),
            dispute_row(2, category="鸡毛蒜皮"),
            dispute_row(3, id_no=6.32801199001011e17),
            dispute_row(4, received="3月5日"),  # no year anywhere: no title, sheet "Sheet1"
            dispute_row(5, closed="=B6+3"),
            dispute_row(6, status="看情况")]
    converted = convert(xlsx(tmp_path / "a.xlsx", rows))
    found = {r.row: [str(p) for p in r.problems] for r in converted.rows}
    assert found[2] == ["第2行 B列“受理时间”：“2025-02-30”不是存在的日期（2025年没有2月30日）"]
    assert found[3][0].startswith("第3行 G列“纠纷类型”：无法识别“鸡毛蒜皮”（可选：婚姻家庭、邻里")
    assert found[4][0].startswith("第4行 D列“身份证号”：身份证号被Excel当成数字保存")
    assert found[5] == ["第5行 B列“受理时间”：“3月5日”没有写年份，表格标题和工作表名称里也找不到年份"]
    assert found[6] == ["第6行 J列“办结日期”：是公式，但文件里没有保存计算结果，读不到数值"]
    assert found[7][0].startswith("第7行 I列“调处结果”：无法识别“看情况”")
    assert converted.unknown_values == {"category": {"鸡毛蒜皮": 1}, "status": {"看情况": 1}}
    assert any("公式" in note for note in converted.notes)


def test_party_details_without_a_name(tmp_path: Path) -> None:
    rows = [["登记日期", "姓名", "身份证号", "简要情况"], ["2025-03-05", None, valid_id(1), "漏水"]]
    row = convert(xlsx(tmp_path / "a.xlsx", rows)).rows[0]
    assert [str(p) for p in row.problems] == ["第2行：当事人1填写了身份证号，但没有姓名"]


def test_legacy_serials_go_to_the_note_and_ours_are_kept_for_matching(tmp_path: Path) -> None:
    rows = [["编号", "登记日期", "简要情况", "备注"],
            ["2025-001", "2025-03-05", "漏水", "已回访"],
            ["纠2025-XC1-0012", "2025-03-06", "噪音", None]]
    first, second = convert(xlsx(tmp_path / "a.xlsx", rows)).rows
    assert first.data["note"] == "已回访\n原台账编号：2025-001"
    assert "_serial" not in first.data
    assert second.data["_serial"] == "纠2025-XC1-0012" and "note" not in second.data


def test_rows_repeated_within_the_sheet(tmp_path: Path) -> None:
    rows = [DISPUTE_HEADER, dispute_row(1), dispute_row(2), dispute_row(1)]
    converted = convert(xlsx(tmp_path / "a.xlsx", rows))
    mark_duplicates_within(converted.rows)
    assert [r.duplicate_of for r in converted.rows] == [None, None, "第2行"]


def test_a_header_with_nothing_under_it(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="没有数据行"):
        convert(xlsx(tmp_path / "a.xlsx", [["2025年台账"], DISPUTE_HEADER, [None] * 10]))


def test_lawsuit_row_with_a_hearing(tmp_path: Path) -> None:
    rows = [["案号", "收到起诉状日期", "原告", "案由", "开庭日期", "负责人是否出庭", "出庭负责人",
             "登记日期", "案件名称"],
            ["（2025）青2801行初12号", "2025-03-01", "赵强", "行政处罚", "2025-04-10", "是", "王镇长",
             "2025-03-01", "赵强诉本机关行政处罚一案"]]
    row = convert(xlsx(tmp_path / "a.xlsx", rows), "lawsuits").rows[0]
    assert row.problems == []
    assert row.data["cause"] == "penalty" and row.data["parties"][0]["role"] == "plaintiff"
    assert row.data["hearings"] == [{
        "held_on": dt.date(2025, 4, 10), "head_attended": True, "attendee_name": "王镇长",
        "attendee_title": None, "attendee_rank": None, "absence_reason": None,
        "delegate_name": None}]
