"""Backups (SPEC §8): made with SQLite's online backup API, never by copying a live file.

A backup is a **folder** ``fazhi-backup-YYYYMMDD-HHMMSS-<reason>/`` holding

- ``fazhi.sqlite3`` — a self-contained copy of the database (rollback-journal mode, so it is one
  file with no ``-wal``/``-shm`` companions), consistent as of one instant even while the
  program keeps writing;
- ``attachments/<sha256[:2]>/<sha256>`` — every attachment file the copy refers to (hard links
  when the backup sits on the same disk as the data folder — attachment files never change —
  otherwise copies, e.g. on a USB stick);
- ``backup.json`` — written last: time, reason, size, record counts, schema revision, the
  database copy's SHA-256 and the PC it came from. A folder without it is an unfinished backup.

The folder is built under a temporary name and renamed when complete, so a backup that shows
up in ``list_backups`` is whole. Automatic backups live in ``<data_dir>/backups/``; a backup
can also be written to any folder and restored from any path (``services.restore``).

Reasons: ``manual``, ``daily`` (first start of each day, keep the last N), ``pre-import``
(before a sync bundle or Excel import — call ``backup_before(ctx, "pre-import", note)``),
``pre-migration`` (before a schema upgrade, from ``open_context``), ``pre-restore``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import stat
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from fazhi_desktop import __version__
from fazhi_desktop.services import lock
from fazhi_desktop.services.attachments import ATTACHMENTS_DIRNAME, blob_relpath
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.services.files import (
    TEMP_MARK,
    atomic_write,
    fsync_dir,
    fsync_file,
    remove_stale_temps,
    sha256_file,
)
from fazhi_desktop.store import migrate
from fazhi_desktop.store.engine import DB_FILENAME

if TYPE_CHECKING:  # context.py imports this module while opening a folder
    from fazhi_desktop.services.context import Context

log = logging.getLogger(__name__)

BACKUPS_DIRNAME = "backups"
SIDECAR = "backup.json"
NAME_PREFIX = "fazhi-backup-"
REASONS = {"manual": "手动备份", "daily": "每日自动备份", "pre-import": "导入前自动备份",
           "pre-migration": "升级前自动备份", "pre-restore": "恢复前自动备份"}
KEEP_SETTING = "backup_keep"  # {"daily": 7, "pre-import": 10, ...}; manual ones are never pruned
DEFAULT_KEEP = {"daily": 7, "pre-import": 10, "pre-migration": 5, "pre-restore": 5}
SPACE_MARGIN = 64 * 1024 * 1024


class DatabaseDamaged(FazhiError):
    """The database file cannot be read: offer a restore (``services.restore``)."""

    def __init__(self, data_dir: Path, detail: object) -> None:
        self.data_dir = data_dir
        super().__init__(
            f"数据目录 {data_dir} 中的数据库文件已损坏，无法打开（{detail}）。文件没有被改动。"
            "可以从备份恢复：用 fazhi backup list 查看备份，fazhi backup restore 名称 恢复"
            "（恢复时会先把损坏的文件另存一份）。")


@dataclass(frozen=True)
class BackupInfo:
    """What ``backup.json`` says about one backup (and where it is)."""

    path: Path
    name: str
    created_at: dt.datetime  # aware, UTC
    reason: str
    note: str
    db_size: int
    size: int  # database copy + attachment files, bytes
    sha256: str
    revision: str | None
    counts: dict[str, int] = field(default_factory=dict)  # per register (not deleted), deleted
    records: int = 0  # all records, including the recycle bin
    attachments: int = 0
    missing_attachments: list[str] = field(default_factory=list)
    node_id: str | None = None
    node_name: str | None = None
    unit_name: str | None = None
    app_version: str = ""

    @property
    def reason_zh(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def db_path(self) -> Path:
        return self.path / DB_FILENAME

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        data["created_at"] = self.created_at.isoformat()
        return data


# --- creating ---------------------------------------------------------------------------------

def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIRNAME


def create_backup(data_dir: Path | str, reason: str = "manual", *, to: Path | str | None = None,
                  note: str = "") -> BackupInfo:
    """Back up the data folder's database and attachments into ``to`` (default ``backups/``).

    Safe while the program (or another process) keeps writing: the copy is one consistent
    snapshot. Raises ``FazhiError`` with a Chinese message (no space, unwritable folder…);
    a failed backup leaves only a temporary folder that the next backup removes.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    data_dir = Path(data_dir)
    db_path = data_dir / DB_FILENAME
    if not db_path.exists():
        raise FazhiError(f"数据目录 {data_dir} 中没有数据库，无法备份")
    dest = Path(to) if to is not None else backups_dir(data_dir)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FazhiError(f"无法创建备份目录 {dest}：{exc.strerror or exc}") from None
    remove_stale_temps(dest)
    _check_space(dest, db_path)
    now = dt.datetime.now(dt.UTC)
    name = free_name(dest, f"{NAME_PREFIX}{now.astimezone():%Y%m%d-%H%M%S}-{reason}")
    tmp = dest / f".{name}{TEMP_MARK}{os.getpid()}"
    try:
        tmp.mkdir()
        copy = tmp / DB_FILENAME
        snapshot(db_path, copy)
        with ThreadPoolExecutor(1) as pool:  # flush to disk while hashing (both free the GIL)
            synced = pool.submit(fsync_file, copy)
            digest = sha256_file(copy)
            meta = describe_copy(copy)
            synced.result()
        size, missing = _copy_attachments(data_dir, tmp, meta.pop("blobs"))
        db_size = copy.stat().st_size
        info = BackupInfo(path=dest / name, name=name, created_at=now, reason=reason, note=note,
                          db_size=db_size, size=db_size + size, sha256=digest,
                          missing_attachments=missing, app_version=__version__, **meta)
        with atomic_write(tmp / SIDECAR, "w", encoding="utf-8") as f:
            json.dump(info.to_json(), f, ensure_ascii=False, indent=1)
        fsync_dir(tmp)
        os.rename(tmp, dest / name)
        fsync_dir(dest)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise FazhiError(f"备份失败（{dest}）：{exc.strerror or exc}") from None
        if isinstance(exc, sqlite3.DatabaseError):
            raise FazhiError(f"备份失败：读取数据库出错（{exc}）。数据库可能已损坏，"
                             "请运行 fazhi check 检查。") from None
        raise
    return info


def backup_before(ctx: Context, reason: str, note: str = "") -> BackupInfo:
    """The automatic backup an importer takes before it changes anything.

    ``reason`` is ``"pre-import"`` for sync bundles and Excel ledgers; ``note`` says what is
    being imported (e.g. ``"Excel 导入 2025台账.xlsx"``). Old automatic backups of the same
    reason beyond the configured number are removed afterwards.
    """
    info = create_backup(ctx.data_dir, reason, note=note)
    prune(ctx)
    return info


def daily_backup(ctx: Context) -> BackupInfo | None:
    """The first-start-of-the-day backup, taken only by the folder's writer (lock holder).

    Nothing is done for a folder not yet set up, or when today's backup exists already.
    """
    if ctx.identity is None or not lock.held_here(ctx.data_dir):
        return None
    # As the writer, no restore or attachment upload can be under way: whatever temporary
    # files are left in the folder are from an interrupted one (a restore's can be large).
    remove_stale_temps(ctx.data_dir, older_than_s=0)
    remove_stale_temps(ctx.data_dir / ATTACHMENTS_DIRNAME, older_than_s=0)
    today = ctx.today()
    for info in list_backups(backups_dir(ctx.data_dir)):
        if info.reason == "daily" and info.created_at.astimezone().date() == today:
            return None
    try:
        info = create_backup(ctx.data_dir, "daily")
        prune(ctx)
    except FazhiError as exc:  # never stop the program from opening; `fazhi check` warns
        log.warning("daily backup failed: %s", exc)
        return None
    return info


def prepare_upgrade(data_dir: Path, engine: Engine) -> lock.WriterLock | None:
    """Called by ``open_context`` before ``migrate.upgrade``.

    When the schema is behind, the upgrade is a write: take the writer lock for it unless
    this process holds it (``FolderInUse`` if another process does), and back up a database
    that already has data (``pre-migration``) so an upgrade gone wrong can be undone.
    Returns the lock taken here, for the caller to release after the upgrade.
    """
    before = migrate.current_revision(engine)
    if before == migrate.head_revision():
        return None
    taken = None if lock.held_here(data_dir) else lock.acquire(data_dir, "fazhi（数据库升级）")
    try:
        before = migrate.current_revision(engine)  # another process may have upgraded meanwhile
        if before is not None and before in migrate.known_revisions() \
                and before != migrate.head_revision():
            create_backup(data_dir, "pre-migration",
                          note=f"数据库版本 {before} 升级到 {migrate.head_revision()} 之前")
    except BaseException:
        if taken is not None:
            taken.release()
        raise
    return taken


def keep_counts(ctx: Context) -> dict[str, int]:
    value = ctx.get_setting(KEEP_SETTING) or {}
    keep = dict(DEFAULT_KEEP)
    if isinstance(value, dict):
        keep.update({k: int(v) for k, v in value.items() if k in DEFAULT_KEEP and int(v) >= 1})
    return keep


def set_keep_count(ctx: Context, reason: str, count: int) -> None:
    if reason not in DEFAULT_KEEP:
        raise FazhiError(f"只能设置自动备份的保留份数（{'、'.join(DEFAULT_KEEP)}）")
    if count < 1:
        raise FazhiError("保留份数至少为 1")
    value = ctx.get_setting(KEEP_SETTING) or {}
    value[reason] = count
    ctx.set_setting(KEEP_SETTING, value)


def prune(ctx: Context) -> list[str]:
    """Remove automatic backups in ``backups/`` beyond the kept number of each reason."""
    keep = keep_counts(ctx)
    removed: list[str] = []
    by_reason: dict[str, list[BackupInfo]] = {}
    for info in list_backups(backups_dir(ctx.data_dir)):
        by_reason.setdefault(info.reason, []).append(info)
    for reason, infos in by_reason.items():
        if reason not in keep:
            continue  # manual backups are the user's to delete
        for info in infos[keep[reason]:]:  # list_backups is newest first
            _remove_backup(info.path)
            removed.append(info.name)
    return removed


# --- listing ----------------------------------------------------------------------------------

def list_backups(folder: Path | str) -> list[BackupInfo]:
    """The complete backups in ``folder``, newest first (unreadable sidecars are skipped)."""
    folder = Path(folder)
    found: list[BackupInfo] = []
    try:
        entries = [e for e in folder.iterdir() if e.is_dir() and TEMP_MARK not in e.name]
    except OSError:
        return []
    for entry in entries:
        info = read_info(entry)
        if info is not None:
            found.append(info)
    found.sort(key=lambda i: (i.created_at, i.name), reverse=True)
    return found


def read_info(folder: Path) -> BackupInfo | None:
    """The sidecar of the backup in ``folder``, or None when there is none (or it is garbled)."""
    try:
        data = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
        data["path"] = folder
        data["name"] = folder.name
        data["created_at"] = dt.datetime.fromisoformat(data["created_at"])
        known = set(BackupInfo.__dataclass_fields__)
        return BackupInfo(**{k: v for k, v in data.items() if k in known})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def find_backup(data_dir: Path, name_or_path: str | Path) -> Path:
    """A backup folder (or bare database file) named by the user: a name in ``backups/`` or
    any path (a backup folder, its ``backup.json`` or ``fazhi.sqlite3``, or a database file)."""
    raw = Path(name_or_path)
    for candidate in (backups_dir(data_dir) / str(name_or_path), raw):
        if candidate.is_dir() and ((candidate / SIDECAR).exists() or
                                   (candidate / DB_FILENAME).exists()):
            return candidate
        if candidate.is_file():
            if candidate.name == SIDECAR:
                return candidate.parent
            return candidate
    matches = [i.path for i in list_backups(backups_dir(data_dir))
               if str(name_or_path) in i.name]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise FazhiError(f"“{name_or_path}”对应多个备份，请写出完整名称（fazhi backup list 可查看）")
    raise FazhiError(f"找不到备份“{name_or_path}”：既不是 {backups_dir(data_dir)} 中的备份名称，"
                     "也不是一个存在的备份文件夹或数据库文件")


# --- internals --------------------------------------------------------------------------------

def snapshot(db_path: Path, target: Path) -> None:
    """Online backup of ``db_path`` into a new file ``target`` (one step, one snapshot)."""
    src = sqlite3.connect(db_path, timeout=30)
    try:
        dst = sqlite3.connect(target, isolation_level=None)
        try:
            # The target is a private temporary file renamed only when complete and fsynced,
            # so it needs no journal of its own while being filled.
            dst.execute("PRAGMA journal_mode = OFF")
            dst.execute("PRAGMA synchronous = OFF")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, not WAL
        finally:
            dst.close()
    finally:
        src.close()


def describe_copy(copy: Path) -> dict[str, Any]:
    """Counts, revision, identity and referenced attachment hashes, read from the copy."""
    con = sqlite3.connect(sqlite_uri(copy, False), uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        meta: dict[str, Any] = {"counts": {}, "records": 0, "attachments": 0, "blobs": [],
                                "revision": None, "node_id": None, "node_name": None,
                                "unit_name": None}
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            meta["revision"] = row[0] if row else None
        if "records" in tables:
            deleted = 0
            for register, is_deleted, n in con.execute(
                    "SELECT register, deleted, count(*) FROM records GROUP BY 1, 2"):
                if is_deleted:
                    deleted += n
                else:
                    meta["counts"][register] = n
                meta["records"] += n
            meta["counts"]["deleted"] = deleted
        if "nodes" in tables:
            row = con.execute("SELECT id, name FROM nodes WHERE is_self = 1").fetchone()
            if row:
                meta["node_id"], meta["node_name"] = row
        if "settings" in tables and "units" in tables:
            row = con.execute("SELECT u.name FROM settings s JOIN units u ON "
                              "u.code = json_extract(s.value, '$') WHERE s.key = 'unit_code'"
                              ).fetchone()
            meta["unit_name"] = row[0] if row else None
        if "attachments" in tables:
            meta["attachments"] = con.execute("SELECT count(*) FROM attachments").fetchone()[0]
            meta["blobs"] = [r[0] for r in
                             con.execute("SELECT DISTINCT sha256 FROM attachments")]
        return meta
    finally:
        con.close()


def _copy_attachments(data_dir: Path, target: Path, blobs: list[str]) -> tuple[int, list[str]]:
    """Link (or copy) the attachment files into the backup; returns (bytes, missing hashes)."""
    total, missing = 0, []
    made: set[Path] = set()
    for sha in blobs:
        src = data_dir / blob_relpath(sha)
        dst = target / blob_relpath(sha)
        if not src.is_file():
            missing.append(sha)
            continue
        if dst.parent not in made:
            dst.parent.mkdir(parents=True, exist_ok=True)
            made.add(dst.parent)
        try:
            os.link(src, dst)  # attachment files are immutable: sharing the inode is safe
        except OSError:
            shutil.copyfile(src, dst)
            fsync_file(dst)
        total += dst.stat().st_size
    for folder in made:
        fsync_dir(folder)
    if made:
        fsync_dir(target / ATTACHMENTS_DIRNAME)
    return total, missing


def _check_space(dest: Path, db_path: Path) -> None:
    need = db_path.stat().st_size + SPACE_MARGIN
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        need += wal.stat().st_size
    free = shutil.disk_usage(dest).free
    if free < need:
        raise FazhiError(f"{dest} 所在磁盘剩余空间 {free / 2**20:.0f} MB，备份约需 "
                         f"{need / 2**20:.0f} MB。请清理磁盘或备份到其他位置（如 U 盘）。")


def free_name(dest: Path, name: str) -> str:
    candidate, n = name, 2
    while (dest / candidate).exists():
        candidate, n = f"{name}-{n}", n + 1
    return candidate


def _remove_backup(path: Path) -> None:
    """Delete a backup folder: the sidecar first, so a half-deleted one no longer lists.

    Windows refuses to delete read-only files, and attachment files are read-only (shared,
    when hard-linked, with the data folder's copy): clear the flag, delete, and set it again
    on the file the data folder keeps.
    """
    try:
        (path / SIDECAR).unlink()
    except OSError:
        pass

    def retry(func: Any, target: str, _exc: Any) -> None:
        try:
            os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
            func(target)
        except OSError:
            return
        kept = path.parent.parent / ATTACHMENTS_DIRNAME / Path(target).parent.name / \
            Path(target).name
        if kept.is_file():  # a hard link shares the flag: make the data folder's read-only again
            try:
                os.chmod(kept, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            except OSError:
                pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=retry)


def sqlite_uri(db: Path, immutable: bool) -> str:
    """A read-only SQLite URI; ``immutable`` also forbids creating any file beside it."""
    return db.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
