"""Register a new item (Ctrl+N): list, code, title, lead unit, deadline or 长期坚持."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from tracker.services.desk import Desk
from ui.dialogs.form_parts import ok_cancel


@dataclass(frozen=True)
class NewItem:
    list_name: str
    code: str
    title: str
    lead_unit: str | None
    deadline: dt.date | None
    category: str | None


class NewItemDialog(QDialog):
    def __init__(self, parent: QWidget | None, desk: Desk) -> None:
        super().__init__(parent)
        self._desk = desk
        self.setWindowTitle(self.tr("登记新事项"))
        self.lists = QComboBox()
        self.lists.addItems(desk.list_names())
        self.code = QLineEdit()
        self.title_edit = QLineEdit()
        self.unit = QComboBox(editable=True)
        self.unit.addItem("")
        self.unit.addItems(desk.unit_names())
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy年M月d日")
        self.deadline.setDate(QDate.currentDate().addMonths(3))
        self.ongoing = QCheckBox(self.tr("长期坚持（没有完成时限）"))
        self.category = QLineEdit()
        form = QFormLayout(self)
        for label, widget in (
            (self.tr("清单"), self.lists),
            (self.tr("编号"), self.code),
            (self.tr("事项名称"), self.title_edit),
            (self.tr("牵头单位"), self.unit),
            (self.tr("完成时限"), self.deadline),
            ("", self.ongoing),
            (self.tr("领域"), self.category),
        ):
            form.addRow(label, widget)
        buttons = ok_cancel(self)
        form.addRow(buttons)
        self.ongoing.toggled.connect(lambda on: self.deadline.setEnabled(not on))
        self.lists.currentTextChanged.connect(lambda name: self.code.setText(desk.next_code(name)))
        self.code.setText(desk.next_code(self.lists.currentText()))

    def value(self) -> NewItem:
        qd = self.deadline.date()
        return NewItem(
            self.lists.currentText(),
            self.code.text().strip(),
            self.title_edit.text().strip(),
            self.unit.currentText().strip() or None,
            None if self.ongoing.isChecked() else dt.date(qd.year(), qd.month(), qd.day()),
            self.category.text().strip() or None,
        )

    @classmethod
    def ask(cls, parent: QWidget | None, desk: Desk) -> NewItem | None:
        dialog = cls(parent, desk)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
