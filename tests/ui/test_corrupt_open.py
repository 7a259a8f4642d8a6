"""A damaged ledger at start-up: the newest good backup is offered, the damaged file kept."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from tests.tracker.damage import corrupt
from tracker.backup import backup_sqlite
from tracker.errors import CorruptDatabaseError
from tracker.services.ledger_files import open_ledger
from ui.app import ask_restore


@pytest.fixture
def damaged(demo_db, db_path):
    demo_db.close()
    backup = backup_sqlite(db_path, db_path.parent / "backups" / "ledger-manual.db", unique=True)
    corrupt(db_path)
    return db_path, backup


def test_yes_restores_the_backup_and_keeps_the_damaged_file(damaged, monkeypatch, qapp):
    db_path, backup = damaged
    broken = db_path.read_bytes()
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    db = open_ledger(str(db_path), ask_restore)
    try:
        with db.sessions.begin() as s:
            assert s.execute(text("SELECT count(*) FROM item")).scalar() == 300
    finally:
        db.close()
    assert str(backup) in asked[0]
    kept = [
        p
        for p in db_path.parent.rglob("ledger*")
        if p.is_file() and p.stat().st_size == len(broken) and p.read_bytes() == broken
    ]
    assert kept, "the damaged file was set aside, not deleted"


def test_no_leaves_everything_as_it_was(damaged, monkeypatch, qapp):
    db_path, _ = damaged
    broken = db_path.read_bytes()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    with pytest.raises(CorruptDatabaseError):
        open_ledger(str(db_path), ask_restore)
    assert db_path.read_bytes() == broken
