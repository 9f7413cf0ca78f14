"""A large import fills the change index (``sync_stamps``) in one statement instead of by
trigger: the index must come out exactly as the trigger makes it, and keep working after."""

from __future__ import annotations

import pytest

from fazhi_desktop.sync import bundle, merge


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(bundle, "SCRYPT_N", 2 ** 8)


def _stamps(node):
    with node.services.ctx.read() as s:
        conn = s.connection()
        return (conn.exec_driver_sql("SELECT record_id, node, stamp FROM sync_stamps "
                                     "ORDER BY 1, 2").all(),
                conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                     "ORDER BY name").scalars().all())


def test_bulk_import_indexes_like_the_trigger(make_node, tmp_path, monkeypatch):
    monkeypatch.setattr(merge, "BULK", 50)
    a, b, c = (make_node(f"司法所-{n}", code) for n, code in (("甲", "JA"), ("乙", "YI"),
                                                                  ("丙", "BI")))
    ids = [r["id"] for r in a.records.create_many("disputes", [
        {"summary": f"纠纷{i}", "received_on": "2026-11-01", "source": "grid",
         "category": "neighbor"} for i in range(120)])]
    for rid in ids[::7]:
        a.records.update(rid, {"handler": "张三"})  # records with two stamps
    b.records.create("disputes", {"summary": "乙的记录", "received_on": "2026-11-02",
                                  "source": "grid", "category": "neighbor"})
    full = tmp_path / "a.fzb"
    a.sync.export(full, full=True)
    before_rows, triggers = _stamps(b)
    b.sync.import_bundle(full, trust=True)  # 120 new records: the bulk path
    rows, after_triggers = _stamps(b)
    assert after_triggers == triggers  # the trigger is back, unchanged
    a_rows, _ = _stamps(a)
    assert sorted(set(rows) - set(before_rows)) == sorted(a_rows)
    # The index keeps working: C, which has seen only B, gets all of it incrementally.
    path = tmp_path / "b-c.fzb"
    b.sync.export(path, full=True)
    c.sync.import_bundle(path, trust=True)
    c.sync.export(tmp_path / "c-b.fzb")
    b.sync.import_bundle(tmp_path / "c-b.fzb", trust=True)
    b.records.update(ids[3], {"note": "乙补充"})
    inc = tmp_path / "inc.fzb"
    result = b.sync.export(inc, to=c.id)
    assert sum(result.counts["records"].values()) == 1
    c.sync.import_bundle(inc)
    assert c.records.get(ids[3])["note"] == "乙补充"
