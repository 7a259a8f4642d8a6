"""CLI for Excel: ``shishi-cli import`` (plan with --dry-run, or apply in one transaction)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tracker import query
from tracker.backup import pre_import_backup
from tracker.cli.identity import acting
from tracker.cli.ledger_commands import add_filter_arguments, item_filter
from tracker.db import open_database
from tracker.diff_text import diff_text
from tracker.enums import ListKind
from tracker.errors import ValidationError
from tracker.excel import ledger_export
from tracker.excel.layout import FIELD_LABELS
from tracker.models import Unit
from tracker.services import imports, returns


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="导入 Excel/WPS/ODS 清单（先用 --dry-run 查看解析结果）")
    p.add_argument("path", type=Path, help="表格文件（.xlsx .xlsm .xls .et .ods .csv）")
    p.add_argument("--list", dest="list_name", help="导入到哪个清单（默认取表格标题）")
    p.add_argument("--year", type=int, help="清单年度（用于“6月底前”这类没有年份的时限）")
    p.add_argument("--sheet", help="工作表名称（默认自动选择含清单的工作表）")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="字段=列标题",
        help="手工指定列，如 title=项目名称 或 牵头单位=责任单位（可重复）",
    )
    p.add_argument(
        "--keep-collective",
        action="append",
        default=[],
        metavar="统称",
        help="不按名录展开这个单位统称（如 各乡镇卫生院），原样作为一个单位（可重复）",
    )
    p.add_argument("--kind", default="重点民生实事", help="新建清单时的类别")
    p.add_argument(
        "--create-units",
        action="store_true",
        help="确认新建单位名录中没有的单位（名录为空时自动新建）",
    )
    p.add_argument("--as", dest="login", default="admin", help="以哪个用户的身份导入（默认 admin）")
    p.add_argument("--dry-run", action="store_true", help="只解析、不写入")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_import)


def _mapping(pairs: list[str]) -> dict[str, str]:
    by_label = {label: name for name, label in FIELD_LABELS.items()}
    out = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        if not sep or not header.strip():
            raise ValidationError(
                "map", f"“{pair}”格式不对，应写成 字段=列标题，如 title=项目名称。"
            )
        out[by_label.get(name.strip(), name.strip())] = header.strip()
    return out


def cmd_import(args: argparse.Namespace) -> int:
    mapping = _mapping(args.map)
    with open_database(args.db, read_only=args.dry_run) as db:
        with db.sessions.begin() as s:
            plan = imports.plan_import(
                s,
                args.path,
                list_name=args.list_name,
                year=args.year,
                sheet=args.sheet,
                mapping=mapping,
                keep_collectives=args.keep_collective,
            )
            empty_dictionary = not s.scalar(select(func.count(Unit.id)))
        if args.dry_run:
            _print_plan(plan, args.json)
            return 0
        imports.require_plan_ok(plan)
        counts = plan.counts()
        if not (counts["create"] or counts["update"]) and not args.json:
            print(
                f"“{plan.list_name}”中的 {counts['unchanged']} 项与表格一致，没有需要写入的变化。"
            )
            return 0
        backup = pre_import_backup(db.path)
        actor = acting(db, args.login)
        with db.sessions.begin() as s:
            result = imports.apply_import(
                s,
                actor,
                plan,
                create_units=args.create_units or empty_dictionary,
                kind=ListKind.parse(args.kind) if args.kind else ListKind.KEY_LIVELIHOOD,
            )
    if args.json:
        print(
            json.dumps(
                {
                    **plan.to_dict(),
                    "result": {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                        "units_created": result.units_created,
                        "backup": str(backup) if backup else None,
                    },
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(
        f"已导入“{plan.list_name}”：新增 {result.created} 项，更新 {result.updated} 项，"
        f"未变 {result.unchanged} 项。"
    )
    if result.units_created:
        print(f"新建单位：{'、'.join(result.units_created)}")
    if backup:
        print(f"导入前的台账已备份到：{backup}")
    _print_problems(plan)
    return 0


def _print_plan(plan: imports.ImportPlan, as_json: bool) -> None:
    if as_json:
        print(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))
        return
    c = plan.counts()
    print(f"文件：{plan.file.name}  工作表：{plan.sheet}  表头行：{plan.header_rows}")
    print("列对应：" + "，".join(f"{FIELD_LABELS[f]}←“{h}”" for f, h in plan.mapping.items()))
    if plan.unmapped:
        print("未导入的列：" + "、".join(f"“{h}”" for h in plan.unmapped) + "（可用 --map 指定）")
    print(
        f"清单：{plan.list_name}（{plan.year}年）  将新增 {c['create']} 项，更新 {c['update']} 项，"
        f"未变 {c['unchanged']} 项；跳过 {len(plan.skipped)} 行"
    )
    for item in plan.items:
        if item.action != "unchanged":
            d = item.deadline
            when = (d.date.isoformat() if d and d.date else (d.raw if d else "")) or ""
            action = imports.ACTION_LABELS[item.action]
            print(f"  第{item.row}行 [{action}] {item.title}｜{item.lead_unit or ''}｜{when}")
    for name, members in plan.collectives.items():
        print(
            f"单位统称“{name}”按名录展开为 {len(members)} 个单位：{'、'.join(members)}"
            "（不要展开请加 --keep-collective）"
        )
    if plan.unknown_units:
        print(f"名录中没有的单位：{'、'.join(plan.unknown_units)}")
    _print_problems(plan)


def _print_problems(plan: imports.ImportPlan) -> None:
    for p in plan.errors:
        print(f"  问题：第{p.row}行 {p.column}列（{p.header}）：{p.message}", file=sys.stderr)


def register_export(sub: Any) -> None:
    export = sub.add_parser("export", help="导出台账或单位填报包")
    kinds = export.add_subparsers(dest="export_kind", metavar="类别", required=True)
    p = kinds.add_parser("ledger", help="导出台账（xlsx 打印版或 csv）")
    p.add_argument("--out", type=Path, required=True, help="输出文件")
    add_filter_arguments(p)
    p.add_argument("--format", choices=("xlsx", "csv"), help="默认按文件扩展名")
    p.add_argument("--title", help="表格标题（默认取清单名称）")
    p.set_defaults(func=cmd_export_ledger)
    p = kinds.add_parser("unit-packs", help="为各单位导出离线填报包")
    p.add_argument("--out", type=Path, required=True, help="输出文件夹")
    p.add_argument("--unit", action="append", default=[], help="只导出这些单位（可重复）")
    p.add_argument("--list", dest="list_name", help="只含这个清单的事项")
    p.set_defaults(func=cmd_export_packs)
    p = sub.add_parser("import-return", help="导入单位发回的填报包")
    p.add_argument("path", type=Path)
    p.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="编号",
        help="对有冲突或需确认的事项采用表格中的填报（可重复）",
    )
    p.add_argument(
        "--as", dest="login", help="以哪个承办单位账号的身份写入（默认该单位的第一个账号）"
    )
    p.add_argument("--dry-run", action="store_true", help="只查看差异、不写入")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_import_return)


def cmd_export_ledger(args: argparse.Namespace) -> int:
    f = item_filter(args)
    fmt = args.format or ("csv" if args.out.suffix.lower() == ".csv" else "xlsx")
    with open_database(args.db, read_only=True) as db, db.sessions.begin() as s:
        query.check_filter(s, f)
        if fmt == "csv":
            n = ledger_export.export_csv(s, f, args.out)
        else:
            title = args.title or args.list_name or "“我为群众办实事”台账"
            n = ledger_export.export_xlsx(s, f, args.out, title)
    print(f"已导出 {n} 项：{args.out}")
    return 0


def cmd_export_packs(args: argparse.Namespace) -> int:
    with open_database(args.db) as db, db.sessions.begin() as s:
        result = returns.export_unit_packs(s, args.out, args.unit or None, args.list_name)
    for path in result.written:
        print(path)
    print(f"共导出 {len(result.written)} 个单位的填报包。")
    if result.empty:
        print(f"以下单位没有待填报的事项（牵头或配合、未办结），未导出：{'、'.join(result.empty)}")
    for unit, why in result.failed:
        print(f"错误：“{unit}”的填报包未能导出：{why}", file=sys.stderr)
    return 1 if result.failed else 0


def cmd_import_return(args: argparse.Namespace) -> int:
    with open_database(args.db, read_only=args.dry_run) as db:
        with db.sessions.begin() as s:
            plan = returns.plan_return(s, args.path)
        if args.dry_run:
            _print_return(plan, args.json)
            return 0
        _warn_unknown_takes(plan, args.take)
        backup = pre_import_backup(db.path)
        with db.sessions.begin() as s:
            actor = returns.unit_clerk(s, plan.unit_id, args.login)
            result = returns.apply_return(s, actor, plan, set(args.take))
    _print_return(plan, args.json)
    if not args.json:
        print(result.summary() + (f"导入前的台账已备份到：{backup}" if backup else ""))
    for code, why in result.failed:
        print(f"错误：{code} 未能写入：{why}", file=sys.stderr)
    return 1 if result.failed else 0


def _warn_unknown_takes(plan: Any, take: list[str]) -> None:
    """A --take that names no row in conflict or needing confirmation is said, not ignored."""
    takeable = {ln.code for ln in plan.lines if ln.action in returns.TAKEN_ONLY}
    for code in take:
        if code not in takeable:
            print(f"注意：{code} 不是冲突或需确认的行，--take 对它不起作用。", file=sys.stderr)


def _print_return(plan: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))
        return
    print(f"填报包：{plan.file.name}  单位：{plan.unit}  导出时间：{plan.exported_label}")
    if plan.missing:
        print(f"  表中没有这些导出时的事项（行被删除或未发回）：{'、'.join(plan.missing)}")
    for line in plan.lines:
        detail = diff_text(line.changes)
        print(
            f"  {line.sheet}第{line.row}行 {line.code or ''} [{line.label}] {detail} {line.message}".rstrip()
        )
