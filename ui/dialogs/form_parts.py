"""Pieces every form-like dialog repeats: a path with 浏览…, a red message line, OK/取消."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

#: How a message that stops the user (bad input, a failed step) is coloured.
ERROR_STYLE = "color: #b00020;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("form_parts", text)


def browse_row(edit: QLineEdit, browse: Callable[[], None]) -> QHBoxLayout:
    """``edit`` stretched, with a 浏览… button calling ``browse`` beside it."""
    button = QPushButton(_tr("浏览(&B)…"))
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


def choose_folder(parent: QWidget, edit: QLineEdit) -> None:
    """浏览… for a folder: the chosen one goes into ``edit``."""
    chosen = QFileDialog.getExistingDirectory(parent, _tr("选择文件夹"), edit.text())
    if chosen:
        edit.setText(chosen)


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def show_refusal(dialog: QDialog, label: QLabel, text: str) -> None:
    """Say why in the dialog's red line and grow the dialog to the wrapped text: a form
    layout does not grow by itself, and a two-line refusal would be cut in half."""
    label.setText(text)
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = dialog.width()
    height = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
    height = max(height, layout.sizeHint().height())
    if height > dialog.height():
        dialog.resize(width, height)


def ok_cancel(
    dialog: QDialog, on_ok: Callable[[], None] | None = None, ok_text: str | None = None
) -> QDialogButtonBox:
    """OK (renamed to ``ok_text``, calling ``on_ok`` or accepting) and 取消 (rejecting)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def run_once(dialog: QDialog) -> int:
    """Run a dialog made for this one use and delete it afterwards (each use of a menu
    would otherwise leave one behind under the window). Its Python attributes stay
    readable by the caller."""
    result = dialog.exec()
    dialog.deleteLater()
    return result


def answer_of(dialog: Any) -> Any:
    """Run a form dialog; its ``value()`` if the user confirmed, else None."""
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
