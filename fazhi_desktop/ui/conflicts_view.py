"""同步冲突: values that lost a merge, and settling them (issue #4 point 5).

When two colleagues changed the same field without having seen each other's change, the newer
value is in the record and the other is kept as a conflict (``sync.conflicts()``). This view
lists them — record serial, register, field (Chinese label), the value the record holds now on
this PC, the other value, which PC wrote it and when the conflict was found — and settles the
selected ones with 保留现在的值 (``keep="local"``) or 改用另一值 (``keep="incoming"``, which
becomes a new change of this PC). The words are "now / other" rather than "mine / theirs"
because the value that lost may be this PC's own (it is then marked （本机）). A settlement syncs like an edit, so every PC ends up settled the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from fazhi_desktop.domain import registers as R
from fazhi_desktop.sync.conflicts import ConflictView
from fazhi_desktop.ui import dialogs, i18n, modal
from fazhi_desktop.ui.history_view import value_text
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.tasks import Change
from fazhi_desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from fazhi_desktop.ui.mainwindow import MainWindow

ID_ROLE = Qt.ItemDataRole.UserRole + 1

_open: dict[int, ConflictsView] = {}


def show_conflicts(window: MainWindow) -> ConflictsView:
    """File → 同步冲突…: one non-modal view per main window."""
    key = id(window)
    view = _open.get(key)
    if view is None:
        view = ConflictsView(window)
        _open[key] = view
        view.finished.connect(lambda _r: _open.pop(key, None))
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def field_label(conflict: ConflictView) -> str:
    lang = i18n.current()
    if conflict.field == "deleted":
        return tr("回收站（删除/恢复）")
    register = R.REGISTERS.get(conflict.register)
    if register is not None and register.has_field(conflict.field):
        return register.field(conflict.field).label(lang)
    return conflict.field_label


def shown_value(conflict: ConflictView, value: Any) -> str:
    register = R.REGISTERS.get(conflict.register)
    if register is None:
        return str(value)
    return value_text(register, conflict.field, value)


class ConflictsView(QDialog):
    COLUMNS = ("serial", "register", "field", "local", "incoming", "by", "when", "state")

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.setWindowTitle(tr("同步冲突"))
        self.window_ = window
        self.conflicts: list[ConflictView] = []
        self.table = QTableWidget(self)
        self.table.setColumnCount(len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr("记录编号"), tr("台账"), tr("字段"), tr("现在的值"),
                                              tr("另一值"), tr("另一值来自"), tr("发现时间"),
                                              tr("状态")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((140, 80, 100, 200, 200, 200, 120, 90)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.open_record())
        self.count = QLabel(self)
        self.show_settled = QCheckBox(tr("显示已处理的冲突"), self)
        self.show_settled.toggled.connect(lambda _c: self.reload())
        self.keep_local = QPushButton(tr("保留现在的值"), self)
        self.keep_local.setToolTip(tr("记录保持本机现在的值，冲突标记为已处理"))
        self.keep_incoming = QPushButton(tr("改用另一值"), self)
        self.keep_incoming.setToolTip(tr("把记录改为另一值（作为本机的一次修改，会同步给同事）"))
        self.open_button = QPushButton(tr("打开记录"), self)
        close = QPushButton(tr("关闭"), self)
        self.keep_local.clicked.connect(lambda: self.settle_selected("local"))
        self.keep_incoming.clicked.connect(lambda: self.settle_selected("incoming"))
        self.open_button.clicked.connect(self.open_record)
        close.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.count)
        top.addStretch()
        top.addWidget(self.show_settled)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addStretch()
        bottom.addWidget(self.keep_local)
        bottom.addWidget(self.keep_incoming)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint_label(tr("两台电脑在互相同步之前修改了同一字段：记录中现在是较新的修改（现在的值），"
                                       "较早的另一值保留在这里。请核实后选择保留哪一个；处理结果会随同步包传给其他同事。")))
        layout.addLayout(bottom)
        self.resize(1160, 440)
        window.runner.changed.connect(self._on_changed)
        self.reload()

    # --- contents -------------------------------------------------------------------------
    def reload(self) -> None:
        sync = self.window_.services.sync
        self.conflicts = sync.conflicts(include_settled=self.show_settled.isChecked())
        self.table.setRowCount(len(self.conflicts))
        lang = i18n.current()
        here = self.window_.services.ctx.require_identity().node_name
        for row, conflict in enumerate(self.conflicts):
            register = R.REGISTERS.get(conflict.register)
            state = tr("未处理") if not conflict.settled else (
                tr("已保留现在的值") if conflict.settled_keep == "local" else tr("已改用另一值"))
            source = conflict.incoming_by + (tr("（本机）") if conflict.incoming_by == here else "")
            values = [conflict.serial, register.label(lang) if register else conflict.register,
                      field_label(conflict), shown_value(conflict, conflict.local),
                      shown_value(conflict, conflict.incoming), source,
                      modal.when_text(conflict.detected_at), state]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(ID_ROLE, conflict.id)
                if conflict.settled:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        open_count = sum(1 for c in self.conflicts if not c.settled)
        self.count.setText(tr("{n} 处冲突待处理").format(n=open_count) if open_count
                           else tr("没有待处理的同步冲突"))
        self._update_buttons()

    def selected(self) -> list[ConflictView]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.conflicts[row] for row in rows if row < len(self.conflicts)]

    def select(self, conflict_id: str) -> None:
        for row, conflict in enumerate(self.conflicts):
            if conflict.id == conflict_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        chosen = self.selected()
        unsettled = [c for c in chosen if not c.settled]
        self.keep_local.setEnabled(bool(unsettled))
        self.keep_incoming.setEnabled(bool(unsettled))
        self.open_button.setEnabled(len(chosen) == 1)

    # --- actions --------------------------------------------------------------------------
    def settle_selected(self, keep: str) -> int | None:
        chosen = [c for c in self.selected() if not c.settled]
        if not chosen:
            return None
        sync = self.window_.services.sync
        ids = [c.id for c in chosen]
        registers = frozenset(c.register for c in chosen)
        records = frozenset(c.record_id for c in chosen)

        def work(_task: Any) -> list[dict[str, Any]]:
            return [sync.settle(conflict_id, keep) for conflict_id in ids]

        def failed(_exc: BaseException) -> bool:
            self.window_.runner.changed.emit(Change(registers, records, settings=True))
            return False  # the standard error dialog says what was refused

        label = tr("正在处理冲突…")
        return self.window_.runner.run(work, on_error=failed,
                                       changes=Change(registers, records, settings=True),
                                       label=label, parent=self, cancellable=False)

    def open_record(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        try:
            self.window_.open_record(chosen[0].record_id)
        except Exception:  # noqa: BLE001 - the record is not on this PC
            dialogs.show_error(self, tr("记录 {serial} 不在本机，无法打开。").format(
                serial=chosen[0].serial or chosen[0].record_id))

    def _on_changed(self, change: Change) -> None:
        if change.settings or change.registers or change.record_ids:
            self.reload()

    def done(self, result: int) -> None:
        try:
            self.window_.runner.changed.disconnect(self._on_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
