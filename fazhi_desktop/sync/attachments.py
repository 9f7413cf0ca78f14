"""Attachments in bundles: they travel with their records (SPEC §7).

Two kinds of payload members (see ``docs/BUNDLE_FORMAT.md``):

- ``attachments.jsonl`` — one row of the ``attachments`` table a line (metadata: record,
  SHA-256, original name, size, type, who added it, recycle-bin flag and its clock stamp);
- ``attachments/<sha256>`` — the content of a file, once per distinct content.

**Export.** A record carried by a bundle carries all its attachment rows. An incremental
export also carries the records whose attachment rows changed after the baseline (adding or
removing an attachment does not touch the record's own clocks). A file's content goes in when
some row carried with it is not covered by the baseline — the colleague cannot have it yet —
and always in a full export. A local file that is missing or whose content no longer matches
its hash is left out with a warning (the receiver then warns in turn) rather than spoiling the
bundle for everybody.

**Import checks** (each failure refuses the whole bundle, nothing written): every row's shape;
its record is in the bundle; every file's SHA-256 equals its member name, its size the size its
rows declare, and at most this PC's attachment size limit; no file without a row.

**Merge.** Rows are add-only — never removed, only moved to or from the recycle bin. An
unknown row is inserted; for a known row, the state with the larger clock stamp (``deleted``,
``changed_at``, ``changed_by``, ``clock``) wins, exactly like a record field, so every PC
converges whatever the order of bundles. A row's record, hash, size and name never change; a
bundle that says otherwise is refused. Files are stored through ``services.attachments``
(content-addressed, read-only) before the database transaction commits: if it rolls back they
are merely unreferenced, which is harmless.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select

from fazhi_desktop.services.attachments import ATTACHMENTS, blob_path, has_blob
from fazhi_desktop.sync import clocks as V
from fazhi_desktop.sync.errors import BundleError

ROWS_MEMBER = "attachments.jsonl"
BLOB_PREFIX = "attachments/"
ROW_KEYS = tuple(c.name for c in ATTACHMENTS.c)
_ROW_KEYSET = frozenset(ROW_KEYS)
_SHA = re.compile(r"[0-9a-f]{64}")
_UUID = re.compile(r"[0-9a-fA-F-]{8,36}")
_STAMP = re.compile(r"\d{13}\.\d{5}\.[0-9A-Za-z-]{1,60}")
_BAD_NAME = re.compile(r'[\x00-\x1f/\\<>:"|?*]')
STATE_KEYS = ("deleted", "changed_at", "changed_by", "clock")
FIXED_KEYS = ("record_id", "sha256", "size", "name")
CHUNK = 500


# --- export ------------------------------------------------------------------------------------

def changed_record_ids(conn: Connection, baseline: dict[str, str]) -> set[str]:
    """Records with an attachment row changed after what ``baseline`` knows."""
    return {rid for rid, clock in conn.execute(select(ATTACHMENTS.c.record_id,
                                                      ATTACHMENTS.c.clock))
            if not V.covers(baseline, clock)}


def rows_for(conn: Connection, record_ids: list[str] | None) -> list[dict[str, Any]]:
    """Attachment rows (removed ones included) of these records; ``None``: of every record."""
    order = (ATTACHMENTS.c.record_id, ATTACHMENTS.c.added_at, ATTACHMENTS.c.id)
    if record_ids is None:
        return [dict(r) for r in conn.execute(select(ATTACHMENTS).order_by(*order)).mappings()]
    out: list[dict[str, Any]] = []
    for start in range(0, len(record_ids), CHUNK):
        chunk = record_ids[start:start + CHUNK]
        out += [dict(r) for r in conn.execute(select(ATTACHMENTS).where(
            ATTACHMENTS.c.record_id.in_(chunk)).order_by(*order)).mappings()]
    return out


def blob_members(data_dir: Path, rows: list[dict[str, Any]], baseline: dict[str, str] | None,
                 serials: dict[str, str]) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The ``attachments/<sha>`` members to send with ``rows``, and warnings.

    A file goes in when one of its rows is not covered by ``baseline`` (None: always).
    """
    wanted: dict[str, dict[str, Any]] = {}
    for row in rows:
        if baseline is None or not V.covers(baseline, row["clock"]):
            wanted.setdefault(row["sha256"], row)
    members: list[tuple[str, bytes]] = []
    warnings: list[str] = []
    for sha, row in wanted.items():
        where = f"记录 {serials.get(row['record_id'], row['record_id'])} 的附件“{row['name']}”"
        try:
            data = blob_path(data_dir, sha).read_bytes()
        except OSError:
            warnings.append(f"{where}的文件在本机找不到，未放入同步包（请从备份恢复）")
            continue
        if len(data) != row["size"] or hashlib.sha256(data).hexdigest() != sha:
            warnings.append(f"{where}的文件已损坏（内容与校验值不符），未放入同步包（请从备份恢复）")
            continue
        members.append((BLOB_PREFIX + sha, data))
    return members, warnings


# --- import: decoding and checks ---------------------------------------------------------------

def _structure(message: str) -> BundleError:
    return BundleError(f"同步包内容结构不对：{message}，已拒绝导入。", "structure")


def _bad_file(message: str) -> BundleError:
    return BundleError(f"{message}，已拒绝导入（数据库未作任何修改）。", "bad_attachment")


def is_member(name: str) -> bool:
    return name == ROWS_MEMBER or name.startswith(BLOB_PREFIX)


def _text(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise _structure(f"附件的{what}应为不超过{limit}字的文字")
    return value


def _moment(value: Any, what: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(_text(value, what, 40))
    except ValueError as exc:
        raise _structure(f"附件的{what}不是有效的时间") from exc
    if moment.tzinfo is None:
        raise _structure(f"附件的{what}缺少时区")
    return moment


def decode_row(raw: Any, number: int, record_ids: set[str]) -> dict[str, Any]:
    """One line of ``attachments.jsonl``, every value checked and typed."""
    if not isinstance(raw, dict) or raw.keys() != _ROW_KEYSET:
        raise _structure(f"{ROWS_MEMBER} 第{number}行不是有效的附件记录")
    aid, rid = raw["id"], raw["record_id"]
    if not isinstance(aid, str) or not _UUID.fullmatch(aid) \
            or not isinstance(rid, str) or not _UUID.fullmatch(rid):
        raise _structure(f"{ROWS_MEMBER} 第{number}行的编号格式不对")
    if rid not in record_ids:
        raise _structure(f"附件 {aid} 所属的记录 {rid} 不在同步包中")
    if not isinstance(raw["sha256"], str) or not _SHA.fullmatch(raw["sha256"]):
        raise _structure(f"附件 {aid} 的校验值格式不对")
    name = _text(raw["name"], "文件名", 200)
    if _BAD_NAME.search(name) or name.strip(" .") != name:
        raise _structure(f"附件 {aid} 的文件名“{name[:80]}”含有不允许的字符")
    size = raw["size"]
    if type(size) is not int or size < 1:
        raise _structure(f"附件“{name}”的大小格式不对")
    if not isinstance(raw["deleted"], bool):
        raise _structure(f"附件“{name}”的删除标记格式不对")
    if not isinstance(raw["clock"], str) or not _STAMP.fullmatch(raw["clock"]):
        raise _structure(f"附件“{name}”的时钟格式不对")
    return {
        "id": aid, "record_id": rid, "sha256": raw["sha256"], "name": name, "size": size,
        "mime": _text(raw["mime"], "文件类型", 120),
        "added_at": _moment(raw["added_at"], "添加时间"),
        "added_by": _text(raw["added_by"], "添加人", 80),
        "node_id": _text(raw["node_id"], "添加的电脑", 36),
        "deleted": raw["deleted"],
        "changed_at": _moment(raw["changed_at"], "修改时间"),
        "changed_by": _text(raw["changed_by"], "修改人", 80),
        "clock": raw["clock"],
    }


def decode(lines: Iterator[tuple[int, Any]], members: dict[str, bytes],
           records: Iterable[dict[str, Any]], max_bytes: int | None
           ) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The attachment rows and files of a payload, after every import check."""
    serials = {r["id"]: r["serial"] for r in records}
    record_ids = set(serials)
    rows: list[dict[str, Any]] = []
    by_id: set[str] = set()
    for number, raw in lines:
        row = decode_row(raw, number, record_ids)
        if row["id"] in by_id:
            raise _structure(f"附件 {row['id']} 出现了两次")
        by_id.add(row["id"])
        rows.append(row)
    by_sha: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_sha.setdefault(row["sha256"], []).append(row)
    blobs: dict[str, bytes] = {}
    for path, data in members.items():
        if not path.startswith(BLOB_PREFIX):
            continue
        sha = path[len(BLOB_PREFIX):]
        if not _SHA.fullmatch(sha):
            raise _structure(f"附件文件名“{path[:80]}”不是校验值")
        owners = by_sha.get(sha)
        if not owners:
            raise _structure(f"附件文件 {sha[:12]}… 不属于同步包中的任何附件")
        first = owners[0]
        what = f"同步包中记录 {serials[first['record_id']]} 的附件“{first['name']}”"
        if max_bytes is not None and len(data) > max_bytes:
            raise _bad_file(
                f"{what}大小为 {len(data) / 2**20:.1f} MB，超过本机的附件大小上限 "
                f"{max_bytes / 2**20:.0f} MB。如确需接收，请管理员在设置中调高附件大小上限后再导入")
        if hashlib.sha256(data).hexdigest() != sha:
            raise _bad_file(f"{what}的内容与其校验值不符：文件在传递中损坏或被篡改")
        if any(row["size"] != len(data) for row in owners):
            raise _bad_file(f"{what}的实际大小（{len(data)} 字节）与登记的大小不符")
        blobs[sha] = data
    return rows, blobs


# --- import: merge -----------------------------------------------------------------------------

@dataclass
class AttachmentPlan:
    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # hashes of files to store here
    max_stamp: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.new or self.changed or self.files)


def plan(conn: Connection, data_dir: Path | None, rows: list[dict[str, Any]],
         blobs: dict[str, bytes], serials: dict[str, str]) -> AttachmentPlan:
    """What merging the bundle's attachment rows and files changes here (reads only)."""
    result = AttachmentPlan()
    ids = [r["id"] for r in rows]
    local: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        for row in conn.execute(select(ATTACHMENTS).where(
                ATTACHMENTS.c.id.in_(ids[start:start + CHUNK]))).mappings():
            local[row["id"]] = dict(row)
    for row in rows:
        result.max_stamp = max(result.max_stamp, row["clock"])
        mine = local.get(row["id"])
        if mine is None:
            result.new.append(row)
        else:
            if any(mine[k] != row[k] for k in FIXED_KEYS):
                raise BundleError(
                    f"同步包中记录 {serials.get(row['record_id'], '')} 的附件“{row['name']}”与本机"
                    "同一附件的内容或所属记录不同，已拒绝导入。", "invalid_record")
            if row["clock"] > mine["clock"]:
                result.changed.append(row)
    if data_dir is not None:
        for sha, data in blobs.items():
            if not has_blob(data_dir, sha, len(data)):
                result.files.append(sha)
        missing = {row["sha256"]: row for row in rows if row["sha256"] not in blobs}
        for sha, row in missing.items():
            if not has_blob(data_dir, sha, row["size"]):
                result.warnings.append(
                    f"记录 {serials.get(row['record_id'], row['record_id'])} 的附件“{row['name']}”"
                    "的文件不在同步包中，本机也没有：记录已导入，请让对方导出完整同步包（--full）补齐该文件")
    return result


def apply(conn: Connection, planned: AttachmentPlan) -> None:
    """Write the rows in the caller's transaction (records must already be there)."""
    if planned.new:
        conn.execute(insert(ATTACHMENTS), planned.new)
    for row in planned.changed:
        conn.execute(ATTACHMENTS.update().where(ATTACHMENTS.c.id == row["id"])
                     .values(**{k: row[k] for k in STATE_KEYS}))
