"""The record editor: create or edit one record of any register.

Built from the register's field description (``domain.registers``), so the four registers
share one editor. As the user types, the record is checked with the domain's own
``validate_record`` and every problem is shown under its field, in Chinese, before anything
is saved; the due date is recomputed (``records.deadline_rule``) and shown with the rule
that produced it. Saving (Ctrl+S) runs on the task runner; if the service still refuses
(``ValidationError``), its problems are shown the same way and nothing is saved. Closing
with unsaved changes asks (``dialogs.ask_save_changes``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import deadlines
from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.problems import Problem
from fazhi_desktop.domain.validation import validate_record
from fazhi_desktop.services import Services
from fazhi_desktop.services.errors import ValidationError
from fazhi_desktop.ui import columns as C
from fazhi_desktop.ui import dialogs, i18n
from fazhi_desktop.ui.attachments_pane import AttachmentsPane
from fazhi_desktop.ui.editor_form import ERROR_STYLE, WARNING_STYLE, FieldForm, cell
from fazhi_desktop.ui.history_view import HistoryView
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.item_tables import hearings_table, parties_table
from fazhi_desktop.ui.tasks import Change, TaskRunner

VALIDATE_DELAY_MS = 200
BASIC_LEFT = ["unit_code", "received_on", "status", "handler", "closed_on"]
_NOT_SPECIFIC = {f.name for f in R.COMMON_FIELDS} | {"hearings", "defence_due"}


class RecordEditor(QDialog):
    saved = Signal(str)             # record id, after a successful save
    delete_requested = Signal(str)  # record id
    new_requested = Signal(str)     # register

    def __init__(self, services: Services, runner: TaskRunner, register: str | None = None,
                 record_id: str | None = None, parent: QWidget | None = None) -> None:
        """A new record of ``register``, or the stored record ``record_id``."""
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self._sv = services
        self._runner = runner
        self.record: dict[str, Any] | None = services.records.get(record_id) if record_id \
            else None
        self.reg = R.REGISTERS[self.record["register"] if self.record else str(register)]
        self.today = services.ctx.today()
        self.dirty = False
        self.saving = False
        self._loading = False
        self._close_after_save = False
        self.problems: list[Problem] = []
        self.form = FieldForm(self.reg, self.today, services.units.all(), self._on_change)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self.validate)
        self._build()
        self._load(self.record or self._defaults())
        self.resize(960, 680)

    @property
    def record_id(self) -> str | None:
        return self.record["id"] if self.record else None

    # --- building --------------------------------------------------------------------------
    def _build(self) -> None:
        lang = i18n.current()
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs = QTabWidget(self)

        basic = QWidget()
        columns = QHBoxLayout()
        columns.addWidget(self.form.form(BASIC_LEFT), 1)
        columns.addWidget(self._deadline_box(), 1)
        basic_layout = QVBoxLayout(basic)
        basic_layout.addLayout(columns)
        basic_layout.addWidget(self.form.form(["summary"]))
        self.parties = parties_table(self.reg.name, self.today)
        parties_title = QLabel(self.reg.field("parties").label(lang))
        basic_layout.addWidget(parties_title)
        basic_layout.addWidget(self._table_page(self.parties, "parties"), 1)
        basic_layout.addWidget(self.form.form(["note"]))
        self.tabs.addTab(basic, tr("基本信息"))

        specific = [f.name for f in self.reg.fields if f.name not in _NOT_SPECIFIC]
        half = (len(specific) + 1) // 2
        details = QWidget()
        row = QHBoxLayout(details)
        row.addWidget(self.form.form(specific[:half]), 1)
        row.addWidget(self.form.form(specific[half:]), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(details)
        self.tabs.addTab(scroll, tr("办理情况"))

        self.hearings = None
        if self.reg.has_field("hearings"):
            self.hearings = hearings_table(self.today)
            self.tabs.addTab(self._table_page(self.hearings, "hearings"),
                             self.reg.field("hearings").label(lang))
        self.attachments = AttachmentsPane(self._sv, self._runner, self)  # issue 7: 附件
        self.attachments.changed.connect(self._load_history)
        self.tabs.addTab(self.attachments, tr("附件"))
        self.history = HistoryView(self.reg)
        self.history_tab = self.tabs.addTab(self.history, tr("修改记录"))
        self._tab_titles = [self.tabs.tabText(i) for i in range(self.tabs.count())]

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.delete_button = QPushButton(tr("删除"), self)
        self.save_button = QPushButton(tr("保存") + " (Ctrl+S)", self)
        self.save_button.setDefault(True)
        self.close_button = QPushButton(tr("关闭"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.close)
        self.delete_button.clicked.connect(self._request_delete)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())
        QShortcut(QKeySequence.StandardKey.New, self,
                  activated=lambda: self.new_requested.emit(self.reg.name))

    def _deadline_box(self) -> QWidget:
        lang = i18n.current()
        due = self.form.make("due_on")
        reason = self.form.make("due_override_reason")
        self.override = QCheckBox(tr("手动调整期限"))
        self.override.toggled.connect(self._on_override)
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.rule_label.setStyleSheet("color: #444;")
        line = QHBoxLayout()
        line.addWidget(due.widget)
        line.addWidget(self.override)
        line.addStretch()
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addLayout(line)
        holder_layout.addWidget(self.rule_label)
        holder_layout.addWidget(due.problem_label)
        form.addRow(due.spec.label(lang), holder)
        form.addRow(reason.spec.label(lang), cell(reason.widget, reason.problem_label))
        self.defence_label = None
        if self.reg.has_field("defence_due"):
            self.defence_label = QLabel()
            form.addRow(self.reg.field("defence_due").label(lang), self.defence_label)
        return box

    def _table_page(self, table: Any, name: str) -> QWidget:
        label = self.form.add_table(name, table)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table, 1)
        layout.addWidget(label)
        return page

    # --- loading ---------------------------------------------------------------------------
    def _defaults(self) -> dict[str, Any]:
        who = self._sv.ctx.require_identity()
        record: dict[str, Any] = {f.name: None for f in self.reg.fields}
        record.update(register=self.reg.name, status=self.reg.initial_status,
                      unit_code=who.unit_code, received_on=self.today, parties=[],
                      handler=who.operator)
        if self.reg.has_field("hearings"):
            record["hearings"] = []
        if self.reg.name == "petitions":
            record["review_stage"] = "none"
        return record

    def _load(self, record: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.form.set_values(record)
            self.override.setChecked(bool(record.get("due_override_reason")))
            self._on_override(self.override.isChecked())
        finally:
            self._loading = False
        self.dirty = False
        self._update_header()
        self.delete_button.setEnabled(self.record is not None)
        self.tabs.setTabEnabled(self.history_tab, self.record is not None)
        self._load_history()
        self.attachments.set_record(self.record_id)
        self.validate()

    def _load_history(self) -> None:
        if self.record is not None:
            self.history.set_entries(self._sv.records.history(self.record["id"]))

    def _update_header(self) -> None:
        lang = i18n.current()
        if self.record is None:
            title = tr("新建{register}记录").format(register=self.reg.label(lang))
            self.header.setText(tr("新记录：保存后自动编号。带 * 的为必填项。"))
        else:
            title = f"{self.reg.label(lang)} — {self.record['serial']}"
            updated = self.record.get("updated_at")
            when = updated.astimezone().strftime("%Y-%m-%d %H:%M") if updated else ""
            self.header.setText(tr("编号 {serial}　最后修改：{who} {when}").format(
                serial=self.record["serial"], who=self.record.get("updated_by") or "",
                when=when))
        self.setWindowTitle(title + (" *" if self.dirty else ""))

    # --- live checking ---------------------------------------------------------------------
    def _on_change(self) -> None:
        if self._loading:
            return
        if not self.dirty:
            self.dirty = True
            self._update_header()
        self._timer.start()

    def _on_override(self, checked: bool) -> None:
        self.form.inputs["due_on"].widget.set_read_only(not checked)  # type: ignore[attr-defined]
        self.form.inputs["due_override_reason"].widget.setEnabled(checked)
        if not checked and not self._loading:
            self.form.inputs["due_override_reason"].set(None)
        self._on_change()

    def compose(self) -> tuple[dict[str, Any], dict[str, Any], list[Problem]]:
        """(the record as it would be saved, the typed form values, reading problems)."""
        values, problems = self.form.values()
        record = dict(self.record) if self.record else self._defaults()
        record.update(values)
        if self.reg.name == "petitions" and record.get("status") == "replied" \
                and record.get("closed_on") is None and record.get("replied_on"):
            record["closed_on"] = record["replied_on"]  # as the service derives it
        computed = self._sv.records.deadline_rule({**record, "register": self.reg.name})
        if self.override.isChecked():
            rule = tr("按规则应为 {due}（{rule}）").format(
                due=computed.due_on.isoformat() if computed.due_on else "—", rule=computed.rule)
            if not values.get("due_override_reason"):
                problems.append(Problem("due_override_reason", "手动修改办理期限须写明理由"))
        else:
            record["due_on"] = computed.due_on
            record["due_override_reason"] = None
            rule = computed.rule or tr("（填写登记日期等信息后自动计算）")
            self._loading, was = True, self._loading
            self.form.inputs["due_on"].set(computed.due_on)
            self._loading = was
        late = C.deadline_text(record, self.today)
        self.rule_label.setText(tr("计算依据：") + rule + (f"　⚠ {late}" if late else ""))
        if self.defence_label is not None:
            due = deadlines.defence_due(record, self._sv.ctx.rules, self._sv.ctx.calendar)
            self.defence_label.setText(due.isoformat() if due else "—")
        return record, values, problems

    def validate(self) -> list[Problem]:
        """Check the form now; show and return every problem (errors and warnings)."""
        self._timer.stop()
        record, _values, problems = self.compose()
        previous = self.record["status"] if self.record else None
        problems = problems + validate_record(self.reg, record, self.today, previous)
        self.show_problems(problems)
        return problems

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        unplaced = self.form.show_problems(problems)
        errors = [p for p in problems if p.is_error]
        warnings = [p for p in problems if not p.is_error]
        if errors:
            text = tr("✖ 有 {n} 处错误，改正后才能保存。").format(n=len(errors))
            self.summary.setStyleSheet(ERROR_STYLE)
        elif warnings:
            text = tr("⚠ 有 {n} 处提醒，可以保存，但请核对。").format(n=len(warnings))
            self.summary.setStyleSheet(WARNING_STYLE)
        else:
            text = ""
        if unplaced:
            text += "\n" + "\n".join(("✖ " if p.is_error else "⚠ ") + p.message
                                     for p in unplaced)
        self.summary.setText(text)
        self.summary.setVisible(bool(text))
        marked = {self._tab_of(p.field) for p in errors}
        for index, title in enumerate(self._tab_titles):
            self.tabs.setTabText(index, title + (" ✖" if index in marked else ""))

    def _tab_of(self, field: str) -> int:
        found = self.form.inputs.get(field)
        return self._tab_of_widget(found.widget) if found else -1

    # --- saving ----------------------------------------------------------------------------
    def changes(self, values: dict[str, Any]) -> dict[str, Any]:
        """What to send to the service: new record → every filled field; edit → the diff."""
        values = dict(values)
        if not self.override.isChecked():
            values.pop("due_on", None)
            values["due_override_reason"] = None
        if self.record is None:
            return {k: v for k, v in values.items() if v not in (None, [], "")}
        return {k: v for k, v in values.items() if v != self.record.get(k)}

    def save(self, *, close_after: bool = False) -> bool:
        """Start saving; False when there is nothing valid to save (problems are shown)."""
        if self.saving:
            return False
        problems = self.validate()
        if any(p.is_error for p in problems):
            first = self.form.first_with_problem(problems)
            if first is not None:
                self.tabs.setCurrentIndex(max(self._tab_of_widget(first), 0))
                first.setFocus()
            return False
        _record, values, _ = self.compose()
        changes = self.changes(values)
        if self.record is not None and not changes:
            self.dirty = False
            self._update_header()
            if close_after:
                self.close()
            return True
        self.saving = True
        self._close_after_save = close_after
        self.save_button.setEnabled(False)
        register, record_id = self.reg.name, self.record_id
        records = self._sv.records
        if record_id is None:
            def work(_task: Any) -> dict[str, Any]:
                return records.create(register, changes)
        else:
            def work(_task: Any) -> dict[str, Any]:
                return records.update(record_id, changes)
        self._runner.run(work, on_done=self._saved, on_error=self._save_failed,
                         changes=lambda rec: Change.of(register, ids=(rec["id"],)),
                         label=tr("正在保存…"), parent=self, cancellable=False)
        return True

    def _saved(self, record: dict[str, Any]) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.record = self._sv.records.get(record["id"])
        self._load(self.record)
        self.saved.emit(record["id"])
        if self._close_after_save:
            self.close()

    def _save_failed(self, exc: BaseException) -> bool:
        self.saving = False
        self._close_after_save = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_problems([p for _i, p in exc.problems])
            return True
        return False

    def _tab_of_widget(self, widget: QWidget) -> int:
        current: QWidget | None = widget
        while current is not None:
            index = self.tabs.indexOf(current)
            if index >= 0:
                return index
            current = current.parentWidget()
        return -1

    # --- closing and deleting ----------------------------------------------------------------
    def _request_delete(self) -> None:
        if self.record_id:
            self.delete_requested.emit(self.record_id)

    def reload_if_clean(self) -> None:
        """After someone else's write to this record (sync, undo): show the stored version."""
        if self.record_id and not self.dirty and not self.saving:
            try:
                self.record = self._sv.records.get(self.record_id)
            except Exception:  # noqa: BLE001 - gone: keep what is shown
                return
            self._load(self.record)

    def force_close(self) -> None:
        self.dirty = False
        self.close()

    def reject(self) -> None:  # Esc goes through the same question as the close button
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.saving:
            event.ignore()
            return
        if self.dirty:
            answer = dialogs.ask_save_changes(
                self, tr("“{title}”有尚未保存的修改，要保存吗？").format(
                    title=self.windowTitle().rstrip(" *")))
            if answer == dialogs.CANCEL:
                event.ignore()
                return
            if answer == dialogs.SAVE:
                event.ignore()
                self.save(close_after=True)
                return
        self.dirty = False
        event.accept()
