"""Backups: online, consistent, self-contained, described by their sidecar; automatic ones
before upgrades and once a day, pruned to the configured number."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from fazhi_desktop.services import Services, backup, lock, open_services
from fazhi_desktop.services.attachments import AttachmentService
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.store import migrate
from fazhi_desktop.store.engine import DB_FILENAME
from tests.conftest import TODAY
from tests.safety.conftest import add_records


def test_backup_is_one_self_contained_file_with_a_truthful_sidecar(writer: Services) -> None:
    add_records(writer, 5)
    add_records(writer, 2, "petitions")
    gone = add_records(writer, 1)[0]
    writer.records.delete(gone["id"])
    info = backup.create_backup(writer.ctx.data_dir, "manual", note="月底")
    assert info.path.parent == writer.ctx.data_dir / "backups"
    assert sorted(p.name for p in info.path.iterdir()) == ["backup.json", DB_FILENAME]
    assert info.counts == {"disputes": 5, "petitions": 2, "deleted": 1}
    assert info.records == 8 and info.revision == migrate.head_revision()
    assert info.node_name == "西城区司法所-张三" and info.unit_name == "西城区"
    assert info.db_size == info.db_path.stat().st_size and info.size >= info.db_size
    side = json.loads((info.path / "backup.json").read_text(encoding="utf-8"))
    assert side["reason"] == "manual" and side["note"] == "月底"
    # rollback-journal mode: header bytes 18/19 are 1, and reading it creates no -wal file
    header = info.db_path.read_bytes()[:100]
    assert header[18:20] == b"\x01\x01"
    con = sqlite3.connect(info.db_path)
    assert con.execute("SELECT count(*) FROM records").fetchone()[0] == 8
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert sorted(p.name for p in info.path.iterdir()) == ["backup.json", DB_FILENAME]


def test_backup_taken_while_another_connection_writes_is_one_consistent_snapshot(
        writer: Services) -> None:
    add_records(writer, 50)
    started, release = threading.Event(), threading.Event()

    def slow_writer() -> None:
        with writer.ctx.write() as s:
            s.connection().exec_driver_sql("DELETE FROM parties")
            started.set()
            release.wait(10)
            raise RuntimeError("rolled back")  # never commits

    t = threading.Thread(target=lambda: pytest.raises(RuntimeError, slow_writer))
    t.start()
    assert started.wait(10)
    info = backup.create_backup(writer.ctx.data_dir)  # does not wait for the writer
    release.set()
    t.join()
    con = sqlite3.connect(info.db_path)
    assert con.execute("SELECT count(*) FROM parties").fetchone()[0] == 50
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_backup_to_a_chosen_folder_copies_attachment_files(writer: Services,
                                                            tmp_path: Path) -> None:
    rid = add_records(writer, 1)[0]["id"]
    AttachmentService(writer.ctx).add_bytes(rid, b"%PDF judgment scan", "判决书.pdf")
    usb = tmp_path / "U盘"
    info = backup.create_backup(writer.ctx.data_dir, "manual", to=usb)
    assert info.path.parent == usb and info.attachments == 1
    blobs = list((info.path / "attachments").rglob("*"))
    assert [b.read_bytes() for b in blobs if b.is_file()] == [b"%PDF judgment scan"]
    assert [i.name for i in backup.list_backups(usb)] == [info.name]


def test_list_is_newest_first_and_ignores_unfinished_backups(writer: Services) -> None:
    first = backup.create_backup(writer.ctx.data_dir, "manual")
    second = backup.create_backup(writer.ctx.data_dir, "manual")
    unfinished = writer.ctx.data_dir / "backups" / "fazhi-backup-x"
    unfinished.mkdir()
    shutil.copy(first.db_path, unfinished / DB_FILENAME)  # no sidecar: not finished
    names = [i.name for i in backup.list_backups(writer.ctx.data_dir / "backups")]
    assert names[:2] == [second.name, first.name]
    assert [i.reason for i in backup.list_backups(writer.ctx.data_dir / "backups")] == [
        "manual", "manual", "daily"]  # the writer's first start today made the daily one


def test_not_enough_space_is_refused_with_a_message(writer: Services,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    usage = shutil.disk_usage(writer.ctx.data_dir)
    monkeypatch.setattr(backup.shutil, "disk_usage",
                        lambda _p: usage._replace(free=10 * 2**20))
    with pytest.raises(FazhiError, match="剩余空间"):
        backup.create_backup(writer.ctx.data_dir)
    assert [i.reason for i in backup.list_backups(writer.ctx.data_dir / "backups")] == ["daily"]


def test_daily_backup_once_a_day_only_by_the_writer_and_pruned(data_dir: Path) -> None:
    day = [TODAY]
    with open_services(data_dir, today=lambda: day[0]):
        pass  # a reader (no lock): no daily backup
    assert backup.list_backups(data_dir / "backups") == []
    with lock.acquire(data_dir), open_services(data_dir, today=lambda: day[0]) as sv:
        backup.set_keep_count(sv.ctx, "daily", 2)
    daily = [i for i in backup.list_backups(data_dir / "backups") if i.reason == "daily"]
    assert len(daily) == 1
    with lock.acquire(data_dir), open_services(data_dir, today=lambda: day[0]):
        pass  # same day: no second one
    assert len(backup.list_backups(data_dir / "backups")) == 1
    manual = backup.create_backup(data_dir, "manual")
    for _ in range(3):  # three more days; "today" is compared with each backup's local date
        day[0] += dt.timedelta(days=1)
        for info in backup.list_backups(data_dir / "backups"):
            _age(info, days=1)
        with lock.acquire(data_dir), open_services(data_dir, today=lambda: day[0]):
            pass
    left = backup.list_backups(data_dir / "backups")
    assert sum(i.reason == "daily" for i in left) == 2  # kept the last 2
    assert manual.name in [i.name for i in left]  # manual backups are never pruned


def test_opening_an_older_database_backs_it_up_before_upgrading(tmp_path: Path) -> None:
    from tests.store.test_migrations import _old_database

    rid = _old_database(tmp_path / "old")
    with open_services(tmp_path / "old") as sv:
        assert sv.records.get(rid)["summary"] == "旧版本录入的纠纷"
    infos = backup.list_backups(tmp_path / "old" / "backups")
    assert [(i.reason, i.revision, i.records) for i in infos] == [("pre-migration", "0001", 1)]
    with open_services(tmp_path / "old"):
        pass  # already current: no second backup
    assert len(backup.list_backups(tmp_path / "old" / "backups")) == 1


def test_upgrade_is_refused_while_another_process_holds_the_folder(
        tmp_path: Path) -> None:
    from tests.safety.test_lock import hold_in_child
    from tests.store.test_migrations import _old_database

    _old_database(tmp_path / "old")
    child = hold_in_child(tmp_path / "old")
    try:
        with pytest.raises(lock.FolderInUse):
            open_services(tmp_path / "old")
    finally:
        child.communicate("\n")
    con = sqlite3.connect(tmp_path / "old" / DB_FILENAME)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    con.close()


def _age(info: backup.BackupInfo, days: int) -> None:
    """Pretend a backup was made ``days`` earlier (rewrites its sidecar's time)."""
    side = info.path / "backup.json"
    data = json.loads(side.read_text(encoding="utf-8"))
    data["created_at"] = (info.created_at - dt.timedelta(days=days)).isoformat()
    side.write_text(json.dumps(data), encoding="utf-8")


def test_the_writer_clears_leftovers_of_interrupted_restores_and_uploads(data_dir: Path) -> None:
    leftover = data_dir / ".restore.tmp-4242.sqlite3"
    leftover.write_bytes(b"half a restore")
    (data_dir / "attachments").mkdir()
    upload = data_dir / "attachments" / ".incoming.tmp-abcd"
    upload.write_bytes(b"half a scan")
    with open_services(data_dir, today=lambda: TODAY):
        assert leftover.exists()  # a reader leaves them alone (a writer may be using them)
    with lock.acquire(data_dir), open_services(data_dir, today=lambda: TODAY):
        assert not leftover.exists() and not upload.exists()


def test_pruning_a_backup_leaves_the_attachment_files_it_shared(writer: Services) -> None:
    from fazhi_desktop.services.attachments import blob_path

    rid = add_records(writer, 1)[0]["id"]
    a = AttachmentService(writer.ctx).add_bytes(rid, b"scan kept by the folder", "a.pdf")
    backup.set_keep_count(writer.ctx, "pre-import", 1)
    first = backup.backup_before(writer.ctx, "pre-import", "第一次导入")
    stored = blob_path(writer.ctx.data_dir, a.sha256)
    assert (first.path / "attachments" / a.sha256[:2] / a.sha256).stat().st_ino == \
        stored.stat().st_ino  # hard-linked, not copied
    second = backup.backup_before(writer.ctx, "pre-import", "第二次导入")
    names = [i.name for i in backup.list_backups(writer.ctx.data_dir / "backups")]
    assert second.name in names and first.name not in names and not first.path.exists()
    assert stored.read_bytes() == b"scan kept by the folder"
    assert stored.stat().st_mode & 0o222 == 0
