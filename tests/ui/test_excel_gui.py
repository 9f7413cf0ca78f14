"""导入Excel台账 wizard and 导出到 Excel, driven through their widgets: a ledger built here
with openpyxl is previewed (a problem row and a duplicate shown), the mapping is corrected,
saved and loaded, the good rows imported (and appear in the register tab); a filtered
register tab is exported and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QComboBox, QPushButton, QWizard

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.ledger.convert import DUPLICATE, PROBLEM
from fazhi_desktop.ui import dialogs as dialogs_module
from fazhi_desktop.ui import excel_export, mainwindow
from fazhi_desktop.ui.excel_import import ExcelImportWizard
from fazhi_desktop.ui.excel_models import HEADER, STATUS_ROLE, TARGET
from tests.helpers import BUILDERS, dispute, party
from tests.ledger.builders import DISPUTE_HEADER, dispute_row, valid_id, xlsx

HEADER_ROW = DISPUTE_HEADER + ["备忘"]


@pytest.fixture
def window(qtbot: Any, services: Any, runner: Any,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setattr(mainwindow, "FEATURE_MODULES", ("excel_import", "excel_export"))
    main = mainwindow.MainWindow(services, runner)
    qtbot.addWidget(main)
    main.show()
    yield main


def ledger(tmp_path: Path) -> Path:
    """Title row, header on row 2; rows 3–5 good, row 6 a bad date, row 7 a record the
    database already has (same ID number and date), then a subtotal; a second sheet."""
    rows = [dispute_row(i, received=f"2025.3.{i}", id_no=valid_id(i)) + [f"备忘{i}"]
            for i in range(1, 4)]
    rows.append(dispute_row(4, received="2025-02-30", id_no=valid_id(4)) + [""])
    rows.append(dispute_row(5, received="2025年3月9日", id_no=valid_id(5)) + [""])
    rows.append(["合计", None, None, None, None, None, None, None, None, None, None])
    return xlsx(tmp_path / "西城区2025年纠纷台账.xlsx",
                [["西城区2025年矛盾纠纷排查调处台账"], HEADER_ROW, *rows], merges=["A1:K1"],
                sheet="2025年", more_sheets={"填表说明": [["说明"], ["按月填报"]]})


def wait_task(qtbot: Any, wizard: ExcelImportWizard, start: Any) -> None:
    """``start()``, then wait for the preview or import it may have started to finish."""
    start()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=30_000)


def mapping_row(wizard: ExcelImportWizard, header: str) -> int:
    model = wizard.mapping_page.model
    return next(r for r in range(model.rowCount()) if model.index(r, HEADER).data() == header)


def choose(wizard: ExcelImportWizard, header: str, label: str) -> None:
    """Pick ``label`` in the 导入为 drop-down of the column ``header``, as a user would."""
    page = wizard.mapping_page
    combo = page.table.indexWidget(page.model.index(mapping_row(wizard, header), TARGET))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(label))


def test_import_wizard_previews_maps_and_imports(qtbot: Any, qtmodeltester: Any, window: Any,
                                                 services: Any, dialogs: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    services.records.create("disputes", dispute(
        received_on=dt.date(2025, 3, 9), summary="已登记的纠纷",
        parties=[party("张5", id_number=valid_id(5))]))
    path = ledger(tmp_path)
    window.show_register("petitions")
    window.show_register("disputes")
    window.actions["excel_import"].trigger()
    wizard = window.findChild(ExcelImportWizard)
    assert wizard is not None and wizard.isVisible()
    page = wizard.file_page
    assert page.register.currentData() == "disputes"       # the tab that was open
    assert not page.isComplete()

    # 1. a file that is not a spreadsheet is explained and not kept
    bad = tmp_path / "notes.xlsx"
    bad.write_text("不是表格", encoding="utf-8")
    dialogs.open_file = str(bad)
    page.browse()
    assert dialogs.errors and "notes.xlsx" in dialogs.errors[-1]
    assert not page.isComplete()
    dialogs.open_file = str(path)
    page.browse()
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["2025年", "填表说明"]
    assert page.isComplete()

    # 2. the proposed mapping, corrected: 备忘 → 备注
    wait_task(qtbot, wizard, wizard.next)
    mapping = wizard.mapping_page
    qtmodeltester.check(mapping.model)
    targets = {mapping.model.index(r, HEADER).data(): mapping.model.target_of(r)
               for r in range(mapping.model.rowCount())}
    assert targets["受理时间"] == "received_on" and targets["申请人"] == "party1.name"
    assert targets["序号"] is None and targets["备忘"] is None
    assert "第 2 行" in mapping.info.text()
    assert set(mapping.role_combos) == {1, 2}
    assert mapping.role_combos[1].currentText() == "申请人"
    choose(wizard, "备忘", "备注")
    assert mapping.model.target_of(mapping_row(wizard, "备忘")) == "note"
    assert wizard.mapping_dirty
    # choosing a field another column has takes it from that column
    choose(wizard, "序号", "备注")
    assert mapping.model.target_of(mapping_row(wizard, "备忘")) is None
    choose(wizard, "备忘", "备注")
    assert mapping.model.target_of(mapping_row(wizard, "序号")) is None
    saved = tmp_path / "纠纷映射"
    monkeypatch.setattr(dialogs_module, "ask_save_file", lambda *_a: str(saved))
    mapping.save_mapping()
    stored = json.loads(saved.with_suffix(".json").read_text(encoding="utf-8"))
    assert stored["columns"]["备忘"] == "note" and stored["register"] == "disputes"
    choose(wizard, "备忘", "（不导入）")
    dialogs.open_file = str(saved.with_suffix(".json"))
    wait_task(qtbot, wizard, mapping.load_mapping)
    assert mapping.model.target_of(mapping_row(wizard, "备忘")) == "note"

    # 3. the preview: three good rows, a bad date, a duplicate; nothing saved yet
    wait_task(qtbot, wizard, wizard.next)
    preview = wizard.preview_page
    qtmodeltester.check(preview.model)
    assert wizard.preview.counts == {"good": 3, "problem": 1, "duplicate": 1}
    assert "可导入3行" in preview.counts.text() and "重复1行" in preview.counts.text()
    assert len(services.records.nums(Filters(register="disputes"))) == 1
    statuses = [preview.model.index(r, 1).data(STATUS_ROLE) for r in range(5)]
    assert statuses.count(PROBLEM) == 1 and statuses.count(DUPLICATE) == 1
    preview.show_only.setCurrentIndex(preview.show_only.findData(PROBLEM))
    assert preview.model.rowCount() == 1
    assert preview.model.index(0, 0).data() == 6
    problem = preview.model.index(0, 3).data()
    assert "第6行" in problem and "B列" in problem and "受理时间" in problem
    preview.table.selectRow(0)
    assert "2025-02-30" in preview.detail.text()         # the whole message, unshortened
    preview.show_only.setCurrentIndex(preview.show_only.findData(DUPLICATE))
    assert preview.model.rowCount() == 1 and "纠2025-XC1-" in preview.model.index(0, 3).data()
    assert "张5" in preview.model.index(0, 2).data()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.text() == "导入 3 行"
    preview.update_duplicates.setChecked(True)
    assert next_button.text() == "导入 4 行"
    preview.update_duplicates.setChecked(False)

    # 4. import: the good rows only, in the register tab at once
    with qtbot.waitSignal(window.runner.changed, timeout=30_000):
        next_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=5000)
    assert "新增3条" in wizard.done_page.text.text()
    assert "跳过重复1行" in wizard.done_page.text.text()
    view = window.views["disputes"]
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=5000)
    summaries = {view.model.record_at(r)["summary"] for r in range(4)}
    assert {"第1起纠纷：因宅基地边界发生争执", "已登记的纠纷"} <= summaries
    imported = services.records.list(Filters(register="disputes", search="张2"))
    assert len(imported) == 1 and imported[0]["note"] == "备忘2"
    assert imported[0]["received_on"] == dt.date(2025, 3, 2)
    assert dialogs.errors == [dialogs.errors[0]]             # only the bad file


def test_every_row_invalid_offers_no_import(qtbot: Any, services: Any, runner: Any,
                                            dialogs: Any, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "坏.xlsx", [HEADER_ROW[:10],
                                      dispute_row(1, received="2025-13-40"),
                                      dispute_row(2, received="不详")])
    wizard = ExcelImportWizard(services, runner, "disputes")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.file_page.set_path(path)
    wait_task(qtbot, wizard, wizard.next)
    wait_task(qtbot, wizard, wizard.next)
    assert wizard.preview.counts["problem"] == 2
    assert not wizard.preview_page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_sheet_without_a_header_is_explained(qtbot: Any, services: Any, runner: Any,
                                               dialogs: Any, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "无表头.xlsx", [[1, 2, 3], [4, 5, 6]])
    wizard = ExcelImportWizard(services, runner, "disputes")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.file_page.set_path(path)
    wait_task(qtbot, wizard, wizard.next)
    assert any("找不到表头" in e for e in dialogs.errors)
    assert not wizard.mapping_page.isComplete()


@pytest.mark.parametrize("masked", [True, False])
def test_export_writes_the_filtered_tab(qtbot: Any, window: Any, services: Any, dialogs: Any,
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        masked: bool) -> None:
    make = BUILDERS["disputes"]
    services.records.create_many("disputes", [
        make(summary="王芳与邻居漏水纠纷", received_on="2026-10-01", handler="李丽",
             parties=[party("王芳")]),
        make(summary="张伟欠薪纠纷", received_on="2026-11-20", handler="何士超",
             parties=[party("张伟")], category="labor_wages"),
        make(summary="王芳芳宅基地纠纷", received_on="2026-11-10", handler="李丽",
             parties=[party("王芳芳")]),
    ])
    view = window.show_register("disputes")
    view.handler.setText("李丽")
    view.apply_filters()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    out = tmp_path / "导出"
    seen: dict[str, Any] = {}

    def fill_in(dialog: Any) -> bool:
        seen["description"] = dialog.description.text()
        assert dialog.masked.isChecked()                      # masked unless unticked
        dialog.masked.setChecked(masked)
        return True

    monkeypatch.setattr(excel_export, "exec_dialog", fill_in)
    monkeypatch.setattr(dialogs_module, "ask_save_file", lambda *_a: str(out))
    with qtbot.waitSignal(window.runner.finished, timeout=30_000):
        window.actions["excel_export"].trigger()
    assert seen["description"] == "承办人：李丽"
    book = openpyxl.load_workbook(out.with_suffix(".xlsx"))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[1])
    data = [dict(zip(header, r, strict=False)) for r in rows[2:] if any(r)]
    assert [d["简要情况"] for d in data] == ["王芳芳宅基地纠纷", "王芳与邻居漏水纠纷"]
    assert {d["承办人"] for d in data} == {"李丽"}
    assert isinstance(data[0]["登记日期"], dt.datetime)     # a real date, not text
    names = {d["当事人1姓名"] for d in data}
    assert names == ({"王*芳", "王*"} if masked else {"王芳芳", "王芳"})
    assert dialogs.infos and "已导出 2 条记录" in dialogs.infos[-1]


def test_a_cancelled_import_saves_nothing(qtbot: Any, services: Any, runner: Any,
                                          dialogs: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = ExcelImportWizard(services, runner, "disputes")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.file_page.set_path(ledger(tmp_path))
    wait_task(qtbot, wizard, wizard.next)
    wait_task(qtbot, wizard, wizard.next)
    gate = threading.Event()
    real = services.ledger.import_preview

    def held(*args: Any, **kw: Any) -> Any:
        gate.wait(20)
        return real(*args, **kw)

    monkeypatch.setattr(services.ledger, "import_preview", held)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.task is not None
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.waitUntil(lambda: runner.progress_dialog(wizard.task) is not None, timeout=5000)
    runner.progress_dialog(wizard.task).findChild(QPushButton).click()   # 取消
    gate.set()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=30_000)
    assert services.records.nums(Filters(register="disputes")) == []
    assert wizard.currentPage() is wizard.preview_page
    assert "已取消导入" in wizard.preview_page.counts.text()
    assert dialogs.errors == []
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()   # may try again
