"""``fazhi excel import|export`` — Excel ledgers (台账) in and out, via ``services.ledger``.

``import`` always shows the preview first: the header row found, which column goes to which
field, the counts, and every problem by row and column. With ``--dry-run`` it stops there;
otherwise it saves the good rows in one transaction (``--strict``: only if no row has a
problem). ``--save-mapping`` writes the mapping used, to be corrected by hand and passed
back with ``--mapping``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from fazhi_desktop.cli.common import print_json, print_table
from fazhi_desktop.domain.convert import record_to_json
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.domain.registers import REGISTERS
from fazhi_desktop.ledger.convert import DUPLICATE, PROBLEM
from fazhi_desktop.ledger.mapping import target_label
from fazhi_desktop.services.ledger import Preview

SKIPPED = {"blank": "空行", "subtotal": "合计/小计行", "footer": "表尾签字行", "header": "重复的表头行"}


def register(sub: Any) -> None:
    excel = sub.add_parser("excel", help="Excel台账：导入已有台账，导出台账")
    esub = excel.add_subparsers(dest="action", required=True)

    p = esub.add_parser("import", help="导入Excel台账（先预览，再把没有问题的行在一个事务中保存）")
    p.add_argument("file", type=Path, help=".xlsx / .xls / .ods 文件")
    p.add_argument("--register", required=True, choices=list(REGISTERS), help="台账类型")
    p.add_argument("--sheet", help="工作表名称（默认：第一个有数据的工作表）")
    p.add_argument("--mapping", type=Path, help="列映射文件（JSON，可由 --save-mapping 生成）")
    p.add_argument("--save-mapping", type=Path, help="把本次使用的列映射保存为 JSON 文件")
    p.add_argument("--dry-run", action="store_true", help="只预览，不保存")
    p.add_argument("--update-duplicates", action="store_true",
                   help="与已有记录重复的行：用表格中的值更新该记录（默认跳过）")
    p.add_argument("--strict", action="store_true", help="只要有一行有问题，就全部不导入")
    p.add_argument("--show-rows", action="store_true", help="逐行列出将要导入的记录")
    p.add_argument("--json", action="store_true", help="以 JSON 输出预览或导入结果")
    p.set_defaults(func=_import)

    p = esub.add_parser("export", help="把一个台账导出为 .xlsx（默认遮蔽个人信息）")
    p.add_argument("--register", required=True, choices=list(REGISTERS))
    p.add_argument("--out", required=True, type=Path, help="输出文件（.xlsx）")
    p.add_argument("--unmasked", action="store_true", help="不遮蔽姓名、身份证号、电话、住址")
    p.add_argument("--status", action="append", help="按状态代码筛选（可重复）")
    p.add_argument("--search", help="查找：编号、姓名、身份证号、电话、简要情况")
    p.add_argument("--unit", help="单位代码（含下级单位）")
    p.add_argument("--handler", help="承办人")
    p.add_argument("--from", dest="received_from", type=_date, help="登记日期从（YYYY-MM-DD）")
    p.add_argument("--to", dest="received_to", type=_date, help="登记日期到（YYYY-MM-DD）")
    p.add_argument("--overdue", action="store_true", help="只导出已超期的")
    p.add_argument("--deleted", action="store_true", help="导出回收站中的记录")
    p.set_defaults(func=_export, readonly=True)  # reads the database; no writer lock needed


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期（应为 YYYY-MM-DD）") from None


def _import(args: argparse.Namespace, sv: Any) -> int:
    ledger = sv.ledger
    preview = ledger.preview(args.file, args.register, sheet=args.sheet, mapping=args.mapping)
    if args.save_mapping:
        preview.mapping.save(args.save_mapping)
    if args.json:
        out: dict[str, Any] = {"preview": _preview_json(preview)}
    else:
        _print_preview(preview, args.show_rows)
    if args.dry_run:
        if args.json:
            print_json(out)
        else:
            print("预览完毕（--dry-run）：没有保存任何记录。")
        return 0
    result = ledger.import_preview(preview, update_duplicates=args.update_duplicates,
                                   strict=args.strict, progress=_progress())
    if args.json:
        out["created"] = [record_to_json(r) for r in result.created]
        out["updated"] = [record_to_json(r) for r in result.updated]
        out["backup"] = result.backup
        print_json(out)
        return 0
    print(f"导入完成：{result.summary()}。")
    if result.backup:
        print(f"导入前已自动备份：{result.backup}")
    for note in result.notes:
        print(note)
    if result.created:
        first, last = result.created[0]["serial"], result.created[-1]["serial"]
        print(f"新记录编号：{first}" + (f" … {last}" if len(result.created) > 1 else ""))
    return 0


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r正在保存… {done}/{total}", end="" if done < total else "\n", file=sys.stderr)

    return show


def _print_preview(preview: Preview, show_rows: bool) -> None:
    reg = REGISTERS[preview.register]
    m = preview.mapping
    where = f"第{m.header_row}–{m.header_row + 1}行" if m.header_rows == 2 else f"第{m.header_row + 1}行"
    print(f"文件：{preview.path.name}　工作表：{preview.sheet}　台账：{reg.zh}　表头：{where}"
          + (f"　无年份日期按{m.year}年" if m.year else ""))
    rows = [[c.letter, c.header or "（无标题）",
             target_label(reg, c.target) + ("（请确认）" if c.guessed else "")]
            for c in m.columns]
    print_table(["列", "表头", "导入为"], rows)
    for note in preview.notes:
        print(f"注意：{note}")
    print(preview.summary() + "。")
    skipped = [f"{SKIPPED[k]}{n}行" for k, n in preview.skipped.items() if n]
    if skipped:
        print("已跳过：" + "，".join(skipped))
    for target, values in preview.unknown_values.items():
        shown = "、".join(f"“{text}”({n}行)" for text, n in values.items())
        print(f"“{target_label(reg, target)}”中无法识别的值：{shown}"
              "（可在列映射文件的 values 中指定对应的代码）")
    # Errors row by row; a reminder that many rows share is printed once with its rows.
    reminders: dict[tuple[str | None, str | None, str], list[int]] = {}
    for row in preview.rows:
        if row.status == DUPLICATE:
            print(f"第{row.row}行：与已有记录 {row.duplicate_of} 重复")
        for problem in row.problems:
            if problem.is_error:
                print(str(problem))
            else:
                reminders.setdefault((problem.column, problem.header, problem.message),
                                     []).append(row.row)
        if show_rows and row.status != PROBLEM and row.record is not None:
            print(f"第{row.row}行 → {_brief(reg.name, row.record)}")
    for (column, header, message), at in reminders.items():
        where = f"{column}列“{header}”" if column else ""
        rows_text = "、".join(str(n) for n in at[:10]) + ("等" if len(at) > 10 else "")
        print(f"提醒：{where}{'：' if where else ''}{message}（第{rows_text}行，共{len(at)}行）")


def _brief(register: str, record: dict[str, Any]) -> str:
    from fazhi_desktop.domain.codes import label

    reg = REGISTERS[register]
    names = "、".join(p["name"] for p in record.get("parties") or [] if p.get("name"))
    return (f"{record.get('received_on') or ''} {label(reg.status_codeset, record.get('status'))}"
            f" {names} {(record.get('summary') or '')[:30]}")


def _preview_json(preview: Preview) -> dict[str, Any]:
    m = preview.mapping
    return {
        "file": str(preview.path), "sheet": preview.sheet, "register": preview.register,
        "header_row": m.header_row + 1, "header_rows": m.header_rows, "year": m.year,
        "columns": [{"column": c.letter, "header": c.header, "target": c.target,
                     "guessed": c.guessed} for c in m.columns],
        "counts": preview.counts, "skipped": preview.skipped,
        "unknown_values": preview.unknown_values, "notes": preview.notes,
        "rows": [{"row": r.row, "status": r.status, "duplicate_of": r.duplicate_of,
                  "problems": [{"column": p.column, "header": p.header, "field": p.field,
                                "severity": p.severity, "message": p.message}
                               for p in r.problems]} for r in preview.rows],
    }


def _export(args: argparse.Namespace, sv: Any) -> int:
    if args.unit:
        sv.units.get(args.unit)
    filters = Filters(register=args.register, status=args.status, search=args.search,
                      unit=args.unit, handler=args.handler, received_from=args.received_from,
                      received_to=args.received_to, deleted=args.deleted,
                      overdue_on=sv.ctx.today() if args.overdue else None,
                      order_by="received_on", descending=False)
    count = sv.ledger.export(args.out, args.register, filters, masked=not args.unmasked)
    if count == 0:
        print(f"没有符合条件的记录；已写出只有表头的 {args.out}", file=sys.stderr)
    else:
        masked = "（个人信息已遮蔽；如需完整信息请加 --unmasked）" if not args.unmasked else ""
        print(f"已导出 {count} 条记录到 {args.out}{masked}")
    return 0

