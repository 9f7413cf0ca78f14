"""Small helpers shared by the command modules: reading JSON input, printing output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from fazhi_desktop.services.errors import FazhiError


def read_json(source: str) -> Any:
    """JSON from a file path, or from standard input when ``source`` is ``-``."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise FazhiError(f"无法读取 {source}：{exc.strerror or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FazhiError(f"{source} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A plain text table that lines up Chinese (double-width) characters."""
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()

    print(line(headers))
    for row in rows:
        print(line(row))
