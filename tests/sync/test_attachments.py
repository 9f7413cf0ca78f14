"""Attachments travel with their records (SPEC §7, issue 4 point 3): byte-identical, relayed,
removals synced, each file sent once, and a bundle with a bad file refused untouched."""

from __future__ import annotations

import hashlib
import os

import pytest

from fazhi_desktop.services import open_services
from fazhi_desktop.services.attachments import blob_path
from fazhi_desktop.services.errors import NotFound
from fazhi_desktop.services.sync import SyncService
from fazhi_desktop.sync import bundle
from fazhi_desktop.sync.errors import BundleError

from .conftest import TODAY
from .test_import_refusals import _digest, _reseal


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(bundle, "SCRYPT_N", 2 ** 8)


SCAN = b"%PDF-1.4\n" + os.urandom(40_000)  # incompressible, like a real scan


def _dispute(node, summary="邻里纠纷"):
    return node.records.create("disputes", {"summary": summary, "received_on": "2026-11-02",
                                            "source": "walk_in", "category": "neighbor"})["id"]


def _send(src, dst, tmp_path, name, **kw):
    path = tmp_path / f"{name}.fzb"
    known = any(p.node_id == dst.id for p in src.sync.peers())
    result = src.sync.export(path, to=dst.id) if known else src.sync.export(path, full=True)
    return result, dst.sync.import_bundle(path, trust=True, **kw)


def _files(node, rid, **kw):
    """(name, content, in recycle bin) of a record's attachments, as the user would open them."""
    service = node.services.attachments
    return sorted((a.name, service.path(a.id).read_bytes(), a.deleted)
                  for a in service.list(rid, include_removed=True))


def test_attachment_arrives_byte_identical_and_later_ones_incrementally(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    rid = _dispute(a)
    a.services.attachments.add_bytes(rid, SCAN, "调解协议书.pdf")
    sent, got = _send(a, b, tmp_path, "1")
    assert sent.counts["attachments"] == 1 and sent.counts["attachment_files"] == 1
    assert got.preview.attachments == 1 and got.preview.attachment_files == 1
    assert _files(b, rid) == [("调解协议书.pdf", SCAN, False)]
    _send(b, a, tmp_path, "1b")  # A learns what B has
    # A second file added to the same, already synced record: the record's own fields did
    # not change, yet the incremental bundle carries it.
    photo = os.urandom(5_000)
    a.services.attachments.add_bytes(rid, photo, "现场照片.jpg")
    sent, _ = _send(a, b, tmp_path, "2")
    assert sent.kind == "incremental" and sent.counts["attachment_files"] == 1  # not the scan
    assert _files(b, rid) == [("现场照片.jpg", photo, False), ("调解协议书.pdf", SCAN, False)]
    # Once A knows B has both files, a bundle after an unrelated edit carries the record and
    # its attachment rows but no file at all.
    _send(b, a, tmp_path, "2b")
    a.records.update(rid, {"note": "已回访"})
    sent, _ = _send(a, b, tmp_path, "3")
    assert sent.counts["attachments"] == 2 and sent.counts["attachment_files"] == 0
    assert b.records.get(rid)["note"] == "已回访"


def test_relayed_attachment_keeps_content_and_origin(make_node, tmp_path):
    a, b, c = (make_node(f"司法所-{n}", code) for n, code in (("甲", "JA"), ("乙", "YI"),
                                                                  ("丙", "BI")))
    rid = _dispute(a)
    att = a.services.attachments.add_bytes(rid, SCAN, "判决书.pdf")
    _send(a, b, tmp_path, "1")
    _send(b, c, tmp_path, "2")  # C never hears from A directly
    assert _files(c, rid) == [("判决书.pdf", SCAN, False)]
    relayed = c.services.attachments.get(att.id)
    assert (relayed.node_id, relayed.added_by, relayed.clock) == (a.id, "甲", att.clock)
    assert blob_path(c.folder, att.sha256).read_bytes() == SCAN


def test_removal_and_restore_sync_and_concurrent_changes_converge(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    rid = _dispute(a)
    att = a.services.attachments.add_bytes(rid, SCAN, "复议意见.pdf")
    _send(a, b, tmp_path, "1")
    _send(b, a, tmp_path, "2")
    b.services.attachments.remove(att.id)
    _send(b, a, tmp_path, "3")
    assert _files(a, rid) == [("复议意见.pdf", SCAN, True)]  # in the recycle bin, not lost
    # Both restore and remove it again without seeing each other: the later change wins on
    # both PCs, in whatever order the bundles arrive, and the file is kept either way.
    a.services.attachments.restore(att.id)
    b.services.attachments.restore(att.id)
    b.services.attachments.remove(att.id)
    _send(a, b, tmp_path, "4")
    _send(b, a, tmp_path, "5")
    assert _files(a, rid) == _files(b, rid) == [("复议意见.pdf", SCAN, True)]
    # Importing the same bundle again changes nothing.
    again = b.sync.import_bundle(tmp_path / "4.fzb")
    assert not again.applied and again.preview.attachments == 0


def test_tampered_file_is_refused_and_nothing_is_stored(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    _send(a, b, tmp_path, "0")  # B trusts A
    rid = _dispute(a)
    att = a.services.attachments.add_bytes(rid, SCAN, "协议书.pdf")
    path = tmp_path / "evil.fzb"
    a.sync.export(path, full=True)
    member = f"attachments/{att.sha256}"

    def swap(members):
        assert members[member] == SCAN
        members[member] = SCAN[:-1] + bytes([SCAN[-1] ^ 1])  # one bit, same size

    _reseal(a, path, edit_members=swap)  # validly signed and encrypted by A
    b.close()
    before = _digest(b.folder)
    services = open_services(b.folder, today=lambda: TODAY)
    try:
        with pytest.raises(BundleError) as info:
            SyncService(services.ctx).import_bundle(path)
    finally:
        services.close()
    assert info.value.kind == "bad_attachment"
    assert "协议书.pdf" in str(info.value) and "校验值不符" in str(info.value)
    assert _digest(b.folder) == before
    assert not (b.folder / "attachments").exists() or not any(
        p.is_file() for p in (b.folder / "attachments").rglob("*"))


def test_file_over_the_receivers_limit_is_refused(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    _send(a, b, tmp_path, "0")
    b.services.attachments.set_max_mb(1)
    rid = _dispute(a)
    big = os.urandom(1_200_000)
    a.services.attachments.add_bytes(rid, big, "卷宗扫描.pdf")
    path = tmp_path / "big.fzb"
    a.sync.export(path, full=True)
    with pytest.raises(BundleError) as info:
        b.sync.import_bundle(path)
    assert info.value.kind == "bad_attachment" and "上限" in str(info.value)
    assert "卷宗扫描.pdf" in str(info.value)
    with pytest.raises(NotFound):  # nothing of the bundle arrived
        b.records.get(rid)


def test_file_declared_with_another_size_is_refused(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    _send(a, b, tmp_path, "0")
    rid = _dispute(a)
    a.services.attachments.add_bytes(rid, SCAN, "协议书.pdf")
    path = tmp_path / "short.fzb"
    a.sync.export(path, full=True)

    def shrink(members):
        import json

        lines = members["attachments.jsonl"].decode().splitlines()
        row = json.loads(lines[0])
        row["size"] += 1
        members["attachments.jsonl"] = (json.dumps(row, ensure_ascii=False) + "\n").encode()

    _reseal(a, path, edit_members=shrink)
    with pytest.raises(BundleError) as info:
        b.sync.import_bundle(path)
    assert info.value.kind == "bad_attachment" and "大小" in str(info.value)


def test_missing_local_file_is_left_out_with_a_warning(make_node, tmp_path):
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    rid = _dispute(a)
    att = a.services.attachments.add_bytes(rid, SCAN, "协议书.pdf")
    stored = blob_path(a.folder, att.sha256)
    os.chmod(stored, 0o600)
    stored.unlink()
    sent, got = _send(a, b, tmp_path, "1")
    assert sent.counts["attachment_files"] == 0
    assert any("协议书.pdf" in w and "找不到" in w for w in sent.warnings)
    assert any("协议书.pdf" in w for w in got.preview.warnings)
    assert b.records.get(rid)["summary"] == "邻里纠纷"  # the record itself arrived
    assert hashlib.sha256(SCAN).hexdigest() == att.sha256
