"""Answer the window's own form dialogs in tests: the real dialog is built and submitted, so
its checks and the service's refusals run exactly as for a user."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from ui.dialogs.move_dialog import MoveDialog
from ui.dialogs.progress_dialog import ProgressDialog, ProgressInput


def answer_moves(monkeypatch, text: str | None) -> list[QDialog]:
    """Every MoveDialog gets ``text`` typed and 确定 pressed (``None``: 取消)."""
    seen: list[QDialog] = []

    def run(dialog: MoveDialog) -> int:
        seen.append(dialog)
        if text is None:
            dialog.reject()
        else:
            dialog.reason.setPlainText(text)
            dialog.submit()
        return dialog.result()

    monkeypatch.setattr(MoveDialog, "exec", run)
    return seen


def answer_progress(monkeypatch, value: ProgressInput) -> list[QDialog]:
    """Every ProgressDialog gets ``value`` typed and 报送 pressed."""
    seen: list[QDialog] = []

    def run(dialog: ProgressDialog) -> int:
        seen.append(dialog)
        dialog.text.setPlainText(value.text)
        dialog.percent.setValue(value.percent)
        dialog.problems.setText(value.problems or "")
        dialog.needs.setText(value.needs or "")
        dialog.drop_reason.setText(value.drop_reason or "")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(ProgressDialog, "exec", run)
    return seen


def answer_new_item(monkeypatch, value) -> list[QDialog]:
    """Every NewItemDialog gets ``value`` (a ``NewItem``) typed and 登记 pressed."""
    from ui.dialogs.new_item_dialog import NewItemDialog

    seen: list[QDialog] = []

    def run(dialog: NewItemDialog) -> int:
        seen.append(dialog)
        dialog.lists.setCurrentText(value.list_name)
        dialog.code.setText(value.code)
        dialog.title_edit.setText(value.title)
        dialog.unit.setCurrentText(value.lead_unit or "")
        dialog.ongoing.setChecked(value.deadline is None)
        if value.deadline is not None:
            dialog.deadline.setDate(value.deadline)
        dialog.category.setText(value.category or "")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(NewItemDialog, "exec", run)
    return seen


def answer_assign(monkeypatch, opinion: str = "", **typed) -> list[QDialog]:
    """Every AssignDialog gets ``typed`` (lead, assignee, phone: texts; deadline: a date) and
    ``opinion``, then 交办 / 确定 pressed; without ``typed`` the form is taken as it opens."""
    from ui.dialogs.assign_dialog import AssignDialog

    seen: list[QDialog] = []

    def run(dialog: AssignDialog) -> int:
        seen.append(dialog)
        if "lead" in typed:
            dialog.lead.setCurrentText(typed["lead"])
        if "assignee" in typed:
            dialog.assignee.setEditText(typed["assignee"])
        if "phone" in typed:
            dialog.phone.setText(typed["phone"])
        if "deadline" in typed:
            dialog.ongoing.setChecked(False)
            dialog.deadline.setDate(typed["deadline"])
        dialog.opinion.setPlainText(opinion)
        dialog.submit()
        if dialog.result() != QDialog.DialogCode.Accepted and dialog.past_accepted is not None:
            dialog.submit()  # a past deadline is said first; the second 交办 takes it
        return dialog.result()

    monkeypatch.setattr(AssignDialog, "exec", run)
    return seen
