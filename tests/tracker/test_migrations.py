"""Alembic migrations build exactly the schema the models describe, from any revision."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tests.tracker.catalogue import schema_of
from tracker import schema
from tracker.db import make_sqlite_engine, open_database
from tracker.models import Base


def _diff(engine):
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": schema.include_name}
        ctx = MigrationContext.configure(conn, opts=opts)
        return compare_metadata(ctx, Base.metadata)


def test_empty_database_migrates_to_head_and_matches_models(db_path):
    open_database(str(db_path)).close()
    engine = make_sqlite_engine(db_path)
    try:
        assert schema.current_revision(engine) == schema.head_revision()
        assert _diff(engine) == []
        tables = set(inspect(engine).get_table_names())
        assert {"item", "unit", "audit_entry", "holiday", "setting"} <= tables
    finally:
        engine.dispose()


def _schema(path):
    engine = make_sqlite_engine(path)
    try:
        return schema_of(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize("start", schema.known_revisions())
def test_every_revision_upgrades_to_head(db_path, tmp_path, start):
    """A ledger made at any revision and upgraded is the ledger a new program makes."""
    engine = make_sqlite_engine(db_path, foreign_keys=False)
    try:
        schema.upgrade(engine, start)
        assert schema.current_revision(engine) == start
    finally:
        engine.dispose()
    open_database(str(db_path)).close()
    engine = make_sqlite_engine(db_path)
    try:
        assert schema.current_revision(engine) == schema.head_revision()
        assert _diff(engine) == []
    finally:
        engine.dispose()
    fresh = tmp_path / "fresh.db"
    open_database(str(fresh)).close()
    assert _schema(db_path) == _schema(fresh)


def test_no_migration_imports_the_program():
    """A revision holds its own SQL and code: one that imported ``tracker`` would change
    what it does to a ledger whenever the program changed. Only alembic, sqlalchemy and the
    standard library (not importlib, a way round this test) may be imported."""
    import ast
    import sys
    from pathlib import Path

    import tracker.migrations

    allowed = {"alembic", "sqlalchemy", *sys.stdlib_module_names} - {"importlib"}
    versions = Path(tracker.migrations.__file__).parent / "versions"
    scripts = sorted(versions.glob("*.py"))
    assert len(scripts) == len(schema.known_revisions())
    found = []
    for script in scripts:
        for node in ast.walk(ast.parse(script.read_text("utf-8"), str(script))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = ["." * node.level + (node.module or "")]
            else:
                continue
            found += [f"{script.name}: {n}" for n in names if n.split(".")[0] not in allowed]
    assert found == []


def test_downgrade_to_base_and_back(db_path):
    from alembic import command

    open_database(str(db_path)).close()
    engine = make_sqlite_engine(db_path, foreign_keys=False)
    try:
        with engine.begin() as conn:
            command.downgrade(schema.alembic_config(conn), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        schema.upgrade(engine)
        assert _diff(engine) == []
    finally:
        engine.dispose()


def test_each_downgrade_leaves_what_the_upgrade_made(db_path, tmp_path):
    from alembic import command

    made, up = {}, tmp_path / "up.db"
    for revision in schema.known_revisions()[:-1]:
        engine = make_sqlite_engine(up, foreign_keys=False)
        try:
            schema.upgrade(engine, revision)
        finally:
            engine.dispose()
        made[revision] = _schema(up)
    open_database(str(db_path)).close()
    for revision in reversed(made):
        engine = make_sqlite_engine(db_path, foreign_keys=False)
        try:
            with engine.begin() as conn:
                command.downgrade(schema.alembic_config(conn), revision)
        finally:
            engine.dispose()
        assert _schema(db_path) == made[revision], revision


def test_revisions_read_from_the_scripts_equal_alembics():
    """Opening a ledger reads the scripts' revision lines without Alembic: same answer."""
    script = schema.script_directory()
    walked = [r.revision for r in script.walk_revisions()]
    assert schema.known_revisions() == list(reversed(walked))
    assert schema.head_revision() == script.get_current_head()


def test_current_revision_is_what_alembic_reads(db_url, tmp_path):
    from sqlalchemy import create_engine

    empty = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert schema.current_revision(empty) is None
    empty.dispose()
    open_database(db_url).close()  # SQLite: created and migrated; PostgreSQL: at head already
    engine = create_engine(db_url if "://" in db_url else f"sqlite:///{db_url}")
    try:
        with engine.connect() as conn:
            expected = MigrationContext.configure(conn).get_current_revision()
        assert schema.current_revision(engine) == expected == schema.head_revision()
    finally:
        engine.dispose()


def _migration(name):
    import importlib.util
    from pathlib import Path

    import tracker.migrations

    path = Path(tracker.migrations.__file__).parent / "versions" / name
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.sqlite_only
def test_0006_rebuilds_the_state_history_of_an_older_ledger(ten_items):
    """A ledger made before item_history: its history is rebuilt from the audit log, and
    every figure as of every month end comes out as it does with recorded history."""
    import datetime as dt

    from sqlalchemy import text

    from tracker import metrics

    days = [dt.date(2026, m, 28) for m in range(1, 13)]

    def figures():
        with ten_items.sessions.begin() as s:
            return [metrics.as_dict(metrics.compute(s, day)[0]) for day in days]

    recorded = figures()
    m = _migration("0006_item_history.py")
    with ten_items.engine.begin() as conn:
        conn.execute(text("DELETE FROM item_history"))
        conn.execute(text("UPDATE item SET requested_on = NULL"))
        requests = m._requests(conn)
        conn.execute(
            text("UPDATE item SET requested_on = :day WHERE id = :id"),
            [{"id": i, "day": v[-1].date()} for i, v in requests.items()],
        )
        m._backfill(conn, requests)
    assert figures() == recorded


def test_a_0007_ledger_keeps_its_reports_and_gets_the_gate_defaults(db_path):
    """Reports written before 0008 keep everything and have no 调低原因; the 销号 gate's
    rules start from their defaults, and a setting chosen before stays as chosen."""
    from alembic import command
    from sqlalchemy import text

    from tests.tracker.org import build_org, working_item
    from tracker import settings
    from tracker.services import progress

    with open_database(str(db_path)) as db, db.sessions.begin() as s:
        org = build_org(s)
        item_id = working_item(s, org, "A1")
        progress.report_progress(s, org.edu_clerk, item_id, "已开工", percent=30)
        settings.put(s, org.admin, "warning_days", 10)
    engine = make_sqlite_engine(db_path, foreign_keys=False)
    try:
        with engine.begin() as conn:  # the ledger as the previous release left it
            command.downgrade(schema.alembic_config(conn), "0007")
    finally:
        engine.dispose()
    with open_database(str(db_path)) as db:
        with db.engine.connect() as conn:
            row = conn.execute(text("SELECT text, percent, drop_reason FROM progress_report"))
            assert row.one() == ("已开工", 30, None)
        with db.sessions.begin() as s:
            values = settings.all_settings(s)
    assert values["warning_days"] == 10
    assert (values["closure_needs_evidence"], values["closure_percent"]) == (True, "require")
