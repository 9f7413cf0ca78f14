"""附件: the scans attached to a record (agreements, judgments, review opinions) — issue #7.5.

A tab of the record editor. Lists the record's attachments (``AttachmentService.list``), adds
files (the 添加文件… button or dropping files on the list; files over the size limit are
refused with the service's message naming the file and the limit), opens one with the
system's viewer (a copy from ``export_for_viewing``, so a viewer that saves in place cannot
change the stored file), and removes to the recycle bin with an undo button; removed ones can
be shown and restored. Every write runs on the task runner and appends to the record's
history (修改记录), which then reloads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.services import Services
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.ui import dialogs, modal
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.tasks import Change, TaskRunner
from fazhi_desktop.ui.widgets import hint_label

if TYPE_CHECKING:  # imported for annotations only: keeps start-up light
    from fazhi_desktop.services.attachments import Attachment

ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNDO_SECONDS = 20


def ask_open_files(parent: QWidget | None, title: str) -> list[str]:
    """Files chosen to attach (tests replace this)."""
    paths, _ = QFileDialog.getOpenFileNames(
        parent, title, "", tr("扫描件和文档 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx "
                              "*.xls *.xlsx *.wps *.ofd);;所有文件 (*)"))
    return list(paths)


def open_url(path: Path) -> bool:
    """Open ``path`` with the desktop's default program (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AttachmentList(QTreeWidget):
    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            super().dropEvent(event)


class AttachmentsPane(QWidget):
    changed = Signal()  # after an add/remove/restore finished (the editor reloads its history)

    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sv = services
        self._runner = runner
        self.record_id: str | None = None
        self.attachments: list[Attachment] = []
        self.last_removed: list[str] = []
        self.list = AttachmentList(self)
        self.list.setHeaderLabels([tr("文件名"), tr("大小"), tr("添加人"), tr("添加时间"), tr("状态")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.header().setStretchLastSection(False)
        for column, width in ((1, 90), (2, 90), (3, 140), (4, 90)):
            self.list.setColumnWidth(column, width)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _i, _c: self.open_selected())
        self.list.files_dropped.connect(self.add_files)
        self.add_button = QPushButton(tr("添加文件…"), self)
        self.open_button = QPushButton(tr("打开"), self)
        self.remove_button = QPushButton(tr("移入回收站"), self)
        self.restore_button = QPushButton(tr("恢复"), self)
        self.undo_button = QPushButton(self)
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.show_removed = QCheckBox(tr("显示已移入回收站的附件"), self)
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.undo_button.clicked.connect(self.undo_remove)
        self.show_removed.toggled.connect(lambda _c: self.reload())
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self.undo_button.hide)
        self.hint = hint_label()
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.open_button, self.remove_button,
                       self.restore_button, self.undo_button):
            buttons.addWidget(widget)
        buttons.addStretch()
        buttons.addWidget(self.show_removed)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self._update_buttons()

    # --- contents -------------------------------------------------------------------------
    def set_record(self, record_id: str | None) -> None:
        """Show the attachments of ``record_id`` (None: a new record, not saved yet)."""
        if record_id != self.record_id:
            self.last_removed = []
            self.undo_button.hide()
        self.record_id = record_id
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        limit = self._sv.attachments.max_bytes()
        if self.record_id is None:
            self.attachments = []
            self.hint.setText(tr("保存记录后才能添加附件。"))
            self._update_buttons()
            return
        self.attachments = self._sv.attachments.list(
            self.record_id, include_removed=self.show_removed.isChecked())
        for att in self.attachments:
            item = QTreeWidgetItem([att.name, modal.size_text(att.size), att.added_by,
                                    modal.when_text(att.added_at),
                                    tr("在回收站") if att.deleted else ""])
            item.setData(0, ID_ROLE, att.id)
            item.setToolTip(0, att.name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if att.deleted:
                for column in range(5):
                    item.setForeground(column, Qt.GlobalColor.gray)
            self.list.addTopLevelItem(item)
        shown = sum(1 for a in self.attachments if not a.deleted)
        self.hint.setText(tr("共 {n} 个附件。可以把文件拖到列表中添加；单个文件不超过 {limit}。"
                             "双击打开（打开的是副本，改动不会影响保存的附件）。").format(
            n=shown, limit=f"{limit / 2**20:g} MB"))
        self._update_buttons()

    def selected(self) -> list[Attachment]:
        ids = {item.data(0, ID_ROLE) for item in self.list.selectedItems()}
        return [a for a in self.attachments if a.id in ids]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.add_button.setEnabled(self.record_id is not None)
        self.open_button.setEnabled(len(chosen) == 1)
        self.remove_button.setEnabled(any(not a.deleted for a in chosen))
        self.restore_button.setEnabled(any(a.deleted for a in chosen))
        self.restore_button.setVisible(self.show_removed.isChecked())

    # --- writes ---------------------------------------------------------------------------
    def _run(self, work: Any, label: str, on_done: Any = None) -> int:
        record_id = self.record_id
        assert record_id is not None

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)
            self.reload()
            self.changed.emit()

        def failed(_exc: BaseException) -> bool:
            self.reload()
            return False  # the standard error dialog says what went wrong

        return self._runner.run(work, on_done=done, on_error=failed,
                                changes=Change(record_ids=frozenset({record_id})),
                                label=label, parent=self.window(), cancellable=False)

    def choose_files(self) -> int | None:
        if self.record_id is None:
            return None
        paths = ask_open_files(self, tr("选择要添加的附件"))
        return self.add_files(paths) if paths else None

    def add_files(self, paths: list[str]) -> int | None:
        """Attach ``paths``; a file refused (too big, empty, same content) does not stop the rest."""
        if self.record_id is None or not paths:
            return None
        service, record_id = self._sv.attachments, self.record_id

        def work(_task: Any) -> tuple[list[Attachment], list[str]]:
            added, refused = [], []
            for path in paths:
                try:
                    added.append(service.add(record_id, Path(path)))
                except FazhiError as exc:
                    refused.append(str(exc))
            return added, refused

        def done(result: tuple[list[Attachment], list[str]]) -> None:
            added, refused = result
            if refused:
                head = tr("已添加 {n} 个附件；以下文件未添加：").format(n=len(added)) if added \
                    else tr("附件未添加：")
                dialogs.show_warning(self, head + "\n\n" + "\n".join(refused), title=tr("添加附件"))

        return self._run(work, tr("正在添加附件…"), done)

    def remove_selected(self) -> int | None:
        chosen = [a for a in self.selected() if not a.deleted]
        if not chosen:
            return None
        service, ids = self._sv.attachments, [a.id for a in chosen]

        def done(_result: Any) -> None:
            self.last_removed = ids
            self.undo_button.setText(tr("已移入回收站 {n} 个 · 撤销").format(n=len(ids)))
            self.undo_button.show()
            self._undo_timer.start(UNDO_SECONDS * 1000)

        return self._run(lambda _t: [service.remove(i) for i in ids], tr("正在移除附件…"), done)

    def undo_remove(self) -> int | None:
        ids, self.last_removed = self.last_removed, []
        self.undo_button.hide()
        if not ids:
            return None
        service = self._sv.attachments
        return self._run(lambda _t: [service.restore(i) for i in ids], tr("正在恢复附件…"))

    def restore_selected(self) -> int | None:
        chosen = [a for a in self.selected() if a.deleted]
        if not chosen:
            return None
        service, ids = self._sv.attachments, [a.id for a in chosen]
        return self._run(lambda _t: [service.restore(i) for i in ids], tr("正在恢复附件…"))

    # --- viewing --------------------------------------------------------------------------
    def open_selected(self) -> int | None:
        chosen = self.selected()
        if len(chosen) != 1:
            return None
        service, key = self._sv.attachments, chosen[0].id

        def opened(path: Path) -> None:
            if not open_url(path):
                dialogs.show_error(self, tr("这台电脑上没有能打开“{name}”的程序。文件副本在：\n{path}")
                                   .format(name=path.name, path=path))

        return self._runner.run(lambda _t: service.export_for_viewing(key), on_done=opened,
                                label=tr("正在打开附件…"), parent=self.window(),
                                cancellable=False)
