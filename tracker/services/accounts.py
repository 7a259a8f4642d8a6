"""Accounts: argon2id passwords, logging in with throttled failures, and their administration.

A shared ledger is reached from many desktops, so a password guesser must not get unlimited
tries: after ``LOCK_AFTER`` consecutive failures an account is refused for ``LOCK_FOR``
(doubling with each further failure), and every lock is written to the audit log. Unknown
logins and wrong passwords give the same message, so the login form does not tell which
accounts exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tracker import audit
from tracker.actors import Actor, actor_of, require_role
from tracker.enums import ADMINS, Role
from tracker.errors import LoginFailed, NotFoundError, PermissionDenied, ValidationError
from tracker.models import User
from tracker.query import unit_id
from tracker.row_security import checked_role_name
from tracker.services.common import now

LOCK_AFTER = 5
LOCK_FOR = dt.timedelta(minutes=15)
MIN_PASSWORD = 8
#: argon2id with the library's defaults (RFC 9106 low-memory profile: 64 MiB, t=3, p=4).
_hasher = PasswordHasher()
WRONG = "用户名或密码错误。"


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError("password", f"密码至少需要 {MIN_PASSWORD} 个字符。")
    return _hasher.hash(password)


def log_in(
    sessions: sessionmaker[Session], login: str, password: str, at: dt.datetime | None = None
) -> Actor:
    """Check a login and password; a failure is counted in its own committed transaction.

    Takes the session factory, not a session, because a refused attempt must still be
    recorded: raising inside the caller's transaction would roll the count back.

    Raises:
        LoginFailed: with the Chinese reason (wrong password, locked until …, stopped).
    """
    at = now(at)
    with sessions.begin() as s:
        user = s.scalar(select(User).where(User.login == login.strip()).with_for_update())
        refusal = _refusal(s, user, password, at)
        if refusal is None:
            assert user is not None
            return actor_of(user)
    raise LoginFailed(refusal)


def _refusal(s: Session, user: User | None, password: str, at: dt.datetime) -> str | None:
    """Why this attempt is refused (None: let in); counts failures on ``user``."""
    if user is None:
        return WRONG
    if not user.active:
        return f"账号“{user.login}”已停用，请联系管理员。"
    if user.locked_until is not None and user.locked_until > at:
        return _locked_message(user)
    if user.password_hash is None:
        return (
            f"账号“{user.login}”还没有设置密码，请管理员先设置（shishi-cli admin set-password）。"
        )
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return _count_failure(s, user, at)
    user.failed_logins = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return None


def _count_failure(s: Session, user: User, at: dt.datetime) -> str:
    user.failed_logins += 1
    excess = user.failed_logins - LOCK_AFTER
    if excess < 0:
        left = -excess
        return f"{WRONG}再错 {left} 次，账号将被暂时锁定。"
    user.locked_until = at + LOCK_FOR * 2 ** min(excess, 6)
    audit.append(
        s,
        actor=user.login,
        action="login_locked",
        after={"login": user.login, "failed": user.failed_logins, "until": user.locked_until},
        at=at,
    )
    return _locked_message(user)


def _locked_message(user: User) -> str:
    until = user.locked_until.strftime("%Y-%m-%d %H:%M") if user.locked_until else ""
    return f"登录失败次数过多，账号“{user.login}”已暂时锁定，请于 {until} 后再试，或请管理员解锁。"


@dataclass(frozen=True)
class Account:
    """One account as the administration screens list it."""

    login: str
    name: str
    role: Role
    unit: str | None
    active: bool
    has_password: bool
    locked_until: dt.datetime | None
    db_role: str | None


def accounts(s: Session) -> list[Account]:
    return [
        Account(
            u.login,
            u.display_name,
            Role(u.role),
            u.unit.name if u.unit else None,
            u.active,
            u.password_hash is not None,
            u.locked_until,
            u.db_role,
        )
        for u in s.scalars(select(User).order_by(User.id))
    ]


def _user(s: Session, login: str) -> User:
    user = s.scalar(select(User).where(User.login == login.strip()))
    if user is None:
        raise NotFoundError(f"没有登录名为“{login}”的用户。")
    return user


def set_password(s: Session, actor: Actor, login: str, password: str) -> None:
    """An administrator sets anyone's password; everyone else only their own."""
    if actor.login != login.strip():
        require_role(actor, ADMINS, "设置其他用户的密码")
    user = _user(s, login)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    audit.append(s, actor=actor.login, action="password_set", after={"login": user.login})


def set_active(s: Session, actor: Actor, login: str, active: bool) -> None:
    require_role(actor, ADMINS, "停用或启用用户")
    user = _user(s, login)
    if not active and user.login == actor.login:
        raise PermissionDenied("不能停用自己正在使用的账号。")
    user.active = active
    action = "user_enabled" if active else "user_disabled"
    audit.append(s, actor=actor.login, action=action, after={"login": user.login})


def unlock(s: Session, actor: Actor, login: str) -> None:
    require_role(actor, ADMINS, "解锁用户")
    user = _user(s, login)
    user.failed_logins = 0
    user.locked_until = None
    audit.append(s, actor=actor.login, action="user_unlocked", after={"login": user.login})


def set_role(s: Session, actor: Actor, login: str, role: Role, unit: str | None) -> None:
    """Change what someone may do; a unit clerk always belongs to a unit."""
    require_role(actor, ADMINS, "修改用户角色")
    if role == Role.CLERK and not unit:
        raise ValidationError("unit", "承办单位用户必须指定所属单位。")
    user = _user(s, login)
    before = {"role": user.role, "unit_id": user.unit_id}
    user.role = role
    user.unit_id = unit_id(s, unit) if unit else None
    audit.append(
        s,
        actor=actor.login,
        action="user_role_set",
        before=before,
        after={"login": user.login, "role": role, "unit": unit},
    )


def map_db_role(s: Session, actor: Actor, login: str, db_role: str | None) -> str | None:
    """Tie an account to the PostgreSQL role its desktop connects as (row-level security);
    returns the role it had before (whose grants the caller may revoke)."""
    require_role(actor, ADMINS, "设置数据库角色")
    user = _user(s, login)
    role = checked_role_name(db_role) if db_role else None
    if role is not None:
        other = s.scalar(select(User.login).where(User.db_role == role, User.id != user.id))
        if other is not None:
            raise ValidationError("db_role", f"数据库角色“{role}”已分配给用户“{other}”。")
    previous, user.db_role = user.db_role, role
    audit.append(
        s,
        actor=actor.login,
        action="user_db_role_set",
        after={"login": user.login, "db_role": role},
    )
    return previous
