"""Alembic glue: where the migration scripts live and which revision a database is at.

The scripts ship inside the package (``tracker/migrations``), located through
``importlib.resources`` so that a frozen build finds them without a working directory.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text


def alembic_config(connection: Connection | None = None) -> Config:
    """A programmatic Alembic config; ``connection`` is handed to ``env.py``."""
    cfg = Config()
    cfg.set_main_option("script_location", "tracker:migrations")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """What autogenerate compares: not the search index's FTS5 shadow tables (no model)."""
    from tracker.search_index import TABLE

    return not (type_ == "table" and name is not None and name.startswith(TABLE))


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def known_revisions() -> list[str]:
    """All revisions this program knows, oldest first."""
    revs = [r.revision for r in script_directory().walk_revisions()]
    return list(reversed(revs))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_known(revision: str) -> bool:
    return revision in known_revisions()


#: Advisory lock key held while a PostgreSQL ledger migrates ("shishi migrate").
MIGRATE_LOCK = 0x5348_4D47


def upgrade(engine: Engine, target: str = "head") -> str | None:
    """Apply migrations up to ``target`` in one transaction on ``engine``.

    On PostgreSQL the transaction first takes an advisory lock, so two administrators
    upgrading at once migrate one after the other (the second finds nothing left to do).
    Returns the revision the database was at before.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})
        before = MigrationContext.configure(conn).get_current_revision()
        command.upgrade(alembic_config(conn), target)
    return before
