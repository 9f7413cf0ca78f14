"""`fazhi check` and the start-up check: tampering, damage, disk, network share, keyring."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fazhi_desktop.cli.main import main
from fazhi_desktop.services import Services, health, lock, open_services
from fazhi_desktop.services.secrets import BackendStatus
from fazhi_desktop.store.engine import DB_FILENAME
from tests.conftest import TODAY
from tests.safety.conftest import add_records

MOUNTINFO = """\
22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
40 22 0:30 / /mnt/office rw,relatime - cifs //server/share rw
41 22 0:31 / /media/司法所\\040共享 rw - nfs4 srv:/x rw
42 22 0:32 / /home/user/.gvfs rw - fuse.gvfsd-fuse gvfsd-fuse rw
"""


def _check(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[int, str]:
    code = main(["--data-dir", str(folder), "check"])
    return code, capsys.readouterr().out


def test_editing_an_audit_row_with_raw_sql_is_detected_by_fazhi_check(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_services(data_dir, today=lambda: TODAY) as sv:
        record = add_records(sv, 3)[1]
        sv.records.update(record["id"], {"summary": "正常修改"})
    code, out = _check(capsys, data_dir)
    assert code == 0 and "[正常] 审计记录" in out
    con = sqlite3.connect(data_dir / DB_FILENAME)  # someone covers their tracks
    con.execute("UPDATE audit_log SET operator = '王五' WHERE action = 'update'")
    con.commit()
    con.close()
    code, out = _check(capsys, data_dir)
    assert code == 1
    assert "[错误] 审计记录" in out and "可能被改动或删除" in out


def test_deleting_an_audit_row_is_detected(data_dir: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with open_services(data_dir, today=lambda: TODAY) as sv:
        add_records(sv, 3)
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("DELETE FROM audit_log WHERE seq = (SELECT min(seq) FROM audit_log)")
    con.commit()
    con.close()
    code, out = _check(capsys, data_dir)
    assert code == 1 and "[错误] 审计记录" in out


def test_network_share_detection() -> None:
    assert health.network_filesystem(Path("/mnt/office/台账"), MOUNTINFO) == "cifs"
    assert health.network_filesystem(Path("/media/司法所 共享/d"), MOUNTINFO) == "nfs4"
    assert health.network_filesystem(Path("/home/user/.gvfs/smb"), MOUNTINFO) == "fuse.gvfsd-fuse"
    assert health.network_filesystem(Path("/mnt/officer"), MOUNTINFO) is None  # prefix only
    assert health.network_filesystem(Path("/home/user/data"), MOUNTINFO) is None


def test_check_warns_about_a_network_share_and_says_what_to_do(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "network_filesystem", lambda _p: "cifs")
    found = {r.name: r for r in health.run_checks(services.ctx)}["数据目录位置"]
    assert found.status == health.WARN
    assert "网络共享（cifs）" in found.message and "复制到本机硬盘" in found.message
    assert "同步" in found.message


def test_disk_space_and_keyring_and_backup_age(services: Services,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    usage = shutil.disk_usage(services.ctx.data_dir)
    monkeypatch.setattr(health.shutil, "disk_usage", lambda _p: usage._replace(free=2**20))
    monkeypatch.setattr("fazhi_desktop.services.secrets.backend_status",
                        lambda: BackendStatus(False, "keyring.backends.fail.Keyring", "没有密钥环"))
    found = {r.name: r for r in health.run_checks(services.ctx, quick=True)}
    assert found["磁盘空间"].status == health.FAIL and "剩余 0.0 GB" in found["磁盘空间"].message
    assert found["系统密钥环"].status == health.WARN and "只影响同步" in found["系统密钥环"].message
    assert found["备份"].status == health.WARN and "还没有任何备份" in found["备份"].message


def test_quick_check_is_ok_on_a_healthy_folder_and_full_check_finds_deep_damage(
        data_dir: Path) -> None:
    with lock.acquire(data_dir), open_services(data_dir, today=lambda: TODAY) as sv:
        add_records(sv, 300)
        assert health.quick_check(sv.ctx).ok and health.full_check(sv.ctx).ok
        with sv.ctx.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            root = conn.exec_driver_sql("SELECT rootpage FROM sqlite_master "
                                        "WHERE name = 'ix_parties_record_id'").scalar()
    db = data_dir / DB_FILENAME
    data = bytearray(db.read_bytes())
    page = (root - 1) * 4096
    data[page:page + 12] = b"\xA5" * 12  # damage the header of an index page of a big table
    db.write_bytes(bytes(data))
    with open_services(data_dir, today=lambda: TODAY) as sv:
        full = health.full_check(sv.ctx)
        assert not full.ok and full.message.startswith("数据库已损坏")


def test_quick_check_sees_a_damaged_header(data_dir: Path) -> None:
    with open_services(data_dir, today=lambda: TODAY) as sv:
        ctx = sv.ctx
    with open(ctx.db_path, "r+b") as f:
        f.write(b"garbage header!!")
    result = health.quick_check(ctx)  # the GUI's start: answers without a traceback
    assert not result.ok and "文件头已损坏" in result.message


def test_damage_errors_are_recognised() -> None:
    assert health.is_damage_error(sqlite3.DatabaseError("database disk image is malformed"))
    assert not health.is_damage_error(sqlite3.OperationalError("database is locked"))
    assert not health.is_damage_error(ValueError("malformed"))
