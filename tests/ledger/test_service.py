"""Preview, import and export against a real data folder (SQLite), as the GUI and CLI use them."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import Services, open_services
from fazhi_desktop.services.backup import backups_dir, list_backups
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.services.ledger import LedgerService
from tests.conftest import TODAY
from tests.helpers import dispute, id_number, lawsuit, party, petition, review
from tests.ledger.builders import DISPUTE_HEADER, dispute_row, valid_id, xls, xlsx


def ledger_file(tmp_path: Path, rows: list[list[Any]], name: str = "台账.xlsx") -> Path:
    return xlsx(tmp_path / name, [["西城区2025年矛盾纠纷排查调处台账"], DISPUTE_HEADER, *rows],
                merges=["A1:J1"])


def good_rows(n: int, start: int = 1) -> list[list[Any]]:
    return [dispute_row(i, received=f"2025.3.{i % 28 + 1}", id_no=valid_id(i))
            for i in range(start, start + n)]


def count(sv: Services, register: str = "disputes") -> int:
    return len(sv.records.nums(Filters(register=register)))


def test_preview_saves_nothing_and_import_saves_the_good_rows(services: Services,
                                                             tmp_path: Path) -> None:
    path = ledger_file(tmp_path, good_rows(3) + [dispute_row(9, received="2025-02-30")])
    ledger = LedgerService(services)
    preview = ledger.preview(path, "disputes")
    assert preview.counts == {"good": 3, "problem": 1, "duplicate": 0}
    assert count(services) == 0
    row = preview.rows[0]
    assert row.record is not None and row.record["due_on"] == dt.date(2025, 4, 1)
    assert row.record["unit_code"] == "632801" and row.record["status"] == "mediating"

    result = ledger.import_preview(preview)
    assert len(result.created) == 3 and result.skipped_problems == 1
    assert count(services) == 3
    saved = services.records.get(result.created[0]["id"])
    assert saved["parties"][0]["name"] == "张1" and saved["category"] == "neighbor"
    history = services.records.history(saved["id"])
    assert [h.action for h in history] == ["create"] and history[0].operator == "张三"
    # an automatic backup was taken first, of the database as it was before the import
    backups = list_backups(backups_dir(services.ctx.data_dir))
    assert [(b.reason, b.records, b.name) for b in backups] == [("pre-import", 0, result.backup)]
    assert "台账.xlsx" in backups[0].note


def test_reimporting_the_same_or_an_overlapping_sheet_creates_no_duplicates(
        services: Services, tmp_path: Path) -> None:
    ledger = LedgerService(services)
    ledger.import_preview(ledger.preview(ledger_file(tmp_path, good_rows(4)), "disputes"))
    again = ledger.preview(ledger_file(tmp_path, good_rows(4), "again.xlsx"), "disputes")
    assert again.counts == {"good": 0, "problem": 0, "duplicate": 4}
    assert again.rows[0].duplicate_of.startswith("纠2025-XC1-")
    with pytest.raises(FazhiError, match="没有可导入的行"):
        ledger.import_preview(again)
    overlap = ledger.preview(ledger_file(tmp_path, good_rows(6, start=3), "o.xlsx"), "disputes")
    assert overlap.counts == {"good": 4, "problem": 0, "duplicate": 2}
    ledger.import_preview(overlap)
    assert count(services) == 8


def test_duplicates_match_by_name_and_date_when_there_is_no_id_number(
        services: Services, tmp_path: Path) -> None:
    services.records.create("disputes", dispute(received_on="2025-03-05",
                                                parties=[party("张三", id_number=None)]))
    path = ledger_file(tmp_path, [dispute_row(1, name="张三", received="2025年3月5日"),
                                  dispute_row(2, name="张三", received="2025年3月6日")])
    preview = LedgerService(services).preview(path, "disputes")
    assert [r.status for r in preview.rows] == ["duplicate", "good"]


def test_update_duplicates_by_choice(services: Services, tmp_path: Path) -> None:
    ledger = LedgerService(services)
    ledger.import_preview(ledger.preview(ledger_file(tmp_path, good_rows(2)), "disputes"))
    changed = good_rows(2)
    changed[0][8], changed[0][9] = "调解成功", "2025年4月1日"
    preview = ledger.preview(ledger_file(tmp_path, changed, "b.xlsx"), "disputes")
    assert preview.counts["duplicate"] == 2
    result = ledger.import_preview(preview, update_duplicates=True)
    assert result.created == [] and len(result.updated) == 1 and result.unchanged == 1
    record = services.records.get(preview.rows[0].existing_id)
    assert record["status"] == "resolved" and record["closed_on"] == dt.date(2025, 4, 1)
    assert [h.action for h in services.records.history(record["id"])] == ["create", "update"]
    assert count(services) == 2


def test_every_row_invalid_saves_nothing(services: Services, tmp_path: Path) -> None:
    rows = [dispute_row(1, received="不详"), dispute_row(2, category="？"),
            dispute_row(3, id_no=6.32801199001011e17)]
    ledger = LedgerService(services)
    preview = ledger.preview(ledger_file(tmp_path, rows), "disputes")
    assert preview.counts == {"good": 0, "problem": 3, "duplicate": 0}
    with pytest.raises(FazhiError, match="没有可导入的行：3行有问题"):
        ledger.import_preview(preview)
    assert count(services) == 0


def test_strict_import_refuses_when_any_row_has_a_problem(services: Services,
                                                          tmp_path: Path) -> None:
    ledger = LedgerService(services)
    preview = ledger.preview(ledger_file(tmp_path, good_rows(2) + [dispute_row(3, received="?")]),
                             "disputes")
    with pytest.raises(FazhiError, match="1行有问题"):
        ledger.import_preview(preview, strict=True)
    assert count(services) == 0


def test_a_cancelled_import_saves_nothing(services: Services, tmp_path: Path) -> None:
    ledger = LedgerService(services)
    preview = ledger.preview(ledger_file(tmp_path, good_rows(30)), "disputes")
    with pytest.raises(FazhiError, match="已取消"):
        ledger.import_preview(preview, cancelled=lambda: True)
    assert count(services) == 0


def test_validation_problems_point_at_their_column(services: Services, tmp_path: Path) -> None:
    rows = [dispute_row(1, status="调解成功"),  # closed status without a closing date
            dispute_row(2, received="2027-01-05")]  # in the future (today is 2026-11-27)
    preview = LedgerService(services).preview(ledger_file(tmp_path, rows), "disputes")
    errors = [str(p) for r in preview.rows for p in r.problems if p.is_error]
    assert errors == ["第3行 J列“办结日期”：状态为“调解成功”时必须填写办结日期",
                      "第4行 B列“受理时间”：登记日期不能晚于今天（2026-11-27）"]


def test_units_by_name_or_code(services: Services, tmp_path: Path) -> None:
    header = ["登记日期", "所属单位", "简要情况", "姓名"]
    path = xlsx(tmp_path / "u.xlsx", [header,
                                      ["2025-03-05", "金峰路街道", "漏水", "甲"],
                                      ["2025-03-06", "632801001", "噪音", "乙"],
                                      ["2025-03-07", "不存在镇", "占道", "丙"]])
    preview = LedgerService(services).preview(path, "disputes")
    assert preview.rows[0].data["unit_code"] == "632801002"
    assert preview.rows[1].data["unit_code"] == "632801001"
    assert "找不到单位“不存在镇”" in str(preview.rows[2].problems[0])


def test_a_ledger_deadline_that_differs_from_the_rules_is_recomputed_with_a_reminder(
        services: Services, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "d.xlsx", [["登记日期", "办理期限", "简要情况", "姓名"],
                                      ["2025-03-05", "2025-03-10", "漏水", "甲"]])
    row = LedgerService(services).preview(path, "disputes").rows[0]
    assert row.status == "good" and row.record["due_on"] == dt.date(2025, 4, 7)
    assert "与按规则计算的2025-04-07不同" in str(row.problems[0])


def test_legacy_xls_ledger_imports(services: Services, tmp_path: Path) -> None:
    path = xls(tmp_path / "old.xls",
               [["2024年矛盾纠纷台账"] + [None] * 9, DISPUTE_HEADER,
                dispute_row(1, received=dt.date(2024, 5, 6), id_no=valid_id(1)),
                dispute_row(2, received="5月7日")],
               merges=[(0, 0, 0, 9)], sheet="2024")
    ledger = LedgerService(services)
    preview = ledger.preview(path, "disputes")
    assert preview.counts["good"] == 2
    assert [r.data["received_on"] for r in preview.rows] == [dt.date(2024, 5, 6),
                                                             dt.date(2024, 5, 7)]
    assert len(ledger.import_preview(preview).created) == 2


def test_bad_files_come_back_as_user_errors(services: Services, tmp_path: Path) -> None:
    text = tmp_path / "a.xlsx"
    text.write_text("not a sheet", encoding="utf-8")
    with pytest.raises(FazhiError, match="文本文件"):
        LedgerService(services).preview(text, "disputes")
    with pytest.raises(FazhiError, match="未知的台账"):
        LedgerService(services).preview(text, "nonsense")


# --- export and the round trip ----------------------------------------------------------

def _sample(sv: Services) -> None:
    sv.records.create_many("disputes", [
        dispute(received_on="2025-03-05", status="resolved", closed_on="2025-03-20",
                agreement_form="written", amount_involved="12000.50", people_involved=3,
                judicial_confirmation=True, unit_code="632801002",
                parties=[party("张三"), party("李四", "respondent", id_number=id_number(seq="456"),
                                          address="金峰路1号")]),
        dispute(received_on="2025-06-01", note="第二行\n备注", handler="王五"),
    ])
    sv.records.create("petitions", petition(received_on="2025-05-01", acceptance="accepted",
                                            decided_on="2025-05-03", status="replied",
                                            replied_on="2025-05-20", result="supported",
                                            satisfaction="satisfied", collective=False))
    sv.records.create("lawsuits", lawsuit(received_on="2025-04-01", served_on="2025-04-01",
                                          defence_submitted_on="2025-04-10",
                                          hearings=[{"held_on": "2025-05-01", "head_attended": True,
                                                     "attendee_name": "王镇长",
                                                     "attendee_rank": "principal"},
                                                    {"held_on": "2025-06-01",
                                                     "head_attended": False,
                                                     "absence_reason": "公务", "delegate_name": "李科长"}],
                                          parties=[party("赵强", "plaintiff"),
                                                   party("某公司", "third_party", id_number=None)]))
    sv.records.create("reviews", review(received_on="2025-07-01", opinions_count=5,
                                        opinions_adopted=4, counterparty="某物业公司",
                                        contract_amount="80000"))


_BOOKKEEPING = {"id", "serial", "num", "clocks", "created_at", "created_by", "updated_at",
                "updated_by", "origin_node", "party_names"}


def _content(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in _BOOKKEEPING}


@pytest.mark.parametrize("register", ["disputes", "petitions", "lawsuits", "reviews"])
def test_export_imports_back_to_the_same_records(services: Services, template_dir: Path,
                                                 tmp_path: Path, register: str) -> None:
    _sample(services)
    out = tmp_path / f"{register}.xlsx"
    ledger = LedgerService(services)
    written = ledger.export(out, register, masked=False)
    originals = services.records.list(Filters(register=register))
    assert written == len(originals) > 0

    # into the same folder: every row is recognised as the record it came from
    same = ledger.preview(out, register)
    assert same.counts == {"good": 0, "problem": 0, "duplicate": len(originals)}
    assert {r.existing_id for r in same.rows} == {r["id"] for r in originals}

    # into another PC's empty folder: the same records, field for field
    other_dir = tmp_path / "other"
    shutil.copytree(template_dir, other_dir)
    with open_services(other_dir, today=lambda: TODAY) as other:
        other_ledger = LedgerService(other)
        preview = other_ledger.preview(out, register)
        assert preview.counts["problem"] == 0, [str(p) for p in preview.problems()]
        other_ledger.import_preview(preview)
        copies = other.records.list(Filters(register=register))
    key = lambda r: (r["received_on"], r["summary"])
    assert sorted(map(_content, copies), key=key) == sorted(map(_content, originals), key=key)


def test_exported_sheet_reads_well(services: Services, tmp_path: Path) -> None:
    _sample(services)
    out = tmp_path / "d.xlsx"
    LedgerService(services).export(out, "disputes", masked=False)
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "矛盾纠纷" and "矛盾纠纷台账" in ws["A1"].value
    header = [c.value for c in ws[2]]
    col = {h: i + 1 for i, h in enumerate(header)}
    first = next(row for row in (3, 4) if ws.cell(row, col["状态"]).value == "调解成功")
    assert ws.cell(first, col["登记日期"]).value == dt.datetime(2025, 3, 5)
    assert ws.cell(first, col["登记日期"]).number_format == "yyyy-mm-dd"
    id_cell = ws.cell(first, col["当事人1身份证号"])
    assert id_cell.value == id_number() and id_cell.data_type == "s" and id_cell.number_format == "@"
    assert ws.cell(first, col["纠纷类型"]).value == "邻里"
    assert ws.cell(first, col["当事人2身份"]).value == "被申请人"
    assert ws.cell(first, col["司法确认"]).value == "是"
    assert ws.cell(first, col["涉及金额(元)"]).value == Decimal("12000.5")
    assert ws.cell(first, col["所属单位"]).value == "金峰路街道"


def test_export_masks_by_default_and_follows_filters(services: Services, tmp_path: Path) -> None:
    _sample(services)
    ledger = LedgerService(services)
    out = tmp_path / "m.xlsx"
    assert ledger.export(out, "disputes", Filters(status=["resolved"])) == 1
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[2]]
    values = [c.value for c in ws[3]]
    row = dict(zip(header, values))
    assert row["当事人1姓名"] == "张*"
    assert row["当事人1身份证号"] == "632801" + "*" * 8 + id_number()[-4:]
    assert row["当事人1联系电话"] == "138****8000"
    assert "个人信息已遮蔽" in ws["A1"].value
    with pytest.raises(FazhiError, match=".xlsx 结尾"):
        ledger.export(tmp_path / "m.csv", "disputes")


def test_the_user_corrects_the_mapping_and_previews_again(services: Services,
                                                          tmp_path: Path) -> None:
    path = xlsx(tmp_path / "c.xlsx", [["日期", "姓名", "说明", "分类"],
                                      ["2025-03-05", "张三", "楼上漏水", "邻里矛盾"],
                                      ["2025-03-06", "李四", "借款不还", "鸡毛蒜皮"]],
                more_sheets={"说明": [["填表说明"]]})
    ledger = LedgerService(services)
    first = ledger.preview(path, "disputes")
    assert first.counts["problem"] == 2  # "说明" was taken for a note: no summary
    assert any("2个工作表" in note and "“说明”" in note for note in first.notes)
    next(c for c in first.mapping.columns if c.header == "说明").target = "summary"
    next(c for c in first.mapping.columns if c.header == "分类").target = "category"
    first.mapping.values = {"category": {"鸡毛蒜皮": "other"}}
    second = ledger.preview(path, "disputes", sheet=first.sheet, mapping=first.mapping)
    assert second.counts == {"good": 2, "problem": 0, "duplicate": 0}
    assert [r.data["category"] for r in second.rows] == ["neighbor", "other"]
    assert second.rows[0].data["summary"] == "楼上漏水"


def test_progress_is_reported_while_previewing(services: Services, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    LedgerService(services).preview(ledger_file(tmp_path, good_rows(5)), "disputes",
                                    progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (1000, 1000)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
