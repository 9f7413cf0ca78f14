"""Attachments: stored once per content, read-only, size-limited, in the record's history,
hidden with their record, carried by backups."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from fazhi_desktop.services import Services
from fazhi_desktop.services.attachments import (
    AttachmentService,
    attachments_for,
    blob_path,
    check_blobs,
    store_blob,
)
from fazhi_desktop.services.errors import FazhiError, NotFound
from tests.safety.conftest import add_records


@pytest.fixture
def att(writer: Services) -> AttachmentService:
    return AttachmentService(writer.ctx)


def test_add_list_open_and_history(writer: Services, att: AttachmentService,
                                   tmp_path: Path) -> None:
    rid = add_records(writer, 1)[0]["id"]
    scan = tmp_path / "调解协议书（签字版）.pdf"
    scan.write_bytes(b"%PDF-1.4 " + os.urandom(5000))
    a = att.add(rid, scan)
    assert (a.name, a.size, a.mime, a.added_by) == (scan.name, scan.stat().st_size,
                                                    "application/pdf", "张三")
    assert a.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    stored = blob_path(writer.ctx.data_dir, a.sha256)
    assert stored.read_bytes() == scan.read_bytes()
    assert stored.stat().st_mode & 0o222 == 0
    assert [x.id for x in att.list(rid)] == [a.id]
    assert att.get(a.id[:6]).id == a.id
    viewed = att.export_for_viewing(a.short_id)
    assert viewed.name == scan.name and viewed.read_bytes() == scan.read_bytes()
    assert viewed != stored  # the viewer gets a copy, never the stored file
    history = writer.records.history(rid)
    assert history[-1].changes == {"attachments": [[], [scan.name]]}


def test_same_content_is_stored_once(writer: Services, att: AttachmentService) -> None:
    r1, r2 = (r["id"] for r in add_records(writer, 2))
    a = att.add_bytes(r1, b"judgment", "判决书.pdf")
    b = att.add_bytes(r2, b"judgment", "判决书副本.pdf")
    assert a.sha256 == b.sha256
    files = [p for p in (writer.ctx.data_dir / "attachments").rglob("*") if p.is_file()]
    assert len(files) == 1
    with pytest.raises(FazhiError, match="已有内容完全相同的附件“判决书.pdf”"):
        att.add_bytes(r1, b"judgment", "again.pdf")
    assert store_blob(writer.ctx, b"judgment") == a.sha256


def test_size_limit_names_the_file_and_the_limit(writer: Services, att: AttachmentService,
                                                 tmp_path: Path) -> None:
    rid = add_records(writer, 1)[0]["id"]
    att.set_max_mb(1)
    big = tmp_path / "整卷扫描.pdf"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    with pytest.raises(FazhiError, match="“整卷扫描.pdf”大小为 1.0 MB，超过附件大小上限 1 MB"):
        att.add(rid, big)
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    with pytest.raises(FazhiError, match="是空的"):
        att.add(rid, empty)
    assert att.list(rid) == []
    assert not (writer.ctx.data_dir / "attachments").exists() or not [
        p for p in (writer.ctx.data_dir / "attachments").rglob("*") if p.is_file()]


def test_recycle_bin_follows_the_record(writer: Services, att: AttachmentService) -> None:
    rid = add_records(writer, 1)[0]["id"]
    a = att.add_bytes(rid, b"one", "一.jpg")
    b = att.add_bytes(rid, b"two", "二.jpg")
    att.remove(b.id)
    assert [x.name for x in att.list(rid)] == ["一.jpg"]
    assert [x.name for x in att.list(rid, include_removed=True)] == ["一.jpg", "二.jpg"]
    writer.records.delete(rid)
    assert att.list(rid) == []  # deleting the record hides its attachments
    with pytest.raises(FazhiError, match="回收站"):
        att.add_bytes(rid, b"three", "三.jpg")
    writer.records.restore(rid)
    assert [x.name for x in att.list(rid)] == ["一.jpg"]  # …restoring brings them back
    att.restore(b.id)
    assert [x.name for x in att.list(rid)] == ["一.jpg", "二.jpg"]
    assert writer.records.history(rid)[-1].changes == {
        "attachments": [["一.jpg"], ["一.jpg", "二.jpg"]]}
    tomb = {x.id: x for x in attachments_for(writer.ctx, [rid])}
    assert set(tomb) == {a.id, b.id} and all(x.clock for x in tomb.values())
    with pytest.raises(NotFound):
        att.get("ffffffff")


def test_check_finds_missing_and_altered_files(writer: Services, att: AttachmentService) -> None:
    rid = add_records(writer, 1)[0]["id"]
    a = att.add_bytes(rid, b"original scan", "a.png")
    b = att.add_bytes(rid, b"another scan!", "b.png")
    assert check_blobs(writer.ctx, full=True) == []
    path = blob_path(writer.ctx.data_dir, a.sha256)
    path.chmod(0o600)
    path.write_bytes(b"altered scan!")  # same size, different content
    blob_path(writer.ctx.data_dir, b.sha256).chmod(0o600)
    blob_path(writer.ctx.data_dir, b.sha256).unlink()
    quick = check_blobs(writer.ctx)
    assert len(quick) == 1 and "b.png" in quick[0] and "不见了" in quick[0]
    full = check_blobs(writer.ctx, full=True)
    assert any("a.png" in p and "改动" in p for p in full)
