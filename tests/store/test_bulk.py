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
