"""What every step of the import wizard shares: the plan's state and a status line."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizardPage

from ui.dialogs.form_parts import ERROR_STYLE
from ui.import_wizard.state import ImportState


class Page(QWizardPage):
    """A wizard page with a status line at the bottom: busy, or what is wrong."""

    def __init__(self, state: ImportState, title: str, subtitle: str) -> None:
        super().__init__()
        self.state = state
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.body = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._stale = False
        state.planned.connect(self._planned)
        state.busy.connect(self._busy)

    def finish_layout(self) -> None:
        self.body.addWidget(self.status)

    def _busy(self, busy: bool) -> None:
        if busy:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("正在分析表格…"))

    def _planned(self) -> None:
        error = self.state.error
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(str(error) if error else self.summary())
        if self.isVisible():
            self.redraw()
        else:  # a page left behind is redrawn when the clerk comes back to it
            self._stale = True
        self.completeChanged.emit()

    def initializePage(self) -> None:
        self._stale = False
        self.redraw()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.redraw()
        super().showEvent(event)

    def summary(self) -> str:
        return ""

    def redraw(self) -> None:
        """Show the current plan (called when it changes and when the page is entered)."""
