"""CLI for the workflow: ``shishi-cli item <操作> CODE --as USER`` and the admin records.

Every command is one transaction: it commits when the service returns, and changes nothing
when it raises.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tracker import query, settings
from tracker.actors import Actor
from tracker.cli import account_commands
from tracker.cli.identity import acting_session
from tracker.enums import Escalation, ListKind, Rating, Role, UnitKind
from tracker.errors import ValidationError
from tracker.query import find_item_id
from tracker.services import (
    attachments,
    checkpoints,
    extensions,
    progress,
    registry,
    surveys,
    transitions,
)
from tracker.workflow import TRANSITIONS

Handler = Callable[[Session, Actor, int, argparse.Namespace], Any]


def register(sub: Any) -> None:
    item = sub.add_parser("item", help="事项办理：交办、签收、进展、销号……")
    actions = item.add_subparsers(dest="action", metavar="操作", required=True)
    for t in TRANSITIONS.values():
        p = _item_parser(actions, t.action, t.label)
        p.add_argument(
            "--reason",
            help="理由（退回、暂缓、终止、回头看必填；申请销号时为完成情况；审核时为审核意见）",
        )
        if t.action == "claim":
            p.add_argument("--claimant", required=True, help="认领的党员姓名")
        p.set_defaults(handler=_transition)
    p = _item_parser(actions, "progress", "报送进展")
    p.add_argument("--text", required=True, help="进展情况")
    p.add_argument("--percent", type=int, help="完成百分比 0–100")
    p.add_argument("--date", type=_date, help="进展日期（默认今天）")
    p.add_argument("--problems", help='存在问题（不填沿用上次；写 "" 表示已解决）')
    p.add_argument(
        "--needs", help='需协调事项，请督查室协调解决的（不填沿用上次；写 "" 表示已解决）'
    )
    p.add_argument("--drop-reason", help="完成百分比比上次低时，降低的原因")
    p.set_defaults(
        handler=lambda s, a, i, n: progress.report_progress(
            s,
            a,
            i,
            n.text,
            percent=n.percent,
            reported_on=n.date,
            problems=n.problems,
            needs=n.needs,
            drop_reason=n.drop_reason,
        )
    )
    p = _item_parser(actions, "urge", "催办")
    p.add_argument("--note", help="催办内容")
    p.set_defaults(handler=lambda s, a, i, n: progress.urge(s, a, i, n.note))
    p = _item_parser(actions, "escalate", "调整督办级别")
    p.add_argument("--level", required=True, help="常规 / 重点督办 / 挂牌督办 / 提级督办")
    p.add_argument("--reason", required=True, help="理由")
    p.set_defaults(
        handler=lambda s, a, i, n: progress.escalate(
            s, a, i, _parse(Escalation, n.level, "level"), n.reason
        )
    )
    p = _item_parser(actions, "extend", "申请延期")
    p.add_argument("--to", dest="new_date", type=_date, required=True, help="延期到（日期）")
    p.add_argument("--reason", required=True, help="理由")
    p.set_defaults(
        handler=lambda s, a, i, n: extensions.request_extension(s, a, i, n.new_date, n.reason)
    )
    for name, label, approve in (
        ("approve-extension", "批准延期", True),
        ("reject-extension", "不批准延期", False),
    ):
        p = _item_parser(actions, name, label)
        p.add_argument("--reason", help="意见（不批准时必填）")
        p.set_defaults(
            handler=lambda s, a, i, n, ok=approve: extensions.decide_extension(
                s, a, i, ok, n.reason
            )
        )
    p = _item_parser(actions, "visit", "登记回访")
    p.add_argument("--rating", help="满意 / 基本满意 / 不满意")
    p.add_argument("--contacted", choices=("是", "否"), help="是否联系上群众")
    p.add_argument("--solved", choices=("是", "否"), help="问题是否解决")
    p.add_argument("--comment", help="群众意见")
    p.set_defaults(handler=_visit)
    p = _item_parser(actions, "checkpoint", "长期坚持事项阶段考核")
    p.add_argument("--period", required=True, help="周期，如 2026Q1 或 2026-03")
    p.add_argument("--achieved", choices=("是", "否"), required=True, help="是否阶段完成")
    p.add_argument("--note", help="说明")
    p.set_defaults(
        handler=lambda s, a, i, n: checkpoints.record_checkpoint(
            s, a, i, n.period, n.achieved == "是", n.note
        )
    )
    p = _item_parser(actions, "attach", "上传佐证材料")
    p.add_argument("file", type=Path, help="文件路径")
    p.set_defaults(handler=lambda s, a, i, n: attachments.add_attachment(s, a, i, n.file, n.store))
    _register_add_item(actions)
    _register_admin(sub)


def _item_parser(actions: Any, name: str, label: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = actions.add_parser(name, help=label)
    if name != "add":
        p.add_argument("code", help="事项编号")
        p.add_argument("--list", dest="list_name", help="清单名称（编号在多个清单重复时）")
    p.add_argument("--as", dest="login", required=True, help="以哪个用户的身份操作（登录名）")
    p.set_defaults(func=_run_item)
    return p


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写成 2026-06-30") from None


def _parse(enum: Any, text: str, field: str) -> Any:
    try:
        return enum.parse(text)
    except ValueError as exc:
        raise ValidationError(field, str(exc)) from None


def _transition(s: Session, actor: Actor, item_id: int, n: argparse.Namespace) -> Any:
    return transitions.move(
        s, actor, item_id, n.action, reason=n.reason, claimant=getattr(n, "claimant", None)
    )


def _visit(s: Session, actor: Actor, item_id: int, n: argparse.Namespace) -> Any:
    def yes(v: str | None) -> bool | None:
        return None if v is None else v == "是"

    rating = _parse(Rating, n.rating, "rating") if n.rating else None
    return surveys.record_visit(
        s,
        actor,
        item_id,
        rating=rating,
        contacted=yes(n.contacted),
        solved=yes(n.solved),
        comment=n.comment,
    )


def _run_item(args: argparse.Namespace) -> int:
    with acting_session(args.db, args.login) as (db, s, actor):
        item_id = None if args.action == "add" else find_item_id(s, args.code, args.list_name)
        args.store = db.attachments_dir
        result = args.handler(s, actor, item_id, args)
    state = f"，当前状态：{result.status_label}" if hasattr(result, "status_label") else ""
    code = getattr(result, "code", getattr(args, "code", ""))
    print(f"已完成：{code}{state}")
    return 0


def _register_add_item(actions: Any) -> None:
    p = _item_parser(actions, "add", "登记新事项（草稿）")
    p.add_argument("--list", dest="list_name", required=True, help="清单名称")
    p.add_argument("--code", required=True, help="事项编号")
    p.add_argument("--title", required=True, help="事项名称")
    p.add_argument("--unit", help="牵头单位")
    p.add_argument("--co-unit", action="append", default=[], help="配合单位（可重复）")
    p.add_argument("--deadline", type=_date, help="完成时限（不填为长期坚持）")
    p.add_argument("--category", help="领域")
    p.add_argument("--resident", help="微心愿：点单居民")

    def add(s: Session, actor: Actor, _id: None, n: argparse.Namespace) -> Any:
        list_id = query.list_id(s, n.list_name)
        return registry.add_item(
            s,
            actor,
            list_id,
            n.code,
            n.title,
            lead_unit=n.unit,
            co_units=n.co_unit,
            deadline=n.deadline,
            category=n.category,
            resident_name=n.resident,
        )

    p.set_defaults(handler=add)


def _register_admin(sub: Any) -> None:
    admin = sub.add_parser("admin", help="管理：用户、单位、清单、设置")
    cmds = admin.add_subparsers(dest="admin_cmd", metavar="操作", required=True)
    p = cmds.add_parser("add-unit", help="新增单位")
    p.add_argument("name")
    p.add_argument(
        "--kind", default="县直部门", help="县级 / 县直部门 / 乡镇（街道）/ 村（社区）/ 其他"
    )
    p.add_argument("--parent", help="上级单位")
    p.set_defaults(
        handler=lambda s, a, n: registry.add_unit(
            s, a, n.name, _parse(UnitKind, n.kind, "kind"), n.parent
        )
    )
    p = cmds.add_parser("add-user", help="新增用户")
    p.add_argument("new_login", metavar="login", help="登录名")
    p.add_argument("--name", required=True, help="姓名")
    p.add_argument("--role", required=True, help="管理员 / 督查人员 / 承办单位 / 只读")
    p.add_argument("--unit", help="所属单位（承办单位用户必填）")
    p.set_defaults(
        handler=lambda s, a, n: registry.add_user(
            s, a, n.new_login, n.name, _parse(Role, n.role, "role"), n.unit
        )
    )
    p = cmds.add_parser("add-list", help="新建清单")
    p.add_argument("name")
    p.add_argument(
        "--kind", default="重点民生实事", help="重点民生实事 / 微心愿 / 承诺事项 / 接诉即办 / 其他"
    )
    p.add_argument("--year", type=int, required=True)
    p.add_argument(
        "--period",
        default="quarterly",
        choices=("monthly", "quarterly"),
        help="长期坚持事项考核周期",
    )
    p.set_defaults(
        handler=lambda s, a, n: registry.add_list(
            s, a, n.name, _parse(ListKind, n.kind, "kind"), n.year, n.period
        )
    )
    p = cmds.add_parser("set", help="修改共享设置（值为 JSON，如 15、0.9、true）")
    p.add_argument("key", help="、".join(settings.DEFAULTS))
    p.add_argument("value")
    p.set_defaults(handler=_set_setting)
    account_commands.register(cmds, _parse)
    for p in cmds.choices.values():
        p.add_argument("--as", dest="login", required=True, help="以哪个用户的身份操作（登录名）")
        p.set_defaults(func=_run_admin)


def _set_setting(s: Session, actor: Actor, n: argparse.Namespace) -> None:
    try:
        value = json.loads(n.value)
    except json.JSONDecodeError:
        raise ValidationError(
            "value", f"“{n.value}”不是有效的取值（应为数字、true/false 或 JSON）。"
        ) from None
    settings.put(s, actor, n.key, value)


def _run_admin(args: argparse.Namespace) -> int:
    with acting_session(args.db, args.login) as (_db, s, actor):
        args.handler(s, actor, args)
    if args.admin_cmd != "users":
        print("已完成。")
    return 0
