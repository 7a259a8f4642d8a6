"""Fixtures for the core tests; the PostgreSQL ones live in ``tests/tracker/pg.py``."""

from tests.tracker.pg import pg_ledger, pg_roles, pg_url  # noqa: F401  (fixtures)
