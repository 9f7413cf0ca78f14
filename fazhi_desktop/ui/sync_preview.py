"""The preview shown before a sync bundle is applied (导入同步包 — 预览).

Built from ``PreparedImport.preview`` (``services/sync.py``): who sent the bundle (name and
fingerprint), full or incremental, and per register how many records would be new, updated,
in conflict, deleted, restored or left as they are; the validation warnings of the bundle
below. Nothing is written until 导入 is pressed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import registers as R
from fazhi_desktop.ui import i18n, modal
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.widgets import hint_label

if TYPE_CHECKING:  # imported for annotations only: keeps start-up light
    from fazhi_desktop.services.sync import PreparedImport

COUNT_FIELDS = ("new", "updated", "conflicting", "deleted", "restored", "unchanged")


def count_headers() -> list[str]:
    """Column titles (the disambiguation keeps 删除/恢复 "Deleted"/"Restored" in English)."""
    return [QCoreApplication.translate("", "新增", "import preview column"),
            QCoreApplication.translate("", "更新", "import preview column"),
            QCoreApplication.translate("", "冲突", "import preview column"),
            QCoreApplication.translate("", "删除", "import preview column"),
            QCoreApplication.translate("", "恢复", "import preview column"),
            QCoreApplication.translate("", "无变化", "import preview column")]


class PreviewDialog(QDialog):
    """``table`` holds one row per register plus 合计; ``warnings`` the bundle's warnings."""

    def __init__(self, prepared: PreparedImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        preview = prepared.preview
        assert preview is not None
        self.prepared = prepared
        self.setWindowTitle(tr("导入同步包 — 预览"))
        header = prepared.info.header
        form = QFormLayout()
        form.addRow(tr("文件"), _plain(str(prepared.info.path)))
        sender = _plain(preview.sender_name)
        form.addRow(tr("发送人"), sender)
        fingerprint = _plain(preview.fingerprint)
        fingerprint.setFont(QFont("monospace"))
        form.addRow(tr("发送人指纹"), fingerprint)
        kind = tr("完整同步包（对方的全部数据）") if preview.kind == "full" \
            else tr("增量同步包（对方新近的修改）")
        form.addRow(tr("类型"), _plain(kind))
        form.addRow(tr("导出时间"), _plain(modal.when_text(header.get("created_at"))))
        self.table = QTableWidget(self)
        self._fill(prepared)
        extra = []
        if preview.conflicts_received:
            extra.append(tr("将记下 {n} 处同步冲突或冲突的处理结果（双方都改过的字段），"
                            "导入后可在“文件 → 同步冲突”中查看和处理。").format(
                n=preview.conflicts_received))
        if preview.attachments:
            extra.append(tr("附件：{n} 个新增或状态变化，其中 {files} 个文件将存入本机。").format(
                n=preview.attachments, files=preview.attachment_files))
        if prepared.trust:
            extra.append(tr("导入后将信任这位同事（可在“设置 → 同步”中撤销）"))
        if not prepared.changes_anything:
            extra.append(tr("这个同步包中没有本机尚未有的内容；导入只会记下对方的同步进度。"))
        self.notes = extra  # the lines shown under the table (tests read them)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("导入后各台账的变化：")))
        layout.addWidget(self.table)
        for line in extra:
            layout.addWidget(hint_label(line))
        self.warnings = QPlainTextEdit(self)
        self.warnings.setReadOnly(True)
        self.warnings.setPlainText("\n".join(preview.warnings))
        self.warnings.setMaximumHeight(110)
        self.warnings_title = QLabel(tr("⚠ 提醒（{n} 条，不影响导入）：").format(
            n=len(preview.warnings)))
        self.warnings_title.setStyleSheet("color: #8a5300;")
        layout.addWidget(self.warnings_title)
        layout.addWidget(self.warnings)
        self.warnings_title.setVisible(bool(preview.warnings))
        self.warnings.setVisible(bool(preview.warnings))
        layout.addWidget(hint_label(tr("导入前会自动备份当前数据。导入中途可以取消，取消后数据不会有任何改动。"
                                       "双方同时修改了同一字段的，较新的修改生效，另一值保留为“同步冲突”，"
                                       "可在“文件 → 同步冲突”中处理。")))
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(QCoreApplication.translate("", "导入", "button"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 520 if preview.warnings else 440)

    def _fill(self, prepared: PreparedImport) -> None:
        preview = prepared.preview
        assert preview is not None
        lang = i18n.current()
        table = self.table
        table.setColumnCount(len(COUNT_FIELDS))
        table.setHorizontalHeaderLabels(count_headers())
        names = [name for name in R.REGISTERS if name in preview.counts]
        table.setRowCount(len(names) + 1)
        labels = [R.REGISTERS[name].label(lang) for name in names] + [tr("合计")]
        table.setVerticalHeaderLabels(labels)
        rows = [preview.counts[name] for name in names] + [preview.totals]
        for row, counts in enumerate(rows):
            for column, field in enumerate(COUNT_FIELDS):
                value = int(getattr(counts, field))
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if field == "conflicting" and value:
                    item.setForeground(Qt.GlobalColor.darkRed)
                if row == len(rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(height + 4)

    def count(self, register: str | None, field: str) -> int:
        """The number shown for ``register`` (None: 合计) in column ``field``."""
        names = [n for n in R.REGISTERS if n in (self.prepared.preview.counts
                                                  if self.prepared.preview else {})]
        row = len(names) if register is None else names.index(register)
        item = self.table.item(row, COUNT_FIELDS.index(field))
        return int(item.text()) if item else 0


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
