"""The unit tree (区县 → 乡镇/街道 → 村/社区 → 网格) and adding a unit below another."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.services import Services
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.tasks import Change, TaskRunner


def level_label(level: str) -> str:
    return {"district": tr("区县"), "township": tr("乡镇/街道"), "village": tr("村/社区"),
            "grid": tr("网格")}.get(level, level)


class AddUnitDialog(QDialog):
    def __init__(self, parent_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("添加下级单位 — {name}").format(name=parent_name))
        self.code = QLineEdit(self)
        self.name = QLineEdit(self)
        self.level = QComboBox(self)
        for level in ("township", "village", "grid", "district"):
            self.level.addItem(level_label(level), level)
        form = QFormLayout()
        form.addRow(tr("单位代码"), self.code)
        form.addRow(tr("单位名称"), self.name)
        form.addRow(tr("层级"), self.level)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class UnitsPage(QWidget):
    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sv = services
        self._runner = runner
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([tr("单位名称"), tr("代码"), tr("层级")])
        self.tree.setColumnWidth(0, 240)
        self.add_button = QPushButton(tr("添加下级单位…"), self)
        self.add_button.clicked.connect(self.add_child)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        units = self._sv.units.all()
        items: dict[str, QTreeWidgetItem] = {}
        pending = list(units)
        while pending:
            rest = []
            for unit in pending:
                parent = items.get(unit.parent_code or "")
                if unit.parent_code and parent is None and \
                        any(u.code == unit.parent_code for u in units):
                    rest.append(unit)
                    continue
                item = QTreeWidgetItem([unit.name, unit.code, level_label(unit.level)])
                if parent is not None:
                    parent.addChild(item)
                else:
                    self.tree.addTopLevelItem(item)
                items[unit.code] = item
            if len(rest) == len(pending):  # a cycle: show the rest at the top
                for unit in rest:
                    self.tree.addTopLevelItem(QTreeWidgetItem([unit.name, unit.code,
                                                               level_label(unit.level)]))
                break
            pending = rest
        self.tree.expandAll()

    def add_child(self) -> None:
        current = self.tree.currentItem()
        who = self._sv.ctx.require_identity()
        parent_code = current.text(1) if current else who.unit_code
        parent_name = current.text(0) if current else who.unit_name
        dialog = AddUnitDialog(parent_name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        code, name, level = dialog.code.text(), dialog.name.text(), dialog.level.currentData()
        units = self._sv.units
        self._runner.run(lambda _t: units.add(code, name, parent_code, level),
                         on_done=lambda _u: self.reload(), changes=Change(units=True),
                         parent=self, cancellable=False)
