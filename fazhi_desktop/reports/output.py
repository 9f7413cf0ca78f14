"""Writing a report file safely: a temporary name in the same folder, flushed, fsynced, then
renamed over the target. A failure (unwritable folder, full disk, cancel) leaves no partial
file behind, and the user gets one clear Chinese message naming the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from fazhi_desktop.services.files import FileWriteError, atomic_write


class ReportError(Exception):
    """A report could not be produced; ``str(err)`` is a Chinese message for the user."""


class ReportCancelled(ReportError):
    def __init__(self) -> None:
        super().__init__("已取消生成报表，没有写入任何文件。")


def write_atomically(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(f)`` on a temporary file next to ``path`` and rename it into place.

    Raises :class:`ReportError` with a Chinese message if the file cannot be written; any
    exception from ``write`` (including :class:`ReportCancelled`) removes the temporary file
    and propagates.
    """
    target = Path(path)
    try:
        with atomic_write(target, make_parents=False) as f:
            write(f)
    except FileWriteError as exc:
        raise ReportError(f"无法写入报表文件“{target}”：{exc.reason}。") from None
    return target
