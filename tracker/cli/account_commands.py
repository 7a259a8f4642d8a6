"""``shishi-cli admin …`` for accounts: list, passwords, stop/start, unlock, roles."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.orm import Session

from tracker.actors import Actor
from tracker.cli.identity import new_password
from tracker.cli.output import table
from tracker.enums import Role
from tracker.services import accounts


def register(cmds: Any, parse_role: Any) -> None:
    """Add the account commands to the ``admin`` group (which adds ``--as`` to each)."""
    p = cmds.add_parser("users", help="列出用户")
    p.set_defaults(handler=_list_users)
    p = cmds.add_parser("set-password", help="设置用户密码（管理员可设任何人，其他人只能设自己）")
    p.add_argument("user", help="登录名")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取新密码（一行）")
    p.set_defaults(
        handler=lambda s, a, n: accounts.set_password(s, a, n.user, new_password(n.password_stdin))
    )
    for name, active, label in (("disable-user", False, "停用"), ("enable-user", True, "启用")):
        p = cmds.add_parser(name, help=f"{label}用户")
        p.add_argument("user", help="登录名")
        p.set_defaults(
            handler=lambda s, a, n, active=active: accounts.set_active(s, a, n.user, active)
        )
    p = cmds.add_parser("unlock", help="解除因多次输错密码造成的锁定")
    p.add_argument("user", help="登录名")
    p.set_defaults(handler=lambda s, a, n: accounts.unlock(s, a, n.user))
    p = cmds.add_parser("set-role", help="修改用户角色与所属单位")
    p.add_argument("user", help="登录名")
    p.add_argument("--role", required=True, help="管理员 / 督查人员 / 承办单位 / 只读")
    p.add_argument("--unit", help="所属单位（承办单位用户必填）")
    p.set_defaults(
        handler=lambda s, a, n: accounts.set_role(
            s, a, n.user, parse_role(Role, n.role, "role"), n.unit
        )
    )


def _list_users(s: Session, actor: Actor, n: argparse.Namespace) -> None:
    rows = [
        [
            a.login,
            a.name,
            a.role.label,
            a.unit or "",
            "正常" if a.active else "已停用",
            "已设" if a.has_password else "未设",
            a.locked_until.strftime("%Y-%m-%d %H:%M") if a.locked_until else "",
            a.db_role or "",
        ]
        for a in accounts.accounts(s)
    ]
    headers = ["登录名", "姓名", "角色", "单位", "状态", "密码", "锁定至", "数据库角色"]
    print(table(headers, rows, [12, 10, 8, 16, 6, 4, 16, 12]))
