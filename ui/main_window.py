"""The main window: for now a summary of the open ledger (the full ledger page comes next)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from tracker.db import Database
from tracker.services import ledger


class MainWindow(QMainWindow):
    """Top-level window; receives the open database from the composition root."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db
        self.setWindowTitle(self.tr("实事台账"))
        self.summary = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.summary.setWordWrap(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.summary)
        self.setCentralWidget(central)
        self.statusBar().showMessage(self.tr("数据库：") + self._where())
        self.refresh()

    def refresh(self) -> None:
        """Re-read the counts shown in the summary."""
        with self._db.sessions.begin() as s:
            total = ledger.count_items(s, ledger.ItemFilter())
            overdue = ledger.count_items(s, ledger.ItemFilter(overdue_only=True))
        self.summary.setText(
            self.tr("台账共 {total} 项，其中逾期未办结 {overdue} 项。")
            .replace("{total}", str(total))
            .replace("{overdue}", str(overdue))
        )

    def _where(self) -> str:
        if self._db.path is not None:
            return str(self._db.path)
        return self._db.engine.url.render_as_string()
