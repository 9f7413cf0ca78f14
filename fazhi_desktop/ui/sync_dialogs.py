"""导出同步包 / 导入同步包 / 同步冲突: the GUI of offline sync (issue #4, SPEC §7).

Everything goes through ``SyncService``'s public API (``services/sync.py``) on the task
runner, never on the UI thread:

* **Export** — ``ExportDialog`` asks for whom (every trusted colleague, one colleague, or a
  full bundle) and where; ``sync.export`` then runs with progress and 取消.
* **Import** — ``ImportFlow`` chains the steps, each on the runner: ``sync.check`` (signature,
  is the sender trusted?) → for an unknown, revoked or re-keyed sender the trust prompt
  (``ask_trust``: the sender's name and fingerprint next to this PC's) → ``sync.prepare``
  (decrypt, validate, plan) → ``PreviewDialog`` (per-register counts and warnings) →
  ``sync.commit`` (automatic backup, ONE transaction; 取消 rolls it back) → a summary. Views
  refresh through ``Change.everything()``, which also refreshes the status bar's last sync.
* A ``.fzb`` given on the command line (a double-click) enters the same flow
  (``window.provide("open_bundle", ...)``).

Tests replace ``ask_trust`` and ``modal.exec_dialog`` (and the ``dialogs.*`` functions).
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.sync.errors import Cancelled
from fazhi_desktop.ui import dialogs, modal, prefs
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.sync_preview import PreviewDialog
from fazhi_desktop.ui.tasks import Change
from fazhi_desktop.ui.widgets import hint_label

if TYPE_CHECKING:  # imported for annotations only: keeps start-up light
    from fazhi_desktop.services.sync import BundleInfo, ImportResult, PreparedImport
    from fazhi_desktop.ui.mainwindow import MainWindow

FOLDER_PREF = "sync/last_folder"


def bundle_filter() -> str:
    return tr("同步包 (*.fzb);;所有文件 (*)")


def install(window: MainWindow) -> None:
    window.provide("sync_export", lambda: export_bundle(window))
    window.provide("sync_import", lambda: choose_and_import(window))
    window.provide("open_bundle", lambda path: import_bundle(window, path))
    window.provide("sync_conflicts", lambda: show_conflicts(window))


def show_conflicts(window: MainWindow) -> Any:
    from fazhi_desktop.ui.conflicts_view import show_conflicts as show

    return show(window)


# --- passphrase ---------------------------------------------------------------------------------

def ensure_passphrase(window: MainWindow) -> bool:
    """True when bundles can be written and read here; otherwise say why (and offer 设置)."""
    status = window.services.sync.status()
    if not status.keyring.ok:
        dialogs.show_error(window, status.keyring.message, title=tr("无法同步"))
        return False
    if status.passphrase_set:
        return True
    if dialogs.ask_yes_no(window, tr("本机还没有设置同步口令。同步包用全单位共用的同步口令加密，"
                                     "请先在“设置 → 同步”中填写（向单位负责同步的同事索取）。\n\n"
                                     "现在打开设置吗？"), title=tr("需要同步口令")):
        open_sync_settings(window)
    return False


def open_sync_settings(window: MainWindow) -> None:
    """The settings dialog, opened on its 同步 page."""
    from fazhi_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.services, window.runner, window)
    dialog.language_changed.connect(window.language_changed.emit)
    page = getattr(dialog, "sync_page", None)
    if page is not None:
        dialog.tabs.setCurrentWidget(page)
    modal.exec_dialog(dialog)


def _folder() -> str:
    saved = prefs.get(FOLDER_PREF)
    if saved and Path(str(saved)).is_dir():
        return str(saved)
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) \
        or str(Path.home())


# --- export -------------------------------------------------------------------------------------

class ExportDialog(QDialog):
    """For whom and where: ``choice()`` is (to, full); ``path()`` the file to write."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(tr("导出同步包"))
        self._who = window.services.ctx.require_identity()
        trusted = [p for p in window.services.sync.peers() if p.trusted]
        self.target = QComboBox(self)
        self.target.addItem(tr("所有已信任的同事尚未收到的修改（增量）"), (None, False, "增量"))
        for peer in trusted:
            self.target.addItem(tr("只给 {name}（{code}）尚未收到的修改（增量）")
                                .format(name=peer.name, code=peer.code),
                                (peer.node_id, False, f"给{peer.code}"))
        self.target.addItem(tr("全部数据（完整同步包，给新同事或首次同步）"), (None, True, "全部"))
        if not trusted:
            self.target.setCurrentIndex(self.target.count() - 1)
        self.path_edit = QLineEdit(self)
        browse = QPushButton(tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        self.target.currentIndexChanged.connect(lambda _i: self._suggest())
        line = QHBoxLayout()
        line.addWidget(self.path_edit, 1)
        line.addWidget(browse)
        form = QFormLayout()
        form.addRow(tr("导出内容"), self.target)
        form.addRow(tr("保存到"), line)
        self.problem = modal.problem_label(self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(tr("导出"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint_label(
            tr("同步包用全单位共用的同步口令加密，并由本机签名。请用 U 盘等把文件交给同事，"
               "由对方在“文件 → 导入同步包”中导入。") if trusted else
            tr("本机还没有导入过任何同事的同步包，因此导出全部数据。请用 U 盘等把文件交给同事，"
               "由对方在“文件 → 导入同步包”中导入。")))
        layout.addWidget(self.problem)
        layout.addStretch()
        layout.addWidget(buttons)
        self.resize(640, 240)
        self._suggest()

    def choice(self) -> tuple[str | None, bool]:
        to, full, _suffix = self.target.currentData()
        return to, bool(full)

    def path(self) -> Path:
        text = self.path_edit.text().strip()
        path = Path(text)
        return path if path.suffix.lower() == ".fzb" else path.with_name(path.name + ".fzb")

    def _suggest(self) -> None:
        suffix = self.target.currentData()[2]
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        name = f"同步包-{self._who.node_code}-{stamp}-{suffix}.fzb"
        current = self.path_edit.text().strip()
        folder = str(Path(current).parent) if current else _folder()
        self.path_edit.setText(str(Path(folder) / _clean(name)))

    def _browse(self) -> None:
        chosen = dialogs.ask_save_file(self, tr("保存同步包"), self.path_edit.text(),
                                       bundle_filter())
        if chosen:
            self.path_edit.setText(chosen)

    def accept(self) -> None:
        text = self.path_edit.text().strip()
        folder = self.path().parent
        if not text:
            self._show_problem(tr("请填写同步包的保存位置"))
        elif not folder.is_dir():
            self._show_problem(tr("文件夹“{folder}”不存在，请重新选择").format(folder=folder))
        else:
            super().accept()

    def _show_problem(self, text: str) -> None:
        self.problem.setText("✖ " + text)
        self.problem.show()


def _clean(name: str) -> str:
    return "".join(ch for ch in name if ch not in '<>:"/\\|?*').strip()


def export_bundle(window: MainWindow) -> int | None:
    """File → 导出同步包…; returns the runner's task id (None when nothing was started)."""
    if not ensure_passphrase(window):
        return None
    dialog = ExportDialog(window)
    if not modal.exec_dialog(dialog):
        return None
    (to, full), out = dialog.choice(), dialog.path()
    prefs.put(FOLDER_PREF, str(out.parent))
    sync = window.services.sync

    def work(task: Any) -> Any:
        return sync.export(out, to=to, full=full, progress=task.progress,
                           cancelled=task.cancelled)

    def done(result: Any) -> None:
        records = result.counts.get("records", {})
        total = sum(records.values()) if isinstance(records, dict) else 0
        kind = tr("完整同步包") if result.kind == "full" else tr("增量同步包")
        dialogs.show_info(window, tr("{kind}已保存：\n{path}\n\n共 {n} 条记录，{size}。请把它交给同事，"
                                     "由对方在“文件 → 导入同步包”中导入。").format(
            kind=kind, path=result.path, n=total, size=modal.size_text(result.size)),
            title=tr("导出同步包"))

    return window.runner.run(work, on_done=done, label=tr("正在导出同步包…"), parent=window)


# --- import -------------------------------------------------------------------------------------

def choose_and_import(window: MainWindow) -> ImportFlow | None:
    """File → 导入同步包…: pick a ``.fzb`` and import it."""
    path = dialogs.ask_open_file(window, tr("选择要导入的同步包"), bundle_filter())
    if not path:
        return None
    prefs.put(FOLDER_PREF, str(Path(path).parent))
    return import_bundle(window, path)


def import_bundle(window: MainWindow, path: str | Path) -> ImportFlow:
    flow = ImportFlow(window, Path(path))
    flow.start()
    return flow


def trust_box(parent: QWidget | None, info: BundleInfo, this_pc: str | None,
              previous: str | None = None) -> QMessageBox:
    """The trust prompt (built separately from ``ask_trust`` so it can be looked at)."""
    name, fp = html.escape(info.sender_name), html.escape(info.fingerprint)
    mono = "font-family: monospace; font-size: 11pt;"
    if info.trust == "key_changed":
        lead = tr("同步包自称来自已信任的同事 <b>{name}</b>，但<b>签名密钥与以前不同</b>。"
                  "可能是对方重装了程序，也可能是伪造的文件。").format(name=name)
        old = True
        after = tr("继续将撤销对原密钥的信任，改为信任新密钥，然后导入。")
    elif info.trust == "revoked":
        lead = tr("您已撤销对同事 <b>{name}</b> 的信任。确认要重新信任并导入吗？").format(name=name)
        old, after = False, tr("重新信任后，今后来自这位同事的同步包将直接导入。")
    else:
        lead = tr("这个同步包来自尚未信任的同事 <b>{name}</b>。").format(name=name)
        old, after = False, tr("信任后，今后来自这位同事的同步包将直接导入；可在“设置 → 同步”中撤销信任。")
    rows = [(tr("原指纹："), html.escape(previous or "—"), False)] if old else []
    rows += [(tr("发送人指纹："), fp, True), (tr("本机指纹："), html.escape(this_pc or "—"), False)]
    table = "".join(f"<tr><td style='white-space: nowrap'>{label}</td>"
                    f"<td style='white-space: nowrap; {mono}'>"
                    f"{'<b>' + value + '</b>' if bold else value}</td></tr>"
                    for label, value, bold in rows)
    text = (f"<p>{lead}</p><table cellspacing='4'>{table}</table><p>" +
            tr("请打电话或当面请对方在“设置 → 同步”中念出其本机指纹，与上面的发送人指纹逐位核对，"
               "完全一致才可信任。") + f"</p><p>{after}</p>")
    box = QMessageBox(QMessageBox.Icon.Warning, tr("确认同步包的发送人"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.trust_button = box.addButton(tr("信任并导入"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


def ask_trust(parent: QWidget | None, info: BundleInfo, this_pc: str | None,
              previous: str | None = None) -> bool:
    """信任并导入 (True) or 取消 for a bundle from an unknown, revoked or re-keyed sender."""
    box = trust_box(parent, info, this_pc, previous)
    box.exec()
    return box.clickedButton() is box.trust_button


class ImportFlow:
    """One import, step by step (see the module docstring). ``done`` turns True at the end;
    ``result`` is the ``ImportResult`` when the import was applied."""

    def __init__(self, window: MainWindow, path: Path) -> None:
        self.window = window
        self.path = path
        self.sync = window.services.sync
        self.info: BundleInfo | None = None
        self.prepared: PreparedImport | None = None
        self.preview_dialog: PreviewDialog | None = None
        self.result: ImportResult | None = None
        self.task_id: int | None = None
        self.cancelled = False
        self.done = False

    def start(self) -> None:
        if not self.path.is_file():
            dialogs.show_error(self.window, tr("找不到同步包文件：{path}").format(path=self.path))
            self._finish()
            return
        if not ensure_passphrase(self.window):
            self._finish()
            return
        path, sync = self.path, self.sync
        self.task_id = self.window.runner.run(lambda _t: sync.check(path), on_done=self._checked,
                                              on_error=self._failed,
                                              label=tr("正在校验同步包…"), parent=self.window)

    def _checked(self, info: BundleInfo) -> None:
        self.info = info
        if info.trust == "self":
            dialogs.show_error(self.window, tr("这是本机自己导出的同步包，无需导入。"))
            self._finish()
            return
        trust, revoke = False, False
        if info.trust != "trusted":
            previous = next((p.fingerprint for p in self.sync.peers()
                             if p.node_id == info.sender_id), None)
            if not ask_trust(self.window, info, self.sync.status().fingerprint, previous):
                self._finish()
                return
            trust, revoke = True, info.trust == "key_changed"
        path, sync, sender = self.path, self.sync, info.sender_id

        def work(task: Any) -> PreparedImport:
            if revoke:
                sync.revoke(sender)
            return sync.prepare(path, trust=trust, progress=task.progress,
                                cancelled=task.cancelled)

        self.task_id = self.window.runner.run(
            work, on_done=self._prepared, on_error=self._failed,
            changes=Change(settings=True) if revoke else None,
            label=tr("正在解密并检查同步包…"), parent=self.window)

    def _prepared(self, prepared: PreparedImport) -> None:
        self.prepared = prepared
        self.preview_dialog = PreviewDialog(prepared, self.window)
        if not modal.exec_dialog(self.preview_dialog):
            self._finish()
            return
        self.commit()

    def commit(self) -> int:
        """Apply the previewed import (backup first, one transaction, cancellable)."""
        prepared, sync = self.prepared, self.sync
        assert prepared is not None

        def work(task: Any) -> ImportResult:
            return sync.commit(prepared, progress=task.progress, cancelled=task.cancelled)

        self.task_id = self.window.runner.run(
            work, on_done=self._committed, on_error=self._failed,
            changes=Change.everything(), label=tr("正在导入同步包…（可以取消，取消后数据不变）"),
            parent=self.window)
        return self.task_id

    def _committed(self, result: ImportResult) -> None:
        self.result = result
        self.window.refresh_status()
        totals = result.preview.totals
        text = tr("已导入 {name} 的同步包：新增 {new} 条，更新 {updated} 条，删除 {deleted} 条，"
                  "恢复 {restored} 条，冲突 {conflicting} 处。").format(
            name=result.preview.sender_name, new=totals.new, updated=totals.updated,
            deleted=totals.deleted, restored=totals.restored, conflicting=totals.conflicting)
        if not result.applied:
            text = tr("同步包中没有本机尚未有的内容，数据没有变化（已记下对方的同步进度）。")
        if result.backup is not None:
            text += "\n" + tr("导入前的数据已自动备份：{name}").format(name=result.backup.name)
        open_conflicts = self.window.services.sync.conflicts()
        self._finish()
        if open_conflicts:
            text += "\n\n" + tr("共有 {n} 处同步冲突待处理，现在查看吗？").format(n=len(open_conflicts))
            if dialogs.ask_yes_no(self.window, text, title=tr("导入完成")):
                show_conflicts(self.window)
        else:
            dialogs.show_info(self.window, text, title=tr("导入完成"))

    def _failed(self, exc: BaseException) -> bool:
        self._finish()
        if isinstance(exc, Cancelled):
            self.cancelled = True
            dialogs.show_info(self.window, tr("已取消，数据库没有任何改动。"), title=tr("导入同步包"))
            return True
        return False

    def _finish(self) -> None:
        self.done = True
