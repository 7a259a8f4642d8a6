"""Open a ledger database safely: the SQLite open protocol, engines and sessions.

Opening an SQLite ledger for writing takes an exclusive OS lock (one writer program per
file), runs ``quick_check`` (a corrupt file is never written to), refuses a file written by a
newer program, takes an online backup before migrating an older one, and then migrates it in
one transaction. Read-only opens skip the lock so that the CLI can list a ledger the GUI has
open.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from tracker import dberrors, schema
from tracker.backup import (
    backup_sqlite,
    daily_backup,
    integrity_problems,
    list_backups,
    lock_path,
    quick_check,
)
from tracker.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    SchemaTooNewError,
    SchemaTooOldError,
    StorageError,
)
from tracker.filelock import FileLock, LockHeld
from tracker.netfs import is_network_path
from tracker.paths import app_paths, backups_dir_for, resolve_db_url
from tracker.server_check import unreachable

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


@dataclass
class Database:
    """An open ledger: its engine, a session factory, and for SQLite its file and lock."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None = None
    read_only: bool = False
    _lock: FileLock | None = field(default=None, repr=False)
    #: take the day's automatic backup when a writable SQLite ledger is closed
    auto_backup: bool = True

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def label(self) -> str:
        """How the ledger is named to the user: its file, or the server address (no password)."""
        return str(self.path) if self.path is not None else make_url(self.url).render_as_string()

    @property
    def backups_dir(self) -> Path | None:
        return backups_dir_for(self.path) if self.path else None

    @property
    def attachments_dir(self) -> Path:
        """Evidence files live beside an SQLite ledger, else in the data folder."""
        return self.path.parent / "attachments" if self.path else app_paths().attachments_dir

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None and self.path is not None and self.auto_backup:
            try:
                daily_backup(self.path)
            except StorageError as exc:  # a failed backup must not lose the user's work
                log.error("daily backup failed: %s", exc)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(db: str | None = None, *, read_only: bool = False) -> Database:
    """Open (and if needed create and migrate) the ledger named by ``db``.

    Args:
        db: an SQLAlchemy URL or a file path; ``None`` means ``SHISHI_DB`` or the default.
        read_only: open without the writer lock and without migrating.

    Raises:
        StorageError: (or a subclass) with a Chinese message when the ledger cannot be used.
    """
    url = resolve_db_url(db)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise StorageError("请指定数据库文件路径（不支持内存数据库）。")
        return _open_sqlite(url, Path(parsed.database), read_only)
    return _open_server(url, read_only)


def make_sqlite_engine(path: Path, *, read_only: bool = False, foreign_keys: bool = True) -> Engine:
    """An engine whose every connection has our pragmas and a real BEGIN.

    pysqlite's own transaction handling delays BEGIN and breaks SAVEPOINTs, so the
    SQLAlchemy-documented recipe takes over: autocommit at the driver, BEGIN emitted by us.
    """
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if read_only else f"sqlite:///{path}"
    kwargs: dict[str, Any] = {} if foreign_keys else {"poolclass": NullPool}
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    dberrors.install(engine)
    return engine


def _open_sqlite(url: str, path: Path, read_only: bool) -> Database:
    path = path.expanduser()
    if read_only:
        refuse_network_share(path)
        if not path.exists():
            raise StorageError(f"数据库文件不存在：{path}。请先运行“shishi-cli init”创建台账。")
        _check_integrity(path)
        engine = make_sqlite_engine(path, read_only=True)
        _refuse_unknown_schema(engine, path, require_head=True)
        return Database(url, engine, _session_factory(engine), path, read_only=True)

    if path == app_paths().default_db:
        # The program's own data folder: the first start on a new desktop creates it. A
        # folder the user named stays an error (a typo must not scatter ledgers around).
        path.parent.mkdir(parents=True, exist_ok=True)
    if not path.parent.exists():
        raise StorageError(f"数据库所在文件夹不存在：{path.parent}")
    refuse_network_share(path)
    lock = FileLock(lock_path(path))
    try:
        lock.acquire()
    except LockHeld:
        raise DatabaseLockedError(
            f"台账“{path}”正被另一个程序使用。请先关闭另一个实事台账窗口或命令，再重试。"
        ) from None
    try:
        existed = path.exists() and path.stat().st_size > 0
        if existed:
            _check_integrity(path)
            _weekly_check(path)
        engine = make_sqlite_engine(path)
        _migrate_sqlite(engine, path, existed)
    except BaseException:
        lock.release()
        raise
    return Database(url, engine, _session_factory(engine), path, _lock=lock)


def refuse_network_share(path: Path) -> None:
    if is_network_path(path):
        raise StorageError(
            f"台账文件“{path}”位于网络共享文件夹上。SQLite 台账在网络盘上可能损坏，"
            "请把台账放在本机磁盘上；多台电脑共用台账请使用 PostgreSQL 共享部署（--db postgresql+psycopg://…）。"
        )


def _check_integrity(path: Path) -> None:
    problem = quick_check(path)
    if problem is None:
        return
    log.error("quick_check failed for %s: %s", path, problem)
    backups = list_backups(backups_dir_for(path))
    hint = (
        f"最近的备份是“{backups[0]}”，可用“shishi-cli restore”恢复。"
        if backups
        else "没有找到可用的备份，请联系技术支持。"
    )
    raise CorruptDatabaseError(
        f"台账文件“{path}”已损坏（完整性检查未通过），为防止数据进一步受损，程序不会写入它。{hint}",
        backups,
    )


CHECK_EVERY = dt.timedelta(days=7)


def _weekly_check(path: Path) -> None:
    """A full integrity check once a week; the date of the last one sits beside the ledger."""
    stamp = path.with_name(path.name + ".checked")
    try:
        last = dt.date.fromisoformat(stamp.read_text("utf-8").strip())
    except (OSError, ValueError):
        last = None
    if last is not None and dt.date.today() - last < CHECK_EVERY:
        return
    _full_check(path)
    stamp.write_text(dt.date.today().isoformat(), "utf-8")


def _full_check(path: Path) -> None:
    problems = integrity_problems(path)
    if problems:
        log.error("integrity_check failed for %s: %s", path, problems)
        backups = list_backups(backups_dir_for(path))
        hint = f"最近的备份是“{backups[0]}”。" if backups else ""
        raise CorruptDatabaseError(
            f"台账“{path}”的完整性检查发现问题（{problems[0]}），程序不会写入它。{hint}", backups
        )


def _refuse_unknown_schema(engine: Engine, path: Path | str, *, require_head: bool) -> str | None:
    current = schema.current_revision(engine)
    if current is not None and not schema.is_known(current):
        engine.dispose()
        raise SchemaTooNewError(
            f"台账“{path}”由更新版本的实事台账写入（结构版本 {current}），"
            "本程序无法安全打开。请升级本程序后再打开。"
        )
    if require_head and current != schema.head_revision():
        engine.dispose()
        raise StorageError(
            f"台账“{path}”的结构版本较旧（{current or '空'}），请先运行“shishi-cli init”或打开实事台账程序完成升级（升级前会自动备份）。"
        )
    return current


def _migrate_sqlite(engine: Engine, path: Path, existed: bool) -> None:
    current = _refuse_unknown_schema(engine, path, require_head=False)
    head = schema.head_revision()
    if current == head:
        return
    if existed and current is not None:
        _full_check(path)
        dest = backups_dir_for(path) / f"{path.stem}-pre-migrate-{current}.db"
        backup_sqlite(path, dest, unique=True)
        log.info("backed up %s to %s before migrating from %s", path, dest, current)
    # Batch migrations recreate tables, which only works with foreign keys off; the
    # pragma is ignored inside a transaction, so a dedicated engine sets it at connect.
    migrate_engine = make_sqlite_engine(path, foreign_keys=False)
    try:
        schema.upgrade(migrate_engine)
        with migrate_engine.connect() as conn:
            bad = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    finally:
        migrate_engine.dispose()
    if bad:
        raise StorageError(f"升级后发现 {len(bad)} 处外键不一致，请联系技术支持。")


def _open_server(url: str, read_only: bool) -> Database:
    """Connect to a shared ledger; never migrates it (``shishi-cli db upgrade`` does, once).

    Every desktop of a county office connects to the same server, so a client silently
    migrating it would pull the schema from under the others: a schema older or newer than
    this program's is refused with what to do.
    """
    engine = create_engine(url, pool_pre_ping=True)
    shown = make_url(url).render_as_string()
    try:
        current = _refuse_unknown_schema(engine, shown, require_head=False)
    except OperationalError as exc:  # before dberrors: say why the server refused
        engine.dispose()
        log.error("cannot reach %s: %s", shown, exc)
        raise unreachable(exc) from exc
    dberrors.install(engine)  # from now on a dropped connection means work not saved
    if current != schema.head_revision():
        engine.dispose()
        state = f"结构版本较旧（{current}）" if current else "还没有建立台账"
        raise SchemaTooOldError(
            f"数据库“{shown}”{state}，本程序需要结构版本 {schema.head_revision()}。"
            f"请管理员先运行“shishi-cli --db {shown} db upgrade”。"
        )
    return Database(url, engine, _session_factory(engine), read_only=read_only)


def upgrade_database(db: str | None) -> tuple[str | None, str]:
    """``shishi-cli db upgrade``: bring a ledger to this program's schema; (before, after).

    An SQLite file goes through the usual open protocol (lock, check, backup, migrate). A
    server migrates under an advisory lock, after which every unit role mapped for
    row-level security is granted the (possibly new) tables again.
    """
    url = resolve_db_url(db)
    if make_url(url).get_backend_name() == "sqlite":
        path = Path(make_url(url).database or "")
        before = None
        if path.exists() and path.stat().st_size > 0:
            probe = make_sqlite_engine(path, read_only=True)
            try:
                before = _refuse_unknown_schema(probe, path, require_head=False)
            finally:
                probe.dispose()
        open_database(url).close()
        return before, schema.head_revision()
    engine = create_engine(url)
    dberrors.install(engine)
    shown = make_url(url).render_as_string()
    try:
        _refuse_unknown_schema(engine, shown, require_head=False)
        before = schema.upgrade(engine)
        _regrant_unit_roles(engine)
    except OperationalError as exc:
        log.error("cannot upgrade %s: %s", shown, exc)
        raise StorageError(f"无法升级数据库“{shown}”：{exc.orig}") from exc
    finally:
        engine.dispose()
    return before, schema.head_revision()


def _regrant_unit_roles(engine: Engine) -> None:
    from tracker.row_security import grant_unit_role

    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        roles = conn.execute(text("SELECT db_role FROM app_user WHERE db_role IS NOT NULL"))
        for (role,) in roles.fetchall():
            grant_unit_role(conn, role)


def _session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
