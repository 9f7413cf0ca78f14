"""Schema migrations (Alembic), applied automatically when a data folder is opened.

Migrations run with foreign keys OFF (a batch migration with them on silently deletes
``ON DELETE CASCADE`` children) and are followed by ``PRAGMA foreign_key_check``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # HEAD is read at start-up before SQLAlchemy is imported (services.reading)
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# The newest revision, kept by hand so that opening an up-to-date database never imports
# Alembic (≈0.1 s of start-up). ``tests/store/test_migrations.py`` checks it is the head.
HEAD = "0005"


class MigrationError(RuntimeError):
    pass


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return HEAD


def script_head() -> str:
    """The head as Alembic reads it from the migration scripts (slow: imports Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions())


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import text

    with engine.connect() as conn:
        has_table = conn.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
            ).first() if conn.dialect.name == "sqlite" else True
        if not has_table:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, target: str = "head") -> bool:
    """Bring the database to ``target``; True when anything was applied."""
    from sqlalchemy import text

    before = current_revision(engine)
    if before == (HEAD if target == "head" else target):
        return False
    if before is not None and before not in known_revisions():
        raise MigrationError(
            f"数据库版本（{before}）比本程序新，请升级程序后再打开。")
    with engine.connect() as conn:
        # The pragma is a no-op inside a transaction, so it goes to the raw connection
        # before SQLAlchemy begins one.
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        from alembic import command

        try:
            # One IMMEDIATE transaction around every step: Alembic joins it instead of
            # committing on its own, so a kill mid-upgrade leaves the old schema.
            conn.execution_options(fazhi_write=True)
            conn.begin()
            cfg = _config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
            bad = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            if bad:
                raise MigrationError(f"升级后发现 {len(bad)} 处外键不一致：{bad[:3]}，已撤销升级")
            conn.commit()
        finally:
            if conn.in_transaction():
                conn.rollback()
            raw.execute("PRAGMA foreign_keys = ON")
    return True
