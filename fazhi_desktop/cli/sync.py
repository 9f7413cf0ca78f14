"""``fazhi sync setup|status|peers|revoke``, ``fazhi bundle export|inspect|import``,
``fazhi conflicts list|settle`` (SPEC §7, §10)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fazhi_desktop.cli.common import print_json, print_table
from fazhi_desktop.domain.registers import REGISTERS
from fazhi_desktop.services import Services
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.services.sync import ImportPreview, SyncService

TRUST_ZH = {"trusted": "已信任", "unknown": "尚未信任", "revoked": "已撤销信任",
            "key_changed": "签名密钥与已信任的不同！", "self": "本机自己导出的"}
COUNT_ZH = (("new", "新增"), ("updated", "更新"), ("conflicting", "有冲突"), ("deleted", "删除"),
            ("restored", "恢复"), ("unchanged", "无变化"))


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="同步设置：同步口令、本机指纹、已信任的同事")
    ssub = p.add_subparsers(dest="action", required=True)
    q = ssub.add_parser("setup", help="把全单位共用的同步口令存入系统密钥环，并生成本机签名密钥")
    q.add_argument("--passphrase-file", required=True,
                   help="含同步口令的文本文件（第一行），或 - 表示标准输入")
    q.set_defaults(func=_setup)
    q = ssub.add_parser("status", help="本机指纹、同步口令是否已设置、密钥环状态")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=_status, readonly=True)
    q = ssub.add_parser("peers", help="列出已信任的同事")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=_peers, readonly=True)
    q = ssub.add_parser("revoke", help="撤销对某位同事的信任（此后拒绝其同步包）")
    q.add_argument("node", help="同事的节点ID、简码或名称")
    q.set_defaults(func=_revoke)

    p = sub.add_parser("bundle", help="同步包：导出、查看、导入")
    bsub = p.add_subparsers(dest="action", required=True)
    q = bsub.add_parser("export", help="导出同步包（默认增量）")
    q.add_argument("--out", required=True, type=Path, help="输出文件（.fzb）")
    group = q.add_mutually_exclusive_group()
    group.add_argument("--to", help="只导出这位同事（节点ID、简码或名称）还没有的数据")
    group.add_argument("--full", action="store_true", help="导出全部数据")
    q.add_argument("--format-version", type=int, choices=(1, 2), default=2,
                   help="同步包格式版本（默认 2；给仍使用旧版本程序的同事导出时用 1）")
    q.set_defaults(func=_export)
    q = bsub.add_parser("inspect", help="查看同步包的包头和数量（无需口令）")
    q.add_argument("file", type=Path)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=_inspect, readonly=True)
    q = bsub.add_parser("import", help="导入同步包（先校验签名，导入前自动备份）")
    q.add_argument("file", type=Path)
    q.add_argument("--trust", action="store_true",
                   help="信任发送方（请先与对方核对指纹）")
    q.add_argument("--dry-run", action="store_true", help="只预览，不修改数据库")
    q.add_argument("--json", action="store_true", help="以 JSON 输出预览/结果")
    q.set_defaults(func=_import)

    p = sub.add_parser("conflicts", help="同步冲突：列出、处理")
    csub = p.add_subparsers(dest="action", required=True)
    q = csub.add_parser("list", help="列出未处理的冲突")
    q.add_argument("--json", action="store_true")
    q.add_argument("--all", action="store_true", help="包括已处理的")
    q.set_defaults(func=_conflicts_list, readonly=True)
    q = csub.add_parser("settle", help="处理一个冲突")
    q.add_argument("id", help="冲突ID（可只写前8位）")
    q.add_argument("--keep", required=True, choices=["local", "incoming"],
                   help="local：保留本机记录中的当前值；incoming：改用冲突中保存的另一个值")
    q.set_defaults(func=_settle)


def _sync(services: Services) -> SyncService:
    existing = getattr(services, "sync", None)
    return existing if isinstance(existing, SyncService) else SyncService(services.ctx)


def _setup(args: argparse.Namespace, services: Services) -> int:
    try:
        text = (sys.stdin.read() if args.passphrase_file == "-"
                else Path(args.passphrase_file).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise FazhiError(f"无法读取口令文件 {args.passphrase_file}：{exc.strerror or exc}") from None
    lines = text.splitlines()
    status = _sync(services).setup(lines[0] if lines else "")
    print(f"同步口令已存入系统密钥环（{status.keyring.backend}）。")
    print(f"本机：{status.node_name}")
    print(f"本机指纹：{status.fingerprint}")
    print("请把本机指纹告诉同事，供其首次导入您的同步包时核对。")
    return 0


def _status(args: argparse.Namespace, services: Services) -> int:
    status = _sync(services).status()
    if args.json:
        print_json({"node_id": status.node_id, "node_name": status.node_name,
                    "fingerprint": status.fingerprint, "passphrase_set": status.passphrase_set,
                    "keyring_ok": status.keyring.ok, "keyring": status.keyring.backend})
        return 0
    print(f"本机：{status.node_name}（{status.node_id}）")
    print(f"本机指纹：{status.fingerprint or '尚未生成（运行 fazhi sync setup）'}")
    print(f"同步口令：{'已设置' if status.passphrase_set else '未设置'}")
    print(status.keyring.message)
    return 0 if status.keyring.ok else 1


def _peers(args: argparse.Namespace, services: Services) -> int:
    found = _sync(services).peers()
    if args.json:
        print_json([p.__dict__ for p in found])
        return 0
    if not found:
        print("还没有信任任何同事。")
        return 0
    print_table(["名称", "简码", "指纹", "状态", "最近导入"],
                [[p.name, p.code, p.fingerprint, "已信任" if p.trusted else "已撤销",
                  p.last_import_at or ""] for p in found])
    return 0


def _revoke(args: argparse.Namespace, services: Services) -> int:
    sync = _sync(services)
    match = [p for p in sync.peers() if args.node in (p.node_id, p.code, p.name)]
    if len(match) != 1:
        raise FazhiError(f"找不到同事“{args.node}”（可用 fazhi sync peers 查看）")
    sync.revoke(match[0].node_id)
    print(f"已撤销对“{match[0].name}”的信任，此后将拒绝其同步包。")
    return 0


def _export(args: argparse.Namespace, services: Services) -> int:
    result = _sync(services).export(args.out, to=args.to, full=args.full,
                                    format_version=args.format_version)
    counts = result.counts.get("records", {})
    total = sum(counts.values())
    kind = "完整" if result.kind == "full" else "增量"
    print(f"已导出{kind}同步包 {result.path}（{result.size:,} 字节）：记录 {total} 条"
          + "".join(f"，{REGISTERS[k].zh} {v}" for k, v in counts.items() if v)
          + f"；审计记录 {result.counts.get('audit', 0)} 条；冲突 {result.counts.get('conflicts', 0)} 条"
          + f"；附件 {result.counts.get('attachments', 0)} 个"
          f"（其中随包的文件 {result.counts.get('attachment_files', 0)} 个）。")
    for warning in result.warnings[:20]:
        print(f"注意：{warning}", file=sys.stderr)
    return 0


def _inspect(args: argparse.Namespace, services: Services) -> int:
    info = _sync(services).check(args.file)
    header = info.header
    if args.json:
        print_json({"header": header, "trust": info.trust})
        return 0
    counts = header.get("counts", {})
    print(f"文件：{info.path}（签名有效）")
    print(f"格式版本：{header.get('format_version')}，程序版本 {header.get('app_version')}")
    print(f"发送方：{info.sender_name}（{info.sender_id}）")
    print(f"指纹：{info.fingerprint}（{TRUST_ZH.get(info.trust, info.trust)}）")
    print(f"生成时间：{header.get('created_at')}，类型：{'完整' if header.get('kind') == 'full' else '增量'}")
    records = counts.get("records", {})
    print("记录：" + "，".join(f"{REGISTERS[k].zh} {v}" for k, v in records.items() if k in REGISTERS)
          + f"；审计记录 {counts.get('audit', 0)}；冲突 {counts.get('conflicts', 0)}"
          + f"；附件 {counts.get('attachments', 0)}（文件 {counts.get('attachment_files', 0)}）")
    return 0


def _preview_json(preview: ImportPreview) -> dict[str, Any]:
    return {"sender": preview.sender_name, "fingerprint": preview.fingerprint,
            "kind": preview.kind,
            "registers": {k: c.__dict__ for k, c in preview.counts.items()},
            "conflicts_received": preview.conflicts_received,
            "audit_entries": preview.audit_entries, "attachments": preview.attachments,
            "attachment_files": preview.attachment_files, "warnings": preview.warnings}


def _print_preview(preview: ImportPreview) -> None:
    print_table(["台账"] + [zh for _, zh in COUNT_ZH],
                [[REGISTERS[k].zh] + [str(getattr(c, key)) for key, _ in COUNT_ZH]
                 for k, c in preview.counts.items()])
    print(f"新的冲突/冲突处理结果：{preview.conflicts_received}；新的审计记录：{preview.audit_entries}"
          f"；新增或变更的附件：{preview.attachments}（需保存的附件文件 {preview.attachment_files} 个）")
    for warning in preview.warnings[:20]:
        print(f"注意：{warning}")


def _import(args: argparse.Namespace, services: Services) -> int:
    result = _sync(services).import_bundle(args.file, trust=args.trust, dry_run=args.dry_run)
    if args.json:
        print_json({"applied": result.applied, "dry_run": args.dry_run,
                    "backup": str(result.backup) if result.backup else None,
                    **_preview_json(result.preview)})
        return 0
    source = f"{result.preview.sender_name}（指纹 {result.preview.fingerprint}）"
    if args.dry_run:
        print(f"预览：导入来自{source}的同步包将会（数据库未作修改）：")
    elif result.applied:
        print(f"已导入来自{source}的同步包：")
    else:
        print(f"来自{source}的同步包中没有本机尚未有的内容，数据库未作修改。")
    _print_preview(result.preview)
    if result.backup:
        print(f"导入前已自动备份到 {result.backup}")
    return 0


def _conflicts_list(args: argparse.Namespace, services: Services) -> int:
    found = _sync(services).conflicts(include_settled=args.all)
    if args.json:
        print_json([c.as_json() for c in found])
        return 0
    if not found:
        print("没有未处理的冲突。" if not args.all else "没有冲突。")
        return 0
    print_table(["冲突ID", "记录", "字段", "本机当前值(local)", "另一值(incoming)", "另一值来自", "状态"],
                [[c.id[:8], c.serial, c.field_label, _short(c.local), _short(c.incoming),
                  c.incoming_by, ("已处理:" + (c.settled_keep or "")) if c.settled else "未处理"]
                 for c in found])
    return 0


def _short(value: Any) -> str:
    text = "（空）" if value in (None, "", []) else str(value)
    return text if len(text) <= 24 else text[:23] + "…"


def _settle(args: argparse.Namespace, services: Services) -> int:
    record = _sync(services).settle(args.id, args.keep)
    what = "保留本机当前值" if args.keep == "local" else "改用冲突中的另一值"
    print(f"冲突已处理（{what}），记录 {record['serial']}。处理结果会随下次同步传给同事。")
    return 0
