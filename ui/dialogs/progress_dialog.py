"""报送进展: text, percent, problems and needs, checked by the service inside the dialog.

The unit's last 存在问题 and 需协调事项 are filled in: they stay on the supervisors' 需协调
list until the unit clears them, so a routine report does not silently drop them. A percent
lower than the item's asks for the reason (the 销号 gate's rule) in its own box, shown
only then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from tracker.errors import TrackerError, ValidationError
from tracker.services.common import ItemState
from ui.dialogs.form_parts import error_label, ok_cancel, show_refusal


@dataclass(frozen=True)
class ProgressInput:
    """``problems``/``needs``: as typed ("" clears them; ``None`` keeps the last ones)."""

    text: str
    percent: int
    problems: str | None
    needs: str | None = None
    drop_reason: str | None = None


@dataclass(frozen=True)
class LastReport:
    """What the dialog starts from: the item's percent and the unit's open points."""

    percent: int
    problems: str | None = None
    needs: str | None = None


class ProgressDialog(QDialog):
    """Runs ``submit(ProgressInput)`` on 确定 and keeps the state in ``state``."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        last: LastReport,
        submit: Callable[[ProgressInput], ItemState],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("报送进展 — ") + title)
        self._last, self._submit = last, submit
        self.state: ItemState | None = None
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.percent = QSpinBox(minimum=0, maximum=100, suffix="%", value=last.percent)
        self.drop_reason = QLineEdit()
        self.drop_reason.setPlaceholderText(self.tr("如纠正误报、情况变化"))
        self.problems = QLineEdit(last.problems or "")
        self.needs = QLineEdit(last.needs or "")
        self.needs.setPlaceholderText(self.tr("请督查室协调解决的事项；已解决请清空"))
        form = QFormLayout(self)
        form.addRow(self.tr("进展情况"), self.text)
        form.addRow(self.tr("完成百分比"), self.percent)
        self._drop_label = QLabel(self.tr("调低原因"))
        form.addRow(self._drop_label, self.drop_reason)
        form.addRow(self.tr("存在问题"), self.problems)
        form.addRow(self.tr("需协调事项"), self.needs)
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self.submit, self.tr("报送")))
        self.percent.valueChanged.connect(self._show_drop)
        self._show_drop()

    def _show_drop(self) -> None:
        lower = self.percent.value() < self._last.percent
        self._drop_label.setVisible(lower)
        self.drop_reason.setVisible(lower)

    def value(self) -> ProgressInput:
        lower = self.percent.value() < self._last.percent
        return ProgressInput(
            self.text.toPlainText().strip(),
            self.percent.value(),
            self.problems.text().strip(),
            self.needs.text().strip(),
            (self.drop_reason.text().strip() or None) if lower else None,
        )

    def submit(self) -> None:
        """Report; a refusal (empty text, a lowered percent without its reason) is said
        here and everything typed stays."""
        try:
            self.state = self._submit(self.value())
        except TrackerError as exc:
            show_refusal(self, self.message, str(exc))
            if isinstance(exc, ValidationError):
                field = {"drop_reason": self.drop_reason, "percent": self.percent}
                field.get(exc.field, self.text).setFocus()
            return
        self.accept()
