"""One writer per data folder (SPEC §8): an operating-system lock on ``<data_dir>/fazhi.lock``.

The GUI holds the lock for as long as it is open; a CLI write command holds it for the length
of the command; read-only commands don't take it. A second writer is refused with
``FolderInUse``, whose message names the PC, process and program holding the folder (written
into the lock file by the holder).

The lock itself is ``fcntl.flock`` (POSIX) or ``msvcrt.locking`` on a byte far past the text
(Windows), so the operating system drops it the moment the holding process dies, however it
dies. A lock file left behind by a crashed process is therefore not "held": the next writer
simply takes the lock and overwrites the stale details. Nothing is ever decided from the PID
written in the file, which could belong to an unrelated process by now.

Within one process the lock is re-entrant (``acquire`` on a folder this process already holds
returns the same lock with its count raised), because a second ``flock`` on a new descriptor
would conflict with our own first one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import threading
from pathlib import Path
from typing import Any, Self

from fazhi_desktop.services.errors import FazhiError

LOCK_FILENAME = "fazhi.lock"
_WIN_LOCK_OFFSET = 1 << 30  # Windows: lock one byte here so the details stay readable
_DETAILS_MAX = 4096

_held: dict[Path, WriterLock] = {}
_guard = threading.Lock()


class FolderInUse(FazhiError):
    """Another process holds this data folder's writer lock."""

    def __init__(self, data_dir: Path, holder: dict[str, Any]) -> None:
        self.data_dir = data_dir
        self.holder = holder
        super().__init__(describe_holder(data_dir, holder))


def describe_holder(data_dir: Path, holder: dict[str, Any]) -> str:
    host = holder.get("host") or "未知电脑"
    pid = holder.get("pid")
    program = holder.get("program") or "法治台账程序"
    since = ""
    if holder.get("since"):
        try:
            since = "，自 " + dt.datetime.fromisoformat(holder["since"]).astimezone() \
                .strftime("%Y-%m-%d %H:%M") + " 起"
        except ValueError:
            pass
    who = f"电脑“{host}”上的{program}"
    if pid:
        who += f"（进程号 {pid}{since}）"
    return (f"数据目录 {data_dir} 正在被{who}使用，为防止数据损坏，本次修改未执行。"
            "请先关闭那个程序（或等它完成）再试；只查看、不修改数据的命令仍可同时使用。")


class WriterLock:
    """The held writer lock of one data folder. Release with ``release()`` or ``with``."""

    def __init__(self, data_dir: Path, fd: int, details: dict[str, Any]) -> None:
        self.data_dir = data_dir
        self.details = details
        self._fd: int | None = fd
        self._count = 1

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        with _guard:
            if self._fd is None:
                return
            self._count -= 1
            if self._count > 0:
                return
            fd, self._fd = self._fd, None
            _held.pop(_key(self.data_dir), None)
        try:
            os.ftruncate(fd, 0)  # leave no misleading details behind
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(data_dir: Path | str, program: str = "fazhi 命令行") -> WriterLock:
    """Take the writer lock of ``data_dir`` (creating the folder), or raise ``FolderInUse``."""
    data_dir = Path(data_dir)
    key = _key(data_dir)
    with _guard:
        mine = _held.get(key)
        if mine is not None and mine.held:
            mine._count += 1
            return mine
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(data_dir / LOCK_FILENAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise FazhiError(f"无法在数据目录 {data_dir} 中建立锁文件：{exc.strerror or exc}"
                             "（请检查目录是否存在、是否有写入权限）") from None
        if not _try_lock(fd):
            holder = _read_details(fd)
            os.close(fd)
            raise FolderInUse(data_dir, holder)
        details = {"host": socket.gethostname(), "pid": os.getpid(), "program": program,
                   "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                   "argv": " ".join(sys.argv[:3])}
        _write_details(fd, details)
        lock = WriterLock(data_dir, fd, details)
        _held[key] = lock
        return lock


def held_here(data_dir: Path | str) -> bool:
    """Does this process hold the writer lock of ``data_dir``?"""
    lock = _held.get(_key(Path(data_dir)))
    return lock is not None and lock.held


def holder(data_dir: Path | str) -> dict[str, Any] | None:
    """Who holds the folder now (details from the lock file), or None when nobody does.

    Probes by briefly taking the lock, so it must not be called while this process holds it
    (it then answers with our own details).
    """
    data_dir = Path(data_dir)
    mine = _held.get(_key(data_dir))
    if mine is not None and mine.held:
        return dict(mine.details)
    path = data_dir / LOCK_FILENAME
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDWR)
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return _read_details(fd)
    finally:
        os.close(fd)


def _key(data_dir: Path) -> Path:
    return data_dir.resolve()


def _write_details(fd: int, details: dict[str, Any]) -> None:
    data = json.dumps(details, ensure_ascii=False).encode("utf-8")[:_DETAILS_MAX]
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
        os.fsync(fd)
    except OSError:
        pass  # the details only improve the message; the lock itself is what counts


def _read_details(fd: int) -> dict[str, Any]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, _DETAILS_MAX)
        value = json.loads(raw.decode("utf-8"))
        return value if isinstance(value, dict) else {}
    except (OSError, ValueError):
        return {}


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            raise FazhiError(f"无法锁定数据目录（{exc.strerror or exc}）。如果数据目录在网络共享上，"
                             "请改放到本机硬盘。") from None
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
