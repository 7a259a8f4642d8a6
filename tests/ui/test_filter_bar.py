"""The filter bar's unit tree, deadline range and saved filters, against SQL on the demo ledger."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from tests.ui.ledger_sql import sql_column as _sql
from tracker.services.desk import Desk
from ui.main_window import MainWindow


@pytest.fixture
def window(demo_window):
    return demo_window


def _shown(page) -> list[int]:
    return sorted(page.model.item_id(r) for r in range(page.model.rowCount()))


def _town_and_village(db) -> tuple[str, str]:
    town, village = _sql(
        db,
        "SELECT t.name || '|' || v.name FROM unit t JOIN unit v ON v.parent_id=t.id "
        "WHERE t.kind='township' ORDER BY t.sort_order, t.id, v.sort_order, v.id LIMIT 1",
    )[0].split("|")
    return town, village


def test_a_town_shows_its_villages_items_and_the_tree_is_indented(window, demo_db, qtbot):
    page, bar = window.ledger, window.ledger.bar
    town, village = _town_and_village(demo_db)
    list_name = window.desk.list_names()[0]
    window.desk.add_item(list_name, "V-001", "村道路灯维修", lead_unit=village, deadline=None)
    bar.fill(window.desk)
    index = bar.units.findData(town)
    village_index = index + 1
    assert bar.units.itemText(index) == "\u3000" + town  # under the county
    assert bar.units.itemText(village_index) == "\u3000\u3000" + village
    with qtbot.waitSignal(page.refreshed):
        bar.units.setCurrentIndex(index)
        bar.units.activated.emit(index)
    expected = _sql(
        demo_db,
        "WITH u AS (SELECT id FROM unit WHERE name=? UNION "
        "SELECT v.id FROM unit v JOIN unit t ON t.id=v.parent_id WHERE t.name=?) "
        "SELECT id FROM item WHERE lead_unit_id IN (SELECT id FROM u) OR id IN "
        "(SELECT item_id FROM item_co_unit WHERE unit_id IN (SELECT id FROM u)) ORDER BY id",
        town,
        town,
    )
    assert _shown(page) == expected
    only_town = _sql(demo_db, "SELECT count(*) FROM item i JOIN unit u ON u.id=i.lead_unit_id "
                     "WHERE u.name=?", town)[0]  # fmt: skip
    assert len(expected) > only_town  # the villages' items are really there


def test_deadline_range_and_saved_filters(window, demo_db, qtbot, monkeypatch):
    page, bar = window.ledger, window.ledger.bar
    bar.deadline_from.setDate(QDate(2026, 7, 1))
    bar.deadline_to.setDate(QDate(2026, 9, 30))
    with qtbot.waitSignal(page.refreshed):
        bar.deadline_on.setChecked(True)
    expected = _sql(
        demo_db,
        "SELECT id FROM item WHERE deadline_date BETWEEN '2026-07-01' AND '2026-09-30' ORDER BY id",
    )
    assert _shown(page) == expected and expected
    assert window.counts.text().startswith(f"显示 {len(expected)} 项（共 300 项）")
    with qtbot.waitSignal(page.refreshed):
        bar.status.setCurrentIndex(bar.status.findText("办理中"))
    narrowed = _shown(page)
    monkeypatch.setattr(
        "ui.saved_filters.QInputDialog.getText", lambda *a, **k: ("三季度办理中", True)
    )
    page.saved.save_current()
    with qtbot.waitSignal(page.refreshed):
        bar.deadline_on.setChecked(False)
    with qtbot.waitSignal(page.refreshed):
        bar.status.setCurrentIndex(0)
    assert len(_shown(page)) == 300
    # a new window (another day) finds the filter under its name and shows the same items
    again = MainWindow(Desk(demo_db))
    qtbot.addWidget(again)
    assert again.ledger.saved.saved.names() == ["三季度办理中"]
    with qtbot.waitSignal(again.ledger.refreshed):
        again.ledger.saved.apply("三季度办理中")
    assert _shown(again.ledger) == narrowed
    assert again.ledger.bar.deadline_from.date() == QDate(2026, 7, 1)
    again.ledger.saved.saved.remove("三季度办理中")
    assert page.saved.saved.names() == []


def test_a_saved_unit_missing_from_this_ledger_is_named(window, qtbot, monkeypatch):
    page = window.ledger
    page.saved.saved.put("旧单位", {"units": "已撤并的乡", "overdue": True})
    told = []
    monkeypatch.setattr(
        "ui.saved_filters.QMessageBox.information", lambda _p, _t, text: told.append(text)
    )
    with qtbot.waitSignal(page.refreshed):
        page.saved.apply("旧单位")
    assert told == ["本台账中没有：已撤并的乡。这些条件已改为“全部”。"]
    assert page.bar.overdue.isChecked() and page.bar.unit() is None
