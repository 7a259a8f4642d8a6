"""The GUI side of a shared ledger: editing with a stale save resolved, login, the
connection dialog, and others' changes shown without losing the user's place."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from tests.tracker.pg import PG_URL
from tracker.services import accounts
from tracker.services.desk import Desk
from tracker.services.ledger_files import local_desk
from ui import app
from ui.change_watch import ChangeWatch
from ui.dialogs import edit_item_dialog
from ui.dialogs.connection_dialog import ConnectionDialog
from ui.dialogs.edit_item_dialog import EditItemDialog
from ui.dialogs.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.models.ledger_model import COLUMNS
from ui.settings import UiSettings


def _sql(db, query, *args):
    conn = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    try:
        return conn.execute(query, args).fetchall()
    finally:
        conn.close()


def _first_item(db) -> int:
    return _sql(db, "SELECT id FROM item WHERE status='in_progress' ORDER BY id LIMIT 1")[0][0]


@pytest.fixture
def dialog(qtbot, demo_db):
    desk = Desk(demo_db)
    d = EditItemDialog(None, desk, desk.detail(_first_item(demo_db)))
    qtbot.addWidget(d)
    return d


def test_edit_dialog_saves_only_the_changed_fields(dialog, demo_db):
    item_id = _first_item(demo_db)
    version = _sql(demo_db, "SELECT version FROM item WHERE id=?", item_id)[0][0]
    dialog.edits["title"].setText("城关二小食堂改扩建（第二期）")
    dialog.edits["beneficiaries"].setText("1,500")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _sql(demo_db, "SELECT title, beneficiaries, version FROM item WHERE id=?", item_id) == [
        ("城关二小食堂改扩建（第二期）", 1500, version + 1)
    ]
    after = _sql(demo_db, "SELECT after FROM audit_entry WHERE action='edit'")
    assert after == [('{"beneficiaries":1500,"title":"城关二小食堂改扩建（第二期）"}',)]


def test_edit_dialog_shows_a_bad_value_and_saves_nothing(dialog, demo_db):
    before = _sql(demo_db, "SELECT title, version FROM item WHERE id=?", _first_item(demo_db))
    dialog.edits["title"].setText("新名称")
    dialog.edits["funds"].setText("三十万")
    dialog.save()
    assert dialog.message.text() == "投入资金“三十万”不是数字。"
    assert dialog.result() == dialog.DialogCode.Rejected  # still open, not accepted
    assert (
        _sql(demo_db, "SELECT title, version FROM item WHERE id=?", _first_item(demo_db)) == before
    )


def _someone_else_renames(demo_db, item_id, title):
    other = Desk(demo_db)
    other.edit_item(item_id, other.detail(item_id).version, {"title": title})


@pytest.mark.parametrize("choice", [edit_item_dialog.KEEP, edit_item_dialog.RELOAD])
def test_a_stale_save_shows_both_changes_and_loses_neither_unasked(
    dialog, demo_db, monkeypatch, choice
):
    item_id = _first_item(demo_db)
    old_title = dialog.text("title")
    _someone_else_renames(demo_db, item_id, "他人改的名称")
    shown = []
    monkeypatch.setattr(
        edit_item_dialog,
        "ask_conflict",
        lambda parent, message, details: shown.append((message, details)) or choice,
    )
    dialog.edits["remarks"].setPlainText("我的备注")
    dialog.save()
    message, details = shown[0]
    assert message.startswith("该事项已被他人修改")
    assert f"对方的修改：\n事项名称：{old_title} → 他人改的名称" in details
    assert "您的修改：\n备注：（空） → 我的备注" in details
    title, remarks = _sql(demo_db, "SELECT title, remarks FROM item WHERE id=?", item_id)[0]
    if choice == edit_item_dialog.KEEP:  # saved on top of the other change
        assert (title, remarks) == ("他人改的名称", "我的备注")
        assert dialog.result() == dialog.DialogCode.Accepted
    else:  # reloaded: the form shows the other change, nothing of mine was written
        assert (title, remarks) == ("他人改的名称", None)
        assert dialog.text("title") == "他人改的名称" and dialog.text("remarks") == ""
        assert dialog.message.text() == "已载入对方修改后的内容。"


def test_login_dialog_says_why_and_lets_the_right_password_in(qtbot, db, org):
    with db.sessions.begin() as s:
        accounts.set_password(s, org.admin, "dc", "correct-horse")
    d = LoginDialog(None, db, "dc")
    qtbot.addWidget(d)
    d.password.setText("wrong")
    d.try_login()
    assert d.message.text() == "用户名或密码错误。再错 4 次，账号将被暂时锁定。"
    assert d.password.text() == "" and d.desk is None
    d.password.setText("correct-horse")
    d.try_login()
    assert d.desk is not None and d.desk.actor.login == "dc"
    assert d.result() == d.DialogCode.Accepted


def test_start_asks_for_a_login_only_when_the_ledger_requires_it(qtbot, db, org, monkeypatch):
    from tracker import settings

    prefs = UiSettings()
    assert app.start_desk(db, prefs).actor.login == "admin"
    with db.sessions.begin() as s:
        accounts.set_password(s, org.admin, "admin", "correct-horse")
        settings.put(s, org.admin, "login_required", True)
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a: Desk(db, "dc")))
    assert app.start_desk(db, prefs).actor.login == "dc"
    assert prefs.last_login() == "dc"


def test_connection_dialog_reports_an_unreachable_server_in_chinese(qtbot):
    d = ConnectionDialog(None, "postgresql+psycopg://clerk:secret@127.0.0.1:1/shishi")
    qtbot.addWidget(d)
    assert (d.host.text(), d.port.value(), d.user.text()) == ("127.0.0.1", 1, "clerk")
    with qtbot.waitSignal(d.tested, timeout=15000) as result:
        d.test()
        assert d.result_line.text() == "正在连接…"  # the dialog stays live meanwhile
        box = d.findChild(QDialogButtonBox)
        enabled = [b for b in d.findChildren(QPushButton) if b.isEnabled()]
        assert enabled == [box.button(QDialogButtonBox.StandardButton.Cancel)]  # may give up
    assert result.args == [False]
    assert d.result_line.text().startswith("无法连接数据库服务器：服务器没有响应")
    assert all(b.isEnabled() for b in d.findChildren(QPushButton))
    accepted = []
    d.accepted.connect(lambda: accepted.append(True))
    with qtbot.waitSignal(d.tested, timeout=15000):
        d.connect_if_ok()  # 连接 on an unreachable server: the dialog stays open
    assert accepted == []
    assert d.remember.isChecked()  # the given URL carried a password
    d.remember.setChecked(False)
    assert d.remembered_url() == "postgresql+psycopg://clerk@127.0.0.1:1/shishi"


def test_others_changes_refresh_the_ledger_in_place(qtbot, demo_db):
    window = MainWindow(Desk(demo_db))
    qtbot.addWidget(window)
    window.resize(1200, 600)
    window.show()
    model, table = window.ledger.model, window.ledger.table
    qtbot.waitUntil(lambda: model.rowCount() == 300)
    table.scrollTo(model.index(150, 0))
    table.setCurrentIndex(model.index(150, 0))
    chosen = model.item_id(150)
    scroll = table.verticalScrollBar().value()
    watch = ChangeWatch(window, interval_ms=50)
    watch.changed.connect(window._others_changed)
    watch.follow(window.desk, always=True)
    qtbot.waitUntil(lambda: watch._marker is not None)
    # Another desktop registers an item that sorts first: every row moves down by one.
    first_list = _sql(demo_db, "SELECT name FROM item_list ORDER BY id LIMIT 1")[0][0]
    Desk(demo_db).add_item(first_list, "0000", "新登记的事项", lead_unit=None, deadline=None)
    with qtbot.waitSignal(window.ledger.refreshed, timeout=5000):
        pass
    assert model.rowCount() == 301
    assert model.item_id(table.currentIndex().row()) == chosen
    assert table.currentIndex().row() == 151
    assert table.verticalScrollBar().value() == scroll


@pytest.mark.pg
@pytest.mark.skipif(not PG_URL, reason="set SHISHI_TEST_PG_URL (.ci/run does)")
def test_a_window_on_postgresql_shows_another_desktops_save(qtbot, pg_ledger):
    from tests.tracker.org import build_org, working_item
    from tracker.db import open_database

    d = ConnectionDialog(None, pg_ledger)
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.tested, timeout=15000) as result:
        d.test()
    assert result.args == [True] and d.result_line.text().endswith("可以使用。")
    mine, theirs = open_database(pg_ledger), open_database(pg_ledger)
    try:
        with mine.sessions.begin() as s:
            org = build_org(s)
            item_id = working_item(s, org, "G1")
        window = MainWindow(local_desk(mine))
        qtbot.addWidget(window)
        window.show()
        window.watch.timer.setInterval(50)
        qtbot.waitUntil(lambda: window.ledger.model.rowCount() == 1)
        window.ledger.table.setCurrentIndex(window.ledger.model.index(0, 0))
        qtbot.waitUntil(lambda: window.watch._marker is not None)
        other = Desk(theirs, "dc")
        other.edit_item(item_id, other.detail(item_id).version, {"title": "另一台电脑改的名称"})
        qtbot.waitUntil(
            lambda: "另一台电脑改的名称" in window.panel.view.toPlainText(), timeout=5000
        )
        title = next(n for n, (key, _h, _s) in enumerate(COLUMNS) if key == "title")
        qtbot.waitUntil(lambda: window.ledger.model.index(0, title).data() == "另一台电脑改的名称")
        assert window.ledger.table.currentIndex().row() == 0
    finally:
        window.close()  # stops the watch
        QThreadPool.globalInstance().waitForDone(10_000)
        mine.close()
        theirs.close()
