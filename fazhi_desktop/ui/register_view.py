"""One register tab: filter bar, search box and the paged table of records.

The view only asks: it builds a ``Filters`` from its inputs and hands it to its
``RecordTableModel``. Opening, creating and deleting records are requests to the main window
(signals), which owns the editors and the task runner. After any write the main window calls
``on_changed``; the view reloads only when the change touches its register.
"""

from __future__ import annotations

import datetime as dt
import zlib

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import codes
from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import Services
from fazhi_desktop.ui import i18n, prefs
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.table_model import ID_ROLE, RecordTableModel
from fazhi_desktop.ui.tasks import Change, TaskRunner
from fazhi_desktop.ui.widgets import DateField

SEARCH_DELAY_MS = 300
OPEN, CLOSED = "__open__", "__closed__"
PERIODS = ("all", "month", "quarter", "year", "last_year", "custom")


def period_range(period: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The received-on range of a period choice of the filter bar."""
    if period == "month":
        return today.replace(day=1), today
    if period == "quarter":
        first_month = (today.month - 1) // 3 * 3 + 1
        return dt.date(today.year, first_month, 1), today
    if period == "year":
        return dt.date(today.year, 1, 1), today
    if period == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return None, None


def make_table(model: RecordTableModel, parent: QWidget | None = None) -> QTableView:
    """A record table as every list of the app shows it."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(False)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionsMovable(True)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table


class RegisterView(QWidget):
    open_requested = Signal(str)          # record id
    new_requested = Signal(str)           # register
    delete_requested = Signal(list)       # record ids

    def __init__(self, services: Services, register: str, runner: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sv = services
        self.register = register
        self.reg = R.REGISTERS[register]
        self.model = RecordTableModel(services, register, runner=runner, parent=self)
        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._connect()
        self.restore_layout()

    # --- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        today = self._sv.today()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("搜索编号、姓名、身份证号、电话、简要情况（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.addItem(tr("全部状态"), None)
        self.status.addItem(tr("未办结"), OPEN)
        self.status.addItem(tr("已办结"), CLOSED)
        lang = i18n.current()
        for code in codes.codes_of(self.reg.status_codeset):
            self.status.addItem(codes.label(self.reg.status_codeset, code, lang), code)
        self.period = QComboBox(self)
        names = {"all": tr("全部时间"), "month": tr("本月"), "quarter": tr("本季度"),
                 "year": tr("本年"), "last_year": tr("上一年"), "custom": tr("自定义…")}
        for key in PERIODS:
            self.period.addItem(names[key], key)
        self.date_from = DateField(self, today=today)
        self.date_to = DateField(self, today=today)
        self.unit = QComboBox(self)
        self.handler = QLineEdit(self)
        self.handler.setPlaceholderText(tr("承办人"))
        self.handler.setClearButtonEnabled(True)
        self.overdue = QCheckBox(tr("仅显示逾期"), self)
        self.reset_button = QPushButton(tr("清除筛选"), self)
        self.count_label = QLabel(self)

        self.new_button = QPushButton(tr("新建"), self)
        self.open_button = QPushButton(tr("打开"), self)
        self.delete_button = QPushButton(tr("删除"), self)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addWidget(self.delete_button)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("状态")))
        bar.addWidget(self.status)
        bar.addWidget(QLabel(tr("登记日期")))
        bar.addWidget(self.period)
        bar.addWidget(self.date_from)
        self.range_dash = QLabel("–")
        bar.addWidget(self.range_dash)
        bar.addWidget(self.date_to)
        bar.addWidget(QLabel(tr("单位")))
        bar.addWidget(self.unit, 1)
        bar.addWidget(self.handler, 1)
        bar.addWidget(self.overdue)
        bar.addWidget(self.reset_button)
        bar.addStretch()
        bar.addWidget(self.count_label)
        self._show_custom_range(False)

        self.table = make_table(self.model, self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.fill_units()

    def fill_units(self) -> None:
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(tr("全部单位"), None)
        units = self._sv.reader.units()
        parents = {u.code: u.parent_code for u in units}
        for unit in sorted(units, key=lambda u: _tree_key(u.code, parents)):
            depth = len(_tree_key(unit.code, parents)) - 1
            self.unit.addItem("　" * depth + f"{unit.name}（{unit.code}）", unit.code)
        index = self.unit.findData(current) if current else 0
        self.unit.setCurrentIndex(max(index, 0))
        self.unit.blockSignals(False)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.handler.textChanged.connect(lambda _t: self._search_timer.start())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.period.currentIndexChanged.connect(self._on_period)
        self.date_from.changed.connect(self.apply_filters)
        self.date_to.changed.connect(self.apply_filters)
        self.unit.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.overdue.toggled.connect(lambda _b: self.apply_filters())
        self.reset_button.clicked.connect(self.reset_filters)
        self.new_button.clicked.connect(lambda: self.new_requested.emit(self.register))
        self.open_button.clicked.connect(self._open_current)
        self.delete_button.clicked.connect(self._delete_selected)
        self.table.doubleClicked.connect(self._open_index)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sorted)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)

    # --- filters ------------------------------------------------------------------------------
    def current_filters(self) -> Filters:
        today = self._sv.today()
        status = self.status.currentData()
        statuses: list[str] | None
        if status == OPEN:
            statuses = [c for c in codes.codes_of(self.reg.status_codeset)
                        if c not in self.reg.closed_statuses]
        elif status == CLOSED:
            statuses = sorted(self.reg.closed_statuses)
        else:
            statuses = [status] if status else None
        period = self.period.currentData()
        if period == "custom":
            start, end = self.date_from.value(), self.date_to.value()
        else:
            start, end = period_range(period, today)
        return Filters(register=self.register, status=statuses,
                       search=self.search.text().strip() or None,
                       unit=self.unit.currentData(),
                       handler=self.handler.text().strip() or None,
                       received_from=start, received_to=end,
                       overdue_on=today if self.overdue.isChecked() else None)

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_filters(self.current_filters())

    def reset_filters(self) -> None:
        for widget in (self.search, self.handler, self.status, self.period, self.unit,
                       self.overdue):
            widget.blockSignals(True)
        self.search.clear()
        self.handler.clear()
        self.status.setCurrentIndex(0)
        self.period.setCurrentIndex(0)
        self.unit.setCurrentIndex(0)
        self.overdue.setChecked(False)
        for widget in (self.search, self.handler, self.status, self.period, self.unit,
                       self.overdue):
            widget.blockSignals(False)
        self._show_custom_range(False)
        self.apply_filters()

    def show_overdue(self) -> None:
        """Used by the dashboard: this register's overdue records, nothing else filtered."""
        self.reset_filters()
        self.overdue.setChecked(True)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_period(self) -> None:
        self._show_custom_range(self.period.currentData() == "custom")
        self.apply_filters()

    def _show_custom_range(self, visible: bool) -> None:
        for widget in (self.date_from, self.range_dash, self.date_to):
            widget.setVisible(visible)

    def _update_count(self) -> None:
        self.count_label.setText(tr("共 {n} 条").format(n=self.model.rowCount()))

    def _sorted(self, section: int, order: Qt.SortOrder) -> None:
        if self.model.columns[section].sort is None:  # not sortable: put the indicator back
            column, current = self.model.sort_column()
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(column, current)
            header.blockSignals(False)

    # --- records ------------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [rid for rid in (self.model.record_id(r) for r in rows) if rid]

    def _open_index(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id:
            self.open_requested.emit(record_id)

    def _open_current(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_requested.emit(ids[0])

    def _delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.delete_requested.emit(ids)

    def on_changed(self, change: Change) -> None:
        if change.units:
            self.fill_units()
            self.model.units_changed()
        if (change.touches(self.register) or change.units) and self.model.loaded:
            selected = self.selected_ids()
            self.model.reload()
            self._reselect(selected)

    def _reselect(self, ids: list[str]) -> None:
        if not ids:
            return
        wanted = set(ids)
        for row in range(min(self.model.rowCount(), 500)):
            if self.model.record_id(row) in wanted:
                self.table.selectRow(row)
                return

    # --- layout memory ------------------------------------------------------------------------
    def _layout_key(self) -> str:
        """Per register and per column set, so a version that adds a column starts afresh."""
        keys = ",".join(c.key for c in self.model.columns)
        return f"columns/{self.register}-{zlib.crc32(keys.encode()):08x}"

    def save_layout(self) -> None:
        prefs.put(self._layout_key(), self.table.horizontalHeader().saveState())

    def restore_layout(self) -> None:
        header = self.table.horizontalHeader()
        state = prefs.get(self._layout_key())
        if isinstance(state, QByteArray) and not state.isEmpty():
            header.restoreState(state)
        else:
            widths = {"serial": 150, "summary": 260, "party_names": 120, "received_on": 95,
                      "due_on": 95, "closed_on": 95, "deadline": 110, "status": 90}
            for i, column in enumerate(self.model.columns):
                header.resizeSection(i, widths.get(column.key, 100))
            column, order = self.model.sort_column()
            header.setSortIndicator(column, order)
        self.table.setSortingEnabled(True)

    def showEvent(self, event: QShowEvent) -> None:
        if not self.model.loaded:
            self.model.ensure_loaded()
        super().showEvent(event)


def _tree_key(code: str, parents: dict[str, str | None]) -> tuple[str, ...]:
    """Path from the root, so units sort as a tree (parent before its children)."""
    path = [code]
    seen = {code}
    while (parent := parents.get(path[-1])) and parent not in seen:
        path.append(parent)
        seen.add(parent)
    return tuple(reversed(path))
