"""交办 (and 调整责任单位和时限, Shift+F2): lead unit, co-units, 责任人, deadline, 交办意见.

The 责任人 list follows the lead unit chosen (its people from the directory, each with a
phone); a name typed that the unit does not have is registered in it on 确定. The service
checks the whole form inside the dialog, which stays open with the refusal and everything
typed. After 交办 the deadline is shown but fixed: it moves only through 申请延期.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError, ValidationError
from tracker.services.responsibility import Responsibility
from ui.dialogs.form_parts import error_label, ok_cancel, show_refusal
from ui.i18n import filled


@dataclass(frozen=True)
class AssignForm:
    """What the dialog starts from: the item, its responsibility and the directory."""

    title: str
    current: Responsibility
    units: list[str]
    people_of: Callable[[str], list[tuple[str, str | None]]]
    #: the deadline may still be set (before 交办, or never dated)
    deadline_open: bool = True


class AssignDialog(QDialog):
    """Runs ``submit(Responsibility, 交办意见)`` on 确定 and keeps its result in ``result_value``.

    ``with_opinion``: the 交办 form (with 交办意见) rather than a correction.
    """

    def __init__(
        self,
        parent: QWidget | None,
        form: AssignForm,
        submit: Callable[[Responsibility, str], object],
        with_opinion: bool = True,
    ) -> None:
        super().__init__(parent)
        self._form, self._submit = form, submit
        self.result_value: object = None
        caption = self.tr("交办 — ") if with_opinion else self.tr("调整责任单位和时限 — ")
        self.setWindowTitle(caption + form.title)
        now = form.current
        self.lead = QComboBox(editable=True)
        self.lead.addItem("")
        self.lead.addItems(form.units)
        self.lead.setCurrentText(now.lead_unit)
        self.co_filter = QLineEdit()
        self.co_filter.setPlaceholderText(self.tr("输入文字筛选单位"))
        self.co_filter.setClearButtonEnabled(True)
        self.co_units = QListWidget()
        for name in form.units:
            row = QListWidgetItem(name)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = name in now.co_units
            row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.co_units.addItem(row)
        self.co_units.setMinimumHeight(self.fontMetrics().height() * 7)
        self.co_chosen = QLabel()
        self.co_chosen.setWordWrap(True)
        self.assignee = QComboBox(editable=True)
        self.phone = QLineEdit(now.assignee_phone or "")
        self.phone.setMaxLength(32)
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        start = now.deadline or dt.date.today() + dt.timedelta(days=90)
        self.deadline.setDate(QDate(start.year, start.month, start.day))
        self.ongoing = QCheckBox(self.tr("长期坚持（没有完成时限）"))
        self.ongoing.setChecked(now.ongoing)
        self.opinion = QPlainTextEdit()
        self.opinion.setTabChangesFocus(True)
        self.opinion.setPlaceholderText(self.tr("如：请于时限前完成，每月 25 日前报送进展"))
        self.opinion.setMaximumHeight(self.fontMetrics().height() * 5)
        self.message = error_label()
        layout = QFormLayout(self)
        layout.addRow(self.tr("牵头单位"), self.lead)
        co_box = QVBoxLayout()
        co_box.addWidget(self.co_filter)
        co_box.addWidget(self.co_units)
        co_box.addWidget(self.co_chosen)
        layout.addRow(self.tr("配合单位"), co_box)
        layout.addRow(self.tr("责任人"), self.assignee)
        layout.addRow(self.tr("联系电话"), self.phone)
        when = QHBoxLayout()
        when.addWidget(self.deadline)
        when.addWidget(self.ongoing)
        when.addStretch(1)
        layout.addRow(self.tr("完成时限"), when)
        if not form.deadline_open:
            for widget in (self.deadline, self.ongoing):
                widget.setEnabled(False)
                widget.setToolTip(self.tr("已交办的事项，完成时限只能通过“申请延期”变更"))
        if with_opinion:
            layout.addRow(self.tr("交办意见"), self.opinion)
        else:
            self.opinion.hide()
        layout.addRow(self.message)
        buttons = ok_cancel(self, self.submit, self.tr("交办") if with_opinion else None)
        self._ok_text = buttons.button(QDialogButtonBox.StandardButton.Ok).text()
        layout.addRow(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)
        self.ongoing.toggled.connect(lambda on: self.deadline.setEnabled(not on))
        self.deadline.setEnabled(form.deadline_open and not now.ongoing)
        self._unit_people: set[str] = set()
        self.past_accepted: dt.date | None = None
        self.lead.currentTextChanged.connect(self._fill_people)
        self.assignee.currentIndexChanged.connect(self._take_phone)
        self.co_filter.textChanged.connect(self._filter_units)
        self.co_units.itemChanged.connect(lambda _row: self._show_chosen())
        self._fill_people(now.lead_unit, keep=now.assignee)
        self._show_chosen()

    def _fill_people(self, unit: str, keep: str | None = None) -> None:
        """The lead unit's 责任人, each with its phone. A name typed by hand stays; one of
        the previous unit's people goes with their phone (else saving would register them
        in the new unit)."""
        typed = keep if keep is not None else self.assignee.currentText().strip()
        people = self._form.people_of(unit.strip()) if unit.strip() else []
        names = {name for name, _phone in people}
        if keep is None and typed in self._unit_people and typed not in names:
            typed = ""
            self.phone.clear()
        self._unit_people = names
        self.assignee.blockSignals(True)
        self.assignee.clear()
        self.assignee.addItem("", None)
        for name, phone in people:
            self.assignee.addItem(f"{name}" + (f"（{phone}）" if phone else ""), (name, phone))
        self.assignee.setCurrentIndex(-1)
        self.assignee.setEditText(typed or "")
        self.assignee.blockSignals(False)

    def _take_phone(self, index: int) -> None:
        data = self.assignee.itemData(index)
        if data is None:
            return
        name, phone = data
        self.assignee.setEditText(name)
        if phone:
            self.phone.setText(phone)

    def _filter_units(self, text: str) -> None:
        for i in range(self.co_units.count()):
            row = self.co_units.item(i)
            row.setHidden(bool(text.strip()) and text.strip() not in row.text())

    def checked_units(self) -> tuple[str, ...]:
        rows = (self.co_units.item(i) for i in range(self.co_units.count()))
        return tuple(r.text() for r in rows if r.checkState() == Qt.CheckState.Checked)

    def _show_chosen(self) -> None:
        chosen = self.checked_units()
        self.co_chosen.setText(
            self.tr("已选：") + "、".join(chosen) if chosen else self.tr("未选配合单位")
        )

    def value(self) -> Responsibility:
        qd = self.deadline.date()
        open_ = self._form.deadline_open
        return Responsibility(
            lead_unit=self.lead.currentText().strip(),
            co_units=self.checked_units(),
            assignee=self.assignee.currentText().strip() or None,
            assignee_phone=self.phone.text().strip() or None,
            deadline=dt.date(qd.year(), qd.month(), qd.day()) if open_ else None,
            ongoing=open_ and self.ongoing.isChecked(),
        )

    def _past_deadline(self) -> dt.date | None:
        """The deadline chosen, when it is already past (the item would be overdue at once)."""
        value = self.value()
        if value.deadline is None or value.ongoing or value.deadline >= dt.date.today():
            return None
        return value.deadline

    def submit(self) -> None:
        """Save; a refusal is said here and the form keeps what was typed. A deadline
        already past is said first, and taken on the second 交办."""
        past = self._past_deadline()
        if past is not None and past != self.past_accepted:
            self.past_accepted = past
            show_refusal(
                self,
                self.message,
                filled(
                    self.tr("完成时限 {0} 已经过去，交办后即为逾期。如确实如此，请再点一次“{1}”。"),
                    past.isoformat(),
                    self._ok_text.replace("&", ""),
                ),
            )
            self.deadline.setFocus()
            return
        try:
            self.result_value = self._submit(self.value(), self.opinion.toPlainText().strip())
        except TrackerError as exc:
            show_refusal(self, self.message, str(exc))
            field = exc.field if isinstance(exc, ValidationError) else ""
            focus = {"co_units": self.co_filter, "deadline": self.deadline}
            focus.get(field, self.opinion if field == "opinion" else self.lead).setFocus()
            return
        self.accept()
