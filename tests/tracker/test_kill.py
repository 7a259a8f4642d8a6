"""Pull the plug: SIGKILL a writer at random moments; the ledger must open whole every time.

Each kill is followed by the checks a county office would care about: the file passes
integrity_check, the program opens it (the lock died with the process), and the operation
that was running is either all there or not there at all.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tracker import audit
from tracker.db import open_database
from tracker.demo import generate_demo
from tracker.demo.workbook import write_list_workbook
from tracker.services.registry import ensure_admin

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("SHISHI_KILLS", "6"))


def _survivor(path: Path, *queries: str) -> list[object]:
    """Check the killed ledger's file is sound, then answer each one-value query."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return [conn.execute(q).fetchone()[0] for q in queries]
    finally:
        conn.close()


def _assert_audit_chain_intact(path: Path) -> None:
    with open_database(str(path)) as db, db.sessions.begin() as s:
        assert audit.verify(s).ok


def _kill_after(cmd: list[str], delay: float) -> bool:
    """Run ``cmd`` and SIGKILL it after ``delay`` s; returns whether it was still running."""
    with subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as p:
        time.sleep(delay)
        alive = p.poll() is None
        if alive:
            os.kill(p.pid, signal.SIGKILL)
        p.wait()
    return alive


@pytest.fixture(scope="module")
def big_list(tmp_path_factory) -> Path:
    return write_list_workbook(tmp_path_factory.mktemp("wb") / "list-10000.xlsx", 10_000)


@pytest.fixture(scope="module")
def empty_ledger(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("base") / "base.db"
    with open_database(str(path)) as db, db.sessions.begin() as s:
        ensure_admin(s)
    db.close()
    return path


@pytest.mark.slow
def test_killed_import_leaves_all_or_nothing(tmp_path, big_list, empty_ledger):
    rng = random.Random(20261122)
    outcomes = []
    for n in range(KILLS):
        path = tmp_path / f"k{n}.db"
        shutil.copy(empty_ledger, path)
        cmd = [
            sys.executable,
            "-m",
            "tracker",
            "--db",
            str(path),
            "import",
            str(big_list),
            "--create-units",
        ]
        _kill_after(cmd, rng.uniform(0.5, 9.0))
        items, audits = _survivor(
            path,
            "SELECT count(*) FROM item",
            "SELECT count(*) FROM audit_entry WHERE action='import_create'",
        )
        assert items in (0, 10_000) and audits == items
        _assert_audit_chain_intact(path)
        outcomes.append(items)
    print(f"{KILLS} kills during a 10,000-row import: {outcomes}")


EDITS = textwrap.dedent("""
    import sys
    from tracker.db import open_database
    from tracker.services import progress
    from tracker.actors import actor_by_login
    from sqlalchemy import select
    from tracker.models import Item, User
    db = open_database(sys.argv[1])
    with db.sessions.begin() as s:
        items = s.execute(select(Item.id, User.login).join(User, User.unit_id == Item.lead_unit_id)
                          .where(Item.status == "in_progress", User.role == "clerk")).all()
    n = 0
    while True:
        for item_id, login in items:
            with db.sessions.begin() as s:
                progress.report_progress(s, actor_by_login(s, login), item_id, f"第{n}次报送")
            n += 1
""")


@pytest.mark.slow
def test_killed_burst_of_edits_loses_no_half_edit(tmp_path):
    base = tmp_path / "demo.db"
    with open_database(str(base)) as db, db.sessions.begin() as s:
        generate_demo(s, 300, seed=4)
    rng = random.Random(7)
    for n in range(KILLS):
        path = tmp_path / f"e{n}.db"
        shutil.copy(base, path)
        assert _kill_after([sys.executable, "-c", EDITS, str(path)], rng.uniform(1.0, 4.0))
        reports, audited, latest = _survivor(
            path,
            "SELECT count(*) FROM progress_report WHERE text LIKE '第%次报送'",
            # the demo's own progress entries carry no text: count the burst's alone
            "SELECT count(*) FROM audit_entry WHERE action='progress' AND after LIKE '%次报送%'",
            "SELECT count(*) FROM item i WHERE i.latest_progress LIKE '第%次报送' AND NOT EXISTS "
            "(SELECT 1 FROM progress_report p WHERE p.item_id=i.id AND p.text=i.latest_progress)",
        )
        assert reports == audited and latest == 0
        _assert_audit_chain_intact(path)


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.db"
    with open_database(str(path)) as db, db.sessions.begin() as s:
        generate_demo(s, 60_000, seed=9)
    return path


@pytest.mark.slow
def test_killed_backup_never_leaves_a_broken_backup(tmp_path, big_ledger):
    from tracker.backup import list_backups, quick_check

    rng = random.Random(3)
    path = tmp_path / "ledger.db"
    shutil.copy(big_ledger, path)
    cmd = [sys.executable, "-m", "tracker", "--db", str(path), "backup"]
    for _ in range(KILLS):
        _kill_after(cmd, rng.uniform(0.3, 2.5))
    backups = list_backups(tmp_path / "backups")
    assert all(quick_check(b) is None for b in backups)
    _survivor(path)


MIGRATE = "import sys; from tracker.db import open_database; open_database(sys.argv[1]).close()"


@pytest.mark.slow
def test_killed_migration_leaves_the_old_or_the_new_schema(tmp_path, big_ledger):
    from alembic import command

    from tracker import schema
    from tracker.db import make_sqlite_engine

    old = tmp_path / "old.db"
    shutil.copy(big_ledger, old)
    engine = make_sqlite_engine(old, foreign_keys=False)
    with engine.begin() as conn:
        command.downgrade(schema.alembic_config(conn), schema.known_revisions()[-2])
    engine.dispose()
    rng = random.Random(11)
    seen = set()
    for n in range(KILLS):
        path = tmp_path / f"m{n}.db"
        shutil.copy(old, path)
        _kill_after([sys.executable, "-c", MIGRATE, str(path)], rng.uniform(0.5, 4.0))
        version, items = _survivor(
            path, "SELECT version_num FROM alembic_version", "SELECT count(*) FROM item"
        )
        assert items == 60_000
        seen.add(version)
        with open_database(str(path)) as db:  # and the program finishes the job next time
            assert schema.current_revision(db.engine) == schema.head_revision()
    assert seen <= set(schema.known_revisions())
    print(f"{KILLS} kills during a migration of 60,000 items; versions left behind: {sorted(seen)}")


@pytest.fixture(scope="module")
def returned_pack(tmp_path_factory) -> tuple[Path, Path, int]:
    """A 20,000-item ledger and the filled-in pack of its busiest unit that has a clerk."""
    from openpyxl import load_workbook
    from sqlalchemy import func, select

    from tracker.models import Item, Unit, User
    from tracker.services import returns

    folder = tmp_path_factory.mktemp("ret")
    base = folder / "base.db"
    with open_database(str(base)) as db, db.sessions.begin() as s:
        generate_demo(s, 20_000, seed=11)
        with_clerk = select(User.unit_id).where(User.role == "clerk")
        unit = s.scalar(
            select(Unit.name)
            .join(Item, Item.lead_unit_id == Unit.id)
            .where(Unit.id.in_(with_clerk))
            .group_by(Unit.name)
            .order_by(func.count().desc())
            .limit(1)
        )
        (pack,) = returns.export_unit_packs(s, folder / "packs", [unit]).written
    wb = load_workbook(pack)
    ws = wb["填报表"]
    rows = 0
    for r in range(4, ws.max_row + 1):
        if str(ws.cell(row=r, column=1).value or "").startswith("填报人"):
            break  # the sign-off lines under the table
        if ws.cell(row=r, column=1).value:
            ws.cell(row=r, column=10).value = f"回收包进展{r}"
            rows += 1
    wb.save(pack)
    return base, pack, rows


@pytest.mark.slow
def test_killed_return_import_applies_the_whole_pack_or_none(tmp_path, returned_pack):
    base, pack, rows = returned_pack
    rng = random.Random(1122)
    outcomes = []
    for n in range(KILLS):
        path = tmp_path / f"r{n}.db"
        shutil.copy(base, path)
        cmd = [sys.executable, "-m", "tracker", "--db", str(path), "import-return", str(pack)]
        _kill_after(cmd, rng.uniform(0.8, 2.5))  # the whole command takes about 2.4 s
        written, latest = _survivor(
            path,
            "SELECT count(*) FROM progress_report WHERE text LIKE '回收包进展%'",
            "SELECT count(*) FROM item WHERE latest_progress LIKE '回收包进展%'",
        )
        assert written in (0, rows) and latest == written
        _assert_audit_chain_intact(path)
        outcomes.append(written)
    print(f"{KILLS} kills during a {rows}-row return import: {outcomes}")
