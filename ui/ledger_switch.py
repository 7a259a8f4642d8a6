"""台账 → 新建/打开台账文件, 连接数据库服务器: switch the window to another ledger.

The new ledger is opened (and its user logged in where it asks) before the old one is
closed, so a refusal — a damaged file, a wrong password, 取消 — leaves the user where they
were. The choice is remembered for the next start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from tracker.db import Database
from tracker.errors import TrackerError
from tracker.services import ledger_files
from ui.dialogs.connection_dialog import ConnectionDialog
from ui.dialogs.login_dialog import desk_for
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.window_host import WindowHost

FILE_FILTER = "实事台账文件 (*.db *.sqlite);;所有文件 (*)"


class LedgerSwitch(QObject):
    def __init__(self, host: WindowHost, parent: QWidget) -> None:
        super().__init__(parent)
        self._w = host
        self._parent = parent

    def _open(self, url: str) -> Database | None:
        try:
            return ledger_files.open_ledger(url)
        except TrackerError as exc:
            show_error(self._parent, exc)
            return None

    def _switch(self, db: Database) -> bool:
        desk = desk_for(self._parent, db, self._w.prefs)
        if desk is None:
            db.close()
            return False
        ledger_files.switch(self._w.desk, desk, self._w.use_desk)
        return True

    def open_file(self) -> None:
        """打开台账文件 (Ctrl+O): another SQLite ledger (a copy brought back on a USB stick)."""
        name, _ = QFileDialog.getOpenFileName(
            self._parent, self.tr("打开台账文件"), "", self.tr(FILE_FILTER)
        )
        if name:
            self._switch_to_file(Path(name))

    def new_file(self) -> None:
        """新建台账文件: an empty ledger (its first administrator is this desktop's user)."""
        name, _ = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("新建台账文件"),
            "实事台账.db",
            self.tr(FILE_FILTER),
        )
        if name:  # an existing ledger chosen here is opened, never overwritten
            path = Path(name)
            self._switch_to_file(path if path.suffix else path.with_suffix(".db"))

    def _switch_to_file(self, path: Path) -> None:
        current = self._w.desk.db.path
        if current is not None and current.resolve() == path.resolve():
            self._w.show_status(self.tr("这个台账已经打开。"))
            return
        db = self._open(str(path))
        if db is not None and self._switch(db):
            self._w.prefs.set_last_file(str(path))

    def connect_server(self) -> None:
        """Switch to a shared PostgreSQL ledger: address (tested), then login."""
        prefs = self._w.prefs
        dialog = ConnectionDialog.ask(self._parent, prefs.server_url())
        if dialog is None:
            return
        db = self._open(dialog.url())
        if db is not None and self._switch(db):
            prefs.set_server_url(dialog.remembered_url())
            prefs.set_last_file(None)
