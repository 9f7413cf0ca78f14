"""Bundle format versions: version 2 packs record clocks (``sync.payload``); bundles of
version 1, which older PCs in the field still send, import exactly as before."""

from __future__ import annotations

import json

import pytest

from fazhi_desktop.services import secrets
from fazhi_desktop.sync import bundle
from fazhi_desktop.sync.errors import BundleError
from tests.helpers import BUILDERS

from .conftest import PASSPHRASE, db_tables

@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(bundle, "SCRYPT_N", 2 ** 8)


@pytest.fixture
def sender(make_node):
    """A PC with records of every register, some edited later (clocks that differ per
    field) or deleted, and a colleague with a record of its own."""
    a, c = make_node("司法所-甲", "JA"), make_node("司法所-丙", "BI")
    ids = []
    for register, build in BUILDERS.items():
        extra = {"hearings": [{"held_on": "2026-11-10", "head_attended": True,
                               "attendee_name": "王局长"}]} if register == "lawsuits" else {}
        ids += [r["id"] for r in a.records.create_many(register, [build(**extra)] * 3)]
    a.records.update(ids[0], {"handler": "张三"})
    a.records.update(ids[4], {"note": "补充材料", "handler": "李四"})
    a.records.delete(ids[7])
    c.records.create("disputes", BUILDERS["disputes"](summary="丙登记的纠纷"))
    return a, c


def _export(node, path, version):
    node.sync.export(path, full=True, format_version=version)
    verified = bundle.verify_bundle(path)
    return verified, bundle.open_bundle(verified, PASSPHRASE)


def test_a_version_1_bundle_imports_exactly_like_a_version_2_bundle(sender, make_node,
                                                                     tmp_path):
    a, c = sender
    relay = tmp_path / "c.fzb"
    c.sync.export(relay, full=True)
    a.sync.import_bundle(relay, trust=True)
    old, old_members = _export(a, tmp_path / "v1.fzb", 1)
    new, new_members = _export(a, tmp_path / "v2.fzb", 2)
    assert (old.version, old.header["format_version"]) == (1, 1)
    assert (new.version, new.header["format_version"]) == (2, 2)
    old_lines = old_members["records.jsonl"].splitlines()
    new_lines = new_members["records.jsonl"].splitlines()
    assert not any(b'"*"' in line for line in old_lines)
    assert all(b'"*"' in line for line in new_lines)
    assert sum(len(json.loads(x)["clocks"]) > 1 for x in new_lines) == 3  # the edited ones
    assert len(new_members["records.jsonl"]) < len(old_members["records.jsonl"]) / 2
    assert [json.loads(x)["values"] for x in old_lines] == \
        [json.loads(x)["values"] for x in new_lines]
    b1, b2 = make_node("司法所-乙", "YI"), make_node("司法所-丁", "DI")
    b1.sync.import_bundle(tmp_path / "v1.fzb", trust=True)
    b2.sync.import_bundle(tmp_path / "v2.fzb", trust=True)
    got_v1, got_v2 = db_tables(b1), db_tables(b2)
    assert got_v1 == got_v2
    assert len(got_v1["records"]) == 13 and len(got_v1["audit_log"]) > 13


def _reseal(a, path, edit, version):
    verified = bundle.verify_bundle(path)
    members = bundle.open_bundle(verified, PASSPHRASE)
    lines = [json.loads(line) for line in members["records.jsonl"].splitlines()]
    edit(lines[0])
    members["records.jsonl"] = "".join(json.dumps(x, ensure_ascii=False) + "\n"
                                       for x in lines).encode("utf-8")
    header = {k: v for k, v in verified.header.items()
              if k not in ("format", "format_version", "payload", "kdf", "cipher")}
    bundle.write_bundle(path, header=header, members=list(members.items()),
                        passphrase=PASSPHRASE, private_key=secrets.get_signing_key(a.id),
                        version=version)


@pytest.mark.parametrize("version, edit", [
    # packed clocks are version 2 only: a version-1 bundle carrying them is malformed
    (1, lambda r: None),
    # the shared stamp must be a stamp, the other keys fields of the register
    (2, lambda r: r["clocks"].update({"*": "yesterday"})),
    (2, lambda r: r["clocks"].update({"no_such_field": r["clocks"]["*"]})),
    (2, lambda r: r["clocks"].update({"summary": 12})),
])
def test_malformed_packed_clocks_refuse_the_bundle(sender, make_node, tmp_path, version,
                                                   edit):
    a, _ = sender
    path = tmp_path / "a.fzb"
    a.sync.export(path, full=True)
    _reseal(a, path, edit, version)
    b = make_node("司法所-乙", "YI")
    with pytest.raises(BundleError) as caught:
        b.sync.import_bundle(path, trust=True)
    assert caught.value.kind == "structure" and "字段时钟格式不对" in str(caught.value)
    with b.services.ctx.read() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM records").scalar() == 0


def test_a_newer_program_can_still_write_for_an_older_colleague(sender, tmp_path):
    a, _ = sender
    a.sync.export(tmp_path / "old.fzb", full=True, format_version=1)
    data = (tmp_path / "old.fzb").read_bytes()
    assert data[8:10] == b"\x00\x01"
    with pytest.raises(ValueError):
        a.sync.export(tmp_path / "newer.fzb", full=True, format_version=bundle.FORMAT_VERSION + 1)
