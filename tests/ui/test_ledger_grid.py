"""The ledger grid as a clerk uses it all day: search as you type, 清除筛选, 已选 N 项, copying
plain cells in the on-screen columns, and the one-item menu (also on Shift+F10)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMenu

from tests.ui.ledger_sql import sql_column as _sql
from ui.models.ledger_model import COLUMNS
from ui.pages.filter_bar import TYPING_PAUSE_MS


@pytest.fixture
def window(demo_window):
    return demo_window


def _type_chinese(edit, text: str) -> None:
    """As a Chinese input method commits a word (QTest cannot key-click CJK characters)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def _select_rows(window, rows: list[int]) -> None:
    table, model = window.ledger.table, window.ledger.model
    selection = table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    for i, row in enumerate(rows):
        mode = flags.ClearAndSelect if i == 0 else flags.Select
        selection.select(model.index(row, 0), mode | flags.Rows)
    selection.setCurrentIndex(model.index(rows[-1], 0), flags.NoUpdate)


def test_search_runs_as_you_type_after_a_pause_and_at_once_on_enter(window, demo_db, qtbot):
    page = window.ledger
    expected = _sql(demo_db, "SELECT count(*) FROM item WHERE title LIKE '%改造%'")[0]
    assert 0 < expected < 300
    with qtbot.waitSignal(page.refreshed, timeout=TYPING_PAUSE_MS + 5_000):
        _type_chinese(page.search, "改造")  # no Enter
    assert page.model.rowCount() == expected
    page.search.setFocus()
    page.search.selectAll()
    _type_chinese(page.search, "养老")
    assert page.bar.typing.isActive()
    with qtbot.waitSignal(page.refreshed, timeout=2_000):
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert not page.bar.typing.isActive()  # Enter searched now, the pause will not again
    assert (
        page.model.rowCount()
        == _sql(demo_db, "SELECT count(*) FROM item WHERE title LIKE '%养老%'")[0]
    )


def test_clear_filters_shows_the_whole_ledger_in_one_search(window, qtbot):
    page, bar = window.ledger, window.ledger.bar
    with qtbot.waitSignal(page.refreshed):
        bar.status.setCurrentIndex(bar.status.findData("in_progress"))
    with qtbot.waitSignal(page.refreshed):
        bar.overdue.setChecked(True)
    bar.search.setText("村")
    assert page.model.rowCount() < 300
    searches = []
    page.refreshed.connect(lambda: searches.append(1))
    with qtbot.waitSignal(page.refreshed):
        bar.clear.click()
    qtbot.wait(50)
    assert page.model.rowCount() == 300 and len(searches) == 1
    assert (bar.status.currentIndex(), bar.overdue.isChecked(), bar.search.text()) == (0, False, "")


def test_the_status_bar_counts_the_selected_rows(window):
    _select_rows(window, [0, 1, 2])
    assert window.counts.text().endswith("，已选 3 项")
    _select_rows(window, [5])
    assert "已选" not in window.counts.text()


def test_copy_pastes_plain_cells_in_the_columns_and_order_on_screen(window, demo_db, qtbot):
    page = window.ledger
    header = page.table.horizontalHeader()
    header.moveSection(header.visualIndex(3), 0)  # 事项名称 first
    header.setSectionHidden(8, True)  # 最新进展 hidden
    model = page.model
    qtbot.waitUntil(lambda: all(model.row_of(r) for r in range(300)))
    red = next(r for r in range(300) if model.row_of(r).light == "red")
    _select_rows(window, [red])
    page.copy_selection()
    head, line = QGuiApplication.clipboard().text().split("\n")
    assert head.split("\t")[:4] == ["事项名称", "编号", "预警", "状态"]
    assert "最新进展" not in head
    cells = line.split("\t")
    row = model.row_of(red)
    assert cells[:4] == [row.title, row.code, "逾期", row.status_label]
    assert "●" not in line and "○" not in line


def test_the_item_menu_puts_everyday_actions_first_and_cancel_apart(
    window, demo_db, qtbot, monkeypatch
):
    page, model = window.ledger, window.ledger.model
    item_id = _sql(demo_db, "SELECT id FROM item WHERE status='in_progress' ORDER BY id LIMIT 1")[0]
    qtbot.waitUntil(lambda: all(model.row_of(r) for r in range(300)))
    row = next(r for r in range(300) if model.item_id(r) == item_id)
    _select_rows(window, [row])
    shown: list[list[str]] = []

    def capture(menu: QMenu, where) -> None:
        shown.append([a.text() if not a.isSeparator() else "|" for a in menu.actions()])

    monkeypatch.setattr(page, "show_menu", capture)
    page.menu_at_current()  # what Shift+F10 and the menu key run
    (labels,) = shown
    first = labels[: labels.index("|")]
    assert first[:2] == ["报送进展…", "催办"] and "修改基本信息…" in first
    assert labels[-1] == "复制选中行" and labels[-2] == "|"
    cancel = next(i for i, label in enumerate(labels) if label.startswith("终止"))
    assert labels[cancel - 1] == "|" and labels[cancel + 1] == "|"
    keys = {s.toString() for a in page.table.actions() for s in a.shortcuts()}
    assert {"Shift+F10", "Menu"} <= keys


def test_menus_made_for_one_click_are_deleted_after_it(window, qtbot):
    """A user test counted 9 menus, then 29 after 20 right-clicks."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    def close_soon() -> None:  # as the user's click elsewhere would
        QTimer.singleShot(20, lambda: QApplication.activePopupWidget().close())

    page = window.ledger
    _select_rows(window, [0])
    before = len(window.findChildren(QMenu))
    for _ in range(5):
        close_soon()
        page.show_menu(window.item_menu(page.model.item_id(0)), window.pos())
        close_soon()
        page.show_menu(page.column_menu(), window.pos())
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(window.findChildren(QMenu)) == before
    labels = [a.text() for a in window.batch.menu.actions()]
    assert labels[-1] == "复制选中行"  # several rows selected: the batch menu copies too


def test_the_column_chooser_offers_every_field_and_they_show_the_items(window, demo_db, qtbot):
    page, model = window.ledger, window.ledger.model
    header = page.table.horizontalHeader()
    labels = [a.text() for a in page.column_menu().actions()]
    for label in ("清单", "领域", "责任人", "配合单位", "包联领导", "督办级别"):
        assert label in labels
        assert header.isSectionHidden(labels.index(label))  # hidden until chosen
    keys = [key for key, _h, _s in COLUMNS]
    item_id = _sql(
        demo_db,
        "SELECT i.id FROM item i WHERE i.assignee_id IS NOT NULL AND EXISTS "
        "(SELECT 1 FROM item_co_unit c WHERE c.item_id = i.id) ORDER BY i.id LIMIT 1",
    )[0]
    expected_co = "、".join(
        _sql(
            demo_db,
            "SELECT u.name FROM item_co_unit c JOIN unit u ON u.id = c.unit_id "
            f"WHERE c.item_id = {item_id} ORDER BY u.id",
        )
    )
    person = _sql(
        demo_db,
        f"SELECT p.name FROM item i JOIN person p ON p.id = i.assignee_id WHERE i.id={item_id}",
    )[0]
    qtbot.waitUntil(lambda: all(model.row_of(r) for r in range(300)))
    row = next(r for r in range(300) if model.item_id(r) == item_id)
    assert model.index(row, keys.index("co_units")).data() == expected_co
    assert model.index(row, keys.index("assignee")).data() == person
    assert model.index(row, keys.index("list")).data() == model.row_of(row).list_name
    assert model.index(row, keys.index("escalation")).data() in ("常规", "挂牌督办", "提级督办")


def test_an_older_saved_header_keeps_the_new_columns_hidden(qtbot, demo_db):
    from PySide6.QtWidgets import QTableWidget

    from tracker.services.desk import Desk
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    old = QTableWidget(1, 10)
    old.horizontalHeader().moveSection(3, 0)
    UiSettings().set_ledger_header(old.horizontalHeader().saveState(), 10)
    w = MainWindow(Desk(demo_db))
    qtbot.addWidget(w)
    header = w.ledger.table.horizontalHeader()
    assert header.visualIndex(3) == 0  # the user's own order kept
    assert [header.isSectionHidden(c) for c in range(10, len(COLUMNS))] == [True] * 6
