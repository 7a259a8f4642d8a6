"""Online backups of an SQLite ledger with the sqlite3 backup API.

Copying the file while a program writes to it can produce a corrupt copy; the backup API
copies a consistent snapshot even while the ledger is open. Every copy is written to a
temporary name, checked with ``quick_check``, and only then renamed into place, so a backup
that exists is a backup that opens.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import DatabaseLockedError, StorageError
from tracker.filelock import FileLock, LockHeld
from tracker.paths import backups_dir_for

BACKUP_SUFFIX = ".db"


def backup_sqlite(source: Path, dest: Path, *, unique: bool = False) -> Path:
    """Copy the ledger at ``source`` to ``dest`` and verify the copy.

    Args:
        unique: add a timestamp to ``dest``'s name so that earlier backups are kept.

    Returns:
        The path written.
    """
    if unique:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        dest = dest.with_name(f"{dest.stem}-{stamp}{dest.suffix or BACKUP_SUFFIX}")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份文件夹“{dest.parent}”：{exc.strerror}") from exc
    partial = dest.with_name(dest.name + ".part")
    try:
        _copy(source, partial)
        os.replace(partial, dest)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"备份到“{dest}”失败：{exc}") from exc
    return dest


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            ok = dst.execute("PRAGMA quick_check").fetchone()
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    if ok != ("ok",):
        raise sqlite3.DatabaseError(f"备份文件校验未通过：{ok}")


def list_backups(folder: Path) -> list[Path]:
    """Backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"*{BACKUP_SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def quick_check(path: Path) -> str | None:
    """Run ``PRAGMA quick_check``; return ``None`` when fine, else what SQLite said."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:5])


def lock_path(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + ".lock")


def restore_sqlite(backup: Path, target: Path) -> Path | None:
    """Replace the ledger at ``target`` with ``backup``; the current ledger is kept aside.

    Returns:
        Where the previous ledger was put, or ``None`` if there was none.
    """
    if not backup.is_file():
        raise StorageError(f"备份文件不存在：{backup}")
    problem = quick_check(backup)
    if problem is not None:
        raise StorageError(f"备份文件“{backup}”校验未通过，不能用于恢复：{problem}")
    lock = FileLock(lock_path(target))
    try:
        lock.acquire()
    except LockHeld:
        raise DatabaseLockedError(f"台账“{target}”正被使用，请先关闭实事台账再恢复。") from None
    try:
        aside = _set_aside(target) if target.exists() else None
        partial = target.with_name(target.name + ".part")
        try:
            _copy(backup, partial)
            os.replace(partial, target)
        except (sqlite3.Error, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise StorageError(f"恢复失败：{exc}") from exc
        return aside
    finally:
        lock.release()


def _set_aside(target: Path) -> Path:
    """Keep the current ledger before it is replaced.

    A healthy ledger is copied with the backup API (which includes what is still in its
    WAL file); a damaged one is moved aside byte for byte, WAL and all, for later rescue.
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = target.parent / "backups"
    dest = folder / f"{target.stem}-before-restore-{stamp}{BACKUP_SUFFIX}"
    if quick_check(target) is None:
        backup_sqlite(target, dest)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        return dest
    folder.mkdir(parents=True, exist_ok=True)
    damaged = dest.with_name(dest.stem + "-damaged")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{target}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{damaged}{BACKUP_SUFFIX}{suffix}"))
    return Path(f"{damaged}{BACKUP_SUFFIX}")


AUTO_TAG = "-auto-"


def daily_backup(db_file: Path, today: dt.date | None = None) -> Path | None:
    """Take today's automatic backup if there is none yet, then thin the old ones."""
    today = today or dt.date.today()
    folder = backups_dir_for(db_file)
    stem = f"{db_file.stem}{AUTO_TAG}{today:%Y%m%d}"
    if any(folder.glob(f"{stem}*{BACKUP_SUFFIX}")):
        return None
    written = backup_sqlite(db_file, folder / f"{stem}{BACKUP_SUFFIX}")
    thin_backups(folder, db_file.stem, today)
    return written


def pre_import_backup(db_file: Path | None) -> Path | None:
    """The ledger as it was just before an import wrote to it (none for PostgreSQL,
    whose administrator backs up the server)."""
    if db_file is None:
        return None
    return backup_sqlite(
        db_file, backups_dir_for(db_file) / f"{db_file.stem}-pre-import.db", unique=True
    )


def manual_backup(db_file: Path, dest: Path | None = None) -> Path:
    """A backup the user asked for: to ``dest`` (a USB stick), or kept beside the ledger.

    Manual backups beside the ledger carry a timestamp and are never thinned away.
    """
    if dest is not None:
        return backup_sqlite(db_file, dest)
    return backup_sqlite(
        db_file, backups_dir_for(db_file) / f"{db_file.stem}-manual.db", unique=True
    )


def _day_of(path: Path, stem: str) -> dt.date | None:
    tail = path.stem.removeprefix(f"{stem}{AUTO_TAG}")[:8]
    try:
        return dt.datetime.strptime(tail, "%Y%m%d").date()
    except ValueError:
        return None


def thin_backups(folder: Path, stem: str, today: dt.date, *, keep_events: int = 20) -> list[Path]:
    """Keep a daily backup for a week, a weekly one for five weeks, a monthly one for a year.

    Backups taken before migrations, imports and restores are kept by count (the newest
    ``keep_events`` of each kind); manual backups are never removed. Returns what was deleted.
    """
    autos = sorted(
        (
            (d, p)
            for p in folder.glob(f"{stem}{AUTO_TAG}*{BACKUP_SUFFIX}")
            if (d := _day_of(p, stem))
        ),
        reverse=True,
    )
    keep: set[Path] = set()
    buckets: set[tuple[str, object]] = set()
    for day, path in autos:
        age = (today - day).days
        if age < 7:
            bucket: tuple[str, object] = ("day", day)
        elif age < 35:
            bucket = ("week", day.isocalendar()[:2])
        elif age < 366:
            bucket = ("month", (day.year, day.month))
        else:
            continue
        if bucket not in buckets:
            buckets.add(bucket)
            keep.add(path)
    doomed = [p for _d, p in autos if p not in keep]
    for kind in ("pre-migrate", "pre-import", "before-restore"):
        events = sorted(
            folder.glob(f"{stem}-{kind}-*{BACKUP_SUFFIX}"),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        doomed += events[keep_events:]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def integrity_problems(path: Path) -> list[str]:
    """Full ``integrity_check`` plus ``foreign_key_check``; empty when all is well."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        problems = [] if rows == ["ok"] else rows[:10]
        bad_keys = conn.execute("PRAGMA foreign_key_check").fetchall()
        if bad_keys:
            problems.append(f"{len(bad_keys)} 处外键不一致")
        return problems
    finally:
        conn.close()


#: Chinese names of the backup kinds, by the tag in the file name.
KIND_LABELS = {
    AUTO_TAG.strip("-"): "每日自动",
    "pre-migrate": "升级前自动",
    "pre-import": "导入前自动",
    "before-restore": "恢复前自动",
    "manual": "手动",
}


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the 备份与恢复 page lists it."""

    path: Path
    taken: dt.datetime
    size: int
    kind: str


def describe_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first, with their kind in Chinese."""
    out = []
    for path in list_backups(folder):
        stat = path.stat()
        kind = next((label for tag, label in KIND_LABELS.items() if f"-{tag}" in path.stem), "其他")
        out.append(BackupInfo(path, dt.datetime.fromtimestamp(stat.st_mtime), stat.st_size, kind))
    return out
