"""The main window: tabs, dashboard, status bar, menus and hooks, settings, languages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from fazhi_desktop import __version__
from fazhi_desktop.services import open_services
from fazhi_desktop.ui import i18n, prefs
from fazhi_desktop.ui.mainwindow import MainWindow
from tests.helpers import BUILDERS

TODAY = dt.date(2026, 11, 27)


def test_tabs_and_menus_are_chinese(window: Any) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["工作台", "矛盾纠纷", "信访", "行政应诉", "合法性审查"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "报表(&R)", "设置(&S)", "帮助(&H)"]


def test_dashboard_counts_items_and_the_start_notice(qtbot: Any, services: Any, runner: Any,
                                                     dialogs: Any) -> None:
    make = BUILDERS
    services.records.create_many("disputes", [
        make["disputes"](received_on="2026-10-01"),                      # overdue
        make["disputes"](received_on="2026-10-27"),                      # due 11-26: overdue
        make["disputes"](received_on="2026-11-20")])                     # in progress
    services.records.create("reviews", make["reviews"](received_on="2026-11-19"))  # due 11-30
    window = MainWindow(services, runner)
    qtbot.addWidget(window)
    window.show()
    counts = window.dashboard.counts
    assert counts["disputes"] == {"in_progress": 3, "overdue": 2, "due_soon": 0}
    assert counts["reviews"] == {"in_progress": 1, "overdue": 0, "due_soon": 1}
    button = window.dashboard._count_buttons[("disputes", "overdue")]
    assert button.text() == "2"
    assert window.dashboard.items_model.rowCount() == 3
    assert "共有 2 件事项已逾期" in window.dashboard.greeting.text()

    window.announce_overdue()
    assert dialogs.warnings == ["有 2 件事项已超过办理期限：矛盾纠纷 2 件。\n详见“工作台”。"]

    button.click()                   # the count opens the register, overdue only
    assert window.current_view() is window.views["disputes"]
    assert window.views["disputes"].overdue.isChecked()
    assert window.views["disputes"].model.rowCount() == 2


def test_the_greeting_counts_every_overdue_item_not_only_those_listed(
        qtbot: Any, services: Any, runner: Any, monkeypatch: Any) -> None:
    from fazhi_desktop.ui import dashboard

    monkeypatch.setattr(dashboard, "ITEMS_SHOWN", 2)
    services.records.create_many("disputes", [BUILDERS["disputes"](received_on="2026-10-01")
                                              for _ in range(3)])
    services.records.create("reviews", BUILDERS["reviews"](received_on="2026-11-19"))  # due soon
    window = MainWindow(services, runner)
    qtbot.addWidget(window)
    window.show()
    assert window.dashboard.items_model.rowCount() == 2
    assert "共有 3 件事项已逾期" in window.dashboard.greeting.text()
    assert window.dashboard.list_title.text() == \
        "已逾期和3日内到期的事项：共 4 件，列出最紧急的 2 件（双击打开）"


def test_nothing_overdue_says_nothing_at_start(window: Any, dialogs: Any) -> None:
    window.announce_overdue()
    assert dialogs.warnings == []
    assert "没有逾期事项" in window.dashboard.greeting.text()


def test_status_bar(window: Any) -> None:
    assert window.status_unit.text() == "单位：西城区（632801）"
    assert window.status_node.text() == "本机：西城区司法所-张三（XC1）"
    assert window.status_operator.text() == "操作员：张三"
    assert window.status_sync.text() == "上次同步：从未"
    assert window.status_calendar.isHidden()   # 2026 ships with the program


def test_status_bar_warns_when_this_years_holidays_are_missing(qtbot: Any, data_dir: Any,
                                                               runner: Any) -> None:
    with open_services(data_dir, today=lambda: dt.date(2027, 3, 1)) as sv:
        window = MainWindow(sv, runner)
        qtbot.addWidget(window)
        assert not window.status_calendar.isHidden()
        assert "缺少 2027 年节假日安排" in window.status_calendar.text()
        window.close()


def test_features_not_yet_available_say_so(window: Any, dialogs: Any) -> None:
    window._providers.clear()  # as before any feature module (FEATURE_MODULES) is installed
    window.actions["sync_import"].trigger()
    assert dialogs.infos[-1] == "“导入同步包”功能尚未提供（将在后续版本中加入）。"
    window.open_bundle("/tmp/x.fzb")
    assert "/tmp/x.fzb" in dialogs.infos[-1]
    called: list[str] = []
    window.provide("sync_import", lambda: called.append("import"))
    window.provide("open_bundle", called.append)
    window.actions["sync_import"].trigger()
    window.open_bundle("/tmp/y.fzb")
    assert called == ["import", "/tmp/y.fzb"]


def test_about_shows_the_version(window: Any, dialogs: Any) -> None:
    window.actions["about"].trigger()
    assert f"版本 {__version__}" in dialogs.infos[-1]


def test_settings_change_operator_rules_and_holidays(qtbot: Any, window: Any, services: Any,
                                                     tmp_path: Any, dialogs: Any) -> None:
    from fazhi_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(services, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.operator.setText("李四")
    dialog.node_name.setText("西城区司法所-李四")
    dialog.rule_boxes["dispute_days"].setValue(45)
    with qtbot.waitSignal(window.runner.changed, timeout=10_000):
        dialog.accept()
    assert services.ctx.identity.operator == "李四"
    assert services.ctx.identity.node_name == "西城区司法所-李四"
    assert services.ctx.identity.node_code == "XC1"
    assert window.status_node.text() == "本机：西城区司法所-李四（XC1）"
    assert services.ctx.rules.dispute_days == 45
    assert window.status_operator.text() == "操作员：李四"
    record = services.records.create("disputes", BUILDERS["disputes"](received_on="2026-11-02"))
    assert record["due_on"] == dt.date(2026, 12, 17)

    # import next year's holiday schedule from a file
    page = dialog.holidays
    schedule = tmp_path / "2027.json"
    schedule.write_text(json.dumps({"year": 2027, "holidays": ["2027-01-01"],
                                    "workdays": ["2027-02-06"]}), encoding="utf-8")
    dialogs.open_file = str(schedule)
    with qtbot.waitSignal(window.runner.finished, timeout=10_000):
        page.import_button.click()
    assert services.ctx.calendar.has_year(2027)
    assert page.years[0].year == 2027 and page.years[0].source == "imported"
    assert not services.ctx.calendar.is_workday(dt.date(2027, 1, 1))
    assert services.ctx.calendar.is_workday(dt.date(2027, 2, 6))

    bad = tmp_path / "bad.csv"
    bad.write_text("2027-01-01,holiday\n2028-01-01,holiday\n", encoding="utf-8")
    dialogs.open_file = str(bad)
    page.import_button.click()
    assert "同一年" in dialogs.errors[-1]

    page.table.selectRow(0)
    with qtbot.waitSignal(window.runner.finished, timeout=10_000):
        page.remove_selected()
    assert not services.ctx.calendar.has_year(2027)


def test_add_a_unit_in_settings_refreshes_the_unit_filter(qtbot: Any, window: Any,
                                                          services: Any,
                                                          monkeypatch: Any) -> None:
    from fazhi_desktop.ui import units_page
    from fazhi_desktop.ui.settings_dialog import SettingsDialog

    def fake_exec(dialog: Any) -> int:
        dialog.code.setText("632801003")
        dialog.name.setText("东关街道")
        return 1

    monkeypatch.setattr(units_page.AddUnitDialog, "exec", fake_exec)
    dialog = SettingsDialog(services, window.runner, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(window.runner.changed, timeout=10_000):
        dialog.units_page.add_child()
    assert services.units.get("632801003").parent_code == "632801"
    assert window.views["disputes"].unit.findData("632801003") >= 0


def test_switch_to_english_and_back(qtbot: Any, window: Any, services: Any,
                                    runner: Any) -> None:
    from fazhi_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(services, runner, window)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.language_changed) as blocker:
        dialog.accept()
    assert blocker.args == ["en"]
    assert prefs.get(i18n.SETTINGS_KEY) == "en"

    i18n.install("en")          # what app.Shell.switch_language does before rebuilding
    english = MainWindow(services, runner)
    qtbot.addWidget(english)
    titles = [english.tabs.tabText(i) for i in range(english.tabs.count())]
    assert titles == ["Dashboard", "Disputes", "Petitions", "Lawsuits", "Legal reviews"]
    assert english.status_operator.text() == "Operator: 张三"
    view = english.views["disputes"]
    assert view.status.itemText(0) == "All statuses"
    assert view.status.itemText(3) == "Registered"          # code labels follow the language
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "Serial no."
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"

    back = SettingsDialog(services, runner, english)
    qtbot.addWidget(back)
    back.language.setCurrentIndex(back.language.findData("zh"))
    with qtbot.waitSignal(back.language_changed) as blocker:
        back.accept()
    assert blocker.args == ["zh"]
    i18n.install("zh")
    chinese = MainWindow(services, runner)
    qtbot.addWidget(chinese)
    assert chinese.tabs.tabText(0) == "工作台"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert texts == {"确定", "取消"} or texts == {"确定(O)", "取消(C)"}
