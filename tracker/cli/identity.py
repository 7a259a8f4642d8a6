"""Who a CLI command acts as: ``--as LOGIN``, proven by a password on a shared server.

On a single-user SQLite ledger whoever can run the program can open the file anyway, so
``--as`` is taken at its word. On a shared PostgreSQL ledger an account with a password must
be logged into like the GUI does: the password comes from ``SHISHI_PASSWORD`` (scripts) or
is asked for on the terminal, and failures count towards the account's lock.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.actors import Actor, actor_by_login
from tracker.db import Database, open_database
from tracker.errors import LoginFailed
from tracker.models import User
from tracker.services.accounts import log_in

PASSWORD_ENV = "SHISHI_PASSWORD"


@contextmanager
def acting_session(url: str | None, login: str) -> Iterator[tuple[Database, Session, Actor]]:
    """Open the ledger, establish who acts, and give one transaction to act in."""
    with open_database(url) as db:
        actor = acting(db, login)
        with db.sessions.begin() as s:
            yield db, s, actor


def acting(db: Database, login: str) -> Actor:
    with db.sessions.begin() as s:
        needs_password = not db.is_sqlite and s.scalar(
            select(User.password_hash.is_not(None)).where(User.login == login.strip())
        )
        if not needs_password:
            return actor_by_login(s, login)
    return log_in(db.sessions, login, _password(login))


def _password(login: str) -> str:
    given = os.environ.get(PASSWORD_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise LoginFailed(f"请输入“{login}”的密码：在终端中运行，或设置环境变量 {PASSWORD_ENV}。")
    return getpass.getpass(f"“{login}”的密码：")


def new_password(from_stdin: bool) -> str:
    """A new password read from stdin (one line) or typed twice on the terminal."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise LoginFailed("两次输入的密码不一致，未修改。")
    return first
