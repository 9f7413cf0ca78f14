"""Merging as colleagues see it: conflicts only for concurrent changes, settlement syncs,
deletes/restores sync, relays keep their origin, repeated imports change nothing, trust."""

from __future__ import annotations

import json

import pytest

from fazhi_desktop.sync import bundle
from fazhi_desktop.sync.errors import BundleError


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(bundle, "SCRYPT_N", 2 ** 8)


def _send(src, dst, tmp_path, name, **kw):
    path = tmp_path / f"{name}.fzb"
    known = any(p.node_id == dst.id for p in src.sync.peers())
    src.sync.export(path, to=dst.id) if known else src.sync.export(path, full=True)
    return dst.sync.import_bundle(path, trust=True, **kw)


def _dispute(node, summary="邻里纠纷"):
    return node.records.create("disputes", {"summary": summary, "received_on": "2026-11-02",
                                            "source": "walk_in", "category": "neighbor"})


def test_concurrent_edits_make_one_conflict_that_settles_everywhere(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    rid = _dispute(a)["id"]
    _send(a, b, tmp_path, "1")
    a.records.update(rid, {"handler": "张三"})
    b.records.update(rid, {"handler": "李四"})
    preview = _send(a, b, tmp_path, "2", dry_run=True).preview
    assert preview.counts["disputes"].conflicting == 1
    _send(a, b, tmp_path, "3")
    _send(b, a, tmp_path, "4")
    ca, cb = a.sync.conflicts(), b.sync.conflicts()
    assert len(ca) == len(cb) == 1 and ca[0].id == cb[0].id
    winner = a.records.get(rid)["handler"]
    assert winner == b.records.get(rid)["handler"]
    assert {ca[0].local, ca[0].incoming} == {"张三", "李四"} and ca[0].local == winner
    # B settles by taking the losing value; the settlement travels to A.
    b.sync.settle(cb[0].id[:8], "incoming")
    _send(b, a, tmp_path, "5")
    loser = {"张三", "李四"} - {winner}
    assert a.records.get(rid)["handler"] == b.records.get(rid)["handler"] == loser.pop()
    assert a.sync.conflicts() == [] and b.sync.conflicts() == []
    assert [h.action for h in a.records.history(rid)].count("settle") == 1


def test_edits_made_after_seeing_the_other_side_are_not_conflicts(make_node, tmp_path):
    a, b, c = (make_node(f"司法所-{n}", code) for n, code in (("甲", "JA"), ("乙", "YI"),
                                                                  ("丙", "BI")))
    rid = _dispute(a)["id"]
    _send(a, b, tmp_path, "1")
    _send(a, c, tmp_path, "2")
    b.records.update(rid, {"note": "第一次跟进"})
    b.records.update(rid, {"note": "第二次跟进"})  # a chain of edits on one PC
    _send(b, c, tmp_path, "3")
    assert c.records.get(rid)["note"] == "第二次跟进"
    c.records.update(rid, {"note": "丙看过后修改"})
    _send(c, a, tmp_path, "4")
    _send(b, a, tmp_path, "5")  # B's older edits arrive late, out of order
    assert a.records.get(rid)["note"] == "丙看过后修改"
    assert a.sync.conflicts() == [] and c.sync.conflicts() == []


def test_delete_restore_and_relay_keep_origin(make_node, tmp_path):
    a, b, c = (make_node(f"司法所-{n}", code) for n, code in (("甲", "JA"), ("乙", "YI"),
                                                                  ("丙", "BI")))
    rec = _dispute(a)
    a.records.delete(rec["id"])
    _send(a, b, tmp_path, "1")
    _send(b, c, tmp_path, "2")  # relayed: C never hears from A directly
    at_c = c.records.get(rec["id"])
    assert at_c["deleted"] and at_c["origin_node"] == a.id
    assert json.loads(at_c["clocks"]) == json.loads(a.records.get(rec["id"])["clocks"])
    assert at_c["serial"] == rec["serial"]
    c.records.restore(rec["id"])
    _send(c, a, tmp_path, "3")
    assert not a.records.get(rec["id"])["deleted"]


def test_same_bundle_twice_changes_nothing(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    for i in range(5):
        _dispute(a, f"纠纷{i}")
    path = tmp_path / "a.fzb"
    a.sync.export(path, full=True)
    first = b.sync.import_bundle(path, trust=True)
    assert first.applied and first.preview.counts["disputes"].new == 5

    def state():
        with b.services.ctx.read() as s:
            conn = s.connection()
            return (conn.exec_driver_sql("SELECT id, clocks, summary FROM records ORDER BY id")
                    .fetchall(),
                    conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar(),
                    conn.exec_driver_sql("SELECT count(*) FROM conflicts").scalar())
    before = state()
    again = b.sync.import_bundle(path)
    assert not again.applied and again.preview.counts["disputes"].unchanged == 5
    assert state() == before


def test_revoked_colleague_is_refused(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    _dispute(a)
    _send(a, b, tmp_path, "1")
    b.sync.revoke(a.id)
    path = tmp_path / "2.fzb"
    a.sync.export(path, full=True)
    with pytest.raises(BundleError) as info:
        b.sync.import_bundle(path)
    assert info.value.kind == "revoked" and "撤销" in str(info.value)
    assert b.sync.check(path).trust == "revoked"


def test_incremental_export_sends_only_what_the_colleague_lacks(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    ids = [_dispute(a, f"纠纷{i}")["id"] for i in range(10)]
    _send(a, b, tmp_path, "1")
    _send(b, a, tmp_path, "2")  # tells A what B has
    a.records.update(ids[3], {"note": "新进展"})
    path = tmp_path / "3.fzb"
    result = a.sync.export(path, to=b.id)
    assert result.kind == "incremental" and result.counts["records"]["disputes"] == 1
    assert b.sync.import_bundle(path).preview.counts["disputes"].updated == 1
    assert b.records.get(ids[3])["note"] == "新进展"


def test_conflicts_cli_json(make_node, tmp_path, capsys):
    from fazhi_desktop.cli.sync import _conflicts_list

    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    rid = _dispute(a)["id"]
    _send(a, b, tmp_path, "1")
    a.records.update(rid, {"summary": "甲的说法"})
    b.records.update(rid, {"summary": "乙的说法"})
    _send(a, b, tmp_path, "2")
    import argparse

    assert _conflicts_list(argparse.Namespace(json=True, all=False), b.services) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 1 and listed[0]["field"] == "summary"
    assert {listed[0]["local"], listed[0]["incoming"]} == {"甲的说法", "乙的说法"}


def test_text_with_unicode_line_separators_syncs(make_node, tmp_path):
    # Bundles are JSON lines written without ASCII escapes: a summary pasted from a web page
    # with U+2028 (or U+0085) must not split its line.
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    summary = "邻里纠纷\u2028续：双方\u0085再次协商"
    rid = _dispute(a, summary)["id"]
    _send(a, b, tmp_path, "1")
    assert b.records.get(rid)["summary"] == summary
