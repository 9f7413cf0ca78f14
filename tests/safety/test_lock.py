"""One writer per data folder: a second writer is told who holds it; a crashed holder's lock
is recovered."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_desktop.services import lock

HOLD = """
import sys, time
from fazhi_desktop.services import lock
held = lock.acquire(sys.argv[1], "法治台账桌面程序")
print("held", flush=True)
sys.stdin.readline()
"""


def hold_in_child(folder: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_second_writer_is_told_which_pc_and_process_holds_the_folder(tmp_path: Path) -> None:
    child = hold_in_child(tmp_path)
    try:
        with pytest.raises(lock.FolderInUse) as err:
            lock.acquire(tmp_path)
        message = str(err.value)
        assert socket.gethostname() in message and str(child.pid) in message
        assert "法治台账桌面程序" in message and "正在被" in message
        assert lock.holder(tmp_path)["pid"] == child.pid
        assert not lock.held_here(tmp_path)
    finally:
        child.communicate("\n")
    with lock.acquire(tmp_path) as mine:  # released normally: free again
        assert mine.held and lock.held_here(tmp_path)
    assert lock.holder(tmp_path) is None


def test_lock_of_a_killed_process_is_recovered(tmp_path: Path) -> None:
    child = hold_in_child(tmp_path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert (tmp_path / lock.LOCK_FILENAME).read_text(encoding="utf-8")  # stale details remain
    with lock.acquire(tmp_path, "新的进程") as mine:
        assert lock.holder(tmp_path)["pid"] == os.getpid() == mine.details["pid"]


def test_lock_is_reentrant_within_one_process(tmp_path: Path) -> None:
    outer = lock.acquire(tmp_path)
    inner = lock.acquire(tmp_path)
    assert inner is outer
    inner.release()
    assert lock.held_here(tmp_path)  # still held by the outer user
    outer.release()
    assert not lock.held_here(tmp_path)
    assert (tmp_path / lock.LOCK_FILENAME).read_bytes() == b""  # no misleading details left
