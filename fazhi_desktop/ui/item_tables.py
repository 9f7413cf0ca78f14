"""Editable lists inside a record: parties (当事人) and lawsuit hearings (开庭及出庭情况).

One ``ItemTable`` serves both, built from the sub-field descriptions of
``domain.registers`` (``PARTY_FIELDS``, ``HEARING_FIELDS``): text cells are plain items,
code fields drop-downs, dates ``DateField``s, yes/no fields ``BoolCombo``s. ``value()``
returns the raw rows (blank rows dropped); the editor coerces and validates them with the
same domain functions as every importer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import registers as R
from fazhi_desktop.ui import i18n
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.widgets import BoolCombo, CodeCombo, DateField

DEFAULT_ROLE = {"disputes": "applicant", "petitions": "petitioner", "lawsuits": "plaintiff",
                "reviews": "other"}
_WIDTHS = {"name": 90, "role": 90, "id_number": 170, "phone": 120, "address": 200,
           "held_on": 130, "head_attended": 70, "attendee_name": 90, "attendee_title": 90,
           "attendee_rank": 70, "absence_reason": 150, "delegate_name": 100}


class ItemTable(QWidget):
    changed = Signal()

    def __init__(self, fields: tuple[R.Field, ...], *, defaults: dict[str, Any] | None = None,
                 add_text: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = fields
        self.keys = [f.name for f in fields]
        self.defaults = defaults or {}
        self._today = today
        lang = i18n.current()
        self.table = QTableWidget(0, len(fields), self)
        self.table.setHorizontalHeaderLabels([f.label(lang) for f in fields])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        for i, key in enumerate(self.keys):
            header.resizeSection(i, _WIDTHS.get(key, 100))
        header.setSectionResizeMode(len(fields) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton(tr("删除所选行"), self)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def column(self, key: str) -> int:
        return self.keys.index(key)

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        values = {**self.defaults, **(values or {})}
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for col, spec in enumerate(self.fields):
            value = values.get(spec.name)
            if spec.kind == R.CODE:
                assert spec.codeset is not None
                combo = CodeCombo(spec.codeset)
                combo.set_value(value)
                combo.changed.connect(self.changed.emit)
                self.table.setCellWidget(row, col, combo)
            elif spec.kind == R.DATE:
                date = DateField(today=self._today)
                date.set_value(value)
                date.changed.connect(self.changed.emit)
                self.table.setCellWidget(row, col, date)
            elif spec.kind == R.BOOL:
                flag = BoolCombo()
                flag.set_value(value)
                flag.changed.connect(self.changed.emit)
                self.table.setCellWidget(row, col, flag)
            else:
                self.table.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))
        self.table.blockSignals(False)
        self.changed.emit()
        return row

    def set_cell(self, row: int, key: str, value: Any) -> None:
        col = self.column(key)
        widget = self.table.cellWidget(row, col)
        if widget is not None:
            widget.set_value(value)  # type: ignore[attr-defined]
        else:
            item = self.table.item(row, col)
            assert item is not None
            item.setText("" if value is None else str(value))

    def cell(self, row: int, key: str) -> Any:
        col = self.column(key)
        widget = self.table.cellWidget(row, col)
        if widget is not None:
            return widget.value()  # type: ignore[attr-defined]
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()},
                      reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def value(self) -> list[dict[str, Any]]:
        """The rows as raw values (text stays text); rows with nothing typed are left out."""
        out = []
        for row in range(self.table.rowCount()):
            item = {key: self.cell(row, key) for key in self.keys}
            typed = [v for k, v in item.items()
                     if v not in (None, "") and not (k in self.defaults and v == self.defaults[k])]
            if typed:
                out.append({k: (None if v == "" else v) for k, v in item.items()})
        return out

    def set_value(self, items: list[dict[str, Any]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        for item in items:
            self.add_row(item)


def parties_table(register: str, today: dt.date, parent: QWidget | None = None) -> ItemTable:
    return ItemTable(R.PARTY_FIELDS, defaults={"role": DEFAULT_ROLE[register]},
                     add_text=tr("添加当事人"), today=today, parent=parent)


def hearings_table(today: dt.date, parent: QWidget | None = None) -> ItemTable:
    return ItemTable(R.HEARING_FIELDS, add_text=tr("添加开庭记录"), today=today, parent=parent)
