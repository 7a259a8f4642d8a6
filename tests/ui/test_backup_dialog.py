"""备份与恢复 through the window: take a backup, export it, restore it, nothing lost."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import text

from tracker.query import ItemFilter
from tracker.services.desk import Desk
from ui.dialogs.backup_dialog import BackupDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db):
    w = MainWindow(Desk(demo_db))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.ledger.model.rowCount() == 300)
    yield w
    w.desk.db.close()


def _count(path, where="1=1"):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM item WHERE {where}").fetchone()[0]
    finally:
        conn.close()


def _dialog(qtbot, window):
    d = BackupDialog(window, window.desk.db.path, window.restore_backup)
    qtbot.addWidget(d)
    return d


def test_backup_now_lists_a_verified_copy(window, qtbot):
    d = _dialog(qtbot, window)
    before = d.table.rowCount()
    d.take_backup()
    qtbot.waitUntil(lambda: d.table.rowCount() == before + 1)
    newest = d._backups[0]
    assert newest.kind == "手动" and d.table.item(0, 1).text() == "手动"
    assert _count(newest.path) == 300
    assert "已备份到" in d.status.text()


def test_export_to_a_chosen_place(window, qtbot, tmp_path, monkeypatch):
    stick = tmp_path / "U盘" / "台账备份.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(stick), ""))
    d = _dialog(qtbot, window)
    d.export_backup()
    qtbot.waitUntil(lambda: stick.exists() and "已导出到" in d.status.text())
    assert _count(stick) == 300


def test_restore_brings_back_the_backup_and_keeps_the_current_file(window, qtbot, monkeypatch):
    path = window.desk.db.path
    d = _dialog(qtbot, window)
    d.take_backup()
    qtbot.waitUntil(lambda: any(b.kind == "手动" for b in d._backups))
    # Work done after the backup: cancel ten items through the service.
    with window.desk.db.sessions.begin() as s:
        query = text("SELECT id FROM item WHERE status='in_progress' LIMIT 10")
        ids = [i for (i,) in s.execute(query)]
    for i in ids:
        window.desk.move(i, "cancel", reason="重复登记")
    assert _count(path, "status='cancelled'") >= 10
    cancelled_after = _count(path, "status='cancelled'")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    manual = next(i for i, b in enumerate(d._backups) if b.kind == "手动")
    d.table.selectRow(manual)
    d.restore_selected()
    assert _count(path, "status='cancelled'") == cancelled_after - len(ids)
    aside = shown[0].split("\n")[-1]
    assert _count(aside, "status='cancelled'") == cancelled_after  # the replaced file is kept
    qtbot.waitUntil(lambda: window.ledger.model.rowCount() == 300)
    assert window.desk.count(ItemFilter()) == 300
