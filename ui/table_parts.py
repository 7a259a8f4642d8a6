"""Read-only tables of short lists (the panel's files and log, the admin pages, the import
preview): the same look everywhere, rows in, no editing."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def read_only_table(headers: list[str], fit_to_contents: bool = False) -> QTableWidget:
    """Whole-row selection, no editing; ``fit_to_contents``: columns follow their text
    (for lists of tens of rows — the import preview fits its own, capped)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    if fit_to_contents:
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]], tooltips: bool = False) -> None:
    """Replace the rows; ``tooltips`` repeat each cell's text (for cut-off long cells)."""
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            if tooltips:
                cell.setToolTip(text)
            table.setItem(r, c, cell)


def cell_at(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item ``fill_table`` put at (row, column); every cell of a filled table has one."""
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item
