"""登记新事项 checks inside the form: a refusal is said in the dialog, which stays open with
everything typed (before, the form closed first and the message came after it)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from tracker.services.desk import Desk
from ui.dialogs.admin_dialogs import ServiceForm
from ui.main_window import MainWindow


def _sql(db, sql, *args):
    with db.engine.connect() as c:
        return [r[0] for r in c.exec_driver_sql(sql, args)]


def _window(qtbot, db) -> MainWindow:
    w = MainWindow(Desk(db))
    qtbot.addWidget(w)
    w.show()
    return w


def _typed(dialog) -> tuple[str, str, str, str]:
    return (
        dialog.code.text(),
        dialog.title_edit.text(),
        dialog.unit.currentText(),
        dialog.category.text(),
    )


def test_each_refusal_keeps_the_form_open_with_what_was_typed(qtbot, monkeypatch, demo_db):
    window = _window(qtbot, demo_db)
    seen = []

    def run(dialog):
        seen.append(dialog)
        dialog.show()
        dialog.code.setText("GUI-9")
        dialog.unit.setCurrentText("火星局")  # not in the directory
        dialog.title_edit.setText("   ")
        dialog.category.setText("教育")
        dialog.deadline.setDate(dt.date(2026, 12, 31))
        dialog.submit()
        assert dialog.isVisible() and dialog.message.text() == "事项编号和名称都不能为空。"
        dialog.title_edit.setText("新建社区食堂")
        dialog.submit()
        assert dialog.isVisible() and "没有名为“火星局”的单位" in dialog.message.text()
        assert "单位与人员" in dialog.message.text()
        assert dialog.focusWidget() in (dialog.unit, dialog.unit.lineEdit())
        assert _typed(dialog) == ("GUI-9", "新建社区食堂", "火星局", "教育")
        dialog.code.setText("2026-MS-000001")  # in use
        dialog.unit.setCurrentText("县民政局")
        dialog.submit()
        assert dialog.isVisible() and "已有编号为“2026-MS-000001”" in dialog.message.text()
        dialog.code.setText("GUI-9")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr("ui.dialogs.new_item_dialog.NewItemDialog.exec", run)
    before = _sql(demo_db, "SELECT count(*) FROM item")[0]
    window.new_item()
    assert not seen[0].isVisible()
    assert _sql(demo_db, "SELECT count(*) FROM item")[0] == before + 1
    assert _sql(demo_db, "SELECT title || '/' || deadline_date FROM item WHERE code='GUI-9'") == [
        "新建社区食堂/2026-12-31"
    ]
    assert "已登记：GUI-9" in window.statusBar().currentMessage()


@pytest.fixture
def no_lists(db, org):
    """The small county's directory and accounts, and no list yet (a new ledger)."""
    with db.engine.begin() as c:
        c.exec_driver_sql("DELETE FROM item_list")
    return db


def test_a_ledger_without_lists_offers_a_new_list_in_the_form(qtbot, monkeypatch, no_lists):
    db = no_lists
    window = _window(qtbot, db)
    seen = []

    def type_list(form: ServiceForm) -> int:
        name = form.inputs[0]
        assert isinstance(name, QLineEdit)
        name.setText("2027年民生实事")
        form.submit()
        return form.result()

    def run(dialog):
        seen.append(dialog)
        dialog.show()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert dialog.lists.count() == 0 and not ok.isEnabled()
        assert "还没有清单" in dialog.message.text() and dialog.new_list.isEnabled()
        dialog.title_edit.setText("老旧小区加装电梯")
        monkeypatch.setattr(ServiceForm, "exec", type_list)
        dialog.new_list.click()
        assert dialog.lists.currentText() == "2027年民生实事" and ok.isEnabled()
        assert dialog.message.text() == "" and dialog.code.text()
        assert dialog.title_edit.text() == "老旧小区加装电梯"  # kept
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr("ui.dialogs.new_item_dialog.NewItemDialog.exec", run)
    window.new_item()
    assert _sql(db, "SELECT l.name FROM item i JOIN item_list l ON l.id = i.list_id") == [
        "2027年民生实事"
    ]


def test_a_clerk_cannot_make_lists_and_is_told_who_can(qtbot, no_lists):
    from ui.dialogs.new_item_dialog import NewItemDialog

    dialog = NewItemDialog(None, Desk(no_lists, "jy"))
    qtbot.addWidget(dialog)
    assert not dialog.new_list.isEnabled() and "请督查室先新建或导入清单" in dialog.message.text()
