"""``shishi-cli db …``: the schema and the database roles of a shared ledger.

``db upgrade`` is the one way a shared PostgreSQL ledger is migrated (clients refuse a schema
other than theirs); ``db grant-unit`` ties a unit clerk's account to the PostgreSQL role its
desktop connects as, which row-level security then limits to that unit's items.
"""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.identity import acting_session
from tracker.db import upgrade_database
from tracker.errors import ValidationError
from tracker.row_security import grant_unit_role, revoke_unit_role
from tracker.services.accounts import map_db_role


def register(sub: Any) -> None:
    db = sub.add_parser("db", help="数据库：升级结构、单位数据库角色（共享部署）")
    cmds = db.add_subparsers(dest="db_cmd", metavar="操作", required=True)
    p = cmds.add_parser("upgrade", help="把台账升级到本程序的结构版本（共享部署由管理员运行）")
    p.set_defaults(func=cmd_upgrade)
    p = cmds.add_parser("grant-unit", help="把承办单位账号对应到其 PostgreSQL 角色并授权")
    p.add_argument("user", help="承办单位用户的登录名")
    p.add_argument("db_role", help="该单位电脑连接数据库所用的 PostgreSQL 角色（须已创建）")
    p.add_argument("--as", dest="login", required=True, help="管理员登录名")
    p.set_defaults(func=cmd_grant_unit)
    p = cmds.add_parser("revoke-unit", help="收回承办单位账号的数据库角色")
    p.add_argument("user", help="承办单位用户的登录名")
    p.add_argument("--as", dest="login", required=True, help="管理员登录名")
    p.set_defaults(func=cmd_revoke_unit)


def cmd_upgrade(args: argparse.Namespace) -> int:
    before, after = upgrade_database(args.db)
    if before == after:
        print(f"数据库已是最新结构（版本 {after}），无需升级。")
    else:
        print(f"数据库结构已升级：{before or '空'} → {after}。")
    return 0


def cmd_grant_unit(args: argparse.Namespace) -> int:
    with acting_session(args.db, args.login) as (db, s, actor):
        if db.is_sqlite:
            raise ValidationError("db", "数据库角色只用于 PostgreSQL 共享部署。")
        map_db_role(s, actor, args.user, args.db_role)
        grant_unit_role(s.connection(), args.db_role)
    print(f"已将用户“{args.user}”对应到数据库角色“{args.db_role}”，该角色只能看到本单位的事项。")
    return 0


def cmd_revoke_unit(args: argparse.Namespace) -> int:
    with acting_session(args.db, args.login) as (db, s, actor):
        role = map_db_role(s, actor, args.user, None)
        if role and not db.is_sqlite:
            revoke_unit_role(s.connection(), role)
    print(f"已收回用户“{args.user}”的数据库角色。")
    return 0
