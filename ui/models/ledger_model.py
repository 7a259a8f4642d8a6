"""Qt table model over the ledger: a row count from SQL, rows read in blocks on demand.

Sorting and filtering happen in the database; the model keeps only the row count and the
blocks the view has asked for, so a million-item ledger costs a COUNT and a few hundred
cached rows. A block that cannot be fetched shows placeholders; ``data()`` never raises.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from tracker.errors import TrackerError
from tracker.query import ItemRow
from ui.models.status_chip import STATUS_ROLE

log = logging.getLogger(__name__)

BLOCK = 200
Index = QModelIndex | QPersistentModelIndex
PageFetcher = Callable[[int, int], Sequence[ItemRow]]

COLUMNS: list[tuple[str, str, str | None]] = [
    # (key, header, sort key in tracker.query.SORT_KEYS)
    ("code", "编号", "code"),
    ("light", "预警", None),
    ("status", "状态", "status"),
    ("title", "事项名称", "title"),
    ("lead_unit", "牵头单位", "lead_unit"),
    ("deadline", "完成时限", "deadline"),
    ("overdue", "逾期天数", "deadline"),
    ("progress", "进度", "progress"),
    ("latest", "最新进展", None),
    ("urges", "催办", "urges"),
    # the column chooser's further fields (hidden until chosen)
    ("list", "清单", "list"),
    ("category", "领域", "category"),
    ("assignee", "责任人", None),
    ("co_units", "配合单位", None),
    ("leader", "包联领导", "leader"),
    ("escalation", "督办级别", "escalation"),
]
#: Columns a first start shows (the others wait in the header's right-click menu).
SHOWN_AT_FIRST = frozenset(
    {"code", "light", "status", "title", "lead_unit", "deadline", "overdue", "progress"}
    | {"latest", "urges"}
)
LIGHT_COLOURS = {
    "red": "#d9534f",
    "orange": "#f0ad4e",
    "yellow": "#e6c229",
    "green": "#5cb85c",
    "grey": "#b0b0b0",
}
LIGHT_WORDS = {
    "red": "● 逾期",
    "orange": "● 滞后",
    "yellow": "● 临期",
    "green": "● 正常",
    "grey": "○",
}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class LedgerTableModel(QAbstractTableModel):
    """Rows of the ledger for one filter and sort order, read a block at a time.

    The model knows only how many rows the query has; ``fetch_page(offset, limit)`` reads a
    block in display order when the view first needs it. A million-item ledger therefore
    costs a COUNT and one indexed block to show, and a block per screen while scrolling.

    Attributes:
        fetches: how many blocks were read (tests count them).
    """

    def __init__(self, fetch_page: PageFetcher | None = None) -> None:
        super().__init__()
        self._fetch_page: PageFetcher = fetch_page or (lambda offset, limit: [])
        self._count = 0
        self._blocks: dict[int, list[ItemRow | None]] = {}
        self.fetches = 0

    def set_query(self, fetch_page: PageFetcher, count: int) -> None:
        """Show a new result (after filtering or sorting)."""
        self.beginResetModel()
        self._fetch_page = fetch_page
        self._count = count
        self._blocks.clear()
        self.endResetModel()

    def requery(self, fetch_page: PageFetcher, count: int) -> None:
        """The same search with fresh rows, without a reset: the view keeps its scroll
        position and selected rows (others' changes arriving while the user works)."""
        self._fetch_page = fetch_page
        self._blocks.clear()
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        if count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(COLUMNS) - 1))

    def cached_row_of(self, item_id: int) -> int | None:
        """The row showing ``item_id`` among the blocks already read (no query)."""
        for block, rows in self._blocks.items():
            for offset, row in enumerate(rows):
                if row is not None and row.id == item_id:
                    return block * BLOCK + offset
        return None

    def invalidate(self, item_ids: Sequence[int] = ()) -> None:
        """Forget cached blocks (all, or those holding these items) so they are read again."""
        wanted = set(item_ids)
        for block, rows in list(self._blocks.items()):
            if not wanted or any(r is not None and r.id in wanted for r in rows):
                del self._blocks[block]
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def item_id(self, row: int) -> int | None:
        found = self.row_of(row)
        return found.id if found else None

    def row_of(self, row: int) -> ItemRow | None:
        if not 0 <= row < self._count:
            return None
        block = row // BLOCK
        if block not in self._blocks:
            self._blocks[block] = self._load(block)
        rows = self._blocks[block]
        offset = row - block * BLOCK
        return rows[offset] if offset < len(rows) else None

    def _load(self, block: int) -> list[ItemRow | None]:
        self.fetches += 1
        try:
            return list(self._fetch_page(block * BLOCK, BLOCK))
        except TrackerError as exc:  # e.g. the database went away: show placeholders
            log.warning("fetching ledger rows failed: %s", exc)
            return []

    # Qt overrides

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_of(index.row())
        key = COLUMNS[index.column()][0]
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "light":
            return QBrush(QColor(LIGHT_COLOURS.get(row.light, "#000000")))
        if role == Qt.ItemDataRole.ForegroundRole and key == "deadline" and row.undated:
            return QBrush(QColor(LIGHT_COLOURS["red"]))
        if role == Qt.ItemDataRole.ToolTipRole and key == "deadline" and row.undated:
            return "完成时限还没有具体日期（待确认时限），预警灯无法据此判断；请确认后修改。"
        if role == Qt.ItemDataRole.ForegroundRole and key == "overdue" and row.overdue_days:
            return QBrush(QColor(LIGHT_COLOURS["red"]))
        if role == Qt.ItemDataRole.ToolTipRole and key in ("title", "latest"):
            return row.title if key == "title" else row.latest_progress
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("overdue", "progress", "urges"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        if role == STATUS_ROLE and key == "status":
            return row.status
        return None


def _display(row: ItemRow, key: str) -> str:
    if key == "code":
        return row.code
    if key == "light":
        return LIGHT_WORDS.get(row.light, "")
    if key == "status":
        return row.status_label
    if key == "title":
        return row.title
    if key == "lead_unit":
        return row.lead_unit or ""
    if key == "deadline":
        return f"{row.deadline_text or ''}（待确认）" if row.undated else row.deadline_text or ""
    if key == "overdue":
        return f"{row.overdue_days} 天" if row.overdue_days else ""
    if key == "progress":
        return f"{row.progress_percent}%"
    if key == "latest":
        return (row.latest_progress or "").replace("\n", " ")
    if key == "urges":
        return str(row.urge_count or "")
    return _more(row, key)


def _more(row: ItemRow, key: str) -> str:
    """The column chooser's further fields."""
    values = {
        "list": row.list_name,
        "category": row.category,
        "assignee": row.assignee,
        "co_units": "、".join(row.co_units),
        "leader": row.leader,
        "escalation": row.escalation_label,
    }
    return values.get(key) or ""
