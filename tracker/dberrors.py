"""Turn the database driver's environment failures into Chinese StorageErrors.

A locked ledger, a full disk, a read-only file or a dropped server connection is not a bug:
the user can act on it, and the transaction has been rolled back, so nothing half-written
remains. Anything not recognised here stays a bug and keeps its traceback.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

from tracker.errors import CorruptDatabaseError, StorageError

#: (words in the driver's message, what the user is told)
KNOWN = [
    (
        ("database is locked", "database table is locked"),
        "台账正被其他程序写入，请稍后再试；如一直如此，请关闭其他正在使用该台账的窗口。",
    ),
    (
        ("database or disk is full", "no space left"),
        "磁盘空间不足，本次操作没有保存。请清理磁盘后重试。",
    ),
    (
        ("readonly database", "read-only", "permission denied"),
        "台账文件是只读的或没有写入权限，本次操作没有保存。",
    ),
    (("disk i/o error",), "读写磁盘出错（U 盘被拔出或磁盘故障？），本次操作没有保存。"),
    (("unable to open database file",), "无法打开台账文件，请检查文件是否存在、磁盘是否可用。"),
    (
        ("connection", "server closed", "could not connect", "timeout expired"),
        "与数据库服务器的连接中断，本次操作没有保存。请检查网络后重试。",
    ),
]
CORRUPT = ("database disk image is malformed", "file is not a database")


def storage_error(exc: BaseException) -> StorageError | None:
    """The StorageError for a driver exception, or ``None`` if it is not an environment fault."""
    text = str(exc).lower()
    if any(words in text for words in CORRUPT):
        return CorruptDatabaseError(
            "台账文件已损坏（完整性检查未通过），程序停止写入。请用最近的备份恢复。"
        )
    for words, message in KNOWN:
        if any(w in text for w in words):
            return StorageError(message)
    return None


def install(engine: Engine) -> None:
    """Raise our StorageError instead of OperationalError for known environment faults."""

    @event.listens_for(engine, "handle_error")
    def _translate(context: Any) -> None:
        if context.is_disconnect or _is_operational(context.original_exception):
            error = storage_error(context.original_exception)
            if error is not None:
                raise error from context.sqlalchemy_exception


def _is_operational(exc: BaseException) -> bool:
    return type(exc).__name__ in ("OperationalError", "DatabaseError")
