"""Exports and reports are written to a temporary name and renamed: never half a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.services.files import atomic_copy, atomic_write, remove_stale_temps


def test_atomic_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "报表.txt"
    with atomic_write(target, "w", encoding="utf-8") as f:
        f.write("第一版")
    with atomic_write(target, "w", encoding="utf-8") as f:
        f.write("第二版")
        assert target.read_text(encoding="utf-8") == "第一版"  # not visible until complete
    assert target.read_text(encoding="utf-8") == "第二版"
    assert [p.name for p in target.parent.iterdir()] == ["报表.txt"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(target) as f:
        f.write(b"half of a new")
        raise RuntimeError("disk pulled")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["台账.xlsx"]


def test_new_file_gets_normal_permissions_and_existing_mode_is_kept(tmp_path: Path) -> None:
    fresh = tmp_path / "a.pdf"
    with atomic_write(fresh) as f:
        f.write(b"x")
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()
    os.chmod(fresh, 0o640)
    with atomic_write(fresh) as f:
        f.write(b"y")
    assert fresh.stat().st_mode & 0o777 == 0o640


def test_unwritable_folder_gives_a_chinese_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(FazhiError, match="无法写入"), atomic_write(blocker / "sub" / "x.pdf") as f:
        f.write(b"x")


def test_atomic_copy_and_stale_temporaries_are_cleaned(tmp_path: Path) -> None:
    src = tmp_path / "src.bin"
    src.write_bytes(os.urandom(3 << 20))
    atomic_copy(src, tmp_path / "dst.bin")
    assert (tmp_path / "dst.bin").read_bytes() == src.read_bytes()
    stale = tmp_path / ".report.pdf.tmp-abc"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    assert remove_stale_temps(tmp_path) == 1
    assert not stale.exists() and src.exists()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
