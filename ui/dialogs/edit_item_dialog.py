"""修改基本信息: edit an item's basic fields; a save on a stale version is resolved, not lost.

When another desktop saved the item after this dialog was opened, the service refuses the
save (“该事项已被他人修改”). The dialog then shows both sides — what the other person changed
and what this user changed — and lets the user reload (dropping their edits) or save their
edits on top of the new version (the other person's changes to other fields are kept).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from tracker.diff_text import diff_text
from tracker.errors import TrackerError, ValidationError
from tracker.item_fields import EDITABLE, field_texts
from tracker.query import ItemDetail
from tracker.services.common import ItemState, StaleItem
from tracker.services.desk import Desk
from ui.dialogs.form_parts import error_label, ok_cancel
from ui.errors import show_error

LONG_FIELDS = {"content", "remarks"}


RELOAD, KEEP, BACK = "reload", "keep", "back"


def conflict_box(parent: QWidget, message: str, details: str) -> tuple[QMessageBox, dict]:
    """The question ``ask_conflict`` asks, with its buttons mapped to RELOAD/KEEP/BACK."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(parent.tr("该事项已被他人修改"))
    box.setText(message)
    box.setInformativeText(details)
    role = QMessageBox.ButtonRole
    buttons = {
        box.addButton(parent.tr("重新载入（放弃我的修改）"), role.ResetRole): RELOAD,
        box.addButton(parent.tr("在新版本上保存我的修改"), role.AcceptRole): KEEP,
        box.addButton(parent.tr("返回修改"), role.RejectRole): BACK,
    }
    return box, buttons


def ask_conflict(parent: QWidget, message: str, details: str) -> str:
    """重新载入 / 在新版本上保存我的修改 / 返回修改 — one of RELOAD, KEEP, BACK."""
    box, buttons = conflict_box(parent, message, details)
    box.exec()
    return buttons.get(box.clickedButton(), BACK)


class EditItemDialog(QDialog):
    def __init__(self, parent: QWidget | None, desk: Desk, detail: ItemDetail) -> None:
        super().__init__(parent)
        self._desk = desk
        self.setWindowTitle(self.tr("修改基本信息 — ") + detail.code)
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout(self)
        for name, label in EDITABLE.items():
            edit = QPlainTextEdit() if name in LONG_FIELDS else QLineEdit()
            if isinstance(edit, QPlainTextEdit):
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            self.edits[name] = edit
            form.addRow(self.tr(label), edit)
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self.save, self.tr("保存")))
        self.saved: ItemState | None = None
        self.saved_change: tuple[dict[str, str], dict[str, str]] | None = None
        self._load(detail)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def _load(self, detail: ItemDetail) -> None:
        """Fill the form from ``detail``, which becomes the version edits are made on."""
        self._detail = detail
        self._base = field_texts(detail)
        for name, text in self._base.items():
            self._set(name, text)
        self.message.clear()

    def _set(self, name: str, text: str) -> None:
        edit = self.edits[name]
        if isinstance(edit, QPlainTextEdit):
            edit.setPlainText(text)
        else:
            edit.setText(text)

    def text(self, name: str) -> str:
        edit = self.edits[name]
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def changes(self) -> dict[str, str]:
        """Fields the user changed from the version they are editing."""
        return {f: self.text(f) for f in EDITABLE if self.text(f).strip() != self._base[f].strip()}

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self.accept()
            return
        try:
            self.saved = self._desk.edit_item(self._detail.id, self._detail.version, changes)
            self.saved_change = ({f: self._base[f] for f in changes}, changes)
        except StaleItem as exc:
            self._resolve(exc, changes)
            return
        except ValidationError as exc:
            self.message.setText(str(exc))
            if exc.field in self.edits:
                self.edits[exc.field].setFocus()
            return
        except TrackerError as exc:
            show_error(self, exc)
            return
        self.accept()

    def _resolve(self, exc: StaleItem, mine: dict[str, str]) -> None:
        """Show the other person's change beside the user's, and let the user choose."""
        try:
            fresh = self._desk.detail(self._detail.id)
        except TrackerError as err:
            show_error(self, err)
            return
        now = field_texts(fresh)
        theirs = {f: (self._base[f], now[f]) for f in EDITABLE if now[f] != self._base[f]}
        ours = {f: (self._base[f], mine[f]) for f in mine}
        other = diff_text(theirs, EDITABLE).replace("；", "\n")
        details = (
            self.tr("对方的修改：\n")
            + (other or self.tr("（基本信息未变，办理状态有变化）"))
            + self.tr("\n\n您的修改：\n")
            + diff_text(ours, EDITABLE).replace("；", "\n")
        )
        choice = ask_conflict(self, str(exc), details)
        if choice == RELOAD:
            self._load(fresh)
            self.message.setText(self.tr("已载入对方修改后的内容。"))
        elif choice == KEEP:
            self._load(fresh)
            for name, text in mine.items():
                self._set(name, text)
            self.save()

    @classmethod
    def edit(cls, parent: QWidget | None, desk: Desk, detail: ItemDetail) -> EditItemDialog:
        """Run the dialog; ``saved`` is the new ``ItemState`` (None when nothing was saved)
        and ``saved_change`` the (before, after) texts of the fields saved, for undo."""
        dialog = cls(parent, desk, detail)
        dialog.exec()
        return dialog
