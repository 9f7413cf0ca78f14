"""``fazhi records add|update|get|list|delete|restore|history``."""

from __future__ import annotations

import argparse
from typing import Any

from fazhi_desktop.cli.common import print_json, print_table, read_json
from fazhi_desktop.domain.codes import label
from fazhi_desktop.domain.convert import jsonable, record_to_json
from fazhi_desktop.domain.registers import REGISTERS
from fazhi_desktop.services import Services
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.domain.filters import Filters

ACTIONS = {"create": "新建", "update": "修改", "delete": "删除", "restore": "恢复",
           "merge": "同步合并", "settle": "冲突处理"}


def register(sub: Any) -> None:
    records = sub.add_parser("records", help="台账记录：新增、修改、查询、删除、恢复、历史")
    rsub = records.add_subparsers(dest="action", required=True)

    p = rsub.add_parser("add", help="新增记录（JSON 对象或数组，数组在一个事务中全部保存或全部不保存）")
    p.add_argument("register", choices=list(REGISTERS))
    p.add_argument("--json", required=True, dest="source", help="JSON 文件，或 - 表示标准输入")
    p.set_defaults(func=_add)

    p = rsub.add_parser("update", help="修改记录（只改给出的字段）")
    p.add_argument("id")
    p.add_argument("--json", required=True, dest="source")
    p.set_defaults(func=_update)

    p = rsub.add_parser("get", help="以 JSON 输出一条记录")
    p.add_argument("id", help="记录ID或编号")
    p.set_defaults(func=_get, readonly=True)

    p = rsub.add_parser("list", help="列出台账记录")
    p.add_argument("register", choices=list(REGISTERS))
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--status", action="append", help="按状态代码筛选（可重复）")
    p.add_argument("--search", help="查找：编号、姓名、身份证号、电话、简要情况")
    p.add_argument("--unit", help="单位代码（含下级单位）")
    p.add_argument("--handler", help="承办人")
    p.add_argument("--overdue", action="store_true", help="只列出已超期的")
    p.add_argument("--deleted", action="store_true", help="列出回收站中的记录")
    p.add_argument("--limit", type=int, default=None)
    p.set_defaults(func=_list, readonly=True)

    for name, text in (("delete", "删除到回收站"), ("restore", "从回收站恢复")):
        p = rsub.add_parser(name, help=text)
        p.add_argument("id", help="记录ID或编号")
        p.set_defaults(func=_delete if name == "delete" else _restore)

    p = rsub.add_parser("history", help="一条记录的修改历史（审计记录）")
    p.add_argument("id", help="记录ID或编号")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_history, readonly=True)


def _add(args: argparse.Namespace, sv: Services) -> int:
    data = read_json(args.source)
    items = data if isinstance(data, list) else [data]
    if not items:
        raise FazhiError("JSON 数组是空的，没有要新增的记录")
    created = sv.records.create_many(args.register, items)
    out = [record_to_json(r) for r in created]
    print_json(out if isinstance(data, list) else out[0])
    return 0


def _update(args: argparse.Namespace, sv: Services) -> int:
    changes = read_json(args.source)
    if not isinstance(changes, dict):
        raise FazhiError("修改内容应为一个 JSON 对象")
    record = sv.records.find(args.id)
    print_json(record_to_json(sv.records.update(record["id"], changes)))
    return 0


def _get(args: argparse.Namespace, sv: Services) -> int:
    print_json(record_to_json(sv.records.find(args.id)))
    return 0


def _list(args: argparse.Namespace, sv: Services) -> int:
    filters = Filters(register=args.register, status=args.status, search=args.search,
                      unit=args.unit, handler=args.handler, deleted=args.deleted,
                      overdue_on=sv.ctx.today() if args.overdue else None)
    if args.unit:
        sv.units.get(args.unit)
    records = sv.records.fetch(sv.records.nums(filters, args.limit), with_children=False)
    if args.json:
        print_json([record_to_json(r) for r in records])
        return 0
    reg = REGISTERS[args.register]
    rows = [[r["serial"], str(r["received_on"] or ""), label(reg.status_codeset, r["status"]),
             r.get("party_names", ""), (r["summary"] or "")[:24], str(r["due_on"] or "")]
            for r in records]
    print_table(["编号", "登记日期", "状态", "当事人", "简要情况", "期限"], rows)
    print(f"共 {len(records)} 条")
    return 0


def _delete(args: argparse.Namespace, sv: Services) -> int:
    record = sv.records.delete(sv.records.find(args.id)["id"])
    print(f"已将 {record['serial']} 移到回收站（可用 fazhi records restore 恢复）")
    return 0


def _restore(args: argparse.Namespace, sv: Services) -> int:
    record = sv.records.restore(sv.records.find(args.id)["id"])
    print(f"已恢复 {record['serial']}")
    return 0


def _history(args: argparse.Namespace, sv: Services) -> int:
    entries = sv.records.history(sv.records.find(args.id)["id"])
    if args.json:
        print_json([{"at": jsonable(e.at), "action": e.action, "operator": e.operator,
                     "node_id": e.node_id, "node_name": e.node_name, "changes": e.changes}
                    for e in entries])
        return 0
    for e in entries:
        local = e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{local}  {ACTIONS.get(e.action, e.action)}  {e.operator}（{e.node_name}）")
        for field, (old, new) in e.changes.items():
            print(f"    {field}: {_show(old)} → {_show(new)}")
    return 0


def _show(value: Any) -> str:
    if value in (None, "", []):
        return "（空）"
    return str(value)
