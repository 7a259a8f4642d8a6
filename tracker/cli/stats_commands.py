"""CLI for what the ledger tells the county: ``stats`` and the audit ``verify``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from tracker import audit, metrics, query
from tracker.cli.output import table, to_json
from tracker.db import open_database
from tracker.errors import NotFoundError
from tracker.reports.period import not_future
from tracker.services import attachments

EXIT_TAMPERED = 3
GROUP_WORDS = {"list": "清单", "unit": "单位", "category": "领域", "month": "月份"}


def register(sub: Any) -> None:
    p = sub.add_parser("stats", help="办结率、按期办结率、满意率等统计")
    p.add_argument("--as-of", type=dt.date.fromisoformat, help="统计截止日期（默认今天）")
    p.add_argument("--by", choices=tuple(GROUP_WORDS), help="分组：list/unit/category/month")
    p.add_argument("--unit", help="只看某个牵头单位")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_stats)
    p = sub.add_parser("verify", help="校验审计日志哈希链")
    p.set_defaults(func=cmd_verify)


def cmd_stats(args: argparse.Namespace) -> int:
    as_of = args.as_of or dt.date.today()
    not_future(as_of)
    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        if args.by == "month":
            rows = metrics.monthly(s, as_of.year, as_of)
        else:
            rows = metrics.compute(s, as_of, "unit" if args.unit else (args.by or "all"))
            if args.by == "unit":  # a ranking: best assessment score first
                rows.sort(key=lambda r: -1 if r.score is None else -r.score)
        if args.unit:
            query.check_filter(s, query.ItemFilter(unit=args.unit))
            rows = [r for r in rows if r.label == args.unit]
            if not rows:
                raise NotFoundError(f"“{args.unit}”截至 {as_of} 没有牵头事项。")
    if args.json:
        print(to_json({"as_of": as_of, "rows": [metrics.as_dict(r) for r in rows]}))
        return 0
    headers = [
        GROUP_WORDS.get(args.by or "", "范围"),
        "事项",
        "办结",
        "办结率",
        "按期办结率",
        "逾期未办结",
        "满意率",
        "催办",
        "考核得分",
    ]
    body = [
        [
            r.label,
            str(r.counted),
            str(r.done),
            metrics.pct(r.completion_rate),
            metrics.pct(r.on_time_rate),
            str(r.overdue_open),
            metrics.pct(r.satisfaction_rate),
            str(r.urges),
            f"{r.score:.1f}" if r.score is not None else "—",
        ]
        for r in rows
    ]
    print(f"统计截至 {as_of}")
    print(table(headers, body, [24, 6, 6, 8, 10, 10, 8, 6]))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        report = audit.verify(s)
        checked, missing = attachments.verify_attachments(s, db.attachments_dir)
    ok = True
    if report.ok:
        print(f"审计日志完整：共 {report.entries} 条，链头哈希 {report.head}")
    else:
        ok = False
        print(
            f"审计日志校验未通过：{report.problem}（审计记录编号 {report.bad_entry_id}）",
            file=sys.stderr,
        )
    for p in missing:
        print(f"佐证材料有问题：事项 {p.item_code} 的“{p.filename}”{p.problem}", file=sys.stderr)
    if checked and not missing:
        print(f"佐证材料完整：共 {checked} 个文件")
    return 0 if ok and not missing else EXIT_TAMPERED
