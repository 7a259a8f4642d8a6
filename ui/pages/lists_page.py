"""清单: every list with its size, crossed-off and overdue counts; a new list; a double
click shows the list's items in the ledger."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.services.admin_desk import AdminDesk
from tracker.services.lists_overview import ListSummary
from ui.dialogs import admin_dialogs as forms
from ui.i18n import filled
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
            ]
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the list's name takes the spare width, not 草稿
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header_item = self.table.horizontalHeaderItem(3)
        assert header_item is not None
        header_item.setToolTip(
            self.tr("已立项的事项（不含草稿和已终止），与统计和通报的“事项总数”口径相同")
        )
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.new = QPushButton(self.tr("新建清单…"))
        self.new.clicked.connect(self.new_list)
        self.carry = QPushButton(self.tr("年度结转…"))
        self.carry.setToolTip(
            self.tr("把所选清单中未办结的事项转入以后年度的清单，原事项留作当年记录")
        )
        self.carry.clicked.connect(self.carry_over)
        self.show_items = QPushButton(self.tr("在台账中查看"))
        self.show_items.clicked.connect(lambda: self._open(self.table.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new)
        buttons.addWidget(self.carry)
        buttons.addWidget(self.show_items)
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
                ]
                for r in self._rows
            ],
        )
        self.new.setEnabled(self.admin.supervises)
        self.carry.setEnabled(self.admin.supervises)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.open_list.emit(self._rows[row].name)

    def new_list(self) -> None:
        if forms.list_form(self, self.admin).run():
            self.refresh()
            self.lists_changed.emit()

    def carry_over(self) -> None:
        """年度结转 of the chosen list into a later year's list, after a confirmation."""
        row = self.table.currentRow()
        if not 0 <= row < len(self._rows):
            QMessageBox.information(self, self.tr("年度结转"), self.tr("请先选择要结转的清单。"))
            return
        source = self._rows[row]
        later = [r.name for r in self._rows if r.year > source.year]
        if not later:
            QMessageBox.information(
                self,
                self.tr("年度结转"),
                filled(
                    self.tr("没有 {0} 年以后的清单，请先新建下一年度的清单。"), str(source.year)
                ),
            )
            return
        target, ok = QInputDialog.getItem(
            self,
            self.tr("年度结转"),
            filled(self.tr("把“{0}”中未办结的事项转入："), source.name),
            later,
            0,
            False,
        )
        if not ok:
            return
        try:
            carried = self.admin.carry_over(source.name, target)
        except TrackerError as exc:
            self.failed.emit(exc)
            return
        QMessageBox.information(
            self,
            self.tr("年度结转"),
            filled(self.tr("已把 {0} 项未办结事项转入“{1}”。"), str(carried), target)
            if carried
            else self.tr("没有需要结转的事项（未办结的都已结转过）。"),
        )
        self.refresh()
        self.lists_changed.emit()
