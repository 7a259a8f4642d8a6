"""交办 in a dialog: lead unit, co-units, 责任人 from the unit's people (or new), deadline and
交办意见; and 调整责任单位和时限 (Shift+F2) afterwards, with the deadline fixed after 交办."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.tracker.org import new_item, working_item
from tracker.services import registry, transitions
from tracker.services.desk import Desk
from ui.dialogs.assign_dialog import AssignDialog
from ui.main_window import MainWindow

DUE = dt.date.today() + dt.timedelta(days=60)


def _sql(db, sql, *args):
    with db.engine.connect() as c:
        return [tuple(r) for r in c.exec_driver_sql(sql, args)]


@pytest.fixture
def window(qtbot, db, org):
    with db.sessions.begin() as s:
        registry.add_person(s, org.admin, "张伟", "13700003333", "县民政局")
        registry.add_person(s, org.admin, "刘洋", None, "县民政局")
    w = MainWindow(Desk(db, "dc"))
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def waiting(db, org) -> int:
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "A1")
        transitions.move(s, org.supervisor, item_id, "submit")
    return item_id


def _check(dialog: AssignDialog, *names: str) -> None:
    for i in range(dialog.co_units.count()):
        row = dialog.co_units.item(i)
        if row.text() in names:
            row.setCheckState(Qt.CheckState.Checked)


def test_assign_from_the_menu_with_people_deadline_and_opinion(window, db, waiting, monkeypatch):
    seen = []

    def run(dialog: AssignDialog) -> int:
        seen.append(dialog)
        dialog.show()
        assert dialog.lead.currentText() == "县教育局" and dialog.assignee.count() == 1
        dialog.lead.setCurrentText("县民政局")
        names = [dialog.assignee.itemText(i) for i in range(dialog.assignee.count())]
        assert names == ["", "张伟（13700003333）", "刘洋"]  # the unit's people, with phones
        dialog.assignee.setCurrentIndex(1)
        assert (dialog.assignee.currentText(), dialog.phone.text()) == ("张伟", "13700003333")
        dialog.co_filter.setText("城关")
        hidden = [dialog.co_units.item(i).isHidden() for i in range(dialog.co_units.count())]
        assert hidden == [True, True, False]  # 县教育局 县民政局 城关镇
        _check(dialog, "城关镇")
        assert dialog.co_chosen.text() == "已选：城关镇"
        dialog.deadline.setDate(DUE)
        dialog.opinion.setPlainText("请每月25日前报送进展")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(AssignDialog, "exec", run)
    window.show_item(waiting)
    assert window.workflow.actions["assign"].isEnabled()
    window.workflow.actions["assign"].trigger()
    assert not seen[0].isVisible()
    assert _sql(
        db,
        "SELECT i.status, u.name, p.name, i.assignee_phone, i.deadline_date FROM item i "
        "JOIN unit u ON u.id = i.lead_unit_id JOIN person p ON p.id = i.assignee_id WHERE i.id=?",
        waiting,
    ) == [("assigned", "县民政局", "张伟", "13700003333", DUE.isoformat())]
    assert "交办：请每月25日前报送进展" in window.panel.view.toPlainText()
    assert "已交办" in window.statusBar().currentMessage()


def test_a_refusal_keeps_the_form_open_with_what_was_typed(window, db, waiting, monkeypatch):
    def run(dialog: AssignDialog) -> int:
        dialog.show()
        dialog.deadline.setDate(DUE)
        dialog.lead.setCurrentText("火星局")
        dialog.assignee.setEditText("新来的")
        dialog.phone.setText("13500000000")
        dialog.opinion.setPlainText("尽快办理")
        dialog.submit()
        assert dialog.isVisible() and "没有名为“火星局”的单位" in dialog.message.text()
        assert (dialog.assignee.currentText(), dialog.phone.text()) == ("新来的", "13500000000")
        assert dialog.opinion.toPlainText() == "尽快办理"
        dialog.lead.setCurrentText("县民政局")  # a name the unit lacks is added to it
        assert dialog.assignee.currentText() == "新来的"
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(AssignDialog, "exec", run)
    window.show_item(waiting)
    window.workflow.actions["assign"].trigger()
    assert _sql(
        db,
        "SELECT p.name, u.name, p.phone FROM person p JOIN unit u ON u.id=p.unit_id "
        "WHERE p.name='新来的'",
    ) == [("新来的", "县民政局", "13500000000")]


def test_correcting_after_handover_keeps_the_deadline(window, db, org, monkeypatch):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "A2")

    def run(dialog: AssignDialog) -> int:
        dialog.show()
        assert not dialog.deadline.isEnabled() and not dialog.ongoing.isEnabled()
        assert "申请延期" in dialog.deadline.toolTip() and not dialog.opinion.isVisible()
        _check(dialog, "城关镇")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(AssignDialog, "exec", run)
    window.show_item(item_id)
    assert window.workflow.actions["responsibility"].shortcut().toString() == "Shift+F2"
    window.workflow.actions["responsibility"].trigger()
    assert _sql(db, "SELECT u.name FROM item_co_unit c JOIN unit u ON u.id = c.unit_id") == [
        ("城关镇",)
    ]
    assert _sql(db, "SELECT deadline_date FROM item WHERE id=?", item_id) == [("2026-06-30",)]
    assert "已调整责任单位和时限：A2" in window.statusBar().currentMessage()
    assert "配合单位：（空） → 城关镇" in window.panel.view.toPlainText()


def test_changing_the_lead_unit_drops_the_previous_units_person(window, db, waiting, monkeypatch):
    """A user test: 胡勇飞 of the old unit stayed in the box, and 交办 registered him in the
    new one. A name typed by hand stays."""

    def run(dialog: AssignDialog) -> int:
        dialog.lead.setCurrentText("县民政局")
        dialog.assignee.setCurrentIndex(1)  # 张伟, from 县民政局's people
        assert dialog.phone.text() == "13700003333"
        dialog.lead.setCurrentText("城关镇")
        assert (dialog.assignee.currentText(), dialog.phone.text()) == ("", "")
        dialog.assignee.setEditText("赵六")  # typed by hand: kept across a change of unit
        dialog.lead.setCurrentText("县教育局")
        assert dialog.assignee.currentText() == "赵六"
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(AssignDialog, "exec", run)
    window.show_item(waiting)
    window.workflow.actions["assign"].trigger()


def test_a_past_deadline_is_said_before_it_is_taken(window, db, waiting, monkeypatch):
    """The old deadline was pre-filled and a past one accepted silently: overdue at once."""
    past = dt.date.today() - dt.timedelta(days=10)

    def run(dialog: AssignDialog) -> int:
        dialog.show()
        dialog.deadline.setDate(past)
        dialog.submit()
        assert dialog.isVisible() and "已经过去，交办后即为逾期" in dialog.message.text()
        assert _sql(db, "SELECT status FROM item WHERE id=?", waiting) == [("registered",)]
        dialog.submit()  # the second 交办 takes it
        return dialog.result()

    monkeypatch.setattr(AssignDialog, "exec", run)
    window.show_item(waiting)
    window.workflow.actions["assign"].trigger()
    assert _sql(db, "SELECT status, deadline_date FROM item WHERE id=?", waiting) == [
        ("assigned", past.isoformat())
    ]
