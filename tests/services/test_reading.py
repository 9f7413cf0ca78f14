"""``Services.reader``: the stdlib read path of the screens, and its safety around a restore."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.paths import DB_FILENAME
from fazhi_desktop.services import Services, backup, open_services, restore
from tests.conftest import TODAY
from tests.helpers import dispute


def _summaries(sv: Services) -> list[str]:
    nums = sv.reader.nums(Filters(register="disputes"))
    return sorted(r["summary"] for r in sv.reader.fetch(nums, with_children=False))


def _read_in_a_thread(sv: Services) -> list[str]:
    out: list[list[str]] = []
    worker = threading.Thread(target=lambda: out.append(_summaries(sv)))
    worker.start()
    worker.join()
    return out[0]


def test_the_reader_sees_every_committed_write(services: Services) -> None:
    assert _summaries(services) == []
    services.records.create("disputes", dispute(summary="甲"))
    assert _summaries(services) == ["甲"]
    assert _read_in_a_thread(services) == ["甲"]
    with pytest.raises(sqlite3.OperationalError):  # read-only, whatever a caller tries
        with services.reader.snapshot() as conn:
            conn.execute("DELETE FROM records")


def _handles_on(path: Path) -> int:
    """Open file descriptors of this process on ``path`` (Linux ``/proc``)."""
    fds = Path("/proc/self/fd")
    return sum(1 for fd in fds.iterdir() if os.path.realpath(fd) == str(path.resolve()))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_a_restore_with_readers_open_in_two_threads_loses_nothing_written_after_it(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A restore normally writes into the live file (online backup API); when that file is too
    # damaged it is renamed over instead. Windows cannot replace a file any handle holds open,
    # and SQLite must never keep using a replaced file: at the moment of the swap no
    # connection of ours may be open on it.
    live = data_dir / DB_FILENAME
    monkeypatch.setattr(restore, "_copy_into_live", lambda _copy, _live: False)
    seen: list[int] = []
    real_replace = restore._replace_live

    def replace(copy: Path, target: Path) -> None:
        seen.append(_handles_on(target))
        real_replace(copy, target)

    monkeypatch.setattr(restore, "_replace_live", replace)
    with open_services(data_dir, today=lambda: TODAY) as sv:
        sv.records.create("disputes", dispute(summary="备份前"))
        saved = backup.create_backup(data_dir, "manual")
        sv.records.create("disputes", dispute(summary="备份后"))
        assert _summaries(sv) == ["备份前", "备份后"]          # connections open in the
        assert _read_in_a_thread(sv) == ["备份前", "备份后"]   # UI and a reader thread
        assert _handles_on(live) >= 2
        sv.restore(saved.path)
        assert seen == [0]
        assert _summaries(sv) == ["备份前"]
        sv.records.create("disputes", dispute(summary="恢复后"))  # lands in the new -wal
        assert _read_in_a_thread(sv) == ["备份前", "恢复后"]
        assert _summaries(sv) == ["备份前", "恢复后"]
    with open_services(data_dir, today=lambda: TODAY) as again:
        assert _summaries(again) == ["备份前", "恢复后"]
        with again.reader.snapshot() as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_the_reader_never_creates_a_database(tmp_path: Path) -> None:
    sv = Services(tmp_path)
    assert sv.reader.start_state() is None
    with pytest.raises(FileNotFoundError):
        sv.reader.units()
    assert list(tmp_path.iterdir()) == []
    assert not sv.initialised
