"""First-run set-up (``fazhi init`` and the GUI wizard): this PC and its office."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from fazhi_desktop.services.context import Context, _put
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.store.models import Node, Unit
from fazhi_desktop.store.types import utcnow

NODE_CODE = re.compile(r"[A-Z0-9]{2,6}")


@dataclass(frozen=True)
class SetupInfo:
    unit_code: str
    unit_name: str
    node_name: str
    node_code: str
    operator: str
    unit_level: str = "township"
    parent_code: str | None = None


def check(info: SetupInfo) -> list[tuple[str, str]]:
    """Problems as ``(field, message)``; empty when the set-up can be saved."""
    problems = []
    if not info.unit_code.strip():
        problems.append(("unit_code", "单位代码不能为空"))
    if not info.unit_name.strip():
        problems.append(("unit_name", "单位名称不能为空"))
    if not info.node_name.strip():
        problems.append(("node_name", "本机名称不能为空（如 金峰路街道司法所-张三）"))
    if not NODE_CODE.fullmatch(info.node_code.strip().upper()):
        problems.append(("node_code", "本机简码应为2–6位大写字母或数字（如 JF1），同一单位内各电脑不要重复"))
    if not info.operator.strip():
        problems.append(("operator", "操作员姓名不能为空"))
    return problems


def initialise(ctx: Context, info: SetupInfo) -> None:
    """Record this PC's identity and its unit; refuses a folder that is already set up."""
    problems = check(info)
    if problems:
        raise FazhiError("初始化信息有误：\n" + "\n".join(f"  - {m}" for _, m in problems))
    with ctx.write() as s:
        if s.scalars(select(Node).where(Node.is_self.is_(True))).first() is not None:
            raise FazhiError(f"数据目录 {ctx.data_dir} 已经初始化过，不能重复初始化")
        now = utcnow()
        node_id = str(uuid.uuid4())
        s.add(Node(id=node_id, name=info.node_name.strip(),
                   short_code=info.node_code.strip().upper(), is_self=True, created_at=now))
        code = info.unit_code.strip()
        if info.parent_code and s.get(Unit, info.parent_code) is None:
            raise FazhiError(f"上级单位代码“{info.parent_code}”不存在")
        if s.get(Unit, code) is None:
            s.add(Unit(code=code, name=info.unit_name.strip(), parent_code=info.parent_code,
                       level=info.unit_level, created_at=now, clock=""))
        _put(s, "unit_code", code)
        _put(s, "operator", info.operator.strip())
    ctx.reload()


def set_operator(ctx: Context, name: str) -> None:
    if not name.strip():
        raise FazhiError("操作员姓名不能为空")
    ctx.set_setting("operator", name.strip())
    ctx.reload()


def set_node_name(ctx: Context, name: str) -> None:
    """Rename this PC (the name colleagues see on its bundles); the short code never changes."""
    if not name.strip():
        raise FazhiError("本机名称不能为空（如 金峰路街道司法所-张三）")
    with ctx.write() as s:
        me = s.scalars(select(Node).where(Node.is_self.is_(True))).first()
        if me is None:
            raise FazhiError(f"数据目录 {ctx.data_dir} 尚未初始化")
        me.name = name.strip()
    ctx.reload()
