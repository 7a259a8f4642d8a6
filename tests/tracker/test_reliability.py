"""Faults from the environment: full disk, read-only or locked ledger, network shares, backups."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from tests.tracker.excel.messy import build
from tests.tracker.org import working_item
from tracker import db as dbmod
from tracker.actors import actor_by_login
from tracker.backup import backup_sqlite, thin_backups
from tracker.db import open_database
from tracker.demo.workbook import write_list_workbook
from tracker.errors import ImportFileError, StorageError
from tracker.excel import plan as planmod
from tracker.models import Item
from tracker.netfs import is_network_path, mount_type
from tracker.services import imports, registry

MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
//fileserver/share /mnt/share cifs rw 0 0
server:/export /home/clerk/nfs nfs4 rw 0 0
/dev/sdb1 /media/u\\040pan vfat rw 0 0
"""


def test_mount_types_and_network_paths():
    assert mount_type(Path("/mnt/share/台账/ledger.db"), MOUNTS) == "cifs"
    assert mount_type(Path("/media/u pan/ledger.db"), MOUNTS) == "vfat"
    assert is_network_path(Path("/home/clerk/nfs/a.db"), MOUNTS)
    assert not is_network_path(Path("/home/clerk/a.db"), MOUNTS)
    assert not is_network_path(Path("/mnt/sharex/a.db"), MOUNTS)
    assert is_network_path(Path(r"\\server\共享\ledger.db"), platform="win32")


def test_ledger_on_a_network_share_is_refused(db_path, monkeypatch):
    monkeypatch.setattr(dbmod, "is_network_path", lambda path: True)
    with pytest.raises(StorageError, match=r"网络共享文件夹.*PostgreSQL"):
        open_database(str(db_path))
    assert not db_path.exists()


def _import_plan(db, tmp_path, rows=0):
    path = write_list_workbook(tmp_path / "list.xlsx", rows) if rows else build(tmp_path / "l.xlsx")
    with db.sessions.begin() as s:
        registry.ensure_admin(s)
        return imports.plan_import(s, path)


def _apply(db, plan):
    with db.sessions.begin() as s:
        imports.apply_import(s, actor_by_login(s, "admin"), plan, create_units=True)


def _with_pragma(db, pragma):
    """Every new connection of ``db`` runs ``pragma`` (simulating the environment)."""
    event.listen(db.engine, "connect", lambda conn, _rec: conn.execute(pragma))
    db.engine.dispose()


def _items(db):
    with db.sessions.begin() as s:
        return s.scalar(select(func.count(Item.id)))


@pytest.mark.sqlite_only  # SQLite's own faults (a full disk, a read-only file)
@pytest.mark.parametrize(
    ("pragma", "message"),
    [("PRAGMA max_page_count = 30", "磁盘空间不足"), ("PRAGMA query_only = 1", "只读")],
    ids=["disk-full", "read-only"],
)
def test_environment_fault_during_import_is_a_clear_error_with_nothing_written(
    db, tmp_path, pragma, message
):
    plan = _import_plan(db, tmp_path, rows=300)
    with db.sessions.begin() as s:
        pages = s.connection().exec_driver_sql("PRAGMA page_count").scalar()
    _with_pragma(db, pragma.replace("30", str(pages)))
    with pytest.raises(StorageError, match=message):
        _apply(db, plan)
    assert _items(db) == 0


def test_locked_ledger_is_a_clear_error(db, db_path, tmp_path, monkeypatch):
    plan = _import_plan(db, tmp_path)
    _with_pragma(db, "PRAGMA busy_timeout = 200")
    other = sqlite3.connect(db_path, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="正被其他程序写入"):
            _apply(db, plan)
    finally:
        other.rollback()
        other.close()
    assert _items(db) == 0
    _apply(db, plan)
    assert _items(db) == 5


def test_cli_reports_storage_errors_with_exit_2(cli, db_path, monkeypatch):
    monkeypatch.setattr(dbmod, "is_network_path", lambda path: True)
    code, _, err = cli("init")
    assert code == 2 and err.startswith("错误：") and "Traceback" not in err


def test_attachments_are_verified(cli, db, org, tmp_path):
    with db.sessions.begin() as s:
        working_item(s, org, "A1")
    db.close()
    evidence = tmp_path / "照片.jpg"
    evidence.write_bytes(b"\xff\xd8 photo")
    assert cli("item", "attach", "A1", str(evidence), "--as", "jy")[0] == 0
    code, out, _ = cli("verify")
    assert code == 0 and "佐证材料完整：共 1 个文件" in out
    stored = next(p for p in (db.path.parent / "attachments").rglob("*") if p.is_file())
    stored.write_bytes(b"forged")
    code, _, err = cli("verify")
    assert code == 3 and "A1" in err and "被改动" in err
    stored.unlink()
    code, _, err = cli("verify")
    assert code == 3 and "文件缺失" in err


def test_backups_are_thinned_daily_weekly_monthly(db_path, tmp_path):
    db = open_database(str(db_path))
    db.auto_backup = False  # its backup would be named for the real date, not this test's
    db.close()
    folder = db_path.parent / "backups"
    today = dt.date(2026, 11, 22)
    for age in range(0, 400, 1):
        day = today - dt.timedelta(days=age)
        backup_sqlite(db_path, folder / f"ledger-auto-{day:%Y%m%d}.db")
    manual = backup_sqlite(db_path, folder / "ledger-manual.db")
    thin_backups(folder, "ledger", today)
    kept = sorted(p.name for p in folder.glob("ledger-auto-*.db"))
    days = [dt.datetime.strptime(n[12:20], "%Y%m%d").date() for n in kept]
    assert sum(1 for d in days if (today - d).days < 7) == 7
    weeks = {d.isocalendar()[:2] for d in days if 7 <= (today - d).days < 35}
    assert len([d for d in days if 7 <= (today - d).days < 35]) == len(weeks) <= 5
    assert all((today - d).days < 366 for d in days)
    assert len(kept) <= 7 + 5 + 12 + 1
    assert manual.exists()


def test_planning_has_a_time_limit(db, tmp_path, monkeypatch):
    monkeypatch.setattr(planmod, "TIME_LIMIT", -1.0)
    path = write_list_workbook(tmp_path / "big.xlsx", 600)
    with pytest.raises(ImportFileError, match="解析超过"), db.sessions.begin() as s:
        imports.plan_import(s, path)
