"""A process killed (SIGKILL) in the middle of an import leaves the database as before it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import open_services

from .conftest import PASSPHRASE, TODAY

CHILD = r"""
import sys, time, datetime as dt
from pathlib import Path
import keyring
sys.path.insert(0, {tests!r})
from sync.conftest import MemoryKeyring
keyring.set_keyring(MemoryKeyring())
from fazhi_desktop.services import open_services, secrets
from fazhi_desktop.services.sync import SyncService
services = open_services(Path({folder!r}), today=lambda: dt.date(2026, 11, 27))
secrets.set_passphrase(services.ctx.require_identity().node_id, {passphrase!r})
def progress(done, total):
    Path({marker!r}).write_text(f"{{done}}/{{total}}")
    time.sleep(60)   # killed here, inside the import's transaction
SyncService(services.ctx).import_bundle(Path({bundle!r}), trust=True, progress=progress)
print("finished without being killed")
"""


def _snapshot(folder: Path):
    with open_services(folder, today=lambda: TODAY) as sv:
        records = sv.records.list(Filters()) + sv.records.list(Filters(deleted=True))
        with sv.ctx.read() as s:
            audit = s.connection().exec_driver_sql("SELECT count(*) FROM audit_log").scalar()
            peers = s.connection().exec_driver_sql("SELECT count(*) FROM sync_peers").scalar()
            # A large import replaces the change-index trigger for its duration: it is back.
            schema = s.connection().exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()
            stamps = s.connection().exec_driver_sql(
                "SELECT record_id, node, stamp FROM sync_stamps ORDER BY 1, 2").all()
    return (sorted((r["id"], r["clocks"], r["summary"]) for r in records), audit, peers,
            schema, stamps)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_import_leaves_database_as_before(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    a.records.create_many("disputes", [
        {"summary": f"纠纷{i}", "received_on": "2026-11-01", "source": "grid",
         "category": "neighbor"} for i in range(1500)])
    b.records.create("disputes", {"summary": "本机原有", "received_on": "2026-11-02",
                                  "source": "grid", "category": "neighbor"})
    path = tmp_path / "big.fzb"
    a.sync.export(path, full=True)
    b.close()
    before = _snapshot(b.folder)
    marker = tmp_path / "inside-transaction"
    script = CHILD.format(tests=str(Path(__file__).resolve().parents[1]), folder=str(b.folder),
                          passphrase=PASSPHRASE, marker=str(marker), bundle=str(path))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, child.stderr.read().decode()
            assert time.monotonic() < deadline, "the import never started"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert marker.read_text().startswith("1500/")  # the new rows were written, uncommitted
    assert _snapshot(b.folder) == before
