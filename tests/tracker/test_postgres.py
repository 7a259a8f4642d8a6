"""The same ledger on PostgreSQL: migrations, demo data, rates, lights, search and the audit chain.

Each test gets a PostgreSQL database of its own (``tests/tracker/pg.py``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import TODAY
from tests.tracker.pg import needs_pg
from tracker import audit, lights, metrics, query, schema
from tracker.db import open_database, upgrade_database
from tracker.demo import generate_demo
from tracker.errors import SchemaTooOldError

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


@pytest.mark.parametrize("start", schema.known_revisions()[:-1])
def test_migrations_on_postgresql(pg_url, start):
    engine = create_engine(pg_url)
    schema.upgrade(engine, start)
    assert schema.current_revision(engine) == start
    engine.dispose()
    with pytest.raises(SchemaTooOldError, match="db upgrade"):
        open_database(pg_url)
    assert upgrade_database(pg_url) == (start, schema.head_revision())
    with open_database(pg_url) as db:
        assert schema.current_revision(db.engine) == schema.head_revision()


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
        transitions.move(s, org.edu_clerk, item_id, "request_closure", reason="完成")
    first_holds = threading.Event()
    outcome = {}

    def first():
        with db.sessions.begin() as s:
            transitions.move(s, org.supervisor, item_id, "approve")
            first_holds.set()
            time.sleep(0.5)  # the row stays locked until this commit

    def second():
        first_holds.wait(5)
        try:
            with db.sessions.begin() as s:
                transitions.move(s, org.admin, item_id, "approve")
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
