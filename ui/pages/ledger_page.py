"""The 台账 page: a filter bar over a table that fetches only the rows in view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker import workflow
from tracker.enums import SUPERVISORS
from tracker.query import ItemFilter, ItemRow
from tracker.services.desk import Desk
from ui.background import LatestOnly
from ui.models.ledger_model import COLUMNS, SHOWN_AT_FIRST, LedgerTableModel
from ui.models.status_chip import StatusChipDelegate
from ui.pages.empty_hint import EmptyHint
from ui.pages.filter_bar import FilterBar
from ui.saved_filters import SavedFilterButton, SavedFilters
from ui.settings import UiSettings


def plain_text(value: object) -> str:
    """A cell as a spreadsheet should receive it: no light glyphs, no tabs or line breaks."""
    text = "" if value is None else str(value)
    text = text.lstrip("●○ ")
    return text.replace("\t", " ").replace("\n", " ")


#: Column widths in Chinese characters (others 6): wide enough to read, no fitting pass.
WIDTHS = {
    "title": 30,
    "latest": 30,
    "lead_unit": 14,
    "deadline": 12,
    "code": 12,
    "list": 16,
    "co_units": 16,
    "assignee": 8,
}


def size_columns(view: QTableView) -> None:
    """Readable ledger column widths without resizeColumnsToContents (0.8 s at 100k), and
    the first start's columns (the others are a right-click on the header away)."""
    em = view.fontMetrics().horizontalAdvance("中")
    for col, (key, _h, _s) in enumerate(COLUMNS):
        view.setColumnWidth(col, em * WIDTHS.get(key, 6))
        view.setColumnHidden(col, key not in SHOWN_AT_FIRST)


class LedgerPage(QWidget):
    """Signals:
    counts_changed(shown, overdue, total): after every search.
    move_requested(item_id, action): the user picked a workflow action.
    selection_counted(n): how many rows are selected now.
    """

    counts_changed = Signal(int, int, int)
    selection_counted = Signal(int)
    refreshed = Signal()
    failed = Signal(object)
    move_requested = Signal(int, str)
    item_selected = Signal(int)

    def __init__(self, desk: Desk, saved: SavedFilters | None = None) -> None:
        super().__init__()
        self._desk = desk
        self._sort = ("ledger", False)
        self.model = LedgerTableModel()
        self._worker = LatestOnly(self)
        self.bar = FilterBar(desk)
        self.search, self.overdue = self.bar.search, self.bar.overdue
        self.saved = SavedFilterButton(self.bar, saved or SavedFilters(UiSettings()))
        self.bar.extra.addWidget(self.saved)
        self.table = QTableView()
        self._pinned: ItemFilter | None = None
        self.batch_menu: QMenu | None = None  # 批量处理, given by the window
        #: the one-item menu (the window's 办理 actions for the current item)
        self.item_menu: Callable[[int], QMenu] | None = None
        self.pinned_label = QLabel()
        self.empty = EmptyHint()  # instead of an empty table
        self.empty.hide()
        self.unpin = QPushButton(self.tr("显示全部"))
        self._build()
        self._connect_signals()

    def use_desk(self, desk: Desk) -> None:
        """Work on a reopened ledger (after a restore from backup): its lists and units."""
        self._desk = desk
        self.bar.fill(desk)

    def _build(self) -> None:
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(False)  # sorting is done in SQL, via header clicks
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        size_columns(self.table)
        self.table.setItemDelegateForColumn(
            [key for key, _h, _s in COLUMNS].index("status"), StatusChipDelegate(self.table)
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.show_menu(self.column_menu(), header.mapToGlobal(pos))
        )
        pinned = QHBoxLayout()
        pinned.addWidget(self.pinned_label, 1)
        pinned.addWidget(self.unpin)
        self.pinned_bar = QWidget()
        self.pinned_bar.setLayout(pinned)
        self.pinned_bar.setStyleSheet("background: #FDF2E9;")
        self.pinned_bar.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.pinned_bar)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        self.copy_action = QAction(self.tr("复制选中行"), self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.triggered.connect(self.copy_selection)
        self.table.addAction(self.copy_action)
        menu_key = QAction(self)
        menu_key.setShortcuts([QKeySequence("Shift+F10"), QKeySequence(Qt.Key.Key_Menu)])
        menu_key.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        menu_key.triggered.connect(self.menu_at_current)
        self.table.addAction(menu_key)

    def _connect_signals(self) -> None:
        self.bar.changed.connect(self.refresh)
        self.empty.clear_requested.connect(self.clear_filters)
        self.unpin.clicked.connect(self.show_all)
        self.table.horizontalHeader().sectionClicked.connect(self._sort_by)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.activated.connect(self._emit_selected)
        self.table.selectionModel().currentRowChanged.connect(self._emit_selected)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_counted.emit(self.selected_count())
        )

    def current_filter(self) -> ItemFilter:
        return self.bar.narrowing(self._pinned or ItemFilter())

    def show_items(self, f: ItemFilter, caption: str) -> None:
        """Show exactly the items of ``f`` (a dashboard click), named by ``caption``.

        The bar is reset to this filter; what it cannot express (the items behind a
        figure, a lead unit, an as-of date) is pinned above the table until the user
        clicks 显示全部. Further narrowing with the bar still works on top of it.
        """
        self.bar.reset(f.overdue_only, f.lights[0] if f.lights else None, f.list_name)
        self._pinned = ItemFilter(
            figure=f.figure, lead_unit=f.lead_unit, as_of=f.as_of, imported_at=f.imported_at
        )
        self.pinned_label.setText(caption)
        self.pinned_bar.show()
        self.refresh()

    def show_all(self) -> None:
        """Drop the pinned dashboard selection; the bar's own filters stay."""
        self._pinned = None
        self.pinned_bar.hide()
        self.refresh()

    def refresh(self, keep_place: bool = False) -> None:
        """Search again with the filter bar's values (F5), in the background.

        Only the counts are computed here; rows are read a block at a time as the view
        needs them. The window stays live, and only the newest search's result is shown.
        ``keep_place`` (others changed the ledger) keeps the scroll position and follows
        the current item to its new row if it moved.
        """
        f = self.current_filter()
        sort = self._sort
        overdue_filter = ItemFilter(**{**f.__dict__, "overdue_only": True})

        def count() -> tuple[int, int, int]:
            total = self._desk.count(ItemFilter())
            return self._desk.count(f), self._desk.count(overdue_filter), total

        def fetch_page(offset: int, limit: int) -> list[ItemRow]:
            return self._desk.page(f, *sort, offset, limit)

        show = self._show_in_place if keep_place else self._show_result
        self._worker.run(count, lambda result: show(fetch_page, *result), self.failed.emit)

    def clear_filters(self) -> None:
        """清除筛选, and a dashboard selection pinned above the table too."""
        self._pinned = None
        self.pinned_bar.hide()
        self.bar.clear_all()

    def _show_empty(self, shown: int, total: int) -> None:
        """The table, or what to do when it would be empty (a new ledger, a filter)."""
        if shown == 0 and total == 0:
            self.empty.show_new_ledger(self._desk.actor.role in SUPERVISORS)
        elif shown == 0:
            self.empty.show_nothing_found()
        self.empty.setVisible(shown == 0)
        self.table.setVisible(shown > 0)

    def _show_result(self, fetch_page: object, shown: int, overdue: int, total: int) -> None:
        self.model.set_query(fetch_page, shown)  # type: ignore[arg-type]
        self._show_empty(shown, total)
        self.counts_changed.emit(shown, overdue, total)
        self.refreshed.emit()

    def _show_in_place(self, fetch_page: object, shown: int, overdue: int, total: int) -> None:
        current = self.table.currentIndex()
        item_id = self.model.item_id(current.row()) if current.isValid() else None
        scroll = self.table.verticalScrollBar().value()
        self.model.requery(fetch_page, shown)  # type: ignore[arg-type]
        self.table.verticalScrollBar().setValue(scroll)
        if item_id is not None and self.model.item_id(current.row()) != item_id:
            self._follow(item_id, current.column())
        self._show_empty(shown, total)
        self.counts_changed.emit(shown, overdue, total)
        self.refreshed.emit()

    def _follow(self, item_id: int, column: int) -> None:
        """Select ``item_id`` again where it moved to, if that row has been read."""
        selection = self.table.selectionModel()
        with QSignalBlocker(selection):
            selection.clearSelection()
            row = self.model.cached_row_of(item_id)
            if row is not None:
                index = self.model.index(row, column)
                flags = QItemSelectionModel.SelectionFlag
                selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)

    def _emit_selected(self, index: object) -> None:
        item_id = self.model.item_id(index.row())  # type: ignore[attr-defined]
        if item_id is not None:
            self.item_selected.emit(item_id)

    def reload_rows(self, item_ids: list[int]) -> None:
        self.model.invalidate(item_ids)

    def _sort_by(self, column: int) -> None:
        key = COLUMNS[column][2]
        if key is None:
            return
        descending = self._sort == (key, False)
        self._sort = (key, descending)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)
        self.refresh()

    def column_menu(self) -> QMenu:
        """Right-click on the header: tick the columns to show (kept with the header layout)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        shown = [c for c in range(len(COLUMNS)) if not header.isSectionHidden(c)]
        for col, (_key, label, _sort) in enumerate(COLUMNS):
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.setEnabled(shown != [col])  # the last visible column stays
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        return menu

    def selected_count(self) -> int:
        """How many rows are chosen, without listing them (Ctrl+A on a million rows)."""
        selection = self.table.selectionModel().selection()
        return sum(selection.at(i).height() for i in range(selection.count()))

    def selected_ids(self) -> list[int]:
        """The chosen items in ledger order (rows read from the database as needed)."""
        ids = (self.model.item_id(row) for row in self.selected_rows())
        return [i for i in ids if i is not None]

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def copy_selection(self) -> None:
        """Selected rows as tab-separated text in the columns shown, in their on-screen
        order: pastes into Excel or WPS as plain cells (the lights' ●/○ left out)."""
        header = self.table.horizontalHeader()
        columns = [
            header.logicalIndex(v)
            for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))
        ]
        lines = ["\t".join(COLUMNS[c][1] for c in columns)]
        for row in self.selected_rows():
            cells = [plain_text(self.model.index(row, c).data()) for c in columns]
            lines.append("\t".join(cells))
        QGuiApplication.clipboard().setText("\n".join(lines))

    def _context_menu(self, pos: QPoint) -> None:
        where = self.table.viewport().mapToGlobal(pos)
        if self.batch_menu is not None and self.selected_count() > 1:
            self.show_menu(self.batch_menu, where)
            return
        item = self.model.row_of(self.table.indexAt(pos).row())
        if item is not None:
            self._item_menu(item.id, where)

    def menu_at_current(self) -> None:
        """Shift+F10 or the menu key: the menu of the selection, under the current row."""
        current = self.table.currentIndex()
        if not current.isValid():
            return
        rect = self.table.visualRect(current)
        self._context_menu(rect.center())

    def _item_menu(self, item_id: int, where: QPoint) -> None:
        """One item's menu: the window's (common actions first, 终止 apart, 复制); without
        one, the workflow moves this user may take."""
        if self.item_menu is not None:
            menu = self.item_menu(item_id)
        else:
            menu = QMenu(self)
            allowed = self._desk.allowed_actions(item_id)
            for t in (t for t in workflow.TRANSITIONS.values() if t.action in allowed):
                action = menu.addAction(t.label)
                action.triggered.connect(
                    lambda _=False, a=t.action, i=item_id: self.move_requested.emit(i, a)
                )
        if menu.actions():
            self.show_menu(menu, where)

    def show_menu(self, menu: QMenu, where: QPoint) -> None:
        """Pop ``menu`` up; a menu made for this one click is deleted afterwards (one per
        right-click accumulated otherwise), the window's batch menu is kept."""
        menu.exec(where)
        if menu is not self.batch_menu:
            menu.deleteLater()
