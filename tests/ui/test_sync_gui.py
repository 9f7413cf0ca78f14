"""Sync through the GUI (issue #4 point 6): export, trust prompt, preview, import with cancel,
conflicts view, and the 同步 settings page. Two data folders: the window's PC (张三, XC1) and a
colleague's (李四, XC2), each with its own signing key and the shared office passphrase."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QPushButton

from fazhi_desktop.services import Services, open_services, secrets
from fazhi_desktop.services.setup import SetupInfo, initialise
from fazhi_desktop.ui import conflicts_view, modal, sync_dialogs
from fazhi_desktop.ui.sync_preview import PreviewDialog
from tests.conftest import TODAY
from tests.helpers import BUILDERS

PASSPHRASE = "西城区司法所同步口令"


@pytest.fixture
def colleague(tmp_path: Path) -> Iterator[Services]:
    """李四's PC: same unit, its own node, the same office passphrase."""
    with open_services(tmp_path / "lisi", today=lambda: TODAY) as sv:
        initialise(sv.ctx, SetupInfo(unit_code="632801", unit_name="西城区",
                                     node_name="西城区司法所-李四", node_code="XC2",
                                     operator="李四", unit_level="district"))
        sv.sync.setup(PASSPHRASE)
        yield sv


class Answers:
    """Stand-ins for the trust prompt and for running our own dialogs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, trust: bool = True,
                 accept_preview: bool = True) -> None:
        self.trust_asked: list[tuple[str, str, str | None, str]] = []
        self.previous: list[str | None] = []
        self.previews: list[dict[str, int]] = []
        self.warnings: list[str] = []
        self.notes: list[list[str]] = []
        self.trust, self.accept_preview = trust, accept_preview
        self.before_accept: Any = None
        monkeypatch.setattr(sync_dialogs, "ask_trust", self.ask_trust)
        monkeypatch.setattr(modal, "exec_dialog", self.exec_dialog)

    def ask_trust(self, _parent: Any, info: Any, this_pc: str | None,
                  previous: str | None = None) -> bool:
        self.trust_asked.append((info.sender_name, info.fingerprint, this_pc, info.trust))
        self.previous.append(previous)
        return self.trust

    def exec_dialog(self, dialog: Any) -> bool:
        if isinstance(dialog, PreviewDialog):
            self.previews.append({f"{reg}.{field}": dialog.count(reg, field)
                                  for reg in ("disputes", "petitions", None)
                                  for field in ("new", "updated", "conflicting", "unchanged")})
            self.warnings.append(dialog.warnings.toPlainText())
            self.notes.append(list(dialog.notes))
            if self.before_accept is not None:
                self.before_accept()
            return self.accept_preview
        raise AssertionError(f"unexpected dialog {dialog!r}")


def import_through_menu(qtbot: Any, window: Any, dialogs: Any, path: Path) -> None:
    shown = len(dialogs.infos)
    dialogs.open_file = str(path)
    window.actions["sync_import"].trigger()
    qtbot.waitUntil(lambda: len(dialogs.infos) > shown or bool(dialogs.errors), timeout=15_000)
    assert not dialogs.errors


def test_import_a_colleagues_bundle_through_the_dialogs(qtbot: Any, window: Any, services: Any,
                                                        colleague: Services, dialogs: Any,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    services.sync.setup(PASSPHRASE)
    colleague.records.create_many("disputes", [BUILDERS["disputes"](summary=f"李四登记的纠纷{i}")
                                               for i in range(3)])
    colleague.records.create("petitions", BUILDERS["petitions"]())
    bundle = tmp_path / "from-lisi.fzb"
    colleague.sync.export(bundle, full=True)
    answers = Answers(monkeypatch)
    assert "从未" in window.status_sync.text()

    import_through_menu(qtbot, window, dialogs, bundle)

    # the trust prompt named the sender and showed both fingerprints
    assert answers.trust_asked == [("西城区司法所-李四", colleague.sync.status().fingerprint,
                                    services.sync.status().fingerprint, "unknown")]
    # the preview counted what the import would do, per register
    preview = answers.previews[0]
    assert preview["disputes.new"] == 3 and preview["petitions.new"] == 1
    assert preview["None.new"] == 4 and preview["None.conflicting"] == 0
    assert "新增 4 条" in dialogs.infos[-1] and "导入前的数据已自动备份" in dialogs.infos[-1]
    # the records are in the register tab, and the status bar shows the sync
    view = window.show_register("disputes")
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    assert {view.model.record_at(r)["summary"] for r in range(3)} == {
        f"李四登记的纠纷{i}" for i in range(3)}
    assert "从未" not in window.status_sync.text()
    assert [p.name for p in services.sync.peers() if p.trusted] == ["西城区司法所-李四"]

    # the same bundle again: the sender is trusted now (no prompt), and nothing changes
    import_through_menu(qtbot, window, dialogs, bundle)
    assert len(answers.trust_asked) == 1
    assert answers.previews[1]["None.new"] == 0 and answers.previews[1]["None.unchanged"] == 4
    assert "数据没有变化" in dialogs.infos[-1]
    assert len(services.records.nums(_all())) == 4


def test_the_preview_says_how_many_attachments_arrive(qtbot: Any, window: Any, services: Any,
                                                      colleague: Services, dialogs: Any,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    services.sync.setup(PASSPHRASE)
    record = colleague.records.create("disputes", BUILDERS["disputes"]())
    scan = tmp_path / "调解协议书.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned agreement")
    colleague.attachments.add(record["id"], scan)
    bundle = tmp_path / "with-attachment.fzb"
    colleague.sync.export(bundle, full=True)
    answers = Answers(monkeypatch)
    import_through_menu(qtbot, window, dialogs, bundle)
    assert any("附件：1 个" in line and "1 个文件" in line for line in answers.notes[0])
    attached = services.attachments.list(record["id"])
    assert [a.name for a in attached] == ["调解协议书.pdf"]


def _all() -> Any:
    from fazhi_desktop.domain.filters import Filters

    return Filters()


def test_the_trust_prompt_shows_both_fingerprints_and_defaults_to_cancel(
        window: Any, services: Any, colleague: Services, tmp_path: Path) -> None:
    services.sync.setup(PASSPHRASE)
    colleague.sync.export(tmp_path / "x.fzb", full=True)
    info = services.sync.check(tmp_path / "x.fzb")
    mine = services.sync.status().fingerprint
    box = sync_dialogs.trust_box(window, info, mine)
    text = box.text()
    assert "尚未信任的同事 <b>西城区司法所-李四</b>" in text
    assert info.fingerprint in text and mine in text and "逐位核对" in text
    assert [b.text() for b in box.buttons()] == ["信任并导入", "取消"]
    assert box.defaultButton().text() == "取消" and box.escapeButton().text() == "取消"
    box.deleteLater()


def test_a_colleague_with_a_new_key_is_shown_with_the_old_fingerprint(
        qtbot: Any, window: Any, services: Any, colleague: Services, dialogs: Any,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    services.sync.setup(PASSPHRASE)
    colleague.records.create("disputes", BUILDERS["disputes"]())
    colleague.sync.export(tmp_path / "1.fzb", full=True)
    services.sync.import_bundle(tmp_path / "1.fzb", trust=True)
    old = colleague.sync.status().fingerprint
    # 李四 reinstalled: a new signing key
    secrets.delete_secret(colleague.ctx.require_identity().node_id, secrets.PURPOSE_SIGNING_KEY)
    colleague.records.create("petitions", BUILDERS["petitions"]())
    colleague.sync.export(tmp_path / "2.fzb", full=True)
    new = colleague.sync.status().fingerprint
    assert new != old
    answers = Answers(monkeypatch)
    flow = sync_dialogs.import_bundle(window, tmp_path / "2.fzb")
    qtbot.waitUntil(lambda: flow.done, timeout=10_000)
    assert answers.trust_asked[0][1:] == (new, services.sync.status().fingerprint, "key_changed")
    assert answers.previous == [old]
    assert flow.result is not None and flow.result.preview.totals.new == 1
    assert [(p.fingerprint, p.trusted) for p in services.sync.peers()] == [(new, True)]


def test_declining_trust_imports_nothing(qtbot: Any, window: Any, services: Any,
                                         colleague: Services, dialogs: Any,
                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    services.sync.setup(PASSPHRASE)
    colleague.records.create("disputes", BUILDERS["disputes"]())
    bundle = tmp_path / "x.fzb"
    colleague.sync.export(bundle, full=True)
    answers = Answers(monkeypatch, trust=False)
    flow = sync_dialogs.import_bundle(window, bundle)       # as for a double-clicked .fzb
    qtbot.waitUntil(lambda: flow.done, timeout=10_000)
    assert len(answers.trust_asked) == 1 and not answers.previews
    assert services.records.nums(_all()) == [] and services.sync.peers() == []


def test_without_a_passphrase_the_import_points_to_the_settings(window: Any, dialogs: Any,
                                                                tmp_path: Path) -> None:
    dialogs.yes = False
    bundle = tmp_path / "x.fzb"
    bundle.write_bytes(b"x")
    flow = sync_dialogs.import_bundle(window, bundle)
    assert flow.done and "设置 → 同步" in dialogs.questions[-1]


def test_cancel_during_the_import_leaves_the_database_as_it_was(
        qtbot: Any, window: Any, services: Any, colleague: Services, dialogs: Any,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    services.sync.setup(PASSPHRASE)
    services.records.create("reviews", BUILDERS["reviews"](summary="本机原有的审查"))
    colleague.records.create_many("disputes", [BUILDERS["disputes"]() for _ in range(20)])
    bundle = tmp_path / "big.fzb"
    colleague.sync.export(bundle, full=True)
    db = services.ctx.data_dir / "fazhi.sqlite3"
    before = (services.records.fetch(services.records.nums(_all())), services.sync.peers())
    answers = Answers(monkeypatch)
    gate = threading.Event()
    # hold the worker so that the import is still queued when 取消 is pressed
    answers.before_accept = lambda: window.runner.run(lambda _t: gate.wait(20))
    flow = sync_dialogs.import_bundle(window, bundle)
    qtbot.waitUntil(lambda: flow.task_id is not None and flow.prepared is not None
                    and window.runner.progress_dialog(flow.task_id) is not None, timeout=10_000)
    progress = window.runner.progress_dialog(flow.task_id)
    assert "正在导入同步包" in progress.labelText()
    progress.findChild(QPushButton).click()                # its 取消 button
    gate.set()
    qtbot.waitUntil(lambda: flow.done, timeout=10_000)

    assert flow.cancelled and flow.result is None
    assert "已取消，数据库没有任何改动" in dialogs.infos[-1]
    after = (services.records.fetch(services.records.nums(_all())), services.sync.peers())
    assert after == before                                 # no record, no trust remembered
    assert db.exists()


def test_export_through_the_dialog_reaches_the_colleague(qtbot: Any, window: Any, services: Any,
                                                         colleague: Services, dialogs: Any,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    services.sync.setup(PASSPHRASE)
    services.records.create_many("lawsuits", [BUILDERS["lawsuits"]() for _ in range(2)])
    target = tmp_path / "usb" / "给李四"
    target.parent.mkdir()
    choices: list[str] = []

    def fill(dialog: Any) -> bool:
        choices.extend(dialog.target.itemText(i) for i in range(dialog.target.count()))
        assert dialog.path_edit.text().endswith(".fzb")
        dialog.path_edit.setText(str(target))             # without the extension
        dialog.accept()
        return dialog.result() == 1

    monkeypatch.setattr(modal, "exec_dialog", fill)
    window.actions["sync_export"].trigger()
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=15_000)
    written = target.with_name("给李四.fzb")
    assert str(written) in dialogs.infos[-1] and "共 2 条记录" in dialogs.infos[-1]
    assert choices[-1].startswith("全部数据")             # no colleague trusted yet
    result = colleague.sync.import_bundle(written, trust=True)
    assert result.applied and result.preview.totals.new == 2


def test_export_dialog_refuses_a_missing_folder(window: Any, services: Any,
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    services.sync.setup(PASSPHRASE)
    dialog = sync_dialogs.ExportDialog(window)
    dialog.path_edit.setText(str(tmp_path / "没有这个文件夹" / "a.fzb"))
    dialog.accept()
    assert dialog.result() == 0 and "不存在" in dialog.problem.text()


def test_conflicts_view_settles_a_conflict(qtbot: Any, window: Any, services: Any,
                                           colleague: Services, dialogs: Any,
                                           tmp_path: Path) -> None:
    services.sync.setup(PASSPHRASE)
    record = colleague.records.create("disputes", BUILDERS["disputes"](summary="原来的摘要"))
    colleague.sync.export(tmp_path / "1.fzb", full=True)
    services.sync.import_bundle(tmp_path / "1.fzb", trust=True)
    # both PCs change the summary before seeing each other's change
    colleague.records.update(record["id"], {"summary": "李四写的摘要"})
    services.records.update(record["id"], {"summary": "张三写的摘要"})
    colleague.sync.export(tmp_path / "2.fzb")
    services.sync.import_bundle(tmp_path / "2.fzb")
    window.refresh_status()
    assert "1 处冲突待处理" in window.status_sync.text()

    window.actions["sync_conflicts"].trigger()
    view = conflicts_view._open[id(window)]
    qtbot.addWidget(view)
    assert view.table.rowCount() == 1
    row = [view.table.item(0, c).text() for c in range(view.table.columnCount())]
    assert row[0] == record["serial"] and row[1] == "矛盾纠纷" and row[2] == "简要情况"
    assert {row[3], row[4]} == {"张三写的摘要", "李四写的摘要"}
    assert row[5] in ("西城区司法所-李四", "西城区司法所-张三（本机）") and row[7] == "未处理"
    assert (row[4] == "李四写的摘要") == (row[5] == "西城区司法所-李四")
    incoming = row[4]
    assert not view.keep_incoming.isEnabled()              # nothing selected yet
    view.table.selectRow(0)
    view.keep_incoming.click()                             # 改用另一值
    qtbot.waitUntil(lambda: view.table.rowCount() == 0, timeout=10_000)
    assert services.records.get(record["id"])["summary"] == incoming
    assert services.sync.conflicts() == []
    assert "没有待处理" in view.count.text() and "冲突" not in window.status_sync.text()
    view.show_settled.setChecked(True)                     # settled ones can still be seen
    assert view.table.item(0, 7).text() == "已改用另一值"


def test_settings_page_sets_the_passphrase_and_shows_the_fingerprint(
        qtbot: Any, window: Any, services: Any, colleague: Services, dialogs: Any,
        tmp_path: Path) -> None:
    from fazhi_desktop.ui.settings_dialog import SettingsDialog

    node = services.ctx.require_identity().node_id
    dialog = SettingsDialog(services, window.runner, window)
    qtbot.addWidget(dialog)
    page = dialog.sync_page
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "同步"
    assert "尚未设置" in page.passphrase_state.text()
    page.passphrase.setText("短口令")
    page.repeat.setText("短口令")
    page.set_button.click()
    assert "至少需要 8 个字符" in page.problem.text() and secrets.get_passphrase(node) is None
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE + "x")
    page.set_button.click()
    assert "不一致" in page.problem.text() and secrets.get_passphrase(node) is None
    page.repeat.setText(PASSPHRASE)
    page.set_button.click()
    qtbot.waitUntil(lambda: secrets.get_passphrase(node) == PASSPHRASE, timeout=5000)
    qtbot.waitUntil(lambda: "已设置" in page.passphrase_state.text(), timeout=5000)
    fingerprint = services.sync.status().fingerprint
    assert fingerprint and page.fingerprint.text() == fingerprint
    assert page.passphrase.text() == ""                    # not left in the field

    # a trusted colleague is listed and can be revoked
    colleague.records.create("disputes", BUILDERS["disputes"]())
    colleague.sync.export(tmp_path / "c.fzb", full=True)
    services.sync.import_bundle(tmp_path / "c.fzb", trust=True)
    page.refresh()
    assert page.peers.rowCount() == 1 and page.peers.item(0, 0).text() == "西城区司法所-李四"
    assert page.peers.item(0, 2).text() == colleague.sync.status().fingerprint
    page.peers.selectRow(0)
    page.revoke_button.click()
    qtbot.waitUntil(lambda: not services.sync.peers()[0].trusted, timeout=5000)
    qtbot.waitUntil(lambda: page.peers.item(0, 4).text().startswith("已撤销"), timeout=5000)
    assert "撤销对“西城区司法所-李四”的信任" in dialogs.questions[-1]


def test_settings_page_without_a_keyring_says_what_to_install(qtbot: Any, window: Any,
                                                              services: Any) -> None:
    from fazhi_desktop.ui.sync_settings import SyncPage

    keyring.set_keyring(fail.Keyring())                     # restored by tests/conftest.py
    page = SyncPage(services, window.runner)
    qtbot.addWidget(page)
    assert "没有可用的系统密钥环" in page.keyring.text()
    assert "gnome-keyring" in page.keyring.text() or "凭据管理器" in page.keyring.text()
    assert not page.passphrase.isEnabled() and not page.set_button.isEnabled()
    assert "无法设置" in page.passphrase_state.text()


def test_ok_of_the_settings_dialog_also_saves_a_typed_passphrase(qtbot: Any, window: Any,
                                                                 services: Any) -> None:
    from fazhi_desktop.ui.settings_dialog import SettingsDialog

    node = services.ctx.require_identity().node_id
    dialog = SettingsDialog(services, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.sync_page.passphrase.setText(PASSPHRASE)
    dialog.sync_page.repeat.setText(PASSPHRASE)
    dialog.accept()                                         # 确定, without 保存口令
    qtbot.waitUntil(lambda: secrets.get_passphrase(node) == PASSPHRASE, timeout=5000)


def test_missing_passphrase_offers_the_sync_page(window: Any, dialogs: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[Any] = []

    def look(dialog: Any) -> bool:
        shown.append(dialog.tabs.currentWidget() is dialog.sync_page)
        return False

    monkeypatch.setattr(modal, "exec_dialog", look)
    assert sync_dialogs.export_bundle(window) is None       # dialogs.yes: open the settings
    assert shown == [True]
