"""交办 and 调整责任单位和时限 (Shift+F2) on one item, through ``AssignDialog``: the dialog
runs the service itself, so a refusal keeps the form open; afterwards the row, the panel
and the status bar show the outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from tracker.errors import TrackerError
from tracker.services.common import ItemState
from tracker.services.responsibility import deadline_is_open
from ui.dialogs.assign_dialog import AssignDialog, AssignForm
from ui.dialogs.form_parts import run_once
from ui.errors import show_error
from ui.i18n import filled

if TYPE_CHECKING:
    from ui.window_host import WindowHost


class AssignActions:
    def __init__(self, host: WindowHost, parent: QWidget) -> None:
        self._w = host
        self._parent = parent

    def _form(self, item_id: int) -> AssignForm | None:
        desk = self._w.desk
        try:
            d = desk.detail(item_id)
            current = desk.responsibility(item_id)
        except TrackerError as exc:
            show_error(self._parent, exc)
            return None
        return AssignForm(
            f"{d.code} {d.title}",
            current,
            desk.unit_names(active_only=True),
            desk.people_of,
            deadline_is_open(d.status, d.deadline_kind, d.deadline_date),
        )

    def assign(self, item_id: int) -> None:
        """交办 with unit, 责任人, deadline and 交办意见."""
        form = self._form(item_id)
        if form is None:
            return
        desk = self._w.desk
        dialog = AssignDialog(
            self._parent, form, lambda r, opinion: desk.assign_with(item_id, r, opinion)
        )
        if run_once(dialog) == QDialog.DialogCode.Accepted:
            state = dialog.result_value
            assert isinstance(state, ItemState)
            self._w.show_action_done(item_id, "交办", state)

    def correct(self, item_id: int) -> None:
        """调整责任单位和时限 of an item already registered or handed over."""
        form = self._form(item_id)
        if form is None:
            return
        desk = self._w.desk
        dialog = AssignDialog(
            self._parent,
            form,
            lambda r, _opinion: desk.set_responsibility(item_id, r),
            with_opinion=False,
        )
        if run_once(dialog) != QDialog.DialogCode.Accepted:
            return
        self._w.ledger.reload_rows([item_id])
        self._w.show_item(item_id)
        code = form.title.split(" ", 1)[0]
        self._w.show_status(
            filled(self._parent.tr("已调整责任单位和时限：{0}"), code)
            if dialog.result_value
            else self._parent.tr("责任单位和时限没有变化。")
        )
