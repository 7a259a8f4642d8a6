"""批量处理: 交办, 催办, 调整督办级别 and 导出 on the rows selected in the ledger.

Each runs behind a progress dialog with 取消; every item is its own transaction, and the
result box says how many were done and why each of the others was not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from tracker.enums import SUPERVISORS
from tracker.errors import ValidationError
from tracker.services import batch
from ui.background import run_with_progress
from ui.dialogs.supervision_dialogs import EscalateDialog
from ui.errors import show_error
from ui.i18n import filled

if TYPE_CHECKING:
    from ui.window_host import WindowHost

KEEP_UNIT = "（各自原牵头单位）"


class BatchActions(QObject):
    """The 批量处理 submenu (also the ledger's context menu when several rows are chosen)."""

    def __init__(self, host: WindowHost, parent: QWidget) -> None:
        super().__init__(parent)
        self._w = host
        self._parent = parent
        self.menu = QMenu(self.tr("批量处理所选事项"), parent)
        self.actions: dict[str, QAction] = {}
        for name, label, key, slot in (
            ("assign", self.tr("批量交办…"), "Ctrl+Shift+J", self.assign),
            ("urge", self.tr("批量催办…"), "Ctrl+Shift+U", self.urge),
            ("escalate", self.tr("批量调整督办级别…"), "Ctrl+Shift+S", self.escalate),
            ("export", self.tr("导出所选事项…"), "Ctrl+Shift+E", self.export),
        ):
            action = QAction(label, parent, shortcut=QKeySequence(key))
            action.triggered.connect(slot)
            self.menu.addAction(action)
            parent.addAction(action)
            self.actions[name] = action
        self.update_for_role()

    def update_for_role(self) -> None:
        """Supervising actions only for those who supervise; anyone may export."""
        supervises = self._w.desk.actor.role in SUPERVISORS
        for name in ("assign", "urge", "escalate"):
            self.actions[name].setEnabled(supervises)

    def _selection(self) -> list[int] | None:
        """The chosen items' ids, or None (told why) when nothing or too much is chosen."""
        page = self._w.ledger
        count = page.selected_count()
        if count == 0:
            QMessageBox.information(
                self._parent,
                self.tr("批量处理"),
                self.tr("请先在台账中选择事项（可按住 Ctrl 或 Shift 多选）。"),
            )
            return None
        try:
            batch.check_size(count)
        except ValidationError as exc:
            show_error(self._parent, exc)
            return None
        return page.selected_ids()

    def _run(self, label: str, ids: list[int], act: Callable[[int], object]) -> None:
        desk = self._w.desk
        outcome = run_with_progress(
            self._parent,
            filled(self.tr("正在{0} {1} 项…"), label, str(len(ids))),
            lambda progress: desk.each(label, ids, act, progress),
        )
        if outcome is None:
            return
        self._w.ledger.refresh(keep_place=True)
        if self._w.current_item is not None:
            self._w.show_item(self._w.current_item, quiet=True)
        box = QMessageBox.warning if outcome.refused else QMessageBox.information
        box(self._parent, self.tr("批量") + label, outcome.summary())

    def assign(self) -> None:
        ids = self._selection()
        if ids is None:
            return
        units = [KEEP_UNIT, *self._w.desk.unit_names(active_only=True)]
        unit, ok = QInputDialog.getItem(
            self._parent,
            self.tr("批量交办"),
            filled(self.tr("将所选 {0} 项交办给："), str(len(ids))),
            units,
            0,
            False,
        )
        if ok:
            chosen = None if unit == KEEP_UNIT else unit
            self._run("交办", ids, lambda i: self._w.desk.assign_to(i, chosen))

    def urge(self) -> None:
        ids = self._selection()
        if ids is None:
            return
        note, ok = QInputDialog.getText(
            self._parent,
            self.tr("批量催办"),
            filled(self.tr("催办所选 {0} 项。催办说明（可不填）："), str(len(ids))),
        )
        if ok:
            self._run("催办", ids, lambda i: self._w.desk.urge(i, note.strip() or None))

    def escalate(self) -> None:
        ids = self._selection()
        if ids is None:
            return
        title = filled(self.tr("所选 {0} 项"), str(len(ids)))
        answer = EscalateDialog.ask(self._parent, title, self.tr("（各不相同）"))
        if answer is not None:
            self._run(
                "调整督办级别",
                ids,
                lambda i: self._w.desk.escalate(i, answer.level, answer.reason),
            )

    def export(self) -> None:
        ids = self._selection()
        if ids is None:
            return
        self._w.excel.export_ledger(ids)
