"""The same ledger on PostgreSQL: migrations, demo data, rates, lights, search and the audit chain.

Each test gets a PostgreSQL database of its own (``tests/tracker/pg.py``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import TODAY
from tests.tracker import pg
from tests.tracker.catalogue import schema_of, security_of
from tests.tracker.org import request_closure
from tests.tracker.pg import PG_URL, needs_pg
from tracker import audit, lights, metrics, query, row_security, schema
from tracker.db import open_database, upgrade_database
from tracker.demo import generate_demo
from tracker.errors import SchemaTooOldError
from tracker.models import Base

pytestmark = needs_pg


def _everything(db) -> dict[str, object]:
    with db.sessions.begin() as s:
        return {
            "rates": [
                metrics.as_dict(r)
                for g in ("all", "category")
                for r in metrics.compute(s, TODAY, g)
            ],
            "june": [metrics.as_dict(r) for r in metrics.compute(s, dt.date(2026, 6, 30))],
            "lights": lights.light_counts(s, TODAY),
            "search": query.item_ids(s, query.ItemFilter(text="食堂", as_of=TODAY)),
            "sorted": query.item_ids(s, query.ItemFilter(as_of=TODAY), "deadline", True)[:500],
            "overdue": query.count_items(s, query.ItemFilter(overdue_only=True, as_of=TODAY)),
            "chain": audit.verify(s).ok,
        }


def test_same_numbers_on_postgresql_and_sqlite(pg_ledger, tmp_path):
    results = []
    for url in (pg_ledger, str(tmp_path / "same.db")):
        with open_database(url) as db:
            with db.sessions.begin() as s:
                generate_demo(s, 1500, seed=21, today=TODAY)
            results.append(_everything(db))
    pg, sqlite = results
    assert pg["chain"] and pg["search"]
    assert pg == sqlite


#: What ``row_security.grant_unit_role`` granted when unit roles came (0004) and until
#: item_history's writes were added: what a role mapped on an older ledger holds.
_GRANTS_OF_0004 = (
    "GRANT USAGE ON SCHEMA public TO {role}",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}",
    "GRANT INSERT, UPDATE ON item, person, audit_entry, item_co_unit, checkpoint, "
    "progress_report, closure_request, urge, extension, satisfaction_survey, attachment "
    "TO {role}",
    "GRANT DELETE ON item_co_unit, attachment TO {role}",
    "GRANT UPDATE (failed_logins, locked_until, password_hash) ON app_user TO {role}",
)


def _unit_role(pg_roles: list[str]) -> str:
    role = f"t_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role}"))
    admin.dispose()
    pg_roles.append(role)
    return role


def _map_clerk(url: str, role: str, *, as_of_0004: bool = False) -> None:
    """A clerk's account mapped to ``role``, granted what the program of the day granted."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO app_user (login, display_name, role, active, created_at, db_role) "
                "VALUES ('jy', '教育局', 'clerk', true, now(), :role)"
            ),
            {"role": role},
        )
        if as_of_0004:
            for sql in _GRANTS_OF_0004:
                conn.execute(text(sql.format(role=role)))
        else:
            row_security.grant_unit_role(conn, role)
    engine.dispose()


def _catalogue(url: str) -> tuple[dict, dict]:
    engine = create_engine(url)
    try:
        return schema_of(engine), security_of(engine)
    finally:
        engine.dispose()


def _differences(ledger: dict, today: dict) -> dict[str, dict[str, list]]:
    """Per catalogue, the rows only the ledger has and those only today's definitions have."""
    out = {}
    for key in today:
        extra = sorted(set(ledger[key]) - set(today[key]), key=repr)
        missing = sorted(set(today[key]) - set(ledger[key]), key=repr)
        if extra or missing:
            out[key] = {"ledger only": extra, "today only": missing}
    return out


@pytest.fixture
def todays_ledger(pg_roles: list[str]) -> Iterator[str]:
    """A database made from today's definitions alone, no migration: the models' tables,
    ``row_security.enable_sql()`` and the head revision stamped."""
    from alembic import command

    name = f"shishi_t_{uuid.uuid4().hex[:12]}"
    url = pg._create(name)
    engine = create_engine(url)
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        for sql in row_security.enable_sql():
            conn.execute(text(sql))
        command.stamp(schema.alembic_config(conn), "head")
    engine.dispose()
    yield url
    pg._discard(name)


def test_a_new_ledger_has_the_models_schema_and_todays_row_security(
    pg_ledger, todays_ledger, pg_roles
):
    """(The tables of the two are compared as Alembic does: a migrated table has its added
    columns last, one made from the models has them where the model lists them.)"""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(pg_ledger)
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": schema.include_name}
        assert compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata) == []
    engine.dispose()
    role = _unit_role(pg_roles)
    _map_clerk(pg_ledger, role)
    _map_clerk(todays_ledger, role)
    fresh, today = _catalogue(pg_ledger), _catalogue(todays_ledger)
    assert _differences(fresh[1], today[1]) == {}
    assert fresh[1]["policies"] and fresh[1]["functions"] and fresh[1]["column_grants"]


@pytest.mark.parametrize("start", schema.known_revisions()[:-1])
def test_migrations_on_postgresql(pg_url, pg_ledger, todays_ledger, pg_roles, start):
    """A ledger made at any revision (with a unit role mapped, once there were any) and
    upgraded is a new ledger: its schema, policies, functions, row-security flags and
    grants are those of a new ledger and of today's definitions."""
    role = _unit_role(pg_roles)
    engine = create_engine(pg_url)
    schema.upgrade(engine, start)
    assert schema.current_revision(engine) == start
    engine.dispose()
    mapped_before = schema.known_revisions().index(start) >= schema.known_revisions().index("0004")
    if mapped_before:
        _map_clerk(pg_url, role, as_of_0004=True)
    with pytest.raises(SchemaTooOldError, match="db upgrade"):
        open_database(pg_url)
    assert upgrade_database(pg_url) == (start, schema.head_revision())
    with open_database(pg_url) as db:
        assert schema.current_revision(db.engine) == schema.head_revision()
    if not mapped_before:
        _map_clerk(pg_url, role)
    _map_clerk(pg_ledger, role)
    _map_clerk(todays_ledger, role)
    upgraded, fresh, today = (_catalogue(u) for u in (pg_url, pg_ledger, todays_ledger))
    assert upgraded[0] == fresh[0]
    assert _differences(upgraded[1], today[1]) == {}


def test_downgrade_from_head_and_back_on_postgresql(pg_ledger, pg_url, todays_ledger):
    """Each downgrade leaves what the upgrade to its revision made; the way back up gives
    today's ledger again."""
    from alembic import command

    made = {}
    engine = create_engine(pg_url)
    for revision in schema.known_revisions()[:-1]:
        schema.upgrade(engine, revision)
        made[revision] = schema_of(engine), security_of(engine)
    engine.dispose()
    engine = create_engine(pg_ledger)
    try:
        for revision in reversed(made):
            with engine.begin() as conn:
                command.downgrade(schema.alembic_config(conn), revision)
            assert schema_of(engine) == made[revision][0], revision
            assert _differences(security_of(engine), made[revision][1]) == {}, revision
        with engine.begin() as conn:
            command.downgrade(schema.alembic_config(conn), "base")
        schema.upgrade(engine)
    finally:
        engine.dispose()
    assert _differences(_catalogue(pg_ledger)[1], _catalogue(todays_ledger)[1]) == {}


def _org_db(pg_ledger):
    from tests.tracker.org import build_org

    db = open_database(pg_ledger)
    with db.sessions.begin() as s:
        org = build_org(s)
    return db, org


def test_parallel_writers_keep_one_audit_chain(pg_ledger):
    import threading

    from tests.tracker.org import working_item
    from tracker.services import progress

    db, org = _org_db(pg_ledger)
    with db.sessions.begin() as s:
        items = [working_item(s, org, f"P{n}") for n in range(2)]
    errors = []

    def writer(item_id):
        try:
            for n in range(40):
                with db.sessions.begin() as s:
                    progress.report_progress(s, org.edu_clerk, item_id, f"第{n}次")
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.sessions.begin() as s:
        report = audit.verify(s)
    db.close()
    assert errors == [] and report.ok and report.entries >= 80


def test_two_supervisors_cannot_both_approve(pg_ledger):
    import threading
    import time

    from tests.tracker.org import working_item
    from tracker.errors import Conflict
    from tracker.services import transitions

    db, org = _org_db(pg_ledger)
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "D1")
        request_closure(s, org.edu_clerk, item_id, None, "完成")
    first_holds = threading.Event()
    outcome = {}

    def first():
        with db.sessions.begin() as s:
            transitions.move(s, org.supervisor, item_id, "approve", reason="同意办结")
            first_holds.set()
            time.sleep(0.5)  # the row stays locked until this commit

    def second():
        first_holds.wait(5)
        try:
            with db.sessions.begin() as s:
                transitions.move(s, org.admin, item_id, "approve", reason="同意办结")
            outcome["second"] = "approved"
        except Conflict as exc:
            outcome["second"] = str(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.sessions.begin() as s:
        approvals = s.execute(
            text("SELECT count(*) FROM audit_entry WHERE action='approve'")
        ).scalar()
    db.close()
    assert "不能执行“同意办结”" in outcome["second"] and approvals == 1
