"""`fazhi backup …`, `fazhi attachments …` and the one-writer rule, as a user types them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fazhi_desktop.cli.main import main
from fazhi_desktop.services import lock
from fazhi_desktop.store.engine import DB_FILENAME
from tests.helpers import dispute
from tests.safety.test_lock import hold_in_child


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _count(folder: Path) -> int:
    import sqlite3

    con = sqlite3.connect(folder / DB_FILENAME)
    try:
        return int(con.execute("SELECT count(*) FROM records").fetchone()[0])
    finally:
        con.close()


def _add(capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path, n: int) -> list[str]:
    src = tmp_path / "in.json"
    src.write_text(json.dumps([dispute(summary=f"第{i}件") for i in range(n)]), encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", str(folder), "records", "add", "disputes",
                         "--json", str(src))
    assert code == 0, err
    return [r["serial"] for r in json.loads(out)]


def test_backup_create_list_change_restore(data_dir: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    d = str(data_dir)
    _add(capsys, data_dir, tmp_path, 3)
    code, out, _ = run(capsys, "--data-dir", d, "backup", "create", "--note", "月底")
    assert code == 0 and "已备份到" in out and "纠纷 3" in out
    name = Path(out.split("已备份到 ")[1].split("\n")[0]).name
    code, out, _ = run(capsys, "--data-dir", d, "backup", "list")
    assert code == 0 and name in out and "手动备份" in out and "每日自动备份" in out
    code, out, _ = run(capsys, "--data-dir", d, "backup", "list", "--json")
    listed = json.loads(out)
    assert listed[0]["name"] == name and listed[0]["counts"]["disputes"] == 3
    _add(capsys, data_dir, tmp_path, 2)
    assert _count(data_dir) == 5
    code, out, _ = run(capsys, "--data-dir", d, "backup", "verify", name)
    assert code == 0 and "备份完好" in out
    code, out, err = run(capsys, "--data-dir", d, "backup", "restore", name)
    assert code == 0, err
    assert "共 3 条记录" in out and "恢复前的数据已备份为" in out
    assert _count(data_dir) == 3


def test_backup_to_usb_and_restore_from_its_path(data_dir: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    d, usb = str(data_dir), tmp_path / "usb"
    _add(capsys, data_dir, tmp_path, 4)
    code, out, _ = run(capsys, "--data-dir", d, "backup", "create", "--to", str(usb))
    assert code == 0
    code, out, _ = run(capsys, "--data-dir", d, "backup", "list", "--dir", str(usb))
    assert "纠纷 4" in out and "共 1 份" in out
    folder = next(usb.iterdir())
    _add(capsys, data_dir, tmp_path, 1)
    code, out, err = run(capsys, "--data-dir", d, "backup", "restore", str(folder / "backup.json"))
    assert code == 0, err
    assert _count(data_dir) == 4


def test_damaged_backup_refused_through_the_cli(data_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    d = str(data_dir)
    _add(capsys, data_dir, tmp_path, 2)
    run(capsys, "--data-dir", d, "backup", "create", "--to", str(tmp_path / "b"))
    db = next((tmp_path / "b").iterdir()) / DB_FILENAME
    with open(db, "r+b") as f:
        f.seek(5000)
        f.write(b"\xff" * 50)
    code, _, err = run(capsys, "--data-dir", d, "backup", "verify", str(db.parent))
    assert code == 1 and "校验值不符" in err
    code, _, err = run(capsys, "--data-dir", d, "backup", "restore", str(db.parent))
    assert code == 1 and "不能恢复" in err and "当前数据没有任何改动" in err
    assert _count(data_dir) == 2


def test_restore_works_when_the_database_cannot_be_opened(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(data_dir)
    _add(capsys, data_dir, tmp_path, 2)
    run(capsys, "--data-dir", d, "backup", "create")
    (data_dir / DB_FILENAME).write_bytes(b"\x00" * 4096)
    (data_dir / (DB_FILENAME + "-wal")).unlink(missing_ok=True)
    code, _, err = run(capsys, "--data-dir", d, "records", "list", "disputes")
    assert code == 1 and "已损坏" in err and "fazhi backup restore" in err
    code, out, _ = run(capsys, "--data-dir", d, "backup", "list")
    name = out.splitlines()[1].split()[0]
    code, out, err = run(capsys, "--data-dir", d, "backup", "restore", name)
    assert code == 0 and "原数据库已损坏" in out, err
    assert _count(data_dir) == 2


def test_attachments_through_the_cli(data_dir: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    d = str(data_dir)
    serial = _add(capsys, data_dir, tmp_path, 1)[0]
    scan = tmp_path / "协议.pdf"
    scan.write_bytes(b"%PDF-1.4 agreement")
    code, out, err = run(capsys, "--data-dir", d, "attachments", "add", serial, str(scan))
    assert code == 0 and "已添加附件" in out and "协议.pdf" in out, err
    code, out, _ = run(capsys, "--data-dir", d, "attachments", "list", serial, "--json")
    att = json.loads(out)[0]
    assert att["name"] == "协议.pdf" and att["size"] == scan.stat().st_size
    code, out, _ = run(capsys, "--data-dir", d, "attachments", "open", att["id"][:6], "--print")
    assert code == 0 and Path(out.strip()).read_bytes() == scan.read_bytes()
    code, out, _ = run(capsys, "--data-dir", d, "attachments", "remove", att["id"][:8])
    assert code == 0 and "回收站" in out
    code, out, _ = run(capsys, "--data-dir", d, "attachments", "list", serial)
    assert "没有附件" in out
    code, out, _ = run(capsys, "--data-dir", d, "attachments", "list", serial, "--all")
    assert "协议.pdf" in out and "回收站" in out
    big = tmp_path / "大文件.tif"
    with open(big, "wb") as f:
        f.truncate(51 * 2**20)
    code, _, err = run(capsys, "--data-dir", d, "attachments", "add", serial, str(big))
    assert code == 1 and "超过附件大小上限 50 MB" in err


def test_read_only_commands_work_while_another_process_writes(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(data_dir)
    serial = _add(capsys, data_dir, tmp_path, 1)[0]
    child = hold_in_child(data_dir)
    try:
        code, _, err = run(capsys, "--data-dir", d, "attachments", "add", serial,
                           str(tmp_path / "in.json"))
        assert code == 1 and "正在被" in err and str(child.pid) in err
        for argv in (["backup", "list"], ["attachments", "list", serial],
                     ["backup", "create", "--to", str(tmp_path / "u")]):
            code, _, err = run(capsys, "--data-dir", d, *argv)
            assert code == 0, (argv, err)
    finally:
        child.communicate("\n")


B_WAITS = """
import sys
from fazhi_desktop.cli.main import main
sys.stdin.readline()
raise SystemExit(main(sys.argv[1:]))
"""


def test_two_processes_writing_at_once_one_proceeds_the_other_is_told(
        data_dir: Path, tmp_path: Path) -> None:
    big, small = tmp_path / "big.json", tmp_path / "small.json"
    big.write_text(json.dumps([dispute(summary=f"批量{i}") for i in range(5000)]),
                   encoding="utf-8")
    small.write_text(json.dumps([dispute(summary=f"另一台{i}") for i in range(10)]),
                     encoding="utf-8")
    before = _count(data_dir)
    argv = ["--data-dir", str(data_dir), "records", "add", "disputes", "--json"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    b = subprocess.Popen([sys.executable, "-c", B_WAITS, *argv, str(small)], env=env,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    a = subprocess.Popen([sys.executable, "-m", "fazhi_desktop.cli.main", *argv, str(big)],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while (lock.holder(data_dir) or {}).get("pid") != a.pid:
        assert a.poll() is None and time.monotonic() < deadline, "A never took the lock"
        time.sleep(0.02)
    _, b_err = b.communicate("go\n", timeout=60)  # B starts writing while A writes
    assert a.poll() is None, "A finished before B tried: the test proved nothing"
    _, a_err = a.communicate(timeout=120)
    assert a.returncode == 0, a_err
    assert b.returncode == 1
    assert "正在被" in b_err and str(a.pid) in b_err and "records add" in b_err
    assert _count(data_dir) == before + 5000  # A's import whole, nothing of B's half-written
    again = subprocess.run([sys.executable, "-m", "fazhi_desktop.cli.main", *argv, str(small)],
                           capture_output=True, text=True, timeout=60, check=False)
    assert again.returncode == 0, again.stderr
    assert _count(data_dir) == before + 5010  # nothing lost
