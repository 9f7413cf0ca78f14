"""``fazhi check``: is this data folder healthy? Each check says what it found, in Chinese."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from fazhi_desktop.services import audit
from fazhi_desktop.services.context import Context
from fazhi_desktop.services.reading import header_problems, start_problems
from fazhi_desktop.store import migrate, recordsql

OK, WARN, FAIL = "ok", "warning", "error"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: str  # ok / warning / error
    message: str


def run_checks(ctx: Context, *, quick: bool = False) -> list[CheckResult]:
    results = [_integrity(ctx, quick), _foreign_keys(ctx), _schema(ctx), _audit_chain(ctx),
               _calendar(ctx)]
    results += safety_checks(ctx, quick=quick)  # issue 7: disk, network share, keyring, ...
    return results


def _integrity(ctx: Context, quick: bool) -> CheckResult:
    pragma = "quick_check" if quick else "integrity_check"
    with ctx.engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text(f"PRAGMA {pragma}"))]
    if rows == ["ok"]:
        return CheckResult("数据库完整性", OK, f"{pragma}: ok")
    return CheckResult("数据库完整性", FAIL, "数据库文件已损坏：" + "；".join(rows[:5]) +
                       "。请从最近的备份恢复（fazhi backup list / restore）。")


def _foreign_keys(ctx: Context) -> CheckResult:
    with ctx.engine.connect() as conn:
        bad = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    if not bad:
        return CheckResult("外键一致性", OK, "foreign_key_check: ok")
    return CheckResult("外键一致性", FAIL, f"发现 {len(bad)} 处引用不一致（如表 {bad[0][0]}）")


def _schema(ctx: Context) -> CheckResult:
    current, head = migrate.current_revision(ctx.engine), migrate.head_revision()
    if current == head:
        return CheckResult("数据库版本", OK, f"版本 {current}（最新）")
    return CheckResult("数据库版本", FAIL, f"数据库版本 {current}，程序需要 {head}")


def _audit_chain(ctx: Context) -> CheckResult:
    with ctx.engine.connect() as conn:
        problems = audit.verify_chain(conn)
    if not problems:
        return CheckResult("审计记录", OK, "审计链完整，未发现改动")
    return CheckResult("审计记录", FAIL, "；".join(problems[:3]) +
                       (f" 等共{len(problems)}处" if len(problems) > 3 else ""))


def _calendar(ctx: Context) -> CheckResult:
    year = ctx.today().year
    missing = ctx.calendar.missing_years([year, year + 1] if ctx.today().month == 12 else [year])
    if not missing:
        return CheckResult("节假日安排", OK, f"已有 {year} 年节假日安排")
    years = "、".join(str(y) for y in missing)
    return CheckResult("节假日安排", WARN, f"缺少 {years} 年的节假日安排，工作日暂按周一至周五计算；"
                       "国务院公布后请在“设置 → 节假日”中导入。")


# --- data safety (issue 7): disk, network share, keyring, attachments, backups, start-up check --

NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
              "lustre", "gpfs", "davfs", "fuse.sshfs", "fuse.davfs2", "fuse.rclone",
              "fuse.gvfsd-fuse", "fuse.smbnetfs", "fuse.glusterfs", "fuse.cephfs"}
LOW_SPACE_FAIL = 64 * 2**20
BACKUP_STALE_DAYS = 7


def safety_checks(ctx: Context, *, quick: bool = False) -> list[CheckResult]:
    return [_disk_space(ctx), _network_share(ctx), _keyring(), _attachments(ctx, quick),
            _backups(ctx)]


def _disk_space(ctx: Context) -> CheckResult:
    usage = shutil.disk_usage(ctx.data_dir)
    db = ctx.db_path.stat().st_size if ctx.db_path.exists() else 0
    free = f"剩余 {usage.free / 2**30:.1f} GB"
    if usage.free < db + LOW_SPACE_FAIL:
        return CheckResult("磁盘空间", FAIL, f"数据目录所在磁盘{free}，已不够做一次备份或恢复，保存也可能失败。"
                           "请立即清理磁盘（或把旧备份移到 U 盘）。")
    if usage.free < max(2**30, 3 * db):
        return CheckResult("磁盘空间", WARN, f"数据目录所在磁盘{free}，偏少（数据库 {db / 2**20:.0f} MB，"
                           "每份备份约同样大小）。请清理磁盘或把旧备份移到 U 盘。")
    return CheckResult("磁盘空间", OK, free)


def network_filesystem(path: Path, mountinfo: str | None = None) -> str | None:
    """The network file-system type ``path`` lies on (``cifs``, ``nfs4``, ``网络驱动器``…), or None.

    Linux reads ``/proc/self/mountinfo`` (or the ``mountinfo`` text given, for tests);
    Windows asks for the drive type; elsewhere the answer is None (not detected).
    """
    path = Path(path).resolve()
    if os.name == "nt":  # pragma: no cover - Windows only
        text_path = str(path)
        if text_path.startswith("\\\\"):
            return "网络共享（UNC 路径）"
        import ctypes

        kind = ctypes.windll.kernel32.GetDriveTypeW(path.anchor)  # type: ignore[attr-defined]
        return "网络驱动器" if kind == 4 else None  # DRIVE_REMOTE
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    best, best_type = "", None
    target = str(path)
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5 or not right.split():
            continue
        point = _unescape_mount(fields[4])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, right.split()[0]
    if best_type and (best_type in NETWORK_FS or best_type.split(".")[0] in NETWORK_FS):
        return best_type
    return None


def _unescape_mount(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash as octal escapes (``\\040``)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _network_share(ctx: Context) -> CheckResult:
    kind = network_filesystem(ctx.data_dir)
    if kind is None:
        return CheckResult("数据目录位置", OK, "数据目录在本机磁盘上")
    return CheckResult(
        "数据目录位置", WARN,
        f"数据目录 {ctx.data_dir} 位于网络共享（{kind}）上。数据库使用 WAL 模式，在网络共享上无法可靠加锁，"
        "多台电脑同时打开可能损坏数据。请先关闭程序，把整个数据目录复制到本机硬盘（如 D:\\法治台账数据），"
        "再让程序使用那个目录（--data-dir 或环境变量 FAZHI_DATA_DIR）；同事之间请用“同步”交换数据，"
        "需要存到别处请用“备份到文件夹”。")


def _keyring() -> CheckResult:
    from fazhi_desktop.services import secrets

    status = secrets.backend_status()
    if status.ok:
        return CheckResult("系统密钥环", OK, status.message)
    return CheckResult("系统密钥环", WARN, status.message + "（只影响同步，台账录入和统计不受影响）")


def _attachments(ctx: Context, quick: bool) -> CheckResult:
    from fazhi_desktop.services.attachments import check_blobs

    problems = check_blobs(ctx, full=not quick)
    if not problems:
        return CheckResult("附件文件", OK, "附件文件齐全" + ("" if quick else "，内容未被改动"))
    more = f" 等共{len(problems)}处" if len(problems) > 3 else ""
    return CheckResult("附件文件", FAIL, "；".join(problems[:3]) + more +
                       "。可从备份恢复（fazhi backup restore）。")


def _backups(ctx: Context) -> CheckResult:
    from fazhi_desktop.services.backup import backups_dir, list_backups

    if ctx.identity is None:
        return CheckResult("备份", OK, "尚未初始化，暂无需备份")
    infos = list_backups(backups_dir(ctx.data_dir))
    if not infos:
        return CheckResult("备份", WARN, "还没有任何备份。请运行 fazhi backup create（或在程序中“备份”），"
                           "并定期备份到 U 盘（fazhi backup create --to U盘目录）。")
    newest = infos[0]
    age = dt.datetime.now(dt.UTC) - newest.created_at
    when = newest.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    if age > dt.timedelta(days=BACKUP_STALE_DAYS):
        return CheckResult("备份", WARN, f"最近一次备份在 {when}，已超过 {BACKUP_STALE_DAYS} 天。"
                           "请立即备份（fazhi backup create）。")
    return CheckResult("备份", OK, f"共 {len(infos)} 份备份，最近一次在 {when}（{newest.reason_zh}）")


@dataclass(frozen=True)
class StartCheck:
    """Outcome of ``quick_check`` / ``full_check``: ``ok``, and what is wrong (Chinese)."""

    ok: bool
    problems: list[str]

    @property
    def message(self) -> str:
        if self.ok:
            return "数据库检查正常"
        return "数据库已损坏：" + "；".join(self.problems[:3])


def quick_check(ctx: Context) -> StartCheck:
    """The check the GUI runs at start — bounded cost (tens of ms even at 200,000 records).

    The file header, the schema, every small table (``PRAGMA quick_check(table)``) and one full
    walk of the records table's smallest index (``reading.start_problems``). It cannot see
    damage deep inside the big tables: run ``full_check`` afterwards on a background thread,
    and treat any ``is_damage_error`` during use the same way (offer
    ``restore.latest_good_backup``).
    """
    problems = header_problems(ctx.db_path)
    if problems:
        return StartCheck(False, problems)
    try:
        with ctx.engine.connect() as conn:
            problems = start_problems(ctx.db_path, recordsql.dbapi(conn))
    except Exception as exc:  # noqa: BLE001 - any failure to read here means damage
        problems = [str(getattr(exc, "orig", None) or exc)]
    return StartCheck(not problems, problems)


def full_check(ctx: Context) -> StartCheck:
    """``PRAGMA quick_check`` over the whole database (about 1.5 s at 200,000 records).

    For a background thread after start; read-only, it does not block writers (WAL).
    """
    try:
        con = sqlite3.connect(ctx.db_path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return StartCheck(False, [str(exc)])
    return StartCheck(rows == ["ok"], [] if rows == ["ok"] else rows[:20])


def is_damage_error(exc: BaseException) -> bool:
    """Does this exception (sqlite3 or SQLAlchemy) mean the database file is damaged?"""
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.DatabaseError):
        return False
    text_ = str(orig).lower()
    return any(s in text_ for s in ("malformed", "not a database", "corrupt", "disk i/o error"))
