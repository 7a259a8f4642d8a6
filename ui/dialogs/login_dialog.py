"""登录: who is at this desktop (shared ledgers always; a local one when required).

A refused attempt keeps the dialog open with the reason in red (wrong password with the
tries left, locked until when, stopped account); the count itself is kept by the service,
so closing and reopening the program does not reset it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from tracker.db import Database
from tracker.errors import LoginFailed, TrackerError
from tracker.services import ledger_files
from tracker.services.desk import Desk
from ui.dialogs.form_parts import error_label, ok_cancel
from ui.settings import UiSettings


class LoginDialog(QDialog):
    def __init__(self, parent: QWidget | None, db: Database, login: str = "") -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("登录 — 实事台账"))
        self.login = QLineEdit(login)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("台账：") + db.label))
        form.addRow(self.tr("用户名"), self.login)
        form.addRow(self.tr("密码"), self.password)
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self.try_login, self.tr("登录")))
        (self.password if login else self.login).setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        self.desk: Desk | None = None

    def try_login(self) -> None:
        if not self.login.text().strip():
            self.message.setText(self.tr("请输入用户名。"))
            return
        try:
            self.desk = ledger_files.log_in(self._db, self.login.text(), self.password.text())
        except LoginFailed as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        except TrackerError as exc:
            self.message.setText(str(exc))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, login: str = "") -> Desk | None:
        dialog = cls(parent, db, login)
        return dialog.desk if dialog.exec() == QDialog.DialogCode.Accepted else None


def desk_for(parent: QWidget | None, db: Database, prefs: UiSettings) -> Desk | None:
    """This desktop's user on ``db``: a login where the ledger asks for one (remembering
    the name for next time), else its administrator. None when the user gave up."""
    if not ledger_files.needs_login(db):
        return ledger_files.local_desk(db)
    desk = LoginDialog.ask(parent, db, prefs.last_login())
    if desk is not None:
        prefs.set_last_login(desk.actor.login)
    return desk
