"""Large writes take the fast path (trigger suspended, one set statement) with the same result."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from fazhi_desktop.services import Services
from fazhi_desktop.store import bulk
from tests.helpers import dispute


def _stamps(sv: Services) -> set[tuple[str, str, str]]:
    with sv.ctx.engine.connect() as conn:
        return set(conn.execute(text("SELECT record_id, node, stamp FROM sync_stamps")).all())


def _expected(sv: Services) -> set[tuple[str, str, str]]:
    out = set()
    for record in sv.records.list(sv_filters()):
        newest: dict[str, str] = {}
        for stamp in json.loads(record["clocks"]).values():
            node = stamp[20:]
            newest[node] = max(newest.get(node, ""), stamp)
        out |= {(record["id"], node, stamp) for node, stamp in newest.items()}
    return out


def sv_filters():  # type: ignore[no-untyped-def]
    from fazhi_desktop.domain.filters import Filters

    return Filters(register="disputes")


def _trigger_exists(sv: Services) -> bool:
    with sv.ctx.engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = "
                                 f"'{bulk.STAMP_TRIGGER}'")).first() is not None


def test_a_large_batch_fills_sync_stamps_like_the_trigger(services: Services) -> None:
    services.records.create("disputes", dispute())                      # trigger path
    services.records.create_many("disputes", [dispute()] * (bulk.LARGE_ROWS + 50))  # bulk path
    services.records.create("disputes", dispute())                      # trigger path again
    assert _trigger_exists(services)
    assert _stamps(services) == _expected(services)
    assert len(_stamps(services)) == bulk.LARGE_ROWS + 52


def test_a_large_batch_failing_midway_leaves_nothing_and_the_trigger_in_place(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "FILL_STAMPS_FROM", "SELECT no_such_function(?)")
    with pytest.raises(Exception, match="no_such_function"):
        services.records.create_many("disputes", [dispute()] * bulk.LARGE_ROWS)
    assert _trigger_exists(services) and _stamps(services) == set()
    assert services.records.nums(sv_filters()) == []


# --- insert_many writes what SQLAlchemy's insert() writes ------------------------------------

def _typed_value(kind: str, name: str, variant: int):  # type: ignore[no-untyped-def]
    import datetime as dt
    from decimal import Decimal

    from fazhi_desktop.domain import registers as R

    if variant == 2:
        return None
    return {
        R.DATE: dt.date(2026, 1, 9) if variant else dt.date(1999, 12, 31),
        R.BOOL: bool(variant),
        R.INT: 7 * variant,
        R.DECIMAL: Decimal("1234.56") if variant else Decimal("0.10"),
    }.get(kind, f"{name}·值{variant}")


def _row_sets():  # type: ignore[no-untyped-def]
    """Per table, rows of typed values covering every column type: dates, UTC datetimes given
    in another zone, booleans both ways, money, integers, text and NULLs, for every register."""
    import datetime as dt

    from fazhi_desktop.domain import registers as R
    from fazhi_desktop.store.models import AuditEntry, Hearing, Party, Record

    zone = dt.timezone(dt.timedelta(hours=8))
    records, parties, hearings, audit = [], [], [], []
    for reg in R.REGISTERS.values():
        for variant in (0, 1, 2):
            rid = f"{reg.name}-{variant}"
            row = {c.name: None for c in Record.__table__.c}
            row.update({f.name: _typed_value(f.kind, f.name, variant) for f in reg.fields
                        if f.kind not in (R.PARTIES, R.HEARINGS)})
            row.update(num=len(records) + 1, id=rid, register=reg.name, serial=rid,
                       unit_code="632801", status="open", deleted=variant == 1,
                       origin_node="n", created_by="张三", updated_by="张三", clocks="{}",
                       created_at=dt.datetime(2026, 11, 27, 8, 30, 1, 5, tzinfo=zone),
                       updated_at=dt.datetime(2026, 11, 27, 0, 0, tzinfo=dt.timezone.utc))
            records.append(row)
            parties.append({"record_id": rid, "seq": variant, **{
                f.name: _typed_value(f.kind, f.name, variant) for f in R.PARTY_FIELDS}})
            hearings.append({"record_id": rid, "seq": variant, **{
                f.name: _typed_value(f.kind, f.name, variant) for f in R.HEARING_FIELDS}})
            audit.append({"uuid": rid, "record_id": rid, "action": "create",
                          "at": row["created_at"], "operator": "张三", "node_id": "n",
                          "node_name": "甲", "changes": "{}", "prev_hash": "0", "hash": "1"})
    return [(Record.__table__, records), (Party.__table__, parties),
            (Hearing.__table__, hearings), (AuditEntry.__table__, audit)]


def test_insert_many_writes_exactly_what_sqlalchemy_insert_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine, insert

    from fazhi_desktop.store.models import Base

    dumps = []
    for how in ("sqlalchemy", "insert_many"):
        engine = create_engine(f"sqlite:///{tmp_path / how}.db")
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            for table, rows in _row_sets():
                if how == "sqlalchemy":
                    conn.execute(insert(table), rows)
                else:
                    columns = list(rows[0])
                    bulk.insert_many(conn, table, columns, [[r[c] for c in columns] for r in rows])
        with engine.connect() as conn:
            dump = {}
            for table, _ in _row_sets():
                quoted = ", ".join(f"quote({c.name})" for c in table.c)
                dump[table.name] = conn.exec_driver_sql(
                    f"SELECT {quoted} FROM {table.name} ORDER BY rowid").all()
            dumps.append(dump)
        engine.dispose()
    sqlalchemy_rows, tuple_rows = dumps
    assert sqlalchemy_rows == tuple_rows
    written = sqlalchemy_rows["records"]
    assert len(written) == 12 and {len(rows) for rows in sqlalchemy_rows.values()} == {12}
    # The values really went through the column types (not str() of the Python objects):
    assert "'2026-11-27T00:30:01.000005+00:00'" in written[0]  # +08:00 → UTC text
    assert "'1999-12-31'" in written[0] and "10" in written[0]     # date; ¥0.10 as fen
    assert "123456" in written[1] and written[1][-7] == "1"        # ¥1234.56; deleted → 1


def test_a_large_batch_leaves_the_search_index_settings_as_they_were(services: Services) -> None:
    def config() -> list[tuple[str, str]]:
        with services.ctx.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT k, v FROM search_tri_config UNION ALL "
                                        "SELECT k, v FROM search_cjk_config ORDER BY 1").all()

    before = config()
    services.records.create_many("disputes", [dispute()] * (bulk.LARGE_ROWS + 1))
    assert config() == before
    serial = services.records.list(sv_filters())[-1]["serial"]
    assert len(services.records.search(serial)) == 1
