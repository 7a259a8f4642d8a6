"""Register a new item (Ctrl+N): list, code, title, lead unit, deadline or 长期坚持.

The service checks the registration inside the dialog: a refusal (an empty title, a unit
not in the directory, a code in use) is said in the red line and everything typed stays.
A ledger without any list says so and offers 新建清单 right here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tracker.errors import TrackerError, ValidationError
from tracker.services.admin_desk import AdminDesk
from tracker.services.common import ItemState
from tracker.services.desk import Desk
from ui.dialogs import admin_dialogs
from ui.dialogs.form_parts import error_label, ok_cancel, show_refusal


@dataclass(frozen=True)
class NewItem:
    list_name: str
    code: str
    title: str
    lead_unit: str | None
    deadline: dt.date | None
    category: str | None


class NewItemDialog(QDialog):
    """Runs ``submit(NewItem)`` on 登记 and keeps the registered item's state in ``state``."""

    def __init__(
        self,
        parent: QWidget | None,
        desk: Desk,
        submit: Callable[[NewItem], ItemState] | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._submit = submit
        self.state: ItemState | None = None
        self.setWindowTitle(self.tr("登记新事项"))
        self.lists = QComboBox()
        self.new_list = QPushButton(self.tr("新建清单(&L)…"))
        self.new_list.clicked.connect(self.add_list)
        self.new_list.setEnabled(AdminDesk(desk).supervises)
        self.code = QLineEdit()
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.unit = QComboBox(editable=True)
        self.unit.addItem("")
        self.unit.addItems(desk.unit_names(active_only=True))
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setDate(QDate.currentDate().addMonths(3))
        self.ongoing = QCheckBox(self.tr("长期坚持（没有完成时限）"))
        self.category = QLineEdit()
        list_row = QHBoxLayout()
        list_row.addWidget(self.lists, 1)
        list_row.addWidget(self.new_list)
        form = QFormLayout(self)
        form.addRow(self.tr("清单"), list_row)
        for label, widget in (
            (self.tr("编号"), self.code),
            (self.tr("事项名称"), self.title_edit),
            (self.tr("牵头单位"), self.unit),
            (self.tr("完成时限"), self.deadline),
            ("", self.ongoing),
            (self.tr("领域"), self.category),
        ):
            form.addRow(label, widget)
        self.message = error_label()
        form.addRow(self.message)
        self.buttons = ok_cancel(self, self.submit, self.tr("登记"))
        form.addRow(self.buttons)
        self.ongoing.toggled.connect(lambda on: self.deadline.setEnabled(not on))
        self.lists.currentTextChanged.connect(lambda name: self.code.setText(desk.next_code(name)))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 32)
        self._fill_lists()

    def _fill_lists(self, chosen: str | None = None) -> None:
        """The ledger's lists; without any, 登记 waits for one and the red line says why."""
        names = self._desk.list_names(active_only=True)
        self.lists.clear()
        self.lists.addItems(names)
        if chosen in names:
            self.lists.setCurrentText(chosen)
        self.code.setText(self._desk.next_code(self.lists.currentText()))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(names))
        if names:
            self.message.clear()
        elif self.new_list.isEnabled():
            self.message.setText(self.tr("台账里还没有清单。请先点“新建清单”，或关闭后导入清单。"))
        else:
            self.message.setText(self.tr("台账里还没有清单，请督查室先新建或导入清单。"))

    def add_list(self) -> None:
        form = admin_dialogs.list_form(self, AdminDesk(self._desk))
        if form.run():
            name_edit = form.inputs[0]
            assert isinstance(name_edit, QLineEdit)
            self._fill_lists(name_edit.text().strip())
            self.title_edit.setFocus()

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

    def submit(self) -> None:
        """Register; a refusal is said here and the form keeps what was typed."""
        if self._submit is None:
            self.accept()
            return
        try:
            self.state = self._submit(self.value())
        except TrackerError as exc:
            show_refusal(self, self.message, str(exc))
            field = exc.field if isinstance(exc, ValidationError) else ""
            {"code": self.code, "lead_unit": self.unit}.get(field, self.title_edit).setFocus()
            return
        self.accept()
