"""``shishi-cli``: the ledger from the command line.

Exit codes: 0 success; 2 a user error (a one-line Chinese message on stderr, no traceback);
3 ``verify`` found the audit chain broken; anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from tracker import __version__
from tracker.cli import (
    db_commands,
    excel_commands,
    ledger_commands,
    report_commands,
    stats_commands,
    workflow_commands,
)
from tracker.cli.output import use_utf8_streams
from tracker.errors import TrackerError

EXIT_USER_ERROR = 2


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with a Chinese lead-in for usage errors (exit 2, like other user errors)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}：命令行参数有误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="shishi-cli",
        description="实事台账命令行：建库、演示数据、查询、备份。",
    )
    parser.add_argument("--version", action="version", version=f"实事台账 {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="数据库：SQLite 文件路径或 postgresql+psycopg://… 地址（默认取 SHISHI_DB 或本机数据目录）",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    sub.required = True
    ledger_commands.register(sub)
    workflow_commands.register(sub)
    stats_commands.register(sub)
    excel_commands.register(sub)
    excel_commands.register_export(sub)
    report_commands.register(sub)
    db_commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    use_utf8_streams()
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except TrackerError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
