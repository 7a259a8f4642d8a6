"""The ledger's 状态 column drawn as a chip: a pale rounded label whose colour says at a
glance where an item stands (waiting, working, to review, done, stopped)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

#: (fill, text) per status value.
CHIP_COLOURS = {
    "draft": ("#eeeeee", "#555555"),
    "registered": ("#fdebd0", "#9c5700"),
    "assigned": ("#fdebd0", "#9c5700"),
    "in_progress": ("#d6eaf8", "#1b4f72"),
    "closure_requested": ("#fcf3cf", "#7d6608"),
    "completed": ("#d5f5e3", "#196f3d"),
    "closed": ("#e8f8f5", "#117864"),
    "suspended": ("#eeeeee", "#555555"),
    "cancelled": ("#eeeeee", "#888888"),
}
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2


class StatusChipDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        status = index.data(STATUS_ROLE)
        if status not in CHIP_COLOURS or option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            super().paint(painter, option, index)  # selected rows keep the highlight
            return
        fill, ink = CHIP_COLOURS[status]
        text = str(index.data() or "")
        metrics = option.fontMetrics  # type: ignore[attr-defined]  # QStyleOption's, not stubbed
        pad = metrics.height() // 3
        rect = option.rect  # type: ignore[attr-defined]
        width = min(metrics.horizontalAdvance(text) + 2 * pad, rect.width() - 4)
        chip = QRectF(rect.x() + 3, rect.y() + 3, width, rect.height() - 6)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setPen(QColor(ink))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
