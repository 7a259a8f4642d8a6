"""The 办理 menu's supervision actions on the current item: evidence, extension, escalation,
visit. Each asks in its dialog for what its service needs, then runs it through the main
window (which shows errors in Chinese, reloads the row and the panel)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QFileDialog, QWidget

from tracker.errors import TrackerError
from tracker.query import ItemDetail
from tracker.services.common import ItemState
from ui.dialogs.supervision_dialogs import (
    DecideExtensionDialog,
    EscalateDialog,
    ExtensionDecision,
    ExtensionDialog,
    ExtensionRequest,
)
from ui.dialogs.visit_dialog import VisitDialog
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.window_host import WindowHost

EVIDENCE_FILTER = "佐证材料 (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xls *.xlsx *.wps *.et *.ofd *.zip);;所有文件 (*)"


T = TypeVar("T")


def _title(d: ItemDetail) -> str:
    return f"{d.code} {d.title}"


class SupervisionActions:
    def __init__(self, host: WindowHost, parent: QWidget) -> None:
        self._w = host
        self._parent = parent

    def _detail(self, item_id: int) -> ItemDetail | None:
        try:
            return self._w.desk.detail(item_id)
        except TrackerError as exc:
            show_error(self._parent, exc)
            return None

    def attach(self, item_id: int) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._parent, self._parent.tr("选择佐证材料"), "", self._parent.tr(EVIDENCE_FILTER)
        )
        if files:
            paths = [Path(f) for f in files]
            self._w.run_item_action(
                item_id, "上传佐证材料", lambda: self._w.desk.add_attachments(item_id, paths)
            )

    def _ask_and_run(
        self,
        item_id: int,
        label: str,
        ask: Callable[[ItemDetail], T | None],
        act: Callable[[T], ItemState],
    ) -> None:
        """Ask the user (given the item's record), then run the service with the answer."""
        d = self._detail(item_id)
        answer = ask(d) if d is not None else None
        if answer is not None:
            self._w.run_item_action(item_id, label, lambda: act(answer))

    def request_extension(self, item_id: int) -> None:
        def ask(d: ItemDetail) -> ExtensionRequest | None:
            if d.deadline_date is None:
                show_error(self._parent, TrackerError("长期坚持事项没有完成时限，无需延期。"))
                return None
            return ExtensionDialog.ask(self._parent, _title(d), d.deadline_date)

        desk = self._w.desk
        self._ask_and_run(
            item_id,
            "申请延期",
            ask,
            lambda a: desk.request_extension(item_id, a.new_date, a.reason),
        )

    def decide_extension(self, item_id: int) -> None:
        desk = self._w.desk

        def ask(d: ItemDetail) -> ExtensionDecision | None:
            request = d.pending_extension
            return DecideExtensionDialog.ask(self._parent, _title(d), request) if request else None

        self._ask_and_run(
            item_id, "审批延期", ask, lambda a: desk.decide_extension(item_id, a.approve, a.comment)
        )

    def escalate(self, item_id: int) -> None:
        desk = self._w.desk
        self._ask_and_run(
            item_id,
            "调整督办级别",
            lambda d: EscalateDialog.ask(self._parent, _title(d), d.escalation_label),
            lambda a: desk.escalate(item_id, a.level, a.reason),
        )

    def visit(self, item_id: int) -> None:
        desk = self._w.desk
        self._ask_and_run(
            item_id,
            "登记回访",
            lambda d: VisitDialog.ask(self._parent, _title(d)),
            lambda a: desk.record_visit(item_id, a),
        )
