"""The SQLite open protocol: one writer, integrity check, schema guard, backup before migrating."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import func, select, text

from tests.tracker.damage import corrupt
from tracker import schema
from tracker.backup import backup_sqlite, list_backups
from tracker.db import make_sqlite_engine, open_database
from tracker.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    SchemaTooNewError,
    StorageError,
)
from tracker.models import Item, Unit


@pytest.mark.sqlite_only
def test_new_ledger_uses_wal_and_foreign_keys(db):
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_second_writer_in_same_process_is_refused_with_chinese_message(db, db_path):
    with pytest.raises(DatabaseLockedError, match="正被另一个程序使用"):
        open_database(str(db_path))


def test_reader_is_allowed_while_a_writer_holds_the_ledger(demo_db, db_path):
    with open_database(str(db_path), read_only=True) as reader, reader.sessions.begin() as s:
        assert s.scalar(select(func.count(Item.id))) == 300


def test_other_process_holding_the_ledger_blocks_us_until_it_dies(db_path):
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys
            from tracker.db import open_database
            db = open_database({str(db_path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout.readline().strip() == "ready"
            with pytest.raises(DatabaseLockedError):
                open_database(str(db_path))
        finally:
            os.kill(holder.pid, signal.SIGKILL)
            holder.wait()
    # A killed program leaves no stale lock behind.
    open_database(str(db_path)).close()


def test_database_from_a_newer_program_is_refused(db_path):
    open_database(str(db_path)).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    with pytest.raises(SchemaTooNewError, match="更新版本"):
        open_database(str(db_path))
    with pytest.raises(SchemaTooNewError):
        open_database(str(db_path), read_only=True)


def test_corrupt_ledger_is_reported_with_the_backup_and_not_written(demo_db, db_path):
    demo_db.close()
    backup = backup_sqlite(db_path, db_path.parent / "backups" / "ledger-manual.db", unique=True)
    corrupt(db_path)
    damaged = db_path.read_bytes()
    with pytest.raises(CorruptDatabaseError) as caught:
        open_database(str(db_path))
    assert caught.value.backups[0] == backup  # newest first (the day's automatic one is older)
    assert str(backup) in str(caught.value)
    assert "已损坏" in str(caught.value)
    assert db_path.read_bytes() == damaged


def test_not_a_database_at_all_is_reported(db_path):
    db_path.write_bytes(b"this is a spreadsheet, not a ledger" * 100)
    with pytest.raises(CorruptDatabaseError, match="没有找到可用的备份"):
        open_database(str(db_path))


def test_read_only_open_of_missing_file_says_how_to_create_it(db_path):
    with pytest.raises(StorageError, match="shishi-cli init"):
        open_database(str(db_path), read_only=True)
    assert not db_path.exists()


def test_missing_folder_is_reported(tmp_path):
    with pytest.raises(StorageError, match="文件夹不存在"):
        open_database(str(tmp_path / "nope" / "ledger.db"))


def test_first_start_creates_the_programs_own_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SHISHI_DB", raising=False)
    monkeypatch.setenv("SHISHI_DATA_DIR", str(tmp_path / "new" / "data"))
    with open_database(None) as db:
        assert db.path == tmp_path / "new" / "data" / "ledger.db"
    assert (tmp_path / "new" / "data" / "ledger.db").stat().st_size > 0


@pytest.mark.parametrize("old", schema.known_revisions()[:-1])
def test_older_ledger_is_backed_up_before_migrating(db_path, old):
    engine = make_sqlite_engine(db_path, foreign_keys=False)
    try:
        schema.upgrade(engine, old)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO unit (name, kind, sort_order, active) "
                    "VALUES ('县教育局', 'department', 0, 1)"
                )
            )
    finally:
        engine.dispose()
    with open_database(str(db_path)) as db, db.sessions.begin() as s:
        assert s.scalar(select(Unit.name)) == "县教育局"
    backups = [p for p in list_backups(db_path.parent / "backups") if "pre-migrate" in p.name]
    assert len(backups) == 1 and f"pre-migrate-{old}" in backups[0].name
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (old,)
        assert conn.execute("SELECT name FROM unit").fetchall() == [("县教育局",)]
    conn.close()


def test_up_to_date_ledger_is_opened_without_a_migration_backup(db_path):
    open_database(str(db_path)).close()
    open_database(str(db_path)).close()
    names = [p.name for p in list_backups(db_path.parent / "backups")]
    assert names == [f"ledger-auto-{dt.date.today():%Y%m%d}.db"]  # only the day's automatic one


def test_an_unreachable_server_is_named_as_such():
    with pytest.raises(StorageError, match="服务器没有响应：地址或端口不对"):
        open_database("postgresql+psycopg://clerk@127.0.0.1:1/shishi")
