"""Finding the header and proposing where each column goes; saved mappings (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi_desktop.ledger.mapping import load_mapping, propose_mapping, targets_for
from fazhi_desktop.ledger.reader import read_sheet
from fazhi_desktop.ledger.text import LedgerError
from tests.ledger.builders import DISPUTE_HEADER, dispute_row, xls, xlsx


def targets(mapping) -> dict[str, str | None]:
    return {c.header: c.target for c in mapping.columns}


def test_title_in_merged_cells_then_header_on_row_3(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [["金峰路街道2025年矛盾纠纷排查调处台账"],
                                     ["填报单位：金峰路街道司法所"], DISPUTE_HEADER, dispute_row(1)],
                merges=["A1:J1", "A2:J2"])
    mapping = propose_mapping(read_sheet(path), "disputes")
    assert mapping.header_row == 2 and mapping.header_rows == 1 and mapping.first_data_row == 3
    assert mapping.year == 2025
    assert targets(mapping) == {
        "序号": None, "受理时间": "received_on", "申请人": "party1.name",
        "身份证号": "party1.id_number", "联系电话": "party1.phone", "被申请人": "party2.name",
        "纠纷类型": "category", "纠纷简要情况": "summary", "调处结果": "status",
        "办结日期": "closed_on"}
    assert mapping.party_roles == {1: "applicant", 2: "respondent"}


def test_header_on_row_1_with_other_common_names(tmp_path: Path) -> None:
    header = ["编号", "当事人", "证件号码", "手机", "类别", "登记日期", "办理结果", "经办人", "备注"]
    path = xlsx(tmp_path / "a.xlsx", [header, ["2025-001", "张三"]], sheet="2024年度")
    mapping = propose_mapping(read_sheet(path), "disputes")
    assert mapping.header_row == 0 and mapping.year == 2024
    assert targets(mapping) == {
        "编号": "serial", "当事人": "party1.name", "证件号码": "party1.id_number",
        "手机": "party1.phone", "类别": "category", "登记日期": "received_on",
        "办理结果": "status", "经办人": "handler", "备注": "note"}


def test_two_row_header_with_group_cells(tmp_path: Path) -> None:
    rows = [["2025年信访事项登记台账"],
            ["序号", "来访日期", "信访人", None, None, "来源", "反映问题", "处理结果"],
            [None, None, "姓名", "身份证号码", "联系电话", None, None, None],
            [1, "2025-03-05", "张三", "", "13800138000", "来访", "宅基地审批", "支持"]]
    path = xlsx(tmp_path / "p.xlsx", rows,
                merges=["A1:H1", "A2:A3", "B2:B3", "C2:E2", "F2:F3", "G2:G3", "H2:H3"])
    mapping = propose_mapping(read_sheet(path), "petitions")
    assert (mapping.header_row, mapping.header_rows) == (2, 2)
    assert targets(mapping) == {
        "序号": None, "来访日期": "received_on", "信访人/姓名": "party1.name",
        "信访人/身份证号码": "party1.id_number", "信访人/联系电话": "party1.phone",
        "来源": "channel", "反映问题": "summary", "处理结果": "result"}
    assert mapping.party_roles[1] == "petitioner"


def test_applicant_and_respondent_column_groups_fill_two_parties(tmp_path: Path) -> None:
    header = ["申请人姓名", "申请人身份证号", "申请人电话", "被申请人姓名", "被申请人电话",
              "纠纷类型", "登记时间"]
    path = xlsx(tmp_path / "a.xlsx", [header])
    assert targets(propose_mapping(read_sheet(path), "disputes")) == {
        "申请人姓名": "party1.name", "申请人身份证号": "party1.id_number",
        "申请人电话": "party1.phone", "被申请人姓名": "party2.name",
        "被申请人电话": "party2.phone", "纠纷类型": "category", "登记时间": "received_on"}


def test_the_same_word_means_different_fields_in_different_registers(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [["来源", "类别", "人数", "姓名"]])
    sheet = read_sheet(path)
    assert list(targets(propose_mapping(sheet, "disputes")).values()) == [
        "source", "category", "people_involved", "party1.name"]
    assert list(targets(propose_mapping(sheet, "petitions")).values()) == [
        "channel", "topic", "people_count", "party1.name"]


def test_two_columns_for_one_field_keep_the_first_and_say_so(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [["登记日期", "受理时间", "姓名"]])
    mapping = propose_mapping(read_sheet(path), "disputes")
    assert targets(mapping) == {"登记日期": "received_on", "受理时间": None, "姓名": "party1.name"}
    assert any("受理时间" in note and "登记日期" in note for note in mapping.notes)


def test_xls_header_is_found_too(tmp_path: Path) -> None:
    path = xls(tmp_path / "a.xls", [["2025年台账"] + [None] * 9, DISPUTE_HEADER, dispute_row(1)],
               merges=[(0, 0, 0, 9)])
    mapping = propose_mapping(read_sheet(path), "disputes")
    assert mapping.header_row == 1 and mapping.year == 2025


def test_no_recognisable_header(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [["工资表"], ["甲", "乙", "丙"], [1, 2, 3]])
    with pytest.raises(LedgerError, match="找不到表头"):
        propose_mapping(read_sheet(path), "disputes")


def test_saved_mapping_round_trip_and_reuse_on_a_shifted_sheet(tmp_path: Path) -> None:
    header = ["序号", "日期", "姓名", "说明", "分类"]
    path = xlsx(tmp_path / "a.xlsx", [header, [1, "2025-03-05", "张三", "漏水", "邻里矛盾"]])
    mapping = propose_mapping(read_sheet(path), "disputes")
    assert targets(mapping)["说明"] == "note"  # the automatic guess; the user corrects it:
    next(c for c in mapping.columns if c.header == "说明").target = "summary"
    next(c for c in mapping.columns if c.header == "分类").target = "category"
    mapping.values = {"category": {"鸡毛蒜皮": "other"}}
    saved_path = tmp_path / "m.json"
    mapping.save(saved_path)
    data = json.loads(saved_path.read_text(encoding="utf-8"))
    assert data["format"] == "fazhi-ledger-mapping" and data["columns"]["说明"] == "summary"

    # next month's sheet: a title row on top and the columns in another order
    moved = xlsx(tmp_path / "b.xlsx", [["2025年4月台账"], ["分类", "说明", "姓名", "日期"]])
    saved = load_mapping(saved_path, "disputes")
    again = propose_mapping(read_sheet(moved), "disputes", saved=None)
    assert targets(again)["说明"] == "note"
    again = propose_mapping(read_sheet(moved), "disputes",
                            saved=load_mapping(saved_path, "disputes"))
    assert targets(again) == {"分类": "category", "说明": "summary", "姓名": "party1.name",
                              "日期": "received_on"}
    assert again.values == {"category": {"鸡毛蒜皮": "other"}}
    assert saved.header_row == 0 and again.header_row == 1  # found where it is now


@pytest.mark.parametrize("content, words", [
    ("not json", "不是有效的JSON"),
    (json.dumps({"a": 1}), "不是本程序保存的"),
    (json.dumps({"format": "fazhi-ledger-mapping", "version": 9, "register": "disputes"}),
     "更新版本"),
    (json.dumps({"format": "fazhi-ledger-mapping", "version": 1, "register": "disputes",
                 "columns": {"姓名": "nickname"}}), "“nickname”不是“矛盾纠纷”台账的字段"),
    (json.dumps({"format": "fazhi-ledger-mapping", "version": 1, "register": "disputes",
                 "values": {"category": {"x": "nope"}}}), "不是“category”的有效代码"),
    (json.dumps({"format": "fazhi-ledger-mapping", "version": 1, "register": "petitions"}),
     "是为“信访”台账保存的"),
])
def test_bad_mapping_files(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "m.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LedgerError, match=words):
        load_mapping(path, "disputes")


def test_column_letters_in_a_mapping_file(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [["日期", "姓名", "情况"]])
    mfile = tmp_path / "m.json"
    mfile.write_text(json.dumps({"format": "fazhi-ledger-mapping", "version": 1,
                                 "register": "disputes", "columns": {"C": "summary"}}),
                     encoding="utf-8")
    mapping = propose_mapping(read_sheet(path), "disputes", saved=load_mapping(mfile))
    assert targets(mapping)["情况"] == "summary"


def test_targets_for_a_picker() -> None:
    offered = dict(targets_for("lawsuits", parties=1, hearings=2))
    assert offered["received_on"] == "登记日期" and offered["party1.id_number"] == "当事人1身份证号"
    assert offered["hearing2.head_attended"] == "开庭2-负责人出庭"
    assert "hearings" not in offered and "parties" not in offered
