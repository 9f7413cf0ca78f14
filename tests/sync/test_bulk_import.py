"""The fast paths of a large import give exactly what the ordinary paths give: the change index
(``sync_stamps``) filled in one statement instead of by trigger (``store.bulk``) as a bundle's
records arrive, and record clocks packed for the store directly from the decoded dict."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.hlc import pack_clocks, unpack_clocks
from fazhi_desktop.store import bulk
from fazhi_desktop.sync import bundle
from fazhi_desktop.sync import clocks as V

from .conftest import db_tables


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
    monkeypatch.setattr(bulk, "LARGE_ROWS", 50)
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


def test_a_large_import_writes_what_a_small_one_writes(make_node, tmp_path, monkeypatch):
    """The bulk path (search and change index built at the end on a helper thread while the
    audit chain is hashed) against the ordinary path, for the same bundle."""
    a = make_node("司法所-甲", "JA")
    ids = [r["id"] for r in a.records.create_many("petitions", [
        {"summary": f"张{i}反映宅基地问题", "received_on": "2026-11-02", "channel": "visit",
         "topic": "homestead", "parties": [{"name": f"李秀英{i}", "role": "petitioner"}]}
        for i in range(120)])]
    a.records.update(ids[5], {"handler": "王五"})
    full = tmp_path / "a.fzb"
    a.sync.export(full, full=True)
    small = make_node("司法所-乙", "YI")
    small.sync.import_bundle(full, trust=True)         # 120 < LARGE_ROWS: row by row
    monkeypatch.setattr(bulk, "LARGE_ROWS", 50)
    large = make_node("司法所-丙", "BI")
    large.sync.import_bundle(full, trust=True)         # the bulk path
    assert db_tables(large) == db_tables(small)
    assert len(db_tables(large)["search_tri"]) == 120
    assert [r["id"] for r in large.records.search("李秀英119")] == [ids[119]]


def test_a_failing_background_statement_leaves_the_database_as_it_was(make_node, tmp_path,
                                                                      monkeypatch):
    a, b = make_node("司法所-甲", "JA"), make_node("司法所-乙", "YI")
    a.records.create_many("disputes", [{"summary": f"纠纷{i}", "received_on": "2026-11-01",
                                        "source": "grid", "category": "neighbor"}
                                       for i in range(60)])
    full = tmp_path / "a.fzb"
    a.sync.export(full, full=True)
    before = db_tables(b)
    monkeypatch.setattr(bulk, "LARGE_ROWS", 50)
    monkeypatch.setattr(bulk, "FILL_STAMPS_FROM", "SELECT no_such_function(?)")
    with pytest.raises(Exception, match="no_such_function"):
        b.sync.import_bundle(full, trust=True)
    assert db_tables(b) == before  # nothing written; trigger, search index as they were


_NODES = ("1c80b9e7-8720-427f-9a4a-6e2e814470e4", "9df225a9-bfe5-47bd-9270-be9c559a9e0b")


@settings(max_examples=200, deadline=None)
@given(register=st.sampled_from(sorted(R.STAMPED_FIELDS)), data=st.data())
def test_stored_form_is_what_the_store_makes_of_the_clocks(register, data):
    fields = R.STAMPED_FIELDS[register]
    stamp = st.builds(lambda ms, n, node: f"{ms:013d}.{n:05d}.{node}",
                      st.integers(1_700_000_000_000, 1_800_000_000_000),
                      st.integers(0, 3), st.sampled_from(_NODES))
    every = data.draw(st.booleans())
    names = fields if every else data.draw(st.lists(st.sampled_from(fields), min_size=1,
                                                    unique=True))
    shared = data.draw(stamp)
    clocks = {n: data.draw(st.one_of(st.just(shared), stamp)) for n in names}
    full = json.dumps(clocks, separators=(",", ":"))
    mine = V.stored_form(register, clocks)
    assert json.loads(unpack_clocks(mine, fields)) == json.loads(unpack_clocks(
        pack_clocks(full, fields), fields)) == clocks
    assert len(mine) <= len(pack_clocks(full, fields)) + 2  # packed as compactly
    assert pack_clocks(mine, fields) == mine  # the store keeps it as it is
