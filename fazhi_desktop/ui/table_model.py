"""The register grid's model: holds record numbers, pages rows in (cf. Anki's browser table).

``reader.nums(Filters)`` (``services.reading``, plain sqlite3) gives the local row numbers of every matching record in display
order — a list of ints, cheap even for 100,000 records. Rows themselves are fetched a page at
a time (``reader.fetch(nums, with_children=False)``) when the view first asks for one of
them, and only the most recently used pages are kept, so the model never holds a whole
register. Sorting is done by the database (``Filters.order_by``), not in Python.

The same model serves a register tab (``register="disputes"``), the recycle bin and the
cross-register search (``register=None``, with the register as first column).
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import Services
from fazhi_desktop.ui import columns as C
from fazhi_desktop.ui.tasks import TaskRunner

PAGE_SIZE = 100
MAX_PAGES = 30
FIRST_ROWS = 200
REST_DELAY_MS = 30   # let the first screen paint before the full list of numbers is read

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2

_BACKGROUND = {C.OVERDUE: QColor("#fde4e1"), C.DUE_SOON: QColor("#fff4d6")}

Index = QModelIndex | QPersistentModelIndex


def deadline_icon(level: int) -> QIcon | None:
    """The icon that marks overdue / due-soon rows (besides colour and the text column)."""
    style = QApplication.style()
    if level == C.OVERDUE:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    if level == C.DUE_SOON:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    return None


class RecordTableModel(QAbstractTableModel):
    completed = Signal()   # the whole list of record numbers is in (after a progressive load)

    def __init__(self, services: Services, register: str | None, *,
                 filters: Filters | None = None, runner: TaskRunner | None = None,
                 parent: Any = None) -> None:
        """``runner``: where the rest of a long list is read (its reader thread); without
        one, the rest is read on the UI thread a moment after the first screen."""
        super().__init__(parent)
        self._sv = services
        self._runner = runner
        self.register = register
        self.columns = C.columns_for(register)
        self._filters = filters or Filters(register=register)
        if register is not None:
            self._filters.register = register
        self._nums: list[int] = []
        self._pages: OrderedDict[int, list[dict[str, Any] | None]] = OrderedDict()
        self._units: dict[str, str] = {}
        self._today = services.today()
        self._icons: dict[int, QIcon | None] = {}
        self._generation = 0
        self._units_stale = True
        self.loaded = False
        self.complete = True

    # --- loading ----------------------------------------------------------------------
    def filters(self) -> Filters:
        return dataclasses.replace(self._filters)

    def set_filters(self, filters: Filters) -> None:
        """Show the records matching ``filters``; the sort order (and a register tab's
        register) stay as they are."""
        self._filters = dataclasses.replace(filters,
                                            register=self.register or filters.register,
                                            order_by=self._filters.order_by,
                                            descending=self._filters.descending)
        self.reload()

    def reload(self) -> None:
        """Query the record numbers again and forget every cached row (after a write).

        Progressive: the first ``FIRST_ROWS`` numbers come at once (so the first screen of
        rows paints without waiting for a 100,000-number query); the rest follow a moment
        later as an insertion of rows (``complete`` tells which state, ``completed`` fires).
        """
        self.beginResetModel()
        self._today = self._sv.today()
        if not self.loaded or self._units_stale:
            self._units = {u.code: u.name for u in self._sv.reader.units()}
            self._units_stale = False
        self._generation += 1
        self._nums = self._sv.reader.nums(self._filters, FIRST_ROWS)
        self.complete = len(self._nums) < FIRST_ROWS
        self._pages.clear()
        self.loaded = True
        self.endResetModel()
        if not self.complete:
            generation, filters, reader = self._generation, self.filters(), self._sv.reader
            if self._runner is not None:
                self._runner.query(lambda _task: reader.nums(filters),
                                   on_done=lambda nums: self._load_rest(generation, nums))
            else:
                QTimer.singleShot(REST_DELAY_MS, self, lambda: self._load_rest(generation))

    def _load_rest(self, generation: int, everything: list[int] | None = None) -> None:
        if generation != self._generation or self.complete:
            return  # a newer reload or sort has replaced this list
        if everything is None:
            everything = self._sv.reader.nums(self._filters)
        first = len(self._nums)
        self.complete = True
        if everything[:first] != self._nums:  # written to in between: start over
            self.beginResetModel()
            self._nums = everything
            self._pages.clear()
            self.endResetModel()
        elif len(everything) > first:
            self.beginInsertRows(QModelIndex(), first, len(everything) - 1)
            self._nums = everything
            self.endInsertRows()
        self.completed.emit()

    def load_all_now(self) -> None:
        """Finish a progressive load at once (tests, exports of the visible list)."""
        if not self.complete:
            self._load_rest(self._generation)

    def units_changed(self) -> None:
        """Unit names are read again at the next reload."""
        self._units_stale = True

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def _page(self, page: int) -> list[dict[str, Any] | None]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        wanted = self._nums[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        found = {r["num"]: r for r in self._sv.reader.fetch(wanted, with_children=False)}
        rows = [found.get(n) for n in wanted]  # None: removed since the numbers were read
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    def record_at(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < len(self._nums):
            return None
        rows = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def record_id(self, row: int) -> str | None:
        record = self.record_at(row)
        return record["id"] if record else None

    def cached_rows(self) -> int:
        return sum(len(rows) for rows in self._pages.values())

    # --- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._nums)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                return C.header(self.register, self.columns[section].key)
            return None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.columns):
            return None
        record = self.record_at(index.row())
        if record is None:
            return None
        key = self.columns[index.column()].key
        cells = record.get("_cells")
        if cells is None:  # format a row once, not once per cell and role and repaint
            cells = record["_cells"] = [self._text(record, c.key) for c in self.columns]
            record["_level"] = C.deadline_level(record, self._today)
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[index.column()]
        if role == ID_ROLE:
            return record["id"]
        level = record["_level"]
        if role == LEVEL_ROLE:
            return level
        if role == Qt.ItemDataRole.BackgroundRole and level in _BACKGROUND:
            return QBrush(_BACKGROUND[level])
        if role == Qt.ItemDataRole.DecorationRole and key == "deadline":
            if level not in self._icons:
                self._icons[level] = deadline_icon(level)
            return self._icons[level]
        if role == Qt.ItemDataRole.ToolTipRole and key in ("summary", "party_names"):
            return cells[index.column()] or None
        return None

    def _text(self, record: dict[str, Any], key: str) -> str:
        if key == "deadline":
            return C.deadline_text(record, self._today)
        if key == "register":
            return C.display(record["register"], "register", record["register"])
        value = record.get(key)
        if key == "summary" and value:
            value = " ".join(str(value).split())
        return C.display(record["register"], key, value, units=self._units)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._filters.order_by and descending == self._filters.descending:
            return
        if not self.loaded:  # not shown yet: remember the order, query when first shown
            self._filters = dataclasses.replace(self._filters, order_by=key,
                                                descending=descending)
            return
        self._filters = dataclasses.replace(self._filters, order_by=key, descending=descending)
        self.reload()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the rows are in now (for the header's sort indicator)."""
        for i, col in enumerate(self.columns):
            if col.sort == self._filters.order_by:
                order = (Qt.SortOrder.DescendingOrder if self._filters.descending
                         else Qt.SortOrder.AscendingOrder)
                return i, order
        return -1, Qt.SortOrder.DescendingOrder
