"""Ask for a progress report: text, percent, problems (报送进展)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ui.dialogs.form_parts import answer_of, ok_cancel


@dataclass(frozen=True)
class ProgressInput:
    text: str
    percent: int
    problems: str | None


class ProgressDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, percent: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("报送进展 — ") + title)
        self.text = QPlainTextEdit()
        self.percent = QSpinBox(minimum=0, maximum=100, suffix="%", value=percent)
        self.problems = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("进展情况"), self.text)
        form.addRow(self.tr("完成百分比"), self.percent)
        form.addRow(self.tr("存在问题"), self.problems)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def value(self) -> ProgressInput:
        return ProgressInput(
            self.text.toPlainText().strip(),
            self.percent.value(),
            self.problems.text().strip() or None,
        )

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, percent: int) -> ProgressInput | None:
        return answer_of(cls(parent, title, percent))
