"""PySide6 6.12.0 leaks a reference to None per None returned to C++; we must survive it."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

import fazhi_desktop.ui  # noqa: F401  (applies the fix on import)


class _Model(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return "x" if role == Qt.ItemDataRole.DisplayRole else None


def test_none_cannot_run_out_of_references_in_a_long_session(qapp: Any) -> None:
    model = _Model()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    for _ in range(20_000):  # C++ → Python data() returning None, as a repainting table does
        index.data(Qt.ItemDataRole.FontRole)
    assert sys.getrefcount(None) > 1 << 30


def test_true_and_false_are_protected_the_same_way(qapp: Any) -> None:
    assert sys.getrefcount(True) > 1 << 30
    assert sys.getrefcount(False) > 1 << 30
