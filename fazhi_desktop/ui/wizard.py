"""First-run set-up (首次设置): the office's unit, this PC's name and short code, the operator.

Writes through ``services.setup.initialise`` — the same function as ``fazhi init`` — and
checks each page with ``setup.check`` before moving on, showing the problem under its field.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fazhi_desktop.domain.problems import Problem
from fazhi_desktop.services import Services
from fazhi_desktop.services import setup as S
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.ui import dialogs
from fazhi_desktop.ui.editor_form import cell, problem_label, set_problems
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.widgets import hint_label


class _Page(QWizardPage):
    def __init__(self, wizard: SetupWizard, names: tuple[str, ...]) -> None:
        super().__init__()
        self._wizard = wizard
        self.names = names

    def validatePage(self) -> bool:
        return self._wizard.check_fields(self.names)


class SetupWizard(QWizard):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sv = services
        self.setWindowTitle(tr("法治工作台账 — 首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.labels: dict[str, QLabel] = {}
        self.unit_code = QLineEdit()
        self.unit_code.setPlaceholderText(tr("如 632801001"))
        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText(tr("如 郭勒木德镇"))
        self.unit_level = QComboBox()
        self.unit_level.addItem(tr("乡镇/街道"), "township")
        self.unit_level.addItem(tr("区县"), "district")
        self.node_name = QLineEdit()
        self.node_name.setPlaceholderText(tr("如 郭勒木德镇司法所-张三"))
        self.node_code = QLineEdit()
        self.node_code.setPlaceholderText(tr("如 GL1"))
        self.node_code.setMaxLength(6)
        self.node_code.textEdited.connect(
            lambda t: self.node_code.setText(t.upper()) if t != t.upper() else None)
        self.operator = QLineEdit()
        self.operator.setPlaceholderText(tr("如 张三"))

        self.addPage(self._page(
            tr("本单位"),
            tr("欢迎使用法治工作台账。请先填写本单位的信息（所属单位代码在各电脑之间保持一致，"
               "汇总上报时按它归类）。"),
            (("unit_code", tr("单位代码"), self.unit_code),
             ("unit_name", tr("单位名称"), self.unit_name),
             ("unit_level", tr("单位层级"), self.unit_level))))
        self.addPage(self._page(
            tr("本机与操作员"),
            tr("本机名称用于同步时让同事认出这台电脑；本机简码（2–6位大写字母或数字）写入每条记录的"
               "编号，同一单位内各电脑不要重复，设定后不能修改。"),
            (("node_name", tr("本机名称"), self.node_name),
             ("node_code", tr("本机简码"), self.node_code),
             ("operator", tr("操作员"), self.operator))))
        self.resize(640, 440)

    def _page(self, title: str, intro: str,
              rows: tuple[tuple[str, str, QWidget], ...]) -> QWizardPage:
        page = _Page(self, tuple(name for name, _t, _w in rows))
        page.setTitle(title)
        layout = QVBoxLayout(page)
        layout.addWidget(hint_label(intro))
        form = QFormLayout()
        for name, text, widget in rows:
            label = problem_label()
            self.labels[name] = label
            form.addRow(text, cell(widget, label))
        layout.addLayout(form)
        layout.addStretch()
        return page

    def info(self) -> S.SetupInfo:
        level = self.unit_level.currentData()
        return S.SetupInfo(unit_code=self.unit_code.text().strip(),
                           unit_name=self.unit_name.text().strip(),
                           node_name=self.node_name.text().strip(),
                           node_code=self.node_code.text().strip().upper(),
                           operator=self.operator.text().strip(),
                           unit_level=str(level))

    def check_fields(self, names: tuple[str, ...]) -> bool:
        problems = [Problem(field, message) for field, message in S.check(self.info())
                    if field in names]
        for name in names:
            set_problems(self.labels[name], [p for p in problems if p.field == name])
        return not problems

    def accept(self) -> None:
        if not self.check_fields(tuple(self.labels)):
            return
        try:
            S.initialise(self._sv.ctx, self.info())
        except FazhiError as exc:
            dialogs.show_error(self, str(exc))
            return
        super().accept()
