"""立即备份 / 从备份恢复, and the start-up offer to restore a damaged database (issue #7).

* **Back up now** — ``BackupDialog``: into the data folder's ``backups/`` or any folder (a USB
  stick), with an optional note; ``services.backup.create_backup`` (SQLite's online backup
  API) runs on the task runner.
* **Restore** — ``RestoreDialog`` lists the backups of ``backups/`` (or of a chosen folder)
  with time, reason, size and record counts; restoring asks a clear confirmation, closes the
  editors, and runs ``services.restore.restore`` (which checks the backup first and backs up
  the current state), then every view reloads.
* **Start-up** — ``open_checked(data_dir)`` (called by ``app.py``) opens the folder and runs
  ``health.quick_check``; a damaged database (``DatabaseDamaged`` or a failed check) is
  offered the newest backup that verifies (``restore.latest_good_backup``) or a backup from
  another folder; declining leaves the files untouched and the program exits.

Tests replace ``ask_folder`` and ``modal.exec_dialog`` (and the ``dialogs.*`` functions).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import registers as R
from fazhi_desktop.services import Services, backup, health, open_services, restore
from fazhi_desktop.services.backup import BackupInfo
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.ui import dialogs, i18n, modal
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.tasks import Change
from fazhi_desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from fazhi_desktop.ui.mainwindow import MainWindow

T = TypeVar("T")


def install(window: MainWindow) -> None:
    window.provide("backup_create", lambda: create_backup(window))
    window.provide("backup_restore", lambda: show_restore(window))


def ask_folder(parent: QWidget | None, title: str) -> str | None:
    """A folder chosen by the user (tests replace this)."""
    return QFileDialog.getExistingDirectory(parent, title) or None


def record_total(info: BackupInfo) -> int:
    return sum(n for k, n in info.counts.items() if k != "deleted")


def counts_text(info: BackupInfo) -> str:
    lang = i18n.current()
    parts = [f"{R.REGISTERS[k].label(lang)} {n}" for k, n in info.counts.items()
             if k in R.REGISTERS]
    if info.counts.get("deleted"):
        parts.append(tr("回收站 {n}").format(n=info.counts["deleted"]))
    if info.attachments:
        parts.append(tr("附件 {n} 个").format(n=info.attachments))
    return "，".join(parts)


def describe(info: BackupInfo) -> str:
    """``2026-11-27 10:30（手动备份“年底结账前”，1234 条记录）``"""
    reason = info.reason_zh + (f"“{info.note}”" if info.note else "")
    return tr("{when}（{reason}，{n} 条记录）").format(
        when=modal.when_text(info.created_at), reason=reason, n=record_total(info))


# --- back up now --------------------------------------------------------------------------------

class BackupDialog(QDialog):
    """Where to (``backups/`` or a chosen folder) and an optional note."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(tr("立即备份"))
        self.default_dir = backup.backups_dir(window.services.ctx.data_dir)
        self.to_default = QRadioButton(tr("备份到数据目录的备份文件夹：{folder}")
                                       .format(folder=self.default_dir), self)
        self.to_folder = QRadioButton(tr("备份到其他文件夹（如 U 盘）："), self)
        group = QButtonGroup(self)
        group.addButton(self.to_default)
        group.addButton(self.to_folder)
        self.to_default.setChecked(True)
        self.folder = QLineEdit(self)
        choose = QPushButton(tr("选择…"), self)
        choose.clicked.connect(self._choose)
        self.folder.textChanged.connect(lambda _t: self.to_folder.setChecked(True))
        line = QHBoxLayout()
        line.addWidget(self.to_folder)
        line.addWidget(self.folder, 1)
        line.addWidget(choose)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(tr("可不填，例如“年底结账前”"))
        form = QFormLayout()
        form.addRow(tr("说明"), self.note)
        self.problem = modal.problem_label(self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(tr("开始备份"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.to_default)
        layout.addLayout(line)
        layout.addLayout(form)
        layout.addWidget(hint_label(tr("备份包含全部记录、修改记录和附件，程序运行中也可以备份。"
                                       "建议定期备份到 U 盘并妥善保管。")))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(720, 220)

    def target(self) -> Path | None:
        """None: the data folder's ``backups/``."""
        return Path(self.folder.text().strip()) if self.to_folder.isChecked() else None

    def _choose(self) -> None:
        chosen = ask_folder(self, tr("选择备份保存到的文件夹"))
        if chosen:
            self.folder.setText(chosen)
            self.to_folder.setChecked(True)

    def accept(self) -> None:
        target = self.target()
        if target is not None and not str(target).strip(". "):
            self.problem.setText("✖ " + tr("请选择备份保存到的文件夹"))
        elif target is not None and not target.is_dir():
            self.problem.setText("✖ " + tr("文件夹“{folder}”不存在（U 盘是否已插好？）")
                                 .format(folder=target))
        else:
            super().accept()
            return
        self.problem.show()


def create_backup(window: MainWindow, *, after: Callable[[BackupInfo], None] | None = None
                  ) -> int | None:
    """File → 立即备份; returns the runner's task id (None when cancelled)."""
    dialog = BackupDialog(window)
    if not modal.exec_dialog(dialog):
        return None
    data_dir, target, note = window.services.ctx.data_dir, dialog.target(), dialog.note.text()

    def work(_task: Any) -> BackupInfo:
        return backup.create_backup(data_dir, "manual", to=target, note=note.strip())

    def done(info: BackupInfo) -> None:
        dialogs.show_info(window, tr("备份完成：\n{path}\n\n{n} 条记录（{counts}），共 {size}。").format(
            path=info.path, n=record_total(info), counts=counts_text(info),
            size=modal.size_text(info.size)), title=tr("立即备份"))
        if after is not None:
            after(info)

    return window.runner.run(work, on_done=done, label=tr("正在备份…"), parent=window,
                             cancellable=False)


# --- restore ------------------------------------------------------------------------------------

class RestoreDialog(QDialog):
    """The backups of one folder (``backups/`` unless another is chosen), newest first."""

    COLUMNS = 6

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("从备份恢复"))
        self.window_ = window
        self.folder = backup.backups_dir(window.services.ctx.data_dir)
        self.backups: list[BackupInfo] = []
        self.folder_label = QLabel(self)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setWordWrap(True)
        other = QPushButton(tr("其他文件夹（如 U 盘）…"), self)
        other.clicked.connect(self._choose_folder)
        self.table = QTableWidget(self)
        self.table.setColumnCount(self.COLUMNS)
        self.table.setHorizontalHeaderLabels([tr("备份时间"), tr("类型"), tr("记录数"), tr("大小"),
                                              tr("来自电脑"), tr("说明")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.restore_selected())
        self.empty = hint_label()
        new = QPushButton(tr("立即备份…"), self)
        new.clicked.connect(lambda: create_backup(window, after=lambda _i: self.reload()))
        self.restore_button = QPushButton(tr("恢复所选备份…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(tr("关闭"), self)
        close.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(other)
        bottom = QHBoxLayout()
        bottom.addWidget(new)
        bottom.addStretch()
        bottom.addWidget(self.restore_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(hint_label(tr("恢复会用所选备份替换当前的全部数据。恢复前程序会先检查备份是否完好，"
                                       "并自动备份当前数据（“恢复前自动备份”），需要时可以再恢复回来。")))
        layout.addLayout(bottom)
        self.resize(980, 480)
        self.reload()

    def reload(self, folder: Path | None = None) -> None:
        if folder is not None:
            self.folder = folder
        if (self.folder / backup.SIDECAR).is_file():  # the chosen folder is itself a backup
            found = backup.read_info(self.folder)
            self.backups = [found] if found else []
        else:
            self.backups = backup.list_backups(self.folder)
        self.folder_label.setText(tr("备份位置：{folder}").format(folder=self.folder))
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            values = [modal.when_text(info.created_at), info.reason_zh, str(record_total(info)),
                      modal.size_text(info.size), info.node_name or "", info.note]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(counts_text(info) if column == 2 else f"{info.path}")
                if column in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.empty.setText(tr("这个位置没有备份。") if not self.backups else "")
        self.empty.setVisible(not self.backups)
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = [i.row() for i in self.table.selectionModel().selectedRows()]
        return self.backups[rows[0]] if rows and rows[0] < len(self.backups) else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _choose_folder(self) -> None:
        chosen = ask_folder(self, tr("选择存放备份的文件夹"))
        if chosen:
            self.reload(Path(chosen))

    def restore_selected(self) -> int | None:
        info = self.selected()
        if info is None:
            return None
        window = self.window_
        ctx = window.services.ctx
        text = tr("用 {what}的备份替换当前的全部数据？\n\n备份位置：{path}\n\n当前数据会先自动备份"
                  "（“恢复前自动备份”），需要时可以再恢复回来。打开的编辑窗口将被关闭。").format(
            what=describe(info), path=info.path)
        if not dialogs.ask_yes_no(self, text, title=tr("确认恢复")):
            return None
        other_pc = bool(info.node_id and ctx.identity and info.node_id != ctx.identity.node_id)
        if other_pc and not dialogs.ask_yes_no(self, tr(
                "这份备份来自另一台电脑“{theirs}”，而本机是“{mine}”。恢复后本机将变成那台电脑的身份，"
                "两台电脑同时使用会造成编号重复和同步混乱。只有在那台电脑已停用、要在本机接着使用时才应这样做。"
                "\n\n确定要恢复吗？").format(theirs=info.node_name, mine=ctx.identity.node_name),
                title=tr("备份来自另一台电脑")):
            return None
        if not window.close_editors():
            return None

        def work(_task: Any) -> restore.RestoreResult:
            return window.services.restore(info.path, allow_other_pc=other_pc)

        return window.runner.run(work, on_done=self._restored, changes=Change.everything(),
                                 label=tr("正在恢复备份…"), parent=self, cancellable=False)

    def _restored(self, result: restore.RestoreResult) -> None:
        lines = [tr("已恢复备份 {name}，现有 {n} 条记录（含回收站）。").format(
            name=result.source.name, n=result.records)]
        if result.pre_restore is not None:
            lines.append(tr("恢复前的数据已备份为 {name}，需要时可以再恢复回来。").format(
                name=result.pre_restore.name))
        if result.damaged_saved_to is not None:
            lines.append(tr("损坏的数据库文件已另存到 {path}。").format(path=result.damaged_saved_to))
        if result.migrated_from:
            lines.append(tr("备份来自较早版本的程序，已升级到当前版本。"))
        if result.missing_attachments:
            lines.append(tr("⚠ 有 {n} 个附件文件在备份和本机中都找不到。").format(
                n=len(result.missing_attachments)))
        self.window_.refresh_status()
        self.reload()
        dialogs.show_info(self, "\n".join(lines), title=tr("恢复完成"))


def show_restore(window: MainWindow) -> RestoreDialog:
    dialog = RestoreDialog(window)
    dialog.show()
    dialog.raise_()
    return dialog


# --- start-up -----------------------------------------------------------------------------------

def run_busy(label: str, work: Callable[[], T]) -> T:
    """Run ``work`` on a thread while a busy indicator turns (before the main window exists)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - re-raised on the UI thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="fazhi-startup", daemon=True)
    progress = QProgressDialog(label, "", 0, 0)
    progress.setCancelButton(None)
    progress.setWindowTitle(tr("请稍候"))
    progress.setMinimumDuration(300)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: loop.quit() if not thread.is_alive() else None)
    thread.start()
    timer.start()
    loop.exec()
    timer.stop()
    thread.join()
    progress.close()
    if "error" in box:
        raise box["error"]
    return box["result"]  # type: ignore[no-any-return]


def open_checked(data_dir: Path, *,
                 opener: Callable[[Path], Services] = open_services) -> Services | None:
    """Open the data folder; if its database is damaged, offer a restore. None: exit."""
    try:
        services = opener(data_dir)
    except backup.DatabaseDamaged as exc:
        problem = str(exc).split("文件没有被改动。")[0].rstrip("，。") + "。"
    else:
        if not services.initialised:
            return services
        check = health.quick_check(services.ctx)  # tens of ms even at 200,000 records
        if check.ok:
            return services
        services.close()
        problem = tr("数据目录 {folder} 中的数据库已损坏：{what}。").format(
            folder=data_dir, what="；".join(check.problems[:3]))
    if not offer_restore(data_dir, problem):
        return None
    return opener(data_dir)


def offer_restore(data_dir: Path, problem: str) -> bool:
    """Ask whether to restore the newest good backup (or one from another folder) and do it."""
    latest = run_busy(tr("正在查找完好的备份…"), lambda: restore.latest_good_backup(data_dir))
    untouched = tr("选择“否”将退出程序，数据库文件不做任何改动。")
    source: Path | None = None
    if latest is not None:
        if dialogs.ask_yes_no(None, problem + "\n\n" + tr("最近一份完好的备份是 {what}。\n"
                                                          "要用它恢复吗？损坏的数据库文件会先另存一份。")
                              .format(what=describe(latest)) + "\n" + untouched,
                              title=tr("数据库已损坏")):
            source = latest.path
    elif dialogs.ask_yes_no(None, problem + "\n\n" + tr("在 {folder} 中没有找到完好的备份。"
                                                        "要从其他位置（如 U 盘）的备份恢复吗？").format(
            folder=backup.backups_dir(data_dir)) + "\n" + untouched, title=tr("数据库已损坏")):
        chosen = ask_folder(None, tr("选择备份所在的文件夹"))
        source = _good_backup_in(Path(chosen)) if chosen else None
    if source is None:
        return False
    try:
        result = run_busy(tr("正在恢复备份…"), lambda: restore.restore_backup(data_dir, source))
    except FazhiError as exc:
        dialogs.show_error(None, str(exc), title=tr("恢复失败"))
        return False
    saved = tr("损坏的文件已另存到 {path}。").format(path=result.damaged_saved_to) \
        if result.damaged_saved_to else ""
    dialogs.show_info(None, tr("已从备份 {name} 恢复，共 {n} 条记录。").format(
        name=result.source.name, n=result.records) + saved, title=tr("恢复完成"))
    return True


def _good_backup_in(folder: Path) -> Path | None:
    """The folder itself if it is a backup, else the newest backup in it that verifies."""
    if backup.read_info(folder) is not None:
        return folder
    for info in backup.list_backups(folder):
        if restore.verify_backup(info.path).ok:
            return info.path
    dialogs.show_error(None, tr("文件夹 {folder} 中没有完好的备份。").format(folder=folder),
                       title=tr("没有可用的备份"))
    return None
