"""Errors the services raise; every message is written for the user, in Chinese."""

from __future__ import annotations

from fazhi_desktop.domain.problems import Problem


class FazhiError(Exception):
    """Base of every error a user may see; ``str(err)`` is the message to show."""


class NotFound(FazhiError):
    pass


class NotInitialised(FazhiError):
    def __init__(self, data_dir: object) -> None:
        super().__init__(f"数据目录 {data_dir} 尚未初始化，请先运行 fazhi init（或在程序中完成首次设置）。")


class ValidationError(FazhiError):
    """A write refused because of problems; nothing was saved.

    ``problems`` holds ``(item index or None, Problem)`` pairs — the index is the position in
    a batch (``records add`` with an array), None for a single record.
    """

    def __init__(self, problems: list[tuple[int | None, Problem]], register_zh: str = "") -> None:
        self.problems = problems
        lines = []
        for index, problem in problems:
            where = f"第{index + 1}条：" if index is not None else ""
            lines.append(f"{where}{problem.message}")
        head = "数据有误，未保存" + (f"（{register_zh}）" if register_zh else "") + "："
        super().__init__(head + "\n" + "\n".join(f"  - {line}" for line in lines))

    def fields(self) -> set[str]:
        return {p.field for _, p in self.problems}
