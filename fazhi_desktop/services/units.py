"""Org units (SPEC §6): a tree of district → township/street → village/community → grid."""

from __future__ import annotations

from sqlalchemy import select

from fazhi_desktop.services.context import Context
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.services.reading import UnitInfo
from fazhi_desktop.store.models import Unit
from fazhi_desktop.store.recordsql import descendants_cte
from fazhi_desktop.store.types import utcnow

LEVELS = {"district": "区县", "township": "乡镇/街道", "village": "村/社区", "grid": "网格"}


class UnitService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add(self, code: str, name: str, parent_code: str | None = None,
            level: str = "township") -> UnitInfo:
        code, name = code.strip(), name.strip()
        if not code or not name:
            raise FazhiError("单位代码和名称都不能为空")
        if level not in LEVELS:
            raise FazhiError(f"单位层级“{level}”无效，可用：{'、'.join(LEVELS)}")
        with self.ctx.write() as s:
            if s.get(Unit, code) is not None:
                raise FazhiError(f"单位代码“{code}”已存在")
            if parent_code and s.get(Unit, parent_code) is None:
                raise FazhiError(f"上级单位代码“{parent_code}”不存在")
            stamp = self.ctx.clock.now() if self.ctx.clock else ""
            s.add(Unit(code=code, name=name, parent_code=parent_code, level=level,
                       created_at=utcnow(), clock=stamp))
        return UnitInfo(code, name, parent_code, level)

    def ensure(self, code: str, name: str, parent_code: str | None, level: str) -> None:
        with self.ctx.read() as s:
            exists = s.get(Unit, code) is not None
        if not exists:
            self.add(code, name, parent_code, level)

    def all(self) -> list[UnitInfo]:
        with self.ctx.read() as s:
            return [UnitInfo(u.code, u.name, u.parent_code, u.level)
                    for u in s.scalars(select(Unit).order_by(Unit.code))]

    def get(self, code: str) -> UnitInfo:
        with self.ctx.read() as s:
            unit = s.get(Unit, code)
        if unit is None:
            raise FazhiError(f"单位代码“{code}”不存在")
        return UnitInfo(unit.code, unit.name, unit.parent_code, unit.level)

    def descendants(self, code: str) -> list[str]:
        """``code`` and every unit below it."""
        self.get(code)
        with self.ctx.read() as s:
            return list(s.execute(descendants_cte(code)).scalars())

    def children(self, code: str) -> list[UnitInfo]:
        with self.ctx.read() as s:
            return [UnitInfo(u.code, u.name, u.parent_code, u.level) for u in
                    s.scalars(select(Unit).where(Unit.parent_code == code).order_by(Unit.code))]
