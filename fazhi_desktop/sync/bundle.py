"""The ``.fzb`` bundle container (format version 2, see ``docs/BUNDLE_FORMAT.md``).

Version 2 changed only the payload (packed record clocks, ``sync.payload``); the container
is the same, and version-1 bundles (older PCs) are read as before. ``write_bundle`` can still
write version 1, for colleagues whose program is older.

Layout, all integers big-endian::

    magic        8 bytes   b"FZBUNDLE"
    version      2 bytes   u16, the format version (1 or 2)
    header_len   4 bytes   u32, at most MAX_HEADER_BYTES
    header       header_len bytes of UTF-8 JSON (readable without the passphrase)
    cipher_len   8 bytes   u64
    ciphertext   cipher_len bytes: AES-256-GCM(zlib(payload)), 16-byte tag at the end,
                 key = scrypt(passphrase, salt), associated data = every byte before it
    signature    64 bytes  Ed25519 over every byte before it

The payload is a sequence of members ``u16 path_len, path, u64 size, data`` whose paths are
relative, ``/``-separated and never climb out of their folder.

Reading checks in this order, each failure a :class:`BundleError` with a Chinese message:
magic and version; sizes and limits (header, file length, declared payload size and counts,
scrypt cost); the signature; (the caller then checks trust;) decryption; decompression with a
hard cap; the payload's structure and member paths.
"""

from __future__ import annotations

import base64
import json
import os
import struct
import tempfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fazhi_desktop.sync import keys
from fazhi_desktop.sync.errors import BundleError

MAGIC = b"FZBUNDLE"
FORMAT_VERSION = 2  # the newest this program reads and what it writes by default
FORMAT_NAME = "fazhi-bundle"

MAX_HEADER_BYTES = 64 * 1024
MAX_CIPHER_BYTES = 1 << 30          # 1 GiB compressed and encrypted
MAX_PAYLOAD_BYTES = 2 * (1 << 30)   # 2 GiB once decompressed
MAX_MEMBERS = 100_000
MAX_COUNT = 10_000_000              # any single count in the header
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
MAX_SCRYPT_N, MAX_SCRYPT_R, MAX_SCRYPT_P = 2 ** 20, 16, 4
SIGNATURE_BYTES = 64
_PREFIX = struct.Struct(">8sHI")
_LEN64 = struct.Struct(">Q")
_MEMBER_HEAD = struct.Struct(">H")


@dataclass(frozen=True)
class Sender:
    node_id: str
    name: str
    code: str
    fingerprint: str
    public_key: bytes


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose framing, limits and signature are checked; the payload is still sealed."""

    path: Path
    header: dict[str, Any]
    sender: Sender
    _aad: bytes
    _ciphertext: bytes
    version: int = FORMAT_VERSION  # the container's format version (what the payload follows)

    @property
    def counts(self) -> dict[str, Any]:
        return self.header.get("counts", {})


def _derive_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


# --- member paths ------------------------------------------------------------------------------

def check_member_path(path: str) -> str:
    """``path`` if it is a safe relative member path, else BundleError(kind="unsafe_path")."""
    bad = (
        not path or len(path) > 512 or path.startswith(("/", "\\")) or "\\" in path
        or "\x00" in path or any(ord(c) < 32 for c in path)
        or (len(path) > 1 and path[1] == ":")
    )
    parts = path.split("/")
    if bad or any(part in ("", ".", "..") for part in parts):
        raise BundleError(
            f"同步包内的文件路径“{path[:80]}”不安全（绝对路径或试图跳出所在文件夹），已拒绝导入。",
            "unsafe_path",
        )
    return path


def pack_members(members: Iterable[tuple[str, bytes]]) -> bytes:
    out = bytearray()
    for path, data in members:
        raw = check_member_path(path).encode("utf-8")
        out += _MEMBER_HEAD.pack(len(raw)) + raw + _LEN64.pack(len(data))
        out += data
    return bytes(out)


def unpack_members(payload: bytes, expected: int) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    view = memoryview(payload)
    pos, end = 0, len(payload)
    broken = BundleError("同步包内容结构损坏（成员文件的长度与实际不符），已拒绝导入。", "structure")
    while pos < end:
        if len(members) >= MAX_MEMBERS or pos + 2 > end:
            raise broken
        (plen,) = _MEMBER_HEAD.unpack_from(view, pos)
        pos += 2
        if pos + plen + 8 > end:
            raise broken
        try:
            path = bytes(view[pos:pos + plen]).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise broken from exc
        check_member_path(path)
        pos += plen
        (size,) = _LEN64.unpack_from(view, pos)
        pos += 8
        if size > end - pos:
            raise broken
        if path in members:
            raise BundleError(f"同步包内有重复的文件“{path}”，已拒绝导入。", "structure")
        members[path] = bytes(view[pos:pos + size])
        pos += size
    if len(members) != expected:
        raise BundleError("同步包内的文件数量与包头声明的不一致，已拒绝导入。", "structure")
    return members


# --- writing -----------------------------------------------------------------------------------

def write_bundle(
    path: Path,
    *,
    header: Mapping[str, Any],
    members: list[tuple[str, bytes]],
    passphrase: str,
    private_key: bytes,
    compress_level: int = 6,
    version: int = FORMAT_VERSION,
) -> dict[str, Any]:
    """Seal ``members`` into a bundle at ``path`` and return the full header written.

    ``header`` holds the caller's fields (sender, created_at, kind, counts, …); this function
    adds format, payload, kdf and cipher fields. ``version`` is the format version the members
    follow (``sync.payload``). The file appears under its final name only once completely
    written and flushed to disk.
    """
    if not 1 <= version <= FORMAT_VERSION:
        raise ValueError(f"unknown bundle format version {version}")
    if len(members) > MAX_MEMBERS:
        raise BundleError(f"要导出的文件（含附件）超过了同步包的上限（{MAX_MEMBERS} 个），请分批导出。",
                          "too_large")
    payload = pack_members(members)
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise BundleError("要导出的数据超过了同步包的大小上限（2 GiB），请分批导出。", "too_large")
    compressed = zlib.compress(payload, compress_level)
    salt, nonce = os.urandom(16), os.urandom(12)
    full = dict(header)
    full.update({
        "format": FORMAT_NAME,
        "format_version": version,
        "payload": {"compression": "zlib", "size": len(payload), "members": len(members)},
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                "salt": base64.b64encode(salt).decode("ascii")},
        "cipher": {"name": "AES-256-GCM", "nonce": base64.b64encode(nonce).decode("ascii")},
    })
    header_bytes = json.dumps(full, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if len(header_bytes) > MAX_HEADER_BYTES:
        raise BundleError("同步包包头过大。", "too_large")
    cipher_len = len(compressed) + 16
    if cipher_len > MAX_CIPHER_BYTES:
        raise BundleError("要导出的数据超过了同步包的大小上限（1 GiB），请分批导出。", "too_large")
    aad = (_PREFIX.pack(MAGIC, version, len(header_bytes)) + header_bytes
           + _LEN64.pack(cipher_len))
    key = _derive_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    ciphertext = AESGCM(key).encrypt(nonce, compressed, aad)
    del compressed
    signature = keys.sign(private_key, aad + ciphertext)
    _atomic_write(Path(path), (aad, ciphertext, signature))
    return full


def _atomic_write(path: Path, chunks: Iterable[bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):
        try:
            dfd = os.open(path.parent, os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


# --- reading -----------------------------------------------------------------------------------

def _bad_header(what: str) -> BundleError:
    return BundleError(f"同步包包头无效（{what}），文件可能已损坏或被篡改，已拒绝导入。", "bad_header")


def _check_counts(value: Any, depth: int = 0) -> None:
    if isinstance(value, bool) or depth > 3:
        raise _bad_header("计数字段格式不对")
    if isinstance(value, int):
        if not 0 <= value <= MAX_COUNT:
            raise BundleError(
                f"同步包声明的记录数量（{value}）超出合理范围，可能是恶意构造的文件，已拒绝导入。",
                "too_large",
            )
        return
    if isinstance(value, dict):
        for item in value.values():
            _check_counts(item, depth + 1)
        return
    raise _bad_header("计数字段格式不对")


def _parse_header(header_bytes: bytes) -> tuple[dict[str, Any], Sender]:
    try:
        header = json.loads(header_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _bad_header("不是有效的 JSON") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
        raise _bad_header("格式名不对")
    try:
        s = header["sender"]
        public_key = keys.decode_public_key(s["public_key"])
        sender = Sender(str(s["node_id"]), str(s["name"]), str(s.get("code", "")),
                        str(s["fingerprint"]), public_key)
        payload, kdf, cipher = header["payload"], header["kdf"], header["cipher"]
        size, n_members = int(payload["size"]), int(payload["members"])
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(cipher["nonce"], validate=True)
        counts = header.get("counts", {})
    except (KeyError, TypeError, ValueError) as exc:
        raise _bad_header("缺少或损坏了必需的字段") from exc
    if payload.get("compression") != "zlib" or kdf.get("name") != "scrypt" \
            or cipher.get("name") != "AES-256-GCM" or len(nonce) != 12 \
            or not 16 <= len(salt) <= 64:
        raise _bad_header("不支持的压缩或加密方式")
    if keys.fingerprint(public_key) != sender.fingerprint:
        raise _bad_header("公钥与指纹不符")
    if not 0 <= size <= MAX_PAYLOAD_BYTES or not 0 <= n_members <= MAX_MEMBERS:
        raise BundleError(
            "同步包声明的解压后大小或文件数量超出上限，可能是恶意构造的“压缩炸弹”，已拒绝导入。",
            "too_large",
        )
    if n < 2 or n & (n - 1) or n > MAX_SCRYPT_N or not 1 <= r <= MAX_SCRYPT_R \
            or not 1 <= p <= MAX_SCRYPT_P:
        raise BundleError("同步包要求的口令计算强度超出合理范围，已拒绝导入。", "too_large")
    _check_counts(counts)
    return header, sender


def verify_bundle(path: Path | str) -> VerifiedBundle:
    """Check framing, limits and signature of the bundle at ``path`` (no passphrase needed)."""
    path = Path(path)
    name = path.name
    try:
        with open(path, "rb") as fh:
            file_size = os.fstat(fh.fileno()).st_size
            prefix = fh.read(_PREFIX.size)
            if len(prefix) < _PREFIX.size or prefix[:8] != MAGIC:
                if len(prefix) < _PREFIX.size and MAGIC.startswith(prefix[:8]) and prefix:
                    raise BundleError(f"同步包“{name}”不完整（文件被截断），已拒绝导入。",
                                      "truncated")
                raise BundleError(f"“{name}”不是法治工作台账的同步包（.fzb）文件。", "not_bundle")
            _magic, version, header_len = _PREFIX.unpack(prefix)
            if version > FORMAT_VERSION:
                raise BundleError(
                    f"同步包“{name}”是较新版本的程序生成的（格式版本 {version}，本程序支持到 "
                    f"{FORMAT_VERSION}），请升级本程序后再导入。",
                    "newer_version",
                )
            if version < 1:
                raise BundleError(f"同步包“{name}”的格式版本（{version}）无效。", "not_bundle")
            if header_len > MAX_HEADER_BYTES:
                raise BundleError(f"同步包“{name}”的包头大小超出上限，已拒绝导入。", "too_large")
            header_bytes = fh.read(header_len)
            len_bytes = fh.read(8)
            if len(header_bytes) < header_len or len(len_bytes) < 8:
                raise BundleError(f"同步包“{name}”不完整（文件被截断），已拒绝导入。", "truncated")
            (cipher_len,) = _LEN64.unpack(len_bytes)
            if cipher_len > MAX_CIPHER_BYTES:
                raise BundleError(f"同步包“{name}”的数据大小超出上限，已拒绝导入。", "too_large")
            expected = _PREFIX.size + header_len + 8 + cipher_len + SIGNATURE_BYTES
            if file_size < expected:
                raise BundleError(f"同步包“{name}”不完整（文件被截断），已拒绝导入。", "truncated")
            if file_size > expected:
                raise BundleError(f"同步包“{name}”末尾有多余的数据，文件已损坏或被篡改。", "bad_header")
            header, sender = _parse_header(header_bytes)
            ciphertext = fh.read(cipher_len)
            signature = fh.read(SIGNATURE_BYTES)
    except OSError as exc:
        raise BundleError(f"无法读取同步包“{name}”：{exc.strerror or exc}", "io") from exc
    if len(ciphertext) != cipher_len or len(signature) != SIGNATURE_BYTES:
        raise BundleError(f"同步包“{name}”不完整（文件被截断），已拒绝导入。", "truncated")
    aad = prefix + header_bytes + len_bytes
    if not keys.verify(sender.public_key, signature, aad + ciphertext):
        raise BundleError(
            f"同步包“{name}”的签名校验失败：文件在传递中损坏或被篡改，已拒绝导入。", "signature"
        )
    return VerifiedBundle(path, header, sender, aad, ciphertext, version)


def open_bundle(bundle: VerifiedBundle, passphrase: str) -> dict[str, bytes]:
    """Decrypt, decompress (capped) and split the payload into its members."""
    header = bundle.header
    kdf, payload = header["kdf"], header["payload"]
    salt = base64.b64decode(kdf["salt"])
    nonce = base64.b64decode(header["cipher"]["nonce"])
    key = _derive_key(passphrase, salt, int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
    try:
        compressed = AESGCM(key).decrypt(nonce, bundle._ciphertext, bundle._aad)
    except InvalidTag as exc:
        raise BundleError(
            f"无法解密同步包“{bundle.path.name}”：同步口令不对。请确认本机设置的同步口令与"
            "发送方（" + bundle.sender.name + "）使用的一致。",
            "passphrase",
        ) from exc
    data = _bounded_decompress(compressed, int(payload["size"]))
    return unpack_members(data, int(payload["members"]))


def _bounded_decompress(compressed: bytes, limit: int) -> bytes:
    bomb = BundleError(
        "同步包解压后的大小超过了包头声明的大小，可能是恶意构造的“压缩炸弹”，已拒绝导入。", "too_large"
    )
    broken = BundleError("同步包的压缩数据已损坏，已拒绝导入。", "structure")
    d = zlib.decompressobj()
    try:
        # One call, capped one byte past the declared size: never more than that in memory,
        # and no second copy of the (large) result.
        out = d.decompress(compressed, limit + 1)
        if len(out) > limit:
            raise bomb
        if not d.eof or d.unused_data or d.unconsumed_tail or len(out) != limit:
            raise broken
    except zlib.error as exc:
        raise broken from exc
    return out
