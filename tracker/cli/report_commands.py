"""CLI for the documents supervisors hand out: ``shishi-cli report bulletin|unit|item|…``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from tracker.cli.identity import acting_session
from tracker.cli.output import table
from tracker.db import open_database
from tracker.metric_series import FIGURE_LABELS, LIST_LABELS
from tracker.query import find_item_id
from tracker.reports import outputs, snapshots
from tracker.reports.bulletin_data import BulletinData, Scope, gather
from tracker.reports.period import parse_period


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="生成督办通报、单位报告、事项卡片")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="类型")
    b = kinds.add_parser("bulletin", help="督办通报（PDF 与 XLSX）")
    _period_args(b)
    b.add_argument("--list", dest="list_name", help="只统计某个清单（默认全部清单）")
    b.add_argument("--snapshot", type=int, help="重新输出某号已发布通报（数字不随台账变化）")
    b.set_defaults(func=cmd_bulletin)
    u = kinds.add_parser("unit", help="单位报告：一个牵头单位的事项与各项比率")
    _period_args(u)
    u.add_argument("--unit", required=True, help="单位名称")
    u.set_defaults(func=cmd_unit)
    i = kinds.add_parser("item", help="事项卡片（A4，供销号归档）")
    i.add_argument("code", help="事项编号")
    i.add_argument("--list", dest="list_name", help="编号在多个清单中重复时指定清单")
    i.add_argument("--out", type=Path, default=Path("."), help="输出文件夹")
    i.set_defaults(func=cmd_item)
    pub = kinds.add_parser("publish", help="发布督办通报：冻结数字并记录每个数字对应的事项")
    _period_args(pub, out=False)
    pub.add_argument("--list", dest="list_name", help="只统计某个清单")
    pub.add_argument("--as", dest="login", required=True, help="发布人（登录名）")
    pub.set_defaults(func=cmd_publish)
    ls = kinds.add_parser("published", help="列出已发布的通报")
    ls.set_defaults(func=cmd_published)
    tr = kinds.add_parser("trace", help="列出已发布通报中某个数字对应的事项编号")
    tr.add_argument("snapshot", type=int, help="通报号")
    tr.add_argument("figure", choices=(*FIGURE_LABELS, *LIST_LABELS), help="数字或名单名称")
    tr.set_defaults(func=cmd_trace)


def _period_args(p: argparse.ArgumentParser, out: bool = True) -> None:
    p.add_argument("--period", help="统计期间：2026-11、2026-Q4 或 2026（默认本月）")
    p.add_argument("--as-of", type=dt.date.fromisoformat, help="数据截止日期（默认期末或今天）")
    if out:
        p.add_argument("--out", type=Path, default=Path("."), help="输出文件夹")
        p.add_argument(
            "--format",
            default="pdf,xlsx",
            help="输出格式，逗号分隔：pdf,xlsx,json（默认 pdf,xlsx）",
        )


def _period(args: argparse.Namespace) -> Any:
    today = dt.date.today()
    return parse_period(args.period or f"{today.year}-{today.month:02d}")


def _write(d: BulletinData, args: argparse.Namespace, stem: str) -> int:
    for path in outputs.write(d, outputs.formats(args.format), args.out, stem):
        print(f"已生成：{path}")
    return 0


def cmd_bulletin(args: argparse.Namespace) -> int:
    outputs.formats(args.format)
    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        if args.snapshot:
            d = snapshots.load(s, args.snapshot)
            return _write(d, args, f"督办通报-第{args.snapshot}号-{d.period.label}")
        d = gather(s, _period(args), Scope(list_name=args.list_name), args.as_of)
    return _write(d, args, outputs.stem("督办通报", d))


def cmd_unit(args: argparse.Namespace) -> int:
    outputs.formats(args.format)
    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        d = outputs.unit_report(s, _period(args), args.unit, args.as_of)
    return _write(d, args, outputs.stem("单位报告", d))


def cmd_item(args: argparse.Namespace) -> int:
    from tracker.reports.item_card import write_item_card

    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        item_id = find_item_id(s, args.code, args.list_name)
        path = write_item_card(s, item_id, args.out / f"事项卡片-{args.code}.pdf")
    print(f"已生成：{path}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    with acting_session(args.db, args.login) as (_db, s, actor):
        number = snapshots.publish(
            s, actor, _period(args), Scope(list_name=args.list_name), args.as_of
        )
    print(f"已发布第 {number} 号督办通报；用 report bulletin --snapshot {number} 输出。")
    return 0


def cmd_published(args: argparse.Namespace) -> int:
    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        rows = [
            [
                str(x.id),
                x.period_label,
                x.scope_label,
                x.as_of.isoformat(),
                f"{x.published_at:%Y-%m-%d %H:%M}",
                x.published_by,
            ]
            for x in snapshots.published(s)
        ]
    if not rows:
        print("尚未发布过通报。")
        return 0
    print(
        table(
            ["通报号", "期间", "范围", "数据截至", "发布时间", "发布人"],
            rows,
            [6, 14, 16, 10, 16, 10],
        )
    )
    return 0


def cmd_trace(args: argparse.Namespace) -> int:
    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        day = snapshots.snapshot_day(s, args.snapshot)
        lines = snapshots.lines_of(s, snapshots.trace(s, args.snapshot, args.figure), day)
    label = {**FIGURE_LABELS, **LIST_LABELS}[args.figure]
    print(f"{label}：{len(lines)} 项")
    for line in lines:
        print("\t".join(line))
    return 0
