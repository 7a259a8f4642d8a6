"""A first start that guides: an empty ledger says how to begin, with the buttons to do it;
a filter that finds nothing says so and offers 清除筛选; every page opens on zero data."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool

from tests.tracker.org import new_item
from tracker.services.desk import Desk
from tracker.services.ledger_files import local_desk
from ui.dialogs.new_item_dialog import NewItemDialog
from ui.main_window import MainWindow


def _window(qtbot, desk: Desk) -> MainWindow:
    w = MainWindow(desk)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    with qtbot.waitSignal(w.ledger.refreshed, timeout=10_000):
        pass
    return w


def test_a_new_ledger_says_how_to_begin_and_every_page_opens(qtbot, db, monkeypatch):
    w = _window(qtbot, local_desk(db))  # a fresh file: no units, lists or items
    hint = w.ledger.empty
    assert hint.isVisible() and not w.ledger.table.isVisible()
    assert hint.title.text() == "台账里还没有事项" and "导入" in hint.text.text()
    assert all(b.isVisible() for b in (hint.import_list, hint.new_list, hint.new_item))
    assert not hint.clear.isVisible()
    opened = []
    monkeypatch.setattr(NewItemDialog, "exec", lambda d: opened.append(d) or 0)
    hint.new_item.click()
    assert len(opened) == 1 and "还没有清单" in opened[0].message.text()
    for i in range(w.pages.count()):  # 统计 included: no page breaks on zero data
        w.pages.setCurrentIndex(i)
        QThreadPool.globalInstance().waitForDone(20_000)
        qtbot.wait(20)
    assert w.dashboard is not None


def test_a_clerk_is_told_items_arrive_from_the_supervisors(qtbot, db, org):
    w = _window(qtbot, Desk(db, "jy"))
    hint = w.ledger.empty
    assert hint.isVisible() and "督查室导入或登记事项并交办后" in hint.text.text()
    assert not any(b.isVisible() for b in (hint.import_list, hint.new_list, hint.new_item))


def test_nothing_found_offers_to_clear_the_filters(qtbot, db, org):
    with db.sessions.begin() as s:
        new_item(s, org, "F1")
    w = _window(qtbot, Desk(db, "dc"))
    page = w.ledger
    assert page.table.isVisible() and not page.empty.isVisible()
    page.search.setText("没有这样的事项")
    with qtbot.waitSignal(page.refreshed):
        page.search.returnPressed.emit()
    assert page.empty.isVisible() and page.empty.title.text() == "没有符合条件的事项"
    assert page.empty.clear.isVisible()
    with qtbot.waitSignal(page.refreshed):
        page.empty.clear.click()
    assert page.table.isVisible() and page.model.rowCount() == 1 and page.search.text() == ""
