"""回访评价: record the public's verdict on a finished item (date, rating, contact, solved)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tracker.enums import Rating
from tracker.services.surveys import Visit
from ui.dialogs.form_parts import answer_of, error_label, ok_cancel
from ui.qt_values import day_of

METHODS = ("电话回访", "上门回访", "座谈", "问卷", "网络")


def _yes_no(parent: QWidget) -> QComboBox:
    box = QComboBox()
    for label, value in (
        (parent.tr("未记录"), None),
        (parent.tr("是"), True),
        (parent.tr("否"), False),
    ):
        box.addItem(label, value)
    return box


class VisitDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("回访评价 — ") + title)
        today = today or dt.date.today()
        self.visited_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.visited_on.setCalendarPopup(True)
        self.visited_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.rating = QComboBox()
        self.rating.addItem(self.tr("未评价"), None)
        for r in Rating:
            self.rating.addItem(r.label, r)
        self.rating.setCurrentIndex(1)
        self.contacted, self.solved = _yes_no(self), _yes_no(self)
        self.method = QComboBox(editable=True)
        self.method.addItems(METHODS)
        self.respondent = QLineEdit()
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        form = QFormLayout(self)
        form.addRow(self.tr("回访日期"), self.visited_on)
        form.addRow(self.tr("满意度"), self.rating)
        form.addRow(self.tr("联系上群众"), self.contacted)
        form.addRow(self.tr("问题已解决"), self.solved)
        form.addRow(self.tr("回访方式"), self.method)
        form.addRow(self.tr("受访群众"), self.respondent)
        form.addRow(self.tr("群众意见"), self.comment)
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self._check))

    def _check(self) -> None:
        if self.rating.currentData() is None and self.contacted.currentData() is None:
            self.message.setText(self.tr("请至少选择满意度，或记录是否联系上群众。"))
            return
        self.accept()

    def value(self) -> Visit:
        return Visit(
            rating=self.rating.currentData(),
            visited_on=day_of(self.visited_on),
            contacted=self.contacted.currentData(),
            solved=self.solved.currentData(),
            method=self.method.currentText().strip() or None,
            respondent=self.respondent.text().strip() or None,
            comment=self.comment.toPlainText().strip() or None,
        )

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> Visit | None:
        return answer_of(cls(parent, title))
