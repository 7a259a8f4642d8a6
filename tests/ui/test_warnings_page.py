"""The 预警 page: red, orange and yellow lists with their counts, most urgent first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tracker import lights
from tracker.models import Item
from tracker.services.desk import Desk
from ui.main_window import MainWindow
from ui.models.ledger_model import COLUMNS
from ui.pages.warnings_page import LISTS


def _warnings(qtbot, db):
    """A main window over ``db`` showing its 预警 page, refreshed."""
    window = MainWindow(Desk(db))
    qtbot.addWidget(window)
    window.show()
    page = window.warnings
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        window.pages.setCurrentWidget(page)
    return window, page


def test_the_three_lists_match_the_lights_and_open_items(qtbot, demo_db):
    window, page = _warnings(qtbot, demo_db)
    with demo_db.sessions.begin() as s:
        counts = lights.light_counts(s, dt.date.today())
    assert [page.tabs.tabText(i) for i in range(3)] == [
        f"红灯（逾期） {counts[lights.Light.RED]}",
        f"橙灯（进度滞后） {counts[lights.Light.ORANGE]}",
        f"黄灯（临近时限） {counts[lights.Light.YELLOW]}",
    ]
    red = page.models["red"]
    assert red.rowCount() == counts[lights.Light.RED] > 1
    ids = [red.item_id(r) for r in range(red.rowCount())]
    with demo_db.sessions.begin() as s:
        deadlines = [s.get(Item, i).deadline_date for i in ids]
        assert set(ids) <= set(s.scalars(select(Item.id)))
    assert deadlines == sorted(deadlines)  # the longest overdue first
    page.views["red"].setCurrentIndex(red.index(0, 0))
    code = next(n for n, (key, _h, _s) in enumerate(COLUMNS) if key == "code")
    assert window._current == ids[0]
    assert red.index(0, code).data() in window.panel.view.toPlainText()


def test_items_waiting_for_a_date_are_listed_as_to_be_confirmed(qtbot, db, tmp_path):
    from openpyxl import Workbook

    from tests.tracker.excel.messy import apply_as_admin, plan

    wb = Workbook()
    for row in (
        ["项目名称", "牵头单位", "完成时限"],
        ["河道清淤", "县水利局", "汛期前"],
        ["路灯", "县城管局", "2026年10月"],
    ):
        wb.active.append(row)
    wb.save(tmp_path / "l.xlsx")
    apply_as_admin(db, plan(db, tmp_path / "l.xlsx"), create_units=True)
    _window, page = _warnings(qtbot, db)
    tab = [key for key, _label in LISTS].index("undated")
    assert page.tabs.tabText(tab) == "待确认时限 1"
    model = page.models["undated"]
    assert model.rowCount() == 1
    title = next(n for n, (key, _h, _s) in enumerate(COLUMNS) if key == "title")
    assert model.index(0, title).data() == "河道清淤"
    deadline = next(n for n, (key, _h, _s) in enumerate(COLUMNS) if key == "deadline")
    assert model.index(0, deadline).data() == "汛期前（待确认）"
