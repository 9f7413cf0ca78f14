"""文件 → 导出到 Excel: a register, as its tab is filtered now, to an ``.xlsx`` ledger.

The dialog asks which register (the current tab by default), whether to export what the
tab's filters show or the whole register, and whether to mask personal data (masked by
default, as in reports); then the file name (``dialogs.ask_save_file``). The tab is asked
for its ``Filters`` (``RegisterView.current_filters``), so the file holds exactly the rows
on screen, in the same order. Writing runs on the task runner (``ledger.export``: Chinese
headers, code labels, real dates, ID numbers as text; written to a temporary name, then
renamed — a cancelled or failed export leaves no file).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import codes
from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.ui import dialogs, i18n, prefs
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.tasks import TaskControl

FOLDER_KEY = "excel/export_folder"


def describe_filters(filters: Filters, unit_names: dict[str, str]) -> str:
    """The filters of a register tab in words (what the exported file will hold)."""
    parts: list[str] = []
    reg = R.register(filters.register) if filters.register else None
    if filters.status and reg is not None:
        parts.append(tr("状态：{s}").format(s="、".join(
            codes.label(reg.status_codeset, s, i18n.current()) for s in filters.status)))
    if filters.received_from or filters.received_to:
        start = filters.received_from.isoformat() if filters.received_from else "…"
        end = filters.received_to.isoformat() if filters.received_to else "…"
        parts.append(tr("登记日期：{start} 至 {end}").format(start=start, end=end))
    if filters.unit:
        parts.append(tr("单位：{name}及下级").format(
            name=unit_names.get(filters.unit, filters.unit)))
    if filters.handler:
        parts.append(tr("承办人：{name}").format(name=filters.handler))
    if filters.search:
        parts.append(tr("搜索：“{text}”").format(text=filters.search))
    if filters.overdue_on:
        parts.append(tr("仅逾期"))
    return "；".join(parts) if parts else tr("无筛选条件（全部记录）")


class ExportDialog(QDialog):
    """Register, scope (current filters / everything) and masking for one export."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle(tr("导出到 Excel"))
        self.units = {u.code: u.name for u in window.services.units.all()}
        self.register = QComboBox(self)
        for name, reg in R.REGISTERS.items():
            self.register.addItem(reg.label(i18n.current()), name)
        current = window.current_view()
        self.register.setCurrentIndex(max(0, self.register.findData(
            current.register if current is not None else "disputes")))
        self.filtered = QRadioButton(tr("当前筛选结果"), self)
        self.everything = QRadioButton(tr("全部记录"), self)
        self.filtered.setChecked(True)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.masked = QCheckBox(tr("隐藏当事人个人信息（脱敏）"), self)
        self.masked.setChecked(True)
        self.masked.setToolTip(tr("姓名、身份证号、电话脱敏显示（张*三、138****5678）。"
                                  "需要导回本程序或交给有权查看的人员时可取消勾选。"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("导出…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("台账"), self.register)
        form.addRow(tr("范围"), self.filtered)
        form.addRow("", self.description)
        form.addRow("", self.everything)
        form.addRow(tr("个人信息"), self.masked)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.register.currentIndexChanged.connect(lambda _i: self._describe())
        self._describe()

    def filters(self) -> Filters:
        """What the chosen register's tab shows now, or the whole register."""
        register = str(self.register.currentData())
        if self.everything.isChecked():
            return Filters(register=register)
        view = self.window_.views[register]
        return dataclasses.replace(view.current_filters())

    def _describe(self) -> None:
        register = str(self.register.currentData())
        view = self.window_.views[register]
        self.description.setText(describe_filters(view.current_filters(), self.units))


def export_current(window: Any) -> int | None:
    """The 导出到 Excel action: ask, then write the file on the task runner."""
    dialog = ExportDialog(window)
    if not exec_dialog(dialog):
        return None
    register, filters, masked = (str(dialog.register.currentData()), dialog.filters(),
                                 dialog.masked.isChecked())
    reg = R.register(register)
    folder = Path(str(prefs.get(FOLDER_KEY) or Path.home()))
    suffix = "" if masked else tr("（未脱敏）")
    suggested = folder / f"{reg.label(i18n.current())}{window.services.ctx.today():%Y%m%d}{suffix}.xlsx"
    answer = dialogs.ask_save_file(window, tr("导出到 Excel"), str(suggested),
                                   tr("Excel 工作簿 (*.xlsx)"))
    if not answer:
        return None
    path = Path(answer) if answer.lower().endswith(".xlsx") else Path(answer + ".xlsx")
    prefs.put(FOLDER_KEY, str(path.parent))
    ledger = window.services.ledger

    def work(task: TaskControl) -> int:
        return ledger.export(path, register, filters, masked=masked, progress=task.progress,
                             cancelled=task.cancelled)

    def done(count: int) -> None:
        dialogs.show_info(window, tr("已导出 {n} 条记录到：\n{path}").format(n=count, path=path),
                          title=tr("导出完成"))

    return window.runner.run(work, on_done=done, label=tr("正在导出…"), parent=window)


def exec_dialog(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True when accepted (a test replaces this to fill it in)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def install(window: Any) -> None:
    window.provide("excel_export", lambda: export_current(window))
