"""工作台: per register in-progress / overdue / due-soon counts, and the items themselves.

Counts come from ``reader.deadline_counts``, the list from ``reader.deadline_items``
(open records overdue or due within three days, earliest first). Clicking a count opens the
register with that filter; double-clicking an item opens its editor. A search box here
searches every register at once (the results replace the deadline list until cleared).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import Services
from fazhi_desktop.ui import columns as C
from fazhi_desktop.ui import i18n
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.register_view import make_table
from fazhi_desktop.ui.table_model import _BACKGROUND, ID_ROLE, RecordTableModel, deadline_icon
from fazhi_desktop.ui.tasks import Change, TaskRunner

Index = QModelIndex | QPersistentModelIndex
ITEM_KEYS = ("deadline", "register", "serial", "summary", "handler", "due_on", "status")
ITEMS_SHOWN = 500   # the most urgent items listed; the counts and the greeting cover them all


class DeadlineItemsModel(QAbstractTableModel):
    """The overdue and due-soon records of every register (a short list: open records only)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[dict[str, Any]] = []
        self.today = dt.date.today()

    def set_items(self, items: list[dict[str, Any]], today: dt.date) -> None:
        self.beginResetModel()
        self.items = items
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ITEM_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(ITEM_KEYS):
            return C.header(None, ITEM_KEYS[section])
        return str(section + 1) if orientation == Qt.Orientation.Vertical else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items) \
                or not 0 <= index.column() < len(ITEM_KEYS):
            return None
        item = self.items[index.row()]
        key = ITEM_KEYS[index.column()]
        level = C.deadline_level(item, self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "deadline":
                return C.deadline_text(item, self.today)
            if key == "summary":
                return " ".join(str(item.get("summary") or "").split())
            return C.display(item["register"], key, item.get(key) if key != "register"
                             else item["register"])
        if role == ID_ROLE:
            return item["id"]
        if role == Qt.ItemDataRole.BackgroundRole and level in _BACKGROUND:
            return QBrush(_BACKGROUND[level])
        if role == Qt.ItemDataRole.DecorationRole and key == "deadline":
            return deadline_icon(level)
        return None


class Dashboard(QWidget):
    open_requested = Signal(str)             # record id
    register_requested = Signal(str, bool)   # register, overdue only

    def __init__(self, services: Services, runner: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sv = services
        self.counts: dict[str, dict[str, int]] = {}
        self.items_model = DeadlineItemsModel(self)
        self.search_model = RecordTableModel(services, None, runner=runner, parent=self)
        self.search_model.completed.connect(self._update_title)
        self._count_buttons: dict[tuple[str, str], QToolButton] = {}
        self._stale = True    # refreshed when first shown (a register tab may open first)
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.run_search)

    def _build(self) -> None:
        lang = i18n.current()
        self.greeting = QLabel(self)
        font = self.greeting.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.greeting.setFont(font)
        cards = QHBoxLayout()
        for name, reg in R.REGISTERS.items():
            box = QGroupBox(reg.label(lang), self)
            grid = QGridLayout(box)
            for col, (key, text) in enumerate((("in_progress", tr("在办")),
                                               ("overdue", tr("已逾期")),
                                               ("due_soon", tr("3日内到期")))):
                button = QToolButton(box)
                button.setText("0")
                button.setAutoRaise(True)
                big = QFont(button.font())
                big.setPointSizeF(big.pointSizeF() * 1.8)
                big.setBold(True)
                button.setFont(big)
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.setToolTip(tr("点击查看"))
                button.clicked.connect(
                    lambda _c=False, n=name, k=key: self.register_requested.emit(n, k == "overdue"))
                self._count_buttons[(name, key)] = button
                grid.addWidget(button, 0, col, Qt.AlignmentFlag.AlignCenter)
                label = QLabel(text, box)
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                grid.addWidget(label, 1, col)
            cards.addWidget(box, 1)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("在全部台账中搜索：编号、姓名、身份证号、电话、简要情况（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.list_title = QLabel(self)
        title_font = self.list_title.font()
        title_font.setBold(True)
        self.list_title.setFont(title_font)

        self.items_table = QTableView(self)
        self.items_table.setModel(self.items_model)
        self.items_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.items_table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.items_table.verticalHeader().hide()
        self.items_table.horizontalHeader().setStretchLastSection(True)
        self.items_table.setWordWrap(False)
        for col, width in enumerate((110, 90, 150, 360, 80, 95)):
            self.items_table.setColumnWidth(col, width)
        self.items_table.doubleClicked.connect(self._open)
        self.search_table = make_table(self.search_model, self)
        self.search_table.setSortingEnabled(False)
        self.search_table.doubleClicked.connect(self._open)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.items_table)
        self.stack.addWidget(self.search_table)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addLayout(cards)
        layout.addWidget(line)
        layout.addWidget(self.search)
        layout.addWidget(self.list_title)
        layout.addWidget(self.stack, 1)

    # --- data -------------------------------------------------------------------------------
    def ensure_fresh(self) -> None:
        """Refresh if something changed since the last refresh (or it never ran)."""
        if self._stale:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_fresh()
        super().showEvent(event)

    def refresh(self) -> None:
        today = self._sv.today()
        who = self._sv.identity()
        self.counts = self._sv.reader.deadline_counts(today)
        for (name, key), button in self._count_buttons.items():
            value = self.counts.get(name, {}).get(key, 0)
            button.setText(str(value))
            warn = key == "overdue" and value > 0
            button.setStyleSheet("color: #b3261e;" if warn else "")
        items = self._sv.reader.deadline_items(today, limit=ITEMS_SHOWN)
        self.items_model.set_items(items, today)
        overdue = self.total_overdue()  # all of them: the list shows the most urgent only
        self.greeting.setText(tr("今天是 {date}，{unit}。").format(
            date=today.isoformat(), unit=who.unit_name if who else "")
            + (tr("共有 {n} 件事项已逾期，请及时处理。").format(n=overdue) if overdue
               else tr("没有逾期事项。")))
        self._update_title()
        self._stale = False

    def total_overdue(self) -> int:
        return sum(c.get("overdue", 0) for c in self.counts.values())

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search.text().strip()
        if text:
            self.search_model.set_filters(Filters(search=text))
            self.stack.setCurrentWidget(self.search_table)
        else:
            self.stack.setCurrentWidget(self.items_table)
        self._update_title()

    def _update_title(self) -> None:
        if self.stack.currentWidget() is self.search_table:
            self.list_title.setText(tr("搜索结果：{n} 条（双击打开）").format(
                n=self.search_model.rowCount()))
        else:
            shown = self.items_model.rowCount()
            total = sum(c.get("overdue", 0) + c.get("due_soon", 0) for c in self.counts.values())
            text = tr("已逾期和3日内到期的事项：{n} 件（双击打开）").format(n=total) if total <= shown \
                else tr("已逾期和3日内到期的事项：共 {total} 件，列出最紧急的 {n} 件（双击打开）").format(
                    total=total, n=shown)
            self.list_title.setText(text)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def on_changed(self, change: Change) -> None:
        if change.registers or change.record_ids or change.settings:
            self._stale = True
            if self.isVisible():
                self.refresh()
            if self.stack.currentWidget() is self.search_table:
                self.search_model.reload()
                self._update_title()

    def _open(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id:
            self.open_requested.emit(record_id)
