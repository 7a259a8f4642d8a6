"""A real PostgreSQL database per test, for the shared-deployment tests.

Runs when SHISHI_TEST_PG_URL points at a server where the role may create databases and
roles (.ci/run starts one and sets it); without it the tests skip with that reason.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tracker.db import upgrade_database

PG_URL = os.environ.get("SHISHI_TEST_PG_URL")
needs_pg = [
    pytest.mark.pg,
    pytest.mark.skipif(not PG_URL, reason="set SHISHI_TEST_PG_URL (.ci/run does)"),
]


def _create(name: str, template: str | None = None) -> str:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            copy = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    finally:
        admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _discard(name: str) -> None:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        _drop(admin, name)
    finally:
        admin.dispose()


@pytest.fixture
def pg_url(pg_roles: list[str]) -> Iterator[str]:
    """An empty database of the test's own (no schema yet).

    Depends on ``pg_roles`` so that the roles are dropped after the database that holds
    their privileges.
    """
    name = f"shishi_t_{uuid.uuid4().hex[:12]}"
    yield _create(name)
    _discard(name)


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str]:
    """One database migrated once per run; each test's ledger is a copy (fast)."""
    name = f"shishi_tpl_{uuid.uuid4().hex[:12]}"
    upgrade_database(_create(name))
    yield name
    _discard(name)


@pytest.fixture
def pg_ledger(_pg_template: str, pg_roles: list[str]) -> Iterator[str]:
    """A database of the test's own at the current schema, as an administrator left it."""
    name = f"shishi_t_{uuid.uuid4().hex[:12]}"
    yield _create(name, template=_pg_template)
    _discard(name)


@pytest.fixture
def pg_roles() -> Iterator[list[str]]:
    """Login roles a test creates (roles are server-wide): dropped afterwards."""
    made: list[str] = []
    yield made
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for role in made:
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
    admin.dispose()


def _drop(admin: Engine, name: str) -> None:
    """Drop a test database, whoever is still on it.

    A plain DROP first: PostgreSQL stops an autovacuum worker on the database by itself,
    whereas WITH (FORCE) refuses to terminate it (a superuser process, not ours). FORCE then
    ends our own leftover sessions. Retried briefly, as autovacuum may come back.
    """
    for _ in range(40):
        for sql in (f'DROP DATABASE "{name}"', f'DROP DATABASE "{name}" WITH (FORCE)'):
            try:
                with admin.connect() as conn:
                    conn.execute(text(sql))
                return
            except DBAPIError:
                continue
        time.sleep(0.25)
    raise AssertionError(f"could not drop the test database {name}")
