"""The same ledger on PostgreSQL: migrations, demo data, rates, lights, search and the audit chain.

Runs when SHISHI_TEST_PG_URL points at a server where the role may create databases
(.ci/run starts one); each test gets a database of its own.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import TODAY
from tracker import audit, lights, metrics, schema
from tracker.db import open_database
from tracker.demo import generate_demo
from tracker.services import ledger

PG_URL = os.environ.get("SHISHI_TEST_PG_URL")
pytestmark = [
    pytest.mark.pg,
    pytest.mark.skipif(not PG_URL, reason="set SHISHI_TEST_PG_URL (.ci/run does)"),
]


@pytest.fixture
def pg_url() -> Iterator[str]:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"shishi_t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


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
            "search": ledger.item_ids(s, ledger.ItemFilter(text="食堂", as_of=TODAY)),
            "sorted": ledger.item_ids(s, ledger.ItemFilter(as_of=TODAY), "deadline", True)[:500],
            "overdue": ledger.count_items(s, ledger.ItemFilter(overdue_only=True, as_of=TODAY)),
            "chain": audit.verify(s).ok,
        }


def test_same_numbers_on_postgresql_and_sqlite(pg_url, tmp_path):
    results = []
    for url in (pg_url, str(tmp_path / "same.db")):
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
    with open_database(pg_url) as db:
        assert schema.current_revision(db.engine) == schema.head_revision()
