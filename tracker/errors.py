"""Domain errors whose messages are Chinese sentences a clerk can act on.

The CLI prints ``str(exc)`` and exits 2; the GUI shows it in a message box. Anything that is
not a ``TrackerError`` is a bug and is allowed to propagate with its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class TrackerError(Exception):
    """Root of every error a user can understand and fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(TrackerError):
    """A value given by the user is unacceptable (wrong date, empty title...)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(TrackerError):
    """The thing the user named does not exist."""


class DuplicateError(TrackerError):
    """The thing the user wants to add already exists."""


class PermissionDenied(TrackerError):
    """The acting user's role or unit scope does not allow the action."""


class Conflict(TrackerError):
    """Someone else changed the data first, or the move is out of order."""


class LoginFailed(TrackerError):
    """Wrong login or password, a stopped account, or too many failed attempts."""


class StorageError(TrackerError):
    """The database cannot be used: locked, corrupt, too new, unreachable."""


class DatabaseLockedError(StorageError):
    """Another running program holds the ledger file for writing."""


class SchemaTooNewError(StorageError):
    """The ledger was written by a newer version of the program."""


class SchemaTooOldError(StorageError):
    """A shared ledger has not been upgraded to this program's schema yet."""


class CorruptDatabaseError(StorageError):
    """The ledger file fails ``quick_check``; it is never written to.

    Attributes:
        backups: good backups, newest first, that the user may restore.
    """

    def __init__(self, message: str, backups: Sequence[Path] = ()) -> None:
        super().__init__(message)
        self.backups = list(backups)


class ImportFileError(TrackerError):
    """A workbook cannot be read; names the place in the file where possible."""

    def __init__(
        self,
        reason: str,
        *,
        path: Path | str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        col: str | None = None,
    ) -> None:
        self.reason = reason
        self.path = Path(path) if path is not None else None
        self.sheet = sheet
        self.row = row
        self.col = col
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.path is not None:
            where.append(f"文件“{self.path.name}”")
        if self.sheet:
            where.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.col:
            where.append(f"{self.col}列")
        return ("，".join(where) + "：" if where else "") + self.reason


class FontMissingError(TrackerError):
    """No Chinese font is installed, so a PDF or chart would print empty boxes."""


class Cancelled(TrackerError):
    """The user stopped a long task; whatever it was writing has been rolled back."""

    def __init__(self, message: str = "已取消，台账未作任何改动。") -> None:
        super().__init__(message)


class ReportInvariantError(TrackerError):
    """A report's own figures disagree: a bug caught before anyone signs the document."""

    def __init__(self, figure: str, detail: str) -> None:
        super().__init__(
            f"报表数字自相矛盾，已拒绝生成：{figure}（{detail}）。"
            "这是程序错误，请把这条信息告知维护人员。"
        )
        self.figure = figure
