"""Every kind of bad bundle (issue 4, point 7) is refused with a Chinese message, a non-zero
CLI exit, and the receiving database byte-for-byte unchanged."""

from __future__ import annotations

import base64
import hashlib
import json
import struct

import pytest

from fazhi_desktop.services import open_services, secrets
from fazhi_desktop.services.sync import SyncService
from fazhi_desktop.store.engine import DB_FILENAME
from fazhi_desktop.sync import bundle, keys
from fazhi_desktop.sync.errors import BundleError

from .conftest import PASSPHRASE, TODAY


def _digest(folder) -> str:
    h = hashlib.sha256()
    for name in (DB_FILENAME, DB_FILENAME + "-wal"):
        path = folder / name
        if path.exists():
            h.update(name.encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture
def pair(make_node, tmp_path):
    """A (sender, with records) and B (receiver, already trusting A); B is closed."""
    a, b = make_node("司法所-张三", "ZS"), make_node("司法所-李四", "LS")
    for i in range(3):
        a.records.create("disputes", {
            "summary": f"邻里纠纷{i}", "received_on": "2026-11-02", "source": "walk_in",
            "category": "neighbor",
            "parties": [{"name": "王小明", "role": "applicant",
                         "id_number": "11010519491231002X", "phone": "13912345678"}]})
    first = tmp_path / "first.fzb"
    a.sync.export(first, full=True)
    b.sync.import_bundle(first, trust=True)
    good = tmp_path / "good.fzb"
    a.records.create("petitions", {"summary": "反映噪声扰民", "received_on": "2026-11-20",
                                   "channel": "visit", "topic": "environment"})
    a.sync.export(good, full=True)
    b.close()
    return a, b, good


def _refuse(b, path, **kw) -> BundleError:
    before = _digest(b.folder)
    services = open_services(b.folder, today=lambda: TODAY)
    try:
        with pytest.raises(BundleError) as info:
            SyncService(services.ctx).import_bundle(path, **kw)
    finally:
        services.close()
    assert _digest(b.folder) == before, "the database changed"
    message = str(info.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    return info.value


def test_good_bundle_is_accepted(pair):
    a, b, good = pair
    services = open_services(b.folder, today=lambda: TODAY)
    try:
        result = SyncService(services.ctx).import_bundle(good)
        assert result.applied and result.preview.counts["petitions"].new == 1
    finally:
        services.close()


def test_wrong_passphrase(pair, memory_keyring):
    a, b, good = pair
    secrets.set_passphrase(a.id, "另一个口令12345")
    other = good.with_name("other.fzb")
    a.sync.export(other, full=True)
    err = _refuse(b, other)
    assert err.kind == "passphrase" and "口令" in str(err)


@pytest.mark.parametrize("where", [9, 14, 40, 200, -300, -100, -1])
def test_flipped_byte(pair, where):
    a, b, good = pair
    data = bytearray(good.read_bytes())
    data[where] ^= 0x01
    good.write_bytes(bytes(data))
    assert _refuse(b, good).kind in {"signature", "bad_header", "newer_version", "not_bundle",
                                     "truncated", "too_large"}


def test_truncated(pair):
    a, b, good = pair
    good.write_bytes(good.read_bytes()[:-10])
    assert _refuse(b, good).kind == "truncated"


def _split(path):
    data = path.read_bytes()
    _m, version, hlen = struct.unpack(">8sHI", data[:14])
    return data, version, json.loads(data[14:14 + hlen]), data[14 + hlen:-64]


def test_resigned_by_unknown_key(pair):
    a, b, good = pair
    data, version, header, rest = _split(good)
    rogue = keys.generate_private_key()
    pub = keys.public_key_of(rogue)
    header["sender"].update(public_key=keys.encode_public_key(pub), fingerprint=keys.fingerprint(pub))
    hb = json.dumps(header, ensure_ascii=False, sort_keys=True).encode()
    aad = struct.pack(">8sHI", bundle.MAGIC, version, len(hb)) + hb + rest[:8]
    # Re-encrypt under the new header (the attacker knows the passphrase, not A's key).
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    verified = bundle.verify_bundle(good)
    plain = AESGCM(bundle._derive_key(PASSPHRASE, base64.b64decode(header["kdf"]["salt"]),
                                      header["kdf"]["n"], header["kdf"]["r"], header["kdf"]["p"])
                   ).decrypt(base64.b64decode(header["cipher"]["nonce"]), verified._ciphertext,
                             verified._aad)
    ct = AESGCM(bundle._derive_key(PASSPHRASE, base64.b64decode(header["kdf"]["salt"]),
                                   header["kdf"]["n"], header["kdf"]["r"], header["kdf"]["p"])
                ).encrypt(base64.b64decode(header["cipher"]["nonce"]), plain, aad)
    good.write_bytes(aad + ct + keys.sign(rogue, aad + ct))
    err = _refuse(b, good)
    assert err.kind == "key_mismatch" and keys.fingerprint(pub) in str(err)
    # Even --trust does not replace a trusted colleague's key silently.
    assert _refuse(b, good, trust=True).kind == "key_mismatch"


def test_unknown_sender_is_named_with_fingerprint(make_node, tmp_path):
    c, d = make_node("司法所-王五", "WW"), make_node("司法所-赵六", "ZL")
    path = tmp_path / "c.fzb"
    c.sync.export(path, full=True)
    d.close()
    err = _refuse(d, path)
    assert err.kind == "untrusted"
    assert "司法所-王五" in str(err) and c.sync.status().fingerprint in str(err)


def test_header_edited_under_trusted_signature(pair):
    a, b, good = pair
    data = good.read_bytes()
    good.write_bytes(data.replace(b'"kind":"full"', b'"kind":"fuLL"', 1)
                     if b'"kind":"full"' in data else data.replace("张三".encode(), "李四".encode()))
    assert _refuse(b, good).kind in ("signature", "bad_header")


def test_newer_format_version(pair):
    a, b, good = pair
    data = bytearray(good.read_bytes())
    data[8:10] = struct.pack(">H", bundle.FORMAT_VERSION + 1)
    good.write_bytes(bytes(data))
    err = _refuse(b, good)
    assert err.kind == "newer_version" and "请升级" in str(err)


def _reseal(a, good, edit_members=None, edit_header=None):
    """Open A's bundle and seal it again, signed by A's real key, after an edit."""
    verified = bundle.verify_bundle(good)
    members = bundle.open_bundle(verified, PASSPHRASE)
    if edit_members:
        edit_members(members)
    header = {k: v for k, v in verified.header.items()
              if k not in ("format", "format_version", "payload", "kdf", "cipher")}
    private = secrets.get_signing_key(a.id)
    bundle.write_bundle(good, header=header, members=list(members.items()),
                        passphrase=PASSPHRASE, private_key=private)


def test_absurd_counts(pair):
    a, b, good = pair
    verified = bundle.verify_bundle(good)
    header = {k: v for k, v in verified.header.items()
              if k not in ("format", "format_version", "payload", "kdf", "cipher")}
    header["counts"] = {"records": {"disputes": 10 ** 11}}
    members = bundle.open_bundle(verified, PASSPHRASE)
    bundle.write_bundle(good, header=header, members=list(members.items()),
                        passphrase=PASSPHRASE, private_key=secrets.get_signing_key(a.id))
    assert _refuse(b, good).kind == "too_large"


def test_member_path_climbing_out(pair):
    a, b, good = pair
    verified = bundle.verify_bundle(good)
    members = bundle.open_bundle(verified, PASSPHRASE)
    raw = bundle.pack_members(list(members.items()))
    evil = b"../../evil.txt"
    raw += struct.pack(">H", len(evil)) + evil + struct.pack(">Q", 3) + b"bad"
    # Hand-seal, since the writer itself refuses such a name.
    import zlib

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    header = dict(verified.header)
    header["payload"] = {"compression": "zlib", "size": len(raw), "members": len(members) + 1}
    hb = json.dumps(header, ensure_ascii=False, sort_keys=True).encode()
    comp = zlib.compress(raw)
    aad = struct.pack(">8sHI", bundle.MAGIC, 1, len(hb)) + hb + struct.pack(">Q", len(comp) + 16)
    key = bundle._derive_key(PASSPHRASE, base64.b64decode(header["kdf"]["salt"]),
                             header["kdf"]["n"], header["kdf"]["r"], header["kdf"]["p"])
    ct = AESGCM(key).encrypt(base64.b64decode(header["cipher"]["nonce"]), comp, aad)
    good.write_bytes(aad + ct + keys.sign(secrets.get_signing_key(a.id), aad + ct))
    err = _refuse(b, good)
    assert err.kind == "unsafe_path" and "../../evil.txt" in str(err)


def _edit_record(change):
    def edit(members):
        lines = members["records.jsonl"].decode().splitlines()
        record = json.loads(lines[0])
        change(record["values"])
        lines[0] = json.dumps(record, ensure_ascii=False)
        members["records.jsonl"] = ("\n".join(lines) + "\n").encode()
    return edit


@pytest.mark.parametrize("change, words", [
    (lambda v: v.update(status="no_such_status"), "状态"),
    (lambda v: v.update(received_on="2026-02-30"), "登记日期"),
    (lambda v: v.update(received_on="2099-01-01"), "不能晚于今天"),
    (lambda v: v["parties"].append({"name": "李四", "role": "applicant",
                                    "id_number": "110105194912310021", "phone": None,
                                    "address": None}), "校验位"),
])
def test_invalid_records(pair, change, words):
    a, b, good = pair
    _reseal(a, good, edit_members=_edit_record(change))
    err = _refuse(b, good)
    assert err.kind == "invalid_record" and words in str(err)


def test_cli_exit_status_and_stderr(pair, capsys, monkeypatch):
    from fazhi_desktop.cli.main import main

    a, b, good = pair
    good.write_bytes(good.read_bytes()[:-5])
    before = _digest(b.folder)
    code = main(["--data-dir", str(b.folder), "bundle", "import", str(good)])
    out = capsys.readouterr()
    assert code != 0 and "截断" in out.err and out.out == ""
    assert _digest(b.folder) == before


def test_code_of_another_register_is_refused(pair):
    # 调解中 is a dispute status: fine on the disputes, refused on the petition that follows them.
    a, b, good = pair

    def edit(members):
        lines = []
        for line in members["records.jsonl"].decode().splitlines():
            record = json.loads(line)
            record["values"]["status"] = "mediating"
            lines.append(json.dumps(record, ensure_ascii=False))
        members["records.jsonl"] = ("\n".join(lines) + "\n").encode()

    _reseal(a, good, edit_members=edit)
    err = _refuse(b, good)
    assert err.kind == "invalid_record"
    problems = str(err).splitlines()[1:]
    assert problems == ["  - 记录 访2026-ZS-0001（信访）的状态：代码“mediating”不在可选范围内"]
