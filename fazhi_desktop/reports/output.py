"""Writing a report file safely: a temporary name in the same folder, flushed, fsynced, then
renamed over the target. A failure (unwritable folder, full disk, cancel) leaves no partial
file behind, and the user gets one clear Chinese message naming the file.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class ReportError(Exception):
    """A report could not be produced; ``str(err)`` is a Chinese message for the user."""


class ReportCancelled(ReportError):
    def __init__(self) -> None:
        super().__init__("已取消生成报表，没有写入任何文件。")


def _reason(exc: OSError) -> str:
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


def write_atomically(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(f)`` on a temporary file next to ``path`` and rename it into place.

    Raises :class:`ReportError` with a Chinese message if the file cannot be written; any
    exception from ``write`` (including :class:`ReportCancelled`) removes the temporary file
    and propagates.
    """
    target = Path(path)
    if target.is_dir():
        raise ReportError(f"无法写入报表文件“{target}”：这是一个文件夹。")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportError(f"无法写入报表文件“{target}”：{_reason(exc)}。") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        if os.name == "posix":  # mkstemp makes 0600; a report is an ordinary document
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ReportError(f"无法写入报表文件“{target}”：{_reason(exc)}。") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
