"""Restoring a backup (SPEC §8): checked first, the current state backed up, then all or nothing.

See ``restore_backup`` for the steps, and ``services.backup`` for what a backup folder holds.
``verify_backup`` checks a backup where it lies; ``latest_good_backup`` is what the GUI offers
when the start-up check finds the database damaged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_desktop.services import lock
from fazhi_desktop.services.attachments import blob_relpath, install_blob_from
from fazhi_desktop.services.backup import (
    BackupInfo,
    backups_dir,
    create_backup,
    describe_copy,
    find_backup,
    free_name,
    list_backups,
    read_info,
    snapshot,
    sqlite_uri,
)
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.services.files import (TEMP_MARK, fsync_dir, fsync_file, remove_stale_temps,
                                          sha256_file)
from fazhi_desktop.services.health import is_damage_error
from fazhi_desktop.store import migrate
from fazhi_desktop.store.engine import DB_FILENAME, make_engine

if TYPE_CHECKING:
    from fazhi_desktop.services.context import Context


@dataclass(frozen=True)
class Verdict:
    """Is a backup usable? ``problems`` (in Chinese) is empty when it is."""

    path: Path
    ok: bool
    problems: list[str]
    info: BackupInfo | None
    revision: str | None


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    info: BackupInfo | None
    migrated_from: str | None  # the backup's schema revision, when it had to be upgraded
    pre_restore: BackupInfo | None  # the backup of the state that was replaced
    damaged_saved_to: Path | None  # where a damaged database was kept, if it could not be backed up
    records: int
    missing_attachments: list[str]


def verify_backup(source: Path | str) -> Verdict:
    """Check a backup where it lies without changing anything there (fine on a USB stick):
    the database copy's checksum against ``backup.json``, ``integrity_check``, and that this
    program knows its schema revision."""
    source = Path(source)
    info = read_info(source) if source.is_dir() else None
    db = source / DB_FILENAME if source.is_dir() else source
    if not db.is_file():
        return Verdict(source, False, [f"{source} 中没有数据库文件"], info, None)
    if info is not None and (db.stat().st_size != info.db_size or sha256_file(db) != info.sha256):
        return Verdict(source, False, [_MISMATCH], info, None)
    revision, problems = _check_database(db, immutable=True)
    if not problems and info is not None:
        absent = [sha for sha in _blobs(db, immutable=True)
                  if not (source / blob_relpath(sha)).is_file()]
        if absent:
            problems.append(f"备份中缺少 {len(absent)} 个附件文件")
    return Verdict(source, not problems, problems, info, revision)


def latest_good_backup(where: Context | Path | str) -> BackupInfo | None:
    """The newest backup in the data folder's ``backups/`` that passes ``verify_backup``.

    What the GUI offers when the start-up check finds the database damaged.
    """
    data_dir = Path(where) if isinstance(where, (str, Path)) else where.data_dir
    for info in list_backups(backups_dir(data_dir)):
        if verify_backup(info.path).ok:
            return info
    return None


def restore(ctx: Context, source: Path | str, *, allow_other_pc: bool = False) -> RestoreResult:
    """``restore_backup`` for an open folder: closes its connections, then reloads it."""
    ctx.engine.dispose()
    try:
        return restore_backup(ctx.data_dir, source, allow_other_pc=allow_other_pc)
    finally:
        ctx.engine.dispose()
        ctx.reload()


def restore_backup(data_dir: Path | str, source: Path | str, *,
                   allow_other_pc: bool = False) -> RestoreResult:
    """Replace the data folder's database with a backup — all or nothing.

    1. the backup is copied beside the database and checked there (checksum, integrity,
       schema revision, which PC it belongs to) — a damaged or foreign backup is refused with
       nothing changed; an older one is upgraded in the copy;
    2. the current state is backed up (``pre-restore``); a database too damaged to back up is
       kept as raw files under ``backups/damaged-…``;
    3. attachment files the backup holds and the folder lacks are copied in;
    4. the copy is written into the live database with the online backup API — one write
       transaction, so a crash leaves the old or the new database, and other open connections
       simply see the new content. If the live file is too damaged for that, it is moved
       aside and the copy renamed into its place.

    Works without an open ``Context`` (the GUI's "database damaged" path); takes the writer
    lock unless this process holds it already.
    """
    data_dir = Path(data_dir)
    src = find_backup(data_dir, source)
    guard = None if lock.held_here(data_dir) else lock.acquire(data_dir, "fazhi（恢复备份）")
    live = data_dir / DB_FILENAME
    tmp = data_dir / f".restore{TEMP_MARK}{os.getpid()}.sqlite3"
    try:
        remove_stale_temps(data_dir, older_than_s=0)  # we are the writer: these are leftovers
        info = read_info(src) if src.is_dir() else None
        revision = _stage(src, info, tmp)
        _check_identity(tmp, live, allow_other_pc)
        migrated_from = None
        if revision != migrate.head_revision():
            migrated_from = revision
            _upgrade_copy(tmp)
        pre, damaged = None, None
        if live.exists() and _is_damaged(live):
            damaged = _save_damaged(data_dir)
        elif live.exists():  # if this fails (disk full…), the restore stops: nothing changed yet
            pre = create_backup(data_dir, "pre-restore", note=f"恢复 {src.name} 之前的数据")
        missing = _bring_attachments(data_dir, src, tmp)
        records = describe_copy(tmp)["records"]
        if not (live.exists() and damaged is None and _copy_into_live(tmp, live)):
            damaged = damaged or (_save_damaged(data_dir) if live.exists() else None)
            _replace_live(tmp, live)
        return RestoreResult(src, info, migrated_from, pre, damaged, records, missing)
    finally:
        tmp.unlink(missing_ok=True)
        if guard is not None:
            guard.release()


_MISMATCH = "备份中的数据库文件与备份时记录的校验值不符，文件已损坏或被改动"


def _stage(src: Path, info: BackupInfo | None, tmp: Path) -> str:
    """Copy the backup's database to ``tmp`` and check it; returns its schema revision."""
    if info is not None:
        digest = hashlib.sha256()
        with open(src / DB_FILENAME, "rb") as f, open(tmp, "wb") as out:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != info.sha256:
            raise FazhiError(f"不能恢复 {src}：{_MISMATCH}。当前数据没有任何改动。")
    else:
        db = src / DB_FILENAME if src.is_dir() else src
        try:
            snapshot(db, tmp)
        except sqlite3.DatabaseError as exc:
            raise FazhiError(f"不能恢复 {src}：不是有效的数据库文件（{exc}）。当前数据没有任何改动。"
                             ) from None
    revision, problems = _check_database(tmp, immutable=False)
    if problems:
        raise FazhiError(f"不能恢复 {src}：" + "；".join(problems) + "。当前数据没有任何改动。")
    assert revision is not None
    return revision


def _check_database(db: Path, *, immutable: bool) -> tuple[str | None, list[str]]:
    try:
        con = sqlite3.connect(sqlite_uri(db, immutable), uri=True)
    except sqlite3.Error as exc:
        return None, [f"无法打开数据库（{exc}）"]
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            return None, ["备份的数据库已损坏（" + "；".join(rows[:3]) + "）"]
        has_version = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND "
                                  "name='alembic_version'").fetchone()
        row = con.execute("SELECT version_num FROM alembic_version").fetchone() \
            if has_version else None
    except sqlite3.DatabaseError as exc:
        return None, [f"不是有效的数据库文件（{exc}）"]
    finally:
        con.close()
    if row is None:
        return None, ["这不是法治台账的数据库（没有版本信息）"]
    if row[0] not in migrate.known_revisions():
        return row[0], [f"备份来自更新版本的程序（数据库版本 {row[0]}），请先升级本程序再恢复"]
    return row[0], []


def _check_identity(copy: Path, live: Path, allow_other_pc: bool) -> None:
    theirs, mine = _self_node(copy), _self_node(live)
    if allow_other_pc or theirs is None or mine is None or theirs[0] == mine[0]:
        return
    raise FazhiError(
        f"这份备份属于另一台电脑“{theirs[1]}”，而本机是“{mine[1]}”。恢复后本机会变成那台电脑的身份，"
        "两台电脑同时使用会造成编号重复和同步混乱，因此未恢复，当前数据没有任何改动。"
        "如确实要用它替换本机的全部数据（例如旧电脑已停用、在新电脑上接着用），请加 --other-pc 参数。")


def _self_node(db: Path) -> tuple[str, str] | None:
    if not db.exists():
        return None
    try:
        con = sqlite3.connect(sqlite_uri(db, False), uri=True)
        try:
            row = con.execute("SELECT id, name FROM nodes WHERE is_self = 1").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return (row[0], row[1]) if row else None


def _upgrade_copy(copy: Path) -> None:
    engine = make_engine(copy, wal=False)
    try:
        migrate.upgrade(engine)
    except migrate.MigrationError as exc:
        raise FazhiError(f"备份的数据库无法升级到当前版本：{exc}。当前数据没有任何改动。") from None
    finally:
        engine.dispose()


def _bring_attachments(data_dir: Path, src: Path, copy: Path) -> list[str]:
    """Copy into the store the attachment files the restored database needs; returns those
    neither the folder nor the backup has."""
    missing = []
    for sha in _blobs(copy, immutable=False):
        if (data_dir / blob_relpath(sha)).is_file():
            continue
        held = src / blob_relpath(sha) if src.is_dir() else None
        if held is None or not held.is_file() or not install_blob_from(data_dir, sha, held):
            missing.append(sha)
    return missing


def _is_damaged(live: Path) -> bool:
    """Does the live database fail ``quick_check`` (or not open at all)?

    Any other failure (e.g. another program holding a lock) stops the restore instead: only
    a damaged file may be moved aside and replaced by rename.
    """
    try:
        con = sqlite3.connect(live, timeout=30)
        try:
            return [r[0] for r in con.execute("PRAGMA quick_check")] != ["ok"]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if is_damage_error(exc):
            return True
        raise _busy(exc) from None


def _copy_into_live(copy: Path, live: Path) -> bool:
    """Write ``copy`` into the live database in one transaction; False if the live file
    turns out too damaged to be written that way."""
    src = sqlite3.connect(copy)
    try:
        dst = sqlite3.connect(live, timeout=30, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        if is_damage_error(exc):
            return False
        raise _busy(exc) from None
    finally:
        src.close()
    return True


def _busy(exc: Exception) -> FazhiError:
    return FazhiError(f"数据库正被其他程序占用，无法恢复（{exc}）。当前数据没有改动；"
                      "请关闭其他打开这个数据目录的程序后再试。")


def _replace_live(copy: Path, live: Path) -> None:
    """Rename ``copy`` over the live file. Its old ``-wal``/``-shm`` go first: a WAL left
    beside the new file would be replayed into it."""
    for suffix in ("-wal", "-shm", "-journal"):
        live.with_name(live.name + suffix).unlink(missing_ok=True)
    fsync_file(copy)
    os.replace(copy, live)
    fsync_dir(live.parent)


def _save_damaged(data_dir: Path) -> Path:
    """Keep the raw files of a database that cannot be backed up normally."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(free_name(backups_dir(data_dir), f"damaged-{stamp}"))
    target = backups_dir(data_dir) / folder
    target.mkdir(parents=True)
    for suffix in ("", "-wal", "-shm"):
        src = data_dir / (DB_FILENAME + suffix)
        if src.exists():
            shutil.copyfile(src, target / src.name)
            fsync_file(target / src.name)
    fsync_dir(target)
    return target


def _blobs(db: Path, *, immutable: bool) -> list[str]:
    con = sqlite3.connect(sqlite_uri(db, immutable), uri=True)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND "
                           "name='attachments'").fetchone():
            return []
        return [r[0] for r in con.execute("SELECT DISTINCT sha256 FROM attachments")]
    finally:
        con.close()
