"""Shared fixtures: a fresh real SQLite ledger per test, offscreen Qt, no user data touched."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tracker.org import at, evidence, new_item, working_item
from tests.tracker.pg import (  # noqa: F401  (fixtures)
    PG_URL,
    _pg_template,
    pg_ledger,
    pg_roles,
    pg_url,
)
from tracker import settings
from tracker.db import Database, open_database
from tracker.demo import generate_demo
from tracker.enums import Rating
from tracker.services import extensions, progress, surveys, transitions

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the real user's ledger."""
    monkeypatch.setenv("SHISHI_DATA_DIR", str(tmp_path / "appdata"))
    monkeypatch.delenv("SHISHI_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[
            pytest.mark.pg,
            pytest.mark.skipif(not PG_URL, reason="set SHISHI_TEST_PG_URL (.ci/run does)"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Core tests run on both backends; see ``pytest_collection_modifyitems`` for which."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return request.getfixturevalue("pg_ledger")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """A ledger holding a small deterministic demo (300 items, seed 7, as of TODAY)."""
    with db.sessions.begin() as s:
        generate_demo(s, 300, seed=7, today=TODAY)
    return db


@pytest.fixture
def messy(tmp_path) -> Path:
    """The messy county list (title, 填报 line, two-row header, groups, footer) as .xlsx."""
    from tests.tracker.excel.messy import build

    return build(tmp_path / "清单.xlsx")


@pytest.fixture
def org(db: Database):
    """A small county (units, users, three lists) built through the services."""
    from tests.tracker.org import build_org

    with db.sessions.begin() as s:
        return build_org(s)


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]):
    """Run shishi-cli in-process against the test ledger; returns (exit code, stdout, stderr)."""
    from tracker.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _close(s, org, item_id, when, clerk=None):
    """Request (with evidence; the request sets 100%) and approve, on the same day."""
    evidence(s, clerk or org.edu_clerk, item_id, when)
    transitions.move(s, clerk or org.edu_clerk, item_id, "request_closure", reason="完成", at=when)
    transitions.move(s, org.supervisor, item_id, "approve", reason="同意办结", at=when)


@pytest.fixture
def ten_items(db, org):
    """Ten items, hand-tallied as of 2026-07-31 (deadline 6-30 unless noted, all 县教育局 but J):

    A done 6-20 on time, 满意 · B returned once, done 7-10 late, 基本满意 · C open, overdue,
    urged twice · D 5-31 extended to 8-31, open · E due 9-30, open · F cancelled 3-1 ·
    G 长期坚持, done 7-1 · H draft · I done 6-25 then reopened 7-20 · J 县民政局, done 6-30.

    Closure requests carry evidence and (setting ``closure_percent`` = "set") record 100%
    themselves, so that no progress report is added to the tallies above.
    """
    sup = org.supervisor
    with db.sessions.begin() as s:
        settings.put(s, org.admin, "closure_percent", "set")
        a = working_item(s, org, "A")
        _close(s, org, a, at(6, 20))
        surveys.record_visit(
            s, sup, a, rating=Rating.SATISFIED, visited_on=dt.date(2026, 7, 1), at=at(7, 1)
        )
        b = working_item(s, org, "B")
        evidence(s, org.edu_clerk, b, at(6, 25))
        transitions.move(s, org.edu_clerk, b, "request_closure", reason="完成", at=at(6, 25))
        transitions.move(s, sup, b, "rectify", reason="补材料", at=at(6, 26))
        _close(s, org, b, at(7, 10))
        surveys.record_visit(
            s, sup, b, rating=Rating.BASIC, visited_on=dt.date(2026, 7, 20), at=at(7, 20)
        )
        c = working_item(s, org, "C")
        progress.urge(s, sup, c, at=at(7, 3))
        progress.urge(s, sup, c, at=at(7, 10))
        progress.report_progress(
            s, org.edu_clerk, c, "推进中", reported_on=dt.date(2026, 7, 15), at=at(7, 15)
        )
        d = working_item(s, org, "D", deadline=dt.date(2026, 5, 31))
        extensions.request_extension(
            s, org.edu_clerk, d, dt.date(2026, 8, 31), "雨季", at=at(5, 20)
        )
        extensions.decide_extension(s, sup, d, True, at=at(5, 25))
        progress.report_progress(
            s, org.edu_clerk, d, "推进中", reported_on=dt.date(2026, 6, 1), at=at(6, 1)
        )
        e = working_item(s, org, "E", deadline=dt.date(2026, 9, 30))
        progress.report_progress(
            s, org.edu_clerk, e, "推进中", reported_on=dt.date(2026, 7, 30), at=at(7, 30)
        )
        f = working_item(s, org, "F")
        transitions.move(s, sup, f, "cancel", reason="取消", at=at(3, 1))
        g = working_item(s, org, "G", deadline=None)
        _close(s, org, g, at(7, 1))
        new_item(s, org, "H")  # a draft: not yet on the official ledger
        i = working_item(s, org, "I")
        _close(s, org, i, at(6, 25))
        transitions.move(s, sup, i, "reopen", reason="群众反映", at=at(7, 20))
        j = working_item(s, org, "J", unit="县民政局", clerk=org.civil_clerk)
        _close(s, org, j, at(6, 30), clerk=org.civil_clerk)
    return db


#: Fixtures that name the SQLite file itself: tests using them run on SQLite only.
SQLITE_FIXTURES = {"db_path", "cli"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL run covers the core (tests/tracker) where a test does not reach for
    the SQLite file (its path, the CLI on it, ``sqlite3``): those are SQLite's own tests.
    """
    keep, dropped = [], []
    for item in items:
        backend = getattr(item, "callspec", None) and item.callspec.params.get("db_url")
        sqlite_only = (
            "tests/tracker/" not in item.nodeid.replace("\\", "/")
            or SQLITE_FIXTURES & set(getattr(item, "fixturenames", ()))
            or item.get_closest_marker("sqlite_only") is not None
        )
        (dropped if backend == "postgresql" and sqlite_only else keep).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
