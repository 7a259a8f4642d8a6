"""Alembic glue: where the migration scripts live and which revision a database is at.

The scripts ship inside the package (``tracker/migrations``), located through
``importlib.resources`` so that a frozen build finds them without a working directory.

Opening a ledger only asks which revision it is at and which revisions this program knows.
That is answered from the ``alembic_version`` table and the scripts' ``revision`` lines,
without importing Alembic (≈ 0.25 s) or executing every script (a test holds the answer
equal to Alembic's own); Alembic is loaded when a ledger is actually migrated.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(?:None|['\"]([^'\"]+)['\"])", re.M)


def alembic_config(connection: Connection | None = None) -> Config:
    """A programmatic Alembic config; ``connection`` is handed to ``env.py``."""
    from alembic.config import Config

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
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return known_revisions()[-1]


def known_revisions() -> list[str]:
    """All revisions this program knows, oldest first (one line of history)."""
    return list(_revision_chain())


@functools.cache
def _revision_chain() -> tuple[str, ...]:
    """The revisions read from the scripts' ``revision``/``down_revision`` lines."""
    parent: dict[str | None, str] = {}
    for script in files("tracker.migrations").joinpath("versions").iterdir():
        if not script.name.endswith(".py"):
            continue
        source = script.read_text("utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            raise RuntimeError(f"migration script without revision lines: {script.name}")
        if down.group(1) in parent:
            raise RuntimeError(f"two migrations follow {down.group(1)}: history must be one line")
        parent[down.group(1)] = revision.group(1)
    chain: list[str] = []
    while (nxt := parent.get(chain[-1] if chain else None)) is not None:
        chain.append(nxt)
    assert chain and len(chain) == len(parent), "the package ships no or broken migrations"
    return tuple(chain)


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in the database; None for an empty one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise RuntimeError(f"the database records several revisions: {rows}")
    return rows[0] if rows else None


def is_known(revision: str) -> bool:
    return revision in _revision_chain()


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
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        before = MigrationContext.configure(conn).get_current_revision()
        command.upgrade(alembic_config(conn), target)
    return before
