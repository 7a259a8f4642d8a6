"""The shared deployment on a real PostgreSQL server: schema gate, row-level security,
and two desktops (two processes) editing one item without losing an update.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tests.tracker.org import build_org, new_item, working_item
from tests.tracker.pg import PG_URL, needs_pg
from tests.tracker.two_desks import desktop
from tracker import audit, query, schema
from tracker.cli import main as cli_main
from tracker.db import open_database
from tracker.errors import SchemaTooNewError
from tracker.models import Item
from tracker.services import accounts, progress
from tracker.services.desk import Desk

pytestmark = needs_pg


def test_a_newer_schema_is_refused(pg_ledger):
    engine = create_engine(pg_ledger)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(SchemaTooNewError, match="更新版本的实事台账"):
        open_database(pg_ledger)


def test_two_administrators_upgrading_at_once_migrate_once(pg_url):
    cmd = [sys.executable, "-m", "tracker", "--db", pg_url, "db", "upgrade"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = sorted(p.communicate(timeout=120)[0].strip() for p in procs)
    assert [p.returncode for p in procs] == [0, 0]
    head = schema.head_revision()
    assert outputs == [
        f"数据库已是最新结构（版本 {head}），无需升级。",
        f"数据库结构已升级：空 → {head}。",
    ]
    with open_database(pg_url) as db:
        assert schema.current_revision(db.engine) == head


def _login_role(pg_roles: list[str], tag: str) -> str:
    role = f"t_{tag}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'unit-pass'"))
    admin.dispose()
    pg_roles.append(role)
    return role


def _as_role(url: str, role: str) -> str:
    return (
        make_url(url).set(username=role, password="unit-pass").render_as_string(hide_password=False)
    )


@pytest.fixture
def county(pg_ledger):
    """Items of two units, one shared (co-unit), one not yet assigned, with progress."""
    with open_database(pg_ledger) as db, db.sessions.begin() as s:
        org = build_org(s)
        ids = {
            "E1": working_item(s, org, "E1"),
            "M1": working_item(s, org, "M1", clerk=org.civil_clerk, unit="县民政局"),
            "C1": new_item(s, org, "C1", unit="县民政局", co_units=("县教育局",)),
            "U1": new_item(s, org, "U1", unit=None),
        }
        progress.report_progress(s, org.civil_clerk, ids["M1"], "民政局的进展")
        progress.report_progress(s, org.edu_clerk, ids["E1"], "教育局的进展")
    return pg_ledger, org, ids


def test_a_unit_role_sees_and_changes_only_its_units_items(county, pg_roles):
    url, _, ids = county
    role = _login_role(pg_roles, "jy")
    assert cli_main(["--db", url, "db", "grant-unit", "jy", role, "--as", "admin"]) == 0
    clerk = create_engine(_as_role(url, role))
    with clerk.begin() as conn:
        codes = conn.execute(text("SELECT code FROM item ORDER BY code")).scalars().all()
        reports = conn.execute(text("SELECT text FROM progress_report")).scalars().all()
        hidden = conn.execute(text("UPDATE item SET title = 'x' WHERE code = 'M1'")).rowcount
    assert codes == ["C1", "E1", "U1"] and reports == ["教育局的进展"] and hidden == 0
    refusals = [
        # progress on another unit's item
        f"INSERT INTO progress_report (item_id, reported_on, text, created_at) "
        f"VALUES ({ids['M1']}, '2026-11-22', '冒名进展', now())",
        # handing one's own item to another unit
        f"UPDATE item SET lead_unit_id = (SELECT id FROM unit WHERE name = '县民政局') "
        f"WHERE id = {ids['E1']}",
        # moving oneself into another unit
        "UPDATE app_user SET unit_id = 2 WHERE login = 'jy'",
    ]
    for sql in refusals:
        with (
            clerk.begin() as conn,
            pytest.raises(DBAPIError, match=r"row-level security|permission denied"),
        ):
            conn.execute(text(sql))
    clerk.dispose()
    # The desktop program works under that role, limited the same way.
    with open_database(_as_role(url, role)) as db:
        desk = Desk(db, "jy")
        assert desk.count(query.ItemFilter()) == 3
        desk.report_progress(ids["E1"], "用单位角色报送的进展", 60)
    with open_database(url) as db, db.sessions.begin() as s:
        assert s.get(Item, ids["E1"]).progress_percent == 60
        assert s.get(Item, ids["M1"]).title == "事项M1"
        assert audit.verify(s).ok


def test_a_stopped_clerks_role_sees_nothing_and_a_revoked_one_is_refused(county, pg_roles):
    url, org, _ = county
    role = _login_role(pg_roles, "mz")
    assert cli_main(["--db", url, "db", "grant-unit", "mz", role, "--as", "admin"]) == 0
    with open_database(url) as db, db.sessions.begin() as s:
        accounts.set_active(s, org.admin, "mz", False)
    clerk = create_engine(_as_role(url, role))
    with clerk.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM item")).scalar() == 0
    assert cli_main(["--db", url, "db", "revoke-unit", "mz", "--as", "admin"]) == 0
    with clerk.connect() as conn, pytest.raises(DBAPIError, match="permission denied"):
        conn.execute(text("SELECT count(*) FROM item"))
    clerk.dispose()


def test_two_desktops_editing_one_item_never_lose_an_update(county):
    url, org, ids = county
    with open_database(url) as db, db.sessions.begin() as s:
        for login in ("dc", "admin"):
            accounts.set_password(s, org.admin, login, f"{login}-password")
    rounds = 6
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(
            target=desktop, args=(url, login, f"{login}-password", ids["C1"], rounds, barrier, out)
        )
        for login in ("dc", "admin")
    ]
    for p in procs:
        p.start()
    results = dict(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0, 0]
    winners = []
    for n in range(rounds):
        outcome = {login: results[login][n] for login in results}
        saved = [login for login, o in outcome.items() if o == "saved"]
        assert len(saved) == 1, outcome  # one wins, and the other ...
        (loser,) = set(outcome) - set(saved)
        assert outcome[loser].startswith("该事项已被他人修改")  # ... is told, not overwritten
        winners.append(saved[0])
    with open_database(url) as db, db.sessions.begin() as s:
        item = s.get(Item, ids["C1"])
        assert item.title == f"{winners[-1]}的第{rounds - 1}次修改"
        edits = s.execute(text("SELECT actor FROM audit_entry WHERE action = 'edit' ORDER BY id"))
        assert edits.scalars().all() == winners
        assert audit.verify(s).ok
