"""Attachments: scans of agreements, judgments and review opinions attached to a record.

The file content is stored once per distinct content, addressed by its SHA-256, under
``<data_dir>/attachments/<sha256[:2]>/<sha256>`` and made read-only: a blob never changes
after it is written (which is what lets backups hard-link it). The ``attachments`` table
(migration ``safety_0004``) holds one row per file attached to a record: original name, size,
type, who added it and when, and a recycle-bin flag.

Visibility follows the record: an attachment is shown when neither it nor its record is in
the recycle bin — deleting a record hides its attachments, restoring the record brings them
back. Adding or removing an attachment appends an audit entry to the record's history
(field ``attachments``: the list of file names before → after).

For sync: ``attachments_for(ctx, record_ids)`` gives the rows (removed ones included, as
tombstones, with their ``clock`` stamp); ``store_blob(ctx, data)`` stores received content
and returns its hash; ``blob_path(data_dir, sha)`` is where content lives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from fazhi_desktop.services import audit
from fazhi_desktop.services.context import Context
from fazhi_desktop.services.errors import FazhiError, NotFound
from fazhi_desktop.services.files import fsync_dir, sha256_file, temp_name
from fazhi_desktop.store.types import UTCDateTime, utcnow

ATTACHMENTS_DIRNAME = "attachments"
MAX_MB_SETTING = "attachments_max_mb"
DEFAULT_MAX_MB = 50

metadata = sa.MetaData()
ATTACHMENTS = sa.Table(  # must match migration safety_0004
    "attachments", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("record_id", sa.String(36), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("mime", sa.String(120), nullable=False),
    sa.Column("added_at", UTCDateTime, nullable=False),
    sa.Column("added_by", sa.String(80), nullable=False),
    sa.Column("node_id", sa.String(36), nullable=False),
    sa.Column("deleted", sa.Boolean(create_constraint=False), nullable=False),
    sa.Column("changed_at", UTCDateTime, nullable=False),
    sa.Column("changed_by", sa.String(80), nullable=False),
    sa.Column("clock", sa.String(80), nullable=False),
)
RECORDS = sa.table("records", sa.column("id"), sa.column("deleted"), sa.column("serial"))


@dataclass(frozen=True)
class Attachment:
    id: str
    record_id: str
    sha256: str
    name: str
    size: int
    mime: str
    added_at: dt.datetime
    added_by: str
    node_id: str
    deleted: bool  # this attachment is in the recycle bin
    changed_at: dt.datetime
    changed_by: str
    clock: str
    record_deleted: bool = False  # its record is in the recycle bin

    @property
    def visible(self) -> bool:
        return not self.deleted and not self.record_deleted

    @property
    def short_id(self) -> str:
        return self.id[:8]


# --- blobs ------------------------------------------------------------------------------------

def blob_relpath(sha: str) -> Path:
    return Path(ATTACHMENTS_DIRNAME) / sha[:2] / sha


def blob_path(data_dir: Path, sha: str) -> Path:
    return Path(data_dir) / blob_relpath(sha)


def has_blob(data_dir: Path, sha: str, size: int | None = None) -> bool:
    try:
        st = blob_path(data_dir, sha).stat()
    except OSError:
        return False
    return size is None or st.st_size == size


def store_blob(ctx: Context, data: bytes) -> str:
    """Store ``data`` (deduplicated) and return its SHA-256 hex digest."""
    sha = hashlib.sha256(data).hexdigest()
    if not has_blob(ctx.data_dir, sha, len(data)):
        _install(ctx.data_dir, sha, lambda f: f.write(data))
    return sha


def store_file(data_dir: Path, source: Path, max_bytes: int | None = None) -> tuple[str, int]:
    """Stream ``source`` into the blob store; returns (sha256, size)."""
    digest = hashlib.sha256()
    folder = Path(data_dir) / ATTACHMENTS_DIRNAME
    folder.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(folder / "incoming")
    size = 0
    try:
        with open(source, "rb") as src, open(tmp, "wb") as dst:
            while chunk := src.read(1 << 20):
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise _too_big(source.name, os.fstat(src.fileno()).st_size, max_bytes)
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        sha = digest.hexdigest()
        if has_blob(data_dir, sha, size):
            tmp.unlink()
        else:
            _place(data_dir, sha, tmp)
        return sha, size
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def install_blob_from(data_dir: Path, sha: str, source: Path) -> bool:
    """Copy ``source`` into the store as blob ``sha`` if its content really hashes to ``sha``.

    Used by restore to bring back files a backup holds. False when the content is wrong.
    """
    if has_blob(data_dir, sha):
        current = blob_path(data_dir, sha)
        if sha256_file(current) == sha:
            return True
    folder = Path(data_dir) / ATTACHMENTS_DIRNAME
    folder.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(folder / "incoming")
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as src, open(tmp, "wb") as dst:
            while chunk := src.read(1 << 20):
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        if digest.hexdigest() != sha:
            tmp.unlink()
            return False
        _place(data_dir, sha, tmp)
        return True
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def check_blobs(ctx: Context, *, full: bool = False) -> list[str]:
    """Problems with stored attachment files (missing, wrong size, or — if ``full`` — content)."""
    problems: list[str] = []
    with ctx.read() as s:
        if not _table_exists(s.connection()):
            return []
        rows = s.connection().execute(
            sa.select(ATTACHMENTS.c.sha256, sa.func.max(ATTACHMENTS.c.size),
                      sa.func.min(ATTACHMENTS.c.name)).group_by(ATTACHMENTS.c.sha256)).all()
    for sha, size, name in rows:
        path = blob_path(ctx.data_dir, sha)
        if not path.is_file():
            problems.append(f"附件“{name}”的文件不见了（{path}）")
        elif path.stat().st_size != size:
            problems.append(f"附件“{name}”的文件大小不对，可能已损坏（{path}）")
        elif full and sha256_file(path) != sha:
            problems.append(f"附件“{name}”的文件内容已被改动或损坏（{path}）")
    return problems


# --- rows -------------------------------------------------------------------------------------

def attachments_for(ctx: Context, record_ids: Iterable[str]) -> list[Attachment]:
    """Every attachment row of these records, removed ones included (for sync)."""
    ids = list(record_ids)
    found: list[Attachment] = []
    with ctx.read() as s:
        conn = s.connection()
        for start in range(0, len(ids), 500):
            found += _query(conn, ATTACHMENTS.c.record_id.in_(ids[start:start + 500]))
    return found


class AttachmentService:
    """Adding, listing, opening and removing a record's attachments (GUI and CLI)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def max_bytes(self) -> int:
        return int(self.ctx.get_setting(MAX_MB_SETTING, DEFAULT_MAX_MB)) * 1024 * 1024

    def set_max_mb(self, megabytes: int) -> None:
        if not 1 <= megabytes <= 2048:
            raise FazhiError("附件大小上限应在 1 到 2048 MB 之间")
        self.ctx.set_setting(MAX_MB_SETTING, int(megabytes))

    def add(self, record_id: str, source: Path | str, name: str | None = None) -> Attachment:
        """Attach the file ``source`` to the record (refused over the size limit)."""
        source = Path(source)
        try:
            size = source.stat().st_size
            if not source.is_file():
                raise FazhiError(f"“{source}”不是文件，无法作为附件")
        except OSError as exc:
            raise FazhiError(f"无法读取文件 {source}：{exc.strerror or exc}") from None
        limit = self.max_bytes()
        if size > limit:
            raise _too_big(source.name, size, limit)
        if size == 0:
            raise FazhiError(f"文件“{source.name}”是空的（0 字节），未添加")
        self._writable_record(record_id)
        try:
            sha, size = store_file(self.ctx.data_dir, source, limit)
        except OSError as exc:
            raise FazhiError(f"保存附件“{source.name}”失败：{exc.strerror or exc}") from None
        return self._insert(record_id, sha, size, name or source.name)

    def add_bytes(self, record_id: str, data: bytes, name: str) -> Attachment:
        limit = self.max_bytes()
        if len(data) > limit:
            raise _too_big(name, len(data), limit)
        if not data:
            raise FazhiError(f"文件“{name}”是空的（0 字节），未添加")
        self._writable_record(record_id)
        return self._insert(record_id, store_blob(self.ctx, data), len(data), name)

    def list(self, record_id: str, *, include_removed: bool = False) -> list[Attachment]:
        with self.ctx.read() as s:
            rows = _query(s.connection(), ATTACHMENTS.c.record_id == record_id)
        return rows if include_removed else [a for a in rows if a.visible]

    def get(self, key: str) -> Attachment:
        """An attachment by id, or by an unambiguous start of its id (at least 4 characters)."""
        key = key.strip()
        with self.ctx.read() as s:
            conn = s.connection()
            rows = _query(conn, ATTACHMENTS.c.id == key)
            if not rows and len(key) >= 4:
                rows = _query(conn, ATTACHMENTS.c.id.startswith(key, autoescape=True))
        if not rows:
            raise NotFound(f"找不到附件“{key}”")
        if len(rows) > 1:
            raise FazhiError(f"“{key}”对应多个附件，请多写几位编号")
        return rows[0]

    def path(self, key: str) -> Path:
        """Where the content of an attachment is stored (read-only; don't edit it there)."""
        att = self.get(key)
        path = blob_path(self.ctx.data_dir, att.sha256)
        if not path.is_file():
            raise FazhiError(f"附件“{att.name}”的文件不见了（{path}），请从备份恢复")
        return path

    def export_for_viewing(self, key: str) -> Path:
        """A copy with the original file name in a temporary folder, for the system viewer.

        A copy, so a viewer that saves in place cannot change the stored file.
        """
        att = self.get(key)
        source = self.path(att.id)
        folder = Path(tempfile.gettempdir()) / "fazhi-attachments" / att.id
        target = folder / _safe_name(att.name)
        if not (target.is_file() and target.stat().st_size == att.size):
            folder.mkdir(parents=True, exist_ok=True)
            tmp = temp_name(target)
            shutil.copyfile(source, tmp)
            os.chmod(tmp, stat.S_IRUSR | stat.S_IWUSR)
            os.replace(tmp, target)
        return target

    def open(self, key: str) -> Path:
        """Open the attachment with the system's viewer; returns the file it opened."""
        path = self.export_for_viewing(key)
        launch(path)
        return path

    def remove(self, key: str) -> Attachment:
        """Move an attachment to the recycle bin (``restore`` brings it back)."""
        return self._set_deleted(key, True)

    def restore(self, key: str) -> Attachment:
        return self._set_deleted(key, False)

    # --- internals ------------------------------------------------------------------------
    def _writable_record(self, record_id: str) -> None:
        with self.ctx.read() as s:
            row = s.connection().execute(sa.select(RECORDS.c.deleted, RECORDS.c.serial)
                                         .where(RECORDS.c.id == record_id)).first()
        if row is None:
            raise NotFound(f"找不到编号为 {record_id} 的记录")
        if row.deleted:
            raise FazhiError(f"记录 {row.serial} 在回收站中，请先恢复再修改附件")

    def _insert(self, record_id: str, sha: str, size: int, name: str) -> Attachment:
        who = self.ctx.require_identity()
        now = utcnow()
        row = {"id": str(uuid.uuid4()), "record_id": record_id, "sha256": sha,
               "name": _safe_name(name), "size": size, "mime": _mime(name), "added_at": now,
               "added_by": who.operator, "node_id": who.node_id, "deleted": False,
               "changed_at": now, "changed_by": who.operator}
        with self.ctx.write() as s:
            conn = s.connection()
            self._check_record(conn, record_id)
            for same in _query(conn, (ATTACHMENTS.c.record_id == record_id)
                               & (ATTACHMENTS.c.sha256 == sha)):
                if same.deleted:
                    raise FazhiError(f"内容相同的附件“{same.name}”在回收站中，请恢复它"
                                     f"（fazhi attachments restore {same.short_id}），不必重复添加")
                raise FazhiError(f"这条记录已有内容完全相同的附件“{same.name}”，未重复添加")
            before = _names(conn, record_id)
            row["clock"] = self.ctx.require_clock().now()
            conn.execute(sa.insert(ATTACHMENTS), [row])
            audit.append(conn, [audit.entry(record_id, "update",
                                            {"attachments": (before, before + [row["name"]])},
                                            who, now)])
        return Attachment(**row)

    def _set_deleted(self, key: str, deleted: bool) -> Attachment:
        who = self.ctx.require_identity()
        att = self.get(key)
        with self.ctx.write() as s:
            conn = s.connection()
            self._check_record(conn, att.record_id)
            current = _query(conn, ATTACHMENTS.c.id == att.id)[0]
            if current.deleted == deleted:
                state = "已在回收站中" if deleted else "不在回收站中"
                raise FazhiError(f"附件“{att.name}”{state}")
            before = _names(conn, att.record_id)
            now = utcnow()
            conn.execute(sa.update(ATTACHMENTS).where(ATTACHMENTS.c.id == att.id).values(
                deleted=deleted, changed_at=now, changed_by=who.operator,
                clock=self.ctx.require_clock().now()))
            after = _names(conn, att.record_id)
            audit.append(conn, [audit.entry(att.record_id, "update",
                                            {"attachments": (before, after)}, who, now)])
            return _query(conn, ATTACHMENTS.c.id == att.id)[0]

    @staticmethod
    def _check_record(conn: Connection, record_id: str) -> None:
        row = conn.execute(sa.select(RECORDS.c.deleted, RECORDS.c.serial)
                           .where(RECORDS.c.id == record_id)).first()
        if row is None:
            raise NotFound(f"找不到编号为 {record_id} 的记录")
        if row.deleted:
            raise FazhiError(f"记录 {row.serial} 在回收站中，请先恢复再修改附件")


def launch(path: Path) -> None:
    """Open ``path`` with the desktop's default program (the GUI uses QDesktopServices)."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(path)  # type: ignore[attr-defined]
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(path)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        else:
            opener = shutil.which("xdg-open")
            if opener is None:
                raise FazhiError(f"这台电脑没有 xdg-open，无法自动打开。文件在：{path}")
            subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise FazhiError(f"无法打开 {path}：{exc.strerror or exc}") from None


# --- helpers ----------------------------------------------------------------------------------

def _query(conn: Connection, where: Any) -> list[Attachment]:
    if not _table_exists(conn):
        return []
    stmt = (sa.select(ATTACHMENTS, RECORDS.c.deleted.label("record_deleted"))
            .join(RECORDS, RECORDS.c.id == ATTACHMENTS.c.record_id, isouter=True)
            .where(where).order_by(ATTACHMENTS.c.added_at, ATTACHMENTS.c.id))
    return [Attachment(**{**row, "deleted": bool(row["deleted"]),
                          "record_deleted": bool(row["record_deleted"])})
            for row in conn.execute(stmt).mappings()]


def _names(conn: Connection, record_id: str) -> list[str]:
    return [a.name for a in _query(conn, ATTACHMENTS.c.record_id == record_id) if not a.deleted]


def _table_exists(conn: Connection) -> bool:
    return conn.execute(sa.text("SELECT 1 FROM sqlite_master WHERE type='table' "
                                "AND name='attachments'")).first() is not None


def _install(data_dir: Path, sha: str, write: Any) -> None:
    folder = Path(data_dir) / ATTACHMENTS_DIRNAME
    folder.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(folder / "incoming")
    try:
        with open(tmp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        _place(data_dir, sha, tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _place(data_dir: Path, sha: str, tmp: Path) -> None:
    """Move a complete, fsynced temporary file to its blob path and make it read-only."""
    target = blob_path(data_dir, sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    if target.exists():  # a damaged blob being replaced (Windows refuses to replace read-only)
        os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
    os.replace(tmp, target)
    fsync_dir(target.parent)


def _mime(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _safe_name(name: str) -> str:
    """The base name only, without path separators or control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch >= " " and ch not in '<>:"|?*').strip().strip(".")
    return base[:200] or "附件"


def _too_big(name: str, size: int, limit: int) -> FazhiError:
    return FazhiError(f"文件“{name}”大小为 {size / 2**20:.1f} MB，超过附件大小上限 "
                      f"{limit / 2**20:.0f} MB，未添加。请压缩或分成几个文件后再添加"
                      "（上限可由管理员在设置中调整）。")
