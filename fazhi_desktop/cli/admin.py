"""``fazhi init``, ``fazhi demo``, ``fazhi check``, ``fazhi units``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fazhi_desktop.cli.common import print_json, print_table
from fazhi_desktop.services import Services
from fazhi_desktop.services import demo as demo_service
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.services.health import FAIL, OK, run_checks
from fazhi_desktop.services.setup import SetupInfo, initialise
from fazhi_desktop.services.units import LEVELS


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="首次设置：本单位、本机名称和简码、操作员")
    p.add_argument("--unit-code", required=True)
    p.add_argument("--unit-name", required=True)
    p.add_argument("--node-name", required=True, help="本机名称，如 金峰路街道司法所-张三")
    p.add_argument("--node-code", required=True, help="本机简码（2–6位大写字母或数字），用于编号")
    p.add_argument("--operator", default=None, help="操作员姓名（默认同本机名称）")
    p.add_argument("--unit-level", default="township", choices=list(LEVELS))
    p.set_defaults(func=_init)

    p = sub.add_parser("demo", help="生成演示数据")
    p.add_argument("--records", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=_demo)

    p = sub.add_parser("check", help="检查数据库完整性、版本、审计链、节假日安排")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quick", action="store_true", help="快速检查（quick_check）")
    p.set_defaults(func=_check, readonly=True)

    p = sub.add_parser("units", help="单位：列出或添加")
    usub = p.add_subparsers(dest="action", required=True)
    q = usub.add_parser("list")
    q.set_defaults(func=_units_list, readonly=True)
    q = usub.add_parser("add")
    q.add_argument("code")
    q.add_argument("name")
    q.add_argument("--parent", default=None)
    q.add_argument("--level", default="village", choices=list(LEVELS))
    q.set_defaults(func=_units_add)


def _init(args: argparse.Namespace, sv: Services) -> int:
    info = SetupInfo(args.unit_code, args.unit_name, args.node_name, args.node_code,
                     args.operator or args.node_name, args.unit_level)
    initialise(sv.ctx, info)
    me = sv.ctx.require_identity()
    print(f"已初始化 {sv.ctx.data_dir}：单位 {me.unit_name}（{me.unit_code}），"
          f"本机 {me.node_name}（简码 {me.node_code}），操作员 {me.operator}")
    try:  # this PC's signing key pair, kept in the system keyring (SPEC §7)
        sv.sync.ensure_key()
        print(f"本机同步指纹：{sv.sync.status().fingerprint}")
    except FazhiError as exc:
        print(f"注意：暂未创建同步签名密钥（同步前需要）：{exc}", file=sys.stderr)
    return 0


def _demo(args: argparse.Namespace, sv: Services) -> int:
    sv.ctx.require_identity()
    if args.records <= 0:
        print("错误：--records 应为正整数", file=sys.stderr)
        return 2

    def progress(done: int, total: int) -> None:
        print(f"\r已生成 {done}/{total} 条", end="", file=sys.stderr, flush=True)

    counts = demo_service.generate(sv, args.records, args.seed, progress=progress)
    print(file=sys.stderr)
    print("演示数据：" + "，".join(f"{k} {v} 条" for k, v in counts.items()))
    return 0


def _check(args: argparse.Namespace, sv: Services) -> int:
    results = run_checks(sv.ctx, quick=args.quick)
    if args.json:
        print_json([r.__dict__ for r in results])
    else:
        marks = {OK: "正常", "warning": "注意", FAIL: "错误"}
        for r in results:
            print(f"[{marks[r.status]}] {r.name}：{r.message}")
    return 1 if any(r.status == FAIL for r in results) else 0


def _units_list(args: argparse.Namespace, sv: Services) -> int:
    rows = [[u.code, u.name, u.parent_code or "", LEVELS[u.level]] for u in sv.units.all()]
    print_table(["代码", "名称", "上级", "层级"], rows)
    return 0


def _units_add(args: argparse.Namespace, sv: Services) -> int:
    unit = sv.units.add(args.code, args.name, args.parent, args.level)
    print(f"已添加单位 {unit.name}（{unit.code}）")
    return 0
