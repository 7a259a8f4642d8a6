"""The 预警 page: the red, orange and yellow lists, most urgent first.

Each list is the ledger's own lazy model (rows read a block at a time) filtered by one
warning light and sorted by deadline, so the page costs three counts however large the
ledger is. Choosing an item shows it in the panel like the ledger does.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTabWidget, QVBoxLayout, QWidget

from tracker.query import ItemFilter, ItemRow
from tracker.services.desk import Desk
from ui.background import LatestOnly
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.ledger_model import LedgerTableModel, PageFetcher
from ui.pages.ledger_page import size_columns

#: (light, tab label) in order of urgency.
LISTS = (
    ("red", QT_TRANSLATE_NOOP("WarningsPage", "红灯（逾期）")),
    ("orange", QT_TRANSLATE_NOOP("WarningsPage", "橙灯（进度滞后）")),
    ("yellow", QT_TRANSLATE_NOOP("WarningsPage", "黄灯（临近时限）")),
)


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._label_tabs({})

    def use_desk(self, desk: Desk) -> None:
        self._desk = desk

    def refresh(self) -> None:
        """Count the three lists in the background, then show them (most urgent first)."""
        today = dt.date.today()
        filters = {light: ItemFilter(lights=[light], as_of=today) for light, _ in LISTS}
        desk = self._desk

        def count() -> dict[str, int]:
            return {light: desk.count(f) for light, f in filters.items()}

        def show(counts: dict[str, int]) -> None:
            for light, f in filters.items():
                self.models[light].set_query(_pages_of(desk, f), counts[light])
            self._label_tabs(counts)
            self.refreshed.emit()

        self._worker.run(count, show, self.failed.emit)

    def _label_tabs(self, counts: dict[str, int]) -> None:
        for i, (light, label) in enumerate(LISTS):
            n = counts.get(light)
            self.tabs.setTabText(i, self.tr(label) + (f" {n}" if n is not None else ""))

    def _chosen(self, model: LedgerTableModel, row: int) -> None:
        item_id = model.item_id(row)
        if item_id is not None:
            self.item_selected.emit(item_id)


def _pages_of(desk: Desk, f: ItemFilter) -> PageFetcher:
    """One warning list's rows by block, nearest deadline first."""

    def fetch(offset: int, limit: int) -> list[ItemRow]:
        return desk.page(f, "deadline", False, offset, limit)

    return fetch
