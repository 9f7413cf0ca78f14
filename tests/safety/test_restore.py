"""Restore: backup → change → restore gives back exactly the backed-up records; a damaged,
newer or foreign backup is refused with nothing changed."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fazhi_desktop.services import Services, backup, lock, open_services, restore
from fazhi_desktop.services.attachments import AttachmentService, blob_path
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.store import migrate
from fazhi_desktop.store.engine import DB_FILENAME
from tests.conftest import TODAY
from tests.safety.conftest import add_records, everything


def test_backup_change_restore_returns_exactly_the_backed_up_records(writer: Services) -> None:
    kept = add_records(writer, 20) + add_records(writer, 5, "lawsuits")
    writer.records.delete(kept[3]["id"])
    att = AttachmentService(writer.ctx).add_bytes(kept[0]["id"], b"scan-1", "协议.pdf")
    before = everything(writer)
    before_history = writer.records.history(kept[0]["id"])
    info = backup.create_backup(writer.ctx.data_dir, "manual")

    add_records(writer, 7, "reviews")  # changes after the backup…
    writer.records.update(kept[1]["id"], {"summary": "改过的"})
    writer.records.restore(kept[3]["id"])
    writer.records.delete(kept[2]["id"])
    AttachmentService(writer.ctx).remove(att.id)
    blob_path(writer.ctx.data_dir, att.sha256).chmod(0o600)
    blob_path(writer.ctx.data_dir, att.sha256).unlink()  # …even the attachment file is lost
    assert everything(writer) != before

    result = restore.restore(writer.ctx, info.name)
    assert everything(writer) == before
    assert writer.records.history(kept[0]["id"]) == before_history
    assert [a.name for a in AttachmentService(writer.ctx).list(kept[0]["id"])] == ["协议.pdf"]
    assert AttachmentService(writer.ctx).path(att.id).read_bytes() == b"scan-1"
    assert result.records == 25 and result.migrated_from is None
    assert result.pre_restore is not None and result.pre_restore.records == 32
    with writer.ctx.engine.connect() as conn:  # still a WAL database, and consistent
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    writer.records.create("disputes", {"summary": "恢复后继续录入", "received_on": "2026-11-20"})
    # and the pre-restore backup brings the later state back again
    restore.restore(writer.ctx, result.pre_restore.name)
    assert len(everything(writer)) == 32


def test_other_open_connections_see_the_restored_data(writer: Services) -> None:
    add_records(writer, 3)
    info = backup.create_backup(writer.ctx.data_dir)
    add_records(writer, 4)
    reader = sqlite3.connect(writer.ctx.db_path)  # e.g. a read-only CLI command meanwhile
    assert reader.execute("SELECT count(*) FROM records").fetchone()[0] == 7
    restore.restore(writer.ctx, info.path)
    assert reader.execute("SELECT count(*) FROM records").fetchone()[0] == 3
    reader.close()


@pytest.mark.parametrize("damage", ["flip_byte", "truncate", "sidecar_lies"])
def test_damaged_backup_is_refused_and_nothing_changes(writer: Services, damage: str) -> None:
    add_records(writer, 10)
    info = backup.create_backup(writer.ctx.data_dir)
    add_records(writer, 2)
    data = bytearray(info.db_path.read_bytes())
    if damage == "flip_byte":
        data[len(data) // 2] ^= 0xFF
        info.db_path.write_bytes(bytes(data))
    elif damage == "truncate":
        info.db_path.write_bytes(bytes(data[: len(data) // 2]))
    else:
        side = info.path / "backup.json"
        side.write_text(side.read_text(encoding="utf-8").replace(info.sha256, "0" * 64),
                        encoding="utf-8")
    before, names = everything(writer), sorted(p.name for p in (writer.ctx.data_dir / "backups")
                                               .iterdir())
    verdict = restore.verify_backup(info.path)
    assert not verdict.ok and "校验值不符" in verdict.problems[0]
    with pytest.raises(FazhiError, match="不能恢复.*当前数据没有任何改动"):
        restore.restore(writer.ctx, info.name)
    assert everything(writer) == before
    assert sorted(p.name for p in (writer.ctx.data_dir / "backups").iterdir()) == names
    assert [p.name for p in writer.ctx.data_dir.iterdir() if ".tmp-" in p.name] == []
    assert restore.latest_good_backup(writer.ctx) is not None  # the daily one is still good
    assert restore.latest_good_backup(writer.ctx).name != info.name


def test_damaged_bare_database_file_is_refused(writer: Services, tmp_path: Path) -> None:
    add_records(writer, 30)
    copy = tmp_path / "copy.sqlite3"
    backup.create_backup(writer.ctx.data_dir, to=tmp_path / "b")
    src = next((tmp_path / "b").iterdir()) / DB_FILENAME
    data = bytearray(src.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096 * 5):  # scribble over some pages
        data[offset + 100:offset + 400] = b"\x55" * 300
    copy.write_bytes(bytes(data))
    before = everything(writer)
    with pytest.raises(FazhiError, match="不能恢复"):
        restore.restore(writer.ctx, copy)
    assert everything(writer) == before
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(FazhiError, match="不能恢复"):
        restore.restore(writer.ctx, not_a_db)
    assert everything(writer) == before


def test_backup_from_a_newer_program_is_refused(writer: Services) -> None:
    info = backup.create_backup(writer.ctx.data_dir)
    con = sqlite3.connect(info.db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(FazhiError, match="更新版本"):
        restore.restore_backup(writer.ctx.data_dir, info.db_path)  # as a bare file


def test_backup_of_another_pc_needs_explicit_consent(writer: Services, tmp_path: Path) -> None:
    with lock.acquire(tmp_path / "other"), open_services(tmp_path / "other",
                                                         today=lambda: TODAY) as other:
        from fazhi_desktop.services.setup import SetupInfo, initialise

        initialise(other.ctx, SetupInfo("632801", "西城区", "另一台电脑", "XC2", "李四"))
        add_records(other, 4)
        theirs = backup.create_backup(other.ctx.data_dir, to=tmp_path / "usb")
    add_records(writer, 1)
    with pytest.raises(FazhiError, match="另一台电脑“另一台电脑”.*--other-pc"):
        restore.restore(writer.ctx, theirs.path)
    assert len(everything(writer)) == 1
    restore.restore(writer.ctx, theirs.path, allow_other_pc=True)
    assert len(everything(writer)) == 4
    assert writer.ctx.require_identity().node_name == "另一台电脑"


def test_older_backup_is_upgraded_when_restored(writer: Services, tmp_path: Path) -> None:
    from tests.store.test_migrations import _old_database

    rid = _old_database(tmp_path / "old")
    add_records(writer, 2)
    result = restore.restore(writer.ctx, tmp_path / "old" / DB_FILENAME, allow_other_pc=True)
    assert result.migrated_from == "0001"
    assert migrate.current_revision(writer.ctx.engine) == migrate.head_revision()
    assert writer.records.get(rid)["summary"] == "旧版本录入的纠纷"
    assert [r["id"] for r in writer.records.search("马兰")] == [rid]


def test_a_damaged_live_database_is_kept_aside_and_replaced(data_dir: Path) -> None:
    with lock.acquire(data_dir), open_services(data_dir, today=lambda: TODAY) as sv:
        add_records(sv, 6)
        good = backup.create_backup(data_dir)
        expected = everything(sv)
    db = data_dir / DB_FILENAME
    db.write_bytes(b"\x00" * 8192)  # the disk ate the database
    with pytest.raises(FazhiError, match="已损坏"):
        open_services(data_dir)
    assert restore.latest_good_backup(data_dir).name == good.name
    result = restore.restore_backup(data_dir, restore.latest_good_backup(data_dir).path)
    assert result.damaged_saved_to is not None
    assert (result.damaged_saved_to / DB_FILENAME).read_bytes() == b"\x00" * 8192
    with open_services(data_dir, today=lambda: TODAY) as sv:
        assert everything(sv) == expected


def test_restore_refused_while_another_process_writes(writer: Services, tmp_path: Path) -> None:
    from tests.safety.test_lock import hold_in_child

    info = backup.create_backup(writer.ctx.data_dir, to=tmp_path / "b")
    shutil.copytree(writer.ctx.data_dir, tmp_path / "other", ignore=shutil.ignore_patterns(
        "fazhi.lock"))
    child = hold_in_child(tmp_path / "other")
    try:
        with pytest.raises(lock.FolderInUse):
            restore.restore_backup(tmp_path / "other", info.path)
    finally:
        child.communicate("\n")


def test_restore_stops_if_the_current_state_cannot_be_backed_up(
        writer: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    add_records(writer, 3)
    info = backup.create_backup(writer.ctx.data_dir)
    add_records(writer, 2)
    before = everything(writer)
    usage = shutil.disk_usage(writer.ctx.data_dir)
    monkeypatch.setattr(backup.shutil, "disk_usage", lambda _p: usage._replace(free=2**20))
    with pytest.raises(FazhiError, match="剩余空间"):
        restore.restore(writer.ctx, info.name)
    assert everything(writer) == before  # a healthy database is never replaced unbacked
    assert not [p for p in (writer.ctx.data_dir / "backups").iterdir()
                if p.name.startswith("damaged")]
