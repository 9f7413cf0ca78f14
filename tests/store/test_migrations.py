"""A database made by an older revision opens in this one; a newer one is refused."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from fazhi_desktop.services import open_services
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.store import migrate
from fazhi_desktop.store.engine import DB_FILENAME, make_engine


def _old_database(folder: Path) -> str:
    """A data folder at revision 0001 (before the search index existed), with one record."""
    folder.mkdir()
    engine = make_engine(folder / DB_FILENAME)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    rid = str(uuid.uuid4())
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    con = sqlite3.connect(folder / DB_FILENAME)
    con.execute("INSERT INTO units(code, name, level, created_at, clock) "
                "VALUES ('632801', '西城区', 'district', ?, '')", (now,))
    con.execute("INSERT INTO nodes(id, name, short_code, is_self, created_at) "
                "VALUES ('n1', '老电脑', 'OLD', 1, ?)", (now,))
    con.execute("INSERT INTO settings(key, value) VALUES ('unit_code', '\"632801\"')")
    con.execute(
        "INSERT INTO records(num, id, register, serial, unit_code, summary, received_on, status,"
        " deleted, origin_node, created_at, created_by, updated_at, updated_by, clocks) VALUES"
        " (1, ?, 'disputes', '纠2025-OLD-0001', '632801', '旧版本录入的纠纷', '2025-03-05',"
        " 'registered', 0, 'n1', ?, '李四', ?, '李四', '{}')", (rid, now, now))
    con.execute("INSERT INTO parties(record_id, seq, name, role) VALUES (?, 0, '马兰', 'applicant')",
                (rid,))
    con.commit()
    con.close()
    return rid


def test_old_revision_database_is_upgraded_and_searchable(tmp_path: Path) -> None:
    rid = _old_database(tmp_path / "old")
    with open_services(tmp_path / "old") as sv:
        assert migrate.current_revision(sv.ctx.engine) == migrate.head_revision()
        assert sv.records.get(rid)["summary"] == "旧版本录入的纠纷"
        assert [r["id"] for r in sv.records.search("马兰")] == [rid]
        assert [r["id"] for r in sv.records.search("旧版本")] == [rid]


def test_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    with open_services(tmp_path / "d"):
        pass
    con = sqlite3.connect(tmp_path / "d" / DB_FILENAME)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(FazhiError, match="比本程序新"):
        open_services(tmp_path / "d")


def test_engine_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with open_services(tmp_path / "d") as sv:
        with sv.ctx.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_writes_begin_immediate_so_a_second_writer_waits(tmp_path: Path) -> None:
    with open_services(tmp_path / "d") as sv:
        with sv.ctx.write():
            other = sqlite3.connect(tmp_path / "d" / DB_FILENAME, timeout=0.1)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()


def test_migrations_run_with_foreign_keys_off_and_switch_them_back_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch migration with foreign keys on would delete ON DELETE CASCADE children."""
    from alembic import command

    seen: list[int] = []
    real_upgrade = command.upgrade

    def spy(cfg, target):  # type: ignore[no-untyped-def]
        seen.append(cfg.attributes["connection"].exec_driver_sql("PRAGMA foreign_keys").scalar())
        return real_upgrade(cfg, target)

    monkeypatch.setattr(command, "upgrade", spy)
    (tmp_path / "d").mkdir()
    engine = make_engine(tmp_path / "d" / DB_FILENAME)
    migrate.upgrade(engine)
    assert seen == [0]
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_the_recorded_head_is_the_head_of_the_migration_scripts() -> None:
    assert migrate.HEAD == migrate.script_head()
