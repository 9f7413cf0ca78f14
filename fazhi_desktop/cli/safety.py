"""``fazhi backup create|list|verify|restore|keep`` and ``fazhi attachments add|list|open|remove|restore``.

Backup commands other than ``keep`` work on the data folder itself (``open_db=False``), so
they also work when the database is too damaged to open. ``backup create`` and the read-only
attachment commands don't take the writer lock: a backup may be made while the GUI is open.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fazhi_desktop.cli.common import print_json, print_table
from fazhi_desktop.services import Services
from fazhi_desktop.services import backup as backups
from fazhi_desktop.services import restore as restoring
from fazhi_desktop.services.attachments import Attachment, AttachmentService
from fazhi_desktop.services.errors import FazhiError

REGISTER_ZH = {"disputes": "纠纷", "petitions": "信访", "lawsuits": "诉讼", "reviews": "审查"}


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="备份：创建、列出、检查、恢复")
    bsub = p.add_subparsers(dest="action", required=True)

    q = bsub.add_parser("create", help="立即备份（数据库和附件）")
    q.add_argument("--to", type=Path, default=None, help="备份到这个文件夹（如 U 盘），默认为数据目录下的 backups")
    q.add_argument("--note", default="", help="备注")
    q.set_defaults(func=_create, readonly=True, open_db=False)

    q = bsub.add_parser("list", help="列出备份：时间、原因、大小、记录数")
    q.add_argument("--dir", type=Path, default=None, help="列出这个文件夹中的备份（如 U 盘）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=_list, readonly=True, open_db=False)

    q = bsub.add_parser("verify", help="检查一份备份是否完好（不做任何改动）")
    q.add_argument("source", help="备份名称，或备份文件夹/数据库文件的路径")
    q.set_defaults(func=_verify, readonly=True, open_db=False)

    q = bsub.add_parser("restore", help="从备份恢复（先检查备份，再备份当前数据，然后恢复）")
    q.add_argument("source", help="备份名称，或备份文件夹/数据库文件的路径")
    q.add_argument("--other-pc", action="store_true",
                   help="允许用另一台电脑的备份替换本机数据（本机将使用那台电脑的身份）")
    q.set_defaults(func=_restore, open_db=False)

    q = bsub.add_parser("keep", help="设置自动备份保留的份数")
    q.add_argument("reason", choices=list(backups.DEFAULT_KEEP))
    q.add_argument("count", type=int)
    q.set_defaults(func=_keep)

    p = sub.add_parser("attachments", help="附件：添加、列出、打开、删除到回收站、恢复")
    asub = p.add_subparsers(dest="action", required=True)

    q = asub.add_parser("add", help="给记录添加附件（扫描件等）")
    q.add_argument("id", help="记录ID或编号")
    q.add_argument("files", nargs="+", type=Path)
    q.set_defaults(func=_att_add)

    q = asub.add_parser("list", help="列出记录的附件")
    q.add_argument("id", help="记录ID或编号")
    q.add_argument("--all", action="store_true", help="包括回收站中的附件")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=_att_list, readonly=True)

    q = asub.add_parser("open", help="用系统默认程序打开附件")
    q.add_argument("att", help="附件编号（fazhi attachments list 中的前几位即可）")
    q.add_argument("--print", action="store_true", dest="print_only",
                   help="只输出文件路径，不打开")
    q.set_defaults(func=_att_open, readonly=True)

    for name, text in (("remove", "把附件移到回收站"), ("restore", "从回收站恢复附件")):
        q = asub.add_parser(name, help=text)
        q.add_argument("att", help="附件编号")
        q.set_defaults(func=_att_remove if name == "remove" else _att_restore)


# --- backup -----------------------------------------------------------------------------------

def _create(args: argparse.Namespace, _sv: Services | None) -> int:
    info = backups.create_backup(args.data_dir, "manual", to=args.to, note=args.note)
    print(f"已备份到 {info.path}")
    print(f"  {_counts(info)}；附件 {info.attachments} 个；大小 {_mb(info.size)}；数据库版本 {info.revision}")
    if info.missing_attachments:
        print(f"注意：有 {len(info.missing_attachments)} 个附件文件在数据目录中找不到，未能备份"
              "（运行 fazhi check 查看）", file=sys.stderr)
    return 0


def _list(args: argparse.Namespace, _sv: Services | None) -> int:
    folder = args.dir or backups.backups_dir(args.data_dir)
    infos = backups.list_backups(folder)
    if args.json:
        print_json([i.to_json() for i in infos])
        return 0
    if not infos:
        print(f"{folder} 中没有备份")
        return 0
    rows = [[i.name, i.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), i.reason_zh,
             _mb(i.size), _counts(i), str(i.attachments), i.revision or ""] for i in infos]
    print_table(["名称", "时间", "原因", "大小", "记录", "附件", "版本"], rows)
    print(f"共 {len(infos)} 份，位于 {folder}")
    return 0


def _verify(args: argparse.Namespace, _sv: Services | None) -> int:
    path = backups.find_backup(args.data_dir, args.source)
    verdict = restoring.verify_backup(path)
    if verdict.ok:
        print(f"备份完好：{path}（数据库版本 {verdict.revision}）")
        return 0
    print(f"备份有问题：{path}", file=sys.stderr)
    for problem in verdict.problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def _restore(args: argparse.Namespace, _sv: Services | None) -> int:
    result = restoring.restore_backup(args.data_dir, args.source, allow_other_pc=args.other_pc)
    print(f"已从 {result.source} 恢复，共 {result.records} 条记录（含回收站）。")
    if result.migrated_from:
        print(f"  备份的数据库版本为 {result.migrated_from}，已升级到当前版本。")
    if result.pre_restore is not None:
        print(f"  恢复前的数据已备份为 {result.pre_restore.name}（需要时可再恢复回去）。")
    if result.damaged_saved_to is not None:
        print(f"  原数据库已损坏，其文件已原样保存到 {result.damaged_saved_to}。")
    if result.missing_attachments:
        print(f"注意：有 {len(result.missing_attachments)} 个附件文件在备份和数据目录中都找不到。",
              file=sys.stderr)
    return 0


def _keep(args: argparse.Namespace, sv: Services) -> int:
    backups.set_keep_count(sv.ctx, args.reason, args.count)
    print(f"{backups.REASONS[args.reason]}将保留最近 {args.count} 份")
    return 0


def _counts(info: backups.BackupInfo) -> str:
    parts = [f"{REGISTER_ZH.get(k, k)} {v}" for k, v in sorted(info.counts.items())
             if k != "deleted"]
    text = "，".join(parts) or "无记录"
    if info.counts.get("deleted"):
        text += f"（回收站 {info.counts['deleted']}）"
    return text


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


# --- attachments ------------------------------------------------------------------------------

def _att_add(args: argparse.Namespace, sv: Services) -> int:
    record = sv.records.find(args.id)
    service = AttachmentService(sv.ctx)
    for path in args.files:
        att = service.add(record["id"], path)
        print(f"已添加附件 {att.short_id}  {att.name}（{_size(att.size)}）到 {record['serial']}")
    return 0


def _att_list(args: argparse.Namespace, sv: Services) -> int:
    record = sv.records.find(args.id)
    items = AttachmentService(sv.ctx).list(record["id"], include_removed=args.all)
    if args.json:
        print_json([_att_json(a) for a in items])
        return 0
    if not items:
        print(f"{record['serial']} 没有附件")
        return 0
    rows = [[a.short_id, a.name, _size(a.size), a.added_at.astimezone().strftime("%Y-%m-%d %H:%M"),
             a.added_by, "回收站" if a.deleted else ("随记录在回收站" if a.record_deleted else "")]
            for a in items]
    print_table(["编号", "文件名", "大小", "添加时间", "添加人", "状态"], rows)
    return 0


def _att_open(args: argparse.Namespace, sv: Services) -> int:
    service = AttachmentService(sv.ctx)
    if args.print_only:
        print(service.export_for_viewing(args.att))
        return 0
    try:
        path = service.open(args.att)
    except FazhiError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已打开 {path}")
    return 0


def _att_remove(args: argparse.Namespace, sv: Services) -> int:
    att = AttachmentService(sv.ctx).remove(args.att)
    print(f"已将附件“{att.name}”移到回收站（可用 fazhi attachments restore {att.short_id} 恢复）")
    return 0


def _att_restore(args: argparse.Namespace, sv: Services) -> int:
    att = AttachmentService(sv.ctx).restore(args.att)
    print(f"已恢复附件“{att.name}”")
    return 0


def _att_json(a: Attachment) -> dict[str, Any]:
    return {"id": a.id, "record_id": a.record_id, "name": a.name, "size": a.size, "mime": a.mime,
            "sha256": a.sha256, "added_at": a.added_at.isoformat(), "added_by": a.added_by,
            "deleted": a.deleted, "record_deleted": a.record_deleted}


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    return f"{size / 1024:.0f} KB" if size < 2**20 else f"{size / 2**20:.1f} MB"
