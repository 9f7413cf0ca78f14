"""Table models of the 导入Excel台账 wizard: the column mapping and the row preview.

``MappingModel`` shows one row per sheet column (letter, header, 导入为, sample values) and
lets the user change the target with a drop-down (``TargetDelegate``; the choices come from
``ledger.mapping.targets_for``). It edits the ``Mapping`` of a ``services.ledger.Preview`` in
place; handing that mapping back to ``ledger.preview`` applies it. Choosing a target another
column already has takes it away from that column (one column per field).

``PreviewModel`` shows the rows of a ``Preview``: status (可导入 / 有问题 / 重复), the record it
would become in one line, and its problems as the service words them (row, column, what is
wrong). It can show only the rows of one status.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from fazhi_desktop.domain import codes
from fazhi_desktop.domain import registers as R
from fazhi_desktop.ledger.convert import DUPLICATE, GOOD, PROBLEM, LedgerRow
from fazhi_desktop.ledger.mapping import Mapping, target_label, targets_for
from fazhi_desktop.ui import i18n
from fazhi_desktop.ui.i18n import tr

if TYPE_CHECKING:  # imported for annotations only: keeps start-up light
    from fazhi_desktop.services.ledger import Preview

Index = QModelIndex | QPersistentModelIndex
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
SAMPLES = 3          # sample values shown per column
LETTER, HEADER, TARGET, SAMPLE = range(4)
ROW, STATUS, RECORD, PROBLEMS = range(4)
STATUS_COLOURS = {GOOD: QColor("#e6f4ea"), PROBLEM: QColor("#fce8e6"),
                  DUPLICATE: QColor("#eeeeee")}


def status_text(status: str) -> str:
    return {GOOD: tr("✔ 可导入"), PROBLEM: tr("✖ 有问题"), DUPLICATE: tr("≡ 重复")}[status]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def party_slots(mapping: Mapping) -> list[int]:
    """Party numbers (1, 2, …) that some column of ``mapping`` fills."""
    slots = set()
    for column in mapping.columns:
        target = column.target or ""
        if target.startswith("party") and "." in target:
            head = target.split(".", 1)[0][5:]
            if head.isdigit():
                slots.add(int(head))
    return sorted(slots)


class MappingModel(QAbstractTableModel):
    """The columns of the sheet and where each goes (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mapping: Mapping | None = None
        self.register: R.Register | None = None
        self._samples: dict[int, str] = {}
        self.targets: list[tuple[str | None, str]] = []
        self.edited = False

    def set_preview(self, preview: Preview | None) -> None:
        """Show the mapping of ``preview`` (edited in place) with sample cells of its sheet."""
        self.beginResetModel()
        self.edited = False
        if preview is None:
            self.mapping, self.register, self._samples, self.targets = None, None, {}, []
        else:
            self.mapping = preview.mapping
            self.register = R.register(preview.register)
            self._samples = _samples(preview)
            slots = max([2, *party_slots(preview.mapping)]) + 1
            self.targets = [(None, tr("（不导入）")), *targets_for(preview.register, parties=slots)]
        self.endResetModel()

    def target_of(self, row: int) -> str | None:
        assert self.mapping is not None
        return self.mapping.columns[row].target

    def set_target(self, row: int, target: str | None) -> bool:
        return self.setData(self.index(row, TARGET), target, Qt.ItemDataRole.EditRole)

    # --- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.mapping is None else len(self.mapping.columns)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 4:
            return (tr("列"), tr("表头"), tr("导入为"), tr("示例内容"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == TARGET else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.mapping is None \
                or not 0 <= index.row() < len(self.mapping.columns):
            return None
        column, col = self.mapping.columns[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == LETTER:
                return column.letter
            if col == HEADER:
                return column.header
            if col == TARGET:
                assert self.register is not None
                return target_label(self.register, column.target)
            if col == SAMPLE:
                return self._samples.get(column.index, "")
        if role in (Qt.ItemDataRole.EditRole, TARGET_ROLE) and col == TARGET:
            return column.target
        if role == Qt.ItemDataRole.ToolTipRole and col == TARGET and column.guessed:
            return tr("根据相近的表头猜测，请确认是否正确。")
        if role == Qt.ItemDataRole.FontRole and col == TARGET and column.guessed:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and col == TARGET and column.guessed:
            return QBrush(QColor("#fff4ce"))
        if role == Qt.ItemDataRole.ForegroundRole and col == TARGET and column.target is None:
            return QBrush(QColor("#777777"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != TARGET \
                or self.mapping is None or not 0 <= index.row() < len(self.mapping.columns):
            return False
        target = value or None
        if target is not None and target not in {t for t, _ in self.targets}:
            return False
        column = self.mapping.columns[index.row()]
        if column.target == target and not column.guessed:
            return True
        for row, other in enumerate(self.mapping.columns):
            if target is not None and other is not column and other.target == target:
                other.target, other.guessed = None, False   # one column per field
                changed = self.index(row, TARGET)
                self.dataChanged.emit(changed, changed)
        column.target, column.guessed = target, False
        self.edited = True
        self.dataChanged.emit(index, index)
        return True


def _samples(preview: Preview) -> dict[int, str]:
    """The first few non-empty values of every column under the header ("a、b、c")."""
    sheet = getattr(preview, "_sheet", None)  # the sheet the preview read (kept for re-runs)
    if sheet is None:
        return {}
    out: dict[int, list[str]] = {}
    for row in sheet.rows[preview.mapping.first_data_row:preview.mapping.first_data_row + 50]:
        for i, value in enumerate(row):
            text = _text(value)
            if text and len(out.setdefault(i, [])) < SAMPLES and text not in out[i]:
                out[i].append(text[:20])
    return {i: "、".join(v) for i, v in out.items()}


class TargetDelegate(QStyledItemDelegate):
    """A drop-down of the register's fields for the 导入为 column (always shown)."""

    def __init__(self, model: MappingModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setMaxVisibleItems(20)
        for target, label in self._model.targets:
            combo.addItem(label, target)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.blockSignals(True)
        editor.setCurrentIndex(max(0, editor.findData(index.data(TARGET_ROLE))))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def record_line(register: str, row: LedgerRow) -> str:
    """The record a row would become, in one line: 2025-03-05 · 张三、李四 · 邻里 · 简要情况…"""
    reg = R.register(register)
    data = row.record or row.data
    lang = i18n.current()
    parts = []
    if data.get("received_on"):
        parts.append(_text(data["received_on"]))
    names = [p.get("name") for p in data.get("parties") or [] if p.get("name")]
    if names:
        parts.append("、".join(names[:3]) + ("…" if len(names) > 3 else ""))
    for name in ("category", "channel", "cause", "review_type", "status"):
        if reg.has_field(name) and data.get(name):
            codeset = reg.field(name).codeset or (reg.status_codeset if name == "status" else None)
            parts.append(codes.label(codeset, data[name], lang) if codeset else str(data[name]))
    summary = _text(data.get("summary"))
    if summary:
        parts.append(summary if len(summary) <= 40 else summary[:40] + "…")
    return " · ".join(parts)


def problems_text(row: LedgerRow) -> str:
    lines = [str(p) for p in row.problems]
    if row.duplicate_of is not None and row.status == DUPLICATE:
        lines.insert(0, tr("与已有记录 {serial} 相同").format(serial=row.duplicate_of)
                     if not row.duplicate_of.startswith("第") else
                     tr("与本表{row}相同").format(row=row.duplicate_of))
    return "；".join(lines)


class PreviewModel(QAbstractTableModel):
    """The rows of a ``Preview`` (optionally only those of one status)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: Preview | None = None
        self.status_filter: str | None = None
        self._rows: list[LedgerRow] = []

    def set_preview(self, preview: Preview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self._select()
        self.endResetModel()

    def set_status_filter(self, status: str | None) -> None:
        self.beginResetModel()
        self.status_filter = status
        self._select()
        self.endResetModel()

    def _select(self) -> None:
        rows = self.preview.rows if self.preview is not None else []
        self._rows = [r for r in rows if self.status_filter in (None, r.status)]

    def row_at(self, row: int) -> LedgerRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 4:
            return (tr("表中行号"), tr("状态"), tr("将导入的记录"), tr("问题"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == ROW:
                return row.row
            if col == STATUS:
                return status_text(row.status)
            if col == RECORD:
                assert self.preview is not None
                return record_line(self.preview.register, row)
            return problems_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and col == PROBLEMS and row.problems:
            return "\n".join(str(p) for p in row.problems)
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.BackgroundRole and col == STATUS:
            return QBrush(STATUS_COLOURS[row.status])
        if role == Qt.ItemDataRole.TextAlignmentRole and col == ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
