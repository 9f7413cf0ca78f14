"""The migrations build exactly the schema the models describe (no drift)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from fazhi_desktop.domain.registers import ALL_FIELDS
from fazhi_desktop.services import open_services
from fazhi_desktop.store.models import Base, Record


def test_models_match_the_migrated_database(tmp_path: Path) -> None:
    with open_services(tmp_path / "d") as sv:
        with sv.ctx.engine.connect() as conn:
            mc = MigrationContext.configure(conn)
            diff = compare_metadata(mc, Base.metadata)
    # Tables outside the ORM models (FTS shadow tables, Core tables of other modules) are
    # "removed" in the comparison; every difference on a modelled table is drift.
    modelled = set(Base.metadata.tables)
    drift = [d for d in diff if _table_of(d) in modelled]
    assert drift == []


def _table_of(diff: object) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    obj = item[1] if isinstance(item, tuple) and len(item) > 1 else None
    table = getattr(obj, "table", obj)
    name = getattr(table, "name", None)
    if isinstance(item, tuple) and len(item) > 3 and isinstance(item[2], str):
        name = item[2]  # modify_* entries: (op, schema, table, column, ...)
    return name


def test_every_register_field_has_a_column() -> None:
    columns = set(Record.__table__.c.keys())
    missing = [f.name for f in ALL_FIELDS if f.kind not in ("parties", "hearings")
               and f.name not in columns]
    assert missing == []
