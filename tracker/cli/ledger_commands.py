"""CLI commands for the ledger file and its contents: init, demo, list, show, backup, restore."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tracker import query
from tracker.backup import list_backups, manual_backup, restore_sqlite
from tracker.cli.output import table, to_json
from tracker.db import Database, open_database, upgrade_database
from tracker.demo import generate_demo
from tracker.enums import Status
from tracker.errors import StorageError, ValidationError
from tracker.models import Item
from tracker.paths import backups_dir_for, resolve_db_url, sqlite_file
from tracker.services.registry import ensure_admin
from tracker.workdays import seed_holidays


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="创建（或升级）台账数据库")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="生成演示台账（按种子可重复）")
    p.add_argument("--items", type=_positive_int, default=2000, help="事项数量（默认 2000）")
    p.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
    p.add_argument("--if-empty", action="store_true", help="台账已有事项时跳过而不报错")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("list", help="列出事项")
    add_filter_arguments(p)
    p.add_argument("--limit", type=_positive_int, help="最多列出多少条")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="显示一个事项的全部记录")
    p.add_argument("code", help="事项编号")
    p.add_argument("--list", dest="list_name", help="清单名称（编号在多个清单重复时）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("backup", help="在线备份台账（SQLite）")
    p.add_argument(
        "--to", type=Path, help="备份文件路径，如 U 盘上的文件（默认：台账旁的 backups 文件夹）"
    )
    p.add_argument("--list", dest="list_only", action="store_true", help="列出已有的备份")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="用备份替换当前台账（当前文件先另存）")
    p.add_argument("backup", type=Path, help="备份文件路径")
    p.set_defaults(func=cmd_restore)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("必须是正整数")
    return value


def cmd_init(args: argparse.Namespace) -> int:
    upgrade_database(args.db)
    with open_database(args.db) as db:
        with db.sessions.begin() as s:
            created = bootstrap(s)
        print(f"台账已就绪：{_where(db)}")
        if created:
            print("已创建管理员账号：admin")
    return 0


def bootstrap(s: Any) -> bool:
    """First administrator and the published holiday calendar; returns whether admin was new."""
    seed_holidays(s)
    return ensure_admin(s)


def cmd_demo(args: argparse.Namespace) -> int:
    with open_database(args.db) as db:
        with db.sessions.begin() as s:
            existing = s.scalar(select(func.count(Item.id))) or 0
            if existing:
                if args.if_empty:
                    print(f"台账中已有 {existing} 个事项，跳过生成演示数据。")
                    return 0
                raise ValidationError(
                    "items",
                    f"台账中已有 {existing} 个事项，演示数据只能写入空台账。"
                    "请换一个数据库文件（--db），或加 --if-empty 跳过。",
                )
            seed_holidays(s)
            summary = generate_demo(
                s, args.items, seed=args.seed, progress=_progress, store=db.attachments_dir
            )
        print(
            f"\n已生成演示台账：{summary.items} 个事项，{summary.units} 个单位，"
            f"{summary.users} 个用户（{_where(db)}）"
        )
    return 0


LIGHT_WORDS = {"red": "红", "orange": "橙", "yellow": "黄", "green": "绿", "grey": "—"}
LIGHT_NAMES = {
    **{v: k for k, v in LIGHT_WORDS.items()},
    "灰": "grey",
    **{k: k for k in LIGHT_WORDS},
}


def _progress(done: int, total: int) -> None:
    print(f"\r正在生成… {done}/{total}", end="", file=sys.stderr, flush=True)


def item_filter(args: argparse.Namespace) -> query.ItemFilter:
    try:
        statuses = tuple(Status.parse(s) for s in args.status)
    except ValueError as exc:
        raise ValidationError("status", str(exc)) from None
    lights = []
    for word in getattr(args, "light", []):
        light = LIGHT_NAMES.get(word.strip())
        if light is None:
            raise ValidationError("light", f"“{word}”不是预警颜色，可用：红、橙、黄、绿、灰")
        lights.append(light)
    return query.ItemFilter(
        statuses=statuses,
        unit=args.unit,
        list_name=args.list_name,
        overdue_only=args.overdue,
        lights=tuple(lights),
        deadline_from=getattr(args, "deadline_from", None),
        deadline_to=getattr(args, "deadline_to", None),
    )


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """The ledger filter, shared by ``list`` and ``export ledger``."""
    p.add_argument("--status", action="append", default=[], help="状态，如 办理中（可重复）")
    p.add_argument("--unit", help="单位名称（牵头或配合）")
    p.add_argument("--list", dest="list_name", help="清单名称")
    p.add_argument("--overdue", action="store_true", help="只要逾期未办结的事项")
    p.add_argument(
        "--light", action="append", default=[], help="预警颜色：红/橙/黄/绿/灰（可重复）"
    )
    p.add_argument("--from", dest="deadline_from", type=_iso_date, help="完成时限不早于（日期）")
    p.add_argument("--to", dest="deadline_to", type=_iso_date, help="完成时限不晚于（日期）")


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写成 2026-06-30") from None


def cmd_list(args: argparse.Namespace) -> int:
    f = item_filter(args)
    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        query.check_filter(s, f)
        rows = query.list_items(s, f, limit=args.limit)
        total = query.count_items(s, f)
    if args.json:
        print(to_json(rows))
        return 0
    headers = ["编号", "预警", "状态", "完成时限", "逾期", "牵头单位", "事项名称"]
    body = [
        [
            r.code,
            LIGHT_WORDS[r.light],
            r.status_label,
            r.deadline_text or "",
            f"{r.overdue_days}天" if r.overdue_days else "",
            r.lead_unit or "",
            r.title,
        ]
        for r in rows
    ]
    print(table(headers, body, [16, 4, 8, 22, 6, 22]))
    print(f"共 {total} 项" + (f"，显示前 {len(rows)} 项" if len(rows) < total else ""))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        detail = query.item_detail(s, query.find_item_id(s, args.code, args.list_name))
    if args.json:
        print(to_json(detail))
        return 0
    print(_detail_text(detail))
    return 0


def _detail_text(d: query.ItemDetail) -> str:
    deadline = d.deadline_text or "未定"
    if d.original_deadline_date:
        deadline += f"（原定 {d.original_deadline_date}）"
    lines = [
        f"{d.code}  {d.title}",
        f"清单：{d.list_name}    状态：{d.status_label}    进度：{d.progress_percent}%",
        f"牵头单位：{d.lead_unit or '未定'}    配合单位：{'、'.join(d.co_units) or '无'}",
        f"责任人：{d.assignee or '未定'} {d.assignee_phone or ''}".rstrip(),
        f"完成时限：{deadline}    督办级别：{d.escalation_label}    催办：{d.urge_count} 次",
        f"内容：{d.content or ''}",
        "历史：",
    ]
    lines += [
        f"  {e.at:%Y-%m-%d %H:%M}  {e.kind}  {e.text}" + (f"（{e.actor}）" if e.actor else "")
        for e in d.history
    ]
    return "\n".join(lines)


def cmd_backup(args: argparse.Namespace) -> int:
    if args.list_only:
        return _list_backups(args)
    with open_database(args.db, read_only=True) as db:
        written = manual_backup(_sqlite_path(db), args.to)
    print(f"已备份到：{written}")
    return 0


def _list_backups(args: argparse.Namespace) -> int:
    path = sqlite_file(resolve_db_url(args.db))
    if path is None:
        raise StorageError("PostgreSQL 台账的备份由管理员用 pg_dump 管理。")
    found = list_backups(backups_dir_for(path))
    for path in found:
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime)
        print(f"{stamp:%Y-%m-%d %H:%M}  {path.stat().st_size / 1048576:8.1f} MB  {path}")
    print(f"共 {len(found)} 个备份。")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    target = sqlite_file(resolve_db_url(args.db))
    if target is None:
        raise StorageError(
            "只有 SQLite 台账可以从备份文件恢复；PostgreSQL 请由管理员用 pg_restore 恢复。"
        )
    aside = restore_sqlite(args.backup, target)
    print(f"已从“{args.backup}”恢复台账：{target}")
    if aside:
        print(f"原台账文件已另存为：{aside}")
    return 0


def _sqlite_path(db: Database) -> Path:
    if db.path is None:
        raise StorageError("PostgreSQL 台账请由管理员用 pg_dump 备份。")
    return db.path


def _where(db: Database) -> str:
    return str(db.path) if db.path else db.engine.url.render_as_string()
