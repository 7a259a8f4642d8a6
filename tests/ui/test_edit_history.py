"""撤销/重做 of saved edits: real saves through the service, refused when someone else
changed the item since."""

from __future__ import annotations

import pytest

from tests.tracker.org import working_item
from tracker.services.desk import Desk
from ui.dialogs.edit_item_dialog import EditItemDialog
from ui.main_window import MainWindow


@pytest.fixture
def item_id(db, org):
    with db.sessions.begin() as s:
        return working_item(s, org, "U1")


def _edit_through_dialog(monkeypatch, window, item_id, **fields):
    def fake_exec(dialog):
        for name, text in fields.items():
            dialog._set(name, text)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(EditItemDialog, "exec", fake_exec)
    window.edit_item(item_id)


def test_undo_and_redo_saved_edits(qtbot, db, item_id, monkeypatch):
    window = MainWindow(Desk(db, "dc"))
    qtbot.addWidget(window)
    refused = []
    monkeypatch.setattr("ui.main_window.show_error", lambda _p, exc: refused.append(str(exc)))
    window.show_item(item_id)
    undo, redo = window.history.undo_action, window.history.redo_action
    assert not undo.isEnabled() and undo.text() == "撤销修改"
    _edit_through_dialog(monkeypatch, window, item_id, title="新名称", remarks="备注一")
    _edit_through_dialog(monkeypatch, window, item_id, remarks="备注二")
    assert undo.text() == "撤销修改：U1 备注"
    undo.trigger()
    assert refused == []
    detail = window.desk.detail(item_id)
    assert (detail.title, detail.remarks) == ("新名称", "备注一")
    assert redo.isEnabled() and redo.text() == "重做修改：U1 备注"
    undo.trigger()
    detail = window.desk.detail(item_id)
    assert (detail.title, detail.remarks) == ("事项U1", None)
    assert not undo.isEnabled()
    redo.trigger()
    assert window.desk.detail(item_id).title == "新名称"
    assert "事项名称：事项U1 → 新名称" in window.panel.audit.item(0, 3).text()
    # numbers are kept as stored ("1,200" → 1200): undo still recognises its own save
    _edit_through_dialog(monkeypatch, window, item_id, beneficiaries="1,200", funds="35.5")
    undo.trigger()
    detail = window.desk.detail(item_id)
    assert (detail.beneficiaries, detail.funds, refused) == (None, None, [])
    redo.trigger()
    assert window.desk.detail(item_id).beneficiaries == 1200
    # a new edit forgets what was undone
    _edit_through_dialog(monkeypatch, window, item_id, leader="王县长")
    assert not redo.isEnabled()


def test_undo_refused_after_someone_else_changed_the_item(qtbot, db, item_id, monkeypatch):
    window = MainWindow(Desk(db, "dc"))
    qtbot.addWidget(window)
    _edit_through_dialog(monkeypatch, window, item_id, title="我改的名称")
    other = Desk(db, "admin")
    other.edit_item(item_id, other.detail(item_id).version, {"remarks": "管理员补充"})
    window.desk.urge(item_id)  # a workflow move in between does not block an undo
    window.history.undo_action.trigger()
    assert window.desk.detail(item_id).title == "事项U1"
    window.history.redo_action.trigger()
    other.edit_item(item_id, other.detail(item_id).version, {"title": "管理员的名称"})
    shown = []
    monkeypatch.setattr("ui.main_window.show_error", lambda _p, exc: shown.append(str(exc)))
    window.history.undo_action.trigger()
    assert shown == ["无法撤销对 U1 的修改：事项名称（现为“管理员的名称”）已被他人改过。"]
    detail = window.desk.detail(item_id)
    assert (detail.title, detail.remarks) == ("管理员的名称", "管理员补充")  # nothing forced
    assert not window.history.undo_action.isEnabled()
    # the row and the panel show what the ledger holds now, not this desk's stale title
    qtbot.waitUntil(lambda: window.ledger.model.row_of(0) is not None, timeout=5000)
    assert window.ledger.model.row_of(0).title == "管理员的名称"
    assert "管理员的名称" in window.panel.view.toPlainText()
