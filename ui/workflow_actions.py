"""The 办理 menu: one QAction per workflow move (with a shortcut), enabled only when allowed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from tracker import workflow
from tracker.enums import Role
from tracker.services.desk import Desk

SHORTCUTS = {
    "submit": "Ctrl+Alt+T",
    "send_back": "Ctrl+Alt+B",
    "assign": "Ctrl+Alt+J",
    "sign": "Ctrl+Alt+Q",
    "claim": "Ctrl+Alt+L",
    "hand_back": "Ctrl+Alt+H",
    "request_closure": "Ctrl+Alt+X",
    "approve": "Ctrl+Alt+A",
    "supplement": "Ctrl+Alt+P",
    "rectify": "Ctrl+Alt+Z",
    "reject": "Ctrl+Alt+N",
    "close": "Ctrl+Alt+C",
    "suspend": "Ctrl+Alt+D",
    "resume": "Ctrl+Alt+R",
    "cancel": "Ctrl+Alt+E",
    "reopen": "Ctrl+Alt+O",
    "progress": "Ctrl+R",
    "urge": "Ctrl+U",
    "edit": "F2",
}
EXTRA = {"edit": "修改基本信息…", "progress": "报送进展…", "urge": "催办"}
#: Who may edit basic information, and in which states it is frozen (see services.editing).
EDITORS = (Role.ADMIN, Role.SUPERVISOR)
FROZEN = ("closed", "cancelled")


class WorkflowActions(QObject):
    """Signals:
    requested(action): the user chose a move (or "progress" / "urge").
    """

    requested = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self._desk = desk
        self.menu = QMenu(parent.tr("办理(&W)"), parent)
        self.actions: dict[str, QAction] = {}
        for name, label in EXTRA.items():
            self._add(parent, name, label)
        self.menu.addSeparator()
        for t in workflow.TRANSITIONS.values():
            self._add(parent, t.action, t.label + ("…" if t.needs_reason else ""))
        self.update_for(None)

    def use_desk(self, desk: Desk) -> None:
        """Work on a reopened ledger (after a restore from backup)."""
        self._desk = desk

    def _add(self, parent: QWidget, name: str, label: str) -> None:
        action = QAction(label, parent, shortcut=QKeySequence(SHORTCUTS[name]))
        action.triggered.connect(lambda _=False, n=name: self.requested.emit(n))
        self.menu.addAction(action)
        parent.addAction(action)  # shortcuts work without opening the menu
        self.actions[name] = action

    def update_for(self, status: str | None) -> None:
        """Enable exactly the moves this user may take on an item in ``status``."""
        allowed = {t.action for t in self._desk.allowed_actions(status)} if status else set()
        for name, action in self.actions.items():
            if name == "edit":
                action.setEnabled(
                    status is not None and status not in FROZEN and self._desk.actor.role in EDITORS
                )
            elif name == "progress":
                action.setEnabled(status in ("in_progress", "closure_requested"))
            elif name == "urge":
                action.setEnabled(
                    status in ("registered", "assigned", "in_progress", "closure_requested")
                    and "assign"
                    in {
                        t.action
                        for t in workflow.TRANSITIONS.values()
                        if self._desk.actor.role in t.roles
                    }
                )
            else:
                action.setEnabled(name in allowed)
