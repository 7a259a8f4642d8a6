"""The 预警 page: red, orange and yellow lists with their counts, most urgent first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tracker import lights
from tracker.models import Item
from tracker.services.desk import Desk
from ui.main_window import MainWindow
from ui.models.ledger_model import COLUMNS


def test_the_three_lists_match_the_lights_and_open_items(qtbot, demo_db):
    window = MainWindow(Desk(demo_db))
    qtbot.addWidget(window)
    window.show()
    page = window.warnings
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        window.pages.setCurrentWidget(page)
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
