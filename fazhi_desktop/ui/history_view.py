"""A record's audit trail (修改记录): who changed what, on which PC, from what to what."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.convert import parse_date
from fazhi_desktop.services.audit import HistoryEntry
from fazhi_desktop.ui import columns as C
from fazhi_desktop.ui import i18n
from fazhi_desktop.ui.i18n import tr


def action_label(action: str) -> str:
    return {"create": tr("新建"), "update": tr("修改"), "delete": tr("删除（移入回收站）"),
            "restore": tr("从回收站恢复"), "merge": tr("同步合并"),
            "conflict": tr("同步冲突"), "settle": tr("处理冲突")}.get(action, action)


def value_text(register: R.Register, name: str, value: Any) -> str:
    """A value of the audit trail (JSON form) as a person reads it."""
    if value in (None, "", []):
        return tr("（空）")
    if name == "deleted":
        return tr("在回收站") if value else tr("正常")
    if isinstance(value, list):
        names = [v if isinstance(v, str) else  # attachments: file names
                 str(v.get("name") or v.get("held_on") or "") for v in value
                 if isinstance(v, (dict, str))]
        return "、".join(n for n in names if n) or tr("{n} 项").format(n=len(value))
    if register.has_field(name) and register.field(name).kind == R.DATE:
        try:
            return parse_date(value).isoformat()
        except ValueError:
            return str(value)
    return C.display(register.name, name, value)


def change_lines(register: R.Register, changes: dict[str, list[Any]]) -> list[str]:
    lang = i18n.current()
    order = {f.name: i for i, f in enumerate(register.fields)}
    lines = []
    for name in sorted(changes, key=lambda n: order.get(n, len(order))):
        before, after = (list(changes[name]) + [None, None])[:2]
        if name == "deleted" and not before and not after:
            continue  # "not deleted" at creation says nothing
        label = register.field(name).label(lang) if register.has_field(name) else \
            {"deleted": tr("回收站"), "attachments": tr("附件")}.get(name, name)
        lines.append(f"{label}：{value_text(register, name, before)} → "
                     f"{value_text(register, name, after)}")
    return lines


class HistoryView(QTreeWidget):
    def __init__(self, register: R.Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.setHeaderLabels([tr("时间"), tr("操作"), tr("操作员"), tr("电脑"), tr("内容")])
        for column, width in enumerate((140, 110, 70, 160)):
            self.setColumnWidth(column, width)
        self.setRootIsDecorated(True)
        self.setAlternatingRowColors(True)

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.clear()
        for entry in reversed(entries):  # newest first
            lines = change_lines(self.register, entry.changes)
            at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=dt.UTC)
            item = QTreeWidgetItem([at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                                    action_label(entry.action), entry.operator,
                                    entry.node_name,
                                    lines[0] if len(lines) == 1 else
                                    tr("{n} 个字段").format(n=len(lines))])
            if len(lines) > 1:
                for line in lines:
                    item.addChild(QTreeWidgetItem(["", "", "", "", line]))
            item.setToolTip(4, "\n".join(lines))
            self.addTopLevelItem(item)
        self.expandToDepth(0)
