"""The 统计 page on the hand-tallied ten items (as of 2026-07-31): the numbers, and clicks
on a KPI box or a unit bar that open the ledger on exactly the items behind them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QThreadPool
from PySide6.QtGui import QAction, QWheelEvent
from PySide6.QtWidgets import QApplication, QTableWidget

from tests.tracker.org import new_item
from tracker.reports.period import period_choices
from tracker.services.desk import Desk
from ui.main_window import MainWindow
from ui.pages.dashboard_page import DashboardPage, KpiCard

AS_OF = dt.date(2026, 7, 31)


@pytest.fixture
def window(ten_items, qtbot):
    w = MainWindow(Desk(ten_items))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.ledger.refreshed, timeout=10_000):
        pass
    return w


@pytest.fixture
def page(window, qtbot):
    """The page as the window builds it, but dated 2026-07-31 instead of today."""
    p = DashboardPage(window.desk, today=AS_OF)
    qtbot.addWidget(p)
    p.open_items.connect(window.open_items)
    p.item_chosen.connect(window.show_item)
    p.resize(1100, 900)
    p.show()
    with qtbot.waitSignal(p.shown, timeout=20_000):
        p.refresh()
    return p


def _cards(page) -> dict[str, KpiCard]:
    cards = [page.cards.itemAt(i).widget() for i in range(page.cards.count())]
    return {c.label.text(): c for c in cards}


def _ledger_codes(window, qtbot) -> list[str]:
    model = window.ledger.model
    qtbot.waitUntil(lambda: all(model.row_of(r) for r in range(model.rowCount())))
    return sorted(model.row_of(r).code.rsplit("-", 1)[-1] for r in range(model.rowCount()))


def test_period_choices_follow_the_calendar():
    assert period_choices(dt.date(2026, 1, 15)) == [
        ("本月", "2026-01"),
        ("上月", "2025-12"),
        ("本季度", "2026-Q1"),
        ("本年", "2026"),
    ]


def test_kpi_cards_show_the_hand_tally(page):
    cards = _cards(page)
    figures = {label: card.figure.text() for label, card in cards.items()}
    assert figures["事项总数"] == "8"
    assert figures["已办结"] == "4"
    assert figures["办结率"] == "50.0%"
    assert figures["按期办结率"] == "40.0%"
    assert figures["逾期未办结"] == "2"
    assert figures["满意率"] == "100.0%"
    assert "数据截至 2026-07-31" in page.state.text()
    assert set(page.canvases) == {"units", "status", "months", "satisfaction", "overdue"}
    assert page.lists_tabs.tabText(0) == "红灯事项（逾期未办结）  2"


def test_clicking_a_kpi_opens_exactly_its_items_in_the_ledger(page, window, qtbot):
    with qtbot.waitSignal(window.ledger.refreshed, timeout=10_000):
        qtbot.mouseClick(_cards(page)["逾期未办结"], Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.ledger
    assert _ledger_codes(window, qtbot) == ["C", "I"]
    assert "逾期未办结" in window.ledger.pinned_label.text()
    assert window.ledger.pinned_bar.isVisibleTo(window)
    with qtbot.waitSignal(window.ledger.refreshed, timeout=10_000):
        qtbot.mouseClick(window.ledger.unpin, Qt.MouseButton.LeftButton)
    assert window.ledger.model.rowCount() == 10  # the whole ledger, drafts included


def test_clicking_a_unit_bar_opens_that_units_items(page, window, qtbot):
    canvas = page.canvases["units"]
    canvas.draw()  # lay the figure out at the widget's final size before aiming at a bar
    bar = next(b for b in canvas.figure.axes[0].patches if b.get_gid() == "县民政局")
    x0, y0, width, height = bar.get_window_extent().bounds  # display pixels, origin bottom-left
    x, y = x0 + width / 2, y0 + height / 2
    ratio = canvas.device_pixel_ratio
    pos = QPoint(int(x / ratio), int(canvas.height() - y / ratio))
    with qtbot.waitSignal(window.ledger.refreshed, timeout=10_000):
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pos)
    assert _ledger_codes(window, qtbot) == ["J"]
    assert "县民政局牵头的事项" in window.ledger.pinned_label.text()


def test_a_unit_scope_narrows_every_figure(page, qtbot):
    with qtbot.waitSignal(page.shown, timeout=20_000):
        page.units.setCurrentIndex(page.units.findData("县教育局"))
    figures = {label: card.figure.text() for label, card in _cards(page).items()}
    assert figures["事项总数"] == "7" and figures["已办结"] == "3"


def test_double_click_on_a_warning_row_shows_the_item(page, window, qtbot):
    red = page.lists_tabs.widget(0).findChild(QTableWidget)
    assert red.rowCount() == 2
    code = red.item(1, 0).text()
    rect = red.visualItemRect(red.item(1, 1))
    qtbot.mouseClick(red.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(red.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert code in window.panel.view.toPlainText()


def test_the_window_builds_the_page_on_first_view(window, qtbot):
    assert window.dashboard is None  # matplotlib is not loaded at start-up
    window.pages.setCurrentWidget(window._dashboard_slot)
    assert window.dashboard is not None
    with qtbot.waitSignal(window.dashboard.shown, timeout=20_000):
        pass
    assert window.dashboard.cards.count() >= 6
    recounts = []
    window.dashboard.shown.connect(lambda: recounts.append(1))
    window.pages.setCurrentIndex(0)
    window.pages.setCurrentWidget(
        window._dashboard_slot
    )  # switching back shows the figures already gathered
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)
    assert recounts == []
    with qtbot.waitSignal(window.dashboard.shown, timeout=20_000):
        refresh = next(a for a in window.findChildren(QAction) if "F5" in a.shortcut().toString())
        refresh.trigger()  # F5 recounts the page in front


def test_every_card_explains_its_figure_and_the_backlog_is_said(page):
    """The 口径 of each figure is on its card, clickable or not (满意率 and the rates of
    visits are not buttons, and had no tooltip)."""
    cards = _cards(page)
    for label, card in cards.items():
        assert card.toolTip(), label
        assert not card.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert cards["满意率"].toolTip().startswith("（满意 + 权重×基本满意）")
    assert "督查室待办" in cards["逾期未办结"].toolTip()
    tabs = [page.lists_tabs.tabText(i) for i in range(page.lists_tabs.count())]
    assert tabs[-1].startswith("督查室待办")


def test_the_wheel_over_the_unit_chart_scrolls_the_page_and_opens_nothing(page, qtbot):
    """matplotlib picked the bar under the pointer on a scroll and the canvas kept the
    wheel: the ledger opened filtered to a unit and the page did not move."""
    page.resize(1100, 500)
    qtbot.wait(50)
    canvas = page.canvases["units"]
    canvas.draw()
    bar = next(b for b in canvas.figure.axes[0].patches if b.get_gid() == "县民政局")
    x0, y0, width, height = bar.get_window_extent().bounds
    ratio = canvas.device_pixel_ratio
    pos = QPointF(x0 / ratio + width / ratio / 2, canvas.height() - (y0 + height / 2) / ratio)
    opened: list[object] = []
    page.open_items.connect(lambda *a: opened.append(a))
    bar_value = page.body_scroll.verticalScrollBar()
    assert bar_value.maximum() > 0 and bar_value.value() == 0
    wheel = QWheelEvent(
        pos,
        canvas.mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, wheel)
    qtbot.wait(20)
    assert opened == [] and bar_value.value() > 0


def test_an_empty_ledger_and_a_unit_leading_nothing_show_zeros_not_a_crash(qtbot, db, org):
    """统计 on a newcomer's empty ledger, then scoped to a unit that leads nothing: every
    figure is 0 or —, the share chart says 暂无事项, and no list shows other units' items."""
    p = DashboardPage(Desk(db), today=AS_OF)
    qtbot.addWidget(p)
    p.resize(1100, 900)
    p.show()
    with qtbot.waitSignal(p.shown, timeout=20_000):
        p.refresh()
    figures = {label: card.figure.text() for label, card in _cards(p).items()}
    assert figures["事项总数"] == "0" and figures["办结率"] == "—"
    texts = [t.get_text() for t in p.canvases["status"].figure.axes[0].texts]
    assert "暂无事项" in texts and "units" not in p.canvases
    with db.sessions.begin() as s:
        new_item(s, org, "A1", unit="县教育局")
    with qtbot.waitSignal(p.shown, timeout=20_000):
        p.refresh()
    with qtbot.waitSignal(p.shown, timeout=20_000):
        p.units.setCurrentIndex(p.units.findData("县民政局"))
    figures = {label: card.figure.text() for label, card in _cards(p).items()}
    assert figures["事项总数"] == "0"
    for i in range(p.lists_tabs.count()):
        assert p.lists_tabs.tabText(i).endswith("  0"), p.lists_tabs.tabText(i)
