"""``fazhi check``: is this data folder healthy? Each check says what it found, in Chinese."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from fazhi_desktop.services import audit
from fazhi_desktop.services.context import Context
from fazhi_desktop.store import migrate

OK, WARN, FAIL = "ok", "warning", "error"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: str  # ok / warning / error
    message: str


def run_checks(ctx: Context, *, quick: bool = False) -> list[CheckResult]:
    results = [_integrity(ctx, quick), _foreign_keys(ctx), _schema(ctx), _audit_chain(ctx),
               _calendar(ctx)]
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
