"""Crash safety: a writer SIGKILLed at random instants — during a large import, a schema
upgrade and a restore — leaves a database that opens, passes ``integrity_check`` and holds
the whole operation or none of it.

Each case kills a child process at a random delay drawn over the calibrated length of the
operation (a little past its end, so some kills land after the commit too). Set
``FAZHI_CRASH_SEED`` to replay a run; the seed is in every failure message.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command

from fazhi_desktop.services import audit, backup, lock, open_services
from fazhi_desktop.store import migrate
from fazhi_desktop.store.engine import DB_FILENAME, make_engine
from tests.conftest import TODAY
from tests.helpers import dispute, party
from tests.safety.conftest import add_records

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("FAZHI_CRASH_SEED", str(int(time.time()))))
IMPORT_KILLS, MIGRATION_KILLS, RESTORE_KILLS = 30, 22, 10
IMPORT_SIZE, OLD_RECORDS = 1500, 3000

IMPORT_CHILD = """
import json, sys
from fazhi_desktop.services import lock, open_services
items = json.load(open(sys.argv[2], encoding="utf-8"))
with lock.acquire(sys.argv[1]), open_services(sys.argv[1]) as sv:
    print("ready", flush=True)
    # ``cancelled`` is asked inside the write transaction: say when writing has begun
    sv.records.create_many("disputes", items,
                           cancelled=lambda: print("writing", flush=True) or False)
"""
OPEN_CHILD = """
import sys
from fazhi_desktop.services import open_services
print("ready", flush=True)
with open_services(sys.argv[1]):
    pass
"""
RESTORE_CHILD = """
import sys
from fazhi_desktop.services import restore
print("ready", flush=True)
restore.restore_backup(sys.argv[1], sys.argv[2])
"""


def _run(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _ready(child: subprocess.Popen[str]) -> None:
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line == "ready", child.stderr.read() if child.stderr else line


def _calibrate(code: str, *args: str) -> tuple[float, float]:
    """Seconds from the child's "ready" to its first "writing" line (0 if none) and to its end."""
    child = _run(code, *args)
    _ready(child)
    start = time.monotonic()
    assert child.stdout is not None
    writing = 0.0
    if child.stdout.readline().strip() == "writing":
        writing = time.monotonic() - start
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    return writing, time.monotonic() - start


def _kill_at(code: str, args: list[str], delay: float) -> bool:
    """Run the child and SIGKILL it ``delay`` s after it is ready; True if it was killed."""
    child = _run(code, *args)
    _ready(child)
    time.sleep(delay)
    killed = child.poll() is None
    if killed:
        os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=120)
    return killed


def _inspect(db: Path) -> sqlite3.Connection:
    """Open the database as the next program start would, and check it physically."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    return con


def _counts(con: sqlite3.Connection) -> tuple[int, int, int]:
    one = con.execute
    return (one("SELECT count(*) FROM records").fetchone()[0],
            one("SELECT count(*) FROM parties").fetchone()[0],
            one("SELECT count(*) FROM audit_log WHERE action = 'create'").fetchone()[0])


def test_killed_import_is_whole_or_absent(data_dir: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    items = tmp_path / "items.json"
    items.write_text(json.dumps([dispute(summary=f"导入{i}", parties=[party(f"当事人{i}")])
                                 for i in range(IMPORT_SIZE)]), encoding="utf-8")
    args = [str(data_dir), str(items)]
    writing, length = _calibrate(IMPORT_CHILD, *args)
    assert 0 < writing < length
    db = data_dir / DB_FILENAME
    con = _inspect(db)
    before = _counts(con)[0]
    con.close()
    assert before == IMPORT_SIZE
    outcomes = {"none": 0, "whole": 0}
    for i in range(IMPORT_KILLS):  # half anywhere, half inside the write transaction
        delay = rng.uniform(0, length * 1.1) if i % 2 else rng.uniform(writing, length * 1.05)
        _kill_at(IMPORT_CHILD, args, delay)
        con = _inspect(db)
        records, parties, created = _counts(con)
        con.close()
        where = f"seed {SEED}, kill {i} at {delay:.3f}s of {length:.3f}s (writing {writing:.3f}s)"
        assert records in (before, before + IMPORT_SIZE), where
        assert parties == records and created == records, where  # children and audit too
        outcomes["whole" if records > before else "none"] += 1
        before = records
        with open_services(data_dir, today=lambda: TODAY) as sv:  # opens; chain intact
            with sv.ctx.engine.connect() as conn:
                assert audit.verify_chain(conn) == [], where
            if records > IMPORT_SIZE:
                assert sv.records.search(f"导入{IMPORT_SIZE - 1}"), where
    assert not lock.holder(data_dir)  # every killed holder's lock was released by the OS
    print(f"import kills (seed {SEED}): {outcomes}")


@pytest.fixture(scope="module")
def old_folder(tmp_path_factory: pytest.TempPathFactory, template_dir: Path) -> Iterator[Path]:
    """A data folder with records at revision 0001 (made at head, then downgraded)."""
    folder = tmp_path_factory.mktemp("old") / "data"
    shutil.copytree(template_dir, folder)
    with open_services(folder, today=lambda: TODAY) as sv:
        add_records(sv, OLD_RECORDS)
    engine = make_engine(folder / DB_FILENAME)
    with engine.connect() as conn:
        cfg = migrate._config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
        conn.commit()
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    shutil.rmtree(folder / "backups", ignore_errors=True)
    yield folder


def test_killed_upgrade_leaves_the_old_or_the_new_schema(old_folder: Path,
                                                         tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    work = tmp_path / "work"
    shutil.copytree(old_folder, work)
    _, length = _calibrate(OPEN_CHILD, str(work))
    head = migrate.head_revision()
    outcomes = {"old": 0, "new": 0}
    for i in range(MIGRATION_KILLS):
        shutil.rmtree(work)
        shutil.copytree(old_folder, work)
        delay = rng.uniform(0, length * 1.1)
        _kill_at(OPEN_CHILD, [str(work)], delay)
        where = f"seed {SEED}, kill {i} at {delay:.3f}s of {length:.3f}s"
        con = _inspect(work / DB_FILENAME)
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert _counts(con) == (OLD_RECORDS,) * 3, where
        con.close()
        assert revision in ("0001", head), where
        if revision == "0001":  # nothing of a later revision half-applied
            assert not tables & {"search_cjk", "sync_stamps", "attachments", "conflicts"}, where
        outcomes["old" if revision == "0001" else "new"] += 1
        with open_services(work, today=lambda: TODAY) as sv:  # the next start completes it
            assert migrate.current_revision(sv.ctx.engine) == head, where
            assert len(sv.records.search("第7号")) >= 1, where
        for info in backup.list_backups(work / "backups"):  # a listed backup is a whole one
            assert info.revision == "0001" and info.records == OLD_RECORDS, where
    print(f"upgrade kills (seed {SEED}): {outcomes}")


def test_killed_restore_leaves_the_old_or_the_restored_database(data_dir: Path,
                                                                tmp_path: Path) -> None:
    rng = random.Random(SEED + 2)
    with lock.acquire(data_dir), open_services(data_dir, today=lambda: TODAY) as sv:
        add_records(sv, 2000)
        saved = backup.create_backup(data_dir, to=tmp_path / "usb")
        add_records(sv, 500, "petitions")
    pristine = tmp_path / "pristine"
    shutil.copytree(data_dir, pristine)
    work = tmp_path / "work"
    shutil.copytree(pristine, work)
    _, length = _calibrate(RESTORE_CHILD, str(work), str(saved.path))
    outcomes = {"old": 0, "restored": 0}
    for i in range(RESTORE_KILLS):
        shutil.rmtree(work)
        shutil.copytree(pristine, work)
        delay = rng.uniform(0, length * 1.1)
        _kill_at(RESTORE_CHILD, [str(work), str(saved.path)], delay)
        where = f"seed {SEED}, kill {i} at {delay:.3f}s of {length:.3f}s"
        con = _inspect(work / DB_FILENAME)
        records, parties, created = _counts(con)
        con.close()
        assert records in (2500, 2000) and parties == records == created, where
        outcomes["old" if records == 2500 else "restored"] += 1
        with open_services(work, today=lambda: TODAY) as sv:
            assert len(sv.records.search("第5号")) >= 1, where
    print(f"restore kills (seed {SEED}): {outcomes}")
