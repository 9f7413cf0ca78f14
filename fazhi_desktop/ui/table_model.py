"""The register grid's model: holds record numbers, pages rows in (cf. Anki's browser table).

``records.nums(Filters)`` gives the local row numbers of every matching record in display
order — a list of ints, cheap even for 100,000 records. Rows themselves are fetched a page at
a time (``records.fetch(nums, with_children=False)``) when the view first asks for one of
them, and only the most recently used pages are kept, so the model never holds a whole
register. Sorting is done by the database (``Filters.order_by``), not in Python.

The same model serves a register tab (``register="disputes"``), the recycle bin and the
cross-register search (``register=None``, with the register as first column).
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import Services
from fazhi_desktop.ui import columns as C

PAGE_SIZE = 100
MAX_PAGES = 30

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
    def __init__(self, services: Services, register: str | None, *,
                 filters: Filters | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._sv = services
        self.register = register
        self.columns = C.columns_for(register)
        self._filters = filters or Filters(register=register)
        if register is not None:
            self._filters.register = register
        self._nums: list[int] = []
        self._pages: OrderedDict[int, list[dict[str, Any] | None]] = OrderedDict()
        self._units: dict[str, str] = {}
        self._today = services.ctx.today()
        self._icons: dict[int, QIcon | None] = {}
        self.loaded = False

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
        """Query the record numbers again and forget every cached row (after a write)."""
        self.beginResetModel()
        self._today = self._sv.ctx.today()
        self._units = {u.code: u.name for u in self._sv.units.all()}
        self._nums = self._sv.records.nums(self._filters)
        self._pages.clear()
        self.loaded = True
        self.endResetModel()

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def _page(self, page: int) -> list[dict[str, Any] | None]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        wanted = self._nums[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        found = {r["num"]: r for r in self._sv.records.fetch(wanted, with_children=False)}
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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, key)
        if role == ID_ROLE:
            return record["id"]
        level = C.deadline_level(record, self._today)
        if role == LEVEL_ROLE:
            return level
        if role == Qt.ItemDataRole.BackgroundRole and level in _BACKGROUND:
            return QBrush(_BACKGROUND[level])
        if role == Qt.ItemDataRole.DecorationRole and key == "deadline":
            if level not in self._icons:
                self._icons[level] = deadline_icon(level)
            return self._icons[level]
        if role == Qt.ItemDataRole.ToolTipRole and key in ("summary", "party_names"):
            return self._text(record, key) or None
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
        self.layoutAboutToBeChanged.emit()
        self._filters = dataclasses.replace(self._filters, order_by=key, descending=descending)
        self._nums = self._sv.records.nums(self._filters)
        self._pages.clear()
        self.changePersistentIndexList(self.persistentIndexList(),
                                       [QModelIndex()] * len(self.persistentIndexList()))
        self.layoutChanged.emit()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the rows are in now (for the header's sort indicator)."""
        for i, col in enumerate(self.columns):
            if col.sort == self._filters.order_by:
                order = (Qt.SortOrder.DescendingOrder if self._filters.descending
                         else Qt.SortOrder.AscendingOrder)
                return i, order
        return -1, Qt.SortOrder.DescendingOrder
