"""Notice when other desktops change a shared ledger, so the window can show it.

Every change anywhere appends to the audit log, so the newest audit id is a cheap marker
(one primary-key lookup) that moves exactly when something changed. It is polled in a
worker thread; a server that is briefly unreachable is simply asked again next time.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from tracker.services.desk import Desk
from ui.background import LatestOnly

INTERVAL_MS = 15_000


class ChangeWatch(QObject):
    """Signals: changed() — someone (possibly this desktop) changed the ledger."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._desk: Desk | None = None
        self._marker: int | None = None
        self._worker = LatestOnly(self)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)

    def follow(self, desk: Desk, always: bool = False) -> None:
        """Watch ``desk``'s ledger: a shared one (or any, with ``always``); a local ledger
        has one writer, this program, so nothing changes behind the window's back."""
        self._desk, self._marker = desk, None
        if always or not desk.db.is_sqlite:
            self.check()
            self.timer.start()
        else:
            self.timer.stop()

    def check(self) -> None:
        if self._desk is not None and not self._worker.busy:
            self._worker.run(self._desk.change_marker, self._seen, lambda _exc: None)

    def _seen(self, marker: int | None) -> None:
        if self._marker is not None and marker != self._marker:
            self.changed.emit()
        self._marker = marker
