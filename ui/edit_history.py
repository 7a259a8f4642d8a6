"""撤销/重做 of basic-information edits (Ctrl+Z / Ctrl+Y), saved edits included.

An undo is itself a save through ``Desk.edit_item``, audited like any edit. It is
refused (not forced) when the fields it would take back no longer hold what this desk
saved — someone changed them since — and then that step is dropped and the user is told
what stands in the way. Workflow moves in between (a 催办, a 签收) do not block it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from tracker.errors import TrackerError
from tracker.item_fields import EDITABLE
from tracker.services.desk import Desk

LIMIT = 50


@dataclass
class EditStep:
    item_id: int
    code: str
    before: dict[str, str]
    after: dict[str, str]

    def fields(self) -> str:
        return "、".join(EDITABLE[f] for f in self.after)


class EditHistory(QObject):
    """Signals: applied(item_id) after an undo or redo was saved; failed(item_id,
    TrackerError) when it was refused."""

    applied = Signal(int)
    failed = Signal(int, object)

    def __init__(self, desk: Callable[[], Desk], parent: QWidget) -> None:
        super().__init__(parent)
        self._desk = desk
        self._steps: list[EditStep] = []
        self._done = 0  # steps[:done] are applied, steps[done:] undone
        self.undo_action = QAction(parent, shortcut=QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = QAction(parent)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.undo_action.triggered.connect(self.undo)
        self.redo_action.triggered.connect(self.redo)
        self._update()

    def record(self, item_id: int, code: str, change: tuple[dict, dict]) -> None:
        """A saved edit: it becomes the step Ctrl+Z takes back; undone steps are forgotten."""
        before, after = change
        del self._steps[self._done :]
        self._steps.append(EditStep(item_id, code, before, after))
        del self._steps[:-LIMIT]
        self._done = len(self._steps)
        self._update()

    def clear(self) -> None:
        """Another ledger: its items are not these."""
        self._steps, self._done = [], 0
        self._update()

    def undo(self) -> None:
        if self._done:
            self._apply(self._done - 1, undo=True)

    def redo(self) -> None:
        if self._done < len(self._steps):
            self._apply(self._done, undo=False)

    def _apply(self, index: int, undo: bool) -> None:
        step = self._steps[index]
        values, expected = (step.before, step.after) if undo else (step.after, step.before)
        desk = self._desk()
        try:
            desk.take_back_edit(step.item_id, values, expected, "撤销" if undo else "重做")
        except TrackerError as exc:
            del self._steps[index]  # it cannot be taken back (or again) any more
            self._done = index
            self._update()
            self.failed.emit(step.item_id, exc)
            return
        self._done = index if undo else index + 1
        self._update()
        self.applied.emit(step.item_id)

    def _update(self) -> None:
        undo = self._steps[self._done - 1] if self._done else None
        redo = self._steps[self._done] if self._done < len(self._steps) else None
        self.undo_action.setEnabled(undo is not None)
        self.redo_action.setEnabled(redo is not None)
        self.undo_action.setText(
            self.tr("撤销修改") + (f"：{undo.code} {undo.fields()}" if undo else "")
        )
        self.redo_action.setText(
            self.tr("重做修改") + (f"：{redo.code} {redo.fields()}" if redo else "")
        )
