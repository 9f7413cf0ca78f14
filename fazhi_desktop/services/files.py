"""Crash-safe file writing: a file appears under its real name only once it is complete.

``atomic_write(path)`` yields a file opened on a temporary name in the same folder; when the
``with`` block ends normally the file is flushed, fsynced, renamed over ``path`` and the
folder fsynced, so after a crash or power cut ``path`` holds either the old content or the
whole new content — never half a report. If the block raises, the temporary file is removed
and ``path`` is untouched. Every export and report should be written through it::

    from fazhi_desktop.services.files import atomic_write

    with atomic_write(target) as f:          # binary by default
        f.write(pdf_bytes)
    with atomic_write(target, "w", encoding="utf-8") as f:
        f.write(text)

Temporary names start with ``.`` and contain ``.tmp-`` so they are easy to recognise
(and to clean up with ``remove_stale_temps``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from fazhi_desktop.services.errors import FazhiError

TEMP_MARK = ".tmp-"


class FileWriteError(FazhiError):
    """A file could not be written; ``reason`` says why in plain Chinese."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"无法写入“{path}”：{reason}（原文件未改动）")


def describe_os_error(exc: OSError) -> str:
    """Why a write failed, in words an office clerk can act on."""
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限，或文件正被其他程序（如 PDF 阅读器、Excel）打开"
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        return "所在文件夹不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹"
    if isinstance(exc, NotADirectoryError) or exc.errno == errno.ENOTDIR:
        return "路径中有一段不是文件夹"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足"
    if exc.errno == errno.EROFS:
        return "磁盘为只读"
    return exc.strerror or str(exc)


def fsync_dir(folder: Path | str) -> None:
    """Make a rename or new file in ``folder`` durable (a no-op where folders can't be opened)."""
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals renames
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (e.g. certain network shares) refuse fsync on folders
    finally:
        os.close(fd)


def fsync_file(path: Path | str) -> None:
    fd = os.open(path, os.O_RDONLY if os.name != "nt" else os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    """A unique temporary sibling of ``path`` (same folder, so the rename is atomic)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}", dir=path.parent)
    os.close(fd)
    return Path(name)


@contextmanager
def atomic_write(path: Path | str, mode: str = "wb", *, encoding: str | None = None,
                 newline: str | None = None, make_parents: bool = True) -> Iterator[IO[Any]]:
    """Write ``path`` all-or-nothing (see the module docstring).

    ``make_parents=False`` refuses a missing folder instead of creating it (for paths a
    user typed, where a missing folder is more likely a mistake).
    """
    if mode not in ("wb", "w"):
        raise ValueError("atomic_write writes whole files: mode must be 'w' or 'wb'")
    path = Path(path)
    if path.is_dir():
        raise FileWriteError(path, "这是一个文件夹")
    try:
        if make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_name(path)
    except OSError as exc:
        raise FileWriteError(path, describe_os_error(exc)) from None
    try:
        with open(tmp, mode, encoding=encoding, newline=newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        _keep_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FileWriteError(path, describe_os_error(exc)) from None
        raise
    fsync_dir(path.parent)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_write(path) as f:
        f.write(data)


def atomic_copy(source: Path | str, target: Path | str) -> None:
    """Copy a file so that ``target`` is either absent/old or a complete copy."""
    with open(source, "rb") as src, atomic_write(target) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)


def remove_stale_temps(folder: Path, older_than_s: float = 3600.0) -> int:
    """Delete leftover temporary files of interrupted writes in ``folder``; returns how many."""
    removed = 0
    cutoff = time.time() - older_than_s
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(".") and TEMP_MARK in entry.name:
            try:
                if entry.lstat().st_mtime < cutoff:
                    if entry.is_dir():
                        shutil.rmtree(entry)
                    else:
                        entry.unlink()
                    removed += 1
            except OSError:
                pass
    return removed


def _keep_mode(path: Path, tmp: Path) -> None:
    """mkstemp creates 0600 files; give the new file the old file's (or the usual) mode."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass


def sha256_file(path: Path | str) -> str:
    """The SHA-256 of a file's content, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
