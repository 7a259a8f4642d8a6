"""Shared fixtures: a fresh real SQLite ledger per test, offscreen Qt, no user data touched."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.db import Database, open_database
from tracker.demo import generate_demo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the real user's ledger."""
    monkeypatch.setenv("SHISHI_DATA_DIR", str(tmp_path / "appdata"))
    monkeypatch.delenv("SHISHI_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(str(db_path))
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """A ledger holding a small deterministic demo (300 items, seed 7, as of TODAY)."""
    with db.sessions.begin() as s:
        generate_demo(s, 300, seed=7, today=TODAY)
    return db


@pytest.fixture
def org(db: Database):
    """A small county (units, users, three lists) built through the services."""
    from tests.tracker.org import build_org

    with db.sessions.begin() as s:
        return build_org(s)


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]):
    """Run shishi-cli in-process against the test ledger; returns (exit code, stdout, stderr)."""
    from tracker.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
