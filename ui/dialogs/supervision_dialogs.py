"""Small dialogs for supervision moves: 申请延期, 审批延期, 调整督办级别.

Each asks for exactly what its service needs and checks what it can before the service
does (a reason, a later date), so the user is told in the dialog rather than after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from tracker.enums import Escalation
from tracker.query import PendingExtension
from ui.dialogs.form_parts import answer_of, error_label, ok_cancel
from ui.qt_values import day_of


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _reason_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * 4 + 12)
    return box


def _accept_if(dialog: QDialog, ok: bool, refusal: str) -> None:
    """Close the dialog with OK, or keep it open saying why not (in its red line)."""
    if ok:
        dialog.accept()
    else:
        dialog.message.setText(refusal)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ExtensionRequest:
    new_date: dt.date
    reason: str


class ExtensionDialog(QDialog):
    """申请延期: a date after the current deadline, and why."""

    def __init__(self, parent: QWidget | None, title: str, deadline: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("申请延期 — ") + title)
        self._deadline = deadline
        self.new_date = QDateEdit(_qdate(deadline + dt.timedelta(days=30)))
        self.new_date.setCalendarPopup(True)
        self.new_date.setMinimumDate(_qdate(deadline + dt.timedelta(days=1)))
        self.reason = _reason_box()
        form = QFormLayout(self)
        form.addRow(self.tr("现完成时限"), QLabel(deadline.isoformat()))
        form.addRow(self.tr("延期至"), self.new_date)
        form.addRow(self.tr("延期理由"), self.reason)
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self._check, self.tr("提交申请")))

    def _check(self) -> None:
        _accept_if(self, bool(self.reason.toPlainText().strip()), self.tr("请说明延期理由。"))

    def value(self) -> ExtensionRequest:
        return ExtensionRequest(day_of(self.new_date), self.reason.toPlainText().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, deadline: dt.date) -> ExtensionRequest | None:
        return answer_of(cls(parent, title, deadline))


@dataclass(frozen=True)
class ExtensionDecision:
    approve: bool
    comment: str | None


class DecideExtensionDialog(QDialog):
    """审批延期: the request as filed, 批准 or 不批准 (with the reason a refusal needs)."""

    def __init__(self, parent: QWidget | None, title: str, request: PendingExtension) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("审批延期 — ") + title)
        self.approve = QRadioButton(self.tr("批准"))
        self.refuse = QRadioButton(self.tr("不批准"))
        self.approve.setChecked(True)
        self.comment = _reason_box()
        form = QFormLayout(self)
        form.addRow(self.tr("申请时间"), QLabel(f"{request.requested_at:%Y-%m-%d %H:%M}"))
        form.addRow(self.tr("完成时限"), QLabel(f"{request.old_date} → {request.new_date}"))
        reason = QLabel(request.reason)
        reason.setWordWrap(True)
        form.addRow(self.tr("申请理由"), reason)
        form.addRow(self.tr("审批意见"), self.approve)
        form.addRow("", self.refuse)
        form.addRow(self.tr("说明"), self.comment)
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self._check))

    def _check(self) -> None:
        explained = self.approve.isChecked() or bool(self.comment.toPlainText().strip())
        _accept_if(self, explained, self.tr("不批准延期必须写明理由。"))

    def value(self) -> ExtensionDecision:
        return ExtensionDecision(
            self.approve.isChecked(), self.comment.toPlainText().strip() or None
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, request: PendingExtension
    ) -> ExtensionDecision | None:
        return answer_of(cls(parent, title, request))


@dataclass(frozen=True)
class EscalationChoice:
    level: Escalation
    reason: str


class EscalateDialog(QDialog):
    """调整督办级别: the new level (the current one is not offered) and why."""

    def __init__(self, parent: QWidget | None, title: str, current: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("调整督办级别 — ") + title)
        self.level = QComboBox()
        for level in Escalation:
            if level.label != current:
                self.level.addItem(level.label, level)
        self.reason = _reason_box()
        form = QFormLayout(self)
        form.addRow(self.tr("现督办级别"), QLabel(current))
        form.addRow(self.tr("调整为"), self.level)
        form.addRow(self.tr("理由"), self.reason)
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self._check))

    def _check(self) -> None:
        _accept_if(
            self, bool(self.reason.toPlainText().strip()), self.tr("调整督办级别必须填写理由。")
        )

    def value(self) -> EscalationChoice:
        return EscalationChoice(self.level.currentData(), self.reason.toPlainText().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, current: str) -> EscalationChoice | None:
        return answer_of(cls(parent, title, current))
