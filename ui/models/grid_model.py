"""A worksheet as the import wizard shows it: Excel row numbers and column letters, the
header rows highlighted, skipped rows greyed with their reason, problem cells in red."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from openpyxl.utils import get_column_letter
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from tracker.excel.reader import Grid

Index = QModelIndex | QPersistentModelIndex

HEADER = QBrush(QColor("#cfe2f3"))
SKIPPED = QBrush(QColor("#8a8a8a"))
PROBLEM = QBrush(QColor("#f4b6b6"))


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class GridModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._grid: Grid | None = None
        self._header: set[int] = set()  # Excel row numbers
        self._skipped: dict[int, str] = {}
        self._problems: dict[tuple[int, int], str] = {}  # (Excel row, 0-based column)

    def show(
        self,
        grid: Grid | None,
        header_rows: Iterable[int] = (),
        skipped: Iterable[tuple[int, str]] = (),
        problems: dict[tuple[int, int], str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._grid = grid
        self._header = set(header_rows)
        self._skipped = dict(skipped)
        self._problems = problems or {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._grid is None else len(self._grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._grid is None else self._grid.width

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._grid is None or not index.isValid():
            return None
        row = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            values = self._grid.rows[index.row()]
            return cell_text(values[index.column()]) if index.column() < len(values) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if (row, index.column()) in self._problems:
                return PROBLEM
            return HEADER if row in self._header else None
        if role == Qt.ItemDataRole.ForegroundRole and row in self._skipped:
            return SKIPPED
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._problems.get((row, index.column())) or self._skipped.get(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return get_column_letter(section + 1)
        return str(section + 1)
