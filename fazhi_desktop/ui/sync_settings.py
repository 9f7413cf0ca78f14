"""设置 → 同步: this PC's fingerprint, the keyring, the office passphrase, trusted colleagues.

The page acts at once (it is not saved with the dialog's 确定): setting the passphrase runs
``sync.setup`` (which also creates this PC's signing key), revoking runs ``sync.revoke``,
both on the task runner. The passphrase and the private key live only in the system keyring
(``services/secrets.py``); when there is no usable keyring the page says what to install
and the passphrase field is disabled — nothing is ever written elsewhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.services import Services
from fazhi_desktop.services.sync import MIN_PASSPHRASE, SyncStatus
from fazhi_desktop.ui import dialogs, modal
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.tasks import Change, TaskRunner
from fazhi_desktop.ui.widgets import hint_label


class SyncPage(QWidget):
    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sv = services
        self._runner = runner
        self.fingerprint = QLabel(self)
        self.fingerprint.setFont(QFont("monospace", 11))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keyring = QLabel(self)
        self.keyring.setWordWrap(True)
        self.keyring.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase_state = QLabel(self)
        form = QFormLayout()
        form.addRow(tr("本机指纹"), self.fingerprint)
        form.addRow(tr("系统密钥环"), self.keyring)
        form.addRow(tr("同步口令"), self.passphrase_state)

        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(tr("全单位共用的同步口令（至少 {n} 个字符）")
                                           .format(n=MIN_PASSPHRASE))
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setPlaceholderText(tr("再输入一次"))
        self.set_button = QPushButton(tr("保存口令"), self)
        self.set_button.clicked.connect(self.save_passphrase)
        self.problem = modal.problem_label(self)
        pass_box = QGroupBox(tr("设置同步口令"), self)
        pass_form = QFormLayout(pass_box)
        pass_form.addRow(tr("口令"), self.passphrase)
        line = QHBoxLayout()
        line.addWidget(self.repeat, 1)
        line.addWidget(self.set_button)
        pass_form.addRow(tr("确认口令"), line)
        pass_form.addRow("", self.problem)
        pass_form.addRow("", hint_label(tr("同步包用这个口令加密，单位内每台电脑必须填写同一个口令。"
                                           "口令只保存在本机的系统密钥环中，不写入任何文件。")))

        self.peers = QTableWidget(self)
        self.peers.setColumnCount(5)
        self.peers.setHorizontalHeaderLabels([tr("同事电脑"), tr("简码"), tr("指纹"), tr("上次导入"),
                                              tr("状态")])
        self.peers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.peers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.peers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.peers.verticalHeader().hide()
        self.peers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.peers.horizontalHeader().setStretchLastSection(True)
        self.peers.itemSelectionChanged.connect(self._update_revoke)
        self.revoke_button = QPushButton(tr("撤销信任"), self)
        self.revoke_button.clicked.connect(self.revoke_selected)
        peers_box = QGroupBox(tr("已信任的同事"), self)
        peers_layout = QVBoxLayout(peers_box)
        peers_layout.addWidget(self.peers, 1)
        row = QHBoxLayout()
        row.addWidget(hint_label(tr("首次导入某位同事的同步包时核对指纹后信任。撤销后，来自该同事的同步包"
                                    "将被拒绝，除非重新核对指纹并信任。")), 1)
        row.addWidget(self.revoke_button)
        peers_layout.addLayout(row)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(pass_box)
        layout.addWidget(peers_box, 1)
        self.status: SyncStatus | None = None
        self.refresh()
        if isinstance(parent, QDialog):  # 确定 of the settings dialog also saves a typed passphrase
            parent.accepted.connect(self._save_on_accept)

    # --- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        sync = self._sv.sync
        self.status = status = sync.status()
        self.fingerprint.setText(status.fingerprint or tr("尚未生成（保存同步口令时生成）"))
        self.keyring.setText(status.keyring.message)
        self.keyring.setStyleSheet("" if status.keyring.ok else "color: #b3261e;")
        if not status.keyring.ok:
            self.passphrase_state.setText(tr("✖ 无法设置：没有可用的系统密钥环（见上）"))
        elif status.passphrase_set:
            self.passphrase_state.setText(tr("✔ 已设置（如需更换，在下面输入新口令）"))
        else:
            self.passphrase_state.setText(tr("✖ 尚未设置：设置后才能导出或导入同步包"))
        for widget in (self.passphrase, self.repeat, self.set_button):
            widget.setEnabled(status.keyring.ok)
        peers = sync.peers()
        self.peer_ids = [p.node_id for p in peers]
        self.peer_trusted = [p.trusted for p in peers]
        self.peers.setRowCount(len(peers))
        for row, peer in enumerate(peers):
            state = tr("已信任") if peer.trusted else tr("已撤销 {when}").format(
                when=modal.when_text(peer.revoked_at))
            values = [peer.name, peer.code, peer.fingerprint,
                      modal.when_text(peer.last_import_at), state]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setFont(QFont("monospace"))
                if not peer.trusted:
                    item.setForeground(Qt.GlobalColor.gray)
                self.peers.setItem(row, column, item)
        self._update_revoke()

    def _update_revoke(self) -> None:
        rows = {i.row() for i in self.peers.selectionModel().selectedRows()}
        self.revoke_button.setEnabled(any(self.peer_trusted[r] for r in rows
                                          if r < len(self.peer_trusted)))

    # --- acting -----------------------------------------------------------------------------
    def save_passphrase(self) -> int | None:
        text, again = self.passphrase.text(), self.repeat.text()
        if len(text.strip("\r\n")) < MIN_PASSPHRASE:
            self._problem(tr("同步口令至少需要 {n} 个字符").format(n=MIN_PASSPHRASE))
            return None
        if text != again:
            self._problem(tr("两次输入的口令不一致"))
            return None
        self.problem.hide()
        sync = self._sv.sync

        def done(_status: Any) -> None:
            self.passphrase.clear()
            self.repeat.clear()
            self.refresh()

        return self._runner.run(lambda _t: sync.setup(text), on_done=done,
                                changes=Change(settings=True), label=tr("正在保存同步口令…"),
                                parent=self, cancellable=False)

    def _save_on_accept(self) -> None:
        if not self.passphrase.text() and not self.repeat.text():
            return
        if self.save_passphrase() is None:
            dialogs.show_warning(self.parentWidget(), tr("同步口令没有保存：") + self.problem.text()
                                 .lstrip("✖ "), title=tr("同步口令"))

    def _problem(self, text: str) -> None:
        self.problem.setText("✖ " + text)
        self.problem.show()

    def revoke_selected(self) -> int | None:
        rows = sorted({i.row() for i in self.peers.selectionModel().selectedRows()})
        if not rows or not self.peer_trusted[rows[0]]:
            return None
        node_id = self.peer_ids[rows[0]]
        name = self.peers.item(rows[0], 0).text()
        if not dialogs.ask_yes_no(self, tr("撤销对“{name}”的信任？此后来自这台电脑的同步包将被拒绝，"
                                           "除非重新核对指纹并信任。已导入的数据不受影响。").format(name=name),
                                  title=tr("撤销信任")):
            return None
        sync = self._sv.sync
        return self._runner.run(lambda _t: sync.revoke(node_id), on_done=lambda _r: self.refresh(),
                                changes=Change(settings=True), label=tr("正在撤销信任…"),
                                parent=self, cancellable=False)
