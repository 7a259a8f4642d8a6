"""An exclusive, process-wide lock on a file, released when the process dies.

The operating system drops the lock if the program is killed, so a crash never leaves a
stale lock behind (unlike a "lock file exists" test).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO


class LockHeld(Exception):
    """Another process (or another open in this one) holds the lock."""


class FileLock:
    """Hold an exclusive lock on ``path`` from ``acquire()`` until ``release()``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open on purpose
        try:
            _lock(handle)
        except OSError as exc:
            handle.close()
            raise LockHeld(str(self.path)) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows desktops
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        # flock locks belong to the open file description, so a second open of the same
        # file in this very process is refused too.
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
