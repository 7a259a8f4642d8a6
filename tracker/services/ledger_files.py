"""The ledger a desktop works on: opening it, who works on it, restoring a backup into it.

The window and the start-up code call these instead of closing and reopening databases
themselves, so the order that keeps data safe (close before the file is replaced, keep the
replaced file aside, reopen under the same user) is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker import settings
from tracker.backup import quick_check, restore_sqlite
from tracker.db import Database, open_database
from tracker.errors import CorruptDatabaseError, StorageError, TrackerError
from tracker.paths import resolve_db_url, sqlite_file
from tracker.services import accounts
from tracker.services.desk import Desk
from tracker.services.registry import ensure_admin

#: Asked when the ledger file is damaged: (what is wrong, the newest good backup) → restore?
RestoreQuestion = Callable[[str, Path], bool]


def open_ledger(url: str | None, restore_asked: RestoreQuestion | None = None) -> Database:
    """Open the ledger; if its file is damaged, offer to restore the newest good backup.

    The damaged file is never written to: ``restore_sqlite`` sets it aside before the
    backup takes its place, so nothing is lost whatever the user answers.
    """
    try:
        return open_database(url)
    except CorruptDatabaseError as exc:
        good = [b for b in exc.backups if quick_check(b) is None]
        if not good or restore_asked is None or not restore_asked(exc.message, good[0]):
            raise
        target = sqlite_file(resolve_db_url(url))
        assert target is not None  # only an SQLite file can be found damaged
        restore_sqlite(good[0], target)
        return open_database(url)


def needs_login(db: Database) -> bool:
    """Shared ledgers always ask; a local one when its administrator switched it on."""
    if not db.is_sqlite:
        return True
    with db.sessions.begin() as s:
        return bool(settings.get(s, "login_required"))


def local_desk(db: Database) -> Desk:
    """The administrator's desk on a ledger that asks for no login (made on first use)."""
    if not db.read_only:
        with db.sessions.begin() as s:
            ensure_admin(s)
    return Desk(db)


def log_in(db: Database, login: str, password: str) -> Desk:
    """The desk of a user who proved who they are (see ``accounts``)."""
    return Desk(db, actor=accounts.log_in(db.sessions, login, password))


@dataclass(frozen=True)
class Restored:
    """The ledger after a restore: reopened whatever happened, with the old file's place."""

    desk: Desk
    aside: Path | None
    error: TrackerError | None = None


def restore_backup(desk: Desk, backup: Path) -> Restored:
    """Close ``desk``'s ledger, put ``backup`` in its place (the old file kept aside), and
    reopen it for the same user. A refused restore still reopens the untouched ledger."""
    target = desk.db.path
    if target is None:
        raise StorageError("PostgreSQL 台账由管理员用 pg_dump 备份和恢复。")
    login = desk.actor.login
    desk.db.close()
    try:
        aside: Path | None = restore_sqlite(backup, target)
        error = None
    except TrackerError as exc:
        aside, error = None, exc
    return Restored(Desk(open_database(str(target)), login), aside, error)


def switch(current: Desk, new: Desk, use: Callable[[Desk], None]) -> None:
    """Move the window (``use``) to ``new``, then close the ledger it leaves."""
    old = current.db
    use(new)
    if old is not new.db:
        old.close()
