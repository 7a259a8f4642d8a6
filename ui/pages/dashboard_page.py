"""The 统计 page: the bulletin's KPIs, charts and warning lists, live, for the morning glance.

The numbers come from the same ``BulletinData`` the printed 督办通报 uses, gathered in a
worker. Every KPI box that is a traced figure and every unit bar can be clicked: the
ledger then shows exactly the items behind that number (see ``ItemFilter.figure``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import matplotlib
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.metric_series import FIGURE_LABELS
from tracker.metrics import definitions
from tracker.query import ItemFilter
from tracker.reports import charts
from tracker.reports.bulletin_data import BulletinData, ItemLine
from tracker.reports.bulletin_tables import KPI_FIGURES, LIGHT_TITLES, kpi_boxes
from tracker.reports.period import period_choices
from tracker.reports.summary import backlog_text, needs_text
from tracker.services.desk import Desk
from ui.background import LatestOnly
from ui.choices import fill_choices
from ui.i18n import filled

#: Rows shown per warning list here; the ledger (one click away) holds them all.
LIST_ROWS = 200


class KpiCard(QPushButton):
    """One KPI: label, figure and change, as a flat button when its items can be listed."""

    def __init__(self, label: str, value: str, note: str, clickable: bool, meaning: str) -> None:
        super().__init__()
        self.setToolTip(meaning)
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(
                "\n".join(x for x in (meaning, self.tr("点击在台账中查看这些事项")) if x)
            )
        else:  # a rate without traced items: shown like the others, but not a button
            self.setFlat(True)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # hovering still shows the 口径
        box = QVBoxLayout(self)
        self.label = QLabel(label)
        self.figure = QLabel(value)
        font = self.figure.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.figure.setFont(font)
        for widget in (self.label, self.figure, QLabel(note)):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.addWidget(widget)
        self.setMinimumHeight(box.sizeHint().height())


class PageCanvas(FigureCanvasQTAgg):
    """A chart in the scrolling page: the mouse wheel scrolls the page. matplotlib would
    take the wheel for itself (and fire a pick on the bar under the pointer)."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is None:
            event.ignore()
            return
        QApplication.sendEvent(parent.verticalScrollBar(), event)


class DashboardPage(QWidget):
    """Signals:
    open_items(filter, caption): show exactly these items in the ledger.
    item_chosen(item_id): show one item's record.
    """

    open_items = Signal(object, str)
    item_chosen = Signal(int)
    failed = Signal(object)
    shown = Signal()

    def __init__(self, desk: Desk, today: dt.date | None = None) -> None:
        super().__init__()
        # Canvases redraw on resize and click, outside any rc_context: the GUI process
        # uses the Chinese chart settings throughout.
        matplotlib.rcParams.update(cast(Any, charts.rc_settings()))
        self._desk = desk
        self._today = today
        self._data: BulletinData | None = None
        self._worker = LatestOnly(self)
        self.period = QComboBox()
        for label, text in period_choices(today or dt.date.today()):
            self.period.addItem(f"{label}（{text}）", text)
        self.lists = QComboBox()
        self.units = QComboBox()
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.state = QLabel()
        self.backlog = QLabel()  # the supervisors' own backlog, apart from the units' figures
        self.backlog.setWordWrap(True)
        self.cards = QGridLayout()
        self.charts = QGridLayout()
        self.lists_tabs = QTabWidget()
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        self._build()
        self.use_desk(desk)

    def use_desk(self, desk: Desk) -> None:
        self._desk = desk
        fill_choices(self.lists, self.tr("全部清单"), desk.list_names())
        fill_choices(self.units, self.tr("全部单位"), desk.unit_names())

    def _build(self) -> None:
        bar = QHBoxLayout()
        for label, box in ((self.tr("期间"), self.period), (self.tr("清单"), self.lists)):
            bar.addWidget(QLabel(label))
            bar.addWidget(box, 1)
        bar.addWidget(QLabel(self.tr("牵头单位")))
        bar.addWidget(self.units, 1)
        bar.addWidget(self.refresh_button)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.state)
        column.addWidget(self.backlog)
        column.addLayout(self.cards)
        column.addLayout(self.charts)
        column.addWidget(self.lists_tabs)
        scroll = self.body_scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll)
        for box in (self.period, self.lists, self.units):
            box.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)

    def refresh(self) -> None:
        """Gather the figures in the background; the window stays live meanwhile."""
        args = (self.period.currentData(), self.lists.currentData(), self.units.currentData())
        as_of = self._today
        self.state.setText(self.tr("正在统计……"))
        self._worker.run(lambda: self._desk.dashboard(*args, as_of=as_of), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.state.setText(self.tr("统计失败"))
        self.failed.emit(exc)

    def _show(self, d: BulletinData) -> None:
        self._data = d
        self.state.setText(
            filled(
                self.tr("{0} · {1} · 数据截至 {2}"),
                d.scope_label,
                d.period.label,
                d.as_of.isoformat(),
            )
        )
        self.backlog.setText(" ".join(x for x in (backlog_text(d), needs_text(d)) if x))
        self.backlog.setVisible(bool(self.backlog.text()))
        self._show_cards(d)
        self._show_charts(d)
        self._show_lists(d)
        self.shown.emit()

    def _scope(self, **narrow: Any) -> ItemFilter:
        """The ledger filter of this page's scope as of the shown date, narrowed further."""
        assert self._data is not None
        narrow.setdefault("lead_unit", self.units.currentData())
        return ItemFilter(list_name=self.lists.currentData(), as_of=self._data.as_of, **narrow)

    def _caption(self, what: str) -> str:
        assert self._data is not None
        return filled(
            self.tr("统计：{0}（{1}，截至 {2}）"),
            what,
            self._data.scope_label,
            self._data.as_of.isoformat(),
        )

    def _show_cards(self, d: BulletinData) -> None:
        _clear(self.cards)
        meanings = definitions(d.fair_clock)
        for i, (label, value, note) in enumerate(kpi_boxes(d)):
            figure = KPI_FIGURES.get(label)
            card = KpiCard(label, value, note, figure is not None, meanings.get(label, ""))
            if figure is not None:
                card.clicked.connect(lambda _=False, f=figure: self.open_figure(f))
            self.cards.addWidget(card, i // 4, i % 4)

    def open_figure(self, figure: str) -> None:
        """Show in the ledger the items behind one KPI box."""
        self.open_items.emit(self._scope(figure=figure), self._caption(FIGURE_LABELS[figure]))

    def open_unit(self, unit: str) -> None:
        """Show the items a unit's bar counts (its lead-unit items in this scope)."""
        f = self._scope(figure="counted", lead_unit=unit)
        self.open_items.emit(f, self._caption(filled(self.tr("{0}牵头的事项"), unit)))

    def _show_charts(self, d: BulletinData) -> None:
        _clear(self.charts)
        self.canvases = {}
        satisfaction, overdue = "回访满意度分布", "逾期未办结事项的逾期天数"
        drawn = [
            ("status", lambda fig: charts.draw_status_share(fig, d.status_counts)),
            ("months", lambda fig: charts.draw_closures_by_month(fig, d.done_by_month)),
            (
                "satisfaction",
                lambda fig: charts.draw_counts_bar(
                    fig, satisfaction, d.satisfaction, charts.PALETTE[2]
                ),
            ),
            (
                "overdue",
                lambda fig: charts.draw_counts_bar(
                    fig, overdue, d.overdue_buckets, charts.PALETTE[0]
                ),
            ),
        ]
        if d.units:
            units = self._canvas(
                "units",
                lambda fig: charts.draw_unit_completion(fig, d.units, "各单位办结率（按考核排名）"),
                charts.unit_chart_height(d.units),
            )
            self.charts.addWidget(units, 0, 0, 1, 2)
        for i, (name, draw) in enumerate(drawn, 2):
            self.charts.addWidget(self._canvas(name, draw), i // 2, i % 2)

    def _canvas(self, name: str, draw: Any, height_in: float = 3.0) -> FigureCanvasQTAgg:
        fig = Figure(figsize=(5.2, height_in), dpi=96, layout="constrained")
        canvas = PageCanvas(fig)
        draw(fig)
        canvas.setMinimumHeight(int(height_in * 96))
        canvas.draw()
        if name == "units":
            for bar in fig.axes[0].patches:
                bar.set_picker(True)
            canvas.mpl_connect("pick_event", self._picked)
            canvas.setToolTip(self.tr("点击某个单位的条形，在台账中查看其事项"))
        self.canvases[name] = canvas
        return canvas

    def _picked(self, event: Any) -> None:
        if getattr(event.mouseevent, "button", None) != 1:  # matplotlib picks on scroll too
            return
        unit = event.artist.get_gid()
        if unit:
            self.open_unit(unit)

    def _show_lists(self, d: BulletinData) -> None:
        self.lists_tabs.clear()
        tabs: list[tuple[str, list[ItemLine], int, dict[str, Any]]] = [
            (title, d.warnings[light], d.warning_totals[light], {"lights": (light,)})
            for light, title in LIGHT_TITLES.items()
        ]
        tabs.append(
            (
                self.tr("挂牌、提级督办"),
                d.escalated,
                d.escalated_total,
                {"figure": "escalated"},
            )
        )
        if d.fair_clock:  # without the fair clock there is no backlog apart from the units
            tabs.append(
                (
                    self.tr("督查室待办（已过时限）"),
                    d.review_backlog + d.assign_backlog,
                    d.review_backlog_total + d.assign_backlog_total,
                    {"figure": "backlog"},
                )
            )
        for title, all_lines, total, narrow in tabs:
            lines = all_lines[:LIST_ROWS]
            page = QWidget()
            box = QVBoxLayout(page)
            table = _item_table(lines)
            table.cellDoubleClicked.connect(
                lambda row, _c, rows=lines: self.item_chosen.emit(rows[row].id)
            )
            box.addWidget(table)
            more = QPushButton(filled(self.tr("在台账中查看全部 {0} 项"), str(total)))
            more.clicked.connect(
                lambda _=False, n=narrow, t=title: self.open_items.emit(
                    self._scope(**n), self._caption(t)
                )
            )
            box.addWidget(more, 0, Qt.AlignmentFlag.AlignRight)
            self.lists_tabs.addTab(page, f"{title}  {total}")
        self.lists_tabs.setMinimumHeight(self.fontMetrics().height() * 18)


def _item_table(lines: list[ItemLine]) -> QTableWidget:
    headers = ["编号", "事项名称", "牵头单位", "完成时限", "状态", "逾期天数", "督办"]
    table = QTableWidget(len(lines), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    for r, x in enumerate(lines):
        values = [x.code, x.title, x.unit, x.deadline, x.status, x.overdue_days or "", x.escalation]
        for c, v in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(str(v)))
    em = table.fontMetrics().horizontalAdvance("中")
    for c, width in enumerate((10, 26, 12, 10, 6, 6, 6)):
        table.setColumnWidth(c, em * width)
    return table


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
