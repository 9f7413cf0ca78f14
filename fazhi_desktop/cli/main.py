"""``fazhi`` — the command line: the same services as the GUI (SPEC §10).

Each feature area has its own module with ``register(subparsers)``; every subcommand sets
``func(args, services) -> int``. ``--data-dir DIR`` may stand anywhere on the line.
Errors go to stderr in plain Chinese with a non-zero status; nothing is half written,
because every service call is one transaction.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from fazhi_desktop import __version__
from fazhi_desktop.paths import default_data_dir
from fazhi_desktop.services import lock, open_services
from fazhi_desktop.services.errors import FazhiError, ValidationError

COMMAND_MODULES: tuple[str, ...] = ("admin", "records", "reports", "excel", "safety", "sync")

EXIT_REFUSED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages stay English; add ours
        self.print_usage(sys.stderr)
        print(f"命令参数有误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="fazhi", description="法治工作台账 命令行")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="数据目录（默认为本用户的数据目录）")
    parser.add_argument("--version", action="version", version=f"fazhi {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"fazhi_desktop.cli.{name}").register(sub)
    return parser


def _pull_data_dir(argv: list[str]) -> tuple[list[str], Path | None]:
    """Take ``--data-dir DIR`` (or ``--data-dir=DIR``) from anywhere on the line."""
    rest: list[str] = []
    found: Path | None = None
    it = iter(argv)
    for arg in it:
        if arg == "--data-dir":
            value = next(it, None)
            if value is None:
                print("命令参数有误：--data-dir 后面需要一个目录", file=sys.stderr)
                raise SystemExit(EXIT_USAGE)
            found = Path(value)
        elif arg.startswith("--data-dir="):
            found = Path(arg.split("=", 1)[1])
        else:
            rest.append(arg)
    return rest, found


def main(argv: Sequence[str] | None = None) -> int:
    args_list, data_dir = _pull_data_dir(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(args_list)
    args.data_dir = data_dir or default_data_dir()
    try:
        # One writer per data folder (issue 7, services/lock.py): a command takes the writer
        # lock unless its module marks it ``set_defaults(readonly=True)``; a second writer is
        # refused with a message naming the PC and process holding the folder. Commands that
        # must work on a database too damaged to open set ``open_db=False`` (get no services).
        with _writer_lock(args):
            if not getattr(args, "open_db", True):
                return int(args.func(args, None) or 0)
            with open_services(args.data_dir) as services:
                return int(args.func(args, services) or 0)
    except ValidationError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except FazhiError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("已中断，未完成的操作没有保存。", file=sys.stderr)
        return 130


def _writer_lock(args: argparse.Namespace) -> AbstractContextManager[object]:
    if getattr(args, "readonly", False):
        return nullcontext()
    what = " ".join(str(v) for v in (args.command, getattr(args, "action", None)) if v)
    return lock.acquire(args.data_dir, f"fazhi 命令行（{what}）")


if __name__ == "__main__":
    raise SystemExit(main())
