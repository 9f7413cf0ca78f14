"""The stdlib read path (``store.reads``) gives exactly what the ORM models give.

The screens read records with plain ``sqlite3`` so the window can draw before SQLAlchemy is
imported; a value read that way must never differ from the model's column type (a date
that stays a string, money in fen, a flag as 0/1).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

from sqlalchemy import Boolean, Date, select

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.domain.hlc import unpack_clocks
from fazhi_desktop.services import Services, demo
from fazhi_desktop.store import reads
from fazhi_desktop.store.engine import DB_FILENAME
from fazhi_desktop.store.models import Hearing, Party, Record
from fazhi_desktop.store.types import Money, UTCDateTime
from tests.helpers import lawsuit


def test_column_knowledge_matches_the_model() -> None:
    table = Record.__table__
    assert reads.RECORD_COLUMNS == set(table.c.keys())
    for model in (Record, Party, Hearing):
        for column in model.__table__.c:
            kind = type(column.type)
            expected = {Date: dt.date.fromisoformat, Boolean: bool, UTCDateTime:
                        dt.datetime.fromisoformat}.get(kind)
            if kind is Money:
                assert reads.CONVERTERS[column.name] is reads._money, column.name
            elif expected is not None:
                assert reads.CONVERTERS.get(column.name) == expected, column.name
            else:
                assert column.name not in reads.CONVERTERS, column.name


def _orm_record(sv: Services, num: int) -> dict[str, object]:
    with sv.ctx.read() as s:
        row = s.get(Record, num)
        assert row is not None
        reg = R.REGISTERS[row.register]
        out: dict[str, object] = {k: getattr(row, k) for k in reads.BOOKKEEPING}
        out["clocks"] = unpack_clocks(row.clocks, R.STAMPED_FIELDS[reg.name])
        out["num"] = num
        for spec in reg.fields:
            if spec.kind == R.PARTIES:
                parties = s.scalars(select(Party).where(Party.record_id == row.id)
                                    .order_by(Party.seq))
                out["parties"] = [{k: getattr(p, k) for k in reads.PARTY_KEYS} for p in parties]
            elif spec.kind == R.HEARINGS:
                hearings = s.scalars(select(Hearing).where(Hearing.record_id == row.id)
                                     .order_by(Hearing.seq))
                out["hearings"] = [{k: getattr(h, k) for k in reads.HEARING_KEYS}
                                   for h in hearings]
            else:
                out[spec.name] = getattr(row, spec.name)
        return out


def test_every_value_of_every_register_reads_as_the_orm_gives_it(services: Services) -> None:
    demo.generate(services, 120, seed=3)
    services.records.create("lawsuits", lawsuit())
    conn = sqlite3.connect(services.ctx.data_dir / DB_FILENAME)
    nums = [n for (n,) in conn.execute("SELECT num FROM records ORDER BY num")]
    got = reads.fetch(conn, nums=nums)
    assert [r["num"] for r in got] == nums
    kinds: set[type] = set()
    for record in got:
        assert record == _orm_record(services, record["num"])
        kinds |= {type(v) for v in record.values()}
    assert {dt.date, dt.datetime, Decimal, bool, int, str} <= kinds
    assert {r["register"] for r in got} == set(R.REGISTERS)
    hearing = next(r for r in got if r.get("hearings"))["hearings"][0]
    assert isinstance(hearing["held_on"], dt.date)
    assert isinstance(hearing["head_attended"], bool)


def test_filters_escape_like_wildcards_in_the_handler(services: Services) -> None:
    demo.generate(services, 60, seed=4)
    conn = sqlite3.connect(services.ctx.data_dir / DB_FILENAME)
    everyone = reads.filtered_nums(conn, Filters(register="disputes"))
    assert everyone
    assert reads.filtered_nums(conn, Filters(register="disputes", handler="%")) == []
    assert reads.filtered_nums(conn, Filters(register="disputes", handler="_")) == []
