"""清单: every list with its size, crossed-off and overdue counts; a new list; a double
click shows the list's items in the ledger."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.services.admin_desk import AdminDesk
from tracker.services.lists_overview import ListSummary
from ui.dialogs import admin_dialogs as forms
from ui.dialogs import upkeep_forms as upkeep
from ui.table_parts import fill_table, read_only_table


class ListsPage(QWidget):
    """Signals: open_list(name); lists_changed(); failed(error)."""

    open_list = Signal(str)
    lists_changed = Signal()
    failed = Signal(object)

    def __init__(self, admin: AdminDesk) -> None:
        super().__init__()
        self.admin = admin
        self._rows: list[ListSummary] = []
        self.table = read_only_table(
            [
                self.tr("清单名称"),
                self.tr("类型"),
                self.tr("年度"),
                self.tr("事项"),
                self.tr("已销号"),
                self.tr("逾期"),
                self.tr("草稿"),
                self.tr("状态"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the list's name takes the spare width, not 草稿
        for column in range(1, header.count()):  # the counts as narrow as they can be
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header_item = self.table.horizontalHeaderItem(3)
        assert header_item is not None
        header_item.setToolTip(
            self.tr("已立项的事项（不含草稿和已终止），与统计和通报的“事项总数”口径相同")
        )
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.new = QPushButton(self.tr("新建清单…"))
        self.new.clicked.connect(self.new_list)
        self.show_items = QPushButton(self.tr("在台账中查看"))
        self.show_items.clicked.connect(lambda: self._open(self.table.currentRow()))
        self.rename = QPushButton(self.tr("改名…"))
        self.rename.clicked.connect(self.rename_list)
        self.retire = QPushButton(self.tr("停用/启用"))
        self.retire.setToolTip(self.tr("停用的清单保留其事项和报表，只是不再用于登记新事项"))
        self.retire.clicked.connect(self.toggle_list)
        buttons = QHBoxLayout()
        for button in (self.new, self.show_items, self.rename, self.retire):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def use_admin(self, admin: AdminDesk) -> None:
        self.admin = admin

    def refresh(self) -> None:
        try:
            self._rows = self.admin.lists()
        except TrackerError as exc:
            self.failed.emit(exc)
            return
        fill_table(
            self.table,
            [
                [
                    r.name,
                    r.kind,
                    str(r.year),
                    str(r.items),
                    str(r.closed),
                    str(r.overdue),
                    str(r.drafts),
                    self.tr("在用") if r.active else self.tr("已停用"),
                ]
                for r in self._rows
            ],
            tooltips=True,  # a long name still cut off at a narrow window reads in full
        )
        for button in (self.new, self.rename, self.retire):
            button.setEnabled(self.admin.supervises)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.open_list.emit(self._rows[row].name)

    def current(self) -> ListSummary | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rename_list(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        form = upkeep.rename_form(
            self,
            self.tr("清单改名 — ") + chosen.name,
            self.tr("新名称"),
            chosen.name,
            lambda new: self.admin.rename_list(chosen.name, new),
        )
        if form.run():
            self.refresh()
            self.lists_changed.emit()

    def toggle_list(self) -> None:
        chosen, row = self.current(), self.table.currentRow()
        if chosen is None:
            return
        try:
            self.admin.set_list_active(chosen.name, not chosen.active)
        except TrackerError as exc:
            self.failed.emit(exc)
        self.refresh()
        self.table.setCurrentCell(row, 0)
        self.lists_changed.emit()

    def new_list(self) -> None:
        if forms.list_form(self, self.admin).run():
            self.refresh()
            self.lists_changed.emit()
