"""回收站: records moved to the recycle bin, from every register, and restoring them.

A delete is only a flag (``records.delete``); restoring (``records.restore``) brings the
record back intact, and both sync like an edit. Restoring runs on the task runner; the
``changed`` signal then refreshes this list, the register tab and the dashboard.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import Services
from fazhi_desktop.ui import i18n
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.register_view import make_table
from fazhi_desktop.ui.table_model import RecordTableModel
from fazhi_desktop.ui.tasks import Change, TaskRunner


class RecycleBin(QDialog):
    restored = Signal(list)   # record ids

    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("回收站"))
        self._sv = services
        self._runner = runner
        self.model = RecordTableModel(services, None, runner=runner,
                                      filters=Filters(deleted=True, order_by="updated_at"),
                                      parent=self)
        self.register = QComboBox(self)
        self.register.addItem(tr("全部台账"), None)
        for name, reg in R.REGISTERS.items():
            self.register.addItem(reg.label(i18n.current()), name)
        self.register.currentIndexChanged.connect(lambda _i: self.reload())
        self.model.completed.connect(self._update_count)
        self.table = make_table(self.model, self)
        self.table.setSortingEnabled(False)
        self.count = QLabel(self)
        self.restore_button = QPushButton(tr("恢复所选记录"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(tr("关闭"), self)
        close.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("台账")))
        top.addWidget(self.register)
        top.addStretch()
        top.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(tr("删除的记录保留在回收站中，可随时恢复。")))
        bottom.addStretch()
        bottom.addWidget(self.restore_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1000, 560)
        self.reload()

    def reload(self) -> None:
        self.model.set_filters(Filters(register=self.register.currentData(), deleted=True))
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(tr("共 {n} 条").format(n=self.model.rowCount()))

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [rid for rid in (self.model.record_id(r) for r in rows) if rid]

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        records = self._sv.records

        def work(task: object) -> list[dict[str, object]]:
            return [records.restore(rid) for rid in ids]

        self._runner.run(work, on_done=lambda _r: self.restored.emit(ids),
                         changes=lambda rs: Change(frozenset(r["register"] for r in rs),
                                                   frozenset(ids)),
                         label=tr("正在恢复…"), parent=self)

    def on_changed(self, change: Change) -> None:
        if change.registers or change.record_ids:
            self.reload()
