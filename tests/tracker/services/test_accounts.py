"""Accounts: argon2id hashes, throttled logins, and what only an administrator may change."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select

from tracker import audit
from tracker.enums import Role
from tracker.errors import LoginFailed, PermissionDenied, ValidationError
from tracker.models import AuditEntry, User
from tracker.services import accounts, ledger_files

T0 = dt.datetime(2026, 11, 22, 9, 0)


def _set(db, actor, login, password):
    with db.sessions.begin() as s:
        accounts.set_password(s, actor, login, password)


def _user(db, login) -> User:
    with db.sessions.begin() as s:
        return s.scalar(select(User).where(User.login == login))


def test_password_is_stored_as_argon2id_and_logs_in(db, org):
    _set(db, org.admin, "jy", "教育局2026!")
    stored = _user(db, "jy").password_hash
    assert stored.startswith("$argon2id$") and "教育局" not in stored
    actor = accounts.log_in(db.sessions, " jy ", "教育局2026!", T0)
    assert (actor.login, actor.role, actor.unit_name) == ("jy", Role.CLERK, "县教育局")


def test_five_failures_lock_the_account_and_the_lock_is_audited(db, org):
    _set(db, org.admin, "dc", "correct-horse")
    messages = []
    for n in range(5):
        with pytest.raises(LoginFailed) as err:
            accounts.log_in(db.sessions, "dc", f"guess{n}", T0 + dt.timedelta(seconds=n))
        messages.append(str(err.value))
    assert messages[0] == "用户名或密码错误。再错 4 次，账号将被暂时锁定。"
    assert messages[3] == "用户名或密码错误。再错 1 次，账号将被暂时锁定。"
    assert "已暂时锁定，请于 2026-11-22 09:15 后再试" in messages[4]
    # The right password does not help while locked...
    with pytest.raises(LoginFailed, match="已暂时锁定"):
        accounts.log_in(db.sessions, "dc", "correct-horse", T0 + dt.timedelta(minutes=10))
    # ...and works once the lock has run out, which also clears the count.
    accounts.log_in(db.sessions, "dc", "correct-horse", T0 + dt.timedelta(minutes=16))
    user = _user(db, "dc")
    assert (user.failed_logins, user.locked_until) == (0, None)
    with db.sessions.begin() as s:
        locks = s.scalars(select(AuditEntry).where(AuditEntry.action == "login_locked")).all()
        assert len(locks) == 1 and locks[0].actor == "dc"
        assert audit.verify(s).ok


def test_each_failure_after_the_lock_doubles_it(db, org):
    _set(db, org.admin, "dc", "correct-horse")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            accounts.log_in(db.sessions, "dc", "x", T0)
    later = T0 + dt.timedelta(minutes=16)
    with pytest.raises(LoginFailed, match="09:46"):  # 16 min + 2 × 15 min
        accounts.log_in(db.sessions, "dc", "still wrong", later)


def test_unknown_login_reads_like_a_wrong_password(db, org):
    with pytest.raises(LoginFailed) as err:
        accounts.log_in(db.sessions, "nobody", "whatever", T0)
    assert str(err.value) == "用户名或密码错误。"


def test_stopped_and_passwordless_accounts_cannot_log_in(db, org):
    _set(db, org.admin, "mz", "minzheng-2026")
    with db.sessions.begin() as s:
        accounts.set_active(s, org.admin, "mz", False)
    with pytest.raises(LoginFailed, match="已停用"):
        accounts.log_in(db.sessions, "mz", "minzheng-2026", T0)
    with pytest.raises(LoginFailed, match="还没有设置密码"):
        accounts.log_in(db.sessions, "ld", "", T0)


def test_only_an_administrator_sets_other_peoples_passwords(db, org):
    with pytest.raises(PermissionDenied, match="无权设置其他用户的密码"):
        _set(db, org.supervisor, "jy", "takeover-123")
    _set(db, org.supervisor, "dc", "my-own-pass")  # one's own is fine
    with pytest.raises(ValidationError, match="至少需要 8 个字符"):
        _set(db, org.admin, "jy", "short")
    with db.sessions.begin() as s, pytest.raises(PermissionDenied, match="不能停用自己"):
        accounts.set_active(s, org.admin, "admin", False)


def test_unlock_and_role_change_by_the_administrator(db, org):
    _set(db, org.admin, "jy", "教育局2026!")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            accounts.log_in(db.sessions, "jy", "x", T0)
    with db.sessions.begin() as s:
        accounts.unlock(s, org.admin, "jy")
        accounts.set_role(s, org.admin, "jy", Role.CLERK, "县民政局")
        with pytest.raises(ValidationError, match="必须指定所属单位"):
            accounts.set_role(s, org.admin, "ld", Role.CLERK, None)
    actor = accounts.log_in(db.sessions, "jy", "教育局2026!", T0)
    assert actor.unit_name == "县民政局"


def test_desk_logs_in_and_login_can_be_required_locally(db, org):
    assert ledger_files.needs_login(db) is not db.is_sqlite  # a shared ledger always asks
    with db.sessions.begin() as s:
        from tracker import settings

        accounts.set_password(s, org.admin, "admin", "admin-pass")
        settings.put(s, org.admin, "login_required", True)
    assert ledger_files.needs_login(db) is True
    _set(db, org.admin, "dc", "correct-horse")
    desk = ledger_files.log_in(db, "dc", "correct-horse")
    assert desk.actor.role == Role.SUPERVISOR
    with pytest.raises(LoginFailed):
        ledger_files.log_in(db, "dc", "wrong")


def test_cli_manages_accounts(cli, db_path, monkeypatch):
    from tests.tracker.org import build_org
    from tracker.db import open_database

    with open_database(str(db_path)) as ledger, ledger.sessions.begin() as s:
        build_org(s)
    monkeypatch.setattr("sys.stdin", io.StringIO("县督查室-密码2026\n"))
    assert cli("admin", "set-password", "dc", "--password-stdin", "--as", "admin")[:3:2] == (0, "")
    assert cli("admin", "disable-user", "ld", "--as", "admin")[0] == 0
    code, out, _ = cli("admin", "users", "--as", "admin")
    assert code == 0
    lines = {line.split()[0]: line.split()[-2:] for line in out.splitlines()[1:]}
    assert lines["dc"] == ["正常", "已设"] and lines["ld"] == ["已停用", "未设"]
    code, _, err = cli("admin", "set-password", "jy", "--password-stdin", "--as", "dc")
    assert code == 2 and "无权设置其他用户的密码" in err
