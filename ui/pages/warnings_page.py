"""The 预警 page: the red, orange and yellow lists, 待核实, 待确认时限 and 需协调, most urgent
first.

Each light's list and 待核实 (``tracker.doubts``) is the ledger's own lazy model (rows
read a block at a time) filtered and sorted by deadline, so the page costs a few counts
however large the ledger is. 需协调 (``tracker.coordination``) lists the units' open
requests for coordination, oldest first. Choosing an item shows it in the panel like the
ledger does.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTabWidget, QVBoxLayout, QWidget

from tracker.coordination import OpenNeeds
from tracker.query import ItemFilter, ItemRow
from tracker.services.desk import Desk
from ui.background import LatestOnly
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.ledger_model import LedgerTableModel, PageFetcher
from ui.pages.ledger_page import size_columns
from ui.table_parts import fill_table, read_only_table

#: (light, tab label) in order of urgency.
LISTS = (
    ("red", QT_TRANSLATE_NOOP("WarningsPage", "红灯（逾期）")),
    ("orange", QT_TRANSLATE_NOOP("WarningsPage", "橙灯（进度滞后）")),
    ("yellow", QT_TRANSLATE_NOOP("WarningsPage", "黄灯（临近时限）")),
    ("doubtful", QT_TRANSLATE_NOOP("WarningsPage", "待核实（进度存疑）")),
    ("undated", QT_TRANSLATE_NOOP("WarningsPage", "待确认时限")),
)
NEEDS_TAB = QT_TRANSLATE_NOOP("WarningsPage", "需协调")
NEEDS_HEADERS = (
    QT_TRANSLATE_NOOP("WarningsPage", "编号"),
    QT_TRANSLATE_NOOP("WarningsPage", "事项名称"),
    QT_TRANSLATE_NOOP("WarningsPage", "提出单位"),
    QT_TRANSLATE_NOOP("WarningsPage", "报送日期"),
    QT_TRANSLATE_NOOP("WarningsPage", "需协调事项"),
    QT_TRANSLATE_NOOP("WarningsPage", "存在问题"),
)
#: At most this many coordination requests are listed (the tab says how many there are).
NEEDS_LIMIT = 2000


def _filter_for(key: str, today: dt.date) -> ItemFilter:
    if key == "doubtful":
        return ItemFilter(doubtful=True, as_of=today)
    if key == "undated":
        return ItemFilter(undated=True, as_of=today)
    return ItemFilter(lights=[key], as_of=today)


class WarningsPage(QWidget):
    """Signals: item_selected(item_id); refreshed(); failed(TrackerError)."""

    item_selected = Signal(int)
    refreshed = Signal()
    failed = Signal(object)

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self._desk = desk
        self._worker = LatestOnly(self)
        self.tabs = QTabWidget()
        self.models: dict[str, LedgerTableModel] = {}
        self.views: dict[str, QTableView] = {}
        for light, _label in LISTS:
            model, view = LedgerTableModel(), QTableView()
            view.setModel(model)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setWordWrap(False)
            view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
            size_columns(view)
            view.selectionModel().currentRowChanged.connect(
                lambda index, _prev, m=model: self._chosen(m, index.row())
            )
            self.models[light], self.views[light] = model, view
            self.tabs.addTab(view, "")
        self.needs = read_only_table([self.tr(h) for h in NEEDS_HEADERS])
        self.needs.setWordWrap(False)
        header = self.needs.horizontalHeader()
        em = self.fontMetrics().horizontalAdvance("中")
        for column, chars in enumerate((14, 18, 8, 7, 24)):  # the request itself the widest
            header.resizeSection(column, em * chars)
        self.needs.currentCellChanged.connect(lambda row, *_: self._need_chosen(row))
        self._need_ids: list[int] = []
        self.tabs.addTab(self.needs, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._label_tabs({})

    def use_desk(self, desk: Desk) -> None:
        self._desk = desk

    def refresh(self) -> None:
        """Count the lists and read the 需协调 requests in the background, then show them."""
        today = dt.date.today()
        filters = {key: _filter_for(key, today) for key, _ in LISTS}
        desk = self._desk

        def count() -> tuple[dict[str, int], OpenNeeds]:
            counts = {key: desk.count(f) for key, f in filters.items()}
            return counts, desk.open_needs(today, NEEDS_LIMIT)

        def show(found: tuple[dict[str, int], OpenNeeds]) -> None:
            counts, needs = found
            for key, f in filters.items():
                self.models[key].set_query(_pages_of(desk, f), counts[key])
            self._show_needs(needs)
            self._label_tabs(counts, needs.total)
            self.refreshed.emit()

        self._worker.run(count, show, self.failed.emit)

    def _label_tabs(self, counts: dict[str, int], needs: int | None = None) -> None:
        for i, (light, label) in enumerate(LISTS):
            n = counts.get(light)
            self.tabs.setTabText(i, self.tr(label) + (f" {n}" if n is not None else ""))
        suffix = f" {needs}" if needs is not None else ""
        self.tabs.setTabText(len(LISTS), self.tr(NEEDS_TAB) + suffix)

    def _show_needs(self, needs: OpenNeeds) -> None:
        self._need_ids = [n.item_id for n in needs.lines]
        rows = [
            [n.code, n.title, n.unit, f"{n.reported_on}", n.needs, n.problems or ""]
            for n in needs.lines
        ]
        fill_table(self.needs, rows, tooltips=True)

    def _need_chosen(self, row: int) -> None:
        if 0 <= row < len(self._need_ids):
            self.item_selected.emit(self._need_ids[row])

    def _chosen(self, model: LedgerTableModel, row: int) -> None:
        item_id = model.item_id(row)
        if item_id is not None:
            self.item_selected.emit(item_id)


def _pages_of(desk: Desk, f: ItemFilter) -> PageFetcher:
    """One warning list's rows by block, nearest deadline first."""

    def fetch(offset: int, limit: int) -> list[ItemRow]:
        return desk.page(f, "deadline", False, offset, limit)

    return fetch
