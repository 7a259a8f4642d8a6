"""The 办理 menu: one QAction per workflow move (with a shortcut), enabled only when allowed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from tracker import workflow
from tracker.item_actions import ITEM_ACTIONS
from tracker.services.desk import Desk
from ui.dialogs.move_dialog import needs_dialog

#: Keys office PCs already bind globally (QQ and WeChat screenshots and their windows,
#: DingTalk's screenshot): a chord here would never reach the window, or fire the wrong thing.
TAKEN_GLOBALLY = frozenset({"Ctrl+Alt+A", "Ctrl+Alt+Z", "Ctrl+Alt+W", "Ctrl+Shift+A", "Alt+A"})
#: Moves that cannot be taken back: never on a Ctrl+Alt chord (a slip of the screenshot
#: key), and each opens a confirming dialog (``move_dialog``) rather than acting at once.
IRREVERSIBLE = frozenset({"approve", "supplement", "rectify", "reject", "close", "cancel"})

SHORTCUTS = {
    "submit": "Ctrl+Alt+T",
    "send_back": "Ctrl+Alt+B",
    "assign": "Ctrl+Alt+J",
    "sign": "Ctrl+Alt+Q",
    "claim": "Ctrl+Alt+L",
    "hand_back": "Ctrl+Alt+H",
    "request_closure": "Ctrl+Alt+X",
    "approve": "Ctrl+Shift+Y",
    "supplement": "Ctrl+Shift+B",
    "rectify": "Ctrl+Shift+G",
    "reject": "Ctrl+Shift+N",
    "close": "Ctrl+Shift+X",
    "suspend": "Ctrl+Alt+D",
    "resume": "Ctrl+Alt+R",
    "cancel": "Ctrl+Shift+T",
    "reopen": "Ctrl+Alt+O",
    "progress": "Ctrl+R",
    "urge": "Ctrl+U",
    "edit": "F2",
    "responsibility": "Shift+F2",
    "delete_draft": "Ctrl+Shift+Del",
    "attach": "Ctrl+Alt+F",
    "extend": "Ctrl+Alt+Y",
    "decide_extension": "Ctrl+Alt+K",
    "escalate": "Ctrl+Alt+S",
    "visit": "Ctrl+Alt+V",
}


class WorkflowActions(QObject):
    """Signals:
    requested(action): the user chose a move (or "progress" / "urge").
    """

    requested = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self._desk = desk
        self.menu = QMenu(self.tr("办理(&W)"), parent)
        self.actions: dict[str, QAction] = {}
        for a in ITEM_ACTIONS.values():
            self._add(parent, a.name, a.label + ("" if a.name == "urge" else "…"))
        self.menu.addSeparator()
        for t in workflow.TRANSITIONS.values():
            asks = needs_dialog(t.action) or t.action == "assign"  # 交办 opens the 交办单
            self._add(parent, t.action, t.label + ("…" if asks else ""))
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

    def update_for(self, item_id: int | None) -> None:
        """Enable exactly what this user may do to the item now (the services' own table,
        ``item_actions``, asked through the desk); nothing without an item."""
        allowed = self._desk.allowed_actions(item_id) if item_id is not None else set()
        for name, action in self.actions.items():
            action.setEnabled(name in allowed)
