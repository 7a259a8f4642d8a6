"""Where the ledger keeps its files: the one place directories are computed.

The default is the user's *local* (non-roaming) data folder, because an SQLite file must
never roam between machines. ``SHISHI_DATA_DIR`` moves everything (tests, portable
installs); ``SHISHI_DB`` or ``--db`` choose a different database.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "shishi-ledger"
DB_FILENAME = "ledger.db"


@dataclass(frozen=True)
class AppPaths:
    """The folders of one installation."""

    data_dir: Path

    @property
    def default_db(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"


def app_paths() -> AppPaths:
    """The folders to use, honouring ``SHISHI_DATA_DIR``."""
    override = os.environ.get("SHISHI_DATA_DIR")
    if override:
        return AppPaths(Path(override).expanduser())
    return AppPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)))


def cache_dir() -> Path:
    """Where things that can be made again are kept (the report font cut).

    ``SHISHI_CACHE_DIR`` chooses it; a portable install (``SHISHI_DATA_DIR``) keeps it in its
    own folder; otherwise the user's cache folder, which cleaners may empty at will.
    """
    override = os.environ.get("SHISHI_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    if os.environ.get("SHISHI_DATA_DIR"):
        return app_paths().data_dir / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def resolve_db_url(db: str | None = None) -> str:
    """Turn ``--db``/``SHISHI_DB``/the default into an SQLAlchemy URL.

    A plain file path is accepted and means an SQLite database.
    """
    raw = db or os.environ.get("SHISHI_DB")
    if not raw:
        return f"sqlite:///{app_paths().default_db}"
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def sqlite_file(url: str) -> Path | None:
    """The file behind an SQLite URL from ``resolve_db_url``; ``None`` for PostgreSQL."""
    prefix = "sqlite:///"
    return Path(url.removeprefix(prefix)) if url.startswith(prefix) else None


def backups_dir_for(db_file: Path) -> Path:
    """Backups of a ledger live beside it, so a moved ledger keeps its backups."""
    return db_file.parent / "backups"


def resources_dirs() -> list[Path]:
    """Where ``resources/`` may be: inside a frozen bundle first, then the source tree."""
    dirs = [Path(__file__).resolve().parents[1] / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.insert(0, Path(bundle) / "resources")
    return dirs


def resource(name: str) -> Path | None:
    """The first existing ``resources/<name>``, or None when neither place has it."""
    return next((d / name for d in resources_dirs() if (d / name).exists()), None)
