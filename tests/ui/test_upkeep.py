"""单位与人员 and 清单 upkeep in the window (改名, 合并到, 停用/启用) and 删除草稿 from the
办理 menu: each form runs its service and stays open with a refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from tests.tracker.org import new_item, working_item
from tracker.services import registry
from tracker.services.desk import Desk
from ui.dialogs.admin_dialogs import ServiceForm
from ui.main_window import MainWindow


def _window(qtbot, db, login="admin") -> MainWindow:
    w = MainWindow(Desk(db, login))
    qtbot.addWidget(w)
    w.show()
    return w


def _answer(monkeypatch, *answers):
    """The next forms get ``answers`` in turn: a text for the first input, then OK."""
    queue, messages = list(answers), []

    def run(form: ServiceForm) -> int:
        box = form.inputs[0]
        text = queue.pop(0)
        if isinstance(box, QComboBox):
            box.setCurrentText(text)
        elif isinstance(box, QLineEdit):
            box.setText(text)
        form.submit()
        messages.append(form.message.text())
        return form.result()

    monkeypatch.setattr(ServiceForm, "exec", run)
    return messages


def _pick_unit(page, name: str) -> None:
    (node,) = page.units.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    page.units.setCurrentItem(node)


def _sql(db, sql):
    with db.engine.connect() as c:
        return [tuple(r) for r in c.exec_driver_sql(sql)]


def test_units_renamed_merged_and_retired_from_the_people_page(qtbot, db, org, monkeypatch):
    with db.sessions.begin() as s:
        working_item(s, org, "U1", clerk=org.civil_clerk, unit="县民政局")
    w = _window(qtbot, db)
    w.pages.setCurrentWidget(w.people)
    page = w.people
    _pick_unit(page, "县教育局")
    messages = _answer(monkeypatch, "县民政局", "县教育体育局")
    page.buttons["unit_rename"].click()  # taken: the form stays open and says so
    assert "单位“县民政局”已存在" in messages[0]
    page.buttons["unit_rename"].click()
    assert page.current_unit() == "县教育体育局"
    assert w.ledger.bar.units.findData("县教育体育局") >= 0  # the ledger's picker follows
    _pick_unit(page, "县民政局")
    _answer(monkeypatch, "城关镇")
    page.buttons["unit_merge"].click()
    assert _sql(db, "SELECT u.name FROM item i JOIN unit u ON u.id=i.lead_unit_id") == [("城关镇",)]
    assert not page.units.findItems("县民政局", Qt.MatchFlag.MatchRecursive)
    _pick_unit(page, "城关镇")
    page.buttons["unit_active"].click()
    assert page.units.currentItem().text(1).endswith("（已停用）")
    assert "城关镇" not in w.desk.unit_names(active_only=True)


def test_people_edited_merged_and_retired(qtbot, db, org, monkeypatch):
    with db.sessions.begin() as s:
        registry.add_person(s, org.admin, "王五", None, "县教育局")
        registry.add_person(s, org.admin, "王伍", "138", "县教育局")
    w = _window(qtbot, db, "dc")
    page = w.people
    page.refresh()
    _pick_unit(page, "县教育局")
    page.people.setCurrentCell(0, 0)
    _answer(monkeypatch, "王伍")
    page.buttons["person_merge"].click()
    assert [page.people.item(r, 0).text() for r in range(page.people.rowCount())] == ["王伍"]
    page.people.setCurrentCell(0, 0)
    _answer(monkeypatch, "王武")
    page.buttons["person_edit"].click()
    page.people.setCurrentCell(0, 0)
    page.buttons["person_active"].click()
    assert [page.people.item(0, c).text() for c in range(3)] == ["王武", "138", "已停用"]
    assert not page.buttons["unit_rename"].isEnabled()  # units are the administrator's


def test_lists_renamed_and_retired_from_the_lists_page(qtbot, db, org, monkeypatch):
    w = _window(qtbot, db, "dc")
    page = w.lists
    page.refresh()
    row = next(
        r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "2026年微心愿"
    )
    page.table.setCurrentCell(row, 0)
    _answer(monkeypatch, "2026年“微心愿”清单")
    page.rename.click()
    row = next(
        r
        for r in range(page.table.rowCount())
        if page.table.item(r, 0).text() == "2026年“微心愿”清单"
    )
    page.table.setCurrentCell(row, 0)
    page.retire.click()
    assert page.table.item(row, 7).text() == "已停用"
    assert "2026年“微心愿”清单" not in w.desk.list_names(active_only=True)
    assert w.ledger.bar.lists.findData("2026年“微心愿”清单") >= 0  # old items stay findable


def test_a_draft_is_deleted_from_the_menu_with_its_reason(qtbot, db, org, monkeypatch):
    with db.sessions.begin() as s:
        draft = new_item(s, org, "D1")
    w = _window(qtbot, db, "dc")
    with qtbot.waitSignal(w.ledger.refreshed):
        pass
    w.show_item(draft)
    action = w.workflow.actions["delete_draft"]
    assert action.isEnabled() and action.text() == "删除草稿…"
    messages = _answer(monkeypatch, "", "重复登记")
    action.trigger()
    assert "请写明删除原因" in messages[0]
    with qtbot.waitSignal(w.ledger.refreshed):
        action.trigger()
    assert _sql(db, "SELECT count(*) FROM item") == [(0,)]
    assert "已删除草稿：D1" in w.statusBar().currentMessage()
    assert w.ledger.empty.isVisible()
