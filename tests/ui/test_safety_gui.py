"""Data safety through the GUI (issue #7): back up now, list, restore; start-up offer to restore
a damaged database; attachments in the record editor; attachment changes in the history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fazhi_desktop.services import backup, open_services
from fazhi_desktop.ui import attachments_pane, backup_dialogs, modal
from tests.conftest import TODAY
from tests.helpers import BUILDERS


def accept_with(monkeypatch: pytest.MonkeyPatch, fill: Any) -> list[Any]:
    """Run our own dialogs through ``fill(dialog)`` and press their OK button."""
    seen: list[Any] = []

    def run(dialog: Any) -> bool:
        seen.append(dialog)
        fill(dialog)
        dialog.accept()
        return dialog.result() == 1

    monkeypatch.setattr(modal, "exec_dialog", run)
    return seen


def test_backup_then_restore_brings_back_a_deleted_record(qtbot: Any, window: Any, services: Any,
                                                          dialogs: Any,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    kept = services.records.create("disputes", BUILDERS["disputes"](summary="要保住的纠纷"))
    services.records.create("petitions", BUILDERS["petitions"]())
    accept_with(monkeypatch, lambda d: d.note.setText("年底结账前"))
    window.actions["backup_create"].trigger()
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=15_000)
    assert "备份完成" in dialogs.infos[-1] and "2 条记录" in dialogs.infos[-1]

    window.actions["backup_restore"].trigger()
    restore_dialog = next(w for w in window.findChildren(backup_dialogs.RestoreDialog))
    qtbot.addWidget(restore_dialog)
    manual = [i for i in restore_dialog.backups if i.reason == "manual"]
    assert len(manual) == 1 and manual[0].note == "年底结账前"
    row = restore_dialog.backups.index(manual[0])
    cells = [restore_dialog.table.item(row, c).text() for c in range(6)]
    assert cells[1] == "手动备份" and cells[2] == "2" and cells[5] == "年底结账前"
    assert cells[0] == modal.when_text(manual[0].created_at)

    # the record is deleted (and something new typed), then the backup is restored
    services.records.delete(kept["id"])
    services.records.create("reviews", BUILDERS["reviews"]())
    restore_dialog.table.selectRow(row)
    shown = len(dialogs.infos)
    restore_dialog.restore_button.click()
    qtbot.waitUntil(lambda: len(dialogs.infos) > shown, timeout=20_000)
    assert "替换当前的全部数据" in dialogs.questions[-1] and "年底结账前" in dialogs.questions[-1]
    assert not dialogs.errors
    assert services.records.get(kept["id"])["deleted"] is False
    assert services.records.get(kept["id"])["summary"] == "要保住的纠纷"
    assert "恢复前的数据已备份为" in dialogs.infos[-1]
    view = window.show_register("reviews")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)   # the views reloaded
    # the state before the restore was backed up and is listed too
    assert any(i.reason == "pre-restore" for i in restore_dialog.backups)


def test_declining_the_restore_changes_nothing(qtbot: Any, window: Any, services: Any,
                                               dialogs: Any) -> None:
    record = services.records.create("disputes", BUILDERS["disputes"]())
    backup.create_backup(services.ctx.data_dir, "manual")
    services.records.delete(record["id"])
    dialog = backup_dialogs.show_restore(window)
    qtbot.addWidget(dialog)
    dialogs.yes = False
    assert dialog.restore_selected() is None
    assert services.records.get(record["id"])["deleted"] is True


def test_backup_to_a_chosen_folder_and_list_it_from_there(qtbot: Any, window: Any,
                                                          services: Any, dialogs: Any,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    services.records.create("lawsuits", BUILDERS["lawsuits"]())
    usb = tmp_path / "U盘"
    usb.mkdir()
    monkeypatch.setattr(backup_dialogs, "ask_folder", lambda *_a: str(usb))
    missing = accept_with(monkeypatch, lambda d: d.folder.setText(str(tmp_path / "没插")))
    window.actions["backup_create"].trigger()
    assert missing[0].result() == 0 and "U 盘是否已插好" in missing[0].problem.text()

    accept_with(monkeypatch, lambda d: d._choose())            # 选择… → the USB folder
    window.actions["backup_create"].trigger()
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=15_000)
    assert str(usb) in dialogs.infos[-1]
    dialog = backup_dialogs.show_restore(window)
    qtbot.addWidget(dialog)
    assert all(i.reason != "manual" for i in dialog.backups)  # not in the data folder
    dialog._choose_folder()                                    # 其他文件夹（如 U 盘）…
    assert [i.reason for i in dialog.backups] == ["manual"]
    assert str(usb) in dialog.folder_label.text()
    assert dialog.table.item(0, 2).text() == "1"


def test_start_up_offers_the_latest_good_backup_for_a_damaged_database(
        qtbot: Any, data_dir: Path, dialogs: Any) -> None:
    with open_services(data_dir, today=lambda: TODAY) as sv:
        record = sv.records.create("disputes", BUILDERS["disputes"](summary="损坏前的记录"))
        good = backup.create_backup(data_dir, "manual")
    db = data_dir / "fazhi.sqlite3"
    with open(db, "r+b") as f:                                # the file header is destroyed
        f.write(b"\0" * 100)

    dialogs.yes = False                                       # 否: exit, touch nothing
    damaged = db.read_bytes()
    assert backup_dialogs.open_checked(data_dir) is None
    assert "已损坏" in dialogs.questions[-1] and good.created_at.astimezone().strftime(
        "%Y-%m-%d %H:%M") in dialogs.questions[-1]
    assert db.read_bytes() == damaged

    dialogs.yes = True                                        # 是: restore, then open
    services = backup_dialogs.open_checked(data_dir)
    assert services is not None
    try:
        assert services.records.get(record["id"])["summary"] == "损坏前的记录"
        assert "已从备份" in dialogs.infos[-1] and "另存" in dialogs.infos[-1]
    finally:
        services.close()


def test_start_up_without_any_backup_says_so_and_exits(data_dir: Path, dialogs: Any) -> None:
    db = data_dir / "fazhi.sqlite3"
    with open_services(data_dir, today=lambda: TODAY):
        pass
    for old in (data_dir / "backups").glob("*"):              # no backup at all
        import shutil

        shutil.rmtree(old)
    with open(db, "r+b") as f:
        f.write(b"\0" * 100)
    dialogs.yes = False
    assert backup_dialogs.open_checked(data_dir) is None
    assert "没有找到完好的备份" in dialogs.questions[-1]


def test_attachments_in_the_record_editor(qtbot: Any, window: Any, services: Any, dialogs: Any,
                                          monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    record = services.records.create("reviews", BUILDERS["reviews"]())
    services.attachments.set_max_mb(1)
    scan = tmp_path / "审查意见书.pdf"
    scan.write_bytes(b"%PDF-1.4 scan" * 100)
    huge = tmp_path / "整本卷宗.pdf"
    huge.write_bytes(b"x" * (2 * 1024 * 1024))
    editor = window.open_record(record["id"])
    pane = editor.attachments
    assert editor.tabs.tabText(editor.tabs.indexOf(pane)) == "附件"
    editor.tabs.setCurrentWidget(pane)
    monkeypatch.setattr(attachments_pane, "ask_open_files", lambda *_a: [str(scan), str(huge)])
    pane.add_button.click()
    qtbot.waitUntil(lambda: pane.list.topLevelItemCount() == 1 and bool(dialogs.warnings),
                    timeout=10_000)
    assert pane.list.topLevelItem(0).text(0) == "审查意见书.pdf"
    assert pane.list.topLevelItem(0).text(2) == "张三"
    assert "整本卷宗.pdf" in dialogs.warnings[-1] and "超过附件大小上限 1 MB" in dialogs.warnings[-1]
    # the history tab shows the change, with operator and PC
    top = editor.history.topLevelItem(0)
    assert top.text(2) == "张三" and top.text(3) == "西城区司法所-张三"
    assert top.text(4) == "附件：（空） → 审查意见书.pdf"

    opened: list[Path] = []
    monkeypatch.setattr(attachments_pane, "open_url", lambda p: opened.append(p) or True)
    pane.list.topLevelItem(0).setSelected(True)
    pane.open_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened[0].name == "审查意见书.pdf" and opened[0].read_bytes() == scan.read_bytes()

    pane.list.topLevelItem(0).setSelected(True)
    pane.remove_button.click()                               # to the recycle bin …
    qtbot.waitUntil(lambda: pane.list.topLevelItemCount() == 0, timeout=5000)
    assert services.attachments.list(record["id"]) == []
    assert pane.undo_button.isVisible() and "撤销" in pane.undo_button.text()
    pane.undo_button.click()                                 # … and back
    qtbot.waitUntil(lambda: pane.list.topLevelItemCount() == 1, timeout=5000)
    assert [a.name for a in services.attachments.list(record["id"])] == ["审查意见书.pdf"]
    assert not pane.undo_button.isVisible()


def test_a_new_record_gets_attachments_after_saving(qtbot: Any, window: Any) -> None:
    editor = window.new_record("disputes")
    assert not editor.attachments.add_button.isEnabled()
    assert "保存记录后" in editor.attachments.hint.text()


def test_removed_attachments_can_be_shown_and_restored(qtbot: Any, window: Any, services: Any,
                                                       tmp_path: Path) -> None:
    record = services.records.create("disputes", BUILDERS["disputes"]())
    att = services.attachments.add_bytes(record["id"], b"agreement", "调解协议书.jpg")
    services.attachments.remove(att.id)
    editor = window.open_record(record["id"])
    pane = editor.attachments
    assert pane.list.topLevelItemCount() == 0 and not pane.restore_button.isVisible()
    pane.show_removed.setChecked(True)
    assert pane.list.topLevelItem(0).text(4) == "在回收站"
    pane.list.topLevelItem(0).setSelected(True)
    pane.restore_button.click()
    qtbot.waitUntil(lambda: pane.list.topLevelItem(0).text(4) == "", timeout=5000)
    assert [a.name for a in services.attachments.list(record["id"])] == ["调解协议书.jpg"]
