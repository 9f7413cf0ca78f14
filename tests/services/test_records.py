"""The one write path: validation, audit, recycle bin, search, deadlines."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import Services
from fazhi_desktop.services.errors import FazhiError, ValidationError
from tests.helpers import BUILDERS, dispute, id_number, lawsuit, party, petition


def _count(sv: Services) -> int:
    with sv.ctx.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM records")).scalar_one()


def _audit_count(sv: Services) -> int:
    with sv.ctx.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()


@pytest.mark.parametrize("register", list(BUILDERS))
def test_create_each_register_gets_serial_due_date_and_audit(services: Services,
                                                             register: str) -> None:
    record = services.records.create(register, BUILDERS[register]())
    prefix = {"disputes": "纠", "petitions": "访", "lawsuits": "诉", "reviews": "审"}[register]
    assert record["serial"] == f"{prefix}2026-XC1-0001"
    assert record["due_on"] is not None
    stored = services.records.get(record["id"])
    assert stored["summary"] == record["summary"]
    history = services.records.history(record["id"])
    assert [h.action for h in history] == ["create"]
    assert history[0].operator == "张三" and history[0].node_name == "西城区司法所-张三"


def test_serials_count_up_per_register_and_year(services: Services) -> None:
    serials = [services.records.create("disputes", dispute())["serial"] for _ in range(3)]
    old = services.records.create("disputes", dispute(received_on="2025-12-30"))
    assert serials == ["纠2026-XC1-0001", "纠2026-XC1-0002", "纠2026-XC1-0003"]
    assert old["serial"] == "纠2025-XC1-0001"


@pytest.mark.parametrize("bad, field", [
    ({"parties": [party(id_number="632801199001011234")]}, "parties"),
    ({"status": "resolved"}, "closed_on"),
    ({"status": "resolved", "closed_on": "2026-10-01"}, "closed_on"),
    ({"received_on": "2027-01-01"}, "received_on"),
    ({"category": "not_a_code"}, "category"),
    ({"unit_code": "999"}, "unit_code"),
    ({"surprise": 1}, "surprise"),
])
def test_refused_record_names_the_field_and_saves_nothing(services: Services, data_dir: Path,
                                                          bad: dict, field: str) -> None:
    before = (_count(services), _audit_count(services))
    with pytest.raises(ValidationError) as err:
        services.records.create("disputes", dispute(**bad))
    assert field in err.value.fields()
    assert "未保存" in str(err.value)
    assert (_count(services), _audit_count(services)) == before


def test_a_batch_is_all_or_nothing(services: Services) -> None:
    items = [dispute(), dispute(), dispute(status="resolved")]
    with pytest.raises(ValidationError) as err:
        services.records.create_many("disputes", items)
    assert err.value.problems[0][0] == 2 and "第3条" in str(err.value)
    assert _count(services) == 0


def test_update_changes_only_given_fields_and_is_audited(services: Services) -> None:
    record = services.records.create("disputes", dispute(handler="马文"))
    updated = services.records.update(record["id"], {"status": "resolved",
                                                     "closed_on": "2026-11-20",
                                                     "agreement_form": "written"})
    assert updated["handler"] == "马文" and updated["status"] == "resolved"
    last = services.records.history(record["id"])[-1]
    assert last.action == "update"
    assert last.changes["status"] == ["registered", "resolved"]
    assert last.changes["closed_on"] == [None, "2026-11-20"]


def test_refused_update_leaves_the_database_byte_for_byte(services: Services,
                                                          data_dir: Path) -> None:
    record = services.records.create("disputes", dispute())
    services.ctx.engine.dispose()
    with services.ctx.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = hashlib.sha256((data_dir / "fazhi.sqlite3").read_bytes()).hexdigest()
    with pytest.raises(ValidationError):
        services.records.update(record["id"], {"closed_on": "2026-10-01", "status": "resolved"})
    with services.ctx.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    after = hashlib.sha256((data_dir / "fazhi.sqlite3").read_bytes()).hexdigest()
    assert before == after


def test_delete_then_restore_brings_the_record_back_intact(services: Services) -> None:
    record = services.records.create("lawsuits", lawsuit(hearings=[
        {"held_on": "2026-11-20", "head_attended": True, "attendee_name": "马主任"}]))
    before = services.records.get(record["id"])
    services.records.delete(record["id"])
    assert services.records.nums(Filters(register="lawsuits")) == []
    assert services.records.nums(Filters(register="lawsuits", deleted=True)) == [before["num"]]
    with pytest.raises(FazhiError, match="回收站"):
        services.records.update(record["id"], {"summary": "改"})
    services.records.restore(record["id"])
    after = services.records.get(record["id"])
    skip = {"clocks", "updated_at"}
    assert {k: v for k, v in after.items() if k not in skip} == \
        {k: v for k, v in before.items() if k not in skip}
    assert [h.action for h in services.records.history(record["id"])] == \
        ["create", "delete", "restore"]


def test_each_changed_field_gets_a_newer_clock_stamp(services: Services) -> None:
    import json

    record = services.records.create("disputes", dispute())
    first = json.loads(record["clocks"])
    updated = services.records.update(record["id"], {"handler": "新承办人"})
    second = json.loads(updated["clocks"])
    assert second["handler"] > first["handler"]
    assert second["summary"] == first["summary"]
    assert second["handler"].endswith(services.ctx.require_identity().node_id)


def test_search_two_character_names_id_fragments_phones_serials(services: Services) -> None:
    a = services.records.create("disputes", dispute(parties=[party("马兰")]))
    b = services.records.create("petitions", petition(parties=[
        party("欧阳娜娜", "petitioner", id_number=id_number("19850612", "456"),
              phone="13912345678")]))
    c = services.records.create("disputes", dispute(summary="草场界线争议", parties=[party("王刚")]))

    def found(query: str) -> set[str]:
        return {r["id"] for r in services.records.search(query)}

    assert found("马兰") == {a["id"]}
    assert found("兰") == {a["id"]}
    assert found("娜娜") == {b["id"]}
    assert found("198506") == {b["id"]}        # 6-digit ID fragment
    assert found("12345678") == {b["id"]}      # phone fragment
    assert found("界线") == {c["id"]}           # 2 characters of the summary
    assert found(b["serial"]) == {b["id"]}
    assert found("不存在的人") == set()
    services.records.update(a["id"], {"parties": [party("马兰花")]})
    assert found("兰花") == {a["id"]}


def test_due_date_override_needs_a_reason(services: Services) -> None:
    record = services.records.create("disputes", dispute())
    with pytest.raises(ValidationError) as err:
        services.records.update(record["id"], {"due_on": "2026-12-20"})
    assert "due_override_reason" in err.value.fields()
    updated = services.records.update(record["id"], {"due_on": "2026-12-20",
                                                     "due_override_reason": "当事人外出务工"})
    assert updated["due_on"] == dt.date(2026, 12, 20)


def test_overdue_and_due_soon(services: Services) -> None:
    late = services.records.create("disputes", dispute(received_on="2026-10-01"))   # due 10-31
    soon = services.records.create("disputes", dispute(received_on="2026-10-29"))   # due 11-28
    services.records.create("disputes", dispute(received_on="2026-11-20"))          # due 12-21
    closed = services.records.create("disputes", dispute(received_on="2026-09-01", status="resolved",
                                                         closed_on="2026-09-10",
                                                         agreement_form="oral"))
    counts = services.records.deadline_counts()
    assert counts["disputes"] == {"in_progress": 3, "overdue": 1, "due_soon": 1}
    items = services.records.deadline_items()
    assert [(i["id"], i["overdue"]) for i in items] == [(late["id"], True), (soon["id"], False)]
    assert closed["id"] not in {i["id"] for i in items}
    overdue = services.records.nums(Filters(register="disputes", overdue_on=services.ctx.today()))
    assert overdue == [late["num"]]


def test_filters_by_unit_tree_status_and_handler(services: Services) -> None:
    village = services.records.create("disputes", dispute(unit_code="632801001001", handler="马文"))
    services.records.create("disputes", dispute(unit_code="632801002"))
    township = Filters(register="disputes", unit="632801001")
    assert services.records.nums(township) == [village["num"]]
    assert services.records.nums(Filters(register="disputes", handler="马")) == [village["num"]]
    assert services.records.nums(Filters(register="disputes", status=["resolved"])) == []


def test_write_batch_of_creates_and_updates_is_one_transaction(services: Services) -> None:
    existing = services.records.create("disputes", dispute())
    before = (_count(services), _audit_count(services))
    with pytest.raises(ValidationError) as err:
        services.records.write_batch("disputes", [dispute(), dispute()],
                                     [(existing["id"], {"status": "resolved"})])
    assert err.value.problems[0][0] == 2  # creates first, then the update
    assert (_count(services), _audit_count(services)) == before
    created, updated = services.records.write_batch(
        "disputes", [dispute()], [(existing["id"], {"handler": "马文"})])
    assert len(created) == 1 and updated[0]["handler"] == "马文"


def test_check_previews_without_saving(services: Services) -> None:
    record, problems = services.records.check("disputes", dispute(status="resolved"))
    assert record["due_on"] is not None and any(p.field == "closed_on" for p in problems)
    assert _count(services) == 0


def test_clocks_are_stored_compactly_and_read_back_whole(services: Services) -> None:
    import json

    record = services.records.create("disputes", dispute())
    services.records.update(record["id"], {"handler": "马文"})
    with services.ctx.engine.connect() as conn:
        stored = conn.execute(text("SELECT clocks FROM records")).scalar_one()
    assert len(stored) < 200 and '"handler"' in stored
    full = json.loads(services.records.get(record["id"])["clocks"])
    assert set(full) == set(json.loads(record["clocks"]))
    assert full["handler"] > full["summary"]
