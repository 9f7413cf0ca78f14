"""设置: unit and PC, operator, deadline rules, holiday schedules, language.

Operator and deadline rules are saved (through the task runner) when the dialog is accepted;
holiday years are imported, edited or removed at once with their own buttons; the language
is a per-user preference that takes effect when the main window is rebuilt (restart).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import codes
from fazhi_desktop.domain.deadlines import DeadlineRules
from fazhi_desktop.services import Services, calendar_admin
from fazhi_desktop.services import setup as S
from fazhi_desktop.ui import i18n, prefs
from fazhi_desktop.ui.holidays_page import HolidaysPage
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.sync_settings import SyncPage
from fazhi_desktop.ui.tasks import Change, TaskRunner
from fazhi_desktop.ui.units_page import UnitsPage
from fazhi_desktop.ui.widgets import hint_label


def _spin(value: int, low: int = 1, high: int = 365, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(int(value))
    box.setSuffix(suffix)
    box.setMaximumWidth(140)
    return box


class SettingsDialog(QDialog):
    language_changed = Signal(str)

    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("设置"))
        self._sv = services
        self._runner = runner
        self.tabs = QTabWidget(self)
        self.units_page = UnitsPage(services, runner, self)
        self.tabs.addTab(self._office_page(), tr("单位与本机"))
        self.tabs.addTab(self._rules_page(), tr("办理期限规则"))
        self.holidays = HolidaysPage(services, runner, self)
        self.tabs.addTab(self.holidays, tr("节假日安排"))
        self.tabs.addTab(self._language_page(), tr("语言"))
        self.sync_page = SyncPage(services, runner, self)
        self.tabs.addTab(self.sync_page, tr("同步"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)

    # --- pages ------------------------------------------------------------------------------
    def _office_page(self) -> QWidget:
        who = self._sv.ctx.require_identity()
        page = QWidget()
        form = QFormLayout()
        form.addRow(tr("本单位"), QLabel(f"{who.unit_name}（{who.unit_code}）"))
        self.node_name = QLineEdit(who.node_name)
        form.addRow(tr("本机名称"), self.node_name)
        form.addRow(tr("本机简码"), QLabel(who.node_code))
        self.operator = QLineEdit(who.operator)
        form.addRow(tr("操作员"), self.operator)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(hint_label(tr("操作员的姓名写入此后的每一次修改记录。本机简码写在每条记录的编号里，"
                                       "设定后不能更改。")))
        box = QGroupBox(tr("单位（本单位及下级单位）"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.units_page)
        layout.addWidget(box, 1)
        return page

    def _rules_page(self) -> QWidget:
        rules = self._sv.ctx.rules
        lang = i18n.current()
        days, workdays = tr(" 日"), tr(" 个工作日")
        self.rule_boxes: dict[str, QSpinBox] = {
            "dispute_days": _spin(rules.dispute_days, suffix=days),
            "petition_accept_days": _spin(rules.petition_accept_days, suffix=days),
            "petition_handle_days": _spin(rules.petition_handle_days, suffix=days),
            "petition_max_extension_days": _spin(rules.petition_max_extension_days, 0,
                                                 suffix=days),
            "petition_review_days": _spin(rules.petition_review_days, suffix=days),
            "lawsuit_defence_days": _spin(rules.lawsuit_defence_days, suffix=days),
        }
        self.hotline_box = _spin(rules.channel_workdays.get("hotline_12345", 5),
                                 suffix=workdays)
        self.review_boxes = {code: _spin(rules.review_workdays.get(code, 7), suffix=workdays)
                             for code in codes.codes_of("review_type")}
        self.roll = QCheckBox(tr("期限最后一日为节假日的，顺延至节假日后的第一个工作日"))
        self.roll.setChecked(rules.roll_to_workday)
        page = QWidget()
        form = QFormLayout()
        labels = {"dispute_days": tr("矛盾纠纷调处期限（自登记）"),
                  "petition_accept_days": tr("信访：决定是否受理（自收到）"),
                  "petition_handle_days": tr("信访：办理期限（自受理）"),
                  "petition_max_extension_days": tr("信访：最长延长"),
                  "petition_review_days": tr("信访：复查/复核答复期限"),
                  "lawsuit_defence_days": tr("行政应诉：提交答辩（自收到起诉状副本）")}
        for key, box in self.rule_boxes.items():
            form.addRow(labels[key], box)
        form.addRow(tr("12345热线工单办结期限"), self.hotline_box)
        for code, box in self.review_boxes.items():
            form.addRow(tr("合法性审查：") + codes.label("review_type", code, lang), box)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.roll)
        layout.addWidget(hint_label(tr("修改后的规则用于此后新建或修改的记录；已保存记录的办理期限在下次保存时按新规则重新计算。")))
        layout.addStretch()
        return page

    def _language_page(self) -> QWidget:
        page = QWidget()
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(i18n.current()), 0))
        form = QFormLayout()
        form.addRow(tr("界面语言"), self.language)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(hint_label(tr("切换语言后主窗口会重新打开（未保存的编辑窗口会先询问）。")))
        layout.addStretch()
        return page

    # --- applying ---------------------------------------------------------------------------
    def collected_rules(self) -> DeadlineRules:
        rules = DeadlineRules.from_dict(self._sv.ctx.rules.to_dict())
        for key, box in self.rule_boxes.items():
            setattr(rules, key, box.value())
        rules.channel_workdays = {**rules.channel_workdays, "hotline_12345": self.hotline_box.value()}
        rules.review_workdays = {code: box.value() for code, box in self.review_boxes.items()}
        rules.roll_to_workday = self.roll.isChecked()
        return rules

    def accept(self) -> None:
        operator = self.operator.text().strip()
        rules = self.collected_rules()
        ctx = self._sv.ctx
        jobs: list[Any] = []
        if operator != ctx.require_identity().operator:
            jobs.append(lambda: S.set_operator(ctx, operator))
        node_name = self.node_name.text().strip()
        if node_name != ctx.require_identity().node_name:
            jobs.append(lambda: S.set_node_name(ctx, node_name))
        if rules.to_dict() != ctx.rules.to_dict():
            jobs.append(lambda: calendar_admin.set_rules(ctx, rules))
        if jobs:
            def work(_task: object) -> None:
                for job in jobs:
                    job()
            self._runner.run(work, changes=Change(settings=True), label=tr("正在保存设置…"),
                             parent=self.parentWidget(), cancellable=False)
        lang = self.language.currentData()
        super().accept()
        if lang != i18n.current():
            prefs.put(i18n.SETTINGS_KEY, lang)
            self.language_changed.emit(lang)
