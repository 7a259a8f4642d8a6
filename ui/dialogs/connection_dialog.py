"""连接数据库服务器: the shared PostgreSQL ledger's address, tested before it is used.

The address is remembered on this desktop (QSettings); the database password only when the
user ticks 记住密码, since the settings file is a plain file in the user's profile.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from sqlalchemy.engine import URL, make_url

from tracker.server_check import check_server
from ui.background import LatestOnly
from ui.dialogs.form_parts import ERROR_STYLE, ok_cancel


class ConnectionDialog(QDialog):
    """Signals: tested(ready) — a test of the address finished (its words are shown)."""

    tested = Signal(bool)

    def __init__(self, parent: QWidget | None, url: str | None = None) -> None:
        super().__init__(parent)
        self._worker = LatestOnly(self)
        self.setWindowTitle(self.tr("连接数据库服务器"))
        self.host = QLineEdit("localhost")
        self.port = QSpinBox(minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit("shishi")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("在本机记住密码"))
        self.result_line = QLabel()
        self.result_line.setWordWrap(True)
        self.result_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test = QPushButton(self.tr("测试连接(&T)"))
        test.clicked.connect(self.test)
        form = QFormLayout(self)
        form.addRow(self.tr("服务器地址"), self.host)
        form.addRow(self.tr("端口"), self.port)
        form.addRow(self.tr("数据库名"), self.database)
        form.addRow(self.tr("数据库用户"), self.user)
        form.addRow(self.tr("密码"), self.password)
        form.addRow("", self.remember)
        form.addRow(test)
        form.addRow(self.result_line)
        buttons = ok_cancel(self, self.connect_if_ok, self.tr("连接"))
        form.addRow(buttons)
        # 取消 stays live while a test runs: the user may give up on a silent server
        self._busy_buttons = [test, buttons.button(QDialogButtonBox.StandardButton.Ok)]
        if url:
            self._fill(make_url(url))
        self.resize(self.fontMetrics().averageCharWidth() * 64, self.sizeHint().height())

    def _fill(self, url: URL) -> None:
        self.host.setText(url.host or "localhost")
        self.port.setValue(url.port or 5432)
        self.database.setText(url.database or "")
        self.user.setText(url.username or "")
        self.password.setText(url.password or "")
        self.remember.setChecked(bool(url.password))

    def url(self, with_password: bool = True) -> str:
        return URL.create(
            "postgresql+psycopg",
            username=self.user.text().strip() or None,
            password=(self.password.text() or None) if with_password else None,
            host=self.host.text().strip() or None,
            port=self.port.value(),
            database=self.database.text().strip() or None,
        ).render_as_string(hide_password=False)

    def remembered_url(self) -> str:
        """What this desktop keeps: the address, and the password only if asked to."""
        return self.url(with_password=self.remember.isChecked())

    def test(self, then_accept: bool = False) -> None:
        """Connect once in the background and say what is there; ``tested(ready)`` follows.

        A server that does not answer takes seconds to give up: the dialog stays live (its
        buttons wait) instead of the whole window freezing. ``then_accept``: 连接 pressed —
        close the dialog if the ledger is ready to use.
        """
        self._say(self.tr("正在连接…"), ok=True)
        self._buttons_enabled(False)
        url = self.url()

        def done(ready: bool, message: str) -> None:
            self._buttons_enabled(True)
            self._say(message, ok=ready)
            self.tested.emit(ready)
            if ready and then_accept:
                self.accept()

        self._worker.run(
            lambda: check_server(url),
            lambda report: done(report.ready, report.message),
            lambda exc: done(False, str(exc)),
        )

    def _buttons_enabled(self, on: bool) -> None:
        for button in self._busy_buttons:
            button.setEnabled(on)

    def _say(self, text: str, ok: bool) -> None:
        self.result_line.setText(text)
        self.result_line.setStyleSheet("color: #1b5e20;" if ok else ERROR_STYLE)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def connect_if_ok(self) -> None:
        self.test(then_accept=True)

    @classmethod
    def ask(cls, parent: QWidget | None, url: str | None = None) -> ConnectionDialog | None:
        dialog = cls(parent, url)
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None
