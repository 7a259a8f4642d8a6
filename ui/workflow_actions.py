"""The 办理 menu: one QAction per workflow move (with a shortcut), enabled only when allowed."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from tracker import workflow
from tracker.enums import ACTIVE_STATUSES, DONE_STATUSES, SUPERVISORS, Role, Status
from tracker.services.desk import Desk
from tracker.services.editing import FINISHED
from tracker.workflow import UNIT

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
    "attach": "Ctrl+Alt+F",
    "extend": "Ctrl+Alt+Y",
    "decide_extension": "Ctrl+Alt+K",
    "escalate": "Ctrl+Alt+S",
    "visit": "Ctrl+Alt+V",
}
#: Actions beside the state moves: (menu label, roles, states where offered), in the
#: services' own role sets. The services check the same rules (and unit scope) again; this
#: only keeps the menu honest.
EXTRA: dict[str, tuple[str, Collection[Role], Collection[Status]]] = {
    "edit": ("修改基本信息…", SUPERVISORS, frozenset(Status) - FINISHED),
    "progress": ("报送进展…", UNIT, {Status.IN_PROGRESS, Status.CLOSURE_REQUESTED}),
    "urge": ("催办", SUPERVISORS, ACTIVE_STATUSES),
    "attach": ("上传佐证材料…", UNIT, frozenset(Status) - {Status.DRAFT, Status.CANCELLED}),
    "extend": ("申请延期…", UNIT, ACTIVE_STATUSES),
    "decide_extension": ("审批延期…", SUPERVISORS, ACTIVE_STATUSES),
    "escalate": ("调整督办级别…", SUPERVISORS, ACTIVE_STATUSES | {Status.SUSPENDED}),
    "visit": ("回访评价…", SUPERVISORS, DONE_STATUSES),
}


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
        for name, (label, _roles, _states) in EXTRA.items():
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

    def update_for(self, status: str | None, pending_extension: bool = False) -> None:
        """Enable exactly the moves this user may take on an item in ``status``."""
        allowed = {t.action for t in self._desk.allowed_actions(status)} if status else set()
        role = self._desk.actor.role
        for name, action in self.actions.items():
            if name in EXTRA:
                _label, roles, states = EXTRA[name]
                ok = status is not None and role in roles and Status(status) in states
                if name == "decide_extension":
                    ok = ok and pending_extension
                action.setEnabled(ok)
            else:
                action.setEnabled(name in allowed)
