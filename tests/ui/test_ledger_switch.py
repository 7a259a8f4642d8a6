"""台账 → 打开/新建台账文件: the window moves to the other ledger, the old one is released,
a refusal leaves the user where they were, and the next start opens the same file."""

from __future__ import annotations

import pytest

from tests.tracker.org import build_org, new_item, working_item
from tracker.db import open_database
from tracker.services.ledger_files import local_desk
from ui import app
from ui.main_window import MainWindow
from ui.settings import UiSettings


@pytest.fixture
def other_ledger(tmp_path):
    path = tmp_path / "乡镇台账.db"
    db = open_database(str(path))
    with db.sessions.begin() as s:
        org = build_org(s)
        for n in range(3):
            new_item(s, org, f"X{n}")
    db.close()
    return path


def _choose(monkeypatch, how, path):
    monkeypatch.setattr(f"ui.ledger_switch.QFileDialog.{how}", lambda *a, **k: (str(path), ""))


def test_open_another_ledger_file_and_remember_it(qtbot, db, org, other_ledger, monkeypatch):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "K1")
    window = MainWindow(local_desk(db))
    qtbot.addWidget(window)
    window.show()
    window.show_item(item_id)
    assert window.workflow.actions["urge"].isEnabled()
    _choose(monkeypatch, "getOpenFileName", other_ledger)
    switched = []
    window.ledger_changed.connect(switched.append)  # the single-instance socket follows
    with qtbot.waitSignal(window.ledger.refreshed):
        window.switch.open_file()
    assert switched == [window.desk.db.url]
    assert window.desk.db.path == other_ledger
    assert window.ledger.model.rowCount() == 3
    # the item the 办理 menu acted on is not in this ledger: nothing stays offered
    assert not any(a.isEnabled() for a in window.workflow.actions.values())
    assert str(other_ledger) in window.statusBar().currentMessage()
    assert UiSettings().last_file() == str(other_ledger)
    reopened = open_database(str(db.path))  # the first ledger was released
    reopened.close()
    assert app._remembered_file(UiSettings()) == str(other_ledger)
    # opening it again is said, not attempted (the window holds its lock)
    window.switch.open_file()
    assert window.statusBar().currentMessage() == "这个台账已经打开。"
    window.desk.db.close()


def test_a_refused_file_leaves_the_user_where_they_were(qtbot, db, org, tmp_path, monkeypatch):
    window = MainWindow(local_desk(db))
    qtbot.addWidget(window)
    bogus = tmp_path / "不是台账.db"
    bogus.write_bytes(b"this is not a database at all" * 100)
    shown = []
    monkeypatch.setattr("ui.ledger_switch.show_error", lambda _p, exc: shown.append(str(exc)))
    _choose(monkeypatch, "getOpenFileName", bogus)
    window.switch.open_file()
    assert shown and window.desk.db is db
    assert bogus.read_bytes().startswith(b"this is not a database")  # not touched
    assert UiSettings().last_file() is None


def test_new_ledger_file_starts_empty(qtbot, db, org, tmp_path, monkeypatch):
    window = MainWindow(local_desk(db))
    qtbot.addWidget(window)
    _choose(monkeypatch, "getSaveFileName", tmp_path / "新台账")
    with qtbot.waitSignal(window.ledger.refreshed):
        window.switch.new_file()
    assert window.desk.db.path == tmp_path / "新台账.db"
    assert window.ledger.model.rowCount() == 0
    assert window.desk.actor.login == "admin"
    window.desk.db.close()


def test_a_missing_remembered_file_falls_back_to_the_default(tmp_path):
    prefs = UiSettings()
    prefs.set_last_file(str(tmp_path / "拔掉的U盘" / "台账.db"))
    assert app._remembered_file(prefs) is None
